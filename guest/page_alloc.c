// SPDX-License-Identifier: GPL-2.0
/*
 * A bitmap page allocator: one bit per 4 KiB page of each RAM region,
 * first fit from a moving hint. Boot-time sized, lock protected, no
 * per-CPU caches: the guest allocates little after bring-up.
 */
#include <stdbool.h>
#include <string.h>
#include <pvpatch/bootinfo.h>
#include <pvpatch/page_alloc.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <pvpatch/spinlock.h>

#define LOW_MEMORY_END	0x100000UL
#define BITS_PER_WORD	64

struct page_region {
	uintptr_t base;		/* page aligned */
	size_t pages;
	size_t first_bit;	/* where its bits start in the bitmap */
	size_t hint;
};

static uint64_t bitmap[PAGE_ALLOC_MAX_PAGES / BITS_PER_WORD];	/* 1 = used */
static struct page_region regions[MAX_MEMORY_REGIONS];
static unsigned int nr_regions;
static size_t total_pages, free_pages_left;
static spinlock_t lock = SPINLOCK_INIT;

static bool test_bit(size_t bit)
{
	return bitmap[bit / BITS_PER_WORD] & (1UL << (bit % BITS_PER_WORD));
}

static void set_bit(size_t bit, bool used)
{
	if (used)
		bitmap[bit / BITS_PER_WORD] |= 1UL << (bit % BITS_PER_WORD);
	else
		bitmap[bit / BITS_PER_WORD] &= ~(1UL << (bit % BITS_PER_WORD));
}

static void mark_range_used(uintptr_t start, uint64_t size)
{
	uintptr_t end = start + size;

	for (unsigned int i = 0; i < nr_regions; i++) {
		struct page_region *r = &regions[i];
		uintptr_t rend = r->base + r->pages * PAGE_BYTES;
		uintptr_t lo = start > r->base ? start : r->base;
		uintptr_t hi = end < rend ? end : rend;

		for (uintptr_t a = lo & ~(PAGE_BYTES - 1); a < hi; a += PAGE_BYTES) {
			size_t bit = r->first_bit + (a - r->base) / PAGE_BYTES;

			if (!test_bit(bit)) {
				set_bit(bit, true);
				free_pages_left--;
			}
		}
	}
}

static void add_region(uintptr_t start, uint64_t size, size_t *next_bit)
{
	uintptr_t base = (start + PAGE_BYTES - 1) & ~(PAGE_BYTES - 1);
	uintptr_t end = (start + size) & ~(PAGE_BYTES - 1);

	if (end <= base || nr_regions == MAX_MEMORY_REGIONS)
		return;
	size_t pages = (end - base) / PAGE_BYTES;

	if (*next_bit + pages > PAGE_ALLOC_MAX_PAGES) {
		printk("page_alloc: ignoring RAM past %lu pages\n",
		       PAGE_ALLOC_MAX_PAGES);
		pages = PAGE_ALLOC_MAX_PAGES - *next_bit;
	}
	regions[nr_regions++] = (struct page_region){
		.base = base, .pages = pages, .first_bit = *next_bit,
	};
	*next_bit += pages;
	total_pages += pages;
	free_pages_left += pages;
}

void page_alloc_init(const struct boot_info *info)
{
	size_t next_bit = 0;

	memset(bitmap, 0, sizeof(bitmap));
	nr_regions = 0;
	total_pages = free_pages_left = 0;
	for (unsigned int i = 0; i < info->nr_ram_regions; i++)
		add_region(info->ram[i].start, info->ram[i].size, &next_bit);
	mark_range_used(0, LOW_MEMORY_END);
	for (unsigned int i = 0; i < info->nr_reserved; i++)
		mark_range_used(info->reserved[i].start, info->reserved[i].size);
	printk("page_alloc: %zu of %zu pages free in %u regions\n",
	       free_pages_left, total_pages, nr_regions);
}

static void *alloc_in_region(struct page_region *r, size_t count)
{
	for (size_t pass = 0; pass < 2; pass++) {
		size_t start = pass ? 0 : r->hint;
		size_t run = 0;

		for (size_t i = start; i < r->pages; i++) {
			run = test_bit(r->first_bit + i) ? 0 : run + 1;
			if (run < count)
				continue;
			size_t first = i + 1 - count;

			for (size_t j = first; j <= i; j++)
				set_bit(r->first_bit + j, true);
			r->hint = i + 1;
			return (void *)(r->base + first * PAGE_BYTES);
		}
	}
	return NULL;
}

void *alloc_pages(size_t count)
{
	void *pages = NULL;

	if (!count)
		return NULL;
	spin_lock(&lock);
	for (unsigned int i = 0; i < nr_regions && !pages; i++)
		pages = alloc_in_region(&regions[i], count);
	if (pages)
		free_pages_left -= count;
	spin_unlock(&lock);
	if (pages)
		memset(pages, 0, count * PAGE_BYTES);
	return pages;
}

void free_pages(void *pages, size_t count)
{
	uintptr_t addr = (uintptr_t)pages;

	spin_lock(&lock);
	for (unsigned int i = 0; i < nr_regions; i++) {
		struct page_region *r = &regions[i];

		if (addr < r->base || addr >= r->base + r->pages * PAGE_BYTES)
			continue;
		size_t first = (addr - r->base) / PAGE_BYTES;

		if ((addr & (PAGE_BYTES - 1)) || first + count > r->pages)
			break;
		for (size_t j = first; j < first + count; j++) {
			if (!test_bit(r->first_bit + j)) {
				spin_unlock(&lock);
				panic("free_pages: page 0x%lx is not allocated",
				      r->base + j * PAGE_BYTES);
			}
			set_bit(r->first_bit + j, false);
		}
		free_pages_left += count;
		spin_unlock(&lock);
		return;
	}
	spin_unlock(&lock);
	panic("free_pages: 0x%lx+%zu pages is not allocator memory", addr, count);
}

size_t free_page_count(void)
{
	return free_pages_left;
}

size_t total_page_count(void)
{
	return total_pages;
}
