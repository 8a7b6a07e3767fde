// SPDX-License-Identifier: GPL-2.0
/*
 * Error reporting. Every message names the file it is about, so a build
 * log that runs objtool over several images stays readable.
 */
#include <stdarg.h>
#include <stdio.h>

#include "objtool.h"

bool objtool_quiet;

static void report(const char *path, const char *kind, const char *fmt,
		   va_list ap)
{
	if (objtool_quiet)
		return;
	fprintf(stderr, "objtool: %s: %s", path, kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int error_file(const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(path, "", fmt, ap);
	va_end(ap);
	return -1;
}

void warning_file(const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(path, "warning: ", fmt, ap);
	va_end(ap);
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
