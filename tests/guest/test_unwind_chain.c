// SPDX-License-Identifier: GPL-2.0
/*
 * The known call chain of the unwind suites (test_unwind.h). The calls
 * are followed by a barrier so that none becomes a tail call, which
 * would take its caller's frame out of the chain.
 */
#include <pvpatch/printk.h>
#include "test_unwind.h"

static __noinline void chain_level2(struct unwind_chain *chain)
{
	chain->ret[1] = (uintptr_t)__builtin_return_address(0);
	chain->body(chain);
	barrier();
}

__noinline void unwind_chain_run(struct unwind_chain *chain)
{
	chain->ret[2] = (uintptr_t)__builtin_return_address(0);
	chain_level2(chain);
	barrier();
}

int unwind_chain_find(const struct unwind_chain *chain,
		      const unsigned long *trace, unsigned int n,
		      unsigned int from)
{
	for (unsigned int i = from; i + CHAIN_FRAMES <= n; i++) {
		unsigned int k = 0;

		while (k < CHAIN_FRAMES && trace[i + k] == chain->ret[k])
			k++;
		if (k == CHAIN_FRAMES)
			return (int)i;
	}
	return -1;
}

void unwind_print_trace(const char *what, const unsigned long *trace,
			unsigned int n, bool reliable, enum unwind_result why)
{
	printk("%s: %u frames, %s (%s)\n", what, n,
	       reliable ? "reliable" : "unreliable", unwind_result_name(why));
	for (unsigned int i = 0; i < n; i++)
		printk("  #%u 0x%016lx\n", i, trace[i]);
}
