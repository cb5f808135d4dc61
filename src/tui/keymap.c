/* keymap.c - actions, key names and the key-file parser (also used for the defaults). */
#include "ozgtui/keymap.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "ozgtui/i18n.h"

static const char *const action_names_raw[] = {
	"none",
#define ACTION_NAME(name, help) #name,
	ACTION_LIST(ACTION_NAME)
#undef ACTION_NAME
};
static const char *const action_helps[] = {
	"",
#define ACTION_HELP(name, help) help,
	ACTION_LIST(ACTION_HELP)
#undef ACTION_HELP
};
static const char *const keyctx_names_raw[] = {
#define KEYCTX_NAME(name, help) #name,
	KEYCTX_LIST(KEYCTX_NAME)
#undef KEYCTX_NAME
};

/* "MOVE_NEXT" -> "move-next", made once. */
static char action_names[ACTION__COUNT][32];
static char keyctx_names[KEYCTX__COUNT][32];

static void lower_dash(char *dst, size_t n, const char *src)
{
	size_t i = 0;
	for (; src[i] && i + 1 < n; i++)
		dst[i] = src[i] == '_' ? '-' : (char)tolower((unsigned char)src[i]);
	dst[i] = '\0';
}

static void names_init(void)
{
	if (action_names[0][0])
		return;
	for (size_t i = 0; i < ACTION__COUNT; i++)
		lower_dash(action_names[i], sizeof action_names[i], action_names_raw[i]);
	for (size_t i = 0; i < KEYCTX__COUNT; i++)
		lower_dash(keyctx_names[i], sizeof keyctx_names[i], keyctx_names_raw[i]);
}

const char *action_name(enum action a)
{
	names_init();
	if ((unsigned)a >= ACTION__COUNT || a == ACTION_NONE)
		return "";
	return action_names[a];
}

const char *action_help(enum action a)
{
	if ((unsigned)a >= ACTION__COUNT)
		return "";
	return action_helps[a];
}

bool action_parse(const char *s, enum action *out)
{
	names_init();
	for (size_t i = 0; i < ACTION__COUNT; i++) {
		if (strcmp(s, action_names[i]) == 0) {
			*out = (enum action)i;
			return true;
		}
	}
	return false;
}

const char *keyctx_name(enum keyctx c)
{
	names_init();
	if ((unsigned)c >= KEYCTX__COUNT)
		return "";
	return keyctx_names[c];
}

bool keyctx_parse(const char *s, enum keyctx *out)
{
	names_init();
	for (size_t i = 0; i < KEYCTX__COUNT; i++) {
		if (strcmp(s, keyctx_names[i]) == 0) {
			*out = (enum keyctx)i;
			return true;
		}
	}
	return false;
}

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{"Space", ' '},
	{"Enter", '\n'},
	{"Esc", 27},
	{"Tab", '\t'},
	{"BackTab", TKEY_FN(KEY_BTAB)},
	{"Backspace", TKEY_FN(KEY_BACKSPACE)},
	{"Delete", TKEY_FN(KEY_DC)},
	{"Insert", TKEY_FN(KEY_IC)},
	{"Up", TKEY_FN(KEY_UP)},
	{"Down", TKEY_FN(KEY_DOWN)},
	{"Left", TKEY_FN(KEY_LEFT)},
	{"Right", TKEY_FN(KEY_RIGHT)},
	{"Home", TKEY_FN(KEY_HOME)},
	{"End", TKEY_FN(KEY_END)},
	{"PgUp", TKEY_FN(KEY_PPAGE)},
	{"PgDn", TKEY_FN(KEY_NPAGE)},
};

/* Decodes exactly one UTF-8 character filling s; -1 otherwise. */
static long utf8_one(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s);
	if (len == 0 || !text_valid_utf8(s, len))
		return -1;
	long cp;
	size_t n;
	if (p[0] < 0x80) {
		cp = p[0];
		n = 1;
	} else if ((p[0] & 0xe0) == 0xc0) {
		cp = p[0] & 0x1f;
		n = 2;
	} else if ((p[0] & 0xf0) == 0xe0) {
		cp = p[0] & 0x0f;
		n = 3;
	} else {
		cp = p[0] & 0x07;
		n = 4;
	}
	if (n != len)
		return -1;
	for (size_t i = 1; i < n; i++)
		cp = cp << 6 | (p[i] & 0x3f);
	return cp;
}

bool keyname_parse(const char *s, int *key)
{
	for (size_t i = 0; i < ARRAY_LEN(key_names); i++) {
		if (strcasecmp(s, key_names[i].name) == 0) {
			*key = key_names[i].key;
			return true;
		}
	}
	if ((s[0] == '^' || ((s[0] == 'C' || s[0] == 'c') && s[1] == '-')) && s[1] && s[2 - (s[0] == '^')] &&
	    !s[3 - (s[0] == '^')]) {
		int c = (unsigned char)s[s[0] == '^' ? 1 : 2];
		c = toupper(c);
		if (c >= '@' && c <= '_') {
			*key = TKEY_CTRL(c);
			return true;
		}
		return false;
	}
	if ((s[0] == 'F' || s[0] == 'f') && s[1]) {
		char *end;
		errno = 0;
		long n = strtol(s + 1, &end, 10);
		if (!*end && n >= 1 && n <= 12) {
			*key = TKEY_FN(KEY_F(n));
			return true;
		}
	}
	long cp = utf8_one(s);
	if (cp > ' ' && cp != 127) {
		*key = (int)cp;
		return true;
	}
	return false;
}

void keyname_format(int key, char out[static 16])
{
	for (size_t i = 0; i < ARRAY_LEN(key_names); i++) {
		if (key_names[i].key == key) {
			snprintf(out, 16, "%s", key_names[i].name);
			return;
		}
	}
	if (TKEY_IS_FN(key)) {
		int k = key & ~0x1000000;
		if (k >= KEY_F(1) && k <= KEY_F(12)) {
			snprintf(out, 16, "F%d", k - KEY_F0);
			return;
		}
		snprintf(out, 16, "<%d>", k);
		return;
	}
	if (key >= 0 && key < 32) {
		snprintf(out, 16, "^%c", key + '@');
		return;
	}
	if (key < 0x80) {
		snprintf(out, 16, "%c", key);
		return;
	}
	/* UTF-8 encode the code point. */
	unsigned cp = (unsigned)key;
	if (cp < 0x800)
		snprintf(out, 16, "%c%c", 0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
	else if (cp < 0x10000)
		snprintf(out, 16, "%c%c%c", 0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
	else
		snprintf(out, 16, "%c%c%c%c", 0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f),
			 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

/* The default bindings, in key-file syntax. A view's context first, then global. */
static const char *const default_keys[] = {
	"bind global Q quit",
	"bind global q back",
	"bind global Esc back",
	"bind global Tab view-next",
	"bind global BackTab view-prev",
	"bind global 1 view-1",
	"bind global 2 view-2",
	"bind global 3 view-3",
	"bind global 4 view-4",
	"bind global 5 view-5",
	"bind global ? help",
	"bind global F1 help",
	"bind global R reload",
	"bind global ^L redraw",
	"bind global : command",
	"bind global u undo",
	"bind global ^R redo",
	"bind global Up up",
	"bind global k up",
	"bind global Down down",
	"bind global j down",
	"bind global Left left",
	"bind global h left",
	"bind global Right right",
	"bind global l right",
	"bind global PgUp page-up",
	"bind global ^B page-up",
	"bind global PgDn page-down",
	"bind global ^F page-down",
	"bind global Home home",
	"bind global g home",
	"bind global End end",
	"bind global G end",
	"bind global Enter enter",
	"bind projects s sort",
	"bind projects S sort-reverse",
	"bind projects f filter",
	"bind projects / search",
	"bind projects n search-next",
	"bind projects N search-prev",
	"bind projects Space mark",
	"bind projects c mark-clear",
	"bind projects H move-prev",
	"bind projects L move-next",
	"bind projects m move-pick",
	"bind detail H move-prev",
	"bind detail L move-next",
	"bind detail m move-pick",
	"bind board H move-prev",
	"bind board L move-next",
	"bind board m move-pick",
	"bind board f filter",
	"bind board / search",
	"bind board n search-next",
	"bind board N search-prev",
	"bind orgs / search",
	"bind orgs n search-next",
	"bind orgs N search-prev",
	"bind pager Space page-down",
	"bind projects t team-edit",
	"bind projects a project-add",
	"bind projects e project-edit",
	"bind projects E notes-edit",
	"bind detail t team-edit",
	"bind detail e project-edit",
	"bind detail E notes-edit",
	"bind board t team-edit",
	"bind board a project-add",
	"bind board e project-edit",
	"bind board E notes-edit",
	"bind board Space mark",
	"bind board c mark-clear",
	"bind team a team-add",
	"bind team d team-remove",
	"bind team Delete team-remove",
	"bind team r team-role",
	"bind team e project-edit",
	"bind team E notes-edit",
	"bind form s save",
	"bind form Tab down",
	"bind form BackTab up",
	"bind form E notes-edit",
	"bind conflict t keep-theirs",
	"bind conflict 1 keep-theirs",
	"bind conflict m apply-mine",
	"bind conflict 2 apply-mine",
	"bind conflict e edit-again",
	"bind conflict 3 edit-again",
	"bind field a workshop-add",
	"bind field s sponsor-edit",
	"bind field r relevance",
	"bind workshop a outcome-add",
	"bind workshop e outcome-edit",
	"bind workshop d outcome-done",
	"bind workshop x outcome-drop",
	"bind workshop p outcome-link",
	"bind relevance Space toggle",
	"bind global x export",
	"bind export s snapshots",
	"bind snapshots n snapshot-save",
	"bind snapshots d snapshot-diff-prev",
	"bind snapshots Delete snapshot-remove",
	"bind snapshots D snapshot-remove",
};

void keymap_init(struct keymap *k)
{
	memset(k, 0, sizeof *k);
	strv_init(&k->warnings);
}

void keymap_fini(struct keymap *k)
{
	if (!k)
		return;
	for (size_t i = 0; i < KEYCTX__COUNT; i++)
		free(k->v[i]);
	strv_fini(&k->warnings);
	memset(k, 0, sizeof *k);
}

static void warn(struct keymap *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(struct keymap *k, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	strv_push(&k->warnings, msg);
}

/* Sets or (ACTION_NONE) removes a binding. */
static void bind(struct keymap *k, enum keyctx c, int key, enum action a, unsigned line)
{
	for (size_t i = 0; i < k->n[c]; i++) {
		if (k->v[c][i].key == key) {
			if (a == ACTION_NONE) {
				k->v[c][i] = k->v[c][--k->n[c]];
			} else {
				k->v[c][i].action = a;
				k->v[c][i].line = line;
			}
			return;
		}
	}
	if (a == ACTION_NONE)
		return;
	xgrow((void **)&k->v[c], &k->cap[c], k->n[c] + 1, sizeof k->v[c][0]);
	k->v[c][k->n[c]++] = (struct binding){.key = key, .action = a, .line = line};
}

static const struct binding *find(const struct keymap *k, enum keyctx c, int key)
{
	for (size_t i = 0; i < k->n[c]; i++)
		if (k->v[c][i].key == key)
			return &k->v[c][i];
	return NULL;
}

/* Splits line into at most max whitespace-separated words in place. */
static size_t split_words(char *line, char **w, size_t max)
{
	size_t n = 0;
	char *p = line;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			break;
		if (n == max)
			return max + 1;
		w[n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
	}
	return n;
}

static bool parse_line(struct keymap *k, const char *name, unsigned lineno, char *line, bool user)
{
	char *w[4];
	size_t n = split_words(line, w, 4);
	if (n == 0)
		return true;
	if (strcmp(w[0], "bind") != 0) {
		warn(k, _("%s:%u: unknown command '%s' (expected 'bind CONTEXT KEY ACTION')"), name, lineno, w[0]);
		return false;
	}
	if (n != 4) {
		warn(k, _("%s:%u: expected 'bind CONTEXT KEY ACTION'"), name, lineno);
		return false;
	}
	enum keyctx c;
	int key;
	enum action a;
	if (!keyctx_parse(w[1], &c)) {
		warn(k, _("%s:%u: unknown context '%s'"), name, lineno, w[1]);
		return false;
	}
	if (!keyname_parse(w[2], &key)) {
		warn(k, _("%s:%u: unknown key '%s'"), name, lineno, w[2]);
		return false;
	}
	if (!action_parse(w[3], &a)) {
		warn(k, _("%s:%u: unknown action '%s'"), name, lineno, w[3]);
		return false;
	}
	const struct binding *old = find(k, c, key);
	if (user && old && old->line && old->action != a) {
		char kn[16];
		keyname_format(key, kn);
		warn(k, _("%s:%u: key %s in %s is already bound to %s (line %u); now %s"), name, lineno, kn,
		     keyctx_name(c), action_name(old->action), old->line, a ? action_name(a) : "none");
	}
	bind(k, c, key, a, user ? lineno : 0);
	return true;
}

void keymap_load_defaults(struct keymap *k)
{
	for (size_t i = 0; i < ARRAY_LEN(default_keys); i++) {
		char *line = xstrdup(default_keys[i]);
		parse_line(k, "defaults", (unsigned)i + 1, line, false);
		free(line);
	}
}

enum status keymap_parse(struct keymap *k, const char *name, const char *text)
{
	bool ok = true;
	unsigned lineno = 0;
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, len);
		lineno++;
		if (len && line[len - 1] == '\r')
			line[len - 1] = '\0';
		if (!parse_line(k, name, lineno, line, true))
			ok = false;
		free(line);
		p += len + (nl ? 1 : 0);
	}
	return ok ? STATUS_OK : STATUS_DATA;
}

enum status keymap_load_file(struct keymap *k, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			return STATUS_OK;
		warn(k, "%s: %s", path, strerror(errno));
		return STATUS_IO;
	}
	struct buf b;
	buf_init(&b);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	enum status st = keymap_parse(k, path, b.data ? b.data : "");
	buf_fini(&b);
	return st;
}

enum action keymap_lookup(const struct keymap *k, enum keyctx ctx, int key)
{
	const struct binding *b = find(k, ctx, key);
	if (!b && ctx != KEYCTX_GLOBAL)
		b = find(k, KEYCTX_GLOBAL, key);
	return b ? b->action : ACTION_NONE;
}

bool keymap_keys_for(const struct keymap *k, enum keyctx ctx, enum action a, struct buf *b)
{
	bool any = false;
	for (size_t i = 0; i < k->n[ctx]; i++) {
		if (k->v[ctx][i].action != a)
			continue;
		/* A global key shadowed in ctx does not count for global. */
		char kn[16];
		keyname_format(k->v[ctx][i].key, kn);
		if (any)
			buf_puts(b, ", ");
		buf_puts(b, kn);
		any = true;
	}
	return any;
}

char *keymap_user_path(void)
{
	const char *x = getenv("XDG_CONFIG_HOME");
	if (x && *x)
		return xasprintf("%s/ozgtui/keys", x);
	const char *h = getenv("HOME");
	return xasprintf("%s/.config/ozgtui/keys", h && *h ? h : ".");
}
