/* Where -o writes, in a fresh directory per input. The first byte picks
 * what the path is (absent, a file, links to one, a dangling link, a
 * directory, a loop...), the second the old file's mode, the third
 * whether to commit or abort, whether to hold, and the size of the writes;
 * the rest is written. Then: a commit leaves exactly the bytes written in
 * the file the path leads to, with the old mode; an abort leaves the old
 * file as it was; a path that cannot be written fails with GC_IO and
 * changes nothing; links stay links; no temporary file is ever left.
 * Halfway through the writes a signal the harness handles arrives, as
 * libFuzzer's SIGALRM watchdog may at any moment: a handler that returns
 * must not cost the output its temporary file. */
#include <dirent.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "output.h"

/* One layout of the directory: path is what -o gets, target the regular
 * file that takes the output (NULL: output_open must fail), links the
 * links made first as "name>text" pairs. The listings are of the
 * directory and of its subdirectory sub, before and after a commit. */
struct layout {
	const char *path;
	const char *target;
	bool exists; /* target is there before */
	const char *links[2];
	const char *top, *top_committed, *sub, *sub_committed;
};

static const struct layout LAYOUTS[] = {
	/* absent */
	{ "out", "out", false, { NULL }, "sub", "out sub", "", "" },
	/* a regular file */
	{ "out", "out", true, { NULL }, "out sub", "out sub", "", "" },
	/* a link to a file beside it */
	{ "out", "t", true, { "out>t" }, "out sub t", "out sub t", "", "" },
	/* a link in sub to a file above it */
	{ "sub/out",
	  "t",
	  true,
	  { "sub/out>../t" },
	  "sub t",
	  "sub t",
	  "out",
	  "out" },
	/* a chain of two links into sub */
	{ "out",
	  "sub/t",
	  true,
	  { "out>l2", "l2>sub/t" },
	  "l2 out sub",
	  "l2 out sub",
	  "t",
	  "t" },
	/* a dangling link: its target is created */
	{ "out", "t", false, { "out>t" }, "out sub", "out sub t", "", "" },
	/* refused: a directory, a loop, a link to a directory, a dangling
	 * link into a missing directory */
	{ "sub", NULL, false, { NULL }, "sub", "sub", "", "" },
	{ "out", NULL, false, { "out>out" }, "out sub", "out sub", "", "" },
	{ "out", NULL, false, { "out>sub" }, "out sub", "out sub", "", "" },
	{ "out", NULL, false, { "out>no/t" }, "out sub", "out sub", "", "" },
};
#define NLAYOUTS (sizeof LAYOUTS / sizeof LAYOUTS[0])

static const char OLD[] = "the old report\n";

static char *in(const char *dir, const char *name)
{
	static char paths[4][512];
	static int next;
	char *p = paths[next++ % 4];

	snprintf(p, sizeof paths[0], "%s/%s", dir, name);
	return p;
}

/* The names in dir, sorted, one space between ("" when empty). */
static const char *names_in(const char *dir)
{
	static char list[1024];
	char names[8][256], tmp[256];
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0, i, j;

	FUZZ_ASSERT(d != NULL);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			snprintf(names[n < 8 ? n++ : 7], sizeof names[0], "%s",
				 e->d_name);
	closedir(d);
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			strcpy(tmp, names[j]);
			strcpy(names[j], names[j - 1]);
			strcpy(names[j - 1], tmp);
		}
	list[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(list, " ");
		strcat(list, names[i]);
	}
	return list;
}

static void make_layout(const char *dir, const struct layout *l, mode_t mode)
{
	char name[64];
	const char *gt;
	FILE *fp;
	size_t i;

	FUZZ_ASSERT(mkdir(in(dir, "sub"), 0755) == 0);
	for (i = 0; i < 2 && l->links[i] != NULL; i++) {
		gt = strchr(l->links[i], '>');
		snprintf(name, sizeof name, "%.*s", (int)(gt - l->links[i]),
			 l->links[i]);
		FUZZ_ASSERT(symlink(gt + 1, in(dir, name)) == 0);
	}
	if (!l->exists)
		return;
	fp = fopen(in(dir, l->target), "w");
	FUZZ_ASSERT(fp != NULL);
	fputs(OLD, fp);
	FUZZ_ASSERT(fclose(fp) == 0);
	FUZZ_ASSERT(chmod(in(dir, l->target), mode) == 0);
}

/* Whether path holds exactly n bytes equal to want. */
static bool holds(const char *path, const uint8_t *want, size_t n)
{
	FILE *fp = fopen(path, "rb");
	uint8_t buf[4096];
	size_t got, at = 0;
	bool same = fp != NULL;

	while (same) {
		got = fread(buf, 1, sizeof buf, fp);
		if (got == 0)
			break;
		same = at + got <= n && memcmp(buf, want + at, got) == 0;
		at += got;
	}
	if (fp != NULL)
		fclose(fp);
	return same && at == n;
}

/* The links are still links, with their text. */
static void check_links(const char *dir, const struct layout *l)
{
	char name[64], text[64];
	const char *gt;
	ssize_t n;
	size_t i;

	for (i = 0; i < 2 && l->links[i] != NULL; i++) {
		gt = strchr(l->links[i], '>');
		snprintf(name, sizeof name, "%.*s", (int)(gt - l->links[i]),
			 l->links[i]);
		n = readlink(in(dir, name), text, sizeof text - 1);
		FUZZ_ASSERT(n == (ssize_t)strlen(gt + 1));
		FUZZ_ASSERT(memcmp(text, gt + 1, (size_t)n) == 0);
	}
}

static void write_chunks(FILE *fp, const uint8_t *data, size_t n, size_t step)
{
	size_t at, k;

	for (at = 0; at < n; at += k) {
		k = n - at < step ? n - at : step;
		if (k == 1)
			fputc(data[at], fp);
		else
			fwrite(data + at, 1, k, fp);
	}
}

static void check_after(const char *dir, const struct layout *l, bool commit,
			const uint8_t *data, size_t n, mode_t mode)
{
	struct stat st;
	const char *target = l->target ? in(dir, l->target) : NULL;

	FUZZ_ASSERT(strcmp(names_in(dir), commit ? l->top_committed : l->top) ==
		    0);
	FUZZ_ASSERT(strcmp(names_in(in(dir, "sub")),
			   commit ? l->sub_committed : l->sub) == 0);
	check_links(dir, l);
	if (commit) {
		FUZZ_ASSERT(holds(target, data, n));
		FUZZ_ASSERT(stat(target, &st) == 0 && S_ISREG(st.st_mode));
		FUZZ_ASSERT((st.st_mode & 07777) == mode);
	} else if (target == NULL) {
		return;
	} else if (l->exists) {
		FUZZ_ASSERT(holds(target, (const uint8_t *)OLD, strlen(OLD)));
	} else {
		FUZZ_ASSERT(lstat(target, &st) != 0);
	}
}

static void remove_all(const char *dir)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	struct stat st;
	char sub[512];

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			remove_all(sub);
		else
			unlink(sub);
	}
	if (d != NULL)
		closedir(d);
	rmdir(dir);
}

/* A status the contract did not promise: say why before crashing, so a
 * finding explains itself (err is only filled when got is an error). */
static void expect(const char *what, enum gc_status got, enum gc_status want,
		   const struct gc_error *err)
{
	if (got == want)
		return;
	fprintf(stderr, "%s: status %d, expected %d: %s\n", what, (int)got,
		(int)want, got != GC_OK ? err->msg : "(succeeded)");
	FUZZ_ASSERT(got == want);
}

static volatile sig_atomic_t handled;

static void on_signal(int sig)
{
	(void)sig;
	handled++;
}

/* The harness's own handler for one signal libFuzzer leaves alone, set
 * once: the caller's handlers are the caller's while -o writes. */
static void handle_signal(void)
{
	static bool done;
	struct sigaction sa;

	if (done)
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	FUZZ_ASSERT(sigaction(SIGRTMIN, &sa, NULL) == 0);
	done = true;
}

/* Writes the output in chunks, with the signal between the halves. */
static void write_signalled(FILE *fp, const uint8_t *data, size_t n,
			    size_t step)
{
	sig_atomic_t before = handled;

	write_chunks(fp, data, n / 2, step);
	FUZZ_ASSERT(raise(SIGRTMIN) == 0);
	FUZZ_ASSERT(handled == before + 1);
	write_chunks(fp, data + n / 2, n - n / 2, step);
}

static mode_t new_file_mode(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return 0666 & ~mask;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char dir[] = "/tmp/gpucap-fuzz-output.XXXXXX";
	const struct layout *l;
	struct output o;
	struct gc_error err;
	bool commit, hold;
	mode_t mode;

	if (size < 3 || mkdtemp(dir) == NULL)
		return 0;
	handle_signal();
	gc_error_clear(&err);
	l = &LAYOUTS[data[0] % NLAYOUTS];
	/* Owner read and write stay, so the file can be read back. */
	mode = 0600 | (data[1] & 0177);
	commit = data[2] & 1;
	hold = data[2] & 2;
	make_layout(dir, l, mode);
	if (!l->exists)
		mode = new_file_mode();
	if (l->target == NULL) {
		expect("output_open",
		       output_open(&o, in(dir, l->path), hold, &err), GC_IO,
		       &err);
		check_after(dir, l, false, NULL, 0, 0);
	} else {
		expect("output_open",
		       output_open(&o, in(dir, l->path), hold, &err), GC_OK,
		       &err);
		write_signalled(o.fp, data + 3, size - 3, 1 + (data[2] >> 2));
		if (commit)
			expect("output_commit", output_commit(&o, &err), GC_OK,
			       &err);
		else
			output_abort(&o);
		check_after(dir, l, commit, data + 3, size - 3, mode);
	}
	remove_all(dir);
	return 0;
}
