/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASM_APIC_H
#define ASM_APIC_H

#include <stdbool.h>
#include <stdint.h>

void apic_init_cpu(void);
void apic_eoi(void);
uint32_t apic_read_id(void);
bool apic_is_x2apic(void);

/* Fixed-delivery IPI to one CPU, by APIC ID. */
void apic_send_ipi(uint32_t apic_id, uint8_t vector);
void apic_send_init(uint32_t apic_id);
void apic_send_startup(uint32_t apic_id, uint8_t page);

/* Measure the timer and TSC rates on the boot CPU (interrupts off). */
void apic_calibrate(void);
/* Periodic timer interrupts at CONFIG_TIMER_HZ on this CPU. */
void apic_timer_start(void);
/* The same at another rate (tests that want many interrupts); under
 * Xen PV at most 1 kHz, the fastest periodic timer Xen gives. */
void apic_timer_start_hz(unsigned int hz);
void apic_timer_stop(void);
uint64_t tsc_khz(void);

#endif
