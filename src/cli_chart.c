/* gpucap chart: the series report prints, drawn: an SVG, or the terminal. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli_impl.h"
#include "gpucap/config.h"
#include "gpucap/chart.h"
#include "output.h"
#include "util.h"

int cli_term_width(void)
{
	const char *env = getenv("COLUMNS");
	long n;
	char *end;

	if (env == NULL || *env == '\0')
		return CONFIG_TERM_WIDTH;
	n = strtol(env, &end, 10);
	return *end == '\0' && n > 0 && n < 10000 ? (int)n : CONFIG_TERM_WIDTH;
}

/* "metric M, baseline B = 1", as long as the baseline's name is (a fixed
 * buffer would cut a long one inside a UTF-8 character); NULL when out of
 * memory. */
static char *subtitle_of(const struct options *o)
{
	const char *metric = metric_name(o->metric);
	size_t n = strlen(metric) + strlen(o->baseline) + 32;
	char *s = malloc(n);

	if (s != NULL)
		snprintf(s, n, "metric %s, baseline %s = 1", metric,
			 o->baseline);
	return s;
}

/* chart's formats, the first the default. A new one is a row here. */
static const struct chart_format {
	const char *name;
	enum gc_status (*draw)(FILE *out, const struct series *s,
			       const struct chart_opts *o,
			       struct gc_error *err);
} CHART_FORMATS[] = {
	{ "svg", chart_svg },
	{ "term", chart_term },
};

#define NCHART_FORMATS (sizeof CHART_FORMATS / sizeof CHART_FORMATS[0])

const char *chart_format_name(size_t i)
{
	return i < NCHART_FORMATS ? CHART_FORMATS[i].name : NULL;
}

/* The format named (the CLI checked the name); the default for any other. */
static const struct chart_format *chart_format(const char *name)
{
	size_t i;

	for (i = 0; i < NCHART_FORMATS; i++)
		if (strcasecmp(CHART_FORMATS[i].name, name) == 0)
			return &CHART_FORMATS[i];
	return &CHART_FORMATS[0];
}

static enum gc_status draw(const struct cli_request *r, const struct series *s,
			   const char *source, struct gc_error *err)
{
	const struct options *o = r->o;
	struct chart_opts co;
	struct output out;
	char *subtitle = subtitle_of(o);
	enum gc_status st;

	if (subtitle == NULL)
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	chart_opts_init(&co);
	co.column = o->column;
	co.style = o->bars ? CHART_BARS : CHART_LINE;
	co.title = o->title;
	/* FLOP spans orders of magnitude: its axis is logarithmic */
	co.log = o->log || REPORT_COLS[o->column].type == CT_SCI;
	co.ascii = o->ascii;
	co.width = cli_term_width();
	co.subtitle = subtitle;
	co.source = source;
	st = output_open(&out, o->output, false, err);
	if (st == GC_OK) {
		st = chart_format(r->format)->draw(out.fp, s, &co, err);
		if (st == GC_OK)
			st = output_commit(&out, err);
		else
			output_abort(&out);
	}
	free(subtitle);
	return st;
}

enum gc_status cmd_chart(const struct options *o, struct gc_error *err)
{
	struct cli_request r;
	struct cli_ledger l;
	struct series s = { 0 };
	char *source = NULL;
	enum gc_status st;

	/* the title goes into an SVG that says it is UTF-8, or a terminal */
	if (o->title != NULL && !util_utf8_valid(o->title))
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "--title: not valid UTF-8");
	cli_request_init(&r, o);
	r.project = o->has_project_to;
	r.project_to = o->project_to;
	/* Epoch AI's data is CC-BY: a chart of it says whose it is */
	r.sources = true;
	st = cli_ledger_load(&r, &l, err);
	if (st == GC_OK)
		st = cli_series(&r, &l, &s, NULL, err);
	if (st == GC_OK && l.nsources > 0 &&
	    (source = cli_ledger_sources(&l)) == NULL)
		st = gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	if (st == GC_OK)
		st = draw(&r, &s, source, err);
	free(source);
	if (st == GC_OK)
		cli_ledger_summary(&l);
	series_free(&s);
	cli_ledger_free(&l);
	return st;
}
