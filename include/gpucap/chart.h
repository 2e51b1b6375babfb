/* Charts of a series (SPEC 2's chart): one line, or a group of bars, per
 * org over the quarters, as a self-contained SVG or in the terminal. */
#ifndef GPUCAP_CHART_H
#define GPUCAP_CHART_H

#include <stdbool.h>
#include <stdio.h>

#include "gpucap/diag.h"
#include "gpucap/series.h"
#include "gpucap/report.h"

enum chart_style { CHART_LINE, CHART_BARS };

struct chart_opts {
	enum report_col column; /* a number column of report */
	enum chart_style style;
	const char *title;    /* NULL: named after the column */
	const char *subtitle; /* NULL: none */
	const char *source;   /* a line under the chart; NULL: none */
	bool log;	      /* logarithmic y axis: values <= 0 are left out */
	bool ascii;	      /* terminal: ASCII only */
	int width;	      /* terminal: columns */
};

void chart_opts_init(struct chart_opts *o);

/* The rows of s (sorted by org, then quarter, as the fleet gives
 * them; projected rows drawn dashed) as an SVG document on out. Every
 * text (title, subtitle, orgs) must be valid UTF-8 (GC_USAGE for the
 * title or subtitle, GC_DATA for an org); what XML 1.0 forbids in it is
 * written as U+FFFD. A value that is not finite is undefined: not drawn.
 * A value past the axis (on a linear axis, past +-CHART_LINEAR_MAX) is
 * drawn at its edge as a triangle pointing out of the plot. */
enum gc_status chart_svg(FILE *out, const struct series *s,
			 const struct chart_opts *o, struct gc_error *err);

/* The same in the terminal: o->width columns (at least 40; a character
 * counts as one), Unicode block characters (or ASCII). Control characters
 * in text are written as escapes (\x1b), a title or name too long for the
 * width is cut with an ellipsis, and a point past the axis is an arrow at
 * its edge. */
enum gc_status chart_term(FILE *out, const struct series *s,
			  const struct chart_opts *o, struct gc_error *err);

/* A number as an axis shows it: 950, 20k, 1.5M, 2B, 999T (three figures
 * at most), then 1e15, 2.5e-7, 1e300 past the suffixes and below 0.0001;
 * a value that is not finite is an en dash, as an undefined cell. buf
 * needs CHART_NUM_MAX bytes. */
#define CHART_NUM_MAX 32
char *chart_number(double v, char *buf);

/* Axis ticks for [lo, hi]: about five round steps (1, 2, 2.5 or 5 times a
 * power of ten) that cover it. Returns how many, at most max. The ends are
 * taken within +-CHART_LINEAR_MAX, so that no tick overflows; a span too
 * narrow to tell its ends apart is widened to zero (to [0, 1] at zero), and
 * ends that are not finite give [0, 1]. */
#define CHART_LINEAR_MAX 1e307
int chart_ticks(double lo, double hi, double *ticks, int max);

/* Ticks of a log axis over [lo, hi] (both above zero and finite): the
 * exponents of powers of ten from at or below lo to at or above hi, every
 * decade, or every 2nd, 5th, 10th, 20th, ... decade, whichever first needs
 * no more than max (at least 3) ticks. Returns how many. */
int chart_log_ticks(double lo, double hi, double *exponents, int max);

/* A y axis: its foot and top in its own scale (the values themselves, or
 * their log10 on a log axis), as the first and last tick give them. */
struct chart_axis {
	bool log;
	double lo, hi;
};

/* Where a value falls against the axis, when it is not on it. */
enum chart_clip { CHART_INSIDE, CHART_ABOVE, CHART_BELOW };

/* Where v sits on the axis from 0 (the foot) to 1 (the top), always within
 * [0, 1]: a value past an end (by more than rounding), infinite, at or
 * below zero on a log axis, or NaN is clamped to the end it lies beyond
 * (NaN and zero to the foot) and *clip says so; clip may be NULL. An axis
 * whose ends are not finite and apart puts every value at 0.5. */
double chart_axis_share(const struct chart_axis *a, double v,
			enum chart_clip *clip);

/* The cell of v among n cells from the top (0) to the foot (n - 1): the
 * share above, rounded; always within [0, n - 1] (0 when n < 1). */
int chart_axis_cell(const struct chart_axis *a, double v, int n,
		    enum chart_clip *clip);

#endif
