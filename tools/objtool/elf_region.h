/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A named region of the linked image: the contents of one input section
 * name (alt_replacement, alt_relocs, ...) wherever the linker script put
 * them. Either the script kept them as an output section of that name,
 * or it folded them into a bigger one (the guest puts them inside
 * .rodata) and marked the bounds with __start_NAME and __stop_NAME, the
 * GNU ld convention.
 */
#ifndef OBJTOOL_ELF_REGION_H
#define OBJTOOL_ELF_REGION_H

#include "elf_file.h"

struct elf_region {
	const char *name;
	size_t scn_index;	/* the output section that holds the region */
	Elf_Scn *scn;
	GElf_Shdr shdr;
	uint64_t start;		/* virtual addresses, end exclusive */
	uint64_t end;
};

/*
 * 1 found, 0 neither a section nor the symbol pair exists, -1 error.
 * A region always lies in an allocated PROGBITS section.
 */
int elf_region_find(struct elf_file *ef, const char *name,
		    struct elf_region *region);

/* The first @len bytes of the region as the file holds them, or NULL. */
const uint8_t *elf_region_bytes(struct elf_file *ef,
				const struct elf_region *region, uint64_t len);

#endif
