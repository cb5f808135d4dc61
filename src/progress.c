/* progress.c - a self-rewriting progress line on stderr, for people only. */
#include "ozgtui/progress.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ozgtui/i18n.h"

#define PROGRESS_INTERVAL_MS 100

static bool enabled;
/* OZGTUI_PROGRESS=always: on any stderr, and from the first step (no hold
 * for short work), so that a test sees a line whatever the machine's speed. */
static bool immediate;

void progress_enable(void)
{
	const char *e = getenv("OZGTUI_PROGRESS");
	if (e && strcmp(e, "0") == 0)
		enabled = false;
	else if (e && strcmp(e, "always") == 0)
		enabled = immediate = true;
	else
		enabled = isatty(STDERR_FILENO) == 1;
}

void progress_disable(void)
{
	enabled = false;
}

bool progress_enabled(void)
{
	return enabled;
}

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void draw(struct progress *p)
{
	char count[32], total[32];
	i18n_number(p->done, count);
	if (p->total) {
		i18n_number(p->total, total);
		unsigned pct = (unsigned)(p->done >= p->total ? 100 : p->done * 100 / p->total);
		fprintf(stderr, "\r%s: %s/%s %s (%u%%)\033[K", p->what, count, total, p->unit ? p->unit : "", pct);
	} else if (p->done) {
		fprintf(stderr, "\r%s: %s %s\033[K", p->what, count, p->unit ? p->unit : "");
	} else {
		fprintf(stderr, "\r%s: %s …\033[K", p->what, p->unit ? p->unit : "");
	}
	fflush(stderr);
	p->shown = true;
	p->last_ms = mono_ms();
}

void progress_begin(struct progress *p, const char *what, const char *unit, uint64_t total)
{
	memset(p, 0, sizeof *p);
	p->what = what;
	p->unit = unit;
	p->total = total;
	p->active = enabled;
	p->start_ms = p->last_ms = mono_ms();
}

void progress_set(struct progress *p, uint64_t done)
{
	p->done = done;
	/* nothing for work that ends within the first interval: no flicker */
	if (p->active && ((immediate && !p->shown) || mono_ms() - p->last_ms >= PROGRESS_INTERVAL_MS))
		draw(p);
}

void progress_step(struct progress *p, uint64_t n)
{
	progress_set(p, p->done + n);
}

void progress_show(struct progress *p)
{
	if (p->active)
		draw(p);
}

void progress_end(struct progress *p)
{
	if (!p)
		return;
	if (p->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	p->shown = false;
	p->active = false;
}
