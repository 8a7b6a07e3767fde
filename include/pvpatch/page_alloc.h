/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVPATCH_PAGE_ALLOC_H
#define PVPATCH_PAGE_ALLOC_H

#include <stddef.h>
#include <stdint.h>

struct boot_info;

#define PAGE_BYTES 4096UL
#define PAGE_ALLOC_MAX_PAGES (1UL << 20)	/* 4 GiB of 4 KiB pages */

/*
 * Physical page allocator over the boot memory map, less the reserved
 * ranges (image, boot data) and the first MiB (real-mode trampolines).
 * Memory is identity mapped, so a page's address is its pointer.
 */
void page_alloc_init(const struct boot_info *info);

/* `count` contiguous zeroed pages, or NULL when no run is long enough. */
void *alloc_pages(size_t count);
/* Give back pages from alloc_pages(); freeing a free page panics. */
void free_pages(void *pages, size_t count);

size_t free_page_count(void);
size_t total_page_count(void);

#endif
