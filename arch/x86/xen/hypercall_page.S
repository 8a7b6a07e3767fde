/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hypercall page, in both images: 4 KiB of text, page aligned, in a
 * section of its own inside .text (guest.lds.S: *(.text.*)), so that it
 * is executable and, like all text, never writable: W^X holds. Xen
 * writes it through guest-physical memory, which our read-only mapping
 * does not govern: a PV kernel's domain builder from the HYPERCALL_PAGE
 * note (pv_head.S), Xen itself once an HVM/PVH guest names the page in
 * Xen's MSR (hypervisor/xen/hvm.c). Until then it holds int3s: a call
 * before the page is ready traps.
 */
	.pushsection .text.xen_hypercall_page, "ax", @progbits
	.balign 4096
	.globl xen_hypercall_page
	.type xen_hypercall_page, @object
xen_hypercall_page:
	.skip 4096, 0xcc
	.size xen_hypercall_page, 4096
	.popsection
