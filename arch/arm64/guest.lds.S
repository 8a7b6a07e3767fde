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
