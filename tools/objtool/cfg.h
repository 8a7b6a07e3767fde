/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Control flow and stack state of every instruction of a relocatable
 * object. Walks start at each function symbol (with the state a call
 * leaves) and at each unwind hint (with the hint's state), follow every
 * branch, and record the state before each instruction reached. Two
 * paths that reach one instruction with different states are an error.
 */
#ifndef OBJTOOL_CFG_H
#define OBJTOOL_CFG_H

#include "objfile.h"
#include "stack_state.h"
#include "x86_decode.h"

#define SLOT_DECODED	0x01
#define SLOT_VISITED	0x02	/* state is valid: a walk reached here */
#define SLOT_HINT	0x04	/* state comes from an unwind hint */
#define SLOT_REPORTED	0x08	/* an error here was already printed */
#define SLOT_BOUNDARY	0x10	/* orc holds the state for the unwinder */
#define SLOT_COVERED	0x20	/* inside a reached instruction or a site */
#define SLOT_SITE	0x40	/* inside an alternative site */
#define SLOT_FUNC	0x80	/* a function symbol starts here */

struct code_slot {
	struct insn insn;
	struct stack_state state;
	struct orc_entry orc;
	uint32_t func;		/* symbol index of the walk's function, or 0 */
	uint8_t flags;
};

struct work_item {
	uint32_t shndx;
	uint32_t func;
	uint64_t offset;
};

struct cfg {
	struct objfile *obj;
	struct code_slot **code;	/* per section; NULL unless code */
	void *slots;			/* every section's code slots, one block */
	size_t slots_mapped;		/* bytes mmap'ed (huge pages); 0: calloc'ed */
	struct work_item *work;
	size_t nr_work, max_work;
	int8_t *noreturn_cache;		/* per symbol: -1 unknown, 0, 1 */
	/* named_noreturn() answers by name pointer (names are the symbol
	 * table's strings), direct-mapped: one lookup per call site was
	 * a tenth of a check. */
	struct {
		const char *name;
		bool noreturn;
	} noreturn_memo[256];
	unsigned int errors, warnings;
	bool quiet;			/* warnings not printed */
};

/* Sections that hold code the checker walks and ORC describes. */
bool cfg_is_code(const struct objfile *obj, size_t shndx);

int cfg_init(struct cfg *cfg, struct objfile *obj);
void cfg_free(struct cfg *cfg);

/* Walks everything. Errors are counted in cfg->errors; -1 only for a
 * file that cannot be read at all. */
int cfg_walk(struct cfg *cfg);

/* The decoded instruction at a code offset, or NULL (error printed). */
const struct insn *cfg_decode(struct cfg *cfg, size_t shndx, uint64_t offset);

/* objfile_function_start(), without its search where the slot's
 * SLOT_FUNC says no function starts. */
const struct obj_symbol *cfg_function_start(const struct cfg *cfg, size_t shndx,
					    uint64_t offset);

/* Is the call/jmp target (a symbol name, or a function in this
 * object) known never to return? */
bool cfg_noreturn(struct cfg *cfg, const char *name, size_t shndx,
		  uint64_t offset);

/* Where a direct branch of @insn at @offset goes. 1: in this object
 * (*tshndx, *toff); 0: to an undefined symbol (*name). */
int cfg_branch_target(struct cfg *cfg, size_t shndx, uint64_t offset,
		      const struct insn *insn, size_t *tshndx, uint64_t *toff,
		      const char **name);

/* Control reaches @offset with state @s (jump tables, hints). */
int cfg_reach(struct cfg *cfg, size_t shndx, uint64_t offset,
	      const struct stack_state *s, uint32_t func);

int cfg_error(struct cfg *cfg, size_t shndx, uint64_t offset,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void cfg_warn(struct cfg *cfg, size_t shndx, uint64_t offset,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
