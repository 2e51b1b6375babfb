/* Numbers as people write them in ledgers: 12,345  1.5e6  30k  $2.7B  -40 USD
 */
#ifndef GPUCAP_QUANTITY_H
#define GPUCAP_QUANTITY_H

#include <stdbool.h>

struct quantity {
	double value;
	bool money; /* written with a leading '$' or a trailing "USD" */
};

/* Parses the whole of s (surrounding blanks allowed). On failure returns
 * false and sets *why to a phrase that completes "'s' ...", e.g. "is not a
 * number". Never yields NaN, infinity or negative zero. */
bool qty_parse(const char *s, struct quantity *out, const char **why);

/* A number, or a range "LOW..HIGH" of two (30k..350k, $0.9B..$1.1B) with
 * LOW <= HIGH; a plain number gives lo == hi. Either end written as money
 * makes both money. */
bool qty_parse_range(const char *s, struct quantity *lo, struct quantity *hi,
		     const char **why);

/* A number, a range LOW..HIGH, or LOW..CENTRAL..HIGH (a figure with its
 * ends: a median with its 5th and 95th percentiles), LOW <= CENTRAL <=
 * HIGH. Without CENTRAL, *mid is the midpoint and *has_mid false. */
bool qty_parse_triple(const char *s, struct quantity *lo, struct quantity *mid,
		      bool *has_mid, struct quantity *hi, const char **why);

/* Shortest text that reads back as the same double ("%.15g".."%.17g"),
 * with '.' as the decimal point. buf needs QTY_FMT_MAX bytes. */
#define QTY_FMT_MAX 32
char *qty_format(double v, char *buf);

#endif
