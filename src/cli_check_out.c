/* gpucap check's output formats (SPEC 6): TAP with YAML diagnostics for
 * harnesses, JUnit XML for test reporters, GitHub Actions workflow
 * commands for annotations, and the results as rows of a table. Each
 * says of a figure what a reader needs to trust it: its range or
 * interval, whether it is projected and how, a year's missing quarters. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli_check_impl.h"
#include "gpucap/quarter.h"
#include "gpucap/table.h"
#include "output.h"
#include "util.h"

bool check_counts_failed(const struct evaluated *ev,
			 const struct check_result *r)
{
	if (r->uncertain)
		return ev->how == UNCERTAIN_FAIL;
	return !r->ok;
}

/* ---- what a result says, in words ---- */

#define EXACT_MAX                                                              \
	40 /* "-0.00012345678901234567", "1.2345678901234567e-300"             \
	    */

/* The shortest decimal that reads back as v exactly: plain digits for
 * figures people write that way, else with an exponent. */
static void exact(double v, char buf[EXACT_MAX])
{
	locale_t loc = util_c_numeric_begin();
	bool plain = fabs(v) >= 1e-4 && fabs(v) < 1e15;
	int p;

	for (p = plain ? 0 : 1; p <= 17; p++) {
		snprintf(buf, EXACT_MAX, plain ? "%.*f" : "%.*g", p, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	util_c_numeric_end(loc);
}

/* A check that failed on a figure that prints as the value does (0.0 for
 * 0.04, 1,024 for 1024.25) shows the figure in full: without it the
 * failure would not explain itself. A figure equal to the value (1,000 >
 * 1000) explains itself. */
static void got_exact(FILE *out, const struct check *c,
		      const struct check_result *r, const char *shown)
{
	char v[TABLE_NUM_MAX], x[EXACT_MAX];

	if (r->ok || r->uncertain || check_equal(r->got, c->value) ||
	    strcmp(shown,
		   table_human(c->value, REPORT_COLS[c->column].type, v)) != 0)
		return;
	exact(r->got, x);
	fprintf(out, ", exactly %s", x);
}

/* A sampled figure: its median, its interval, and the share of draws in
 * which the check holds: "got 84,960 [78,100–91,900], P=0.93". */
static void got_sampled(FILE *out, const struct check_result *r,
			enum cell_type t)
{
	char mid[TABLE_NUM_MAX], ends[TABLE_RANGE_MAX];
	locale_t loc;

	fprintf(out, "got %s [%s], P=", table_human(r->got, t, mid),
		table_human_range(NAN, r->lo, r->hi, t, ends));
	loc = util_c_numeric_begin();
	fprintf(out, "%.2f", r->p);
	util_c_numeric_end(loc);
}

/* "geometric over 1 quarter", "at the target's rate". */
static void method_words(const struct evaluated *ev,
			 const struct check_result *r, char *buf, size_t size)
{
	if (ev->target || r->fit_quarters == 0)
		snprintf(buf, size, "at the target's rate");
	else
		snprintf(buf, size, "%s over %d quarter%s", ev->method,
			 r->fit_quarters, r->fit_quarters == 1 ? "" : "s");
}

/* Which quarter of a span the figure is from: the first that breaks
 * the check, or where it holds, the one nearest to breaking it. */
static void span_marks(FILE *out, const struct evaluated *ev,
		       const struct check *c, const struct check_result *r)
{
	char q[QUARTER_FMT_MAX], how[64];

	quarter_format(r->at, q);
	if (r->uncertain)
		fprintf(out, " in %s, the first quarter it is uncertain in", q);
	else if (!r->ok)
		fprintf(out, " in %s, the first quarter to break it", q);
	else if (c->op == OP_LT || c->op == OP_LE)
		fprintf(out, ", the highest, in %s", q);
	else if (c->op == OP_GT || c->op == OP_GE)
		fprintf(out, ", the lowest, in %s", q);
	else
		fprintf(out, " in %s", q);
	if (r->projected == 0)
		return;
	method_words(ev, r, how, sizeof how);
	fprintf(out, ", %d of %d quarters projected: %s", r->projected,
		r->quarters, how);
}

/* Where the figure comes from, after it: a year's sum over fewer than
 * its four quarters, quarters that are projected and how. */
static void got_marks(FILE *out, const struct evaluated *ev,
		      const struct check *c, const struct check_result *r)
{
	bool sum = c->is_year && r->quarters > 0;
	char how[64];

	if (c->is_span) {
		span_marks(out, ev, c, r);
		return;
	}
	if (r->input)
		fputs(", input", out);
	if (sum && r->quarters < 4)
		fprintf(out, ", %d of 4 quarters", r->quarters);
	if (r->projected == 0)
		return;
	method_words(ev, r, how, sizeof how);
	if (sum && r->quarters < 4)
		fprintf(out, ", %d projected: %s", r->projected, how);
	else if (sum)
		fprintf(out, ", %d of 4 quarters projected: %s", r->projected,
			how);
	else
		fprintf(out, ", projected: %s", how);
}

/* What the check found, in words: "got 84,960", "got 30,000–350,000",
 * "got 102,599 [29,679–345,158], P=0.61", or why there was nothing, then
 * the marks. */
static void got_words(FILE *out, const struct evaluated *ev, size_t i)
{
	const struct check *c = &ev->checks->items[i];
	const struct check_result *r = &ev->results[i];
	enum cell_type t = REPORT_COLS[c->column].type;
	char got[TABLE_RANGE_MAX];

	if (!isnan(r->got) && ev->sampled)
		got_sampled(out, r, t);
	else if (!isnan(r->got) && ev->ranges)
		fprintf(out, "got %s",
			table_human_range(r->got, r->lo, r->hi, t, got));
	else if (!isnan(r->got)) {
		fprintf(out, "got %s", table_human(r->got, t, got));
		got_exact(out, c, r, got);
	} else if (strstr(r->why, "undefined") != NULL)
		fprintf(out, "got \xE2\x80\x93: %s", r->why);
	else
		fputs(r->why, out);
	if (!isnan(r->got))
		got_marks(out, ev, c, r);
}

/* got_words as a string (malloc'ed; NULL when out of memory). */
static char *got_string(const struct evaluated *ev, size_t i)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	if (out == NULL)
		return NULL;
	got_words(out, ev, i);
	if (fclose(out) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* "data/plan.checks:12", "-e:2". */
static void where(const struct check *c, char *buf, size_t size)
{
	snprintf(buf, size, "%s:%ld", c->file ? c->file : "-e", c->line);
}

/* What the check asks for, in exact digits: "~ 85000 ±5%". */
static void expected(const struct check *c, char *buf, size_t size)
{
	char v[EXACT_MAX], t[EXACT_MAX];

	exact(c->value, v);
	if (!c->has_tolerance) {
		snprintf(buf, size, "%s %s", check_op_name(c->op), v);
		return;
	}
	exact(c->tolerance, t);
	snprintf(buf, size, "%s %s \xC2\xB1%s%s", check_op_name(c->op), v, t,
		 c->tol_relative ? "%" : "");
}

/* ---- TAP ---- */

/* A failed check in red, on a terminal. */
#define SGR_RED	  "\033[31m"
#define SGR_RESET "\033[0m"

/* "ok", or "not ok"; an uncertain check is TAP's TODO (not a failure
 * to a harness) unless --uncertain pass counts it as held. */
static bool tap_ok(const struct evaluated *ev, const struct check_result *r)
{
	if (r->uncertain)
		return ev->how == UNCERTAIN_PASS;
	return r->ok;
}

/* Text in a TAP description: '#' would start a directive and '\' escapes
 * it, so both are escaped. */
static void tap_text(FILE *out, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '#' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
}

/* A YAML scalar: a JSON string (YAML reads JSON's), through cJSON. */
static void yaml_string(FILE *out, const char *key, const char *value)
{
	cJSON *j = cJSON_CreateString(value);
	char *text = j != NULL ? cJSON_PrintUnformatted(j) : NULL;

	if (text != NULL)
		fprintf(out, "  %s: %s\n", key, text);
	cJSON_free(text);
	cJSON_Delete(j);
}

static void yaml_number(FILE *out, const char *key, double v)
{
	char x[EXACT_MAX];

	if (!isfinite(v)) {
		fprintf(out, "  %s: null\n", key);
		return;
	}
	exact(v, x);
	fprintf(out, "  %s: %s\n", key, x);
}

/* The YAML block after a check that is not ok: where it is written, what
 * it asks for, what it got and where that comes from. */
static void tap_yaml(FILE *out, const struct evaluated *ev, size_t i)
{
	const struct check *c = &ev->checks->items[i];
	const struct check_result *r = &ev->results[i];
	char buf[CHECK_TEXT_MAX + 64];

	fputs("  ---\n", out);
	yaml_string(out, "file", c->file ? c->file : "-e");
	fprintf(out, "  line: %ld\n", c->line);
	if (c->name[0] != '\0')
		yaml_string(out, "name", c->name);
	yaml_string(out, "check", c->text);
	expected(c, buf, sizeof buf);
	yaml_string(out, "expected", buf);
	yaml_number(out, "got", r->got);
	if (ev->ranges) {
		yaml_number(out, "got_low", r->lo);
		yaml_number(out, "got_high", r->hi);
	}
	if (ev->sampled)
		yaml_number(out, "p", r->p);
	if (r->why[0] != '\0')
		yaml_string(out, "why", r->why);
	if (c->is_year && r->quarters > 0)
		fprintf(out, "  quarters: %d\n", r->quarters);
	if (c->is_span && r->at != 0) {
		char q[QUARTER_FMT_MAX];

		yaml_string(out, "quarter", quarter_format(r->at, q));
	}
	fprintf(out, "  input: %s\n", r->input ? "true" : "false");
	fprintf(out, "  projected: %s\n", r->projected > 0 ? "true" : "false");
	if (r->projected > 0) {
		method_words(ev, r, buf, sizeof buf);
		yaml_string(out, "method", buf);
	}
	if (r->uncertain)
		fputs("  uncertain: true\n", out);
	fputs("  ...\n", out);
}

static void tap_line(FILE *out, size_t n, const struct evaluated *ev, size_t i,
		     bool color)
{
	const struct check *c = &ev->checks->items[i];
	const struct check_result *r = &ev->results[i];
	bool red = color && check_counts_failed(ev, r);
	char *got = got_string(ev, i);

	if (red)
		fputs(SGR_RED, out);
	fprintf(out, "%s %zu - ", tap_ok(ev, r) ? "ok" : "not ok", n);
	tap_text(out, c->text);
	fputs(" (", out);
	tap_text(out, got != NULL ? got : "out of memory");
	fputs(")", out);
	free(got);
	if (c->name[0] != '\0') {
		fputs(" \xE2\x80\x94 ", out); /* an em dash */
		tap_text(out, c->name);
	}
	if (r->uncertain)
		fputs(ev->how == UNCERTAIN_PASS ? " # uncertain"
						: " # TODO uncertain",
		      out);
	fputs(red ? SGR_RESET "\n" : "\n", out);
	if (!tap_ok(ev, r))
		tap_yaml(out, ev, i);
}

/* What --uncertain made of the uncertain checks, in enum order. */
static const char *const HOW_SAID[] = {
	"counted as failures (--uncertain fail)",
	"counted as held (--uncertain pass)",
	"TODO, not failures (--uncertain todo)",
};

static void summary(FILE *out, const struct evaluated *ev)
{
	size_t n = ev->checks->n;

	if (ev->uncertain > 0)
		fprintf(out, "# %zu held, %zu failed, %zu uncertain, %s\n",
			n - ev->failed - ev->uncertain, ev->failed,
			ev->uncertain, HOW_SAID[ev->how]);
	else if (ev->failed == 0 && n == 1)
		fputs("# the check passed\n", out);
	else if (ev->failed == 0)
		fprintf(out, "# all %zu checks passed\n", n);
	else
		fprintf(out, "# %zu of %zu check%s failed\n", ev->failed, n,
			n == 1 ? "" : "s");
}

/* A format that writes a stream of its own: into the output, then the
 * output is committed (or left untouched when the writer fails). */
typedef void (*stream_fn)(FILE *out, const struct evaluated *ev, bool color);

static enum gc_status write_stream(const struct cli_request *r,
				   const struct evaluated *ev, stream_fn fn,
				   struct gc_error *err)
{
	struct output out;
	enum gc_status st = output_open(&out, r->o->output, false, err);

	if (st != GC_OK)
		return st;
	fn(out.fp, ev, cli_color(r->o, out.fp));
	return output_commit(&out, err);
}

static void tap(FILE *out, const struct evaluated *ev, bool color)
{
	size_t i, n = ev->checks->n;

	fprintf(out, "TAP version 13\n1..%zu\n", n);
	for (i = 0; i < n; i++)
		tap_line(out, i + 1, ev, i, color);
	summary(out, ev);
}

/* ---- JUnit XML ---- */

/* What JUnit makes of a result: a failure (a failed check, or an
 * uncertain one that --uncertain fail counts as failed), skipped (an
 * uncertain one under todo), or a pass. */
enum junit_kind { J_PASS, J_FAILURE, J_SKIPPED };

static enum junit_kind junit_kind(const struct evaluated *ev,
				  const struct check_result *r)
{
	if (r->uncertain)
		return ev->how == UNCERTAIN_FAIL   ? J_FAILURE
		       : ev->how == UNCERTAIN_TODO ? J_SKIPPED
						   : J_PASS;
	return r->ok ? J_PASS : J_FAILURE;
}

static void junit_case(FILE *out, const struct evaluated *ev, size_t i)
{
	const struct check *c = &ev->checks->items[i];
	const struct check_result *r = &ev->results[i];
	enum junit_kind kind = junit_kind(ev, r);
	char *got = got_string(ev, i), at[CHECK_TEXT_MAX + 32];
	const char *words = got != NULL ? got : "out of memory";

	where(c, at, sizeof at);
	fputs("  <testcase name=\"", out);
	util_xml_text(out, c->name[0] != '\0' ? c->name : c->text);
	fputs("\" classname=\"", out);
	util_xml_text(out, c->file ? c->file : "-e");
	fputs("\">\n", out);
	if (kind != J_PASS) {
		fputs(kind == J_FAILURE ? "    <failure message=\""
					: "    <skipped message=\"",
		      out);
		util_xml_text(out, c->text);
		fputs(" (", out);
		util_xml_text(out, words);
		fputs(r->uncertain ? "), uncertain\"" : ")\"", out);
		if (kind == J_FAILURE)
			fputs(r->uncertain ? " type=\"uncertain\""
					   : " type=\"failed\"",
			      out);
		fputs(kind == J_FAILURE ? ">" : "/>\n", out);
	}
	if (kind == J_FAILURE) {
		util_xml_text(out, at);
		fputs(": ", out);
		util_xml_text(out, c->text);
		fputs(" (", out);
		util_xml_text(out, words);
		fputs(")</failure>\n", out);
	}
	fputs("    <system-out>", out);
	util_xml_text(out, at);
	fputs(": ", out);
	util_xml_text(out, words);
	fputs("</system-out>\n  </testcase>\n", out);
	free(got);
}

static void junit(FILE *out, const struct evaluated *ev, bool color)
{
	size_t i, failures = 0, skipped = 0;

	(void)color;
	for (i = 0; i < ev->checks->n; i++) {
		enum junit_kind k = junit_kind(ev, &ev->results[i]);

		failures += k == J_FAILURE;
		skipped += k == J_SKIPPED;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out,
		"<testsuite name=\"gpucap check\" tests=\"%zu\" "
		"failures=\"%zu\" errors=\"0\" skipped=\"%zu\">\n",
		ev->checks->n, failures, skipped);
	for (i = 0; i < ev->checks->n; i++)
		junit_case(out, ev, i);
	fputs("</testsuite>\n", out);
}

/* ---- GitHub Actions workflow commands ---- */

/* A command's message: '%', CR and LF as GitHub reads them back; in a
 * property (file, title) ':' and ',' too, which would end it. */
static void github_text(FILE *out, const char *s, bool property)
{
	for (; *s != '\0'; s++) {
		if (*s == '%')
			fputs("%25", out);
		else if (*s == '\r')
			fputs("%0D", out);
		else if (*s == '\n')
			fputs("%0A", out);
		else if (property && *s == ':')
			fputs("%3A", out);
		else if (property && *s == ',')
			fputs("%2C", out);
		else
			fputc(*s, out);
	}
}

/* ::error for a failed check, ::warning for an uncertain one, at its
 * file and line (a -e check has none); nothing for a pass. */
static void github_line(FILE *out, const struct evaluated *ev, size_t i)
{
	const struct check *c = &ev->checks->items[i];
	const struct check_result *r = &ev->results[i];
	char *got;

	if (r->ok && !r->uncertain)
		return;
	fputs(r->uncertain ? "::warning " : "::error ", out);
	if (c->file != NULL && strcmp(c->file, "-e") != 0) {
		fputs("file=", out);
		github_text(out, c->file, true);
		fprintf(out, ",line=%ld,", c->line);
	}
	fputs("title=", out);
	github_text(out, c->name[0] != '\0' ? c->name : c->text, true);
	fputs("::", out);
	github_text(out, c->text, false);
	got = got_string(ev, i);
	fputs(" (", out);
	github_text(out, got != NULL ? got : "out of memory", false);
	fputs(r->uncertain ? "), uncertain\n" : ")\n", out);
	free(got);
}

static void github(FILE *out, const struct evaluated *ev, bool color)
{
	size_t i;

	(void)color;
	for (i = 0; i < ev->checks->n; i++)
		github_line(out, ev, i);
	summary(out, ev);
}

/* ---- rows of a table ---- */

enum {
	K_N,
	K_OK,
	K_CHECK,
	K_NAME,
	K_FILE,
	K_LINE,
	K_GOT,
	K_WHY,
	K_INPUT,
	K_PROJECTED,
	K_UNCERTAIN,
	K_P,
	K_COUNT
};

/* With ranges, "got" has its ends and "uncertain" says which checks held
 * over part of the range only ("ok" is then how --uncertain counts it). */
#define RESULT_COLS_OF(bounds)                                                 \
	{                                                                      \
		{ "n", CT_INT, false }, { "ok", CT_BOOL, false },              \
			{ "check", CT_TEXT, false },                           \
			{ "name", CT_TEXT, false },                            \
			{ "file", CT_TEXT, false }, { "line", CT_INT, false }, \
			{ "got", CT_FIGURE, bounds },                          \
			{ "why", CT_TEXT, false },                             \
			{ "input", CT_BOOL, false },                           \
			{ "projected", CT_BOOL, false },                       \
			{ "uncertain", CT_BOOL, false },                       \
		{                                                              \
			"p", CT_RATIO, false                                   \
		}                                                              \
	}
static const struct table_col RESULT_COLS[K_COUNT] = RESULT_COLS_OF(false);
static const struct table_col RANGE_RESULT_COLS[K_COUNT] = RESULT_COLS_OF(true);

static enum gc_status result_rows(void *ctx, struct printer *p,
				  struct gc_error *err)
{
	const struct evaluated *ev = ctx;
	size_t i;

	for (i = 0; i < ev->checks->n; i++) {
		const struct check *ch = &ev->checks->items[i];
		const struct check_result *r = &ev->results[i];
		struct cell c[K_COUNT] = { { NULL, NAN, false, NAN, NAN } };

		c[K_N].num = (double)(i + 1);
		c[K_OK].num = !check_counts_failed(ev, r);
		c[K_CHECK].text = ch->text;
		c[K_NAME].text = ch->name;
		c[K_FILE].text = ch->file ? ch->file : "-e";
		c[K_LINE].num = (double)ch->line;
		c[K_GOT].num = r->got;
		c[K_GOT].lo = isinf(r->lo) ? NAN : r->lo;
		c[K_GOT].hi = isinf(r->hi) ? NAN : r->hi;
		c[K_WHY].text = r->why;
		c[K_INPUT].num = r->input;
		c[K_PROJECTED].num = r->projected > 0;
		c[K_UNCERTAIN].num = r->uncertain;
		c[K_P].num = r->p;
		if (printer_row(p, c) != GC_OK)
			return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	}
	return GC_OK;
}

/* The results as rows of a table format (json, csv, ...). */
static enum gc_status write_rows(const struct cli_request *r,
				 const struct evaluated *ev,
				 struct gc_error *err)
{
	/* with samples, p: the share of draws in which each check holds */
	if (ev->ranges)
		return cli_print(r, RANGE_RESULT_COLS,
				 ev->sampled ? K_COUNT : K_P, result_rows,
				 (void *)ev, err);
	/* a ledger without ranges: no uncertain checks */
	return cli_print(r, RESULT_COLS, K_UNCERTAIN, result_rows, (void *)ev,
			 err);
}

static enum gc_status write_tap(const struct cli_request *r,
				const struct evaluated *ev,
				struct gc_error *err)
{
	return write_stream(r, ev, tap, err);
}

static enum gc_status write_junit(const struct cli_request *r,
				  const struct evaluated *ev,
				  struct gc_error *err)
{
	return write_stream(r, ev, junit, err);
}

static enum gc_status write_github(const struct cli_request *r,
				   const struct evaluated *ev,
				   struct gc_error *err)
{
	return write_stream(r, ev, github, err);
}

/* check's formats: TAP (the default: what CI reads), then the results as
 * rows of a table. A new format is a row here. */
static const struct check_format {
	const char *name;
	enum gc_status (*write)(const struct cli_request *r,
				const struct evaluated *ev,
				struct gc_error *err);
} CHECK_FORMATS[] = {
	{ "tap", write_tap },	    { "junit", write_junit },
	{ "github", write_github }, { "json", write_rows },
	{ "csv", write_rows },	    { "tsv", write_rows },
	{ "ndjson", write_rows },   { "markdown", write_rows },
};

#define NCHECK_FORMATS (sizeof CHECK_FORMATS / sizeof CHECK_FORMATS[0])

const char *check_format_name(size_t i)
{
	return i < NCHECK_FORMATS ? CHECK_FORMATS[i].name : NULL;
}

enum gc_status check_write(const struct cli_request *r,
			   const struct evaluated *ev, struct gc_error *err)
{
	size_t i;

	for (i = 0; i < NCHECK_FORMATS; i++)
		if (strcasecmp(CHECK_FORMATS[i].name, r->format) == 0)
			return CHECK_FORMATS[i].write(r, ev, err);
	return CHECK_FORMATS[0].write(r, ev, err); /* the CLI checked it */
}
