/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hooks the arch-neutral guest (guest/main.c) calls, in boot order.
 * Each architecture implements them under arch/<arch>/.
 */
#ifndef PVPATCH_ARCH_H
#define PVPATCH_ARCH_H

#include <stdint.h>
#include <pvpatch/compiler.h>

/* Arch entry code has set up console, traps and boot_info; now this. */
__noreturn void guest_main(void);

/* Physical allocator is up: build the final W^X page tables. */
void arch_memory_init(void);

/* Interrupt controller and timer on the boot CPU, then start the others. */
void arch_smp_init(void);

/* Deliberate fatal faults for the host's crash tests (crash=...). */
void arch_trigger_crash(const char *kind);

/* Frame-pointer backtrace from (ip, frame pointer). */
void dump_backtrace(uint64_t ip, uint64_t frame);

#endif
