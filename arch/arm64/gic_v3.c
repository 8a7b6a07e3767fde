// SPDX-License-Identifier: GPL-2.0
/*
 * GICv3: distributor (GICD_*), one redistributor per CPU (GICR_*, found
 * by affinity), and the CPU interface through system registers
 * (ICC_*_EL1). Register offsets and bits from the GIC architecture
 * specification (IHI 0069), the GICD_*, GICR_* and ICC_* register
 * descriptions. Everything is Group 1
 * non-secure (QEMU virt without EL3 has one security state).
 */
#include <stdint.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/sysreg.h>
#include <pvpatch/platform.h>
#include "arm64.h"
#include "gic.h"

#define GICD_CTLR		0x0000
#define GICD_TYPER		0x0004
#define GICD_ICENABLER(n)	(0x0180 + 4 * (n))
#define GICD_CTLR_RWP		(1u << 31)
/* Bit 1 is EnableGrp1 (one security state) or EnableGrp1A (the
 * non-secure view), bit 4 ARE or ARE_NS: the same bits in both views. */
#define GICD_CTLR_ENABLE_G1	(1u << 1)
#define GICD_CTLR_ARE		(1u << 4)

/* Redistributor frames: RD_base, then SGI_base 64 KiB above it; two
 * more frames per CPU where virtual LPIs are implemented. */
#define GICR_CTLR		0x0000
#define GICR_TYPER		0x0008
#define GICR_WAKER		0x0014
#define GICR_CTLR_RWP		(1u << 3)
#define GICR_TYPER_VLPIS	(1u << 1)
#define GICR_TYPER_LAST		(1u << 4)
#define GICR_WAKER_SLEEP	(1u << 1)	/* ProcessorSleep */
#define GICR_WAKER_ASLEEP	(1u << 2)	/* ChildrenAsleep */
#define GICR_FRAME		0x10000
#define GICR_SGI_BASE		GICR_FRAME
#define GICR_IGROUPR0		(GICR_SGI_BASE + 0x0080)
#define GICR_ISENABLER0		(GICR_SGI_BASE + 0x0100)
#define GICR_ICENABLER0		(GICR_SGI_BASE + 0x0180)
#define GICR_IPRIORITYR(n)	(GICR_SGI_BASE + 0x0400 + (n))

/* ICC_SGI1R_EL1 fields ("ICC_SGI1R_EL1, Interrupt Controller Software
 * Generated Interrupt Group 1 Register"). */
#define SGI1R_INTID_SHIFT	24
#define SGI1R_AFF1_SHIFT	16
#define SGI1R_AFF2_SHIFT	32
#define SGI1R_RS_SHIFT		44
#define SGI1R_AFF3_SHIFT	48

#define MPIDR_AFF(mpidr, n)	(((mpidr) >> ((n) == 3 ? 32 : 8 * (n))) & 0xff)

static uintptr_t dist;
static uintptr_t redist[CONFIG_NR_CPUS];

static void wait_for_rwp(uintptr_t ctlr, uint32_t rwp)
{
	/* Register writes that change enables complete asynchronously;
	 * RWP says when ("GICD_CTLR", "GICR_CTLR"). */
	for (unsigned long spins = 0; mmio_read32(ctlr) & rwp; spins++) {
		if (spins > 100000000UL)
			panic("GICv3: register write pending forever at 0x%lx",
			      (unsigned long)ctlr);
		cpu_relax();
	}
}

static void v3_init(void)
{
	dist = arm64_fdt.gic_dist.start;
	unsigned int lines = 32 * ((mmio_read32(dist + GICD_TYPER) & 0x1f) + 1);

	mmio_write32(dist + GICD_CTLR, 0);
	wait_for_rwp(dist + GICD_CTLR, GICD_CTLR_RWP);
	for (unsigned int n = 1; n < lines / 32; n++)
		mmio_write32(dist + GICD_ICENABLER(n), ~0u);
	/* Affinity routing is what makes the redistributors and ICC_SGI1R
	 * work; Group 1 on. */
	mmio_write32(dist + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1);
	wait_for_rwp(dist + GICD_CTLR, GICD_CTLR_RWP);
}

/* This CPU's redistributor: GICR_TYPER[63:32] holds the affinity of the
 * CPU it serves, Aff3.Aff2.Aff1.Aff0. */
static uintptr_t find_redistributor(uint64_t mpidr)
{
	uint32_t want = MPIDR_AFF(mpidr, 3) << 24 | MPIDR_AFF(mpidr, 2) << 16 |
			MPIDR_AFF(mpidr, 1) << 8 | MPIDR_AFF(mpidr, 0);
	uintptr_t at = arm64_fdt.gic_cpu_or_redist.start;
	uintptr_t end = at + arm64_fdt.gic_cpu_or_redist.size;

	while (at < end) {
		uint64_t typer = mmio_read64(at + GICR_TYPER);

		if ((uint32_t)(typer >> 32) == want)
			return at;
		if (typer & GICR_TYPER_LAST)
			break;
		at += (typer & GICR_TYPER_VLPIS) ? 4 * GICR_FRAME : 2 * GICR_FRAME;
	}
	panic("GICv3: no redistributor for MPIDR 0x%lx in the device tree's region",
	      (unsigned long)mpidr);
}

static void v3_init_cpu(struct cpu *c)
{
	uintptr_t rd = find_redistributor(c->mpidr);

	redist[c->id] = rd;
	/* Wake the redistributor: it forwards nothing while its
	 * ProcessorSleep is set ("GICR_WAKER"). */
	mmio_write32(rd + GICR_WAKER, mmio_read32(rd + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	for (unsigned long spins = 0; mmio_read32(rd + GICR_WAKER) & GICR_WAKER_ASLEEP; spins++) {
		if (spins > 100000000UL)
			panic("GICv3: redistributor of cpu %u does not wake", c->id);
		cpu_relax();
	}
	mmio_write32(rd + GICR_ICENABLER0, ~0u);
	wait_for_rwp(rd + GICR_CTLR, GICR_CTLR_RWP);
	mmio_write32(rd + GICR_IGROUPR0, ~0u);		/* all Group 1 */

	/* The system register interface (head.S enabled it at EL2 if we
	 * came from there); its effect needs an ISB before the other ICC
	 * registers are used ("ICC_SRE_EL1"). */
	write_sysreg_s(ICC_SRE_EL1, read_sysreg_s(ICC_SRE_EL1) | ICC_SRE_SRE | ICC_SRE_DFB_DIB);
	isb();
	if (!(read_sysreg_s(ICC_SRE_EL1) & ICC_SRE_SRE))
		panic("GICv3: the CPU interface's system registers cannot be enabled");
	write_sysreg_s(ICC_PMR_EL1, GIC_PRIORITY_MASK);
	write_sysreg_s(ICC_BPR1_EL1, 0);
	/* EOImode 0: the EOIR write also deactivates. */
	write_sysreg_s(ICC_CTLR_EL1, 0);
	write_sysreg_s(ICC_IGRPEN1_EL1, 1);
	isb();
}

static void v3_enable_private(uint32_t intid)
{
	uintptr_t rd = redist[this_cpu()->id];

	*(volatile uint8_t *)(rd + GICR_IPRIORITYR(intid)) = GIC_PRIORITY;
	mmio_write32(rd + GICR_ISENABLER0, 1u << intid);
}

static uint32_t v3_ack(void)
{
	uint32_t iar = (uint32_t)read_sysreg_s(ICC_IAR1_EL1);

	/* The acknowledge is a System register read, which barriers for
	 * memory do not order: the DSB keeps the handler's loads (the
	 * call slot) after it (Arm ARM, "Data Synchronization Barrier
	 * (DSB)"). The sender's own DSB already made the slot visible
	 * before the SGI; this keeps the receiving side as strict. */
	__asm__ __volatile__("dsb sy" ::: "memory");
	return iar;
}

static uint32_t v3_intid(uint32_t ack)
{
	return ack & 0xffffff;
}

static void v3_end_of_interrupt(uint32_t ack)
{
	write_sysreg_s(ICC_EOIR1_EL1, ack);
	isb();
}

static void v3_send_sgi(const struct cpu *target, uint32_t sgi)
{
	uint64_t m = target->mpidr;
	uint64_t aff0 = MPIDR_AFF(m, 0);
	/* The target list holds Aff0 values RS*16 .. RS*16+15. */
	uint64_t value = (uint64_t)sgi << SGI1R_INTID_SHIFT |
			 MPIDR_AFF(m, 1) << SGI1R_AFF1_SHIFT |
			 MPIDR_AFF(m, 2) << SGI1R_AFF2_SHIFT |
			 (aff0 >> 4) << SGI1R_RS_SHIFT |
			 MPIDR_AFF(m, 3) << SGI1R_AFF3_SHIFT |
			 1ull << (aff0 & 15);

	write_sysreg_s(ICC_SGI1R_EL1, value);
	/* Issue it now rather than when something else synchronizes. */
	isb();
}

const struct gic_ops gic_v3_ops = {
	.name = "GICv3",
	.init = v3_init,
	.init_cpu = v3_init_cpu,
	.enable_private = v3_enable_private,
	.ack = v3_ack,
	.intid = v3_intid,
	.end_of_interrupt = v3_end_of_interrupt,
	.send_sgi = v3_send_sgi,
};
