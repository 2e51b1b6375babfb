#include "gpucap/fleet.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gpucap/config.h"
#include "gpucap/price.h"
#include "gpucap/quantity.h"
#include "gpucap/quarter.h"
#include "fleet_impl.h"
#include "util.h"

/* Models resolved once per distinct spelling (lookups are per row), found
 * again through a hash table twice the cache's size. */
#define MODEL_CACHE_MAX	 256
#define MODEL_INDEX_SIZE 512

void fleet_opts_init(struct fleet_opts *o, const struct catalog *cat)
{
	memset(o, 0, sizeof *o);
	o->catalog = cat;
	o->metric = CONFIG_METRIC;
	o->baseline = CONFIG_BASELINE;
	o->overhead = CONFIG_OVERHEAD;
	o->pue = CONFIG_PUE;
	o->rates.mfu = CONFIG_MFU;
	o->rates.run_days = CONFIG_RUN_DAYS;
	o->rates.load = CONFIG_LOAD;
	o->rates.grid_gco2 = NAN;
	o->rates.usd_per_kwh = CONFIG_USD_PER_KWH;
	o->rates.depreciation_quarters = CONFIG_DEPRECIATION_YEARS * 4;
	o->rates.flop_per_h100e = NAN;
}

/* ---- accumulating rows ---- */

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
	/* Nothing is allocated until the options are known good, so a
	 * failed init needs no fleet_free. */
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
	f->org_seen = calloc(o->norgs + 1, sizeof *f->org_seen);
	f->org_near = calloc(o->norgs + 1, sizeof *f->org_near);
	if (f->org_seen == NULL || f->org_near == NULL) {
		free(f->org_seen);
		free(f->org_near);
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	}
	return GC_OK;
}

static void org_free(struct fleet_org *o)
{
	size_t i;

	free(o->deltas);
	for (i = 0; i < o->nflows; i++) {
		free(o->flows[i].cells);
		free(o->flows[i].notes);
	}
	free(o->flows);
	free(o->name);
	free(o->cells);
}

void fleet_free(struct fleet *f)
{
	size_t i;

	free(f->figures);
	for (i = 0; i < f->norgs; i++)
		org_free(&f->orgs[i]);
	for (i = 0; i < f->nmodels; i++) {
		free(f->models[i].spelling);
		free(f->models[i].unknown);
	}
	free(f->orgs);
	free(f->org_index);
	free(f->models);
	free(f->org_seen);
	for (i = 0; f->org_near != NULL && i < f->opts.norgs; i++)
		free(f->org_near[i].name);
	free(f->org_near);
	free(f->last_unkept);
	free(f->split);
	memset(f, 0, sizeof *f);
}

static enum gc_status oom(const struct ledger_row *row, struct gc_error *err)
{
	return gc_fail(err, GC_IO, row->file, row->line, 0, "out of memory");
}

/* Keyed and case-folded, so that names differing only in case meet in
 * one slot and crafted names do not all meet in one. */
static size_t name_hash(const char *s)
{
	return (size_t)util_hash(s, strlen(s), true);
}

/* The index slot holding name, or the empty slot where it would go. */
static size_t *org_slot(const struct fleet *f, const char *name)
{
	size_t mask = f->index_cap - 1, i = name_hash(name) & mask;

	while (f->org_index[i] != 0 &&
	       strcasecmp(f->orgs[f->org_index[i] - 1].name, name) != 0)
		i = (i + 1) & mask;
	return &f->org_index[i];
}

/* The slot for an interned name: its pointer, hashed (Fibonacci). */
static struct fleet_name *name_slot(struct fleet_name *names, const char *p)
{
	uint64_t h = (uint64_t)(uintptr_t)p * UINT64_C(0x9E3779B97F4A7C15);

	return &names[h >> (64 - FLEET_NAME_BITS)];
}

static bool named(const struct fleet_name *n, const struct ledger_row *row,
		  const char *name)
{
	return row->names_id != 0 && n->id == row->names_id && n->name == name;
}

static struct fleet_org *lookup_org(const struct fleet *f, const char *name)
{
	size_t *slot;

	if (f->index_cap == 0)
		return NULL;
	slot = org_slot(f, name);
	return *slot ? &f->orgs[*slot - 1] : NULL;
}

/* The row's org, if there is one yet: by its interned pointer when the
 * row has one and it was seen, else by name (and then remembered). */
static struct fleet_org *find_org(struct fleet *f, const struct ledger_row *row)
{
	struct fleet_name *n = name_slot(f->org_names, row->org);
	struct fleet_org *o;

	if (named(n, row, row->org))
		return &f->orgs[n->org];
	o = lookup_org(f, row->org);
	if (o != NULL && row->names_id != 0) {
		n->id = row->names_id;
		n->name = row->org;
		n->org = (size_t)(o - f->orgs);
	}
	return o;
}

/* Keeps the index under half full, so probes stay short. */
static bool grow_index(struct fleet *f)
{
	size_t cap = f->index_cap ? f->index_cap * 2 : 64, i;
	size_t *old = f->org_index;

	if (2 * (f->norgs + 1) <= f->index_cap)
		return true;
	f->org_index = calloc(cap, sizeof *f->org_index);
	if (f->org_index == NULL) {
		f->org_index = old;
		return false;
	}
	f->index_cap = cap;
	for (i = 0; i < f->norgs; i++)
		*org_slot(f, f->orgs[i].name) = i + 1;
	free(old);
	return true;
}

static struct fleet_org *add_org(struct fleet *f, const struct ledger_row *row)
{
	struct fleet_org *o = lookup_org(f, row->org);

	if (o != NULL)
		return o;
	if (!grow_index(f) || !util_grow((void **)&f->orgs, &f->orgs_cap,
					 f->norgs + 1, sizeof *o))
		return NULL;
	o = &f->orgs[f->norgs];
	memset(o, 0, sizeof *o);
	o->name = strdup(row->org);
	if (o->name == NULL)
		return NULL;
	o->first = row->quarter;
	*org_slot(f, o->name) = ++f->norgs;
	return o;
}

/* A per-quarter array from quarter *first, n long. */
struct span {
	void **cells;
	size_t size;
	int *first;
	size_t *n;
	void (*clear)(void *cells, size_t n);
};

/* The element for quarter q, growing the span on either side. */
static void *span_at(const struct span *s, int q)
{
	size_t have = *s->n;
	int last = *s->first + (int)have - 1;
	int lo = have == 0 || q < *s->first ? q : *s->first;
	int hi = have == 0 || q > last ? q : last;
	size_t n = (size_t)(hi - lo + 1);
	size_t front = have == 0 ? 0 : (size_t)(*s->first - lo);
	char *c = *s->cells;

	if (n != have) {
		c = realloc(c, n * s->size);
		if (c == NULL)
			return NULL;
		if (front > 0)
			memmove(c + front * s->size, c, have * s->size);
		s->clear(c, front);
		s->clear(c + (front + have) * s->size, n - front - have);
		*s->cells = c;
		*s->n = n;
		*s->first = lo;
	}
	return c + (size_t)(q - *s->first) * s->size;
}

static void clear_qcells(void *cells, size_t n)
{
	struct qcell *c = cells;
	size_t i;

	memset(c, 0, n * sizeof *c);
	for (i = 0; i < n; i++)
		c[i].reported = NAN;
}

static void clear_flow_cells(void *cells, size_t n)
{
	memset(cells, 0, n * sizeof(struct flow_cell));
}

/* A quarter inside the span already (nearly every row's) is found
 * without span_at's growing. */
static struct qcell *org_cell(struct fleet_org *o, int q)
{
	struct span s = { (void **)&o->cells, sizeof *o->cells, &o->first,
			  &o->n, clear_qcells };

	if (q >= o->first && (size_t)(q - o->first) < o->n)
		return &o->cells[q - o->first];
	return span_at(&s, q);
}

static struct flow_cell *flow_cell(struct model_flow *m, int q)
{
	struct span s = { (void **)&m->cells, sizeof *m->cells, &m->first,
			  &m->n, clear_flow_cells };

	if (q >= m->first && (size_t)(q - m->first) < m->n)
		return &m->cells[q - m->first];
	return span_at(&s, q);
}

/* What a row will do, worked out before anything changes, so that a row
 * refused (and skipped by --keep-going) leaves no trace. */
struct plan {
	int first, last;	   /* the ledger's span with this row */
	const struct accel *accel; /* ROW_BUY */
	double factor, units;	   /* ROW_BUY */
	double h100e;		   /* ROW_CAPACITY, ROW_SPEND */
	double price; /* what money buys at: a unit's, or an H100e's; NaN */
	size_t cells; /* org-quarters the row adds */
	struct fleet_org *org;	 /* NULL: a new org */
	struct model_flow *flow; /* ROW_BUY; NULL: a new model for it */
};

static enum gc_status plan_span(const struct fleet *f,
				const struct ledger_row *row, struct plan *p,
				struct gc_error *err)
{
	int q = row->quarter;
	char a[QUARTER_FMT_MAX], b[QUARTER_FMT_MAX];

	p->first = f->empty || q < f->first ? q : f->first;
	p->last = f->empty || q > f->last ? q : f->last;
	if (p->last - p->first + 1 > FLEET_SPAN_MAX)
		return ledger_row_fail(err, row, LC_QUARTER,
				       "the ledger would span %s to %s, over "
				       "the limit of %d quarters",
				       quarter_format(p->first, a),
				       quarter_format(p->last, b),
				       FLEET_SPAN_MAX);
	return GC_OK;
}

/* The slot of the model cache holding this spelling, or the empty slot
 * where it would go: spellings are matched exactly, as written. */
static unsigned *model_slot(struct fleet *f, const char *spelling)
{
	size_t h = (size_t)util_hash(spelling, strlen(spelling), false);
	unsigned *slot;

	for (;; h++) {
		slot = &f->model_index[h % MODEL_INDEX_SIZE];
		if (*slot == 0 ||
		    strcmp(f->models[*slot - 1].spelling, spelling) == 0)
			return slot;
	}
}

static void cache_model(struct fleet *f, const char *spelling,
			const struct accel *a, const char *unknown)
{
	struct model_ref *m;

	if (f->nmodels >= MODEL_CACHE_MAX ||
	    !util_grow((void **)&f->models, &f->models_cap, f->nmodels + 1,
		       sizeof *m))
		return;
	m = &f->models[f->nmodels];
	m->spelling = strdup(spelling);
	m->accel = a;
	m->unknown = unknown ? strdup(unknown) : NULL;
	if (m->spelling == NULL || (unknown != NULL && m->unknown == NULL)) {
		free(m->spelling);
		free(m->unknown);
		return;
	}
	*model_slot(f, spelling) = (unsigned)++f->nmodels;
}

/* The row's model is not in the catalog: says so (msg NULL: err says it
 * already) where the model is written. */
static enum gc_status unknown_model(const struct ledger_row *row,
				    const char *msg, struct gc_error *err)
{
	if (msg != NULL)
		gc_fail(err, GC_DATA, NULL, 0, 0, "%s", msg);
	err->status = GC_DATA;
	err->file = row->file;
	err->line = row->at[LC_MODEL].line ? row->at[LC_MODEL].line : row->line;
	err->col = row->at[LC_MODEL].col;
	return GC_DATA;
}

static void name_model(struct fleet *f, const struct ledger_row *row,
		       const struct accel *a)
{
	struct fleet_name *n = name_slot(f->model_names, row->model);

	if (row->names_id == 0)
		return;
	n->id = row->names_id;
	n->name = row->model;
	n->accel = a;
}

static enum gc_status find_model(struct fleet *f, const struct ledger_row *row,
				 const struct accel **out, struct gc_error *err)
{
	struct fleet_name *n = name_slot(f->model_names, row->model);
	unsigned slot;

	if (named(n, row, row->model)) {
		*out = n->accel;
		return GC_OK;
	}
	slot = *model_slot(f, row->model);
	if (slot != 0 && f->models[slot - 1].accel == NULL)
		return unknown_model(row, f->models[slot - 1].unknown, err);
	if (slot != 0) {
		*out = f->models[slot - 1].accel;
		name_model(f, row, *out);
		return GC_OK;
	}
	*out = catalog_require(f->opts.catalog, row->model, GC_DATA, err);
	cache_model(f, row->model, *out, *out ? NULL : err->msg);
	if (*out == NULL) /* catalog_require said what; say where */
		return unknown_model(row, NULL, err);
	name_model(f, row, *out);
	return GC_OK;
}

/* Whether a figure of the row is uncertain: a range whose ends differ.
 * Its central figure is the row's own (units, spend, ...). */
static bool uncertain(const struct ledger_row *row, enum ledger_fig i)
{
	return row->ranged && !isnan(row->low[i]) &&
	       row->low[i] != row->high[i];
}

/* The greatest magnitude figure i of the row reaches, over its range. */
static double reach(const struct ledger_row *row, enum ledger_fig i,
		    double central)
{
	if (!uncertain(row, i))
		return fabs(central);
	return fmax(fabs(row->low[i]), fabs(row->high[i]));
}

/* What a row adds must be a figure a ledger could state directly: a tiny
 * catalog figure or price per H100e would otherwise turn a sane row into
 * an infinite one. */
static enum gc_status within_limit(const struct ledger_row *row,
				   enum ledger_col c, double h100e,
				   struct gc_error *err)
{
	char a[QTY_FMT_MAX];

	if (h100e <= LEDGER_COUNT_MAX)
		return GC_OK;
	return ledger_row_fail(err, row, c,
			       "this row would add %s H100e, over the limit "
			       "of %g (check the catalog's figures and the "
			       "price per H100e)",
			       isfinite(h100e) ? qty_format(h100e, a)
					       : "infinitely many",
			       LEDGER_COUNT_MAX);
}

/* A buy: the model, its factor, and the units (given, or bought with the
 * row's money at list price). */
static enum gc_status plan_buy(struct fleet *f, const struct ledger_row *row,
			       struct plan *p, struct gc_error *err)
{
	enum gc_status st = find_model(f, row, &p->accel, err);
	const struct accel *a = p->accel;

	if (st != GC_OK)
		return st;
	if (!fleet_factor(f, a, &p->factor))
		return ledger_row_fail(err, row, LC_MODEL,
				       "'%s' has no %s figure in the catalog "
				       "(try another --metric)",
				       a->id, metric_name(f->opts.metric));
	p->units = row->units;
	if (isnan(p->units) && isnan(a->fig[FIG_PRICE_USD]))
		return ledger_row_fail(err, row, LC_SPEND,
				       "model '%s' has no price_usd in the "
				       "catalog to turn money into units; give "
				       "units",
				       a->id);
	if (!isnan(p->units))
		return within_limit(row, LC_UNITS,
				    reach(row, LF_UNITS, p->units) * p->factor,
				    err);
	p->price = a->fig[FIG_PRICE_USD];
	p->units = row->spend / p->price;
	return within_limit(
		row, LC_SPEND,
		reach(row, LF_SPEND, row->spend) / p->price * p->factor, err);
}

/* The price of an H100e in a year: --usd-per-h100e's, or the
 * baseline's list price; NaN when neither has one. */
static double h100e_price(const struct fleet *f, int year)
{
	const struct price_curve *curve = &f->opts.usd_per_h100e;

	return curve->n > 0 ? price_curve_at(curve, year)
			    : f->baseline->fig[FIG_PRICE_USD];
}

/* Spend alone, at the price per H100e of its year. */
static enum gc_status plan_spend(const struct fleet *f,
				 const struct ledger_row *row, struct plan *p,
				 struct gc_error *err)
{
	const struct price_curve *curve = &f->opts.usd_per_h100e;
	int year = quarter_year(row->quarter);
	double price = h100e_price(f, year);

	if (isnan(price) && curve->n > 0)
		return ledger_row_fail(err, row, LC_SPEND,
				       "no --usd-per-h100e price for %d (the "
				       "prices start in %d)",
				       year, curve->year[0]);
	if (isnan(price))
		return ledger_row_fail(
			err, row, LC_SPEND,
			"no price per H100e (the baseline '%s' "
			"has no price_usd); give --usd-per-h100e",
			f->baseline->id);
	p->price = price;
	p->h100e = row->spend / price;
	return within_limit(row, LC_SPEND,
			    reach(row, LF_SPEND, row->spend) / price, err);
}

/* Whether the row's level is the cell's, at its centre and at both
 * ends: two levels that share a midpoint but not their ends differ. Parts
 * of a level (a chip's share of a stock) add up, and agree with nothing
 * else. */
static bool same_level(const struct fleet *f, const struct qcell *c,
		       const struct ledger_row *row)
{
	if (row->part || c->parts)
		return row->part && c->parts;
	const struct sample_figure *g =
		c->level_figure ? &f->figures[c->level_figure - 1] : NULL;
	bool ranged = uncertain(row, LF_TOTAL);

	if (c->reported != row->total)
		return false;
	if (g == NULL)
		return !ranged;
	return ranged && g->lo == row->low[LF_TOTAL] &&
	       g->hi == row->high[LF_TOTAL];
}

/* Two different levels for one org and quarter cannot both be true. */
static enum gc_status plan_level(const struct fleet *f,
				 const struct ledger_row *row,
				 const struct plan *p, struct gc_error *err)
{
	const struct fleet_org *o = p->org;
	const struct qcell *c = NULL;

	if (o != NULL && row->quarter >= o->first &&
	    row->quarter < o->first + (int)o->n)
		c = &o->cells[row->quarter - o->first];
	if (c != NULL && !isnan(c->reported) && !same_level(f, c, row))
		return ledger_row_fail(err, row, LC_TOTAL,
				       "a different level for the same org "
				       "and quarter is on line %ld",
				       c->reported_line);
	return GC_OK;
}

static unsigned char *flow_hint(struct fleet_org *o, const struct accel *a)
{
	uint64_t h = (uint64_t)(uintptr_t)a * UINT64_C(0x9E3779B97F4A7C15);

	return &o->flow_hint[h >> (64 - FLOW_HINT_BITS)];
}

static struct model_flow *lookup_flow(struct fleet_org *o,
				      const struct accel *a)
{
	unsigned char *hint = flow_hint(o, a);
	size_t i;

	if (*hint != 0 && o->flows[*hint - 1].accel == a)
		return &o->flows[*hint - 1];
	for (i = 0; i < o->nflows; i++)
		if (o->flows[i].accel == a) {
			if (i < UCHAR_MAX)
				*hint = (unsigned char)(i + 1);
			return &o->flows[i];
		}
	return NULL;
}

/* How many quarters an array spanning n quarters from `first` grows by to
 * hold quarter q. */
static size_t span_growth(int first, size_t n, int q)
{
	int last = first + (int)n - 1;

	if (n == 0)
		return 1;
	if (q < first)
		return (size_t)(first - q);
	return q > last ? (size_t)(q - last) : 0;
}

/* The org-quarters the row would add, against the budget. */
static enum gc_status plan_cells(const struct fleet *f,
				 const struct ledger_row *row, struct plan *p,
				 struct gc_error *err)
{
	struct fleet_org *o = p->org;
	const struct model_flow *m = NULL;

	p->cells = o ? span_growth(o->first, o->n, row->quarter) : 1;
	if (row->kind == ROW_BUY && o != NULL)
		m = p->flow = lookup_flow(o, p->accel);
	if (row->kind == ROW_BUY)
		p->cells += m ? span_growth(m->first, m->n, row->quarter) : 1;
	/* a retiring row keeps a note, an uncertain figure a figure and up
	 * to two deltas: they count against the budget too */
	if (row->kind == ROW_BUY && p->units < 0)
		p->cells++;
	if (row->ranged)
		p->cells += 2;
	if (f->cells + p->cells > FLEET_CELLS_MAX)
		return ledger_row_fail(err, row, LC_QUARTER,
				       "the ledger holds more than %d "
				       "org-quarters, the limit",
				       FLEET_CELLS_MAX);
	return GC_OK;
}

static enum gc_status plan_kind(struct fleet *f, const struct ledger_row *row,
				struct plan *p, struct gc_error *err)
{
	switch (row->kind) {
	case ROW_BUY:
		return plan_buy(f, row, p, err);
	case ROW_SPEND:
		return plan_spend(f, row, p, err);
	case ROW_TOTAL:
		return plan_level(f, row, p, err);
	case ROW_CAPACITY:
		p->h100e = row->h100e;
		break;
	}
	return GC_OK;
}

static enum gc_status plan_row(struct fleet *f, const struct ledger_row *row,
			       struct plan *p, struct gc_error *err)
{
	enum gc_status st = plan_span(f, row, p, err);

	p->org = find_org(f, row);
	if (st == GC_OK)
		st = plan_kind(f, row, p, err);
	if (st == GC_OK)
		st = plan_cells(f, row, p, err);
	return st;
}

static void warn_no_tdp(struct fleet *f, struct fleet_org *o,
			const struct ledger_row *row, const struct accel *a)
{
	struct gc_error w;

	o->power_unknown = true;
	if (f->opts.warn == NULL)
		return;
	ledger_row_fail(&w, row, LC_MODEL,
			"%s has no tdp_w in the catalog, so power_mw of '%s' "
			"is unknown",
			a->id, o->name);
	w.status = GC_OK;
	f->opts.warn(f->opts.warn_ctx, &w);
}

static struct model_flow *find_flow(struct fleet_org *o, const struct accel *a,
				    double factor)
{
	struct model_flow *m = lookup_flow(o, a);

	if (m != NULL)
		return m;
	if (!util_grow((void **)&o->flows, &o->flows_cap, o->nflows + 1,
		       sizeof *m))
		return NULL;
	m = &o->flows[o->nflows++];
	memset(m, 0, sizeof *m);
	m->accel = a;
	m->factor = factor;
	return m;
}

static bool note_retirement(struct model_flow *m, const struct ledger_row *row,
			    double units)
{
	struct retire_note *n;

	if (!util_grow((void **)&m->notes, &m->notes_cap, m->nnotes + 1,
		       sizeof *m->notes))
		return false;
	n = &m->notes[m->nnotes++];
	m->retires = true;
	n->quarter = row->quarter;
	n->file = row->file;
	n->at = row->at[LC_UNITS];
	if (n->at.line == 0)
		n->at.line = row->line;
	n->units = -units;
	return true;
}

static bool record_units(struct model_flow *m, struct flow_cell *c,
			 const struct ledger_row *row, double units)
{
	if (units >= 0) {
		c->bought += units;
		return true;
	}
	if (!note_retirement(m, row, units))
		return false;
	c->retired -= units;
	return true;
}

/* What a row bought without money is worth at catalog prices (SPEC
 * 4.6's capex): units or H100e, at each one's price. Money given is the
 * capital itself (qcell.spend). */
static void record_unpaid(struct fleet_org *o, struct qcell *c, double n,
			  double price)
{
	if (!(n > 0))
		return;
	o->has_unpaid = true;
	c->unpaid += n * price;
}

/* ---- uncertain figures: kept apart, put in per scenario ---- */

/* Keeps figure i of the row, whose central figure is `central`, as one of
 * the fleet's uncertain figures; *at is its index. */
static bool keep_figure(struct fleet *f, const struct ledger_row *row,
			enum ledger_fig i, double central, size_t *at)
{
	struct sample_figure *g;

	if (!util_grow((void **)&f->figures, &f->figures_cap, f->nfigures + 1,
		       sizeof *g))
		return false;
	g = &f->figures[f->nfigures];
	*g = sample_figure(row->low[i], central, row->high[i], row->median[i]);
	*at = f->nfigures++;
	return true;
}

static bool add_delta(struct fleet_org *o, size_t figure, int quarter,
		      enum lane_target target, size_t flow, double scale)
{
	struct lane_delta *d;

	if (!util_grow((void **)&o->deltas, &o->deltas_cap, o->ndeltas + 1,
		       sizeof *d))
		return false;
	d = &o->deltas[o->ndeltas++];
	d->figure = figure;
	d->quarter = quarter;
	d->target = target;
	d->flow = flow;
	d->scale = scale;
	return true;
}

/* Figure i of the row, uncertain, as a delta of the org's. */
static bool uncertain_delta(struct fleet *f, struct fleet_org *o,
			    const struct ledger_row *row, enum ledger_fig i,
			    double central, enum lane_target target,
			    size_t flow)
{
	size_t at;

	return keep_figure(f, row, i, central, &at) &&
	       add_delta(o, at, row->quarter, target, flow, 1);
}

/* The same, when the row buys without money: the figure's value at
 * `price` is capital too. */
static bool unpaid_delta(struct fleet *f, struct fleet_org *o,
			 const struct ledger_row *row, enum ledger_fig i,
			 double central, enum lane_target target, size_t flow,
			 double price)
{
	if (!uncertain_delta(f, o, row, i, central, target, flow))
		return false;
	if (!isnan(row->spend))
		return true;
	o->has_unpaid = true;
	return add_delta(o, f->nfigures - 1, row->quarter, LT_UNPAID, 0, price);
}

/* The row's money; *fig is its uncertain figure, or SIZE_MAX. */
static bool apply_spend(struct fleet *f, struct fleet_org *o, struct qcell *c,
			const struct ledger_row *row, size_t *fig)
{
	*fig = SIZE_MAX;
	if (isnan(row->spend))
		return true;
	o->has_spend = true;
	if (!uncertain(row, LF_SPEND)) {
		c->spend += row->spend;
		return true;
	}
	return keep_figure(f, row, LF_SPEND, row->spend, fig) &&
	       add_delta(o, *fig, row->quarter, LT_SPEND, 0, 1);
}

/* A buy's units: given (certain or not), or bought with its money; q is
 * the org's cell of the quarter. */
static bool apply_units(struct fleet *f, struct fleet_org *o,
			struct model_flow *m, struct flow_cell *c,
			struct qcell *q, const struct ledger_row *row,
			const struct plan *p, size_t spend_fig)
{
	size_t flow = (size_t)(m - o->flows);
	double price = p->accel->fig[FIG_PRICE_USD];

	if (!isnan(row->units) && uncertain(row, LF_UNITS))
		return unpaid_delta(f, o, row, LF_UNITS, row->units, LT_UNITS,
				    flow, price) &&
		       (row->units >= 0 || note_retirement(m, row, row->units));
	if (isnan(row->units) && spend_fig != SIZE_MAX)
		return add_delta(o, spend_fig, row->quarter, LT_UNITS, flow,
				 1 / p->price);
	if (isnan(row->spend))
		record_unpaid(o, q, p->units, price);
	return record_units(m, c, row, p->units);
}

static enum gc_status apply_buy(struct fleet *f, struct fleet_org *o,
				struct qcell *q, const struct ledger_row *row,
				const struct plan *p, size_t spend_fig,
				struct gc_error *err)
{
	struct model_flow *m =
		p->flow ? p->flow : find_flow(o, p->accel, p->factor);
	struct flow_cell *c = m ? flow_cell(m, row->quarter) : NULL;

	if (c == NULL || !apply_units(f, o, m, c, q, row, p, spend_fig))
		return oom(row, err);
	if (isnan(p->accel->fig[FIG_TDP_W]) && !o->power_unknown)
		warn_no_tdp(f, o, row, p->accel);
	return GC_OK;
}

static void apply_capacity(struct qcell *c, double h)
{
	if (h >= 0)
		c->added += h;
	else
		c->retired -= h;
}

/* A part of a level: the quarter's parts add up. */
static bool apply_part(struct fleet *f, struct fleet_org *o, struct qcell *c,
		       const struct ledger_row *row)
{
	if (!c->parts)
		c->reported_line = row->line;
	c->parts = true;
	if (isnan(c->reported))
		c->reported = 0;
	if (!uncertain(row, LF_TOTAL)) {
		c->reported += row->total;
		return true;
	}
	return uncertain_delta(f, o, row, LF_TOTAL, row->total, LT_PART, 0);
}

/* A level; an uncertain one is marked in its cell, for plan_level. */
static bool apply_level(struct fleet *f, struct fleet_org *o, struct qcell *c,
			const struct ledger_row *row)
{
	if (row->part)
		return apply_part(f, o, c, row);
	c->reported = row->total;
	c->reported_line = row->line;
	if (!uncertain(row, LF_TOTAL))
		return true;
	if (!uncertain_delta(f, o, row, LF_TOTAL, row->total, LT_LEVEL, 0))
		return false;
	c->level_figure = f->nfigures;
	return true;
}

/* Capacity stated, or bought with money alone. */
static bool apply_added(struct fleet *f, struct fleet_org *o, struct qcell *c,
			const struct ledger_row *row, const struct plan *p,
			size_t spend_fig)
{
	double price = h100e_price(f, quarter_year(row->quarter));

	c->with_money |= row->kind == ROW_SPEND;
	if (row->kind == ROW_CAPACITY && uncertain(row, LF_H100E))
		return unpaid_delta(f, o, row, LF_H100E, row->h100e,
				    LT_CAPACITY, 0, price);
	if (row->kind == ROW_SPEND && spend_fig != SIZE_MAX)
		return add_delta(o, spend_fig, row->quarter, LT_CAPACITY, 0,
				 1 / p->price);
	if (isnan(row->spend))
		record_unpaid(o, c, p->h100e, price);
	apply_capacity(c, p->h100e);
	return true;
}

static enum gc_status apply_row(struct fleet *f, const struct ledger_row *row,
				const struct plan *p, struct gc_error *err)
{
	struct fleet_org *o = p->org ? p->org : add_org(f, row);
	struct qcell *c = o ? org_cell(o, row->quarter) : NULL;
	size_t spend_fig;
	bool ok;

	if (c == NULL || !apply_spend(f, o, c, row, &spend_fig))
		return oom(row, err);
	c->incomplete |= row->incomplete;
	if (row->kind == ROW_BUY)
		return apply_buy(f, o, c, row, p, spend_fig, err);
	ok = row->kind == ROW_TOTAL ? apply_level(f, o, c, row)
				    : apply_added(f, o, c, row, p, spend_fig);
	return ok ? GC_OK : oom(row, err);
}

/* Whether --org keeps the row's org; notes which --org it matched. */
/* Changes of org name among rows not kept that are weighed as hints: a
 * hint is worth a look at the names, not a pass of edit distances over
 * ten million rows. */
#define NEAR_TRIES 4096

/* An org no --org kept, weighed as the hint for each --org not seen. */
static void weigh_unkept(struct fleet *f, const char *org)
{
	size_t i;

	if (f->near_tries >= NEAR_TRIES ||
	    (f->last_unkept != NULL && strcmp(f->last_unkept, org) == 0))
		return;
	f->near_tries++;
	for (i = 0; i < f->opts.norgs; i++) {
		struct fleet_near *n = &f->org_near[i];
		size_t d = util_edit_distance(f->opts.orgs[i], org);
		char *copy;

		if (f->org_seen[i] || (n->name != NULL && d >= n->distance) ||
		    3 * d > strlen(f->opts.orgs[i]) + 3)
			continue;
		if ((copy = strdup(org)) == NULL)
			continue; /* a hint only */
		free(n->name);
		n->name = copy;
		n->distance = d;
	}
	free(f->last_unkept);
	f->last_unkept = strdup(org);
}

static bool wanted(struct fleet *f, const char *org)
{
	bool keep = false;
	size_t i, n;

	if (f->opts.norgs == 0) /* no --org: every org */
		return true;
	n = strcspn(org, (char[]){ FLEET_SPLIT_SEP, '\0' });

	for (i = 0; i < f->opts.norgs; i++) {
		if (strlen(f->opts.orgs[i]) == n &&
		    strncasecmp(f->opts.orgs[i], org, n) == 0) {
			f->org_seen[i] = true;
			keep = true;
		}
	}
	if (!keep && org[n] == '\0') {
		weigh_unkept(f, org);
	} else if (!keep) { /* by the org's own name, not a --by part's */
		char *own = strndup(org, n);

		if (own != NULL)
			weigh_unkept(f, own);
		free(own);
	}
	return keep;
}

const char *fleet_unseen_org(const struct fleet *f, const char **hint)
{
	size_t i;

	for (i = 0; i < f->opts.norgs; i++)
		if (!f->org_seen[i]) {
			*hint = f->org_near[i].name;
			return f->opts.orgs[i];
		}
	*hint = NULL;
	return NULL;
}

/* Counts a planned row in f. */
static enum gc_status add_planned(struct fleet *f, const struct ledger_row *row,
				  const struct plan *p, struct gc_error *err)
{
	/* Every row sets the ledger's span; only kept orgs are counted. */
	f->first = p->first;
	f->last = p->last;
	f->empty = false;
	if (!wanted(f, row->org))
		return GC_OK;
	f->cells += p->cells;
	f->kept++;
	return apply_row(f, row, p, err);
}

/* --by: the row as the split org's (the org, then its model's id or
 * vendor) in f->split; false when out of memory. A model the catalog does
 * not know keeps its spelling: the row's error names it anyway. */
static bool split_row(struct fleet *f, const struct ledger_row *row,
		      struct ledger_row *out)
{
	const struct accel *a =
		row->model != NULL ? catalog_find(f->opts.catalog, row->model)
				   : NULL;
	const char *part = a == NULL ? (row->model ? row->model : "")
			   : f->opts.by == FLEET_BY_MODEL ? a->id
							  : a->vendor;
	size_t n = strlen(row->org), m = strlen(part);

	if (!util_grow((void **)&f->split, &f->split_cap, n + m + 2, 1))
		return false;
	memcpy(f->split, row->org, n);
	f->split[n] = FLEET_SPLIT_SEP;
	memcpy(f->split + n + 1, part, m + 1);
	*out = *row;
	out->org = f->split;
	out->names_id = 0; /* a new name each row: nothing to remember */
	return true;
}

enum gc_status fleet_add(const struct ledger_row *row, void *ctx,
			 struct gc_error *err)
{
	struct fleet *f = ctx;
	struct plan p = { 0, 0, NULL, 0, 0, 0, NAN, 0, NULL, NULL };
	struct ledger_row split;
	enum gc_status st;

	if (f->opts.by != FLEET_BY_NONE) {
		if (!split_row(f, row, &split))
			return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
		row = &split;
	}
	/* --as-of: the ledger as it stood then; later rows are not there */
	if (f->opts.has_as_of && row->quarter > f->opts.as_of)
		return GC_OK;
	st = plan_row(f, row, &p, err);
	if (st != GC_OK)
		return st;
	return add_planned(f, row, &p, err);
}
