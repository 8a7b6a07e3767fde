/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVPATCH_SORT_H
#define PVPATCH_SORT_H

#include <stddef.h>

/*
 * In-place heapsort: O(n log n) worst case, no allocation, no recursion,
 * so it is safe for 100k patch sites on a small guest stack. Not stable.
 * swap may be NULL for a plain byte swap; tables of self-relative
 * offsets pass one that re-bases each field as it moves.
 */
void sort(void *base, size_t count, size_t size,
	  int (*compare)(const void *a, const void *b),
	  void (*swap)(void *a, void *b, size_t size));

#endif
