// SPDX-License-Identifier: GPL-2.0
/*
 * The generic timer: each CPU's EL1 virtual timer (CNTV_*_EL0) ticks
 * at CONFIG_TIMER_HZ through its PPI, so an idle CPU in WFI wakes and
 * the tests can see every CPU take interrupts. The counter's rate is
 * CNTFRQ_EL0, which firmware (QEMU) sets (Arm ARM, "The Generic Timer
 * in AArch64 state").
 */
#include <stdint.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include "arm64.h"
#include "gic.h"

#define CNTV_CTL_ENABLE		(1u << 0)
#define CNTV_CTL_ISTATUS	(1u << 2)
/* The virtual timer's PPI in the Server Base System Architecture, for a
 * tree without an arm,armv8-timer node. */
#define SBSA_VIRT_TIMER_INTID	27

uint32_t arm64_timer_intid;
static uint64_t period;

uint64_t arm64_counter(void)
{
	/* CNTVCT_EL0 may be read speculatively, out of order with earlier
	 * instructions; the ISB keeps it after them (Arm ARM,
	 * "CNTVCT_EL0, Counter-timer Virtual Count register"). */
	isb();
	return read_sysreg(cntvct_el0);
}

uint64_t arm64_counter_hz(void)
{
	return read_sysreg(cntfrq_el0);
}

void arm64_timer_init(void)
{
	arm64_timer_intid = arm64_fdt.timer_virt_intid;
	if (!arm64_timer_intid) {
		arm64_timer_intid = SBSA_VIRT_TIMER_INTID;
		printk("timer: no arm,armv8-timer node; virtual timer on PPI INTID %u\n",
		       arm64_timer_intid);
	}
	period = arm64_counter_hz() / CONFIG_TIMER_HZ;
	if (!period)
		panic("timer: CNTFRQ_EL0 is %lu Hz", (unsigned long)arm64_counter_hz());
}

/* This CPU's tick: program the next expiry, unmask, enable its PPI. */
void arm64_timer_start_cpu(void)
{
	write_sysreg(cntv_tval_el0, period);
	write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
	gic->enable_private(arm64_timer_intid);
}

void timer_interrupt(void)
{
	/* The line is level-sensitive: it stays asserted until the
	 * compare value moves past the counter. Writing TVAL sets
	 * CVAL = counter + period; the ISB puts that in effect before the
	 * end of interrupt, so the GIC does not see the old level again.
	 * A stale signal (ISTATUS clear) is not a tick. */
	if (!(read_sysreg(cntv_ctl_el0) & CNTV_CTL_ISTATUS))
		return;
	write_sysreg(cntv_tval_el0, period);
	isb();
	this_cpu()->timer_ticks++;
}
