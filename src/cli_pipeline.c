/* What every command shares: the catalog, the fleet's options, reading the
 * ledger into a series, projecting and summing it, and printing, all as a
 * command's request (struct cli_request) asks. Warnings go through here,
 * so --quiet is the CLI's own state. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alias.h"
#include "cli_impl.h"
#include "gpucap/quarter.h"
#include "gpucap/table.h"
#include "output.h"
#include "util.h"

static size_t picked_columns(const struct options *o, enum report_col *out);

bool cli_lane_figure(enum report_col c)
{
	return c == RC_CUM_H100E_YEARS || c == RC_SHARE_PCT ||
	       c == RC_DEPRECIATION || c == RC_COST ||
	       c == RC_USD_PER_H100E_HOUR;
}

/* Whether the options print a lane figure: --columns, --pivot or
 * chart's --column name one. */
static bool options_read_lane_figures(const struct options *o)
{
	size_t i;

	for (i = 0; i < o->ncolumns; i++)
		if (cli_lane_figure(o->columns[i]))
			return true;
	return (o->has_pivot && cli_lane_figure(o->pivot)) ||
	       ((o->groups & G_CHART) != 0 && cli_lane_figure(o->column));
}

void cli_request_init(struct cli_request *r, const struct options *o)
{
	memset(r, 0, sizeof *r);
	r->o = o;
	r->format = o->format;
	r->total = o->total;
	r->from = o->has_from;
	r->to = o->has_to;
	r->lane_figures = options_read_lane_figures(o);
}

/* ---- warnings ---- */

void cli_warning(const struct options *o, const struct gc_error *w)
{
	if (!o->quiet)
		diag_warning(w);
}

void cli_warnf(const struct options *o, const char *fmt, ...)
{
	struct gc_error w;
	va_list ap;

	if (o->quiet)
		return;
	gc_error_clear(&w);
	va_start(ap, fmt);
	vsnprintf(w.msg, sizeof w.msg, fmt, ap);
	va_end(ap);
	diag_warning(&w);
}

static void catalog_warning(void *ctx, const struct gc_error *w)
{
	cli_warning(ctx, w);
}

/* Warnings go to stderr as they come (a progress meter steps aside);
 * rows skipped under --keep-going (warnings with a data status) are
 * counted for the closing line. */
static void ledger_warning(void *ctx, const struct gc_error *w)
{
	struct cli_ledger *l = ctx;

	progress_clear(&l->meter);
	cli_warning(l->o, w);
	if (w->status == GC_DATA)
		l->skipped++;
}

static void project_warning(void *ctx, const struct gc_error *w)
{
	cli_warning(ctx, w);
}

/* ---- the catalog and the fleet ---- */

enum gc_status cli_load_catalog(const struct options *o, struct catalog *cat,
				struct gc_error *err)
{
	enum gc_status st = catalog_load_builtin(cat, err);
	size_t i;

	cat->warn = catalog_warning;
	cat->warn_ctx = (void *)o;
	for (i = 0; st == GC_OK && i < o->ncatalogs; i++)
		st = catalog_load_file(cat, o->catalogs[i], err);
	return st;
}

/* The sum of the orgs is the pipeline's to add (after any projection),
 * never the fleet's. */
/* What FLOP, energy and money are worked out at (SPEC 4.6): an H100e is
 * the baseline's dense rate at --metric, in FLOP/s (the catalog's are
 * TFLOPS); a metric that is no rate (tpp, memory, bandwidth) has none. */
static struct series_rates rates(const struct options *o, double baseline_value)
{
	bool flops = o->metric != METRIC_TPP && o->metric != METRIC_MEMORY &&
		     o->metric != METRIC_BANDWIDTH;
	struct series_rates x = { flops ? baseline_value * 1e12 : NAN,
				  o->mfu,
				  o->run_days,
				  o->load,
				  o->grid_gco2,
				  o->usd_per_kwh,
				  o->depreciation };

	return x;
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
	fo->orgs = o->orgs;
	fo->norgs = o->norgs;
	fo->keep_going = o->keep_going;
	fo->has_as_of = o->has_as_of;
	fo->as_of = o->as_of;
	fo->by = o->split;
	/* the FLOP rate waits for the baseline; money needs none of it */
	fo->rates = rates(o, NAN);
}

void cli_project_opts(const struct options *o, const struct fleet *f, int to,
		      struct project_opts *po)
{
	project_opts_init(po);
	po->to = to;
	po->method = o->method;
	po->window = o->window;
	po->has_target = o->has_target;
	po->target = o->target;
	po->price = o->usd_per_h100e;
	po->baseline_price = f->baseline->fig[FIG_PRICE_USD];
	po->warn = project_warning;
	po->warn_ctx = (void *)o;
}

/* ---- the ledger ---- */

void cli_ledger_opts(const struct options *o, const struct aliases *al,
		     struct ledger_opts *lo)
{
	*lo = (struct ledger_opts){ .format = o->input_format,
				    .threads = o->threads,
				    .map = o->maps,
				    .nmap = o->nmaps,
				    .aliases = al,
				    .fiscal_year_end = o->fiscal_year_end,
				    .delimiter = o->delimiter };
}

/* Keeps a row's source when it is new: the rows of a file name the same
 * one over and over, so the last kept is compared first. */
static bool keep_source(struct cli_ledger *l, const char *s)
{
	size_t i;

	if (s == NULL || l->more_sources || !util_utf8_valid(s))
		return true;
	for (i = l->nsources; i-- > 0;)
		if (strcmp(l->source[i], s) == 0)
			return true;
	if (l->nsources == CLI_SOURCES_MAX) {
		l->more_sources = true;
		return true;
	}
	l->source[l->nsources] = strdup(s);
	return l->source[l->nsources++] != NULL;
}

/* The fleet's sink, keeping the source of each row it counts (not one
 * --org or --as-of leaves out, nor a bad one). */
static enum gc_status add_with_source(const struct ledger_row *row, void *ctx,
				      struct gc_error *err)
{
	struct cli_ledger *l = ctx;
	size_t before = l->fleet.kept;
	enum gc_status st = fleet_add(row, &l->fleet, err);

	if (st == GC_OK && l->fleet.kept > before &&
	    !keep_source(l, row->source))
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	return st;
}

char *cli_ledger_sources(const struct cli_ledger *l)
{
	size_t i, n = sizeof "Source: ; and others";
	char *s;

	for (i = 0; i < l->nsources; i++)
		n += strlen(l->source[i]) + 2;
	if (l->nsources == 0 || (s = malloc(n)) == NULL)
		return NULL;
	strcpy(s, "Source: ");
	for (i = 0; i < l->nsources; i++) {
		if (i > 0)
			strcat(s, "; ");
		strcat(s, l->source[i]);
	}
	if (l->more_sources)
		strcat(s, "; and others");
	return s;
}

static enum gc_status read_one(const struct cli_request *r, const char *path,
			       const struct aliases *al, struct cli_ledger *l,
			       struct gc_error *err)
{
	const struct options *o = r->o;
	struct ledger_opts lo;
	enum gc_status st;

	cli_ledger_opts(o, al, &lo);
	lo.keep_going = o->keep_going;
	lo.warn = ledger_warning;
	lo.warn_ctx = l;
	lo.progress = progress_update;
	lo.progress_ctx = &l->meter;
	/* a meter only for a person watching: stderr is a terminal */
	progress_init(&l->meter, strcmp(path, "-") == 0 ? "<stdin>" : path,
		      stderr, !o->quiet && isatty(fileno(stderr)));
	st = r->sources ? ledger_read(path, &lo, add_with_source, l, err)
			: ledger_read(path, &lo, fleet_add, &l->fleet, err);
	progress_clear(&l->meter);
	return st;
}

enum gc_status cli_aliases(const struct options *o, struct aliases **out,
			   struct gc_error *err)
{
	enum gc_status st = GC_OK;
	size_t i;

	*out = NULL;
	if (o->nalias_args == 0)
		return GC_OK;
	if ((*out = aliases_new()) == NULL)
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	for (i = 0; st == GC_OK && i < o->nalias_args; i++)
		st = o->alias_args[i][0] == '@'
			     ? aliases_load(*out, o->alias_args[i] + 1, err)
			     : aliases_add(*out, o->alias_args[i], err);
	if (st != GC_OK) {
		aliases_free(*out);
		*out = NULL;
	}
	return st;
}

static enum gc_status read_ledgers(const struct cli_request *r,
				   struct cli_ledger *l, struct gc_error *err)
{
	const struct options *o = r->o;
	struct aliases *al;
	enum gc_status st = cli_aliases(o, &al, err);
	int i;

	if (st == GC_OK && o->nargs == 0)
		st = read_one(r, "-", al, l, err);
	for (i = 0; st == GC_OK && i < o->nargs; i++)
		st = read_one(r, o->args[i], al, l, err);
	aliases_free(al);
	return st;
}

/* An --org that names no org is a typo, not an empty report. */
static enum gc_status check_orgs(const struct fleet *f, struct gc_error *err)
{
	const char *hint, *unseen = fleet_unseen_org(f, &hint);

	if (unseen != NULL && hint != NULL)
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "--org: no org '%s' in the ledger (did you mean "
			       "'%s'?)",
			       unseen, hint);
	if (unseen != NULL)
		return gc_fail(err, GC_USAGE, NULL, 0, 0,
			       "--org: no org '%s' in the ledger", unseen);
	return GC_OK;
}

/* A run of draws of uncertain figure j, for the fleet (on any of its
 * threads: the sampler does not change). */
static void draw_figure(void *ctx, size_t j, const struct sample_figure *g,
			size_t first, size_t count, double *out)
{
	sample_draws(ctx, j, g, first, count, out);
}

/* --from and --to keep the rows between them; a window that keeps none
 * of a series that had rows says so, naming the series' span. */
static void window(const struct cli_request *r, struct series *s)
{
	const struct options *o = r->o;
	char a[QUARTER_FMT_MAX], b[QUARTER_FMT_MAX], f[QUARTER_FMT_MAX],
		t[QUARTER_FMT_MAX];
	int first = INT_MAX, last = INT_MIN;
	size_t i;

	for (i = 0; i < s->n; i++) {
		first = s->rows[i].quarter < first ? s->rows[i].quarter : first;
		last = s->rows[i].quarter > last ? s->rows[i].quarter : last;
	}
	series_window(s, r->from ? o->from : INT_MIN, r->to ? o->to : INT_MAX);
	if (s->n == 0 && first <= last)
		cli_warnf(o,
			  "%s%s%s%s%s: no row in that window; the series "
			  "spans %s..%s",
			  r->from ? "--from " : "",
			  r->from ? quarter_format(o->from, f) : "",
			  r->from && r->to ? " " : "", r->to ? "--to " : "",
			  r->to ? quarter_format(o->to, t) : "",
			  quarter_format(first, a), quarter_format(last, b));
}

/* The ledger's series: bounds of its ranges, or with --samples draws of
 * its uncertain figures, reduced to medians and --interval's ends. */
static enum gc_status make_series(const struct cli_request *r,
				  struct cli_ledger *l, struct gc_error *err)
{
	const struct options *o = r->o;
	struct sampler sampler;
	struct fleet_sampling how = { .k = (size_t)o->samples,
				      .interval = o->interval / 100,
				      .threads = util_threads(o->threads),
				      .draw = draw_figure,
				      .ctx = &sampler,
				      .lane_figures = r->lane_figures,
				      /* a projection makes lanes of its own */
				      .total_room = r->total && !r->project,
				      .keep_draws = r->total || r->project ||
						    r->draws_read };
	enum gc_status st;

	if (o->samples == 0)
		return fleet_series(&l->fleet, &l->series, err);
	if (!sample_init(&sampler, (uint64_t)o->seed, o->correlation,
			 (size_t)o->samples))
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	st = fleet_series_drawn(&l->fleet, &how, &l->series, err);
	sample_free(&sampler);
	return st;
}

enum gc_status cli_ledger_load(const struct cli_request *r,
			       struct cli_ledger *l, struct gc_error *err)
{
	const struct options *o = r->o;
	struct fleet_opts fo;
	enum gc_status st;

	memset(l, 0, sizeof *l);
	l->o = o;
	catalog_init(&l->cat);
	st = cli_load_catalog(o, &l->cat, err);
	if (st == GC_OK) {
		cli_fleet_opts(o, &l->cat, &fo);
		fo.warn = ledger_warning;
		fo.warn_ctx = l;
		st = fleet_init(&l->fleet, &fo, err);
	}
	if (st == GC_OK)
		st = read_ledgers(r, l, err);
	if (st == GC_OK)
		st = check_orgs(&l->fleet, err);
	if (st == GC_OK)
		st = make_series(r, l, err);
	return st;
}

enum gc_status cli_series(const struct cli_request *r, struct cli_ledger *l,
			  struct series *out, struct project_target *target,
			  struct gc_error *err)
{
	const struct options *o = r->o;
	struct project_opts po;
	enum gc_status st;

	if (r->project) {
		cli_project_opts(o, &l->fleet, r->project_to, &po);
		po.total = r->total;
		st = project_series(&l->series, &po, out, target, err);
	} else {
		*out = l->series;
		memset(&l->series, 0, sizeof l->series);
		st = r->total ? series_add_total(out, err) : GC_OK;
	}
	if (st == GC_OK && (r->from || r->to))
		window(r, out);
	out->rates = rates(o, l->fleet.baseline_value);
	return st;
}

void cli_ledger_free(struct cli_ledger *l)
{
	size_t i;

	for (i = 0; i < l->nsources; i++)
		free(l->source[i]);
	series_free(&l->series);
	fleet_free(&l->fleet);
	catalog_free(&l->cat);
}

void cli_ledger_summary(const struct cli_ledger *l)
{
	if (l->skipped > 0)
		cli_warnf(l->o, "skipped %zu bad row%s (--keep-going)",
			  l->skipped, l->skipped == 1 ? "" : "s");
}

/* ---- printing ---- */

bool cli_color(const struct options *o, FILE *fp)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

	if (o->color != COLOR_AUTO)
		return o->color == COLOR_ALWAYS;
	return (no == NULL || *no == '\0') && term != NULL &&
	       strcmp(term, "dumb") != 0 && isatty(fileno(fp));
}

enum gc_status cli_print(const struct cli_request *r,
			 const struct table_col *cols, size_t ncols,
			 cli_rows_fn rows, void *ctx, struct gc_error *err)
{
	struct output out;
	struct printer *p = NULL;
	enum gc_status st = output_open(&out, r->o->output, r->hold, err);

	if (st != GC_OK)
		return st;
	st = printer_open(&p, r->format, out.fp, cols, ncols, err);
	if (st == GC_OK) {
		printer_color(p, cli_color(r->o, out.fp));
		printer_medians(p, r->o->samples > 0);
		st = rows(ctx, p, err);
	}
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

/* What series_rows prints: the series and its columns. */
struct series_print {
	const struct series *s;
	const enum report_col *cols;
	size_t n;
	bool split; /* --by: org names hold their part */
};

bool cli_split_org(const char *org, char **buf, size_t *cap, const char **own,
		   const char **part)
{
	const char *sep = org ? strrchr(org, FLEET_SPLIT_SEP) : NULL;
	size_t n;

	*own = org;
	*part = NULL;
	if (sep == NULL)
		return true;
	n = strlen(org) + 1;
	if (!util_grow((void **)buf, cap, n, 1))
		return false;
	memcpy(*buf, org, n);
	(*buf)[sep - org] = '\0';
	*own = *buf;
	*part = *buf + (sep - org) + 1;
	return true;
}

/* The org and part cells of a --by row. */
static bool split_org(struct cell *all, char **buf, size_t *cap)
{
	const char *part;

	if (!cli_split_org(all[RC_ORG].text, buf, cap, &all[RC_ORG].text,
			   &part))
		return false;
	all[RC_BY_MODEL].text = all[RC_BY_VENDOR].text = part;
	return true;
}

static enum gc_status series_rows(void *ctx, struct printer *p,
				  struct gc_error *err)
{
	const struct series_print *sp = ctx;
	const struct series *s = sp->s;
	struct cell all[RC_COUNT], cells[RC_COUNT];
	char qbuf[QUARTER_FMT_MAX], *obuf = NULL;
	size_t i, k, ocap = 0;
	enum gc_status st = GC_OK;

	for (i = 0; i < s->n && st == GC_OK; i++) {
		report_cells(s, &s->rows[i], s->low ? &s->low[i] : NULL,
			     s->high ? &s->high[i] : NULL, all, qbuf);
		if (sp->split && !split_org(all, &obuf, &ocap))
			st = gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
		for (k = 0; k < sp->n; k++)
			cells[k] = all[sp->cols[k]];
		if (st == GC_OK && printer_row(p, cells) != GC_OK)
			st = gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	}
	free(obuf);
	return st;
}

/* Adds column c to out[0, *n) unless it is there. */
static void pick(enum report_col *out, size_t *n, enum report_col c)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (out[i] == c)
			return;
	out[(*n)++] = c;
}

/* --columns: org and quarter first unless the list names them, then the
 * list (cli_options.c resolved it). */
static size_t picked_columns(const struct options *o, enum report_col *out)
{
	size_t n = 0, i;

	for (i = 0; i < o->ncolumns && o->columns[i] != RC_ORG; i++)
		;
	if (i == o->ncolumns)
		pick(out, &n, RC_ORG);
	for (i = 0; i < o->ncolumns && o->columns[i] != RC_QUARTER; i++)
		;
	if (i == o->ncolumns)
		pick(out, &n, RC_QUARTER);
	for (i = 0; i < o->ncolumns; i++)
		pick(out, &n, o->columns[i]);
	return n;
}

/* --by: the part's column right after org, out[0, n) holding neither
 * part column (--columns never picks one), so it fits in RC_COUNT. */
static size_t with_part(enum report_col *out, size_t n, enum report_col part)
{
	size_t at;

	for (at = 0; at < n && out[at] != RC_ORG; at++)
		;
	at = at < n ? at + 1 : 0;
	memmove(out + at + 1, out + at, (n - at) * sizeof *out);
	out[at] = part;
	return n + 1;
}

size_t cli_series_columns(const struct options *o, const struct series *s,
			  bool projected, enum report_col *out)
{
	size_t n = 0, i;
	int c;

	if (o->has_columns)
		n = picked_columns(o, out);
	for (c = 0; !o->has_columns && c < RC_REPORT_COUNT; c++)
		out[n++] = (enum report_col)c;
	if (o->split != FLEET_BY_NONE)
		n = with_part(out, n,
			      o->split == FLEET_BY_MODEL ? RC_BY_MODEL
							 : RC_BY_VENDOR);
	if (projected)
		pick(out, &n, RC_PROJECTED);
	for (i = 0; i < s->n; i++)
		if (s->rows[i].incomplete)
			break;
	if (i < s->n)
		pick(out, &n, RC_INCOMPLETE);
	return n;
}

enum gc_status cli_print_series(const struct cli_request *r,
				const struct series *s,
				const enum report_col *cols, size_t n,
				struct gc_error *err)
{
	const struct table_col *all =
		s->low ? REPORT_COLS_BOUNDED : REPORT_COLS;
	struct table_col picked[RC_COUNT];
	struct series_print sp = { s, cols, n, r->o->split != FLEET_BY_NONE };
	size_t k;

	for (k = 0; k < n; k++)
		picked[k] = all[cols[k]];
	return cli_print(r, picked, n, series_rows, &sp, err);
}
