// SPDX-License-Identifier: GPL-2.0
/*
 * Memory on arm64. The page allocator has the device tree's RAM; the MMU
 * stays off (every access Device-nGnRnE and no W^X) until arm64 page
 * tables land (issue 11).
 */
#include <pvpatch/arch.h>

void arch_memory_init(void)
{
}
