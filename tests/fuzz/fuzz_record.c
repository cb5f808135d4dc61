/* fuzz_record.c - every record decoder (model.h x_decode, phase_list_decode)
 * on arbitrary bytes. The first byte picks the type. A record that decodes must
 * survive encode -> decode -> encode unchanged, and a deep copy must encode
 * the same: the store's read-modify-write relies on both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "ozgtui/codec.h"
#include "ozgtui/model.h"

static void same(const struct buf *a, const struct buf *b, const char *what)
{
	if (a->len != b->len || memcmp(a->data, b->data, a->len) != 0) {
		fprintf(stderr, "fuzz_record: %s: encoding not stable (%zu vs %zu bytes)\n", what,
			a->len, b->len);
		abort();
	}
}

#define ROUND_TRIP(type)                                                              \
	do {                                                                          \
		struct type x, y, z;                                                  \
		struct buf b1, b2, b3;                                                \
		type##_init(&x);                                                      \
		type##_init(&y);                                                      \
		type##_init(&z);                                                      \
		buf_init(&b1);                                                        \
		buf_init(&b2);                                                        \
		buf_init(&b3);                                                        \
		if (type##_decode(&x, data, size) == STATUS_OK) {                     \
			type##_encode(&x, &b1);                                       \
			if (type##_decode(&y, b1.data, b1.len) != STATUS_OK) {        \
				fprintf(stderr, "fuzz_record: " #type ": re-encoded record does not decode\n"); \
				abort();                                              \
			}                                                             \
			type##_encode(&y, &b2);                                       \
			same(&b1, &b2, #type);                                        \
			type##_copy(&z, &x);                                          \
			type##_encode(&z, &b3);                                       \
			same(&b1, &b3, #type " copy");                                \
		}                                                                     \
		type##_fini(&x);                                                      \
		type##_fini(&y);                                                      \
		type##_fini(&z);                                                      \
		buf_fini(&b1);                                                        \
		buf_fini(&b2);                                                        \
		buf_fini(&b3);                                                        \
	} while (0)

static void phase_list_round_trip(const uint8_t *data, size_t size)
{
	struct phase_list x, y;
	struct buf b1, b2;
	phase_list_init(&x);
	phase_list_init(&y);
	buf_init(&b1);
	buf_init(&b2);
	if (phase_list_decode(&x, data, size) == STATUS_OK) {
		phase_list_encode(&x, &b1);
		if (phase_list_decode(&y, b1.data, b1.len) != STATUS_OK)
			abort();
		phase_list_encode(&y, &b2);
		same(&b1, &b2, "phase_list");
	}
	phase_list_fini(&x);
	phase_list_fini(&y);
	buf_fini(&b1);
	buf_fini(&b2);
}

/* The raw reader: every field, nested records opened as such. */
static void walk(const uint8_t *data, size_t size, int depth)
{
	struct codec_reader r;
	struct codec_field f;
	if (depth == 0 ? !codec_open(&r, data, size) : (codec_open_nested(&r, data, size), false))
		return;
	while (codec_next(&r, &f)) {
		if (f.wire == CODEC_BYTES && depth < 4) {
			walk(f.data, f.len, depth + 1);
			free(codec_field_str(&f));
		}
		(void)codec_zigzag_decode(f.u);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n)
{
	if (n < 1)
		return 0;
	const uint8_t *data = in + 1;
	size_t size = n - 1;
	switch (in[0] % 11) {
	case 0: ROUND_TRIP(topic_field); break;
	case 1: ROUND_TRIP(organisation); break;
	case 2: ROUND_TRIP(service); break;
	case 3: ROUND_TRIP(project); break;
	case 4: ROUND_TRIP(workshop); break;
	case 5: ROUND_TRIP(outcome); break;
	case 6: ROUND_TRIP(history_entry); break;
	case 7: ROUND_TRIP(settings); break;
	case 8: ROUND_TRIP(snapshot); break;
	case 9: phase_list_round_trip(data, size); break;
	default: walk(data, size, 0); break;
	}
	return 0;
}
