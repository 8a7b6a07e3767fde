/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ARCH_X86_TEXT_POKE_ALIAS_H
#define ARCH_X86_TEXT_POKE_ALIAS_H

#include <stdint.h>

/* Reserve the page tables of the text_poke alias slot in a new PML4. */
void text_poke_alias_init(uint64_t *pml4);

#endif
