/* snapshot_render.c - the renderings of a snapshot diff (snapshot.c makes
 * it): text for people in their language, Markdown for the report, JSON.
 */
#include "ozgtui/snapshot.h"
#include "ozgtui/i18n.h"

#include <inttypes.h>

#include "ozgtui/export.h"
#include "ozgtui/util.h"

/* ---- renderings ----------------------------------------------------------------- */

static const char *field_name(const struct catalog *c, uint16_t number)
{
	const struct topic_field *f = catalog_field(c, number);
	return f && f->name ? f->name : "";
}

static void mask_codes(struct buf *b, uint32_t mask, bool german)
{
	const char *sep = "";
	for (int k = 1; k <= CAT__MAX; k++) {
		if (!(mask & CAT_BIT(k)))
			continue;
		buf_printf(b, "%s%s", sep,
			   german ? category_label_de((enum category)k) : category_code((enum category)k));
		sep = ", ";
	}
}

static void numbers_text(struct buf *b, const struct snapshot_change *ch)
{
	for (size_t i = 0; i < ch->n_numbers; i++)
		buf_printf(b, "%s#%" PRIu32, i ? ", " : "", ch->numbers[i]);
}

void snapshot_diff_text(const struct snapshot_diff *d, const struct catalog *c, const char *label_a,
			const char *label_b, struct buf *out)
{
	/* text for people, in their language; the codes (phases' direction, roles,
	 * kinds, statuses) stay as typed on the command line */
	static const char *const heads[SNAPSHOT__COUNT] = {
		[SNAPSHOT_ADDED] = N_("added"),
		[SNAPSHOT_REMOVED] = N_("removed"),
		[SNAPSHOT_MOVED] = N_("moved"),
		[SNAPSHOT_TEAM] = N_("team changes"),
		[SNAPSHOT_VERDICT] = N_("verdict changes"),
		[SNAPSHOT_OUTCOME_OPENED] = N_("outcomes opened"),
		[SNAPSHOT_OUTCOME_CLOSED] = N_("outcomes closed"),
	};
	struct buf a, b;
	buf_init(&a);
	buf_init(&b);
	text_sanitize(&a, label_a);
	text_sanitize(&b, label_b);
	buf_printf(out, _("Changes from %s to %s\n"), a.data ? a.data : "", b.data ? b.data : "");
	buf_fini(&a);
	buf_fini(&b);
	if (!d->n) {
		buf_puts(out, _("no changes\n"));
		return;
	}
	for (int k = 0; k < SNAPSHOT__COUNT; k++) {
		size_t n = snapshot_diff_count(d, (enum snapshot_change_kind)k);
		if (!n)
			continue;
		buf_printf(out, "\n%s (%zu):\n", _(heads[k]), n);
		for (size_t i = 0; i < d->n; i++) {
			const struct snapshot_change *ch = &d->v[i];
			if ((int)ch->kind != k)
				continue;
			buf_puts(out, "  ");
			if (ch->kind < SNAPSHOT_OUTCOME_OPENED) {
				buf_printf(out, "#%" PRIu32 " ", ch->number);
				text_sanitize(out, ch->title);
				buf_puts(out, ": ");
			}
			switch (ch->kind) {
			case SNAPSHOT_ADDED:
			case SNAPSHOT_REMOVED:
				text_sanitize(out, catalog_phase_name(c, ch->kind == SNAPSHOT_ADDED ? ch->to_phase
											  : ch->from_phase, "?"));
				if (ch->field) {
					buf_printf(out, _(", field %u "), (unsigned)ch->field);
					text_sanitize(out, field_name(c, ch->field));
				}
				break;
			case SNAPSHOT_MOVED:
				text_sanitize(out, catalog_phase_name(c, ch->from_phase, "?"));
				buf_puts(out, " → ");
				text_sanitize(out, catalog_phase_name(c, ch->to_phase, "?"));
				buf_printf(out, " (%s)", snapshot_direction_code(ch->dir));
				break;
			case SNAPSHOT_TEAM:
				if (ch->old_role == ROLE_NONE) {
					buf_puts(out, "+ ");
					text_sanitize(out, catalog_org_name(c, &ch->org, "?"));
					buf_printf(out, " (%s)", role_code(ch->new_role));
				} else if (ch->new_role == ROLE_NONE) {
					buf_puts(out, "- ");
					text_sanitize(out, catalog_org_name(c, &ch->org, "?"));
					buf_printf(out, _(" (was %s)"), role_code(ch->old_role));
				} else {
					text_sanitize(out, catalog_org_name(c, &ch->org, "?"));
					buf_printf(out, ": %s → %s", role_code(ch->old_role), role_code(ch->new_role));
				}
				break;
			case SNAPSHOT_VERDICT:
				buf_printf(out, "%s → %s",
					   ch->was_representative ? C_("verdict", "representative")
								  : C_("verdict", "not representative"),
					   ch->is_representative ? C_("verdict", "representative")
								 : C_("verdict", "not representative"));
				if (ch->missing) {
					buf_puts(out, _(" (missing: "));
					mask_codes(out, ch->missing, false);
					buf_puts(out, ")");
				}
				break;
			case SNAPSHOT_OUTCOME_OPENED:
			case SNAPSHOT_OUTCOME_CLOSED:
				buf_printf(out, "[%s] ", outcome_kind_code(ch->outcome_kind));
				text_sanitize(out, ch->text);
				if (ch->is_new)
					buf_printf(out, _(" (new, %s)"), outcome_status_code(ch->new_status));
				else
					buf_printf(out, " (%s → %s)", outcome_status_code(ch->old_status),
						   outcome_status_code(ch->new_status));
				if (ch->owner && *ch->owner) {
					buf_puts(out, _("; owner "));
					text_sanitize(out, ch->owner);
				}
				if (ch->due) {
					char day[32];
					i18n_date(ch->due, day);
					buf_printf(out, _("; due %s"), day);
				}
				if (ch->n_numbers) {
					buf_puts(out, "; ");
					numbers_text(out, ch);
				}
				break;
			case SNAPSHOT__COUNT:
				break;
			}
			buf_puts(out, "\n");
		}
	}
}

/* ---- Markdown ------------------------------------------------------------------- */

static void md_heading(struct buf *out, int level, const char *text, size_t n)
{
	buf_putc(out, '\n');
	for (int i = 0; i < level; i++)
		buf_putc(out, '#');
	buf_printf(out, " %s (%zu)\n\n", text, n);
}

static void md_project_cells(struct buf *out, const struct snapshot_change *ch)
{
	buf_printf(out, "| %" PRIu32 " | ", ch->number);
	export_md_escape(out, ch->title);
	buf_puts(out, " |");
}

static const char *role_label_or_dash(enum role r)
{
	return r == ROLE_NONE ? "–" : role_label_de(r);
}

void snapshot_diff_markdown(const struct snapshot_diff *d, const struct catalog *c, const char *label_a,
			    const char *label_b, int level, struct buf *out)
{
	int sub = level ? level + 1 : 3;
	if (level) {
		buf_putc(out, '\n');
		for (int i = 0; i < level; i++)
			buf_putc(out, '#');
		buf_puts(out, " Veränderungen: ");
		export_md_escape(out, label_a);
		buf_puts(out, " → ");
		export_md_escape(out, label_b);
		buf_puts(out, "\n");
	}
	buf_putc(out, '\n');
	if (!d->n) {
		buf_puts(out, "Keine Veränderungen.\n");
		return;
	}
	size_t moved_fwd = 0, moved_back = 0, moved_aside = 0;
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].kind != SNAPSHOT_MOVED)
			continue;
		moved_fwd += d->v[i].dir == SNAPSHOT_FORWARD;
		moved_back += d->v[i].dir == SNAPSHOT_BACK;
		moved_aside += d->v[i].dir == SNAPSHOT_ASIDE;
	}
	for (int k = 0; k < SNAPSHOT__COUNT; k++) {
		size_t n = snapshot_diff_count(d, (enum snapshot_change_kind)k);
		buf_printf(out, "- %s: %zu", snapshot_change_heading((enum snapshot_change_kind)k), n);
		if (k == SNAPSHOT_MOVED && n)
			buf_printf(out, " (%zu vorwärts, %zu zurück, %zu außerhalb der Linie)", moved_fwd,
				   moved_back, moved_aside);
		buf_putc(out, '\n');
	}
	for (int k = 0; k < SNAPSHOT__COUNT; k++) {
		size_t n = snapshot_diff_count(d, (enum snapshot_change_kind)k);
		if (!n)
			continue;
		md_heading(out, sub, snapshot_change_heading((enum snapshot_change_kind)k), n);
		switch ((enum snapshot_change_kind)k) {
		case SNAPSHOT_ADDED:
		case SNAPSHOT_REMOVED:
			buf_puts(out, "| Nr. | Projekt | Themenfeld | Phase |\n|---:|---|---|---|\n");
			break;
		case SNAPSHOT_MOVED:
			buf_puts(out, "| Nr. | Projekt | von | nach | Richtung |\n|---:|---|---|---|---|\n");
			break;
		case SNAPSHOT_TEAM:
			buf_puts(out, "| Nr. | Projekt | Organisation | vorher | jetzt |\n|---:|---|---|---|---|\n");
			break;
		case SNAPSHOT_VERDICT:
			buf_puts(out, "| Nr. | Projekt | vorher | jetzt | es fehlt |\n|---:|---|---|---|---|\n");
			break;
		case SNAPSHOT_OUTCOME_OPENED:
		case SNAPSHOT_OUTCOME_CLOSED:
			buf_puts(out, "| Art | Ergebnis | verantwortlich | fällig | Status | Projekte |\n"
				      "|---|---|---|---|---|---|\n");
			break;
		case SNAPSHOT__COUNT:
			break;
		}
		for (size_t i = 0; i < d->n; i++) {
			const struct snapshot_change *ch = &d->v[i];
			if ((int)ch->kind != k)
				continue;
			switch (ch->kind) {
			case SNAPSHOT_ADDED:
			case SNAPSHOT_REMOVED:
				md_project_cells(out, ch);
				buf_puts(out, " ");
				export_md_escape(out, field_name(c, ch->field));
				buf_puts(out, " | ");
				export_md_escape(out, catalog_phase_name(c, ch->kind == SNAPSHOT_ADDED ? ch->to_phase
											       : ch->from_phase, "?"));
				break;
			case SNAPSHOT_MOVED:
				md_project_cells(out, ch);
				buf_puts(out, " ");
				export_md_escape(out, catalog_phase_name(c, ch->from_phase, "?"));
				buf_puts(out, " | ");
				export_md_escape(out, catalog_phase_name(c, ch->to_phase, "?"));
				buf_printf(out, " | %s", snapshot_direction_label(ch->dir));
				break;
			case SNAPSHOT_TEAM:
				md_project_cells(out, ch);
				buf_puts(out, " ");
				export_md_escape(out, catalog_org_name(c, &ch->org, "?"));
				buf_printf(out, " | %s | %s", role_label_or_dash(ch->old_role),
					   role_label_or_dash(ch->new_role));
				break;
			case SNAPSHOT_VERDICT:
				md_project_cells(out, ch);
				buf_printf(out, " %s | %s | ",
					   ch->was_representative ? "repräsentativ" : "nicht repräsentativ",
					   ch->is_representative ? "repräsentativ" : "nicht repräsentativ");
				if (ch->missing)
					mask_codes(out, ch->missing, true);
				else
					buf_puts(out, "–");
				break;
			case SNAPSHOT_OUTCOME_OPENED:
			case SNAPSHOT_OUTCOME_CLOSED: {
				buf_printf(out, "| %s | ", outcome_kind_label_de(ch->outcome_kind));
				export_md_escape(out, ch->text);
				buf_puts(out, " | ");
				if (ch->owner && *ch->owner)
					export_md_escape(out, ch->owner);
				else
					buf_puts(out, "–");
				char day[11];
				date_format(ch->due, day);
				buf_printf(out, " | %s | ", ch->due ? day : "–");
				if (ch->is_new)
					buf_printf(out, "neu, %s", snapshot_status_label(ch->new_status));
				else
					buf_printf(out, "%s → %s", snapshot_status_label(ch->old_status),
						   snapshot_status_label(ch->new_status));
				buf_puts(out, " | ");
				if (ch->n_numbers)
					numbers_text(out, ch);
				else
					buf_puts(out, "–");
				break;
			}
			case SNAPSHOT__COUNT:
				break;
			}
			buf_puts(out, " |\n");
		}
	}
}

/* ---- JSON ----------------------------------------------------------------------- */

/* A string as JSON; invalid UTF-8 is cleaned rather than dropped. */
static json_t *jstr(const char *s)
{
	if (!s)
		return json_null();
	json_t *j = json_string(s);
	if (j)
		return j;
	struct buf b;
	buf_init(&b);
	export_clean(&b, s);
	j = json_string(b.data ? b.data : "");
	buf_fini(&b);
	return j;
}

static json_t *juuid(const struct uuid *u)
{
	char s[37];
	if (uuid_is_nil(u))
		return json_null();
	uuid_format(u, s);
	return json_string(s);
}

static json_t *jdate(int32_t day)
{
	char s[11];
	if (!day)
		return json_null();
	date_format(day, s);
	return json_string(s);
}

json_t *snapshot_diff_json(const struct snapshot_diff *d, const struct catalog *c, const char *label_a,
			   const char *label_b)
{
	static const char *const keys[SNAPSHOT__COUNT] = {
		[SNAPSHOT_ADDED] = "added",
		[SNAPSHOT_REMOVED] = "removed",
		[SNAPSHOT_MOVED] = "moved",
		[SNAPSHOT_TEAM] = "team",
		[SNAPSHOT_VERDICT] = "verdict",
		[SNAPSHOT_OUTCOME_OPENED] = "outcomes_opened",
		[SNAPSHOT_OUTCOME_CLOSED] = "outcomes_closed",
	};
	json_t *root = json_object();
	json_object_set_new(root, "from", jstr(label_a));
	json_object_set_new(root, "to", jstr(label_b));
	json_object_set_new(root, "from_revision", json_integer((json_int_t)d->rev_a));
	json_object_set_new(root, "to_revision", json_integer((json_int_t)d->rev_b));
	json_t *counts = json_object();
	for (int k = 0; k < SNAPSHOT__COUNT; k++)
		json_object_set_new(counts, keys[k],
				    json_integer((json_int_t)snapshot_diff_count(d, (enum snapshot_change_kind)k)));
	json_object_set_new(root, "counts", counts);
	json_t *arrays[SNAPSHOT__COUNT];
	for (int k = 0; k < SNAPSHOT__COUNT; k++) {
		arrays[k] = json_array();
		json_object_set_new(root, keys[k], arrays[k]);
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct snapshot_change *ch = &d->v[i];
		json_t *o = json_object();
		if (ch->kind < SNAPSHOT_OUTCOME_OPENED) {
			json_object_set_new(o, "number", json_integer(ch->number));
			json_object_set_new(o, "uuid", juuid(&ch->project));
			json_object_set_new(o, "title", jstr(ch->title));
		}
		switch (ch->kind) {
		case SNAPSHOT_ADDED:
		case SNAPSHOT_REMOVED:
			json_object_set_new(o, "field", ch->field ? json_integer(ch->field) : json_null());
			json_object_set_new(o, "field_name", ch->field ? jstr(field_name(c, ch->field)) : json_null());
			json_object_set_new(o, "phase", jstr(catalog_phase_name(c, ch->kind == SNAPSHOT_ADDED
									      ? ch->to_phase
									      : ch->from_phase, "?")));
			break;
		case SNAPSHOT_MOVED:
			json_object_set_new(o, "from", jstr(catalog_phase_name(c, ch->from_phase, "?")));
			json_object_set_new(o, "to", jstr(catalog_phase_name(c, ch->to_phase, "?")));
			json_object_set_new(o, "direction", json_string(snapshot_direction_code(ch->dir)));
			break;
		case SNAPSHOT_TEAM:
			json_object_set_new(o, "org", juuid(&ch->org));
			json_object_set_new(o, "org_name", jstr(catalog_org_name(c, &ch->org, "?")));
			json_object_set_new(o, "from_role",
					    ch->old_role ? json_string(role_code(ch->old_role)) : json_null());
			json_object_set_new(o, "to_role",
					    ch->new_role ? json_string(role_code(ch->new_role)) : json_null());
			break;
		case SNAPSHOT_VERDICT: {
			json_object_set_new(o, "was_representative", json_boolean(ch->was_representative));
			json_object_set_new(o, "representative", json_boolean(ch->is_representative));
			json_t *m = json_array();
			for (int k = 1; k <= CAT__MAX; k++)
				if (ch->missing & CAT_BIT(k))
					json_array_append_new(m, json_string(category_code((enum category)k)));
			json_object_set_new(o, "missing", m);
			break;
		}
		case SNAPSHOT_OUTCOME_OPENED:
		case SNAPSHOT_OUTCOME_CLOSED: {
			json_object_set_new(o, "uuid", juuid(&ch->outcome));
			json_object_set_new(o, "kind", json_string(outcome_kind_code(ch->outcome_kind)));
			json_object_set_new(o, "text", jstr(ch->text));
			json_object_set_new(o, "owner", jstr(ch->owner));
			json_object_set_new(o, "due", jdate(ch->due));
			json_object_set_new(o, "new", json_boolean(ch->is_new));
			json_object_set_new(o, "from_status",
					    ch->is_new ? json_null() : json_string(outcome_status_code(ch->old_status)));
			json_object_set_new(o, "status", json_string(outcome_status_code(ch->new_status)));
			json_t *nums = json_array();
			for (size_t k = 0; k < ch->n_numbers; k++)
				json_array_append_new(nums, json_integer(ch->numbers[k]));
			json_object_set_new(o, "projects", nums);
			break;
		}
		case SNAPSHOT__COUNT:
			break;
		}
		json_array_append_new(arrays[ch->kind], o);
	}
	return root;
}
