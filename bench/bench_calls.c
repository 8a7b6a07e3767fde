// SPDX-License-Identifier: GPL-2.0
/*
 * The cost of one call, five ways, to the same trivial function:
 *   direct       call target
 *   static call  an inline static call site (patched to call target)
 *   trampoline   call the key's trampoline (jmp target)
 *   indirect     call *table(%rip)   (the classic pvops layout)
 *   retpoline    call through a retpoline-style thunk (call/ret with a
 *                speculation trap), what indirect calls cost with
 *                Spectre v2 mitigations (bench_retpoline.c)
 * Each loop body is one asm statement with the same clobbers, so the
 * loop overhead is the same; the empty loop is reported too.
 */
#include <stdint.h>
#include <pvpatch/printk.h>
#include <pvpatch/static_call.h>
#include "bench.h"

#define CALL_CLOBBERS "rcx", "rdx", "rsi", "r8", "r9", "r10", "r11", "memory", "cc"

long bench_target(long x);
__noinline long bench_target(long x)
{
	return x + 1;
}

long (*volatile bench_table[1])(long) = { bench_target };
DEFINE_STATIC_CALL(bench_key, bench_target);

#define LOOP(name, body, ...)						\
	static __noinline uint64_t name(unsigned long n)		\
	{								\
		long x = 0;						\
		uint64_t t0 = bench_cycles();				\
		for (unsigned long i = 0; i < n; i++) {			\
			long out;					\
			__asm__ __volatile__("# " #name "\n\t" body	\
					     : "=a"(out), "+D"(x)	\
					     : __VA_ARGS__ : CALL_CLOBBERS); \
			x = out;					\
		}							\
		return bench_cycles() - t0;				\
	}

LOOP(loop_empty, "mov %%rdi, %%rax")
LOOP(loop_direct, "call bench_target")
LOOP(loop_static_call, STATIC_CALL_SITE(bench_key))
LOOP(loop_trampoline, "call " STATIC_CALL_TRAMP_STR(bench_key))
LOOP(loop_indirect, "call *bench_table(%%rip)")
LOOP(loop_retpoline, "mov bench_table(%%rip), %%rax\n\tcall bench_retpoline_rax")

struct call_bench {
	const char *name;
	uint64_t (*loop)(unsigned long n);
};

static const struct call_bench call_benches[] = {
	{ "empty loop", loop_empty },
	{ "direct call", loop_direct },
	{ "static call site", loop_static_call },
	{ "static call trampoline", loop_trampoline },
	{ "indirect call (table)", loop_indirect },
	{ "retpoline-style thunk", loop_retpoline },
};

#define RUNS 5

/* Best of RUNS: the least-disturbed run is the one to compare. */
static uint64_t best_of(const struct call_bench *b, unsigned long n)
{
	uint64_t best = ~0ULL;

	for (int r = 0; r < RUNS; r++) {
		uint64_t c = b->loop(n);

		if (c < best)
			best = c;
	}
	return best;
}

void bench_calls(void)
{
	unsigned long n = BENCH_CALL_ITERATIONS;
	uint64_t cycles[sizeof(call_benches) / sizeof(call_benches[0])];
	uint64_t ns0 = bench_time_ns(), c0 = bench_cycles();

	for (size_t i = 0; i < sizeof(call_benches) / sizeof(call_benches[0]); i++)
		cycles[i] = best_of(&call_benches[i], n);
	/* Cycles to ns from this run's own clock pair. */
	uint64_t ns = bench_time_ns() - ns0, c = bench_cycles() - c0;

	console_printf("# bench calls: %lu calls per run, best of %d runs\n", n, RUNS);
	console_printf("# %-24s %12s %10s %12s\n", "call", "cycles/call",
		       "ns/call", "vs direct");
	for (size_t i = 0; i < sizeof(call_benches) / sizeof(call_benches[0]); i++) {
		uint64_t per_call_x100 = cycles[i] * 100 / n;
		uint64_t ns_x100 = c ? per_call_x100 * ns / c : 0;
		uint64_t ratio_x100 = cycles[1] ? cycles[i] * 100 / cycles[1] : 0;

		console_printf("  %-24s %9lu.%02lu %7lu.%02lu %9lu.%02lux\n",
			       call_benches[i].name,
			       (unsigned long)(per_call_x100 / 100),
			       (unsigned long)(per_call_x100 % 100),
			       (unsigned long)(ns_x100 / 100),
			       (unsigned long)(ns_x100 % 100),
			       (unsigned long)(ratio_x100 / 100),
			       (unsigned long)(ratio_x100 % 100));
	}
}
