// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the unwind hint table of an object (hints.h). A hint's state
 * wins over whatever a walk brings to its instruction, and starts a walk
 * of its own: entry code is reached by no call.
 */
#include <string.h>

#include "hints.h"
#include "objtool.h"

static int apply_one(struct cfg *cfg, size_t hsec, uint64_t at)
{
	const struct obj_section *sec = &cfg->obj->sections[hsec];
	const uint8_t *h = sec->bytes + at;
	const struct obj_symbol *f;
	const struct obj_reloc *r;
	struct code_slot *slot;
	unsigned int type = h[7];
	uint64_t offset;
	size_t shndx;

	r = objfile_reloc_in(sec, at, 4);
	if (!r || r->offset != at || r->type != R_X86_64_PC32 ||
	    objfile_reloc_target(cfg->obj, r, 0, &shndx, &offset) != 1)
		return error_file(cfg->obj->ef.path, "%s+0x%llx: hint without a relocation to code",
				  UNWIND_HINTS_SECTION, (unsigned long long)at);
	if (!cfg_is_code(cfg->obj, shndx) || offset >= cfg->obj->sections[shndx].size)
		return cfg_error(cfg, shndx, offset, "unwind hint outside code");
	if (h[6] != ORC_REG_SP || type > ORC_TYPE_REGS_PARTIAL)
		return cfg_error(cfg, shndx, offset, "unwind hint with unknown register %u or type %u",
				 h[6], type);
	slot = &cfg->code[shndx][offset];
	if (slot->flags & SLOT_HINT)
		return cfg_error(cfg, shndx, offset, "two unwind hints for one instruction");
	slot->state = stack_state_hint(type, (int16_t)(h[4] | h[5] << 8));
	slot->flags |= SLOT_HINT;
	f = objfile_function_containing(cfg->obj, shndx, offset);
	return cfg_reach(cfg, shndx, offset, &slot->state, f ? f - cfg->obj->syms : 0);
}

int unwind_hints_apply(struct cfg *cfg)
{
	const struct objfile *obj = cfg->obj;
	const struct obj_section *sec;
	uint64_t at;
	size_t i;

	for (i = 1; i < obj->nr_sections; i++) {
		sec = &obj->sections[i];
		if (strcmp(sec->name, UNWIND_HINTS_SECTION) || !sec->bytes)
			continue;
		if (sec->size % UNWIND_HINT_SIZE)
			return error_file(obj->ef.path, "%s: size %llu is not a whole number of hints",
					  sec->name, (unsigned long long)sec->size);
		for (at = 0; at < sec->size; at += UNWIND_HINT_SIZE)
			apply_one(cfg, i, at);
	}
	return 0;
}
