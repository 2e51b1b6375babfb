#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_SUFFIX ".gpucap-XXXXXX"
/* Links followed before a path counts as a loop (the kernel's own limit). */
#define MAX_HOPS 40
/* Above every signal number of the systems we know (Linux: 64). */
#define SIG_LIMIT 128

/* ---- signals ---- */

/* The temporary file being written, for the signal handler to remove: a
 * fixed buffer, since the handler may only touch what is already there. */
static char pending[PATH_MAX];
static volatile sig_atomic_t have_pending;
/* What each signal did before we caught it, to give it back. */
static struct sigaction saved[SIG_LIMIT];
static bool installed[SIG_LIMIT];

/* The signals that end a process by default and can be caught, besides
 * the real-time ones. Faults (SEGV, BUS, ILL, FPE, TRAP, SYS) are left
 * alone: they mean a bug, and the sanitizers and debuggers that report
 * them need their own handlers to stay in place. */
static const int FATAL[] = {
	SIGHUP,	   SIGINT,  SIGQUIT, SIGTERM,	SIGPIPE, SIGALRM, SIGUSR1,
	SIGUSR2,   SIGABRT, SIGXCPU, SIGVTALRM, SIGPROF, SIGXFSZ,
#ifdef SIGPOLL
	SIGPOLL,
#endif
#ifdef SIGPWR
	SIGPWR,
#endif
#ifdef SIGSTKFLT
	SIGSTKFLT,
#endif
};
#define NFATAL (sizeof FATAL / sizeof FATAL[0])

static bool is_fatal(int sig)
{
	size_t i;

	for (i = 0; i < NFATAL; i++)
		if (FATAL[i] == sig)
			return true;
	return sig >= SIGRTMIN && sig <= SIGRTMAX;
}

/* Removes the half-written file, then lets the signal do what it did
 * before we caught it: end the process, so the parent sees the usual
 * status (catch_one takes only signals at their default). */
static void on_signal(int sig)
{
	if (have_pending)
		unlink(pending);
	have_pending = 0;
	sigaction(sig, &saved[sig], NULL);
	kill(getpid(), sig);
}

/* Only a signal still at its default, the one that ends the process, is
 * caught. One the caller ignores (nohup, trap '' PIPE) stays ignored: a
 * handler would make it fatal. One the caller handles is theirs, and the
 * handler may return (libFuzzer's SIGALRM watchdog does, every few
 * seconds): removing the file then would make the commit fail on a
 * process that lives on. */
static void catch_one(int sig, const struct sigaction *sa)
{
	struct sigaction old;

	if (installed[sig] || sigaction(sig, NULL, &old) != 0)
		return;
	if ((old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL)
		return;
	saved[sig] = old;
	if (sigaction(sig, sa, NULL) == 0)
		installed[sig] = true;
}

static void guard(const char *tmp)
{
	struct sigaction sa;
	int sig;

	if (strlen(tmp) >= sizeof pending)
		return;
	strcpy(pending, tmp);
	have_pending = 1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	/* One signal at a time: the handler runs to its end. */
	sigfillset(&sa.sa_mask);
	for (sig = 1; sig < SIG_LIMIT; sig++)
		if (is_fatal(sig))
			catch_one(sig, &sa);
}

static void unguard(void)
{
	int sig;

	have_pending = 0;
	for (sig = 1; sig < SIG_LIMIT; sig++) {
		if (installed[sig])
			sigaction(sig, &saved[sig], NULL);
		installed[sig] = false;
	}
}

/* ---- standard descriptors ---- */

/* A pipe end in the wrong direction: standard input gets a write end
 * (reading it fails), output and error a read end (writing fails), with
 * the other end closed. A pipe, not /dev/null, so -o /dev/null is never
 * mistaken for standard output. */
static void plug(int fd)
{
	int p[2], keep;

	if (pipe(p) != 0)
		return;
	keep = fd == 0 ? p[1] : p[0];
	if (keep != fd)
		dup2(keep, fd);
	if (p[0] != fd)
		close(p[0]);
	if (p[1] != fd)
		close(p[1]);
}

void output_plug_std_fds(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF)
			plug(fd);
}

/* ---- what a path names ---- */

static bool same_file(const struct stat *st, int fd)
{
	struct stat fs;

	return fstat(fd, &fs) == 0 && fs.st_dev == st->st_dev &&
	       fs.st_ino == st->st_ino;
}

/* Whether -o names the file standard output already is (/dev/stdout,
 * /proc/self/fd/1, the file stdout is redirected to): writing stdout
 * itself is the only way to put the output where the caller looks. */
static bool is_stdout(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && same_file(&st, STDOUT_FILENO);
}

/* A link in /proc (/proc/self/fd/N, what /dev/fd/N leads to) stands for
 * an open file, not a place: its text is not a path to replace. */
static bool in_proc(const struct stat *link)
{
	struct stat proc;

	return lstat("/proc/self", &proc) == 0 && proc.st_dev == link->st_dev;
}

/* Where a link's text leads: relative text is relative to the link's
 * directory. */
static char *next_hop(const char *link, const char *text)
{
	const char *slash = strrchr(link, '/');
	size_t dir = slash && text[0] != '/' ? (size_t)(slash - link) + 1 : 0;
	char *next = malloc(dir + strlen(text) + 1);

	if (next != NULL) {
		memcpy(next, link, dir);
		strcpy(next + dir, text);
	}
	return next;
}

static enum gc_status link_failed(struct output *o, int e, struct gc_error *err)
{
	return gc_fail(err, GC_IO, o->path, 0, 0, "cannot write: %s",
		       strerror(e));
}

/* One step along a link: o->target becomes what it points to. Returns 0
 * or an errno value. */
static int hop(struct output *o)
{
	char text[PATH_MAX], *next;
	ssize_t n = readlink(o->target, text, sizeof text - 1);

	if (n < 0)
		return errno;
	if (n == (ssize_t)sizeof text - 1)
		return ENAMETOOLONG;
	text[n] = '\0';
	next = next_hop(o->target, text);
	if (next == NULL)
		return ENOMEM;
	free(o->target);
	o->target = next;
	return 0;
}

/* Follows o->path's links to the name that is not one into o->target. It
 * may not exist yet: a dangling link's target is created, as the shell's
 * > would. Stops at a link in /proc, setting *proc. */
static enum gc_status final_name(struct output *o, bool *proc,
				 struct gc_error *err)
{
	struct stat st;
	int hops, e;

	*proc = false;
	o->target = malloc(strlen(o->path) + 1);
	if (o->target == NULL)
		return link_failed(o, ENOMEM, err);
	strcpy(o->target, o->path);
	for (hops = 0; hops <= MAX_HOPS; hops++) {
		if (lstat(o->target, &st) != 0)
			return errno == ENOENT ? GC_OK
					       : link_failed(o, errno, err);
		if (!S_ISLNK(st.st_mode))
			return GC_OK;
		if (in_proc(&st)) {
			*proc = true;
			return GC_OK;
		}
		e = hop(o);
		if (e != 0)
			return link_failed(o, e, err);
	}
	return link_failed(o, ELOOP, err);
}

/* ---- opening ---- */

/* With hold, the output waits in an anonymous temporary file until
 * commit copies it to sink; without, it goes to sink as it is written. */
static enum gc_status open_sink(struct output *o, FILE *sink, bool hold,
				struct gc_error *err)
{
	if (!hold) {
		o->fp = sink;
		return GC_OK;
	}
	o->held = true;
	o->sink = sink;
	o->fp = tmpfile();
	if (o->fp != NULL)
		return GC_OK;
	gc_fail(err, GC_IO, o->path, 0, 0, "cannot make a temporary file: %s",
		strerror(errno));
	output_abort(o);
	return GC_IO;
}

/* Devices, FIFOs and open files named through /proc are written as they
 * are: they cannot be replaced by a rename, and must not be. An open file
 * is appended to, so what the caller already has in it stays. */
static enum gc_status open_direct(struct output *o, const char *mode, bool hold,
				  struct gc_error *err)
{
	FILE *fp = fopen(o->path, mode);

	if (fp == NULL)
		return gc_fail(err, GC_IO, o->path, 0, 0, "cannot write: %s",
			       strerror(errno));
	o->direct = true;
	return open_sink(o, fp, hold, err);
}

/* The file standard error is (-o /dev/stderr): written through a copy of
 * descriptor 2, so it lands where the caller's redirection points. */
static enum gc_status open_stderr(struct output *o, bool hold,
				  struct gc_error *err)
{
	int fd = dup(STDERR_FILENO);
	FILE *fp = fd < 0 ? NULL : fdopen(fd, "w");

	if (fp == NULL) {
		if (fd >= 0)
			close(fd);
		return gc_fail(err, GC_IO, o->path, 0, 0, "cannot write: %s",
			       strerror(errno));
	}
	o->direct = true;
	return open_sink(o, fp, hold, err);
}

/* The replacement gets the old file's mode and owner: only root may give
 * a file away, but any member may give it their group. A set-id bit is
 * kept only with the owner or group it was set for. Without an old file,
 * the mode a new file usually gets. */
static void keep_attributes(int fd, const struct stat *old)
{
	struct stat now;
	mode_t mask, mode;

	if (old == NULL) {
		mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
		return;
	}
	mode = old->st_mode & 07777;
	if (fchown(fd, old->st_uid, old->st_gid) != 0)
		fchown(fd, (uid_t)-1, old->st_gid);
	if (fstat(fd, &now) != 0 || now.st_uid != old->st_uid)
		mode &= ~(mode_t)S_ISUID;
	if (fstat(fd, &now) != 0 || now.st_gid != old->st_gid)
		mode &= ~(mode_t)S_ISGID;
	fchmod(fd, mode);
}

/* A temporary file beside o->target, renamed over it at commit; on
 * failure the caller aborts. */
static enum gc_status open_temp(struct output *o, const struct stat *old,
				struct gc_error *err)
{
	int fd;

	o->tmp = malloc(strlen(o->target) + sizeof TMP_SUFFIX);
	if (o->tmp == NULL)
		return gc_fail(err, GC_IO, o->path, 0, 0, "out of memory");
	strcpy(o->tmp, o->target);
	strcat(o->tmp, TMP_SUFFIX);
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		free(o->tmp);
		o->tmp = NULL;
		return gc_fail(err, GC_IO, o->path, 0, 0, "cannot create: %s",
			       strerror(errno));
	}
	guard(o->tmp);
	keep_attributes(fd, old);
	o->fp = fdopen(fd, "w");
	if (o->fp != NULL)
		return GC_OK;
	gc_fail(err, GC_IO, o->path, 0, 0, "cannot write: %s", strerror(errno));
	close(fd);
	return GC_IO;
}

/* A regular file, or a path through links to one: replaced. */
static enum gc_status open_file(struct output *o, const struct stat *old,
				bool hold, struct gc_error *err)
{
	bool proc;
	enum gc_status st = final_name(o, &proc, err);

	if (st != GC_OK) {
		output_abort(o);
		return st;
	}
	if (proc)
		return open_direct(o, "a", hold, err);
	st = open_temp(o, old, err);
	if (st != GC_OK)
		output_abort(o);
	return st;
}

static enum gc_status open_path(struct output *o, bool hold,
				struct gc_error *err)
{
	struct stat st;

	/* An empty name is no file to create, though stat says ENOENT. */
	if (stat(o->path, &st) != 0)
		return errno == ENOENT && o->path[0] != '\0'
			       ? open_file(o, NULL, hold, err)
			       : gc_fail(err, GC_IO, o->path, 0, 0,
					 "cannot write: %s", strerror(errno));
	if (same_file(&st, STDERR_FILENO))
		return open_stderr(o, hold, err);
	if (!S_ISREG(st.st_mode))
		return open_direct(o, "w", hold, err);
	return open_file(o, &st, hold, err);
}

enum gc_status output_open(struct output *o, const char *path, bool hold,
			   struct gc_error *err)
{
	memset(o, 0, sizeof *o);
	if (path != NULL && (strcmp(path, "-") == 0 || is_stdout(path)))
		path = NULL;
	if (path == NULL)
		return open_sink(o, stdout, hold, err);
	o->path = path;
	return open_path(o, hold, err);
}

/* ---- finishing ---- */

static int why(void)
{
	return errno != 0 ? errno : EIO;
}

static enum gc_status write_failed(struct output *o, int e,
				   struct gc_error *err)
{
	gc_fail(err, GC_IO, o->path, 0, 0, "write error: %s", strerror(e));
	output_abort(o);
	return GC_IO;
}

/* The held output, now complete, onto its sink. */
static enum gc_status release(struct output *o, struct gc_error *err)
{
	char buf[64 * 1024];
	size_t n;
	int e = 0;

	errno = 0;
	if (fflush(o->fp) != 0 || fseek(o->fp, 0, SEEK_SET) != 0)
		e = why();
	while (e == 0) {
		n = fread(buf, 1, sizeof buf, o->fp);
		if (n == 0)
			break;
		if (fwrite(buf, 1, n, o->sink) != n)
			e = why();
	}
	if (e == 0 && ferror(o->fp))
		e = EIO;
	if (e == 0 && fflush(o->sink) != 0)
		e = why();
	if (o->sink != stdout && fclose(o->sink) != 0 && e == 0)
		e = why();
	o->sink = NULL;
	if (e != 0)
		return write_failed(o, e, err);
	fclose(o->fp);
	o->fp = NULL;
	return GC_OK;
}

/* Frees what output_open allocated, once nothing is left to undo. */
static void forget(struct output *o)
{
	free(o->tmp);
	free(o->target);
	memset(o, 0, sizeof *o);
}

enum gc_status output_commit(struct output *o, struct gc_error *err)
{
	bool failed;
	int e;

	if (o->held)
		return release(o, err);
	errno = 0;
	failed = fflush(o->fp) != 0 || ferror(o->fp);
	e = why();
	if (o->fp == stdout) {
		o->fp = NULL;
		return failed ? write_failed(o, e, err) : GC_OK;
	}
	if (fclose(o->fp) != 0 && !failed) {
		failed = true;
		e = why();
	}
	o->fp = NULL;
	if (failed)
		return write_failed(o, e, err);
	if (!o->direct && rename(o->tmp, o->target) != 0)
		return write_failed(o, errno, err);
	if (o->tmp != NULL)
		unguard();
	forget(o);
	return GC_OK;
}

void output_abort(struct output *o)
{
	if (o->fp != NULL && o->fp != stdout)
		fclose(o->fp);
	if (o->sink != NULL && o->sink != stdout)
		fclose(o->sink);
	if (o->tmp != NULL) {
		unlink(o->tmp);
		unguard();
	}
	forget(o);
}
