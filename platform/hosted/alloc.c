// SPDX-License-Identifier: GPL-2.0
/*
 * Hosted patch bookkeeping memory: malloc. The size is for the guest's
 * page allocator, which frees by page count; free() does not need it.
 */
#include <stdlib.h>
#include <pvpatch/platform.h>

void *platform_alloc(size_t bytes)
{
	return malloc(bytes);
}

void platform_free(void *p, size_t bytes)
{
	free(p);
}
