/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include <stdbool.h>
#include <stdint.h>

/* Calls per timed loop: an emulated guest is ~100x slower than native. */
#ifdef CONFIG_PLATFORM_GUEST
#define BENCH_CALL_ITERATIONS	200000UL
#else
#define BENCH_CALL_ITERATIONS	20000000UL
#endif

/* Platform clock: nanoseconds (hosted: CLOCK_MONOTONIC; guest: TSC). */
uint64_t bench_time_ns(void);

static inline uint64_t bench_cycles(void)
{
	uint32_t lo, hi;

	/* lfence: rdtsc does not wait for earlier instructions otherwise
	 * (Intel SDM vol. 2B, RDTSC). */
	__asm__ __volatile__("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

void bench_calls(void);
void bench_updates(void);
void bench_irq_ops(void);
/* bench_irq_xen_pv.c: bench_irq_ops() in a Xen PV guest (CONFIG_XEN_PV). */
void bench_irq_ops_xen_pv(void);
/* bench_irq_paths.c: kernel paths under each irq arm, switched live. */
void bench_irq_kernel_paths(void);
void bench_unwind(void);

/* bench_retpoline.c: calls the function whose address is in %rax. For
 * asm call sites only (the target is in a register no C ABI passes). */
void bench_retpoline_rax(void);

/* Runs the benchmarks named by the bench= boot argument; false if none. */
bool bench_run_requested(void);

/* A function timing n runs of body: the cycles they took in all. */
#define BENCH_LOOP(name, body)						\
	static __noinline uint64_t name(unsigned long n)		\
	{								\
		uint64_t t0 = bench_cycles();				\
		for (unsigned long i = 0; i < n; i++) {			\
			body;						\
		}							\
		return bench_cycles() - t0;				\
	}

#endif
