// SPDX-License-Identifier: GPL-2.0
/*
 * ORC lookup: which entry covers an address. The table is sorted by
 * address; a block index over the text narrows the search to the few
 * entries of one block, and a granule index (a byte per sixteenth of a
 * block) to the one or two entries of a few instructions, which a
 * forward step finds without the binary search's unpredictable
 * branches. A lookup touches a handful of cache lines however large
 * the table is.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <pvpatch/unwind.h>

static bool table_sorted_inside_text(const struct orc_table *t)
{
	for (size_t i = 0; i < t->count; i++) {
		uintptr_t ip = orc_ip(t, i);

		if (ip < t->text_start || ip >= t->text_end)
			return false;
		if (i && ip < orc_ip(t, i - 1))
			return false;
	}
	return true;
}

/* The last entry whose address is <= addr in [lo, hi], or -1. */
static ptrdiff_t last_at_or_below(const struct orc_table *t, size_t lo,
				  size_t hi, uintptr_t addr)
{
	ptrdiff_t found = -1;

	while (lo <= hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (orc_ip(t, mid) <= addr) {
			found = (ptrdiff_t)mid;
			lo = mid + 1;
		} else {
			if (!mid)
				break;
			hi = mid - 1;
		}
	}
	return found;
}

/* The last entry whose address is <= start, searching on from entry. */
static size_t last_at_or_below_from(const struct orc_table *t, size_t entry,
				    uintptr_t start)
{
	while (entry + 1 < t->count && orc_ip(t, entry + 1) <= start)
		entry++;
	return entry;
}

static void build_granule_index(struct orc_table *t, uint8_t *delta)
{
	unsigned int shift = t->block_shift - ORC_GRANULE_BITS;
	size_t entry = 0;

	for (size_t g = 0; g < (t->blocks + 1) * ORC_GRANULES; g++) {
		uintptr_t start = t->text_start + ((uintptr_t)g << shift);
		size_t first = t->block_first[g / ORC_GRANULES];

		entry = last_at_or_below_from(t, entry, start);
		delta[g] = entry - first < ORC_GRANULE_DENSE ?
			   (uint8_t)(entry - first) : ORC_GRANULE_DENSE;
	}
	t->granule_shift = shift;
	t->granule_delta = delta;
}

/* Slots for block_first (one per block, plus one) and, with granules,
 * their bytes packed in 32-bit slots after it. */
static size_t index_slots(uintptr_t size, unsigned int shift, bool granules)
{
	size_t slots = (size >> shift) + 2;

	return granules ? slots * (1 + ORC_GRANULES / sizeof(uint32_t)) : slots;
}

/* The finest blocks that fit, or 0 if none does. */
static unsigned int fitting_block_shift(uintptr_t size, size_t nr_slots, bool granules)
{
	for (unsigned int shift = ORC_BLOCK_SHIFT_MIN; shift < 8 * sizeof(uintptr_t); shift++) {
		if (index_slots(size, shift, granules) <= nr_slots)
			return shift;
	}
	return 0;
}

/*
 * Granules with coarser blocks beat finer blocks without them: the
 * forward step inside a granule is cheaper than the search in a block.
 */
static void build_block_index(struct orc_table *t, uint32_t *slots, size_t nr_slots)
{
	uintptr_t size = t->text_end - t->text_start;
	unsigned int shift = fitting_block_shift(size, nr_slots, true);
	bool granules = shift != 0;
	size_t entry = 0;

	if (!granules)
		shift = fitting_block_shift(size, nr_slots, false);
	if (!slots || !shift || t->count > UINT32_MAX)
		return;
	t->blocks = (size >> shift) + 1;
	t->block_shift = shift;
	for (size_t b = 0; b <= t->blocks; b++) {
		entry = last_at_or_below_from(t, entry, t->text_start + ((uintptr_t)b << shift));
		slots[b] = (uint32_t)entry;
	}
	t->block_first = slots;
	if (granules)
		build_granule_index(t, (uint8_t *)(slots + t->blocks + 1));
}

bool orc_table_init(struct orc_table *table, const int32_t *ip,
		    const struct orc_entry *entry, size_t count,
		    uintptr_t text_start, uintptr_t text_end,
		    uint32_t *index_storage, size_t index_slots)
{
	*table = (struct orc_table){
		.ip = ip, .entry = entry, .count = count,
		.text_start = text_start, .text_end = text_end,
	};
	if (!ip || !entry || !count || text_end <= text_start ||
	    !table_sorted_inside_text(table)) {
		table->count = 0;
		return false;
	}
	build_block_index(table, index_storage, index_slots);
	return true;
}

const struct orc_entry *orc_find(const struct orc_table *t, uintptr_t addr)
{
	size_t lo = 0, hi;
	ptrdiff_t i;

	if (!t || !t->count || addr < t->text_start || addr >= t->text_end)
		return NULL;
	hi = t->count - 1;
	if (t->block_first) {
		uintptr_t off = addr - t->text_start;
		size_t b = off >> t->block_shift;

		lo = t->block_first[b];
		hi = t->block_first[b + 1];
		if (t->granule_delta) {
			uint8_t d = t->granule_delta[off >> t->granule_shift];

			if (d != ORC_GRANULE_DENSE) {
				size_t e = last_at_or_below_from(t, lo + d, addr);

				/* Only the first entry can lie above addr. */
				return orc_ip(t, e) <= addr ? &t->entry[e] : NULL;
			}
		}
	}
	i = last_at_or_below(t, lo, hi, addr);
	return i < 0 ? NULL : &t->entry[i];
}
