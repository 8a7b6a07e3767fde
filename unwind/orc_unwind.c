// SPDX-License-Identifier: GPL-2.0
/*
 * The ORC unwinding state machine: from one frame's (ip, sp, bp) to its
 * caller's, by the entry that covers ip. Every read is checked against
 * the stack the frame is on; anything odd ends the walk as unreliable,
 * so a trace that says "reliable" has been followed to the outermost
 * frame without a guess.
 */
#include <stdbool.h>
#include <stdint.h>
#include <asm/traps.h>
#include <pvpatch/unwind.h>

/* The hardware interrupt frame (Intel SDM vol. 3A, 6.14.1). */
struct iret_frame {
	uint64_t ip, cs, flags, sp, ss;
};

static const char *const result_names[] = {
	[UNWIND_RUNNING] = "running",
	[UNWIND_END_OF_STACK] = "end of stack",
	[UNWIND_NO_TABLE] = "no ORC table",
	[UNWIND_NO_ENTRY] = "no ORC entry for ip",
	[UNWIND_UNDEFINED] = "undefined ORC entry",
	[UNWIND_BAD_ENTRY] = "unusable ORC entry",
	[UNWIND_OFF_STACK] = "frame off the stack",
	[UNWIND_NOT_UP] = "stack pointer did not move up",
	[UNWIND_BAD_IP] = "return address outside text",
	[UNWIND_TOO_DEEP] = "too deep",
};

const char *unwind_result_name(enum unwind_result result)
{
	if ((unsigned int)result < sizeof(result_names) / sizeof(result_names[0]))
		return result_names[result];
	return "?";
}

static bool stop(struct unwind_state *s, enum unwind_result why)
{
	s->result = why;
	return false;
}

static bool on_stack(const struct unwind_stack *stack, uintptr_t addr, size_t len)
{
	return addr >= stack->lo && addr <= stack->hi && len <= stack->hi - addr;
}

static void start(struct unwind_state *s, const struct orc_table *table,
		  unwind_find_stack_fn find_stack, uintptr_t ip, uintptr_t sp,
		  uintptr_t bp)
{
	*s = (struct unwind_state){
		.ip = ip, .sp = sp, .bp = bp, .exact_ip = true,
		.table = table,
		.find_stack = find_stack ? find_stack : unwind_find_stack,
	};
	if (!table || !table->count)
		s->result = UNWIND_NO_TABLE;
	else if (!s->find_stack(sp, &s->stack))
		s->result = UNWIND_OFF_STACK;
}

void unwind_start(struct unwind_state *s, const struct orc_table *table,
		  unwind_find_stack_fn find_stack, uintptr_t ip, uintptr_t sp,
		  uintptr_t bp)
{
	start(s, table, find_stack, ip, sp, bp);
}

void unwind_start_regs(struct unwind_state *s, const struct orc_table *table,
		       unwind_find_stack_fn find_stack, const struct pt_regs *regs)
{
	start(s, table, find_stack, regs->rip, regs->rsp, regs->rbp);
}

/*
 * The caller's sp must be above ours on the same stack, or, through an
 * interrupt frame only, on another stack not visited yet (an IST stack
 * returns to the interrupted one, never back).
 */
static bool move_to(struct unwind_state *s, uintptr_t ip, uintptr_t sp,
		    uintptr_t bp, bool through_regs)
{
	struct unwind_stack next;

	if (ip < s->table->text_start || ip >= s->table->text_end)
		return stop(s, UNWIND_BAD_IP);
	if (!on_stack(&s->stack, sp, 0)) {
		if (!through_regs || !s->find_stack(sp, &next))
			return stop(s, UNWIND_OFF_STACK);
		for (unsigned int i = 0; i < s->nr_stacks_left; i++) {
			if (s->stacks_left[i] == next.lo)
				return stop(s, UNWIND_OFF_STACK);
		}
		if (next.lo == s->stack.lo ||
		    s->nr_stacks_left == sizeof(s->stacks_left) / sizeof(s->stacks_left[0]))
			return stop(s, UNWIND_OFF_STACK);
		s->stacks_left[s->nr_stacks_left++] = s->stack.lo;
		s->stack = next;
	} else if (sp <= s->sp) {
		return stop(s, UNWIND_NOT_UP);
	}
	s->ip = ip;
	s->sp = sp;
	s->bp = bp;
	s->exact_ip = through_regs;
	s->depth++;
	return true;
}

static bool step_call(struct unwind_state *s, const struct orc_entry *e,
		      uintptr_t cfa)
{
	uintptr_t bp = s->bp;

	if (cfa < 8 || !on_stack(&s->stack, cfa - 8, 8))
		return stop(s, UNWIND_OFF_STACK);
	if (e->bp_reg == ORC_REG_PREV_SP) {
		uintptr_t slot = cfa + (intptr_t)e->bp_offset;

		if (!on_stack(&s->stack, slot, 8))
			return stop(s, UNWIND_OFF_STACK);
		bp = *(const uint64_t *)slot;
	} else if (e->bp_reg != ORC_REG_UNDEFINED) {
		return stop(s, UNWIND_BAD_ENTRY);
	}
	return move_to(s, *(const uint64_t *)(cfa - 8), cfa, bp, false);
}

static bool step_regs(struct unwind_state *s, uintptr_t addr)
{
	const struct pt_regs *regs = (const struct pt_regs *)addr;

	if (!on_stack(&s->stack, addr, sizeof(*regs)))
		return stop(s, UNWIND_OFF_STACK);
	return move_to(s, regs->rip, regs->rsp, regs->rbp, true);
}

/* Only the CPU's frame is there: %rbp is still the interrupted one. */
static bool step_iret_frame(struct unwind_state *s, uintptr_t addr)
{
	const struct iret_frame *f = (const struct iret_frame *)addr;

	if (!on_stack(&s->stack, addr, sizeof(*f)))
		return stop(s, UNWIND_OFF_STACK);
	return move_to(s, f->ip, f->sp, s->bp, true);
}

bool unwind_next(struct unwind_state *s)
{
	const struct orc_entry *e;
	uintptr_t base;

	if (s->result != UNWIND_RUNNING)
		return false;
	if (s->depth >= UNWIND_MAX_DEPTH)
		return stop(s, UNWIND_TOO_DEEP);
	e = orc_find(s->table, s->exact_ip ? s->ip : s->ip - 1);
	if (!e)
		return stop(s, UNWIND_NO_ENTRY);
	switch (e->type) {
	case ORC_TYPE_UNDEFINED:
		return stop(s, UNWIND_UNDEFINED);
	case ORC_TYPE_END_OF_STACK:
		return stop(s, UNWIND_END_OF_STACK);
	case ORC_TYPE_CALL:
	case ORC_TYPE_REGS:
	case ORC_TYPE_REGS_PARTIAL:
		break;
	default:
		return stop(s, UNWIND_BAD_ENTRY);
	}
	if (e->sp_reg == ORC_REG_SP)
		base = s->sp;
	else if (e->sp_reg == ORC_REG_BP)
		base = s->bp;
	else
		return stop(s, UNWIND_BAD_ENTRY);
	base += (intptr_t)e->sp_offset;
	if (e->type == ORC_TYPE_REGS)
		return step_regs(s, base);
	if (e->type == ORC_TYPE_REGS_PARTIAL)
		return step_iret_frame(s, base);
	return step_call(s, e, base);
}

/*
 * The frames most of a trace is made of, followed with the state in
 * registers instead of in *s, where every store to entries[] (the same
 * type) would force it to be read again: a CALL entry whose frame lies
 * above the current one on the same stack. Records the current frame,
 * then each frame it reaches; it stops, leaving *s at the last frame it
 * recorded, at anything else, and unwind_next() takes that frame on with
 * every check, so the trace is the same as unwind_next()'s alone.
 */
static unsigned int follow_call_frames(struct unwind_state *s, unsigned long *entries,
				       unsigned int max, unsigned int *skip,
				       unsigned int n)
{
	const struct orc_table *t = s->table;
	uintptr_t ip = s->ip, sp = s->sp, bp = s->bp;
	const struct unwind_stack stack = s->stack;
	unsigned int depth = s->depth;
	bool exact_ip = s->exact_ip;

	for (;;) {
		const struct orc_entry *e;
		uintptr_t cfa, caller_bp = bp, caller_ip;

		if (*skip)
			(*skip)--;
		else if (n < max)
			entries[n++] = ip;
		if (depth >= UNWIND_MAX_DEPTH)
			break;
		e = orc_find(t, exact_ip ? ip : ip - 1);
		if (!e || e->type != ORC_TYPE_CALL)
			break;
		if (e->sp_reg == ORC_REG_SP)
			cfa = sp;
		else if (e->sp_reg == ORC_REG_BP)
			cfa = bp;
		else
			break;
		cfa += (intptr_t)e->sp_offset;
		/* step_call(): the return address's slot on this stack. */
		if (cfa < 8 || !on_stack(&stack, cfa - 8, 8))
			break;
		if (e->bp_reg == ORC_REG_PREV_SP) {
			uintptr_t slot = cfa + (intptr_t)e->bp_offset;

			if (!on_stack(&stack, slot, 8))
				break;
			caller_bp = *(const uint64_t *)slot;
		} else if (e->bp_reg != ORC_REG_UNDEFINED) {
			break;
		}
		caller_ip = *(const uint64_t *)(cfa - 8);
		/* move_to(): inside the text, and up (cfa is on this stack). */
		if (caller_ip - t->text_start >= t->text_end - t->text_start || cfa <= sp)
			break;
		ip = caller_ip;
		sp = cfa;
		bp = caller_bp;
		exact_ip = false;
		depth++;
	}
	s->ip = ip;
	s->sp = sp;
	s->bp = bp;
	s->exact_ip = exact_ip;
	s->depth = depth;
	return n;
}

unsigned int stack_trace_save_state(struct unwind_state *s,
				    unsigned long *entries, unsigned int max,
				    unsigned int skip)
{
	unsigned int n = 0;

	if (s->result != UNWIND_RUNNING)
		return 0;
	/*
	 * Keep walking past max: whether the trace is reliable is a
	 * property of the whole stack.
	 */
	do {
		n = follow_call_frames(s, entries, max, &skip, n);
	} while (unwind_next(s));
	return n;
}
