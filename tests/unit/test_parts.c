/* Reading a CSV ledger in parts on threads gives what one thread gives:
 * the same rows, warnings and error, in the same order, with the same
 * lines, wherever the parts are cut. Each ledger is read once the plain
 * way and then cut at every block size from 1 byte to past its end, on
 * 1, 2 and 3 threads; the two traces must be equal, byte for byte. JSON
 * and NDJSON ledgers read a few bytes at a time give what they give read
 * whole, likewise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "ledger_impl.h"
#include "ledger_csv.h"

/* Everything the sink and the warnings saw, as text. */
struct trace {
	char *buf;
	size_t len;
	FILE *out;
};

static void trace_open(struct trace *t)
{
	t->buf = NULL;
	t->len = 0;
	t->out = open_memstream(&t->buf, &t->len);
	assert_non_null(t->out);
}

static char *trace_close(struct trace *t)
{
	fclose(t->out);
	return t->buf;
}

static const char *str(const char *s)
{
	return s ? s : "(null)";
}

/* Records the row; fails one that names org "refuse", as the fleet fails
 * an unknown model, to show a sink's error comes in order too. */
static enum gc_status sink(const struct ledger_row *r, void *ctx,
			   struct gc_error *err)
{
	struct trace *t = ctx;
	int c;

	fprintf(t->out,
		"row %s:%ld k%d q%d [%s] [%s] [%s] [%s%s] %.17g %.17g %.17g "
		"%.17g",
		r->file, r->line, (int)r->kind, r->quarter, r->org,
		str(r->model), str(r->note), str(r->source),
		r->source == LEDGER_EPOCH_SOURCE ? " (Epoch's)" : "", r->units,
		r->spend, r->h100e, r->total);
	for (c = 0; c < LC_COUNT; c++)
		fprintf(t->out, " %ld:%ld", r->at[c].line, r->at[c].col);
	for (c = 0; r->ranged && c < LF_COUNT; c++)
		fprintf(t->out, " %.17g..%.17g%s", r->low[c], r->high[c],
			r->median[c] ? " (median)" : "");
	fprintf(t->out, "%s%s\n", r->incomplete ? " incomplete" : "",
		r->part ? " part" : "");
	if (strcmp(r->org, "refuse") == 0)
		return gc_fail(err, GC_DATA, r->file, r->line, 2,
			       "org: refused");
	return GC_OK;
}

static void warn(void *ctx, const struct gc_error *w)
{
	struct trace *t = ctx;

	fprintf(t->out, "warning %d %s:%ld:%ld: %s\n", (int)w->status,
		str(w->file), w->line, w->col, w->msg);
}

static void end(struct trace *t, enum gc_status st, const struct gc_error *e)
{
	if (st == GC_OK)
		fprintf(t->out, "ok\n");
	else
		fprintf(t->out, "error %d %s:%ld:%ld: %s\n", (int)st,
			str(e->file), e->line, e->col, e->msg);
}

/* The format the reads below are of: CSV, or NDJSON or JSON (whose parts
 * cut at every line break). */
static enum { AS_CSV, AS_NDJSON, AS_JSON } format;

/* One thread, the plain reader. */
static char *serial(const char *text, bool keep_going)
{
	struct trace t;
	struct ledger_opts o = { .format = LEDGER_CSV,
				 .keep_going = keep_going,
				 .warn = warn,
				 .warn_ctx = &t };
	struct ledger_load ld = { "p.csv", &o, sink, &t, 0 };
	FILE *in = tmpfile(); /* small: read on one thread */
	struct gc_error err;
	enum gc_status st;

	assert_non_null(in);
	assert_int_equal(fputs(text, in) >= 0, 1);
	rewind(in);
	trace_open(&t);
	gc_error_clear(&err);
	st = format == AS_NDJSON ? ledger_ndjson_read(in, NULL, 0, &ld, &err)
	     : format == AS_JSON ? ledger_json_read(in, NULL, 0, &ld, &err)
				 : ledger_csv_read(in, NULL, 0, ',', &ld, &err);
	fclose(in);
	end(&t, st, &err);
	return trace_close(&t);
}

static char *in_parts(const char *text, bool keep_going, size_t block,
		      int threads)
{
	struct trace t;
	struct ledger_opts o = { .format = LEDGER_CSV,
				 .keep_going = keep_going,
				 .warn = warn,
				 .warn_ctx = &t };
	struct ledger_load ld = { "p.csv", &o, sink, &t, 0 };
	struct csvread_src src = { -1, text, (long long)strlen(text) };
	struct gc_error err;
	enum gc_status st;

	trace_open(&t);
	gc_error_clear(&err);
	if (format == AS_NDJSON)
		st = ledger_ndjson_read_parts(&src, 0, block, threads, &ld,
					      &err);
	else if (format == AS_JSON)
		st = ledger_json_read_parts(&src, 0, block, threads, &ld, &err);
	else
		st = ledger_csv_read_parts(&src, 0, ',', block, threads, &ld,
					   &err);
	end(&t, st, &err);
	return trace_close(&t);
}

/* Every block size up to 64, then every step-th. */
static void same_cut_from(const char *text, bool keep_going, size_t first,
			  size_t step)
{
	char *want = serial(text, keep_going);
	size_t block, len = strlen(text);
	int threads;

	for (threads = 1; threads <= 3; threads++) {
		for (block = first; block <= len + 2;
		     block += block < 64 ? 1 : step) {
			char *got = in_parts(text, keep_going, block, threads);

			if (strcmp(got, want) != 0)
				fail_msg("block %zu, %d threads:\n%s\n"
					 "one thread:\n%s",
					 block, threads, got, want);
			free(got);
		}
	}
	free(want);
}

static void same_cut_by(const char *text, bool keep_going, size_t step)
{
	same_cut_from(text, keep_going, 1, step);
}

static void same_in_parts(const char *text, bool keep_going)
{
	same_cut_by(text, keep_going, 1);
}

/* Notes with line breaks, one of which holds what looks like a row: a part
 * guessed to start inside it would read a row that is not there. */
static const char QUOTED[] =
	"quarter,org,model,units,note\n"
	"2024Q1,a,H100,10,\"one\nline\"\n"
	"2024Q1,\"Widgets, Inc.\",H100,5,\"2024Q2,b,H100,999\n"
	"2024Q3,c,A100,999\"\n"
	"\n"
	"2024Q2,b,A100,7,plain\n"
	"2024Q2,b,A100,3,\"\"\"quoted\"\"\n\n\nbreaks\"\n"
	"2024Q3,c,H100,1,\n"
	"2024Q3,c,H100,10..30,\"a range, in a part\"\n"
	"2024Q4,a,H100,-2,last";

static void test_quoted_breaks(void **state)
{
	char *trace = serial(QUOTED, false);

	(void)state;
	/* the plain read: seven rows, the line each starts on, no error */
	assert_non_null(strstr(trace, "row p.csv:2 "));
	assert_non_null(strstr(trace, "row p.csv:4 "));
	assert_non_null(strstr(trace, "row p.csv:7 "));
	assert_non_null(strstr(trace, "row p.csv:8 "));
	assert_non_null(strstr(trace, "row p.csv:12 "));
	assert_non_null(strstr(trace, "row p.csv:13 "));
	/* the range's ends come through the parts with the row */
	assert_non_null(strstr(trace, " 10..30 "));
	assert_non_null(strstr(trace, "row p.csv:14 "));
	assert_null(strstr(trace, "] 999 "));
	assert_non_null(strstr(trace, "\nok\n"));
	free(trace);
	same_in_parts(QUOTED, false);
}

static void test_crlf_bom_blank_lines(void **state)
{
	(void)state;
	same_in_parts("\xEF\xBB\xBF\r\n\r\nquarter,org,model,units\r\n"
		      "2024Q1,a,H100,1\r\n\r\n"
		      "2024Q1,\"a\r\nb\",H100,2\r\n"
		      "  2024Q2 , a , H100 , 3 \r\n"
		      "2024Q2,a,H100,4\r\n",
		      false);
	same_in_parts("quarter,org,model,units\r2024Q1,a,H100,1\r", false);
}

/* A bad cell ends the read at its row; with --keep-going it is a warning
 * and so is a ragged row, in file order among the rows. */
static const char BAD_ROWS[] = "quarter,org,model,units\n"
			       "2024Q1,a,H100,1\n"
			       "2024Q9,a,H100,2\n"
			       "2024Q1,\"x\ny\",H100,3\n"
			       "2024Q1,a,H100\n"
			       "2024Q1,refuse,H100,4\n"
			       "2024Q2,a,H100,many\n"
			       "2024Q2,a,H100,5\n";

static void test_bad_rows(void **state)
{
	char *trace = serial(BAD_ROWS, true);

	(void)state;
	/* the three bad rows are warnings at lines 3, 6 and 8 (the row of
	 * line 4 spans two lines); refuse is the sink's, at line 7 */
	assert_non_null(strstr(trace, "warning 3 p.csv:3:1: quarter: "));
	assert_non_null(strstr(trace, "warning 3 p.csv:6:4: row has 3 "));
	assert_non_null(strstr(trace, "warning 3 p.csv:7:2: org: refused"));
	assert_non_null(strstr(trace, "warning 3 p.csv:8:4: units: "));
	assert_non_null(strstr(trace, "row p.csv:9 "));
	free(trace);
	same_in_parts(BAD_ROWS, true);
	same_in_parts(BAD_ROWS, false);
}

static void test_malformed(void **state)
{
	(void)state;
	same_in_parts("quarter,org,model,units\n2024Q1,a,H100,1\n"
		      "2024Q1,a\"b,H100,1\n2024Q1,a,H100,1\n",
		      true);
	same_in_parts("quarter,org,model,units\n2024Q1,a,H100,1\n"
		      "2024Q1,\"a,H100,1\n2024Q1,a,H100,1\n",
		      false);
	same_in_parts("quarter,org,model,units\n2024Q1,a,H100,1\n"
		      "2024Q1,a,H100,1,\"x\"y\n",
		      false);
}

static void test_header_only(void **state)
{
	(void)state;
	same_in_parts("quarter,org,model,units", false);
	same_in_parts("quarter,org,model,units\n", false);
	same_in_parts("\n\nquarter,org,model,units\n\n\n", false);
	same_in_parts("quarter,org,quarter\n2024Q1,a,b\n", false);
	same_in_parts("org,model\n", false);
	same_in_parts("", false);
	same_in_parts("\n\n", false);
}

/* A file of plain purchases: the rows a parsing thread reads straight
 * from their fields (ledger_row_plain) once their quarter, org and model
 * are known, and beside them each way a row of that file can be other
 * than plain, which must be read the general way with the same result:
 * blanks around a figure, money or a range in units, a negative or
 * missing spend, units missing or out of range, no org, no model, a
 * fiscal quarter, a refusal by the sink. Each row comes three times, so
 * the memo knows its names from the second on. */
static const char *const PLAIN[] = {
	"2024Q1,a,H100,1,5",	  "2024Q1,a,H100, 1,5",
	"2024Q1,a,H100,1,$5M ",	  "2024Q2,a,B200,2,5",
	"2024Q2,a,B200,$1,5",	  "2024Q1,a,H100,1,-5",
	"2024Q1,a,H100,2e12,5",	  "2024Q1,b,H100,1,",
	"2024Q1,b,H100,,5",	  "2024Q1,,H100,1,5",
	"2024Q3,a,,1,5",	  "2024Q1,a,H100,-3,5",
	"2024Q1,a,H100,-0,0",	  "2024Q1,a,H100,1..3,5",
	"FY2024Q1,a,H100,4,8",	  "2024Q4,c,A100,7,\"5,000\"",
	"2024Q1,refuse,H100,1,5", "2024Q1,a,H100,1e3,2e15",
};

static void test_plain_rows(void **state)
{
	char text[4096], *p = text;
	size_t i, k;

	(void)state;
	p += sprintf(p, "quarter,org,model,units,spend_usd\n");
	for (k = 0; k < 3; k++)
		for (i = 0; i < sizeof PLAIN / sizeof PLAIN[0]; i++)
			p += sprintf(p, "%s\n", PLAIN[i]);
	same_in_parts(text, true);
	same_in_parts(text, false);
}

/* A long ledger with a multi-line note every few rows, cut into blocks
 * of many sizes: most cuts land inside rows, some inside notes. Sources
 * come and go, and stand for the notes some rows lack. */
static void test_long(void **state)
{
	char *text = malloc(64 * 1024), *p;
	int i;

	(void)state;
	assert_non_null(text);
	p = text + sprintf(text, "quarter,org,model,units,note,source\n");
	for (i = 0; i < 300; i++)
		p += sprintf(p, "2024Q%d,org-%d,H100,%d,%s,%s\n", 1 + i % 4,
			     i % 7, i,
			     i % 5 == 0	 ? ""
			     : i % 3 > 0 ? "\"a\n2024Q1,z,H100,1\nb\""
					 : "x",
			     i % 4 == 0	  ? ""
			     : i % 4 == 1 ? "src-a"
					  : "src-b");
	same_cut_by(text, false, 97);
	free(text);
}

/* More distinct orgs than a memo keeps, names too long for it, names it
 * must tell apart by their middles, blanks around some and bad UTF-8 in
 * one: whether remembered or built the plain way, rows come out the same. */
static void test_many_names(void **state)
{
	char *text = malloc(512 * 1024), *p;
	int i;

	(void)state;
	assert_non_null(text);
	p = text + sprintf(text, "quarter,org,model,units\n");
	for (i = 0; i < 6000; i++)
		p += sprintf(p, "2024Q%d,%s%d%s,%s,1\n", 1 + i % 4,
			     i % 5 ? "org-"
				   : "\" an org whose name is longer "
				     "than sixty-four bytes, ",
			     i, i % 5 ? "" : " \"", i % 2 ? "H100" : " A100 ");
	/* 25-byte names alike at both ends, unlike in the middle */
	for (i = 0; i < 300; i++)
		p += sprintf(p, "2024Q1,same-ends-%03d-same-ends,H100,%d\n",
			     i % 150, i);
	p += sprintf(p, "2024Q1,bad\xff,H100,1\n");
	same_cut_from(text, true, 1000, 4099);
	same_cut_from(text, false, 1000, 40961);
	free(text);
}

/* A JSON ledger read `chunk` bytes at a time. */
static char *json_by(const char *text, bool nd, size_t chunk)
{
	struct trace t;
	struct ledger_opts o = { .format = LEDGER_JSON,
				 .keep_going = true,
				 .warn = warn,
				 .warn_ctx = &t };
	struct ledger_load ld = { "p.json", &o, sink, &t, 0 };
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	struct gc_error err;
	enum gc_status st;

	assert_non_null(in);
	trace_open(&t);
	gc_error_clear(&err);
	st = nd ? ledger_ndjson_read_by(in, NULL, 0, chunk, &ld, &err)
		: ledger_json_read_by(in, NULL, 0, chunk, &ld, &err);
	fclose(in);
	end(&t, st, &err);
	return trace_close(&t);
}

static void same_in_pieces(const char *text, bool nd)
{
	char *want = json_by(text, nd, 1 << 20);
	size_t chunk;

	for (chunk = 1; chunk <= 70; chunk++) {
		char *got = json_by(text, nd, chunk);

		if (strcmp(got, want) != 0)
			fail_msg("%zu bytes at a time:\n%s\nwhole:\n%s", chunk,
				 got, want);
		free(got);
	}
	free(want);
}

/* Rows with escapes, brackets in strings, UTF-8 before keys (columns
 * count characters), a row over two lines, a bad row and numbers given
 * as numbers: cut anywhere, the same rows at the same places. */
static void test_json_pieces(void **state)
{
	char *whole =
		json_by("[{\"quarter\":\"2024Q1\",\"org\":\"a\",\"h100e\":1}]",
			false, 1 << 20);

	(void)state;
	/* the key places, by counting: '[' is column 1, '{' 2, "quarter"
	 * 3-11, ':' 12, "2024Q1" 13-20, ',' 21, "org" 22-26, ':' 27, "a"
	 * 28-30, ',' 31, "h100e" 32; at[] is in column order quarter, org,
	 * model, units, spend, h100e */
	assert_non_null(strstr(whole, "row p.json:1 "));
	assert_non_null(strstr(whole, " 1:3 1:22 0:0 0:0 0:0 1:32 "));
	free(whole);
	same_in_pieces(
		"\xEF\xBB\xBF [ {\"quarter\": \"2024Q1\", \"org\": "
		"\"a \\\"b\\\\\", \"h100e\": 10},\n"
		"{\"note\": \"{[]}\\u00e9\", \"org\": \"\xC3\xA9t\xC3\xA9\", "
		"\"quarter\": \"2024Q2\",\n \"h100e\": 2.5e1},\n"
		"{\"quarter\": \"2024Q9\", \"h100e\": 1},\n"
		"{\"quarter\": \"2024Q3\", \"units\": 5, \"model\": "
		"\"H100\", \"x\": [1, {\"org\": \"no\"}]} ]\n",
		false);
	same_in_pieces("{\"meta\": {\"rows\": 1}, \"rows\": [{\"quarter\": "
		       "\"2024Q1\", \"h100e\": 3}]}",
		       false);
	same_in_pieces("{\"quarter\": \"2024Q1\", \"h100e\": 1}\r\n\n"
		       "{\"quarter\": \"2024Q1\", \"h100e\": }\n"
		       "  {\"org\": \"\xC3\xA9\", \"quarter\": \"2024Q2\", "
		       "\"h100e\": 4}",
		       true);
}

/* NDJSON read on several threads, cut at every size: flat rows built by
 * the workers, and every other line (escapes, unknown keys, bad rows, a
 * BOM on the first, blank lines, CRLF, a refused row) left to the
 * reading thread, must give what one thread gives, with and without
 * --keep-going. */
static void test_ndjson_parts(void **state)
{
	static const char *const LINES[] = {
		"\xEF\xBB\xBF{\"quarter\":\"2024Q1\",\"org\":\"a\",\"h100e\":"
		"1}",
		"{\"quarter\":\"2024Q2\",\"org\":\"b\",\"model\":\"H100\","
		"\"units\":3,\"note\":\"n\",\"source\":\"s\"}",
		"",
		"  {\"quarter\":\"2024Q2\",\"org\":\"a\\u00e9\",\"h100e\":2}\r",
		"{\"quarter\":\"2024Q3\",\"org\":\"c\",\"h100e\":\"1..3\","
		"\"mystery\":1}",
		"{\"quarter\":\"2024Q9\",\"org\":\"a\",\"h100e\":1}",
		"{\"quarter\":\"2024Q3\",\"org\":\"refuse\",\"h100e\":1}",
		"{\"quarter\":\"2024Q4\",\"org\":\"d\",\"h100e\":[1]}",
		"{\"quarter\":\"2024Q4\",\"org\":\"\xC3\xA9t\xC3\xA9\","
		"\"h100e\":4}",
		"not json",
		"{\"quarter\":\"2024Q4\",\"org\":\"e\",\"extra\":2,\"h100e\":"
		"5}",
		/* a number where text is read, written back as text */
		"{\"quarter\":\"2024Q1\",\"org\":100,\"model\":\"H100\","
		"\"units\":2,\"units_p5\":1,\"units_p95\":4}",
		/* what a row says beside its figures: partial, a part of a
		 * level, a median */
		"{\"quarter\":\"2024Q2\",\"org\":\"f\",\"h100e\":3,"
		"\"incomplete\":\"true\"}",
		"{\"quarter\":\"2024Q2\",\"org\":\"g\",\"series_start\":"
		"\"2020Q1\","
		"\"h100e\":5}",
	};
	char *text = malloc(16 * 1024), *p;
	size_t i;
	int k;

	(void)state;
	assert_non_null(text);
	format = AS_NDJSON;
	for (k = 0; k < 2; k++) {
		p = text;
		for (i = 0; i < 40; i++)
			p += sprintf(
				p, "%s\n",
				LINES[i % (sizeof LINES / sizeof LINES[0])]);
		p[-1] = (char)(k ? '\n' : '\0'); /* a last line with no break */
		same_cut_by(text, true, 37);
		/* without --keep-going, a read ends at the first bad line */
		same_cut_by(text, false, 71);
	}
	/* a line past the longest a row may be, between two rows: the
	 * worker leaves it to the reading thread by its length alone */
	text = realloc(text, 1200 * 1024);
	assert_non_null(text);
	p = text + sprintf(text, "%s\n{\"note\":\"", LINES[1]);
	memset(p, 'x', 1100 * 1024);
	p += 1100 * 1024;
	sprintf(p, "\"}\n%s\n", LINES[1]);
	same_cut_from(text, true, 64 * 1024, 256 * 1024);
	same_cut_from(text, false, 64 * 1024, 256 * 1024);
	format = AS_CSV;
	free(text);
}

/* A JSON ledger's lines, a row a line or otherwise: what a worker may
 * build (a flat row alone on its line, with its comma or without) and
 * all it must leave to the frame of the reading thread. */
static const char *const ELEMENTS[] = {
	"{\"quarter\":\"2024Q1\",\"org\":\"a\",\"h100e\":1},",
	"  {\"quarter\":\"2024Q2\",\"org\":\"b\",\"model\":\"H100\","
	"\"units\":3,\"note\":\"n\",\"source\":\"s\"} ,\r",
	"",
	/* a row over two lines, and one holding what looks like rows */
	"{\"quarter\":\"2024Q2\",",
	" \"org\":\"a\\u00e9\",\"h100e\":2},",
	"{\"quarter\":\"2024Q3\",\"org\":\"c\",\"note\":\"x},",
	"{\"quarter\":\"2024Q1\",\"org\":\"ghost\",\"h100e\":7},",
	"tail\",\"h100e\":\"1..3\"},",
	"{\"quarter\":\"2024Q3\",\"org\":\"c\",\"mystery\":1},",
	/* two rows on a line */
	"{\"quarter\":\"2024Q9\",\"org\":\"a\",\"h100e\":1}, "
	"{\"quarter\":\"2024Q3\",\"org\":\"refuse\",\"h100e\":1},",
	"{\"quarter\":\"2024Q4\",\"org\":\"d\",\"h100e\":[1]},",
	"{\"quarter\":\"2024Q4\",\"org\":\"\xC3\xA9t\xC3\xA9\","
	"\"h100e\":4},",
	"{\"quarter\":\"2024Q1\",\"org\":100,\"model\":\"H100\","
	"\"units\":2,\"units_p5\":1,\"units_p95\":4},",
	"{\"quarter\":\"2024Q2\",\"org\":\"f\",\"h100e\":3,"
	"\"incomplete\":\"true\"},",
	"{\"quarter\":\"2024Q2\",\"org\":\"g\",\"series_start\":"
	"\"2020Q1\",\"h100e\":5},",
};

/* An array of 40 of the lines above (a BOM first), the `bad`-th of them
 * (0: none) replaced by line `instead`, closed by `close`. */
static void json_text(char *text, size_t bad, const char *instead,
		      const char *open, const char *close)
{
	char *p = text + sprintf(text, "\xEF\xBB\xBF%s\n", open);
	size_t i, n = sizeof ELEMENTS / sizeof ELEMENTS[0];

	for (i = 0; i < 40; i++)
		p += sprintf(p, "%s\n",
			     i + 1 == bad ? instead : ELEMENTS[i % n]);
	p += sprintf(p, "{\"quarter\":\"2024Q1\",\"org\":\"z\",\"h100e\":9}");
	sprintf(p, "%s", close);
}

/* A JSON ledger read on several threads, cut at every size: the rows a
 * worker builds and every line the frame reads must give what one thread
 * gives, with and without --keep-going, in both of the ledger's forms,
 * and where the ledger does not close or goes on after it closes. */
static void test_json_parts(void **state)
{
	static const char *const FORMS[][2] = {
		{ "[", "\n]\n" },
		{ "{\"meta\":{\"rows\":[1]},\"rows\":[", "\n],\"x\":[{}]}" },
		{ "[", "\n" },	    /* it does not close */
		{ "[", "]\n{}\n" }, /* text after it */
		{ "[", "\n,]" },    /* a comma with no row after it */
	};
	char *text = malloc(16 * 1024), *p;
	size_t f;

	(void)state;
	assert_non_null(text);
	format = AS_JSON;
	for (f = 0; f < sizeof FORMS / sizeof FORMS[0]; f++) {
		json_text(text, 0, NULL, FORMS[f][0], FORMS[f][1]);
		same_cut_by(text, true, 41);
		same_cut_by(text, false, 73);
	}
	/* a row without its org part way: --keep-going reads on; a row
	 * without the comma before the next ends the read */
	json_text(text, 23, "{\"quarter\":\"2024Q1\"},", "[", "]");
	same_cut_by(text, true, 29);
	json_text(text, 31,
		  "{\"quarter\":\"2024Q1\",\"org\":\"a\",\"h100e\":1}", "[",
		  "]");
	same_cut_by(text, true, 43);
	/* a line longer than a row may be: many rows on it (a minified
	 * array), or one too long; past it the reading thread reads on */
	text = realloc(text, 1300 * 1024);
	assert_non_null(text);
	p = text + sprintf(text, "[\n%s\n", ELEMENTS[1]);
	while (p - text < 1150 * 1024)
		p += sprintf(p, "%s ", ELEMENTS[0]);
	sprintf(p, "\n%s\n%s\n{}]\n", ELEMENTS[0], ELEMENTS[1]);
	same_cut_from(text, true, 64 * 1024, 200 * 1024);
	p = text + sprintf(text, "[\n%s\n{\"note\":\"", ELEMENTS[1]);
	memset(p, 'x', 1100 * 1024);
	sprintf(p + 1100 * 1024, "\"}\n]\n");
	same_cut_from(text, true, 64 * 1024, 200 * 1024);
	format = AS_CSV;
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoted_breaks),
		cmocka_unit_test(test_crlf_bom_blank_lines),
		cmocka_unit_test(test_bad_rows),
		cmocka_unit_test(test_plain_rows),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_header_only),
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_many_names),
		cmocka_unit_test(test_json_pieces),
		cmocka_unit_test(test_ndjson_parts),
		cmocka_unit_test(test_json_parts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
