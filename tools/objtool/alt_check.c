// SPDX-License-Identifier: GPL-2.0
/*
 * Alternatives table validation. The layout is struct alt_instr of
 * include/pvpatch/alternative.h (15 packed bytes, little endian):
 *   s32 site - &field, s32 replacement - &field, u16 feature, u16 flags,
 *   u8 site length, u8 original length, u8 replacement length.
 * The guest would refuse a bad entry at boot; refusing it here makes it a
 * build error instead.
 */
#include <stdio.h>
#include <string.h>

#include "alt_check.h"
#include "objtool.h"

#define ENTRY_SIZE	15
#define KNOWN_FLAGS	3	/* ALT_FLAG_NOT | ALT_FLAG_DIRECT_CALL */

static const char *const table_names[] = {
	"alt_instructions", "alt_instructions_test",
};

/* "function+0xoff" for an address, or the bare address. */
static void describe(struct elf_file *ef, uint64_t addr, char *buf, size_t len)
{
	const char *name;
	uint64_t offset;

	if (elf_file_find_function(ef, addr, &name, &offset) == 1)
		snprintf(buf, len, "%s+0x%llx", name, (unsigned long long)offset);
	else
		snprintf(buf, len, "0x%llx", (unsigned long long)addr);
}

static int check_entry(struct elf_file *ef, const uint8_t *e, uint64_t va,
		       const struct elf_region *repl)
{
	uint64_t site = va + (int32_t)get_le32(e);
	uint64_t repl_addr = va + 4 + (int32_t)get_le32(e + 4);
	unsigned int flags = e[10] | e[11] << 8;
	unsigned int sitelen = e[12], oldlen = e[13], repllen = e[14];
	char where[160];

	describe(ef, site, where, sizeof(where));
	if (repllen > sitelen)
		return error_file(ef->path, "%s: alternative replacement of %u bytes is longer than its %u-byte site",
				  where, repllen, sitelen);
	if (oldlen > sitelen)
		return error_file(ef->path, "%s: alternative original of %u bytes is longer than its %u-byte site",
				  where, oldlen, sitelen);
	if (flags & ~KNOWN_FLAGS)
		return error_file(ef->path, "%s: alternative has unknown flags 0x%x",
				  where, flags);
	if (repllen && !range_within(repl_addr, repllen, repl->start,
				     repl->end - repl->start))
		return error_file(ef->path, "%s: alternative replacement at 0x%llx is outside %s",
				  where, (unsigned long long)repl_addr, repl->name);
	return 0;
}

static int check_table(struct elf_file *ef, const char *name,
		       const struct elf_region *repl)
{
	struct elf_region table;
	int found = elf_region_find(ef, name, &table);

	if (found <= 0)
		return found;
	uint64_t size = table.end - table.start;

	if (size % ENTRY_SIZE)
		return error_file(ef->path, "%s: %llu bytes is not a whole number of %d-byte entries",
				  name, (unsigned long long)size, ENTRY_SIZE);
	const uint8_t *bytes = size ? elf_region_bytes(ef, &table, size) : NULL;

	if (size && !bytes)
		return -1;
	for (uint64_t off = 0; off < size; off += ENTRY_SIZE) {
		if (check_entry(ef, bytes + off, table.start + off, repl))
			return -1;
	}
	return 0;
}

int alt_check_tables(struct elf_file *ef, const struct elf_region *repl)
{
	for (size_t i = 0; i < sizeof(table_names) / sizeof(table_names[0]); i++) {
		if (check_table(ef, table_names[i], repl))
			return -1;
	}
	return 0;
}
