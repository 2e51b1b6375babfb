#include "output.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_SUFFIX ".gpucap-XXXXXX"

/* The temporary file being written, for the signal handler to remove: a
 * fixed buffer, since the handler may only touch what is already there. */
static char pending[PATH_MAX];
static volatile sig_atomic_t have_pending;

static const int CAUGHT[] = { SIGTERM, SIGINT, SIGHUP };
#define NCAUGHT (sizeof CAUGHT / sizeof CAUGHT[0])

/* Removes the half-written file, then dies of the signal as if it had not
 * been caught, so the parent sees the usual status. */
static void on_signal(int sig)
{
	if (have_pending)
		unlink(pending);
	signal(sig, SIG_DFL);
	kill(getpid(), sig);
}

static void guard(const char *tmp)
{
	struct sigaction sa;
	size_t i;

	if (strlen(tmp) >= sizeof pending)
		return;
	strcpy(pending, tmp);
	have_pending = 1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NCAUGHT; i++)
		sigaction(CAUGHT[i], &sa, NULL);
}

static void unguard(void)
{
	size_t i;

	have_pending = 0;
	for (i = 0; i < NCAUGHT; i++)
		signal(CAUGHT[i], SIG_DFL);
}

/* Devices and pipes (-o /dev/stdout, a fifo) are written as they are:
 * they cannot be replaced by a rename, and must not be. */
static enum gc_status open_direct(struct output *o, const char *path,
				  struct gc_error *err)
{
	o->fp = fopen(path, "w");
	if (o->fp == NULL)
		return gc_fail(err, GC_IO, path, 0, 0, "cannot write: %s",
			       strerror(errno));
	o->direct = true;
	return GC_OK;
}

static enum gc_status open_temp(struct output *o, const char *path,
				struct gc_error *err)
{
	mode_t mask;
	int fd;

	o->tmp = malloc(strlen(path) + sizeof TMP_SUFFIX);
	if (o->tmp == NULL)
		return gc_fail(err, GC_IO, path, 0, 0, "out of memory");
	strcpy(o->tmp, path);
	strcat(o->tmp, TMP_SUFFIX);
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		free(o->tmp);
		o->tmp = NULL;
		return gc_fail(err, GC_IO, path, 0, 0, "cannot create: %s",
			       strerror(errno));
	}
	guard(o->tmp);
	/* mkstemp makes the file private; give it a new file's usual mode. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	o->fp = fdopen(fd, "w");
	if (o->fp == NULL) {
		close(fd);
		output_abort(o);
		return gc_fail(err, GC_IO, path, 0, 0, "cannot write: %s",
			       strerror(errno));
	}
	return GC_OK;
}

enum gc_status output_open(struct output *o, const char *path, bool hold,
			   struct gc_error *err)
{
	struct stat st;

	memset(o, 0, sizeof *o);
	if ((path == NULL || strcmp(path, "-") == 0) && hold) {
		o->fp = tmpfile();
		o->held = true;
		return o->fp ? GC_OK
			     : gc_fail(err, GC_IO, NULL, 0, 0,
				       "cannot make a temporary file: %s",
				       strerror(errno));
	}
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return GC_OK;
	}
	o->path = path;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return open_direct(o, path, err);
	return open_temp(o, path, err);
}

static enum gc_status write_failed(struct output *o, const char *name, int e,
				   struct gc_error *err)
{
	gc_fail(err, GC_IO, name, 0, 0, "cannot write: %s", strerror(e));
	output_abort(o);
	return GC_IO;
}

/* The held output, now complete, onto standard output. */
static enum gc_status release(struct output *o, struct gc_error *err)
{
	char buf[64 * 1024];
	size_t n;
	bool failed = fflush(o->fp) != 0 || fseek(o->fp, 0, SEEK_SET) != 0;

	while (!failed) {
		n = fread(buf, 1, sizeof buf, o->fp);
		if (n == 0)
			break;
		failed = fwrite(buf, 1, n, stdout) != n;
	}
	failed |= ferror(o->fp) || fflush(stdout) != 0;
	fclose(o->fp);
	o->fp = NULL;
	return failed ? gc_fail(err, GC_IO, NULL, 0, 0, "write error: %s",
				strerror(errno))
		      : GC_OK;
}

enum gc_status output_commit(struct output *o, struct gc_error *err)
{
	bool failed;
	int e;

	if (o->held)
		return release(o, err);
	if (o->path == NULL) {
		failed = fflush(o->fp) != 0 || ferror(o->fp);
		return failed ? gc_fail(err, GC_IO, NULL, 0, 0,
					"write error: %s", strerror(errno))
			      : GC_OK;
	}
	errno = 0;
	failed = fflush(o->fp) != 0 || ferror(o->fp);
	e = errno ? errno : EIO;
	failed |= fclose(o->fp) != 0;
	o->fp = NULL;
	if (failed)
		return write_failed(o, o->path, e, err);
	if (!o->direct && rename(o->tmp, o->path) != 0)
		return write_failed(o, o->path, errno, err);
	unguard();
	free(o->tmp);
	o->tmp = NULL;
	return GC_OK;
}

void output_abort(struct output *o)
{
	if (o->held && o->fp != NULL)
		fclose(o->fp);
	if (o->held || o->path == NULL) {
		o->fp = NULL;
		return;
	}
	if (o->fp != NULL)
		fclose(o->fp);
	if (o->tmp != NULL) {
		unlink(o->tmp);
		unguard();
	}
	free(o->tmp);
	o->fp = NULL;
	o->tmp = NULL;
}
