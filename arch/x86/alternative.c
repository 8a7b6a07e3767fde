// SPDX-License-Identifier: GPL-2.0
/*
 * x86-64 alternatives: build the final bytes of a site.
 *
 * A replacement runs at the site, not where it was assembled. Every
 * rel32 field in it that points outside the replacement (objtool's
 * table) is adjusted by the distance moved: new = old + (repl - site).
 * A trailing "jmp rel32" that now reaches with rel8 is shrunk, its
 * freed bytes joining the padding. Fields inside the replacement need
 * nothing: they move with it.
 */
#include <stdint.h>
#include <string.h>
#include <asm/nops.h>
#include <pvpatch/alternative.h>
#include <pvpatch/platform.h>

#define OPCODE_CALL	0xe8
#define OPCODE_JMP32	0xe9
#define OPCODE_JMP8	0xeb
#define MAX_FIELDS	32

static int32_t read_rel32(const uint8_t *p)
{
	int32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void write_rel32(uint8_t *p, int64_t value, const uint8_t *site)
{
	int32_t v = (int32_t)value;

	if (v != value)
		panic("alternative at %p: relocated field out of rel32 range", site);
	memcpy(p, &v, sizeof(v));
}

/* "call *ptr(%rip)" (ff 15 disp32) becomes "call *ptr", or NOPs. */
static void build_direct_call(const struct alt_instr *a, uint8_t *buf)
{
	const uint8_t *repl = alt_replacement(a);
	uint8_t *site = alt_site(a);

	if (a->replacementlen != 6 || repl[0] != 0xff || repl[1] != 0x15)
		panic("alternative at %p: ALT_DIRECT_CALL arm is not call *mem(%%rip)",
		      site);
	void *const *ptr = (void *const *)(repl + 6 + read_rel32(repl + 2));
	void *func = *ptr;

	if (!func) {
		fill_nops(buf, a->instrlen);
		return;
	}
	buf[0] = OPCODE_CALL;
	write_rel32(buf + 1, (intptr_t)func - (intptr_t)(site + 5), site);
	fill_nops(buf + 5, a->instrlen - 5);
	alternatives_stats.direct_calls++;
}

void arch_alt_build(const struct alt_instr *a, uint8_t *buf)
{
	const uint8_t *repl = alt_replacement(a);
	uint8_t *site = alt_site(a);
	size_t len = a->replacementlen;
	uintptr_t fields[MAX_FIELDS];
	intptr_t moved = (intptr_t)repl - (intptr_t)site;

	if (a->replacementlen > a->instrlen)
		panic("alternative at %p: %u-byte replacement does not fit the %u-byte site",
		      site, a->replacementlen, a->instrlen);
	if (a->flags & ALT_FLAG_DIRECT_CALL) {
		build_direct_call(a, buf);
		return;
	}
	memcpy(buf, repl, len);
	size_t n = alt_relocs_in((uintptr_t)repl, (uintptr_t)repl + len,
				 fields, MAX_FIELDS);

	for (size_t i = 0; i < n; i++) {
		size_t off = fields[i] - (uintptr_t)repl;
		int64_t disp = read_rel32(buf + off);

		/* A byte 0xe9 right before a rel32 field is the jmp opcode:
		 * a ModRM or SIB byte of that value has no disp32 after it. */
		if (off >= 1 && off + 4 == len && buf[off - 1] == OPCODE_JMP32) {
			int64_t target = (intptr_t)repl + (intptr_t)off + 4 + disp;
			int64_t rel8 = target - ((intptr_t)site + (intptr_t)off + 1);

			if (rel8 >= -128 && rel8 <= 127) {
				buf[off - 1] = OPCODE_JMP8;
				buf[off] = (uint8_t)rel8;
				len = off + 1;
				alternatives_stats.jmps_shrunk++;
				continue;
			}
		}
		write_rel32(buf + off, disp + moved, site);
		alternatives_stats.relocated++;
	}
	fill_nops(buf + len, a->instrlen - len);
}

void arch_alt_keep_original(const struct alt_instr *a, uint8_t *buf)
{
	memcpy(buf, alt_site(a), a->oldlen);
	fill_nops(buf + a->oldlen, a->instrlen - a->oldlen);
}
