/* The floor for reading a CSV ledger with libcsv: csv_parse alone, with
 * callbacks that only count, on one thread or several.
 *   csvfloor FILE THREADS
 * prints "records,fields". With THREADS > 1 the file is cut into that many
 * parts at the first line break past each nominal start (a cut inside a
 * quoted field would miscount; the benchmark's ledgers have none), each
 * part parsed by its own parser on its own thread: what gpucap's threaded
 * reader does at the least, with nothing built from the fields. */
#define _POSIX_C_SOURCE 200809L
#include <csv.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define READ_BYTES  (256 * 1024)
#define THREADS_MAX 16

struct part {
	int fd;
	off_t from, to;
	unsigned long records, fields;
	int failed;
};

static void on_field(void *s, size_t n, void *ctx)
{
	(void)s;
	(void)n;
	((struct part *)ctx)->fields++;
}

static void on_record(int c, void *ctx)
{
	(void)c;
	((struct part *)ctx)->records++;
}

static void *parse_part(void *arg)
{
	struct part *p = arg;
	struct csv_parser csv;
	char *buf = malloc(READ_BYTES);
	off_t at = p->from;

	if (buf == NULL || csv_init(&csv, CSV_APPEND_NULL) != 0) {
		p->failed = 1;
		free(buf);
		return NULL;
	}
	while (at < p->to) {
		size_t want = (size_t)(p->to - at) < READ_BYTES
				      ? (size_t)(p->to - at)
				      : READ_BYTES;
		ssize_t n = pread(p->fd, buf, want, at);

		if (n <= 0 || csv_parse(&csv, buf, (size_t)n, on_field,
					on_record, p) != (size_t)n) {
			p->failed = 1;
			break;
		}
		at += n;
	}
	csv_fini(&csv, on_field, on_record, p);
	csv_free(&csv);
	free(buf);
	return NULL;
}

/* The first place at or after pos where a line starts. */
static off_t line_start(int fd, off_t pos, off_t size)
{
	char buf[4096];
	ssize_t n;

	if (pos <= 0)
		return 0;
	for (pos--; pos < size; pos += n) {
		char *nl;

		n = pread(fd, buf, sizeof buf, pos);
		if (n <= 0)
			return size;
		nl = memchr(buf, '\n', (size_t)n);
		if (nl != NULL)
			return pos + (nl - buf) + 1;
	}
	return size;
}

int main(int argc, char **argv)
{
	struct part parts[THREADS_MAX];
	pthread_t tid[THREADS_MAX];
	unsigned long records = 0, fields = 0;
	struct stat sb;
	int fd, k, n = argc > 2 ? atoi(argv[2]) : 1;

	if (argc < 2 || (fd = open(argv[1], O_RDONLY)) < 0 ||
	    fstat(fd, &sb) != 0) {
		fprintf(stderr, "usage: csvfloor FILE [THREADS]\n");
		return 2;
	}
	n = n < 1 ? 1 : n > THREADS_MAX ? THREADS_MAX : n;
	for (k = 0; k < n; k++) {
		parts[k] = (struct part){ fd, 0, 0, 0, 0, 0 };
		parts[k].from = line_start(fd, sb.st_size / n * k, sb.st_size);
		parts[k].to = k + 1 == n
				      ? sb.st_size
				      : line_start(fd, sb.st_size / n * (k + 1),
						   sb.st_size);
	}
	for (k = 1; k < n; k++)
		if (pthread_create(&tid[k], NULL, parse_part, &parts[k]) != 0)
			parse_part(&parts[k]), tid[k] = pthread_self();
	parse_part(&parts[0]);
	for (k = 1; k < n; k++)
		if (!pthread_equal(tid[k], pthread_self()))
			pthread_join(tid[k], NULL);
	for (k = 0; k < n; k++) {
		if (parts[k].failed) {
			fprintf(stderr, "csvfloor: cannot parse %s\n", argv[1]);
			return 1;
		}
		records += parts[k].records;
		fields += parts[k].fields;
	}
	printf("%lu,%lu\n", records, fields);
	return 0;
}
