/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

#include <stdbool.h>
#include <stdint.h>

static inline void outb(uint16_t port, uint8_t value)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t value)
{
	__asm__ __volatile__("outw %0, %1" : : "a"(value), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t value)
{
	__asm__ __volatile__("outl %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t value;

	__asm__ __volatile__("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t value;

	__asm__ __volatile__("inl %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

struct cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct cpuid_regs cpuid_count(uint32_t leaf, uint32_t subleaf)
{
	struct cpuid_regs r;

	__asm__ __volatile__("cpuid"
			     : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			     : "a"(leaf), "c"(subleaf));
	return r;
}

static inline struct cpuid_regs cpuid(uint32_t leaf)
{
	return cpuid_count(leaf, 0);
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t value)
{
	__asm__ __volatile__("wrmsr"
			     : : "c"(msr), "a"((uint32_t)value),
			       "d"((uint32_t)(value >> 32)) : "memory");
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#define DEFINE_CR_ACCESSORS(n)						\
static inline uint64_t read_cr##n(void)					\
{									\
	uint64_t v;							\
	__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));		\
	return v;							\
}									\
static inline void write_cr##n(uint64_t v)				\
{									\
	__asm__ __volatile__("mov %0, %%cr" #n : : "r"(v) : "memory");	\
}
DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)
#undef DEFINE_CR_ACCESSORS

static inline void cpu_relax(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

/*
 * The raw interrupt-flag instructions. Kernel code uses <asm/irqflags.h>
 * (pvop sites); these are for the few places arch/x86/raw_irq_ops.txt
 * lists, each with its reason, and for the native arm itself.
 */
static inline void native_irq_disable_insn(void)
{
	__asm__ __volatile__("cli" ::: "memory");
}

static inline void native_irq_enable_insn(void)
{
	__asm__ __volatile__("sti" ::: "memory");
}

static inline uint64_t native_save_fl_insn(void)
{
	uint64_t flags;

	__asm__ __volatile__("pushf; pop %0" : "=rm"(flags) : : "memory");
	return flags;
}

/* sti's one-instruction shadow makes "sti; hlt" wake-up safe: no
 * interrupt can arrive between the two and be missed by hlt. */
static inline void native_safe_halt_insn(void)
{
	__asm__ __volatile__("sti; hlt" ::: "memory");
}

static inline void native_halt_insn(void)
{
	__asm__ __volatile__("hlt" ::: "memory");
}

#define X86_EFLAGS_IF	(1UL << 9)
#define X86_EFLAGS_TF	(1UL << 8)

/* The interrupt flag as the CPU has it, for tests that check it without
 * going through a pvop site (arm64 has the same name for PSTATE.I). */
static inline bool hw_irqs_enabled(void)
{
	return native_save_fl_insn() & X86_EFLAGS_IF;
}

/*
 * CPUID is architecturally serializing (Intel SDM vol. 3A, 9.3 "Serializing
 * instructions"), available in every mode, and is what the cross-modifying
 * code rules (SDM vol. 3A, 9.1.3) ask each executing CPU to run.
 */
static inline void serialize_cpu(void)
{
	uint32_t eax = 0, ebx, ecx = 0, edx;

	__asm__ __volatile__("cpuid"
			     : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx)
			     : : "memory");
}

#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_APIC_BASE		0x1b

#endif
