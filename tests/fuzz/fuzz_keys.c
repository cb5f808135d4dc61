/* fuzz_keys.c - key files (src/tui/keymap.c, docs/keys.md): keymap_parse over
 * the default bindings, lookups of what it bound, and keyname_parse and
 * keyname_format on each word. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "ozgtui/keymap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_string(data, size);
	struct keymap k;
	keymap_init(&k);
	keymap_load_defaults(&k);
	(void)keymap_parse(&k, "keys", text);
	struct buf b;
	buf_init(&b);
	for (int c = 0; c < KEYCTX__COUNT; c++) {
		for (size_t i = 0; i < k.n[c]; i++) {
			enum action a = keymap_lookup(&k, (enum keyctx)c, k.v[c][i].key);
			if (a <= ACTION_NONE || a >= ACTION__COUNT)
				abort();   /* a binding to no action */
			buf_reset(&b);
			(void)keymap_keys_for(&k, (enum keyctx)c, a, &b);
		}
	}
	buf_fini(&b);
	for (char *w = strtok(text, " \t\n"); w; w = strtok(NULL, " \t\n")) {
		int key;
		char out[16];
		if (keyname_parse(w, &key)) {
			keyname_format(key, out);
			if (!memchr(out, '\0', sizeof out))
				abort();
		}
	}
	keymap_fini(&k);
	free(text);
	status_clear();
	return 0;
}
