/* gpucap: GPU fleet capacity in H100 equivalents. Everything happens in
 * the modules; main only makes sure stdout really reached its file. */
#include <stdio.h>
#include <string.h>
#include <errno.h>

#include "gpucap/cli.h"
#include "gpucap/diag.h"
#include "output.h"

int main(int argc, char **argv)
{
	int status;

	/* Before anything is opened, so no file becomes fd 0, 1 or 2. */
	output_plug_std_fds();
	status = cli_main(argc, argv);

	/* A full disk or a closed pipe must not be reported as success; a
	 * failure a command already reported is not reported twice. */
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		if (status == GC_OK || status == GC_CHECK_FAILED)
			errorf("write error: %s", strerror(errno));
		if (status == GC_OK || status == GC_CHECK_FAILED)
			status = GC_IO;
	}
	return status;
}
