/* cli_workshops.c - what the workshop and outcome verbs share: every workshop
 * and outcome in one read transaction, the start of `show`, an outcome as
 * JSON, the linked projects as text. */
#include "ozgtui/cli_workshops.h"

#include <string.h>

#include "ozgtui/catalog.h"
#include "ozgtui/i18n.h"
#include "ozgtui/store.h"

enum status cli_workshops_load(struct cmd_ctx *ctx, struct cli_workshops *d)
{
	memset(d, 0, sizeof(*d));
	workshop_list_init(&d->ws);
	outcome_list_init(&d->os);
	d->loaded = true;
	enum status st = store_read_begin(ctx->store, &d->t);
	if (st == STATUS_OK)
		st = workshops_load(d->t, &d->ws);
	if (st == STATUS_OK)
		st = workshops_outcomes_load(d->t, &d->os);
	return st;
}

void cli_workshops_fini(struct cli_workshops *d)
{
	if (!d->loaded)
		return;
	store_txn_end(d->t);
	workshop_list_fini(&d->ws);
	outcome_list_fini(&d->os);
	memset(d, 0, sizeof(*d));
}

enum status cli_workshops_show_begin(struct cmd_ctx *ctx, int argc, char **argv, const char *usage,
				     struct cli_parser *p, struct cli_workshops *d, enum cli_format *fmt)
{
	static const struct cli_opt opts[] = {{"format", 0, true}};
	const char *val;
	int o;
	enum status st;
	*fmt = CLI_TEXT;
	cli_parser_init(p, argc, argv, opts, ARRAY_LEN(opts));
	while ((o = cli_parser_next(p, &val)) >= 0)
		if ((st = cli_parse_format(val, CLI_TEXT | CLI_JSON, fmt)) != STATUS_OK)
			return st;
	if (o == -2)
		return STATUS_USAGE;
	if ((st = cli_want_pos(p, 1, 1, usage)) != STATUS_OK)
		return st;
	if ((st = cmd_open_store(ctx, CMD_READS)) != STATUS_OK)
		return st;
	return cli_workshops_load(ctx, d);
}

/* The project of a link: false (and no error left) when it is gone. */
static bool linked_project(struct txn *t, const struct uuid *id, struct project *p)
{
	if (store_project_get(t, id, p) == STATUS_OK)
		return true;
	status_clear();
	return false;
}

void cli_project_ref(struct buf *b, struct txn *t, const struct uuid *id)
{
	struct project p;
	project_init(&p);
	if (linked_project(t, id, &p)) {
		buf_printf(b, "#%u ", (unsigned)p.number);
		cli_text(b, p.title);
	} else {
		buf_puts(b, "?");
	}
	project_fini(&p);
}

void cli_project_numbers(struct buf *b, struct txn *t, const struct outcome *o)
{
	for (size_t i = 0; i < o->n_projects; i++) {
		struct project p;
		project_init(&p);
		if (linked_project(t, &o->projects[i], &p))
			buf_printf(b, "%s#%u", b->len ? ", " : "", (unsigned)p.number);
		project_fini(&p);
	}
}

json_t *cli_orgs_json(const struct catalog *c, const struct uuid *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_object();
		json_object_set_new(x, "uuid", cli_json_uuid(&v[i]));
		json_object_set_new(x, "name", cli_json_str(cli_org_name(c, &v[i])));
		json_array_append_new(a, x);
	}
	return a;
}

json_t *cli_outcome_json(const struct catalog *c, const struct cli_workshops *d, const struct outcome *o,
			 size_t index, int32_t today)
{
	json_t *j = json_object();
	json_object_set_new(j, "index", json_integer((json_int_t)index));
	json_object_set_new(j, "uuid", cli_json_uuid(&o->id));
	size_t wi = uuid_is_nil(&o->workshop) ? 0 : workshops_index_of(&d->ws, &o->workshop);
	json_object_set_new(j, "workshop", wi ? json_integer((json_int_t)wi) : json_null());
	json_object_set_new(j, "workshop_uuid", cli_json_uuid(&o->workshop));
	uint16_t field = workshops_outcome_field(d->t, &d->ws, o);
	json_object_set_new(j, "field", field ? json_integer(field) : json_null());
	json_object_set_new(j, "field_name", field ? cli_json_str(cli_field_name(c, field)) : json_null());
	json_object_set_new(j, "kind", json_string(outcome_kind_code(o->kind)));
	json_object_set_new(j, "status", json_string(outcome_status_code(o->status)));
	json_object_set_new(j, "text", cli_json_str(o->text));
	json_object_set_new(j, "owner", cli_json_str(o->owner));
	json_object_set_new(j, "due", cli_json_date(o->due));
	json_object_set_new(j, "overdue", json_boolean(workshops_overdue(o, today)));
	json_t *ps = json_array();
	for (size_t i = 0; i < o->n_projects; i++) {
		struct project p;
		project_init(&p);
		if (linked_project(d->t, &o->projects[i], &p))
			json_array_append_new(ps, json_integer(p.number));
		project_fini(&p);
	}
	json_object_set_new(j, "projects", ps);
	json_object_set_new(j, "organisations", cli_orgs_json(c, o->orgs, o->n_orgs));
	json_t *ss = json_array();
	for (size_t i = 0; i < o->n_services; i++)
		json_array_append_new(ss, json_integer(o->services[i]));
	json_object_set_new(j, "services", ss);
	json_object_set_new(j, "demo", json_boolean(o->demo));
	json_object_set_new(j, "version", json_integer(o->version));
	json_object_set_new(j, "created", cli_json_time(o->created));
	json_object_set_new(j, "updated", cli_json_time(o->updated));
	return j;
}
