/* gpucap chart: the series report prints, drawn: an SVG, or the terminal. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gpucap/config.h"
#include "gpucap/chart.h"
#include "output.h"
#include "util.h"

/* The terminal's width: $COLUMNS, else CONFIG_TERM_WIDTH. */
static int term_width(void)
{
	const char *env = getenv("COLUMNS");
	long n;
	char *end;

	if (env == NULL || *env == '\0')
		return CONFIG_TERM_WIDTH;
	n = strtol(env, &end, 10);
	return *end == '\0' && n > 0 && n < 10000 ? (int)n : CONFIG_TERM_WIDTH;
}

/* The rows inside --from/--to, kept in place. */
static void window(const struct options *o, struct series *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->n; i++) {
		const struct series_row *r = &s->rows[i];

		if ((o->has_from && r->quarter < o->from) ||
		    (o->has_to && r->quarter > o->to))
			continue;
		s->rows[n++] = *r;
	}
	s->n = n;
}

/* The ledger's series, projected with --project-to, with the orgs' sum
 * with --total (added after the projection, as project does). */
static enum gc_status chart_series(const struct options *o,
				   struct cli_ledger *l, struct series *out,
				   struct gc_error *err)
{
	struct project_opts po;
	enum gc_status st;

	if (o->has_project_to) {
		cli_project_opts(o, &l->fleet, o->project_to, &po);
		po.total = o->total;
		st = project_series(&l->series, &po, out, NULL, err);
	} else {
		*out = l->series;
		memset(&l->series, 0, sizeof l->series);
		st = o->total ? series_add_total(out, err) : GC_OK;
	}
	if (st == GC_OK)
		window(o, out);
	return st;
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

static enum gc_status draw(const struct options *o, const struct series *s,
			   struct gc_error *err)
{
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
	co.log = o->log;
	co.ascii = o->ascii;
	co.width = term_width();
	co.subtitle = subtitle;
	st = output_open(&out, o->output, false, err);
	if (st == GC_OK) {
		st = strcmp(o->format, "term") == 0
			     ? chart_term(out.fp, s, &co, err)
			     : chart_svg(out.fp, s, &co, err);
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
	struct options lo = *o;
	struct cli_ledger l;
	struct series s = { 0 };
	enum gc_status st;

	/* the title goes into an SVG that says it is UTF-8, or a terminal */
	if (o->title != NULL && !util_utf8_valid(o->title))
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "--title: not valid UTF-8");
	if (!o->has_format)
		lo.format = CONFIG_CHART_FORMAT;
	lo.total = false; /* the sum is added after any projection */
	st = cli_ledger_load(&lo, &l, err);
	lo.total = o->total;
	if (st == GC_OK)
		st = chart_series(&lo, &l, &s, err);
	if (st == GC_OK)
		st = draw(&lo, &s, err);
	if (st == GC_OK)
		cli_ledger_summary(&l);
	series_free(&s);
	cli_ledger_free(&l);
	return st;
}
