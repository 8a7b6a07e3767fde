// SPDX-License-Identifier: GPL-2.0
/*
 * Exception and interrupt dispatch. An exception nobody expected is
 * fatal: it is reported (vector, error code, registers, backtrace) and
 * the guest powers off with a failure status, so the host never mistakes
 * a crash for a pass.
 */
#include <stdint.h>
#include <asm/apic.h>
#include <asm/page.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <pvpatch/text_poke.h>
#include <pvpatch/unwind.h>

struct trap_expectation {
	unsigned int vector;
	void *jmpbuf[5];
	struct trap_record record;
};

static irq_handler_t irq_handlers[256];
static trap_hook_t trap_hooks[NR_EXCEPTIONS];

static const char *const exception_names[NR_EXCEPTIONS] = {
	"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
	"#DF", "#CSO", "#TS", "#NP", "#SS", "#GP", "#PF", "#15",
	"#MF", "#AC", "#MC", "#XM", "#VE", "#CP", "#22", "#23",
	"#24", "#25", "#26", "#27", "#HV", "#VC", "#SX", "#31",
};

const char *exception_name(unsigned int vector)
{
	return vector < NR_EXCEPTIONS ? exception_names[vector] : "IRQ";
}

irq_handler_t set_irq_handler(unsigned int vector, irq_handler_t handler)
{
	return __atomic_exchange_n(&irq_handlers[vector], handler, __ATOMIC_ACQ_REL);
}

/* A test's handler (single-step #DB, ...): what it leaves stays fatal. */
void set_trap_hook(unsigned int vector, trap_hook_t hook)
{
	__atomic_store_n(&trap_hooks[vector], hook, __ATOMIC_RELEASE);
}

static bool on_stack(uintptr_t addr, uintptr_t bottom, uintptr_t top)
{
	return bottom && addr >= bottom && addr + 16 <= top;
}

static bool frame_on_cpu_stack(const struct cpu *c, uintptr_t fp)
{
	if (on_stack(fp, c->stack_bottom, c->stack_top))
		return true;
	for (unsigned int i = 1; i <= IST_COUNT; i++) {
		if (on_stack(fp, c->ist_stack_top[i] - PAGE_SIZE,
			     c->ist_stack_top[i]))
			return true;
	}
	return false;
}

/* Frame-pointer walk: the crash report of an image without ORC tables. */
void dump_backtrace(uint64_t rip, uint64_t rbp)
{
	const struct cpu *c = this_cpu();

	printk("backtrace:\n");
	printk("  #0 0x%016lx\n", rip);
	for (unsigned int depth = 1; depth < 32 && rbp; depth++) {
		if ((rbp & 7) || !frame_on_cpu_stack(c, rbp)) {
			printk("  (frame pointer 0x%lx is off the stack)\n", rbp);
			break;
		}
		const uint64_t *frame = (const uint64_t *)rbp;

		if (!frame[1])
			break;
		printk("  #%u 0x%016lx\n", depth, frame[1]);
		if (frame[0] <= rbp)	/* stacks grow down: callers are above */
			break;
		rbp = frame[0];
	}
}

static void dump_registers(const struct pt_regs *r)
{
	printk("rip %016lx rsp %016lx rflags %016lx\n", r->rip, r->rsp, r->rflags);
	printk("rax %016lx rbx %016lx rcx %016lx\n", r->rax, r->rbx, r->rcx);
	printk("rdx %016lx rsi %016lx rdi %016lx\n", r->rdx, r->rsi, r->rdi);
	printk("rbp %016lx r8  %016lx r9  %016lx\n", r->rbp, r->r8, r->r9);
	printk("r10 %016lx r11 %016lx r12 %016lx\n", r->r10, r->r11, r->r12);
	printk("r13 %016lx r14 %016lx r15 %016lx\n", r->r13, r->r14, r->r15);
	printk("cs %lx ss %lx cr0 %lx cr2 %lx cr3 %lx cr4 %lx\n", r->cs, r->ss,
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

static __noreturn void fatal_exception(const struct pt_regs *regs)
{
	printk("PANIC: unexpected exception vector %lu (%s) error 0x%lx at rip 0x%lx\n",
	       regs->vector, exception_name(regs->vector), regs->error_code,
	       regs->rip);
	if (regs->vector == VECTOR_PF)
		printk("page fault address 0x%lx (%s, %s)\n", read_cr2(),
		       regs->error_code & 1 ? "protection" : "not present",
		       regs->error_code & 2 ? "write" :
		       regs->error_code & 16 ? "instruction fetch" : "read");
	dump_registers(regs);
	if (!unwind_dump_regs(regs))	/* no ORC tables: frame pointers */
		dump_backtrace(regs->rip, regs->rbp);
	platform_exit(EXIT_FAIL);
}

static __noreturn __noinline void resume_after_trap(void **jmpbuf)
{
	__builtin_longjmp(jmpbuf, 1);
}

/*
 * Hand control back to run_expecting_trap(): iret into
 * resume_after_trap() on a stack below the trapping frame, aligned as a
 * function entry expects (rsp + 8 a multiple of 16).
 */
static bool handle_expected_trap(struct pt_regs *regs)
{
	struct cpu *c = this_cpu();
	struct trap_expectation *e = c->expect;

	if (!e || e->vector != regs->vector)
		return false;
	c->expect = NULL;
	e->record = (struct trap_record){
		.vector = regs->vector, .error_code = regs->error_code,
		.rip = regs->rip, .cr2 = read_cr2(),
	};
	regs->rsp = ((regs->rsp - 128) & ~15UL) - 8;
	regs->rdi = (uintptr_t)e->jmpbuf;
	regs->rip = (uintptr_t)resume_after_trap;
	return true;
}

bool run_expecting_trap(unsigned int vector, void (*fn)(void *arg), void *arg,
			struct trap_record *record)
{
	struct trap_expectation e = { .vector = vector };
	struct cpu *c = this_cpu();

	if (__builtin_setjmp(e.jmpbuf) == 0) {
		c->expect = &e;
		barrier();
		fn(arg);
		barrier();
		c->expect = NULL;
		return false;
	}
	*record = e.record;
	return true;
}

static bool handle_text_poke_int3(struct pt_regs *regs)
{
	struct int3_regs r = {
		.ip = &regs->rip, .sp = &regs->rsp, .ax = &regs->rax,
		.flags = &regs->rflags,
	};

	return text_poke_int3_handler(&r);
}

/* Called from entry.S with interrupts off. */
void dispatch_trap(struct pt_regs *regs);
void dispatch_trap(struct pt_regs *regs)
{
	unsigned int vector = regs->vector;

	if (vector < NR_EXCEPTIONS) {
		if (vector == VECTOR_BP && handle_text_poke_int3(regs))
			return;
		trap_hook_t hook = __atomic_load_n(&trap_hooks[vector],
						   __ATOMIC_ACQUIRE);

		if (hook && hook(regs))
			return;
		if (handle_expected_trap(regs))
			return;
		fatal_exception(regs);
	}
	if (vector == VECTOR_SPURIOUS)
		return;		/* no EOI for the spurious vector */
	if (irq_handlers[vector]) {
		struct cpu *c = this_cpu();
		struct pt_regs *outer = c->irq_regs;

		c->irq_regs = regs;
		irq_handlers[vector](regs);
		c->irq_regs = outer;
	} else {
		printk("unexpected interrupt vector %u at rip 0x%lx\n", vector,
		       regs->rip);
	}
	apic_eoi();
}
