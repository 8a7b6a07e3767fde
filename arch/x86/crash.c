// SPDX-License-Identifier: GPL-2.0
/*
 * Deliberate fatal faults (boot argument crash=...), so the host tests
 * can check that an unexpected exception is reported in full and ends
 * the run with a failure status.
 */
#include <string.h>
#include <asm/page.h>
#include <pvpatch/arch.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>

static __noinline void crash_invalid_opcode(void)
{
	__asm__ __volatile__("ud2");
}

static __noinline void crash_page_fault(void)
{
	*(volatile int *)phys_to_virt(0x10) = 1;	/* page 0 is not mapped */
}

static __noinline void crash_breakpoint(void)
{
	__asm__ __volatile__("int3");
}

/* A single-step trap nobody asked for (RFLAGS.TF): still fatal. */
static __noinline void crash_single_step(void)
{
	__asm__ __volatile__("pushf\n\torq $0x100, (%%rsp)\n\tpopf\n\tnop"
			     : : : "memory", "cc");
}

static __noinline void crash_write_text(void)
{
	*(volatile unsigned char *)crash_invalid_opcode = 0xc3;
}

void arch_trigger_crash(const char *kind)
{
	printk("crash: triggering '%s' on purpose\n", kind);
	if (strcmp(kind, "ud") == 0)
		crash_invalid_opcode();
	else if (strcmp(kind, "pf") == 0)
		crash_page_fault();
	else if (strcmp(kind, "bp") == 0)
		crash_breakpoint();
	else if (strcmp(kind, "db") == 0)
		crash_single_step();
	else if (strcmp(kind, "wx") == 0)
		crash_write_text();
	else if (strcmp(kind, "panic") == 0)
		panic("deliberate panic from crash=panic");
	printk("crash: '%s' did not fault\n", kind);
	platform_exit(EXIT_FAIL);
}
