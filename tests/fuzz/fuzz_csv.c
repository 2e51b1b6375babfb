/* The CSV and TSV ledger loader on arbitrary bytes. The first byte picks
 * the delimiter (bit 0), --keep-going (bit 1) and a part size of 1 to 64
 * bytes (bits 2-7). Every row handed on is well formed, and a read in
 * parts on two threads hands on exactly what a plain read does: the same
 * rows, warnings and error, in the same order. */
#include "fuzz_ledger.h"
#include "ledger_par.h"

/* What a read did, as text; the caller frees it. */
static char *traced(const uint8_t *data, size_t size, unsigned flags,
		    bool in_parts)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *trace = open_memstream(&buf, &len);
	struct ledger_opts o = { LEDGER_CSV, flags & 2, fuzz_trace_warning,
				 trace,	     NULL,	NULL };
	struct ledger_load ld = { "fuzz.csv", &o, fuzz_trace_row, trace, 0 };
	struct csvread_src src = { -1, (const char *)data, (long long)size };
	char delim = flags & 1 ? '\t' : ',';
	struct gc_error err;
	enum gc_status st;
	FILE *in;

	FUZZ_ASSERT(trace != NULL);
	if (in_parts) {
		st = ledger_csv_read_parts(&src, 0, delim, (flags >> 2) + 1, 2,
					   &ld, &err);
	} else {
		in = fuzz_stream(data, size);
		FUZZ_ASSERT(in != NULL);
		st = ledger_csv_read(in, NULL, 0, delim, &ld, &err);
		fclose(in);
	}
	FUZZ_ASSERT(st == GC_OK || st == GC_DATA || st == GC_IO);
	FUZZ_ASSERT(st == GC_OK || err.msg[0] != '\0');
	if (st != GC_OK)
		fprintf(trace, "error %d %ld:%ld %s\n", (int)st, err.line,
			err.col, err.msg);
	fclose(trace);
	return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags = size ? data[0] : 0;
	char *plain, *parts;

	data += size ? 1 : 0;
	size -= size ? 1 : 0;
	plain = traced(data, size, flags, false);
	parts = traced(data, size, flags, true);
	if (strcmp(plain, parts) != 0) {
		fprintf(stderr, "one thread:\n%s\nin parts:\n%s", plain, parts);
		FUZZ_ASSERT(!"a read in parts differs");
	}
	free(plain);
	free(parts);
	return 0;
}
