/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ORC for a checked object: the entries (where the state changes, and
 * ORC_TYPE_UNDEFINED where code ends), and writing them into the object
 * as the orc_unwind_ip and orc_unwind sections.
 */
#ifndef OBJTOOL_ORC_GEN_H
#define OBJTOOL_ORC_GEN_H

#include "cfg.h"

struct orc_out {
	size_t shndx;
	uint64_t offset;
	struct orc_entry e;
};

/* After cfg_walk(): every reached instruction is a boundary. */
void orc_mark_boundaries(struct cfg *cfg);

/* The entries of all code sections, in section and address order. */
int orc_compute(struct cfg *cfg, struct orc_out **list, size_t *count);

/*
 * Adds orc_unwind_ip (with its relocations) and orc_unwind holding @list
 * to the object in memory; nothing when @count is 0. The caller writes
 * the object back (elf_file_update()).
 */
int orc_add_tables(struct cfg *cfg, const struct orc_out *list, size_t count);

#endif
