/* config.c - the user's configuration file (INI through libinih; format in config.h).
 *
 * libinih reports only the first syntax error and has no line numbers in its
 * handler, so lines reach it through our own reader: it counts lines, checks
 * each one's shape (every bad line is reported, not just the first), strips
 * leading blanks (no continuation lines) and hands inih only well-formed lines.
 */
#include "ozgtui/config.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ozgtui/i18n.h"
#include "ozgtui/refdata.h"

void config_init(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->phases = -1;
	c->rep_policy = -1;
}

static void str_fini(struct config_str *s)
{
	free(s->value);
	s->value = NULL;
	s->line = 0;
}

void config_fini(struct config *c)
{
	if (!c)
		return;
	free(c->path);
	str_fini(&c->database);
	str_fini(&c->theme);
	str_fini(&c->keys);
	str_fini(&c->language);
	str_fini(&c->gate_scope);
	str_fini(&c->gate_team);
	config_init(c);
}

char *config_default_path(void)
{
	const char *x = getenv("XDG_CONFIG_HOME");
	if (x && *x)
		return xasprintf("%s/ozgtui/config", x);
	const char *h = getenv("HOME");
	return xasprintf("%s/.config/ozgtui/config", h && *h ? h : ".");
}

struct parse {
	struct config *c;
	const char *name;        /* the file as named in messages */
	struct strv *problems;
	bool bad;
	/* reader state */
	const char *text;
	unsigned line;           /* the line inih is working on */
	char section[64];        /* the section of the line (our own count) */
	/* keys seen per section: "section\nkey" -> line, for duplicates */
	struct strv seen;
};

static void problem(struct parse *p, unsigned line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void problem(struct parse *p, unsigned line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	char *full = xasprintf("%s:%u: %s", p->name, line, msg);
	strv_push(p->problems, full);
	free(full);
	p->bad = true;
}

static bool is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v';
}

/* The reader inih calls for each line: one line of p->text into str, checked. */
static char *reader(char *str, int num, void *stream)
{
	struct parse *p = stream;
	if (!*p->text)
		return NULL;
	const char *nl = strchr(p->text, '\n');
	size_t len = nl ? (size_t)(nl - p->text) : strlen(p->text);
	const char *line = p->text;
	p->text += len + (nl ? 1 : 0);
	p->line++;
	while (len && is_blank(*line)) {
		line++;
		len--;
	}
	while (len && is_blank(line[len - 1]))
		len--;
	str[0] = '\0';
	if (len == 0 || line[0] == '#' || line[0] == ';')
		return str;
	if (!text_valid_utf8(line, len)) {
		problem(p, p->line, "%s", _("not valid UTF-8"));
		return str;
	}
	if ((int)len + 2 > num) {
		problem(p, p->line, _("line too long (at most %d characters)"), num - 2);
		return str;
	}
	if (line[0] == '[') {
		const char *close = memchr(line, ']', len);
		if (!close || close != line + len - 1) {
			problem(p, p->line, "%s", _("expected '[section]'"));
			return str;
		}
		size_t n = (size_t)(close - line - 1);
		snprintf(p->section, sizeof p->section, "%.*s", (int)(n < sizeof p->section ? n : sizeof p->section - 1),
			 line + 1);
		text_trim(p->section);
		if (*p->section && strcmp(p->section, "general") != 0 && strcmp(p->section, "new-database") != 0)
			problem(p, p->line, _("unknown section [%s] (sections: [general], [new-database]); its keys are ignored"),
				p->section);
	} else if (!memchr(line, '=', len)) {
		problem(p, p->line, "%s", _("expected 'key = value'"));
		return str;
	}
	memcpy(str, line, len);
	str[len] = '\n';
	str[len + 1] = '\0';
	return str;
}

/* Drops a trailing " # comment" (inih itself only knows " ;"). */
static char *value_of(const char *v)
{
	char *s = xstrdup(v);
	for (char *h = strchr(s, '#'); h; h = strchr(h + 1, '#')) {
		if (h > s && is_blank(h[-1])) {
			*h = '\0';
			break;
		}
	}
	text_trim(s);
	return s;
}

static bool parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = {"true", "yes", "on", "1"};
	static const char *const no[] = {"false", "no", "off", "0"};
	for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return true;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}

/* ~/x, an absolute path, or a path relative to the config file's directory. */
static char *expand_path(const char *name, const char *v)
{
	if (v[0] == '~' && (v[1] == '/' || v[1] == '\0')) {
		const char *h = getenv("HOME");
		return xasprintf("%s%s", h && *h ? h : ".", v + 1);
	}
	if (v[0] == '/')
		return xstrdup(v);
	const char *slash = strrchr(name, '/');
	if (!slash)
		return xstrdup(v);
	return xasprintf("%.*s/%s", (int)(slash - name), name, v);
}

static void set_str(struct config_str *s, char *v, unsigned line)
{
	free(s->value);
	s->value = v;
	s->line = line;
}

static const char *const general_keys = "database, theme, color, mouse, a11y, keys, language";
static const char *const newdb_keys = "phases, rep-policy, gate-scope, gate-team";

static void general(struct parse *p, const char *key, char *v)
{
	struct config *c = p->c;
	unsigned l = p->line;
	bool b;
	if (strcmp(key, "database") == 0) {
		if (!*v) {
			problem(p, l, "%s", _("database: expected a directory"));
		} else {
			set_str(&c->database, expand_path(p->name, v), l);
		}
	} else if (strcmp(key, "theme") == 0) {
		if (!*v)
			problem(p, l, "%s", _("theme: expected a theme name or file"));
		else
			set_str(&c->theme, strchr(v, '/') ? expand_path(p->name, v) : xstrdup(v), l);
	} else if (strcmp(key, "keys") == 0) {
		if (!*v)
			problem(p, l, "%s", _("keys: expected the path of a key file"));
		else
			set_str(&c->keys, expand_path(p->name, v), l);
	} else if (strcmp(key, "color") == 0 || strcmp(key, "colour") == 0) {
		if (strcmp(v, "never") == 0)
			c->color = -1;
		else if (strcmp(v, "auto") == 0)
			c->color = 0;
		else if (strcmp(v, "always") == 0)
			c->color = 1;
		else {
			problem(p, l, _("color: expected auto, always or never, not '%.80s'"), v);
			return;
		}
		c->color_line = l;
	} else if (strcmp(key, "mouse") == 0 || strcmp(key, "a11y") == 0) {
		if (!parse_bool(v, &b)) {
			problem(p, l, _("%s: expected true or false, not '%.80s'"), key, v);
			return;
		}
		if (key[0] == 'm') {
			c->mouse = b;
			c->mouse_line = l;
		} else {
			c->a11y = b;
			c->a11y_line = l;
		}
	} else if (strcmp(key, "language") == 0) {
		/* "de_DE.UTF-8" and "de-DE" mean German too */
		if (strncasecmp(v, "de", 2) == 0 && (!v[2] || strchr("_-.@", v[2])))
			set_str(&c->language, xstrdup("de"), l);
		else if (strncasecmp(v, "en", 2) == 0 && (!v[2] || strchr("_-.@", v[2])))
			set_str(&c->language, xstrdup("en"), l);
		else
			problem(p, l, _("language: expected de or en, not '%.80s'"), v);
	} else {
		problem(p, l, _("unknown key '%.80s' (keys: %s; [new-database]: %s)"), key, general_keys,
			newdb_keys);
	}
}

static void new_database(struct parse *p, const char *key, char *v)
{
	struct config *c = p->c;
	unsigned l = p->line;
	if (strcmp(key, "phases") == 0) {
		if (strcmp(v, "default") == 0)
			c->phases = PHASES_DEFAULT;
		else if (strcmp(v, "kdn") == 0)
			c->phases = PHASES_KDN;
		else {
			problem(p, l, _("phases: expected default or kdn, not '%.80s'"), v);
			return;
		}
		c->phases_line = l;
	} else if (strcmp(key, "rep-policy") == 0) {
		if (strcmp(v, "span") == 0)
			c->rep_policy = REP_SPAN;
		else if (strcmp(v, "all") == 0)
			c->rep_policy = REP_ALL;
		else {
			problem(p, l, _("rep-policy: expected span or all, not '%.80s'"), v);
			return;
		}
		c->rep_policy_line = l;
	} else if (strcmp(key, "gate-scope") == 0 || strcmp(key, "gate-team") == 0) {
		if (!*v)
			problem(p, l, _("%s: expected a phase or off"), key);
		else
			set_str(key[5] == 's' ? &c->gate_scope : &c->gate_team, xstrdup(v), l);
	} else {
		problem(p, l, _("unknown key '%.80s' in [new-database] (keys: %s)"), key, newdb_keys);
	}
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct parse *p = user;
	char *key = xstrdup(name);
	text_trim(key);
	for (char *k = key; *k; k++)
		if (*k == '_')
			*k = '-';
	char *v = value_of(value);
	char *sec = xstrdup(section);
	text_trim(sec);
	bool top = !*sec || strcmp(sec, "general") == 0;
	bool newdb = strcmp(sec, "new-database") == 0;
	free(sec);
	if (!top && !newdb)
		goto out;   /* reported at the section's line */
	/* a key given twice: the later line wins, and that is worth a word */
	char *id = xasprintf("%s\n%s", newdb ? "new-database" : "", key);
	for (size_t i = 0; i < p->seen.n; i++) {
		char *tab = strchr(p->seen.v[i], '\t');
		if (tab && strncmp(p->seen.v[i], id, (size_t)(tab - p->seen.v[i])) == 0 &&
		    strlen(id) == (size_t)(tab - p->seen.v[i])) {
			problem(p, p->line, _("'%.60s' is already set on line %s"), key, tab + 1);
			break;
		}
	}
	char *rec = xasprintf("%s\t%u", id, p->line);
	strv_push(&p->seen, rec);
	free(rec);
	free(id);
	if (top)
		general(p, key, v);
	else
		new_database(p, key, v);
out:
	free(key);
	free(v);
	return 1;
}

enum status config_parse(struct config *c, const char *name, const char *text, struct strv *problems)
{
	struct parse p = {.c = c, .name = name, .problems = problems, .text = text ? text : ""};
	strv_init(&p.seen);
	free(c->path);
	c->path = xstrdup(name);
	/* skip a UTF-8 byte order mark */
	if (strncmp(p.text, "\xEF\xBB\xBF", 3) == 0)
		p.text += 3;
	int rc = ini_parse_stream(reader, &p, handler, &p);
	strv_fini(&p.seen);
	if (rc == -2)
		xmalloc((size_t)-1);   /* inih's out of memory: abort the usual way */
	return p.bad ? STATUS_DATA : STATUS_OK;
}

enum status config_load(struct config *c, const char *path, bool must_exist, struct strv *problems)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT && !must_exist)
			return STATUS_OK;
		int e = errno;
		enum status st = e == ENOENT ? STATUS_NOT_FOUND : STATUS_IO;
		status_fail(st, _("cannot read the configuration file %s: %s"), path, strerror(e));
		char *m = xasprintf("%s: %s", path, strerror(e));
		strv_push(problems, m);
		free(m);
		return st;
	}
	struct buf b;
	buf_init(&b);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	bool err = ferror(f);
	fclose(f);
	enum status st;
	if (err) {
		st = status_fail(STATUS_IO, _("cannot read the configuration file %s"), path);
		char *m = xasprintf(_("%s: read error"), path);
		strv_push(problems, m);
		free(m);
	} else if (memchr(b.data ? b.data : "", '\0', b.len)) {
		st = status_fail(STATUS_DATA, _("%s: not a text file"), path);
		strv_push(problems, status_detail());
	} else {
		st = config_parse(c, path, b.data ? b.data : "", problems);
	}
	buf_fini(&b);
	return st;
}

enum status config_gate_phase(const struct phase_list *l, const char *value, uint8_t *out)
{
	if (strcasecmp(value, "off") == 0 || strcasecmp(value, "none") == 0) {
		*out = 0;
		return STATUS_OK;
	}
	enum status st = phase_list_find(l, value, out);
	if (st == STATUS_OK && l->v[phase_list_index(l, *out)].outside_line)
		return status_fail(STATUS_DATA, _("'%s' is outside the line of phases; a gate needs a phase on it"),
				   l->v[phase_list_index(l, *out)].name);
	if (st == STATUS_NOT_FOUND)
		st = STATUS_DATA;
	return st;
}

enum status config_apply_new_database(const struct config *c, const struct phase_list *l, struct settings *s)
{
	if (c->rep_policy >= 0)
		s->rep_policy = (enum rep_policy)c->rep_policy;
	const struct config_str *gates[] = {&c->gate_scope, &c->gate_team};
	uint8_t *dst[] = {&s->gate_scope_phase, &s->gate_team_phase};
	for (size_t i = 0; i < 2; i++) {
		if (!gates[i]->value)
			continue;
		uint8_t id;
		if (config_gate_phase(l, gates[i]->value, &id) != STATUS_OK)
			return status_fail(STATUS_DATA, "%s:%u: %s: %s", c->path ? c->path : "config", gates[i]->line,
					   i ? "gate-team" : "gate-scope", status_detail());
		*dst[i] = id;
	}
	return STATUS_OK;
}
