/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Single-stepping for the guest suites: RFLAGS.TF makes a #DB after each
 * instruction (Intel SDM vol. 3B, 17.3.1.4), and DR6 says why a #DB came.
 */
#ifndef TESTS_GUEST_SINGLE_STEP_H
#define TESTS_GUEST_SINGLE_STEP_H

#include <stdint.h>

#define DR6_BS		(1UL << 14)	/* single step */
#define DR6_OTHER_CAUSES 0xa00fUL	/* B0-B3 (bits 0-3), BD (13), BT (15) */
#define DR6_CLEAR	0xffff0ff0UL	/* reserved bits read as 1 */

/*
 * popf sets TF; the first trap comes after the instruction that follows
 * (the nop). Clearing TF with popf ends the stepping.
 */
#define STEP_ON()							\
	__asm__ __volatile__("pushf\n\torq $0x100, (%%rsp)\n\tpopf\n\tnop" \
			     : : : "memory", "cc")
#define STEP_OFF()							\
	__asm__ __volatile__("pushf\n\tandq $~0x100, (%%rsp)\n\tpopf"	\
			     : : : "memory", "cc")

static inline uint64_t read_dr6(void)
{
	uint64_t v;

	__asm__ __volatile__("mov %%dr6, %0" : "=r"(v));
	return v;
}

static inline void write_dr6(uint64_t v)
{
	__asm__ __volatile__("mov %0, %%dr6" : : "r"(v));
}

#endif
