/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Alternatives in a relocatable object: every arm of a site (the
 * original and each replacement) is checked and its stack state
 * computed at each of its instruction boundaries; the site's ORC is the
 * union. Arms that disagree at one offset are a "stack layout conflict".
 */
#ifndef OBJTOOL_ALT_UNION_H
#define OBJTOOL_ALT_UNION_H

#include "cfg.h"

#define ALT_ENTRY_SIZE	15

struct alt_group_entry {
	uint64_t entry;		/* offset in its table section */
	size_t repl_shndx;
	uint64_t repl;
	uint16_t feature, flags;
	uint8_t sitelen, oldlen, repllen;
};

struct alt_site {
	size_t shndx;
	uint64_t site;
	unsigned int nr_arms;	/* replacements */
	struct alt_group_entry arms[8];
};

/* Calls @fn for every site (entries grouped by site). -1 on a table
 * that cannot be read. */
int alt_for_each_site(struct cfg *cfg,
		      int (*fn)(struct cfg *cfg, const struct alt_site *site, void *arg),
		      void *arg);

/* Checks every site and writes the union into the code slots (after
 * cfg_walk()). Errors are counted in cfg->errors. */
int alt_union(struct cfg *cfg);

#endif
