/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASM_SMP_H
#define ASM_SMP_H

/* Copy the AP start-up code below 1 MiB (before text becomes read-only). */
void trampoline_install(void);

#endif
