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

/* A fiscal quarter on the calendar: the calendar quarters of its first
 * and its last day, its days, and how many of them fall in the last
 * (0 when both are one quarter). */
struct quarter_span {
	int first, last;
	int days, last_days;
};

/* FY2025Q1 (also FY2025 Q1, FY2025-Q1, any case) of a fiscal year that
 * ends with month year_end (1..12) of its calendar year: FY2025 of a
 * January year-end runs from February 2024 to January 2025, so its Q1
 * is February to April 2024, 60 of its 90 days in 2024Q1. False when s
 * is not a fiscal quarter. */
bool quarter_parse_fiscal(const char *s, int year_end,
			  struct quarter_span *out);

/* Whether s is written as a fiscal quarter (starts with FY). */
bool quarter_is_fiscal(const char *s);

int quarter_make(int year, int q); /* q in 1..4 */
int quarter_year(int quarter);
int quarter_num(int quarter); /* 1..4 */
char *quarter_format(int quarter, char *buf);

#endif
