/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <stdbool.h>
#include <stdint.h>
#include <pvpatch/arch.h>

/* The frame every interrupt and exception entry builds (arch/x86/entry.S). */
struct pt_regs {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error_code;
	/* pushed by the CPU */
	uint64_t rip, cs, rflags, rsp, ss;
};

#define VECTOR_DE	0
#define VECTOR_DB	1
#define VECTOR_NMI	2
#define VECTOR_BP	3
#define VECTOR_UD	6
#define VECTOR_DF	8
#define VECTOR_GP	13
#define VECTOR_PF	14
#define VECTOR_MC	18
#define NR_EXCEPTIONS	32

/* Interrupt vectors (LAPIC). High vectors: above anything legacy. */
#define VECTOR_KVM_FLUSH_TLB 0xeb	/* hypervisor/kvm/tlb.c */
#define VECTOR_TIMER	0xec
#define VECTOR_IPI_CALL	0xed
#define VECTOR_IPI_WAKE	0xee
#define VECTOR_SPURIOUS	0xff

typedef void (*irq_handler_t)(struct pt_regs *regs);

void trap_init(void);
void cpu_tables_init(unsigned int cpu);
/* Returns the handler it replaces. */
irq_handler_t set_irq_handler(unsigned int vector, irq_handler_t handler);
const char *exception_name(unsigned int vector);

/*
 * A hook for exception `vector` (< NR_EXCEPTIONS), for tests: it claims
 * the exception (true: return to regs) or leaves it to the usual
 * handling (false), so an unexpected #DB is still a fatal report.
 */
typedef bool (*trap_hook_t)(struct pt_regs *regs);
void set_trap_hook(unsigned int vector, trap_hook_t hook);


/* What a trap that a test expected looked like. */
struct trap_record {
	unsigned int vector;
	uint64_t error_code;
	uint64_t rip;
	uint64_t cr2;
};

/*
 * Run fn(arg) expecting it to raise exception `vector` on this CPU. If
 * it does, execution resumes here (fn's frame is abandoned), the trap
 * is described in *record and the result is true. If fn returns
 * normally the result is false. Any other exception is fatal as usual.
 */
bool run_expecting_trap(unsigned int vector, void (*fn)(void *arg), void *arg,
			struct trap_record *record);

#endif
