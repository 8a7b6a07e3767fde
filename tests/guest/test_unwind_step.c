// SPDX-License-Identifier: GPL-2.0
/*
 * Single-step (RFLAGS.TF, Intel SDM vol. 3B, 17.3.1.4) through every
 * pvop site and through alternative and static call sites, with each
 * arm live, and through a site while another CPU switches it with
 * text_poke_bp. The pvop sites are the tests' own and the kernel's
 * (asm/irqflags.h): those of on_each_cpu() and its IPIs, and those of
 * the KVM backend's spinlock wait, which halts in safe_halt. At every
 * #DB the ORC unwinder runs from the #DB's pt_regs and the trace must be
 * exactly:
 *
 *   the stepped ip, the return addresses of the calls made since the
 *   body started (followed instruction by instruction: the shadow
 *   stack below), then the chain's known return addresses, reliable.
 */
#include <stdint.h>
#include <string.h>
#include <asm/alternative.h>
#include <asm/cpufeatures.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/hypervisor.h>
#include <pvpatch/printk.h>
#include <pvpatch/pvops.h>
#include <pvpatch/smp.h>
#include <pvpatch/static_call.h>
#include "single_step.h"
#include "test_unwind.h"

#define FLAGS_TF	(1UL << 8)
#define FLAGS_IF	(1UL << 9)
#define SHADOW_MAX	8
#define TRACE_MAX	48

static unsigned long steps_without_bs;

/* One CPU's stepping: active while chain is set. */
struct step_session {
	struct unwind_chain *volatile chain;
	bool check_unwind;		/* false: follow the calls only */
	bool have_prev;
	uintptr_t prev_ip, prev_sp;
	uintptr_t shadow[SHADOW_MAX];	/* return addresses pushed so far */
	unsigned int depth, max_depth;
	unsigned long steps, failures;
	unsigned long kernel_site_steps;	/* at a kernel irq site's start */
	/* Steps in Xen's hypercall page (code Xen writes at run time: no
	 * ORC), where a trace must come out unreliable, not wrong. */
	unsigned long hypercall_steps;
	/* The first failure, printed after the run. */
	unsigned long bad_trace[TRACE_MAX];
	uintptr_t bad_shadow[SHADOW_MAX];
	unsigned int bad_n, bad_depth;
	bool bad_reliable;
	enum unwind_result bad_why;
} __aligned(64);

static struct step_session sessions[CONFIG_NR_CPUS];
static volatile unsigned long step_sink;

/* The pvop site whose bytes hold ip, or NULL. */
static const struct pvop_site *pvop_site_holding(uintptr_t ip)
{
	for (const struct pvop_site *p = __start_pvop_sites; p < __stop_pvop_sites; p++) {
		uintptr_t start = (uintptr_t)pvop_site_addr(p);

		if (ip >= start && ip < start + p->len)
			return p;
	}
	return NULL;
}

/*
 * A call that the text patcher emulated in a pvop site (the #BP handler
 * at the site's int3, or a sync moving a CPU out of the site's old arm)
 * returns to the site's end, which in a Xen PV image's long sites (27
 * bytes) is further than a call instruction's 15. The site may also be
 * one of several back to back, all int3 during a switch: the #BP
 * handler emulates the first, returns with TF set to the next one's
 * int3, which traps before the single-step #DB does (see track_calls()),
 * and so on until the emulated call.
 */
static bool is_emulated_call_return(uintptr_t prev_ip, uint64_t ret)
{
	const struct pvop_site *site = pvop_site_holding(prev_ip);

	while (site) {
		uintptr_t end = (uintptr_t)pvop_site_addr(site) + site->len;

		if (ret == end)
			return true;
		site = pvop_site_holding(end);
		if (site && (uintptr_t)pvop_site_addr(site) != end)
			return false;
	}
	return false;
}

/* Did the step from prev_ip push ret as a call's return address? */
static bool is_return_address(uintptr_t prev_ip, uint64_t ret)
{
	return (ret > prev_ip && ret <= prev_ip + 15) ||
	       is_emulated_call_return(prev_ip, ret);
}

/*
 * Follow calls and returns between two steps: a call left its return
 * address just below the old sp (is_return_address()); a return popped
 * the last one recorded.
 *
 * One step can also be an emulated call plus the callee's first
 * instruction: the #BP handler returns with TF set, and the processor
 * runs the instruction at the new ip before the single-step #DB (Intel
 * SDM vol. 3B, 17.3.1.4). That instruction may push (a thunk's
 * "push %rbp", where the call goes to the thunk, not a trampoline's
 * jmp), so the return address is found at the old sp - 8, below which
 * sp has gone further.
 */
static void track_calls(struct step_session *s, const struct pt_regs *regs)
{
	if (!s->have_prev)
		return;
	const uint64_t *below_old_sp = (const uint64_t *)(s->prev_sp - 8);
	bool called = false;

	if (regs->rsp == s->prev_sp - 8)
		called = is_return_address(s->prev_ip, *below_old_sp);
	else if (regs->rsp < s->prev_sp - 8)
		called = is_emulated_call_return(s->prev_ip, *below_old_sp);
	if (called) {
		if (s->depth == SHADOW_MAX)
			s->failures++;
		else
			s->shadow[s->depth++] = *below_old_sp;
	} else if (regs->rsp == s->prev_sp + 8 && s->depth &&
		   regs->rip == s->shadow[s->depth - 1]) {
		s->depth--;
	}
	if (s->depth > s->max_depth)
		s->max_depth = s->depth;
}

static bool trace_is_expected(const struct step_session *s,
			      const struct pt_regs *regs,
			      const unsigned long *trace, unsigned int n,
			      bool reliable)
{
	const unsigned int chain_at = s->depth + 1;

	if (!reliable || n < chain_at + CHAIN_FRAMES || trace[0] != regs->rip)
		return false;
	for (unsigned int i = 0; i < s->depth; i++) {
		if (trace[1 + i] != s->shadow[s->depth - 1 - i])
			return false;
	}
	return unwind_chain_find(s->chain, trace, chain_at + CHAIN_FRAMES,
				 chain_at) == (int)chain_at;
}

static void check_step(struct step_session *s, const struct pt_regs *regs)
{
	unsigned long trace[TRACE_MAX];
	enum unwind_result why;
	bool reliable;
	unsigned int n = stack_trace_save_regs(regs, trace, TRACE_MAX, 0,
					       &reliable, &why);

	s->steps++;
	if (in_xen_hypercall_page(regs->rip)) {
		s->hypercall_steps++;
		if (!reliable && n >= 1 && trace[0] == regs->rip)
			return;
	} else if (trace_is_expected(s, regs, trace, n, reliable)) {
		return;
	}
	if (!s->failures++) {
		memcpy(s->bad_trace, trace, n * sizeof(trace[0]));
		memcpy(s->bad_shadow, s->shadow, sizeof(s->shadow));
		s->bad_n = n;
		s->bad_depth = s->depth;
		s->bad_reliable = reliable;
		s->bad_why = why;
	}
}

static bool at_kernel_irq_site(uintptr_t ip)
{
	const struct pvop_site *p = pvop_site_holding(ip);

	return p && (uintptr_t)pvop_site_addr(p) == ip && p->origin == PVOP_SITE_KERNEL &&
	       pvop_has_inline_arm(p->op);
}

static bool step_trap(struct pt_regs *regs)
{
	struct step_session *s = &sessions[smp_processor_id()];

	uint64_t dr6 = read_dr6();

	/*
	 * Ours: this CPU is stepping and nothing else (no breakpoint, task
	 * switch or debug-register access) caused it. BS is not required:
	 * as a PVH domU under Xen in QEMU TCG, about one single-step #DB in
	 * 10,000 arrives without it (seen in this count); they are counted.
	 */
	if (!s->chain || (dr6 & DR6_OTHER_CAUSES))
		return false;		/* not ours: stays a fatal #DB */
	if (!(dr6 & DR6_BS))
		__atomic_fetch_add(&steps_without_bs, 1, __ATOMIC_RELAXED);
	write_dr6(DR6_CLEAR);
	track_calls(s, regs);
	s->kernel_site_steps += at_kernel_irq_site(regs->rip);
	if (s->check_unwind)
		check_step(s, regs);
	else
		s->steps++;
	s->prev_ip = regs->rip;
	s->prev_sp = regs->rsp;
	s->have_prev = true;
	return true;
}

#define STEP_BODY(name, ...)						\
	static __noinline void step_##name(struct unwind_chain *chain)	\
	{								\
		CHAIN_BODY_ENTER(chain);				\
		STEP_ON();						\
		__VA_ARGS__;						\
		STEP_OFF();						\
	}

/* Called from an alternative's replacement: saves what it clobbers. */
void unwind_step_alt_callee(void);
__noinline void unwind_step_alt_callee(void)
{
	step_sink++;
}

#define ASM_CALL_CLOBBERS "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", \
	"r10", "r11", "memory", "cc"

static long step_static_target(long x)
{
	return x + 1;
}
DEFINE_STATIC_CALL(unwind_step_key, step_static_target);

/*
 * The KVM backend's wait op (hypervisor/kvm/spinlock.c): kernel code,
 * no hypercall, the kernel's save_fl, irq_disable and then safe_halt or
 * irq_enable sites. Its halt site runs only with interrupts off, which
 * no single step may wait in: that one is not stepped.
 */
void kvm_wait(volatile uint8_t *ptr, uint8_t value);
static volatile uint8_t wait_byte;

STEP_BODY(save_fl, step_sink = pv_save_fl())
STEP_BODY(irq_disable_enable, pv_irq_disable(); pv_irq_enable())
STEP_BODY(safe_halt, pv_irq_disable(); pv_safe_halt())
STEP_BODY(halt, pv_halt())
STEP_BODY(sched_clock, step_sink = pv_sched_clock())
STEP_BODY(steal_clock, step_sink = pv_steal_clock(0))
STEP_BODY(io_delay, pv_io_delay())
STEP_BODY(kernel_on_each_cpu, sync_all_cpus())
STEP_BODY(kernel_wait_halts, kvm_wait(&wait_byte, wait_byte))
STEP_BODY(kernel_wait_returns, kvm_wait(&wait_byte, (uint8_t)(wait_byte + 1)))
STEP_BODY(alt_replacement_live,
	  __asm__ __volatile__(ALTERNATIVE("pushf; pop %%rax",
					   "call unwind_step_alt_callee",
					   X86_FEATURE_ALWAYS)
			       : : : ASM_CALL_CLOBBERS))
STEP_BODY(alt_original_live,
	  __asm__ __volatile__(ALTERNATIVE("pushf; pop %%rax",
					   "call unwind_step_alt_callee",
					   ALT_NOT(X86_FEATURE_ALWAYS))
			       : : : ASM_CALL_CLOBBERS))
STEP_BODY(static_call_trampoline,
	  long x = 1;
	  __asm__ __volatile__("call " STATIC_CALL_TRAMP_STR(unwind_step_key)
			       : "+D"(x) : : "rax", "rcx", "rdx", "rsi", "r8",
				 "r9", "r10", "r11", "memory", "cc");
	  step_sink = x)
STEP_BODY(static_call_site, step_sink = static_call(unwind_step_key)(2))

/* A frame set up, torn down, then a jump: a tail call, whatever the
 * compiler would have done. */
void unwind_step_tail(void);
__asm__(".pushsection .text\n\t"
	".globl unwind_step_tail\n\t"
	".type unwind_step_tail, @function\n"
	"unwind_step_tail:\n\t"
	"push %rbp\n\t"
	"mov %rsp, %rbp\n\t"
	"pop %rbp\n\t"
	"jmp unwind_step_alt_callee\n\t"
	".size unwind_step_tail, . - unwind_step_tail\n\t"
	".popsection");
STEP_BODY(tail_call, __asm__ __volatile__("call unwind_step_tail"
					  : : : ASM_CALL_CLOBBERS))

enum depth_rule { NO_CALL, CALLS, IRQ_ARM };

struct step_body {
	const char *name;
	void (*fn)(struct unwind_chain *chain);
	enum depth_rule rule;	/* IRQ_ARM: calls only on the call arm */
	bool kernel;		/* steps through the kernel's own sites */
};

/* The Xen PV arm of the halts is itself a call (SCHEDOP_block). */
static bool irq_arm_calls(const struct step_body *b, bool call_arm)
{
	if (call_arm)
		return true;
	return cpu_feature_enabled(X86_FEATURE_XENPV) &&
	       (b->fn == step_safe_halt || b->fn == step_halt);
}

static const struct step_body bodies[] = {
	{ "save_fl", step_save_fl, IRQ_ARM, false },
	{ "irq_disable+irq_enable", step_irq_disable_enable, IRQ_ARM, false },
	{ "safe_halt", step_safe_halt, IRQ_ARM, false },
	{ "halt", step_halt, IRQ_ARM, false },
	{ "sched_clock", step_sched_clock, CALLS, false },
	{ "steal_clock", step_steal_clock, CALLS, false },
	{ "io_delay", step_io_delay, CALLS, false },
	{ "kernel: on_each_cpu", step_kernel_on_each_cpu, CALLS, true },
	{ "kernel: kvm_wait, safe_halt", step_kernel_wait_halts, CALLS, true },
	{ "kernel: kvm_wait, irq_enable", step_kernel_wait_returns, CALLS, true },
	{ "alternative, replacement live", step_alt_replacement_live, CALLS, false },
	{ "alternative, original live", step_alt_original_live, NO_CALL, false },
	{ "static call trampoline", step_static_call_trampoline, CALLS, false },
	{ "static call site", step_static_call_site, CALLS, false },
	{ "tail call", step_tail_call, CALLS, false },
};

static void print_failure(const struct step_session *s, const char *what)
{
	printk("unwind_step: %s: first bad trace at call depth %u, expected:\n",
	       what, s->bad_depth);
	for (unsigned int i = 0; i < s->bad_depth; i++)
		printk("  #%u 0x%016lx\n", i + 1, s->bad_shadow[s->bad_depth - 1 - i]);
	unwind_print_trace("unwind_step: got", s->bad_trace, s->bad_n,
			   s->bad_reliable, s->bad_why);
}

/* Step through one body on this CPU; returns its session. */
static struct step_session *run_stepped(void (*fn)(struct unwind_chain *chain),
				       bool check_unwind)
{
	struct step_session *s = &sessions[smp_processor_id()];
	struct unwind_chain chain = { .body = fn };

	memset(s, 0, sizeof(*s));
	s->check_unwind = check_unwind;
	set_trap_hook(VECTOR_DB, step_trap);
	s->chain = &chain;
	barrier();
	unwind_chain_run(&chain);
	barrier();
	s->chain = NULL;
	return s;
}

static void step_every_site(struct kunit *test, bool call_arm, bool check_unwind)
{
	bool boot_arm = cpu_feature_enabled(X86_FEATURE_PV_IRQ_CALL);
	unsigned long total = 0, hypercall_steps = 0, kernel_steps = 0;

	SKIP_WITHOUT_ARM_SWITCH(test, call_arm);
	set_irq_arm_if_needed(call_arm);
	for (size_t i = 0; i < ARRAY_SIZE(bodies); i++) {
		const struct step_body *b = &bodies[i];
		bool calls = b->rule == CALLS || (b->rule == IRQ_ARM && irq_arm_calls(b, call_arm));
		struct step_session *s = run_stepped(b->fn, check_unwind);

		total += s->steps;
		if (b->kernel)
			kernel_steps += s->steps;
		hypercall_steps += s->hypercall_steps;
		if (s->failures)
			print_failure(s, b->name);
		KUNIT_EXPECT_EQ_MSG(test, s->failures, 0UL, "%s: %lu of %lu steps",
				    b->name, s->failures, s->steps);
		/* Both prove the site was stepped, in the arm we meant. */
		KUNIT_EXPECT_GE_MSG(test, s->steps, 3UL, "%s", b->name);
		if (calls)
			KUNIT_EXPECT_GT_MSG(test, s->max_depth, 0U, "%s made no call", b->name);
		else
			KUNIT_EXPECT_EQ_MSG(test, s->max_depth, 0U, "%s called out", b->name);
		/* The kernel bodies went through the kernel's own sites:
		 * on_each_cpu's flag check, save and restore; kvm_wait's
		 * save_fl, irq_disable and safe_halt or irq_enable. */
		if (b->kernel)
			KUNIT_EXPECT_GE_MSG(test, s->kernel_site_steps, 3UL,
					    "%s: kernel sites stepped", b->name);
		else
			KUNIT_EXPECT_EQ_MSG(test, s->kernel_site_steps, 0UL,
					    "%s: kernel sites stepped", b->name);
		/* Every call seen returned before the body's end. */
		KUNIT_EXPECT_EQ_MSG(test, s->depth, 0U, "%s", b->name);
	}
	set_irq_arm_if_needed(boot_arm);
	kunit_info(test, "%lu single steps (%lu through kernel functions)%s", total,
		   kernel_steps, check_unwind ? ", each unwound and checked" : "");
	if (hypercall_steps)
		kunit_info(test, "%lu of them in Xen's hypercall page (no ORC): unwound as unreliable, as they must",
			   hypercall_steps);
}

/* The harness itself, with or without ORC: steps, calls followed. */
static void single_step_follows_calls_in_both_arms(struct kunit *test)
{
	step_every_site(test, false, false);
	step_every_site(test, true, false);
}

static void step_through_sites_inline_arm(struct kunit *test)
{
	SKIP_WITHOUT_ORC(test);
	step_every_site(test, false, true);
}

static void step_through_sites_call_arm(struct kunit *test)
{
	SKIP_WITHOUT_ORC(test);
	step_every_site(test, true, true);
}

#define LIVE_SWITCHES	20

struct switch_run {
	volatile bool done;
	unsigned long steps[CONFIG_NR_CPUS], failures[CONFIG_NR_CPUS];
	unsigned long rounds[CONFIG_NR_CPUS];
};

static void step_while_switching(void *arg)
{
	struct switch_run *run = arg;
	unsigned int cpu = smp_processor_id();

	if (cpu == 0) {
		bool boot_arm = cpu_feature_enabled(X86_FEATURE_PV_IRQ_CALL);

		for (unsigned int i = 0; i < LIVE_SWITCHES; i++)
			pvops_set_irq_arm(!cpu_feature_enabled(X86_FEATURE_PV_IRQ_CALL));
		pvops_set_irq_arm(boot_arm);
		__atomic_store_n(&run->done, true, __ATOMIC_RELEASE);
		return;
	}
	static void (*const stepped[])(struct unwind_chain *chain) = {
		step_save_fl, step_irq_disable_enable, step_kernel_wait_returns,
	};

	while (!__atomic_load_n(&run->done, __ATOMIC_ACQUIRE)) {
		struct step_session *s =
			run_stepped(stepped[(cpu + run->rounds[cpu]) % ARRAY_SIZE(stepped)], true);

		if (s->failures && !run->failures[cpu])
			print_failure(s, "while switching");
		run->steps[cpu] += s->steps;
		run->failures[cpu] += s->failures;
		run->rounds[cpu]++;
	}
}

static void step_through_a_site_being_switched(struct kunit *test)
{
	static struct switch_run run;
	unsigned long steps = 0, failures = 0, rounds = 0;

	SKIP_WITHOUT_ORC(test);
	if (num_online_cpus() < 2)
		kunit_skip(test, "needs a second CPU to switch the arms");
	if (pvops_irq_arm_switch_unsupported())
		kunit_skip(test, "%s", pvops_irq_arm_switch_unsupported());
	memset(&run, 0, sizeof(run));
	run_on_all_cpus(step_while_switching, &run);
	for (unsigned int cpu = 1; cpu < num_online_cpus(); cpu++) {
		steps += run.steps[cpu];
		failures += run.failures[cpu];
		rounds += run.rounds[cpu];
	}
	kunit_info(test, "%u arm switches; %lu stepped rounds, %lu steps, %lu bad traces; %lu steps so far reported without DR6.BS",
		   LIVE_SWITCHES + 1, rounds, steps, failures,
		   __atomic_load_n(&steps_without_bs, __ATOMIC_RELAXED));
	KUNIT_EXPECT_EQ(test, failures, 0UL);
	KUNIT_EXPECT_GT(test, rounds, 0UL);
}

/* Without the hook's claim an unrelated #DB is still fatal: unclaimed. */
static void unrelated_debug_trap_is_not_claimed(struct kunit *test)
{
	struct pt_regs regs = { .rip = 0 };

	set_trap_hook(VECTOR_DB, step_trap);
	sessions[smp_processor_id()].chain = NULL;
	KUNIT_EXPECT_FALSE(test, step_trap(&regs));
}

static void unhook(struct kunit_suite *suite)
{
	set_trap_hook(VECTOR_DB, NULL);
}

static struct kunit_case unwind_step_cases[] = {
	KUNIT_CASE(unrelated_debug_trap_is_not_claimed),
	KUNIT_CASE(single_step_follows_calls_in_both_arms),
	KUNIT_CASE(step_through_sites_inline_arm),
	KUNIT_CASE(step_through_sites_call_arm),
	KUNIT_CASE(step_through_a_site_being_switched),
	{}
};

static struct kunit_suite unwind_step_suite = {
	.name = "unwind_step",
	.suite_exit = unhook,
	.test_cases = unwind_step_cases,
};
kunit_test_suite(unwind_step_suite);
