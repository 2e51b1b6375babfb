#include "util.h"

#include <stdlib.h>
#include <string.h>

bool util_grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 8;
	void *q;

	if (need <= *cap)
		return true;
	while (n < need)
		n *= 2;
	q = realloc(*p, n * size);
	if (q == NULL)
		return false;
	*p = q;
	*cap = n;
	return true;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

char *util_trimmed_dup(const char *s)
{
	size_t n;
	char *d;

	while (blank(*s))
		s++;
	n = strlen(s);
	while (n > 0 && blank(s[n - 1]))
		n--;
	d = malloc(n + 1);
	if (d != NULL) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

char *util_trim(char *s)
{
	size_t n;

	while (blank(*s))
		s++;
	n = strlen(s);
	while (n > 0 && blank(s[n - 1]))
		s[--n] = '\0';
	return s;
}

locale_t util_c_numeric_begin(void)
{
	/* One C locale object for the whole run; it is never freed. */
	static locale_t c_numeric = (locale_t)0;

	if (c_numeric == (locale_t)0)
		c_numeric = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (c_numeric == (locale_t)0)
		return (locale_t)0;
	return uselocale(c_numeric);
}

void util_c_numeric_end(locale_t previous)
{
	if (previous != (locale_t)0)
		uselocale(previous);
}
