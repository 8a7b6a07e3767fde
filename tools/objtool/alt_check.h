/* SPDX-License-Identifier: GPL-2.0 */
#ifndef OBJTOOL_ALT_CHECK_H
#define OBJTOOL_ALT_CHECK_H

#include "elf_region.h"

/*
 * Validate every entry of the alternatives tables (alt_instructions and
 * alt_instructions_test): a replacement that does not fit its site, an
 * original longer than its site, unknown flags, or a replacement outside
 * @repl are errors naming the function and offset of the site.
 */
int alt_check_tables(struct elf_file *ef, const struct elf_region *repl);

#endif
