/* Calendar quarters as one integer, year * 4 + (quarter - 1), so that
 * consecutive quarters differ by one and a year back is q - 4. */
#ifndef GPUCAP_QUARTER_H
#define GPUCAP_QUARTER_H

#include <stdbool.h>

#define QUARTER_YEAR_MIN 1000
#define QUARTER_YEAR_MAX 9999
#define QUARTER_FMT_MAX	 16 /* "2024Q1" with room to spare */

/* Accepts 2024Q1, 2024-Q1, 2024 Q1, Q1 2024, Q1-2024 (q in either case)
 * and ISO dates 2024-03-31 (their calendar quarter). */
bool quarter_parse(const char *s, int *out);

int quarter_make(int year, int q); /* q in 1..4 */
int quarter_year(int quarter);
int quarter_num(int quarter); /* 1..4 */
char *quarter_format(int quarter, char *buf);

#endif
