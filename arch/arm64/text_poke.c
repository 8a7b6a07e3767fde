// SPDX-License-Identifier: GPL-2.0
/*
 * Writing text on arm64: through the temporary alias (memory.c), never
 * through the executable mapping, then the cache maintenance that makes
 * the new instructions what an instruction fetch sees.
 *
 * Instruction fetches need not be coherent with data stores: a store
 * may sit in the data cache while the instruction cache or the pipeline
 * still hold the old instruction. The Arm ARM's sequence for
 * self-modifying code (Arm ARM, "Concurrent modification and execution
 * of instructions" and "Instruction cache maintenance", the example
 * "Ensuring the visibility of updates to instructions") is, for the
 * written range:
 *   DC CVAU   clean the data cache to the Point of Unification, where
 *             instruction fetches and data accesses see the same memory
 *   DSB ISH   the clean completes before the invalidation
 *   IC IVAU   invalidate the instruction cache, broadcast to the Inner
 *             Shareable domain
 *   DSB ISH   the invalidation completes on every CPU
 *   ISB       this CPU's pipeline drops anything fetched before
 * Other CPUs need a context synchronization event of their own before
 * they run the new instructions: apply_alternatives() ends with
 * sync_all_cpus(), an ISB on every CPU (smp_call.c).
 *
 * There is no live-patching protocol here yet (no text_poke_bp on
 * arm64): text_poke() is for text no other CPU is running.
 */
#include <stdint.h>
#include <string.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <pvpatch/page_alloc.h>
#include <pvpatch/platform.h>
#include <pvpatch/spinlock.h>
#include <pvpatch/text_poke.h>
#include "arm64.h"

static spinlock_t text_lock = SPINLOCK_INIT;
static unsigned long write_count;

void text_mutex_lock(void)
{
	spin_lock(&text_lock);
}

void text_mutex_unlock(void)
{
	spin_unlock(&text_lock);
}

unsigned long text_poke_write_count(void)
{
	return __atomic_load_n(&write_count, __ATOMIC_RELAXED);
}

/* CTR_EL0: DminLine (19:16) and IminLine (3:0), log2 of the smallest
 * line in 4-byte words (Arm ARM, "CTR_EL0, Cache Type Register"). */
static uintptr_t dcache_line(void)
{
	return 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
}

static uintptr_t icache_line(void)
{
	return 4UL << (read_sysreg(ctr_el0) & 0xf);
}

/*
 * The maintenance by the text's own VA: it is mapped readable, which
 * DC CVAU needs, and it is the VA the instructions are fetched from.
 * Data caches behave as physically indexed and tagged, so cleaning by
 * this VA cleans what the alias wrote.
 */
static void sync_icache(uintptr_t start, uintptr_t end)
{
	uintptr_t dline = dcache_line(), iline = icache_line();

	for (uintptr_t p = start & ~(dline - 1); p < end; p += dline)
		__asm__ __volatile__("dc cvau, %0" : : "r"(p) : "memory");
	__asm__ __volatile__("dsb ish" ::: "memory");
	for (uintptr_t p = start & ~(iline - 1); p < end; p += iline)
		__asm__ __volatile__("ic ivau, %0" : : "r"(p) : "memory");
	__asm__ __volatile__("dsb ish\n\tisb" ::: "memory");
}

void arch_text_write(void *addr, const void *src, size_t len)
{
	uintptr_t page = (uintptr_t)addr & ~(PAGE_BYTES - 1);
	uintptr_t offset = (uintptr_t)addr - page;

	if (offset + len > 2 * PAGE_BYTES)
		panic("text_poke: %zu bytes at %p span more than two pages", len, addr);
	/* No interrupt on this CPU may see the alias half set up. */
	unsigned long flags = local_irq_save();

	arm64_text_alias_map(page);
	memcpy((void *)(ARM64_TEXT_ALIAS + offset), src, len);
	/* The stores through the alias complete before the alias goes
	 * and before the clean by the text's VA that must see them. */
	__asm__ __volatile__("dsb ish" ::: "memory");
	arm64_text_alias_unmap();
	sync_icache((uintptr_t)addr, (uintptr_t)addr + len);
	local_irq_restore(flags);
}

void text_poke(void *addr, const void *bytes, size_t len)
{
	arch_text_write(addr, bytes, len);
	__atomic_fetch_add(&write_count, 1, __ATOMIC_RELAXED);
}
