/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Xen 64-bit PV arch code (arch/x86/xen/pv_*, CONFIG_XEN_PV): what
 * the PV backend above it (hypervisor/xen/pv_*) and the tests use. The
 * backend calls down into these and the arch code includes nothing of
 * the backend; the one way up is the Xen arms' slow paths, pointers the
 * backend defines (asm/xen/pv_arms.h), as every pvop site calls out.
 */
#ifndef ASM_XEN_PV_H
#define ASM_XEN_PV_H

#include <stdbool.h>
#include <stdint.h>
#include <asm/percpu.h>
#include <asm/xen/hypercall.h>

struct pt_regs;
struct start_info;

/* Xen's start_info, as given in %rsi at the PV entry. */
extern const struct start_info *xen_start_info;

/* End of what Xen's initial page tables map (virtual == pseudo-physical),
 * and of all we map: that plus our own L1 tables (arch/x86/xen/pv_memory.c). */
extern uintptr_t xen_pv_initial_end;
extern uintptr_t xen_pv_mapped_end;
extern unsigned long xen_pv_own_l1_tables;

/* The table a page-table entry points at (its machine frame turned back
 * into our address through the M2P), or NULL when that is not one of our
 * mapped pages. */
uint64_t *xen_pv_table_at(uint64_t entry);

/* Map RAM from initial_end to ram_end (at most 1 GiB) with pinned L1
 * tables of our own in its first frames; sets the three above. */
void xen_pv_map_remaining_ram(uintptr_t initial_end, uintptr_t ram_end);

/* PHYSDEVOP_set_iopl's result: 0 when the I/O ports are ours. */
extern long xen_pv_iopl_status;
/* PHYSDEVOP_set_iopl for the calling vCPU: Xen keeps the IOPL per vCPU. */
long xen_pv_take_io_ports(void);

/* The trap table (arch/x86/xen/pv_traps.c), and one entry of it. */
struct trap_info;
void xen_pv_trap_init(void);
bool xen_pv_trap_entry(unsigned int vector, struct trap_info *entry);

/* Machine frame of one of our pseudo-physical frames (the P2M list). */
unsigned long xen_pv_pfn_to_mfn(unsigned long pfn);

/* Map a machine page that is not one of ours (shared_info) at va. */
void xen_pv_map_machine_page(uintptr_t va, uint64_t maddr, bool writable);

/* W^X for the image on Xen's initial page tables (arch/x86/xen/pv_mmu.c). */
void xen_pv_protect_image(void);
/* A domU's console ring from start_info, mapped into a window of ours;
 * then the window and the ring's port (NULL for dom0: no ring). */
void xen_pv_map_domu_console(void);
void *xen_pv_domu_console(uint32_t *port);

/* This vCPU's struct vcpu_info, in struct cpu once the backend has
 * registered it there (VCPUOP_register_vcpu_info). */
static inline struct vcpu_info *xen_pv_vcpu_info(void)
{
	return (struct vcpu_info *)this_cpu()->xen_vcpu_info;
}

/* Event channels (pv_events.c). Ports with a handler: enough for the
 * timer, IPIs and tests. */
#define XEN_PV_MAX_PORTS	64

typedef void (*xen_pv_port_handler_t)(evtchn_port_t port, struct pt_regs *regs);

/* shared_info, mapped by the backend's select(): the event bitmaps.
 * NULL until then: no event channels. */
extern struct shared_info *xen_pv_shared_info;
/* Upcalls taken, per CPU. */
extern uint64_t xen_pv_upcalls[CONFIG_NR_CPUS];

/* Mask every port, once shared_info is mapped. */
void xen_pv_mask_all_ports(void);
/* The handler of a port bound to cpu's vCPU (NULL: none); unmasks it. */
int xen_pv_bind_port_handler(evtchn_port_t port, unsigned int cpu,
			     xen_pv_port_handler_t handler);

/* The callbacks the backend registers with Xen (pv_entry.S). */
void xen_pv_event_entry(void);
void xen_pv_failsafe_entry(void);

/* VIRQ_TIMER's port per CPU, and starting it (pv_timer.c). */
extern evtchn_port_t xen_pv_timer_port[CONFIG_NR_CPUS];
void xen_pv_timer_start(unsigned int cpu);

/* Each IPI vector of cpu as an event channel (pv_apic.c). */
void xen_pv_bind_ipis(unsigned int cpu);

#endif
