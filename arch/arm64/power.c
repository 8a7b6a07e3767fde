// SPDX-License-Identifier: GPL-2.0
/*
 * Power-off with a status. The status travels in QEMU's semihosting exit
 * (SYS_EXIT_EXTENDED with ADP_Stopped_ApplicationExit and an exit code:
 * Arm's semihosting specification), which QEMU turns into its own exit
 * status when started with -semihosting-config enable=on,target=native,
 * as tools/pvrun does. The code is (status << 1) | 1, the same numbers
 * x86's isa-debug-exit gives, so the host reads pass as 1 and fail as 3
 * on both. Without semihosting, PSCI SYSTEM_OFF (over the conduit the
 * device tree names) powers off but carries no status: QEMU exits 0,
 * which pvrun reports as "no guest exit code".
 */
#include <stdint.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include "arm64.h"

#define SYS_EXIT_EXTENDED		0x20
#define ADP_STOPPED_APPLICATION_EXIT	0x20026

__noreturn void platform_exit(enum exit_status status)
{
	/* The block semihosting reads: it must be in memory, not registers. */
	static uint64_t block[2];

	printk("pvpatch: power off, status %s\n",
	       status == EXIT_PASS ? "pass" : "FAIL");
	local_irq_disable();
	block[0] = ADP_STOPPED_APPLICATION_EXIT;
	block[1] = ((uint64_t)status << 1) | 1;
	semihost_call(SYS_EXIT_EXTENDED, (uintptr_t)block);
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	/* Neither: stop here; the host's time-out ends us. */
	for (;;)
		wfi();
}
