/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVPATCH_LINUX_STEP_H
#define PVPATCH_LINUX_STEP_H

#include <kunit/test.h>
#include <linux/linkage.h>
#include "trace.h"

#define STEP_MAX	2048

/*
 * A single-step session: the test's task runs one function with EFLAGS.TF
 * set, and the #DB notifier records an ORC unwind at every instruction
 * boundary. step_check() then judges each recorded trace against the
 * addresses the stepping runner knows: where its call returns (ret_in_runner)
 * and where the runner itself returns in the test case (ret_in_case).
 */
struct step_session {
	struct task_struct *task;
	struct trace *traces;		/* STEP_MAX entries */
	unsigned int count;		/* steps seen, even past STEP_MAX */
	unsigned long ret_in_runner;	/* after the call of the target */
	unsigned long runner_end;	/* after the popf that clears TF */
	unsigned long ret_in_case;	/* the runner's own return address */
};

struct step_totals {
	unsigned int steps, bad, in_target, in_callees;
};

/*
 * The #DB notifier is armed per suite (suite_init/suite_exit): a module's
 * KUnit suites run while the module is still coming up, before its
 * module_init, so the module's init is too late.
 */
int step_suite_init(struct kunit_suite *suite);
void step_suite_exit(struct kunit_suite *suite);

/* Allocates the session and its trace buffer; KUnit frees both. */
struct step_session *step_session_new(struct kunit *test);
void step_session_begin(struct step_session *s);
void step_session_end(struct step_session *s);

/*
 * Judges every trace: each must be reliable; a step in the runner must
 * unwind straight to the case, and a step in the target or anything it
 * calls must pass through ret_in_runner and then ret_in_case. Reports each
 * bad trace (up to a few) with the instruction and the trace.
 */
void step_check(struct kunit *test, struct step_session *s, struct step_totals *totals);
/* Why one trace is bad, or NULL: the rule step_check() applies. */
const char *step_verdict(const struct step_session *s, const struct trace *t);

/*
 * DEFINE_STEPPED(fn): step_<fn>(s) calls fn() with TF set. The call is in
 * asm so the return address after it is a known label; TF is set and
 * cleared with pushf/popf around it (POPF setting TF traps only after the
 * next instruction, the call: SDM vol. 3, 18.3.1.4), so every trap lands
 * in fn, in its callees, or on the way back out.
 */
#define DEFINE_STEPPED(fn)							\
static noinline void step_##fn(struct step_session *s)			\
{										\
	unsigned long ret, end;							\
										\
	s->ret_in_case = (unsigned long)__builtin_return_address(0);		\
	step_session_begin(s);							\
	asm volatile("lea 1f(%%rip), %[ret]\n\t"				\
		     "lea 2f(%%rip), %[end]\n\t"				\
		     "pushfq\n\t"						\
		     "orq $0x100, (%%rsp)\n\t"					\
		     "popfq\n\t"						\
		     "call " #fn "\n"						\
		     "1:\n\t"							\
		     "pushfq\n\t"						\
		     "andq $-0x101, (%%rsp)\n\t"				\
		     "popfq\n"							\
		     "2:"							\
		     : [ret] "=&r"(ret), [end] "=&r"(end), ASM_CALL_CONSTRAINT	\
		     :								\
		     : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10",	\
		       "r11", "memory", "cc");					\
	step_session_end(s);							\
	s->ret_in_runner = ret;							\
	s->runner_end = end;							\
}

#endif
