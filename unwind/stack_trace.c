// SPDX-License-Identifier: GPL-2.0
/*
 * The stack trace API over the image's own ORC table. The tables come
 * from objtool through the link (__start/__stop symbols, weak so that an
 * image without them still links and says so). The block index is
 * built once, at boot (guest) or at first use (hosted).
 */
#include <stdbool.h>
#include <stdint.h>
#include <asm/traps.h>
#include <pvpatch/compiler.h>
#include <pvpatch/printk.h>
#include <pvpatch/unwind.h>

extern const int32_t __start_orc_unwind_ip[] __weak;
extern const int32_t __stop_orc_unwind_ip[] __weak;
extern const struct orc_entry __start_orc_unwind[] __weak;
extern const struct orc_entry __stop_orc_unwind[] __weak;

/* 1 MiB of text at 256-byte blocks with granules (80 KiB), coarser beyond. */
#define KERNEL_INDEX_SLOTS	ORC_INDEX_SLOTS(1UL << 20)

enum table_state { TABLE_UNBUILT, TABLE_BUILDING, TABLE_READY, TABLE_ABSENT };

static uint32_t kernel_index[KERNEL_INDEX_SLOTS];
static struct orc_table kernel_table;
static int kernel_table_state;

size_t orc_kernel_entries(void)
{
	size_t ips = (size_t)(__stop_orc_unwind_ip - __start_orc_unwind_ip);
	size_t entries = (size_t)(__stop_orc_unwind - __start_orc_unwind);

	if (!__start_orc_unwind_ip || !__start_orc_unwind || ips != entries)
		return 0;
	return ips;
}

void unwind_init(void)
{
	int expected = TABLE_UNBUILT;
	uintptr_t text_start, text_end;
	bool ok;

	if (!__atomic_compare_exchange_n(&kernel_table_state, &expected,
					 TABLE_BUILDING, false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		return;
	unwind_text_bounds(&text_start, &text_end);
	ok = orc_table_init(&kernel_table, __start_orc_unwind_ip,
			    __start_orc_unwind, orc_kernel_entries(), text_start,
			    text_end, kernel_index, KERNEL_INDEX_SLOTS);
	if (!ok && orc_kernel_entries())
		printk("unwind: ORC table of %zu entries rejected: not sorted, or not inside the text\n",
		       orc_kernel_entries());
	/* Publish the table before the state that lets others read it. */
	__atomic_store_n(&kernel_table_state, ok ? TABLE_READY : TABLE_ABSENT,
			 __ATOMIC_RELEASE);
}

/*
 * NULL while another CPU builds the index (only hosted threads can race
 * here: the guest builds it at boot): that trace is simply unreliable.
 */
const struct orc_table *orc_kernel_table(void)
{
	int state = __atomic_load_n(&kernel_table_state, __ATOMIC_ACQUIRE);

	if (state == TABLE_UNBUILT) {
		unwind_init();
		state = __atomic_load_n(&kernel_table_state, __ATOMIC_ACQUIRE);
	}
	return state == TABLE_READY ? &kernel_table : NULL;
}

static void report(const struct unwind_state *s, bool *reliable,
		   enum unwind_result *why)
{
	if (reliable)
		*reliable = unwind_reliable(s);
	if (why)
		*why = s->result;
}

__noinline unsigned int stack_trace_save(unsigned long *entries, unsigned int max,
					 unsigned int skip, bool *reliable,
					 enum unwind_result *why)
{
	struct unwind_state s;
	uintptr_t ip, sp, bp;

	/* Our own state at the lea: ORC is exact at every instruction. */
	__asm__ __volatile__("lea 0(%%rip), %0\n\t"
			     "mov %%rsp, %1\n\t"
			     "mov %%rbp, %2"
			     : "=r"(ip), "=r"(sp), "=r"(bp));
	unwind_start(&s, orc_kernel_table(), NULL, ip, sp, bp);
	/* Our own frame is not part of the trace. */
	unsigned int n = stack_trace_save_state(&s, entries, max, skip + 1);

	report(&s, reliable, why);
	return n;
}

unsigned int stack_trace_save_regs(const struct pt_regs *regs,
				   unsigned long *entries, unsigned int max,
				   unsigned int skip, bool *reliable,
				   enum unwind_result *why)
{
	struct unwind_state s;

	unwind_start_regs(&s, orc_kernel_table(), NULL, regs);
	unsigned int n = stack_trace_save_state(&s, entries, max, skip);

	report(&s, reliable, why);
	return n;
}
