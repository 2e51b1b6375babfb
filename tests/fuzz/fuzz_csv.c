/* The CSV and TSV ledger loader on arbitrary bytes. The first byte picks
 * the delimiter (bit 0: ',' or else, by bit 2, a tab or ';' with its
 * decimal commas), --keep-going (bit 1) and a part size of 1 to 64 bytes
 * (bits 2-7). Every row handed on is well formed, and a read in
 * parts on two threads hands on exactly what a plain read does: the same
 * rows, warnings and error, in the same order. */
#include "fuzz_ledger.h"
#include "ledger_csv.h"

/* What a read did, as text; the caller frees it. */
static char *traced(const uint8_t *data, size_t size, unsigned flags,
		    bool in_parts)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *trace = open_memstream(&buf, &len);
	struct ledger_opts o = { .format = LEDGER_CSV,
				 .keep_going = flags & 2,
				 .warn = fuzz_trace_warning,
				 .warn_ctx = trace };
	struct ledger_load ld = { "fuzz.csv", &o, fuzz_trace_row, trace, 0 };
	struct csvread_src src = { -1, (const char *)data, (long long)size };
	char delim = !(flags & 1) ? ',' : flags & 4 ? ';' : '\t';
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
	fuzz_trace_end(trace, st, &err);
	return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags = size ? data[0] : 0;

	data += size ? 1 : 0;
	size -= size ? 1 : 0;
	fuzz_same_reads("one thread", traced(data, size, flags, false),
			"in parts", traced(data, size, flags, true));
	return 0;
}
