/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASM_SEGMENT_H
#define ASM_SEGMENT_H

/* GDT layout, shared by the boot code and the per-CPU GDTs. */
#define GDT_ENTRY_KERNEL_CS	1
#define GDT_ENTRY_KERNEL_DS	2
#define GDT_ENTRY_KERNEL_CS32	3
#define GDT_ENTRY_TSS		4	/* 16-byte system descriptor: 4 and 5 */
#define GDT_ENTRIES		6

#define KERNEL_CS	(GDT_ENTRY_KERNEL_CS * 8)
#define KERNEL_DS	(GDT_ENTRY_KERNEL_DS * 8)
#define KERNEL_CS32	(GDT_ENTRY_KERNEL_CS32 * 8)
#define TSS_SELECTOR	(GDT_ENTRY_TSS * 8)

/* Interrupt stack table slots (1-based, as the IDT gate encodes them). */
#define IST_NMI		1
#define IST_DOUBLE_FAULT 2
#define IST_MACHINE_CHECK 3
#define IST_COUNT	3

#endif
