/* The series: what the fleet produces and every command reads (report,
 * check, project, chart). A row per org and quarter, each org's rows
 * consecutive quarters from its first to the ledger's last, orgs sorted
 * by name, then the sum of all orgs (--total) when asked for.
 *
 * Uncertainty is scenarios, reduced in one place. A ledger whose figures
 * are all certain is one scenario. One with ranges is evaluated as
 * several scenarios side by side, each a lane of rows, all lanes the same
 * orgs and quarters row for row:
 *
 *   bounds   3 lanes: the central figures, every range at its low end,
 *            every range at its high end (rows, low, high);
 *   samples  N lanes: draws of every uncertain figure (--samples N).
 *
 * The fleet keeps one accumulator of the certain figures and a list of
 * the uncertain ones, and makes each lane from them in turn, so memory
 * grows with (series rows x lanes), not with (fleet x lanes). Whatever
 * transforms a series (projection, the sum of the orgs) runs lane by lane,
 * and series_reduce() turns the lanes into what printers and checks read,
 * rows with their low and high ends: with bounds the central lane and the
 * least and greatest of the three (gap_h100e by interval subtraction,
 * growth, usd_per_h100e and usd_per_h100e_hour from the bounds), with samples
 * each figure's median and percentiles across the draws. Printers and checks
 * never know which method made a band. */
#ifndef GPUCAP_SERIES_H
#define GPUCAP_SERIES_H

#include <stdbool.h>
#include <stddef.h>

#include "gpucap/diag.h"

/* A series spans at most this many quarters (250 years), and holds at
 * most this many rows in a lane: together they bound memory whatever a
 * ledger or a projection asks for. */
#define SERIES_SPAN_MAX 1000
#define SERIES_ROWS_MAX 1000000

/* The name of the rows that sum every org (--total). A check tells them
 * from an org of that name by their `total` mark, never by the name. */
#define SERIES_TOTAL_ORG "all"

/* The figures of a row that are entered, not computed: the level (a
 * reported level makes h100e), H100e added or retired by capacity rows
 * alone (no units, no money over a price), the quarter's spend. */
#define SERIES_ENTERED_LEVEL   1u
#define SERIES_ENTERED_ADDED   2u
#define SERIES_ENTERED_RETIRED 4u
#define SERIES_ENTERED_SPEND   8u

/* One org in one quarter. NaN marks an undefined figure: units and power
 * for an org no row counted units for, spend for an org no row gave money
 * for, growth against zero or before the org's first quarter. */
struct series_row {
	const char *org;
	int quarter;
	double units;	/* in service at quarter end */
	double added;	/* H100e added this quarter */
	double retired; /* H100e retired, positive */
	double h100e;	/* at quarter end */
	double reported;
	double gap;
	double qoq, yoy, ytd; /* growth, % */
	double spend, cum_spend, usd_per_h100e;
	double power_mw;
	/* Made per lane, since neither is a function of one figure that a
	 * percentile passes through: the running sum of h100e x 0.25 (an
	 * H100e a quarter is a quarter of an H100-year), and the org's share
	 * of the quarter's h100e over the orgs of the series, in %. */
	double cum_h100e_years, share_pct;
	/* Money (SPEC 4.6): capital spent in the quarter (its spend, or what
	 * it bought at catalog prices; NaN for an org whose rows buy
	 * nothing), its straight-line depreciation, that plus the energy
	 * bill, and the sum over the quarter's H100e-hours. Made per lane,
	 * since the energy and the depreciation of a draw go together. */
	double capex, depreciation, cost, usd_per_h100e_hour;
	/* A projected row's growth as fitted, in % a quarter (a linear
	 * fit's first step over the level it grows from); NaN elsewhere. */
	double fit_qoq;
	bool projected; /* extrapolated, not from the ledger */
	/* A projected row's growth: fitted over this many quarters, or 0
	 * at a target's rate (fits in the row's padding). */
	unsigned short fit_quarters;
	/* Which figures are the ledger's own, read back unchanged
	 * (SERIES_ENTERED_*): a check on one tests the input, not gpucap. */
	unsigned char entered;
	bool total;	 /* a row of the sum of every org */
	bool incomplete; /* the ledger says its figures are partial */
};

/* The draws of a sampled series: k lanes of the series' n rows, which
 * its rows, low and high reduce to each figure's median and the
 * percentiles that hold `interval` of the draws between them (0.9: the
 * 5th and 95th). */
struct series_draws {
	struct series_row **lane;
	/* The lanes lie in one block, cap rows apart (cap >= n): one
	 * allocation, not one a lane, and the rows added to every lane (the
	 * total's) fit without moving it. */
	struct series_row *block;
	size_t cap;
	size_t k;
	double interval;
	int threads; /* the reduction's */
	/* Whether cum_h100e_years and share_pct are reduced too: a command
	 * that reads neither (most) saves a seventh of the reduction, and
	 * finds them undefined. */
	bool lane_figures;
};

/* rows, with low and high their ends row for row (NULL for a series
 * without uncertainty), are what is read; draws, when not NULL, what a
 * sampled series' rows, low and high are reduced from. */
/* What turns a row's H100e and power into FLOP, energy and money (SPEC
 * 4.6): the columns computed from one figure are worked out as they are
 * read (report.h), from the row and these. */
struct series_rates {
	double flop_per_h100e; /* FLOP/s of one H100e; NaN: not a FLOP metric */
	double mfu;	       /* share of peak a training run reaches */
	double run_days;       /* the largest run's length */
	double load;	       /* share of nameplate power drawn */
	double grid_gco2;      /* g CO2 a kWh; NaN: not given */
	double usd_per_kwh;
	int depreciation_quarters; /* capital is written off over these */
};

/* A quarter is a quarter of a year: 365.25 x 24 / 4 hours. */
#define SERIES_QUARTER_HOURS 2191.5

struct series {
	struct series_row *rows;
	size_t n;
	struct series_row *low, *high;
	struct series_draws *draws;
	struct series_rates rates;
};

/* The draws of a series hold at most this much memory; past it, the
 * number of draws that fit is said. */
#define SERIES_DRAWS_BYTES (1024.0 * 1024 * 1024)

/* How many draws of n rows fit in SERIES_DRAWS_BYTES (with the reduced
 * rows, low and high beside them). */
size_t series_draws_fit(size_t n);

/* A sampled series of n rows and k draws, lanes allocated (not filled)
 * with room for `room` more rows each, rows, low and high too; false
 * when out of memory (s is then for series_free). */
bool series_draws_init(struct series *s, size_t n, size_t room, size_t k,
		       double interval, int threads);

/* The share of a sampled series' draws in which a figure must be defined
 * for its median and percentiles to be: fewer, and it is undefined. */
#define SERIES_DEFINED_MIN 0.5

void series_free(struct series *s);

/* The lanes a transform runs over: rows alone; rows, low and high with
 * bounds (before series_reduce: the central lane and the two ends'; after,
 * the bounds themselves, which project again as ends); the draws with
 * samples. */
size_t series_nlanes(const struct series *s);
struct series_row *series_lane(const struct series *s, size_t k);

/* Makes rows, low and high from the lanes, as the top of this file says.
 * Org rows are reduced whole; total rows of a bounded series keep their
 * sums of ends, and only their ratios are bounded (series_bound_ratios).
 * series_reduce_from does the same for rows [from, n) only. */
void series_reduce(struct series *s);
void series_reduce_from(struct series *s, size_t from);

/* ---- draws reduced as they are made ----
 *
 * A command that reads nothing but the reduced rows (no check, projection
 * or sum of the orgs reads a draw after the reduction) need not hold the
 * draws as lanes. Each thread makes a few draws at a time and puts them
 * here, where each figure of each row keeps its draws in a column, and
 * the reduction reads the columns. A column is written only from the
 * first draw in which the figure differs from the central row's: the
 * columns of figures no draw changes (certain spends, missing reported
 * levels, growth before an org's data) are never written, so their
 * memory is never touched. The reduced rows are the bytes series_reduce
 * makes of the same draws held as lanes. */
struct series_stream;

/* Columns for k draws of n rows, to be made in `parts` parts (threads),
 * each figure's reference from central[0, n); NULL when out of memory. */
struct series_stream *series_stream_new(size_t n, size_t k, bool lane_figures,
					int parts,
					const struct series_row *central);
void series_stream_free(struct series_stream *st);

/* Part `part` makes draws [from, to): said before its first put. */
void series_stream_part(struct series_stream *st, int part, size_t from,
			size_t to);

/* Draws [k, k + count) of one part, in order: draw k + i's n rows at
 * lanes[i * n, (i + 1) * n). */
void series_stream_put(struct series_stream *st, int part, size_t k,
		       size_t count, const struct series_row *lanes);

/* s made the n rows, low and high reduced from the columns, without
 * draws (interval as series_draws'); false when out of memory (s is
 * then for series_free). */
bool series_stream_reduce(struct series *s, struct series_stream *st,
			  double interval, int threads);

/* ---- one org's rows ---- */

/* The rows of one org, or of the total: s->rows[at, at + n), consecutive
 * quarters from rows[at].quarter. */
struct series_org {
	size_t at, n;
};

/* Moves o to the next org's rows (from the first when o->n is 0); false
 * after the last. */
bool series_next_org(const struct series *s, struct series_org *o);

/* The row of quarter q among one org's n rows, or NULL. */
const struct series_row *series_at(const struct series_row *rows, size_t n,
				   int q);

/* A year of one org's rows, as a row: the flows (added, retired, spend,
 * capex, depreciation, cost) summed over its quarters, usd_per_h100e as
 * the year's spend over its additions, usd_per_h100e_hour its cost over
 * its H100e-hours, every other figure at its Q4 (NaN when the org has no Q4
 * row). Returns how many of the year's four quarters it has rows for. */
int series_year(const struct series_row *rows, size_t n, int year,
		struct series_row *out);

/* With bounds, a year's usd_per_h100e ends: the low spend over the high
 * additions, and the other way round; usd_per_h100e_hour's alike. */
void series_year_bound(struct series_row *lo, struct series_row *hi);

/* ---- making series ---- */

/* Growth of now over before in %, NaN when before is not positive or the
 * growth is past what a double holds. */
double growth_pct(double now, double before);

/* Fills qoq, yoy and ytd, and cum_h100e_years, of one org's rows; rows[i]
 * is quarter first + i. */
void series_fill_growth(struct series_row *rows, int first, size_t n);

/* The energy a fleet drawing power_mw uses in a quarter at the rates'
 * load, in MWh, and its price in USD. */
double series_energy_mwh(const struct series_rates *x, double power_mw);
double series_energy_usd(const struct series_rates *x, double power_mw);

/* Fills depreciation, cost and usd_per_h100e_hour of one org's rows
 * from their capex, added, retired, h100e and power_mw; with x NULL
 * (a draw whose costs no one reads) marks them undefined. */
void series_fill_costs(struct series_row *rows, size_t n,
		       const struct series_rates *x);

/* Fills share_pct of one lane's org rows rows[0, n) (no total rows): each
 * row's share of its quarter's h100e over the orgs, undefined where they
 * have none. Made as each lane is, while its rows are at hand. */
void series_fill_shares(struct series_row *rows, size_t n);

/* Appends the SERIES_TOTAL_ORG rows to every lane: for each quarter of
 * any org, the sum of the orgs' rows (undefined where any org's figure
 * is), and the growth of that sum. s must hold org rows only. */
enum gc_status series_add_total(struct series *s, struct gc_error *err);

/* Room for n more rows in every lane, which keeps its rows. */
bool series_grow(struct series *s, size_t n);

/* With bounds: makes low and high of every row the bounds of its figures.
 * On entry low and high hold the series computed with every range at its
 * low and at its high end; sums and levels are bounded by the least and
 * greatest of those and the central row, gap_h100e by interval
 * subtraction (reported minus computed). Growth and usd_per_h100e are
 * then derived from the bounds (series_bound_ratios). */
void series_bound(struct series *s);

/* Fills the growth and usd_per_h100e bounds of rows [from, n) from their
 * h100e, spend and added bounds: the low growth is the low level over the
 * high level before, the high growth the high level over the low one.
 * Rows of one org must be contiguous and consecutive quarters. */
void series_bound_ratios(struct series *s, size_t from);

/* Keeps the rows of quarters from..to (every lane's, row for row). */
void series_window(struct series *s, int from, int to);

/* Makes every figure that is not finite undefined (NaN): a ratio of a
 * huge level over a tiny one overflows, and no output may carry inf. */
void series_scrub(struct series *s);

#endif
