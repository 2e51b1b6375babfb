/* Checks judged on a series (check.h): a quarter's or a year's figure, a
 * span's every quarter, over bounds or draws; and the index that finds
 * an org's rows for many checks. The grammar is check.c's. */
#include "gpucap/check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gpucap/quarter.h"
#include "util.h"

/* ---- evaluation ---- */

/* The org's rows: contiguous in the series, one a quarter. */
struct org_rows {
	const struct series_row *rows;
	size_t n;
};

/* Whether row r is one the check reads: a check without an org reads the
 * rows of the sum (marked total, never found by name, so an org named
 * like SERIES_TOTAL_ORG stays an org), one with an org that org's rows. */
static bool reads_row(const struct check *c, const struct series_row *r)
{
	if (!c->has_org)
		return r->total;
	return !r->total && strcasecmp(r->org, c->org) == 0;
}

static bool find_org(const struct series *s, const struct check *c,
		     struct org_rows *out)
{
	struct series_org o = { 0, 0 };

	while (series_next_org(s, &o)) {
		if (!reads_row(c, &s->rows[o.at]))
			continue;
		out->rows = &s->rows[o.at];
		out->n = o.n;
		return true;
	}
	return false;
}

static const struct series_row *at_quarter(const struct org_rows *o, int q)
{
	return series_at(o->rows, o->n, q);
}

/* The columns worked out from a quarter's flow or level over the
 * quarter (SPEC 4.6): a year of them is the sum of its quarters'. */
static bool derived_flow(enum report_col c)
{
	return c == RC_H100E_YEARS || c == RC_ENERGY_MWH || c == RC_CO2_T ||
	       c == RC_ENERGY_USD;
}

static bool flow_column(enum report_col c)
{
	return c == RC_ADDED || c == RC_RETIRED || c == RC_SPEND ||
	       c == RC_DEPRECIATION || c == RC_COST || derived_flow(c);
}

/* A year of a derived flow: the sum over the quarters rows[0, n) has of
 * it (NaN when it has none). */
static double year_sum(const struct series *s, const struct series_row *rows,
		       size_t n, int year, enum report_col c)
{
	double sum = 0;
	int q, found = 0;

	for (q = 1; q <= 4; q++) {
		const struct series_row *r =
			series_at(rows, n, quarter_make(year, q));

		if (r != NULL) {
			sum += report_value(s, r, c);
			found++;
		}
	}
	return found ? sum : NAN;
}

static void no_row(const struct org_rows *o, const char *when,
		   struct check_result *out)
{
	char a[QUARTER_FMT_MAX], b[QUARTER_FMT_MAX];

	snprintf(out->why, sizeof out->why,
		 "no row for '%s' in %s; its series runs %s to %s",
		 o->rows[0].org, when, quarter_format(o->rows[0].quarter, a),
		 quarter_format(o->rows[o->n - 1].quarter, b));
}

/* The same org's rows in another array of the series (its low or high
 * ends), row for row. */
static struct org_rows rows_in(const struct series *s,
			       const struct series_row *other,
			       const struct org_rows *o)
{
	struct org_rows r = { other + (o->rows - s->rows), o->n };

	return r;
}

/* What the figure read from row r owes to a projection. */
static void mark_row(const struct series_row *r, struct check_result *out)
{
	if (!r->projected)
		return;
	out->projected++;
	out->fit_quarters = r->fit_quarters;
}

/* The year's rows of o the figure reads (a level its Q4 only): how many
 * there are, how many are projected, and whether the figure is the
 * ledger's own (a sum of flows is when every quarter's is: a year of
 * entered spend checks the input, not gpucap). */
static void mark_year(const struct check *c, const struct org_rows *o, int year,
		      struct check_result *out)
{
	bool sums = flow_column(c->column) || c->column == RC_USD_PER_H100E;
	bool entered = true, found = false;
	int q;

	out->quarters = 0;
	for (q = sums ? 1 : 4; q <= 4; q++) {
		const struct series_row *r =
			at_quarter(o, quarter_make(year, q));

		if (r == NULL)
			continue;
		found = true;
		out->quarters += sums;
		entered = entered && report_entered(r, c->column);
		out->input = found && entered;
		mark_row(r, out);
	}
}

/* A year: its flows summed, usd_per_h100e as their ratio, any other
 * column at its Q4 (series_year). With ranges, the year's ends too; the
 * ratio's low end is the low spend over the high additions. */
static bool year_value(const struct check *c, const struct series *s,
		       const struct org_rows *o, struct check_result *out)
{
	struct series_row year, lo, hi;
	struct org_rows lo_rows, hi_rows;
	char when[16];
	int found = series_year(o->rows, o->n, c->period, &year);

	snprintf(when, sizeof when, "%d", c->period);
	if (found == 0 ||
	    (at_quarter(o, quarter_make(c->period, 4)) == NULL &&
	     !flow_column(c->column) && c->column != RC_USD_PER_H100E &&
	     c->column != RC_USD_PER_H100E_HOUR)) {
		no_row(o, found ? strcat(when, "Q4") : when, out);
		return false;
	}
	out->got = derived_flow(c->column)
			   ? year_sum(s, o->rows, o->n, c->period, c->column)
			   : report_value(s, &year, c->column);
	mark_year(c, o, c->period, out);
	if (s->low == NULL)
		return true;
	lo_rows = rows_in(s, s->low, o);
	hi_rows = rows_in(s, s->high, o);
	series_year(lo_rows.rows, lo_rows.n, c->period, &lo);
	series_year(hi_rows.rows, hi_rows.n, c->period, &hi);
	series_year_bound(&lo, &hi);
	if (derived_flow(c->column)) {
		out->lo = year_sum(s, lo_rows.rows, lo_rows.n, c->period,
				   c->column);
		out->hi = year_sum(s, hi_rows.rows, hi_rows.n, c->period,
				   c->column);
	} else {
		report_ends(s, &lo, &hi, c->column, &out->lo, &out->hi);
	}
	return true;
}

static void no_org(const struct check *c, struct check_result *out)
{
	if (!c->has_org)
		snprintf(out->why, sizeof out->why,
			 "no sum of all orgs: the ledger has no org");
	else if (strcasecmp(c->org, SERIES_TOTAL_ORG) == 0)
		snprintf(out->why, sizeof out->why,
			 "no org '%s' in the ledger (a check without an org "
			 "reads the sum of all orgs)",
			 c->org);
	else
		snprintf(out->why, sizeof out->why, "no org '%s' in the ledger",
			 c->org);
}

/* The check's figure from o, the rows it reads (NULL: none found). */
static bool lookup(const struct check *c, const struct series *s,
		   const struct org_rows *o, struct check_result *out)
{
	const struct series_row *r;
	char when[QUARTER_FMT_MAX];

	if (o == NULL) {
		no_org(c, out);
		return false;
	}
	if (c->is_year)
		return year_value(c, s, o, out);
	r = at_quarter(o, c->period);
	if (r == NULL) {
		no_row(o, quarter_format(c->period, when), out);
		return false;
	}
	out->got = report_value(s, r, c->column);
	out->input = report_entered(r, c->column);
	mark_row(r, out);
	if (s->low != NULL) {
		report_ends(s, &s->low[r - s->rows], &s->high[r - s->rows],
			    c->column, &out->lo, &out->hi);
	}
	return true;
}

/* What == allows: the figures are sums and ratios of binary fractions,
 * which miss the decimal a person writes by some units in the last
 * place. */
static double slack(double a, double b)
{
	return fmax(CHECK_EQ_REL * fmax(fabs(a), fabs(b)), CHECK_EQ_ABS);
}

bool check_equal(double a, double b)
{
	if (!isfinite(a) || !isfinite(b))
		return a == b;
	return fabs(a - b) <= slack(a, b);
}

/* The operators on a finite got. The orderings agree with ==: a figure
 * equal to the value is neither below nor above it. */
static bool holds(const struct check *c, double got)
{
	double v = c->value;
	double tol =
		c->tol_relative ? fabs(v) * c->tolerance / 100 : c->tolerance;

	switch (c->op) {
	case OP_LT:
		return got < v && !check_equal(got, v);
	case OP_LE:
		return got <= v || check_equal(got, v);
	case OP_GT:
		return got > v && !check_equal(got, v);
	case OP_GE:
		return got >= v || check_equal(got, v);
	case OP_EQ:
		return check_equal(got, v);
	case OP_NE:
		return !check_equal(got, v);
	case OP_APPROX:
		/* exactly on the edge of the tolerance holds, whatever the
		 * last bits of the arithmetic that led there */
		return isfinite(got) && fabs(got - v) <= tol + slack(got, v);
	}
	return false;
}

/* Whether the check holds over the whole of [lo, hi] (ok), nowhere (not
 * ok), or in part (uncertain). Every operator's set of values that hold
 * is an interval or, for !=, all but a point (and what equals it): it
 * holds everywhere when it holds at both ends (and, for !=, the point is
 * outside), nowhere when it fails at both ends and the interval does not
 * reach over what holds. */
static void judge_range(const struct check *c, double lo, double hi,
			struct check_result *out)
{
	bool at_lo = holds(c, lo), at_hi = holds(c, hi);
	bool covers = (lo <= c->value || check_equal(lo, c->value)) &&
		      (c->value <= hi || check_equal(hi, c->value));

	if (c->op == OP_NE) {
		out->ok = !covers;
		out->uncertain = covers && (at_lo || at_hi);
		return;
	}
	out->ok = at_lo && at_hi;
	out->uncertain = !out->ok &&
			 (at_lo || at_hi ||
			  ((c->op == OP_EQ || c->op == OP_APPROX) && covers));
}

/* The check's figure in one draw: o's rows, as they are in that draw's
 * lane; NaN when it has none. */
static double draw_value(const struct check *c, const struct series *s,
			 const struct org_rows *o, size_t k)
{
	const struct series_row *rows = s->draws->lane[k] + (o->rows - s->rows);
	const struct series_row *r;
	struct series_row year;

	if (c->is_year && derived_flow(c->column))
		return year_sum(s, rows, o->n, c->period, c->column);
	if (c->is_year) {
		series_year(rows, o->n, c->period, &year);
		return report_value(s, &year, c->column);
	}
	r = series_at(rows, o->n, c->period);
	return r != NULL ? report_value(s, r, c->column) : NAN;
}

/* With samples: the share of draws in which the check holds (a draw
 * whose figure is undefined holds nothing), judged against the
 * confidence. */
static void judge_draws(const struct check *c, const struct series *s,
			const struct org_rows *o, double confidence,
			struct check_result *out)
{
	size_t k, held = 0;

	for (k = 0; k < s->draws->k; k++) {
		double x = draw_value(c, s, o, k);

		held += isfinite(x) && holds(c, x);
	}
	out->p = (double)held / (double)s->draws->k;
	out->ok = out->p >= confidence;
	out->uncertain = !out->ok && out->p > 1 - confidence;
}

/* The check judged on o, its rows in s (NULL: none). */
static void eval_rows(const struct check *c, const struct series *s,
		      const struct org_rows *o, double confidence,
		      struct check_result *out)
{
	memset(out, 0, sizeof *out);
	out->got = out->lo = out->hi = out->p = NAN;
	if (!lookup(c, s, o, out))
		return;
	if (isnan(out->got)) {
		snprintf(out->why, sizeof out->why, "%s is undefined there",
			 REPORT_COLS[c->column].name);
		return;
	}
	/* A figure too big to compute (growth from 1e-300) is no figure:
	 * no check holds on it, whatever the operator says of infinity. */
	if (isinf(out->got)) {
		out->got = out->lo = out->hi = NAN;
		snprintf(out->why, sizeof out->why,
			 "%s is undefined there: not a finite number",
			 REPORT_COLS[c->column].name);
		return;
	}
	if (s->low == NULL) {
		out->ok = holds(c, out->got);
		return;
	}
	if (s->draws != NULL) {
		judge_draws(c, s, o, confidence, out);
		return;
	}
	/* An end with no bound (growth from zero) or none that can be
	 * computed reaches to infinity on its side: it widens the range,
	 * which only ever makes a check less certain. */
	if (!isfinite(out->lo))
		out->lo = -INFINITY;
	if (!isfinite(out->hi))
		out->hi = INFINITY;
	judge_range(c, out->lo, out->hi, out);
}

/* ---- spans ---- */

/* Whether the span lies within the org's series; why says where not. */
static bool span_inside(const struct check *c, const struct org_rows *o,
			struct check_result *out)
{
	char a[QUARTER_FMT_MAX], b[QUARTER_FMT_MAX], q[QUARTER_FMT_MAX];
	int first = o->rows[0].quarter, last = o->rows[o->n - 1].quarter;

	quarter_format(first, a);
	quarter_format(last, b);
	if (c->period < first)
		snprintf(out->why, sizeof out->why,
			 "the span starts before the series of '%s', which "
			 "runs %s to %s",
			 o->rows[0].org, a, b);
	else if (c->period_end > last)
		snprintf(out->why, sizeof out->why,
			 "the span runs past the series of '%s', which ends "
			 "in %s (project it with --project-to %s)",
			 o->rows[0].org, b, quarter_format(c->period_end, q));
	else
		return true;
	out->span_error = true;
	return false;
}

/* Whether result a is nearer to breaking the check than b: for < and <=
 * the greater figure, for > and >= the smaller, otherwise the later. */
static bool nearer(const struct check *c, const struct check_result *a,
		   const struct check_result *b)
{
	if (c->op == OP_LT || c->op == OP_LE)
		return a->got >= b->got;
	if (c->op == OP_GT || c->op == OP_GE)
		return a->got <= b->got;
	return true;
}

/* With samples: the share of draws in which the check holds in every
 * quarter of the span. */
static double span_draws(const struct check *c, const struct series *s,
			 const struct org_rows *o)
{
	struct check one = *c;
	size_t k, held = 0;
	int q;

	one.is_span = false;
	for (k = 0; k < s->draws->k; k++) {
		bool all = true;

		for (q = c->period; q <= c->period_end && all; q++) {
			double x;

			one.period = q;
			x = draw_value(&one, s, o, k);
			all = isfinite(x) && holds(&one, x);
		}
		held += all;
	}
	return (double)held / (double)s->draws->k;
}

/* The quarter a span's result shows: the first that fails, else the
 * first uncertain one, else the one nearest to failing; its result in
 * out, the projected quarters of the whole span counted. */
static void span_pick(const struct check *c, const struct series *s,
		      const struct org_rows *o, double confidence,
		      struct check_result *out)
{
	struct check one = *c;
	struct check_result r, best;
	int q, projected = 0, fit = 0, rank, best_rank = -1;

	one.is_span = false;
	for (q = c->period; q <= c->period_end; q++) {
		one.period = q;
		eval_rows(&one, s, o, confidence, &r);
		projected += r.projected;
		fit = r.projected > 0 ? r.fit_quarters : fit;
		/* 2: fails, 1: uncertain, 0: holds */
		rank = !r.ok && !r.uncertain ? 2 : r.uncertain ? 1 : 0;
		if (rank > best_rank ||
		    (rank == best_rank && rank == 0 && nearer(c, &r, &best))) {
			best = r;
			best.at = q;
			best_rank = rank;
		}
	}
	*out = best;
	out->projected = projected;
	out->fit_quarters = fit;
	out->quarters = c->period_end - c->period + 1;
}

/* A span holds when it holds in every quarter; with samples, P is the
 * share of draws in which it does. */
static void eval_span(const struct check *c, const struct series *s,
		      const struct org_rows *o, double confidence,
		      struct check_result *out)
{
	memset(out, 0, sizeof *out);
	out->got = out->lo = out->hi = out->p = NAN;
	if (o == NULL) {
		no_org(c, out);
		return;
	}
	if (!span_inside(c, o, out))
		return;
	span_pick(c, s, o, confidence, out);
	if (s->draws != NULL && !isnan(out->got)) {
		out->p = span_draws(c, s, o);
		out->ok = out->p >= confidence;
		out->uncertain = !out->ok && out->p > 1 - confidence;
	}
}

static void eval_check(const struct check *c, const struct series *s,
		       const struct org_rows *o, double confidence,
		       struct check_result *out)
{
	if (c->is_span)
		eval_span(c, s, o, confidence, out);
	else
		eval_rows(c, s, o, confidence, out);
}

void check_eval(const struct check *c, const struct series *s,
		struct check_result *out)
{
	struct org_rows o;

	eval_check(c, s, find_org(s, c, &o) ? &o : NULL,
		   CHECK_CONFIDENCE_DEFAULT, out);
}

/* ---- many checks ---- */

/* The rows of one org (or of the total) in a series. */
struct check_block {
	const char *org;
	bool total;
	size_t start, n;
};

/* Org rows before the total's, by name in any case, then as they come in
 * the series: the order check_eval finds them in. */
static int block_cmp(const void *a, const void *b)
{
	const struct check_block *x = a, *y = b;
	int d = (int)x->total - (int)y->total;

	if (d == 0 && !x->total)
		d = strcasecmp(x->org, y->org);
	if (d == 0)
		d = (x->start > y->start) - (x->start < y->start);
	return d;
}

enum gc_status check_index_init(struct check_index *ix, const struct series *s,
				struct gc_error *err)
{
	struct series_org o = { 0, 0 };
	size_t cap = 0;

	memset(ix, 0, sizeof *ix);
	ix->s = s;
	ix->confidence = CHECK_CONFIDENCE_DEFAULT;
	while (series_next_org(s, &o)) {
		if (!util_grow((void **)&ix->blocks, &cap, ix->n + 1,
			       sizeof *ix->blocks)) {
			check_index_free(ix);
			return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
		}
		ix->blocks[ix->n].org = s->rows[o.at].org;
		ix->blocks[ix->n].total = s->rows[o.at].total;
		ix->blocks[ix->n].start = o.at;
		ix->blocks[ix->n].n = o.n;
		ix->n++;
	}
	qsort(ix->blocks, ix->n, sizeof *ix->blocks, block_cmp);
	return GC_OK;
}

void check_index_free(struct check_index *ix)
{
	free(ix->blocks);
	ix->blocks = NULL;
	ix->n = 0;
}

/* How the block at b stands to what c reads: <0 before it, >0 after. */
static int key_cmp(const struct check *c, const struct check_block *b)
{
	int d = (int)!c->has_org - (int)b->total;

	return d != 0 || !c->has_org ? d : strcasecmp(c->org, b->org);
}

/* The first block c reads, by bisection, or NULL. */
static const struct check_block *index_find(const struct check *c,
					    const struct check_index *ix)
{
	size_t lo = 0, hi = ix->n;

	/* the first block not before the key */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (key_cmp(c, &ix->blocks[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == ix->n || key_cmp(c, &ix->blocks[lo]) != 0)
		return NULL;
	return &ix->blocks[lo];
}

void check_eval_in(const struct check *c, const struct check_index *ix,
		   struct check_result *out)
{
	const struct check_block *b = index_find(c, ix);
	struct org_rows o;

	if (b != NULL) {
		o.rows = &ix->s->rows[b->start];
		o.n = b->n;
	}
	eval_check(c, ix->s, b != NULL ? &o : NULL, ix->confidence, out);
}
