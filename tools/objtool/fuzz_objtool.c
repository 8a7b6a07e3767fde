// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: every input is an ELF file handed to objtool's
 * subcommands exactly as the command line would hand it over. The input
 * goes into a memfd and each subcommand opens "/proc/self/fd/N", so the
 * fuzzer runs the same entry points (cmd_*()) as the build, writing
 * included: static-calls and object grow an object in place (dump reads
 * the result back), alt-relocs and orc-sort patch an image's tables.
 *
 * Built by "make fuzz" (clang -fsanitize=fuzzer,address,undefined) from
 * every objtool source but main.c; never part of the objtool binary.
 * Messages are silenced (objtool_quiet): every input is wrong somehow,
 * and the fuzzer's own report must stay readable.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "objtool.h"

int objtool_fuzz_one(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int input_fd = -1;
static char input_path[64];
static bool run_check = true;	/* OBJTOOL_FUZZ_NO_CHECK=1: ELF layer only */

/* Makes the memfd hold exactly the input again. */
static int load_input(const uint8_t *data, size_t size)
{
	size_t done = 0;
	ssize_t n;

	if (ftruncate(input_fd, 0))
		return -1;
	while (done < size) {
		n = pwrite(input_fd, data + done, size - done, done);
		if (n <= 0)
			return -1;
		done += n;
	}
	return 0;
}

static void run(int (*cmd)(int, char **), const char *name, const char *option)
{
	char *argv[4];
	int argc = 0;

	argv[argc++] = (char *)name;
	if (option)
		argv[argc++] = (char *)option;
	argv[argc++] = input_path;
	argv[argc] = NULL;
	cmd(argc, argv);
}

int objtool_fuzz_one(const uint8_t *data, size_t size)
{
	if (load_input(data, size))
		abort();	/* the harness, not the input, is broken */
	/* As an object: record static call sites, then read them back. */
	run(cmd_static_calls, "static-calls", NULL);
	run(cmd_static_calls, "static-calls", "--dry-run");

	/* As a linked image: alternatives checks and the alt_relocs table. */
	if (load_input(data, size))
		abort();
	run(cmd_alt_relocs, "alt-relocs", NULL);
	run(cmd_orc_sort, "orc-sort", NULL);

	/*
	 * FUZZ HOOK (decoder and stack analysis): the same input through
	 * `objtool check`, the decoder, control flow and ORC state checks.
	 */
	if (!run_check)
		return 0;
	if (load_input(data, size))
		abort();
	run(cmd_check, "check", NULL);
	/* The build's step writes the object; dump reads back what it wrote. */
	run(cmd_object, "object", NULL);
	run(cmd_dump, "dump", NULL);
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	input_fd = memfd_create("objtool-fuzz-input", MFD_CLOEXEC);
	if (input_fd < 0) {
		perror("fuzz_objtool: memfd_create");
		exit(1);
	}
	snprintf(input_path, sizeof(input_path), "/proc/self/fd/%d", input_fd);
	objtool_quiet = true;
	/* dump's tables: libFuzzer reports on stderr. */
	if (!freopen("/dev/null", "w", stdout)) {
		perror("fuzz_objtool: /dev/null");
		exit(1);
	}
	run_check = !getenv("OBJTOOL_FUZZ_NO_CHECK");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return objtool_fuzz_one(data, size);
}
