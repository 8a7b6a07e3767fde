/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVPATCH_TEXT_POKE_H
#define PVPATCH_TEXT_POKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest location: a pvop site with the Xen PV irq_enable arm is 27. */
#define POKE_MAX_LEN	32

/*
 * What a CPU that meets the int3 at a location being patched must do:
 * execute the new instruction for it. Each new instruction is exactly
 * one instruction, so "the new instruction" is well defined.
 */
enum poke_emulate {
	EMULATE_CALL,		/* call target */
	EMULATE_JMP,		/* jmp target */
	EMULATE_NOP,		/* continue at addr + len */
	EMULATE_RET,		/* ret */
	EMULATE_RET0,		/* xor %eax,%eax; continue at addr + len */
	EMULATE_FUNC,		/* loc->emulate_fn: an inline sequence */
};

struct int3_regs;
struct text_poke_loc;
typedef void (*poke_fixup_t)(const struct text_poke_loc *loc, struct int3_regs *regs);

struct text_poke_loc {
	uintptr_t addr;
	uintptr_t target;	/* for EMULATE_CALL and EMULATE_JMP */
	/* EMULATE_FUNC: run the whole new sequence for a CPU at its int3. */
	poke_fixup_t emulate_fn;
	/*
	 * When the old contents are several instructions: move a CPU whose
	 * interrupted context stands inside (addr, addr + len) to addr + len,
	 * finishing the old sequence. Run from the first sync, before any
	 * tail byte changes. NULL when the old contents are one instruction.
	 */
	poke_fixup_t leave_interior;
	uint8_t len;
	uint8_t emulate;	/* enum poke_emulate */
	uint8_t bytes[POKE_MAX_LEN];
};

/*
 * Write text through a writable alias (never through the executable
 * mapping). No synchronization: for text no other CPU can be running,
 * or as one step of text_poke_bp_batch().
 */
void text_poke(void *addr, const void *bytes, size_t len);

/*
 * Replace one instruction at each location while other CPUs may be
 * executing it: int3 on every first byte, sync, the tails, sync, the
 * first bytes, sync (Intel SDM vol. 3A, 9.1.3, cross-modifying code).
 * Exactly three sync_all_cpus() per call, however many locations.
 * Callers serialize through text_mutex_lock().
 */
void text_poke_bp_batch(struct text_poke_loc *locs, size_t count);

void text_mutex_lock(void);
void text_mutex_unlock(void);

/* Number of sync_all_cpus() the patcher has issued since boot. */
unsigned long text_poke_sync_count(void);

/* Number of text_poke() writes since boot (each of any length). */
unsigned long text_poke_write_count(void);

/* CPUs moved out of a location's interior by a first sync, since boot. */
unsigned long text_poke_interior_fixups(void);

/*
 * The interrupted context as the #BP handler (guest) or SIGTRAP handler
 * (hosted) sees it; ip points just past the int3.
 */
struct int3_regs {
	uint64_t *ip, *sp, *ax, *flags;
};

/*
 * Called from the int3 handler. True when the int3 belongs to a patch in
 * progress and the new instruction was emulated; false when it is not
 * ours (the handler then treats it as any other breakpoint).
 */
bool text_poke_int3_handler(struct int3_regs *regs);

/* Move the context to the end of the location (what is left is done). */
static inline void poke_continue_after(const struct text_poke_loc *loc,
				       struct int3_regs *regs)
{
	*regs->ip = loc->addr + loc->len;
}

/*
 * A call to target from the end of the location: push addr + len, go to
 * target. Only from the int3 handler, whose entry leaves room below its
 * frame for the push (a sync's interrupt does not).
 */
void text_poke_emulate_call(const struct text_poke_loc *loc, struct int3_regs *regs,
			    uintptr_t target);

/*
 * Platform hook: make every CPU serialize, as sync_all_cpus(); on every
 * other CPU run fixup(regs of the context the sync interrupted), then
 * hold it inside the sync until while_held(arg) has run on this CPU.
 * fixup and while_held may be NULL. False, and no sync, where the
 * platform cannot reach those contexts (hosted).
 */
bool arch_sync_all_cpus_with(void (*fixup)(struct int3_regs *regs),
			     void (*while_held)(void *arg), void *arg);

/* Platform hook: write through the alias (guest: temporary mapping;
 * hosted: the memfd's second mapping). */
void arch_text_write(void *addr, const void *src, size_t len);

#endif
