/* The report's columns (SPEC 4): one place that names them, types them and
 * reads them from a series row, for printing and for check expressions. */
#ifndef GPUCAP_REPORT_H
#define GPUCAP_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "gpucap/series.h"
#include "gpucap/table.h"

enum report_col {
	RC_ORG,
	RC_QUARTER,
	RC_UNITS,
	RC_ADDED,
	RC_RETIRED,
	RC_H100E,
	RC_REPORTED,
	RC_GAP,
	RC_QOQ,
	RC_YOY,
	RC_YTD,
	RC_SPEND,
	RC_CUM_SPEND,
	RC_USD_PER_H100E,
	RC_POWER_MW,
	RC_PROJECTED,  /* project's extra column */
	RC_INCOMPLETE, /* only where some row is (SPEC 3.4) */
	/* SPEC 4.6: printed when --columns asks, read by check and chart */
	RC_FLOP_PER_S,
	RC_RUN_FLOP,
	RC_H100E_YEARS,
	RC_CUM_H100E_YEARS,
	RC_ENERGY_MWH,
	RC_CO2_T,
	RC_ENERGY_USD,
	RC_DEPRECIATION,
	RC_COST,
	RC_USD_PER_H100E_HOUR,
	RC_X_PER_YEAR,
	RC_DOUBLING_MONTHS,
	RC_SHARE_PCT,
	RC_FIT_QOQ, /* project's fitted growth */
	/* report --by: the part of the org a row is (text) */
	RC_BY_MODEL,
	RC_BY_VENDOR,
	RC_COUNT
};

/* report prints the columns before RC_PROJECTED; project adds it; both
 * add RC_INCOMPLETE when some row is incomplete. */
#define RC_REPORT_COUNT RC_PROJECTED

/* A quarter is a quarter of a year: 8,766 h / 4. */

/* Whether a column holds a number a check can compare and a chart draw:
 * every one but org, quarter and the marks. */
bool report_numeric(enum report_col c);

/* The column named name, or -1. */
int report_col_find(const char *name);

/* Column groups for --columns (SPEC 4.6): "default", "compute",
 * "energy", "cost", "rates", "all"; false for another name. With out
 * NULL, only whether the group exists. */
bool report_group(const char *name, bool out[RC_COUNT]);

extern const struct table_col REPORT_COLS[RC_COUNT];
/* The same columns, every figure with bounds: for a series with ranges. */
extern const struct table_col REPORT_COLS_BOUNDED[RC_COUNT];

/* A numeric column's value in a row of s (NaN when undefined); s gives
 * the rates that FLOP, energy and money are worked out at. */
double report_value(const struct series *s, const struct series_row *r,
		    enum report_col c);

/* A column's ends from the rows of the low and high ends: each the
 * value at one end (doubling_months falls as growth rises, so its low
 * comes from the high end, and where the low end does not grow it has no
 * high end). */
void report_ends(const struct series *s, const struct series_row *lo,
		 const struct series_row *hi, enum report_col c, double *out_lo,
		 double *out_hi);

/* Whether the column's value in the row is an input read back unchanged
 * (series.h's SERIES_ENTERED_*): reported_h100e always, h100e at a
 * reported level, additions and retirements of capacity rows, spend. */
bool report_entered(const struct series_row *r, enum report_col c);

/* The row as RC_COUNT cells; qbuf holds the quarter's text. lo and hi
 * (NULL without ranges) give each cell's ends. */
void report_cells(const struct series *s, const struct series_row *r,
		  const struct series_row *lo, const struct series_row *hi,
		  struct cell *cells, char *qbuf);

#endif
