// SPDX-License-Identifier: GPL-2.0
/*
 * The hosted build's stacks and text, for the unwinder: the calling
 * thread's stack (as pthreads reports it, cached per thread) and the
 * executable's text as the linker bounds it.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <pvpatch/unwind.h>

/* Defined by GNU ld's default linker script. */
extern char __executable_start[], etext[];

static __thread struct unwind_stack thread_stack;

static bool this_thread_stack(struct unwind_stack *stack)
{
	pthread_attr_t attr;
	void *addr;
	size_t size;

	if (thread_stack.hi) {
		*stack = thread_stack;
		return true;
	}
	if (pthread_getattr_np(pthread_self(), &attr))
		return false;
	if (pthread_attr_getstack(&attr, &addr, &size)) {
		pthread_attr_destroy(&attr);
		return false;
	}
	pthread_attr_destroy(&attr);
	thread_stack = (struct unwind_stack){
		.lo = (uintptr_t)addr, .hi = (uintptr_t)addr + size,
	};
	*stack = thread_stack;
	return true;
}

bool unwind_find_stack(uintptr_t sp, struct unwind_stack *stack)
{
	struct unwind_stack s;

	if (!this_thread_stack(&s) || sp < s.lo || sp > s.hi)
		return false;
	*stack = s;
	return true;
}

void unwind_text_bounds(uintptr_t *start, uintptr_t *end)
{
	*start = (uintptr_t)__executable_start;
	*end = (uintptr_t)etext;
}
