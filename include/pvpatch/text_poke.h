/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVPATCH_TEXT_POKE_H
#define PVPATCH_TEXT_POKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define POKE_MAX_LEN	16

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
};

struct text_poke_loc {
	uintptr_t addr;
	uintptr_t target;	/* for EMULATE_CALL and EMULATE_JMP */
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

/* Platform hook: write through the alias (guest: temporary mapping;
 * hosted: the memfd's second mapping). */
void arch_text_write(void *addr, const void *src, size_t len);

#endif
