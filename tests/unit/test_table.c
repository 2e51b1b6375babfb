/* Output formats rendered into memory and compared byte for byte. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "gpucap/quantity.h"
#include "gpucap/table.h"

static const struct table_col COLS[] = {
	{ "org", CT_TEXT, false },
	{ "h100e", CT_COUNT, false },
	{ "qoq_pct", CT_PCT, false },
	{ "spend_usd", CT_USD, false },
};

#define NCOLS (sizeof COLS / sizeof COLS[0])

/* Rows: a plain one, one needing CSV quoting, one with undefined cells. */
static const struct cell ROWS[][NCOLS] = {
	{ { "acme", 0, false, 0, 0 },
	  { NULL, 1234567.4, false, 0, 0 },
	  { NULL, 227.41, false, 0, 0 },
	  { NULL, NAN, false, NAN, NAN } },
	{ { "a, \"b\"", 0, false, 0, 0 },
	  { NULL, 0.63, false, 0, 0 },
	  { NULL, -9.0909, false, 0, 0 },
	  { NULL, NAN, false, NAN, NAN } },
	{ { "", 0, false, 0, 0 },
	  { NULL, NAN, false, NAN, NAN },
	  { NULL, NAN, false, NAN, NAN },
	  { NULL, NAN, false, NAN, NAN } },
};

/* The rows, in a format, as text. */
static char *render_as(const char *format, const struct table_col *cols,
		       size_t ncols, const struct cell *rows, size_t nrows,
		       bool medians)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *out = open_memstream(&buf, &len);
	struct printer *p;
	struct gc_error err;

	assert_non_null(out);
	assert_int_equal(printer_open(&p, format, out, cols, ncols, &err),
			 GC_OK);
	printer_medians(p, medians);
	for (i = 0; i < nrows; i++)
		assert_int_equal(printer_row(p, rows + i * ncols), GC_OK);
	assert_int_equal(printer_close(p, &err), GC_OK);
	fclose(out);
	return buf;
}

static char *render_rows(const char *format, const struct table_col *cols,
			 size_t ncols, const struct cell *rows, size_t nrows)
{
	return render_as(format, cols, ncols, rows, nrows, false);
}

static char *render(const char *format)
{
	return render_rows(format, COLS, NCOLS, ROWS[0],
			   sizeof ROWS / sizeof ROWS[0]);
}

static void expect(const char *format, const char *want)
{
	char *got = render(format);

	assert_string_equal(got, want);
	free(got);
}

/* Numbers right-aligned with separators, growth to one decimal, text
 * left-aligned, undefined as an en dash, and spend_usd (undefined in every
 * row) left out. */
static void test_table(void **state)
{
	(void)state;
	expect("table", "org         h100e  qoq_pct\n"
			"acme    1,234,567    227.4\n"
			"a, \"b\"        0.6     -9.1\n"
			"                \xE2\x80\x93        \xE2\x80\x93\n");
}

static void test_markdown(void **state)
{
	(void)state;
	expect("markdown",
	       "| org    |     h100e | qoq_pct |\n"
	       "|:-------|----------:|--------:|\n"
	       "| acme   | 1,234,567 |   227.4 |\n"
	       "| a, \"b\" |       0.6 |    -9.1 |\n"
	       "|        |         \xE2\x80\x93 |       \xE2\x80\x93 |\n");
}

/* Raw numbers, RFC 4180 quoting only where needed, empty for undefined. */
static void test_csv(void **state)
{
	(void)state;
	expect("csv", "org,h100e,qoq_pct,spend_usd\n"
		      "acme,1234567.4,227.41,\n"
		      "\"a, \"\"b\"\"\",0.63,-9.0909,\n"
		      ",,,\n");
}

static void test_tsv(void **state)
{
	(void)state;
	/* a text with a '"' is quoted the CSV way: gpucap's TSV reader (CSV
	 * with tabs) refuses a bare quote, and must read back what it wrote */
	expect("tsv", "org\th100e\tqoq_pct\tspend_usd\n"
		      "acme\t1234567.4\t227.41\t\n"
		      "\"a, \"\"b\"\"\"\t0.63\t-9.0909\t\n"
		      "\t\t\t\n");
}

static void test_json(void **state)
{
	(void)state;
	expect("json",
	       "[\n"
	       "{\"org\":\"acme\",\"h100e\":1234567.4,\"qoq_pct\":227.41,"
	       "\"spend_usd\":null},\n"
	       "{\"org\":\"a, \\\"b\\\"\",\"h100e\":0.63,\"qoq_pct\":-9.0909,"
	       "\"spend_usd\":null},\n"
	       "{\"org\":\"\",\"h100e\":null,\"qoq_pct\":null,"
	       "\"spend_usd\":null}\n"
	       "]\n");
}

static void test_ndjson(void **state)
{
	char *got;

	(void)state;
	got = render("ndjson");
	assert_non_null(strstr(got, "{\"org\":\"acme\",\"h100e\":1234567.4,"));
	/* one object a line, three lines */
	assert_int_equal(strchr(got, '\n') - got + 1,
			 strlen("{\"org\":\"acme\",\"h100e\":1234567.4,"
				"\"qoq_pct\":227.41,\"spend_usd\":null}\n"));
	free(got);
}

static void test_empty_json(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct printer *p;
	struct gc_error err;

	(void)state;
	assert_int_equal(printer_open(&p, "json", out, COLS, NCOLS, &err),
			 GC_OK);
	assert_int_equal(printer_close(p, &err), GC_OK);
	fclose(out);
	assert_string_equal(buf, "[]\n");
	free(buf);
}

static void test_unknown_format(void **state)
{
	struct printer *p;
	struct gc_error err;

	(void)state;
	assert_int_equal(printer_open(&p, "xml", stdout, COLS, NCOLS, &err),
			 GC_USAGE);
	assert_string_equal(err.msg,
			    "unknown format 'xml' (expected one of table, csv, "
			    "tsv, json, ndjson, markdown)");
}

struct human {
	double v;
	enum cell_type t;
	const char *want;
};

static const struct human HUMAN[] = {
	{ 1234567.4, CT_COUNT, "1,234,567" },
	{ 999.5, CT_COUNT, "1,000" }, /* rounds half away from zero */
	{ 0.63, CT_COUNT, "0.6" },    /* a fraction stays visible */
	{ 12, CT_COUNT, "12" },
	{ -1234.5, CT_PCT, "-1,234.5" },
	{ -0.04, CT_PCT, "0.0" }, /* no "-0.0" */
	{ 2.274105, CT_RATIO, "2.274" },
	{ 0.7, CT_MW, "0.70" },
	{ 2024, CT_INT, "2024" },
	{ 989.4, CT_FIGURE, "989.4" },
	{ 1e9, CT_USD, "1,000,000,000" },
	{ 1, CT_BOOL, "true" },
	{ NAN, CT_COUNT, "\xE2\x80\x93" },
};

static void test_human(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof HUMAN / sizeof HUMAN[0]; i++) {
		char buf[TABLE_NUM_MAX];

		assert_string_equal(table_human(HUMAN[i].v, HUMAN[i].t, buf),
				    HUMAN[i].want);
	}
}

/* Under a locale whose decimal point is ',', machine formats and numbers
 * for people still use '.'. Skipped where de_DE.UTF-8 is not installed
 * (.ci/run installs it). */
static void test_locale(void **state)
{
	char buf[TABLE_NUM_MAX], *csv;
	struct quantity q;
	const char *why;

	(void)state;
	if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL)
		skip();
	csv = render("csv");
	assert_string_equal(csv, "org,h100e,qoq_pct,spend_usd\n"
				 "acme,1234567.4,227.41,\n"
				 "\"a, \"\"b\"\"\",0.63,-9.0909,\n"
				 ",,,\n");
	free(csv);
	assert_string_equal(table_human(-1234.5, CT_PCT, buf), "-1,234.5");
	assert_true(qty_parse("1.5", &q, &why));
	assert_near(q.value, 1.5, 0);
	assert_string_equal(qty_format(0.25, buf), "0.25");
	setlocale(LC_ALL, "C");
}

/* Columns with bounds: h100e and qoq_pct carry each cell's ends. Rows: a
 * range; a figure whose ends are itself; growth with no upper bound. */
static const struct table_col RANGE_COLS[] = {
	{ "org", CT_TEXT, false },
	{ "h100e", CT_COUNT, true },
	{ "qoq_pct", CT_PCT, true },
};
static const struct cell RANGE_ROWS[][3] = {
	{ { "tesla", 0, false, 0, 0 },
	  { NULL, 190000, false, 30000, 350000 },
	  { NULL, 245.5, false, -45.5, 536.4 } },
	{ { "dojo", 0, false, 0, 0 },
	  { NULL, 10000, false, 10000, 10000 },
	  { NULL, 12.5, false, 10, NAN } },
};

static void expect_ranges(const char *format, const char *want)
{
	char *got = render_rows(format, RANGE_COLS, 3, RANGE_ROWS[0], 2);

	assert_string_equal(got, want);
	free(got);
}

/* People read a range as low–high, an end without a bound as ≥ low;
 * machines get NAME_low and NAME_high beside NAME. */
static void test_ranges(void **state)
{
	(void)state;
	expect_ranges("table", "org             h100e      qoq_pct\n"
			       "tesla  30,000\xE2\x80\x93"
			       "350,000  -45.5\xE2\x80\x93"
			       "536.4\n"
			       "dojo           10,000        \xE2\x89\xA5"
			       "10.0\n");
	expect_ranges("csv",
		      "org,h100e,h100e_low,h100e_high,qoq_pct,qoq_pct_low,"
		      "qoq_pct_high\n"
		      "tesla,190000,30000,350000,245.5,-45.5,536.4\n"
		      "dojo,10000,10000,10000,12.5,10,\n");
	expect_ranges(
		"ndjson",
		"{\"org\":\"tesla\",\"h100e\":190000,\"h100e_low\":30000,"
		"\"h100e_high\":350000,\"qoq_pct\":245.5,"
		"\"qoq_pct_low\":-45.5,\"qoq_pct_high\":536.4}\n"
		"{\"org\":\"dojo\",\"h100e\":10000,\"h100e_low\":10000,"
		"\"h100e_high\":10000,\"qoq_pct\":12.5,\"qoq_pct_low\":10,"
		"\"qoq_pct_high\":null}\n");
}

/* Sampled, the central figure is a median that need not be mid-range:
 * people's formats show it before its interval; the figure whose ends
 * are itself stays alone; machines get the same columns as for bounds. */
static void test_medians(void **state)
{
	char *got;

	(void)state;
	/* "190,000 [30,000–350,000]" is 24 characters, "245.5 [-45.5–536.4]"
	 * 19 and "12.5 [≥10.0]" 12: the columns are that wide. */
	got = render_as("table", RANGE_COLS, 3, RANGE_ROWS[0], 2, true);
	assert_string_equal(got, "org                       h100e"
				 "              qoq_pct\n"
				 "tesla  190,000 [30,000\xE2\x80\x93"
				 "350,000]  245.5 [-45.5\xE2\x80\x93"
				 "536.4]\n"
				 "dojo                     10,000"
				 "         12.5 [\xE2\x89\xA5"
				 "10.0]\n");
	free(got);
	got = render_as("csv", RANGE_COLS, 3, RANGE_ROWS[0], 1, true);
	assert_string_equal(got,
			    "org,h100e,h100e_low,h100e_high,qoq_pct,"
			    "qoq_pct_low,qoq_pct_high\n"
			    "tesla,190000,30000,350000,245.5,-45.5,536.4\n");
	free(got);
}

/* A figure that is not finite is printed as undefined in every format:
 * no "inf" or "nan" ever, and JSON stays strict (null). */
static void test_not_finite(void **state)
{
	static const struct table_col cols[] = {
		{ "org", CT_TEXT, false },
		{ "h100e", CT_COUNT, true },
	};
	const struct cell row[] = { { "a", 0, false, 0, 0 },
				    { NULL, INFINITY, false, -INFINITY, NAN } };
	char *got;

	(void)state;
	got = render_rows("csv", cols, 2, row, 1);
	assert_string_equal(got, "org,h100e,h100e_low,h100e_high\na,,,\n");
	free(got);
	got = render_rows("json", cols, 2, row, 1);
	assert_string_equal(got,
			    "[\n{\"org\":\"a\",\"h100e\":null,"
			    "\"h100e_low\":null,\"h100e_high\":null}\n]\n");
	free(got);
	/* the table leaves out a column undefined in every row */
	got = render_rows("table", cols, 2, row, 1);
	assert_string_equal(got, "org\na\n");
	free(got);
}

/* Text for people is safe to show: a raw ESC would drive the terminal,
 * a line break would split a row, a '|' would end a Markdown cell. C0
 * controls and DEL become \xHH, C1 controls \u00HH; machine formats keep
 * the bytes (CSV quotes the line break). */
static void test_controls(void **state)
{
	static const struct table_col cols[] = { { "org", CT_TEXT, false } };
	/* ESC [31m, a '|', a line feed, DEL, and U+009B (CSI as C1) */
	const struct cell row[] = { { "a\033[31m|b\nc\177d\xC2\x9B", 0, false,
				      0, 0 } };
	char *got;

	(void)state;
	got = render_rows("table", cols, 1, row, 1);
	assert_string_equal(got, "org\n"
				 "a\\x1b[31m|b\\x0ac\\x7fd\\u009b\n");
	free(got);
	/* the cell is 28 characters: a, \x1b, [31m, \|, b, \x0a, c, \x7f,
	 * d, \u009b = 1+4+4+2+1+4+1+4+1+6; the rule is ':' and 28+1 '-' */
	got = render_rows("markdown", cols, 1, row, 1);
	assert_string_equal(got, "| org                          |\n"
				 "|:-----------------------------|\n"
				 "| a\\x1b[31m\\|b\\x0ac\\x7fd\\u009b |\n");
	free(got);
	got = render_rows("csv", cols, 1, row, 1);
	assert_string_equal(got, "org\n\"a\033[31m|b\nc\177d\xC2\x9B\"\n");
	free(got);
}

/* A text cell shows at most TABLE_TEXT_WIDTH_MAX (64) characters: 63 and
 * an ellipsis. 64 fit whole; 65 do not. Characters, not bytes: 70 e-acute
 * (two bytes each) are cut to 63 of them and the ellipsis too. */
static void test_elide(void **state)
{
	static const struct table_col cols[] = { { "o", CT_TEXT, false } };
	char fit[65], over[66], wide[141], want[256];
	struct cell row[1] = { { NULL, 0, false, 0, 0 } };
	char *got;
	int i;

	(void)state;
	memset(fit, 'x', 64);
	fit[64] = '\0';
	memset(over, 'y', 65);
	over[65] = '\0';
	for (i = 0; i < 70; i++)
		memcpy(wide + 2 * i, "\xC3\xA9", 2);
	wide[140] = '\0';
	row[0].text = fit;
	got = render_rows("table", cols, 1, row, 1);
	snprintf(want, sizeof want, "o\n%s\n", fit);
	assert_string_equal(got, want);
	free(got);
	row[0].text = over;
	got = render_rows("table", cols, 1, row, 1);
	snprintf(want, sizeof want, "o\n%.63s\xE2\x80\xA6\n", over);
	assert_string_equal(got, want);
	free(got);
	row[0].text = wide;
	got = render_rows("table", cols, 1, row, 1);
	snprintf(want, sizeof want, "o\n%.126s\xE2\x80\xA6\n", wide);
	assert_string_equal(got, want);
	free(got);
	/* machine formats keep it whole */
	got = render_rows("tsv", cols, 1, row, 1);
	snprintf(want, sizeof want, "o\n%s\n", wide);
	assert_string_equal(got, want);
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_tsv),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_ndjson),
		cmocka_unit_test(test_empty_json),
		cmocka_unit_test(test_unknown_format),
		cmocka_unit_test(test_human),
		cmocka_unit_test(test_locale),
		cmocka_unit_test(test_medians),
		cmocka_unit_test(test_not_finite),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_elide),
	};

	return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}
