/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASM_SMP_H
#define ASM_SMP_H

/* Copy the AP start-up code below 1 MiB (before text becomes read-only). */
void trampoline_install(void);

/* Handlers of the IPI vectors (arch/x86/smp_call.c), for smp.c and the
 * Xen PV smp code to install. */
struct pt_regs;
void smp_call_interrupt(struct pt_regs *regs);
void smp_wake_interrupt(struct pt_regs *regs);

#endif
