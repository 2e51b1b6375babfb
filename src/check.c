#include "gpucap/check.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gpucap/quantity.h"
#include "gpucap/quarter.h"
#include "gpucap/table.h"
#include "util.h"

#define MAX_TOKENS 16 /* a check has at most 6; more is reported at the 7th */
#define PLUS_MINUS "\xC2\xB1" /* ± in UTF-8 */

/* ---- tokens ---- */

enum tok_kind { T_WORD, T_STRING, T_OP, T_TOL };

struct token {
	enum tok_kind kind;
	long col; /* 1-based character column */
	char text[CHECK_TEXT_MAX];
};

struct parser {
	const char *src;
	const char *file;
	long line;
	struct gc_error *err;
	struct token tok[MAX_TOKENS];
	size_t n;
	long end_col; /* the column just past the text */
	long lead;    /* blanks before the text: added to reported columns */
};

/* The character column of byte offset off. */
static long column_of(const char *s, size_t off)
{
	long col = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			col++;
	return col;
}

/* A usage error at col, with the expression and a caret under col. */
static enum gc_status fail_at(struct parser *p, long col, const char *fmt, ...)
	GC_PRINTF(3, 4);

static enum gc_status fail_at(struct parser *p, long col, const char *fmt, ...)
{
	char what[GC_MSG_MAX / 2];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return gc_fail(p->err, GC_USAGE, p->file, p->line, col + p->lead,
		       "%s\n  %s\n  %*s^", what, p->src, (int)(col - 1), "");
}

static bool op_char(char c)
{
	return c == '<' || c == '>' || c == '=' || c == '!' || c == '~';
}

static bool tol_start(const char *s)
{
	return strncmp(s, PLUS_MINUS, 2) == 0 || strncmp(s, "+-", 2) == 0;
}

static bool word_end(const char *s)
{
	return *s == '\0' || *s == ' ' || *s == '\t' || op_char(*s) ||
	       tol_start(s);
}

/* The length of the token starting at s, and its kind. */
static size_t scan_token(const char *s, enum tok_kind *kind)
{
	size_t n = 0;

	if (*s == '"') {
		*kind = T_STRING;
		for (n = 1; s[n] != '\0' && s[n] != '"'; n++)
			if (s[n] == '\\' && s[n + 1] != '\0')
				n++;
		return s[n] == '"' ? n + 1 : n;
	}
	if (op_char(*s)) {
		*kind = T_OP;
		while (op_char(s[n]))
			n++;
		return n;
	}
	*kind = tol_start(s) ? T_TOL : T_WORD;
	n = *kind == T_TOL ? 2 : 0;
	while (!word_end(s + n))
		n++;
	return n;
}

/* A quoted org without its quotes and escapes. */
static void unquote(const char *s, size_t n, char *out)
{
	size_t i, o = 0;

	for (i = 1; i + 1 < n; i++) {
		if (s[i] == '\\')
			i++;
		out[o++] = s[i];
	}
	out[o] = '\0';
}

static enum gc_status tokenize(struct parser *p)
{
	const char *s = p->src;
	size_t off = 0;

	while (s[off] != '\0') {
		struct token *t = &p->tok[p->n];
		size_t n;

		if (s[off] == ' ' || s[off] == '\t') {
			off++;
			continue;
		}
		if (p->n == MAX_TOKENS)
			return fail_at(p, column_of(s, off),
				       "unexpected text after the check");
		n = scan_token(s + off, &t->kind);
		t->col = column_of(s, off);
		if (t->kind == T_STRING && (n < 2 || s[off + n - 1] != '"'))
			return fail_at(p, t->col, "unterminated quoted org");
		if (t->kind == T_STRING)
			unquote(s + off, n, t->text);
		else
			snprintf(t->text, sizeof t->text, "%.*s", (int)n,
				 s + off);
		p->n++;
		off += n;
	}
	p->end_col = column_of(s, off);
	return GC_OK;
}

/* ---- grammar ---- */

/* A span's two quarters, "2026Q1..2026Q4" (false when s is no span or
 * either end is no quarter). */
static bool parse_span_quarters(const char *s, int *first, int *last)
{
	const char *dots = strstr(s, "..");
	char a[CHECK_TEXT_MAX];

	if (dots == NULL || (size_t)(dots - s) >= sizeof a)
		return false;
	memcpy(a, s, (size_t)(dots - s));
	a[dots - s] = '\0';
	return strchr(s, ' ') == NULL && quarter_parse(a, first) &&
	       quarter_parse(dots + 2, last);
}

static bool parse_period(const char *s, int *period, bool *is_year)
{
	size_t n = strlen(s);
	int last;

	if (parse_span_quarters(s, period, &last)) {
		*is_year = false;
		return true;
	}
	if (n == 4 && strspn(s, "0123456789") == 4) {
		*period = (int)strtol(s, NULL, 10);
		*is_year = true;
		return *period >= QUARTER_YEAR_MIN;
	}
	*is_year = false;
	return strchr(s, ' ') == NULL && quarter_parse(s, period);
}

static bool is_period(const struct token *t)
{
	int q;
	bool y;

	return t->kind == T_WORD && parse_period(t->text, &q, &y);
}

/* Whether the check starts with an org: a quoted name, a word that is not
 * a period, or a period followed by another period (an org named 2024). */
static bool starts_with_org(const struct parser *p)
{
	if (p->tok[0].kind == T_STRING)
		return true;
	if (!is_period(&p->tok[0]))
		return true;
	return p->n > 1 && is_period(&p->tok[1]);
}

/* The token at i, or an error that something is missing there. */
static const struct token *need(struct parser *p, size_t i, const char *what)
{
	if (i < p->n)
		return &p->tok[i];
	fail_at(p, p->end_col, "expected %s", what);
	return NULL;
}

static enum gc_status parse_org(struct parser *p, size_t *i, struct check *c)
{
	c->has_org = starts_with_org(p);
	if (!c->has_org)
		return GC_OK;
	if (p->tok[0].kind != T_WORD && p->tok[0].kind != T_STRING)
		return fail_at(p, p->tok[0].col,
			       "expected an org or a quarter, not '%s'",
			       p->tok[0].text);
	snprintf(c->org, sizeof c->org, "%s", p->tok[0].text);
	*i = 1;
	return GC_OK;
}

/* A span of quarters, first to last, within SERIES_SPAN_MAX. */
static enum gc_status parse_when_span(struct parser *p, const struct token *t,
				      struct check *c)
{
	if (!parse_span_quarters(t->text, &c->period, &c->period_end))
		return fail_at(p, t->col,
			       "'%s' is not a span of quarters "
			       "(2026Q1..2026Q4)",
			       t->text);
	if (c->period_end < c->period)
		return fail_at(p, t->col, "the span '%s' ends before it starts",
			       t->text);
	if (c->period_end - c->period >= SERIES_SPAN_MAX)
		return fail_at(p, t->col,
			       "the span '%s' is over %d quarters long",
			       t->text, SERIES_SPAN_MAX);
	c->is_span = true;
	return GC_OK;
}

static enum gc_status parse_when(struct parser *p, size_t i, struct check *c)
{
	const struct token *t =
		need(p, i, "a quarter (2024Q4) or a year (2024)");

	if (t == NULL)
		return GC_USAGE;
	c->period_col = t->col + p->lead;
	if (t->kind == T_WORD && strstr(t->text, "..") != NULL)
		return parse_when_span(p, t, c);
	if (t->kind != T_WORD ||
	    !parse_period(t->text, &c->period, &c->is_year))
		return fail_at(
			p, t->col,
			"'%s' is not a quarter (2024Q4) or a year (2024)",
			t->text);
	c->period_end = c->period;
	return GC_OK;
}

static enum gc_status unknown_column(struct parser *p, const struct token *t)
{
	size_t c, best = (size_t)-1, best_c = 0;

	for (c = RC_UNITS; c < RC_REPORT_COUNT; c++) {
		size_t d = util_edit_distance(t->text, REPORT_COLS[c].name);

		if (d < best) {
			best = d;
			best_c = c;
		}
	}
	if (best <= 3)
		return fail_at(p, t->col,
			       "unknown column '%s' (did you mean '%s'?)",
			       t->text, REPORT_COLS[best_c].name);
	return fail_at(p, t->col,
		       "unknown column '%s' (a number column of the report, "
		       "like h100e or qoq_pct)",
		       t->text);
}

static enum gc_status parse_column(struct parser *p, size_t i, struct check *c)
{
	const struct token *t = need(p, i, "a column, like h100e");
	int k;

	if (t == NULL)
		return GC_USAGE;
	for (k = 0; k < RC_REPORT_COUNT; k++) {
		if (strcasecmp(t->text, REPORT_COLS[k].name) != 0)
			continue;
		if (k < RC_UNITS)
			return fail_at(p, t->col, "'%s' is not a number column",
				       t->text);
		c->column = (enum report_col)k;
		return GC_OK;
	}
	return unknown_column(p, t);
}

static const char *const OP_NAMES[] = { "<", "<=", ">", ">=", "==", "!=", "~" };

const char *check_op_name(enum check_op op)
{
	return OP_NAMES[op];
}

static enum gc_status parse_op(struct parser *p, size_t i, struct check *c)
{
	const struct token *t = need(p, i, "an operator: < <= > >= == != ~");
	size_t k;

	if (t == NULL)
		return GC_USAGE;
	for (k = 0; t->kind == T_OP && k < sizeof OP_NAMES / sizeof OP_NAMES[0];
	     k++) {
		if (strcmp(t->text, OP_NAMES[k]) == 0) {
			c->op = (enum check_op)k;
			return GC_OK;
		}
	}
	if (strcmp(t->text, "=") == 0)
		return fail_at(p, t->col,
			       "unknown operator '='; did you mean "
			       "'=='?");
	return fail_at(p, t->col,
		       "expected an operator (< <= > >= == != ~), not '%s'",
		       t->text);
}

/* A number in the ledger's syntax, with an optional '%' when pct is
 * allowed; *was_pct says whether it had one. */
static enum gc_status parse_number(struct parser *p, const struct token *t,
				   bool pct_ok, double *out, bool *was_pct)
{
	char buf[CHECK_TEXT_MAX];
	struct quantity q;
	const char *why;
	size_t n;

	snprintf(buf, sizeof buf, "%s", t->text);
	n = strlen(buf);
	*was_pct = n > 0 && buf[n - 1] == '%';
	if (*was_pct && !pct_ok)
		return fail_at(p, t->col + (long)n - 1,
			       "'%%' only goes with a _pct column or a "
			       "tolerance");
	if (*was_pct)
		buf[n - 1] = '\0';
	if (!qty_parse(buf, &q, &why))
		return fail_at(p, t->col, "'%s' %s", t->text, why);
	*out = q.value;
	return GC_OK;
}

static bool pct_column(enum report_col c)
{
	return REPORT_COLS[c].type == CT_PCT;
}

static enum gc_status parse_value(struct parser *p, size_t i, struct check *c)
{
	const struct token *t = need(p, i, "a value to compare with");
	bool pct;

	if (t == NULL)
		return GC_USAGE;
	if (t->kind != T_WORD)
		return fail_at(p, t->col, "expected a value, not '%s'",
			       t->text);
	return parse_number(p, t, pct_column(c->column), &c->value, &pct);
}

static enum gc_status parse_tolerance(struct parser *p, size_t i,
				      struct check *c)
{
	const struct token *t = i < p->n ? &p->tok[i] : NULL;
	struct token num;

	if (t == NULL && c->op == OP_APPROX)
		return fail_at(p, p->end_col,
			       "'~' needs a tolerance, like ±5%% or ±1000");
	if (t == NULL)
		return GC_OK;
	if (t->kind != T_TOL)
		return fail_at(p, t->col, "unexpected '%s' after the value",
			       t->text);
	if (c->op != OP_APPROX)
		return fail_at(
			p, t->col,
			"a tolerance only goes with '~' (approximately)");
	num = *t;
	memmove(num.text, t->text + 2, strlen(t->text + 2) + 1);
	num.col = t->col + (strncmp(t->text, PLUS_MINUS, 2) == 0 ? 1 : 2);
	if (parse_number(p, &num, true, &c->tolerance, &c->tol_relative) !=
	    GC_OK)
		return GC_USAGE;
	if (c->tolerance < 0)
		return fail_at(p, num.col, "a tolerance must not be negative");
	c->has_tolerance = true;
	return GC_OK;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The offset of the first byte of s that is not part of a well-formed
 * UTF-8 character, or strlen(s): each character is handed on its own to
 * the one validator there is. */
static size_t utf8_bad_at(const char *s)
{
	size_t off = 0, n, k;
	unsigned char c;
	char one[5];

	while (s[off] != '\0') {
		c = (unsigned char)s[off];
		if (c < 0x80) {
			off++;
			continue;
		}
		n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		for (k = 0; k < n && s[off + k] != '\0'; k++)
			one[k] = s[off + k];
		one[k] = '\0';
		if (k < n || !util_utf8_valid(one))
			return off;
		off += n;
	}
	return off;
}

/* Text a check (or a checks file's line) may hold: UTF-8 without control
 * characters, which a TAP line would carry to a terminal as they are. */
static enum gc_status check_text(const char *s, const char *file, long line,
				 struct gc_error *err)
{
	size_t bad = utf8_bad_at(s), i;

	if (s[bad] != '\0')
		return gc_fail(err, GC_USAGE, file, line, column_of(s, bad),
			       "not valid UTF-8 (byte 0x%02X)",
			       (unsigned)(unsigned char)s[bad]);
	for (i = 0; s[i] != '\0'; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') ||
		    s[i] == 0x7F)
			return gc_fail(err, GC_USAGE, file, line,
				       column_of(s, i),
				       "control character 0x%02X",
				       (unsigned)(unsigned char)s[i]);
	return GC_OK;
}

/* Parses the len bytes at text, blanks around them trimmed (valid text:
 * check_text). */
static enum gc_status parse_span(const char *text, size_t len, const char *file,
				 long line, struct check *out,
				 struct gc_error *err)
{
	struct parser p;
	size_t i = 0, lead = 0;
	enum gc_status st;

	memset(out, 0, sizeof *out);
	memset(&p, 0, sizeof p);
	while (lead < len && blank(text[lead]))
		lead++;
	while (len > lead && blank(text[len - 1]))
		len--;
	if (len - lead >= CHECK_TEXT_MAX)
		return gc_fail(err, GC_USAGE, file, line,
			       column_of(text, lead + CHECK_TEXT_MAX - 1),
			       "a check is at most %d bytes long",
			       CHECK_TEXT_MAX - 1);
	memcpy(out->text, text + lead, len - lead);
	out->text[len - lead] = '\0';
	out->file = file;
	out->line = line;
	p.src = out->text;
	p.file = file;
	p.line = line;
	p.err = err;
	p.lead = (long)lead;
	st = tokenize(&p);
	if (st == GC_OK && p.n == 0)
		return fail_at(&p, 1, "empty check");
	if (st == GC_OK)
		st = parse_org(&p, &i, out);
	if (st == GC_OK)
		st = parse_when(&p, i, out);
	if (st == GC_OK)
		st = parse_column(&p, i + 1, out);
	if (st == GC_OK)
		st = parse_op(&p, i + 2, out);
	if (st == GC_OK)
		st = parse_value(&p, i + 3, out);
	if (st == GC_OK)
		st = parse_tolerance(&p, i + 4, out);
	if (st == GC_OK && i + 5 < p.n)
		st = fail_at(&p, p.tok[i + 5].col,
			     "unexpected '%s' after the check",
			     p.tok[i + 5].text);
	return st;
}

enum gc_status check_parse(const char *text, const char *file, long line,
			   struct check *out, struct gc_error *err)
{
	memset(out, 0, sizeof *out);
	if (check_text(text, file, line, err) != GC_OK)
		return GC_USAGE;
	return parse_span(text, strlen(text), file, line, out, err);
}

/* Where a line's comment starts: at the first '#' outside a quoted org,
 * each token scanned as the tokenizer scans it, so a quoted org ends
 * where the check's reading ends it (`"a \"#1\""` is one org). */
static size_t comment_start(const char *s)
{
	size_t off = 0, n;
	enum tok_kind kind;
	const char *hash;

	while (s[off] != '\0' && s[off] != '#') {
		if (blank(s[off])) {
			off++;
			continue;
		}
		n = scan_token(s + off, &kind);
		hash = kind == T_STRING ? NULL : memchr(s + off, '#', n);
		if (hash != NULL)
			return (size_t)(hash - s);
		off += n;
	}
	return off;
}

enum gc_status check_parse_line(const char *line, const char *file, long lineno,
				struct check *out, bool *is_check,
				struct gc_error *err)
{
	size_t end, i;

	*is_check = false;
	if (check_text(line, file, lineno, err) != GC_OK)
		return GC_USAGE;
	end = comment_start(line);
	for (i = 0; i < end && blank(line[i]); i++)
		;
	if (i == end)
		return GC_OK;
	*is_check = true;
	return parse_span(line, end, file, lineno, out, err);
}

/* ---- evaluation ---- */

/* The org's rows: contiguous in the series, one a quarter. */
struct org_rows {
	const struct series_row *rows;
	size_t n;
};

/* Whether row r is one the check reads: a check without an org reads the
 * rows of the sum (marked total, never found by name, so an org named
 * like SERIES_TOTAL_ORG stays an org), one with an org that org's rows. */
static bool reads_row(const struct check *c, const struct series_row *r)
{
	if (!c->has_org)
		return r->total;
	return !r->total && strcasecmp(r->org, c->org) == 0;
}

static bool find_org(const struct series *s, const struct check *c,
		     struct org_rows *out)
{
	struct series_org o = { 0, 0 };

	while (series_next_org(s, &o)) {
		if (!reads_row(c, &s->rows[o.at]))
			continue;
		out->rows = &s->rows[o.at];
		out->n = o.n;
		return true;
	}
	return false;
}

static const struct series_row *at_quarter(const struct org_rows *o, int q)
{
	return series_at(o->rows, o->n, q);
}

static bool flow_column(enum report_col c)
{
	return c == RC_ADDED || c == RC_RETIRED || c == RC_SPEND;
}

static void no_row(const struct org_rows *o, const char *when,
		   struct check_result *out)
{
	char a[QUARTER_FMT_MAX], b[QUARTER_FMT_MAX];

	snprintf(out->why, sizeof out->why,
		 "no row for '%s' in %s; its series runs %s to %s",
		 o->rows[0].org, when, quarter_format(o->rows[0].quarter, a),
		 quarter_format(o->rows[o->n - 1].quarter, b));
}

/* The same org's rows in another array of the series (its low or high
 * ends), row for row. */
static struct org_rows rows_in(const struct series *s,
			       const struct series_row *other,
			       const struct org_rows *o)
{
	struct org_rows r = { other + (o->rows - s->rows), o->n };

	return r;
}

/* What the figure read from row r owes to a projection. */
static void mark_row(const struct series_row *r, struct check_result *out)
{
	if (!r->projected)
		return;
	out->projected++;
	out->fit_quarters = r->fit_quarters;
}

/* The year's rows of o the figure reads (a level its Q4 only): how many
 * there are, how many are projected. */
static void mark_year(const struct check *c, const struct org_rows *o, int year,
		      struct check_result *out)
{
	bool sums = flow_column(c->column) || c->column == RC_USD_PER_H100E;
	int q;

	out->quarters = 0;
	for (q = sums ? 1 : 4; q <= 4; q++) {
		const struct series_row *r =
			at_quarter(o, quarter_make(year, q));

		if (r == NULL)
			continue;
		out->quarters += sums;
		out->input = !sums && report_entered(r, c->column);
		mark_row(r, out);
	}
}

/* A year: its flows summed, usd_per_h100e as their ratio, any other
 * column at its Q4 (series_year). With ranges, the year's ends too; the
 * ratio's low end is the low spend over the high additions. */
static bool year_value(const struct check *c, const struct series *s,
		       const struct org_rows *o, struct check_result *out)
{
	struct series_row year, lo, hi;
	struct org_rows lo_rows, hi_rows;
	char when[16];
	int found = series_year(o->rows, o->n, c->period, &year);

	snprintf(when, sizeof when, "%d", c->period);
	if (found == 0 ||
	    (at_quarter(o, quarter_make(c->period, 4)) == NULL &&
	     !flow_column(c->column) && c->column != RC_USD_PER_H100E)) {
		no_row(o, found ? strcat(when, "Q4") : when, out);
		return false;
	}
	out->got = report_value(&year, c->column);
	mark_year(c, o, c->period, out);
	if (s->low == NULL)
		return true;
	lo_rows = rows_in(s, s->low, o);
	hi_rows = rows_in(s, s->high, o);
	series_year(lo_rows.rows, lo_rows.n, c->period, &lo);
	series_year(hi_rows.rows, hi_rows.n, c->period, &hi);
	series_year_bound(&lo, &hi);
	out->lo = report_value(&lo, c->column);
	out->hi = report_value(&hi, c->column);
	return true;
}

static void no_org(const struct check *c, struct check_result *out)
{
	if (!c->has_org)
		snprintf(out->why, sizeof out->why,
			 "no sum of all orgs: the ledger has no org");
	else if (strcasecmp(c->org, SERIES_TOTAL_ORG) == 0)
		snprintf(out->why, sizeof out->why,
			 "no org '%s' in the ledger (a check without an org "
			 "reads the sum of all orgs)",
			 c->org);
	else
		snprintf(out->why, sizeof out->why, "no org '%s' in the ledger",
			 c->org);
}

/* The check's figure from o, the rows it reads (NULL: none found). */
static bool lookup(const struct check *c, const struct series *s,
		   const struct org_rows *o, struct check_result *out)
{
	const struct series_row *r;
	char when[QUARTER_FMT_MAX];

	if (o == NULL) {
		no_org(c, out);
		return false;
	}
	if (c->is_year)
		return year_value(c, s, o, out);
	r = at_quarter(o, c->period);
	if (r == NULL) {
		no_row(o, quarter_format(c->period, when), out);
		return false;
	}
	out->got = report_value(r, c->column);
	out->input = report_entered(r, c->column);
	mark_row(r, out);
	if (s->low != NULL) {
		out->lo = report_value(&s->low[r - s->rows], c->column);
		out->hi = report_value(&s->high[r - s->rows], c->column);
	}
	return true;
}

/* What == allows: the figures are sums and ratios of binary fractions,
 * which miss the decimal a person writes by some units in the last
 * place. */
static double slack(double a, double b)
{
	return fmax(CHECK_EQ_REL * fmax(fabs(a), fabs(b)), CHECK_EQ_ABS);
}

bool check_equal(double a, double b)
{
	if (!isfinite(a) || !isfinite(b))
		return a == b;
	return fabs(a - b) <= slack(a, b);
}

/* The operators on a finite got. The orderings agree with ==: a figure
 * equal to the value is neither below nor above it. */
static bool holds(const struct check *c, double got)
{
	double v = c->value;
	double tol =
		c->tol_relative ? fabs(v) * c->tolerance / 100 : c->tolerance;

	switch (c->op) {
	case OP_LT:
		return got < v && !check_equal(got, v);
	case OP_LE:
		return got <= v || check_equal(got, v);
	case OP_GT:
		return got > v && !check_equal(got, v);
	case OP_GE:
		return got >= v || check_equal(got, v);
	case OP_EQ:
		return check_equal(got, v);
	case OP_NE:
		return !check_equal(got, v);
	case OP_APPROX:
		/* exactly on the edge of the tolerance holds, whatever the
		 * last bits of the arithmetic that led there */
		return isfinite(got) && fabs(got - v) <= tol + slack(got, v);
	}
	return false;
}

/* Whether the check holds over the whole of [lo, hi] (ok), nowhere (not
 * ok), or in part (uncertain). Every operator's set of values that hold
 * is an interval or, for !=, all but a point (and what equals it): it
 * holds everywhere when it holds at both ends (and, for !=, the point is
 * outside), nowhere when it fails at both ends and the interval does not
 * reach over what holds. */
static void judge_range(const struct check *c, double lo, double hi,
			struct check_result *out)
{
	bool at_lo = holds(c, lo), at_hi = holds(c, hi);
	bool covers = (lo <= c->value || check_equal(lo, c->value)) &&
		      (c->value <= hi || check_equal(hi, c->value));

	if (c->op == OP_NE) {
		out->ok = !covers;
		out->uncertain = covers && (at_lo || at_hi);
		return;
	}
	out->ok = at_lo && at_hi;
	out->uncertain = !out->ok &&
			 (at_lo || at_hi ||
			  ((c->op == OP_EQ || c->op == OP_APPROX) && covers));
}

/* The check's figure in one draw: o's rows, as they are in that draw's
 * lane; NaN when it has none. */
static double draw_value(const struct check *c, const struct series *s,
			 const struct org_rows *o, size_t k)
{
	const struct series_row *rows = s->draws->lane[k] + (o->rows - s->rows);
	const struct series_row *r;
	struct series_row year;

	if (c->is_year) {
		series_year(rows, o->n, c->period, &year);
		return report_value(&year, c->column);
	}
	r = series_at(rows, o->n, c->period);
	return r != NULL ? report_value(r, c->column) : NAN;
}

/* With samples: the share of draws in which the check holds (a draw
 * whose figure is undefined holds nothing), judged against the
 * confidence. */
static void judge_draws(const struct check *c, const struct series *s,
			const struct org_rows *o, double confidence,
			struct check_result *out)
{
	size_t k, held = 0;

	for (k = 0; k < s->draws->k; k++) {
		double x = draw_value(c, s, o, k);

		held += isfinite(x) && holds(c, x);
	}
	out->p = (double)held / (double)s->draws->k;
	out->ok = out->p >= confidence;
	out->uncertain = !out->ok && out->p > 1 - confidence;
}

/* The check judged on o, its rows in s (NULL: none). */
static void eval_rows(const struct check *c, const struct series *s,
		      const struct org_rows *o, double confidence,
		      struct check_result *out)
{
	memset(out, 0, sizeof *out);
	out->got = out->lo = out->hi = out->p = NAN;
	if (!lookup(c, s, o, out))
		return;
	if (isnan(out->got)) {
		snprintf(out->why, sizeof out->why, "%s is undefined there",
			 REPORT_COLS[c->column].name);
		return;
	}
	/* A figure too big to compute (growth from 1e-300) is no figure:
	 * no check holds on it, whatever the operator says of infinity. */
	if (isinf(out->got)) {
		out->got = out->lo = out->hi = NAN;
		snprintf(out->why, sizeof out->why,
			 "%s is undefined there: not a finite number",
			 REPORT_COLS[c->column].name);
		return;
	}
	if (s->low == NULL) {
		out->ok = holds(c, out->got);
		return;
	}
	if (s->draws != NULL) {
		judge_draws(c, s, o, confidence, out);
		return;
	}
	/* An end with no bound (growth from zero) or none that can be
	 * computed reaches to infinity on its side: it widens the range,
	 * which only ever makes a check less certain. */
	if (!isfinite(out->lo))
		out->lo = -INFINITY;
	if (!isfinite(out->hi))
		out->hi = INFINITY;
	judge_range(c, out->lo, out->hi, out);
}

/* ---- spans ---- */

/* Whether the span lies within the org's series; why says where not. */
static bool span_inside(const struct check *c, const struct org_rows *o,
			struct check_result *out)
{
	char a[QUARTER_FMT_MAX], b[QUARTER_FMT_MAX], q[QUARTER_FMT_MAX];
	int first = o->rows[0].quarter, last = o->rows[o->n - 1].quarter;

	quarter_format(first, a);
	quarter_format(last, b);
	if (c->period < first)
		snprintf(out->why, sizeof out->why,
			 "the span starts before the series of '%s', which "
			 "runs %s to %s",
			 o->rows[0].org, a, b);
	else if (c->period_end > last)
		snprintf(out->why, sizeof out->why,
			 "the span runs past the series of '%s', which ends "
			 "in %s (project it with --project-to %s)",
			 o->rows[0].org, b, quarter_format(c->period_end, q));
	else
		return true;
	out->span_error = true;
	return false;
}

/* Whether result a is nearer to breaking the check than b: for < and <=
 * the greater figure, for > and >= the smaller, otherwise the later. */
static bool nearer(const struct check *c, const struct check_result *a,
		   const struct check_result *b)
{
	if (c->op == OP_LT || c->op == OP_LE)
		return a->got >= b->got;
	if (c->op == OP_GT || c->op == OP_GE)
		return a->got <= b->got;
	return true;
}

/* With samples: the share of draws in which the check holds in every
 * quarter of the span. */
static double span_draws(const struct check *c, const struct series *s,
			 const struct org_rows *o)
{
	struct check one = *c;
	size_t k, held = 0;
	int q;

	one.is_span = false;
	for (k = 0; k < s->draws->k; k++) {
		bool all = true;

		for (q = c->period; q <= c->period_end && all; q++) {
			double x;

			one.period = q;
			x = draw_value(&one, s, o, k);
			all = isfinite(x) && holds(&one, x);
		}
		held += all;
	}
	return (double)held / (double)s->draws->k;
}

/* The quarter a span's result shows: the first that fails, else the
 * first uncertain one, else the one nearest to failing; its result in
 * out, the projected quarters of the whole span counted. */
static void span_pick(const struct check *c, const struct series *s,
		      const struct org_rows *o, double confidence,
		      struct check_result *out)
{
	struct check one = *c;
	struct check_result r, best;
	int q, projected = 0, fit = 0, rank, best_rank = -1;

	one.is_span = false;
	for (q = c->period; q <= c->period_end; q++) {
		one.period = q;
		eval_rows(&one, s, o, confidence, &r);
		projected += r.projected;
		fit = r.projected > 0 ? r.fit_quarters : fit;
		/* 2: fails, 1: uncertain, 0: holds */
		rank = !r.ok && !r.uncertain ? 2 : r.uncertain ? 1 : 0;
		if (rank > best_rank ||
		    (rank == best_rank && rank == 0 && nearer(c, &r, &best))) {
			best = r;
			best.at = q;
			best_rank = rank;
		}
	}
	*out = best;
	out->projected = projected;
	out->fit_quarters = fit;
	out->quarters = c->period_end - c->period + 1;
}

/* A span holds when it holds in every quarter; with samples, P is the
 * share of draws in which it does. */
static void eval_span(const struct check *c, const struct series *s,
		      const struct org_rows *o, double confidence,
		      struct check_result *out)
{
	memset(out, 0, sizeof *out);
	out->got = out->lo = out->hi = out->p = NAN;
	if (o == NULL) {
		no_org(c, out);
		return;
	}
	if (!span_inside(c, o, out))
		return;
	span_pick(c, s, o, confidence, out);
	if (s->draws != NULL && !isnan(out->got)) {
		out->p = span_draws(c, s, o);
		out->ok = out->p >= confidence;
		out->uncertain = !out->ok && out->p > 1 - confidence;
	}
}

static void eval_check(const struct check *c, const struct series *s,
		       const struct org_rows *o, double confidence,
		       struct check_result *out)
{
	if (c->is_span)
		eval_span(c, s, o, confidence, out);
	else
		eval_rows(c, s, o, confidence, out);
}

void check_eval(const struct check *c, const struct series *s,
		struct check_result *out)
{
	struct org_rows o;

	eval_check(c, s, find_org(s, c, &o) ? &o : NULL,
		   CHECK_CONFIDENCE_DEFAULT, out);
}

/* ---- many checks ---- */

/* The rows of one org (or of the total) in a series. */
struct check_block {
	const char *org;
	bool total;
	size_t start, n;
};

/* Org rows before the total's, by name in any case, then as they come in
 * the series: the order check_eval finds them in. */
static int block_cmp(const void *a, const void *b)
{
	const struct check_block *x = a, *y = b;
	int d = (int)x->total - (int)y->total;

	if (d == 0 && !x->total)
		d = strcasecmp(x->org, y->org);
	if (d == 0)
		d = (x->start > y->start) - (x->start < y->start);
	return d;
}

enum gc_status check_index_init(struct check_index *ix, const struct series *s,
				struct gc_error *err)
{
	struct series_org o = { 0, 0 };
	size_t cap = 0;

	memset(ix, 0, sizeof *ix);
	ix->s = s;
	ix->confidence = CHECK_CONFIDENCE_DEFAULT;
	while (series_next_org(s, &o)) {
		if (!util_grow((void **)&ix->blocks, &cap, ix->n + 1,
			       sizeof *ix->blocks)) {
			check_index_free(ix);
			return gc_fail(err, GC_IO, NULL, 0, 0, "out of memory");
		}
		ix->blocks[ix->n].org = s->rows[o.at].org;
		ix->blocks[ix->n].total = s->rows[o.at].total;
		ix->blocks[ix->n].start = o.at;
		ix->blocks[ix->n].n = o.n;
		ix->n++;
	}
	qsort(ix->blocks, ix->n, sizeof *ix->blocks, block_cmp);
	return GC_OK;
}

void check_index_free(struct check_index *ix)
{
	free(ix->blocks);
	ix->blocks = NULL;
	ix->n = 0;
}

/* How the block at b stands to what c reads: <0 before it, >0 after. */
static int key_cmp(const struct check *c, const struct check_block *b)
{
	int d = (int)!c->has_org - (int)b->total;

	return d != 0 || !c->has_org ? d : strcasecmp(c->org, b->org);
}

/* The first block c reads, by bisection, or NULL. */
static const struct check_block *index_find(const struct check *c,
					    const struct check_index *ix)
{
	size_t lo = 0, hi = ix->n;

	/* the first block not before the key */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (key_cmp(c, &ix->blocks[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == ix->n || key_cmp(c, &ix->blocks[lo]) != 0)
		return NULL;
	return &ix->blocks[lo];
}

void check_eval_in(const struct check *c, const struct check_index *ix,
		   struct check_result *out)
{
	const struct check_block *b = index_find(c, ix);
	struct org_rows o;

	if (b != NULL) {
		o.rows = &ix->s->rows[b->start];
		o.n = b->n;
	}
	eval_check(c, ix->s, b != NULL ? &o : NULL, ix->confidence, out);
}
