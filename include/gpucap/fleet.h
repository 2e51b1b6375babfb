/* The fleet: ledger rows accumulated per org and quarter, and the series of
 * capacity, growth, spend and power that every command reads. */
#ifndef GPUCAP_FLEET_H
#define GPUCAP_FLEET_H

#include <stdbool.h>
#include <stddef.h>

#include "gpucap/catalog.h"
#include "gpucap/diag.h"
#include "gpucap/ledger.h"

/* A ledger may span at most this many quarters (250 years): every org's
 * series is filled in quarter by quarter, so the span bounds memory. */
#define FLEET_SPAN_MAX 1000

typedef void (*fleet_warn_fn)(void *ctx, const struct gc_error *warning);

struct fleet_opts {
	const struct catalog *catalog;
	enum metric metric;
	const char *baseline; /* model name; the accelerator worth 1.0 */
	double usd_per_h100e; /* price of spend-only rows; NaN: baseline's */
	double overhead;      /* server power over chip TDP */
	double pue;
	fleet_warn_fn warn; /* may be NULL */
	void *warn_ctx;
};

void fleet_opts_init(struct fleet_opts *o, const struct catalog *cat);

struct fleet_org;
struct model_ref;

struct fleet {
	struct fleet_opts opts;
	const struct accel *baseline;
	double baseline_value;
	struct fleet_org *orgs;
	size_t norgs, orgs_cap;
	struct model_ref *models;
	size_t nmodels, models_cap;
	int first, last; /* quarter span of the whole ledger */
	bool empty;
};

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
};

struct series {
	struct series_row *rows;
	size_t n;
};

/* Resolves the baseline and its metric value: a usage error if the catalog
 * lacks either. */
enum gc_status fleet_init(struct fleet *f, const struct fleet_opts *o,
			  struct gc_error *err);
void fleet_free(struct fleet *f);

/* A ledger_sink: ctx is the struct fleet. */
enum gc_status fleet_add(const struct ledger_row *row, void *ctx,
			 struct gc_error *err);

/* Every org (sorted by name, case-insensitively) from its first quarter to
 * the ledger's last. The rows borrow org names from f. */
enum gc_status fleet_series(const struct fleet *f, struct series *out,
			    struct gc_error *err);
void series_free(struct series *s);

/* Growth of now over before in %, NaN when before is not positive. */
double growth_pct(double now, double before);

/* H100e of one unit of the model under the fleet's metric and baseline;
 * false when the catalog lacks the model's figure for the metric. */
bool fleet_factor(const struct fleet *f, const struct accel *a, double *factor);

#endif
