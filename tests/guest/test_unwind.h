/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the in-guest unwind suites: a call chain whose return
 * addresses are known exactly, so a trace can be checked frame by
 * frame, not just "looks plausible".
 *
 *   runner -> unwind_chain_run -> chain_level2 -> body(chain)
 *
 * ret[0] is recorded by the body (its return address, into
 * chain_level2), ret[1] by chain_level2 (into unwind_chain_run), ret[2]
 * by unwind_chain_run (into the runner).
 */
#ifndef TESTS_GUEST_TEST_UNWIND_H
#define TESTS_GUEST_TEST_UNWIND_H

#include <stdbool.h>
#include <stdint.h>
#include <pvpatch/compiler.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/hypervisor.h>
#include <pvpatch/ktest.h>
#include <pvpatch/pvops.h>
#include <pvpatch/unwind.h>
#include <asm/xen/hypercall.h>

#define CHAIN_FRAMES	3

struct unwind_chain {
	void (*body)(struct unwind_chain *chain);
	void *arg;
	uintptr_t ret[CHAIN_FRAMES];
};

/* The body's first statement. */
#define CHAIN_BODY_ENTER(chain) \
	((chain)->ret[0] = (uintptr_t)__builtin_return_address(0))

void unwind_chain_run(struct unwind_chain *chain);

/*
 * The index in trace[from..n) where the chain's return addresses start
 * (ret[0], ret[1], ret[2] consecutively), or -1.
 */
int unwind_chain_find(const struct unwind_chain *chain,
		      const unsigned long *trace, unsigned int n,
		      unsigned int from);

/* Print a trace for a failure report ("#N 0x..." lines: symbolized). */
void unwind_print_trace(const char *what, const unsigned long *trace,
			unsigned int n, bool reliable, enum unwind_result why);

/*
 * The ORC cases need the linked tables: SKIP, with the reason, without
 * them; FAIL if the image has tables the unwinder rejected.
 */
#define SKIP_WITHOUT_ORC(test)						\
	do {								\
		if (orc_kernel_table())					\
			break;						\
		KUNIT_ASSERT_EQ_MSG(test, orc_kernel_entries(), 0UL,	\
				    "ORC tables linked but rejected");	\
		kunit_skip(test, "no ORC tables in this image (objtool orc not run)"); \
	} while (0)

/* Moving the irq sites to another arm needs the live switch. */
#define SKIP_WITHOUT_ARM_SWITCH(test, call_arm)				\
	do {								\
		const char *why_not = pvops_irq_arm_switch_unsupported(); \
		if (!why_not ||						\
		    (call_arm) == cpu_feature_enabled(X86_FEATURE_PV_IRQ_CALL)) \
			break;						\
		kunit_skip(test, "%s arm: %s", (call_arm) ? "call" : "inline", \
			   why_not);					\
	} while (0)

/* Code Xen writes at run time: no ORC, so a trace from there must come
 * out unreliable, not wrong. */
static inline bool in_xen_hypercall_page(uintptr_t ip)
{
	return ip - (uintptr_t)xen_hypercall_page < sizeof(xen_hypercall_page);
}

/* Switch only when needed: the boot arm is testable without the switch. */
static inline void set_irq_arm_if_needed(bool call_arm)
{
	if (call_arm != cpu_feature_enabled(X86_FEATURE_PV_IRQ_CALL))
		pvops_set_irq_arm(call_arm);
}

#endif
