// SPDX-License-Identifier: GPL-2.0
/*
 * GICv2: distributor (GICD_*) and a memory-mapped CPU interface
 * (GICC_*), both banked per CPU for the private interrupts. Offsets and
 * bits from the GIC architecture specification v2 (IHI 0048), "Distributor
 * register descriptions" and "CPU interface register descriptions".
 * QEMU virt's GICv2 has no Security Extensions without EL3: every
 * interrupt is Group 0 and, with GICC_CTLR.FIQEn clear, an IRQ.
 */
#include <stdint.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <pvpatch/platform.h>
#include "arm64.h"
#include "gic.h"

#define GICD_CTLR		0x000
#define GICD_TYPER		0x004
#define GICD_ISENABLER0		0x100
#define GICD_ICENABLER(n)	(0x180 + 4 * (n))
#define GICD_IPRIORITYR(n)	(0x400 + (n))
#define GICD_ITARGETSR0		0x800
#define GICD_SGIR		0xf00
#define GICD_CTLR_ENABLE	0x3	/* EnableGrp0 | EnableGrp1 */
#define GICD_SGIR_TARGETS_SHIFT	16

#define GICC_CTLR		0x000
#define GICC_PMR		0x004
#define GICC_BPR		0x008
#define GICC_IAR		0x00c
#define GICC_EOIR		0x010
#define GICC_CTLR_ENABLE	0x3	/* EnableGrp0 | EnableGrp1; FIQEn clear */

static uintptr_t dist, cpu_if;

static void v2_init(void)
{
	dist = arm64_fdt.gic_dist.start;
	cpu_if = arm64_fdt.gic_cpu_or_redist.start;
	unsigned int lines = 32 * ((mmio_read32(dist + GICD_TYPER) & 0x1f) + 1);

	mmio_write32(dist + GICD_CTLR, 0);
	for (unsigned int n = 1; n < lines / 32; n++)
		mmio_write32(dist + GICD_ICENABLER(n), ~0u);
	mmio_write32(dist + GICD_CTLR, GICD_CTLR_ENABLE);
}

static void v2_init_cpu(struct cpu *c)
{
	/* GICD_ITARGETSR0-7 are read-only and each byte reads as the
	 * reading CPU's own interface bit ("GICD_ITARGETSRn"): how SGIs
	 * name this CPU, which need not be its MPIDR's Aff0. A uniprocessor
	 * GIC may make them RAZ (the same section): its one interface. */
	c->gic_v2_target = mmio_read32(dist + GICD_ITARGETSR0) & 0xff;
	if (!c->gic_v2_target && arm64_fdt.nr_cpus == 1)
		c->gic_v2_target = 1;
	if (!c->gic_v2_target)
		panic("GICv2: cpu %u reads no CPU interface number", c->id);
	mmio_write32(dist + GICD_ICENABLER(0), ~0u);	/* banked: this CPU's */
	mmio_write32(cpu_if + GICC_PMR, GIC_PRIORITY_MASK);
	mmio_write32(cpu_if + GICC_BPR, 0);
	mmio_write32(cpu_if + GICC_CTLR, GICC_CTLR_ENABLE);
}

static void v2_enable_private(uint32_t intid)
{
	*(volatile uint8_t *)(dist + GICD_IPRIORITYR(intid)) = GIC_PRIORITY;
	mmio_write32(dist + GICD_ISENABLER0, 1u << intid);
}

static uint32_t v2_ack(void)
{
	return mmio_read32(cpu_if + GICC_IAR);
}

static uint32_t v2_intid(uint32_t ack)
{
	return ack & 0x3ff;
}

/* The whole IAR value goes back: for an SGI it names the source CPU. */
static void v2_end_of_interrupt(uint32_t ack)
{
	mmio_write32(cpu_if + GICC_EOIR, ack);
}

static void v2_send_sgi(const struct cpu *target, uint32_t sgi)
{
	mmio_write32(dist + GICD_SGIR,
		     target->gic_v2_target << GICD_SGIR_TARGETS_SHIFT | sgi);
}

const struct gic_ops gic_v2_ops = {
	.name = "GICv2",
	.init = v2_init,
	.init_cpu = v2_init_cpu,
	.enable_private = v2_enable_private,
	.ack = v2_ack,
	.intid = v2_intid,
	.end_of_interrupt = v2_end_of_interrupt,
	.send_sgi = v2_send_sgi,
};
