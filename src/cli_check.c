/* gpucap check: assertions on the series, as TAP for CI. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli_impl.h"
#include "gpucap/check.h"
#include "gpucap/quarter.h"
#include "gpucap/table.h"
#include "output.h"
#include "util.h"

static enum gc_status read_checks(struct check_list *l, const char *path,
				  struct gc_error *err)
{
	FILE *in = fopen(path, "r");
	enum gc_status st;

	if (in == NULL)
		return gc_fail(err, GC_IO, path, 0, 0, "cannot open: %s",
			       strerror(errno));
	st = check_list_read(l, in, path, err);
	fclose(in);
	return st;
}

/* Every check is parsed before the ledger is read: a typo is a usage error
 * whatever the data says. */
static enum gc_status gather(const struct options *o, struct check_list *l,
			     struct gc_error *err)
{
	enum gc_status st = GC_OK;
	size_t i;

	for (i = 0; st == GC_OK && i < o->nexprs; i++)
		st = check_list_add(l, o->exprs[i], "-e", (long)i + 1, err);
	for (i = 0; st == GC_OK && i < o->ncheck_files; i++)
		st = read_checks(l, o->check_files[i], err);
	if (st == GC_OK && l->n == 0)
		st = gc_fail(err, GC_USAGE, NULL, 0, 0,
			     "no checks: give -e EXPR or --checks FILE");
	return st;
}

/* ---- output ---- */

struct evaluated {
	const struct check_list *checks;
	struct check_result *results;
	size_t failed;	  /* over the whole range, or without ranges */
	size_t uncertain; /* with ranges: held over part of it */
	enum uncertain_how how;
	bool ranges;  /* the series has ranges */
	bool sampled; /* ... drawn with --samples: results have a P */
};

/* Whether a result counts toward the exit status as a failure. */
static bool counts_failed(const struct evaluated *ev,
			  const struct check_result *r)
{
	if (r->uncertain)
		return ev->how == UNCERTAIN_FAIL;
	return !r->ok;
}

/* A failed check in red, on a terminal. */
#define SGR_RED	  "\033[31m"
#define SGR_RESET "\033[0m"

/* "ok", or "not ok"; an uncertain check is TAP's TODO (not a failure
 * to a harness) unless --uncertain pass counts it as held. */
static const char *tap_status(const struct evaluated *ev,
			      const struct check_result *r)
{
	if (r->uncertain)
		return ev->how == UNCERTAIN_PASS ? "ok" : "not ok";
	return r->ok ? "ok" : "not ok";
}

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
static void tap_exact(FILE *out, const struct check *c,
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
static void tap_sampled(FILE *out, const struct check_result *r,
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

static void tap_line(FILE *out, size_t n, const struct evaluated *ev, size_t i,
		     bool color)
{
	const struct check *c = &ev->checks->items[i];
	const struct check_result *r = &ev->results[i];
	enum cell_type t = REPORT_COLS[c->column].type;
	char got[TABLE_RANGE_MAX];
	bool red = color && counts_failed(ev, r);

	if (red)
		fputs(SGR_RED, out);
	fprintf(out, "%s %zu - %s (", tap_status(ev, r), n, c->text);
	if (!isnan(r->got) && ev->sampled)
		tap_sampled(out, r, t);
	else if (!isnan(r->got) && ev->ranges)
		fprintf(out, "got %s",
			table_human_range(r->got, r->lo, r->hi, t, got));
	else if (!isnan(r->got)) {
		fprintf(out, "got %s", table_human(r->got, t, got));
		tap_exact(out, c, r, got);
	} else if (strstr(r->why, "undefined") != NULL)
		fprintf(out, "got \xE2\x80\x93: %s", r->why);
	else
		fputs(r->why, out);
	fputs(")", out);
	if (r->uncertain)
		fputs(ev->how == UNCERTAIN_PASS ? " # uncertain"
						: " # TODO uncertain",
		      out);
	fputs(red ? SGR_RESET "\n" : "\n", out);
}

/* What --uncertain made of the uncertain checks, in enum order. */
static const char *const HOW_SAID[] = {
	"counted as failures (--uncertain fail)",
	"counted as held (--uncertain pass)",
	"TODO, not failures (--uncertain todo)",
};

static void tap_summary(FILE *out, const struct evaluated *ev)
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

static enum gc_status write_tap(const struct cli_request *r,
				const struct evaluated *ev,
				struct gc_error *err)
{
	struct output out;
	size_t i, n = ev->checks->n;
	bool color;
	enum gc_status st = output_open(&out, r->o->output, false, err);

	if (st != GC_OK)
		return st;
	color = cli_color(r->o, out.fp);
	fprintf(out.fp, "TAP version 13\n1..%zu\n", n);
	for (i = 0; i < n; i++)
		tap_line(out.fp, i + 1, ev, i, color);
	tap_summary(out.fp, ev);
	return output_commit(&out, err);
}

enum { K_N, K_OK, K_CHECK, K_GOT, K_WHY, K_UNCERTAIN, K_P, K_COUNT };

/* With ranges, "got" has its ends and "uncertain" says which checks held
 * over part of the range only ("ok" is then how --uncertain counts it). */
static const struct table_col RESULT_COLS[K_COUNT] = {
	{ "n", CT_INT, false },	     { "ok", CT_BOOL, false },
	{ "check", CT_TEXT, false }, { "got", CT_FIGURE, false },
	{ "why", CT_TEXT, false },   { "uncertain", CT_BOOL, false },
	{ "p", CT_RATIO, false },
};
static const struct table_col RANGE_RESULT_COLS[K_COUNT] = {
	{ "n", CT_INT, false },	     { "ok", CT_BOOL, false },
	{ "check", CT_TEXT, false }, { "got", CT_FIGURE, true },
	{ "why", CT_TEXT, false },   { "uncertain", CT_BOOL, false },
	{ "p", CT_RATIO, false },
};

static enum gc_status result_rows(void *ctx, struct printer *p,
				  struct gc_error *err)
{
	const struct evaluated *ev = ctx;
	size_t i;

	for (i = 0; i < ev->checks->n; i++) {
		const struct check_result *r = &ev->results[i];
		struct cell c[K_COUNT] = { { NULL, NAN, false, NAN, NAN } };

		c[K_N].num = (double)(i + 1);
		c[K_OK].num = !counts_failed(ev, r);
		c[K_CHECK].text = ev->checks->items[i].text;
		c[K_GOT].num = r->got;
		c[K_GOT].lo = isinf(r->lo) ? NAN : r->lo;
		c[K_GOT].hi = isinf(r->hi) ? NAN : r->hi;
		c[K_WHY].text = r->why;
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
	/* a ledger without ranges: the columns it always had */
	return cli_print(r, RESULT_COLS, K_UNCERTAIN, result_rows, (void *)ev,
			 err);
}

/* check's formats: TAP (the default: what CI reads), then the results as
 * rows of a table. A new format is a row here. */
static const struct check_format {
	const char *name;
	enum gc_status (*write)(const struct cli_request *r,
				const struct evaluated *ev,
				struct gc_error *err);
} CHECK_FORMATS[] = {
	{ "tap", write_tap },	  { "json", write_rows },
	{ "csv", write_rows },	  { "tsv", write_rows },
	{ "ndjson", write_rows }, { "markdown", write_rows },
};

#define NCHECK_FORMATS (sizeof CHECK_FORMATS / sizeof CHECK_FORMATS[0])

const char *check_format_name(size_t i)
{
	return i < NCHECK_FORMATS ? CHECK_FORMATS[i].name : NULL;
}

/* The format named (the CLI checked the name); TAP for any other. */
static const struct check_format *check_format(const char *name)
{
	size_t i;

	for (i = 0; i < NCHECK_FORMATS; i++)
		if (strcasecmp(CHECK_FORMATS[i].name, name) == 0)
			return &CHECK_FORMATS[i];
	return &CHECK_FORMATS[0];
}

static enum gc_status evaluate(const struct cli_request *r,
			       const struct check_list *checks,
			       const struct series *s, struct gc_error *err)
{
	struct evaluated ev = { checks,
				calloc(checks->n + 1, sizeof *ev.results),
				0,
				0,
				r->o->uncertain,
				s->low != NULL,
				s->draws != NULL };
	struct check_index ix;
	enum gc_status st;
	size_t i, counted = 0;

	if (ev.results == NULL)
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	st = check_index_init(&ix, s, err);
	if (st != GC_OK) {
		free(ev.results);
		return st;
	}
	ix.confidence = r->o->confidence;
	for (i = 0; i < checks->n; i++) {
		const struct check_result *r = &ev.results[i];

		check_eval_in(&checks->items[i], &ix, &ev.results[i]);
		ev.uncertain += r->uncertain;
		ev.failed += !r->ok && !r->uncertain;
		counted += counts_failed(&ev, r);
	}
	check_index_free(&ix);
	st = check_format(r->format)->write(r, &ev, err);
	free(ev.results);
	if (st == GC_OK && counted > 0)
		st = GC_CHECK_FAILED;
	return st;
}

enum gc_status cmd_check(const struct options *o, struct gc_error *err)
{
	struct check_list checks = { NULL, 0, 0 };
	struct cli_request r;
	struct cli_ledger l;
	struct series s = { 0 };
	enum gc_status st = gather(o, &checks, err);

	if (st != GC_OK) {
		check_list_free(&checks);
		return st;
	}
	/* the series the checks read: the ledger's, projected if asked,
	 * with the sum of all orgs for checks without an org, every
	 * quarter of it */
	cli_request_init(&r, o);
	r.total = true;
	r.project = o->has_project_to;
	r.project_to = o->project_to;
	r.from = r.to = false;
	st = cli_ledger_load(&r, &l, err);
	if (st == GC_OK)
		st = cli_series(&r, &l, &s, NULL, err);
	if (st == GC_OK)
		st = evaluate(&r, &checks, &s, err);
	if (st == GC_OK || st == GC_CHECK_FAILED)
		cli_ledger_summary(&l);
	series_free(&s);
	cli_ledger_free(&l);
	check_list_free(&checks);
	return st;
}
