// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's stacks, for the unwinder: this CPU's kernel stack and its
 * IST stacks (arch/x86/cpu_tables.c, smp.c). An exception taken on an
 * IST stack unwinds through its frame back onto the interrupted stack.
 */
#include <stdbool.h>
#include <stdint.h>
#include <asm/page.h>
#include <asm/percpu.h>
#include <pvpatch/unwind.h>

extern char __text_start[], __text_end[];

static bool inside(uintptr_t sp, uintptr_t lo, uintptr_t hi,
		   struct unwind_stack *stack)
{
	if (!lo || sp < lo || sp > hi)
		return false;
	*stack = (struct unwind_stack){ .lo = lo, .hi = hi };
	return true;
}

bool unwind_find_stack(uintptr_t sp, struct unwind_stack *stack)
{
	const struct cpu *c = this_cpu();

	if (inside(sp, c->stack_bottom, c->stack_top, stack))
		return true;
	for (unsigned int i = 1; i <= IST_COUNT; i++) {
		uintptr_t top = c->ist_stack_top[i];

		if (top && inside(sp, top - PAGE_SIZE, top, stack))
			return true;
	}
	return false;
}

void unwind_text_bounds(uintptr_t *start, uintptr_t *end)
{
	*start = (uintptr_t)__text_start;
	*end = (uintptr_t)__text_end;
}
