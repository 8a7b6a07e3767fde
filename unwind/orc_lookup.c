// SPDX-License-Identifier: GPL-2.0
/*
 * ORC lookup: which entry covers an address. The table is sorted by
 * address; a block index over the text narrows the binary search to
 * the few entries of one block, so a lookup touches a handful of cache
 * lines however large the table is.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <pvpatch/unwind.h>

#define ORC_BLOCK_SHIFT_MIN	8	/* 256-byte blocks: ~4 entries each */

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

static void build_block_index(struct orc_table *t, uint32_t *slots, size_t nr_slots)
{
	uintptr_t size = t->text_end - t->text_start;
	unsigned int shift = ORC_BLOCK_SHIFT_MIN;
	size_t entry = 0;

	/* blocks + 1 slots: the last block's range ends at the next slot. */
	while ((size >> shift) + 2 > nr_slots && shift < 8 * sizeof(uintptr_t) - 1)
		shift++;
	if (!slots || (size >> shift) + 2 > nr_slots || t->count > UINT32_MAX)
		return;
	t->blocks = (size >> shift) + 1;
	t->block_shift = shift;
	for (size_t b = 0; b <= t->blocks; b++) {
		uintptr_t start = t->text_start + ((uintptr_t)b << shift);

		while (entry + 1 < t->count && orc_ip(t, entry + 1) <= start)
			entry++;
		slots[b] = (uint32_t)entry;
	}
	t->block_first = slots;
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
		size_t b = (addr - t->text_start) >> t->block_shift;

		lo = t->block_first[b];
		hi = t->block_first[b + 1];
	}
	i = last_at_or_below(t, lo, hi, addr);
	return i < 0 ? NULL : &t->entry[i];
}
