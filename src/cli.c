/* The command line: the command table, option parsing and help. */
#include "gpucap/cli.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli_impl.h"
#include "gpucap/table.h"
#include "output.h"
#include "util.h"

#ifndef GPUCAP_VERSION
#define GPUCAP_VERSION "0.0.0"
#endif

struct command {
	const char *name;
	enum gc_status (*run)(const struct options *o, struct gc_error *err);
	int min_args, max_args; /* max -1: any number */
	unsigned groups;	/* the option groups it takes */
	cli_format_fn formats;	/* its -f values, the first its default */
	const char *synopsis;
	const char *help; /* what it does and examples */
};

static const struct command COMMANDS[] = {
	{ "report", cmd_report, 0, -1,
	  G_ALL | G_LEDGER | G_WINDOW | G_PIVOT | G_COLUMNS,
	  printer_format_name, "report [OPTIONS] [FILE...]",
	  "Capacity per org and quarter in H100 equivalents, with growth.\n"
	  "FILE '-' or no FILE reads standard input; several FILEs are one "
	  "ledger.\n\n"
	  "Examples:\n"
	  "  gpucap report data/tesla-2024.csv\n"
	  "  gpucap report -f csv --metric 8bit fleet.csv > capacity.csv\n"
	  "  gpucap report --org tesla --from 2024Q1 -f markdown "
	  "data/tesla-2024.csv\n" },
	{ "convert", cmd_convert, 2, 2, G_ALL | G_POWER, printer_format_name,
	  "convert [OPTIONS] AMOUNT MODEL",
	  "H100 equivalents of AMOUNT units of MODEL, of AMOUNT dollars\n"
	  "('$500M', '2.5B USD') spent on MODEL at its catalog price, or of\n"
	  "the units AMOUNT of power draws ('100MW', '1.5GW') at their TDP x\n"
	  "--overhead x --pue.\n\n"
	  "Examples:\n"
	  "  gpucap convert 10000 B200\n"
	  "  gpucap convert '$500M' H100-SXM\n"
	  "  gpucap convert 100MW H100-SXM --overhead 1.82 --pue 1.12\n"
	  "  gpucap convert --metric 8bit 1000 A100-SXM-80GB\n" },
	{ "catalog", cmd_catalog, 0, -1, G_ALL, printer_format_name,
	  "catalog [OPTIONS] [MODEL...]",
	  "The accelerator catalog: each model's figure under --metric and "
	  "its\n"
	  "factor against --baseline. With MODELs, only those.\n\n"
	  "Examples:\n"
	  "  gpucap catalog\n"
	  "  gpucap catalog --metric fp8 H100 B200 MI300X\n"
	  "  gpucap catalog --catalog mine.csv -f csv\n" },
	{ "project", cmd_project, 0, -1,
	  G_ALL | G_LEDGER | G_WINDOW | G_FIT | G_TARGET | G_COLUMNS,
	  printer_format_name,
	  "project [OPTIONS] --to Q | --target H100E --by Q [FILE...]",
	  "The report's series extended past the ledger's last quarter, with "
	  "a\n"
	  "'projected' column. --to Q grows each org at its compound growth "
	  "over\n"
	  "the last --window quarters (or, --method linear, by their mean "
	  "addition).\n"
	  "--target H100E --by Q solves for the constant quarterly growth "
	  "that\n"
	  "takes the orgs' sum there, and prices the additions at "
	  "--usd-per-h100e.\n\n"
	  "Examples:\n"
	  "  gpucap project --to 2026Q4 fleet.csv\n"
	  "  gpucap project --method linear --window 8 --to 2026Q4 fleet.csv\n"
	  "  gpucap project --target 85000 --by 2024Q4 --org tesla "
	  "data/tesla-2024.csv\n" },
	{ "import", cmd_import, 2, -1, G_OUT | G_IMPORT, import_format_name,
	  "import epoch-clusters|epoch-chip-owners|nvidia-smi [OPTIONS] "
	  "FILE...",
	  "A provider's dataset as a gpucap ledger.\n"
	  "epoch-clusters FILE: Epoch AI's GPU Clusters dataset (CSV, "
	  "epoch.ai/data,\n"
	  "CC-BY 4.0): a row per cluster and chip type (primary and "
	  "secondary),\n"
	  "dated by First Operational Date, with a note of the cluster's "
	  "name,\n"
	  "status and certainty. The org is the Owner (--org name: the "
	  "cluster's\n"
	  "Name). Clusters without a date, chip type or quantity are skipped "
	  "and\n"
	  "counted.\n"
	  "epoch-chip-owners FILE...: Epoch AI's chip-owner and chip-sales "
	  "exports\n"
	  "(either schema): purchases with units_p5/units_p95, an owner's "
	  "stock\n"
	  "as one total_h100e a quarter. CSV unless -f says otherwise.\n"
	  "nvidia-smi --quarter Q [--org O] FILE...: nvidia-smi's CSV of\n"
	  "--query-gpu=name,..., a file a node: a buy row a model.\n\n"
	  "Examples:\n"
	  "  gpucap import epoch-clusters gpu_clusters.csv -o clusters.csv\n"
	  "  gpucap import epoch-clusters --org name gpu_clusters.csv |\n"
	  "      gpucap report --metric 8bit --keep-going\n"
	  "  gpucap import epoch-chip-owners "
	  "nvidia_owners_quarters_by_chip.csv "
	  "-o owners.csv\n"
	  "  gpucap import nvidia-smi --quarter 2026Q4 --org labx "
	  "node*.csv\n" },
	{ "check", cmd_check, 0, -1, G_ALL | G_LEDGER | G_FIT | G_CHECK,
	  check_format_name,
	  "check [OPTIONS] (-e EXPR | --checks FILE)... [FILE...]",
	  "Evaluates assertions on the report's series and prints TAP; exit "
	  "1 if\n"
	  "any fails. EXPR is [ORG] PERIOD COLUMN OP VALUE [TOLERANCE]: ORG a "
	  "name\n"
	  "or \"a quoted name\" (none: the sum of all orgs), PERIOD 2024Q4 or "
	  "2024\n"
	  "(a year is its Q4, or its sum for added_h100e, retired_h100e, "
	  "spend_usd),\n"
	  "COLUMN a number column of report, OP < <= > >= == != ~, "
	  "TOLERANCE ±5%\n"
	  "or ±1000 (needed by ~). -f json (or csv...) lists the results "
	  "instead.\n"
	  "On a ledger with ranges (30k..350k), a check that holds over part "
	  "of the\n"
	  "range only is uncertain: 'not ok ... # TODO uncertain', counted "
	  "by --uncertain.\n\n"
	  "Examples:\n"
	  "  gpucap check -e 'tesla 2024Q4 h100e ~ 85k ±2%' "
	  "data/tesla-2024.csv\n"
	  "  gpucap check --checks plan.checks --project-to 2026Q4 fleet.csv\n"
	  "  gpucap check -e '2025Q4 power_mw < 150' -f json fleet.csv\n" },
	{ "chart", cmd_chart, 0, -1,
	  G_ALL | G_LEDGER | G_WINDOW | G_FIT | G_CHART, chart_format_name,
	  "chart [OPTIONS] [FILE...]",
	  "The report's series drawn: a line (or, --style bars, a group of "
	  "bars)\n"
	  "per org over the quarters, of --column. -f svg (the default) "
	  "writes a\n"
	  "self-contained SVG; -f term draws it in the terminal, $COLUMNS "
	  "wide.\n"
	  "Projected quarters (--project-to Q) are dashed, or pale bars.\n\n"
	  "Examples:\n"
	  "  gpucap chart data/tesla-2024.csv -o tesla.svg\n"
	  "  gpucap chart -f term --total --project-to 2026Q4 fleet.csv\n"
	  "  gpucap chart --style bars --column added_h100e --log -o a.svg "
	  "fleet.csv\n" },
};

#define NCOMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

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
	fprintf(out,
		"  gpucap help [COMMAND] | --help | --version\n\n"
		"'gpucap help COMMAND' lists the command's options.\n\n%s",
		EXIT_HELP);
}

static void print_command_help(const struct command *c, FILE *out)
{
	fprintf(out, "Usage: gpucap %s\n\n%s\n", c->synopsis, c->help);
	options_help(out, c->groups, c->formats);
	fprintf(out, "\n%s", EXIT_HELP);
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(name, COMMANDS[i].name) == 0)
			return &COMMANDS[i];
	return NULL;
}

static enum gc_status check_args(const struct command *cmd,
				 const struct options *o, struct gc_error *err)
{
	char qb[DIAG_QUOTE_MAX];

	if (o->nargs < cmd->min_args)
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "%s: missing arguments (usage: gpucap %s)",
			       cmd->name, cmd->synopsis);
	if (cmd->max_args >= 0 && o->nargs > cmd->max_args)
		return gc_fail(
			err, GC_USAGE, NULL, 0, 0,
			"%s: unexpected argument '%s' (usage: gpucap %s)",
			cmd->name, diag_quote(o->args[cmd->max_args], qb),
			cmd->synopsis);
	if (o->has_from && o->has_to && o->from > o->to)
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "--from is after --to");
	return GC_OK;
}

/* -f is one of the command's formats; without it, the first is. */
static enum gc_status check_format(const struct command *cmd, struct options *o,
				   struct gc_error *err)
{
	char list[256], qb[DIAG_QUOTE_MAX];
	size_t i, n = 0;

	if (!o->has_format) {
		o->format = cmd->formats(0);
		return GC_OK;
	}
	for (i = 0; cmd->formats(i) != NULL; i++) {
		if (strcasecmp(cmd->formats(i), o->format) == 0)
			return GC_OK;
		n += (size_t)snprintf(list + n, sizeof list - n, "%s%s",
				      i > 0 ? ", " : "", cmd->formats(i));
	}
	return gc_fail(err, GC_USAGE, NULL, 0, 0,
		       "--format: unknown value '%s' (expected %s)",
		       diag_quote(o->format, qb), list);
}

static int fail(const struct gc_error *err, const char *cmd)
{
	diag_report(err);
	if (err->status == GC_USAGE)
		fprintf(stderr, "Try 'gpucap help%s%s'.\n", cmd ? " " : "",
			cmd ? cmd : "");
	return (int)err->status;
}

/* The command a mistyped name is closest to, if any is close. */
static const char *closest_command(const char *name)
{
	size_t i, d, best = SIZE_MAX;
	const char *hint = NULL;

	for (i = 0; i < NCOMMANDS; i++) {
		d = util_edit_distance(name, COMMANDS[i].name);
		if (d < best) {
			best = d;
			hint = COMMANDS[i].name;
		}
	}
	return best <= 2 && best < strlen(name) ? hint : NULL;
}

static int unknown_command(const char *name, const char *what)
{
	const char *hint = closest_command(name);
	char qb[DIAG_QUOTE_MAX];
	struct gc_error err;

	if (hint != NULL)
		gc_fail(&err, GC_USAGE, NULL, 0, 0,
			"%s '%s'; did you mean '%s'?", what,
			diag_quote(name, qb), hint);
	else
		gc_fail(&err, GC_USAGE, NULL, 0, 0, "%s '%s'", what,
			diag_quote(name, qb));
	return fail(&err, NULL);
}

static int run_help(int argc, char **argv)
{
	const struct command *cmd;

	if (argc < 3) {
		print_top_help(stdout);
		return GC_OK;
	}
	cmd = find_command(argv[2]);
	if (cmd == NULL)
		return unknown_command(argv[2], "no command");
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
	st = options_parse(&o, argc, argv, cmd->groups, &help, &err);
	if (st == GC_OK && help) {
		print_command_help(cmd, stdout);
		return GC_OK;
	}
	if (st == GC_OK)
		st = check_format(cmd, &o, &err);
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
	return unknown_command(argv[1], "unknown command");
}
