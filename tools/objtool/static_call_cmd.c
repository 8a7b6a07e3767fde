// SPDX-License-Identifier: GPL-2.0
/*
 * objtool static-calls: record the plain C static call sites of one or
 * more relocatable objects in their static_call_sites tables, in place.
 * Running it twice changes nothing the second time (recorded sites are
 * skipped like asm-recorded ones).
 */
#include <stdio.h>
#include <string.h>

#include "objtool.h"
#include "static_call_sites.h"

#define USAGE "usage: objtool static-calls [--verbose] [--dry-run] FILE.o...\n"

/* Returns -1 to go on, or the exit status; @files is argv's FILE list. */
static int parse_options(int argc, char **argv, unsigned int *flags,
			 int *first_file)
{
	int i;

	*flags = 0;
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (!strcmp(arg, "--")) {
			i++;
			break;
		}
		if (arg[0] != '-' || !arg[1])
			break;
		if (!strcmp(arg, "--verbose") || !strcmp(arg, "-v"))
			*flags |= STATIC_CALLS_VERBOSE;
		else if (!strcmp(arg, "--dry-run") || !strcmp(arg, "-n"))
			*flags |= STATIC_CALLS_DRY_RUN;
		else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			fputs(USAGE, stdout);
			return EXIT_OK;
		} else
			return usage_error(USAGE, "static-calls: unknown option '%s'", arg);
	}
	if (i >= argc)
		return usage_error(USAGE, "static-calls: missing FILE");
	*first_file = i;
	return -1;
}

/* 0, or -1 after an error message. */
static int record_file(const char *path, unsigned int flags)
{
	bool writable = !(flags & STATIC_CALLS_DRY_RUN);
	struct static_call_counts counts;
	struct elf_file ef;
	int ret;

	ret = elf_file_open_object_any_arch(&ef, path, writable) ||
	      static_call_sites_record(&ef, flags, &counts);
	if (!ret && writable && counts.recorded)
		ret = elf_file_update(&ef);
	if (!ret && (flags & STATIC_CALLS_VERBOSE))
		printf("%s: %zu sites %s, %zu already recorded, %zu references refused\n",
		       path, counts.recorded, writable ? "recorded" : "found",
		       counts.already, counts.refused);
	elf_file_close(&ef);
	return ret ? -1 : 0;
}

int cmd_static_calls(int argc, char **argv)
{
	unsigned int flags;
	int first = 0, i, ret;
	bool failed = false;

	ret = parse_options(argc, argv, &flags, &first);
	if (ret >= 0)
		return ret;
	for (i = first; i < argc; i++)
		if (record_file(argv[i], flags))
			failed = true;
	return failed ? EXIT_ERROR : EXIT_OK;
}
