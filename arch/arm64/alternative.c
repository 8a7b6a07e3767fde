// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 alternatives: build the final instructions of a site.
 *
 * Arms are as long as the original (asm/alternative.h), so building a
 * site is copying the chosen arm word by word. A replacement runs at the
 * site, not where it was assembled: each PC-relative instruction in it
 * whose target lies outside the arm is re-encoded for the site's address
 * (B, BL, B.cond, CB(N)Z, TB(N)Z, ADR; ADRP keeps its absolute page).
 * Targets inside the arm move with it and stay as they are. There is no
 * objtool on arm64: the guest decodes the few PC-relative encodings
 * itself (asm/insn.h), which fixed 32-bit instructions make exact.
 *
 * Literal loads (LDR, LDRSW, PRFM, LDR SIMD&FP, "(literal)") are
 * refused: their pool is data beside the arm, not part of it, so the
 * load would have to be relocated to read the replacement section's
 * pool from the site, and a pool past the arm's end is not ours to know.
 * A site with one stops the boot, naming it.
 */
#include <stdint.h>
#include <string.h>
#include <asm/insn.h>
#include <pvpatch/alternative.h>
#include <pvpatch/platform.h>
#include "arm64.h"

static uint32_t read_insn(const uint8_t *p)
{
	uint32_t insn;

	memcpy(&insn, p, sizeof(insn));	/* the build buffer is bytes */
	return insn;
}

static void write_insn(uint8_t *p, uint32_t insn)
{
	memcpy(p, &insn, sizeof(insn));
}

int arm64_alt_check_insns(const uint32_t *insns, unsigned int nr, unsigned int *bad)
{
	for (unsigned int i = 0; i < nr; i++) {
		if (a64_pcrel_kind(insns[i]) == A64_LITERAL_LOAD) {
			*bad = i;
			return -1;
		}
	}
	return 0;
}

const char *arm64_alt_relocate(uint32_t insn, uint64_t from, uint64_t to,
			       uint64_t arm_start, uint64_t arm_end, uint32_t *out)
{
	enum a64_pcrel kind = a64_pcrel_kind(insn);
	uint64_t target;

	*out = insn;
	if (kind == A64_NOT_PCREL)
		return NULL;
	if (kind == A64_LITERAL_LOAD)
		return "literal load in a replacement (its pool does not move with "
		       "the arm): use adrp + ldr :lo12: instead";
	target = a64_pcrel_target(insn, from);
	/* Inside the arm (its end included: "fall through past the site"),
	 * the target moves with the instruction. A page (ADRP) is absolute. */
	if (kind != A64_ADRP && target >= arm_start && target <= arm_end)
		return NULL;
	return a64_pcrel_retarget(insn, to, target, out);
}

static void site_error(const struct alt_instr *a, unsigned int i, uint32_t insn,
		       const char *why)
{
	uint8_t *site = alt_site(a);

	panic("alternative at %p (feature %u, instruction %u of %u, 0x%08x %s): %s",
	      site, a->feature, i, a->instrlen / A64_INSN_BYTES, insn,
	      a64_pcrel_name(a64_pcrel_kind(insn)), why);
}

static void build_callback(const struct alt_instr *a, uint8_t *buf)
{
	alt_callback_t callback = (alt_callback_t)(uintptr_t)alt_replacement(a);
	uint32_t words[255 / A64_INSN_BYTES];
	unsigned int nr = a->instrlen / A64_INSN_BYTES, bad;

	memcpy(words, alt_site(a), a->instrlen);
	callback(a, (const uint32_t *)alt_site(a), words, nr);
	/* What a callback writes runs where it is: only a literal load
	 * could still read data that is not there. */
	if (arm64_alt_check_insns(words, nr, &bad))
		site_error(a, bad, words[bad], "a callback wrote a literal load");
	memcpy(buf, words, a->instrlen);
	alternatives_stats.callbacks++;
}

void arch_alt_build(const struct alt_instr *a, uint8_t *buf)
{
	const uint8_t *repl = alt_replacement(a);
	uint8_t *site = alt_site(a);

	if (a->instrlen % A64_INSN_BYTES || a->oldlen != a->instrlen)
		panic("alternative at %p: %u-byte site is not whole instructions",
		      site, a->instrlen);
	if (a->flags & ALT_FLAG_CALLBACK) {
		build_callback(a, buf);
		return;
	}
	if (a->replacementlen != a->instrlen)
		panic("alternative at %p: %u-byte replacement for a %u-byte site",
		      site, a->replacementlen, a->instrlen);
	for (unsigned int off = 0; off < a->instrlen; off += A64_INSN_BYTES) {
		uint32_t insn = read_insn(repl + off), moved;
		const char *why = arm64_alt_relocate(insn, (uintptr_t)repl + off,
						     (uintptr_t)site + off, (uintptr_t)repl,
						     (uintptr_t)repl + a->replacementlen, &moved);

		if (why)
			site_error(a, off / A64_INSN_BYTES, insn, why);
		if (moved != insn)
			alternatives_stats.relocated++;
		write_insn(buf + off, moved);
	}
}

/* Same-length arms: the original needs no padding, it is kept as it is. */
void arch_alt_keep_original(const struct alt_instr *a, uint8_t *buf)
{
	memcpy(buf, alt_site(a), a->instrlen);
}
