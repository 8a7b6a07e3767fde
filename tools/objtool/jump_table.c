// SPDX-License-Identifier: GPL-2.0
/*
 * Switch jump tables (jump_table.h). The compiler loads the table's
 * address with an instruction that carries a relocation into read-only
 * data, shortly before the indirect jump:
 *
 *   position independent:  lea table(%rip), %rdx   (PC32 to .rodata)
 *                          movslq (%rdx,%rax,4), %rax; add %rdx, %rax
 *                          jmp *%rax
 *                          table: .long case - table   (PC32 to .text)
 *   absolute:              jmp *table(,%rax,8)     (32S to .rodata)
 *                          table: .quad case           (64 to .text)
 *
 * The table ends where its entries stop pointing into the function.
 */
#include "jump_table.h"

/* How far back the table load may be, in bytes. */
#define LOAD_WINDOW	128

struct table_ref {
	size_t shndx;
	uint64_t offset;
	bool absolute;
};

static bool code_of_function(struct cfg *cfg, uint32_t func, size_t shndx,
			     size_t tshndx, uint64_t toff)
{
	const struct obj_symbol *f = &cfg->obj->syms[func];

	if (tshndx != shndx || !cfg_is_code(cfg->obj, tshndx))
		return false;
	return !func || toff - f->value < f->size;
}

/* A relocation of the instruction at @at into data: the table. */
static bool table_load_at(struct cfg *cfg, size_t shndx, uint64_t at,
			  struct table_ref *ref)
{
	const struct code_slot *slot = &cfg->code[shndx][at];
	const struct obj_reloc *r;
	size_t tshndx;
	uint64_t toff;

	if (!(slot->flags & SLOT_DECODED))
		return false;
	r = objfile_reloc_in(&cfg->obj->sections[shndx], at, slot->insn.len);
	if (!r || (r->type != R_X86_64_PC32 && r->type != R_X86_64_32S))
		return false;
	/* PC32 is relative to the end of the field; the instructions that
	 * load a table end with it. */
	if (objfile_reloc_target(cfg->obj, r, r->type == R_X86_64_PC32 ?
				 at + slot->insn.len - r->offset : 0,
				 &tshndx, &toff) != 1 ||
	    cfg->obj->sections[tshndx].exec)
		return false;
	*ref = (struct table_ref){ tshndx, toff, r->type == R_X86_64_32S };
	return true;
}


/*
 * Another table starts where code loads an address: the end of this one.
 * (PC32 loads end with their field, so they point 4 bytes past S + A.)
 */
static bool table_starts_at(struct cfg *cfg, size_t shndx, uint64_t offset)
{
	const struct objfile *obj = cfg->obj;
	const struct obj_reloc *r;
	uint64_t toff;
	size_t i, j, tshndx;

	for (i = 1; i < obj->nr_sections; i++) {
		if (!cfg_is_code(obj, i))
			continue;
		for (j = 0; j < obj->sections[i].nr_relocs; j++) {
			r = &obj->sections[i].relocs[j];
			if ((r->type == R_X86_64_PC32 || r->type == R_X86_64_32S) &&
			    objfile_reloc_target(obj, r, r->type == R_X86_64_PC32 ? 4 : 0,
						 &tshndx, &toff) == 1 &&
			    tshndx == shndx && toff == offset)
				return true;
		}
	}
	return false;
}

static int follow_table(struct cfg *cfg, size_t shndx, const struct table_ref *ref,
			const struct stack_state *s, uint32_t func)
{
	const struct obj_section *table = &cfg->obj->sections[ref->shndx];
	unsigned int entry_size = ref->absolute ? 8 : 4;
	const struct obj_reloc *r;
	size_t tshndx, i;
	uint64_t toff;

	for (i = 0;; i++) {
		if (i && table_starts_at(cfg, ref->shndx, ref->offset + i * entry_size))
			break;
		r = objfile_reloc_in(table, ref->offset + i * entry_size, 1);
		if (!r || r->type != (ref->absolute ? R_X86_64_64 : R_X86_64_PC32))
			break;
		/* A relative entry holds case - table: undo the entry's
		 * distance from the table start. */
		if (objfile_reloc_target(cfg->obj, r,
					 ref->absolute ? 0 : -(int64_t)(i * entry_size),
					 &tshndx, &toff) != 1 ||
		    !code_of_function(cfg, func, shndx, tshndx, toff))
			break;
		cfg_reach(cfg, tshndx, toff, s, func);
	}
	return i;
}

int jump_table_follow(struct cfg *cfg, size_t shndx, uint64_t offset,
		      const struct stack_state *s, uint32_t func)
{
	struct table_ref ref;
	uint64_t at;

	/*
	 * The nearest table load whose entries point into this function:
	 * compilers hoist the load out of loops, past other loads of data
	 * addresses (strings, lookup tables), whose entries are no code.
	 */
	for (at = offset + 1; at-- > 0 && offset - at <= LOAD_WINDOW;)
		if (table_load_at(cfg, shndx, at, &ref) &&
		    follow_table(cfg, shndx, &ref, s, func) > 0)
			return 0;
	/* With the frame gone it is a tail call through a pointer. */
	if (s->type != ORC_TYPE_CALL || stack_state_at_entry(s))
		return 0;
	cfg_warn(cfg, shndx, offset, "indirect jump with no jump table found: not followed");
	return 0;
}
