/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HOSTED_INT3_H
#define HOSTED_INT3_H

/*
 * SIGTRAP stands in for the #BP exception: install the handler that
 * lets text_poke_bp's int3s be emulated. Call once from main(), before
 * the first patch: a thread that meets an int3 with no handler dies.
 */
void int3_handler_init(void);

/* What the handler saw, for tests and the stress figures. */
struct int3_stats {
	unsigned long emulated;	/* a batch's new instruction was emulated */
	unsigned long late;	/* the batch had finished: re-executed */
	unsigned long foreign;	/* not ours: handed back to SIG_DFL */
};
void int3_stats_read(struct int3_stats *stats);

#endif
