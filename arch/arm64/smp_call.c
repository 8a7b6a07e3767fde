// SPDX-License-Identifier: GPL-2.0
/*
 * arm64's part of the cross-CPU calls (guest/smp_call.c): IPIs as SGIs
 * through the GIC, and an ISB as each CPU's side of a sync.
 */
#include <asm/percpu.h>
#include <asm/processor.h>
#include <pvpatch/smp.h>
#include "arm64.h"
#include "gic.h"

/*
 * The slots written above must be visible to the target before it can
 * take the SGI. A GICv3 SGI is a write to ICC_SGI1R_EL1, a System
 * register, not a memory access: a DMB orders memory accesses only,
 * while a DSB lets no later instruction execute until every earlier
 * store has completed (Arm ARM, "Data Synchronization Barrier (DSB)").
 * A GICv2 SGI is a Device store (GICD_SGIR), for which a DMB would do;
 * one DSB ISH, the domain every CPU here shares, serves both.
 */
void arch_send_ipi(unsigned int cpu, enum smp_ipi ipi)
{
	__asm__ __volatile__("dsb ish" ::: "memory");
	gic->send_sgi(&cpus[cpu], ipi == SMP_IPI_CALL ? SGI_CALL : SGI_WAKE);
}

/*
 * The sync of cross-modifying code: after the writer's cache maintenance
 * (DC CVAU, DSB ISH, IC IVAU, DSB ISH), each other CPU must execute a
 * context synchronization event before it may run the new instructions
 * without risk of stale ones (Arm ARM, "Concurrent modification and
 * execution of instructions"). The ISB is one ("Context synchronization
 * event"), and so is the exception return that ends the SGI handler.
 */
void arch_sync_this_cpu(void)
{
	isb();
}
