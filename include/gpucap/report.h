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
	RC_COUNT
};

/* report prints the columns before RC_PROJECTED; project adds it; both
 * add RC_INCOMPLETE when some row is incomplete. */
#define RC_REPORT_COUNT RC_PROJECTED

extern const struct table_col REPORT_COLS[RC_COUNT];
/* The same columns, every figure with bounds: for a series with ranges. */
extern const struct table_col REPORT_COLS_BOUNDED[RC_COUNT];

/* A numeric column's value in a row (NaN when undefined). */
double report_value(const struct series_row *r, enum report_col c);

/* Whether the column's value in the row is an input read back unchanged
 * (series.h's SERIES_ENTERED_*): reported_h100e always, h100e at a
 * reported level, additions and retirements of capacity rows, spend. */
bool report_entered(const struct series_row *r, enum report_col c);

/* The row as RC_COUNT cells; qbuf holds the quarter's text. lo and hi
 * (NULL without ranges) give each cell's ends. */
void report_cells(const struct series_row *r, const struct series_row *lo,
		  const struct series_row *hi, struct cell *cells, char *qbuf);

#endif
