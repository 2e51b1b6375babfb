/* What reading a cell gave, by the cell's raw text: a big ledger spells the
 * same few quarters, orgs and models on row after row, and reading one
 * again (trimming, checking UTF-8, parsing a quarter) costs more than
 * finding it. Only short texts are kept, and only so many, so the memory
 * stays small whatever the ledger holds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ledger_impl.h"

#define MEMO_SLOTS   8192 /* a power of two, twice MEMO_ENTRIES */
#define MEMO_ENTRIES 4096
#define MEMO_TEXT    64 /* longest raw text kept */
#define CHUNK_BYTES  (64 * 1024)
/* A text is looked for in this many slots from its home, at most: texts
 * crafted to share a home then cost a few probes each and go unmemoised,
 * instead of each lookup walking one long cluster. */
#define MEMO_PROBES 32

struct slot {
	const char *raw;     /* NULL: empty */
	uint64_t head, tail; /* the key's ends (see ends()) */
	size_t len;
	struct memo_entry e;
};

/* Strings live in chunks that never move, so pointers to them stay good
 * until the memo is freed. */
struct chunk {
	struct chunk *next;
	size_t used;
	char text[CHUNK_BYTES];
};

struct ledger_memo {
	struct slot *slots;
	size_t n;
	struct chunk *chunks;
};

struct ledger_memo *ledger_memo_new(void)
{
	struct ledger_memo *m = calloc(1, sizeof *m);

	if (m == NULL)
		return NULL;
	m->slots = calloc(MEMO_SLOTS, sizeof *m->slots);
	if (m->slots == NULL) {
		free(m);
		return NULL;
	}
	return m;
}

void ledger_memo_free(struct ledger_memo *m)
{
	struct chunk *c, *next;

	if (m == NULL)
		return;
	for (c = m->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(m->slots);
	free(m);
}

const char *memo_keep(struct ledger_memo *m, const char *s, size_t len)
{
	struct chunk *c = m->chunks;
	char *d;

	if (len >= CHUNK_BYTES)
		return NULL;
	if (c == NULL || CHUNK_BYTES - c->used < len + 1) {
		c = malloc(sizeof *c);
		if (c == NULL)
			return NULL;
		c->next = m->chunks;
		c->used = 0;
		m->chunks = c;
	}
	d = c->text + c->used;
	memcpy(d, s, len);
	d[len] = '\0';
	c->used += len + 1;
	return d;
}

static uint64_t load(const char *s, size_t n)
{
	uint64_t v = 0;

	memcpy(&v, s, n);
	return v;
}

/* A text's first and last bytes, in two words: the first and last 8 (or
 * 4) bytes, which overlap for short texts, or all three of up to 3. For
 * texts of 16 bytes or less, equal ends and lengths mean equal texts. */
static void ends(const char *s, size_t n, uint64_t *head, uint64_t *tail)
{
	if (n >= 8) {
		*head = load(s, 8);
		*tail = load(s + n - 8, 8);
	} else if (n >= 4) {
		*head = load(s, 4);
		*tail = load(s + n - 4, 4);
	} else {
		*head = n ? (unsigned char)s[0] |
					(uint64_t)(unsigned char)s[n / 2] << 8 |
					(uint64_t)(unsigned char)s[n - 1] << 16
			  : 0;
		*tail = 0;
	}
}

/* The ends and length mixed (multiply, xor-shift); past 16 bytes the
 * middle words too, so long texts that differ inside still spread. */
static uint64_t hash(const char *s, size_t n, uint64_t head, uint64_t tail)
{
	const uint64_t k = UINT64_C(0x9E3779B97F4A7C15);
	uint64_t h = (head ^ (tail * k) ^ n) * k;
	size_t i;

	for (i = 8; i + 8 < n; i += 8)
		h = (h ^ load(s + i, 8)) * k;
	return h ^ (h >> 29);
}

struct memo_entry *memo_entry(struct ledger_memo *m, const char *raw,
			      size_t len)
{
	uint64_t head, tail, h, probes;
	struct slot *s = NULL;

	if (len > MEMO_TEXT)
		return NULL;
	ends(raw, len, &head, &tail);
	h = hash(raw, len, head, tail);
	for (probes = 0;; probes++, h++) {
		if (probes == MEMO_PROBES)
			return NULL;
		s = &m->slots[h & (MEMO_SLOTS - 1)];
		if (s->raw == NULL)
			break;
		if (s->head == head && s->tail == tail && s->len == len &&
		    (len <= 16 || memcmp(s->raw, raw, len) == 0))
			return &s->e;
	}
	if (m->n >= MEMO_ENTRIES || (s->raw = memo_keep(m, raw, len)) == NULL)
		return NULL;
	m->n++;
	s->head = head;
	s->tail = tail;
	s->len = len;
	return &s->e;
}
