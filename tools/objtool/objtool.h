/* SPDX-License-Identifier: GPL-2.0 */
/*
 * objtool: the host tool that post-processes the linked guest image.
 * Each subcommand is one cmd_*() entry point, dispatched from main.c.
 */
#ifndef OBJTOOL_H
#define OBJTOOL_H

#include <stdbool.h>

/* Exit status: 0 success, 1 the input is wrong, 2 the command line is. */
#define EXIT_OK		0
#define EXIT_ERROR	1
#define EXIT_USAGE	2

int cmd_alt_relocs(int argc, char **argv);
int cmd_static_calls(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_orc(int argc, char **argv);
int cmd_object(int argc, char **argv);
int cmd_dump(int argc, char **argv);
int cmd_orc_sort(int argc, char **argv);

/* Set by the fuzzer: error_file() and warning_file() print nothing. */
extern bool objtool_quiet;

/* "objtool: PATH: message" on stderr; returns -1, to be returned at once. */
int error_file(const char *path, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "objtool: PATH: warning: message" on stderr; not an error. */
void warning_file(const char *path, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "objtool: message" and a usage line on stderr; returns EXIT_USAGE. */
int usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
