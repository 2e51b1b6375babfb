/* The number parser: never crashes, what it accepts it can write back and
 * read again as the same value, and a plain decimal reads exactly as strtod
 * reads it (the parser's fast path must round as strtod does). */
#include <math.h>

#include "fuzz.h"
#include "gpucap/quantity.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	char buf[QTY_FMT_MAX];
	struct quantity q, again, hi;
	const char *why;

	if (s == NULL)
		return 0;
	if (qty_parse(s, &q, &why)) {
		FUZZ_ASSERT(isfinite(q.value));
		FUZZ_ASSERT(!(q.value == 0 && signbit(q.value)));
		FUZZ_ASSERT(qty_parse(qty_format(q.value, buf), &again, &why));
		FUZZ_ASSERT(again.value == q.value);
		if (strspn(s, "0123456789.") == size && size > 0)
			FUZZ_ASSERT(strtod(s, NULL) == q.value);
	} else {
		FUZZ_ASSERT(why != NULL && why[0] != '\0');
	}
	/* a range's ends are numbers, in order; a number is a range of one */
	if (qty_parse_range(s, &q, &hi, &why)) {
		FUZZ_ASSERT(isfinite(q.value) && isfinite(hi.value));
		FUZZ_ASSERT(q.value <= hi.value && q.money == hi.money);
	} else {
		FUZZ_ASSERT(why != NULL && why[0] != '\0');
	}
	free(s);
	return 0;
}
