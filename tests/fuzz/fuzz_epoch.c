/* Epoch AI's GPU clusters import on arbitrary bytes: every row it makes is
 * dated and names an org. The first byte picks the options. */
#include <math.h>

#include "fuzz.h"
#include "gpucap/epoch.h"
#include "gpucap/quarter.h"

static enum gc_status sink(const struct epoch_row *row, void *ctx,
			   struct gc_error *err)
{
	(void)ctx;
	(void)err;
	FUZZ_ASSERT(row->org != NULL && row->note != NULL);
	FUZZ_ASSERT(quarter_year(row->quarter) >= QUARTER_YEAR_MIN);
	FUZZ_ASSERT((row->model == NULL) == isnan(row->units));
	return GC_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags = size ? data[0] : 0;
	FILE *in = fuzz_stream(data + (size ? 1 : 0), size ? size - 1 : 0);
	struct epoch_import imp = { flags & 1, flags & 2, 0, 0, 0, 0 };
	struct gc_error err;

	if (in == NULL)
		return 0;
	if (epoch_clusters_read(in, "fuzz", &imp, sink, NULL, &err) == GC_OK)
		FUZZ_ASSERT(imp.imported + imp.skipped == imp.clusters);
	fclose(in);
	return 0;
}
