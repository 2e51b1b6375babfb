/* The whole report pipeline on an arbitrary ledger: format sniffed from the
 * bytes, rows into the fleet, the series with totals, a projection, every
 * output format into memory, and charts of it (SVG and terminal, of a
 * column the flags pick). The first byte picks the options. */
#include <math.h>
#include "fuzz.h"
#include "gpucap/chart.h"
#include "gpucap/fleet.h"
#include "gpucap/project.h"
#include "gpucap/quarter.h"
#include "gpucap/report.h"
#include "gpucap/table.h"

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
		report_cells(&s->rows[i], s->low ? &s->low[i] : NULL,
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
		for (c = RC_UNITS; c < RC_PROJECTED; c++) {
			double m =
				report_value(&s->rows[i], (enum report_col)c);
			double lo =
				report_value(&s->low[i], (enum report_col)c);
			double hi =
				report_value(&s->high[i], (enum report_col)c);
			double slack = 1e-9 * (fabs(m) + 1);

			FUZZ_ASSERT(s->low[i].quarter == s->rows[i].quarter);
			if (isnan(m))
				continue;
			FUZZ_ASSERT(isnan(lo) || lo <= m + slack);
			FUZZ_ASSERT(isnan(hi) || hi >= m - slack);
		}
	}
}

/* A chart in each medium: drawn, or refused for want of anything to
 * draw, never anything else. */
static void chart(const struct series *s, unsigned flags)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct chart_opts o;
	struct gc_error err;
	enum gc_status st;

	FUZZ_ASSERT(out != NULL);
	chart_opts_init(&o);
	o.column = (enum report_col)(RC_UNITS +
				     flags % (RC_REPORT_COUNT - RC_UNITS));
	o.style = flags & 32 ? CHART_BARS : CHART_LINE;
	o.log = flags & 64;
	o.ascii = flags & 128;
	o.width = 20 + (int)(flags % 200);
	st = chart_svg(out, s, &o, &err);
	FUZZ_ASSERT(st == GC_OK || st == GC_DATA);
	st = chart_term(out, s, &o, &err);
	FUZZ_ASSERT(st == GC_OK || st == GC_DATA);
	fclose(out);
	free(buf);
}

static void project(const struct series *s, int flags)
{
	struct project_opts po;
	struct series out;
	struct gc_error err;

	if (s->n == 0)
		return;
	project_opts_init(&po);
	po.to = s->rows[s->n - 1].quarter + 1 + flags % 4;
	po.method = flags & 8 ? PROJECT_LINEAR : PROJECT_GEOMETRIC;
	po.total = true;
	if (project_series(s, &po, &out, NULL, &err) == GC_OK) {
		check_bounds(&out);
		render(&out, "csv");
		chart(&out, (unsigned)flags);
	}
	series_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags = size ? data[0] : 0;
	FILE *in = fuzz_stream(data + (size ? 1 : 0), size ? size - 1 : 0);
	struct ledger_opts lo = { LEDGER_SNIFF, flags & 1, NULL, NULL,
				  NULL,		NULL,	   0 };
	struct fleet_opts fo;
	struct fleet f;
	struct series s = { 0 };
	struct gc_error err;

	if (in == NULL)
		return 0;
	fleet_opts_init(&fo, catalog());
	fo.metric = (enum metric)((flags >> 1) % METRIC_COUNT);
	fo.lifetime = flags & 16 ? 4 : 0;
	fo.keep_going = flags & 1;
	if (fleet_init(&f, &fo, &err) == GC_OK &&
	    ledger_read_stream(in, "fuzz", &lo, fleet_add, &f, &err) == GC_OK &&
	    fleet_series(&f, &s, &err) == GC_OK) {
		check_bounds(&s);
		project(&s, (int)flags);
		if (series_add_total(&s, &err) == GC_OK) {
			check_bounds(&s);
			render(&s, FORMATS[flags % 6]);
			chart(&s, flags);
		}
	}
	series_free(&s);
	fleet_free(&f);
	fclose(in);
	return 0;
}
