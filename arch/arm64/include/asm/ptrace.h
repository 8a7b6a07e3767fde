/* SPDX-License-Identifier: GPL-2.0 */
/* The register frame arch/arm64/entry.S saves on every exception. */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#define PT_REGS_X0	0
#define PT_REGS_SP	248
#define PT_REGS_ELR	256
#define PT_REGS_SPSR	264
#define PT_REGS_ESR	272
#define PT_REGS_FAR	280
#define PT_REGS_FRAME	288	/* a frame record {x29, elr}: backtraces cross the exception */
#define PT_REGS_SIZE	304	/* a multiple of 16: SP stays aligned */

#ifndef __ASSEMBLY__
#include <stdint.h>

struct pt_regs {
	uint64_t x[31];
	uint64_t sp;
	uint64_t elr;
	uint64_t spsr;
	uint64_t esr;
	uint64_t far;
	uint64_t frame[2];
};

_Static_assert(sizeof(struct pt_regs) == PT_REGS_SIZE, "entry.S frame layout");
_Static_assert(__builtin_offsetof(struct pt_regs, elr) == PT_REGS_ELR, "entry.S frame layout");
_Static_assert(__builtin_offsetof(struct pt_regs, frame) == PT_REGS_FRAME, "entry.S frame layout");
#endif

#endif
