/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVPATCH_GLOB_H
#define PVPATCH_GLOB_H

#include <stdbool.h>

/* Shell-style match: '*' any run, '?' one character, '[a-z]' a set. */
bool glob_match(const char *pattern, const char *text);

#endif
