/* The price of an H100e by year (SPEC 2's --usd-per-h100e): one figure for
 * every year, or figures from given years on. */
#ifndef GPUCAP_PRICE_H
#define GPUCAP_PRICE_H

#include <stdbool.h>
#include <stddef.h>

#define PRICE_CURVE_MAX 64
#define PRICE_ANY_YEAR	0 /* year[0] when one figure holds for every year */

struct price_curve {
	size_t n; /* 0: none given (the baseline's catalog price) */
	int year[PRICE_CURVE_MAX];
	double usd[PRICE_CURVE_MAX];
};

/* "50k" or "2023=50k,2024=40k" (years ascending). On failure *why says
 * what is wrong. */
bool price_curve_parse(const char *s, struct price_curve *out,
		       const char **why);

/* The price in that year: the figure of the latest year not after it;
 * NaN before the first (and for an empty curve). */
double price_curve_at(const struct price_curve *c, int year);

#endif
