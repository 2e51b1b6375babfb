/* Internal to the chart: the plot (chart.c) that the SVG (chart_svg.c)
 * and the terminal (chart_term.c) each draw in their own coordinates. */
#ifndef GPUCAP_CHART_IMPL_H
#define GPUCAP_CHART_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "gpucap/chart.h"

#define TICKS_MAX 12
/* A value within this share of the axis' span past an end is rounding,
 * not a value off the axis. */
#define CLIP_SLACK 1e-9
/* A tick's label: a number with a $ before or a % after. */
#define TICK_LABEL_MAX (CHART_NUM_MAX + 2)

/* One column of a series, per org and quarter. */
struct plot {
	const char **orgs;
	size_t norgs;
	int q0;		 /* first quarter */
	size_t nq;	 /* quarters, q0 to the last */
	double *v;	 /* [org * nq + quarter - q0]: NaN where undefined */
	double *lo, *hi; /* the same for the ends of ranges; NULL without */
	bool *projected;
	/* the y axis, in its own scale (values, or exponents on a log axis):
	 * the first and last tick are its ends */
	double ticks[TICKS_MAX];
	int nticks;
	bool log;
	struct chart_axis axis;
	bool clipped; /* some point lies past the axis */
};

/* Laying out the plot: its rows from the series, freed with plot_free. */
enum gc_status plot_build(struct plot *p, const struct series *s,
			  const struct chart_opts *o, struct gc_error *err);
void plot_free(struct plot *p);

/* An org's value in quarter q (q0 + q): NaN where nothing is drawn. */
double plot_value(const struct plot *p, size_t org, size_t q);
bool plot_projected(const struct plot *p, size_t org, size_t q);
/* Whether the org has a range anywhere (a band of no height is noise),
 * and whether any point is projected. */
bool plot_has_band(const struct plot *p, size_t org);
bool plot_any_projected(const struct plot *p);

/* Tick i's place on the axis, from 0 (bottom) to 1 (top), and its label
 * ("20k", "1.5M", with % or $ as the column counts): buf needs
 * TICK_LABEL_MAX bytes. */
double plot_tick_share(const struct plot *p, int i);
char *plot_tick_label(const struct chart_opts *o, double v, char *buf);
char *plot_tick_label_at(const struct plot *p, const struct chart_opts *o,
			 int i, char *buf);
/* The cell of n a share of the axis falls in, 0 at the top. */
int plot_share_cell(double share, int n);

/* The chart's title: --title, or the column's. */
const char *plot_title(const struct chart_opts *o);
/* Every how many quarters a label fits (1, 2, or whole years), and the
 * label of quarter q, or NULL where none goes. */
size_t plot_label_every(double quarter_width, double label_width);
const char *plot_quarter_label(const struct plot *p, size_t q, size_t every,
			       char *buf);
/* Columns a text takes: one a character. */
size_t plot_text_columns(const char *s);

#endif
