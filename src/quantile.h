/* Percentiles of many draws, exactly and in about one pass: what reduces
 * a sampled series' thousands of draws per figure to its median and its
 * interval's ends. */
#ifndef GPUCAP_QUANTILE_H
#define GPUCAP_QUANTILE_H

#include <stddef.h>

/* Most quantiles asked at once. */
#define QUANTILE_MAX 4

/* The quantiles p[0] <= ... <= p[np - 1] (each in [0, 1], np at most
 * QUANTILE_MAX) of v[0, n) (n > 0, no NaN) into q: each interpolated
 * between the order statistics around (n - 1) p, as NumPy's percentile
 * does by default. v is left as it was; scratch holds room for
 * quantile_scratch(n) doubles. */
void quantiles(const double *v, size_t n, const double *p, size_t np, double *q,
	       double *scratch);

/* The doubles quantiles() needs beside v[0, n). */
size_t quantile_scratch(size_t n);

#endif
