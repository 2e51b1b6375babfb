/* What every unit test includes: cmocka and a double comparison (cmocka
 * 1.1 only compares floats). */
#ifndef GPUCAP_TEST_UNIT_H
#define GPUCAP_TEST_UNIT_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* |a - b| <= eps, or both NaN (undefined equals undefined). */
#define assert_near(a, b, eps)                                                 \
	do {                                                                   \
		double a_ = (a), b_ = (b);                                     \
		if (!(isnan(a_) && isnan(b_)) && !(fabs(a_ - b_) <= (eps)))    \
			fail_msg("%s = %.17g, expected %.17g (within %g)", #a, \
				 a_, b_, (double)(eps));                       \
	} while (0)

#endif
