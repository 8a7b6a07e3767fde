// SPDX-License-Identifier: GPL-2.0
/*
 * The arch-neutral static call walk. The site table is sorted by key
 * once at boot, so each key owns one contiguous run of it and an update
 * touches only its own sites. Every update is one text_poke_bp batch
 * (three syncs, however many sites); an update that changes nothing
 * writes nothing.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <pvpatch/alternative.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <pvpatch/smp.h>
#include <pvpatch/sort.h>
#include <pvpatch/static_call.h>
#include <pvpatch/static_call_arch.h>
#include <pvpatch/text_poke.h>

struct static_call_stats static_call_stats;

long __static_call_return0(void)
{
	return 0;
}

static bool site_is_tail(const struct static_call_site *s)
{
	return s->key & STATIC_CALL_SITE_TAIL;
}

static bool site_is_refused(const struct static_call_site *s)
{
	return s->key & STATIC_CALL_SITE_REFUSED;
}

static int compare_sites(const void *a, const void *b)
{
	uintptr_t ka = (uintptr_t)static_call_site_key(a);
	uintptr_t kb = (uintptr_t)static_call_site_key(b);
	uintptr_t sa = (uintptr_t)static_call_site_addr(a);
	uintptr_t sb = (uintptr_t)static_call_site_addr(b);

	if (ka != kb)
		return ka < kb ? -1 : 1;
	return sa < sb ? -1 : sa > sb;
}

/* Entries hold offsets relative to themselves: re-base them as they move. */
static void swap_sites(void *a, void *b, size_t size)
{
	struct static_call_site *x = a, *y = b;
	intptr_t x_addr = (intptr_t)&x->addr + x->addr;
	intptr_t x_key = (intptr_t)&x->key + x->key;
	intptr_t y_addr = (intptr_t)&y->addr + y->addr;
	intptr_t y_key = (intptr_t)&y->key + y->key;

	x->addr = (int32_t)(y_addr - (intptr_t)&x->addr);
	x->key = (int32_t)(y_key - (intptr_t)&x->key);
	y->addr = (int32_t)(x_addr - (intptr_t)&y->addr);
	y->key = (int32_t)(x_key - (intptr_t)&y->key);
}

static void refuse_site(struct static_call_site *s, struct static_call_key *key)
{
	const uint8_t *b = static_call_site_addr(s);

	printk("static_call: refusing site %p of key %p: bytes %02x %02x %02x %02x %02x are not a %s to trampoline %p\n",
	       (void *)b, (void *)key, b[0], b[1], b[2], b[3], b[4],
	       site_is_tail(s) ? "jmp" : "call", key->tramp);
	s->key |= STATIC_CALL_SITE_REFUSED;
	key->nr_refused++;
	static_call_stats.refused++;
}

static void patch_site_at_boot(struct static_call_site *s,
			       struct static_call_key *key)
{
	struct text_poke_loc loc;
	void *site = static_call_site_addr(s);

	if (site_is_refused(s))
		return;		/* in an alternative arm that lost */
	if (!arch_static_call_site_unpatched(site, key->tramp, site_is_tail(s))) {
		refuse_site(s, key);
		return;
	}
	arch_static_call_site_insn(&loc, site, key->func, site_is_tail(s));
	text_poke(site, loc.bytes, loc.len);
	static_call_stats.patched++;
}

/*
 * A site assembled inside an alternative's replacement (the call arm of a
 * pvop) runs at the alternative's site once that arm was applied: point
 * the entry there. If the arm lost, the site never runs: leave it alone
 * for good, quietly (this is expected, not foreign bytes).
 */
static void follow_sites_into_alternatives(struct static_call_site *start,
					   size_t count)
{
	for (size_t i = 0; i < count; i++) {
		struct static_call_site *s = &start[i];
		void *live;

		switch (alt_replacement_status(static_call_site_addr(s), &live)) {
		case ALT_REPLACEMENT_LIVE:
			s->addr = (int32_t)((intptr_t)live - (intptr_t)&s->addr);
			static_call_stats.in_alternatives++;
			break;
		case ALT_REPLACEMENT_DEAD:
			s->key |= STATIC_CALL_SITE_REFUSED;
			static_call_site_key(s)->nr_inactive++;
			static_call_stats.inactive++;
			break;
		}
	}
}

void static_call_init(void)
{
	struct static_call_site *start = __start_static_call_sites;
	size_t count = __stop_static_call_sites - start;

	text_mutex_lock();
	follow_sites_into_alternatives(start, count);
	sort(start, count, sizeof(*start), compare_sites, swap_sites);
	for (size_t i = 0; i < count;) {
		struct static_call_key *key = static_call_site_key(&start[i]);
		size_t run = 1;

		while (i + run < count && static_call_site_key(&start[i + run]) == key)
			run++;
		key->sites = &start[i];
		key->nr_sites = run;
		for (size_t j = i; j < i + run; j++)
			patch_site_at_boot(&start[j], key);
		i += run;
	}
	static_call_stats.sites = count;
	text_mutex_unlock();
	/* Text changed under this CPU's feet: serialize before running it. */
	sync_all_cpus();
}

static size_t add_if_changed(struct text_poke_loc *locs, size_t n,
			     const struct text_poke_loc *loc)
{
	if (memcmp((const void *)loc->addr, loc->bytes, loc->len) == 0)
		return n;
	locs[n] = *loc;
	return n + 1;
}

void __static_call_update(struct static_call_key *key, void *tramp, void *func)
{
	struct text_poke_loc loc, *locs;
	size_t bytes, n = 0;

	text_mutex_lock();
	if (!arch_static_call_tramp_valid(tramp))
		panic("static_call_update: %p is not a static call trampoline", tramp);
	if (READ_ONCE(key->func) == func) {
		text_mutex_unlock();
		return;
	}
	bytes = (1 + key->nr_sites) * sizeof(*locs);
	locs = platform_alloc(bytes);
	if (!locs)
		panic("static_call_update: no memory for %u sites", key->nr_sites);
	WRITE_ONCE(key->func, func);
	arch_static_call_tramp_insn(&loc, tramp, func);
	n = add_if_changed(locs, n, &loc);
	for (uint32_t i = 0; i < key->nr_sites; i++) {
		struct static_call_site *s = &key->sites[i];

		if (site_is_refused(s))
			continue;
		arch_static_call_site_insn(&loc, static_call_site_addr(s), func,
					   site_is_tail(s));
		n = add_if_changed(locs, n, &loc);
	}
	text_poke_bp_batch(locs, n);
	static_call_stats.updates++;
	platform_free(locs, bytes);
	text_mutex_unlock();
}

static unsigned int verify_loc(void *addr, const struct text_poke_loc *want)
{
	const uint8_t *have = addr;

	if (memcmp(have, want->bytes, want->len) == 0)
		return 0;
	printk("static_call: %p holds %02x %02x %02x %02x %02x, expected %02x %02x %02x %02x %02x\n",
	       addr, have[0], have[1], have[2], have[3], have[4], want->bytes[0],
	       want->bytes[1], want->bytes[2], want->bytes[3], want->bytes[4]);
	return 1;
}

unsigned int static_call_verify(void)
{
	struct static_call_site *start = __start_static_call_sites;
	size_t count = __stop_static_call_sites - start;
	struct static_call_key *last = NULL;
	struct text_poke_loc loc;
	unsigned int bad = 0;

	for (size_t i = 0; i < count; i++) {
		struct static_call_site *s = &start[i];
		struct static_call_key *key = static_call_site_key(s);

		if (key != last) {
			arch_static_call_tramp_insn(&loc, key->tramp, key->func);
			bad += verify_loc(key->tramp, &loc);
			last = key;
		}
		if (site_is_refused(s))
			continue;
		arch_static_call_site_insn(&loc, static_call_site_addr(s),
					   key->func, site_is_tail(s));
		bad += verify_loc(static_call_site_addr(s), &loc);
	}
	return bad;
}

void static_call_park_site(void *addr)
{
	struct static_call_site *start = __start_static_call_sites;
	size_t count = __stop_static_call_sites - start;

	for (size_t i = 0; i < count; i++) {
		struct static_call_site *s = &start[i];

		if (site_is_refused(s) || static_call_site_addr(s) != addr)
			continue;
		s->key |= STATIC_CALL_SITE_REFUSED;
		static_call_site_key(s)->nr_inactive++;
		static_call_stats.inactive++;
	}
}
