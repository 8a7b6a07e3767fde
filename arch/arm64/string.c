// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's memcpy() and memset() on arm64: byte loops, which stay
 * correct with the MMU off, where every access is Device memory and an
 * unaligned wider one would fault. GCC must not turn the loops back into
 * calls to these very functions.
 */
#include <string.h>

#define NOT_A_CALL_TO_ITSELF __attribute__((optimize("no-tree-loop-distribute-patterns")))

NOT_A_CALL_TO_ITSELF void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	for (size_t i = 0; i < n; i++)
		d[i] = s[i];
	return dst;
}

NOT_A_CALL_TO_ITSELF void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	for (size_t i = 0; i < n; i++)
		d[i] = (unsigned char)c;
	return dst;
}
