/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Finding the rel32 fields of the alternatives' replacement code that
 * must be adjusted when a replacement is copied over its site.
 */
#ifndef OBJTOOL_ALT_RELOC_SCAN_H
#define OBJTOOL_ALT_RELOC_SCAN_H

#include "elf_region.h"

struct field_list {
	uint64_t *addr;		/* link-time addresses, sorted, no duplicates */
	size_t count;
	size_t allocated;
};

/* Fills @fields from the --emit-relocs relocations against @repl. */
int alt_reloc_scan(struct elf_file *ef, const struct elf_region *repl,
		   struct field_list *fields);

void field_list_free(struct field_list *fields);

#endif
