/* Where -o writes: what is replaced and how, what is written in place,
 * what a signal leaves behind, and the placeholders for closed standard
 * descriptors. Each test works in a fresh directory; what it expects
 * there is listed by hand. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"

#include "output.h"

struct fixture {
	char dir[64];
};

/* Paths handed out by at(), in turn. */
static char paths[4][512];
static int next_path;

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	if (f == NULL)
		return -1;
	strcpy(f->dir, "/tmp/gpucap-test-output.XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

/* Removes the directory and what is in it, one level of subdirectories
 * deep (the deepest any test goes). */
static void remove_tree(const char *dir)
{
	char sub[600];
	struct dirent *e;
	struct stat st;
	DIR *d = opendir(dir);

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(sub);
		else
			unlink(sub);
	}
	if (d != NULL)
		closedir(d);
	rmdir(dir);
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	remove_tree(f->dir);
	free(f);
	return 0;
}

/* dir/name, in one of a few rotating buffers. */
static const char *at(struct fixture *f, const char *name)
{
	char *p = paths[next_path++ % 4];

	snprintf(p, sizeof paths[0], "%s/%s", f->dir, name);
	return p;
}

static void put(const char *path, const char *text, mode_t mode)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(chmod(path, mode), 0);
}

/* The file's text (up to 255 bytes). */
static const char *text_of(const char *path)
{
	static char text[256];
	FILE *fp = fopen(path, "r");
	size_t n;

	if (fp == NULL)
		return "(no file)";
	n = fread(text, 1, sizeof text - 1, fp);
	text[n] = '\0';
	fclose(fp);
	return text;
}

/* The names in dir, sorted, one space between. */
static const char *names_in(const char *dir)
{
	static char list[512];
	char names[16][256], tmp[256];
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0, i, j;

	list[0] = '\0';
	while (d != NULL && (e = readdir(d)) != NULL && n < 16)
		if (e->d_name[0] != '.')
			snprintf(names[n++], sizeof names[0], "%s", e->d_name);
	if (d != NULL)
		closedir(d);
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			strcpy(tmp, names[j]);
			strcpy(names[j], names[j - 1]);
			strcpy(names[j - 1], tmp);
		}
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(list, " ");
		strcat(list, names[i]);
	}
	return list;
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

/* Opens path, writes text and commits; the status of the first failing
 * step. */
static enum gc_status write_through(const char *path, const char *text)
{
	struct output o;
	struct gc_error err;
	enum gc_status st = output_open(&o, path, false, &err);

	if (st != GC_OK)
		return st;
	fputs(text, o.fp);
	return output_commit(&o, &err);
}

static void test_replace_keeps_mode(void **state)
{
	struct fixture *f = *state;

	put(at(f, "out"), "old\n", 0600);
	assert_int_equal(write_through(at(f, "out"), "new\n"), GC_OK);
	assert_string_equal(text_of(at(f, "out")), "new\n");
	assert_int_equal(mode_of(at(f, "out")), 0600);
	put(at(f, "out"), "old\n", 0751);
	assert_int_equal(write_through(at(f, "out"), "new\n"), GC_OK);
	assert_int_equal(mode_of(at(f, "out")), 0751);
	assert_string_equal(names_in(f->dir), "out");
}

static void test_abort_keeps_old(void **state)
{
	struct fixture *f = *state;
	struct output o;
	struct gc_error err;

	put(at(f, "out"), "old\n", 0644);
	assert_int_equal(output_open(&o, at(f, "out"), false, &err), GC_OK);
	fputs("new\n", o.fp);
	output_abort(&o);
	assert_string_equal(text_of(at(f, "out")), "old\n");
	assert_string_equal(names_in(f->dir), "out");
}

/* links/latest -> step -> ../data/t: t is replaced, in data/, and both
 * links stay links with their text. */
static void test_symlink_followed(void **state)
{
	struct fixture *f = *state;
	char text[64];
	ssize_t n;

	assert_int_equal(mkdir(at(f, "data"), 0755), 0);
	assert_int_equal(mkdir(at(f, "links"), 0755), 0);
	put(at(f, "data/t"), "old\n", 0640);
	assert_int_equal(symlink("../data/t", at(f, "links/step")), 0);
	assert_int_equal(symlink("step", at(f, "links/latest")), 0);
	assert_int_equal(write_through(at(f, "links/latest"), "new\n"), GC_OK);
	assert_string_equal(text_of(at(f, "data/t")), "new\n");
	assert_int_equal(mode_of(at(f, "data/t")), 0640);
	n = readlink(at(f, "links/latest"), text, sizeof text - 1);
	assert_int_equal(n, 4);
	assert_memory_equal(text, "step", 4);
	assert_string_equal(names_in(at(f, "data")), "t");
	assert_string_equal(names_in(at(f, "links")), "latest step");
}

/* A dangling link's target is created (0666 & ~umask, here 0640), as
 * the shell's > would; the link stays. */
static void test_dangling_created(void **state)
{
	struct fixture *f = *state;
	struct stat st;
	mode_t mask = umask(027);

	assert_int_equal(symlink("new.csv", at(f, "link")), 0);
	assert_int_equal(write_through(at(f, "link"), "new\n"), GC_OK);
	umask(mask);
	assert_string_equal(text_of(at(f, "new.csv")), "new\n");
	assert_int_equal(mode_of(at(f, "new.csv")), 0640);
	assert_int_equal(lstat(at(f, "link"), &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_string_equal(names_in(f->dir), "link new.csv");
}

/* A loop and a directory are refused, naming the path, leaving all as
 * it was. */
static void test_refused(void **state)
{
	struct fixture *f = *state;
	struct output o;
	struct gc_error err;
	char want[128];

	assert_int_equal(symlink("l2", at(f, "l1")), 0);
	assert_int_equal(symlink("l1", at(f, "l2")), 0);
	assert_int_equal(output_open(&o, at(f, "l1"), false, &err), GC_IO);
	snprintf(want, sizeof want, "cannot write: %s", strerror(ELOOP));
	assert_string_equal(err.msg, want);
	assert_string_equal(err.file, at(f, "l1"));
	assert_int_equal(mkdir(at(f, "d"), 0755), 0);
	assert_int_equal(output_open(&o, at(f, "d"), false, &err), GC_IO);
	snprintf(want, sizeof want, "cannot write: %s", strerror(EISDIR));
	assert_string_equal(err.msg, want);
	assert_string_equal(names_in(f->dir), "d l1 l2");
}

/* /proc/self/fd/N names an open file, not a place: it is appended to
 * through the link, never replaced (the inode stays the same). */
static void test_proc_fd_appended(void **state)
{
	struct fixture *f = *state;
	struct stat before, after;
	char path[64];
	int fd;

	if (access("/proc/self/fd", F_OK) != 0)
		skip();
	put(at(f, "held"), "keep\n", 0644);
	fd = open(at(f, "held"), O_WRONLY | O_APPEND);
	assert_true(fd >= 0);
	assert_int_equal(stat(at(f, "held"), &before), 0);
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	assert_int_equal(write_through(path, "new\n"), GC_OK);
	close(fd);
	assert_string_equal(text_of(at(f, "held")), "keep\nnew\n");
	assert_int_equal(stat(at(f, "held"), &after), 0);
	assert_true(before.st_ino == after.st_ino);
	assert_string_equal(names_in(f->dir), "held");
}

/* Only root can give a file away; as root the replacement keeps owner,
 * group and the set-user-id bit that goes with the owner. */
static void test_owner_kept(void **state)
{
	struct fixture *f = *state;
	struct stat st;

	if (geteuid() != 0)
		skip();
	put(at(f, "out"), "old\n", 0644);
	assert_int_equal(chown(at(f, "out"), 1234, 2345), 0);
	assert_int_equal(chmod(at(f, "out"), 04750), 0);
	assert_int_equal(write_through(at(f, "out"), "new\n"), GC_OK);
	assert_int_equal(stat(at(f, "out"), &st), 0);
	assert_int_equal(st.st_uid, 1234);
	assert_int_equal(st.st_gid, 2345);
	assert_int_equal(st.st_mode & 07777, 04750);
}

/* In a child: open dir/out, write, make sure the temporary file is
 * there, then take sig. Exit codes say what went wrong instead. */
static void child_signalled(struct fixture *f, int sig)
{
	struct rlimit no_core = { 0, 0 };
	struct output o;
	struct gc_error err;

	setrlimit(RLIMIT_CORE, &no_core);
	if (output_open(&o, at(f, "out"), false, &err) != GC_OK)
		_exit(97);
	fputs("new\n", o.fp);
	fflush(o.fp);
	if (strncmp(names_in(f->dir), "out out.gpucap-", 15) != 0)
		_exit(98);
	raise(sig);
	_exit(99);
}

/* Every catchable signal that ends a process by default, listed from
 * POSIX's table of default actions (T and A), less the faults (BUS,
 * FPE, ILL, SEGV, SYS, TRAP) and KILL, plus Linux's PWR and STKFLT and
 * the real-time signals: the process dies of it, the temporary file is
 * gone and the old file stays. */
static void test_signals_remove_temp(void **state)
{
	struct fixture *f = *state;
	int sigs[] = {
		SIGHUP,	 SIGINT,  SIGQUIT, SIGTERM,   SIGPIPE, SIGALRM,
		SIGUSR1, SIGUSR2, SIGABRT, SIGXCPU,   SIGXFSZ, SIGVTALRM,
		SIGPROF, SIGPOLL, SIGPWR,  SIGSTKFLT, 0,       0,
	};
	size_t n = sizeof sigs / sizeof sigs[0], i;
	int status;
	pid_t pid;

	sigs[n - 2] = SIGRTMIN;
	sigs[n - 1] = SIGRTMAX;
	put(at(f, "out"), "old\n", 0644);
	for (i = 0; i < n; i++) {
		fflush(NULL);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0)
			child_signalled(f, sigs[i]);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		if (!WIFSIGNALED(status) || WTERMSIG(status) != sigs[i])
			fail_msg("signal %d: status %#x", sigs[i], status);
		assert_string_equal(names_in(f->dir), "out");
		assert_string_equal(text_of(at(f, "out")), "old\n");
	}
}

static volatile sig_atomic_t usr1_seen;

static void on_usr1(int sig)
{
	(void)sig;
	usr1_seen++;
}

/* In a child: a signal the caller ignores stays ignored while the file
 * is written (nohup's HUP must not become fatal), and a handler the
 * caller set is theirs again after commit. */
static void child_dispositions(struct fixture *f)
{
	struct sigaction now;

	signal(SIGHUP, SIG_IGN);
	signal(SIGUSR1, on_usr1);
	{
		struct output o;
		struct gc_error err;

		if (output_open(&o, at(f, "out"), false, &err) != GC_OK)
			_exit(97);
		fputs("new\n", o.fp);
		raise(SIGHUP);
		if (output_commit(&o, &err) != GC_OK)
			_exit(96);
	}
	sigaction(SIGHUP, NULL, &now);
	if (now.sa_handler != SIG_IGN)
		_exit(95);
	raise(SIGUSR1);
	_exit(usr1_seen == 1 ? 0 : 94);
}

static void test_dispositions_kept(void **state)
{
	struct fixture *f = *state;
	int status;
	pid_t pid;

	put(at(f, "out"), "old\n", 0644);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		child_dispositions(f);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_string_equal(text_of(at(f, "out")), "new\n");
	assert_string_equal(names_in(f->dir), "out");
}

/* In a child: the caller has a handler for USR1 that returns, as
 * libFuzzer's SIGALRM handler (its -timeout watchdog) does. The signal
 * arrives while the file is written, the handler runs once, and the
 * process goes on, so the temporary file must still be there to be
 * committed. (The guard used to remove it and re-raise, as if the signal
 * were fatal; the commit then failed with ENOENT.) Exit codes say which
 * step went wrong. */
static void child_handler_returns(struct fixture *f)
{
	struct output o;
	struct gc_error err;

	signal(SIGUSR1, on_usr1);
	if (output_open(&o, at(f, "out"), false, &err) != GC_OK)
		_exit(97);
	fputs("new\n", o.fp);
	raise(SIGUSR1);
	if (usr1_seen != 1)
		_exit(95);
	if (strncmp(names_in(f->dir), "out out.gpucap-", 15) != 0)
		_exit(94);
	fputs("more\n", o.fp);
	_exit(output_commit(&o, &err) == GC_OK ? 0 : 96);
}

/* Expected by hand: the handler ran, both writes are in out ("new\n"
 * then "more\n"), it kept its 0640, and only out is left. */
static void test_caller_handler_keeps_temp(void **state)
{
	struct fixture *f = *state;
	int status;
	pid_t pid;

	put(at(f, "out"), "old\n", 0640);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		child_handler_returns(f);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_string_equal(text_of(at(f, "out")), "new\nmore\n");
	assert_int_equal(mode_of(at(f, "out")), 0640);
	assert_string_equal(names_in(f->dir), "out");
}

/* In a child with 0, 1 and 2 closed: after plugging, each is open, reads
 * of 0 and writes of 1 and 2 fail as on a closed descriptor, and the next
 * file opened (an -o temporary file) is not one of them. */
static void child_plugged(struct fixture *f)
{
	struct output o;
	struct gc_error err;
	char c;

	close(0);
	close(1);
	close(2);
	output_plug_std_fds();
	if (fcntl(0, F_GETFD) < 0 || fcntl(1, F_GETFD) < 0 ||
	    fcntl(2, F_GETFD) < 0)
		_exit(90);
	if (read(0, &c, 1) != -1 || errno != EBADF)
		_exit(91);
	if (write(1, "x", 1) != -1 || errno != EBADF)
		_exit(92);
	if (write(2, "x", 1) != -1 || errno != EBADF)
		_exit(93);
	if (output_open(&o, at(f, "out"), false, &err) != GC_OK)
		_exit(94);
	if (fileno(o.fp) <= 2)
		_exit(95);
	fputs("new\n", o.fp);
	_exit(output_commit(&o, &err) == GC_OK ? 0 : 96);
}

static void test_closed_std_fds_plugged(void **state)
{
	struct fixture *f = *state;
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		child_plugged(f);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_string_equal(text_of(at(f, "out")), "new\n");
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_replace_keeps_mode),
		T(test_abort_keeps_old),
		T(test_symlink_followed),
		T(test_dangling_created),
		T(test_refused),
		T(test_proc_fd_appended),
		T(test_owner_kept),
		T(test_signals_remove_temp),
		T(test_dispositions_kept),
		T(test_caller_handler_keeps_temp),
		T(test_closed_std_fds_plugged),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
