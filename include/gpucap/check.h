/* Assertions on the report's series (SPEC 6):
 *   [ORG] PERIOD COLUMN OP VALUE [TOLERANCE]
 * e.g. `tesla 2024Q4 h100e ~ 85k ±2%`, `2025Q4 power_mw < 150`. */
#ifndef GPUCAP_CHECK_H
#define GPUCAP_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "gpucap/diag.h"
#include "gpucap/series.h"
#include "gpucap/report.h"

enum check_op { OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE, OP_APPROX };

#define CHECK_TEXT_MAX 256

/* The limits of the checks one run reads, so a hostile or broken checks
 * file (/dev/zero, a log piped in by mistake) costs little memory and time
 * before it is refused. A line is read at most CHECKS_LINE_MAX bytes far
 * (its check, at most CHECK_TEXT_MAX - 1 bytes, and a comment); a file at
 * most CHECKS_LINES_MAX lines (comments and blank lines too); a run holds
 * at most CHECKS_MAX checks from -e and every --checks file together. */
#define CHECKS_LINE_MAX	 4096
#define CHECKS_LINES_MAX 1000000L
#define CHECKS_MAX	 100000

struct check {
	char text[CHECK_TEXT_MAX]; /* as written, trimmed */
	/* Its name: in a checks file, the comment lines directly above it
	 * (joined by spaces, '#' and blanks trimmed, cut at CHECK_TEXT_MAX
	 * bytes on a character boundary); "" without. */
	char name[CHECK_TEXT_MAX];
	const char *file; /* where it is written (borrowed), "-e" for -e */
	long line;	  /* its line, or the -e's number */
	char org[CHECK_TEXT_MAX]; /* "" without an org: the sum of all */
	bool has_org;
	int period; /* a quarter, or a year when is_year */
	bool is_year;
	/* A span of quarters, period..period_end: the check holds when it
	 * holds in every one of them. */
	bool is_span;
	int period_end;
	long period_col; /* where the period is written in its line */
	enum report_col column;
	enum check_op op;
	double value;
	double tolerance; /* absolute, or % of value when tol_relative */
	bool tol_relative;
	bool has_tolerance;
};

/* Parses one expression. A malformed one is GC_USAGE with err located at
 * file:line and the 1-based column (in characters of text, blanks before
 * the check included) where it goes wrong; the message shows the
 * expression with a caret under that column. Text that is not UTF-8, or
 * holds a control character other than a tab, is malformed too. */
enum gc_status check_parse(const char *text, const char *file, long line,
			   struct check *out, struct gc_error *err);

/* One line of a checks file, its line break removed: a check and an
 * optional comment ('#' outside a quoted org, quotes and backslash escapes
 * read as in a check), or a comment alone, or blanks. *is_check says
 * whether it held a check. Errors are check_parse's, columns counted in
 * the line; the comment must be valid UTF-8 too. */
enum gc_status check_parse_line(const char *line, const char *file, long lineno,
				struct check *out, bool *is_check,
				struct gc_error *err);

/* The checks of one run, in the order given. */
struct check_list {
	struct check *items;
	size_t n, cap;
};

void check_list_free(struct check_list *l);

/* Parses text (check_parse) onto the list; more than CHECKS_MAX checks is
 * a usage error at file:line. */
enum gc_status check_list_add(struct check_list *l, const char *text,
			      const char *file, long line,
			      struct gc_error *err);

/* Reads a checks file from in (name is what errors call it, and what each
 * check's file is: it must outlive the list) onto the list; a comment
 * block directly above a check names it. Lines end at LF, CRLF or a lone
 * CR; a UTF-8 byte order mark at the
 * start is skipped. A NUL byte, a line over CHECKS_LINE_MAX bytes, more
 * than CHECKS_LINES_MAX lines or CHECKS_MAX checks, and every malformed
 * check are usage errors at name:LINE:COLUMN, found without reading
 * further; a read error is GC_IO. On error the list holds the checks
 * before it. */
enum gc_status check_list_read(struct check_list *l, FILE *in, const char *name,
			       struct gc_error *err);

/* == and != read two figures as equal when they are within CHECK_EQ_REL
 * of the larger one, or within CHECK_EQ_ABS of each other (for figures
 * near zero: a level that buys and retires the same units may come back
 * 2e-14 off zero); < <= > >= agree, and ~ allows the same on top of its
 * tolerance. Far below what any column means or prints (1e-9 of an H100e,
 * a dollar, a percent), far above the rounding of sums and ratios. */
#define CHECK_EQ_REL 1e-12
#define CHECK_EQ_ABS 1e-9

/* Whether a and b are equal as == reads them; an infinity equals only
 * itself. */
bool check_equal(double a, double b);

struct check_result {
	bool ok;	/* with ranges: holds over the whole range */
	bool uncertain; /* with ranges: holds over part of it only */
	double got;	/* NaN when there was nothing to compare, or no
			   finite figure (why says which) */
	double lo, hi;	/* got's range; NaN without ranges in the ledger */
	/* With samples: the share of draws in which the check holds (NaN
	 * without); ok when it is at least the confidence asked for, failed
	 * when it is at most 1 - confidence, uncertain between. */
	double p;
	/* Where the figure comes from: how many of the quarters it reads
	 * are projected (and over how many quarters their growth was
	 * fitted, 0 at a target's rate); for a year's sum (flows,
	 * usd_per_h100e) how many of its four quarters it adds, else 0. */
	int projected;
	int fit_quarters;
	int quarters;
	/* A span: the quarter whose figure is shown (the first that breaks
	 * the check, else the one nearest to breaking it); span_error when
	 * the span reaches outside the org's series, which is a data error
	 * (why says so), not a failed check. */
	int at;
	bool span_error;
	/* The figure is an input of the ledger read back unchanged (a
	 * reported level, a capacity row's H100e, spend): the check tests
	 * what was entered, not what gpucap computed. */
	bool input;
	char why[GC_MSG_MAX]; /* why it failed; "" when it held */
};

/* Evaluates the check on a series (which holds the total rows, marked
 * total, when any check has no org: they are found by the mark, so an org
 * named SERIES_TOTAL_ORG is read as an org). A year reads its Q4 for levels and
 * percentages, its sum for flows (added_h100e, retired_h100e, spend_usd),
 * and usd_per_h100e as the year's spend over its additions. With ranges
 * the check is judged on the value's range: ok when it holds over all of
 * it, uncertain when over part, failed (neither) when over none. */
void check_eval(const struct check *c, const struct series *s,
		struct check_result *out);

/* The confidence a sampled check needs to hold (SPEC 4.5). */
#define CHECK_CONFIDENCE_DEFAULT 0.9

/* A series' orgs sorted by name, for many checks: each then finds its
 * rows in log(orgs) steps instead of reading the series through (10,000
 * checks on 100,000 orgs: 34 s before). s must outlive the index. */
struct check_block;
struct check_index {
	const struct series *s;
	struct check_block *blocks; /* one per org, and one for the total */
	size_t n;
	double confidence; /* with samples; check_index_init sets the default */
};

enum gc_status check_index_init(struct check_index *ix, const struct series *s,
				struct gc_error *err);
void check_index_free(struct check_index *ix);

/* check_eval, on the index's series: the same result. */
void check_eval_in(const struct check *c, const struct check_index *ix,
		   struct check_result *out);

/* "<", "~", ... */
const char *check_op_name(enum check_op op);

#endif
