// SPDX-License-Identifier: GPL-2.0
/*
 * Exceptions of a Xen PV kernel: no IDT of its own but a trap table
 * (HYPERVISOR_set_trap_table), whose entries Xen bounces to with the
 * frame pv_entry.S turns into a struct pt_regs. Exceptions then take
 * the same dispatch_trap() as in the PVH image (fatal report, expected
 * traps, text_poke_bp's int3); events go to the upcall (pv_events.c).
 *
 * Entries leave the event mask alone (trap-gate behaviour, flags bit 4
 * clear): an exception returns to its context with the mask it had.
 * NMI, #DF and #MC are Xen's; it does not bounce them here.
 */
#include <stdint.h>
#include <asm/traps.h>
#include <pvpatch/platform.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/pv.h>

#define XEN_PV_EVENT_VECTOR	256
#define TRAP_KERNEL		1	/* flags 0-3: the kernel may raise it */
#define TRAP_ANYONE		3

extern const uint64_t xen_pv_trap_stubs[NR_EXCEPTIONS];

void dispatch_trap(struct pt_regs *regs);
void xen_pv_event_upcall(struct pt_regs *regs);

void xen_pv_dispatch(struct pt_regs *regs);
void xen_pv_dispatch(struct pt_regs *regs)
{
	if (regs->vector == XEN_PV_EVENT_VECTOR)
		xen_pv_event_upcall(regs);
	else
		dispatch_trap(regs);
}

static bool xen_delivers(unsigned int vector)
{
	return vector != VECTOR_NMI && vector != VECTOR_DF && vector != VECTOR_MC &&
	       vector != 15 && vector < 22;	/* 15, 22..31: reserved */
}

/* int3 and into are instructions the kernel executes. */
static bool kernel_raises(unsigned int vector)
{
	return vector == VECTOR_BP || vector == 4;
}

/* Vector v's entry; false when Xen does not bounce v to us. */
bool xen_pv_trap_entry(unsigned int v, struct trap_info *entry)
{
	if (!xen_delivers(v))
		return false;
	*entry = (struct trap_info){
		.vector = (uint8_t)v,
		.flags = kernel_raises(v) ? TRAP_ANYONE : TRAP_KERNEL,
		.cs = FLAT_KERNEL_CS,
		.address = xen_pv_trap_stubs[v],
	};
	return true;
}

/* Before anything may fault: a fault without an entry crashes the domain. */
void xen_pv_trap_init(void)
{
	static struct trap_info table[NR_EXCEPTIONS + 1];
	unsigned int n = 0;

	for (unsigned int v = 0; v < NR_EXCEPTIONS; v++)
		n += xen_pv_trap_entry(v, &table[n]);
	table[n] = (struct trap_info){ 0 };	/* address 0 ends the table */

	long rc = xen_hypercall2(__HYPERVISOR_set_trap_table, (uintptr_t)table, 0);

	if (rc)
		panic("xen-pv: HYPERVISOR_set_trap_table: %ld", rc);
}
