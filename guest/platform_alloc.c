// SPDX-License-Identifier: GPL-2.0
#include <pvpatch/compiler.h>
#include <pvpatch/page_alloc.h>
#include <pvpatch/platform.h>

void *platform_alloc(size_t bytes)
{
	return alloc_pages(DIV_ROUND_UP(bytes, PAGE_BYTES));
}

void platform_free(void *p, size_t bytes)
{
	if (p)
		free_pages(p, DIV_ROUND_UP(bytes, PAGE_BYTES));
}
