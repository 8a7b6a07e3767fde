// SPDX-License-Identifier: GPL-2.0
/*
 * objtool orc-sort IMAGE: sort the linked ORC tables by address, in
 * place. The link concatenates each object's orc_unwind_ip and
 * orc_unwind in the same order, so element i of one describes element i
 * of the other; both are permuted together. An ip element is relative
 * to its own address, so a moved element is rewritten for its new slot.
 *
 * Ties (one object's closing UNDEFINED entry at the address where the
 * next object's code starts) sort UNDEFINED first: an unwinder taking
 * the last entry at or below an address gets the real one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pvpatch/orc.h>

#include "elf_region.h"
#include "objtool.h"

struct orc_row {
	uint64_t addr;
	struct orc_entry e;
};

static int compare_rows(const void *a, const void *b)
{
	const struct orc_row *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return (x->e.type != ORC_TYPE_UNDEFINED) - (y->e.type != ORC_TYPE_UNDEFINED);
}

static int sort_tables(struct elf_file *ef, const struct elf_region *ips,
		       const struct elf_region *entries)
{
	uint64_t ip_size = ips->end - ips->start, count = ip_size / 4, i;
	const uint8_t *ip_bytes, *entry_bytes;
	struct orc_entry *entry_out;
	struct orc_row *rows;
	uint8_t *ip_out;
	int ret = -1;

	if (ip_size % 4 || entries->end - entries->start != count * sizeof(struct orc_entry))
		return error_file(ef->path, "%s (%llu bytes) and %s (%llu bytes) do not match",
				  ORC_IP_SECTION, (unsigned long long)ip_size, ORC_ENTRY_SECTION,
				  (unsigned long long)(entries->end - entries->start));
	if (!count)
		return 0;
	ip_bytes = elf_region_bytes(ef, ips, ip_size);
	entry_bytes = elf_region_bytes(ef, entries, count * sizeof(struct orc_entry));
	if (!ip_bytes || !entry_bytes)
		return -1;
	rows = calloc(count, sizeof(*rows));
	ip_out = malloc(ip_size);
	entry_out = calloc(count, sizeof(*entry_out));
	if (!rows || !ip_out || !entry_out) {
		error_file(ef->path, "out of memory");
		goto out;
	}
	for (i = 0; i < count; i++) {
		rows[i].addr = ips->start + 4 * i + (int32_t)get_le32(ip_bytes + 4 * i);
		memcpy(&rows[i].e, entry_bytes + i * sizeof(struct orc_entry), sizeof(rows[i].e));
	}
	qsort(rows, count, sizeof(*rows), compare_rows);
	for (i = 0; i < count; i++) {
		put_le32(ip_out + 4 * i, (uint32_t)(rows[i].addr - (ips->start + 4 * i)));
		entry_out[i] = rows[i].e;
	}
	if (elf_file_write(ef, &ips->shdr, ips->start, ip_out, ip_size) ||
	    elf_file_write(ef, &entries->shdr, entries->start, entry_out,
			   count * sizeof(struct orc_entry)))
		goto out;
	ret = 0;
out:
	free(rows);
	free(ip_out);
	free(entry_out);
	return ret;
}

#define ORC_SORT_USAGE "usage: objtool orc-sort IMAGE\n"

int cmd_orc_sort(int argc, char **argv)
{
	struct elf_region ips, entries;
	struct elf_file ef;
	int status = EXIT_ERROR, a, b;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(ORC_SORT_USAGE, stdout);
		return EXIT_OK;
	}
	if (argc != 2)
		return usage_error(ORC_SORT_USAGE, "expected one image");
	if (elf_file_open(&ef, argv[1], true))
		goto out;
	a = elf_region_find(&ef, ORC_IP_SECTION, &ips);
	b = a < 0 ? -1 : elf_region_find(&ef, ORC_ENTRY_SECTION, &entries);
	if (a < 0 || b < 0)
		goto out;
	if (a != b) {
		error_file(argv[1], "has one of %s and %s but not the other",
			   ORC_IP_SECTION, ORC_ENTRY_SECTION);
		goto out;
	}
	/* An image built without objtool has no tables: nothing to do. */
	if (!a || !sort_tables(&ef, &ips, &entries))
		status = EXIT_OK;
out:
	elf_file_close(&ef);
	return status;
}
