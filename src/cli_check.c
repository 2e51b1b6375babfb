/* gpucap check: assertions on the series, for CI (the formats are
 * cli_check_out.c's). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli_check_impl.h"
#include "gpucap/quarter.h"
#include "gpucap/table.h"
#include "output.h"
#include "util.h"

static enum gc_status read_checks(struct check_list *l, const char *path,
				  struct gc_error *err)
{
	FILE *in = fopen(path, "r");
	enum gc_status st;

	if (in == NULL)
		return gc_fail(err, GC_IO, path, 0, 0, "cannot open: %s",
			       strerror(errno));
	st = check_list_read(l, in, path, err);
	fclose(in);
	return st;
}

/* Every check is parsed before the ledger is read: a typo is a usage error
 * whatever the data says. */
static enum gc_status gather(const struct options *o, struct check_list *l,
			     struct gc_error *err)
{
	enum gc_status st = GC_OK;
	size_t i;

	for (i = 0; st == GC_OK && i < o->nexprs; i++)
		st = check_list_add(l, o->exprs[i], "-e", (long)i + 1, err);
	for (i = 0; st == GC_OK && i < o->ncheck_files; i++)
		st = read_checks(l, o->check_files[i], err);
	if (st == GC_OK && l->n == 0)
		st = gc_fail(err, GC_USAGE, NULL, 0, 0,
			     "no checks: give -e EXPR or --checks FILE");
	return st;
}

/* A span outside an org's series is a mistake in the checks, not a
 * check that failed: the first is a data error at the span, before any
 * output. */
static enum gc_status span_errors(const struct evaluated *ev,
				  struct gc_error *err)
{
	size_t i;

	for (i = 0; i < ev->checks->n; i++) {
		const struct check *c = &ev->checks->items[i];

		if (ev->results[i].span_error)
			return gc_fail(err, GC_DATA, c->file, c->line,
				       c->period_col, "%s: %s", c->text,
				       ev->results[i].why);
	}
	return GC_OK;
}

static enum gc_status evaluate(const struct cli_request *r,
			       const struct check_list *checks,
			       const struct series *s, struct gc_error *err)
{
	struct evaluated ev = {
		.checks = checks,
		.results = calloc(checks->n + 1, sizeof *ev.results),
		.how = r->o->uncertain,
		.ranges = s->low != NULL,
		.sampled = s->draws != NULL,
		.method =
			r->o->method == PROJECT_LINEAR ? "linear" : "geometric",
		.target = r->o->has_target,
	};
	struct check_index ix;
	enum gc_status st;
	size_t i, counted = 0;

	if (ev.results == NULL)
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	st = check_index_init(&ix, s, err);
	if (st != GC_OK) {
		free(ev.results);
		return st;
	}
	ix.confidence = r->o->confidence;
	for (i = 0; i < checks->n; i++) {
		const struct check_result *r = &ev.results[i];

		check_eval_in(&checks->items[i], &ix, &ev.results[i]);
		ev.uncertain += r->uncertain;
		ev.failed += !r->ok && !r->uncertain;
		counted += check_counts_failed(&ev, r);
	}
	check_index_free(&ix);
	st = span_errors(&ev, err);
	if (st == GC_OK)
		st = check_write(r, &ev, err);
	free(ev.results);
	if (st == GC_OK && counted > 0)
		st = GC_CHECK_FAILED;
	return st;
}

enum gc_status cmd_check(const struct options *o, struct gc_error *err)
{
	struct check_list checks = { NULL, 0, 0 };
	struct cli_request r;
	struct cli_ledger l;
	struct series s = { 0 };
	enum gc_status st = gather(o, &checks, err);
	size_t i;

	if (st != GC_OK) {
		check_list_free(&checks);
		return st;
	}
	/* the series the checks read: the ledger's, projected if asked,
	 * with the sum of all orgs for checks without an org, every
	 * quarter of it */
	cli_request_init(&r, o);
	for (i = 0; i < checks.n; i++)
		r.lane_figures = r.lane_figures ||
				 cli_lane_figure(checks.items[i].column);
	r.total = true;
	r.draws_read = true;
	r.project = o->has_project_to;
	r.project_to = o->project_to;
	r.from = r.to = false;
	st = cli_ledger_load(&r, &l, err);
	if (st == GC_OK)
		st = cli_series(&r, &l, &s, NULL, err);
	if (st == GC_OK)
		st = evaluate(&r, &checks, &s, err);
	if (st == GC_OK || st == GC_CHECK_FAILED)
		cli_ledger_summary(&l);
	series_free(&s);
	cli_ledger_free(&l);
	check_list_free(&checks);
	return st;
}
