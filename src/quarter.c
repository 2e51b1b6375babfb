#include "gpucap/quarter.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int quarter_make(int year, int q)
{
	return year * 4 + (q - 1);
}

int quarter_year(int quarter)
{
	return quarter / 4;
}

int quarter_num(int quarter)
{
	return quarter % 4 + 1;
}

char *quarter_format(int quarter, char *buf)
{
	snprintf(buf, QUARTER_FMT_MAX, "%04dQ%d", quarter_year(quarter) % 10000,
		 quarter_num(quarter));
	return buf;
}

/* Reads exactly n digits. */
static bool digits(const char **p, int n, int *out)
{
	int v = 0;

	for (; n > 0; n--, (*p)++) {
		if (!isdigit((unsigned char)**p))
			return false;
		v = v * 10 + (**p - '0');
	}
	*out = v;
	return true;
}

static bool year_ok(int y)
{
	return y >= QUARTER_YEAR_MIN && y <= QUARTER_YEAR_MAX;
}

/* "Q1" */
static bool qpart(const char **p, int *q)
{
	if (**p != 'Q' && **p != 'q')
		return false;
	(*p)++;
	if (**p < '1' || **p > '4')
		return false;
	*q = *(*p)++ - '0';
	return true;
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool valid_date(int y, int m, int d)
{
	static const int DAYS[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12 || d < 1)
		return false;
	return d <= DAYS[m - 1] + (m == 2 && is_leap(y));
}

/* Reads one or two digits. */
static bool one_or_two(const char **p, int *out)
{
	if (!isdigit((unsigned char)**p))
		return false;
	*out = *(*p)++ - '0';
	if (isdigit((unsigned char)**p))
		*out = *out * 10 + (*(*p)++ - '0');
	return true;
}

static int month_quarter(int y, int m)
{
	return quarter_make(y, (m - 1) / 3 + 1);
}

/* YYYYQn, YYYY-Qn, YYYY Qn, YYYY-MM-DD, YYYY-MM */
static bool year_first(const char *p, const char **end, int *out)
{
	int y, q, m, d = 1;

	if (!digits(&p, 4, &y) || !year_ok(y))
		return false;
	if (*p == '-' || *p == ' ')
		p++;
	if (qpart(&p, &q)) {
		*out = quarter_make(y, q);
	} else {
		if (p[-1] != '-' || !digits(&p, 2, &m))
			return false;
		if (*p == '-' && (p++, !digits(&p, 2, &d)))
			return false;
		if (!valid_date(y, m, d))
			return false;
		*out = month_quarter(y, m);
	}
	*end = p;
	return true;
}

/* M/D/YYYY, US order, as Epoch AI writes dates: checked as ISO dates are
 * (2/29/2024, not 2/29/2023). */
static bool us_date(const char *p, const char **end, int *out)
{
	int y, m, d;

	if (!one_or_two(&p, &m) || *p++ != '/' || !one_or_two(&p, &d) ||
	    *p++ != '/' || !digits(&p, 4, &y) || !year_ok(y) ||
	    !valid_date(y, m, d))
		return false;
	*out = month_quarter(y, m);
	*end = p;
	return true;
}

/* Qn YYYY, Qn-YYYY */
static bool quarter_first(const char *p, const char **end, int *out)
{
	int y, q;

	if (!qpart(&p, &q))
		return false;
	if (*p == ' ' || *p == '-')
		p++;
	if (!digits(&p, 4, &y) || !year_ok(y))
		return false;
	*out = quarter_make(y, q);
	*end = p;
	return true;
}

bool quarter_is_fiscal(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return (s[0] == 'F' || s[0] == 'f') && (s[1] == 'Y' || s[1] == 'y');
}

static int month_days(int month) /* month: a count from year 0's January */
{
	int y = month / 12, m = month % 12 + 1;

	return valid_date(y, m, 31)   ? 31
	       : valid_date(y, m, 30) ? 30
	       : valid_date(y, m, 29) ? 29
				      : 28;
}

static int month_quarter_of(int month)
{
	return month_quarter(month / 12, month % 12 + 1);
}

bool quarter_parse_fiscal(const char *s, int year_end, struct quarter_span *out)
{
	int y, q, m0, i, days = 0, in_last = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!quarter_is_fiscal(s) || year_end < 1 || year_end > 12)
		return false;
	s += 2;
	if (!digits(&s, 4, &y) || !year_ok(y) || !year_ok(y - 1))
		return false;
	if (*s == ' ' || *s == '-')
		s++;
	if (!qpart(&s, &q))
		return false;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '\0')
		return false;
	/* the fiscal year's twelve months end with year_end of year y */
	m0 = y * 12 + (year_end - 1) - 11 + 3 * (q - 1);
	out->first = month_quarter_of(m0);
	out->last = month_quarter_of(m0 + 2);
	for (i = 0; i < 3; i++) {
		days += month_days(m0 + i);
		if (month_quarter_of(m0 + i) == out->last)
			in_last += month_days(m0 + i);
	}
	out->days = days;
	out->last_days = out->first == out->last ? 0 : in_last;
	return true;
}

bool quarter_parse(const char *s, int *out)
{
	const char *end = s;
	bool ok;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!isdigit((unsigned char)*s))
		ok = quarter_first(s, &end, out);
	else if (strspn(s, "0123456789") <= 2)
		ok = us_date(s, &end, out);
	else
		ok = year_first(s, &end, out);
	if (!ok)
		return false;
	while (*end == ' ' || *end == '\t')
		end++;
	return *end == '\0';
}
