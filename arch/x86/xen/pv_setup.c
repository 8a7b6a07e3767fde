// SPDX-License-Identifier: GPL-2.0
/*
 * Xen 64-bit PV boot, from pv_head.S to guest_main().
 *
 * The kernel runs in ring 3 under Xen: no IDT, GDT, CR3 or MSR writes of
 * its own. %gs gets its base through HYPERVISOR_set_segment_base; the I/O
 * ports through PHYSDEVOP_set_iopl, so that the console probe and the
 * isa-debug-exit power-off (arch/x86/console.c, power.c) work as in the
 * PVH dom0. Then the same guest_main() as the PVH image, whose arch hooks
 * the PV image takes from its own files (the Makefile swaps them in):
 *   page tables   Xen's initial ones, W^X and text_poke's alias through
 *                 the PV MMU (pv_mmu.c, pv_paging.c), and pinned
 *                 L1 tables of our own for the rest of RAM up to 1 GiB
 *                 (pv_memory.c)
 *   exceptions    a trap table (pv_traps.c, pv_entry.S)
 *   interrupts    event channels (pv_events.c): VIRQ_TIMER (pv_timer.c),
 *                 IPIs (pv_apic.c); the "xen_pv" backend (hypervisor/
 *                 xen/pv_*.c) maps shared_info and registers the upcall
 *   other CPUs    VCPUOP_initialise and VCPUOP_up (pv_smp.c)
 *
 * Not here yet: RAM past 1 GiB.
 */
#include <stdint.h>
#include <string.h>
#include <asm/cpufeatures.h>
#include <asm/page.h>
#include <asm/percpu.h>
#include <pvpatch/arch.h>
#include <pvpatch/bootinfo.h>
#include <pvpatch/console.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <asm/hypervisor_hooks.h>
#include <asm/xen/hypercall.h>
#include <xen/physdev.h>
#include <asm/xen/pv.h>
#include "../setup.h"

#define XEN_PV_MAGIC		"xen-3.0-x86_64"
/* xen.h: the initial mapping ends at least 512 KiB past the bootstrap
 * stack, rounded up to 4 MiB. */
#define BOOTSTRAP_PADDING	(512UL << 10)
#define BOOTSTRAP_ALIGN		(4UL << 20)

const struct start_info *xen_start_info;
uintptr_t xen_pv_mapped_end;
long xen_pv_iopl_status = -1;

static char cmdline[MAX_GUEST_CMDLINE];

extern char __image_start[], __image_end[];

static uintptr_t align_up(uintptr_t value, uintptr_t align)
{
	return (value + align - 1) & ~(align - 1);
}

/* Before the console: a failure here can only be told to Xen. */
static void set_gs_base(struct cpu *cpu)
{
	if (xen_hypercall2(__HYPERVISOR_set_segment_base, SEGBASE_GS_KERNEL,
			   (uintptr_t)cpu))
		hv_shutdown(true);
}

/* Per vCPU: each CPU takes them for itself (xen_pv_ap_start()). */
long xen_pv_take_io_ports(void)
{
	struct physdev_set_iopl iopl = { .iopl = 3 };

	return xen_hypercall2(__HYPERVISOR_physdev_op, PHYSDEVOP_set_iopl,
			      (uintptr_t)&iopl);
}

/*
 * Pseudo-physical memory is frames 0 .. nr_pages - 1 at the same virtual
 * addresses, but only the start is mapped: from 0 to past the bootstrap
 * elements (image, P2M list, start_info, page tables, stack). The
 * bootstrap page tables end the elements we must keep; the stack after
 * them is left once we are on ours.
 */
static void parse_start_info(const struct start_info *si)
{
	if (memcmp(si->magic, XEN_PV_MAGIC, strlen(XEN_PV_MAGIC)) != 0)
		panic("Xen PV start info at %p has magic '%.32s', expected '%s'",
		      (const void *)si, si->magic, XEN_PV_MAGIC);
	memcpy(cmdline, si->cmd_line, sizeof(cmdline) - 1);
	boot_info.cmdline = cmdline;

	uintptr_t tables_end = si->pt_base + si->nr_pt_frames * PAGE_SIZE;
	uintptr_t ram_end = si->nr_pages * PAGE_SIZE;
	uintptr_t initial_end = align_up(tables_end + PAGE_SIZE + BOOTSTRAP_PADDING,
					 BOOTSTRAP_ALIGN);

	printk("xen-pv: %s, %lu pages, start_info %p, page tables %#lx+%lu, "
	       "P2M list %#lx, flags %#x; Xen mapped 0x%lx bytes\n",
	       si->magic, si->nr_pages, (const void *)si, si->pt_base,
	       si->nr_pt_frames, si->mfn_list, si->flags,
	       ram_end < initial_end ? ram_end : initial_end);
	xen_pv_map_remaining_ram(initial_end, ram_end);
	if (ram_end > xen_pv_mapped_end)
		ram_end = xen_pv_mapped_end;
	boot_info_add_ram(PAGE_SIZE, ram_end - PAGE_SIZE);
	boot_info_reserve((uintptr_t)__image_start,
			  tables_end + PAGE_SIZE - (uintptr_t)__image_start);
	if (xen_pv_own_l1_tables)
		boot_info_reserve(initial_end, xen_pv_own_l1_tables * PAGE_SIZE);
}

__noreturn void xen_pv_start(const struct start_info *si);
__noreturn void xen_pv_start(const struct start_info *si)
{
	xen_start_info = si;
	/* The hypercall page and the console ask for it. */
	cpu_feature_set(X86_FEATURE_XENPV);
	set_gs_base(percpu_boot_cpu());
	xen_pv_iopl_status = xen_pv_take_io_ports();
	xen_pv_map_domu_console();
	arch_console_init();
	printk("pvpatch guest: x86-64, Xen PV entry\n");
	xen_pv_trap_init();
	if (xen_pv_iopl_status)
		printk("xen-pv: PHYSDEVOP_set_iopl failed (%ld): no debug-exit port\n",
		       xen_pv_iopl_status);
	parse_start_info(si);
	guest_main();
}
