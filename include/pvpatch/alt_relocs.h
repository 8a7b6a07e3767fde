/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The alternatives relocation table. An alternative's replacement is
 * assembled in its own section and copied over the original site at
 * boot; every PC-relative field in it (call/jmp/jcc rel32, RIP-relative
 * operands) that points outside the replacement must then be adjusted
 * by the distance moved. The assembler leaves exactly those fields as
 * relocations; the image is linked with --emit-relocs and
 * `objtool alt-relocs` copies them into this table, which the image
 * reserves in advance (ALT_RELOCS_RESERVE). No decoder runs in the guest.
 *
 * Shared by the engine (alternatives/) and tools/objtool: plain C types.
 */
#ifndef PVPATCH_ALT_RELOCS_H
#define PVPATCH_ALT_RELOCS_H

#include <stdint.h>

#define ALT_RELOCS_SECTION	"alt_relocs"
#define ALT_RELOCS_MAGIC	0x52544c41	/* "ALTR" (no suffix: also read by the assembler) */
#define ALT_RELOCS_CAPACITY	4096

struct alt_relocs_header {
	uint32_t magic;
	uint32_t capacity;	/* entries reserved */
	uint32_t count;		/* entries filled by objtool */
	uint32_t filled;	/* 1 once objtool has run */
};

struct alt_reloc {
	int32_t field;		/* field address - &this->field */
	uint8_t size;		/* bytes: 4 (rel32); 1 is rejected by objtool */
	uint8_t reserved[3];
};

#endif
