#include "gpucap/report.h"

#include <math.h>

#include "gpucap/quarter.h"

const struct table_col REPORT_COLS[RC_COUNT] = {
	{ "org", CT_TEXT },
	{ "quarter", CT_TEXT },
	{ "units", CT_COUNT },
	{ "added_h100e", CT_COUNT },
	{ "retired_h100e", CT_COUNT },
	{ "h100e", CT_COUNT },
	{ "reported_h100e", CT_COUNT },
	{ "gap_h100e", CT_COUNT },
	{ "qoq_pct", CT_PCT },
	{ "yoy_pct", CT_PCT },
	{ "ytd_pct", CT_PCT },
	{ "spend_usd", CT_USD },
	{ "cum_spend_usd", CT_USD },
	{ "usd_per_h100e", CT_USD },
	{ "power_mw", CT_MW },
	{ "projected", CT_BOOL },
};

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
	default:
		return NAN;
	}
}

void report_cells(const struct series_row *r, struct cell *cells, char *qbuf)
{
	int c;

	for (c = 0; c < RC_COUNT; c++) {
		cells[c].text = NULL;
		cells[c].num = report_value(r, (enum report_col)c);
		cells[c].alert = false;
	}
	cells[RC_ORG].text = r->org;
	cells[RC_QUARTER].text = quarter_format(r->quarter, qbuf);
	/* a shrinking fleet is what a reader should not miss */
	for (c = RC_QOQ; c <= RC_YTD; c++)
		cells[c].alert = cells[c].num < 0;
}
