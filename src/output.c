#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_SUFFIX ".gpucap-XXXXXX"

enum gc_status output_open(struct output *o, const char *path,
			   struct gc_error *err)
{
	mode_t mask;
	int fd;

	memset(o, 0, sizeof *o);
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return GC_OK;
	}
	o->path = path;
	o->tmp = malloc(strlen(path) + sizeof TMP_SUFFIX);
	if (o->tmp == NULL)
		return gc_fail(err, GC_IO, path, 0, 0, "out of memory");
	strcpy(o->tmp, path);
	strcat(o->tmp, TMP_SUFFIX);
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		gc_fail(err, GC_IO, path, 0, 0, "cannot create: %s",
			strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return GC_IO;
	}
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

enum gc_status output_commit(struct output *o, struct gc_error *err)
{
	int failed;

	if (o->path == NULL)
		return fflush(o->fp) == 0 && !ferror(o->fp)
			       ? GC_OK
			       : gc_fail(err, GC_IO, "<stdout>", 0, 0,
					 "write error: %s", strerror(errno));
	failed = fflush(o->fp) != 0 || ferror(o->fp);
	failed |= fclose(o->fp) != 0;
	o->fp = NULL;
	if (failed || rename(o->tmp, o->path) != 0) {
		gc_fail(err, GC_IO, o->path, 0, 0, "cannot write: %s",
			strerror(errno));
		output_abort(o);
		return GC_IO;
	}
	free(o->tmp);
	o->tmp = NULL;
	return GC_OK;
}

void output_abort(struct output *o)
{
	if (o->path == NULL)
		return;
	if (o->fp != NULL)
		fclose(o->fp);
	if (o->tmp != NULL)
		unlink(o->tmp);
	free(o->tmp);
	o->fp = NULL;
	o->tmp = NULL;
}
