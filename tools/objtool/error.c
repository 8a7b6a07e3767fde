// SPDX-License-Identifier: GPL-2.0
/*
 * Error reporting. Every message names the file it is about, so a build
 * log that runs objtool over several images stays readable.
 */
#include <stdarg.h>
#include <stdio.h>

#include "objtool.h"

int error_file(const char *path, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "objtool: %s: ", path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

int usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;

	fputs("objtool: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", usage);
	return EXIT_USAGE;
}
