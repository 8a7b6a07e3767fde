/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The narrow interface between the arch-neutral static call walk
 * (alternatives/static_call.c) and an architecture's encodings.
 */
#ifndef PVPATCH_STATIC_CALL_ARCH_H
#define PVPATCH_STATIC_CALL_ARCH_H

#include <stdbool.h>
#include <pvpatch/text_poke.h>

/* The instruction that makes `site` call (or tail-jump to) func. */
void arch_static_call_site_insn(struct text_poke_loc *loc, void *site,
				void *func, bool tail);

/* The instruction that makes a trampoline go to func. */
void arch_static_call_tramp_insn(struct text_poke_loc *loc, void *tramp,
				 void *func);

/* Is `site` still the call/jmp to `tramp` the compiler or asm emitted? */
bool arch_static_call_site_unpatched(const void *site, const void *tramp,
				     bool tail);

/* Does `tramp` carry the trampoline signature? */
bool arch_static_call_tramp_valid(const void *tramp);

#endif
