#include "gpucap/report.h"

#include <math.h>
#include <string.h>

#include "gpucap/quarter.h"

const struct table_col REPORT_COLS[RC_COUNT] = {
	{ "org", CT_TEXT, false },
	{ "quarter", CT_TEXT, false },
	{ "units", CT_COUNT, false },
	{ "added_h100e", CT_COUNT, false },
	{ "retired_h100e", CT_COUNT, false },
	{ "h100e", CT_COUNT, false },
	{ "reported_h100e", CT_COUNT, false },
	{ "gap_h100e", CT_COUNT, false },
	{ "qoq_pct", CT_PCT, false },
	{ "yoy_pct", CT_PCT, false },
	{ "ytd_pct", CT_PCT, false },
	{ "spend_usd", CT_USD, false },
	{ "cum_spend_usd", CT_USD, false },
	{ "usd_per_h100e", CT_USD, false },
	{ "power_mw", CT_MW, false },
	{ "projected", CT_BOOL, false },
	{ "incomplete", CT_BOOL, false },
	{ "flop_per_s", CT_SCI, false },
	{ "run_flop", CT_SCI, false },
	{ "h100e_years", CT_COUNT, false },
	{ "cum_h100e_years", CT_COUNT, false },
	{ "energy_mwh", CT_COUNT, false },
	{ "co2_t", CT_COUNT, false },
	{ "energy_usd", CT_USD, false },
	{ "depreciation_usd", CT_USD, false },
	{ "cost_usd", CT_USD, false },
	{ "usd_per_h100e_hour", CT_USD, false },
	{ "x_per_year", CT_RATIO, false },
	{ "doubling_months", CT_FIGURE, false },
	{ "share_pct", CT_PCT, false },
	{ "fit_qoq_pct", CT_PCT, false },
	{ "model", CT_TEXT, false },
	{ "vendor", CT_TEXT, false },
};

/* The same, each figure with its low and high end (SPEC 4.4). */
const struct table_col REPORT_COLS_BOUNDED[RC_COUNT] = {
	{ "org", CT_TEXT, false },
	{ "quarter", CT_TEXT, false },
	{ "units", CT_COUNT, true },
	{ "added_h100e", CT_COUNT, true },
	{ "retired_h100e", CT_COUNT, true },
	{ "h100e", CT_COUNT, true },
	{ "reported_h100e", CT_COUNT, true },
	{ "gap_h100e", CT_COUNT, true },
	{ "qoq_pct", CT_PCT, true },
	{ "yoy_pct", CT_PCT, true },
	{ "ytd_pct", CT_PCT, true },
	{ "spend_usd", CT_USD, true },
	{ "cum_spend_usd", CT_USD, true },
	{ "usd_per_h100e", CT_USD, true },
	{ "power_mw", CT_MW, true },
	{ "projected", CT_BOOL, false },
	{ "incomplete", CT_BOOL, false },
	{ "flop_per_s", CT_SCI, true },
	{ "run_flop", CT_SCI, true },
	{ "h100e_years", CT_COUNT, true },
	{ "cum_h100e_years", CT_COUNT, true },
	{ "energy_mwh", CT_COUNT, true },
	{ "co2_t", CT_COUNT, true },
	{ "energy_usd", CT_USD, true },
	{ "depreciation_usd", CT_USD, true },
	{ "cost_usd", CT_USD, true },
	{ "usd_per_h100e_hour", CT_USD, true },
	{ "x_per_year", CT_RATIO, true },
	{ "doubling_months", CT_FIGURE, true },
	{ "share_pct", CT_PCT, true },
	{ "fit_qoq_pct", CT_PCT, true },
	{ "model", CT_TEXT, false },
	{ "vendor", CT_TEXT, false },
};

bool report_entered(const struct series_row *r, enum report_col c)
{
	switch (c) {
	case RC_REPORTED:
		return !isnan(r->reported);
	case RC_H100E:
		return (r->entered & SERIES_ENTERED_LEVEL) != 0;
	case RC_ADDED:
		return (r->entered & SERIES_ENTERED_ADDED) != 0;
	case RC_RETIRED:
		return (r->entered & SERIES_ENTERED_RETIRED) != 0;
	case RC_SPEND:
		return (r->entered & SERIES_ENTERED_SPEND) != 0;
	default:
		return false;
	}
}

/* The columns worked out from one figure of the row (SPEC 4.6). */
static double derived_raw(const struct series_rates *x,
			  const struct series_row *r, enum report_col c)
{
	double flop = r->h100e * x->flop_per_h100e;
	double energy = series_energy_mwh(x, r->power_mw);
	double times = 1 + r->yoy / 100;

	switch (c) {
	case RC_FLOP_PER_S:
		return flop;
	case RC_RUN_FLOP:
		return flop * x->mfu * x->run_days * 86400;
	case RC_H100E_YEARS:
		return r->h100e * 0.25;
	case RC_ENERGY_MWH:
		return energy;
	case RC_CO2_T: /* MWh x g/kWh: 1,000 kWh a MWh, 1e6 g a tonne */
		return energy * x->grid_gco2 / 1000;
	case RC_ENERGY_USD:
		return series_energy_usd(x, r->power_mw);
	case RC_X_PER_YEAR:
		return times;
	case RC_DOUBLING_MONTHS: /* a fleet that does not grow never doubles */
		return times > 1 ? 12 * log(2) / log(times) : NAN;
	default:
		return NAN;
	}
}

/* A figure too big for a double (FLOP of a fleet projected for
 * centuries) is undefined, as the series' own are: no output carries
 * inf. */
static double derived(const struct series_rates *x, const struct series_row *r,
		      enum report_col c)
{
	double v = derived_raw(x, r, c);

	return isfinite(v) ? v : NAN;
}

double report_value(const struct series *s, const struct series_row *r,
		    enum report_col c)
{
	switch (c) {
	case RC_UNITS:
		return r->units;
	case RC_ADDED:
		return r->added;
	case RC_RETIRED:
		return r->retired;
	case RC_H100E:
		return r->h100e;
	case RC_REPORTED:
		return r->reported;
	case RC_GAP:
		return r->gap;
	case RC_QOQ:
		return r->qoq;
	case RC_YOY:
		return r->yoy;
	case RC_YTD:
		return r->ytd;
	case RC_SPEND:
		return r->spend;
	case RC_CUM_SPEND:
		return r->cum_spend;
	case RC_USD_PER_H100E:
		return r->usd_per_h100e;
	case RC_POWER_MW:
		return r->power_mw;
	case RC_PROJECTED:
		return r->projected ? 1 : 0;
	case RC_INCOMPLETE:
		return r->incomplete ? 1 : 0;
	case RC_CUM_H100E_YEARS:
		return r->cum_h100e_years;
	case RC_SHARE_PCT:
		return r->share_pct;
	case RC_DEPRECIATION:
		return r->depreciation;
	case RC_COST:
		return r->cost;
	case RC_USD_PER_H100E_HOUR:
		return r->usd_per_h100e_hour;
	case RC_FIT_QOQ:
		return r->fit_qoq;
	default:
		return derived(&s->rates, r, c);
	}
}

void report_ends(const struct series *s, const struct series_row *lo,
		 const struct series_row *hi, enum report_col c, double *out_lo,
		 double *out_hi)
{
	/* the one column that falls as the figures rise: its low end is
	 * the high end's (an end where the fleet does not grow has none) */
	bool falls = c == RC_DOUBLING_MONTHS;

	*out_lo = report_value(s, falls ? hi : lo, c);
	*out_hi = report_value(s, falls ? lo : hi, c);
}

bool report_numeric(enum report_col c)
{
	return c >= RC_UNITS && c < RC_BY_MODEL && c != RC_PROJECTED &&
	       c != RC_INCOMPLETE;
}

int report_col_find(const char *name)
{
	int c;

	for (c = 0; c < RC_COUNT; c++)
		if (strcmp(name, REPORT_COLS[c].name) == 0)
			return c;
	return -1;
}

/* The group of SPEC 4.6 each column is in (NULL: none but default and
 * all): a new column is one entry here. */
static const char *const GROUP_OF[RC_COUNT] = {
	[RC_QOQ] = "rates",
	[RC_YOY] = "rates",
	[RC_YTD] = "rates",
	[RC_SPEND] = "cost",
	[RC_CUM_SPEND] = "cost",
	[RC_USD_PER_H100E] = "cost",
	[RC_POWER_MW] = "energy",
	[RC_FLOP_PER_S] = "compute",
	[RC_RUN_FLOP] = "compute",
	[RC_H100E_YEARS] = "compute",
	[RC_CUM_H100E_YEARS] = "compute",
	[RC_ENERGY_MWH] = "energy",
	[RC_CO2_T] = "energy",
	[RC_ENERGY_USD] = "cost",
	[RC_DEPRECIATION] = "cost",
	[RC_COST] = "cost",
	[RC_USD_PER_H100E_HOUR] = "cost",
	[RC_X_PER_YEAR] = "rates",
	[RC_DOUBLING_MONTHS] = "rates",
	[RC_SHARE_PCT] = "rates",
	[RC_FIT_QOQ] = "rates",
};

/* Whether column c is in group name; false for a name that is none. */
static bool in_group(const char *name, int c)
{
	if (strcmp(name, "default") == 0)
		return c < RC_REPORT_COUNT;
	if (strcmp(name, "all") == 0)
		return c < RC_REPORT_COUNT ||
		       (c > RC_INCOMPLETE &&
			report_numeric((enum report_col)c));
	return GROUP_OF[c] != NULL && strcmp(name, GROUP_OF[c]) == 0;
}

bool report_group(const char *name, bool out[RC_COUNT])
{
	bool any = false;
	int c;

	for (c = 0; c < RC_COUNT; c++) {
		bool in = in_group(name, c);

		any = any || in;
		if (out != NULL && in)
			out[c] = true;
	}
	return any;
}

void report_cells(const struct series *s, const struct series_row *r,
		  const struct series_row *lo, const struct series_row *hi,
		  struct cell *cells, char *qbuf)
{
	int c;

	for (c = 0; c < RC_COUNT; c++) {
		cells[c].text = NULL;
		cells[c].num = report_value(s, r, (enum report_col)c);
		cells[c].alert = false;
		cells[c].lo = cells[c].hi = NAN;
		if (lo != NULL && hi != NULL)
			report_ends(s, lo, hi, (enum report_col)c, &cells[c].lo,
				    &cells[c].hi);
	}
	cells[RC_ORG].text = r->org;
	cells[RC_QUARTER].text = quarter_format(r->quarter, qbuf);
	/* a shrinking fleet is what a reader should not miss */
	for (c = RC_QOQ; c <= RC_YTD; c++)
		cells[c].alert = cells[c].num < 0;
}
