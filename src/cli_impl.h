/* Internal to the command line: the options every command shares and the
 * commands themselves. */
#ifndef GPUCAP_CLI_IMPL_H
#define GPUCAP_CLI_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include <stdio.h>

#include "gpucap/catalog.h"
#include "gpucap/diag.h"
#include "gpucap/fleet.h"
#include "gpucap/ledger.h"
#include "gpucap/project.h"
#include "gpucap/report.h"
#include "progress.h"

/* Defaults, in one place. */
#define OPTION_LIST_MAX 64	/* --catalog and --org may repeat this often */
#define SAMPLES_MAX	1000000 /* memory decides before this does */
#define SEED_MAX	2147483647L

/* Which commands an option belongs to: each command takes some groups. */
enum option_group {
	G_OUT = 1,	/* -f, -o, -h: every command */
	G_CAT = 2,	/* --metric, --baseline, --catalog */
	G_LEDGER = 4,	/* commands that read a ledger */
	G_WINDOW = 8,	/* --from, --to, --total: report and project */
	G_FIT = 16,	/* --method, --window: project and check */
	G_TARGET = 32,	/* --target, --by: project */
	G_CHECK = 64,	/* -e, --checks, --project-to: check */
	G_IMPORT = 128, /* --org owner|name, --keep-capacity: import */
	G_CHART = 256,	/* --column, --style, --title, --log, --ascii: chart */
	G_POWER = 512, /* --overhead, --pue: every ledger command and convert */
	G_PIVOT = 1024,	 /* --pivot: report */
	G_COLUMNS = 2048 /* --columns: report, project */
};
#define G_ALL (G_OUT | G_CAT)

enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* How a check that a range holds in part counts (check --uncertain). */
enum uncertain_how { UNCERTAIN_FAIL, UNCERTAIN_PASS, UNCERTAIN_TODO };

struct options {
	unsigned groups; /* the command's option groups */
	const char *format;
	enum color_when color;
	bool quiet;	 /* warnings and the progress meter off */
	int threads;	 /* GPUCAP_THREADS; 0: one a core */
	bool has_format; /* -f given: chart and import have their own default */
	enum metric metric;
	const char *baseline;
	const char *catalogs[OPTION_LIST_MAX];
	size_t ncatalogs;
	const char *orgs[OPTION_LIST_MAX];
	size_t norgs;
	struct ledger_map maps[OPTION_LIST_MAX]; /* --map */
	size_t nmaps;
	char delimiter;	     /* 0: told from the header */
	int fiscal_year_end; /* 1..12; 0: FY quarters are an error */
	const char *alias_args[OPTION_LIST_MAX]; /* --alias FROM=TO or @FILE */
	size_t nalias_args;
	bool has_from, has_to;
	int from, to;
	struct price_curve usd_per_h100e; /* n == 0: the baseline's price */
	int lifetime;			  /* quarters; 0: never */
	double overhead, pue;
	bool total;
	bool keep_going;
	bool keep_capacity;
	const char *statuses, *certainties; /* import epoch-clusters */
	bool has_quarter;		    /* import nvidia-smi --quarter */
	int quarter;
	/* --columns, resolved: names and groups in order, each once, never
	 * the part columns of --by */
	bool has_columns;
	enum report_col columns[RC_COUNT];
	size_t ncolumns;
	bool has_pivot;	     /* --pivot COL */
	enum fleet_by split; /* report --by model|vendor */
	enum report_col pivot;
	double mfu, run_days, load, grid_gco2, usd_per_kwh; /* SPEC 4.6 */
	int depreciation;				    /* quarters */
	const char *output;
	enum ledger_format input_format;
	enum project_method method;
	int window;
	bool has_target, has_by, has_project_to, has_as_of;
	long samples; /* 0: bounds, not samples */
	long seed;
	double correlation, interval, confidence;
	double target;
	int by, project_to, as_of;
	const char *exprs[OPTION_LIST_MAX]; /* -e */
	size_t nexprs;
	const char *check_files[OPTION_LIST_MAX]; /* --checks */
	size_t ncheck_files;
	enum uncertain_how uncertain;
	enum report_col column; /* chart */
	bool bars, log, ascii;
	const char *title;
	char **args; /* positional arguments after the command */
	int nargs;
};

void options_init(struct options *o);

/* A command's output formats, from its own table: the i-th one's name
 * (the first is the default), NULL past the last. The -f help, its check
 * and its default come from these; a new format is a row of the table. */
typedef const char *(*cli_format_fn)(size_t i);
const char *check_format_name(size_t i);
const char *chart_format_name(size_t i);
const char *import_format_name(size_t i);

/* Parses argv (argv[0] is the command's name) for a command taking the
 * option groups in `groups`; positional arguments are left in o->args.
 * *help is set by -h/--help. */
enum gc_status options_parse(struct options *o, int argc, char **argv,
			     unsigned groups, bool *help, struct gc_error *err);

/* The options of those groups, a line each, with their defaults; -f
 * lists the formats `formats` names. */
void options_help(FILE *out, unsigned groups, cli_format_fn formats);

/* ---- the pipeline (cli_pipeline.c) ---- */

/* What a command asks of the pipeline: where its output goes and how the
 * series it reads is made. cli_request_init fills it as report wants it;
 * a command changes what it does otherwise. */
struct cli_request {
	const struct options *o;
	const char *format; /* -f, or the command's own default */
	bool hold;	    /* standard output waits for success */
	bool total;	    /* add the sum of the orgs, after any projection */
	bool project;	    /* project the series to project_to first */
	int project_to;
	bool from, to; /* --from, --to keep the rows between them */
	/* Sampled: cum_h100e_years and share_pct are read (they are the
	 * two figures reduced only when asked for). */
	bool lane_figures;
	/* Sampled: the draws are read after the series is made (checks
	 * count the draws in which they hold), so they are held. */
	bool draws_read;
	bool sources; /* keep what the rows name as their source */
};
void cli_request_init(struct cli_request *r, const struct options *o);

/* Whether a column is one a sampled series reduces only when asked. */
bool cli_lane_figure(enum report_col c);

/* Warnings, unless --quiet. */
void cli_warning(const struct options *o, const struct gc_error *w);
void cli_warnf(const struct options *o, const char *fmt, ...) GC_PRINTF(2, 3);

/* How the command line reads ledgers (--input-format, --map, --alias
 * table al, --fiscal-year-end, --delimiter, GPUCAP_THREADS); no warnings,
 * progress or --keep-going: the caller adds what it wants. */
void cli_ledger_opts(const struct options *o, const struct aliases *al,
		     struct ledger_opts *lo);

/* The --alias table (NULL without one); the caller frees it with
 * aliases_free. */
struct aliases;
enum gc_status cli_aliases(const struct options *o, struct aliases **out,
			   struct gc_error *err);

/* The built-in catalog plus every --catalog file. */
enum gc_status cli_load_catalog(const struct options *o, struct catalog *cat,
				struct gc_error *err);
/* Fleet options from the command line's (never the sum of the orgs: the
 * pipeline adds it). */
void cli_fleet_opts(const struct options *o, const struct catalog *cat,
		    struct fleet_opts *fo);
/* Projection options from the command line's, to quarter `to`. */
void cli_project_opts(const struct options *o, const struct fleet *f, int to,
		      struct project_opts *po);

/* --by: a split org's name, "org" FLEET_SPLIT_SEP "part", as its own
 * name *own and its part *part (NULL when it is no split name), split at
 * the last separator (a part never holds one, an org's own name may);
 * buf (of *cap bytes, grown as needed) holds them. False when out of
 * memory. */
bool cli_split_org(const char *org, char **buf, size_t *cap, const char **own,
		   const char **part);

/* The terminal's width: $COLUMNS, else CONFIG_TERM_WIDTH. */
int cli_term_width(void);

/* Whether output to fp is coloured: --color, or on a terminal without
 * NO_COLOR (nor TERM=dumb). */
bool cli_color(const struct options *o, FILE *fp);

/* Writes a table to stdout or -o: rows() gives the rows; on any error the
 * output file is left untouched. */
struct printer;
struct table_col;
typedef enum gc_status (*cli_rows_fn)(void *ctx, struct printer *p,
				      struct gc_error *err);
enum gc_status cli_print(const struct cli_request *r,
			 const struct table_col *cols, size_t ncols,
			 cli_rows_fn rows, void *ctx, struct gc_error *err);

/* A ledger read from the command line's files into a series (the orgs'
 * own rows: no projection, no sum). */
#define CLI_SOURCES_MAX 3

struct cli_ledger {
	const struct options *o;
	struct catalog cat;
	struct fleet fleet;
	struct series series;
	size_t skipped;	       /* rows --keep-going skipped */
	struct progress meter; /* of the file being read */
	/* With cli_request.sources: the first CLI_SOURCES_MAX sources the
	 * rows name, in order, and whether they name more. */
	char *source[CLI_SOURCES_MAX];
	size_t nsources;
	bool more_sources;
};
/* "Source: A; B; C; and others", or NULL when no row names a source or
 * out of memory (the caller frees it). */
char *cli_ledger_sources(const struct cli_ledger *l);
enum gc_status cli_ledger_load(const struct cli_request *r,
			       struct cli_ledger *l, struct gc_error *err);
/* The series a command reads, taken from l: projected, summed and cut to
 * --from/--to as the request says. target (may be NULL) gets what a
 * --target projection found. */
enum gc_status cli_series(const struct cli_request *r, struct cli_ledger *l,
			  struct series *out, struct project_target *target,
			  struct gc_error *err);
/* The report columns a command prints of s: report's, with projected
 * when asked, with incomplete when some row is; into out (RC_COUNT). */
size_t cli_series_columns(const struct options *o, const struct series *s,
			  bool projected, enum report_col *out);
/* A series as those columns. */
enum gc_status cli_print_series(const struct cli_request *r,
				const struct series *s,
				const enum report_col *cols, size_t n,
				struct gc_error *err);
/* After the output: how many rows were skipped, on stderr. */
void cli_ledger_summary(const struct cli_ledger *l);
void cli_ledger_free(struct cli_ledger *l);

enum gc_status cmd_report(const struct options *o, struct gc_error *err);
enum gc_status cmd_convert(const struct options *o, struct gc_error *err);
enum gc_status cmd_catalog(const struct options *o, struct gc_error *err);
enum gc_status cmd_project(const struct options *o, struct gc_error *err);
enum gc_status cmd_check(const struct options *o, struct gc_error *err);
enum gc_status cmd_import(const struct options *o, struct gc_error *err);
/* import's sources that live in files of their own */
enum gc_status import_owners(const struct options *o, struct gc_error *err);
enum gc_status import_nvidia_smi(const struct options *o, struct gc_error *err);
enum gc_status cmd_chart(const struct options *o, struct gc_error *err);

#endif
