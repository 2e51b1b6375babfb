/* The check-expression parser, and evaluation of what it accepts against
 * a small series. A refused expression is a usage error located inside
 * the text. */
#include <math.h>

#include "fuzz.h"
#include "gpucap/check.h"

static struct series_row ROWS[8];

static void fill(void)
{
	size_t i;

	for (i = 0; i < 8; i++) {
		memset(&ROWS[i], 0, sizeof ROWS[i]);
		ROWS[i].org = i < 4 ? "acme" : SERIES_TOTAL_ORG;
		ROWS[i].total = i >= 4;
		ROWS[i].quarter = 2024 * 4 + (int)(i % 4);
		ROWS[i].h100e = 100.0 * (double)(i % 4 + 1);
		/* one growth too big to compute: no check holds on it */
		ROWS[i].qoq = i % 4 == 3 ? INFINITY : i % 4 ? 50 : NAN;
		ROWS[i].added = 100;
		ROWS[i].spend = NAN;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	struct series series = {
		.rows = ROWS,
		.n = 8,
	};
	struct check c;
	struct check_result r;
	struct gc_error err;

	if (s == NULL)
		return 0;
	fill();
	if (check_parse(s, "fuzz", 1, &c, &err) == GC_OK) {
		check_eval(&c, &series, &r);
		FUZZ_ASSERT(r.ok || r.why[0] != '\0' || !isnan(r.got));
		FUZZ_ASSERT(!isinf(r.got) && (!r.ok || isfinite(r.got)));
	} else {
		FUZZ_ASSERT(err.status == GC_USAGE && err.col >= 1);
	}
	free(s);
	return 0;
}
