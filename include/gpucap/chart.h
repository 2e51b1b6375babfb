/* Charts of a series (SPEC 2's chart): one line, or a group of bars, per
 * org over the quarters, as a self-contained SVG or in the terminal. */
#ifndef GPUCAP_CHART_H
#define GPUCAP_CHART_H

#include <stdbool.h>
#include <stdio.h>

#include "gpucap/diag.h"
#include "gpucap/fleet.h"
#include "gpucap/report.h"

enum chart_style { CHART_LINE, CHART_BARS };

struct chart_opts {
	enum report_col column; /* a number column of report */
	enum chart_style style;
	const char *title;    /* NULL: named after the column */
	const char *subtitle; /* NULL: none */
	bool log;	      /* logarithmic y axis: values <= 0 are left out */
	bool ascii;	      /* terminal: ASCII only */
	int width;	      /* terminal: columns */
};

void chart_opts_init(struct chart_opts *o);

/* The rows of s (sorted by org, then quarter, as fleet_series gives
 * them; projected rows drawn dashed) as an SVG document on out. */
enum gc_status chart_svg(FILE *out, const struct series *s,
			 const struct chart_opts *o, struct gc_error *err);

/* The same in the terminal: o->width columns, Unicode block characters
 * (or ASCII). */
enum gc_status chart_term(FILE *out, const struct series *s,
			  const struct chart_opts *o, struct gc_error *err);

/* A number as an axis shows it: 950, 20k, 1.5M, 2B (three figures at
 * most). buf needs CHART_NUM_MAX bytes. */
#define CHART_NUM_MAX 32
char *chart_number(double v, char *buf);

/* Axis ticks for [lo, hi]: about five round steps (1, 2, 2.5 or 5 times a
 * power of ten) that cover it. Returns how many, at most max. */
int chart_ticks(double lo, double hi, double *ticks, int max);

#endif
