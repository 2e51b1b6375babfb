/* What the series' two files share (series.c makes and bounds series,
 * series_draws.c reduces draws): the figures of a row, by offset. */
#ifndef GPUCAP_SERIES_IMPL_H
#define GPUCAP_SERIES_IMPL_H

#include <stddef.h>

#include "gpucap/series.h"

/* Every figure of a row, for passes over all of them. The last
 * SERIES_LANE_ONLY are the figures made per lane, reduced only when read
 * (series_draws.lane_figures). */
extern const size_t series_figures[];
#define SERIES_NFIGURES	 19
#define SERIES_LANE_ONLY 5

static inline double *series_field(struct series_row *r, size_t at)
{
	return (double *)(void *)((char *)r + at);
}

/* Rows [from, n) of a sampled series reduced from its lanes. */
void series_reduce_lanes(struct series *s, size_t from);

#endif
