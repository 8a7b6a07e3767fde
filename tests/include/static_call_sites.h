/* SPDX-License-Identifier: GPL-2.0 */
/* Asm-registered static call sites shared by the static call tests. */
#ifndef TESTS_STATIC_CALL_SITES_H
#define TESTS_STATIC_CALL_SITES_H

#include <pvpatch/static_call.h>

/*
 * Each site function names itself in an asm comment: otherwise gcc's
 * identical-code folding (-fipa-icf, on at -O2) merges two site
 * functions of one key into one, and the key has one site, not two.
 */

/* One inline call site of an int (*)(int) key, as a function. */
#define DEFINE_INT_SITE(fn, key)					\
	static __noinline int fn(int x)					\
	{								\
		long ret;						\
		__asm__ __volatile__("# " #fn "\n\t" STATIC_CALL_SITE(key)		\
				     : "=a"(ret), "+D"(x)		\
				     : : STATIC_CALL_CLOBBERS);		\
		return (int)ret;					\
	}

/* One inline call site of a void (*)(void) key. */
#define DEFINE_VOID_SITE(fn, key)					\
	static __noinline void fn(void)					\
	{								\
		long a, d;						\
		__asm__ __volatile__("# " #fn "\n\t" STATIC_CALL_SITE(key)		\
				     : "=a"(a), "=D"(d)			\
				     : : STATIC_CALL_CLOBBERS);		\
	}

/* A function whose whole body is a tail-call site: "jmp tramp". */
#define DEFINE_TAIL_SITE(fn, key)					\
	__asm__(".pushsection .text\n\t"				\
		".balign 16\n\t"					\
		".globl " #fn "\n\t"					\
		".type " #fn ", @function\n"				\
		#fn ":\n\t"						\
		STATIC_CALL_TAIL_SITE(key)				\
		".size " #fn ", . - " #fn "\n\t"			\
		".popsection")

#endif
