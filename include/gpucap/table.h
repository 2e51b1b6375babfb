/* Output: typed rows rendered in one of the output formats (SPEC 2's
 * --format). Renderers write to the FILE they are given. */
#ifndef GPUCAP_TABLE_H
#define GPUCAP_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "gpucap/diag.h"

/* How a column's numbers read to people; machine formats print them raw. */
enum cell_type {
	CT_TEXT,
	CT_COUNT,  /* units, H100e: whole numbers with separators */
	CT_PCT,	   /* growth: one decimal */
	CT_USD,	   /* money: whole dollars with separators */
	CT_RATIO,  /* factors: three decimals */
	CT_FIGURE, /* catalog figures: one decimal with separators */
	CT_MW,	   /* power: two decimals */
	CT_INT,	   /* whole numbers without separators: years, indexes */
	CT_SCI,	   /* FLOP: four significant digits, 3.077e+26 */
	CT_BOOL
};

/* A column with bounds carries each cell's low and high end: machine
 * formats print them as companion columns NAME_low and NAME_high, the
 * formats for people as one "low–high" cell (SPEC 4.4). */
struct table_col {
	const char *name;
	enum cell_type type;
	bool bounds;
};

/* A text cell uses text (NULL: empty); any other uses num (NaN: undefined,
 * printed as nothing, null or a dash by format). An alert cell (negative
 * growth) stands out where the output can show it: in colour. */
struct cell {
	const char *text;
	double num;
	bool alert;
	double lo, hi; /* read only in a column with bounds */
};

/* table and markdown show at most this many characters of a text cell,
 * the last an ellipsis when cut; machine formats keep text whole. */
#define TABLE_TEXT_WIDTH_MAX 64

struct printer;

/* format is one of printer_formats(); an unknown name is a usage error
 * naming the valid ones. cols must outlive the printer. */
enum gc_status printer_open(struct printer **out, const char *format,
			    FILE *sink, const struct table_col *cols,
			    size_t ncols, struct gc_error *err);
enum gc_status printer_row(struct printer *p, const struct cell *cells);
/* Colours the table format (a bold header, alert cells in red) for a
 * terminal; every other format ignores it. */
void printer_color(struct printer *p, bool on);
/* With sampling a figure's central value is its median, which need not lie
 * mid-range: the formats for people then show it before its interval,
 * "102,470 [30,000–350,000]", as check results do. */
void printer_medians(struct printer *p, bool on);
/* Writes what the format holds back (aligned formats hold every row) and
 * frees the printer; GC_IO if any write failed. */
enum gc_status printer_close(struct printer *p, struct gc_error *err);
/* Frees without writing the end, after an error elsewhere. */
void printer_discard(struct printer *p);

/* The i-th format of the table (the first is the default), NULL past the
 * last; and all of them as one list, "table, csv, ...". */
const char *printer_format_name(size_t i);
const char *printer_formats(void);
bool printer_format_known(const char *name);

/* People's rendering of a number ("12,345", "227.4", "–"), shared with
 * messages such as check results. buf needs TABLE_NUM_MAX bytes. */
#define TABLE_NUM_MAX 64
char *table_human(double v, enum cell_type t, char *buf);

/* The same for a figure v with ends lo and hi: "30,000–350,000", or v
 * alone where the ends read the same; an end that is undefined or
 * infinite (growth from zero) has no bound: "≥12.5". buf needs
 * TABLE_RANGE_MAX bytes. */
#define TABLE_RANGE_MAX (2 * TABLE_NUM_MAX + 8)
char *table_human_range(double v, double lo, double hi, enum cell_type t,
			char *buf);

#endif
