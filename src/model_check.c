/* model_check.c - the limits of text fields (model.h MODEL_MAX_*): what the
 * store refuses, so that no way in (CLI, TUI, import) can store text that an
 * export could not write or an import would not read back. */
#include "ozgtui/model.h"
#include "ozgtui/i18n.h"

#include <string.h>

/* The first offending byte of s, or -1 when s is valid UTF-8. */
static long bad_byte(const char *s, size_t n)
{
	if (text_valid_utf8(s, n))
		return -1;
	/* narrow down: the longest valid prefix ends at the bad byte */
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;
		if (text_valid_utf8(s, mid))
			lo = mid;
		else
			hi = mid - 1;
	}
	return (long)lo;
}

static enum status text(const char *what, const char *s, size_t max)
{
	if (!s)
		return STATUS_OK;
	size_t n = strlen(s);
	if (n > max)
		return status_fail(STATUS_DATA, _("%s: too long (%zu bytes, at most %zu)"), _(what), n, max);
	long bad = bad_byte(s, n);
	if (bad >= 0)
		return status_fail(STATUS_DATA, _("%s: not valid UTF-8 (byte %ld)"), _(what), bad + 1);
	return STATUS_OK;
}

static enum status texts(const char *what, const struct strv *v)
{
	for (size_t i = 0; i < v->n; i++) {
		enum status st = text(what, v->v[i], MODEL_MAX_TEXT);
		if (st != STATUS_OK)
			return st;
	}
	return STATUS_OK;
}

#define CHECK(e)                                           \
	do {                                               \
		enum status st_ = (e);                     \
		if (st_ != STATUS_OK)                      \
			return st_;                        \
	} while (0)

enum status topic_field_check(const struct topic_field *x)
{
	CHECK(text(N_("slug"), x->slug, MODEL_MAX_KEY));
	CHECK(text(N_("name"), x->name, MODEL_MAX_TEXT));
	CHECK(text(N_("alternative name"), x->alt_name, MODEL_MAX_TEXT));
	CHECK(text(N_("sponsor"), x->sponsor, MODEL_MAX_TEXT));
	return STATUS_OK;
}

enum status organisation_check(const struct organisation *x)
{
	CHECK(text(N_("name"), x->name, MODEL_MAX_TEXT));
	CHECK(text(N_("AGS"), x->ags, MODEL_MAX_KEY));
	CHECK(text(N_("legal type"), x->legal_type, MODEL_MAX_TEXT));
	CHECK(text(N_("county AGS"), x->county_ags, MODEL_MAX_KEY));
	CHECK(text(N_("size class"), x->size_class, MODEL_MAX_TEXT));
	CHECK(text(N_("region"), x->region, MODEL_MAX_TEXT));
	return STATUS_OK;
}

enum status service_check(const struct service *x)
{
	CHECK(text(N_("name"), x->name, MODEL_MAX_TEXT));
	CHECK(text(N_("life situation"), x->life_situation, MODEL_MAX_TEXT));
	return STATUS_OK;
}

enum status project_check(const struct project *x)
{
	CHECK(text(N_("title"), x->title, MODEL_MAX_TITLE));
	CHECK(texts(N_("department"), &x->departments));
	CHECK(texts(N_("base component"), &x->components));
	CHECK(texts(N_("existing solution"), &x->solutions));
	CHECK(text(N_("notes"), x->notes, MODEL_MAX_TEXT));
	CHECK(text(N_("created by"), x->created_by, MODEL_MAX_USER));
	CHECK(text(N_("updated by"), x->updated_by, MODEL_MAX_USER));
	return STATUS_OK;
}

enum status workshop_check(const struct workshop *x)
{
	CHECK(text(N_("title"), x->title, MODEL_MAX_TITLE));
	CHECK(text(N_("place"), x->place, MODEL_MAX_TEXT));
	CHECK(text(N_("notes"), x->notes, MODEL_MAX_TEXT));
	return STATUS_OK;
}

enum status outcome_check(const struct outcome *x)
{
	CHECK(text(N_("text"), x->text, MODEL_MAX_TEXT));
	CHECK(text(N_("owner"), x->owner, MODEL_MAX_TEXT));
	return STATUS_OK;
}

enum status history_entry_check(const struct history_entry *x)
{
	CHECK(text(N_("user"), x->user, MODEL_MAX_USER));
	CHECK(text(N_("entity"), x->entity, MODEL_MAX_KEY));
	CHECK(text(N_("action"), x->action, MODEL_MAX_KEY));
	CHECK(text(N_("summary"), x->summary, MODEL_MAX_TEXT));
	CHECK(text(N_("reason"), x->reason, MODEL_MAX_TEXT));
	return STATUS_OK;
}

enum status snapshot_check(const struct snapshot *x)
{
	CHECK(text(N_("name"), x->name, MODEL_MAX_TEXT));
	CHECK(text(N_("note"), x->note, MODEL_MAX_TEXT));
	CHECK(text(N_("user"), x->user, MODEL_MAX_TEXT));
	return STATUS_OK;
}

enum status phase_list_check(const struct phase_list *x)
{
	for (size_t i = 0; i < x->n; i++) {
		CHECK(text(N_("phase name"), x->v[i].name, MODEL_MAX_PHASE_NAME));
		CHECK(text(N_("phase slug"), x->v[i].slug, MODEL_MAX_KEY));
	}
	return STATUS_OK;
}
