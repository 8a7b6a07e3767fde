/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASM_PAGING_H
#define ASM_PAGING_H

/* Physical address of the first page the AP start-up code is copied to. */
#ifdef __ASSEMBLY__
#define TRAMPOLINE_BASE	0x8000
#else
#define TRAMPOLINE_BASE	0x8000UL

#include <stdbool.h>
#include <stdint.h>

/* The leaf entry that maps addr, and the size it maps; NULL if none. */
uint64_t *lookup_pte(uintptr_t addr, uint64_t *mapped_size);

/* Visit every present leaf entry: fn(virtual start, size, entry). */
void walk_page_tables(void (*fn)(uintptr_t start, uint64_t size,
				 uint64_t entry, void *arg), void *arg);

uint64_t kernel_cr3(void);
bool nx_enabled(void);

#endif /* __ASSEMBLY__ */

#endif
