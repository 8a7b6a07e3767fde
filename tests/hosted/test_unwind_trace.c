// SPDX-License-Identifier: GPL-2.0
/*
 * stack_trace_save() on the hosted executable's own ORC tables: a known
 * chain of calls is found frame by frame, on the main thread and on
 * the threads standing in for CPUs, and the walk stops, unreliable, at
 * the first frame that is not ours (libc's, which objtool never saw).
 */
#include <stdint.h>
#include <string.h>
#include <pvpatch/compiler.h>
#include <pvpatch/ktest.h>
#include <pvpatch/smp.h>
#include <pvpatch/unwind.h>

#define TRACE_MAX	64
#define MAX_THREADS	64

struct hosted_trace {
	unsigned long entries[TRACE_MAX];
	unsigned int n;
	bool reliable;
	enum unwind_result why;
	uintptr_t ret_inner, ret_outer;
	unsigned long fp[TRACE_MAX];
	unsigned int nfp;
};

static __noinline void trace_inner(struct hosted_trace *t)
{
	t->ret_inner = (uintptr_t)__builtin_return_address(0);
	t->n = stack_trace_save(t->entries, TRACE_MAX, 0, &t->reliable, &t->why);
	t->nfp = stack_trace_save_fp(t->fp, TRACE_MAX, 0);
	barrier();
}

static __noinline void trace_outer(struct hosted_trace *t)
{
	t->ret_outer = (uintptr_t)__builtin_return_address(0);
	trace_inner(t);
	barrier();
}

static void expect_known_chain(struct kunit *test, const struct hosted_trace *t)
{
	KUNIT_ASSERT_GE(test, t->n, 3U);
	KUNIT_EXPECT_EQ(test, t->entries[1], t->ret_inner);
	KUNIT_EXPECT_EQ(test, t->entries[2], t->ret_outer);
	/* Both walks agree at these call sites (entries[0] differ: two call
	 * sites in trace_inner). */
	KUNIT_ASSERT_GE(test, t->nfp, 3U);
	KUNIT_EXPECT_EQ(test, t->fp[1], t->entries[1]);
	KUNIT_EXPECT_EQ(test, t->fp[2], t->entries[2]);
	/* libc's frames have no ORC: an honest end, not a guess. */
	KUNIT_EXPECT_FALSE(test, t->reliable);
	KUNIT_EXPECT_TRUE_MSG(test, t->why == UNWIND_NO_ENTRY || t->why == UNWIND_BAD_IP,
			      "ended with: %s", unwind_result_name(t->why));
}

/* SKIP without tables; FAIL if tables were linked but rejected. */
static void need_orc(struct kunit *test)
{
	if (orc_kernel_table())
		return;
	KUNIT_ASSERT_EQ_MSG(test, orc_kernel_entries(), 0UL,
			    "ORC tables linked but rejected");
	kunit_skip(test, "no ORC tables in this executable (objtool orc not run)");
}

static void main_thread_trace_has_the_chain(struct kunit *test)
{
	static struct hosted_trace t;

	need_orc(test);
	trace_outer(&t);
	expect_known_chain(test, &t);
}

static struct hosted_trace thread_traces[MAX_THREADS];

static void trace_on_this_cpu(void *arg)
{
	unsigned int cpu = smp_processor_id();

	if (cpu < MAX_THREADS)
		trace_outer(&thread_traces[cpu]);
}

static void every_thread_traces_its_own_stack(struct kunit *test)
{
	unsigned int n = num_online_cpus();

	need_orc(test);
	memset(thread_traces, 0, sizeof(thread_traces));
	run_on_all_cpus(trace_on_this_cpu, NULL);
	for (unsigned int cpu = 0; cpu < n && cpu < MAX_THREADS; cpu++)
		expect_known_chain(test, &thread_traces[cpu]);
}

static struct kunit_case unwind_trace_cases[] = {
	KUNIT_CASE(main_thread_trace_has_the_chain),
	KUNIT_CASE(every_thread_traces_its_own_stack),
	{}
};

static struct kunit_suite unwind_trace_suite = {
	.name = "unwind_trace",
	.test_cases = unwind_trace_cases,
};
kunit_test_suite(unwind_trace_suite);
