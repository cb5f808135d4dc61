/* theme.c - colour roles and theme files (no curses here: tui.c applies them). */
#include "ozgtui/theme.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "ozgtui/i18n.h"

static const char *const role_names_raw[] = {
#define THEME_ROLE_NAME(name, def, help) #name,
	THEME_ROLE_LIST(THEME_ROLE_NAME)
#undef THEME_ROLE_NAME
};
static const char *const role_defaults[] = {
#define THEME_ROLE_DEF(name, def, help) def,
	THEME_ROLE_LIST(THEME_ROLE_DEF)
#undef THEME_ROLE_DEF
};
static const char *const role_helps[] = {
#define THEME_ROLE_HELP(name, def, help) help,
	THEME_ROLE_LIST(THEME_ROLE_HELP)
#undef THEME_ROLE_HELP
};
static char role_names[THEME__COUNT][32];

static void names_init(void)
{
	if (role_names[0][0])
		return;
	for (size_t i = 0; i < THEME__COUNT; i++) {
		size_t j = 0;
		for (; role_names_raw[i][j] && j + 1 < sizeof role_names[i]; j++) {
			char c = role_names_raw[i][j];
			role_names[i][j] = c == '_' ? '-' : (char)tolower((unsigned char)c);
		}
		role_names[i][j] = '\0';
	}
}

const char *theme_role_name(enum theme_role r)
{
	names_init();
	return (unsigned)r < THEME__COUNT ? role_names[r] : "";
}

const char *theme_role_help(enum theme_role r)
{
	return (unsigned)r < THEME__COUNT ? role_helps[r] : "";
}

bool theme_role_parse(const char *s, enum theme_role *out)
{
	names_init();
	for (size_t i = 0; i < THEME__COUNT; i++) {
		/* "status_error" is accepted as well as "status-error". */
		const char *a = s, *b = role_names[i];
		while (*a && *b && (*a == *b || (*a == '_' && *b == '-'))) {
			a++;
			b++;
		}
		if (!*a && !*b) {
			*out = (enum theme_role)i;
			return true;
		}
	}
	return false;
}

static const char *const colour_names[] = {"black", "red", "green", "yellow",
					   "blue", "magenta", "cyan", "white"};

static bool parse_colour(const char *w, short *out)
{
	if (strcmp(w, "default") == 0 || strcmp(w, "-1") == 0) {
		*out = -1;
		return true;
	}
	bool bright = false;
	if (strncmp(w, "bright-", 7) == 0) {
		bright = true;
		w += 7;
	}
	for (size_t i = 0; i < ARRAY_LEN(colour_names); i++) {
		if (strcmp(w, colour_names[i]) == 0) {
			*out = (short)(i + (bright ? 8 : 0));
			return true;
		}
	}
	uint32_t n;
	if (!bright && parse_u32(w, &n) && n <= 255) {
		*out = (short)n;
		return true;
	}
	return false;
}

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{"bold", THEME_A_BOLD}, {"dim", THEME_A_DIM}, {"underline", THEME_A_UNDERLINE},
	{"reverse", THEME_A_REVERSE}, {"standout", THEME_A_STANDOUT}, {"italic", THEME_A_ITALIC},
	{"normal", 0},
};

bool theme_style_parse(const char *s, struct theme_style *st, const char **why)
{
	char *copy = xstrdup(s);
	char *save = NULL;
	struct theme_style r = {.fg = -1, .bg = -1, .attrs = 0};
	int n = 0;
	bool ok = true;
	for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save), n++) {
		if (n == 0 && !parse_colour(w, &r.fg)) {
			*why = _("unknown foreground colour");
			ok = false;
			break;
		}
		if (n == 1 && !parse_colour(w, &r.bg)) {
			*why = _("unknown background colour");
			ok = false;
			break;
		}
		if (n >= 2) {
			size_t i;
			for (i = 0; i < ARRAY_LEN(attr_names); i++)
				if (strcmp(w, attr_names[i].name) == 0)
					break;
			if (i == ARRAY_LEN(attr_names)) {
				*why = _("unknown attribute");
				ok = false;
				break;
			}
			r.attrs |= attr_names[i].bit;
		}
	}
	if (ok && n < 2) {
		*why = _("expected 'fg bg [attributes]'");
		ok = false;
	}
	free(copy);
	if (ok)
		*st = r;
	return ok;
}

void theme_init(struct theme *t)
{
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < THEME__COUNT; i++) {
		const char *why;
		if (!theme_style_parse(role_defaults[i], &t->role[i], &why))
			abort();   /* a bad compiled-in default is a programming error */
	}
	t->name = xstrdup("default");
}

void theme_fini(struct theme *t)
{
	if (!t)
		return;
	free(t->name);
	t->name = NULL;
}

enum status theme_parse(struct theme *t, const char *name, const char *text, struct strv *warnings)
{
	bool ok = true;
	unsigned lineno = 0;
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, len);
		p += len + (nl ? 1 : 0);
		lineno++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		text_trim(line);
		for (char *c = line; *c; c++)
			if (*c == '\t' || *c == '\r')
				*c = ' ';
		text_trim(line);
		if (!*line) {
			free(line);
			continue;
		}
		char msg[512];
		char *eq = strchr(line, '=');
		if (!eq) {
			snprintf(msg, sizeof msg, _("%s:%u: expected 'role = fg bg [attributes]'"), name, lineno);
			strv_push(warnings, msg);
			ok = false;
			free(line);
			continue;
		}
		*eq = '\0';
		char *role = text_trim(line);
		char *spec = text_trim(eq + 1);
		enum theme_role r;
		struct theme_style st;
		const char *why = NULL;
		if (!theme_role_parse(role, &r)) {
			snprintf(msg, sizeof msg, _("%s:%u: unknown role '%.100s'"), name, lineno, role);
			strv_push(warnings, msg);
			ok = false;
		} else if (!theme_style_parse(spec, &st, &why)) {
			snprintf(msg, sizeof msg, "%s:%u: %s in '%.100s'", name, lineno, why, spec);
			strv_push(warnings, msg);
			ok = false;
		} else {
			t->role[r] = st;
		}
		free(line);
	}
	return ok ? STATUS_OK : STATUS_DATA;
}

void theme_search_dirs(struct strv *out)
{
	const char *x = getenv("XDG_CONFIG_HOME");
	const char *h = getenv("HOME");
	char *d;
	if (x && *x)
		d = xasprintf("%s/ozgtui/themes", x);
	else
		d = xasprintf("%s/.config/ozgtui/themes", h && *h ? h : ".");
	strv_push(out, d);
	free(d);
	strv_push(out, OZGTUI_DATADIR "/themes");
#ifdef OZGTUI_THEMES_SRC
	strv_push(out, OZGTUI_THEMES_SRC);
#endif
}

static bool read_file(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(b, chunk, n);
	fclose(f);
	return true;
}

enum status theme_load(struct theme *t, const char *name, struct strv *warnings)
{
	theme_fini(t);
	theme_init(t);
	if (!name || !*name || strcmp(name, "default") == 0)
		return STATUS_OK;
	for (const char *c = name; *c; c++) {
		if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_' && *c != '.' && *c != '/')
			return status_fail(STATUS_USAGE, _("theme name '%s' may hold only letters, digits, -, _ and ."), name);
	}
	struct buf b;
	buf_init(&b);
	char *found = NULL;
	if (strchr(name, '/')) {
		if (read_file(name, &b))
			found = xstrdup(name);
	} else {
		struct strv dirs;
		strv_init(&dirs);
		theme_search_dirs(&dirs);
		for (size_t i = 0; i < dirs.n && !found; i++) {
			char *path = xasprintf("%s/%s.theme", dirs.v[i], name);
			if (read_file(path, &b))
				found = path;
			else
				free(path);
		}
		strv_fini(&dirs);
	}
	if (!found) {
		buf_fini(&b);
		return status_fail(STATUS_NOT_FOUND, _("no theme '%s' (looked in $XDG_CONFIG_HOME/ozgtui/themes and %s/themes)"),
				   name, OZGTUI_DATADIR);
	}
	/* messages name the file as the user knows it: "mine.theme:3: ..." */
	const char *shown = strrchr(found, '/') ? strrchr(found, '/') + 1 : found;
	enum status st = theme_parse(t, shown, b.data ? b.data : "", warnings);
	free(t->name);
	const char *base = strrchr(name, '/');
	t->name = xstrdup(base ? base + 1 : name);
	free(found);
	buf_fini(&b);
	return st == STATUS_DATA ? STATUS_OK : st;   /* bad lines are warnings, not fatal */
}
