/* Reducing a sampled series' draws to medians and percentiles
 * (series.h): from lanes held whole, or from columns filled as the draws
 * are made (series_stream). */
/* madvise's MADV_HUGEPAGE, where the system has it */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "quantile.h"
#include "series_impl.h"
#include "util.h"

/* The order is the order of series_impl.h's count. */
const size_t series_figures[] = {
	offsetof(struct series_row, units),
	offsetof(struct series_row, added),
	offsetof(struct series_row, retired),
	offsetof(struct series_row, h100e),
	offsetof(struct series_row, reported),
	offsetof(struct series_row, gap),
	offsetof(struct series_row, qoq),
	offsetof(struct series_row, yoy),
	offsetof(struct series_row, ytd),
	offsetof(struct series_row, spend),
	offsetof(struct series_row, cum_spend),
	offsetof(struct series_row, usd_per_h100e),
	offsetof(struct series_row, power_mw),
	offsetof(struct series_row, fit_qoq),
	/* the figures made per lane, reduced only when read */
	offsetof(struct series_row, depreciation),
	offsetof(struct series_row, cost),
	offsetof(struct series_row, usd_per_h100e_hour),
	offsetof(struct series_row, cum_h100e_years),
	offsetof(struct series_row, share_pct),
};

_Static_assert(sizeof series_figures / sizeof series_figures[0] ==
		       SERIES_NFIGURES,
	       "SERIES_NFIGURES counts series_figures");

/* ---- from lanes ---- */

/* One figure's defined draws, buf[0, n) of k (all equal when same):
 * median to mid, the interval's ends to lo and hi; undefined where too
 * few draws define it. */
static void reduce_figure(const double *buf, size_t n, size_t k, bool same,
			  double interval, double *scratch, double *mid,
			  double *lo, double *hi)
{
	double tail = (1 - interval) / 2, p[3] = { tail, 0.5, 1 - tail }, q[3];

	if (n == 0 || (double)n < SERIES_DEFINED_MIN * (double)k) {
		*mid = *lo = *hi = NAN;
		return;
	}
	if (same) { /* a figure no draw changes: nothing to select */
		*mid = *lo = *hi = buf[0];
		return;
	}
	quantiles(buf, n, p, 3, q, scratch);
	*lo = q[0];
	*mid = q[1];
	*hi = q[2];
}

/* The figures a sampled series reduces: all of them, or all but the
 * lane figures when no one reads them. */
static size_t reduced_figures(bool lane_figures)
{
	return lane_figures ? SERIES_NFIGURES
			    : SERIES_NFIGURES - SERIES_LANE_ONLY;
}

/* Row at of rows, low and high before its figures are reduced: the
 * fields that are no figure (org, quarter, marks) from the first draw,
 * the figures not reduced undefined. */
static void reduced_row_init(struct series *s, size_t at,
			     const struct series_row *first, size_t nf)
{
	size_t f;

	s->rows[at] = s->low[at] = s->high[at] = *first;
	for (f = nf; f < SERIES_NFIGURES; f++) {
		size_t o = series_figures[f];

		*series_field(&s->rows[at], o) = *series_field(&s->low[at], o) =
			*series_field(&s->high[at], o) = NAN;
	}
}

/* Figure f of row at from its defined draws buf[0, n) of k. */
static void reduce_into(struct series *s, size_t at, size_t f,
			const double *buf, size_t n, size_t k, bool same,
			double interval, double *scratch)
{
	size_t o = series_figures[f];

	reduce_figure(buf, n, k, same, interval, scratch,
		      series_field(&s->rows[at], o),
		      series_field(&s->low[at], o),
		      series_field(&s->high[at], o));
}

/* Rows reduced together: each draw's rows of a block are read in one go
 * (they lie together), which keeps the reads sequential where a row at a
 * time would miss the cache in every draw. */
#define REDUCE_BLOCK 16

/* Lanes lie far apart: the processor's prefetcher follows a lane's rows
 * but not the jump to the next lane, so the block of the lane this many
 * ahead is asked for while this one is read. */
#define AHEAD 4

static void prefetch(const void *p, size_t n)
{
#if defined(__GNUC__)
	size_t o;

	for (o = 0; o < n; o += 64) /* a cache line */
		__builtin_prefetch((const char *)p + o);
#else
	(void)p;
	(void)n;
#endif
}

/* Draw x added to a figure's defined draws col[0, *n), unless it is
 * undefined; *same stays true while every one equals the first. */
static void keep_defined(double *col, size_t *n, bool *same, double x)
{
	if (isnan(x))
		return;
	*same = *same && (*n == 0 || x == col[0]);
	col[(*n)++] = x;
}

/* Rows [i, i + b) of every draw, each defined figure of each row into its
 * own column of buf (k values a column: row r, figure f at column
 * r * nf + f); same[] says whether a column's values all equal its
 * first. */
static void gather_block(const struct series_draws *d, size_t i, size_t b,
			 double *buf, size_t *n, bool *same)
{
	size_t k, r, f, c, nf = reduced_figures(d->lane_figures);

	for (c = 0; c < b * nf; c++) {
		n[c] = 0;
		same[c] = true;
	}
	for (k = 0; k < d->k; k++) {
		const struct series_row *row = &d->lane[k][i];

		if (k + AHEAD < d->k)
			prefetch(&d->lane[k + AHEAD][i], b * sizeof *row);
		for (r = 0, c = 0; r < b; r++, row++) {
			for (f = 0; f < nf; f++, c++) {
				keep_defined(
					buf + c * d->k, &n[c], &same[c],
					*series_field((struct series_row *)row,
						      series_figures[f]));
			}
		}
	}
}

/* Rows [from, to) of the draws reduced, a block at a time. */
static void reduce_rows(struct series *s, size_t from, size_t to)
{
	const struct series_draws *d = s->draws;
	double *buf = malloc((REDUCE_BLOCK * SERIES_NFIGURES * d->k +
			      quantile_scratch(d->k)) *
			     sizeof *buf);
	double *scratch = buf + REDUCE_BLOCK * SERIES_NFIGURES * d->k;
	size_t n[REDUCE_BLOCK * SERIES_NFIGURES], i, r, f, b,
		nf = reduced_figures(d->lane_figures);
	bool same[REDUCE_BLOCK * SERIES_NFIGURES];

	for (i = from; buf != NULL && i < to; i += b) {
		b = to - i < REDUCE_BLOCK ? to - i : REDUCE_BLOCK;
		gather_block(d, i, b, buf, n, same);
		for (r = 0; r < b; r++) {
			size_t at = i + r;

			reduced_row_init(s, at, &d->lane[0][at], nf);
			for (f = 0; f < nf; f++) {
				size_t c = r * nf + f;

				reduce_into(s, at, f, buf + c * d->k, n[c],
					    d->k, same[c], d->interval,
					    scratch);
			}
		}
	}
	free(buf);
}

/* A part of the rows past `from`, for one thread. */
struct reduce_job {
	struct series *s;
	size_t from;
};

static void reduce_part(void *ctx, int part, size_t from, size_t to)
{
	struct reduce_job *job = ctx;

	(void)part;
	reduce_rows(job->s, job->from + from, job->from + to);
}

/* Rows are reduced independently of one another: the threads take
 * contiguous runs of rows, a block or more each. */
void series_reduce_lanes(struct series *s, size_t from)
{
	struct reduce_job job = { s, from };

	util_parallel(s->n - from, s->draws->threads, REDUCE_BLOCK, reduce_part,
		      &job);
}

/* ---- as the draws are made ---- */

/* A column's draws lie in the block's slot of that number, given out in
 * the order the columns are first written: written columns lie side by
 * side, and the block may be backed by large pages without holding a
 * column nobody writes. */
#define NO_SLOT SIZE_MAX
/* Large pages: the size the block is aligned to. */
#define HUGE_PAGE ((size_t)2 << 20)

struct series_stream {
	size_t n, k, nf; /* rows, draws, figures reduced a row */
	/* column c = row * nf + figure: the figure's k draws at
	 * cols + slot[c] * k, once a part has written it */
	double *cols;
	size_t *slot, nslots;
	pthread_mutex_t lock;		  /* over slot and nslots */
	bool locked;			  /* the lock was made */
	const struct series_row *central; /* each column's reference */
	struct series_row *first;	  /* draw 0's rows */
	/* Which columns a part has written: all of its draws, or none
	 * (every one of them equal to the reference). */
	unsigned char *live;
	int parts;
	size_t from[UTIL_THREADS_MAX], to[UTIL_THREADS_MAX];
};

/* Room for the columns, on large pages where the system gives them: a
 * report writes tens of MB of draws once, and a fault a small page is
 * then a sixth of its time. */
static double *block(size_t bytes)
{
	void *p = NULL;
	size_t round = (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;

	if (bytes > SIZE_MAX - HUGE_PAGE ||
	    posix_memalign(&p, HUGE_PAGE, round) != 0)
		return NULL;
#ifdef MADV_HUGEPAGE
	(void)madvise(p, round, MADV_HUGEPAGE); /* advice: may be ignored */
#endif
	return p;
}

struct series_stream *series_stream_new(size_t n, size_t k, bool lane_figures,
					int parts,
					const struct series_row *central)
{
	struct series_stream *st = calloc(1, sizeof *st);
	size_t nf = reduced_figures(lane_figures), ncols = n * nf, i;

	if (st == NULL)
		return NULL;
	*st = (struct series_stream){
		.n = n, .k = k, .nf = nf, .central = central, .parts = parts
	};
	/* not cleared: a column's pages are touched only if it is written */
	st->cols = ncols > 0 && k <= SIZE_MAX / sizeof *st->cols / ncols
			   ? block(ncols * k * sizeof *st->cols)
			   : NULL;
	st->first = malloc((n + 1) * sizeof *st->first);
	st->live = calloc((size_t)parts * ncols + 1, 1);
	/* cols is NULL unless ncols * k doubles fit: so do ncols + 1 slots */
	st->slot = st->cols != NULL ? malloc((ncols + 1) * sizeof *st->slot)
				    : NULL;
	st->locked =
		st->slot != NULL && pthread_mutex_init(&st->lock, NULL) == 0;
	if (st->first == NULL || st->live == NULL || !st->locked || parts < 1 ||
	    parts > UTIL_THREADS_MAX) {
		series_stream_free(st);
		return NULL;
	}
	for (i = 0; i < ncols; i++)
		st->slot[i] = NO_SLOT;
	return st;
}

void series_stream_free(struct series_stream *st)
{
	if (st == NULL)
		return;
	if (st->locked)
		pthread_mutex_destroy(&st->lock);
	free(st->cols);
	free(st->first);
	free(st->live);
	free(st->slot);
	free(st);
}

void series_stream_part(struct series_stream *st, int part, size_t from,
			size_t to)
{
	st->from[part] = from;
	st->to[part] = to;
}

/* Whether a draw is its column's reference value: NaN for NaN, and a
 * zero of the same sign (the reduction of equal draws is their value). */
static bool is_reference(double x, double ref)
{
	return isnan(x) ? isnan(ref) : x == ref && !signbit(x) == !signbit(ref);
}

static double reference(const struct series_stream *st, size_t c)
{
	return *series_field((struct series_row *)&st->central[c / st->nf],
			     series_figures[c % st->nf]);
}

/* Column c's draws, or NULL before any part writes it. */
static double *column(const struct series_stream *st, size_t c)
{
	return st->slot[c] == NO_SLOT ? NULL : st->cols + st->slot[c] * st->k;
}

/* Column c's draws, given a slot if it has none: the first part to write
 * a column gives it the next. */
static double *claim(struct series_stream *st, size_t c)
{
	pthread_mutex_lock(&st->lock);
	if (st->slot[c] == NO_SLOT)
		st->slot[c] = st->nslots++;
	pthread_mutex_unlock(&st->lock);
	return column(st, c);
}

/* Which of row r's columns not yet written this part the run's draws
 * move from their reference: each draw's row is read once for all its
 * figures (the run's rows lie a whole draw apart, so reading them figure
 * by figure would fetch each row's cache lines once per figure). */
static void find_moved(const struct series_stream *st, size_t r, size_t count,
		       const struct series_row *lanes,
		       const unsigned char *live, bool *moved)
{
	size_t nf = st->nf, f, i, j, nq = 0, at[SERIES_NFIGURES];
	double ref[SERIES_NFIGURES];
	uint64_t bits[SERIES_NFIGURES];

	for (f = 0; f < nf; f++) {
		moved[f] = false;
		if (!live[f]) {
			ref[nq] = reference(st, r * nf + f);
			at[nq++] = f;
		}
	}
	for (f = 0; f < nq; f++)
		memcpy(&bits[f], &ref[f], sizeof bits[f]);
	for (i = 0; i < count && nq > 0; i++) {
		const char *row = (const char *)&lanes[i * st->n + r];

		for (j = 0; j < nq; j++) {
			uint64_t b;
			double x;

			/* mostly the very bits of the reference: a compare */
			memcpy(&b, row + series_figures[at[j]], sizeof b);
			if (b == bits[j] || moved[at[j]])
				continue;
			memcpy(&x, &b, sizeof x);
			moved[at[j]] = !is_reference(x, ref[j]);
		}
	}
}

/* Row r's written columns get the run's draws, a draw's row at a time.
 * A column first moved in this run starts with the reference for the
 * part's earlier draws; the run's own draws are copied whole, since
 * those before the first that moved are the reference too. */
void series_stream_put(struct series_stream *st, int part, size_t k,
		       size_t count, const struct series_row *lanes)
{
	size_t n = st->n, nf = st->nf, r, f, i, j;

	if (k == 0)
		memcpy(st->first, lanes, n * sizeof *lanes);
	for (r = 0; r < n; r++) {
		unsigned char *live = st->live + ((size_t)part * n + r) * nf;
		size_t off[SERIES_NFIGURES], nl = 0;
		double *col[SERIES_NFIGURES];
		bool moved[SERIES_NFIGURES];

		find_moved(st, r, count, lanes, live, moved);
		for (f = 0; f < nf; f++) {
			double *c;

			if (moved[f]) {
				c = claim(st, r * nf + f);
				for (j = st->from[part]; j < k; j++)
					c[j] = reference(st, r * nf + f);
				live[f] = 1;
			}
			if (live[f]) {
				off[nl] = series_figures[f];
				col[nl++] = column(st, r * nf + f) + k;
			}
		}
		for (i = 0; i < count; i++) {
			const char *row = (const char *)&lanes[i * n + r];

			for (j = 0; j < nl; j++)
				memcpy(&col[j][i], row + off[j],
				       sizeof(double));
		}
	}
}

/* Column c made whole: the draws of the parts that did not write it are
 * its reference. False when no part wrote it. */
static bool column_whole(const struct series_stream *st, size_t c)
{
	size_t ncols = st->n * st->nf, i;
	double *col = column(st, c), ref = reference(st, c);
	bool any = col != NULL;
	int p;

	for (p = 0; any && p < st->parts; p++)
		if (!st->live[(size_t)p * ncols + c])
			for (i = st->from[p]; i < st->to[p]; i++)
				col[i] = ref;
	return any;
}

/* The defined draws of a whole column moved to its front, in draw order
 * (as gather_block leaves them); *same says whether all equal the first. */
static size_t defined_front(double *col, size_t k, bool *same)
{
	size_t i, n = 0;

	*same = true;
	for (i = 0; i < k; i++) /* n <= i: what is read is not yet moved */
		keep_defined(col, &n, same, col[i]);
	return n;
}

struct stream_job {
	struct series *s;
	struct series_stream *st;
	double interval;
	bool failed[UTIL_THREADS_MAX];
};

static void stream_part(void *ctx, int part, size_t from, size_t to)
{
	struct stream_job *job = ctx;
	struct series_stream *st = job->st;
	double *scratch = malloc(quantile_scratch(st->k) * sizeof *scratch);
	size_t at, f;

	job->failed[part] = scratch == NULL;
	for (at = from; scratch != NULL && at < to; at++) {
		reduced_row_init(job->s, at, &st->first[at], st->nf);
		for (f = 0; f < st->nf; f++) {
			size_t c = at * st->nf + f, n;
			double ref = reference(st, c), *col = column(st, c);
			bool same = true;

			if (column_whole(st, c))
				n = defined_front(col, st->k, &same);
			else
				col = &ref, n = isnan(ref) ? 0 : st->k;
			reduce_into(job->s, at, f, col, n, st->k, same,
				    job->interval, scratch);
		}
	}
	free(scratch);
}

bool series_stream_reduce(struct series *s, struct series_stream *st,
			  double interval, int threads)
{
	struct stream_job job = { .s = s, .st = st, .interval = interval };
	int p;

	memset(s, 0, sizeof *s);
	s->n = st->n;
	s->rows = calloc(st->n + 1, sizeof *s->rows);
	s->low = calloc(st->n + 1, sizeof *s->low);
	s->high = calloc(st->n + 1, sizeof *s->high);
	if (s->rows == NULL || s->low == NULL || s->high == NULL)
		return false;
	util_parallel(st->n, threads, REDUCE_BLOCK, stream_part, &job);
	for (p = 0; p < UTIL_THREADS_MAX; p++)
		if (job.failed[p])
			return false;
	return true;
}
