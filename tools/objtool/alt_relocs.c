// SPDX-License-Identifier: GPL-2.0
/*
 * objtool alt-relocs: fill the image's alt_relocs table (see
 * include/pvpatch/alt_relocs.h) with every rel32 field of the
 * alternatives' replacement code that points outside it, so the guest
 * can adjust them when it copies a replacement over its site without
 * decoding a single instruction.
 *
 * The table is rewritten in place and completely (header, entries,
 * zeroed spare entries), so running objtool twice gives the same bytes.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pvpatch/alt_relocs.h>

#include "alt_check.h"
#include "alt_reloc_scan.h"
#include "objtool.h"

#define REPLACEMENT_NAME	"alt_replacement"
#define HEADER_SIZE		sizeof(struct alt_relocs_header)
#define ENTRY_SIZE		sizeof(struct alt_reloc)

/* The guest reads the table as these structs: no padding may creep in. */
_Static_assert(sizeof(struct alt_relocs_header) == 16, "header layout");
_Static_assert(sizeof(struct alt_reloc) == 8, "entry layout");

#define USAGE "usage: objtool alt-relocs [--verbose] FILE\n"

struct options {
	const char *path;
	bool verbose;
};

/* Returns -1 to go on, or the exit status. */
static int parse_options(int argc, char **argv, struct options *opts)
{
	bool options_done = false;
	int i;

	*opts = (struct options){ 0 };
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (options_done || arg[0] != '-' || !arg[1]) {
			if (opts->path)
				return usage_error(USAGE, "alt-relocs: more than one FILE");
			opts->path = arg;
		} else if (!strcmp(arg, "--")) {
			options_done = true;
		} else if (!strcmp(arg, "--verbose") || !strcmp(arg, "-v")) {
			opts->verbose = true;
		} else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			fputs(USAGE, stdout);
			return EXIT_OK;
		} else {
			return usage_error(USAGE, "alt-relocs: unknown option '%s'", arg);
		}
	}
	if (!opts->path)
		return usage_error(USAGE, "alt-relocs: missing FILE");
	return -1;
}

static int read_capacity(struct elf_file *ef, const struct elf_region *table,
			 uint32_t *capacity)
{
	const uint8_t *header = elf_region_bytes(ef, table, HEADER_SIZE);
	uint32_t magic;

	if (!header)
		return -1;
	magic = get_le32(header + offsetof(struct alt_relocs_header, magic));
	if (magic != ALT_RELOCS_MAGIC)
		return error_file(ef->path, "%s: bad magic 0x%08x (expected 0x%08x)",
				  table->name, magic, ALT_RELOCS_MAGIC);
	*capacity = get_le32(header +
			     offsetof(struct alt_relocs_header, capacity));
	if ((table->end - table->start - HEADER_SIZE) / ENTRY_SIZE < *capacity)
		return error_file(ef->path, "%s: capacity %u does not fit in %llu bytes",
				  table->name, *capacity, (unsigned long long)
				  (table->end - table->start));
	return 0;
}

/*
 * Each entry holds its field's address relative to the entry's own
 * `field` member, so the table stays right wherever a PIE is loaded.
 */
static int encode_entry(struct elf_file *ef, const struct elf_region *table,
			size_t index, uint64_t field_addr, uint8_t *entry)
{
	uint64_t member = table->start + HEADER_SIZE + index * ENTRY_SIZE +
			  offsetof(struct alt_reloc, field);
	int64_t distance = (int64_t)(field_addr - member);

	if (distance < INT32_MIN || distance > INT32_MAX)
		return error_file(ef->path, "%s: field at 0x%llx is out of reach of the table",
				  table->name, (unsigned long long)field_addr);
	put_le32(entry + offsetof(struct alt_reloc, field), (uint32_t)distance);
	entry[offsetof(struct alt_reloc, size)] = 4;
	return 0;
}

static uint8_t *encode_table(struct elf_file *ef,
			     const struct elf_region *table,
			     const struct field_list *fields,
			     uint32_t capacity, size_t size)
{
	uint8_t *bytes = calloc(1, size);
	size_t i;

	if (!bytes) {
		error_file(ef->path, "out of memory");
		return NULL;
	}
	put_le32(bytes + offsetof(struct alt_relocs_header, magic),
		 ALT_RELOCS_MAGIC);
	put_le32(bytes + offsetof(struct alt_relocs_header, capacity), capacity);
	put_le32(bytes + offsetof(struct alt_relocs_header, count),
		 fields->count);
	put_le32(bytes + offsetof(struct alt_relocs_header, filled), 1);
	for (i = 0; i < fields->count; i++) {
		if (encode_entry(ef, table, i, fields->addr[i],
				 bytes + HEADER_SIZE + i * ENTRY_SIZE)) {
			free(bytes);
			return NULL;
		}
	}
	return bytes;
}

/* Leaves the file alone (and its mtime) when the table is already right. */
static int write_table(struct elf_file *ef, const struct elf_region *table,
		       const struct field_list *fields, uint32_t capacity)
{
	size_t size = HEADER_SIZE + (size_t)capacity * ENTRY_SIZE;
	const uint8_t *current;
	uint8_t *bytes;
	int ret = 0;

	if (fields->count > capacity)
		return error_file(ef->path, "%s: need %zu entries, capacity %u (raise ALT_RELOCS_CAPACITY)",
				  table->name, fields->count, capacity);
	current = elf_region_bytes(ef, table, size);
	bytes = current ? encode_table(ef, table, fields, capacity, size) : NULL;
	if (!bytes)
		return -1;
	if (memcmp(current, bytes, size))
		ret = elf_file_write(ef, &table->shdr, table->start, bytes, size);
	free(bytes);
	return ret;
}

static void print_fields(const struct elf_region *repl,
			 const struct field_list *fields, uint32_t capacity)
{
	size_t i;

	for (i = 0; i < fields->count; i++)
		printf("%s+0x%llx -> rel32 field\n", repl->name,
		       (unsigned long long)(fields->addr[i] - repl->start));
	printf("%s: %zu entries, capacity %u\n", ALT_RELOCS_SECTION,
	       fields->count, capacity);
}

static int find_regions(struct elf_file *ef, struct elf_region *table,
			struct elf_region *repl)
{
	int found = elf_region_find(ef, ALT_RELOCS_SECTION, table);

	if (found < 0)
		return -1;
	if (!found)
		return error_file(ef->path, "no %s section: the image must reserve the table",
				  ALT_RELOCS_SECTION);
	found = elf_region_find(ef, REPLACEMENT_NAME, repl);
	if (found < 0)
		return -1;
	/* No alternatives at all: an empty region, an empty table. */
	if (!found)
		*repl = (struct elf_region){ .name = REPLACEMENT_NAME };
	if (repl->start < table->end && table->start < repl->end)
		return error_file(ef->path, "%s and %s overlap",
				  ALT_RELOCS_SECTION, REPLACEMENT_NAME);
	return 0;
}

int cmd_alt_relocs(int argc, char **argv)
{
	struct field_list fields = { 0 };
	struct elf_region table, repl;
	struct options opts;
	struct elf_file ef;
	uint32_t capacity = 0;
	int ret;

	ret = parse_options(argc, argv, &opts);
	if (ret >= 0)
		return ret;
	ret = elf_file_open(&ef, opts.path, true) ||
	      find_regions(&ef, &table, &repl) ||
	      read_capacity(&ef, &table, &capacity) ||
	      alt_check_tables(&ef, &repl) ||
	      alt_reloc_scan(&ef, &repl, &fields) ||
	      write_table(&ef, &table, &fields, capacity);
	if (!ret && opts.verbose)
		print_fields(&repl, &fields, capacity);
	field_list_free(&fields);
	elf_file_close(&ef);
	return ret ? EXIT_ERROR : EXIT_OK;
}
