/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ORC: the stack state at each instruction, written by tools/objtool and
 * read by unwind/. Two parallel arrays, sorted by address in the linked
 * image:
 *
 *   orc_unwind_ip   int32_t, each the address of an instruction minus the
 *                   address of the element itself (position independent)
 *   orc_unwind      struct orc_entry, one per .orc_unwind_ip element
 *
 * An entry holds from its address up to the next entry's address. An
 * entry of type ORC_TYPE_UNDEFINED ends a function's range (padding,
 * data in text): an unwinder that lands there stops, unreliable.
 *
 * CFA ("canonical frame address") is the value %rsp had before the call
 * that entered the function: the return address is at CFA - 8.
 */
#ifndef PVPATCH_ORC_H
#define PVPATCH_ORC_H

#include <stdint.h>

enum orc_reg {
	ORC_REG_UNDEFINED = 0,	/* sp: unknown; bp: %rbp still the caller's */
	ORC_REG_SP = 1,		/* CFA = %rsp + sp_offset */
	ORC_REG_BP = 2,		/* CFA = %rbp + sp_offset */
	ORC_REG_PREV_SP = 3,	/* bp only: caller's %rbp saved at CFA + bp_offset */
};

enum orc_type {
	ORC_TYPE_UNDEFINED = 0,	/* no information here: stop, unreliable */
	ORC_TYPE_END_OF_STACK = 1, /* the outermost frame (entry code, idle) */
	ORC_TYPE_CALL = 2,	/* a normal frame: return address at CFA - 8 */
	/*
	 * Interrupt and exception entry: sp_reg + sp_offset points at a full
	 * struct pt_regs (REGS) or at the hardware iret frame only
	 * (REGS_PARTIAL: ip, cs, flags, sp, ss); the interrupted context's
	 * %rip, %rsp (and, for REGS, %rbp) are read from there.
	 */
	ORC_TYPE_REGS = 3,
	ORC_TYPE_REGS_PARTIAL = 4,
};

struct orc_entry {
	int16_t sp_offset;
	int16_t bp_offset;
	uint8_t sp_reg;		/* enum orc_reg */
	uint8_t bp_reg;		/* enum orc_reg */
	uint8_t type;		/* enum orc_type */
	uint8_t reserved;	/* 0 */
} __attribute__((packed));

_Static_assert(sizeof(struct orc_entry) == 8, "ORC entries are 8 bytes");

/*
 * Section names that are C identifiers: GNU ld then defines
 * __start_orc_unwind_ip / __stop_orc_unwind_ip (and the same for
 * orc_unwind) in the hosted link without a linker script; the guest's
 * script (arch/x86/guest.lds.S) defines the same symbols.
 */
#define ORC_IP_SECTION		"orc_unwind_ip"
#define ORC_ENTRY_SECTION	"orc_unwind"

#endif
