/* The number parser: never crashes, and what it accepts it can write back
 * and read again as the same value. */
#include <math.h>

#include "fuzz.h"
#include "gpucap/quantity.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	char buf[QTY_FMT_MAX];
	struct quantity q, again;
	const char *why;

	if (s == NULL)
		return 0;
	if (qty_parse(s, &q, &why)) {
		FUZZ_ASSERT(isfinite(q.value));
		FUZZ_ASSERT(!(q.value == 0 && signbit(q.value)));
		FUZZ_ASSERT(qty_parse(qty_format(q.value, buf), &again, &why));
		FUZZ_ASSERT(again.value == q.value);
	} else {
		FUZZ_ASSERT(why != NULL && why[0] != '\0');
	}
	free(s);
	return 0;
}
