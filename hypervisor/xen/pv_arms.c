// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen PV inline arms (asm/xen/pv_arms.h) as bytes, for seal to check
 * the sites against (the backend's inline_arm, pv_backend.c). Written
 * out from the manual (Intel SDM vol. 2), not taken from the assembler
 * whose output they check: every memory operand is %gs-relative (prefix
 * 65) or absolute, ModRM mod 00 r/m 100 with SIB 25 (no base, no index):
 * a 32-bit displacement.
 *   MOVZX r32, r/m8  0F B6 /r      XOR r/m32, imm8  83 /6 ib
 *   SHL r/m32, imm8  C1 /4 ib      MOV r/m8, imm8   C6 /0 ib
 *   CMP r/m8, imm8   80 /7 ib      JZ rel8          74 cb
 *   CALL r/m64       FF /2
 */
#include <stdbool.h>
#include <string.h>
#include <pvpatch/pvops_backend.h>
#include "pv_internal.h"

struct arm_buffer {
	uint8_t *bytes;
	size_t size, len;
};

static void put(struct arm_buffer *b, const uint8_t *bytes, size_t n)
{
	if (b->len + n <= b->size)
		memcpy(b->bytes + b->len, bytes, n);
	b->len += n;
}

static void put_abs(struct arm_buffer *b, bool gs, const uint8_t *opcode, size_t n,
		    unsigned int reg, uint32_t disp)
{
	uint8_t modrm[6] = { (uint8_t)(reg << 3 | 4), 0x25, (uint8_t)disp,
			     (uint8_t)(disp >> 8), (uint8_t)(disp >> 16), (uint8_t)(disp >> 24) };

	if (gs)
		put(b, (const uint8_t[]){ 0x65 }, 1);
	put(b, opcode, n);
	put(b, modrm, sizeof(modrm));
}

static void put_call_through(struct arm_buffer *b, void (*const *ptr)(void))
{
	put_abs(b, false, (const uint8_t[]){ 0xff }, 1, 2, (uint32_t)(uintptr_t)ptr);
}

static size_t xen_pv_arm_bytes(enum pvop_id op, uint8_t *bytes, size_t size)
{
	struct arm_buffer b = { bytes, size, 0 };
	const uint32_t mask = XEN_PV_MASK_OFFSET, pending = XEN_PV_PENDING_OFFSET;

	switch (op) {
	case PVOP_save_fl:
		put_abs(&b, true, (const uint8_t[]){ 0x0f, 0xb6 }, 2, 0, mask);
		put(&b, (const uint8_t[]){ 0x83, 0xf0, 0x01, 0xc1, 0xe0, 0x09 }, 6);
		break;
	case PVOP_irq_disable:
		put_abs(&b, true, (const uint8_t[]){ 0xc6 }, 1, 0, mask);
		put(&b, (const uint8_t[]){ 0x01 }, 1);
		break;
	case PVOP_irq_enable:
		put_abs(&b, true, (const uint8_t[]){ 0xc6 }, 1, 0, mask);
		put(&b, (const uint8_t[]){ 0x00 }, 1);
		put_abs(&b, true, (const uint8_t[]){ 0x80 }, 1, 7, pending);
		put(&b, (const uint8_t[]){ 0x00, 0x74, 0x07 }, 3);
		put_call_through(&b, &xen_pv_force_upcall_ptr);
		break;
	case PVOP_safe_halt:
		put_call_through(&b, &xen_pv_safe_halt_ptr);
		break;
	case PVOP_halt:
		put_call_through(&b, &xen_pv_halt_ptr);
		break;
	default:
		return 0;
	}
	return b.len <= size ? b.len : 0;
}

/*
 * For the live irq arm switch (pvops/arm_switch.c). The mask and the
 * pending flag are this vCPU's, in its vcpu_info: a #BP leaves them as
 * they were, and our iretq does not restore them, so the emulation
 * writes them as the arm would.
 */
#define FLAGS_IF	(1UL << 9)
/* Instruction boundaries inside the arms, from the encodings above. */
#define SAVE_FL_AFTER_MOVZX	9
#define SAVE_FL_AFTER_XOR	12

/* The arms' call *ptr, from the #BP handler. */
static void call_through(const struct text_poke_loc *loc, struct int3_regs *r,
			 void (*const *ptr)(void))
{
	text_poke_emulate_call(loc, r, (uintptr_t)*ptr);
}

/* movzbl mask, %eax; xor $1, %eax; shl $9, %eax: IF where events are on. */
static void emulate_save_fl(const struct text_poke_loc *loc, struct int3_regs *r)
{
	*r->ax = xen_pv_vcpu_info()->evtchn_upcall_mask ? 0 : FLAGS_IF;
	poke_continue_after(loc, r);
}

static void emulate_irq_disable(const struct text_poke_loc *loc, struct int3_regs *r)
{
	__atomic_store_n(&xen_pv_vcpu_info()->evtchn_upcall_mask, 1, __ATOMIC_SEQ_CST);
	poke_continue_after(loc, r);
}

/* Unmask, then what the arm does for an event that came while masked. */
static void emulate_irq_enable(const struct text_poke_loc *loc, struct int3_regs *r)
{
	struct vcpu_info *vi = xen_pv_vcpu_info();

	__atomic_store_n(&vi->evtchn_upcall_mask, 0, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&vi->evtchn_upcall_pending, __ATOMIC_SEQ_CST))
		call_through(loc, r, &xen_pv_force_upcall_ptr);
	else
		poke_continue_after(loc, r);
}

static void emulate_safe_halt(const struct text_poke_loc *loc, struct int3_regs *r)
{
	call_through(loc, r, &xen_pv_safe_halt_ptr);
}

static void emulate_halt(const struct text_poke_loc *loc, struct int3_regs *r)
{
	call_through(loc, r, &xen_pv_halt_ptr);
}

/* Stopped after the movzbl or the xor: the 32-bit ops zero-extend. */
static void leave_save_fl(const struct text_poke_loc *loc, struct int3_regs *r)
{
	uint32_t eax = (uint32_t)*r->ax;

	if (*r->ip == loc->addr + SAVE_FL_AFTER_MOVZX)
		*r->ax = (uint32_t)((eax ^ 1) << 9);
	else if (*r->ip == loc->addr + SAVE_FL_AFTER_XOR)
		*r->ax = (uint32_t)(eax << 9);
	poke_continue_after(loc, r);
}

/*
 * irq_enable stopped past its unmask (the sync's event could only come
 * then): what is left is the pending check, and the upcall we are in
 * handles every pending event before it returns. irq_disable, safe_halt
 * and halt are one instruction: nothing is left.
 */
const struct pvops_inline_arm xen_pv_inline_arm = {
	.name = "Xen PV",
	.bytes = xen_pv_arm_bytes,
	.emulate = {
		[PVOP_save_fl] = emulate_save_fl,
		[PVOP_irq_disable] = emulate_irq_disable,
		[PVOP_irq_enable] = emulate_irq_enable,
		[PVOP_safe_halt] = emulate_safe_halt,
		[PVOP_halt] = emulate_halt,
	},
	.leave = {
		[PVOP_save_fl] = leave_save_fl,
		[PVOP_irq_disable] = poke_continue_after,
		[PVOP_irq_enable] = poke_continue_after,
		[PVOP_safe_halt] = poke_continue_after,
		[PVOP_halt] = poke_continue_after,
	},
};
