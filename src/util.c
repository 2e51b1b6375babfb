#include "util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

/* One C locale object for the whole run, made once whichever thread asks
 * first; it is never freed. */
static locale_t c_numeric = (locale_t)0;
static pthread_once_t c_numeric_once = PTHREAD_ONCE_INIT;

static void make_c_numeric(void)
{
	c_numeric = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

locale_t util_c_numeric_begin(void)
{
	pthread_once(&c_numeric_once, make_c_numeric);
	if (c_numeric == (locale_t)0)
		return (locale_t)0;
	return uselocale(c_numeric);
}

void util_c_numeric_end(locale_t previous)
{
	if (previous != (locale_t)0)
		uselocale(previous);
}

/* The length of the UTF-8 sequence at s, or 0 when it is not one. */
static size_t utf8_seq(const unsigned char *s)
{
	unsigned c = s[0];
	size_t n, i;
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4;
	else
		return 0;
	cp = c & (0x3F >> (n - 1));
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return n;
}

bool util_utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		size_t n;

		if (*p < 0x80) { /* ASCII, the usual case */
			p++;
			continue;
		}
		n = utf8_seq(p);

		if (n == 0)
			return false;
		p += n;
	}
	return true;
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

size_t util_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, row[128], prev, tmp;

	if (lb >= sizeof row / sizeof row[0])
		return SIZE_MAX;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t best = prev + (ascii_lower(a[i - 1]) !=
					      ascii_lower(b[j - 1]));

			best = row[j] + 1 < best ? row[j] + 1 : best;
			best = row[j - 1] + 1 < best ? row[j - 1] + 1 : best;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

/* ---- the keyed hash ---- */

static uint64_t hash_key[2];
static pthread_once_t hash_once = PTHREAD_ONCE_INIT;

/* The key comes from /dev/urandom; where that cannot be read, from the
 * clock, the process id and an address, which still differ per run. */
static void make_hash_key(void)
{
	FILE *f = fopen("/dev/urandom", "rb");
	bool got = f != NULL && fread(hash_key, sizeof hash_key, 1, f) == 1;

	if (f != NULL)
		fclose(f);
	if (!got) {
		hash_key[0] = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
		hash_key[1] =
			(uint64_t)(uintptr_t)&hash_key ^ (uint64_t)clock();
	}
}

static uint64_t rotl(uint64_t x, int b)
{
	return (x << b) | (x >> (64 - b));
}

/* One SipRound over the state v[4]. */
static void sip_round(uint64_t v[4])
{
	v[0] += v[1];
	v[1] = rotl(v[1], 13) ^ v[0];
	v[0] = rotl(v[0], 32);
	v[2] += v[3];
	v[3] = rotl(v[3], 16) ^ v[2];
	v[0] += v[3];
	v[3] = rotl(v[3], 21) ^ v[0];
	v[2] += v[1];
	v[1] = rotl(v[1], 17) ^ v[2];
	v[2] = rotl(v[2], 32);
}

static void sip_word(uint64_t v[4], uint64_t m)
{
	v[3] ^= m;
	sip_round(v);
	v[0] ^= m;
}

/* Up to 8 bytes, little-endian, folded to lower case when asked. */
static uint64_t load_word(const char *s, size_t n, bool fold)
{
	uint64_t w = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (fold && c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		w |= (uint64_t)c << (8 * i);
	}
	return w;
}

uint64_t util_hash(const char *s, size_t n, bool fold)
{
	uint64_t v[4];
	size_t i;

	pthread_once(&hash_once, make_hash_key);
	v[0] = hash_key[0] ^ UINT64_C(0x736f6d6570736575);
	v[1] = hash_key[1] ^ UINT64_C(0x646f72616e646f6d);
	v[2] = hash_key[0] ^ UINT64_C(0x6c7967656e657261);
	v[3] = hash_key[1] ^ UINT64_C(0x7465646279746573);
	for (i = 0; i + 8 <= n; i += 8)
		sip_word(v, load_word(s + i, 8, fold));
	sip_word(v, load_word(s + i, n - i, fold) | (uint64_t)(n & 0xFF) << 56);
	v[2] ^= 0xFF;
	sip_round(v);
	sip_round(v);
	sip_round(v);
	return v[0] ^ v[1] ^ v[2] ^ v[3];
}

char *util_escape_controls(const char *s)
{
	static const char HEX[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	/* \x1b is four bytes for one, the most any escape takes */
	char *out = malloc(4 * strlen(s) + 1), *o = out;

	if (out == NULL)
		return NULL;
	for (; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7F) {
			*o++ = '\\';
			*o++ = 'x';
			*o++ = HEX[*p >> 4];
			*o++ = HEX[*p & 0xF];
		} else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			memcpy(o, "\\u00", 4);
			o += 4;
			*o++ = HEX[p[1] >> 4];
			*o++ = HEX[p[1] & 0xF];
			p++;
		} else {
			*o++ = (char)*p;
		}
	}
	*o = '\0';
	return out;
}

int util_threads(int asked)
{
	long n = asked > 0 ? asked : sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > UTIL_THREADS_MAX ? UTIL_THREADS_MAX : (int)n;
}

/* One part of util_parallel's range, as its thread sees it. */
struct part {
	util_part_fn fn;
	void *ctx;
	int index;
	size_t from, to;
	pthread_t thread;
	bool started;
};

static void *run_part(void *arg)
{
	struct part *p = arg;

	p->fn(p->ctx, p->index, p->from, p->to);
	return NULL;
}

void util_parallel(size_t n, int threads, size_t min_part, util_part_fn fn,
		   void *ctx)
{
	struct part parts[UTIL_THREADS_MAX];
	size_t t, nparts = threads < 1 ? 1 : (size_t)threads;

	if (nparts > UTIL_THREADS_MAX)
		nparts = UTIL_THREADS_MAX;
	if (min_part > 0 && n / min_part < nparts)
		nparts = n / min_part > 0 ? n / min_part : 1;
	for (t = 0; t < nparts; t++) {
		parts[t] = (struct part){ .fn = fn,
					  .ctx = ctx,
					  .index = (int)t,
					  .from = n * t / nparts,
					  .to = n * (t + 1) / nparts };
		/* part 0 waits for the caller, who starts the others first */
		if (t > 0)
			parts[t].started =
				pthread_create(&parts[t].thread, NULL, run_part,
					       &parts[t]) == 0;
	}
	run_part(&parts[0]);
	for (t = 1; t < nparts; t++) {
		if (parts[t].started)
			pthread_join(parts[t].thread, NULL);
		else
			run_part(&parts[t]);
	}
}

/* U+FFFD, for what XML cannot hold. */
#define XML_REPLACEMENT "\xEF\xBF\xBD"

/* Text as XML 1.0 takes it (s is valid UTF-8): the markup characters as
 * entities; tab, line feed, carriage return, DEL and the C1 controls as
 * character references, which XML allows and which keep raw control bytes
 * out of a file someone may print; the other C0 controls, and U+FFFE and
 * U+FFFF, which XML forbids even as references, as U+FFFD. */
void util_xml_text(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p == '&')
			fputs("&amp;", out);
		else if (*p == '<')
			fputs("&lt;", out);
		else if (*p == '>')
			fputs("&gt;", out);
		else if (*p == '"')
			fputs("&quot;", out);
		else if (*p == '\t' || *p == '\n' || *p == '\r' || *p == 0x7F)
			fprintf(out, "&#%u;", (unsigned)*p);
		else if (*p < 0x20)
			fputs(XML_REPLACEMENT, out);
		else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			fprintf(out, "&#%u;",
				(unsigned)*++p); /* C2 80 is U+0080 */
		else if (p[0] == 0xEF && p[1] == 0xBF &&
			 (p[2] == 0xBE || p[2] == 0xBF)) {
			fputs(XML_REPLACEMENT, out);
			p += 2;
		} else
			fputc(*p, out);
	}
}
