/* status.c - messages, exit codes and the detail message of the last failure. */
#include "ozgtui/status.h"

#include <stdio.h>

static const char *const messages[] = {
#define STATUS_MSG(name, code, msg) msg,
	STATUS_LIST(STATUS_MSG)
#undef STATUS_MSG
};

static const int exit_codes[] = {
#define STATUS_CODE(name, code, msg) code,
	STATUS_LIST(STATUS_CODE)
#undef STATUS_CODE
};

static const char *const names[] = {
#define STATUS_NAME(name, code, msg) #name,
	STATUS_LIST(STATUS_NAME)
#undef STATUS_NAME
};

/* The program is single-threaded: one detail buffer is enough. */
static char detail[1024];

const char *status_message(enum status st)
{
	if ((unsigned)st >= STATUS__COUNT)
		return "unknown status";
	return messages[st];
}

int status_exit_code(enum status st)
{
	if ((unsigned)st >= STATUS__COUNT)
		return 70;
	return exit_codes[st];
}

const char *status_name(enum status st)
{
	if ((unsigned)st >= STATUS__COUNT)
		return "UNKNOWN";
	return names[st];
}

enum status status_vfail(enum status st, const char *fmt, va_list ap)
{
	if (!fmt) {
		detail[0] = '\0';
		return st;
	}
	/* The format may take the current detail as an argument. */
	char tmp[sizeof(detail)];
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	snprintf(detail, sizeof(detail), "%s", tmp);
	return st;
}

enum status status_fail(enum status st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	status_vfail(st, fmt, ap);
	va_end(ap);
	return st;
}

const char *status_detail(void)
{
	return detail;
}

void status_clear(void)
{
	detail[0] = '\0';
}

/* The attempt store_write() is running (status.h): a status saved in an
 * earlier one is never restored. 0 before the first, as in a zeroed
 * struct status_saved. */
static uint64_t attempt;

void status_attempt_next(void)
{
	attempt++;
}

enum status status_save(struct status_saved *sv, enum status st)
{
	sv->st = st;
	sv->attempt = attempt;
	snprintf(sv->detail, sizeof(sv->detail), "%s", status_detail());
	return st;
}

enum status status_restore(const struct status_saved *sv, enum status st)
{
	if (st != STATUS_OK && st == sv->st && sv->attempt == attempt && sv->detail[0])
		status_fail(st, "%s", sv->detail);
	return st;
}
