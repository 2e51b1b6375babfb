/* A chart as a self-contained SVG document: no script, font, link or
 * image; coordinates from the plot's shares of its axis. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_impl.h"
#include "gpucap/quarter.h"
#include "util.h"

#define SVG_W	     800.0
#define SVG_H	     450.0
#define SVG_LEFT     64.0
#define SVG_RIGHT    24.0
#define SVG_BOTTOM   48.0
#define SVG_SOURCE_H 16.0  /* the source's line, under the notes */
#define SVG_PLOT_MIN 160.0 /* px of plot, however many rows of legend */
#define CHAR_W	     7.5   /* a 12 px sans-serif character, at most about */

/* Okabe and Ito's palette, which stays apart for the colour-blind. */
static const char *const PALETTE[] = { "#0072B2", "#E69F00", "#009E73",
				       "#D55E00", "#CC79A7", "#56B4E9",
				       "#000000", "#F0E442" };
#define NPALETTE (sizeof PALETTE / sizeof PALETTE[0])

struct svg {
	FILE *out;
	const struct plot *p;
	const struct chart_opts *o;
	double top, left, width, height; /* the plot area */
	double doc_h;			 /* the document's height */
};

static double svg_x(const struct svg *g, size_t q)
{
	double slot = g->width / (double)g->p->nq;

	return g->left + slot * ((double)q + 0.5);
}

/* Within the plot area, whatever v is: the axis clamps it. */
static double svg_y_clip(const struct svg *g, double v, enum chart_clip *clip)
{
	return g->top +
	       g->height * (1 - chart_axis_share(&g->p->axis, v, clip));
}

static double svg_y(const struct svg *g, double v)
{
	return svg_y_clip(g, v, NULL);
}

static double svg_tick_y(const struct svg *g, int i)
{
	return g->top + g->height * (1 - plot_tick_share(g->p, i));
}

/* A point past the axis: a triangle on the edge it lies beyond, pointing
 * out of the plot. */
static void svg_clip_mark(const struct svg *g, double x, enum chart_clip c,
			  const char *fill, const char *stroke)
{
	double y = c == CHART_ABOVE ? g->top : g->top + g->height;
	double d = c == CHART_ABOVE ? 7 : -7;

	fprintf(g->out,
		"<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" "
		"fill=\"%s\" stroke=\"%s\"/>\n",
		x, y, x - 4.5, y + d, x + 4.5, y + d, fill, stroke);
}

/* The width of an org's legend item: a swatch and its name. */
static double legend_item(const char *org)
{
	return 36 + CHAR_W * (double)plot_text_columns(org);
}

/* The legend's rows: an item is a swatch and the org's name. */
static int legend_rows(const struct plot *p, double width)
{
	double x = 0;
	int rows = 1;
	size_t i;

	for (i = 0; i < p->norgs; i++) {
		double w = legend_item(p->orgs[i]);

		if (x > 0 && x + w > width) {
			rows++;
			x = 0;
		}
		x += w;
	}
	return rows;
}

static void svg_legend(const struct svg *g, double y)
{
	double x = g->left;
	size_t i;

	for (i = 0; i < g->p->norgs; i++) {
		double w = legend_item(g->p->orgs[i]);

		if (x > g->left && x + w > g->left + g->width) {
			x = g->left;
			y += 18;
		}
		fprintf(g->out,
			"<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"4\" "
			"fill=\"%s\"/>\n<text x=\"%.1f\" y=\"%.1f\">",
			x, y - 4, PALETTE[i % NPALETTE], x + 18, y);
		util_xml_text(g->out, g->p->orgs[i]);
		fputs("</text>\n", g->out);
		x += w;
	}
}

static void svg_head(const struct svg *g)
{
	fprintf(g->out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
		"height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
		"font-family=\"sans-serif\" font-size=\"12\" fill=\"#333\">\n"
		"<title>",
		SVG_W, g->doc_h, SVG_W, g->doc_h);
	util_xml_text(g->out, plot_title(g->o));
	fprintf(g->out,
		"</title>\n<rect width=\"%.0f\" height=\"%.0f\" "
		"fill=\"#fff\"/>\n<text x=\"%.1f\" y=\"24\" "
		"font-size=\"16\" font-weight=\"bold\">",
		SVG_W, g->doc_h, SVG_LEFT);
	util_xml_text(g->out, plot_title(g->o));
	fputs("</text>\n", g->out);
	if (g->o->subtitle != NULL) {
		fprintf(g->out, "<text x=\"%.1f\" y=\"42\" fill=\"#666\">",
			SVG_LEFT);
		util_xml_text(g->out, g->o->subtitle);
		fputs("</text>\n", g->out);
	}
}

/* Horizontal grid lines at the ticks, labelled on the left. */
static void svg_y_axis(const struct svg *g)
{
	char num[TICK_LABEL_MAX];
	int i;

	fputs("<g stroke=\"#ddd\">\n", g->out);
	for (i = 0; i < g->p->nticks; i++) {
		double y = svg_tick_y(g, i);

		fprintf(g->out,
			"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			"y2=\"%.1f\"%s/>\n",
			g->left, y, g->left + g->width, y,
			g->p->ticks[i] == 0 && !g->p->log ? " stroke=\"#999\""
							  : "");
	}
	fputs("</g>\n<g text-anchor=\"end\">\n", g->out);
	for (i = 0; i < g->p->nticks; i++)
		fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
			g->left - 8, svg_tick_y(g, i) + 4,
			plot_tick_label_at(g->p, g->o, i, num));
	fputs("</g>\n", g->out);
}

static void svg_x_axis(const struct svg *g)
{
	char buf[QUARTER_FMT_MAX];
	double slot = g->width / (double)g->p->nq;
	size_t q, every = plot_label_every(slot, 7 * CHAR_W);
	double y = g->top + g->height;

	fprintf(g->out,
		"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		"stroke=\"#999\"/>\n<g text-anchor=\"middle\">\n",
		g->left, y, g->left + g->width, y);
	for (q = 0; q < g->p->nq; q++) {
		const char *label = plot_quarter_label(g->p, q, every, buf);

		if (label != NULL)
			fprintf(g->out,
				"<text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
				svg_x(g, q), y + 18, label);
	}
	fputs("</g>\n", g->out);
}

/* One org's line: solid through the ledger's quarters, dashed through the
 * projected ones, broken where undefined; a dot at every point (a
 * triangle on the edge for a point past the axis). */
static void svg_line(const struct svg *g, size_t org)
{
	const char *colour = PALETTE[org % NPALETTE];
	size_t q, prev = SIZE_MAX;

	for (q = 0; q < g->p->nq; q++) {
		double v = plot_value(g->p, org, q), y;
		enum chart_clip clip;
		/* a projected point is hollow */
		const char *fill =
			plot_projected(g->p, org, q) ? "#fff" : colour;

		if (isnan(v)) {
			prev = SIZE_MAX;
			continue;
		}
		y = svg_y_clip(g, v, &clip);
		if (prev != SIZE_MAX)
			fprintf(g->out,
				"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
				"y2=\"%.1f\" stroke=\"%s\" "
				"stroke-width=\"2\"%s/>\n",
				svg_x(g, prev),
				svg_y(g, plot_value(g->p, org, prev)),
				svg_x(g, q), y, colour,
				plot_projected(g->p, org, q)
					? " stroke-dasharray=\"6 4\""
					: "");
		if (clip == CHART_INSIDE)
			fprintf(g->out,
				"<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
				"fill=\"%s\" stroke=\"%s\"/>\n",
				svg_x(g, q), y, fill, colour);
		else
			svg_clip_mark(g, svg_x(g, q), clip, fill, colour);
		prev = q;
	}
}

/* One run of defined quarters [from, to] of the org's band: along the
 * high ends, then back along the low ends. */
static void svg_band_run(const struct svg *g, size_t org, size_t from,
			 size_t to)
{
	const double *lo = g->p->lo + org * g->p->nq;
	const double *hi = g->p->hi + org * g->p->nq;
	size_t q;

	fputs("<polygon points=\"", g->out);
	for (q = from; q <= to; q++)
		fprintf(g->out, "%.1f,%.1f ", svg_x(g, q), svg_y(g, hi[q]));
	for (q = to + 1; q-- > from;)
		fprintf(g->out, "%.1f,%.1f%s", svg_x(g, q), svg_y(g, lo[q]),
			q > from ? " " : "");
	fprintf(g->out, "\" fill=\"%s\" fill-opacity=\"0.18\"/>\n",
		PALETTE[org % NPALETTE]);
}

/* The org's ranges as a shaded band behind its line (SPEC 4.4). */
static void svg_band(const struct svg *g, size_t org)
{
	size_t q = 0, end;

	if (!plot_has_band(g->p, org))
		return;
	while (q < g->p->nq) {
		if (isnan(plot_value(g->p, org, q))) {
			q++;
			continue;
		}
		for (end = q; end + 1 < g->p->nq &&
			      !isnan(plot_value(g->p, org, end + 1));
		     end++)
			;
		svg_band_run(g, org, q, end);
		q = end + 1;
	}
}

/* A bar's range: a whisker from its low to its high end. */
static void svg_whiskers(const struct svg *g, size_t org, double x0, double w)
{
	size_t q;
	double slot = g->width / (double)g->p->nq;

	for (q = 0; g->p->lo != NULL && q < g->p->nq; q++) {
		size_t at = org * g->p->nq + q;
		double x = x0 + slot * (double)q + w / 2;

		if (isnan(g->p->v[at]) || !(g->p->lo[at] < g->p->hi[at]))
			continue;
		fprintf(g->out,
			"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			"y2=\"%.1f\" stroke=\"#333\" stroke-width=\"1.5\"/>\n",
			x, svg_y(g, g->p->lo[at]), x, svg_y(g, g->p->hi[at]));
	}
}

/* The value of an org's last point, beside it: what a reader of a
 * capacity chart looks for first. */
static void svg_end_label(const struct svg *g, size_t org)
{
	char label[3 * TICK_LABEL_MAX + 8], a[TICK_LABEL_MAX],
		b[TICK_LABEL_MAX];
	size_t q = g->p->nq, at;
	double x, y;

	while (q > 0 && isnan(plot_value(g->p, org, q - 1)))
		q--;
	if (q == 0)
		return;
	at = org * g->p->nq + q - 1;
	x = svg_x(g, q - 1);
	y = svg_y(g, plot_value(g->p, org, q - 1));
	plot_tick_label(g->o, plot_value(g->p, org, q - 1), label);
	/* the middle of a range means little without its ends */
	if (g->p->lo != NULL && g->p->lo[at] < g->p->hi[at])
		snprintf(label + strlen(label), sizeof label - strlen(label),
			 " (%s\xE2\x80\x93%s)",
			 plot_tick_label(g->o, g->p->lo[at], a),
			 plot_tick_label(g->o, g->p->hi[at], b));
	fprintf(g->out,
		"<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\" font-size=\"11\"%s>"
		"%s</text>\n",
		x + 7, y - 6, PALETTE[org % NPALETTE],
		x + 7 + 6 * (double)strlen(label) > SVG_W
			? " text-anchor=\"end\""
			: "",
		label);
}

/* One org's bars: side by side with the other orgs' in each quarter;
 * projected bars pale, with a dashed edge. A bar from zero, or from the
 * foot of a log axis (where zero is clamped to). */
static void svg_bars(const struct svg *g, size_t org)
{
	const char *colour = PALETTE[org % NPALETTE];
	double slot = g->width / (double)g->p->nq;
	double w = slot * 0.8 / (double)g->p->norgs;
	double base = svg_y(g, 0);
	size_t q;

	for (q = 0; q < g->p->nq; q++) {
		double v = plot_value(g->p, org, q), y, x;
		enum chart_clip clip;

		if (isnan(v))
			continue;
		y = svg_y_clip(g, v, &clip);
		x = g->left + slot * (double)q + slot * 0.1 + w * (double)org;
		fprintf(g->out,
			"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			"height=\"%.1f\" fill=\"%s\"%s/>\n",
			x, fmin(y, base), w, fabs(base - y), colour,
			plot_projected(g->p, org, q)
				? " fill-opacity=\"0.35\" "
				  "stroke-dasharray=\"3 2\" "
				  "stroke=\"#333\""
				: "");
		if (clip != CHART_INSIDE)
			svg_clip_mark(g, x + w / 2, clip, "#333", "#333");
	}
	svg_whiskers(g, org, g->left + slot * 0.1 + w * (double)org, w);
}

/* What the marks mean, along the foot of the chart. */
static void svg_notes(const struct svg *g)
{
	const char *bars = g->o->style == CHART_BARS ? "bars" : NULL;
	double y = g->doc_h - 10 - (g->o->source != NULL ? SVG_SOURCE_H : 0);

	if (g->o->source != NULL) {
		fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#666\">",
			SVG_LEFT, g->doc_h - 10);
		util_xml_text(g->out, g->o->source);
		fputs("</text>\n", g->out);
	}

	if (plot_any_projected(g->p))
		fprintf(g->out,
			"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
			"fill=\"#666\">%s: projected</text>\n",
			SVG_W - SVG_RIGHT, y, bars ? "pale bars" : "dashed");
	if (g->p->lo == NULL && !g->p->clipped)
		return;
	fprintf(g->out, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#666\">", SVG_LEFT,
		y);
	if (g->p->lo != NULL)
		fprintf(g->out,
			"%s: from the low to the high end of the ranges",
			bars ? "whiskers" : "shaded");
	if (g->p->clipped)
		fprintf(g->out,
			"%s\xE2\x96\xB2\xE2\x96\xBC on an edge: past "
			"the axis",
			g->p->lo != NULL ? "; " : "");
	fputs("</text>\n", g->out);
}

enum gc_status chart_svg(FILE *out, const struct series *s,
			 const struct chart_opts *o, struct gc_error *err)
{
	struct plot p;
	struct svg g;
	locale_t loc;
	size_t org;
	int rows;
	enum gc_status st = plot_build(&p, s, o, err);

	if (st != GC_OK)
		return st;
	g.out = out;
	g.p = &p;
	g.o = o;
	g.left = SVG_LEFT;
	g.width = SVG_W - SVG_LEFT - SVG_RIGHT;
	rows = legend_rows(&p, g.width);
	g.top = (o->subtitle ? 62 : 44) + 18.0 * rows + 12;
	/* a long legend takes the plot's room, then makes the page taller */
	g.height = fmax(SVG_H - g.top - SVG_BOTTOM, SVG_PLOT_MIN);
	g.doc_h = g.top + g.height + SVG_BOTTOM +
		  (o->source != NULL ? SVG_SOURCE_H : 0);
	loc = util_c_numeric_begin(); /* coordinates with '.' */
	svg_head(&g);
	svg_legend(&g, g.top - 18.0 * rows - 2);
	svg_y_axis(&g);
	svg_x_axis(&g);
	/* bands first, so that no band hides another org's line */
	for (org = 0; o->style != CHART_BARS && org < p.norgs; org++)
		svg_band(&g, org);
	for (org = 0; org < p.norgs; org++) {
		if (o->style == CHART_BARS) {
			svg_bars(&g, org);
		} else {
			svg_line(&g, org);
			svg_end_label(&g, org);
		}
	}
	svg_notes(&g);
	fputs("</svg>\n", out);
	util_c_numeric_end(loc);
	plot_free(&p);
	return GC_OK;
}
