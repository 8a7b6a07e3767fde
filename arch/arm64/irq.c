// SPDX-License-Identifier: GPL-2.0
/*
 * The IRQ path: entry.S saves the frame and calls arm64_irq(), which
 * acknowledges at the GIC, dispatches by INTID (the two SGIs of
 * smp_call.c, the timer's PPI) and signals the end of the interrupt,
 * until the GIC has nothing more (spurious INTID). Interrupts stay
 * masked throughout: taking an exception to EL1 sets PSTATE.I (Arm ARM,
 * "Exception entry").
 */
#include <stdint.h>
#include <asm/percpu.h>
#include <asm/ptrace.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <pvpatch/smp.h>
#include "arm64.h"
#include "gic.h"

const struct gic_ops *gic;
static volatile uint64_t unexpected_irqs;

void gic_init(void)
{
	switch (arm64_fdt.gic) {
	case FDT_GIC_V3:
		gic = &gic_v3_ops;
		break;
	case FDT_GIC_V2:
		gic = &gic_v2_ops;
		break;
	default:
		platform_fatal("device tree: no interrupt controller (a node compatible with "
			       "arm,gic-v3, arm,cortex-a15-gic or arm,gic-400)");
	}
	gic->init();
}

void arm64_irq(struct pt_regs *regs);
void arm64_irq(struct pt_regs *regs)
{
	for (;;) {
		uint32_t ack = gic->ack();
		uint32_t intid = gic->intid(ack);

		if (intid >= GIC_INTID_SPURIOUS)
			return;
		if (intid == SGI_CALL)
			smp_handle_call_ipi();
		else if (intid == SGI_WAKE)
			smp_handle_wake_ipi();
		else if (intid == arm64_timer_intid)
			timer_interrupt();
		else if (!unexpected_irqs++)
			printk("irq: unexpected INTID %u (only the first is reported)\n", intid);
		gic->end_of_interrupt(ack);
	}
}
