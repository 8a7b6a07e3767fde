/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASM_ACPI_H
#define ASM_ACPI_H

#include <stdint.h>

/*
 * The APIC IDs of the usable CPUs, from the ACPI MADT. Returns the count
 * (0 when there are no ACPI tables), the boot CPU included.
 */
unsigned int acpi_find_cpus(uint64_t rsdp_hint, uint32_t *apic_ids,
			    unsigned int max);

#endif
