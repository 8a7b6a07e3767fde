// SPDX-License-Identifier: GPL-2.0
/*
 * The frame-pointer walk: [bp] is the caller's bp, [bp + 8] the return
 * address. Kept only to compare with ORC in tests and benchmarks: it
 * loses a frame wherever a function is interrupted before "mov %rsp,
 * %rbp" or after "pop %rbp", and it cannot cross an interrupt frame.
 */
#include <stdint.h>
#include <pvpatch/compiler.h>
#include <pvpatch/unwind.h>

unsigned int unwind_fp(uintptr_t ip, uintptr_t bp, unwind_find_stack_fn find_stack,
		       unsigned long *entries, unsigned int max)
{
	struct unwind_stack stack;
	unsigned int n = 0;

	if (!find_stack)
		find_stack = unwind_find_stack;
	if (max)
		entries[n++] = ip;
	if (!find_stack(bp, &stack))
		return n;
	while (n < max && !(bp & 7) && bp >= stack.lo && bp + 16 <= stack.hi) {
		const uint64_t *frame = (const uint64_t *)bp;

		if (!frame[1])
			break;
		entries[n++] = frame[1];
		if (frame[0] <= bp)	/* callers are above */
			break;
		bp = frame[0];
	}
	return n;
}

__noinline unsigned int stack_trace_save_fp(unsigned long *entries,
					    unsigned int max, unsigned int skip)
{
	unsigned long all[UNWIND_MAX_DEPTH];
	const uint64_t *frame = __builtin_frame_address(0);
	/* Start at our caller, as stack_trace_save() does. */
	unsigned int n = unwind_fp((uintptr_t)__builtin_return_address(0),
				   frame[0], NULL, all, UNWIND_MAX_DEPTH);
	unsigned int out = 0;

	for (unsigned int i = skip; i < n && out < max; i++)
		entries[out++] = all[i];
	return out;
}
