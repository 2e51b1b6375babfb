/* Writes a deterministic, realistic purchases ledger for benchmarks:
 *   gen ROWS csv|tsv|ndjson|json > ledger
 * About 50 orgs (one, "Widgets, Inc.", quoted for its comma, in 1% of
 * rows), 20 catalog models, quarters 2015Q1 to 2026Q4, units 1 to 1000,
 * and spend written as people do ($12.5M, $850k, 1,250,000). The same
 * arguments always give the same bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const MODELS[20] = {
	"H100-SXM", "H100",	 "B200",   "GB200",	"A100-SXM-80GB",
	"A100",	    "V100",	 "H200",   "GH200",	"MI300X",
	"MI250X",   "MI325X",	 "TPU-v4", "TPU-v5p",	"Gaudi3",
	"L40S",	    "H100-PCIe", "B100",   "Trainium2", "TPU-v6e",
};

static unsigned long long state = 88172645463325252ULL;

/* xorshift64: fast, and the same everywhere */
static unsigned long next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (unsigned long)(state >> 11);
}

static void org(char *buf, size_t n)
{
	if (next() % 100 == 0)
		snprintf(buf, n, "Widgets, Inc.");
	else
		snprintf(buf, n, "org-%02lu", next() % 49);
}

static void spend(char *buf, size_t n)
{
	unsigned long r = next() % 3, v = 1 + next() % 999;

	if (r == 0)
		snprintf(buf, n, "$%lu.%luM", v / 10, v % 10);
	else if (r == 1)
		snprintf(buf, n, "$%luk", v);
	else
		snprintf(buf, n, "%lu,%03lu,000", v / 100 + 1, v % 1000);
}

int main(int argc, char **argv)
{
	long rows, i;
	const char *fmt;
	char o[32], s[32];

	if (argc != 3) {
		fprintf(stderr, "usage: gen ROWS csv|tsv|ndjson|json\n");
		return 2;
	}
	rows = atol(argv[1]);
	fmt = argv[2];
	if (strcmp(fmt, "csv") == 0)
		fputs("quarter,org,model,units,spend_usd\n", stdout);
	if (strcmp(fmt, "tsv") == 0) /* no quotes: no field holds a tab */
		fputs("quarter\torg\tmodel\tunits\tspend_usd\n", stdout);
	if (strcmp(fmt, "json") == 0)
		fputs("[\n", stdout);
	for (i = 0; i < rows; i++) {
		int year = 2015 + (int)(next() % 12), q = 1 + (int)(next() % 4);
		const char *model = MODELS[next() % 20];
		unsigned long units = 1 + next() % 1000;

		org(o, sizeof o);
		spend(s, sizeof s);
		if (strcmp(fmt, "csv") == 0)
			printf(strchr(o, ',') ? "%dQ%d,\"%s\",%s,%lu,\"%s\"\n"
					      : "%dQ%d,%s,%s,%lu,\"%s\"\n",
			       year, q, o, model, units, s);
		else if (strcmp(fmt, "tsv") == 0)
			printf("%dQ%d\t%s\t%s\t%lu\t%s\n", year, q, o, model,
			       units, s);
		else
			printf("{\"quarter\":\"%dQ%d\",\"org\":\"%s\","
			       "\"model\":\"%s\",\"units\":%lu,"
			       "\"spend_usd\":\"%s\"}%s\n",
			       year, q, o, model, units, s,
			       strcmp(fmt, "json") == 0 && i + 1 < rows ? ","
									: "");
	}
	if (strcmp(fmt, "json") == 0)
		fputs("]\n", stdout);
	return 0;
}
