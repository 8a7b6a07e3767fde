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

static bool arm_condition(const struct alt_instr *a)
{
	bool enabled = cpu_feature_enabled(a->feature);

	return (a->flags & ALT_FLAG_NOT) ? !enabled : enabled;
}

void apply_alternatives(struct alt_instr *start, struct alt_instr *end)
{
	uint8_t buf[256];

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
