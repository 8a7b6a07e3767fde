/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 guest image layout: the Image header (head.S) first, then text,
 * rodata and data, each on pages of their own so page tables can give
 * each one permission (text RX, rodata R, the rest RW and never
 * executable) once the MMU is on.
 */
OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(_head)

PHDRS
{
	text PT_LOAD FLAGS(5);		/* R+X */
	rodata PT_LOAD FLAGS(4);	/* R */
	data PT_LOAD FLAGS(6);		/* R+W */
}

SECTIONS
{
	. = CONFIG_LOAD_ADDRESS;
	__image_start = .;

	.text : {
		__text_start = .;
		*(.text.boot)
		*(.text .text.*)
		/* Last in text, so that the replacements, first in rodata,
		 * are within a TBZ's +-32 KiB of it: the relocation tests
		 * (test_alternatives.c) assemble arms that branch here. */
		*(alt_near_text)
		. = ALIGN(4096);
		__text_end = .;
	} :text

	.rodata : ALIGN(4096) {
		__rodata_start = .;
		/* Alternatives' replacements (arch/arm64/include/asm/
		 * alternative.h): copied over their sites at boot and never
		 * executed here; first, right after text, so that a short
		 * branch in one can reach the end of text when assembled.
		 * alt_replacement_bad holds the tests' one deliberately
		 * broken arm (a literal load), applied only when a boot
		 * argument asks, apart so the build's check of
		 * alt_replacement (scripts/check-arm64-alternatives.py)
		 * does not see it. */
		__start_alt_replacement = .;
		KEEP(*(alt_replacement))
		__stop_alt_replacement = .;
		__start_alt_replacement_bad = .;
		KEEP(*(alt_replacement_bad))
		__stop_alt_replacement_bad = .;
		*(.rodata .rodata.*)
		. = ALIGN(8);
		__start_ktest_suites = .;
		KEEP(*(ktest_suites))
		__stop_ktest_suites = .;
		. = ALIGN(8);
		__start_boot_params = .;
		KEEP(*(boot_params))
		__stop_boot_params = .;
		/* The alternatives table; alt_instructions_bad is the tests'
		 * broken site's (above). */
		. = ALIGN(8);
		__start_alt_instructions = .;
		KEEP(*(alt_instructions))
		__stop_alt_instructions = .;
		__start_alt_instructions_bad = .;
		KEEP(*(alt_instructions_bad))
		__stop_alt_instructions_bad = .;
		. = ALIGN(4096);
		__rodata_end = .;
	} :rodata

	.data : ALIGN(4096) {
		__data_start = .;
		*(.data .data.*)
	} :data

	.bss : ALIGN(64) {
		__bss_start = .;
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(4096);
		__bss_end = .;
	} :data

	__image_end = .;
	__image_size = __image_end - __image_start;

	/DISCARD/ : {
		*(.eh_frame) *(.comment) *(.note.GNU-stack) *(.note.gnu.*)
	}
}
