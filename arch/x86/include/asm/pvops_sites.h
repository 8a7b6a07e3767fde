/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64 pvop callers, generated from PVOPS_LIST
 * (include/pvpatch/pvops_calls.h).
 *
 * An inline op is one combined site: ALTERNATIVE(native instructions,
 * static call site of pv_<name>, condition). The native arm is padded to
 * the call's 5 bytes with one NOP; the call arm's site is recorded as a
 * static call site inside the replacement, which static_call_init()
 * follows to the live site when the arm is applied. Each site is also
 * recorded in pvop_sites (op number, length, and whether the kernel's
 * own code or test and benchmark code holds it).
 */
#ifndef ASM_PVOPS_SITES_H
#define ASM_PVOPS_SITES_H

#ifdef PVPATCH_TEST_CODE
#define PVOP_SITE_ORIGIN	__stringify(PVOP_SITE_TEST)
#else
#define PVOP_SITE_ORIGIN	__stringify(PVOP_SITE_KERNEL)
#endif

/* The op number comes in as operand "pvop_id" (an enum, not a macro). */
#define PVOP_SITE_RECORD						\
	".pushsection pvop_sites, \"a\"\n\t"				\
	".balign 4\n\t"							\
	".long 661b - .\n\t"						\
	".byte %c[pvop_id], 663b - 661b, " PVOP_SITE_ORIGIN ", 0\n\t"	\
	".popsection\n\t"

#ifdef CONFIG_XEN_PV
/*
 * The Xen PV image: a third arm, the Xen one (asm/xen/pv_arms.h), for
 * X86_FEATURE_XENPV; the call arm comes last so that pvops.irq=call
 * still wins. The site grows to the longest arm.
 */
#include <asm/xen/pv_arms.h>
#define PVOP_SITE_ASM(name, insns, cond)				\
	ALTERNATIVE_2(insns, XEN_PV_ARM_##name, X86_FEATURE_XENPV,	\
		      STATIC_CALL_SITE(pv_##name), cond)		\
	PVOP_SITE_RECORD
#define PVOP_SITE_OPERANDS	XEN_PV_ARM_OPERANDS
#else
#define PVOP_SITE_ASM(name, insns, cond)				\
	ALTERNATIVE(insns, STATIC_CALL_SITE(pv_##name), cond)		\
	PVOP_SITE_RECORD
#define PVOP_SITE_OPERANDS
#endif

/* The target preserves every register but %rax (PV_THUNK_RAX). */
#define PVOP_CALLER_INLINE_RAX(name, ret, params, args, insns, cond)	\
	static __always_inline ret pv_##name params			\
	{								\
		unsigned long __value;					\
		__asm__ __volatile__(PVOP_SITE_ASM(name, insns, cond)	\
				     : "=a"(__value)			\
				     : [pvop_id] "i"(PVOP_##name)	\
				       PVOP_SITE_OPERANDS		\
				     : "memory", "cc");			\
		return (ret)__value;					\
	}

/* The target preserves every register (PV_THUNK). */
#define PVOP_CALLER_INLINE(name, ret, params, args, insns, cond)	\
	static __always_inline void pv_##name params			\
	{								\
		__asm__ __volatile__(PVOP_SITE_ASM(name, insns, cond)	\
				     : : [pvop_id] "i"(PVOP_##name)	\
				       PVOP_SITE_OPERANDS		\
				     : "memory", "cc");			\
	}

#define PVOP_CALLER_CALL(name, ret, params, args, insns, cond)	\
	static inline ret pv_##name params				\
	{								\
		return static_call(pv_##name) args;			\
	}

#define PVOP_CALLER_CALL_VOID(name, ret, params, args, insns, cond)	\
	static inline void pv_##name params				\
	{								\
		static_call(pv_##name) args;				\
	}

#define PVOP_CALLER(name, ret, params, args, kind, insns, cond)		\
	PVOP_CALLER_##kind(name, ret, params, args, insns, cond)

/*
 * Callee-save thunk of a C function: what an inline op's call arm calls.
 * It keeps the frame-pointer chain, aligns the stack for the C ABI (an
 * asm call site may run at any alignment) and saves every register the
 * C ABI lets the function clobber, %rax too unless it is the result.
 */
#define __PV_THUNK(func, thunk, save_rax, restore_rax, nsaved)		\
	__asm__(".pushsection .text\n\t"				\
		".balign 16\n\t"					\
		".globl " #thunk "\n\t"					\
		".type " #thunk ", @function\n"				\
		#thunk ":\n\t"						\
		"push %rbp\n\t"						\
		"mov %rsp, %rbp\n\t"					\
		save_rax						\
		"push %rcx\n\tpush %rdx\n\tpush %rsi\n\tpush %rdi\n\t"	\
		"push %r8\n\tpush %r9\n\tpush %r10\n\tpush %r11\n\t"	\
		"and $-16, %rsp\n\t"					\
		"call " #func "\n\t"					\
		"lea -" #nsaved "*8(%rbp), %rsp\n\t"			\
		"pop %r11\n\tpop %r10\n\tpop %r9\n\tpop %r8\n\t"	\
		"pop %rdi\n\tpop %rsi\n\tpop %rdx\n\tpop %rcx\n\t"	\
		restore_rax						\
		"pop %rbp\n\t"						\
		"ret\n\t"						\
		".size " #thunk ", . - " #thunk "\n\t"			\
		".popsection")

#define PV_THUNK_NAME(func)	func##__thunk
#define PV_THUNK(func)		__PV_THUNK(func, func##__thunk, "push %rax\n\t", "pop %rax\n\t", 9)
#define PV_THUNK_RAX(func)	__PV_THUNK(func, func##__thunk, "", "", 8)

#endif
