/* The quarter parser: what it accepts is a real quarter that formats and
 * reads back as itself. */
#include "fuzz.h"
#include "gpucap/quarter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	char buf[QUARTER_FMT_MAX];
	int q, again;

	if (s == NULL)
		return 0;
	if (quarter_parse(s, &q)) {
		FUZZ_ASSERT(quarter_year(q) >= QUARTER_YEAR_MIN);
		FUZZ_ASSERT(quarter_year(q) <= QUARTER_YEAR_MAX);
		FUZZ_ASSERT(quarter_num(q) >= 1 && quarter_num(q) <= 4);
		FUZZ_ASSERT(quarter_parse(quarter_format(q, buf), &again));
		FUZZ_ASSERT(again == q);
	}
	free(s);
	return 0;
}
