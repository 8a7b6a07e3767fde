/* SPDX-License-Identifier: GPL-2.0 */
/* Boot steps private to arch/x86, called in this order by arch_setup(). */
#ifndef ARCH_X86_SETUP_H
#define ARCH_X86_SETUP_H

#include <stdint.h>

void pvh_parse_start_info(uint32_t start_info_pa);
void boot_info_reserve(uint64_t start, uint64_t size);
void boot_info_add_ram(uint64_t start, uint64_t size);
void percpu_early_init(void);
struct cpu *percpu_boot_cpu(void);

#endif
