/* The JSON and NDJSON ledger loaders on arbitrary bytes: the first byte
 * picks the format and --keep-going. */
#include "fuzz.h"
#include "gpucap/quarter.h"
#include "ledger_impl.h"

static enum gc_status sink(const struct ledger_row *row, void *ctx,
			   struct gc_error *err)
{
	(void)ctx;
	(void)err;
	FUZZ_ASSERT(row->org != NULL);
	FUZZ_ASSERT(quarter_year(row->quarter) >= QUARTER_YEAR_MIN);
	FUZZ_ASSERT(row->line >= 1);
	return GC_OK;
}

static void warn(void *ctx, const struct gc_error *w)
{
	(void)ctx;
	FUZZ_ASSERT(w->line >= 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags = size ? data[0] : 0;
	FILE *in = fuzz_stream(data + (size ? 1 : 0), size ? size - 1 : 0);
	struct ledger_opts o = { LEDGER_JSON, flags & 2, warn, NULL };
	struct ledger_load ld = { "fuzz.json", &o, sink, NULL };
	struct gc_error err;
	enum gc_status st;

	if (in == NULL)
		return 0;
	st = flags & 1 ? ledger_ndjson_read(in, NULL, 0, &ld, &err)
		       : ledger_json_read(in, NULL, 0, &ld, &err);
	FUZZ_ASSERT(st == GC_OK || st == GC_DATA || st == GC_IO);
	FUZZ_ASSERT(st != GC_DATA || err.line >= 1);
	fclose(in);
	return 0;
}
