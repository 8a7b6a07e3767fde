// SPDX-License-Identifier: GPL-2.0
/*
 * The arch-neutral alternatives walk. Entries of one site are adjacent
 * in the table (one per arm, in source order); the last arm whose
 * condition holds wins, and each site is written once, with all of its
 * final bytes, so no CPU could ever see a half-chosen site.
 */
#include <stdbool.h>
#include <string.h>
#include <pvpatch/alternative.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/platform.h>
#include <pvpatch/smp.h>
#include <pvpatch/text_poke.h>

struct alternatives_stats alternatives_stats;

/*
 * Which arm won at each site of the tables applied so far, so that code
 * assembled inside a replacement (a static call site in a pvop's call
 * arm) can be found where it now runs, or known to be dead.
 */
#define MAX_APPLIED_TABLES 4

struct applied_table {
	const struct alt_instr *start, *end;
	uint8_t *chosen;	/* one bit per entry */
};

static struct applied_table applied[MAX_APPLIED_TABLES];
static unsigned int nr_applied;

static uint8_t *new_chosen_bitmap(const struct alt_instr *start,
				  const struct alt_instr *end)
{
	size_t bytes = (size_t)(end - start) / 8 + 1;
	uint8_t *bits;

	if (nr_applied == MAX_APPLIED_TABLES)
		panic("apply_alternatives: more than %d tables", MAX_APPLIED_TABLES);
	bits = platform_alloc(bytes);
	if (!bits)
		panic("apply_alternatives: no memory for %zu bytes", bytes);
	memset(bits, 0, bytes);
	applied[nr_applied++] = (struct applied_table){ start, end, bits };
	return bits;
}

extern const uint8_t __start_alt_replacement[], __stop_alt_replacement[];

int alt_replacement_status(const void *addr, void **live)
{
	const uint8_t *p = addr;

	if (p < __start_alt_replacement || p >= __stop_alt_replacement)
		return ALT_NOT_IN_REPLACEMENT;
	for (unsigned int t = 0; t < nr_applied; t++) {
		for (const struct alt_instr *a = applied[t].start; a < applied[t].end; a++) {
			const uint8_t *repl = alt_replacement(a);
			size_t i = a - applied[t].start;

			if (p < repl || p >= repl + a->replacementlen)
				continue;
			if (!(applied[t].chosen[i / 8] & (1U << (i % 8))))
				return ALT_REPLACEMENT_DEAD;
			*live = alt_site(a) + (p - repl);
			return ALT_REPLACEMENT_LIVE;
		}
	}
	return ALT_REPLACEMENT_DEAD;
}

static bool arm_condition(const struct alt_instr *a)
{
	bool enabled = cpu_feature_enabled(a->feature);

	return (a->flags & ALT_FLAG_NOT) ? !enabled : enabled;
}

void apply_alternatives(struct alt_instr *start, struct alt_instr *end)
{
	uint8_t buf[256];
	uint8_t *chosen_bits = new_chosen_bitmap(start, end);

	text_mutex_lock();
	for (struct alt_instr *a = start, *next; a < end; a = next) {
		uint8_t *site = alt_site(a);
		const struct alt_instr *chosen = NULL;

		for (next = a; next < end && alt_site(next) == site; next++) {
			if (next->instrlen != a->instrlen)
				panic("alternative at %p: arms disagree on the site length (%u, %u)",
				      site, a->instrlen, next->instrlen);
			if (arm_condition(next))
				chosen = next;
		}
		if (chosen) {
			size_t i = chosen - start;

			chosen_bits[i / 8] |= 1U << (i % 8);
			arch_alt_build(chosen, buf);
			alternatives_stats.replaced++;
		} else {
			arch_alt_keep_original(a, buf);
		}
		if (memcmp(site, buf, a->instrlen))
			text_poke(site, buf, a->instrlen);
		alternatives_stats.sites++;
	}
	text_mutex_unlock();
	/* This CPU may hold the old bytes prefetched: serialize. */
	sync_all_cpus();
}
