// SPDX-License-Identifier: GPL-2.0
/*
 * The unwinder on known call chains: the frame-pointer walk (always),
 * and ORC through plain calls, exception frames (#UD, #BP taken in the
 * chain, unwound from inside the handler), static calls (inline site
 * and trampoline) and a tail call, whose caller must vanish from the
 * trace. ORC cases SKIP when the image has no ORC tables.
 */
#include <stdint.h>
#include <string.h>
#include <asm/page.h>
#include <asm/percpu.h>
#include <asm/segment.h>
#include <asm/traps.h>
#include <pvpatch/static_call.h>
#include "test_unwind.h"

#define TRACE_MAX	48

struct saved_trace {
	unsigned long entries[TRACE_MAX];
	unsigned int n;
	bool reliable;
	enum unwind_result why;
	uintptr_t ret;		/* the saving function's return address */
	unsigned long fp[TRACE_MAX];	/* the frame-pointer walk, from here too */
	unsigned int nfp;
};

static struct saved_trace saved;

/* Save the trace here; entries[0] is a return address into us. */
static __noinline void save_trace_here(void)
{
	saved.ret = (uintptr_t)__builtin_return_address(0);
	saved.n = stack_trace_save(saved.entries, TRACE_MAX, 0, &saved.reliable,
				   &saved.why);
	saved.nfp = stack_trace_save_fp(saved.fp, TRACE_MAX, 0);
	barrier();
}

static void expect_chain_at(struct kunit *test, const struct unwind_chain *chain,
			    const struct saved_trace *t, unsigned int at,
			    const char *what)
{
	int found = unwind_chain_find(chain, t->entries, t->n, 0);

	if (found != (int)at || !t->reliable)
		unwind_print_trace(what, t->entries, t->n, t->reliable, t->why);
	KUNIT_EXPECT_EQ_MSG(test, found, (int)at, "%s: chain not where expected", what);
	KUNIT_EXPECT_TRUE_MSG(test, t->reliable, "%s", what);
}

/* ------------------------------------------------------------ plain calls */

static void body_fp(struct unwind_chain *chain)
{
	struct saved_trace *t = chain->arg;

	CHAIN_BODY_ENTER(chain);
	t->n = stack_trace_save_fp(t->entries, TRACE_MAX, 0);
	barrier();
}

static void fp_walker_follows_the_chain(struct kunit *test)
{
	static struct saved_trace t;
	struct unwind_chain chain = { .body = body_fp, .arg = &t };

	unwind_chain_run(&chain);
	/* entries[0] is in the body (stack_trace_save_fp's caller). */
	KUNIT_EXPECT_EQ(test, unwind_chain_find(&chain, t.entries, t.n, 0), 1);
}

static void body_orc(struct unwind_chain *chain)
{
	CHAIN_BODY_ENTER(chain);
	save_trace_here();
	barrier();
}

static void orc_trace_is_the_chain(struct kunit *test)
{
	struct unwind_chain chain = { .body = body_orc };

	SKIP_WITHOUT_ORC(test);
	unwind_chain_run(&chain);
	KUNIT_EXPECT_EQ(test, saved.entries[1], saved.ret);
	expect_chain_at(test, &chain, &saved, 2, "plain calls");
	/* At call sites the frame pointers agree with ORC (entries[0]
	 * differ: two call sites in save_trace_here()). */
	KUNIT_ASSERT_GE(test, saved.nfp, 5U);
	KUNIT_EXPECT_TRUE(test, !memcmp(saved.fp + 1, saved.entries + 1,
					4 * sizeof(saved.fp[0])));
}

/* -------------------------------------------------------- exception frames */

static struct unwind_chain *volatile trap_chain;
static uintptr_t trap_rip, trap_hook_sp;

/* Runs in dispatch_trap(): unwinds through the exception frame. */
static bool trap_hook(struct pt_regs *regs)
{
	if (!trap_chain)
		return false;
	trap_rip = regs->rip;
	trap_hook_sp = (uintptr_t)__builtin_frame_address(0);
	save_trace_here();
	if (regs->vector == VECTOR_UD) {
		if (*(const uint16_t *)regs->rip != 0x0b0f)	/* ud2 */
			return false;
		regs->rip += 2;
	}
	trap_chain = NULL;
	return true;
}

static void body_ud(struct unwind_chain *chain)
{
	CHAIN_BODY_ENTER(chain);
	trap_chain = chain;
	__asm__ __volatile__("ud2" ::: "memory");
	barrier();
}

/*
 * objtool takes an int3 for a dead end (padding), so the instruction
 * after a lone int3 has no ORC state. Here a branch that is never taken
 * also reaches it: the #BP's return address is a real instruction
 * boundary, as it is for a breakpoint placed on running code.
 */
static volatile uint8_t never;

static void body_bp(struct unwind_chain *chain)
{
	CHAIN_BODY_ENTER(chain);
	trap_chain = chain;
	__asm__ __volatile__("cmpb $0, %0\n\t"
			     "jne 1f\n\t"
			     "int3\n"
			     "1:" : : "m"(never) : "memory", "cc");
	barrier();
}

/* Through the NMI gate: the handler runs on the NMI's IST stack. */
static void body_int2(struct unwind_chain *chain)
{
	CHAIN_BODY_ENTER(chain);
	trap_chain = chain;
	__asm__ __volatile__("int $2" ::: "memory");
	barrier();
}

static void expect_through_exception(struct kunit *test, unsigned int vector,
				     void (*body)(struct unwind_chain *chain),
				     const char *what)
{
	struct unwind_chain chain = { .body = body };
	int at = -1;

	set_trap_hook(vector, trap_hook);
	memset(&saved, 0, sizeof(saved));
	unwind_chain_run(&chain);
	set_trap_hook(vector, NULL);
	KUNIT_ASSERT_PTR_EQ(test, trap_chain, NULL);
	/* Somewhere after the handler's frames: the faulting ip, exactly. */
	for (unsigned int i = 1; i < saved.n; i++) {
		if (saved.entries[i] == trap_rip) {
			at = (int)i;
			break;
		}
	}
	if (at < 0)
		unwind_print_trace(what, saved.entries, saved.n, saved.reliable,
				   saved.why);
	KUNIT_ASSERT_GT_MSG(test, at, 0, "%s: trapping ip 0x%lx not in the trace",
			    what, trap_rip);
	expect_chain_at(test, &chain, &saved, (unsigned int)at + 1, what);
}

static void invalid_opcode_frame_unwinds(struct kunit *test)
{
	SKIP_WITHOUT_ORC(test);
	expect_through_exception(test, VECTOR_UD, body_ud, "#UD");
}

static void breakpoint_frame_unwinds(struct kunit *test)
{
	SKIP_WITHOUT_ORC(test);
	expect_through_exception(test, VECTOR_BP, body_bp, "#BP");
}

/* ------------------------------------------------------------ static calls */

static void sc_target(struct unwind_chain *chain)
{
	save_trace_here();
	chain->arg = __builtin_return_address(0);
	barrier();
}
DEFINE_STATIC_CALL(unwind_sc_key, sc_target);

static void body_static_call(struct unwind_chain *chain)
{
	CHAIN_BODY_ENTER(chain);
	static_call(unwind_sc_key)(chain);
	barrier();
}

static void body_trampoline(struct unwind_chain *chain)
{
	CHAIN_BODY_ENTER(chain);
	__asm__ __volatile__("call " STATIC_CALL_TRAMP_STR(unwind_sc_key)
			     : "+D"(chain) : : "rax", "rcx", "rdx", "rsi", "r8",
			       "r9", "r10", "r11", "memory", "cc");
	barrier();
}

static void static_call_targets_unwind(struct kunit *test)
{
	struct unwind_chain site = { .body = body_static_call };
	struct unwind_chain tramp = { .body = body_trampoline };

	SKIP_WITHOUT_ORC(test);
	unwind_chain_run(&site);
	/* [in save_trace_here, in the target, target's return into the
	 * body, chain...] */
	KUNIT_EXPECT_EQ(test, saved.entries[1], saved.ret);
	KUNIT_EXPECT_EQ(test, saved.entries[2], (unsigned long)site.arg);
	expect_chain_at(test, &site, &saved, 3, "static call site");
	unwind_chain_run(&tramp);
	/* The trampoline jumped: no frame of its own. */
	KUNIT_EXPECT_EQ(test, saved.entries[2], (unsigned long)tramp.arg);
	expect_chain_at(test, &tramp, &saved, 3, "static call trampoline");
}

/* --------------------------------------------------------------- tail call */

void unwind_tail_c(struct unwind_chain *chain);
void unwind_tail_b(struct unwind_chain *chain);
extern const uint8_t unwind_tail_b_end[];

__noinline void unwind_tail_c(struct unwind_chain *chain)
{
	chain->arg = __builtin_return_address(0);
	save_trace_here();
	barrier();
}

/* A frame, torn down, then a jump: the compiler may not keep the call. */
__asm__(".pushsection .text\n\t"
	".globl unwind_tail_b\n\t"
	".type unwind_tail_b, @function\n"
	"unwind_tail_b:\n\t"
	"push %rbp\n\t"
	"mov %rsp, %rbp\n\t"
	"pop %rbp\n\t"
	"jmp unwind_tail_c\n"
	"unwind_tail_b_end:\n\t"
	".size unwind_tail_b, . - unwind_tail_b\n\t"
	".popsection");

static void body_tail_call(struct unwind_chain *chain)
{
	CHAIN_BODY_ENTER(chain);
	unwind_tail_b(chain);
	barrier();
}

static void tail_call_leaves_no_frame(struct kunit *test)
{
	struct unwind_chain chain = { .body = body_tail_call };
	uintptr_t ret_of_c;

	SKIP_WITHOUT_ORC(test);
	unwind_chain_run(&chain);
	ret_of_c = (uintptr_t)chain.arg;
	/* tail_c returns straight into the body, not into tail_b. */
	KUNIT_EXPECT_FALSE(test, ret_of_c >= (uintptr_t)unwind_tail_b &&
			   ret_of_c <= (uintptr_t)unwind_tail_b_end);
	KUNIT_EXPECT_EQ(test, saved.entries[1], saved.ret);
	KUNIT_EXPECT_EQ(test, saved.entries[2], ret_of_c);
	expect_chain_at(test, &chain, &saved, 3, "tail call");
}

/* From the IST stack back onto the interrupted one. */
static void ist_frame_unwinds_to_the_interrupted_stack(struct kunit *test)
{
	uintptr_t ist_top = this_cpu()->ist_stack_top[IST_NMI];

	SKIP_WITHOUT_ORC(test);
	/*
	 * A PV kernel has neither an IDT nor IST stacks: vector 2 is Xen's
	 * (a PV NMI would come through CALLBACKTYPE_nmi, on the kernel
	 * stack), the trap table cannot name it, and Xen 4.17 bounces the
	 * ring-3 kernel's int $2 into the guest's vector 4 entry.
	 */
	if (cpu_feature_enabled(X86_FEATURE_XENPV))
		kunit_skip(test, "Xen PV: no NMI gate or IST stack of our own (vector 2 is Xen's; int $2 arrives as vector 4)");
	expect_through_exception(test, VECTOR_NMI, body_int2, "NMI gate (IST)");
	KUNIT_EXPECT_TRUE_MSG(test, trap_hook_sp < ist_top &&
			      trap_hook_sp >= ist_top - PAGE_SIZE,
			      "the hook ran at 0x%lx, not on the IST stack below 0x%lx",
			      trap_hook_sp, ist_top);
}

static struct kunit_case unwind_cases[] = {
	KUNIT_CASE(fp_walker_follows_the_chain),
	KUNIT_CASE(orc_trace_is_the_chain),
	KUNIT_CASE(invalid_opcode_frame_unwinds),
	KUNIT_CASE(breakpoint_frame_unwinds),
	KUNIT_CASE(ist_frame_unwinds_to_the_interrupted_stack),
	KUNIT_CASE(static_call_targets_unwind),
	KUNIT_CASE(tail_call_leaves_no_frame),
	{}
};

static struct kunit_suite unwind_suite = {
	.name = "unwind",
	.test_cases = unwind_cases,
};
kunit_test_suite(unwind_suite);
