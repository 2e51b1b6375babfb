#include "gpucap/report.h"

#include <math.h>

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

double report_value(const struct series_row *r, enum report_col c)
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
	default:
		return NAN;
	}
}

void report_cells(const struct series_row *r, const struct series_row *lo,
		  const struct series_row *hi, struct cell *cells, char *qbuf)
{
	int c;

	for (c = 0; c < RC_COUNT; c++) {
		cells[c].text = NULL;
		cells[c].num = report_value(r, (enum report_col)c);
		cells[c].alert = false;
		cells[c].lo = lo ? report_value(lo, (enum report_col)c) : NAN;
		cells[c].hi = hi ? report_value(hi, (enum report_col)c) : NAN;
	}
	cells[RC_ORG].text = r->org;
	cells[RC_QUARTER].text = quarter_format(r->quarter, qbuf);
	/* a shrinking fleet is what a reader should not miss */
	for (c = RC_QOQ; c <= RC_YTD; c++)
		cells[c].alert = cells[c].num < 0;
}
