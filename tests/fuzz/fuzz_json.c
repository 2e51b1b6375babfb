/* The JSON and NDJSON ledger loaders on arbitrary bytes. The first byte
 * picks the format (bit 0), --keep-going (bit 1) and a read size of 1 to
 * 64 bytes (bits 2-7): read in pieces that small, cutting rows, strings
 * and escapes anywhere, a ledger must give exactly what it gives read
 * whole (the same rows, warnings and error, in the same order). The
 * whole read goes through cJSON alone, the parser of record; the read in
 * pieces takes the fast path for flat rows: so this is also the
 * differential test of the fast path against cJSON. Both are read a
 * third time in parts on two threads (ledger_par.c), the workers taking
 * the flat lines (a JSON array's with their commas, the frame of the
 * reading thread the rest), and must give the same again. */
#include "fuzz_ledger.h"
#include "ledger_csv.h"

static char *traced(const uint8_t *data, size_t size, unsigned flags,
		    size_t chunk, bool flat)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *trace = open_memstream(&buf, &len);
	FILE *in = fuzz_stream(data, size);
	struct ledger_opts o = { .format = LEDGER_JSON,
				 .keep_going = flags & 2,
				 .warn = fuzz_trace_warning,
				 .warn_ctx = trace };
	struct ledger_load ld = { "fuzz.json", &o, fuzz_trace_row, trace, 0 };
	struct gc_error err;
	enum gc_status st;

	FUZZ_ASSERT(trace != NULL && in != NULL);
	ledger_json_flat = flat;
	st = flags & 1 ? ledger_ndjson_read_by(in, NULL, 0, chunk, &ld, &err)
		       : ledger_json_read_by(in, NULL, 0, chunk, &ld, &err);
	fclose(in);
	fuzz_trace_end(trace, st, &err);
	return buf;
}

/* In parts of `block` bytes on two threads. */
static char *in_parts(const uint8_t *data, size_t size, unsigned flags,
		      size_t block)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *trace = open_memstream(&buf, &len);
	struct ledger_opts o = { .format = LEDGER_NDJSON,
				 .keep_going = flags & 2,
				 .warn = fuzz_trace_warning,
				 .warn_ctx = trace };
	struct ledger_load ld = { "fuzz.json", &o, fuzz_trace_row, trace, 0 };
	struct csvread_src src = { -1, (const char *)data, (long long)size };
	struct gc_error err;
	enum gc_status st;

	FUZZ_ASSERT(trace != NULL);
	ledger_json_flat = true;
	st = flags & 1 ? ledger_ndjson_read_parts(&src, 0, block, 2, &ld, &err)
		       : ledger_json_read_parts(&src, 0, block, 2, &ld, &err);
	fuzz_trace_end(trace, st, &err);
	return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags = size ? data[0] : 0;

	data += size ? 1 : 0;
	size -= size ? 1 : 0;
	fuzz_same_reads("whole, by cJSON",
			traced(data, size, flags, 1 << 20, false),
			"in pieces, flat rows by the fast path",
			traced(data, size, flags, (flags >> 2) + 1, true));
	fuzz_same_reads("whole, by cJSON",
			traced(data, size, flags, 1 << 20, false),
			"in parts on two threads",
			in_parts(data, size, flags, (flags >> 2) * 5 + 1));
	return 0;
}
