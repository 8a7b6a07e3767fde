// SPDX-License-Identifier: GPL-2.0
/*
 * Exceptions on arm64: every one is fatal but the HLT of a semihosting
 * call made without semihosting (power.c's exit falls back to PSCI).
 * The report names the exception class from ESR_EL1 (Arm ARM,
 * "ESR_EL1, Exception Syndrome Register (EL1)"), the fault status code of
 * an abort, FAR_EL1 where it is valid, ELR, all registers, and a
 * frame-pointer backtrace, then powers off as FAIL.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <asm/percpu.h>
#include <asm/ptrace.h>
#include <pvpatch/arch.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include "arm64.h"

#define ESR_EC(esr)	(((esr) >> 26) & 0x3f)
#define ESR_ISS(esr)	((esr) & 0x1ffffff)
#define EC_UNKNOWN	0x00
#define EC_IABT_CUR	0x21
#define EC_DABT_LOW	0x24
#define EC_DABT_CUR	0x25
#define EC_IABT_LOW	0x20
#define EC_BRK64	0x3c

static const char *const entry_kind[4] = { "synchronous", "IRQ", "FIQ", "SError" };
static const char *const entry_origin[4] = {
	"EL1 with SP_EL0", "EL1 with SP_EL1", "EL0 (AArch64)", "EL0 (AArch32)",
};

static const char *ec_name(unsigned int ec)
{
	switch (ec) {
	case 0x00: return "unknown reason (undefined instruction)";
	case 0x01: return "trapped WFI/WFE";
	case 0x07: return "trapped SVE/SIMD/FP access";
	case 0x0e: return "illegal execution state";
	case 0x15: return "SVC from AArch64";
	case 0x16: return "HVC from AArch64";
	case 0x17: return "SMC from AArch64";
	case 0x18: return "trapped MSR/MRS/system instruction";
	case 0x20: return "instruction abort from a lower EL";
	case 0x21: return "instruction abort at EL1";
	case 0x22: return "PC alignment fault";
	case 0x24: return "data abort from a lower EL";
	case 0x25: return "data abort at EL1";
	case 0x26: return "SP alignment fault";
	case 0x2c: return "trapped floating-point exception";
	case 0x2f: return "SError";
	case 0x30: case 0x31: return "breakpoint (debug)";
	case 0x32: case 0x33: return "software step";
	case 0x34: case 0x35: return "watchpoint";
	case 0x3c: return "BRK instruction";
	default: return "reserved or unhandled class";
	}
}

/* The fault status code of an abort (ISS bits 5:0, DFSC or IFSC, in the same register description). */
static const char *fsc_name(unsigned int fsc)
{
	switch (fsc >> 2) {
	case 0: return "address size fault";
	case 1: return "translation fault";
	case 2: return "access flag fault";
	case 3: return "permission fault";
	}
	switch (fsc) {
	case 0x10: return "synchronous external abort";
	case 0x21: return "alignment fault";
	case 0x30: return "TLB conflict abort";
	default: return "other fault status";
	}
}

static void dump_registers(const struct pt_regs *r)
{
	for (unsigned int i = 0; i < 30; i += 3) {
		printk("x%-2u %016lx x%-2u %016lx x%-2u %016lx\n",
		       i, (unsigned long)r->x[i], i + 1, (unsigned long)r->x[i + 1],
		       i + 2, (unsigned long)r->x[i + 2]);
	}
	printk("x30 %016lx sp  %016lx\n", (unsigned long)r->x[30], (unsigned long)r->sp);
	printk("elr %016lx spsr %08lx esr %08lx far %016lx\n", (unsigned long)r->elr,
	       (unsigned long)r->spsr, (unsigned long)r->esr, (unsigned long)r->far);
}

static void report_abort(const struct pt_regs *r, unsigned int ec)
{
	unsigned int iss = ESR_ISS(r->esr), fsc = iss & 0x3f;
	bool data = ec == EC_DABT_CUR || ec == EC_DABT_LOW;

	/* ISS bit 10 (FnV): FAR is not valid. */
	printk("%s: %s (FSC 0x%02x, level %u)%s at address 0x%lx%s\n",
	       data ? "data abort" : "instruction abort", fsc_name(fsc), fsc,
	       fsc & 3, data ? ((iss & (1u << 6)) ? ", write" : ", read") : "",
	       (unsigned long)r->far, (iss & (1u << 10)) ? " (FAR not valid)" : "");
}

void arm64_exception(struct pt_regs *regs, unsigned long entry);
void arm64_exception(struct pt_regs *regs, unsigned long entry)
{
	unsigned int ec = ESR_EC(regs->esr);
	bool sync = (entry & 3) == 0;

	/* The HLT of semihost_call() without semihosting: UNDEFINED, so
	 * class "unknown"; report "unavailable" and step over it. */
	if (sync && ec == EC_UNKNOWN && regs->elr == (uintptr_t)semihost_trap_insn) {
		regs->x[0] = SEMIHOST_UNAVAILABLE;
		regs->elr += 4;
		return;
	}
	printk("PANIC: unexpected %s exception from %s: ESR_EL1 0x%08lx, EC 0x%02x (%s), ELR 0x%lx\n",
	       entry_kind[entry & 3], entry_origin[(entry >> 2) & 3],
	       (unsigned long)regs->esr, ec, sync ? ec_name(ec) : "asynchronous",
	       (unsigned long)regs->elr);
	if (sync && (ec == EC_DABT_CUR || ec == EC_DABT_LOW || ec == EC_IABT_CUR || ec == EC_IABT_LOW))
		report_abort(regs, ec);
	if (sync && ec == EC_BRK64)
		printk("brk #0x%lx\n", (unsigned long)(regs->esr & 0xffff));
	dump_registers(regs);
	dump_backtrace(regs->elr, regs->x[29]);
	platform_exit(EXIT_FAIL);
}

static bool on_boot_stack(uint64_t fp)
{
	const struct cpu *c = this_cpu();

	return fp >= c->stack_bottom && fp + 16 <= c->stack_top;
}

/* AArch64 frame records (AAPCS64 6.2.3): [fp] is the caller's fp,
 * [fp + 8] the return address. */
void dump_backtrace(uint64_t ip, uint64_t fp)
{
	printk("backtrace:\n");
	printk("  #0 0x%016lx\n", (unsigned long)ip);
	for (unsigned int depth = 1; depth < 32 && fp; depth++) {
		if ((fp & 15) || !on_boot_stack(fp)) {
			printk("  (frame pointer 0x%lx is off the stack)\n", (unsigned long)fp);
			break;
		}
		const uint64_t *frame = (const uint64_t *)(uintptr_t)fp;

		if (!frame[1])
			break;
		printk("  #%u 0x%016lx\n", depth, (unsigned long)frame[1]);
		if (frame[0] <= fp)	/* stacks grow down: callers are above */
			break;
		fp = frame[0];
	}
}

void arch_trigger_crash(const char *kind)
{
	printk("crash=%s: triggering it\n", kind);
	if (strcmp(kind, "ud") == 0)
		__asm__ __volatile__("udf #0");
	else if (strcmp(kind, "bp") == 0)
		__asm__ __volatile__("brk #0x3e8");
	else if (strcmp(kind, "pf") == 0)
		/* The flash's second page: memory.c maps nothing below the
		 * UART, so a translation fault (not 0: GCC turns a NULL load
		 * into a trap of its own). */
		(void)*(volatile uint64_t *)(uintptr_t)0x1000;
	else if (strcmp(kind, "wx") == 0)
		/* Text is read-only: a permission fault, write. */
		*(volatile uint32_t *)(uintptr_t)arch_trigger_crash = 0xd503201f;
	else if (strcmp(kind, "panic") == 0)
		panic("deliberate panic (crash=panic)");
	else
		platform_fatal("crash=%s: not on arm64 yet (no single-step)", kind);
	panic("crash=%s did not fault", kind);
}
