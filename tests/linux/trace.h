/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVPATCH_LINUX_TRACE_H
#define PVPATCH_LINUX_TRACE_H

#include <linux/ptrace.h>
#include <linux/types.h>

#define TRACE_DEPTH	24

/*
 * One unwind with Linux's ORC unwinder, starting from trapped registers.
 * addr[0] is regs->ip; then each frame's return address.
 */
struct trace {
	unsigned long sp;		/* regs->sp when trapped */
	u8 depth;
	bool done;			/* reached the end of the stack */
	bool error;			/* the unwinder said it went wrong */
	bool through_regs;		/* crossed another in-kernel exception frame */
	bool truncated;			/* more frames than TRACE_DEPTH */
	unsigned long addr[TRACE_DEPTH];
};

void trace_from_regs(struct pt_regs *regs, struct trace *t);

/* Reliable as arch_stack_walk_reliable() means it: the walk reached the
 * end of the stack, the unwinder reported no error, and no in-kernel
 * exception frame lay on the way (past the one we started from). */
static inline bool trace_reliable(const struct trace *t)
{
	return t->done && !t->error && !t->through_regs;
}
/* Index of addr in t->addr[1..], or -1. */
int trace_find(const struct trace *t, unsigned long addr);
/* "sym+0x1/0x2 <- sym+0x3/0x4 ..." into buf, for a failure message. */
void trace_format(const struct trace *t, char *buf, size_t size);

#endif
