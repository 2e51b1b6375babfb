/* The whole report pipeline on an arbitrary ledger: format sniffed from the
 * bytes, rows into the fleet, the series with totals, a projection, every
 * output format into memory, and charts of it (SVG and terminal, lines and
 * bars, linear and log axes, of a column the flags pick), each checked for
 * well-formed output.
 *
 * The input is a flags byte, then the ledger. A first byte of 0xFF starts
 * a longer header instead, of EXTENDED_HEADER bytes: 0xFF, the flags, the
 * chart's flags (bit 0 bars, 1 ASCII, 2 an org's name as the title, the
 * rest the width), its column, the projection's length (two bytes, up to
 * the ledger's span), and a byte that picks extreme values (1e-300, 1e12,
 * growth that cancels to 2.2e-14, DBL_MAX, infinities, NaN) to plant in
 * the rows before they are charted, as no ledger can state them. A
 * ledger with ranges is also sampled, its draws held and not, which must
 * reduce to the same figures. */
#include <float.h>
#include <math.h>
#include <string.h>
#include <strings.h>

#include "fuzz.h"
#include "gpucap/chart.h"
#include "gpucap/fleet.h"
#include "gpucap/project.h"
#include "gpucap/quarter.h"
#include "gpucap/report.h"
#include "gpucap/table.h"
#include "util.h"

#define EXTENDED	0xFF
#define EXTENDED_HEADER 7

/* What the header asks for. */
struct knobs {
	unsigned flags;	  /* the ledger's, the metric, lifetime, method */
	unsigned chart;	  /* style, ASCII, title, width */
	unsigned column;  /* which column is charted */
	int horizon;	  /* quarters projected */
	unsigned extreme; /* 0: none planted */
};

static const char *const FORMATS[] = { "table", "csv",	  "tsv",
				       "json",	"ndjson", "markdown" };

static struct catalog *catalog(void)
{
	static struct catalog cat;
	static int loaded;
	struct gc_error err;

	if (!loaded) {
		catalog_init(&cat);
		FUZZ_ASSERT(catalog_load_builtin(&cat, &err) == GC_OK);
		loaded = 1;
	}
	return &cat;
}

static void render(const struct series *s, const char *format)
{
	char *buf = NULL, q[QUARTER_FMT_MAX];
	size_t len = 0, i;
	FILE *out = open_memstream(&buf, &len);
	struct printer *p;
	struct cell cells[RC_COUNT];
	struct gc_error err;

	FUZZ_ASSERT(out != NULL);
	FUZZ_ASSERT(printer_open(&p, format, out,
				 s->low ? REPORT_COLS_BOUNDED : REPORT_COLS,
				 RC_COUNT, &err) == GC_OK);
	for (i = 0; i < s->n; i++) {
		report_cells(s, &s->rows[i], s->low ? &s->low[i] : NULL,
			     s->high ? &s->high[i] : NULL, cells, q);
		FUZZ_ASSERT(printer_row(p, cells) == GC_OK);
	}
	FUZZ_ASSERT(printer_close(p, &err) == GC_OK);
	fclose(out);
	free(buf);
}

/* With ranges, every figure lies within its ends (growth and ratios too:
 * their ends are taken from the ends of what they divide). */
static void check_bounds(const struct series *s)
{
	size_t i;
	int c;

	for (i = 0; s->low != NULL && i < s->n; i++) {
		for (c = RC_UNITS; c < RC_COUNT; c++) {
			double m, lo, hi, slack;

			if (!report_numeric((enum report_col)c))
				continue;
			m = report_value(s, &s->rows[i], (enum report_col)c);
			report_ends(s, &s->low[i], &s->high[i],
				    (enum report_col)c, &lo, &hi);
			slack = 1e-9 * (fabs(m) + 1);

			FUZZ_ASSERT(s->low[i].quarter == s->rows[i].quarter);
			if (isnan(m))
				continue;
			FUZZ_ASSERT(isnan(lo) || lo <= m + slack);
			FUZZ_ASSERT(isnan(hi) || hi >= m - slack);
		}
	}
}

/* Whether every line of text has at most width characters, and no
 * control byte but the line feed: what a terminal can be given. */
static void check_lines(const char *text, size_t width)
{
	size_t cols = 0;

	FUZZ_ASSERT(util_utf8_valid(text));
	for (; *text != '\0'; text++) {
		unsigned char c = (unsigned char)*text;

		if (c == '\n') {
			cols = 0;
			continue;
		}
		FUZZ_ASSERT(c >= 0x20 && c != 0x7F);
		cols += (c & 0xC0) != 0x80;
		FUZZ_ASSERT(cols <= width);
	}
}

static bool has_word(const char *s, size_t n, const char *word)
{
	size_t i, k = strlen(word);

	for (i = 0; i + k <= n; i++)
		if (strncasecmp(s + i, word, k) == 0)
			return true;
	return false;
}

/* The terminal chart: lines within the width, and the y axis' labels (the
 * first word of the 12 lines under the title) never nan or inf. */
static void check_term(const char *text, int width)
{
	const char *line = strchr(text, '\n');
	int r;

	check_lines(text, (size_t)(width < 40 ? 40 : width));
	for (r = 0; r < 12 && line != NULL; r++) {
		const char *label = line + 1;
		size_t n;

		while (*label == ' ')
			label++;
		n = strcspn(label, " \n");
		FUZZ_ASSERT(!has_word(label, n, "nan"));
		FUZZ_ASSERT(!has_word(label, n, "inf"));
		line = strchr(line + 1, '\n');
	}
}

/* A number attribute's value: finite, within [0, max]. */
static void check_coord(const char *v, double max)
{
	char *end;
	double x = strtod(v, &end);

	FUZZ_ASSERT(end != v);
	FUZZ_ASSERT(isfinite(x));
	FUZZ_ASSERT(x >= 0 && x <= max + 0.05);
}

/* The value of attribute name="..." of the element at p, or NULL: looked
 * for within the element's tag only, so that a check stays linear. */
static const char *attribute(const char *p, const char *name)
{
	const char *end = strchr(p, '>');
	size_t n = strlen(name);

	for (; end != NULL && p + n + 2 < end; p++)
		if (p[0] == ' ' && strncmp(p + 1, name, n) == 0 &&
		    p[n + 1] == '=' && p[n + 2] == '"')
			return p + n + 3;
	return NULL;
}

/* Every coordinate of the SVG finite and on its page; the text valid
 * UTF-8 with no character XML 1.0 forbids. */
static void check_svg(const char *text)
{
	static const char *const X[] = { "x", "x1", "x2", "cx", "width" };
	static const char *const Y[] = { "y", "y1", "y2", "cy", "height" };
	const char *svg = strstr(text, "<svg "), *p, *v;
	double w, h;
	size_t i;

	check_lines(text, SIZE_MAX);
	FUZZ_ASSERT(strstr(text, "\xEF\xBF\xBE") == NULL);
	FUZZ_ASSERT(strstr(text, "\xEF\xBF\xBF") == NULL);
	FUZZ_ASSERT(svg != NULL);
	w = strtod(attribute(svg, "width"), NULL);
	h = strtod(attribute(svg, "height"), NULL);
	FUZZ_ASSERT(isfinite(w) && isfinite(h) && w > 0 && h > 0);
	for (p = strchr(svg + 1, '<'); p != NULL; p = strchr(p + 1, '<')) {
		for (i = 0; i < sizeof X / sizeof X[0]; i++) {
			if ((v = attribute(p, X[i])) != NULL)
				check_coord(v, w);
			if ((v = attribute(p, Y[i])) != NULL)
				check_coord(v, h);
		}
		for (v = attribute(p, "points"); v != NULL && *v != '"';) {
			check_coord(v, w);
			v = strchr(v, ',');
			FUZZ_ASSERT(v != NULL);
			check_coord(++v, h);
			v += strcspn(v, " \"");
			v += *v == ' ';
		}
	}
}

/* A chart in each medium, with the axis linear and log: drawn and well
 * formed, or refused for want of anything to draw, never anything else. */
static void chart(const struct series *s, const struct knobs *k)
{
	struct chart_opts o;
	struct gc_error err;
	int log;

	chart_opts_init(&o);
	o.column = (enum report_col)(RC_UNITS +
				     k->column % (RC_REPORT_COUNT - RC_UNITS));
	o.style = k->chart & 1 ? CHART_BARS : CHART_LINE;
	o.ascii = k->chart & 2;
	o.width = 20 + (int)(k->chart >> 3) * 8;
	if (k->chart & 4 && s->n > 0) {
		o.title = s->rows[0].org;
		o.subtitle = s->rows[s->n - 1].org;
	}
	for (log = 0; log < 2; log++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&buf, &len);
		enum gc_status st;

		FUZZ_ASSERT(out != NULL);
		o.log = log;
		st = chart_svg(out, s, &o, &err);
		FUZZ_ASSERT(st == GC_OK || st == GC_DATA);
		fflush(out);
		if (st == GC_OK)
			check_svg(buf);
		fclose(out);
		free(buf);
		buf = NULL;
		out = open_memstream(&buf, &len);
		FUZZ_ASSERT(out != NULL);
		st = chart_term(out, s, &o, &err);
		FUZZ_ASSERT(st == GC_OK || st == GC_DATA);
		fflush(out);
		if (st == GC_OK)
			check_term(buf, o.width);
		fclose(out);
		free(buf);
	}
}

/* Values no ledger can state, planted in every third row (all of its
 * figures, and its ends when it has them), so that the charts meet them. */
static void plant(struct series *s, unsigned extreme)
{
	static const double EXTREMES[] = {
		1e-300, 1e12,	  2.2e-14,   -2.2e-14, 1000 + 2.2e-13,
		1e300,	DBL_MAX,  -DBL_MAX,  5e-324,   1.5e307,
		-1e12,	INFINITY, -INFINITY, NAN,      0
	};
	const size_t n = sizeof EXTREMES / sizeof EXTREMES[0];
	size_t i;

	for (i = 0; extreme != 0 && i < s->n; i++) {
		size_t e = (extreme + i) % n;

		if ((i + extreme) % 3 != 0)
			continue;
		s->rows[i].units = s->rows[i].added = s->rows[i].h100e =
			s->rows[i].reported = s->rows[i].qoq =
				s->rows[i].spend = s->rows[i].power_mw =
					EXTREMES[e];
		s->rows[i].retired = s->rows[i].gap = s->rows[i].yoy =
			s->rows[i].ytd = s->rows[i].cum_spend =
				s->rows[i].usd_per_h100e = EXTREMES[e];
		if (s->low != NULL) {
			s->low[i] = s->rows[i];
			s->high[i] = s->rows[i];
			s->low[i].h100e = EXTREMES[(e + 1) % n];
			s->high[i].h100e = EXTREMES[(e + 2) % n];
			s->low[i].qoq = EXTREMES[(e + 3) % n];
		}
	}
}

static void project(const struct series *s, const struct knobs *k)
{
	struct project_opts po;
	struct series out;
	struct gc_error err;

	if (s->n == 0)
		return;
	project_opts_init(&po);
	po.to = s->rows[s->n - 1].quarter + k->horizon;
	po.method = k->flags & 8 ? PROJECT_LINEAR : PROJECT_GEOMETRIC;
	po.total = true;
	if (project_series(s, &po, &out, NULL, &err) == GC_OK) {
		check_bounds(&out);
		render(&out, "csv");
		plant(&out, k->extreme);
		chart(&out, k);
	}
	series_free(&out);
}

/* Draw d of figure j: its central value in the first 150 of 160 draws
 * (so a column is first written late: on two threads, in the second run
 * of the second part, draws 80..159 in runs of at most 64), then spread
 * over its range by (d, j). */
static void fuzz_draw(void *ctx, size_t figure, const struct sample_figure *g,
		      size_t first, size_t count, double *out)
{
	size_t i, d;

	(void)ctx;
	for (i = 0; i < count; i++) {
		d = first + i;
		out[i] = d < 150 ? g->mid
				 : g->lo + (g->hi - g->lo) *
						   (double)((d * 7 +
							     figure * 3) %
							    11) /
						   10;
	}
}

/* The draws reduced as they are made (series_stream) give what the draws
 * held as lanes give, figure for figure, bit for bit. */
static void check_streamed(const struct fleet *f)
{
	struct fleet_sampling how = { .k = 160,
				      .interval = 0.9,
				      .threads = 2,
				      .draw = fuzz_draw,
				      .lane_figures = true,
				      .keep_draws = true };
	struct series held = { 0 }, streamed = { 0 };
	struct gc_error err;
	enum gc_status st;
	size_t i, from = offsetof(struct series_row, units),
		  to = offsetof(struct series_row, fit_qoq) + sizeof(double);

	if (f->nfigures == 0)
		return;
	st = fleet_series_drawn(f, &how, &held, &err);
	how.keep_draws = false;
	FUZZ_ASSERT(fleet_series_drawn(f, &how, &streamed, &err) == st);
	for (i = 0; st == GC_OK && i < held.n; i++) {
		const struct series_row *h[3] = { &held.rows[i], &held.low[i],
						  &held.high[i] };
		const struct series_row *s[3] = { &streamed.rows[i],
						  &streamed.low[i],
						  &streamed.high[i] };
		int e;

		FUZZ_ASSERT(streamed.n == held.n && streamed.draws == NULL);
		for (e = 0; e < 3; e++)
			FUZZ_ASSERT(memcmp((const char *)h[e] + from,
					   (const char *)s[e] + from,
					   to - from) == 0);
	}
	series_free(&held);
	series_free(&streamed);
}

/* The header's knobs, and how many bytes it took. */
static size_t knobs_read(const uint8_t *data, size_t size, struct knobs *k)
{
	if (size >= EXTENDED_HEADER && data[0] == EXTENDED) {
		k->flags = data[1];
		k->chart = data[2];
		k->column = data[3];
		k->horizon = 1 + (data[4] | data[5] << 8) % FLEET_SPAN_MAX;
		k->extreme = data[6];
		return EXTENDED_HEADER;
	}
	/* one byte for everything, as the seeds have it */
	k->flags = k->column = size ? data[0] : 0;
	k->chart = (k->flags & 32 ? 1 : 0) | (k->flags & 128 ? 2 : 0) |
		   (k->flags % 25) << 3;
	k->horizon = 1 + (int)(k->flags % 4);
	k->extreme = 0;
	return size ? 1 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct knobs k;
	size_t head = knobs_read(data, size, &k);
	FILE *in = fuzz_stream(data + head, size - head);
	struct ledger_opts lo = { .format = LEDGER_SNIFF,
				  .keep_going = k.flags & 1 };
	struct fleet_opts fo;
	struct fleet f;
	struct series s = { 0 };
	struct gc_error err;

	if (in == NULL)
		return 0;
	fleet_opts_init(&fo, catalog());
	fo.metric = (enum metric)((k.flags >> 1) % METRIC_COUNT);
	fo.lifetime = k.flags & 16 ? 4 : 0;
	fo.keep_going = k.flags & 1;
	if (fleet_init(&f, &fo, &err) == GC_OK &&
	    ledger_read_stream(in, "fuzz", &lo, fleet_add, &f, &err) == GC_OK &&
	    fleet_series(&f, &s, &err) == GC_OK) {
		check_streamed(&f);
		s.rates = (struct series_rates){
			f.baseline_value * 1e12, 0.4, 90, 0.75, 400, 0.08,
			k.flags & 32 ? 1 : 20
		};
		check_bounds(&s);
		project(&s, &k);
		if (series_add_total(&s, &err) == GC_OK) {
			check_bounds(&s);
			render(&s, FORMATS[k.flags % 6]);
			plant(&s, k.extreme);
			chart(&s, &k);
		}
	}
	series_free(&s);
	fleet_free(&f);
	fclose(in);
	return 0;
}
