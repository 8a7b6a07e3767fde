/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest image layout. The guest runs identity mapped, so virtual ==
 * physical. Each kind of content starts on a page of its own so the
 * page tables can give it exactly one permission: text R+X, rodata R,
 * data/bss R+W+NX (see arch/x86/paging.c).
 */
OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
/* The boot path: a Xen PV image starts at its PV entry
 * (arch/x86/xen/pv_head.S). */
#ifdef CONFIG_XEN_PV
ENTRY(xen_pv_entry)
#else
ENTRY(pvh_entry)
#endif

PHDRS
{
	text PT_LOAD FLAGS(5);		/* R+X */
	rodata PT_LOAD FLAGS(4);	/* R */
	data PT_LOAD FLAGS(6);		/* R+W */
	note PT_NOTE FLAGS(4);
}

SECTIONS
{
	. = CONFIG_LOAD_ADDRESS;
	__image_start = .;

	.text : {
		__text_start = .;
		*(.text.boot)
		*(.text .text.*)
		*(static_call_text)
		. = ALIGN(4096);
		__text_end = .;
	} :text

	.rodata : ALIGN(4096) {
		__rodata_start = .;
		*(.rodata .rodata.*)
		. = ALIGN(8);
		__start_ktest_suites = .;
		KEEP(*(ktest_suites))
		__stop_ktest_suites = .;
		. = ALIGN(8);
		__start_boot_params = .;
		KEEP(*(boot_params))
		__stop_boot_params = .;
		/* Alternatives: the table, the replacements (copied over their
		 * sites at boot, never executed here) and the relocation table
		 * objtool fills after the link. */
		. = ALIGN(8);
		__start_alt_instructions = .;
		KEEP(*(alt_instructions))
		__stop_alt_instructions = .;
		__start_alt_instructions_test = .;
		KEEP(*(alt_instructions_test))
		__stop_alt_instructions_test = .;
		__start_alt_replacement = .;
		KEEP(*(alt_replacement))
		__stop_alt_replacement = .;
		. = ALIGN(8);
		__start_pvops_backends = .;
		KEEP(*(pvops_backends))
		__stop_pvops_backends = .;
		. = ALIGN(8);
		__start_x86_hypervisor_hooks = .;
		KEEP(*(x86_hypervisor_hooks))
		__stop_x86_hypervisor_hooks = .;
		. = ALIGN(4);
		__start_pvop_sites = .;
		KEEP(*(pvop_sites))
		__stop_pvop_sites = .;
		. = ALIGN(8);
		__start_alt_relocs = .;
		KEEP(*(alt_relocs))
		__stop_alt_relocs = .;
		/* ORC (include/pvpatch/orc.h): every object adds the same
		 * number of elements to both, in the same order, so element i
		 * of one describes element i of the other. objtool orc-sort
		 * sorts them by address after the link. */
		. = ALIGN(4);
		__start_orc_unwind_ip = .;
		KEEP(*(orc_unwind_ip))
		__stop_orc_unwind_ip = .;
		__start_orc_unwind = .;
		KEEP(*(orc_unwind))
		__stop_orc_unwind = .;
	} :rodata

	.note : ALIGN(4) {
		KEEP(*(.note.Xen))
	} :rodata :note

	.rodata.end : {
		. = ALIGN(4096);
		__rodata_end = .;
	} :rodata

	.data : ALIGN(4096) {
		__data_start = .;
		*(.data .data.*)
		. = ALIGN(8);
		__start_static_call_sites = .;
		KEEP(*(static_call_sites))
		__stop_static_call_sites = .;
	} :data

	.bss : ALIGN(64) {
		__bss_start = .;
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(4096);
		__bss_end = .;
	} :data

	__image_end = .;

	/DISCARD/ : {
		*(.eh_frame) *(.comment) *(.note.GNU-stack) *(.note.gnu.*)
		*(.discard.*)	/* objtool's input (unwind hints) */
	}
}
