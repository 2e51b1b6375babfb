/* The fleet's series (fleet_series): units in service by cohort, each
 * org's rows, and a series per scenario, made from the accumulator and
 * the uncertain figures without copying the fleet (series.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fleet_impl.h"
#include "gpucap/quarter.h"
#include "util.h"

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
	double took = 0, left, tdp = m->accel->fig[FIG_TDP_W];

	if (c->bought > 0) {
		k->quarter[k->tail] = q;
		k->left[k->tail++] = c->bought;
	}
	/* Most quarters retire nothing, and a sampled series runs each one
	 * in every draw: their cohorts are not walked. What is in service is
	 * told only when a retirement passes it. */
	if (c->retired > 0) {
		double have = in_service(k);

		took = take_oldest(k, c->retired);
		if (c->retired - took > RETIRE_SLACK * fmax(1.0, c->retired) &&
		    over_retired(f, o, m, c, q, have, err) != GC_OK)
			return GC_DATA;
	}
	left = c->bought - aged - took;
	e->units += left;
	e->added += c->bought * m->factor;
	e->retired += (aged + took) * m->factor;
	e->net += left * m->factor;
	e->watts += isnan(tdp) ? 0 : left * tdp;
	return GC_OK;
}

/* A flow's cohorts (one a quarter), and an org's effects of its flows,
 * over a span of at most this many quarters (16 years) lie on the stack:
 * a sampled series runs every org and flow in every draw. */
#define COHORTS_ON_STACK 64

/* run_quarter's sums for a flow that retires nothing, without a
 * lifetime: what a quarter buys stays in service, nothing ages or is
 * taken, and so no cohorts are kept (a sampled series runs every flow of
 * every draw). e is indexed from the flow's first quarter. */
static void run_bought(const struct model_flow *m, int last,
		       struct unit_effect *e)
{
	double tdp = m->accel->fig[FIG_TDP_W];
	size_t i, n = (size_t)(last - m->first + 1);

	for (i = 0; i < n; i++) {
		double left = i < m->n ? m->cells[i].bought : 0;

		e[i].units += left;
		e[i].added += left * m->factor;
		e[i].retired += 0 * m->factor; /* as run_quarter: NaN for inf */
		e[i].net += left * m->factor;
		e[i].watts += isnan(tdp) ? 0 : left * tdp;
	}
}

/* run_quarter over quarters [m->first, last], with the flow's cohorts. */
static enum gc_status run_cohorts(const struct fleet *f,
				  const struct fleet_org *o,
				  const struct model_flow *m, int last,
				  struct unit_effect *e, struct gc_error *err)
{
	size_t span = (size_t)(last - m->first + 1);
	int quarters[COHORTS_ON_STACK];
	double left[COHORTS_ON_STACK];
	bool small = span <= COHORTS_ON_STACK;
	struct cohorts k = { small ? quarters : malloc(span * sizeof(int)),
			     small ? left : malloc(span * sizeof(double)), 0,
			     0 };
	enum gc_status st = GC_OK;
	int q;

	if (k.quarter == NULL || k.left == NULL)
		st = gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	for (q = m->first; q <= last && st == GC_OK; q++)
		st = run_quarter(f, o, m, &k, q, &e[q - o->first], err);
	if (!small) {
		free(k.quarter);
		free(k.left);
	}
	return st;
}

/* Adds one model's effect on each quarter of the org to e (indexed from the
 * org's first quarter). */
static enum gc_status run_flow(const struct fleet *f, const struct fleet_org *o,
			       const struct model_flow *m,
			       struct unit_effect *e, struct gc_error *err)
{
	int last = f->last;

	/* Without a lifetime, a quarter past the flow's cells buys, ages and
	 * retires nothing: it adds zeros (0 x a finite factor), and is not
	 * run. */
	if (f->opts.lifetime == 0 && m->first + (int)m->n - 1 < last &&
	    isfinite(m->factor))
		last = m->first + (int)m->n - 1;
	if (f->opts.lifetime == 0 && !m->retires) {
		run_bought(m, last, &e[m->first - o->first]);
		return GC_OK;
	}
	return run_cohorts(f, o, m, last, e, err);
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
	/* every field: a draw's lane is not cleared before it is filled */
	r->org = o->name;
	r->projected = false;
	r->fit_quarters = 0;
	r->fit_qoq = NAN;
	r->entered =
		(unsigned char)((isnan(c->reported) ? 0
						    : SERIES_ENTERED_LEVEL) |
				(c->added > 0 && e->added == 0 && !c->with_money
					 ? SERIES_ENTERED_ADDED
					 : 0) |
				(c->retired > 0 && e->retired == 0
					 ? SERIES_ENTERED_RETIRED
					 : 0) |
				(o->has_spend && c->spend != 0
					 ? SERIES_ENTERED_SPEND
					 : 0));
	r->total = false;
	r->incomplete = c->incomplete;
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
	r->capex = o->has_spend || o->has_unpaid ? c->spend + c->unpaid : NAN;
}

static enum gc_status fill_org(const struct fleet *f, const struct fleet_org *o,
			       struct series_row *rows, struct gc_error *err)
{
	static const struct qcell EMPTY = { .reported = NAN };
	size_t n = (size_t)(f->last - o->first + 1), i;
	struct unit_effect near[COHORTS_ON_STACK];
	struct unit_effect *e =
		n <= COHORTS_ON_STACK ? near : calloc(n, sizeof *e);
	struct running run = { 0, 0, 0, 0 };
	enum gc_status st = GC_OK;

	if (e == NULL)
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	if (e == near)
		memset(near, 0, n * sizeof *near);
	for (i = 0; i < o->nflows && st == GC_OK; i++)
		st = run_flow(f, o, &o->flows[i], e, err);
	for (i = 0; i < n && st == GC_OK; i++) {
		fill_row(f, o, i < o->n ? &o->cells[i] : &EMPTY, &e[i], &run,
			 &rows[i]);
		rows[i].quarter = o->first + (int)i;
	}
	if (e != near)
		free(e);
	series_fill_growth(rows, o->first, n);
	series_fill_costs(rows, n,
			  f->opts.costs_unread ? NULL : &f->opts.rates);
	return st;
}

static size_t count_rows(const struct fleet *f)
{
	size_t i, n = 0;

	for (i = 0; i < f->norgs; i++)
		n += (size_t)(f->last - f->orgs[i].first + 1);
	return n;
}

/* The rows of the sum of every org: each quarter any org has. */
static size_t total_rows(const struct fleet *f)
{
	int first = f->last;
	size_t i;

	for (i = 0; i < f->norgs; i++)
		first = f->orgs[i].first < first ? f->orgs[i].first : first;
	return f->norgs > 0 ? (size_t)(f->last - first + 1) : 0;
}

/* ---- scenarios ---- */

double fleet_figure_at(const struct sample_figure *g, size_t lane)
{
	const double at[3] = { g->mid, g->lo, g->hi };

	return at[lane < 3 ? lane : 0];
}

/* Where a scenario's figures come from: the central figures and the
 * ends (drawn NULL: lane 0, 1, 2), or a run of draws made beforehand,
 * figure j's draw at drawn[j * stride + lane]. */
struct lane_src {
	size_t lane;
	const double *drawn;
	size_t stride;
};

static double lane_value(const struct fleet *f, const struct lane_src *src,
			 size_t figure)
{
	if (src->drawn == NULL)
		return fleet_figure_at(&f->figures[figure], src->lane);
	return src->drawn[figure * src->stride + src->lane];
}

/* An org as one scenario has it: its cells copied, its uncertain
 * figures put in at the scenario's values. Without uncertain figures it
 * is the org itself. */
/* The copies live in room that a caller keeps from org to org and lane
 * to lane (lane_org_free frees it): a sampled series makes thousands of
 * lanes of every org. */
struct lane_org {
	struct fleet_org org;
	struct qcell *cells;
	struct model_flow *flows;
	struct flow_cell *flow_cells;
	size_t cells_cap, flows_cap, flow_cells_cap;
};

static void lane_org_free(struct lane_org *v)
{
	free(v->cells);
	free(v->flows);
	free(v->flow_cells);
	memset(v, 0, sizeof *v);
}

/* Copies of the org's cells and of its flows' cells, for v. */
static bool lane_copy(const struct fleet_org *o, struct lane_org *v)
{
	size_t i, n = 0;

	for (i = 0; i < o->nflows; i++)
		n += o->flows[i].n;
	if (!util_grow((void **)&v->cells, &v->cells_cap, o->n + 1,
		       sizeof *v->cells) ||
	    !util_grow((void **)&v->flows, &v->flows_cap, o->nflows + 1,
		       sizeof *v->flows) ||
	    !util_grow((void **)&v->flow_cells, &v->flow_cells_cap, n + 1,
		       sizeof *v->flow_cells))
		return false;
	/* an org with no flows has no flows array: nothing to copy */
	if (o->n > 0)
		memcpy(v->cells, o->cells, o->n * sizeof *v->cells);
	if (o->nflows > 0)
		memcpy(v->flows, o->flows, o->nflows * sizeof *v->flows);
	for (n = 0, i = 0; i < o->nflows; i++) {
		memcpy(v->flow_cells + n, o->flows[i].cells,
		       o->flows[i].n * sizeof *v->flow_cells);
		v->flows[i].cells = v->flow_cells + n;
		n += o->flows[i].n;
	}
	v->org.cells = v->cells;
	v->org.flows = v->flows;
	return true;
}

/* One uncertain figure, at value x, in its cell. */
static void put_delta(struct lane_org *v, const struct lane_delta *d, double x)
{
	struct qcell *c = &v->cells[d->quarter - v->org.first];
	struct flow_cell *u;

	switch (d->target) {
	case LT_UNITS:
		u = &v->flows[d->flow]
			     .cells[d->quarter - v->flows[d->flow].first];
		if (x >= 0) {
			u->bought += x;
		} else {
			u->retired -= x;
			v->flows[d->flow].retires = true;
		}
		break;
	case LT_CAPACITY:
		if (x >= 0)
			c->added += x;
		else
			c->retired -= x;
		break;
	case LT_SPEND:
		c->spend += x;
		break;
	case LT_LEVEL:
		c->reported = x;
		break;
	case LT_PART:
		c->reported = (isnan(c->reported) ? 0 : c->reported) + x;
		break;
	case LT_UNPAID: /* NaN: a model without a price */
		c->unpaid += isnan(x) ? NAN : x > 0 ? x : 0;
		break;
	}
}

static bool lane_org_make(const struct fleet *f, const struct fleet_org *o,
			  const struct lane_src *src, struct lane_org *v)
{
	size_t i;

	v->org = *o;
	if (o->ndeltas == 0)
		return true;
	if (!lane_copy(o, v))
		return false;
	for (i = 0; i < o->ndeltas; i++) {
		const struct lane_delta *d = &o->deltas[i];

		put_delta(v, d, lane_value(f, src, d->figure) * d->scale);
	}
	return true;
}

/* One scenario's rows of every org (in `order`), without totals, each
 * org made in room v. An org without uncertain figures is the same in
 * every scenario: its rows are copied from `central` when given, not
 * worked out again. */
static enum gc_status
lane_rows(const struct fleet *f, const struct fleet_org *const *order,
	  const struct lane_src *src, const struct series_row *central,
	  struct series_row *rows, struct lane_org *v, struct gc_error *err)
{
	enum gc_status st = GC_OK;
	size_t i, at = 0;

	for (i = 0; i < f->norgs && st == GC_OK; i++) {
		size_t n = (size_t)(f->last - order[i]->first + 1);

		if (central != NULL && order[i]->ndeltas == 0)
			memcpy(rows + at, central + at, n * sizeof *rows);
		else if (!lane_org_make(f, order[i], src, v))
			st = gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
		else
			st = fill_org(f, &v->org, rows + at, err);
		at += n;
	}
	series_fill_shares(rows, at);
	return st;
}

/* Every scenario after the first: the ends of the ranges. They say
 * nothing themselves (the central scenario gives the warnings), and a
 * retirement past what is in service at an end retires all of it. */
static enum gc_status end_lanes(const struct fleet *f,
				const struct fleet_org *const *order,
				struct series *out, struct gc_error *err)
{
	struct fleet quiet = *f;
	struct lane_src lo = { 1, NULL, 0 }, hi = { 2, NULL, 0 };
	struct lane_org v = { 0 };
	enum gc_status st;

	quiet.opts.warn = NULL;
	quiet.opts.keep_going = true;
	out->low = calloc(out->n, sizeof *out->low);
	out->high = calloc(out->n, sizeof *out->high);
	if (out->low == NULL || out->high == NULL)
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	st = lane_rows(&quiet, order, &lo, out->rows, out->low, &v, err);
	if (st == GC_OK)
		st = lane_rows(&quiet, order, &hi, out->rows, out->high, &v,
			       err);
	lane_org_free(&v);
	return st;
}

static const struct lane_src CENTRAL = { 0, NULL, 0 };

/* The orgs, sorted by name as the series lists them. */
static const struct fleet_org **sorted_orgs(const struct fleet *f)
{
	const struct fleet_org **order = malloc(f->norgs * sizeof *order);
	size_t i;

	if (order == NULL)
		return NULL;
	for (i = 0; i < f->norgs; i++)
		order[i] = &f->orgs[i];
	qsort(order, f->norgs, sizeof *order, cmp_org);
	return order;
}

/* The central scenario's org rows; *order is the orgs in their order
 * (the caller frees it). */
static enum gc_status org_series_central(const struct fleet *f,
					 struct series *out,
					 const struct fleet_org ***order,
					 struct gc_error *err)
{
	struct lane_org v = { 0 };
	enum gc_status st;

	*order = NULL;
	if (f->norgs == 0)
		return GC_OK;
	out->n = count_rows(f);
	if (out->n > FLEET_ROWS_MAX)
		return gc_fail(err, GC_DATA, NULL, 0, 0,
			       "the report would have %zu rows (%zu orgs, each "
			       "to the ledger's last quarter); the limit is %d",
			       out->n, f->norgs, FLEET_ROWS_MAX);
	*order = sorted_orgs(f);
	out->rows = *order ? calloc(out->n, sizeof *out->rows) : NULL;
	if (out->rows == NULL)
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	st = lane_rows(f, *order, &CENTRAL, NULL, out->rows, &v, err);
	lane_org_free(&v);
	return st;
}

/* Every scenario's org rows, reduced: the central one, and with ranges
 * their ends. */
static enum gc_status org_series(const struct fleet *f, struct series *out,
				 struct gc_error *err)
{
	const struct fleet_org **order;
	enum gc_status st = org_series_central(f, out, &order, err);

	if (st == GC_OK && f->nfigures > 0 && out->n > 0)
		st = end_lanes(f, order, out, err);
	free(order);
	if (st == GC_OK)
		series_reduce(out);
	return st;
}

enum gc_status fleet_series(const struct fleet *f, struct series *out,
			    struct gc_error *err)
{
	enum gc_status st;

	memset(out, 0, sizeof *out);
	st = org_series(f, out, err);
	if (st == GC_OK && f->opts.total)
		st = series_add_total(out, err);
	if (st != GC_OK)
		series_free(out);
	series_scrub(out);
	out->rates = f->opts.rates;
	return st;
}

/* ---- a sampled series ---- */

/* Draws [from, to) of every org's rows, for one thread. */
struct draw_job {
	const struct fleet *f; /* quiet */
	const struct fleet_org *const *order;
	const struct series_row *central;
	const struct fleet_sampling *how;
	struct series *out;
	/* Draws put here as they are made, not held in out's lanes. */
	struct series_stream *stream;
	size_t n; /* rows a draw */
	enum gc_status st[UTIL_THREADS_MAX];
	struct gc_error err[UTIL_THREADS_MAX];
};

/* Draws are made a run at a time, every figure's run of the run's
 * lanes before any lane is worked out: at most this many values a
 * thread (1 MB), between 2 and 64 draws a run. */
#define DRAWN_MAX ((size_t)1 << 17)
#define RUN_MAX	  64

/* A streamed run's rows are made in room of at most this much (2 MB),
 * so a run of a long ledger's draws is shorter, down to one draw. */
#define STREAM_ROOM ((size_t)1 << 21)

static size_t run_length(const struct draw_job *job)
{
	size_t run = DRAWN_MAX / (job->f->nfigures + 1), fit;

	run = run < 2 ? 2 : run > RUN_MAX ? RUN_MAX : run;
	if (job->stream == NULL)
		return run;
	fit = STREAM_ROOM / ((job->n + 1) * sizeof(struct series_row));
	return fit < 1 ? 1 : fit < run ? fit : run;
}

/* What a part makes its draws in: the drawn figures of a run, an org's
 * copy, and with a stream the run's rows. */
struct draw_room {
	double *drawn;
	size_t run;
	struct lane_org org;
	struct series_row *rows;
};

/* Draws [k, k + count) of every figure, then each one's rows: in the
 * lanes, or in the room's rows and then into the stream. */
static enum gc_status draw_run(const struct draw_job *job, int part, size_t k,
			       size_t count, struct draw_room *room,
			       struct gc_error *err)
{
	const struct fleet *f = job->f;
	enum gc_status st = GC_OK;
	size_t i;

	for (i = 0; i < f->nfigures; i++)
		job->how->draw(job->how->ctx, i, &f->figures[i], k, count,
			       room->drawn + i * room->run);
	for (i = 0; i < count && st == GC_OK; i++) {
		struct lane_src src = { i, room->drawn, room->run };
		struct series_row *rows =
			job->stream != NULL ? room->rows + i * job->n
					    : job->out->draws->lane[k + i];

		st = lane_rows(f, job->order, &src, job->central, rows,
			       &room->org, err);
	}
	if (st == GC_OK && job->stream != NULL)
		series_stream_put(job->stream, part, k, count, room->rows);
	return st;
}

static void draw_part(void *ctx, int part, size_t from, size_t to)
{
	struct draw_job *job = ctx;
	struct draw_room room = { .run = run_length(job) };
	enum gc_status st = GC_OK;
	size_t k;

	room.drawn =
		malloc((job->f->nfigures * room.run + 1) * sizeof *room.drawn);
	if (job->stream != NULL) {
		series_stream_part(job->stream, part, from, to);
		room.rows = malloc((room.run * job->n + 1) * sizeof *room.rows);
	}
	if (room.drawn == NULL || (job->stream != NULL && room.rows == NULL))
		st = gc_fail(&job->err[part], GC_IO, NULL, 0, 0,
			     "out of memory");
	for (k = from; k < to && st == GC_OK; k += room.run)
		st = draw_run(job, part, k,
			      to - k < room.run ? to - k : room.run, &room,
			      &job->err[part]);
	lane_org_free(&room.org);
	free(room.drawn);
	free(room.rows);
	job->st[part] = st;
}

/* The draws of every org's rows, the central rows given: the draws say
 * nothing themselves (the central rows, worked out first, gave the
 * warnings and errors), and a retirement past what is in service in a
 * draw retires all of it. A draw depends on its number alone, so the
 * threads take contiguous runs of draws; the first failing part's error
 * (out of memory) is the one told. */
static enum gc_status
draw_lanes(const struct fleet *f, const struct fleet_org *const *order,
	   const struct series *central, const struct fleet_sampling *how,
	   struct series *out, struct series_stream *stream,
	   struct gc_error *err)
{
	struct fleet quiet = *f;
	struct draw_job *job = calloc(1, sizeof *job);
	enum gc_status st = GC_OK;
	int t;

	if (job == NULL)
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	quiet.opts.warn = NULL;
	quiet.opts.keep_going = true;
	quiet.opts.costs_unread = !how->lane_figures;
	*job = (struct draw_job){ .f = &quiet,
				  .order = order,
				  .central = central->rows,
				  .how = how,
				  .out = out,
				  .stream = stream,
				  .n = central->n };
	util_parallel(how->k, how->threads, 1, draw_part, job);
	for (t = 0; t < UTIL_THREADS_MAX && st == GC_OK; t++) {
		st = job->st[t];
		if (st != GC_OK)
			*err = job->err[t];
	}
	free(job);
	return st;
}

/* The draws held as lanes, with room for `room` more rows each, and
 * reduced. */
static enum gc_status held_draws(const struct fleet *f,
				 const struct fleet_org *const *order,
				 const struct series *central,
				 const struct fleet_sampling *how, size_t room,
				 struct series *out, struct gc_error *err)
{
	enum gc_status st;

	if (!series_draws_init(out, central->n, room, how->k, how->interval,
			       how->threads))
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	out->draws->lane_figures = how->lane_figures;
	st = draw_lanes(f, order, central, how, out, NULL, err);
	if (st == GC_OK)
		series_reduce(out);
	return st;
}

/* The draws reduced as they are made, never held (series_stream). */
static enum gc_status streamed_draws(const struct fleet *f,
				     const struct fleet_org *const *order,
				     const struct series *central,
				     const struct fleet_sampling *how,
				     struct series *out, struct gc_error *err)
{
	struct series_stream *stream =
		series_stream_new(central->n, how->k, how->lane_figures,
				  how->threads, central->rows);
	enum gc_status st;

	if (stream == NULL)
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	st = draw_lanes(f, order, central, how, out, stream, err);
	if (st == GC_OK &&
	    !series_stream_reduce(out, stream, how->interval, how->threads))
		st = gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	series_stream_free(stream);
	return st;
}

/* The central rows, and from them the draws, reduced. The draws are held
 * only when something reads them after the reduction: the caller says
 * so, or the sum of the orgs is added to every draw. */
static enum gc_status drawn_series(const struct fleet *f,
				   const struct fleet_sampling *how,
				   struct series *out, struct gc_error *err)
{
	struct series central;
	const struct fleet_org **order;
	size_t k = how->k,
	       room = f->opts.total || how->total_room ? total_rows(f) : 0;
	bool held = how->keep_draws || f->opts.total;
	enum gc_status st;

	memset(&central, 0, sizeof central);
	st = org_series_central(f, &central, &order, err);
	/* the same limit held or not: a ledger's --samples fit every command */
	if (st == GC_OK && k > series_draws_fit(central.n + room))
		st = gc_fail(err, GC_USAGE, NULL, 0, 0,
			     "--samples: %zu draws of this ledger's %zu rows "
			     "need over %.0f MB; at most %zu fit",
			     k, central.n + room, SERIES_DRAWS_BYTES / 1048576,
			     series_draws_fit(central.n + room));
	if (st == GC_OK && held)
		st = held_draws(f, order, &central, how, room, out, err);
	else if (st == GC_OK)
		st = streamed_draws(f, order, &central, how, out, err);
	free(order);
	series_free(&central);
	return st;
}

enum gc_status fleet_series_drawn(const struct fleet *f,
				  const struct fleet_sampling *how,
				  struct series *out, struct gc_error *err)
{
	enum gc_status st;

	if (f->nfigures == 0 || f->norgs == 0 || how->k == 0)
		return fleet_series(f, out, err);
	memset(out, 0, sizeof *out);
	st = drawn_series(f, how, out, err);
	if (st == GC_OK && f->opts.total)
		st = series_add_total(out, err);
	if (st != GC_OK)
		series_free(out);
	series_scrub(out);
	out->rates = f->opts.rates;
	return st;
}
