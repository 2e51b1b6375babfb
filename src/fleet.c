#include "gpucap/fleet.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gpucap/quarter.h"
#include "util.h"

/* Models resolved once per distinct spelling: lookups are per row. */
#define MODEL_CACHE_MAX 256

/* One org's figures in one quarter, as the ledger gave them. */
struct qcell {
	double units, added, retired, spend, watts;
	double reported; /* NaN when no level was observed */
	long reported_line;
};

struct fleet_org {
	char *name; /* as first written */
	int first;  /* quarter of cells[0] */
	struct qcell *cells;
	size_t n;
	bool has_units;	    /* some row counted accelerators */
	bool has_spend;	    /* some row gave money */
	bool power_unknown; /* some model lacks a TDP */
};

struct model_ref {
	char *spelling;
	const struct accel *accel;
};

void fleet_opts_init(struct fleet_opts *o, const struct catalog *cat)
{
	memset(o, 0, sizeof *o);
	o->catalog = cat;
	o->metric = METRIC_BF16;
	o->baseline = "H100-SXM";
	o->usd_per_h100e = NAN;
	o->overhead = 1.0;
	o->pue = 1.0;
}

bool fleet_factor(const struct fleet *f, const struct accel *a, double *factor)
{
	double v = accel_metric(a, f->opts.metric);

	if (isnan(v))
		return false;
	*factor = v / f->baseline_value;
	return true;
}

enum gc_status fleet_init(struct fleet *f, const struct fleet_opts *o,
			  struct gc_error *err)
{
	memset(f, 0, sizeof *f);
	f->opts = *o;
	f->empty = true;
	f->baseline = catalog_find(o->catalog, o->baseline);
	if (f->baseline == NULL)
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "unknown baseline model '%s'", o->baseline);
	f->baseline_value = accel_metric(f->baseline, o->metric);
	if (isnan(f->baseline_value))
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "baseline '%s' has no %s figure in the catalog",
			       f->baseline->id, metric_name(o->metric));
	return GC_OK;
}

void fleet_free(struct fleet *f)
{
	size_t i;

	for (i = 0; i < f->norgs; i++) {
		free(f->orgs[i].name);
		free(f->orgs[i].cells);
	}
	for (i = 0; i < f->nmodels; i++)
		free(f->models[i].spelling);
	free(f->orgs);
	free(f->models);
	memset(f, 0, sizeof *f);
}

static enum gc_status oom(const struct ledger_row *row, struct gc_error *err)
{
	return gc_fail(err, GC_IO, row->file, row->line, 0, "out of memory");
}

static struct fleet_org *find_org(struct fleet *f, const struct ledger_row *row,
				  struct gc_error *err)
{
	struct fleet_org *o;
	size_t i;

	for (i = 0; i < f->norgs; i++)
		if (strcasecmp(f->orgs[i].name, row->org) == 0)
			return &f->orgs[i];
	if (!util_grow((void **)&f->orgs, &f->orgs_cap, f->norgs + 1,
		       sizeof *o)) {
		oom(row, err);
		return NULL;
	}
	o = &f->orgs[f->norgs];
	memset(o, 0, sizeof *o);
	o->name = strdup(row->org);
	if (o->name == NULL) {
		oom(row, err);
		return NULL;
	}
	o->first = row->quarter;
	f->norgs++;
	return o;
}

static void clear_cells(struct qcell *c, size_t n)
{
	size_t i;

	memset(c, 0, n * sizeof *c);
	for (i = 0; i < n; i++)
		c[i].reported = NAN;
}

/* The org's cell for quarter q, growing its span on either side. */
static struct qcell *org_cell(struct fleet_org *o, int q)
{
	int last = o->first + (int)o->n - 1;
	int lo = o->n == 0 || q < o->first ? q : o->first;
	int hi = o->n == 0 || q > last ? q : last;
	size_t n = (size_t)(hi - lo + 1);
	size_t front = (size_t)(o->n == 0 ? 0 : o->first - lo);
	struct qcell *c;

	if (n != o->n) {
		c = realloc(o->cells, n * sizeof *c);
		if (c == NULL)
			return NULL;
		if (front > 0)
			memmove(c + front, c, o->n * sizeof *c);
		clear_cells(c, front);
		clear_cells(c + front + o->n, n - front - o->n);
		o->cells = c;
		o->n = n;
		o->first = lo;
	}
	return &o->cells[q - o->first];
}

static enum gc_status check_span(struct fleet *f, const struct ledger_row *row,
				 struct gc_error *err)
{
	int first =
		f->empty || row->quarter < f->first ? row->quarter : f->first;
	int last = f->empty || row->quarter > f->last ? row->quarter : f->last;
	char a[QUARTER_FMT_MAX], b[QUARTER_FMT_MAX];

	if (last - first + 1 > FLEET_SPAN_MAX)
		return gc_fail(err, GC_DATA, row->file, row->line,
			       row->col[LC_QUARTER],
			       "quarter: the ledger would span %s to %s, over "
			       "the limit of %d quarters",
			       quarter_format(first, a),
			       quarter_format(last, b), FLEET_SPAN_MAX);
	f->first = first;
	f->last = last;
	f->empty = false;
	return GC_OK;
}

static enum gc_status find_model(struct fleet *f, const struct ledger_row *row,
				 const struct accel **out, struct gc_error *err)
{
	struct model_ref *m;
	size_t i;

	for (i = 0; i < f->nmodels; i++) {
		if (strcmp(f->models[i].spelling, row->model) == 0) {
			*out = f->models[i].accel;
			return GC_OK;
		}
	}
	*out = catalog_require(f->opts.catalog, row->model, GC_DATA, err);
	if (*out == NULL) {
		err->file = row->file;
		err->line = row->line;
		err->col = row->col[LC_MODEL];
		return GC_DATA;
	}
	if (f->nmodels >= MODEL_CACHE_MAX ||
	    !util_grow((void **)&f->models, &f->models_cap, f->nmodels + 1,
		       sizeof *m))
		return GC_OK;
	m = &f->models[f->nmodels];
	m->spelling = strdup(row->model);
	m->accel = *out;
	if (m->spelling != NULL)
		f->nmodels++;
	return GC_OK;
}

static void warn_no_tdp(struct fleet *f, struct fleet_org *o,
			const struct ledger_row *row, const struct accel *a)
{
	struct gc_error w;

	o->power_unknown = true;
	if (f->opts.warn == NULL)
		return;
	gc_fail(&w, GC_OK, row->file, row->line, row->col[LC_MODEL],
		"%s has no tdp_w in the catalog, so power_mw of '%s' is "
		"unknown",
		a->id, o->name);
	f->opts.warn(f->opts.warn_ctx, &w);
}

/* Units bought (or retired, when negative) and their H100e. */
static enum gc_status add_buy(struct fleet *f, struct fleet_org *o,
			      struct qcell *c, const struct ledger_row *row,
			      struct gc_error *err)
{
	const struct accel *a;
	double factor, units = row->units, h;
	enum gc_status st = find_model(f, row, &a, err);

	if (st != GC_OK)
		return st;
	if (!fleet_factor(f, a, &factor))
		return gc_fail(err, GC_DATA, row->file, row->line,
			       row->col[LC_MODEL],
			       "model '%s' has no %s figure in the catalog "
			       "(try another --metric)",
			       a->id, metric_name(f->opts.metric));
	if (isnan(units) && isnan(a->fig[FIG_PRICE_USD]))
		return gc_fail(err, GC_DATA, row->file, row->line,
			       row->col[LC_SPEND],
			       "spend_usd: model '%s' has no price_usd in the "
			       "catalog to turn money into units; give units",
			       a->id);
	if (isnan(units))
		units = row->spend / a->fig[FIG_PRICE_USD];
	h = units * factor;
	if (h >= 0)
		c->added += h;
	else
		c->retired -= h;
	c->units += units;
	o->has_units = true;
	if (isnan(a->fig[FIG_TDP_W]) && !o->power_unknown)
		warn_no_tdp(f, o, row, a);
	else if (!isnan(a->fig[FIG_TDP_W]))
		c->watts += units * a->fig[FIG_TDP_W];
	return GC_OK;
}

static void add_capacity(struct qcell *c, double h)
{
	if (h >= 0)
		c->added += h;
	else
		c->retired -= h;
}

static enum gc_status add_spend(const struct fleet *f, struct qcell *c,
				const struct ledger_row *row,
				struct gc_error *err)
{
	double price = f->opts.usd_per_h100e;

	if (isnan(price))
		price = f->baseline->fig[FIG_PRICE_USD];
	if (isnan(price))
		return gc_fail(err, GC_DATA, row->file, row->line,
			       row->col[LC_SPEND],
			       "spend_usd: no price per H100e (the baseline "
			       "'%s' has no price_usd); give --usd-per-h100e",
			       f->baseline->id);
	c->added += row->spend / price;
	return GC_OK;
}

static enum gc_status add_level(struct qcell *c, const struct ledger_row *row,
				struct gc_error *err)
{
	if (!isnan(c->reported) && c->reported != row->total)
		return gc_fail(
			err, GC_DATA, row->file, row->line, row->col[LC_TOTAL],
			"total_h100e: a different level for the same org "
			"and quarter is on line %ld",
			c->reported_line);
	c->reported = row->total;
	c->reported_line = row->line;
	return GC_OK;
}

enum gc_status fleet_add(const struct ledger_row *row, void *ctx,
			 struct gc_error *err)
{
	struct fleet *f = ctx;
	struct fleet_org *o;
	struct qcell *c;
	enum gc_status st = check_span(f, row, err);

	if (st != GC_OK)
		return st;
	o = find_org(f, row, err);
	if (o == NULL)
		return GC_IO;
	c = org_cell(o, row->quarter);
	if (c == NULL)
		return oom(row, err);
	if (!isnan(row->spend)) {
		c->spend += row->spend;
		o->has_spend = true;
	}
	switch (row->kind) {
	case ROW_BUY:
		return add_buy(f, o, c, row, err);
	case ROW_CAPACITY:
		add_capacity(c, row->h100e);
		return GC_OK;
	case ROW_SPEND:
		return add_spend(f, c, row, err);
	case ROW_TOTAL:
		return add_level(c, row, err);
	}
	return GC_OK;
}

/* ---- the series ---- */

double growth_pct(double now, double before)
{
	if (isnan(now) || isnan(before) || !(before > 0))
		return NAN;
	return (now / before - 1.0) * 100.0;
}

static int cmp_org(const void *a, const void *b)
{
	const struct fleet_org *x = *(const struct fleet_org *const *)a;
	const struct fleet_org *y = *(const struct fleet_org *const *)b;

	return strcasecmp(x->name, y->name);
}

/* The running totals carried from one quarter to the next. */
struct running {
	double units, h100e, cum_spend, watts;
};

static void fill_row(const struct fleet *f, const struct fleet_org *o,
		     const struct qcell *c, struct running *run,
		     struct series_row *r)
{
	double computed;

	run->units += c->units;
	run->watts += c->watts;
	run->cum_spend += c->spend;
	computed = run->h100e + c->added - c->retired;
	r->org = o->name;
	r->units = o->has_units ? run->units : NAN;
	r->added = c->added;
	r->retired = c->retired;
	r->reported = c->reported;
	r->gap = c->reported - computed; /* NaN without an observation */
	run->h100e = isnan(c->reported) ? computed : c->reported;
	r->h100e = run->h100e;
	/* Money nobody reported is unknown, not zero. */
	r->spend = o->has_spend ? c->spend : NAN;
	r->cum_spend = o->has_spend ? run->cum_spend : NAN;
	r->usd_per_h100e =
		c->spend > 0 && c->added > 0 ? c->spend / c->added : NAN;
	r->power_mw =
		o->has_units && !o->power_unknown
			? run->watts * f->opts.overhead * f->opts.pue / 1e6
			: NAN;
}

/* Level of the org at quarter q, from rows already filled; NaN before the
 * org's first quarter. */
static double level_at(const struct series_row *base, int first, int q)
{
	return q < first ? NAN : base[q - first].h100e;
}

static void fill_org(const struct fleet *f, const struct fleet_org *o,
		     struct series_row *base)
{
	struct running run = { 0, 0, 0, 0 };
	static const struct qcell EMPTY = { 0, 0, 0, 0, 0, NAN, 0 };
	int q;

	for (q = o->first; q <= f->last; q++) {
		struct series_row *r = &base[q - o->first];
		size_t i = (size_t)(q - o->first);

		fill_row(f, o, i < o->n ? &o->cells[i] : &EMPTY, &run, r);
		r->quarter = q;
		r->qoq = growth_pct(r->h100e, level_at(base, o->first, q - 1));
		r->yoy = growth_pct(r->h100e, level_at(base, o->first, q - 4));
		r->ytd = growth_pct(
			r->h100e,
			level_at(base, o->first,
				 quarter_make(quarter_year(q) - 1, 4)));
	}
}

enum gc_status fleet_series(const struct fleet *f, struct series *out,
			    struct gc_error *err)
{
	const struct fleet_org **order;
	size_t i, n = 0;

	memset(out, 0, sizeof *out);
	if (f->norgs == 0)
		return GC_OK;
	order = malloc(f->norgs * sizeof *order);
	for (i = 0; order != NULL && i < f->norgs; i++) {
		order[i] = &f->orgs[i];
		n += (size_t)(f->last - f->orgs[i].first + 1);
	}
	out->rows = order ? calloc(n, sizeof *out->rows) : NULL;
	if (out->rows == NULL) {
		free(order);
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	}
	qsort(order, f->norgs, sizeof *order, cmp_org);
	for (i = 0; i < f->norgs; i++) {
		fill_org(f, order[i], out->rows + out->n);
		out->n += (size_t)(f->last - order[i]->first + 1);
	}
	free(order);
	return GC_OK;
}

void series_free(struct series *s)
{
	free(s->rows);
	memset(s, 0, sizeof *s);
}
