// SPDX-License-Identifier: GPL-2.0
/*
 * bench=unwind: the cost of a stack trace from the bottom of a deep call
 * chain, per frame, ORC (stack_trace_save) next to the frame-pointer
 * walk, best of RUNS; and what ORC costs in space, bytes of table per KB
 * of text. Hosted figures are native speed; the guest's are emulated
 * (compare the rows, not with hardware).
 *
 * Every frame of the chain is a different function, so every return
 * address is a different lookup: a chain of one recursive function
 * would look up one address 64 times, always in the same cache lines.
 */
#include <stdint.h>
#include <pvpatch/compiler.h>
#include <pvpatch/printk.h>
#include <pvpatch/unwind.h>
#include "bench.h"

#define CHAIN_DEPTH	64
#define RUNS		5
#define TRACES		(BENCH_CALL_ITERATIONS / 1000)

struct walker {
	const char *name;
	unsigned int (*walk)(unsigned long *entries, unsigned int max);
	unsigned int frames;
	uint64_t best_ns;
};

static unsigned int walk_orc(unsigned long *entries, unsigned int max)
{
	return stack_trace_save(entries, max, 0, NULL, NULL);
}

static unsigned int walk_fp(unsigned long *entries, unsigned int max)
{
	return stack_trace_save_fp(entries, max, 0);
}

static void time_walker(struct walker *w)
{
	unsigned long entries[UNWIND_MAX_DEPTH];

	w->best_ns = ~0ULL;
	for (int r = 0; r < RUNS; r++) {
		uint64_t t0 = bench_time_ns();

		for (unsigned long i = 0; i < TRACES; i++)
			w->frames = w->walk(entries, UNWIND_MAX_DEPTH);
		uint64_t ns = bench_time_ns() - t0;

		if (ns < w->best_ns)
			w->best_ns = ns;
	}
}

/*
 * CHAIN_DEPTH functions, each calling the next through chain[]: the
 * added constant makes each one's code its own, so that no compiler
 * folds them into one (-fipa-icf) and one return address.
 */
typedef unsigned int (*link_fn)(unsigned int depth, struct walker *w);
static const link_fn chain[CHAIN_DEPTH];

static __always_inline unsigned int follow(unsigned int depth, struct walker *w,
					   unsigned int self)
{
	unsigned int r = 0;

	if (depth)
		r = chain[depth - 1](depth - 1, w) + self;
	else
		time_walker(w);
	/* The asm keeps the call a real call: no tail call. */
	__asm__ __volatile__("" : "+r"(r) : : "memory");
	return r;
}

#define LINK(n) \
	static __noinline unsigned int link_##n(unsigned int depth, struct walker *w) \
	{ return follow(depth, w, 0##n + 1); }
#define LINKS8(t) LINK(t##0) LINK(t##1) LINK(t##2) LINK(t##3) \
	LINK(t##4) LINK(t##5) LINK(t##6) LINK(t##7)
LINKS8(0) LINKS8(1) LINKS8(2) LINKS8(3) LINKS8(4) LINKS8(5) LINKS8(6) LINKS8(7)

#define REFS8(t) link_##t##0, link_##t##1, link_##t##2, link_##t##3, \
	link_##t##4, link_##t##5, link_##t##6, link_##t##7
static const link_fn chain[CHAIN_DEPTH] = {
	REFS8(0), REFS8(1), REFS8(2), REFS8(3), REFS8(4), REFS8(5), REFS8(6), REFS8(7),
};

static void print_walker(const struct walker *w)
{
	uint64_t per_trace_x100 = w->best_ns * 100 / TRACES;
	uint64_t per_frame_x100 = w->frames ? per_trace_x100 / w->frames : 0;

	console_printf("  %-26s %7u %9lu.%02lu %9lu.%02lu\n", w->name, w->frames,
		       (unsigned long)(per_trace_x100 / 100),
		       (unsigned long)(per_trace_x100 % 100),
		       (unsigned long)(per_frame_x100 / 100),
		       (unsigned long)(per_frame_x100 % 100));
}

static void print_orc_size(const struct orc_table *t)
{
	uint64_t bytes = t->count * (sizeof(int32_t) + sizeof(struct orc_entry));
	uint64_t text = t->text_end - t->text_start;
	uint64_t per_kb_x100 = text ? bytes * 1024 * 100 / text : 0;

	console_printf("  ORC: %lu entries, %lu bytes for %lu KB of text: "
		       "%lu.%02lu bytes per KB; lookup index %lu blocks of %u bytes, granules of %u\n",
		       (unsigned long)t->count, (unsigned long)bytes,
		       (unsigned long)(text / 1024),
		       (unsigned long)(per_kb_x100 / 100),
		       (unsigned long)(per_kb_x100 % 100),
		       (unsigned long)t->blocks, 1U << t->block_shift,
		       t->granule_delta ? 1U << t->granule_shift : 0);
}

void bench_unwind(void)
{
	const struct orc_table *table = orc_kernel_table();
	struct walker walkers[] = {
		{ .name = "ORC (stack_trace_save)", .walk = walk_orc },
		{ .name = "frame pointers", .walk = walk_fp },
	};

	console_printf("# bench unwind: a chain of %u different functions, %lu traces per run, best of %d runs\n",
		       CHAIN_DEPTH, (unsigned long)TRACES, RUNS);
	console_printf("# %-26s %7s %12s %12s\n", "walker", "frames",
		       "ns/trace", "ns/frame");
	for (size_t i = 0; i < ARRAY_SIZE(walkers); i++) {
		if (walkers[i].walk == walk_orc && !table) {
			console_printf("  %-26s (no ORC tables in this image)\n",
				       walkers[i].name);
			continue;
		}
		chain[CHAIN_DEPTH - 1](CHAIN_DEPTH - 1, &walkers[i]);
		print_walker(&walkers[i]);
	}
	if (table)
		print_orc_size(table);
}
