// SPDX-License-Identifier: GPL-2.0
/*
 * objtool: subcommand dispatch. A subcommand owns its own options and
 * returns an exit status (objtool.h), so adding one is one table row.
 */
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "objtool.h"

struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct subcommand subcommands[] = {
	{ "alt-relocs", cmd_alt_relocs,
	  "fill the alt_relocs table from the image's --emit-relocs relocations" },
	{ "static-calls", cmd_static_calls,
	  "record an object's call/jmp sites of static call trampolines" },
	{ "check", cmd_check,
	  "check objects' control flow, stack state and alternatives" },
	{ "orc", cmd_orc,
	  "check an object and add its ORC unwind tables" },
	{ "object", cmd_object,
	  "static-calls and orc in one read and one write (the build's step)" },
	{ "dump", cmd_dump,
	  "print an object's sites and ORC entries per function" },
	{ "orc-sort", cmd_orc_sort,
	  "sort a linked image's ORC tables by address, in place" },
};

#define MAIN_USAGE "usage: objtool SUBCOMMAND [OPTIONS] FILE\n" \
		   "       objtool SUBCOMMAND --help\n"

static void print_help(FILE *out)
{
	size_t i;

	fputs(MAIN_USAGE "\nsubcommands:\n", out);
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		fprintf(out, "  %-12s %s\n", subcommands[i].name,
			subcommands[i].summary);
	fputs("\nexit status: 0 success, 1 error in the input, 2 usage error\n",
	      out);
}

/*
 * One run reads many objects, each into buffers of about its size. Kept
 * in the heap once freed, they serve the next object from pages already
 * faulted in: on a host where a page fault is dear (paravirtualized),
 * fresh mappings per object were the larger part of a run.
 */
static void keep_freed_memory(void)
{
	mallopt(M_MMAP_THRESHOLD, 256 << 20);
	mallopt(M_TRIM_THRESHOLD, 512 << 20);
}

int main(int argc, char **argv)
{
	size_t i;

	keep_freed_memory();
	if (argc < 2)
		return usage_error(MAIN_USAGE, "missing subcommand");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		print_help(stdout);
		return EXIT_OK;
	}
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].run(argc - 1, argv + 1);
	return usage_error(MAIN_USAGE,
			   "unknown subcommand '%s' (try 'objtool --help')",
			   argv[1]);
}
