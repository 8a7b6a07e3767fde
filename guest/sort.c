// SPDX-License-Identifier: GPL-2.0
#include <stdint.h>
#include <pvpatch/sort.h>

static void swap_bytes(void *a, void *b, size_t size)
{
	uint8_t *x = a, *y = b;

	for (size_t i = 0; i < size; i++) {
		uint8_t t = x[i];

		x[i] = y[i];
		y[i] = t;
	}
}

static void sift_down(uint8_t *base, size_t root, size_t count, size_t size,
		      int (*compare)(const void *, const void *),
		      void (*swap)(void *, void *, size_t))
{
	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= count)
			return;
		if (child + 1 < count &&
		    compare(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (compare(base + root * size, base + child * size) >= 0)
			return;
		swap(base + root * size, base + child * size, size);
		root = child;
	}
}

void sort(void *base, size_t count, size_t size,
	  int (*compare)(const void *a, const void *b),
	  void (*swap)(void *a, void *b, size_t size))
{
	uint8_t *bytes = base;

	if (!swap)
		swap = swap_bytes;
	for (size_t i = count / 2; i-- > 0;)
		sift_down(bytes, i, count, size, compare, swap);
	for (size_t end = count; end-- > 1;) {
		swap(bytes, bytes + end * size, size);
		sift_down(bytes, 0, end, size, compare, swap);
	}
}
