/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Recording plain C static call sites: every call/jmp to a __SCT__*
 * trampoline in a relocatable object becomes an entry of its
 * static_call_sites table (struct static_call_site of
 * include/pvpatch/static_call.h), as if it had been written with
 * STATIC_CALL_SITE() in asm, so the guest patches it inline at boot.
 */
#ifndef OBJTOOL_STATIC_CALL_SITES_H
#define OBJTOOL_STATIC_CALL_SITES_H

#include "elf_file.h"

#define STATIC_CALLS_VERBOSE	1	/* print each site to stdout */
#define STATIC_CALLS_DRY_RUN	2	/* scan and check, change nothing */

struct static_call_counts {
	size_t recorded;	/* entries this run appended */
	size_t already;		/* sites asm had recorded */
	size_t refused;		/* references that are not a call or jmp */
};

/*
 * Scans @ef (a relocatable object; opened writable unless DRY_RUN) and
 * appends an entry with its two relocations for each site not yet in
 * the table. The caller writes the object with elf_file_update() when
 * @counts->recorded is non-zero. 0, or -1 after an error message.
 */
int static_call_sites_record(struct elf_file *ef, unsigned int flags,
			     struct static_call_counts *counts);

#endif
