/* What reading a cell gave, by the cell's raw text: a big ledger spells the
 * same few quarters, orgs and models on row after row, and reading one
 * again (trimming, checking UTF-8, parsing a quarter) costs more than
 * finding it. Only short texts are kept, and only so many, so the memory
 * stays small whatever the ledger holds. */
#include <stdlib.h>
#include <string.h>

#include "ledger_impl.h"

#define MEMO_SLOTS   8192 /* a power of two, twice MEMO_ENTRIES */
#define MEMO_ENTRIES 4096
#define MEMO_TEXT    64 /* longest raw text kept */
#define CHUNK_BYTES  (64 * 1024)

struct slot {
	const char *raw; /* NULL: empty */
	size_t hash;
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

struct memo_entry *memo_entry(struct ledger_memo *m, const char *raw)
{
	size_t h = 2166136261u, len, i;
	struct slot *s;

	/* FNV-1a, and the length, in one pass */
	for (len = 0; raw[len] != '\0'; len++) {
		if (len == MEMO_TEXT)
			return NULL;
		h = (h ^ (unsigned char)raw[len]) * 16777619u;
	}
	for (i = h;; i++) {
		s = &m->slots[i & (MEMO_SLOTS - 1)];
		if (s->raw == NULL)
			break;
		if (s->hash == h && strcmp(s->raw, raw) == 0)
			return &s->e;
	}
	if (m->n >= MEMO_ENTRIES || (s->raw = memo_keep(m, raw, len)) == NULL)
		return NULL;
	m->n++;
	s->hash = h;
	return &s->e;
}
