/* Sampling uncertain figures: the distributions and the counter-based
 * normals of sample.h. */
#include "gpucap/sample.h"

#include <math.h>
#include <stdlib.h>

#define PI 3.14159265358979323846

/* The common factor's stream: no figure's index reaches it. */
#define COMMON_STREAM UINT64_MAX

/* SplitMix64's finalizer: a bijection of 64-bit words that mixes every
 * input bit into every output bit. */
static uint64_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= UINT64_C(0xBF58476D1CE4E5B9);
	x ^= x >> 27;
	x *= UINT64_C(0x94D049BB133111EB);
	x ^= x >> 31;
	return x;
}

/* A uniform in (0, 1) from the counter (seed, stream, draw, half): the
 * top 53 bits of the mixed words, offset by half a step, never 0 or 1. */
static inline double uniform(uint64_t seed, uint64_t stream, uint64_t draw,
			     uint64_t half)
{
	uint64_t x = mix(seed ^ mix(stream ^ mix(draw * 2 + half)));

	return ((double)(x >> 11) + 0.5) * 0x1.0p-53;
}

/* Box and Muller make two normals of two uniforms: draws 2m and 2m + 1
 * are the pair of counter m, r cos a and r sin a. */
static inline double pair_radius(uint64_t seed, uint64_t stream, uint64_t m,
				 double *a)
{
	*a = 2 * PI * uniform(seed, stream, m, 1);
	return sqrt(-2 * log(uniform(seed, stream, m, 0)));
}

double sample_normal(uint64_t seed, uint64_t stream, uint64_t draw)
{
	double a, r = pair_radius(seed, stream, draw / 2, &a);

	return r * (draw % 2 == 0 ? cos(a) : sin(a));
}

struct sample_figure sample_figure(double lo, double mid, double hi,
				   bool median)
{
	struct sample_figure f = { lo, mid, hi, median, lo > 0, 0, 0, 0 };
	double a = f.logs ? log(lo) : lo, b = f.logs ? log(hi) : hi;

	if (median)
		f.centre = f.logs ? log(mid) : mid;
	else
		f.centre = a + (b - a) / 2; /* geometric mean, for logs */
	f.below = f.centre - a;
	f.above = b - f.centre;
	return f;
}

double sample_at(const struct sample_figure *f, double z)
{
	double x = f->centre + z * (z < 0 ? f->below : f->above) / SAMPLE_Z95;

	return f->logs ? exp(x) : x;
}

bool sample_init(struct sampler *s, uint64_t seed, double correlation,
		 size_t ndraws)
{
	size_t k;

	s->seed = seed;
	s->correlation = correlation;
	s->common_weight = sqrt(correlation);
	s->own_weight = sqrt(1 - correlation);
	s->ndraws = ndraws;
	s->common = correlation > 0 ? malloc((ndraws + 1) * sizeof *s->common)
				    : NULL;
	if (correlation > 0 && s->common == NULL)
		return false;
	for (k = 0; s->common != NULL && k < ndraws; k++)
		s->common[k] = sample_normal(seed, COMMON_STREAM, k);
	return true;
}

void sample_free(struct sampler *s)
{
	free(s->common);
	s->common = NULL;
	s->ndraws = 0;
}

/* Draw k's value of figure f, its own normal e given. */
static double mixed(const struct sampler *s, const struct sample_figure *f,
		    size_t k, double e)
{
	double r = s->correlation, z = 0;

	/* at either end of R one of the two normals has no weight */
	if (r > 0)
		z += s->common_weight *
		     (k < s->ndraws && s->common != NULL
			      ? s->common[k]
			      : sample_normal(s->seed, COMMON_STREAM, k));
	if (r < 1)
		z += s->own_weight * e;
	return sample_at(f, z);
}

double sample_draw(const struct sampler *s, size_t j,
		   const struct sample_figure *f, size_t k)
{
	double e =
		s->correlation < 1 ? sample_normal(s->seed, (uint64_t)j, k) : 0;

	return mixed(s, f, k, e);
}

void sample_draws(const struct sampler *s, size_t j,
		  const struct sample_figure *f, size_t first, size_t count,
		  double *out)
{
	double pair[2] = { 0, 0 };
	size_t k;

	for (k = first; k < first + count; k++) {
		double e = 0;

		if (s->correlation < 1) {
			/* an odd draw after its even one: the pair is made.
			 * Both halves at once, so that the compiler may take
			 * sine and cosine from one call: glibc's sincos gives
			 * the bits of its sin and cos, which sample_normal
			 * calls apart. */
			if (k % 2 == 0 || k == first) {
				double a, r = pair_radius(s->seed, (uint64_t)j,
							  k / 2, &a);

				pair[0] = r * cos(a);
				pair[1] = r * sin(a);
			}
			e = pair[k % 2];
		}
		out[k - first] = mixed(s, f, k, e);
	}
}
