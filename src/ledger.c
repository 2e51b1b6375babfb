/* Row meaning shared by every ledger format (SPEC 3.2). */
#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alias.h"
#include "gpucap/quantity.h"
#include "gpucap/quarter.h"
#include "ledger_impl.h"
#include "util.h"

#define HEADER_MAX 96

static const char *const COL_NAMES[LC_COUNT] = {
	"quarter",
	"org",
	"model",
	"units",
	"spend_usd",
	"h100e",
	"total_h100e",
	"kind",
	"note",
	"units_p5",
	"units_p95",
	"spend_usd_p5",
	"spend_usd_p95",
	"h100e_p5",
	"h100e_p95",
	"total_h100e_p5",
	"total_h100e_p95",
	"start_date",
	"series_start",
	"name",
	"designer",
	"incomplete",
	"source",
};

/* Marks in ALIASES a column gpucap knows and reads nothing from. */
#define KNOWN LC_COUNT

static const struct {
	const char *name;
	enum ledger_col col;
} ALIASES[] = {
	{ "quarter", LC_QUARTER },
	{ "period", LC_QUARTER },
	{ "q", LC_QUARTER },
	{ "date", LC_QUARTER },
	{ "org", LC_ORG },
	{ "fleet", LC_ORG },
	{ "company", LC_ORG },
	{ "owner", LC_ORG },
	{ "model", LC_MODEL },
	{ "accelerator", LC_MODEL },
	{ "gpu", LC_MODEL },
	{ "hardware", LC_MODEL },
	{ "units", LC_UNITS },
	{ "qty", LC_UNITS },
	{ "quantity", LC_UNITS },
	{ "count", LC_UNITS },
	{ "gpus", LC_UNITS },
	{ "spend_usd", LC_SPEND },
	{ "spend", LC_SPEND },
	{ "capex", LC_SPEND },
	{ "usd", LC_SPEND },
	{ "h100e", LC_H100E },
	{ "h100_equivalents", LC_H100E },
	{ "total_h100e", LC_TOTAL },
	{ "level", LC_TOTAL },
	{ "kind", LC_KIND },
	{ "event", LC_KIND },
	{ "note", LC_NOTE },
	{ "source", LC_SOURCE },
	{ "sources", LC_SOURCE },
	{ "comment", LC_NOTE },
	/* the ends of a figure (SPEC 4.4) */
	{ "units_p5", LC_UNITS_LO },
	{ "units_low", LC_UNITS_LO },
	{ "units_p95", LC_UNITS_HI },
	{ "units_high", LC_UNITS_HI },
	{ "spend_usd_p5", LC_SPEND_LO },
	{ "spend_usd_low", LC_SPEND_LO },
	{ "spend_usd_p95", LC_SPEND_HI },
	{ "spend_usd_high", LC_SPEND_HI },
	{ "h100e_p5", LC_H100E_LO },
	{ "h100e_low", LC_H100E_LO },
	{ "h100e_p95", LC_H100E_HI },
	{ "h100e_high", LC_H100E_HI },
	{ "total_h100e_p5", LC_TOTAL_LO },
	{ "total_h100e_low", LC_TOTAL_LO },
	{ "total_h100e_p95", LC_TOTAL_HI },
	{ "total_h100e_high", LC_TOTAL_HI },
	/* Epoch AI's chip-owner and chip-sales exports, in both schemas:
	 * the display names of 2025-04/2026 and the canonical names of
	 * September 2026 (SPEC 3.4) */
	{ "end_date", LC_QUARTER },
	{ "start_date", LC_START },
	{ "series_start", LC_SERIES_START },
	{ "chip_type", LC_MODEL },
	{ "number_of_units", LC_UNITS },
	{ "number_of_units_(median)", LC_UNITS },
	{ "units_med", LC_UNITS },
	{ "number_of_units_(5th_percentile)", LC_UNITS_LO },
	{ "number_of_units_(95th_percentile)", LC_UNITS_HI },
	{ "compute_estimate_in_h100e_(median)", LC_H100E },
	{ "h100e_(median)", LC_H100E },
	{ "h100e_med", LC_H100E },
	{ "h100e_(5th_percentile)", LC_H100E_LO },
	{ "compute_estimate_in_h100e_(5th_percentile)", LC_H100E_LO },
	{ "h100e_(95th_percentile)", LC_H100E_HI },
	{ "compute_estimate_in_h100e_(95th_percentile)", LC_H100E_HI },
	{ "name", LC_TITLE },
	{ "designer", LC_DESIGNER },
	{ "chip_manufacturer", LC_DESIGNER },
	{ "incomplete", LC_INCOMPLETE },
	/* as analysts' spreadsheets say it (SPEC 3.3) */
	{ "organisation", LC_ORG },
	{ "organization", LC_ORG },
	{ "lab", LC_ORG },
	{ "chip", LC_MODEL },
	{ "gpu_model", LC_MODEL },
	{ "gpu_type", LC_MODEL },
	{ "unit", LC_UNITS },
	/* Epoch AI's columns that gpucap works out itself (power, cost) or
	 * carries nowhere: known, so not warned about */
	{ "total_tdp_(w)", KNOWN },
	{ "total_tdp_(w)_(5th_percentile)", KNOWN },
	{ "total_tdp_(w)_(95th_percentile)", KNOWN },
	{ "power_in_mw_(median)", KNOWN },
	{ "power_in_mw_(5th_percentile)", KNOWN },
	{ "power_in_mw_(95th_percentile)", KNOWN },
	{ "power_mw_p5", KNOWN },
	{ "power_mw_med", KNOWN },
	{ "power_mw_p95", KNOWN },
	{ "cost_usd_p5", KNOWN },
	{ "cost_usd_med", KNOWN },
	{ "cost_usd_p95", KNOWN },
	{ "source_/_link", KNOWN },
	{ "notes", KNOWN },
	/* what gpucap's report writes and works out again when its output
	 * is read back */
	{ "added_h100e", KNOWN },
	{ "retired_h100e", KNOWN },
	{ "reported_h100e", KNOWN },
	{ "gap_h100e", KNOWN },
	{ "qoq_pct", KNOWN },
	{ "yoy_pct", KNOWN },
	{ "ytd_pct", KNOWN },
	{ "cum_spend_usd", KNOWN },
	{ "usd_per_h100e", KNOWN },
	{ "power_mw", KNOWN },
};

/* Values of the kind column; "retire" is a buy of negative units. */
enum spelled_kind {
	K_NONE = -1,
	K_BUY,
	K_RETIRE,
	K_CAPACITY,
	K_TOTAL,
	K_SPEND
};
static const char *const KIND_NAMES[] = { "buy", "retire", "capacity", "total",
					  "spend" };

const char *ledger_col_name(enum ledger_col c)
{
	return COL_NAMES[c];
}

#define NALIASES (sizeof ALIASES / sizeof ALIASES[0])

/* header[0, len) as the alias table spells names: lower case, spaces
 * and '-' as '_', without surrounding blanks; cut at HEADER_MAX - 1
 * bytes (no name is that long). */
static void normalize(const char *header, size_t len, char norm[HEADER_MAX])
{
	size_t n = 0;

	while (len > 0 && (*header == ' ' || *header == '\t'))
		header++, len--;
	for (; len > 0 && *header != '\0' && n + 1 < HEADER_MAX;
	     header++, len--) {
		char c = (char)tolower((unsigned char)*header);

		norm[n++] = (c == ' ' || c == '-' || c == '\t') ? '_' : c;
	}
	while (n > 0 && norm[n - 1] == '_')
		n--;
	norm[n] = '\0';
}

static int lookup_norm(const char *norm)
{
	size_t i;

	for (i = 0; i < NALIASES; i++)
		if (strcmp(norm, ALIASES[i].name) == 0)
			return ALIASES[i].col == KNOWN ? LEDGER_COL_KNOWN
						       : (int)ALIASES[i].col;
	return -1;
}

int ledger_col_find(const struct ledger_opts *o, const char *header)
{
	char norm[HEADER_MAX], mapped[HEADER_MAX];
	size_t i;

	normalize(header, strlen(header), norm);
	for (i = 0; o != NULL && i < o->nmap; i++) {
		normalize(o->map[i].header, o->map[i].len, mapped);
		if (strcmp(norm, mapped) == 0)
			return (int)o->map[i].col;
	}
	return lookup_norm(norm);
}

/* A hint names a column whose spelling is within two edits, and under
 * half the name's length: "Quater" is quarter, "region" is not period. */
static const char *hint_norm(const char *norm)
{
	size_t i, best = SIZE_MAX, best_i = 0, len = strlen(norm);

	for (i = 0; i < NALIASES; i++) {
		size_t d = util_edit_distance(norm, ALIASES[i].name);

		if (ALIASES[i].col != KNOWN && d < best) {
			best = d;
			best_i = i;
		}
	}
	if (best > 2 || 2 * best >= len)
		return NULL;
	return COL_NAMES[ALIASES[best_i].col];
}

const char *ledger_col_hint(const char *header)
{
	char norm[HEADER_MAX];

	normalize(header, strlen(header), norm);
	return hint_norm(norm);
}

bool ledger_map_parse(const char *arg, struct ledger_map *out,
		      const char **hint)
{
	const char *eq = strrchr(arg, '=');
	char norm[HEADER_MAX];
	int col;

	*hint = NULL;
	if (eq == NULL || eq == arg)
		return false;
	normalize(eq + 1, strlen(eq + 1), norm);
	col = lookup_norm(norm);
	if (col < 0) {
		*hint = hint_norm(norm);
		return false;
	}
	out->header = arg;
	out->len = (size_t)(eq - arg);
	out->col = (enum ledger_col)col;
	return true;
}

/* ---- headers that name nothing ---- */

bool ledger_unread_add(struct ledger_unread *u, const char *header,
		       struct ledger_loc at)
{
	size_t i;

	for (i = 0; i < u->n; i++)
		if (strcmp(u->name[i], header) == 0)
			return true;
	if (u->n == UNREAD_MAX) {
		u->more = true;
		return true;
	}
	if (u->n == 0)
		u->at = at;
	u->name[u->n] = strdup(header);
	if (u->name[u->n] == NULL)
		return false;
	u->n++;
	return true;
}

/* Appends to buf (of size GC_MSG_MAX, holding *n bytes) what printf
 * makes of fmt; past the end the text is cut. */
static void append(char *buf, size_t *n, const char *fmt, ...) GC_PRINTF(3, 4);

static void append(char *buf, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (*n + 1 >= GC_MSG_MAX)
		return;
	va_start(ap, fmt);
	k = vsnprintf(buf + *n, GC_MSG_MAX - *n, fmt, ap);
	va_end(ap);
	if (k > 0)
		*n = *n + (size_t)k < GC_MSG_MAX ? *n + (size_t)k
						 : GC_MSG_MAX - 1;
}

void ledger_unread_warn(const struct ledger_load *ld, struct ledger_unread *u,
			const char *what)
{
	struct gc_error w;
	char q[DIAG_QUOTE_MAX];
	size_t i, n = 0;

	if (u->n > 0 && ld->opts->warn != NULL) {
		gc_error_clear(&w);
		w.file = ld->name;
		w.line = u->at.line;
		w.col = u->at.col;
		append(w.msg, &n, "%s%s not read:", what, u->n > 1 ? "s" : "");
		for (i = 0; i < u->n; i++) {
			const char *hint = ledger_col_hint(u->name[i]);

			append(w.msg, &n, "%s '%s'", i > 0 ? "," : "",
			       diag_quote(u->name[i], q));
			if (hint != NULL)
				append(w.msg, &n, " (did you mean '%s'?)",
				       hint);
		}
		append(w.msg, &n, "%s; --map 'NAME=column' says what %s means",
		       u->more ? " and others" : "", u->n > 1 ? "one" : "it");
		ld->opts->warn(ld->opts->warn_ctx, &w);
	}
	for (i = 0; i < u->n; i++)
		free(u->name[i]);
	memset(u, 0, sizeof *u);
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The cell's trimmed text, or NULL when absent or blank. Most cells have
 * nothing to trim, which their ends tell. */
static char *cell(struct ledger_cells *c, enum ledger_col col)
{
	char *s = c->text[col];
	size_t n = c->len[col];

	if (s == NULL || n == 0)
		return NULL;
	if (!blank(s[0]) && !blank(s[n - 1]))
		return s;
	s = util_trim(s);
	return *s == '\0' ? NULL : s;
}

struct build {
	struct ledger_cells *cells;
	const char *file;
	long line;
	struct ledger_row *row;
	struct gc_error *err;
	struct ledger_memo *memo; /* NULL: read every cell afresh */
	bool kept;		  /* org and model live in memo */
};

static enum gc_status vfail(struct gc_error *err, const char *file, long line,
			    struct ledger_loc at, enum ledger_col c,
			    const char *fmt, va_list ap)
{
	char what[GC_MSG_MAX];

	vsnprintf(what, sizeof what, fmt, ap);
	return gc_fail(err, GC_DATA, file, at.line > 0 ? at.line : line,
		       at.col > 0 ? at.col : 1, "%s: %s", COL_NAMES[c], what);
}

enum gc_status ledger_row_fail(struct gc_error *err,
			       const struct ledger_row *row, enum ledger_col c,
			       const char *fmt, ...)
{
	va_list ap;
	enum gc_status st;

	va_start(ap, fmt);
	st = vfail(err, row->file, row->line, row->at[c], c, fmt, ap);
	va_end(ap);
	return st;
}

/* "COLUMN: what is wrong", located at that column's cell. */
static enum gc_status bad(struct build *b, enum ledger_col col, const char *fmt,
			  ...) GC_PRINTF(3, 4);

static enum gc_status bad(struct build *b, enum ledger_col col, const char *fmt,
			  ...)
{
	va_list ap;
	enum gc_status st;

	va_start(ap, fmt);
	st = vfail(b->err, b->file, b->line, b->cells->at[col], col, fmt, ap);
	va_end(ap);
	return st;
}

/* How a number cell reads in a message: as written (cut when long), or
 * for a JSON number, as gpucap writes it. buf needs DIAG_QUOTE_MAX. */
static const char *shown(const char *s, double v, char *buf)
{
	return s != NULL ? diag_quote(s, buf) : qty_format(v, buf);
}

/* Whether the row has the column at all (it may still be blank). */
static bool has_cell(const struct ledger_cells *c, enum ledger_col col)
{
	return c->text[col] != NULL || c->is_num[col];
}

#define BIT(c) (UINT32_C(1) << (c))

/* Whether the row may have a cell in one of the columns: false is sure,
 * true means look (see ledger_cells.present); a step that reads only
 * absent cells does nothing, so looking is always right. */
static bool may_have(const struct ledger_cells *c, uint32_t cols)
{
	return !c->marked || (c->present & cols) != 0;
}

/* A number cell as a figure with its ends: plain (lo == mid == hi), a
 * range (mid its midpoint), or LOW..CENTRAL..HIGH. *given is false for
 * an absent cell, *ranged true when the cell itself was a range. */
struct figure_cell {
	double lo, mid, hi;
	bool given, ranged, median;
};

static enum gc_status read_cell(struct build *b, enum ledger_col col,
				enum ledger_col as, struct figure_cell *f)
{
	char *s = NULL, buf[DIAG_QUOTE_MAX];
	struct quantity lo, mid, hi;
	bool has_mid = false;
	const char *why;
	double max = as == LC_SPEND ? LEDGER_MONEY_MAX : LEDGER_COUNT_MAX;

	memset(f, 0, sizeof *f);
	if (b->cells->is_num[col]) {
		/* as if written and read back: never a negative zero */
		mid.value = b->cells->num[col] == 0 ? 0.0 : b->cells->num[col];
		mid.money = false;
		lo = hi = mid;
	} else if ((s = cell(b->cells, col)) == NULL) {
		return GC_OK;
	} else if (!qty_parse_triple(s, &lo, &mid, &has_mid, &hi, &why)) {
		return bad(b, col, "'%s' %s", shown(s, 0, buf), why);
	}
	if (mid.money && as != LC_SPEND)
		return bad(b, col, "'%s' is money; put it in spend_usd",
			   shown(s, 0, buf));
	if (lo.value < 0 && (as == LC_SPEND || as == LC_TOTAL))
		return bad(b, col, "'%s' must not be negative",
			   shown(s, lo.value, buf));
	if (fabs(lo.value) > max || fabs(hi.value) > max)
		return bad(b, col, "'%s' is out of range (at most %g)",
			   shown(s, mid.value, buf), max);
	f->lo = lo.value;
	f->mid = mid.value;
	f->hi = hi.value;
	f->given = true;
	f->ranged = lo.value != hi.value;
	f->median = has_mid;
	return GC_OK;
}

/* The figure's ends from NAME_p5 and NAME_p95 beside it: both, plain,
 * around the central figure (the given median, else their midpoint). */
static enum gc_status companion_ends(struct build *b, enum ledger_col col,
				     enum ledger_col lo_col,
				     enum ledger_col hi_col,
				     struct figure_cell *f)
{
	struct figure_cell lo, hi;
	enum gc_status st;

	/* nearly every file has no such columns */
	if (!has_cell(b->cells, lo_col) && !has_cell(b->cells, hi_col))
		return GC_OK;
	st = read_cell(b, lo_col, col, &lo);

	if (st == GC_OK)
		st = read_cell(b, hi_col, col, &hi);
	if (st != GC_OK || (!lo.given && !hi.given))
		return st;
	if (!lo.given || !hi.given)
		return bad(b, lo.given ? hi_col : lo_col,
			   "missing (the ends of %s go together)",
			   COL_NAMES[col]);
	if (lo.ranged || hi.ranged || f->ranged)
		return bad(b,
			   f->ranged   ? col
			   : lo.ranged ? lo_col
				       : hi_col,
			   "a range where the ends are given apart");
	f->median = f->given;
	if (!f->given)
		f->mid = lo.mid + (hi.mid - lo.mid) / 2;
	if (lo.mid > f->mid || f->mid > hi.mid)
		return bad(b, lo.mid > f->mid ? lo_col : hi_col,
			   "the percentiles are out of order: %s %.15g, %s "
			   "%.15g, %s %.15g",
			   COL_NAMES[lo_col], lo.mid, COL_NAMES[col], f->mid,
			   COL_NAMES[hi_col], hi.mid);
	f->lo = lo.mid;
	f->hi = hi.mid;
	f->given = true;
	f->ranged = f->lo != f->hi;
	return GC_OK;
}

/* Figure fig of the row: its cell, with its ends from the cell (a range)
 * or from the columns beside it. The row gets the central figure, and
 * with ends the ends too. */
static enum gc_status read_number(struct build *b, enum ledger_fig fig,
				  double *out)
{
	static const enum ledger_col COLS[LF_COUNT][3] = {
		{ LC_UNITS, LC_UNITS_LO, LC_UNITS_HI },
		{ LC_SPEND, LC_SPEND_LO, LC_SPEND_HI },
		{ LC_H100E, LC_H100E_LO, LC_H100E_HI },
		{ LC_TOTAL, LC_TOTAL_LO, LC_TOTAL_HI },
	};
	const enum ledger_col *c = COLS[fig];
	struct figure_cell f;
	enum gc_status st;

	/* most files give two or three of the four figures */
	if (!may_have(b->cells, BIT(c[0]) | BIT(c[1]) | BIT(c[2]))) {
		*out = NAN;
		return GC_OK;
	}
	st = read_cell(b, c[0], c[0], &f);
	if (st == GC_OK)
		st = companion_ends(b, c[0], c[1], c[2], &f);
	*out = f.given ? f.mid : NAN;
	if (st != GC_OK || !f.ranged)
		return st;
	b->row->ranged = true;
	b->row->low[fig] = f.lo;
	b->row->high[fig] = f.hi;
	b->row->median[fig] = f.median;
	return GC_OK;
}

/* A ranged row's plain figures are ranges of one value. */
static void plain_ends(struct ledger_row *row, double *const fig[LF_COUNT])
{
	int i;

	for (i = 0; i < LF_COUNT; i++)
		if (isnan(row->low[i]))
			row->low[i] = row->high[i] = *fig[i];
}

/* Text a row carries on to the output must be UTF-8, as JSON and the
 * terminal expect. */
static enum gc_status read_text(struct build *b, enum ledger_col col,
				const char **out)
{
	char *s = cell(b->cells, col);

	if (s != NULL && !util_utf8_valid(s))
		return bad(b, col, "not valid UTF-8");
	*out = s;
	return GC_OK;
}

/* FY2025Q1: its first day's calendar quarter, and the other it reaches
 * into (SPEC 3.3). */
static enum gc_status read_fiscal(struct build *b, const char *s)
{
	char buf[DIAG_QUOTE_MAX];
	struct quarter_span span;

	if (b->cells->fiscal_year_end == 0)
		return bad(b, LC_QUARTER,
			   "'%s' is a fiscal quarter: say the month its year "
			   "ends with --fiscal-year-end (jan for Nvidia's)",
			   diag_quote(s, buf));
	if (!quarter_parse_fiscal(s, b->cells->fiscal_year_end, &span))
		return bad(b, LC_QUARTER,
			   "'%s' is not a fiscal quarter (expected FY2025Q1)",
			   diag_quote(s, buf));
	b->row->quarter = span.first;
	if (span.last != span.first) {
		b->row->later = span.last;
		b->row->later_days = span.last_days;
		b->row->days = span.days;
	}
	return GC_OK;
}

static enum gc_status read_quarter(struct build *b)
{
	char *s = cell(b->cells, LC_QUARTER), buf[DIAG_QUOTE_MAX];

	if (s == NULL)
		return bad(b, LC_QUARTER, "missing");
	if (quarter_is_fiscal(s))
		return read_fiscal(b, s);
	if (!quarter_parse(s, &b->row->quarter))
		return bad(b, LC_QUARTER,
			   "'%s' is not a quarter (expected 2024Q1, 2024-Q1, "
			   "Q1 2024, or a date: 2024-03-31, 3/31/2024)",
			   diag_quote(s, buf));
	return GC_OK;
}

static enum gc_status read_kind(struct build *b, enum spelled_kind *kind)
{
	char *s = cell(b->cells, LC_KIND), buf[DIAG_QUOTE_MAX];
	int k;

	*kind = K_NONE;
	if (s == NULL)
		return GC_OK;
	for (k = K_BUY; k <= K_SPEND; k++)
		if (strcasecmp(s, KIND_NAMES[k]) == 0)
			*kind = (enum spelled_kind)k;
	if (*kind == K_NONE)
		return bad(b, LC_KIND,
			   "'%s' is not one of buy, retire, capacity, total, "
			   "spend",
			   diag_quote(s, buf));
	return GC_OK;
}

/* The kind a row without one has: the first rule of SPEC 3.2 that fits. */
static enum spelled_kind infer_kind(const struct ledger_row *r)
{
	if (!isnan(r->total))
		return K_TOTAL;
	if (!isnan(r->h100e))
		return K_CAPACITY;
	if (!isnan(r->units) || (!isnan(r->spend) && r->model != NULL))
		return K_BUY;
	if (!isnan(r->spend))
		return K_SPEND;
	return K_NONE;
}

/* The column each kind counts; spend-by-model buys count spend_usd. */
static enum ledger_col counted_col(enum spelled_kind kind,
				   const struct ledger_row *r)
{
	static const enum ledger_col COUNTED[] = { LC_UNITS, LC_UNITS, LC_H100E,
						   LC_TOTAL, LC_SPEND };

	if (kind == K_BUY && isnan(r->units))
		return LC_SPEND;
	return COUNTED[kind];
}

static double figure(const struct ledger_row *r, enum ledger_col c)
{
	switch (c) {
	case LC_UNITS:
		return r->units;
	case LC_SPEND:
		return r->spend;
	case LC_H100E:
		return r->h100e;
	case LC_TOTAL:
		return r->total;
	default:
		return NAN;
	}
}

/* A row counts one figure: two would make it two rows in one. */
static enum gc_status check_single(struct build *b, enum spelled_kind kind,
				   enum ledger_col counted)
{
	static const enum ledger_col FIGS[] = { LC_TOTAL, LC_H100E, LC_UNITS };
	size_t i;

	for (i = 0; i < sizeof FIGS / sizeof FIGS[0]; i++) {
		if (FIGS[i] == counted || isnan(figure(b->row, FIGS[i])))
			continue;
		return bad(b, FIGS[i],
			   "not used by a '%s' row (a row counts one figure; "
			   "split it in two)",
			   KIND_NAMES[kind]);
	}
	return GC_OK;
}

/* A retire row's units count down, whichever sign they were written
 * with; a range's ends swap as they turn. */
static void retire_units(struct ledger_row *r)
{
	double lo = r->low[LF_UNITS], hi = r->high[LF_UNITS];

	r->units = -fabs(r->units);
	if (!r->ranged)
		return;
	r->low[LF_UNITS] = -fmax(fabs(lo), fabs(hi));
	/* a range across zero retires from nothing up to its larger end */
	r->high[LF_UNITS] = lo < 0 && hi > 0 ? 0 : -fmin(fabs(lo), fabs(hi));
}

static enum gc_status resolve_kind(struct build *b, enum spelled_kind kind)
{
	static const enum row_kind KINDS[] = { ROW_BUY, ROW_BUY, ROW_CAPACITY,
					       ROW_TOTAL, ROW_SPEND };
	struct ledger_row *r = b->row;
	enum ledger_col counted;

	if (kind == K_NONE)
		return gc_fail(b->err, GC_DATA, b->file, b->line, 1,
			       "nothing to count: give units with a model, "
			       "h100e, total_h100e or spend_usd");
	counted = counted_col(kind, r);
	if (isnan(figure(r, counted)))
		return bad(b, counted, "missing for a '%s' row",
			   KIND_NAMES[kind]);
	if (counted == LC_UNITS && r->model == NULL)
		return bad(b, LC_MODEL, "missing (units need a model)");
	/* kind buy with money and no units buys the model at its price */
	if (kind == K_BUY && r->model == NULL)
		return bad(b, LC_MODEL, "missing (a 'buy' row needs a model)");
	if (kind == K_RETIRE)
		retire_units(r);
	/* A spend row that names a model buys that model (rule 4). */
	r->kind = (kind == K_SPEND && r->model != NULL) ? ROW_BUY : KINDS[kind];
	return check_single(b, kind, counted);
}

/* What the memo remembers of the cell's raw text; NULL without a memo,
 * for an absent cell, or when the memo cannot keep it. */
static struct memo_entry *cell_memo(struct build *b, enum ledger_col col)
{
	const char *raw = b->cells->text[col];

	if (b->memo == NULL || raw == NULL)
		return NULL;
	return memo_entry(b->memo, raw, b->cells->len[col]);
}

/* An org or model: the cleaned text its raw spelling gave before, or read
 * afresh and remembered. Absent cells are NULL either way. */
static enum gc_status read_name(struct build *b, enum ledger_col col,
				const char **out)
{
	const char *raw = b->cells->text[col];
	struct memo_entry *e = cell_memo(b, col);
	enum gc_status st;

	if (e != NULL && e->has_clean) {
		*out = *e->clean != '\0' ? e->clean : NULL;
		return GC_OK;
	}
	st = read_text(b, col, out);
	if (st != GC_OK || e == NULL) {
		b->kept = b->kept && raw == NULL;
		return st;
	}
	e->clean =
		memo_keep(b->memo, *out ? *out : "", *out ? strlen(*out) : 0);
	e->has_clean = e->clean != NULL;
	if (e->clean == NULL)
		b->kept = false;
	else
		*out = *e->clean != '\0' ? e->clean : NULL;
	return GC_OK;
}

static enum gc_status read_quarter_memo(struct build *b)
{
	struct memo_entry *e = cell_memo(b, LC_QUARTER);
	enum gc_status st;

	if (e != NULL && e->has_quarter) {
		b->row->quarter = e->quarter;
		return GC_OK;
	}
	st = read_quarter(b);
	/* a fiscal quarter's split is more than a memo entry holds */
	if (st == GC_OK && e != NULL && b->row->later == 0) {
		e->quarter = b->row->quarter;
		e->has_quarter = true;
	}
	return st;
}

/* Whether text holds word, in any case. */
static bool holds_word(const char *text, const char *word)
{
	size_t n = strlen(word);

	for (; text != NULL && *text != '\0'; text++)
		if (strncasecmp(text, word, n) == 0)
			return true;
	return false;
}

/* A row of Epoch AI's chip-owner data has a start date (or a series
 * start) beside its end date, the quarter. It is one quarter's purchases,
 * counted in units, unless it is a running stock: a series start, a start
 * before the end's quarter, or a name that says "cumulative"; a stock is
 * its chips' H100e, each a part of the owner's level. The figure a row
 * does not count is dropped. */
static enum gc_status period_row(struct build *b)
{
	char *start = cell(b->cells, LC_START), buf[DIAG_QUOTE_MAX];
	struct ledger_row *r = b->row;
	bool stock = cell(b->cells, LC_SERIES_START) != NULL ||
		     holds_word(cell(b->cells, LC_TITLE), "cumulative");
	int q;

	if (start == NULL && !stock)
		return GC_OK;
	if (start != NULL && !quarter_parse(start, &q))
		return bad(b, LC_START, "'%s' is not a date",
			   diag_quote(start, buf));
	stock = stock || (start != NULL && q < r->quarter);
	if (stock) {
		r->total = r->h100e;
		r->low[LF_TOTAL] = r->low[LF_H100E];
		r->high[LF_TOTAL] = r->high[LF_H100E];
		r->median[LF_TOTAL] = r->median[LF_H100E];
		r->units = NAN;
		r->part = true;
	}
	r->h100e = NAN;
	r->low[LF_H100E] = r->high[LF_H100E] = NAN;
	if (stock)
		r->low[LF_UNITS] = r->high[LF_UNITS] = NAN;
	return GC_OK;
}

/* "checked", "True" or a note say a quarter is incomplete; an empty cell,
 * "False", "no" or "0" that it is not. */
static void read_incomplete(struct build *b)
{
	static const char *const NO[] = { "false", "no", "0", "n", "f" };
	const char *s = cell(b->cells, LC_INCOMPLETE);
	size_t i;

	b->row->incomplete = s != NULL;
	for (i = 0; s != NULL && i < sizeof NO / sizeof NO[0]; i++)
		if (strcasecmp(s, NO[i]) == 0)
			b->row->incomplete = false;
}

const char LEDGER_EPOCH_SOURCE[] =
	"Epoch AI, AI Chip Owners and Sales (CC-BY 4.0)";

/* The row's source: its cell, or for a row of Epoch AI's (dated by a
 * start) theirs. A source stands for a missing note, as the note column
 * it once was. */
static enum gc_status read_source(struct build *b)
{
	struct ledger_row *row = b->row;
	enum gc_status st = read_text(b, LC_SOURCE, &row->source);

	if (row->source == NULL && (cell(b->cells, LC_START) != NULL ||
				    cell(b->cells, LC_SERIES_START) != NULL))
		row->source = LEDGER_EPOCH_SOURCE;
	else if (row->note == NULL)
		row->note = row->source;
	return st;
}

static enum gc_status build(struct build *b)
{
	struct ledger_row *row = b->row;
	double *const dest[LF_COUNT] = { &row->units, &row->spend, &row->h100e,
					 &row->total };
	enum gc_status st;
	size_t i;
	enum spelled_kind kind;
	/* Whether the row has any of the columns most ledgers lack; without
	 * them each step below that reads one has nothing to do (no kind, no
	 * note or source, no start date, not incomplete), so none is run. */
	bool rare = may_have(b->cells,
			     BIT(LC_KIND) | BIT(LC_NOTE) | BIT(LC_START) |
				     BIT(LC_SERIES_START) | BIT(LC_TITLE) |
				     BIT(LC_INCOMPLETE) | BIT(LC_SOURCE));

	/* at is the caller's (a row handed on from a parsing thread takes
	 * its places elsewhere): only what follows it needs clearing */
	_Static_assert(offsetof(struct ledger_row, kind) ==
			       offsetof(struct ledger_row, at) +
				       sizeof((struct ledger_row *)0)->at,
		       "nothing lies between at and kind");
	memset(&row->kind, 0, sizeof *row - offsetof(struct ledger_row, kind));
	row->file = b->file;
	row->line = b->line;
	st = read_quarter_memo(b);
	for (i = 0; i < LF_COUNT; i++)
		row->low[i] = row->high[i] = NAN;
	for (i = 0; st == GC_OK && i < LF_COUNT; i++)
		st = read_number(b, (enum ledger_fig)i, dest[i]);
	kind = K_NONE;
	if (st == GC_OK && rare)
		st = period_row(b);
	if (st == GC_OK && row->ranged)
		plain_ends(row, dest);
	if (st == GC_OK && rare)
		st = read_kind(b, &kind);
	if (st == GC_OK)
		st = read_name(b, LC_ORG, &row->org);
	/* a sales file's rows are the designer's */
	if (st == GC_OK && row->org == NULL)
		st = read_name(b, LC_DESIGNER, &row->org);
	if (st == GC_OK)
		st = read_name(b, LC_MODEL, &row->model);
	if (st == GC_OK && rare)
		st = read_text(b, LC_NOTE, &row->note);
	if (st == GC_OK && rare)
		st = read_source(b);
	/* without a note, the source or a row's name (Epoch AI's) says
	 * what it is */
	if (st == GC_OK && rare && row->note == NULL)
		st = read_text(b, LC_TITLE, &row->note);
	if (st != GC_OK)
		return st;
	if (rare)
		read_incomplete(b);
	if (row->org == NULL)
		row->org = "";
	return resolve_kind(b, kind == K_NONE ? infer_kind(row) : kind);
}

enum gc_status ledger_row_build(struct ledger_cells *cells, const char *file,
				long line, struct ledger_row *row,
				struct gc_error *err)
{
	struct build b = { cells, file, line, row, err, NULL, false };

	return build(&b);
}

enum gc_status ledger_row_build_memo(struct ledger_memo *m,
				     struct ledger_cells *cells,
				     const char *file, long line,
				     struct ledger_row *row, bool *kept,
				     struct gc_error *err)
{
	struct build b = { cells, file, line, row, err, m, true };
	enum gc_status st = build(&b);

	*kept = b.kept;
	return st;
}

/* A name the memo has read before, not blank. */
static const char *plain_name(struct ledger_memo *m, const char *s, size_t n)
{
	struct memo_entry *e = memo_entry(m, s, n);

	return e != NULL && e->has_clean && *e->clean != '\0' ? e->clean : NULL;
}

/* A figure's cell as read_cell reads a plain number: not blank at its
 * ends (cell() would trim it), not a range, within max; money only
 * where allowed, and not below zero where that is an error. An empty
 * cell is an absent figure (NaN) when absent_ok. */
static bool plain_figure(const char *s, size_t n, bool money, double max,
			 bool absent_ok, double *out)
{
	struct quantity q;
	const char *why;

	if (s == NULL || n == 0) {
		*out = NAN;
		return absent_ok;
	}
	if (blank(s[0]) || blank(s[n - 1]) || !qty_parse(s, &q, &why) ||
	    (q.money && !money) || (money && q.value < 0) ||
	    fabs(q.value) > max)
		return false;
	*out = q.value;
	return true;
}

bool ledger_row_plain(struct ledger_memo *m, const char *const text[LP_COUNT],
		      const size_t len[LP_COUNT], struct ledger_plain_row *out)
{
	struct memo_entry *q;

	if (m == NULL)
		return false;
	q = memo_entry(m, text[LP_QUARTER], len[LP_QUARTER]);
	if (q == NULL || !q->has_quarter)
		return false;
	out->quarter = q->quarter;
	out->org = plain_name(m, text[LP_ORG], len[LP_ORG]);
	out->model = plain_name(m, text[LP_MODEL], len[LP_MODEL]);
	/* units (so a buy, by infer_kind) with a model, nothing else
	 * counted: resolve_kind and check_single have nothing to say */
	return out->org != NULL && out->model != NULL &&
	       plain_figure(text[LP_UNITS], len[LP_UNITS], false,
			    LEDGER_COUNT_MAX, false, &out->units) &&
	       plain_figure(text[LP_SPEND], len[LP_SPEND], true,
			    LEDGER_MONEY_MAX, true, &out->spend);
}

unsigned long ledger_names_id(void)
{
	static atomic_ulong reads;

	return atomic_fetch_add(&reads, 1) + 1;
}

enum gc_status ledger_emit_memo(const struct ledger_load *ld,
				struct ledger_memo *m, unsigned long names_id,
				struct ledger_cells *cells, long line,
				struct gc_error *err)
{
	struct ledger_row row;
	bool kept = false;
	enum gc_status st;

	if (m == NULL)
		return ledger_emit(ld, cells, line, err);
	st = ledger_row_build_memo(m, cells, ld->name, line, &row, &kept, err);
	if (st != GC_OK)
		return st;
	row.names_id = kept ? names_id : 0;
	memcpy(row.at, cells->at, sizeof row.at);
	return ledger_deliver(ld, &row, err);
}

enum gc_status ledger_emit(const struct ledger_load *ld,
			   struct ledger_cells *cells, long line,
			   struct gc_error *err)
{
	struct ledger_row row;
	enum gc_status st = ledger_row_build(cells, ld->name, line, &row, err);

	if (st != GC_OK)
		return st;
	memcpy(row.at, cells->at, sizeof row.at);
	return ledger_deliver(ld, &row, err);
}

/* A row's flows (units, money, H100e, and their ends) times days of
 * all: multiplied before divided, so 90 units over 60 of 90 days are 60
 * exactly. */
static double part_of(double x, int days, int all)
{
	return x * days / all;
}

static void scale_flows(struct ledger_row *r, int days, int all)
{
	static const enum ledger_fig FLOWS[] = { LF_UNITS, LF_SPEND, LF_H100E };
	size_t i;

	r->units = part_of(r->units, days, all);
	r->spend = part_of(r->spend, days, all);
	r->h100e = part_of(r->h100e, days, all);
	for (i = 0; i < sizeof FLOWS / sizeof FLOWS[0]; i++) {
		r->low[FLOWS[i]] = part_of(r->low[FLOWS[i]], days, all);
		r->high[FLOWS[i]] = part_of(r->high[FLOWS[i]], days, all);
	}
}

/* A fiscal quarter over two calendar quarters: its level at the later,
 * its flows in both by their share of its days. */
static enum gc_status deliver_split(const struct ledger_load *ld,
				    struct ledger_row *row,
				    struct gc_error *err)
{
	struct ledger_row later = *row;
	enum gc_status st;

	if (row->kind == ROW_TOTAL) {
		row->quarter = row->later;
		row->later = 0;
		return ld->sink(row, ld->ctx, err);
	}
	later.quarter = row->later;
	later.later = 0;
	scale_flows(&later, row->later_days, row->days);
	row->later = 0;
	scale_flows(row, row->days - row->later_days, row->days);
	st = ld->sink(row, ld->ctx, err);
	return st == GC_OK ? ld->sink(&later, ld->ctx, err) : st;
}

enum gc_status ledger_deliver(const struct ledger_load *ld,
			      struct ledger_row *row, struct gc_error *err)
{
	const char *to =
		row->org != NULL ? alias_of(ld->opts->aliases, row->org) : NULL;

	/* the alias is one spelling in one place: a sink that remembers
	 * names by pointer (names_id) still may */
	if (to != NULL)
		row->org = to;
	if (row->later != 0)
		return deliver_split(ld, row, err);
	return ld->sink(row, ld->ctx, err);
}

bool ledger_skip(const struct ledger_load *ld, enum gc_status st,
		 const struct gc_error *err)
{
	if (st != GC_DATA || !ld->opts->keep_going)
		return false;
	if (ld->opts->warn != NULL)
		ld->opts->warn(ld->opts->warn_ctx, err);
	return true;
}

void ledger_progress(const struct ledger_load *ld, long long done)
{
	if (ld->opts->progress != NULL && ld->total > 0)
		ld->opts->progress(ld->opts->progress_ctx, done, ld->total);
}
