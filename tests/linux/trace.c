// SPDX-License-Identifier: GPL-2.0
#include <linux/kallsyms.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <asm/unwind.h>
#include "trace.h"

void trace_from_regs(struct pt_regs *regs, struct trace *t)
{
	struct unwind_state state;

	t->sp = regs->sp;
	t->depth = 0;
	t->truncated = false;
	t->through_regs = false;
	t->addr[t->depth++] = regs->ip;
	/* unwind_start() with regs steps past the regs frame itself: the
	 * first frame it yields is the trapped function's caller. */
	for (unwind_start(&state, current, regs, NULL); !unwind_done(&state);
	     unwind_next_frame(&state)) {
		unsigned long addr = unwind_get_return_address(&state);
		struct pt_regs *entry = unwind_get_entry_regs(&state, NULL);

		if (entry && entry != regs && !user_mode(entry))
			t->through_regs = true;
		if (!addr)
			break;
		if (t->depth == TRACE_DEPTH) {
			t->truncated = true;
			continue;
		}
		t->addr[t->depth++] = addr;
	}
	t->done = unwind_done(&state);
	t->error = unwind_error(&state);
}

int trace_find(const struct trace *t, unsigned long addr)
{
	for (int i = 1; i < t->depth; i++)
		if (t->addr[i] == addr)
			return i;
	return -1;
}

void trace_format(const struct trace *t, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < t->depth && used + 1 < size; i++) {
		char sym[KSYM_SYMBOL_LEN];

		sprint_symbol(sym, t->addr[i]);
		used += scnprintf(buf + used, size - used, "%s%s", i ? " <- " : "", sym);
	}
	if (t->truncated)
		scnprintf(buf + used, size - used, " <- ...");
}
