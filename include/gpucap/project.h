/* Projections (SPEC 5): a series extended past its last quarter, by each
 * org's fitted growth or by the growth that reaches a target. */
#ifndef GPUCAP_PROJECT_H
#define GPUCAP_PROJECT_H

#include <stdbool.h>

#include "gpucap/diag.h"
#include "gpucap/diag.h"
#include "gpucap/price.h"
#include "gpucap/series.h"

enum project_method {
	PROJECT_GEOMETRIC, /* compound growth over the window */
	PROJECT_LINEAR	   /* mean quarterly addition over the window */
};

struct project_opts {
	int to; /* the last quarter to project */
	enum project_method method;
	int window; /* quarters the growth is fitted over */
	/* Target mode: the constant quarterly growth that takes the sum of
	 * the orgs from its last level to target by quarter `to`; every org
	 * grows at that rate, so their sum does. */
	bool has_target;
	double target;
	bool total; /* add the SERIES_TOTAL_ORG rows */
	/* The cost of projected additions (spend_usd): prices by year, or
	 * the baseline's price when price.n is 0 (NaN: unknown). */
	struct price_curve price;
	double baseline_price;
	/* May be NULL: told of an org whose growth cannot be fitted. */
	void (*warn)(void *ctx, const struct gc_error *w);
	void *warn_ctx;
};

void project_opts_init(struct project_opts *o);

/* What target mode found. */
struct project_target {
	int from;     /* the last quarter of the ledger */
	double start; /* the sum of the orgs' levels then */
	double rate;  /* quarterly growth, as a fraction (0.543 = 54.3 %) */
	double added; /* H100e added by `to` */
	double cost;  /* their cost, NaN when no price is known */
};

/* Copies in (org rows only, every org ending in the same quarter) and
 * appends each org's projected quarters, marked projected. An org whose
 * growth cannot be fitted (fewer than two quarters, or a level of zero at
 * the start of the window) is projected as undefined, with a warning.
 * `to` must lie after the series' last quarter (GC_USAGE otherwise). */
enum gc_status project_series(const struct series *in,
			      const struct project_opts *o, struct series *out,
			      struct project_target *target,
			      struct gc_error *err);

/* Growth to reach `target` from `start` in `quarters` steps, as a
 * fraction; NaN when start is not positive. */
double project_rate(double start, double target, int quarters);

#endif
