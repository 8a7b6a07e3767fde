/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64 relocation types as objtool sees them in a linked image.
 */
#ifndef OBJTOOL_X86_RELOC_H
#define OBJTOOL_X86_RELOC_H

#include <stdbool.h>

enum x86_reloc_kind {
	X86_RELOC_NONE,		/* no field at all (R_X86_64_NONE) */
	X86_RELOC_ABSOLUTE,	/* an address: right wherever the code runs */
	X86_RELOC_PC32,		/* a rel32 field: wrong once the code moves */
	X86_RELOC_OTHER,	/* anything objtool cannot adjust */
};

enum x86_reloc_kind x86_reloc_kind(unsigned int type);

/* "R_X86_64_PC8", or "type 57" for a number objtool has no name for. */
const char *x86_reloc_name(unsigned int type, char *buf, unsigned int size);

#endif
