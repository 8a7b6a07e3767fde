// SPDX-License-Identifier: GPL-2.0
/*
 * Classifying x86-64 relocations (System V x86-64 psABI, table
 * "Relocation Types").
 */
#include <elf.h>
#include <stdio.h>

#include "x86_reloc.h"

#define NAME(type) [R_X86_64_##type] = "R_X86_64_" #type

static const char *const reloc_names[] = {
	NAME(NONE), NAME(64), NAME(PC32), NAME(GOT32), NAME(PLT32),
	NAME(COPY), NAME(GLOB_DAT), NAME(JUMP_SLOT), NAME(RELATIVE),
	NAME(GOTPCREL), NAME(32), NAME(32S), NAME(16), NAME(PC16), NAME(8),
	NAME(PC8), NAME(DTPMOD64), NAME(DTPOFF64), NAME(TPOFF64),
	NAME(TLSGD), NAME(TLSLD), NAME(DTPOFF32), NAME(GOTTPOFF),
	NAME(TPOFF32), NAME(PC64), NAME(GOTOFF64), NAME(GOTPC32),
	NAME(GOT64), NAME(GOTPCREL64), NAME(GOTPC64), NAME(GOTPLT64),
	NAME(PLTOFF64), NAME(SIZE32), NAME(SIZE64), NAME(GOTPC32_TLSDESC),
	NAME(TLSDESC_CALL), NAME(TLSDESC), NAME(IRELATIVE),
	NAME(RELATIVE64), NAME(GOTPCRELX), NAME(REX_GOTPCRELX),
};

enum x86_reloc_kind x86_reloc_kind(unsigned int type)
{
	switch (type) {
	case R_X86_64_NONE:
		return X86_RELOC_NONE;
	case R_X86_64_64:
	case R_X86_64_32:
	case R_X86_64_32S:
	case R_X86_64_16:
	case R_X86_64_8:
		return X86_RELOC_ABSOLUTE;
	/* PLT32 is a rel32 too: its target (symbol or PLT) stays put. */
	case R_X86_64_PC32:
	case R_X86_64_PLT32:
		return X86_RELOC_PC32;
	default:
		return X86_RELOC_OTHER;
	}
}

const char *x86_reloc_name(unsigned int type, char *buf, unsigned int size)
{
	if (type < sizeof(reloc_names) / sizeof(reloc_names[0]) &&
	    reloc_names[type])
		return reloc_names[type];
	snprintf(buf, size, "type %u", type);
	return buf;
}
