/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Alternatives: instructions chosen once at boot by CPU (or synthetic)
 * feature. The original is padded to the longest arm; apply_alternatives()
 * copies the chosen arm over it, fixes PC-relative fields that moved
 * (from the table objtool fills, include/pvpatch/alt_relocs.h) and fills
 * what is left with the fewest, longest NOPs.
 *
 *   ALTERNATIVE(old, new, feature)             new if feature
 *   ALTERNATIVE(old, new, ALT_NOT(feature))    new unless feature
 *   ALTERNATIVE_2(old, new1, f1, new2, f2)     the last arm whose
 *                                              condition holds wins
 *   ALT_DIRECT_CALL(feature)                   new is "call *ptr(%rip)":
 *                                              becomes a direct call to
 *                                              *ptr (a NOP when NULL)
 *                                              (x86)
 *   ALTERNATIVE_CB(old, callback, feature)     callback writes the new
 *                                              instructions at boot
 *                                              (arm64)
 *
 * On arm64 the arms are the same length (no padding), and the guest
 * relocates the PC-relative instructions of a moved arm itself.
 *
 * From C they are asm string fragments; from .S the same names are
 * assembler macros (asm/alternative.h).
 */
#ifndef PVPATCH_ALTERNATIVE_H
#define PVPATCH_ALTERNATIVE_H

#define ALT_FLAG_NOT		1
#define ALT_FLAG_DIRECT_CALL	2
#define ALT_FLAG_CALLBACK	4	/* the replacement is a function */
#define ALT_NOT(feature)	((ALT_FLAG_NOT << 16) | (feature))
#define ALT_DIRECT_CALL(feature) ((ALT_FLAG_DIRECT_CALL << 16) | (feature))

#ifndef __ASSEMBLY__
#include <stddef.h>
#include <stdint.h>
#include <pvpatch/compiler.h>

struct alt_instr {
	int32_t instr_offset;	/* site - &instr_offset */
	int32_t repl_offset;	/* replacement - &repl_offset */
	uint16_t feature;
	uint16_t flags;		/* ALT_FLAG_* */
	uint8_t instrlen;	/* the site, padding included */
	uint8_t oldlen;		/* the original instructions alone */
	uint8_t replacementlen;
} __packed;

struct alternatives_stats {
	unsigned long sites;		/* distinct patched locations */
	unsigned long replaced;		/* an arm other than the original won */
	unsigned long relocated;	/* PC-relative fields adjusted */
	unsigned long jmps_shrunk;	/* rel32 jmp rewritten as rel8 */
	unsigned long direct_calls;	/* call *ptr turned into call func */
	unsigned long callbacks;	/* arms written by a callback */
};
extern struct alternatives_stats alternatives_stats;

/*
 * Patch every site of [start, end) once. Before other CPUs run the
 * text: it writes with plain text_poke(), no int3 protocol.
 */
void apply_alternatives(struct alt_instr *start, struct alt_instr *end);

extern struct alt_instr __start_alt_instructions[], __stop_alt_instructions[];

/* Arch hooks: the bytes of a site with arm `a` chosen, or with the
 * original kept (padding turned into NOPs). buf holds a->instrlen bytes. */
void arch_alt_build(const struct alt_instr *a, uint8_t *buf);
void arch_alt_keep_original(const struct alt_instr *a, uint8_t *buf);

/*
 * Where code assembled at addr runs: ALT_NOT_IN_REPLACEMENT (it is not in
 * a replacement: where it was assembled), ALT_REPLACEMENT_LIVE (its arm
 * was applied; *live is its address at the site) or ALT_REPLACEMENT_DEAD
 * (its arm was not applied, or its table not yet: it never runs).
 */
#define ALT_NOT_IN_REPLACEMENT	0
#define ALT_REPLACEMENT_LIVE	1
#define ALT_REPLACEMENT_DEAD	2
int alt_replacement_status(const void *addr, void **live);

/* PC-relative fields objtool found in [start, end): their addresses. */
size_t alt_relocs_in(uintptr_t start, uintptr_t end, uintptr_t *fields,
		     size_t max);

static inline uint8_t *alt_site(const struct alt_instr *a)
{
	return (uint8_t *)((intptr_t)&a->instr_offset + a->instr_offset);
}

static inline const uint8_t *alt_replacement(const struct alt_instr *a)
{
	return (const uint8_t *)((intptr_t)&a->repl_offset + a->repl_offset);
}
#endif

#include <asm/alternative.h>

#endif
