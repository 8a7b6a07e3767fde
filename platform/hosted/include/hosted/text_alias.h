/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HOSTED_TEXT_ALIAS_H
#define HOSTED_TEXT_ALIAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Put the executable's text on a memfd, mapped read+execute where it
 * was and read+write elsewhere (the alias arch_text_write() uses).
 * Call once from main(), before any other thread starts and before any
 * text is patched. Panics with the reason if it cannot.
 */
void text_alias_init(void);

/* Where the text and its alias are, for tests; false before init. */
struct text_alias_info {
	uintptr_t start;	/* page-aligned, executable mapping */
	size_t size;
	void *alias;		/* writable mapping of the same pages */
};
bool text_alias_get(struct text_alias_info *info);

#endif
