/* cli_util.c - option parsing, name resolution, tables and json for the verbs. */
#include "ozgtui/cli_util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <utf8proc.h>

#include "ozgtui/ops.h"
#include "ozgtui/i18n.h"

/* ---- options ---------------------------------------------------------- */

void cli_parser_init(struct cli_parser *p, int argc, char **argv,
		     const struct cli_opt *opts, size_t n_opts)
{
	memset(p, 0, sizeof(*p));
	p->verb = argc > 0 ? argv[0] : "";
	p->argc = argc;
	p->argv = argv;
	p->i = 1;
	p->opts = opts;
	p->n_opts = n_opts;
	strv_init(&p->pos);
}

void cli_parser_fini(struct cli_parser *p)
{
	strv_fini(&p->pos);
}

static int find_long(const struct cli_parser *p, const char *name, size_t len)
{
	for (size_t i = 0; i < p->n_opts; i++)
		if (strlen(p->opts[i].name) == len && memcmp(p->opts[i].name, name, len) == 0)
			return (int)i;
	return -1;
}

static int find_short(const struct cli_parser *p, char c)
{
	for (size_t i = 0; i < p->n_opts; i++)
		if (p->opts[i].short_name && p->opts[i].short_name == c)
			return (int)i;
	return -1;
}

int cli_parser_next(struct cli_parser *p, const char **val)
{
	*val = NULL;
	while (p->i < p->argc) {
		char *a = p->argv[p->i++];
		if (p->only_pos || a[0] != '-' || a[1] == '\0') {
			strv_push(&p->pos, a);
			continue;
		}
		if (strcmp(a, "--") == 0) {
			p->only_pos = true;
			continue;
		}
		int idx;
		const char *inline_val = NULL;
		if (a[1] == '-') {
			const char *name = a + 2;
			const char *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			idx = find_long(p, name, len);
			if (idx < 0) {
				status_fail(STATUS_USAGE, _("unknown option '--%.*s' (see ozgtui %s --help)"),
					    (int)len, name, p->verb);
				return -2;
			}
			if (eq)
				inline_val = eq + 1;
		} else {
			idx = find_short(p, a[1]);
			if (idx < 0) {
				status_fail(STATUS_USAGE, _("unknown option '-%c' (see ozgtui %s --help)"),
					    a[1], p->verb);
				return -2;
			}
			if (a[2] != '\0') {
				if (!p->opts[idx].has_arg) {
					status_fail(STATUS_USAGE, _("option '-%c' takes no value"), a[1]);
					return -2;
				}
				inline_val = a + 2;
			}
		}
		const struct cli_opt *o = &p->opts[idx];
		if (!o->has_arg) {
			if (inline_val) {
				status_fail(STATUS_USAGE, _("option '--%s' takes no value"), o->name);
				return -2;
			}
			return idx;
		}
		if (inline_val) {
			*val = inline_val;
			return idx;
		}
		if (p->i >= p->argc) {
			status_fail(STATUS_USAGE, _("option '--%s' needs a value"), o->name);
			return -2;
		}
		*val = p->argv[p->i++];
		return idx;
	}
	return -1;
}

enum status cli_want_pos(const struct cli_parser *p, size_t min, size_t max, const char *usage)
{
	if (p->pos.n < min)
		return status_fail(STATUS_USAGE, _("missing argument (usage: ozgtui %s %s)"), p->verb, usage);
	if (p->pos.n > max)
		return status_fail(STATUS_USAGE, _("unexpected argument '%s' (usage: ozgtui %s %s)"),
				   p->pos.v[max], p->verb, usage);
	return STATUS_OK;
}

enum status cli_sub_run(struct cmd_ctx *ctx, int argc, char **argv, const struct cli_sub *subs, size_t n,
			const char *missing, const char *unknown)
{
	if (argc < 2)
		return status_fail(STATUS_USAGE, "%s", missing);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(argv[1], subs[i].name) != 0)
			continue;
		char **av = xcalloc((size_t)argc, sizeof(*av));
		av[0] = (char *)subs[i].verb;
		for (int k = 2; k < argc; k++)
			av[k - 1] = argv[k];
		enum status st = subs[i].run(ctx, argc - 1, av);
		free(av);
		return st;
	}
	struct buf name;
	buf_init(&name);
	cli_text(&name, argv[1]);
	/* unknown is checked where it is written (the declaration's format attribute) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	enum status st = status_fail(STATUS_USAGE, unknown, name.data ? name.data : "");
#pragma GCC diagnostic pop
	buf_fini(&name);
	return st;
}

static const struct {
	const char *name;
	enum cli_format fmt;
} formats[] = {
	{ "table", CLI_TABLE },
	{ "text", CLI_TEXT },
	{ "tsv", CLI_TSV },
	{ "json", CLI_JSON },
};

enum status cli_parse_format(const char *s, unsigned allowed, enum cli_format *out)
{
	for (size_t i = 0; i < ARRAY_LEN(formats); i++) {
		if ((allowed & formats[i].fmt) && strcmp(s, formats[i].name) == 0) {
			*out = formats[i].fmt;
			return STATUS_OK;
		}
	}
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < ARRAY_LEN(formats); i++) {
		if (allowed & formats[i].fmt) {
			if (b.len)
				buf_puts(&b, ", ");
			buf_puts(&b, formats[i].name);
		}
	}
	struct buf shown;
	buf_init(&shown);
	cli_text(&shown, s);
	status_fail(STATUS_USAGE, _("unsupported format '%s' (supported: %s)"), shown.data, b.data);
	buf_fini(&shown);
	buf_fini(&b);
	return STATUS_USAGE;
}

enum status cli_parse_uint(const char *name, const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	uint32_t v;
	if (!parse_u32(s, &v) || v < min || v > max) {
		struct buf shown;
		buf_init(&shown);
		cli_text(&shown, s);
		status_fail(STATUS_USAGE, _("--%s: expected a number %u-%u, got '%s'"), name,
			    (unsigned)min, (unsigned)max, shown.data);
		buf_fini(&shown);
		return STATUS_USAGE;
	}
	*out = v;
	return STATUS_OK;
}

static bool reported;

enum status cli_reported(enum status st)
{
	reported = true;
	return st;
}

bool cli_take_reported(void)
{
	bool r = reported;
	reported = false;
	return r;
}

void cli_print_error(FILE *err, const char *verb, const char *msg)
{
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "ozgtui: ");
	if (verb) {
		cli_text(&b, verb);
		buf_puts(&b, ": ");
	}
	/* line by line: a message may list several problems, one per line */
	const char *p = msg ? msg : "";
	for (;;) {
		const char *nl = strchr(p, '\n');
		char *line = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		cli_text(&b, line);
		free(line);
		buf_putc(&b, '\n');
		if (!nl || !nl[1])
			break;
		p = nl + 1;
	}
	fwrite(b.data, 1, b.len, err);
	fflush(err);
	buf_fini(&b);
}

/* ---- names ------------------------------------------------------------ */

enum status cli_find_project(struct cmd_ctx *ctx, const char *s, struct project *out)
{
	struct txn *t = NULL;
	enum status st = store_read_begin(ctx->store, &t);
	if (st == STATUS_OK)
		st = ops_find_project(t, s, out);
	store_txn_end(t);
	return st;
}

enum status cli_find_org(struct cmd_ctx *ctx, const char *s, const struct organisation **out)
{
	return catalog_find_org(&ctx->catalog, s, out);
}

/* Unknown vocabulary (phase, field, service) is bad data, exit 65. */
static enum status vocabulary(enum status st)
{
	return st == STATUS_NOT_FOUND ? STATUS_DATA : st;
}

enum status cli_find_phase(struct cmd_ctx *ctx, const char *s, uint8_t *out)
{
	return vocabulary(catalog_find_phase(&ctx->catalog, s, out));
}

enum status cli_find_field(struct cmd_ctx *ctx, const char *s, uint16_t *out)
{
	return vocabulary(catalog_find_field(&ctx->catalog, s, out));
}

enum status cli_find_service(struct cmd_ctx *ctx, const char *s, uint32_t *out)
{
	return vocabulary(catalog_find_service(&ctx->catalog, s, out));
}

const char *cli_org_name(const struct catalog *c, const struct uuid *id)
{
	return catalog_org_name(c, id, "?");
}

const char *cli_field_name(const struct catalog *c, uint16_t number)
{
	return catalog_field_name(c, number, "");
}

const char *cli_phase_name(const struct catalog *c, uint8_t id)
{
	return catalog_phase_name(c, id, "?");
}

static enum status load_catalog(struct cmd_ctx *ctx, enum status (*load)(struct catalog *, struct txn *))
{
	struct txn *t = NULL;
	enum status st = store_read_begin(ctx->store, &t);
	if (st == STATUS_OK) {
		catalog_fini(&ctx->catalog);
		catalog_init(&ctx->catalog);
		ctx->catalog_loaded = false;
		st = load(&ctx->catalog, t);
		if (st == STATUS_OK)
			ctx->catalog_loaded = true;
	}
	store_txn_end(t);
	return st;
}

enum status cli_reload_catalog(struct cmd_ctx *ctx)
{
	return load_catalog(ctx, catalog_load);
}

enum status cli_load_catalog_lazy(struct cmd_ctx *ctx)
{
	return load_catalog(ctx, catalog_load_lazy);
}

/* ---- text ------------------------------------------------------------- */

void cli_text(struct buf *b, const char *s)
{
	if (s)
		text_sanitize(b, s);
}

void cli_puts(FILE *out, const char *s)
{
	if (!s)
		return;
	struct buf b;
	buf_init(&b);
	text_sanitize(&b, s);
	fputs(b.data ? b.data : "", out);
	buf_fini(&b);
}

static void pad(struct buf *b, size_t n)
{
	while (n--)
		buf_putc(b, ' ');
}

void cli_fit(struct buf *b, const char *s, size_t width, bool padded)
{
	if (!s)
		s = "";
	size_t w = text_width(s);
	if (w <= width) {
		buf_puts(b, s);
		if (padded)
			pad(b, width - w);
		return;
	}
	if (width == 0)
		return;
	size_t used = 0;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0)
			break;
		int cw = utf8proc_charwidth(cp);
		if (cw < 0)
			cw = 0;
		if (used + (size_t)cw > width - 1)
			break;
		buf_append(b, p, (size_t)n);
		used += (size_t)cw;
		p += n;
	}
	buf_puts(b, "…");
	used++;
	if (padded && used < width)
		pad(b, width - used);
}

size_t cli_term_width(FILE *out)
{
	int fd = fileno(out);
	if (fd < 0 || !isatty(fd))
		return 0;
	struct winsize ws;
	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* ---- tables ----------------------------------------------------------- */

void cli_table_init(struct cli_table *t, const struct cli_col *cols, size_t n_cols)
{
	t->cols = cols;
	t->n_cols = n_cols;
	strv_init(&t->cells);
	strv_init(&t->raw);
}

void cli_table_fini(struct cli_table *t)
{
	if (!t)
		return;
	strv_fini(&t->cells);
	strv_fini(&t->raw);
}

void cli_table_cell(struct cli_table *t, const char *s)
{
	struct buf b;
	buf_init(&b);
	cli_text(&b, s ? s : "");
	strv_push(&t->cells, b.data ? b.data : "");
	strv_push(&t->raw, s ? s : "");
	buf_fini(&b);
}

void cli_table_cellf(struct cli_table *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	if (n >= 0) {
		s = xmalloc((size_t)n + 1);
		vsnprintf(s, (size_t)n + 1, fmt, ap2);
	}
	va_end(ap2);
	va_end(ap);
	cli_table_cell(t, s ? s : "");
	free(s);
}

void cli_table_cell_alt(struct cli_table *t, const char *shown, const char *raw)
{
	struct buf b;
	buf_init(&b);
	cli_text(&b, shown ? shown : "");
	strv_push(&t->cells, b.data ? b.data : "");
	strv_push(&t->raw, raw ? raw : "");
	buf_fini(&b);
}

void cli_table_cell_num(struct cli_table *t, unsigned long long n)
{
	char shown[32], raw[24];
	i18n_number(n, shown);
	snprintf(raw, sizeof raw, "%llu", n);
	strv_push(&t->cells, shown);
	strv_push(&t->raw, raw);
}

void cli_table_cell_date(struct cli_table *t, int32_t day)
{
	char shown[32], raw[11];
	i18n_date(day, shown);
	raw[0] = '\0';
	if (day)
		date_format(day, raw);
	strv_push(&t->cells, shown);
	strv_push(&t->raw, raw);
}

size_t cli_table_rows(const struct cli_table *t)
{
	return t->n_cols ? t->cells.n / t->n_cols : 0;
}

void cli_tsv_escape(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		size_t run = strcspn(s, "\t\n\r\\");
		if (run) {   /* nothing to escape: copy at once */
			buf_append(b, s, run);
			s += run - 1;
			continue;
		}
		switch (*s) {
		case '\t': buf_puts(b, "\\t"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\\': buf_puts(b, "\\\\"); break;
		default: buf_putc(b, *s); break;
		}
	}
}

void cli_tsv_cell(struct buf *b, struct buf *scratch, const char *s)
{
	(void)scratch;
	/* Escaped and made terminal-safe in one pass: the runs between the
	 * characters escaping takes are sanitized as they are (the escapes are
	 * printable ASCII, which sanitizing keeps, and a UTF-8 sequence cut by
	 * one was invalid with it too). */
	while (s && *s) {
		size_t run = strcspn(s, "\t\n\r\\");
		if (run) {
			text_sanitize_n(b, s, run);
			s += run;
			continue;
		}
		switch (*s) {
		case '\t': buf_append(b, "\\t", 2); break;
		case '\n': buf_append(b, "\\n", 2); break;
		case '\r': buf_append(b, "\\r", 2); break;
		default: buf_append(b, "\\\\", 2); break;
		}
		s++;
	}
}

static void print_tsv(const struct cli_table *t, FILE *out)
{
	struct buf b, esc;
	buf_init(&b);
	buf_init(&esc);
	for (size_t c = 0; c < t->n_cols; c++) {
		if (c)
			buf_putc(&b, '\t');
		buf_puts(&b, t->cols[c].head);
	}
	buf_putc(&b, '\n');
	size_t rows = cli_table_rows(t);
	for (size_t r = 0; r < rows; r++) {
		for (size_t c = 0; c < t->n_cols; c++) {
			if (c)
				buf_putc(&b, '\t');
			cli_tsv_cell(&b, &esc, t->raw.v[r * t->n_cols + c]);
		}
		buf_putc(&b, '\n');
	}
	fwrite(b.data, 1, b.len, out);
	buf_fini(&esc);
	buf_fini(&b);
}

/* A column's heading for people: translated (tsv keeps the English one). */
static const char *head(const struct cli_col *c)
{
	return c->head && c->head[0] ? _(c->head) : "";
}

void cli_table_print(const struct cli_table *t, FILE *out, enum cli_format fmt)
{
	if (fmt == CLI_TSV) {
		print_tsv(t, out);
		return;
	}
	size_t rows = cli_table_rows(t);
	size_t *w = xcalloc(t->n_cols ? t->n_cols : 1, sizeof(*w));
	for (size_t c = 0; c < t->n_cols; c++) {
		w[c] = text_width(head(&t->cols[c]));
		for (size_t r = 0; r < rows; r++) {
			size_t cw = text_width(t->cells.v[r * t->n_cols + c]);
			if (cw > w[c])
				w[c] = cw;
		}
		if (t->cols[c].max && w[c] > t->cols[c].max)
			w[c] = t->cols[c].max;
	}
	/* Narrow terminal: shrink the widest flexible column, cell by cell, down
	 * to 8 cells each. */
	size_t term = cli_term_width(out);
	if (term) {
		size_t total = 0;
		for (size_t c = 0; c < t->n_cols; c++)
			total += w[c] + (c ? 2 : 0);
		while (total > term) {
			size_t widest = t->n_cols;
			for (size_t c = 0; c < t->n_cols; c++)
				if (t->cols[c].flex && w[c] > 8 && (widest == t->n_cols || w[c] > w[widest]))
					widest = c;
			if (widest == t->n_cols)
				break;
			w[widest]--;
			total--;
		}
	}
	struct buf b;
	buf_init(&b);
	for (size_t r = 0; r <= rows; r++) {
		size_t line_start = b.len;
		for (size_t c = 0; c < t->n_cols; c++) {
			const char *s = r == 0 ? head(&t->cols[c]) : t->cells.v[(r - 1) * t->n_cols + c];
			bool last = c + 1 == t->n_cols;
			if (c)
				buf_puts(&b, "  ");
			if (t->cols[c].align == CLI_RIGHT) {
				size_t sw = text_width(s);
				if (sw < w[c])
					pad(&b, w[c] - sw);
				cli_fit(&b, s, w[c], false);
			} else {
				cli_fit(&b, s, w[c], !last);
			}
		}
		/* no trailing blanks (a last column may be empty) */
		while (b.len > line_start && b.data[b.len - 1] == ' ')
			b.data[--b.len] = '\0';
		buf_putc(&b, '\n');
	}
	fwrite(b.data, 1, b.len, out);
	buf_fini(&b);
	free(w);
}

/* ---- json ------------------------------------------------------------- */

void cli_json_print(FILE *out, json_t *v)
{
	if (!v)
		return;
	json_dumpf(v, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(v);
}

json_t *cli_json_str(const char *s)
{
	if (!s)
		return json_null();
	if (text_valid_utf8(s, strlen(s)))
		return json_string(s);
	struct buf b;
	buf_init(&b);
	text_sanitize(&b, s);
	json_t *v = json_string(b.data ? b.data : "");
	buf_fini(&b);
	return v ? v : json_null();
}

json_t *cli_json_uuid(const struct uuid *u)
{
	if (!u || uuid_is_nil(u))
		return json_null();
	char s[37];
	uuid_format(u, s);
	return json_string(s);
}

json_t *cli_json_date(int32_t day)
{
	if (!day)
		return json_null();
	char s[11];
	date_format(day, s);
	return json_string(s);
}

json_t *cli_json_time(int64_t t)
{
	if (!t)
		return json_null();
	char s[21];
	time_format(t, s);
	return json_string(s);
}

/* ---- verdict ---------------------------------------------------------- */

struct volunteers {
	struct uuid *v;
	size_t n, cap;
};

static int collect_volunteers(const struct outcome *o, void *arg)
{
	struct volunteers *vs = arg;
	if (o->kind != OUTCOME_VOLUNTEER || o->status == OUTCOME_STATUS_DROPPED)
		return 0;
	for (size_t i = 0; i < o->n_orgs; i++) {
		xgrow((void **)&vs->v, &vs->cap, vs->n + 1, sizeof(*vs->v));
		vs->v[vs->n++] = o->orgs[i];
	}
	return 0;
}

size_t cli_volunteers(struct txn *t, const struct project *p, struct uuid **out)
{
	struct volunteers vs = { 0 };
	if (t)
		store_outcome_each_for_project(t, &p->id, collect_volunteers, &vs);
	*out = vs.v;
	return vs.n;
}

void cli_verdict_line(struct cmd_ctx *ctx, struct txn *t, const struct project *p, struct buf *b)
{
	struct team_verdict v = rules_check_team(&ctx->catalog, p);
	if (v.representative) {
		buf_puts(b, _("team: representative"));
		return;
	}
	buf_puts(b, _("team: not representative — missing: "));
	category_mask_format(b, v.missing);
	struct uuid *extra = NULL;
	size_t n_extra = cli_volunteers(t, p, &extra);
	const struct organisation *sugg[3];
	size_t n = rules_suggest(&ctx->catalog, p, &v, extra, n_extra, sugg, ARRAY_LEN(sugg));
	if (n) {
		buf_puts(b, _("; suggestions: "));
		/* "; " because names hold commas ("Hallenberg, Stadt") */
		for (size_t i = 0; i < n; i++) {
			if (i)
				buf_puts(b, "; ");
			cli_text(b, sugg[i]->name);
		}
	}
	free(extra);
}

enum status cli_report_change(struct cmd_ctx *ctx, const struct project *old, const char *why, bool verdict)
{
	struct txn *t = NULL;
	struct project p;
	struct buf what, b;
	project_init(&p);
	buf_init(&what);
	buf_init(&b);
	enum status st = store_read_begin(ctx->store, &t);
	if (st == STATUS_OK)
		st = store_project_get(t, &old->id, &p);
	if (st != STATUS_OK)
		goto out;
	if (p.version != old->version) {
		/* what changed, in the user's language (the history keeps its
		 * English summary) */
		ops_describe_change(&what, &ctx->catalog, old, &p);
		if (why && *why) {
			rules_why_text(why, &b);
			/* TRANSLATORS: after a move's description: the gate's reasons */
			buf_printf(&what, _(" (gate overridden: %s)"), b.data ? b.data : "");
			buf_reset(&b);
		}
		if (what.len) {
			cli_text(&b, what.data);
			fprintf(ctx->out, "#%u: %s\n", (unsigned)p.number, b.data);
		} else {
			fprintf(ctx->out, _("#%u: changed\n"), (unsigned)p.number);
		}
	} else {
		fprintf(ctx->out, _("#%u: nothing changed\n"), (unsigned)p.number);
	}
	if (verdict) {
		buf_reset(&b);
		cli_verdict_line(ctx, t, &p, &b);
		fprintf(ctx->out, "%s\n", b.data);
	}
out:
	store_txn_end(t);
	buf_fini(&b);
	buf_fini(&what);
	project_fini(&p);
	return st;
}
