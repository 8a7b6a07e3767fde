// SPDX-License-Identifier: GPL-2.0
/*
 * Crash backtraces from ORC, in the "  #N 0xADDR" form tools/pvrun
 * symbolizes, headed by whether the unwind reached the end of the stack.
 */
#include <stdbool.h>
#include <asm/traps.h>
#include <pvpatch/printk.h>
#include <pvpatch/unwind.h>

#define DUMP_FRAMES	32

static void print_trace(const unsigned long *trace, unsigned int n,
			bool reliable, enum unwind_result why)
{
	if (reliable)
		printk("backtrace (ORC, reliable):\n");
	else
		printk("backtrace (ORC, unreliable: %s):\n", unwind_result_name(why));
	for (unsigned int i = 0; i < n; i++)
		printk("  #%u 0x%016lx\n", i, trace[i]);
}

bool unwind_dump_regs(const struct pt_regs *regs)
{
	unsigned long trace[DUMP_FRAMES];
	enum unwind_result why;
	bool reliable;
	unsigned int n;

	if (!orc_kernel_table())
		return false;
	n = stack_trace_save_regs(regs, trace, DUMP_FRAMES, 0, &reliable, &why);
	print_trace(trace, n, reliable, why);
	return true;
}

bool unwind_dump_caller(void)
{
	unsigned long trace[DUMP_FRAMES];
	enum unwind_result why;
	bool reliable;
	unsigned int n;

	if (!orc_kernel_table())
		return false;
	n = stack_trace_save(trace, DUMP_FRAMES, 1, &reliable, &why);
	print_trace(trace, n, reliable, why);
	return true;
}
