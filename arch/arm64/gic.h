/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interrupt controller behind a small ops table: GICv3 (gic_v3.c:
 * distributor, one redistributor per CPU, the ICC_* system registers) or
 * GICv2 (gic_v2.c: distributor and a memory-mapped CPU interface), as
 * the device tree says. Only arch/arm64 sees it; the arch-neutral code
 * knows on_each_cpu() and sync_all_cpus(), never which GIC sends them.
 */
#ifndef ARCH_ARM64_GIC_H
#define ARCH_ARM64_GIC_H

#include <stdint.h>
#include <asm/percpu.h>

/* INTIDs 0-15 are SGIs, 16-31 PPIs (GIC architecture specification,
 * "INTIDs"); 1020-1023 are special: an acknowledge returns 1023 when
 * nothing is pending (spurious). */
#define GIC_NR_PRIVATE		32
#define GIC_INTID_SPURIOUS	1020

/* The SGIs this kernel uses. */
#define SGI_CALL		0	/* run the ipi_call slot (smp_call.c) */
#define SGI_WAKE		1	/* leave WFI and look at the task_call slot */

/* One priority for every interrupt we enable, and a mask that lets it
 * through (lower values are higher priority; implementations may keep
 * only the top bits of either). */
#define GIC_PRIORITY		0x80
#define GIC_PRIORITY_MASK	0xf0

struct gic_ops {
	const char *name;
	/* Once, on the boot CPU: the distributor, every SPI off. */
	void (*init)(void);
	/* On each CPU: its redistributor (v3) and CPU interface. */
	void (*init_cpu)(struct cpu *c);
	/* An SGI or PPI of this CPU: group, priority, enable. */
	void (*enable_private)(uint32_t intid);
	/* The acknowledge value (what end_of_interrupt() takes back) and
	 * the INTID inside it. */
	uint32_t (*ack)(void);
	uint32_t (*intid)(uint32_t ack);
	void (*end_of_interrupt)(uint32_t ack);
	/* Raise an SGI on target; the caller has made its stores visible
	 * (smp_call.c: DSB ISH). */
	void (*send_sgi)(const struct cpu *target, uint32_t sgi);
};

extern const struct gic_ops gic_v2_ops, gic_v3_ops;

/* The one in use (irq.c), set by gic_init() from the device tree. */
extern const struct gic_ops *gic;

void gic_init(void);

/* MMIO accessors for the distributor and CPU interface: Device memory,
 * 32-bit (64-bit where the register is), never merged by the compiler. */
static inline uint32_t mmio_read32(uintptr_t addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void mmio_write32(uintptr_t addr, uint32_t value)
{
	*(volatile uint32_t *)addr = value;
}

static inline uint64_t mmio_read64(uintptr_t addr)
{
	return *(volatile uint64_t *)addr;
}

#endif
