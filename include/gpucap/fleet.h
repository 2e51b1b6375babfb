/* The fleet: ledger rows accumulated per org and quarter, turned into the
 * series of capacity, growth, spend and power (series.h) that every
 * command reads. */
#ifndef GPUCAP_FLEET_H
#define GPUCAP_FLEET_H

#include <stdbool.h>
#include <stddef.h>

#include "gpucap/catalog.h"
#include "gpucap/diag.h"
#include "gpucap/ledger.h"
#include "gpucap/price.h"
#include "gpucap/sample.h"
#include "gpucap/series.h"

/* A ledger spans at most the quarters a series may (every org's series
 * is filled in quarter by quarter, so the span bounds memory). At most
 * FLEET_CELLS_MAX org-quarters are held while reading (per org, and per
 * org and model), and at most SERIES_ROWS_MAX rows are in a series:
 * together they bound memory (about 50 MB and 140 MB) whatever a ledger
 * holds. */
#define FLEET_SPAN_MAX	SERIES_SPAN_MAX
#define FLEET_CELLS_MAX 1000000
#define FLEET_ROWS_MAX	SERIES_ROWS_MAX

/* --overhead and --pue are at most this: a factor of ten over chip power
 * is already past any data centre, and the bound keeps power finite. */
#define FLEET_POWER_FACTOR_MAX 10.0

/* The name of the rows that sum every org (fleet_opts.total). */
#define FLEET_TOTAL_ORG SERIES_TOTAL_ORG

/* A warning, or with status GC_DATA a row skipped under keep_going. */
typedef void (*fleet_warn_fn)(void *ctx, const struct gc_error *warning);

/* report --by: each org split by its rows' accelerator model or vendor
 * (SPEC 4.6). The split org's name is the org, FLEET_SPLIT_SEP, then the
 * catalog id or vendor (nothing for a row without a model). */
enum fleet_by { FLEET_BY_NONE, FLEET_BY_MODEL, FLEET_BY_VENDOR };
#define FLEET_SPLIT_SEP '\x1f'

struct fleet_opts {
	const struct catalog *catalog;
	enum metric metric;
	const char *baseline; /* model name; the accelerator worth 1.0 */
	struct price_curve usd_per_h100e;
	int lifetime;	 /* quarters until bought units retire; 0: never */
	double overhead; /* server power over chip TDP */
	double pue;
	/* what depreciation and energy are priced at (the flop rate is
	 * the series', set where the metric is known) */
	struct series_rates rates;
	bool costs_unread; /* draws: no one reads depreciation or cost */
	bool total;	   /* add the FLEET_TOTAL_ORG rows */
	/* Only these orgs (any case) are kept, as if the ledger held no other
	 * rows; every row is still checked. norgs 0: all. */
	const char *const *orgs;
	size_t norgs;
	bool keep_going; /* retiring more than in service: warn, retire all */
	bool has_as_of;	 /* rows after quarter as_of are ignored */
	int as_of;
	enum fleet_by by;
	fleet_warn_fn warn; /* may be NULL */
	void *warn_ctx;
};

void fleet_opts_init(struct fleet_opts *o, const struct catalog *cat);

struct fleet_org;
struct model_ref;

/* Lifetime and spans are counted in quarters; a lifetime past the span
 * limit never comes due. */
#define FLEET_LIFETIME_MAX FLEET_SPAN_MAX

/* Slots of the tables of interned names below: a power of two. */
#define FLEET_NAME_BITS	 10
#define FLEET_NAME_SLOTS (1u << FLEET_NAME_BITS)

struct fleet {
	struct fleet_opts opts;
	const struct accel *baseline;
	double baseline_value;
	struct fleet_org *orgs;
	size_t norgs, orgs_cap;
	size_t *org_index; /* hash of lowercased names: 1 + index, 0 empty */
	size_t index_cap;  /* a power of two, over twice norgs */
	size_t cells;	   /* org-quarters held, against FLEET_CELLS_MAX */
	size_t kept;	   /* rows counted: not before --as-of, of an --org */
	struct model_ref *models;
	size_t nmodels, models_cap;
	unsigned model_index[512]; /* 1 + index into models; 0 empty */
	/* What an interned name (ledger_row.names_id) was found to be: one
	 * slot a pointer, so a table is some times the names a ledger has
	 * (each parsing thread interns its own copy of a name). */
	struct fleet_name {
		unsigned long id; /* 0: empty */
		const char *name;
		size_t org; /* index into orgs */
		const struct accel *accel;
	} org_names[FLEET_NAME_SLOTS], model_names[FLEET_NAME_SLOTS];
	int first, last; /* quarter span of the whole ledger */
	bool empty;
	bool *org_seen; /* per opts.orgs: some row named it */
	/* Per opts.orgs: the org name nearest it among the rows it did not
	 * keep (for a did-you-mean), its distance, and how many changes of
	 * name were looked at (a bounded number). */
	struct fleet_near {
		char *name;
		size_t distance;
	} * org_near;
	char *last_unkept;
	size_t near_tries;
	char *split; /* --by: the split org's name being added */
	size_t split_cap;
	/* The ledger's uncertain figures (ranges), in the order rows gave
	 * them; each scenario of the series puts them in (series.h). */
	struct sample_figure *figures;
	size_t nfigures, figures_cap;
};

/* Resolves the baseline and its metric value: a usage error if the catalog
 * lacks either. */
enum gc_status fleet_init(struct fleet *f, const struct fleet_opts *o,
			  struct gc_error *err);
void fleet_free(struct fleet *f);

/* The first of opts.orgs that no row named, or NULL; *hint the org of
 * the ledger it likely misspells, or NULL. */
const char *fleet_unseen_org(const struct fleet *f, const char **hint);

/* A ledger_sink: ctx is the struct fleet. */
enum gc_status fleet_add(const struct ledger_row *row, void *ctx,
			 struct gc_error *err);

/* Every org (sorted by name, case-insensitively) from its first quarter to
 * the ledger's last, then with opts.total the FLEET_TOTAL_ORG rows over the
 * whole span. The rows borrow org names from f. Retiring more units of a
 * model than the org has in service is a data error naming the row. */
enum gc_status fleet_series(const struct fleet *f, struct series *out,
			    struct gc_error *err);

/* The values of uncertain figure `figure` of the ledger (its percentiles
 * in g) in draws first .. first + count - 1 of a sampled series, into
 * out: a run at a time, so a generator can share work between draws.
 * Draws are made on several threads at once: the function must not
 * change anything ctx holds. */
typedef void (*fleet_draw_fn)(void *ctx, size_t figure,
			      const struct sample_figure *g, size_t first,
			      size_t count, double *out);

/* How a series is sampled: k draws, each figure's by draw(ctx, ...),
 * reduced to medians and the percentiles holding `interval` of them,
 * with the work spread over `threads` threads (at least 1). */
struct fleet_sampling {
	size_t k;
	double interval;
	int threads;
	fleet_draw_fn draw;
	void *ctx;
	bool lane_figures; /* reduce cum_h100e_years and share_pct too */
	bool total_room;   /* the sum of the orgs will be added to the lanes */
	/* The draws are read after the reduction (by checks, a projection,
	 * the sum of the orgs): held as lanes. Without it they are reduced
	 * as they are made, and the series has no draws (series.h). */
	bool keep_draws;
};

/* The series as draws (series.h): the central series is worked out
 * first (its errors and warnings are the read's), then each draw with
 * every uncertain figure drawn, then the reduction. The result is the
 * same on any number of threads. A ledger without uncertain figures
 * gets fleet_series' series: drawing nothing costs nothing. */
enum gc_status fleet_series_drawn(const struct fleet *f,
				  const struct fleet_sampling *how,
				  struct series *out, struct gc_error *err);

/* H100e of one unit of the model under the fleet's metric and baseline;
 * false when the catalog lacks the model's figure for the metric. */
bool fleet_factor(const struct fleet *f, const struct accel *a, double *factor);

#endif
