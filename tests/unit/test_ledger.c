/* Ledgers in every format: header aliases, row meaning, and every loader
 * error with its FILE:LINE:COLUMN. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

#include "gpucap/quarter.h"
#include "ledger_impl.h"

#define MAX_ROWS 8

/* What the sink saw, copied out (row strings live only during the call). */
struct seen {
	size_t n;
	struct ledger_row rows[MAX_ROWS];
	char org[MAX_ROWS][32], model[MAX_ROWS][32];
	char note[MAX_ROWS][64], source[MAX_ROWS][64]; /* "" when absent */
	bool epoch[MAX_ROWS]; /* the source is LEDGER_EPOCH_SOURCE */
};

static enum gc_status sink(const struct ledger_row *row, void *ctx,
			   struct gc_error *err)
{
	struct seen *s = ctx;

	(void)err;
	assert_true(s->n < MAX_ROWS);
	s->rows[s->n] = *row;
	snprintf(s->org[s->n], sizeof s->org[0], "%s", row->org);
	snprintf(s->model[s->n], sizeof s->model[0], "%s",
		 row->model ? row->model : "(none)");
	snprintf(s->note[s->n], sizeof s->note[0], "%s",
		 row->note ? row->note : "");
	snprintf(s->source[s->n], sizeof s->source[0], "%s",
		 row->source ? row->source : "");
	s->epoch[s->n] = row->source == LEDGER_EPOCH_SOURCE;
	s->n++;
	return GC_OK;
}

/* Warnings of --keep-going, counted. */
static void count_warning(void *ctx, const struct gc_error *w)
{
	(void)w;
	(*(int *)ctx)++;
}

/* Reads len bytes of text as a ledger named l.csv in format fmt. */
static enum gc_status load_bytes(const char *text, size_t len,
				 enum ledger_format fmt, bool keep_going,
				 int *warnings, struct seen *s,
				 struct gc_error *err)
{
	FILE *in = fmemopen((void *)text, len, "r");
	struct ledger_opts o = { .format = fmt,
				 .keep_going = keep_going,
				 .warn = count_warning,
				 .warn_ctx = warnings };
	struct ledger_load ld = { "l.csv", &o, sink, s, 0 };
	enum gc_status st;

	assert_non_null(in);
	memset(s, 0, sizeof *s);
	gc_error_clear(err);
	if (fmt == LEDGER_JSON)
		st = ledger_json_read(in, NULL, 0, &ld, err);
	else if (fmt == LEDGER_NDJSON)
		st = ledger_ndjson_read(in, NULL, 0, &ld, err);
	else
		st = ledger_csv_read(in, NULL, 0,
				     fmt == LEDGER_TSV ? '\t' : ',', &ld, err);
	fclose(in);
	return st;
}

static enum gc_status load_fmt(const char *text, enum ledger_format fmt,
			       struct seen *s, struct gc_error *err)
{
	int warnings = 0;

	return load_bytes(text, strlen(text), fmt, false, &warnings, s, err);
}

static enum gc_status load(const char *text, char delim, struct seen *s,
			   struct gc_error *err)
{
	return load_fmt(text, delim == ',' ? LEDGER_CSV : LEDGER_TSV, s, err);
}

static int quarter(const char *q)
{
	int v;

	assert_true(quarter_parse(q, &v));
	return v;
}

static void test_header_aliases(void **state)
{
	static const struct {
		const char *name;
		int col;
	} H[] = {
		{ "quarter", LC_QUARTER },
		{ "Period", LC_QUARTER },
		{ " DATE ", LC_QUARTER },
		{ "company", LC_ORG },
		{ "Owner", LC_ORG },
		{ "GPU", LC_MODEL },
		{ "hardware", LC_MODEL },
		{ "qty", LC_UNITS },
		{ "GPUs", LC_UNITS },
		{ "capex", LC_SPEND },
		{ "Spend USD", LC_SPEND },
		{ "H100 equivalents", LC_H100E },
		{ "total-h100e", LC_TOTAL },
		{ "level", LC_TOTAL },
		{ "event", LC_KIND },
		{ "comment", LC_NOTE },
		{ "Organisation", LC_ORG },
		{ "GPU Model", LC_MODEL },
		{ "unit", LC_UNITS },
		{ "Power in MW (median)", LEDGER_COL_KNOWN },
		{ "qoq_pct", LEDGER_COL_KNOWN },
		{ "colour", -1 },
		{ "", -1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof H / sizeof H[0]; i++)
		if (ledger_col_find(NULL, H[i].name) != H[i].col)
			fail_msg("'%s' -> %d", H[i].name,
				 ledger_col_find(NULL, H[i].name));
}

/* --map comes before the aliases: a header "Count" mapped to h100e is
 * h100e though count is an alias of units; blanks and case as the
 * aliases are matched. A hint is a column within two edits and under
 * half the header's length: "Quater" is quarter, "Mdoel" model, while
 * "region" (three edits from period) and "q1" get none. */
static void test_map_and_hints(void **state)
{
	struct ledger_map m[2];
	struct ledger_opts o = { .map = m, .nmap = 2 };
	const char *hint;

	(void)state;
	assert_true(ledger_map_parse("Count=h100e", &m[0], &hint));
	assert_true(ledger_map_parse("Lab Name = organisation", &m[1], &hint));
	assert_int_equal(ledger_col_find(&o, " count"), LC_H100E);
	assert_int_equal(ledger_col_find(&o, "LAB-NAME"), LC_ORG);
	assert_int_equal(ledger_col_find(&o, "units"), LC_UNITS);
	assert_int_equal(ledger_col_find(NULL, "count"), LC_UNITS);
	/* the last '=' splits: a header may hold one */
	assert_true(ledger_map_parse("a=b=units", &m[0], &hint));
	assert_int_equal((int)m[0].len, 3);
	assert_false(ledger_map_parse("x=unts", &m[0], &hint));
	assert_string_equal(hint, "units");
	assert_false(ledger_map_parse("=units", &m[0], &hint));
	assert_false(ledger_map_parse("units", &m[0], &hint));
	assert_string_equal(ledger_col_hint("Quater"), "quarter");
	assert_string_equal(ledger_col_hint("Mdoel"), "model");
	assert_null(ledger_col_hint("region"));
	assert_null(ledger_col_hint("q1"));
}

/* Each rule of SPEC 3.2's row meaning, inferred without a kind column. */
static void test_row_meaning(void **state)
{
	static const char LEDGER[] =
		"Period,Company,GPU,Qty,Capex,H100 equivalents,Level,Note\n"
		"2023-12-31, Tesla ,,,,,\"15,000\",opening level\n"
		"Q1 2024,tesla,,,$1B,40k,,capacity + money\n"
		"2024-Q1,x,H100,-400,,,,retire\n"
		"2024 Q2,x,B200,,$2.7B,,,spend on a model\n"
		"2024Q2,x,,,$500M,,,spend alone\n"
		"2024Q3,,H100,1e3,,,,unnamed fleet\n";
	struct seen s;
	struct gc_error err;

	(void)state;
	assert_int_equal(load(LEDGER, ',', &s, &err), GC_OK);
	assert_int_equal(s.n, 6);
	assert_int_equal(s.rows[0].kind, ROW_TOTAL);
	assert_int_equal(s.rows[0].quarter, quarter("2023Q4"));
	assert_string_equal(s.org[0], "Tesla"); /* trimmed */
	assert_near(s.rows[0].total, 15000, 0);
	assert_int_equal(s.rows[1].kind, ROW_CAPACITY);
	assert_near(s.rows[1].h100e, 40000, 0);
	assert_near(s.rows[1].spend, 1e9, 0); /* recorded beside h100e */
	assert_int_equal(s.rows[2].kind, ROW_BUY);
	assert_near(s.rows[2].units, -400, 0);
	assert_int_equal(s.rows[3].kind, ROW_BUY);
	assert_true(isnan(s.rows[3].units)); /* the fleet prices it */
	assert_near(s.rows[3].spend, 2.7e9, 0);
	assert_string_equal(s.model[3], "B200");
	assert_int_equal(s.rows[4].kind, ROW_SPEND);
	assert_int_equal(s.rows[5].kind, ROW_BUY);
	assert_string_equal(s.org[5], "");
	/* locations: line of the row, column of each field */
	assert_int_equal(s.rows[3].line, 5);
	assert_int_equal(s.rows[3].at[LC_MODEL].col, 3);
	assert_int_equal(s.rows[3].at[LC_SPEND].col, 5);
	assert_int_equal(s.rows[3].at[LC_SPEND].line, 5);
}

/* kind retire takes a positive count; kind spend with a model buys it. */
static void test_explicit_kind(void **state)
{
	static const char LEDGER[] = "quarter,model,units,spend_usd,kind\n"
				     "2024Q1,H100,400,,Retire\n"
				     "2024Q1,H100,,$1M,spend\n";
	struct seen s;
	struct gc_error err;

	(void)state;
	assert_int_equal(load(LEDGER, ',', &s, &err), GC_OK);
	assert_int_equal(s.rows[0].kind, ROW_BUY);
	assert_near(s.rows[0].units, -400, 0);
	assert_int_equal(s.rows[1].kind, ROW_BUY);
	assert_true(isnan(s.rows[1].units));
}

/* A BOM, CRLF line ends, blank lines, and a quoted field holding a comma
 * and a line break: the row after it is still on the right line. */
static void test_edge_syntax(void **state)
{
	static const char LEDGER[] =
		"\xEF\xBB\xBFquarter,org,h100e,note\r\n"
		"\r\n"
		"2024Q1,\"Acme, Inc.\",5,\"two\r\nlines\"\r\n"
		"2024Q2,b,6,\r\n";
	struct seen s;
	struct gc_error err;

	(void)state;
	assert_int_equal(load(LEDGER, ',', &s, &err), GC_OK);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.org[0], "Acme, Inc.");
	assert_int_equal(s.rows[0].line, 3);
	assert_int_equal(s.rows[1].line, 5);
	assert_near(s.rows[1].h100e, 6, 0);
}

static void test_tsv(void **state)
{
	static const char LEDGER[] = "quarter\torg\tmodel\tunits\n"
				     "2024Q1\tAcme, Inc.\tH100\t1,000\n";
	struct seen s;
	struct gc_error err;

	(void)state;
	assert_int_equal(load(LEDGER, '\t', &s, &err), GC_OK);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.org[0], "Acme, Inc.");
	assert_near(s.rows[0].units, 1000, 0);
}

struct bad {
	const char *text;
	long line, col;
	const char *msg;
};

static const struct bad BAD[] = {
	{ "", 1, 1, "empty ledger (no header line)" },
	{ "org,units\nx,1\n", 1, 1,
	  "no quarter column in the header (expected one of quarter, period, "
	  "q, date)" },
	{ "quarter,units,qty\n", 1, 3,
	  "column 'qty' means units, as column 2 already does" },
	{ "quarter,model,units\n2024Q1,H100\n", 2, 3,
	  "row has 2 fields, the header has 3" },
	{ "quarter,model,units\n2024Q1,H100,1,2\n", 2, 4,
	  "row has 4 fields, the header has 3" },
	{ "quarter,model,units\n2024Q5,H100,1\n", 2, 1,
	  "quarter: '2024Q5' is not a quarter (expected 2024Q1, 2024-Q1, Q1 "
	  "2024, or a date: 2024-03-31, 3/31/2024)" },
	{ "quarter,model,units\n,H100,1\n", 2, 1, "quarter: missing" },
	{ "quarter,model,units\n2024Q1,H100,12a\n", 2, 3,
	  "units: '12a' is not a number" },
	{ "quarter,model,units\n2024Q1,H100,$5\n", 2, 3,
	  "units: '$5' is money; put it in spend_usd" },
	{ "quarter,org,units\n2024Q1,x,5\n", 2, 1,
	  "model: missing (units need a model)" },
	{ "quarter,org,note\n2024Q1,x,hello\n", 2, 1,
	  "nothing to count: give units with a model, h100e, total_h100e or "
	  "spend_usd" },
	{ "quarter,model,units,h100e\n2024Q1,H100,5,5\n", 2, 3,
	  "units: not used by a 'capacity' row (a row counts one figure; split "
	  "it in two)" },
	{ "quarter,spend_usd,kind\n2024Q1,100,buy\n", 2, 1,
	  "model: missing (a 'buy' row needs a model)" },
	{ "quarter,h100e,kind\n2024Q1,5,bought\n", 2, 3,
	  "kind: 'bought' is not one of buy, retire, capacity, total, spend" },
	{ "quarter,h100e,kind\n2024Q1,5,total\n", 2, 1,
	  "total_h100e: missing for a 'total' row" },
	{ "quarter,spend\n2024Q1,-5\n", 2, 2,
	  "spend_usd: '-5' must not be negative" },
	{ "quarter,h100e\n2024Q1,\"5\n", 2, 2, "unterminated quoted field" },
	{ "quarter,h100e\n2024Q1,5\"x\"\n", 2, 2,
	  "malformed quoting (a quote inside an unquoted field, or text after "
	  "a "
	  "closing quote)" },
	{ "quarter,h100e\n2024Q1,\"5\"x\n", 2, 2,
	  "malformed quoting (a quote inside an unquoted field, or text after "
	  "a "
	  "closing quote)" },
	{ "quarter,h100e\n2024Q1,1e400\n", 2, 2,
	  "h100e: '1e400' is out of range" },
	{ "quarter,h100e\n2024Q1,nan\n", 2, 2, "h100e: 'nan' is not a number" },
	{ "quarter,h100e\n2024Q1,350k..30k\n", 2, 2,
	  "h100e: '350k..30k' is a range whose low end is above its high "
	  "end" },
	{ "quarter,h100e\n2024Q1,30k..\n", 2, 2,
	  "h100e: '30k..' is not a range LOW..HIGH of two numbers" },
	{ "quarter,total_h100e\n2024Q1,-5..5\n", 2, 2,
	  "total_h100e: '-5..5' must not be negative" },
	{ "quarter,h100e\n2024Q1,1..2e12\n", 2, 2,
	  "h100e: '1..2e12' is out of range (at most 1e+12)" },
	{ "quarter,org,model,units\n2024Q1,a,H100,$1..2\n", 2, 4,
	  "units: '$1..2' is money; put it in spend_usd" },
};

static void test_errors(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
		struct seen s;
		struct gc_error err;

		assert_int_equal(load(BAD[i].text, ',', &s, &err), GC_DATA);
		assert_string_equal(err.msg, BAD[i].msg);
		assert_string_equal(err.file, "l.csv");
		assert_int_equal(err.line, BAD[i].line);
		assert_int_equal(err.col, BAD[i].col);
		assert_int_equal(s.n, 0);
	}
}

/* A NUL byte inside a field is refused, not read as the field's end. */
static void test_nul_byte(void **state)
{
	static const char LEDGER[] = "quarter,h100e\n2024Q1,5\0"
				     "0\n";
	struct seen s;
	struct gc_error err;
	int warnings = 0;

	(void)state;
	assert_int_equal(load_bytes(LEDGER, sizeof LEDGER - 1, LEDGER_CSV,
				    false, &warnings, &s, &err),
			 GC_DATA);
	assert_string_equal(err.msg, "NUL byte in field");
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 2);
}

/* A NUL byte or a quoted line break anywhere in a field of any length:
 * fields of up to 16 bytes are copied and checked in a few loads, longer
 * ones a byte at a time, so each length and place is tried. */
static void test_field_bytes(void **state)
{
	size_t len, k;

	(void)state;
	for (len = 1; len <= 24; len++) {
		for (k = 0; k < len; k++) {
			char text[96];
			int n = sprintf(text, "quarter,note,h100e\n2024Q1,\"");
			struct seen s;
			struct gc_error err;
			int warnings = 0;

			/* NUL at k: refused at the field, line 2 column 2 */
			memset(text + n, 'x', len);
			text[n + k] = '\0';
			text[n + len] = '"';
			memcpy(text + n + len + 1, ",5\n", 3);
			assert_int_equal(load_bytes(text, (size_t)n + len + 4,
						    LEDGER_CSV, false,
						    &warnings, &s, &err),
					 GC_DATA);
			assert_string_equal(err.msg, "NUL byte in field");
			assert_int_equal(err.line, 2);
			assert_int_equal(err.col, 2);
			/* a break at k: the row takes lines 2 and 3, so the
			 * ragged row after it is line 4 */
			text[n + k] = '\n';
			strcpy(text + n + len + 1, ",5\n2024Q1,x,y,z\n");
			assert_int_equal(load_bytes(text, strlen(text),
						    LEDGER_CSV, false,
						    &warnings, &s, &err),
					 GC_DATA);
			assert_int_equal(err.line, 4);
			assert_int_equal(s.n, 1);
		}
	}
}

/* A field over 64 KiB is refused with its location, however it is quoted. */
static void test_long_field(void **state)
{
	static const char *const QUOTES[] = { "", "\"" };
	size_t q;

	(void)state;
	for (q = 0; q < 2; q++) {
		size_t n = 70000;
		char *text = malloc(n + 64);
		struct seen s;
		struct gc_error err;
		int len = sprintf(text, "quarter,note\n2024Q1,%s", QUOTES[q]);

		memset(text + len, 'x', n);
		strcpy(text + len + n, QUOTES[q]);
		assert_int_equal(load(text, ',', &s, &err), GC_DATA);
		assert_string_equal(err.msg, "field longer than 65536 bytes");
		assert_int_equal(err.line, 2);
		assert_int_equal(err.col, 2);
		free(text);
	}
}

/* The same two rows in every format give the same rows. */
static void test_formats_agree(void **state)
{
	static const struct {
		enum ledger_format fmt;
		const char *text;
	} SAME[] = {
		{ LEDGER_CSV, "quarter,org,model,units,note\n"
			      "2024Q1,\"Acme, Inc.\",H100,\"1,000\",a\n"
			      "2024Q2,acme,B200,2.5k,\n" },
		{ LEDGER_TSV, "quarter\torg\tmodel\tunits\tnote\n"
			      "2024Q1\tAcme, Inc.\tH100\t1,000\ta\n"
			      "2024Q2\tacme\tB200\t2.5k\t\n" },
		{ LEDGER_JSON,
		  "[{\"quarter\":\"2024Q1\",\"org\":\"Acme, Inc.\","
		  "\"model\":\"H100\",\"units\":1000,\"note\":\"a\"},\n"
		  " {\"Quarter\":\"2024Q2\",\"org\":\"acme\",\"gpu\":\"B200\","
		  "\"qty\":\"2.5k\",\"note\":null}]" },
		{ LEDGER_JSON,
		  "{\"title\":\"x\",\"rows\":[{\"quarter\":\"2024Q1\","
		  "\"org\":\"Acme, Inc.\",\"model\":\"H100\",\"units\":1e3,"
		  "\"note\":\"a\"},{\"quarter\":\"2024Q2\",\"org\":\"acme\","
		  "\"model\":\"B200\",\"units\":2500}]}" },
		{ LEDGER_NDJSON,
		  "{\"quarter\":\"2024Q1\",\"org\":\"Acme, Inc.\","
		  "\"model\":\"H100\",\"units\":1000,\"note\":\"a\"}\r\n"
		  "\n"
		  "{\"quarter\":\"2024Q2\",\"org\":\"acme\",\"model\":\"B200\","
		  "\"units\":2500}" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof SAME / sizeof SAME[0]; i++) {
		struct seen s;
		struct gc_error err;

		if (load_fmt(SAME[i].text, SAME[i].fmt, &s, &err) != GC_OK)
			fail_msg("case %zu: %s", i, err.msg);
		assert_int_equal(s.n, 2);
		assert_string_equal(s.org[0], "Acme, Inc.");
		assert_string_equal(s.model[1], "B200");
		assert_near(s.rows[0].units, 1000, 0);
		assert_near(s.rows[1].units, 2500, 0);
		assert_int_equal(s.rows[1].quarter, quarter("2024Q2"));
	}
}

/* JSON errors point at the key (or the bracket) where it goes wrong. */
static const struct {
	enum ledger_format fmt;
	const char *text;
	long line, col;
	const char *msg;
} JSON_BAD[] = {
	{ LEDGER_JSON, "[{\"quarter\":\"2024Q1\",\n  \"units\":\"12a\"}]", 2, 3,
	  "units: '12a' is not a number" },
	{ LEDGER_JSON, "[{\"quarter\":\"2024Q1\",\"h100e\":true}]", 1, 22,
	  "h100e: a boolean, not a number or text" },
	{ LEDGER_JSON, "[{\"quarter\":\"2024Q1\",\"h100e\":[1]}]", 1, 22,
	  "h100e: a list, not a number or text" },
	{ LEDGER_JSON, "[{\"quarter\":\"2024Q1\",\"h100e\":1e999}]", 1, 22,
	  "h100e: the number is out of range" },
	{ LEDGER_JSON, "[{\"quarter\":\"2024Q1\",\"h100e\":1,\"level\":2}]", 1,
	  22,
	  "h100e: not used by a 'total' row (a row counts one figure; split "
	  "it in two)" },
	{ LEDGER_JSON, "[{\"q\":\"2024Q1\",\"h100e\":1,\"period\":\"x\"}]", 1,
	  26, "key 'period' means quarter, as key 'q' already does" },
	{ LEDGER_JSON, "[{\"quarter\":\"2024Q1\",\"h100e\":1,}]", 1, 32,
	  "invalid JSON in this row" },
	{ LEDGER_JSON, "[{\"quarter\":\"2024Q1\",\"h100e\":1} {}]", 1, 33,
	  "expected ',' or ']' after a row" },
	{ LEDGER_JSON, "[{\"quarter\":\"2024Q1\",\"h100e\":1},]", 1, 33,
	  "a ',' with no row after it" },
	{ LEDGER_JSON, "[1]", 1, 2, "a row must be a JSON object" },
	{ LEDGER_JSON, "[\"{\"]", 1, 2, "a row must be a JSON object" },
	{ LEDGER_JSON, "[{\"quarter\":\"2024Q1\"", 1, 21,
	  "the JSON ledger ends before it closes" },
	{ LEDGER_JSON, "[] []", 1, 4, "text after the end of the JSON ledger" },
	{ LEDGER_JSON, "{\"row\":[]}", 1, 1,
	  "the JSON object has no \"rows\" array" },
	{ LEDGER_JSON, "42", 1, 1,
	  "a JSON ledger is an array of row objects, or an object with a "
	  "\"rows\" array" },
	{ LEDGER_JSON, "  \n ", 2, 2, "empty ledger (no JSON value)" },
	{ LEDGER_NDJSON, "{\"quarter\":\"2024Q1\",\"h100e\":1}\n[1]\n", 2, 1,
	  "a row must be a JSON object" },
	{ LEDGER_NDJSON, "{\"quarter\":\"2024Q1\",\"h100e\":1} x\n", 1, 32,
	  "text after the row object" },
	{ LEDGER_NDJSON, "\n\n  {\"quarter\":\"2024Q9\",\"h100e\":1}\n", 3, 4,
	  "quarter: '2024Q9' is not a quarter (expected 2024Q1, 2024-Q1, Q1 "
	  "2024, or a date: 2024-03-31, 3/31/2024)" },
	{ LEDGER_NDJSON, "{\"quarter\":\"2024Q1\",\"h100e\":\n", 1, 28,
	  "invalid JSON in this row" },
	/* an escaped NUL would cut "a\u0000b" to "a": refused at the
	 * backslash, after [{"quarter":"2024Q1","org":"a (29 characters);
	 * in a key too, after {"org (5) */
	{ LEDGER_JSON, "[{\"quarter\":\"2024Q1\",\"org\":\"a\\u0000b\"}]", 1,
	  30, "a NUL character (\\u0000) in this row" },
	{ LEDGER_NDJSON, "{\"org\\u0000x\":\"a\",\"quarter\":\"2024Q1\"}\n", 1,
	  6, "a NUL character (\\u0000) in this row" },
};

static void test_json_errors(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof JSON_BAD / sizeof JSON_BAD[0]; i++) {
		struct seen s;
		struct gc_error err;

		if (load_fmt(JSON_BAD[i].text, JSON_BAD[i].fmt, &s, &err) !=
		    GC_DATA)
			fail_msg("case %zu accepted", i);
		assert_string_equal(err.msg, JSON_BAD[i].msg);
		if (err.line != JSON_BAD[i].line || err.col != JSON_BAD[i].col)
			fail_msg("case %zu at %ld:%ld, expected %ld:%ld", i,
				 err.line, err.col, JSON_BAD[i].line,
				 JSON_BAD[i].col);
	}
}

/* Bracket-like text inside strings, escaped quotes, a BOM and deep
 * nesting outside the rows do not confuse the scanner. */
static void test_json_scanner(void **state)
{
	static const char TEXT[] =
		"\xEF\xBB\xBF{\"meta\":{\"a\":[[[{\"rows\":\"]\"}]]]},"
		"\"rows\" : [ {\"quarter\":\"2024Q1\",\"note\":\"} ] \\\" {\","
		"\"h100e\":7} ] , \"more\": [1,2]}";
	struct seen s;
	struct gc_error err;

	(void)state;
	assert_int_equal(load_fmt(TEXT, LEDGER_JSON, &s, &err), GC_OK);
	assert_int_equal(s.n, 1);
	assert_near(s.rows[0].h100e, 7, 0);
	/* an escaped backslash before u0000 is the text \u0000, no NUL */
	assert_int_equal(load_fmt("[{\"quarter\":\"2024Q1\",\"org\":"
				  "\"a\\\\u0000b\",\"h100e\":1}]",
				  LEDGER_JSON, &s, &err),
			 GC_OK);
	assert_int_equal(s.n, 1);
}

/* A read with --keep-going, its warnings counted. */
static enum gc_status load_keep_going(const char *text, enum ledger_format fmt,
				      int *warnings, struct seen *s,
				      struct gc_error *err)
{
	*warnings = 0;
	return load_bytes(text, strlen(text), fmt, true, warnings, s, err);
}

/* --keep-going: each bad row is reported and skipped; the rest load. */
static void test_keep_going(void **state)
{
	static const struct {
		enum ledger_format fmt;
		const char *text;
	} CASES[] = {
		{ LEDGER_CSV, "quarter,model,units\n"
			      "2024Q1,H100,1\n"
			      "2024Q2,H100\n"
			      "2024Q3,H100,x\n"
			      "2024Q4,H100,4\n" },
		{ LEDGER_NDJSON, "{\"quarter\":\"2024Q1\",\"units\":1,"
				 "\"model\":\"H100\"}\n"
				 "{\"quarter\":\"2024Q2\",\n"
				 "[]\n"
				 "{\"quarter\":\"2024Q4\",\"units\":4,"
				 "\"model\":\"H100\"}\n" },
		{ LEDGER_JSON, "[{\"quarter\":\"2024Q1\",\"units\":1,"
			       "\"model\":\"H100\"},"
			       "{\"quarter\":\"2024Q2\",\"units\":{}},"
			       "{\"quarter\":\"2024QQ\"},"
			       "{\"quarter\":\"2024Q4\",\"units\":4,"
			       "\"model\":\"H100\"}]" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
		struct seen s;
		struct gc_error err;
		int warnings;

		assert_int_equal(load_keep_going(CASES[i].text, CASES[i].fmt,
						 &warnings, &s, &err),
				 GC_OK);
		assert_int_equal(warnings, 2);
		assert_int_equal(s.n, 2);
		assert_near(s.rows[1].units, 4, 0);
	}
}

/* ledger_read tells the format by extension, then by the first bytes. */
static void test_sniff(void **state)
{
	static const struct {
		const char *name, *text;
	} FILES[] = {
		{ "a.csv", "quarter,h100e\n2024Q1,5\n" },
		{ "a.TSV", "quarter\th100e\n2024Q1\t5\n" },
		{ "a.txt", "quarter\th100e\n2024Q1\t5\n" },
		{ "b.txt", "quarter,h100e\n2024Q1,5\n" },
		{ "a.json", "[{\"quarter\":\"2024Q1\",\"h100e\":5}]" },
		{ "c.txt", "  [{\"quarter\":\"2024Q1\",\"h100e\":5}]" },
		{ "d.txt",
		  "{\"rows\":[{\"quarter\":\"2024Q1\",\"h100e\":5}]}" },
		{ "e.txt", "{\"quarter\":\"2024Q1\",\"h100e\":5}\n" },
		{ "a.jsonl", "{\"quarter\":\"2024Q1\",\"h100e\":5}\n" },
		{ "a.ndjson", "{\"quarter\":\"2024Q1\",\"h100e\":5}\n" },
	};
	char dir[] = "/tmp/gpucap-sniff-XXXXXX";
	size_t i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
		char path[128];
		struct ledger_opts o = { .format = LEDGER_SNIFF };
		struct seen s = { 0 };
		struct gc_error err;
		FILE *f;

		snprintf(path, sizeof path, "%s/%s", dir, FILES[i].name);
		f = fopen(path, "w");
		assert_non_null(f);
		fputs(FILES[i].text, f);
		fclose(f);
		if (ledger_read(path, &o, sink, &s, &err) != GC_OK)
			fail_msg("%s: %s", FILES[i].name, err.msg);
		assert_int_equal(s.n, 1);
		assert_near(s.rows[0].h100e, 5, 0);
		remove(path);
	}
	rmdir(dir);
}

/* A range cell: the midpoint as the figure, the ends beside it, and the
 * row's plain figures as ranges of one value. kind retire turns 100..300
 * units into -300..-100. A JSON string may hold a range too. */
static void test_ranges(void **state)
{
	struct seen s;
	struct gc_error err;
	const struct ledger_row *r;

	(void)state;
	assert_int_equal(load("quarter,org,model,units,spend_usd,kind\n"
			      "2024Q1,a,H100,800..1200,\"$10M..$30M\",\n"
			      "2024Q2,a,H100,100..300,,retire\n"
			      "2024Q3,a,H100,5,,\n",
			      ',', &s, &err),
			 GC_OK);
	assert_int_equal(s.n, 3);
	r = &s.rows[0];
	assert_true(r->ranged);
	assert_near(r->units, 1000, 0);
	assert_near(r->spend, 20e6, 0);
	assert_near(r->low[LF_UNITS], 800, 0);
	assert_near(r->high[LF_UNITS], 1200, 0);
	assert_near(r->low[LF_SPEND], 10e6, 0);
	assert_near(r->high[LF_SPEND], 30e6, 0);
	assert_true(isnan(r->low[LF_TOTAL]) && isnan(r->high[LF_H100E]));
	r = &s.rows[1];
	assert_near(r->units, -200, 0);
	assert_near(r->low[LF_UNITS], -300, 0);
	assert_near(r->high[LF_UNITS], -100, 0);
	assert_false(s.rows[2].ranged);
	assert_int_equal(load_fmt("[{\"quarter\":\"2024Q1\",\"total_h100e\":"
				  "\"30k..350k\"}]",
				  LEDGER_JSON, &s, &err),
			 GC_OK);
	assert_true(s.rows[0].ranged);
	assert_near(s.rows[0].total, 190000, 0);
	assert_near(s.rows[0].low[LF_TOTAL], 30000, 0);
	assert_near(s.rows[0].high[LF_TOTAL], 350000, 0);
}

/* A median with its ends (SPEC 4.4): LOW..CENTRAL..HIGH in a cell, or
 * NAME_p5/NAME_p95 beside NAME; the median stays the central figure (100
 * of 50..400, not 225), and ends alone give their midpoint. */
static void test_medians(void **state)
{
	struct seen s;
	struct gc_error err;

	(void)state;
	assert_int_equal(load("quarter,org,model,units,units_p5,units_p95,"
			      "h100e\n"
			      "2024Q1,a,H100,100,50,400,\n"
			      "2024Q2,a,H100,,50,400,\n"
			      "2024Q3,a,,,,,1..2..10\n",
			      ',', &s, &err),
			 GC_OK);
	assert_int_equal(s.n, 3);
	assert_near(s.rows[0].units, 100, 0);
	assert_near(s.rows[0].low[LF_UNITS], 50, 0);
	assert_near(s.rows[0].high[LF_UNITS], 400, 0);
	assert_near(s.rows[1].units, 225, 0); /* 50 + (400 - 50) / 2 */
	assert_near(s.rows[2].h100e, 2, 0);
	assert_near(s.rows[2].low[LF_H100E], 1, 0);
	assert_near(s.rows[2].high[LF_H100E], 10, 0);
	/* one end alone, a range beside ends, ends out of order */
	assert_int_equal(load("quarter,model,units,units_p5\n2024Q1,H100,5,4\n",
			      ',', &s, &err),
			 GC_DATA);
	assert_string_equal(err.msg, "units_p95: missing (the ends of units "
				     "go together)");
	assert_int_equal(load("quarter,model,units,units_low,units_high\n"
			      "2024Q1,H100,4..6,3,7\n",
			      ',', &s, &err),
			 GC_DATA);
	assert_string_equal(err.msg,
			    "units: a range where the ends are given apart");
	assert_int_equal(load("quarter,model,units,units_p5,units_p95\n"
			      "2024Q1,H100,5,6,9\n",
			      ',', &s, &err),
			 GC_DATA);
	assert_int_equal(err.col, 4);
}

/* Epoch AI's period rows (SPEC 3.4): a quarter's purchases count units
 * (their h100e dropped); a stock (a series start, a start before the
 * end's quarter, or "cumulative" in its name) is a part of the owner's
 * level, its H100e; the designer stands in for a missing owner; an
 * Incomplete cell other than False, no or 0 marks the quarter. */
static void test_period_rows(void **state)
{
	struct seen s;
	struct gc_error err;

	(void)state;
	assert_int_equal(
		load("Name,Owner,Start date,End date,"
		     "Compute estimate in H100e (median),Number of Units,"
		     "Chip type,Incomplete\n"
		     "A Q2,Acme,4/1/2024,6/30/2024,9,10,H100/H200,\n"
		     "A cumulative,Acme,4/1/2024,6/30/2024,7,10,H100/H200,no\n"
		     "A total,Acme,1/1/2024,6/30/2024,8,10,,checked\n",
		     ',', &s, &err),
		GC_OK);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.rows[0].kind, ROW_BUY);
	assert_near(s.rows[0].units, 10, 0);
	assert_true(isnan(s.rows[0].h100e));
	assert_false(s.rows[0].part);
	assert_int_equal(s.rows[0].quarter, quarter("2024Q2"));
	assert_int_equal(s.rows[1].kind, ROW_TOTAL);
	assert_true(s.rows[1].part);
	assert_near(s.rows[1].total, 7, 0);
	assert_false(s.rows[1].incomplete);
	assert_int_equal(s.rows[2].kind, ROW_TOTAL);
	assert_near(s.rows[2].total, 8, 0);
	assert_true(s.rows[2].incomplete);
	assert_int_equal(load("designer,chip_type,series_start,end_date,"
			      "h100e_med\n"
			      "Amazon,Trainium2,2024-01-01,2024-12-31,5\n",
			      ',', &s, &err),
			 GC_OK);
	assert_string_equal(s.org[0], "Amazon");
	assert_true(s.rows[0].part);
	assert_int_equal(s.rows[0].quarter, quarter("2024Q4"));
}

/* A row's source: its `source` cell, standing for a missing note too;
 * a row of Epoch AI's data (dated by a start) is Epoch AI's, whatever its
 * Source / Link says, and keeps its name as its note. */
static void test_sources(void **state)
{
	struct seen s;
	struct gc_error err;

	(void)state;
	assert_int_equal(load("quarter,org,model,units,source,note\n"
			      "2024Q1,a,H100,1,S1,\n"
			      "2024Q1,a,H100,1,,N\n"
			      "2024Q1,a,H100,1,S2,N2\n",
			      ',', &s, &err),
			 GC_OK);
	assert_string_equal(s.source[0], "S1");
	assert_string_equal(s.note[0], "S1");
	assert_string_equal(s.source[1], "");
	assert_string_equal(s.note[1], "N");
	assert_string_equal(s.source[2], "S2");
	assert_string_equal(s.note[2], "N2");
	assert_false(s.epoch[0] || s.epoch[1] || s.epoch[2]);
	assert_int_equal(load("Name,Owner,Start date,End date,Number of Units,"
			      "Chip type,Source / Link\n"
			      "A Q2,Acme,4/1/2024,6/30/2024,10,H100/H200,"
			      "https://example.com/a\n",
			      ',', &s, &err),
			 GC_OK);
	assert_true(s.epoch[0]);
	assert_string_equal(s.note[0], "A Q2");
}

/* Reads text as NDJSON and as a JSON array of the same rows, with the
 * fast path on and off: the rows, statuses and errors must be the same
 * (the fuzzer fuzz_json holds the two to it on arbitrary bytes). */
static void same_both_ways(const char *line)
{
	static const enum ledger_format FMT[2] = { LEDGER_NDJSON, LEDGER_JSON };
	char text[512];
	struct seen a, b;
	struct gc_error ea, eb;
	size_t i;
	int f;

	for (f = 0; f < 2; f++) {
		enum gc_status sa, sb;

		snprintf(text, sizeof text, f ? "[%s]" : "%s", line);
		ledger_json_flat = false;
		sa = load_fmt(text, FMT[f], &a, &ea);
		ledger_json_flat = true;
		sb = load_fmt(text, FMT[f], &b, &eb);
		assert_int_equal(sa, sb);
		if (sa != GC_OK) {
			assert_string_equal(ea.msg, eb.msg);
			assert_int_equal(ea.line, eb.line);
			assert_int_equal(ea.col, eb.col);
		}
		assert_int_equal(a.n, b.n);
		for (i = 0; i < a.n; i++) {
			assert_string_equal(a.org[i], b.org[i]);
			assert_string_equal(a.model[i], b.model[i]);
			assert_string_equal(a.note[i], b.note[i]);
			assert_string_equal(a.source[i], b.source[i]);
			assert_memory_equal(a.rows[i].at, b.rows[i].at,
					    sizeof a.rows[i].at);
			assert_memory_equal(&a.rows[i].units, &b.rows[i].units,
					    sizeof(double));
			assert_memory_equal(&a.rows[i].spend, &b.rows[i].spend,
					    sizeof(double));
			assert_int_equal(a.rows[i].kind, b.rows[i].kind);
			assert_int_equal(a.rows[i].quarter, b.rows[i].quarter);
		}
	}
}

/* The flat rows the fast path reads, and the ones it hands to cJSON
 * (escapes, nesting, booleans, numbers outside JSON's grammar, control
 * bytes, odd blanks), read alike; so are their errors. */
static void test_flat_rows(void **state)
{
	static const char *const ROWS[] = {
		"{\"quarter\":\"2024Q1\",\"org\":\"a\",\"model\":\"H100\","
		"\"units\":10}",
		" { \"quarter\" : \"2024Q1\" , \"org\" : \"\xC3\xA9t\xC3\xA9\" "
		","
		"\t\"h100e\" : 1.5e3 , \"note\" : null } ",
		"{\"quarter\":\"2024Q1\",\"org\":\"a\\u00e9\",\"h100e\":5}",
		"{\"quarter\":\"2024Q1\",\"org\":\"a\",\"h100e\":-0,\"x\":[1]}",
		"{\"quarter\":\"2024Q1\",\"org\":\"a\",\"h100e\":01}",
		"{\"quarter\":\"2024Q1\",\"org\":\"a\",\"h100e\":1.}",
		"{\"quarter\":\"2024Q1\",\"org\":\"a\",\"h100e\":1e400}",
		"{\"quarter\":\"2024Q1\",\"org\":\"a\",\"h100e\":true}",
		"{\"quarter\":\"2024Q1\",\"org\":\"a\",\"org\":\"b\",\"h100e\":"
		"1}",
		"{\"quarter\":\"2024Q1\",\"Org\":\"a\",\"h100e\":\"2k\","
		"\"source\":\"s\",\"extra\":1}",
		"{\"quarter\":\"2024Q1\",\"org\":\"a\tb\",\"h100e\":1}",
		"{\"quarter\":\"2024Q1\",\"org\":\"a\",\"h100e\":1}x",
		"{\"quarter\":\"2024Q1\",\"org\":\"a\",\"h100e\":1,}",
		"{\"quarter\":\"2024Q1\",\"org\":\"a\",\"units\":3,"
		"\"model\":\"H100\",\"spend_usd\":12.5}",
		"{\"quarter\":\"2024Q1\",\"org\":\"a\",\"h100e\":\"1..3\"}",
		"{\"quarter\":\"2024Q1\",\"org\":\"a\",\"h100e\":nul}",
		"{}",
		"{\"quarter\":\"2024Q1\"\f,\"org\":\"a\",\"h100e\":1}",
		/* a key's column counts characters, not bytes: a key that
		 * fails after UTF-8 text, and after ASCII blanks */
		"{\"org\":\"\xC3\xA9t\xC3\xA9\",\"quarter\":\"2024Q1\","
		"\"org\":\"b\",\"h100e\":1}",
		"   {\"quarter\":\"2024Q1\", \"org\":\"a\",  \"Org\":\"b\"}",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++)
		same_both_ways(ROWS[i]);
	/* the first two are flat and read so; the third has an escape */
	for (i = 0; i < 3; i++) {
		struct seen s;
		struct gc_error err;
		unsigned long before = ledger_json_flat_reads;

		assert_int_equal(load_fmt(ROWS[i], LEDGER_NDJSON, &s, &err),
				 GC_OK);
		assert_int_equal(ledger_json_flat_reads - before, i < 2);
	}
}

/* --keep-going skips bad rows, never a bad header: without it no row
 * means anything (a duplicate column, or none for the quarter). */
static void test_keep_going_header(void **state)
{
	static const struct {
		const char *text, *msg;
		long col;
	} CASES[] = {
		{ "quarter,units,org,qty\n2024Q1,1,a,2\n",
		  "column 'qty' means units, as column 2 already does", 4 },
		{ "org,units\na,1\n",
		  "no quarter column in the header (expected one of quarter, "
		  "period, q, date)",
		  1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
		struct seen s;
		struct gc_error err;
		int warnings;

		assert_int_equal(load_keep_going(CASES[i].text, LEDGER_CSV,
						 &warnings, &s, &err),
				 GC_DATA);
		assert_string_equal(err.msg, CASES[i].msg);
		assert_int_equal(err.line, 1);
		assert_int_equal(err.col, CASES[i].col);
		assert_int_equal(warnings, 0);
		assert_int_equal(s.n, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_aliases),
		cmocka_unit_test(test_map_and_hints),
		cmocka_unit_test(test_row_meaning),
		cmocka_unit_test(test_explicit_kind),
		cmocka_unit_test(test_edge_syntax),
		cmocka_unit_test(test_tsv),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_field_bytes),
		cmocka_unit_test(test_long_field),
		cmocka_unit_test(test_formats_agree),
		cmocka_unit_test(test_json_errors),
		cmocka_unit_test(test_json_scanner),
		cmocka_unit_test(test_medians),
		cmocka_unit_test(test_period_rows),
		cmocka_unit_test(test_sources),
		cmocka_unit_test(test_flat_rows),
		cmocka_unit_test(test_keep_going),
		cmocka_unit_test(test_keep_going_header),
		cmocka_unit_test(test_sniff),
	};

	return cmocka_run_group_tests_name("ledger", tests, NULL, NULL);
}
