/* Checks as written (check.h): the tokens and grammar of one check, and
 * the checks of a run; check_eval.c judges them on a series. */
#include "gpucap/check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gpucap/quantity.h"
#include "gpucap/quarter.h"
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

	for (c = RC_UNITS; c < RC_COUNT; c++) {
		size_t d = util_edit_distance(t->text, REPORT_COLS[c].name);

		if (report_numeric((enum report_col)c) && d < best) {
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
	for (k = 0; k < RC_COUNT; k++) {
		if (strcasecmp(t->text, REPORT_COLS[k].name) != 0)
			continue;
		if (!report_numeric((enum report_col)k))
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
