/* complete.h - the hidden verb `ozgtui complete WHAT [PREFIX]` behind the bash
 * and zsh completions (completions/ozgtui.bash, completions/_ozgtui).
 *
 * Prints one candidate per line, those that start with PREFIX (folded: case
 * and accents do not matter, so "ums" completes to "Umsetzung"):
 *
 *   verbs            the commands of `ozgtui --help`
 *   options VERB     the --options of a verb (from its usage line)
 *   phases           phase names of the database
 *   fields           topic-field slugs
 *   projects         project numbers (with --describe: "NUMBER<TAB>title")
 *   themes           theme names found in the theme directories
 *   formats VERB     the --format values of a verb
 *
 * Without a database (or on any error) it prints nothing and exits 0: a
 * completion must never print an error into the user's command line.
 */
#ifndef OZGTUI_COMPLETE_H
#define OZGTUI_COMPLETE_H

#include "ozgtui/cmd.h"

/* argv[0] is "complete". Returns STATUS_OK, or STATUS_USAGE for an unknown WHAT. */
enum status complete_run(struct cmd_ctx *ctx, int argc, char **argv);

#endif
