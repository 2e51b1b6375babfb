#include "gpucap/quantity.h"

#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Longest mantissa we accept; real figures have ~20 digits at most. */
#define DIGITS_MAX 64
/* Exponents beyond this overflow a double whatever the mantissa. */
#define EXP_LIMIT 100000

/* The number being read, in one pass: its mantissa as an integer (exact
 * while a double holds it exactly) and the decimal exponent to
 * apply, so that suffixes scale exactly (2.7B is read as 2.7e9, not
 * 2.7 * 1e9). A number the integer cannot hold goes to strtod as text,
 * made from [num, num_end) of the input. */
struct scan {
	const char *p;
	const char *num, *num_end; /* the digits, separators and point */
	unsigned long long m;	   /* the digits, while a double holds them */
	bool inexact;		   /* more digits than m could take */
	long digits;		   /* digits seen */
	long frac;		   /* digits after the point */
	long exp;		   /* from an exponent and a suffix */
	bool neg, money;
};

static const char *NOT_A_NUMBER = "is not a number";

/* ASCII only, whatever the locale says (and without a call). */
static bool is_digit(char c)
{
	return (unsigned)(c - '0') < 10;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_alpha(char c)
{
	return (unsigned)(lower(c) - 'a') < 26;
}

/* Integers up to this are exact doubles: the fast path's limit. */
#define MANTISSA_EXACT (1ULL << 53)

/* Adds a digit to a mantissa kept in locals (so it stays in registers);
 * past the exact range it only notes that, before m could overflow. */
static void add_digit(unsigned long long *m, bool *inexact, char c)
{
	if (*m > MANTISSA_EXACT)
		*inexact = true;
	else
		*m = *m * 10 + (unsigned)(c - '0');
}

/* Integer part, with optional thousands separators in groups of three. */
static bool scan_int(struct scan *sc)
{
	const char *p = sc->p;
	unsigned long long m = 0;
	bool inexact = false;
	long n = 0, group = 0;
	bool grouped = false;

	for (;; p++) {
		if (is_digit(*p)) {
			add_digit(&m, &inexact, *p);
			n++;
			group++;
		} else if (*p == ',' && group > 0 && is_digit(p[1])) {
			if ((grouped && group != 3) || (!grouped && group > 3))
				return false;
			grouped = true;
			group = 0;
		} else {
			break;
		}
	}
	sc->p = p;
	sc->m = m;
	sc->inexact = inexact;
	sc->digits = n;
	return !grouped || group == 3;
}

static void scan_fraction(struct scan *sc)
{
	const char *p = sc->p;
	unsigned long long m = sc->m;
	bool inexact = sc->inexact;

	if (*p != '.')
		return;
	for (p++; is_digit(*p); p++) {
		add_digit(&m, &inexact, *p);
		sc->frac++;
	}
	sc->p = p;
	sc->m = m;
	sc->inexact = inexact;
	sc->digits += sc->frac;
}

static bool scan_exponent(struct scan *sc)
{
	const char *p = sc->p;
	bool neg = false;
	long e = 0;

	if (*p != 'e' && *p != 'E')
		return true;
	p++;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (!is_digit(*p))
		return false;
	for (; is_digit(*p); p++)
		if (e < EXP_LIMIT)
			e = e * 10 + (*p - '0');
	sc->exp += neg ? -e : e;
	sc->p = p;
	return true;
}

/* The exponent a suffix adds (k 3, M 6, B or bn 9, T 12), its length in
 * *len; 0 when p starts none. A letter right after it means no suffix. */
static int suffix_exp(const char *p, size_t *len)
{
	char c = lower(p[0]);
	int e;

	switch (c) {
	case 'k':
		e = 3;
		break;
	case 'm':
		e = 6;
		break;
	case 'b':
		e = 9;
		break;
	case 't':
		e = 12;
		break;
	default:
		return 0; /* before looking past p[0], which may end s */
	}
	*len = c == 'b' && lower(p[1]) == 'n' ? 2 : 1;
	return is_alpha(p[*len]) ? 0 : e;
}

/* A suffix may follow a blank ("2.7 bn"). */
static void scan_suffix(struct scan *sc)
{
	const char *p = sc->p;
	size_t len;
	int e;

	while (*p == ' ')
		p++;
	e = suffix_exp(p, &len);
	if (e != 0) {
		sc->exp += e;
		sc->p = p + len;
	}
}

static void skip_blanks(struct scan *sc)
{
	while (*sc->p == ' ' || *sc->p == '\t')
		sc->p++;
}

static void scan_currency_word(struct scan *sc)
{
	const char *p = sc->p;

	while (*p == ' ')
		p++;
	if (lower(p[0]) == 'u' && lower(p[1]) == 's' && lower(p[2]) == 'd') {
		sc->money = true;
		sc->p = p + 3;
	}
}

static void scan_sign_and_dollar(struct scan *sc)
{
	if (*sc->p == '-') {
		sc->neg = true;
		sc->p++;
	}
	if (*sc->p == '$') {
		sc->money = true;
		sc->p++;
		if (!sc->neg && *sc->p == '-') {
			sc->neg = true;
			sc->p++;
		}
	}
}

/* Clinger's fast path: an integer mantissa up to 2^53 and a power of ten
 * up to 1e22 are both exact doubles, so one multiplication or division
 * rounds correctly, as strtod would, without formatting a string for it.
 * False when the number needs strtod. */
static bool fast_convert(const struct scan *sc, double *out)
{
	static const double POW10[] = { 1e0,  1e1,  1e2,  1e3,	1e4,  1e5,
					1e6,  1e7,  1e8,  1e9,	1e10, 1e11,
					1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
					1e18, 1e19, 1e20, 1e21, 1e22 };
	long e = sc->exp - sc->frac;

	if (sc->inexact || sc->m > MANTISSA_EXACT || e > 22 || e < -22)
		return false;
	*out = e >= 0 ? (double)sc->m * POW10[e] : (double)sc->m / POW10[-e];
	return true;
}

/* The number as strtod reads it: digits and point, then the exponent. */
static void strtod_text(const struct scan *sc, char *text, size_t size)
{
	const char *c;
	size_t n = 0;

	for (c = sc->num; c < sc->num_end; c++)
		if (*c != ',')
			text[n++] = *c;
	snprintf(text + n, size - n, "e%ld", sc->exp);
}

static bool convert(struct scan *sc, double *out, const char **why)
{
	char text[DIGITS_MAX + 32];
	double v;
	locale_t loc;

	if (sc->exp > EXP_LIMIT || sc->exp < -EXP_LIMIT) {
		*why = "is out of range";
		return false;
	}
	if (fast_convert(sc, &v)) {
		*out = v == 0.0 ? 0.0 : (sc->neg ? -v : v);
		return true;
	}
	strtod_text(sc, text, sizeof text);
	errno = 0;
	loc = util_c_numeric_begin();
	v = strtod(text, NULL);
	util_c_numeric_end(loc);
	if (errno == ERANGE || !isfinite(v)) {
		/* A true zero never sets ERANGE; an underflow is as unusable
		 * as an overflow for a fleet figure. */
		*why = "is out of range";
		return false;
	}
	*out = v == 0.0 ? 0.0 : (sc->neg ? -v : v);
	return true;
}

/* A plain whole number of up to 15 digits ("1000", "-40", "5,417,000":
 * thousands in groups of three, as scan_int takes them), most of what a
 * ledger holds, read without the general scanner; false for anything else,
 * which the scanner then judges. */
static bool plain_integer(const char *s, struct quantity *out)
{
	const char *p = s + (*s == '-');
	unsigned long long v = 0;
	size_t n = 0, group = 0;
	bool grouped = false;

	for (;; p++) {
		if ((unsigned)(*p - '0') < 10) {
			v = v * 10 + (unsigned long long)(*p - '0');
			n++;
			group++;
		} else if (*p == ',' && group > 0 && group <= 3 &&
			   (!grouped || group == 3)) {
			grouped = true;
			group = 0;
		} else {
			break;
		}
	}
	if (n == 0 || n > 15 || *p != '\0' || (grouped && group != 3))
		return false;
	out->money = false;
	out->value = *s == '-' && v != 0 ? -(double)v : (double)v;
	return true;
}

bool qty_parse(const char *s, struct quantity *out, const char **why)
{
	struct scan sc = { .p = s };

	*why = NOT_A_NUMBER;
	if (plain_integer(s, out))
		return true;
	skip_blanks(&sc);
	scan_sign_and_dollar(&sc);
	sc.num = sc.p;
	if (!scan_int(&sc))
		return false;
	scan_fraction(&sc);
	sc.num_end = sc.p;
	/* the digit limit keeps strtod's text in its buffer */
	if (sc.digits == 0 || sc.digits > DIGITS_MAX || !scan_exponent(&sc))
		return false;
	scan_suffix(&sc);
	scan_currency_word(&sc);
	skip_blanks(&sc);
	if (*sc.p != '\0')
		return false;
	out->money = sc.money;
	return convert(&sc, &out->value, why);
}

/* One end of a range: the text before ".." is copied out to be read as a
 * number (no number is near this long). */
static bool range_end(const char *s, size_t n, struct quantity *out,
		      const char **why)
{
	char buf[2 * DIGITS_MAX];

	*why = NOT_A_NUMBER;
	if (n >= sizeof buf)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return qty_parse(buf, out, why);
}

bool qty_parse_range(const char *s, struct quantity *lo, struct quantity *hi,
		     const char **why)
{
	const char *dots;

	if (qty_parse(s, lo, why)) {
		*hi = *lo;
		return true;
	}
	dots = strstr(s, "..");
	if (dots == NULL) /* not a range: what qty_parse said */
		return false;
	/* "1...2" is a typo, not 1 to .2 */
	if (dots[2] == '.' || !range_end(s, (size_t)(dots - s), lo, why) ||
	    !qty_parse(dots + 2, hi, why)) {
		*why = "is not a range LOW..HIGH of two numbers";
		return false;
	}
	/* "$0.9B..1.1B": one '$' makes both ends money */
	lo->money = hi->money = lo->money || hi->money;
	if (lo->value > hi->value) {
		*why = "is a range whose low end is above its high end";
		return false;
	}
	return true;
}

bool qty_parse_triple(const char *s, struct quantity *lo, struct quantity *mid,
		      bool *has_mid, struct quantity *hi, const char **why)
{
	const char *first, *second;

	*has_mid = false;
	/* most cells are one number: no need to look for dots */
	if (qty_parse(s, lo, why)) {
		*mid = *hi = *lo;
		return true;
	}
	first = strstr(s, "..");
	second = first != NULL ? strstr(first + 2, "..") : NULL;
	if (second == NULL) {
		if (!qty_parse_range(s, lo, hi, why))
			return false;
		mid->value = lo->value + (hi->value - lo->value) / 2;
		mid->money = lo->money;
		return true;
	}
	/* "1..2..3": the central figure between its ends */
	if (first[2] == '.' || second[2] == '.' || strstr(second + 2, "..") ||
	    !range_end(s, (size_t)(first - s), lo, why) ||
	    !range_end(first + 2, (size_t)(second - first - 2), mid, why) ||
	    !qty_parse(second + 2, hi, why)) {
		*why = "is not a range LOW..HIGH or LOW..CENTRAL..HIGH";
		return false;
	}
	lo->money = mid->money = hi->money =
		lo->money || mid->money || hi->money;
	if (lo->value > mid->value || mid->value > hi->value) {
		*why = "has its figures out of order (LOW..CENTRAL..HIGH: the "
		       "low end, the central figure, the high end)";
		return false;
	}
	*has_mid = true;
	return true;
}

/* A whole number under 1e15 as "%.15g" writes it (all its digits, "-0"
 * for a negative zero), without printf and the strtod that checks it:
 * most of a report's figures are counts. False for any other number. */
static bool format_integer(double v, char *buf)
{
	char digits[16];
	unsigned long long n;
	size_t k = 0, i = 0;

	if (!(fabs(v) < 1e15) || v != floor(v))
		return false;
	n = (unsigned long long)fabs(v);
	do
		digits[k++] = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	if (signbit(v))
		buf[i++] = '-';
	while (k > 0)
		buf[i++] = digits[--k];
	buf[i] = '\0';
	return true;
}

char *qty_format(double v, char *buf)
{
	locale_t loc;
	int prec;

	if (format_integer(v, buf))
		return buf;
	loc = util_c_numeric_begin();

	for (prec = 15; prec <= 17; prec++) {
		snprintf(buf, QTY_FMT_MAX, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	util_c_numeric_end(loc);
	return buf;
}
