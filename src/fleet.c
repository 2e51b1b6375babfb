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
#include "util.h"

/* Models resolved once per distinct spelling (lookups are per row), found
 * again through a hash table twice the cache's size. */
#define MODEL_CACHE_MAX	 256
#define MODEL_INDEX_SIZE 512

/* One org's figures in one quarter that no model carries: stated
 * capacity, spend-derived capacity, money and reported levels. */
struct qcell {
	double added, retired, spend;
	double reported; /* NaN when no level was observed */
	long reported_line;
};

/* Units of one model bought and retired by one org in one quarter, kept
 * apart so that retirements can be checked against what is in service
 * once the whole ledger is read (rows come in any order). */
struct flow_cell {
	double bought, retired;
};

/* Where each row retiring a model is, and how many it retires, kept apart
 * from the cells so that they stay small (every row touches a cell, few
 * retire): an over-retirement names the row that broke it, the first
 * whose units, added to the quarter's earlier ones, pass what is there. */
struct retire_note {
	int quarter;
	const char *file;
	struct ledger_loc at;
	double units;
};

struct model_flow {
	const struct accel *accel;
	double factor;
	int first;
	size_t n;
	struct flow_cell *cells;
	struct retire_note *notes;
	size_t nnotes, notes_cap;
};

struct fleet_org {
	char *name; /* as first written */
	int first;  /* quarter of cells[0] */
	size_t n;
	struct qcell *cells;
	struct model_flow *flows;
	size_t nflows, flows_cap;
	bool has_spend;	    /* some row gave money */
	bool power_unknown; /* some model lacks a TDP */
};

/* A spelling as found in the catalog; one it lacks keeps the message
 * that said so, since the did-you-mean behind it scans the catalog and
 * --keep-going may meet the same unknown spelling on every row. */
struct model_ref {
	char *spelling;
	const struct accel *accel; /* NULL: unknown */
	char *unknown;		   /* the message, when unknown */
};

void fleet_opts_init(struct fleet_opts *o, const struct catalog *cat)
{
	memset(o, 0, sizeof *o);
	o->catalog = cat;
	o->metric = CONFIG_METRIC;
	o->baseline = CONFIG_BASELINE;
	o->overhead = CONFIG_OVERHEAD;
	o->pue = CONFIG_PUE;
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
	if (f->org_seen == NULL)
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	return GC_OK;
}

static void org_free(struct fleet_org *o)
{
	size_t i;

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

	for (i = 0; i < 2; i++) {
		if (f->ends[i] != NULL)
			fleet_free(f->ends[i]);
		free(f->ends[i]);
	}
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

	return &names[h >> 56];
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

static struct qcell *org_cell(struct fleet_org *o, int q)
{
	struct span s = { (void **)&o->cells, sizeof *o->cells, &o->first,
			  &o->n, clear_qcells };

	return span_at(&s, q);
}

static struct flow_cell *flow_cell(struct model_flow *m, int q)
{
	struct span s = { (void **)&m->cells, sizeof *m->cells, &m->first,
			  &m->n, clear_flow_cells };

	return span_at(&s, q);
}

/* What a row will do, worked out before anything changes, so that a row
 * refused (and skipped by --keep-going) leaves no trace. */
struct plan {
	int first, last;	   /* the ledger's span with this row */
	const struct accel *accel; /* ROW_BUY */
	double factor, units;	   /* ROW_BUY */
	double h100e;		   /* ROW_CAPACITY, ROW_SPEND */
	size_t cells;		   /* org-quarters the row adds */
	struct fleet_org *org;	   /* NULL: a new org */
	struct model_flow *flow;   /* ROW_BUY; NULL: a new model for it */
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
	if (isnan(p->units))
		p->units = row->spend / a->fig[FIG_PRICE_USD];
	return within_limit(row, isnan(row->units) ? LC_SPEND : LC_UNITS,
			    fabs(p->units) * p->factor, err);
}

/* Spend alone, at the price per H100e of its year. */
static enum gc_status plan_spend(const struct fleet *f,
				 const struct ledger_row *row, struct plan *p,
				 struct gc_error *err)
{
	const struct price_curve *curve = &f->opts.usd_per_h100e;
	int year = quarter_year(row->quarter);
	double price = curve->n > 0 ? price_curve_at(curve, year)
				    : f->baseline->fig[FIG_PRICE_USD];

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
	p->h100e = row->spend / price;
	return within_limit(row, LC_SPEND, p->h100e, err);
}

/* Two different levels for one org and quarter cannot both be true. */
static enum gc_status plan_level(const struct ledger_row *row,
				 const struct plan *p, struct gc_error *err)
{
	const struct fleet_org *o = p->org;
	const struct qcell *c = NULL;

	if (o != NULL && row->quarter >= o->first &&
	    row->quarter < o->first + (int)o->n)
		c = &o->cells[row->quarter - o->first];
	if (c != NULL && !isnan(c->reported) && c->reported != row->total)
		return ledger_row_fail(err, row, LC_TOTAL,
				       "a different level for the same org "
				       "and quarter is on line %ld",
				       c->reported_line);
	return GC_OK;
}

static struct model_flow *lookup_flow(const struct fleet_org *o,
				      const struct accel *a)
{
	size_t i;

	for (i = 0; i < o->nflows; i++)
		if (o->flows[i].accel == a)
			return &o->flows[i];
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
	const struct fleet_org *o = p->org;
	const struct model_flow *m = NULL;

	p->cells = o ? span_growth(o->first, o->n, row->quarter) : 1;
	if (row->kind == ROW_BUY && o != NULL)
		m = p->flow = lookup_flow(o, p->accel);
	if (row->kind == ROW_BUY)
		p->cells += m ? span_growth(m->first, m->n, row->quarter) : 1;
	/* a retiring row keeps a note: it counts against the budget too */
	if (row->kind == ROW_BUY && p->units < 0)
		p->cells++;
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
		return plan_level(row, p, err);
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
	struct model_flow *m = (struct model_flow *)lookup_flow(o, a);

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

/* The row that retired past `have` units in quarter q (within the slack
 * allowed for units bought with money). */
static const struct retire_note *retire_note(const struct model_flow *m, int q,
					     double have, double slack)
{
	static const struct retire_note NONE = { 0, NULL, { 0, 0 }, 0 };
	const struct retire_note *last = &NONE;
	double sum = 0;
	size_t i;

	for (i = 0; i < m->nnotes; i++) {
		if (m->notes[i].quarter != q)
			continue;
		last = &m->notes[i];
		sum += last->units;
		if (sum - have > slack)
			break;
	}
	return last;
}

static enum gc_status apply_buy(struct fleet *f, struct fleet_org *o,
				const struct ledger_row *row,
				const struct plan *p, struct gc_error *err)
{
	struct model_flow *m =
		p->flow ? p->flow : find_flow(o, p->accel, p->factor);
	struct flow_cell *c = m ? flow_cell(m, row->quarter) : NULL;

	if (c == NULL || !record_units(m, c, row, p->units))
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

static enum gc_status apply_row(struct fleet *f, const struct ledger_row *row,
				const struct plan *p, struct gc_error *err)
{
	struct fleet_org *o = p->org ? p->org : add_org(f, row);
	struct qcell *c = o ? org_cell(o, row->quarter) : NULL;

	if (c == NULL)
		return oom(row, err);
	if (!isnan(row->spend)) {
		c->spend += row->spend;
		o->has_spend = true;
	}
	if (row->kind == ROW_BUY)
		return apply_buy(f, o, row, p, err);
	if (row->kind == ROW_TOTAL) {
		c->reported = row->total;
		c->reported_line = row->line;
	} else {
		apply_capacity(c, p->h100e);
	}
	return GC_OK;
}

/* Whether --org keeps the row's org; notes which --org it matched. */
static bool wanted(struct fleet *f, const char *org)
{
	bool keep = f->opts.norgs == 0;
	size_t i;

	for (i = 0; i < f->opts.norgs; i++) {
		if (strcasecmp(f->opts.orgs[i], org) == 0) {
			f->org_seen[i] = true;
			keep = true;
		}
	}
	return keep;
}

const char *fleet_unseen_org(const struct fleet *f)
{
	size_t i;

	for (i = 0; i < f->opts.norgs; i++)
		if (!f->org_seen[i])
			return f->opts.orgs[i];
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
	return apply_row(f, row, p, err);
}

/* ---- ranges: the fleet at the low and at the high ends ---- */

/* A copy of n bytes at p; NULL for none, or with *ok false for no memory. */
static void *dup_mem(bool *ok, const void *p, size_t n)
{
	void *q;

	if (n == 0)
		return NULL;
	q = malloc(n);
	if (q == NULL)
		*ok = false;
	else
		memcpy(q, p, n);
	return q;
}

static bool org_clone(const struct fleet_org *o, struct fleet_org *c)
{
	bool ok = true;
	size_t i;

	*c = *o;
	c->name = strdup(o->name);
	ok = c->name != NULL;
	c->cells = dup_mem(&ok, o->cells, o->n * sizeof *o->cells);
	c->flows = dup_mem(&ok, o->flows, o->nflows * sizeof *o->flows);
	c->nflows = c->flows_cap = c->flows ? o->nflows : 0;
	for (i = 0; i < c->nflows; i++) {
		struct model_flow *m = &c->flows[i];

		m->cells = dup_mem(&ok, m->cells, m->n * sizeof *m->cells);
		m->notes = dup_mem(&ok, m->notes, m->nnotes * sizeof *m->notes);
		m->notes_cap = m->nnotes;
	}
	return ok;
}

/* A deep copy of f (without ends); on false, c is still for fleet_free. */
static bool fleet_clone(const struct fleet *f, struct fleet *c)
{
	bool ok = true;
	size_t i;

	*c = *f;
	c->ends[0] = c->ends[1] = NULL;
	c->norgs = c->nmodels = 0;
	c->org_index =
		dup_mem(&ok, f->org_index, f->index_cap * sizeof *f->org_index);
	c->org_seen = dup_mem(&ok, f->org_seen,
			      (f->opts.norgs + 1) * sizeof *f->org_seen);
	c->orgs = dup_mem(&ok, f->orgs, f->norgs * sizeof *f->orgs);
	c->orgs_cap = c->orgs ? f->norgs : 0;
	for (i = 0; c->orgs != NULL && i < f->norgs; i++) {
		c->norgs = i + 1;
		ok = org_clone(&f->orgs[i], &c->orgs[i]) && ok;
	}
	c->models = dup_mem(&ok, f->models, f->nmodels * sizeof *f->models);
	c->models_cap = c->models ? f->nmodels : 0;
	for (i = 0; c->models != NULL && i < f->nmodels; i++) {
		c->nmodels = i + 1;
		c->models[i].spelling = strdup(f->models[i].spelling);
		ok = c->models[i].spelling != NULL && ok;
	}
	return ok;
}

/* The ends start as copies of the fleet so far, which had no range. They
 * say nothing themselves: no warnings (the central fleet gives them),
 * and a retirement past what is in service at one end retires all. */
static enum gc_status open_ends(struct fleet *f, const struct ledger_row *row,
				struct gc_error *err)
{
	int i;

	for (i = 0; i < 2; i++) {
		f->ends[i] = calloc(1, sizeof *f->ends[i]);
		if (f->ends[i] == NULL || !fleet_clone(f, f->ends[i]))
			return oom(row, err);
		f->ends[i]->opts.warn = NULL;
		f->ends[i]->opts.keep_going = true;
	}
	return GC_OK;
}

/* The row with each figure at one end of its range. */
static void row_at(const struct ledger_row *row, const double ends[LF_COUNT],
		   struct ledger_row *out)
{
	*out = *row;
	if (!row->ranged)
		return;
	out->units = ends[LF_UNITS];
	out->spend = ends[LF_SPEND];
	out->h100e = ends[LF_H100E];
	out->total = ends[LF_TOTAL];
}

/* Plans the row in all three fleets before it changes any, so that a row
 * refused by one (and skipped by --keep-going) is in none. */
static enum gc_status add_ranged(struct fleet *f, const struct ledger_row *row,
				 struct gc_error *err)
{
	struct fleet *fleets[3] = { f, f->ends[0], f->ends[1] };
	struct ledger_row rows[3];
	struct plan p[3];
	enum gc_status st = GC_OK;
	int i;

	rows[0] = *row;
	row_at(row, row->low, &rows[1]);
	row_at(row, row->high, &rows[2]);
	memset(p, 0, sizeof p);
	for (i = 0; i < 3 && st == GC_OK; i++)
		st = plan_row(fleets[i], &rows[i], &p[i], err);
	for (i = 0; i < 3 && st == GC_OK; i++)
		st = add_planned(fleets[i], &rows[i], &p[i], err);
	return st;
}

enum gc_status fleet_add(const struct ledger_row *row, void *ctx,
			 struct gc_error *err)
{
	struct fleet *f = ctx;
	struct plan p = { 0, 0, NULL, 0, 0, 0, 0, NULL, NULL };
	enum gc_status st;

	if (row->ranged && f->ends[0] == NULL) {
		st = open_ends(f, row, err);
		if (st != GC_OK)
			return st;
	}
	if (f->ends[0] != NULL)
		return add_ranged(f, row, err);
	st = plan_row(f, row, &p, err);
	if (st != GC_OK)
		return st;
	return add_planned(f, row, &p, err);
}

/* ---- units in service: cohorts, lifetimes, retirements ---- */

/* What a model's units did to an org's quarter. net is the change of
 * H100e in service, from the units' net change: a quarter that buys and
 * retires the same units then changes the level by exactly zero, where
 * added - retired of two products need not be. */
struct unit_effect {
	double units, added, retired, net, watts;
};

/* Units still in service from one quarter's purchases, oldest first. */
struct cohorts {
	int *quarter;
	double *left;
	size_t head, tail;
};

/* Takes up to want units from the oldest cohorts; returns what it took. */
static double take_oldest(struct cohorts *k, double want)
{
	double took = 0;

	while (k->head < k->tail && took < want) {
		double t = fmin(k->left[k->head], want - took);

		took += t;
		k->left[k->head] -= t;
		if (k->left[k->head] <= 0)
			k->head++;
	}
	return took;
}

/* Units whose lifetime ends in quarter q leave service. */
static double retire_aged(struct cohorts *k, int lifetime, int q)
{
	double aged = 0;

	while (lifetime > 0 && k->head < k->tail &&
	       k->quarter[k->head] + lifetime <= q)
		aged += k->left[k->head++];
	return aged;
}

static double in_service(const struct cohorts *k)
{
	double n = 0;
	size_t i;

	for (i = k->head; i < k->tail; i++)
		n += k->left[i];
	return n;
}

/* Units are fractional when bought with money: retiring what is there
 * may pass it by a rounding error, this share of the units retired. */
#define RETIRE_SLACK 1e-9

/* Retiring more than is in service: an error at the row that passes it,
 * or with keep_going a warning, and only what is there retires. */
static enum gc_status over_retired(const struct fleet *f,
				   const struct fleet_org *o,
				   const struct model_flow *m,
				   const struct flow_cell *c, int q,
				   double have, struct gc_error *err)
{
	char qb[QUARTER_FMT_MAX];
	struct gc_error w;
	const struct retire_note *n =
		retire_note(m, q, have, RETIRE_SLACK * fmax(1.0, c->retired));

	gc_fail(&w, GC_DATA, n->file, n->at.line, n->at.col > 0 ? n->at.col : 1,
		"units: retiring %.15g %s, but '%s' has %.15g in service in %s",
		c->retired, m->accel->id, o->name, have, quarter_format(q, qb));
	if (!f->opts.keep_going) {
		*err = w;
		return GC_DATA;
	}
	if (f->opts.warn != NULL)
		f->opts.warn(f->opts.warn_ctx, &w);
	return GC_OK;
}

static enum gc_status run_quarter(const struct fleet *f,
				  const struct fleet_org *o,
				  const struct model_flow *m, struct cohorts *k,
				  int q, struct unit_effect *e,
				  struct gc_error *err)
{
	static const struct flow_cell NONE = { 0, 0 };
	size_t i = (size_t)(q - m->first);
	const struct flow_cell *c = i < m->n ? &m->cells[i] : &NONE;
	double aged = retire_aged(k, f->opts.lifetime, q);
	double took, have, left, tdp = m->accel->fig[FIG_TDP_W];

	if (c->bought > 0) {
		k->quarter[k->tail] = q;
		k->left[k->tail++] = c->bought;
	}
	have = in_service(k);
	took = take_oldest(k, c->retired);
	if (c->retired - took > RETIRE_SLACK * fmax(1.0, c->retired) &&
	    over_retired(f, o, m, c, q, have, err) != GC_OK)
		return GC_DATA;
	left = c->bought - aged - took;
	e->units += left;
	e->added += c->bought * m->factor;
	e->retired += (aged + took) * m->factor;
	e->net += left * m->factor;
	e->watts += isnan(tdp) ? 0 : left * tdp;
	return GC_OK;
}

/* Adds one model's effect on each quarter of the org to e (indexed from the
 * org's first quarter). */
static enum gc_status run_flow(const struct fleet *f, const struct fleet_org *o,
			       const struct model_flow *m,
			       struct unit_effect *e, struct gc_error *err)
{
	size_t span = (size_t)(f->last - m->first + 1);
	struct cohorts k = { malloc(span * sizeof(int)),
			     malloc(span * sizeof(double)), 0, 0 };
	enum gc_status st = GC_OK;
	int q;

	if (k.quarter == NULL || k.left == NULL)
		st = gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	for (q = m->first; q <= f->last && st == GC_OK; q++)
		st = run_quarter(f, o, m, &k, q, &e[q - o->first], err);
	free(k.quarter);
	free(k.left);
	return st;
}

/* ---- the series ---- */

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
		     const struct qcell *c, const struct unit_effect *e,
		     struct running *run, struct series_row *r)
{
	double added = c->added + e->added, retired = c->retired + e->retired;
	double computed = run->h100e + ((c->added - c->retired) + e->net);
	bool has_units = o->nflows > 0;

	run->units += e->units;
	run->watts += e->watts;
	run->cum_spend += c->spend;
	r->org = o->name;
	r->units = has_units ? run->units : NAN;
	r->added = added;
	r->retired = retired;
	r->reported = c->reported;
	r->gap = c->reported - computed; /* NaN without an observation */
	run->h100e = isnan(c->reported) ? computed : c->reported;
	r->h100e = run->h100e;
	/* Money nobody reported is unknown, not zero. */
	r->spend = o->has_spend ? c->spend : NAN;
	r->cum_spend = o->has_spend ? run->cum_spend : NAN;
	r->usd_per_h100e = c->spend > 0 && added > 0 ? c->spend / added : NAN;
	r->power_mw =
		has_units && !o->power_unknown
			? run->watts * f->opts.overhead * f->opts.pue / 1e6
			: NAN;
}

static enum gc_status fill_org(const struct fleet *f, const struct fleet_org *o,
			       struct series_row *rows, struct gc_error *err)
{
	static const struct qcell EMPTY = { 0, 0, 0, NAN, 0 };
	size_t n = (size_t)(f->last - o->first + 1), i;
	struct unit_effect *e = calloc(n, sizeof *e);
	struct running run = { 0, 0, 0, 0 };
	enum gc_status st = GC_OK;

	if (e == NULL)
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	for (i = 0; i < o->nflows && st == GC_OK; i++)
		st = run_flow(f, o, &o->flows[i], e, err);
	for (i = 0; i < n && st == GC_OK; i++) {
		fill_row(f, o, i < o->n ? &o->cells[i] : &EMPTY, &e[i], &run,
			 &rows[i]);
		rows[i].quarter = o->first + (int)i;
	}
	free(e);
	series_fill_growth(rows, o->first, n);
	return st;
}

static size_t count_rows(const struct fleet *f)
{
	size_t i, n = 0;

	for (i = 0; i < f->norgs; i++)
		n += (size_t)(f->last - f->orgs[i].first + 1);
	return n;
}

/* Every org's rows, without totals. */
static enum gc_status org_series(const struct fleet *f, struct series *out,
				 struct gc_error *err)
{
	const struct fleet_org **order;
	enum gc_status st = GC_OK;
	size_t i;

	memset(out, 0, sizeof *out);
	if (f->norgs == 0)
		return GC_OK;
	if (count_rows(f) > FLEET_ROWS_MAX)
		return gc_fail(err, GC_DATA, NULL, 0, 0,
			       "the report would have %zu rows (%zu orgs, each "
			       "to the ledger's last quarter); the limit is %d",
			       count_rows(f), f->norgs, FLEET_ROWS_MAX);
	order = malloc(f->norgs * sizeof *order);
	out->rows = order ? calloc(count_rows(f), sizeof *out->rows) : NULL;
	if (out->rows == NULL) {
		free(order);
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	}
	for (i = 0; i < f->norgs; i++)
		order[i] = &f->orgs[i];
	qsort(order, f->norgs, sizeof *order, cmp_org);
	for (i = 0; i < f->norgs && st == GC_OK; i++) {
		st = fill_org(f, order[i], out->rows + out->n, err);
		out->n += (size_t)(f->last - order[i]->first + 1);
	}
	free(order);
	return st;
}

/* The ends' series, row for row the same orgs and quarters as s (they
 * read the same rows), become s's bounds. */
static enum gc_status bound_series(const struct fleet *f, struct series *s,
				   struct gc_error *err)
{
	struct series lo, hi;
	enum gc_status st = org_series(f->ends[0], &lo, err);

	memset(&hi, 0, sizeof hi);
	if (st == GC_OK)
		st = org_series(f->ends[1], &hi, err);
	if (st == GC_OK && (lo.n != s->n || hi.n != s->n))
		st = gc_fail(err, GC_IO, NULL, 0, 0,
			     "internal error: the ends of the ranges differ");
	if (st == GC_OK) {
		s->low = lo.rows;
		s->high = hi.rows;
		lo.rows = hi.rows = NULL;
		series_bound(s);
	}
	series_free(&lo);
	series_free(&hi);
	return st;
}

enum gc_status fleet_series(const struct fleet *f, struct series *out,
			    struct gc_error *err)
{
	enum gc_status st = org_series(f, out, err);

	if (st == GC_OK && f->ends[0] != NULL && out->n > 0)
		st = bound_series(f, out, err);
	if (st == GC_OK && f->opts.total)
		st = series_add_total(out, err);
	if (st != GC_OK)
		series_free(out);
	series_scrub(out);
	return st;
}
