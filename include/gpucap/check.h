/* Assertions on the report's series (SPEC 6):
 *   [ORG] PERIOD COLUMN OP VALUE [TOLERANCE]
 * e.g. `tesla 2024Q4 h100e ~ 85k ±2%`, `2025Q4 power_mw < 150`. */
#ifndef GPUCAP_CHECK_H
#define GPUCAP_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "gpucap/diag.h"
#include "gpucap/fleet.h"
#include "gpucap/report.h"

enum check_op { OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE, OP_APPROX };

#define CHECK_TEXT_MAX 256

struct check {
	char text[CHECK_TEXT_MAX]; /* as written, trimmed */
	char org[CHECK_TEXT_MAX];  /* "" without an org: the sum of all */
	bool has_org;
	int period; /* a quarter, or a year when is_year */
	bool is_year;
	enum report_col column;
	enum check_op op;
	double value;
	double tolerance; /* absolute, or % of value when tol_relative */
	bool tol_relative;
	bool has_tolerance;
};

/* Parses one expression. A malformed one is GC_USAGE with err located at
 * file:line and the 1-based column where it goes wrong; the message shows
 * the expression with a caret under that column. */
enum gc_status check_parse(const char *text, const char *file, long line,
			   struct check *out, struct gc_error *err);

struct check_result {
	bool ok;	/* with ranges: holds over the whole range */
	bool uncertain; /* with ranges: holds over part of it only */
	double got;	/* NaN when there was nothing to compare */
	double lo, hi;	/* got's range; NaN without ranges in the ledger */
	char why[GC_MSG_MAX]; /* why it failed; "" when it held */
};

/* Evaluates the check on a series (which holds the FLEET_TOTAL_ORG rows
 * when any check has no org). A year reads its Q4 for levels and
 * percentages, its sum for flows (added_h100e, retired_h100e, spend_usd),
 * and usd_per_h100e as the year's spend over its additions. With ranges
 * the check is judged on the value's range: ok when it holds over all of
 * it, uncertain when over part, failed (neither) when over none. */
void check_eval(const struct check *c, const struct series *s,
		struct check_result *out);

/* "<", "~", ... */
const char *check_op_name(enum check_op op);

#endif
