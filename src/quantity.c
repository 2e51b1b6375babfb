#include "gpucap/quantity.h"

#include "util.h"

#include <ctype.h>
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

/* The number being read: its cleaned mantissa (digits and '.') and the
 * decimal exponent to apply, so that suffixes scale exactly (2.7B is read
 * as 2.7e9, not 2.7 * 1e9). */
struct scan {
	const char *p;
	char digits[DIGITS_MAX + 2];
	size_t n;
	long exp;
	bool neg, money, seen_digit;
};

static const char *NOT_A_NUMBER = "is not a number";

static bool push(struct scan *sc, char c)
{
	if (sc->n >= DIGITS_MAX)
		return false;
	sc->digits[sc->n++] = c;
	return true;
}

/* Integer part, with optional thousands separators in groups of three. */
static bool scan_int(struct scan *sc)
{
	size_t group = 0;
	bool grouped = false;

	for (;; sc->p++) {
		if (isdigit((unsigned char)*sc->p)) {
			if (!push(sc, *sc->p))
				return false;
			group++;
			sc->seen_digit = true;
		} else if (*sc->p == ',' && group > 0 &&
			   isdigit((unsigned char)sc->p[1])) {
			if ((grouped && group != 3) || (!grouped && group > 3))
				return false;
			grouped = true;
			group = 0;
		} else {
			break;
		}
	}
	return !grouped || group == 3;
}

static bool scan_fraction(struct scan *sc)
{
	if (*sc->p != '.')
		return true;
	if (!push(sc, *sc->p++))
		return false;
	for (; isdigit((unsigned char)*sc->p); sc->p++) {
		if (!push(sc, *sc->p))
			return false;
		sc->seen_digit = true;
	}
	return true;
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
	if (!isdigit((unsigned char)*p))
		return false;
	for (; isdigit((unsigned char)*p); p++)
		if (e < EXP_LIMIT)
			e = e * 10 + (*p - '0');
	sc->exp += neg ? -e : e;
	sc->p = p;
	return true;
}

struct suffix {
	const char *text;
	int exp;
};

/* Longer spellings first so that "bn" is not read as "b" + junk. */
static const struct suffix SUFFIXES[] = {
	{ "bn", 9 }, { "k", 3 }, { "m", 6 }, { "b", 9 }, { "t", 12 },
};

/* A suffix may follow a blank ("2.7 bn"). */
static void scan_suffix(struct scan *sc)
{
	const char *p = sc->p;
	size_t i;

	while (*p == ' ')
		p++;
	for (i = 0; i < sizeof SUFFIXES / sizeof SUFFIXES[0]; i++) {
		size_t len = strlen(SUFFIXES[i].text);

		if (strncasecmp(p, SUFFIXES[i].text, len) == 0 &&
		    !isalpha((unsigned char)p[len])) {
			sc->exp += SUFFIXES[i].exp;
			sc->p = p + len;
			return;
		}
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
	if (strncasecmp(p, "usd", 3) == 0) {
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

static bool convert(struct scan *sc, double *out, const char **why)
{
	char text[DIGITS_MAX + 32];
	double v;
	locale_t loc;

	if (sc->exp > EXP_LIMIT || sc->exp < -EXP_LIMIT) {
		*why = "is out of range";
		return false;
	}
	sc->digits[sc->n] = '\0';
	snprintf(text, sizeof text, "%se%ld", sc->digits, sc->exp);
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

bool qty_parse(const char *s, struct quantity *out, const char **why)
{
	struct scan sc = { .p = s };

	*why = NOT_A_NUMBER;
	skip_blanks(&sc);
	scan_sign_and_dollar(&sc);
	if (!scan_int(&sc) || !scan_fraction(&sc) || !sc.seen_digit ||
	    !scan_exponent(&sc))
		return false;
	scan_suffix(&sc);
	scan_currency_word(&sc);
	skip_blanks(&sc);
	if (*sc.p != '\0') {
		if (strstr(s, "..") != NULL)
			*why = "is a range (LOW..HIGH), which is not supported "
			       "yet";
		return false;
	}
	out->money = sc.money;
	return convert(&sc, &out->value, why);
}

char *qty_format(double v, char *buf)
{
	locale_t loc = util_c_numeric_begin();
	int prec;

	for (prec = 15; prec <= 17; prec++) {
		snprintf(buf, QTY_FMT_MAX, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	util_c_numeric_end(loc);
	return buf;
}
