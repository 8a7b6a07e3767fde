// SPDX-License-Identifier: GPL-2.0
/*
 * x86-64 static call encodings: each state of a 5-byte site or
 * trampoline slot is a single instruction (see asm/static_call.h), which
 * is what lets text_poke_bp replace it while other CPUs execute it.
 */
#include <stdint.h>
#include <string.h>
#include <pvpatch/platform.h>
#include <pvpatch/static_call.h>
#include <pvpatch/static_call_arch.h>

#define OPCODE_CALL	0xe8
#define OPCODE_JMP	0xe9
#define OPCODE_RET	0xc3
#define INT3		0xcc

static const uint8_t nop5[STATIC_CALL_SLOT_SIZE] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };
static const uint8_t xor_eax5[STATIC_CALL_SLOT_SIZE] = { 0x2e, 0x2e, 0x2e, 0x31, 0xc0 };
static const uint8_t ret5[STATIC_CALL_SLOT_SIZE] = { OPCODE_RET, INT3, INT3, INT3, INT3 };

static void set_bytes(struct text_poke_loc *loc, const uint8_t *bytes,
		      enum poke_emulate emulate)
{
	memcpy(loc->bytes, bytes, STATIC_CALL_SLOT_SIZE);
	loc->emulate = emulate;
}

static void set_rel32(struct text_poke_loc *loc, uint8_t opcode, void *target)
{
	int64_t rel = (intptr_t)target - (intptr_t)(loc->addr + STATIC_CALL_SLOT_SIZE);
	int32_t rel32 = (int32_t)rel;

	if (rel != rel32)
		panic("static_call: %p is out of rel32 reach of %p", target,
		      (void *)loc->addr);
	loc->bytes[0] = opcode;
	memcpy(&loc->bytes[1], &rel32, sizeof(rel32));
	loc->emulate = opcode == OPCODE_CALL ? EMULATE_CALL : EMULATE_JMP;
	loc->target = (uintptr_t)target;
}

static void init_loc(struct text_poke_loc *loc, void *addr)
{
	memset(loc, 0, sizeof(*loc));
	loc->addr = (uintptr_t)addr;
	loc->len = STATIC_CALL_SLOT_SIZE;
}

void arch_static_call_site_insn(struct text_poke_loc *loc, void *site,
				void *func, bool tail)
{
	init_loc(loc, site);
	if (!func)
		set_bytes(loc, tail ? ret5 : nop5, tail ? EMULATE_RET : EMULATE_NOP);
	else if (func == (void *)__static_call_return0 && !tail)
		set_bytes(loc, xor_eax5, EMULATE_RET0);
	else
		set_rel32(loc, tail ? OPCODE_JMP : OPCODE_CALL, func);
}

void arch_static_call_tramp_insn(struct text_poke_loc *loc, void *tramp,
				 void *func)
{
	init_loc(loc, tramp);
	if (!func)
		set_bytes(loc, ret5, EMULATE_RET);
	else
		set_rel32(loc, OPCODE_JMP, func);
}

bool arch_static_call_site_unpatched(const void *site, const void *tramp,
				     bool tail)
{
	const uint8_t *p = site;
	int32_t rel;

	if (p[0] != (tail ? OPCODE_JMP : OPCODE_CALL))
		return false;
	memcpy(&rel, p + 1, sizeof(rel));
	return (uintptr_t)p + STATIC_CALL_SLOT_SIZE + rel == (uintptr_t)tramp;
}

bool arch_static_call_tramp_valid(const void *tramp)
{
	return memcmp((const uint8_t *)tramp + STATIC_CALL_SLOT_SIZE,
		      STATIC_CALL_SIGNATURE, STATIC_CALL_SIGNATURE_SIZE) == 0;
}
