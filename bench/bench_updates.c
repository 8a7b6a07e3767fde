// SPDX-License-Identifier: GPL-2.0
/*
 * The cost of static_call_update() by number of sites: 1, 100, 10,000
 * and 100,000 inline sites of one key (generated with .rept in a
 * function that is never called: the sites are patched, not run), and
 * the syncs each update costs (3, whatever the count).
 */
#include <stdint.h>
#include <pvpatch/printk.h>
#include <pvpatch/static_call.h>
#include <pvpatch/text_poke.h>
#include "bench.h"

long bench_target(long x);
static long bench_other(long x)
{
	return x + 2;
}

#define SITES(name, count)						\
	DEFINE_STATIC_CALL(name, bench_target);				\
	__asm__(".pushsection .text\n\t"				\
		".balign 16\n"						\
		#name "_sites:\n\t"					\
		".rept " #count "\n\t"					\
		STATIC_CALL_SITE(name)					\
		".endr\n\t"						\
		"ret\n\t"						\
		".popsection")

SITES(bench_sites_1, 1);
SITES(bench_sites_100, 100);
SITES(bench_sites_10k, 10000);
SITES(bench_sites_100k, 100000);

struct update_bench {
	unsigned long sites;
	struct static_call_key *key;
	void *tramp;
};

#define UPDATE_BENCH(n, name) { n, &STATIC_CALL_KEY(name), (void *)&STATIC_CALL_TRAMP(name) }

static const struct update_bench update_benches[] = {
	UPDATE_BENCH(1, bench_sites_1),
	UPDATE_BENCH(100, bench_sites_100),
	UPDATE_BENCH(10000, bench_sites_10k),
	UPDATE_BENCH(100000, bench_sites_100k),
};

#define UPDATES 4

void bench_updates(void)
{
	console_printf("# bench updates: static_call_update() on a key with N sites, %d updates each\n",
		       UPDATES);
	console_printf("# %10s %14s %12s %14s\n", "sites", "us/update",
		       "syncs/update", "cycles/update");
	for (size_t i = 0; i < sizeof(update_benches) / sizeof(update_benches[0]); i++) {
		const struct update_bench *b = &update_benches[i];
		unsigned long syncs0 = text_poke_sync_count();
		uint64_t ns0 = bench_time_ns(), c0 = bench_cycles();

		for (int u = 0; u < UPDATES; u++)
			__static_call_update(b->key, b->tramp,
					     (u & 1) ? (void *)bench_target : (void *)bench_other);
		uint64_t ns = bench_time_ns() - ns0, c = bench_cycles() - c0;
		unsigned long syncs = text_poke_sync_count() - syncs0;

		console_printf("  %10lu %11lu.%02lu %12lu %14lu\n", b->sites,
			       (unsigned long)(ns / UPDATES / 1000),
			       (unsigned long)(ns / UPDATES / 10 % 100),
			       syncs / UPDATES, (unsigned long)(c / UPDATES));
	}
}
