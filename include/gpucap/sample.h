/* Sampling uncertain figures (SPEC 4.5): each figure is a distribution
 * whose 5th, 50th and 95th percentiles are its low end, central figure
 * and high end, drawn with one common factor shared by every figure.
 *
 *   positive figures (low end above 0): a two-piece lognormal,
 *     ln X = ln m + s z, s = (ln m - ln lo) / 1.6449 for z < 0 and
 *     (ln hi - ln m) / 1.6449 for z >= 0, exact at all three percentiles;
 *     a plain range LOW..HIGH (no central figure given) is the lognormal
 *     with those as its 5th and 95th percentiles (m = sqrt(lo hi));
 *   figures that can be zero or negative: the same two-piece form on a
 *     normal, X = m + s z (a plain range's m is its midpoint).
 *   z = sqrt(R) Z + sqrt(1 - R) e: Z is the draw's common factor, e the
 *     figure's own; both standard normals.
 *
 * The normals come from a counter, not a stream: draw k of figure j is a
 * function of (seed, j, k) alone (the SplitMix64 finalizer of Steele, Lea
 * and Flood, 2014, over the three, then Box and Muller's transform of two
 * such uniforms), so the same command gives the same numbers whatever the
 * thread count or the order draws are made in. */
#ifndef GPUCAP_SAMPLE_H
#define GPUCAP_SAMPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The 95th percentile of the standard normal. */
#define SAMPLE_Z95 1.6448536269514722

struct sampler {
	uint64_t seed;
	double correlation;		  /* R, 0..1 */
	double common_weight, own_weight; /* sqrt(R), sqrt(1 - R) */
	/* Draw k's common factor, for k < ndraws, worked out once: every
	 * figure of a draw shares it. Nothing in a sampler changes after
	 * sample_init, so threads may draw from one at once. */
	double *common;
	size_t ndraws;
};
/* A figure's percentiles: lo and hi its 5th and 95th, mid its median when
 * median is set, else the range is plain. The rest is its distribution
 * worked out once by sample_figure(), not once a draw: the centre (a log
 * for a lognormal) and the spread below and above it at z = 1.6449. */
struct sample_figure {
	double lo, mid, hi;
	bool median;
	bool logs;
	double centre, below, above;
};

/* The figure of these percentiles, its distribution worked out. */
struct sample_figure sample_figure(double lo, double mid, double hi,
				   bool median);

/* A standard normal from (seed, stream, draw). */
double sample_normal(uint64_t seed, uint64_t stream, uint64_t draw);

/* A sampler of draws 0..ndraws-1; false when out of memory. */
bool sample_init(struct sampler *s, uint64_t seed, double correlation,
		 size_t ndraws);
void sample_free(struct sampler *s);

/* Draw k of figure j: its value at z = sqrt(R) Z_k + sqrt(1 - R) e_jk.
 * Z_k is the sampler's (the same for every figure), so a draw's figures
 * cost one normal each. */
double sample_draw(const struct sampler *s, size_t j,
		   const struct sample_figure *f, size_t k);

/* Draws first .. first + count - 1 of figure j into out, the same as
 * sample_draw gives one by one: a run makes each pair of Box-Muller
 * normals once, where draws one at a time make each twice. */
void sample_draws(const struct sampler *s, size_t j,
		  const struct sample_figure *f, size_t first, size_t count,
		  double *out);

/* The figure's value at the standard normal z (its quantile at Phi(z)). */
double sample_at(const struct sample_figure *f, double z);

#endif
