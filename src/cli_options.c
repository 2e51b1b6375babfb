/* Command-line options: one table that drives getopt_long, the check that
 * an option belongs to the command, and the help text. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli_impl.h"
#include "util.h"
#include "gpucap/config.h"
#include "gpucap/quantity.h"
#include "gpucap/quarter.h"
#include "gpucap/table.h"

enum opt_id {
	O_FORMAT,
	O_METRIC,
	O_BASELINE,
	O_CATALOG,
	O_OUTPUT,
	O_HELP,
	O_ORG,
	O_USD,
	O_LIFETIME,
	O_OVERHEAD,
	O_PUE,
	O_INPUT_FORMAT,
	O_MAP,
	O_ALIAS,
	O_FISCAL,
	O_DELIMITER,
	O_KEEP_GOING,
	O_FROM,
	O_TO,
	O_TOTAL,
	O_METHOD,
	O_WINDOW,
	O_TARGET,
	O_BY,
	O_EXPR,
	O_CHECKS,
	O_PROJECT_TO,
	O_AS_OF,
	O_SAMPLES,
	O_CORRELATION,
	O_SEED,
	O_INTERVAL,
	O_CONFIDENCE,
	O_KEEP_CAPACITY,
	O_STATUS,
	O_CERTAINTY,
	O_QUARTER,
	O_COLUMNS,
	O_PIVOT,
	O_MFU,
	O_RUN_DAYS,
	O_LOAD,
	O_GRID_GCO2,
	O_USD_PER_KWH,
	O_DEPRECIATION,
	O_COLOR,
	O_QUIET,
	O_COLUMN,
	O_STYLE,
	O_TITLE,
	O_LOG,
	O_ASCII,
	O_UNCERTAIN,
	O_COUNT
};

struct opt_info {
	const char *name;
	char short_name; /* '\0': long only */
	const char *arg; /* NULL: takes no value */
	unsigned group;
	const char *help;
};

static const struct opt_info OPTS[O_COUNT] = {
	[O_FORMAT] = { "format", 'f', "FMT", G_OUT,
		       "the command's own: see below" },
	[O_METRIC] = { "metric", 'm', "M", G_CAT,
		       "bf16 fp8 8bit fp4 tf32 fp32 fp64 int8 tpp memory "
		       "bandwidth [" CONFIG_METRIC_NAME "]" },
	[O_BASELINE] = { "baseline", 'b', "MODEL", G_CAT,
			 "the accelerator that counts as 1.0 [" CONFIG_BASELINE
			 "]" },
	[O_CATALOG] = { "catalog", 0, "FILE", G_CAT | G_IMPORT,
			"extra or overriding catalog entries, or Epoch AI's "
			"ml_hardware.csv (repeatable)" },
	[O_OUTPUT] = { "output", 'o', "FILE", G_OUT,
		       "write there (atomically) instead of stdout" },
	[O_HELP] = { "help", 'h', NULL, G_OUT, "this help" },
	[O_COLOR] = { "color", 0, "WHEN", G_OUT,
		      "colour the table: auto (on a terminal, unless NO_COLOR "
		      "is set), always, never [auto; bare: always]" },
	[O_QUIET] = { "quiet", 'q', NULL, G_OUT,
		      "no warnings and no progress meter; errors only" },
	[O_ORG] = { "org", 0, "NAME", G_LEDGER | G_IMPORT,
		    "keep only this org (repeatable, any case)" },
	[O_USD] = { "usd-per-h100e", 0, "USD", G_LEDGER,
		    "price of spend-only rows and projected additions, or by "
		    "year 2023=50k,2024=40k [the baseline's price]" },
	[O_LIFETIME] = { "lifetime", 0, "N", G_LEDGER,
			 "retire units N quarters (or Ny years) after "
			 "purchase [never]" },
	[O_OVERHEAD] = { "overhead", 0, "X", G_LEDGER | G_POWER,
			 "server power over chip TDP, for power_mw "
			 "[" CONFIG_TEXT(CONFIG_OVERHEAD) "]" },
	[O_PUE] = { "pue", 0, "X", G_LEDGER | G_POWER,
		    "power usage effectiveness, for power_mw [" CONFIG_TEXT(
			    CONFIG_PUE) "]" },
	[O_INPUT_FORMAT] = { "input-format", 0, "F", G_LEDGER,
			     "csv, tsv, json or ndjson instead of guessing" },
	[O_MAP] = { "map", 0, "'NAME=COLUMN'", G_LEDGER | G_IMPORT,
		    "read the ledger's column NAME as gpucap's COLUMN "
		    "(repeatable)" },
	[O_ALIAS] = { "alias", 0, "'FROM=TO'", G_LEDGER | G_IMPORT,
		      "read org FROM as TO (repeatable), or @FILE of from,to "
		      "rows" },
	[O_FISCAL] = { "fiscal-year-end", 0, "MONTH", G_LEDGER | G_IMPORT,
		       "the month that ends FY quarters' fiscal year: jan..dec "
		       "(jan for Nvidia) [none: FY quarters are an error]" },
	[O_DELIMITER] = { "delimiter", 0, "C", G_LEDGER | G_IMPORT,
			  "a CSV ledger's delimiter: ',', ';', tab or any one "
			  "byte [told from the header]" },
	[O_KEEP_GOING] = { "keep-going", 0, NULL, G_LEDGER,
			   "skip bad rows with a warning each" },
	[O_FROM] = { "from", 0, "Q", G_WINDOW,
		     "first quarter of the output (a year: its Q1)" },
	[O_TO] = { "to", 0, "Q", G_WINDOW,
		   "last quarter of the output (a year: its Q4)" },
	[O_TOTAL] = { "total", 0, NULL, G_WINDOW,
		      "add an 'all' row per quarter summing the orgs" },
	[O_METHOD] = { "method", 0, "M", G_FIT,
		       "geometric or linear growth [geometric]" },
	[O_WINDOW] = { "window", 0, "N", G_FIT,
		       "quarters the growth is fitted over [" CONFIG_TEXT(
			       CONFIG_WINDOW) "]" },
	[O_TARGET] = { "target", 0, "H100E", G_TARGET,
		       "solve for the growth that reaches this by --by" },
	[O_BY] = { "by", 0, "Q", G_TARGET | G_PIVOT,
		   "the quarter of the --target" },
	[O_EXPR] = { "expr", 'e', "EXPR", G_CHECK,
		     "a check: [ORG] PERIOD COLUMN OP VALUE [TOLERANCE] "
		     "(repeatable)" },
	[O_CHECKS] = { "checks", 0, "FILE", G_CHECK,
		       "checks, one a line, # comments (repeatable)" },
	[O_AS_OF] = { "as-of", 0, "Q", G_LEDGER,
		      "the ledger as it stood in quarter Q: later rows are "
		      "ignored" },
	[O_SAMPLES] = { "samples", 0, "N", G_LEDGER,
			"sample uncertain figures N times: medians and "
			"intervals, not bounds" },
	[O_CORRELATION] = { "correlation", 0, "R", G_LEDGER,
			    "with --samples: the factor uncertain figures "
			    "share, 0 to 1 [" CONFIG_TEXT(
				    CONFIG_CORRELATION) "]" },
	[O_SEED] = { "seed", 0, "S", G_LEDGER,
		     "with --samples: the draws' seed [" CONFIG_TEXT(
			     CONFIG_SEED) "]" },
	[O_INTERVAL] = { "interval", 0, "P", G_LEDGER,
			 "with --samples: the interval's share, % "
			 "[" CONFIG_TEXT(CONFIG_INTERVAL) "]" },
	[O_CONFIDENCE] = { "confidence", 0, "C", G_CHECK,
			   "with --samples: a check holds when P >= C, fails "
			   "when P <= 1 - C [" CONFIG_TEXT(
				   CONFIG_CONFIDENCE) "]" },
	[O_PROJECT_TO] = { "project-to", 0, "Q", G_CHECK | G_CHART,
			   "project the series to this quarter first" },
	[O_UNCERTAIN] = { "uncertain", 0, "HOW", G_CHECK,
			  "a check a range holds in part counts as: pass, "
			  "fail, todo (TAP's, not a failure) [fail]" },
	[O_COLUMN] = { "column", 0, "COL", G_CHART,
		       "the report column charted [h100e]" },
	[O_STYLE] = { "style", 0, "S", G_CHART,
		      "line or bars (grouped by quarter) [line]" },
	[O_TITLE] = { "title", 0, "TEXT", G_CHART,
		      "the chart's title [named after the column]" },
	[O_LOG] = { "log", 0, NULL, G_CHART,
		    "a logarithmic y axis (FLOP columns always)" },
	[O_ASCII] = { "ascii", 0, NULL, G_CHART,
		      "-f term: ASCII instead of Unicode blocks" },
	[O_STATUS] = { "status", 0, "LIST", G_IMPORT,
		       "epoch-clusters: keep clusters of these statuses "
		       "(existing,planned,decommissioned) [all]" },
	[O_CERTAINTY] = { "certainty", 0, "LIST", G_IMPORT,
			  "epoch-clusters: keep clusters of these certainties "
			  "(confirmed,likely,unlikely) [all]" },
	[O_COLUMNS] = { "columns", 0, "LIST", G_COLUMNS,
			"columns or groups to print, in order: default, "
			"compute, energy, cost, rates, all, or names "
			"[default]" },
	[O_PIVOT] = { "pivot", 0, "COL", G_PIVOT,
		      "one row per org, one column per quarter, of COL" },
	[O_MFU] = { "mfu", 0, "X", G_LEDGER,
		    "run_flop: the share of peak a run reaches "
		    "[" CONFIG_TEXT(CONFIG_MFU) "]" },
	[O_RUN_DAYS] = { "run-days", 0, "N", G_LEDGER,
			 "run_flop: the run's days [" CONFIG_TEXT(
				 CONFIG_RUN_DAYS) "]" },
	[O_LOAD] = { "load", 0, "X", G_LEDGER,
		     "energy_mwh: the share of nameplate power drawn "
		     "[" CONFIG_TEXT(CONFIG_LOAD) "]" },
	[O_GRID_GCO2] = { "grid-gco2", 0, "G", G_LEDGER,
			  "co2_t: grams of CO2 a kWh [none: co2_t undefined]" },
	[O_USD_PER_KWH] = { "usd-per-kwh", 0, "USD", G_LEDGER,
			    "energy_usd: the price of a kWh "
			    "[" CONFIG_TEXT(CONFIG_USD_PER_KWH) "]" },
	[O_DEPRECIATION] = { "depreciation", 0, "N", G_LEDGER,
			     "depreciation_usd: quarters (or years like 5y) "
			     "capital is written off over "
			     "[" CONFIG_TEXT(CONFIG_DEPRECIATION_YEARS) "y]" },
	[O_QUARTER] = { "quarter", 0, "Q", G_IMPORT,
			"nvidia-smi: the quarter the GPUs count in" },
	[O_KEEP_CAPACITY] = { "keep-capacity", 0, NULL, G_IMPORT,
			      "import clusters without chips as capacity rows "
			      "(their H100 equivalents)" },
};

/* Options that mean something else to one command: their help there
 * (the command known by a group only it has). */
static const struct {
	enum opt_id id;
	unsigned group;
	const char *arg; /* NULL: the option's own */
	const char *help;
} HELP_FOR[] = {
	{ O_ORG, G_IMPORT, NULL,
	  "epoch-clusters: the field that names the org, owner or name "
	  "[owner]; nvidia-smi: the org" },
	{ O_TO, G_TARGET, NULL, "the quarter to project to (a year: its Q4)" },
	{ O_BY, G_PIVOT, "WHAT",
	  "model or vendor: each org split by its accelerators (a row each)" },
};

/* The row of HELP_FOR for the option in a command of these groups. */
static int help_row(enum opt_id id, unsigned groups)
{
	size_t i;

	for (i = 0; i < sizeof HELP_FOR / sizeof HELP_FOR[0]; i++)
		if (HELP_FOR[i].id == id && (HELP_FOR[i].group & groups) != 0)
			return (int)i;
	return -1;
}

static const char *help_for(enum opt_id id, unsigned groups)
{
	int i = help_row(id, groups);

	return i >= 0 ? HELP_FOR[i].help : OPTS[id].help;
}

static const char *arg_for(enum opt_id id, unsigned groups)
{
	int i = help_row(id, groups);

	return i >= 0 && HELP_FOR[i].arg ? HELP_FOR[i].arg : OPTS[id].arg;
}

#define usage(err, ...) gc_fail((err), GC_USAGE, NULL, 0, 0, __VA_ARGS__)

/* An argument as a message quotes it (cut when long). One buffer is
 * enough: options are read on one thread, one message at a time. */
static const char *quote(const char *arg)
{
	static char buf[DIAG_QUOTE_MAX];

	return diag_quote(arg, buf);
}
#define LONG_ONLY 256 /* getopt values of long-only options start here */

/* GPUCAP_THREADS: a whole number from 1 up (the reader keeps it to its
 * maximum); anything else is ignored, as if unset. */
static int env_threads(void)
{
	const char *env = getenv("GPUCAP_THREADS");
	char *end;
	long n;

	if (env == NULL || *env == '\0')
		return 0;
	n = strtol(env, &end, 10);
	if (*end != '\0' || n < 1)
		return 0;
	return n > LEDGER_THREADS_MAX ? LEDGER_THREADS_MAX : (int)n;
}

void options_init(struct options *o)
{
	memset(o, 0, sizeof *o);
	o->metric = CONFIG_METRIC;
	o->baseline = CONFIG_BASELINE;
	o->overhead = CONFIG_OVERHEAD;
	o->pue = CONFIG_PUE;
	o->input_format = LEDGER_SNIFF;
	o->method = PROJECT_GEOMETRIC;
	o->window = CONFIG_WINDOW;
	o->column = RC_H100E;
	o->threads = env_threads();
	o->seed = CONFIG_SEED;
	o->correlation = CONFIG_CORRELATION;
	o->interval = CONFIG_INTERVAL;
	o->confidence = CONFIG_CONFIDENCE;
	o->mfu = CONFIG_MFU;
	o->run_days = CONFIG_RUN_DAYS;
	o->load = CONFIG_LOAD;
	o->grid_gco2 = NAN;
	o->usd_per_kwh = CONFIG_USD_PER_KWH;
	o->depreciation = CONFIG_DEPRECIATION_YEARS * 4;
}

/* ---- values ---- */

/* A number column of report, by name. */
static bool chart_column(const char *arg, enum report_col *out)
{
	int c;

	for (c = RC_UNITS; c < RC_COUNT; c++)
		if (report_numeric((enum report_col)c) &&
		    strcmp(arg, REPORT_COLS[c].name) == 0) {
			*out = (enum report_col)c;
			return true;
		}
	return false;
}

/* The index of arg among names, which an enum follows in order. */
static bool pick(const char *arg, const char *const *names, size_t n, int *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(arg, names[i]) == 0) {
			*out = (int)i;
			return true;
		}
	return false;
}

static bool uncertain_parse(const char *arg, enum uncertain_how *out)
{
	static const char *const NAMES[] = { "fail", "pass", "todo" };
	int i;

	if (!pick(arg, NAMES, sizeof NAMES / sizeof NAMES[0], &i))
		return false;
	*out = (enum uncertain_how)i;
	return true;
}

static bool color_parse(const char *arg, enum color_when *out)
{
	static const char *const NAMES[] = { "auto", "always", "never" };
	int i;

	if (!pick(arg, NAMES, sizeof NAMES / sizeof NAMES[0], &i))
		return false;
	*out = (enum color_when)i;
	return true;
}

/* A positive number in the ledger's syntax (50k, 1.82), at most max; a
 * count or factor written as money ($5M) is refused, as in a ledger. */
static enum gc_status positive(const char *opt, const char *arg, double max,
			       double *out, struct gc_error *err)
{
	struct quantity q;
	const char *why;

	if (!qty_parse(arg, &q, &why))
		return usage(err, "--%s: '%s' %s", opt, quote(arg), why);
	if (q.money)
		return usage(err,
			     "--%s: '%s' is money, where a number is meant",
			     opt, quote(arg));
	if (!(q.value > 0) || q.value > max)
		return usage(err,
			     "--%s: '%s' must be greater than zero and "
			     "at most %g",
			     opt, quote(arg), max);
	*out = q.value;
	return GC_OK;
}

/* A whole number of quarters, 1 to the span limit; "Ny" is N years when
 * years are allowed. */
static enum gc_status quarters_opt(const char *opt, const char *arg, bool years,
				   int *out, struct gc_error *err)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (errno != 0 || n > FLEET_SPAN_MAX)
		n = 0; /* out of range either way: refused below */
	if (years && end != arg && (*end == 'y' || *end == 'Y') &&
	    end[1] == '\0') {
		n *= 4;
		end++;
	}
	if (end == arg || *end != '\0' || n < 1 || n > FLEET_SPAN_MAX)
		return usage(err,
			     "--%s: '%s' is not a number of quarters (1 to "
			     "%d%s)",
			     opt, quote(arg), FLEET_SPAN_MAX,
			     years ? ", or years like 5y" : "");
	*out = (int)n;
	return GC_OK;
}

/* A whole number from lo to hi. */
static enum gc_status whole_opt(const char *opt, const char *arg, long lo,
				long hi, long *out, struct gc_error *err)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (end == arg || *end != '\0' || errno != 0 || n < lo || n > hi)
		return usage(err,
			     "--%s: '%s' is not a whole number from %ld "
			     "to %ld",
			     opt, quote(arg), lo, hi);
	*out = n;
	return GC_OK;
}

/* A number in (lo, hi), and lo or hi too where lo_in or hi_in say so:
 * a correlation is 0 to 1, an interval's share above 0 and below 100. */
static enum gc_status share_opt(const char *opt, const char *arg, double lo,
				bool lo_in, double hi, bool hi_in, double *out,
				struct gc_error *err)
{
	struct quantity q;
	const char *why;
	double v;

	/* the ledger's number syntax: '.' whatever the locale */
	if (!qty_parse(arg, &q, &why) || q.money)
		q.value = NAN;
	v = q.value;
	if (!(lo_in ? v >= lo : v > lo) || !(hi_in ? v <= hi : v < hi))
		return usage(err, "--%s: '%s' is not a number %s %g %s %g", opt,
			     quote(arg), lo_in ? "from" : "above", lo,
			     hi_in ? (lo_in ? "to" : "and at most")
				   : "and below",
			     hi);
	*out = v;
	return GC_OK;
}

/* A quarter, or a year as four digits: from its first quarter where the
 * option starts something (--from), else to its last (--to 2025 is
 * through 2025Q4), as checks read years. */
static enum gc_status quarter_opt(const char *opt, const char *arg, int *out,
				  bool *has, struct gc_error *err)
{
	bool start = strcmp(opt, "from") == 0;
	int year;

	if (strlen(arg) == 4 && strspn(arg, "0123456789") == 4 &&
	    (year = atoi(arg)) >= QUARTER_YEAR_MIN && year <= QUARTER_YEAR_MAX)
		*out = quarter_make(year, start ? 1 : 4);
	else if (!quarter_parse(arg, out))
		return usage(err,
			     "--%s: '%s' is not a quarter or a year (e.g. "
			     "2024Q1, 2024)",
			     opt, quote(arg));
	*has = true;
	return GC_OK;
}

static enum gc_status push(const char **list, size_t *n, const char *opt,
			   const char *arg, struct gc_error *err)
{
	if (*n >= OPTION_LIST_MAX)
		return usage(err, "--%s: given more than %d times", opt,
			     OPTION_LIST_MAX);
	list[(*n)++] = arg;
	return GC_OK;
}

/* --delimiter: one byte that cannot be part of a quoted field's syntax
 * or a line's end; "tab" or "\t" for a tab. */
static enum gc_status delimiter_opt(const char *arg, char *out,
				    struct gc_error *err)
{
	if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0)
		arg = "\t";
	if (strlen(arg) != 1 || strchr("\"\r\n", arg[0]) != NULL)
		return usage(err,
			     "--delimiter: '%s' is not one byte like ',' ';' "
			     "'|' or tab (and not '\"' or a line break)",
			     quote(arg));
	*out = arg[0];
	return GC_OK;
}

/* --fiscal-year-end: a month by its English name or its first three
 * letters, in any case, or its number. */
static enum gc_status month_opt(const char *arg, int *out, struct gc_error *err)
{
	static const char *const MONTHS[12] = {
		"january",   "february", "march",    "april",
		"may",	     "june",	 "july",     "august",
		"september", "october",	 "november", "december"
	};
	size_t n = strlen(arg);
	int m;

	for (m = 0; m < 12; m++)
		if (n >= 3 && strncasecmp(arg, MONTHS[m], n) == 0) {
			*out = m + 1;
			return GC_OK;
		}
	m = atoi(arg);
	if (strspn(arg, "0123456789") == n && n > 0 && n <= 2 && m >= 1 &&
	    m <= 12) {
		*out = m;
		return GC_OK;
	}
	return usage(err,
		     "--fiscal-year-end: '%s' is not a month (jan..dec, or "
		     "1 to 12)",
		     quote(arg));
}

/* --columns: every item a column or a group (report.h); a typo gets the
 * nearest column's name. */
/* Adds column c to the --columns list unless it is there. */
static void list_column(struct options *o, int c)
{
	size_t i;

	for (i = 0; i < o->ncolumns && o->columns[i] != (enum report_col)c; i++)
		;
	if (i == o->ncolumns)
		o->columns[o->ncolumns++] = (enum report_col)c;
}

/* A --columns item: a column, or each column of a group, onto the list. */
static bool list_item(struct options *o, const char *name)
{
	bool in[RC_COUNT] = { false };
	int c = report_col_find(name);

	if (c >= 0) {
		list_column(o, c);
		return true;
	}
	if (!report_group(name, in))
		return false;
	for (c = 0; c < RC_COUNT; c++)
		if (in[c])
			list_column(o, c);
	return true;
}

static enum gc_status columns_opt(struct options *o, const char *arg,
				  struct gc_error *err)
{
	char *copy = strdup(arg), *item, *save = NULL;
	enum gc_status st = GC_OK;

	o->has_columns = true;
	o->ncolumns = 0;
	if (copy == NULL)
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	for (item = strtok_r(copy, ",", &save); item != NULL && st == GC_OK;
	     item = strtok_r(NULL, ",", &save)) {
		const char *name = util_trim(item), *best = NULL;
		size_t c, d, best_d = SIZE_MAX;

		if (strcmp(name, "model") == 0 || strcmp(name, "vendor") == 0) {
			st = usage(err,
				   "--columns: '%s' is --by %s's column, after "
				   "org",
				   name, name);
			continue;
		}
		if (list_item(o, name))
			continue;
		for (c = 0; c < RC_COUNT; c++)
			if ((d = util_edit_distance(
				     name, REPORT_COLS[c].name)) < best_d) {
				best_d = d;
				best = REPORT_COLS[c].name;
			}
		st = best_d <= 3
			     ? usage(err,
				     "--columns: unknown column '%s' (did you "
				     "mean '%s'?)",
				     quote(name), best)
			     : usage(err,
				     "--columns: unknown column '%s' (a report "
				     "column, or default, compute, energy, "
				     "cost, rates, all)",
				     quote(name));
	}
	free(copy);
	return st;
}

/* --map 'THEIR NAME=column'. */
static enum gc_status map_opt(struct options *o, const char *arg,
			      struct gc_error *err)
{
	const char *hint;

	if (o->nmaps >= OPTION_LIST_MAX)
		return usage(err, "--map: given more than %d times",
			     OPTION_LIST_MAX);
	if (ledger_map_parse(arg, &o->maps[o->nmaps], &hint)) {
		o->nmaps++;
		return GC_OK;
	}
	if (strchr(arg, '=') == NULL || arg[0] == '=')
		return usage(err,
			     "--map: '%s' is not NAME=COLUMN (the ledger's "
			     "header, then gpucap's column)",
			     quote(arg));
	if (hint != NULL)
		return usage(err,
			     "--map: '%s' names no gpucap column (did you mean "
			     "'%s'?)",
			     quote(strrchr(arg, '=') + 1), hint);
	return usage(err,
		     "--map: '%s' names no gpucap column (quarter, org, "
		     "model, units, spend_usd, h100e, total_h100e, kind, note, "
		     "or one of their aliases)",
		     quote(strrchr(arg, '=') + 1));
}

static enum gc_status choice(const char *opt, const char *arg, bool ok,
			     const char *expected, struct gc_error *err)
{
	if (ok)
		return GC_OK;
	return usage(err, "--%s: unknown value '%s' (expected %s)", opt,
		     quote(arg), expected);
}

static enum gc_status price_opt(const char *arg, struct price_curve *out,
				struct gc_error *err)
{
	const char *why;

	if (!price_curve_parse(arg, out, &why))
		return usage(err,
			     "--usd-per-h100e: '%s': %s (expected a price like "
			     "40k, or prices by year like 2023=50k,2024=40k)",
			     quote(arg), why);
	return GC_OK;
}

static enum gc_status method_opt(const char *arg, enum project_method *m,
				 struct gc_error *err)
{
	bool linear = strcmp(arg, "linear") == 0;

	*m = linear ? PROJECT_LINEAR : PROJECT_GEOMETRIC;
	return choice("method", arg, linear || strcmp(arg, "geometric") == 0,
		      "geometric or linear", err);
}

/* Options that choose among names. */
static enum gc_status apply_named(struct options *o, enum opt_id id,
				  const char *arg, struct gc_error *err)
{
	switch (id) {
	case O_FORMAT: /* the command checks it against its formats */
		o->format = arg;
		o->has_format = true;
		return GC_OK;
	case O_COLUMN:
		return choice("column", arg, chart_column(arg, &o->column),
			      "a number column of report, like h100e", err);
	case O_STYLE:
		o->bars = strcmp(arg, "bars") == 0;
		return choice("style", arg, o->bars || strcmp(arg, "line") == 0,
			      "line, bars", err);
	case O_METRIC:
		return choice("metric", arg, metric_parse(arg, &o->metric),
			      metric_list(), err);
	case O_INPUT_FORMAT:
		return choice("input-format", arg,
			      ledger_format_parse(arg, &o->input_format),
			      "csv, tsv, json or ndjson", err);
	case O_COLOR:
		if (arg == NULL) { /* a bare --color */
			o->color = COLOR_ALWAYS;
			return GC_OK;
		}
		return choice("color", arg, color_parse(arg, &o->color),
			      "auto, always, never", err);
	case O_UNCERTAIN:
		return choice("uncertain", arg,
			      uncertain_parse(arg, &o->uncertain),
			      "pass, fail, todo", err);
	default:
		return method_opt(arg, &o->method, err);
	}
}

static enum gc_status apply_option(struct options *o, enum opt_id id,
				   const char *arg, struct gc_error *err)
{
	const char *name = OPTS[id].name;

	switch (id) {
	case O_FORMAT:
	case O_METRIC:
	case O_INPUT_FORMAT:
	case O_METHOD:
	case O_COLOR:
	case O_COLUMN:
	case O_STYLE:
	case O_UNCERTAIN:
		return apply_named(o, id, arg, err);
	case O_TITLE:
		o->title = arg;
		return GC_OK;
	case O_LOG:
		o->log = true;
		return GC_OK;
	case O_ASCII:
		o->ascii = true;
		return GC_OK;
	case O_BASELINE:
		o->baseline = arg;
		return GC_OK;
	case O_OUTPUT:
		o->output = arg;
		return GC_OK;
	case O_CATALOG:
		return push(o->catalogs, &o->ncatalogs, name, arg, err);
	case O_MAP:
		return map_opt(o, arg, err);
	case O_ALIAS:
		return push(o->alias_args, &o->nalias_args, name, arg, err);
	case O_FISCAL:
		return month_opt(arg, &o->fiscal_year_end, err);
	case O_DELIMITER:
		return delimiter_opt(arg, &o->delimiter, err);
	case O_ORG:
		return push(o->orgs, &o->norgs, name, arg, err);
	case O_EXPR:
		return push(o->exprs, &o->nexprs, name, arg, err);
	case O_CHECKS:
		return push(o->check_files, &o->ncheck_files, name, arg, err);
	case O_FROM:
		return quarter_opt(name, arg, &o->from, &o->has_from, err);
	case O_TO:
		return quarter_opt(name, arg, &o->to, &o->has_to, err);
	case O_BY:
		if ((o->groups & G_TARGET) != 0)
			return quarter_opt(name, arg, &o->by, &o->has_by, err);
		o->split = strcmp(arg, "model") == 0	? FLEET_BY_MODEL
			   : strcmp(arg, "vendor") == 0 ? FLEET_BY_VENDOR
							: FLEET_BY_NONE;
		return choice("by", arg, o->split != FLEET_BY_NONE,
			      "model or vendor", err);
	case O_AS_OF:
		return quarter_opt(name, arg, &o->as_of, &o->has_as_of, err);
	case O_SAMPLES:
		return whole_opt(name, arg, 1, SAMPLES_MAX, &o->samples, err);
	case O_SEED:
		return whole_opt(name, arg, 0, SEED_MAX, &o->seed, err);
	case O_CORRELATION:
		return share_opt(name, arg, 0, true, 1, true, &o->correlation,
				 err);
	case O_INTERVAL:
		return share_opt(name, arg, 0, false, 100, false, &o->interval,
				 err);
	case O_CONFIDENCE:
		return share_opt(name, arg, 0.5, false, 1, true, &o->confidence,
				 err);
	case O_PROJECT_TO:
		return quarter_opt(name, arg, &o->project_to,
				   &o->has_project_to, err);
	case O_USD:
		return price_opt(arg, &o->usd_per_h100e, err);
	case O_LIFETIME:
		return quarters_opt(name, arg, true, &o->lifetime, err);
	case O_WINDOW:
		return quarters_opt(name, arg, false, &o->window, err);
	case O_OVERHEAD:
		return positive(name, arg, FLEET_POWER_FACTOR_MAX, &o->overhead,
				err);
	case O_PUE:
		return positive(name, arg, FLEET_POWER_FACTOR_MAX, &o->pue,
				err);
	case O_TARGET:
		o->has_target = true;
		return positive(name, arg, LEDGER_COUNT_MAX, &o->target, err);
	case O_TOTAL:
		o->total = true;
		return GC_OK;
	case O_KEEP_GOING:
		o->keep_going = true;
		return GC_OK;
	case O_KEEP_CAPACITY:
		o->keep_capacity = true;
		return GC_OK;
	case O_STATUS:
		o->statuses = arg;
		return GC_OK;
	case O_QUARTER:
		return quarter_opt(name, arg, &o->quarter, &o->has_quarter,
				   err);
	case O_COLUMNS:
		return columns_opt(o, arg, err);
	case O_PIVOT:
		o->has_pivot = true;
		return choice("pivot", arg, chart_column(arg, &o->pivot),
			      "a number column of report, like h100e", err);
	case O_MFU:
		return share_opt(name, arg, 0, false, 1, true, &o->mfu, err);
	case O_RUN_DAYS:
		return positive(name, arg, 36525, &o->run_days, err);
	case O_LOAD:
		return share_opt(name, arg, 0, false, 1, true, &o->load, err);
	case O_GRID_GCO2:
		return positive(name, arg, 10000, &o->grid_gco2, err);
	case O_USD_PER_KWH:
		return positive(name, arg, 100, &o->usd_per_kwh, err);
	case O_DEPRECIATION:
		return quarters_opt(name, arg, true, &o->depreciation, err);
	case O_CERTAINTY:
		o->certainties = arg;
		return GC_OK;
	case O_QUIET:
		o->quiet = true;
		return GC_OK;
	default:
		return GC_OK;
	}
}

/* ---- getopt ---- */

/* Whether the option's value is optional, and then only ever given as
 * --name=VALUE: a bare --color must not take the next argument (a file)
 * as its value, as ls and grep read it. */
static bool optional_value(enum opt_id i)
{
	return i == O_COLOR;
}

static void build_table(struct option *longs, char *shorts)
{
	size_t i, n = 0;

	shorts[n++] = ':'; /* report a missing value as ':' */
	for (i = 0; i < O_COUNT; i++) {
		longs[i].name = OPTS[i].name;
		longs[i].has_arg = optional_value((enum opt_id)i)
					   ? optional_argument
				   : OPTS[i].arg ? required_argument
						 : no_argument;
		longs[i].flag = NULL;
		longs[i].val = OPTS[i].short_name ? OPTS[i].short_name
						  : LONG_ONLY + (int)i;
		if (OPTS[i].short_name) {
			shorts[n++] = OPTS[i].short_name;
			if (OPTS[i].arg)
				shorts[n++] = ':';
		}
	}
	memset(&longs[O_COUNT], 0, sizeof longs[O_COUNT]);
	shorts[n] = '\0';
}

static enum opt_id id_of(int c)
{
	size_t i;

	if (c >= LONG_ONLY)
		return (enum opt_id)(c - LONG_ONLY);
	for (i = 0; i < O_COUNT; i++)
		if (OPTS[i].short_name == c)
			return (enum opt_id)i;
	return O_COUNT;
}

/* The command's long option closest to a mistyped one ("--fromat"), if
 * any is close: "--" and any "=value" are left out of the comparison. */
static const char *closest_option(const char *arg, unsigned groups)
{
	char name[64];
	size_t i, d, best = SIZE_MAX, n = strcspn(arg + 2, "=");
	const char *hint = NULL;

	if (strncmp(arg, "--", 2) != 0 || n == 0 || n >= sizeof name)
		return NULL;
	memcpy(name, arg + 2, n);
	name[n] = '\0';
	for (i = 0; i < O_COUNT; i++) {
		if ((OPTS[i].group & groups) == 0)
			continue;
		d = util_edit_distance(name, OPTS[i].name);
		if (d < best) {
			best = d;
			hint = OPTS[i].name;
		}
	}
	return best <= 2 && best < n ? hint : NULL;
}

static enum gc_status bad_option(char **argv, int c, unsigned groups,
				 struct gc_error *err)
{
	const char *arg = argv[optind - 1], *hint;
	char flag[3] = { '-', (char)optopt, '\0' };

	if (c == ':')
		return usage(err, "option '%s' needs a value", quote(arg));
	/* A short option's letter is in optopt; a long one is the argument. */
	if (optopt != 0)
		arg = flag;
	hint = closest_option(arg, groups);
	if (hint != NULL)
		return usage(err, "unknown option '%s'; did you mean '--%s'?",
			     quote(arg), hint);
	return usage(err, "unknown option '%s'", quote(arg));
}

static enum gc_status one_option(struct options *o, int c, char **argv,
				 unsigned groups, bool *help,
				 struct gc_error *err)
{
	enum opt_id id = id_of(c);

	if (c == '?' || c == ':' || id == O_COUNT)
		return bad_option(argv, c, groups, err);
	if ((OPTS[id].group & groups) == 0)
		return usage(err, "--%s is not an option of %s", OPTS[id].name,
			     argv[0]);
	if (id == O_HELP)
		*help = true;
	return apply_option(o, id, optarg, err);
}

enum gc_status options_parse(struct options *o, int argc, char **argv,
			     unsigned groups, bool *help, struct gc_error *err)
{
	struct option longs[O_COUNT + 1];
	char shorts[2 * O_COUNT + 2];
	enum gc_status st = GC_OK;
	int c;

	build_table(longs, shorts);
	o->groups = groups;
	optind = 0; /* glibc: start afresh, even after an earlier parse */
	opterr = 0;
	*help = false;
	while (st == GC_OK) {
		c = getopt_long(argc, argv, shorts, longs, NULL);
		if (c == -1)
			break;
		st = one_option(o, c, argv, groups, help, err);
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
	return st;
}

/* -f's help: the command's formats, its default in brackets. */
static void formats_help(FILE *out, cli_format_fn formats)
{
	size_t i;

	for (i = 0; formats(i) != NULL; i++)
		fprintf(out, "%s%s", i > 0 ? ", " : "", formats(i));
	fprintf(out, " [%s]\n", formats(0));
}

void options_help(FILE *out, unsigned groups, cli_format_fn formats)
{
	size_t i;

	fputs("Options:\n", out);
	for (i = 0; i < O_COUNT; i++) {
		char left[64];

		if ((OPTS[i].group & groups) == 0)
			continue;
		snprintf(left, sizeof left, "%s%c%s--%s%s%s%s",
			 OPTS[i].short_name ? "-" : " ",
			 OPTS[i].short_name ? OPTS[i].short_name : ' ',
			 OPTS[i].short_name ? ", " : "  ", OPTS[i].name,
			 optional_value((enum opt_id)i) ? "[="
			 : OPTS[i].arg			? " "
							: "",
			 OPTS[i].arg ? arg_for((enum opt_id)i, groups) : "",
			 optional_value((enum opt_id)i) ? "]" : "");
		fprintf(out, "  %-24s ", left);
		if (i == O_FORMAT)
			formats_help(out, formats);
		else
			fprintf(out, "%s\n", help_for((enum opt_id)i, groups));
	}
}
