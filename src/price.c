/* Prices per H100e by year (--usd-per-h100e): what spend-only rows buy, and
 * what projected additions cost. */
#include "gpucap/price.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gpucap/ledger.h"
#include "gpucap/quantity.h"
#include "gpucap/quarter.h"

/* "2024" alone, four digits. */
static bool parse_year(const char *s, int *year)
{
	char *end;
	long y;

	while (*s == ' ')
		s++;
	y = strtol(s, &end, 10);
	while (*end == ' ')
		end++;
	if (end == s || *end != '\0' || y < QUARTER_YEAR_MIN ||
	    y > QUARTER_YEAR_MAX)
		return false;
	*year = (int)y;
	return true;
}

/* One "YEAR=PRICE" or "PRICE" of the list. */
static bool curve_entry(char *item, struct price_curve *c, const char **why)
{
	char *eq = strchr(item, '=');
	struct quantity q;
	int year = PRICE_ANY_YEAR;

	if (eq != NULL) {
		*eq = '\0';
		if (!parse_year(item, &year)) {
			*why = "a year must be written like 2024";
			return false;
		}
		item = eq + 1;
	}
	if (!qty_parse(item, &q, why))
		return false;
	if (!(q.value > 0)) {
		*why = "a price must be greater than zero";
		return false;
	}
	if (q.value > LEDGER_MONEY_MAX) {
		*why = "a price must be at most 1e15, as spend_usd is";
		return false;
	}
	if (c->n > 0 &&
	    (year == PRICE_ANY_YEAR || c->year[0] == PRICE_ANY_YEAR ||
	     c->year[c->n - 1] >= year)) {
		*why = "years must be given once each, in ascending order";
		return false;
	}
	c->year[c->n] = year;
	c->usd[c->n++] = q.value;
	return true;
}

/* The ',' that starts the next "YEAR=" entry: other commas are thousands
 * separators inside a price ("2023=$40,000,2024=30k"). */
static char *next_entry(char *s)
{
	char *c;

	for (c = strchr(s, ','); c != NULL; c = strchr(c + 1, ',')) {
		const char *p = c + 1;

		while (*p == ' ')
			p++;
		if (strspn(p, "0123456789") == 4 &&
		    p[4 + strspn(p + 4, " ")] == '=')
			return c;
	}
	return NULL;
}

bool price_curve_parse(const char *s, struct price_curve *out, const char **why)
{
	char buf[1024], *item, *next;

	memset(out, 0, sizeof *out);
	*why = "is too long";
	if (strlen(s) >= sizeof buf)
		return false;
	strcpy(buf, s);
	for (item = buf; item != NULL; item = next) {
		next = next_entry(item);
		if (next != NULL)
			*next++ = '\0';
		if (out->n >= PRICE_CURVE_MAX) {
			*why = "has too many years";
			return false;
		}
		if (!curve_entry(item, out, why))
			return false;
	}
	return true;
}

double price_curve_at(const struct price_curve *c, int year)
{
	double price = NAN;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->year[i] == PRICE_ANY_YEAR || c->year[i] <= year)
			price = c->usd[i];
	return price;
}
