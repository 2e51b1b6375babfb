/* The command line: the command table, option parsing and help. */
#include "gpucap/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "gpucap/quantity.h"
#include "gpucap/quarter.h"
#include "gpucap/table.h"
#include "output.h"

#ifndef GPUCAP_VERSION
#define GPUCAP_VERSION "0.0.0"
#endif

struct command {
	const char *name;
	enum gc_status (*run)(const struct options *o, struct gc_error *err);
	int min_args, max_args; /* max -1: any number */
	const char *synopsis;
	const char *help; /* what it does and examples */
};

static const struct command COMMANDS[] = {
	{ "report", cmd_report, 0, -1, "report [OPTIONS] [FILE...]",
	  "Capacity per org and quarter in H100 equivalents, with growth.\n"
	  "FILE '-' or no FILE reads standard input; several FILEs are one "
	  "ledger.\n\n"
	  "Examples:\n"
	  "  gpucap report data/tesla-2024.csv\n"
	  "  gpucap report -f csv --metric 8bit fleet.csv > capacity.csv\n"
	  "  gpucap report --org tesla --from 2024Q1 -f markdown "
	  "data/tesla-2024.csv\n" },
	{ "convert", cmd_convert, 2, 2, "convert [OPTIONS] AMOUNT MODEL",
	  "H100 equivalents of AMOUNT units of MODEL, or of AMOUNT dollars\n"
	  "('$500M', '2.5B USD') spent on MODEL at its catalog price.\n\n"
	  "Examples:\n"
	  "  gpucap convert 10000 B200\n"
	  "  gpucap convert '$500M' H100-SXM\n"
	  "  gpucap convert --metric 8bit 1000 A100-SXM-80GB\n" },
	{ "catalog", cmd_catalog, 0, -1, "catalog [OPTIONS] [MODEL...]",
	  "The accelerator catalog: each model's figure under --metric and "
	  "its\n"
	  "factor against --baseline. With MODELs, only those.\n\n"
	  "Examples:\n"
	  "  gpucap catalog\n"
	  "  gpucap catalog --metric fp8 H100 B200 MI300X\n"
	  "  gpucap catalog --catalog mine.csv -f csv\n" },
};

#define NCOMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

static const char OPTIONS_HELP[] =
	"Options:\n"
	"  -f, --format FMT         table, csv, tsv, json, ndjson, markdown "
	"[table]\n"
	"  -m, --metric M           bf16 fp8 8bit fp4 tf32 fp32 fp64 int8 tpp "
	"memory\n"
	"                           bandwidth [bf16]\n"
	"  -b, --baseline MODEL     the accelerator that counts as 1.0 "
	"[H100-SXM]\n"
	"      --catalog FILE       extra or overriding catalog entries "
	"(repeatable)\n"
	"      --org NAME           keep only this org (repeatable, any case)\n"
	"      --from Q, --to Q     quarter window of the output\n"
	"      --total              add an 'all' row per quarter\n"
	"      --usd-per-h100e USD  price of spend-only rows, or by year "
	"2023=50k,2024=40k\n"
	"                           [the baseline's catalog price]\n"
	"      --lifetime N         retire units N quarters (or Ny years) "
	"after purchase\n"
	"      --overhead X         server power over chip TDP, for power_mw "
	"[1.0]\n"
	"      --pue X              power usage effectiveness, for power_mw "
	"[1.0]\n"
	"  -o, --output FILE        write there (atomically) instead of "
	"stdout\n"
	"      --input-format F     csv, tsv, json or ndjson instead of "
	"guessing\n"
	"      --keep-going         skip bad rows with a warning each\n"
	"  -h, --help               this help\n";

static const char EXIT_HELP[] =
	"Exit status: 0 ok, 1 a check failed, 2 usage error, 3 bad input "
	"data,\n4 I/O or system error.\n";

static void print_top_help(FILE *out)
{
	size_t i;

	fprintf(out,
		"gpucap %s: GPU fleet capacity in H100 equivalents\n\n"
		"Usage:\n",
		GPUCAP_VERSION);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  gpucap %s\n", COMMANDS[i].synopsis);
	fprintf(out, "  gpucap help [COMMAND] | --help | --version\n\n%s\n%s",
		OPTIONS_HELP, EXIT_HELP);
}

static void print_command_help(const struct command *c, FILE *out)
{
	fprintf(out, "Usage: gpucap %s\n\n%s\n%s\n%s", c->synopsis, c->help,
		OPTIONS_HELP, EXIT_HELP);
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(name, COMMANDS[i].name) == 0)
			return &COMMANDS[i];
	return NULL;
}

void options_init(struct options *o)
{
	memset(o, 0, sizeof *o);
	o->format = DEFAULT_FORMAT;
	o->metric = DEFAULT_METRIC;
	o->baseline = DEFAULT_BASELINE;
	o->overhead = 1.0;
	o->pue = 1.0;
	o->input_format = LEDGER_SNIFF;
}

enum {
	OPT_CATALOG = 256,
	OPT_ORG,
	OPT_FROM,
	OPT_TO,
	OPT_USD,
	OPT_OVERHEAD,
	OPT_PUE,
	OPT_INPUT_FORMAT,
	OPT_LIFETIME,
	OPT_TOTAL,
	OPT_KEEP_GOING
};

static const struct option LONG_OPTIONS[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "metric", required_argument, NULL, 'm' },
	{ "baseline", required_argument, NULL, 'b' },
	{ "catalog", required_argument, NULL, OPT_CATALOG },
	{ "org", required_argument, NULL, OPT_ORG },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "to", required_argument, NULL, OPT_TO },
	{ "usd-per-h100e", required_argument, NULL, OPT_USD },
	{ "overhead", required_argument, NULL, OPT_OVERHEAD },
	{ "pue", required_argument, NULL, OPT_PUE },
	{ "output", required_argument, NULL, 'o' },
	{ "input-format", required_argument, NULL, OPT_INPUT_FORMAT },
	{ "lifetime", required_argument, NULL, OPT_LIFETIME },
	{ "total", no_argument, NULL, OPT_TOTAL },
	{ "keep-going", no_argument, NULL, OPT_KEEP_GOING },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

#define usage(err, ...) gc_fail((err), GC_USAGE, NULL, 0, 0, __VA_ARGS__)

/* A positive number in the ledger's syntax (50k, $40,000, 1.82). */
static enum gc_status positive(const char *opt, const char *arg, double *out,
			       struct gc_error *err)
{
	struct quantity q;
	const char *why;

	if (!qty_parse(arg, &q, &why))
		return usage(err, "%s: '%s' %s", opt, arg, why);
	if (!(q.value > 0))
		return usage(err, "%s: '%s' must be greater than zero", opt,
			     arg);
	*out = q.value;
	return GC_OK;
}

static enum gc_status price_opt(const char *arg, struct price_curve *out,
				struct gc_error *err)
{
	const char *why;

	if (!price_curve_parse(arg, out, &why))
		return usage(err,
			     "--usd-per-h100e: '%s': %s (expected a price like "
			     "40k, or prices by year like 2023=50k,2024=40k)",
			     arg, why);
	return GC_OK;
}

/* N quarters, or "Ny" years. */
static enum gc_status lifetime_opt(const char *arg, int *out,
				   struct gc_error *err)
{
	char *end;
	long n;

	n = strtol(arg, &end, 10);
	if (end != arg && (*end == 'y' || *end == 'Y') && end[1] == '\0') {
		n *= 4;
		end++;
	} else if (end != arg && (*end == 'q' || *end == 'Q') &&
		   end[1] == '\0') {
		end++;
	}
	if (end == arg || *end != '\0' || n < 1 || n > FLEET_LIFETIME_MAX)
		return usage(err,
			     "--lifetime: '%s' is not a lifetime (expected "
			     "quarters like 20, or years like 5y, up to %d "
			     "quarters)",
			     arg, FLEET_LIFETIME_MAX);
	*out = (int)n;
	return GC_OK;
}

static enum gc_status quarter_opt(const char *opt, const char *arg, int *out,
				  bool *has, struct gc_error *err)
{
	if (!quarter_parse(arg, out))
		return usage(err, "%s: '%s' is not a quarter (e.g. 2024Q1)",
			     opt, arg);
	*has = true;
	return GC_OK;
}

static enum gc_status push(const char **list, size_t *n, const char *opt,
			   const char *arg, struct gc_error *err)
{
	if (*n >= OPTION_LIST_MAX)
		return usage(err, "%s: given more than %d times", opt,
			     OPTION_LIST_MAX);
	list[(*n)++] = arg;
	return GC_OK;
}

static enum gc_status apply_option(struct options *o, int c, const char *arg,
				   struct gc_error *err)
{
	switch (c) {
	case 'f':
		o->format = arg;
		if (!printer_format_known(arg))
			return usage(err,
				     "--format: unknown format '%s' "
				     "(expected one of %s)",
				     arg, printer_formats());
		return GC_OK;
	case 'm':
		if (!metric_parse(arg, &o->metric))
			return usage(err,
				     "--metric: unknown metric '%s' "
				     "(expected one of %s)",
				     arg, metric_list());
		return GC_OK;
	case 'b':
		o->baseline = arg;
		return GC_OK;
	case 'o':
		o->output = arg;
		return GC_OK;
	case OPT_CATALOG:
		return push(o->catalogs, &o->ncatalogs, "--catalog", arg, err);
	case OPT_ORG:
		return push(o->orgs, &o->norgs, "--org", arg, err);
	case OPT_FROM:
		return quarter_opt("--from", arg, &o->from, &o->has_from, err);
	case OPT_TO:
		return quarter_opt("--to", arg, &o->to, &o->has_to, err);
	case OPT_USD:
		return price_opt(arg, &o->usd_per_h100e, err);
	case OPT_LIFETIME:
		return lifetime_opt(arg, &o->lifetime, err);
	case OPT_TOTAL:
		o->total = true;
		return GC_OK;
	case OPT_KEEP_GOING:
		o->keep_going = true;
		return GC_OK;
	case OPT_OVERHEAD:
		return positive("--overhead", arg, &o->overhead, err);
	case OPT_PUE:
		return positive("--pue", arg, &o->pue, err);
	case OPT_INPUT_FORMAT:
		if (!ledger_format_parse(arg, &o->input_format))
			return usage(err,
				     "--input-format: unknown format "
				     "'%s' (expected csv, tsv, json or ndjson)",
				     arg);
		return GC_OK;
	default:
		return GC_USAGE;
	}
}

static enum gc_status bad_option(char **argv, int c, struct gc_error *err)
{
	const char *arg = argv[optind - 1];
	char flag[3] = { '-', (char)optopt, '\0' };

	if (c == ':')
		return usage(err, "option '%s' needs a value", arg);
	/* A short option's letter is in optopt; a long one is the argument. */
	if (optopt != 0)
		arg = flag;
	return usage(err, "unknown option '%s'", arg);
}

/* Parses argv (argv[0] is the command name); positional arguments are
 * left in o->args. *help is set by -h/--help. */
static enum gc_status parse_options(struct options *o, int argc, char **argv,
				    bool *help, struct gc_error *err)
{
	enum gc_status st = GC_OK;
	int c;

	optind = 0; /* glibc: start afresh, even after an earlier parse */
	opterr = 0;
	*help = false;
	while (st == GC_OK) {
		c = getopt_long(argc, argv, ":f:m:b:o:h", LONG_OPTIONS, NULL);
		if (c == -1)
			break;
		if (c == 'h')
			*help = true;
		else if (c == '?' || c == ':')
			st = bad_option(argv, c, err);
		else
			st = apply_option(o, c, optarg, err);
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
	return st;
}

static enum gc_status check_args(const struct command *cmd,
				 const struct options *o, struct gc_error *err)
{
	if (o->nargs < cmd->min_args)
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "%s: missing arguments (usage: gpucap %s)",
			       cmd->name, cmd->synopsis);
	if (cmd->max_args >= 0 && o->nargs > cmd->max_args)
		return gc_fail(
			err, GC_USAGE, NULL, 0, 0,
			"%s: unexpected argument '%s' (usage: gpucap %s)",
			cmd->name, o->args[cmd->max_args], cmd->synopsis);
	if (o->has_from && o->has_to && o->from > o->to)
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "--from is after --to");
	return GC_OK;
}

static int fail(const struct gc_error *err, const char *cmd)
{
	diag_report(err);
	if (err->status == GC_USAGE)
		fprintf(stderr, "Try 'gpucap help%s%s'.\n", cmd ? " " : "",
			cmd ? cmd : "");
	return (int)err->status;
}

static int run_help(int argc, char **argv)
{
	const struct command *cmd;
	struct gc_error err;

	if (argc < 3) {
		print_top_help(stdout);
		return GC_OK;
	}
	cmd = find_command(argv[2]);
	if (cmd == NULL) {
		gc_fail(&err, GC_USAGE, NULL, 0, 0, "no command '%s'", argv[2]);
		return fail(&err, NULL);
	}
	print_command_help(cmd, stdout);
	return GC_OK;
}

static int run_command(const struct command *cmd, int argc, char **argv)
{
	struct options o;
	struct gc_error err;
	bool help;
	enum gc_status st;

	gc_error_clear(&err);
	options_init(&o);
	st = parse_options(&o, argc, argv, &help, &err);
	if (st == GC_OK && help) {
		print_command_help(cmd, stdout);
		return GC_OK;
	}
	if (st == GC_OK)
		st = check_args(cmd, &o, &err);
	if (st == GC_OK)
		st = cmd->run(&o, &err);
	return st == GC_OK || st == GC_CHECK_FAILED ? (int)st
						    : fail(&err, cmd->name);
}

int cli_main(int argc, char **argv)
{
	const struct command *cmd;
	struct gc_error err;

	if (argc < 2) {
		print_top_help(stderr);
		return GC_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return run_help(1, argv);
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("gpucap %s\n", GPUCAP_VERSION);
		return GC_OK;
	}
	if (strcmp(argv[1], "help") == 0)
		return run_help(argc, argv);
	cmd = find_command(argv[1]);
	if (cmd != NULL)
		return run_command(cmd, argc - 1, argv + 1);
	gc_fail(&err, GC_USAGE, NULL, 0, 0, "unknown command '%s'", argv[1]);
	return fail(&err, NULL);
}

enum gc_status cli_load_catalog(const struct options *o, struct catalog *cat,
				struct gc_error *err)
{
	enum gc_status st = catalog_load_builtin(cat, err);
	size_t i;

	for (i = 0; st == GC_OK && i < o->ncatalogs; i++)
		st = catalog_load_file(cat, o->catalogs[i], err);
	return st;
}

void cli_fleet_opts(const struct options *o, const struct catalog *cat,
		    struct fleet_opts *fo)
{
	fleet_opts_init(fo, cat);
	fo->metric = o->metric;
	fo->baseline = o->baseline;
	fo->usd_per_h100e = o->usd_per_h100e;
	fo->lifetime = o->lifetime;
	fo->overhead = o->overhead;
	fo->pue = o->pue;
	fo->total = o->total;
	fo->orgs = o->orgs;
	fo->norgs = o->norgs;
	fo->keep_going = o->keep_going;
}

enum gc_status cli_print(const struct options *o, const struct table_col *cols,
			 size_t ncols, cli_rows_fn rows, void *ctx,
			 struct gc_error *err)
{
	struct output out;
	struct printer *p = NULL;
	enum gc_status st = output_open(&out, o->output, err);

	if (st != GC_OK)
		return st;
	st = printer_open(&p, o->format, out.fp, cols, ncols, err);
	if (st == GC_OK)
		st = rows(ctx, p, err);
	if (st == GC_OK) {
		st = printer_close(p, err);
		p = NULL;
	}
	if (st == GC_OK)
		return output_commit(&out, err);
	printer_discard(p);
	output_abort(&out);
	return st;
}
