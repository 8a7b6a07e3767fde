/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stack unwinding from ORC (include/pvpatch/orc.h): exact at every
 * instruction boundary, through call frames and interrupt/exception
 * frames, onto the interrupted stack. A frame-pointer walker is kept for
 * comparison in tests and benchmarks only.
 *
 *	unsigned long trace[32];
 *	bool reliable;
 *	unsigned int n = stack_trace_save(trace, 32, 0, &reliable, NULL);
 *
 * A trace is reliable when the unwinder reached the outermost frame (an
 * END_OF_STACK entry) and met nothing odd on the way.
 */
#ifndef PVPATCH_UNWIND_H
#define PVPATCH_UNWIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <pvpatch/orc.h>

struct pt_regs;

/*
 * An ORC table and its lookup index: for text block b (block_shift bits
 * of address each, counted from text_start), block_first[b] is the index
 * of the entry that covers the block's first byte; the entry covering
 * any address in the block lies in [block_first[b], block_first[b + 1]].
 * Where the storage has room, each block is cut into ORC_GRANULES
 * granules and granule_delta[g] adds to its block's first entry the
 * entries before granule g's first byte, so a lookup steps forward over
 * the few entries inside one granule instead of searching the block;
 * ORC_GRANULE_DENSE marks a granule too far into a crowded block.
 */
#define ORC_GRANULE_BITS	4
#define ORC_GRANULES		(1U << ORC_GRANULE_BITS)
#define ORC_GRANULE_DENSE	0xff

struct orc_table {
	const int32_t *ip;		/* self-relative, sorted */
	const struct orc_entry *entry;
	size_t count;
	uintptr_t text_start, text_end;	/* return addresses must be inside */
	uint32_t *block_first;		/* NULL: binary search over all */
	uint8_t *granule_delta;		/* NULL: search the block */
	size_t blocks;
	unsigned int block_shift, granule_shift;
};

/* One stack: [lo, hi), growing down from hi. */
struct unwind_stack {
	uintptr_t lo, hi;
};

/* Which stack holds sp (this CPU's stacks); false if none. */
typedef bool (*unwind_find_stack_fn)(uintptr_t sp, struct unwind_stack *stack);

/*
 * Fill *table from the two arrays. index_slots entries of index_storage
 * (may be 0/NULL) hold the block index; the block size grows until the
 * text fits, and the granule index follows in what is left if it fits
 * (ORC_INDEX_SLOTS(text bytes) is enough for both at the finest blocks).
 * Returns false, with table->count 0, if the ip array is not
 * sorted or not inside the text.
 */
bool orc_table_init(struct orc_table *table, const int32_t *ip,
		    const struct orc_entry *entry, size_t count,
		    uintptr_t text_start, uintptr_t text_end,
		    uint32_t *index_storage, size_t index_slots);

/* 256-byte blocks, one 32-bit slot each, and a byte per granule. */
#define ORC_BLOCK_SHIFT_MIN	8
#define ORC_INDEX_SLOTS(text_bytes)					\
	((((text_bytes) >> ORC_BLOCK_SHIFT_MIN) + 2) *			\
	 (1 + ORC_GRANULES / sizeof(uint32_t)))

/* The entry that covers addr, or NULL. */
const struct orc_entry *orc_find(const struct orc_table *table, uintptr_t addr);

static inline uintptr_t orc_ip(const struct orc_table *table, size_t i)
{
	return (uintptr_t)&table->ip[i] + (intptr_t)table->ip[i];
}

/* The linked image's own ORC table, or NULL if it has none. */
const struct orc_table *orc_kernel_table(void);
/* How many entries the image links, accepted or not. */
size_t orc_kernel_entries(void);

/* Build the kernel table's index now (boot); otherwise first use does. */
void unwind_init(void);

enum unwind_result {
	UNWIND_RUNNING,
	UNWIND_END_OF_STACK,	/* the only reliable end */
	UNWIND_NO_TABLE,
	UNWIND_NO_ENTRY,	/* no ORC entry covers the ip */
	UNWIND_UNDEFINED,	/* an ORC_TYPE_UNDEFINED entry */
	UNWIND_BAD_ENTRY,	/* a register or type the unwinder cannot use */
	UNWIND_OFF_STACK,	/* a frame outside every known stack */
	UNWIND_NOT_UP,		/* the stack pointer did not move towards the top */
	UNWIND_BAD_IP,		/* a return address outside the text */
	UNWIND_TOO_DEEP,
};

const char *unwind_result_name(enum unwind_result result);

struct unwind_state {
	uintptr_t ip, sp, bp;
	/* ip is exact (first frame, or interrupted there), not a return
	 * address: a return address is looked up at ip - 1, because a call
	 * to a function that never returns may be a function's last byte. */
	bool exact_ip;
	enum unwind_result result;
	unsigned int depth;
	const struct orc_table *table;
	unwind_find_stack_fn find_stack;
	struct unwind_stack stack;	/* the one sp is on */
	uintptr_t stacks_left[4];	/* lo of each stack left behind */
	unsigned int nr_stacks_left;
};

/*
 * Start at (ip, sp, bp), or at an interrupted context. find_stack NULL:
 * the platform's (this CPU's stacks). On a bad start, result is set and
 * unwind_next() returns false at once.
 */
void unwind_start(struct unwind_state *state, const struct orc_table *table,
		  unwind_find_stack_fn find_stack, uintptr_t ip, uintptr_t sp,
		  uintptr_t bp);
void unwind_start_regs(struct unwind_state *state, const struct orc_table *table,
		       unwind_find_stack_fn find_stack, const struct pt_regs *regs);

/* Step to the caller (state->ip is its address); false at the end. */
bool unwind_next(struct unwind_state *state);

static inline bool unwind_reliable(const struct unwind_state *state)
{
	return state->result == UNWIND_END_OF_STACK;
}

/* The deepest trace any of the functions below follows. */
#define UNWIND_MAX_DEPTH	256

/*
 * The stack trace API. entries[0] is the caller of stack_trace_save()
 * (skip further frames with skip) or the interrupted ip for the _regs
 * form. Returns how many entries were stored (at most max); *reliable
 * (may be NULL) says whether the whole stack unwound to its end, even
 * past max. *why (may be NULL) says how it ended. Without ORC tables
 * the result is 0 and UNWIND_NO_TABLE.
 */
unsigned int stack_trace_save(unsigned long *entries, unsigned int max,
			      unsigned int skip, bool *reliable,
			      enum unwind_result *why);
unsigned int stack_trace_save_regs(const struct pt_regs *regs,
				   unsigned long *entries, unsigned int max,
				   unsigned int skip, bool *reliable,
				   enum unwind_result *why);
/* The same walk over any table (tests). */
unsigned int stack_trace_save_state(struct unwind_state *state,
				    unsigned long *entries, unsigned int max,
				    unsigned int skip);

/*
 * Frame-pointer walk from (ip, bp), for comparison only: it misses the
 * caller of a function interrupted before its frame is set up.
 */
unsigned int unwind_fp(uintptr_t ip, uintptr_t bp, unwind_find_stack_fn find_stack,
		       unsigned long *entries, unsigned int max);
unsigned int stack_trace_save_fp(unsigned long *entries, unsigned int max,
				 unsigned int skip);

/* The platform's stacks and text (unwind/platform_*.c). */
bool unwind_find_stack(uintptr_t sp, struct unwind_stack *stack);
void unwind_text_bounds(uintptr_t *start, uintptr_t *end);

/*
 * Print "backtrace (ORC, reliable):" and "  #N 0xADDR" lines (tools/pvrun
 * symbolizes them) from an interrupted context. Returns false, printing
 * nothing, when the image has no ORC tables.
 */
bool unwind_dump_regs(const struct pt_regs *regs);
/* The same from here: #0 is the return address into our caller. */
bool unwind_dump_caller(void);

#endif
