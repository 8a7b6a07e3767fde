/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASM_NOPS_H
#define ASM_NOPS_H

#include <stddef.h>
#include <stdint.h>

#define LONGEST_NOP	9

/*
 * Fill len bytes so that they execute as one instruction's worth of
 * nothing: a single NOP up to LONGEST_NOP bytes, otherwise a jmp over
 * int3 padding. Never a run of 0x90.
 */
void fill_nops(uint8_t *buf, size_t len);

#endif
