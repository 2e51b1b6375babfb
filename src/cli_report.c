/* gpucap report: the ledger's series as a table, or (--pivot COL) one
 * column of it as a row per org and a column per quarter. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_impl.h"
#include "gpucap/quarter.h"
#include "gpucap/report.h"
#include "gpucap/table.h"

/* A pivot: quarters q0 .. q0 + nq - 1 of one column, after `keys`
 * columns naming the row (the org, and with --by its part). */
struct pivot {
	const struct series *s;
	enum report_col col;
	int q0;
	size_t nq, keys;
};

static enum gc_status pivot_rows(void *ctx, struct printer *p,
				 struct gc_error *err)
{
	const struct pivot *v = ctx;
	const struct series *s = v->s;
	struct cell *cells = malloc((v->nq + v->keys) * sizeof *cells);
	struct series_org o = { 0, 0 };
	char *name = NULL;
	size_t cap = 0;
	enum gc_status st = GC_OK;
	size_t i, k;

	if (cells == NULL)
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	while (st == GC_OK && series_next_org(s, &o)) {
		for (k = 0; k < v->keys + v->nq; k++)
			cells[k] = (struct cell){ NULL, NAN, false, NAN, NAN };
		cells[0].text = s->rows[o.at].org;
		if (v->keys > 1 &&
		    !cli_split_org(s->rows[o.at].org, &name, &cap,
				   &cells[0].text, &cells[1].text))
			st = gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
		for (i = o.at; i < o.at + o.n; i++) {
			int q = s->rows[i].quarter;
			struct cell *c;

			if (q < v->q0 || q >= v->q0 + (int)v->nq)
				continue;
			c = &cells[v->keys + (size_t)(q - v->q0)];
			c->num = report_value(s, &s->rows[i], v->col);
			if (s->low != NULL)
				report_ends(s, &s->low[i], &s->high[i], v->col,
					    &c->lo, &c->hi);
		}
		if (st == GC_OK && printer_row(p, cells) != GC_OK)
			st = gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	}
	free(name);
	free(cells);
	return st;
}

/* How many of nq quarters a table on a terminal of `width` columns shows:
 * the org's column, then a dozen characters a quarter (a figure with its
 * separators, or a band). Machine formats and pipes show every one. */
static size_t quarters_shown(const struct cli_request *r, size_t nq,
			     bool bounds)
{
	long room;
	size_t each = bounds ? 24 : 12;

	if (strcmp(r->format, "table") != 0 ||
	    (!isatty(STDOUT_FILENO) && getenv("COLUMNS") == NULL))
		return nq;
	room = (long)cli_term_width() - 16;
	if (room < (long)each)
		return 1;
	return (size_t)room / each < nq ? (size_t)room / each : nq;
}

static enum gc_status print_pivot(const struct cli_request *r,
				  const struct series *s, struct gc_error *err)
{
	struct pivot v = { s, r->o->pivot, INT_MAX, 0,
			   r->o->split != FLEET_BY_NONE ? 2 : 1 };
	struct table_col *cols;
	char(*labels)[QUARTER_FMT_MAX];
	int last = INT_MIN;
	size_t i, shown;
	enum gc_status st;

	for (i = 0; i < s->n; i++) {
		v.q0 = s->rows[i].quarter < v.q0 ? s->rows[i].quarter : v.q0;
		last = s->rows[i].quarter > last ? s->rows[i].quarter : last;
	}
	v.nq = s->n ? (size_t)(last - v.q0) + 1 : 0;
	shown = quarters_shown(r, v.nq, s->low != NULL);
	if (shown < v.nq) {
		cli_warnf(r->o,
			  "--pivot: the last %zu of %zu quarters fit in %d "
			  "columns (-f csv shows them all)",
			  shown, v.nq, cli_term_width());
		v.q0 += (int)(v.nq - shown);
		v.nq = shown;
	}
	cols = malloc((v.nq + 2) * sizeof *cols); /* room for both keys */
	labels = malloc((v.nq + 1) * sizeof *labels);
	if (cols == NULL || labels == NULL) {
		free(cols);
		free(labels);
		return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
	}
	cols[0] = REPORT_COLS[RC_ORG];
	cols[1] = REPORT_COLS[r->o->split == FLEET_BY_VENDOR ? RC_BY_VENDOR
							     : RC_BY_MODEL];
	for (i = 0; i < v.nq; i++) {
		cols[i + v.keys] =
			(s->low ? REPORT_COLS_BOUNDED : REPORT_COLS)[v.col];
		cols[i + v.keys].name =
			quarter_format(v.q0 + (int)i, labels[i]);
	}
	st = cli_print(r, cols, v.nq + v.keys, pivot_rows, &v, err);
	free(cols);
	free(labels);
	return st;
}

enum gc_status cmd_report(const struct options *o, struct gc_error *err)
{
	struct cli_request r;
	struct cli_ledger l;
	struct series s = { 0 };
	enum report_col cols[RC_COUNT];
	enum gc_status st;

	cli_request_init(&r, o);
	st = cli_ledger_load(&r, &l, err);
	if (st == GC_OK)
		st = cli_series(&r, &l, &s, NULL, err);
	if (st == GC_OK && o->has_pivot)
		st = print_pivot(&r, &s, err);
	else if (st == GC_OK)
		st = cli_print_series(&r, &s, cols,
				      cli_series_columns(o, &s, false, cols),
				      err);
	if (st == GC_OK)
		cli_ledger_summary(&l);
	series_free(&s);
	cli_ledger_free(&l);
	return st;
}
