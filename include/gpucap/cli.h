/* The command line: parses argv, runs a command, prints its errors. */
#ifndef GPUCAP_CLI_H
#define GPUCAP_CLI_H

/* Returns the exit status of SPEC 7. */
int cli_main(int argc, char **argv);

#endif
