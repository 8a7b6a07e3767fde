/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a static call site looks like on each architecture objtool reads:
 * which relocations against a trampoline __SCT__name can be a call to
 * it, how to tell a call or tail call from a reference that takes the
 * trampoline's address, and which relocation type the static_call_sites
 * entries use. static_call_sites.c does the rest the same way for all.
 */
#ifndef OBJTOOL_STATIC_CALL_ARCH_H
#define OBJTOOL_STATIC_CALL_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gelf.h>

enum site_kind {
	SITE_CALL,
	SITE_TAIL,		/* a jump: the call's return is the caller's */
	SITE_ADDRESS,		/* takes the trampoline's address: not a site */
	SITE_REFUSED,		/* a branch objtool cannot patch: warned */
};

struct static_call_arch {
	unsigned int machine;		/* e_machine */
	unsigned int entry_reloc;	/* 32-bit PC-relative, for table entries */
	/* Relocation types that may mark a reference to a trampoline. */
	bool (*is_reference)(unsigned int type);
	/*
	 * The reference at @rela in @text (@size bytes, the relocation's
	 * field inside them): its kind, and where the site's instruction
	 * starts. -1 (and a message naming @path) for a relocation whose
	 * field lies outside the section.
	 */
	int (*classify)(const char *path, const uint8_t *text, size_t size,
			const GElf_Rela *rela, enum site_kind *kind,
			uint64_t *site_offset);
	const char *site_shape;		/* for warnings: "a 5-byte call or jmp" */
	const char *call_name, *tail_name;	/* the two site instructions */
	/* Set up the decoder, if any: 0, or -1 after a message naming @path. */
	int (*init)(const char *path);
};

extern const struct static_call_arch static_call_x86_64;
extern const struct static_call_arch static_call_arm64;

/* The arch of an object's e_machine, or NULL. */
const struct static_call_arch *static_call_arch_of(unsigned int machine);

#endif
