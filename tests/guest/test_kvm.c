// SPDX-License-Identifier: GPL-2.0
/*
 * The KVM backend, on KVM: it uses exactly the features CPUID 0x40000001
 * offers and that it implements; every CPU registered its areas; the
 * kvmclock sched_clock is monotonic on each CPU and runs at the TSC's
 * rate; steal time reads; a kick wakes a halted vCPU with no interrupt;
 * PV TLB flush IPIs running vCPUs and leaves preempted ones to the host.
 * Elsewhere they SKIP: "not running on KVM". The hypercall sites' bytes,
 * kvm_wait()'s semantics and the flush's leaving a preempted vCPU to the
 * host (on a steal time byte no host writes) need no hypervisor and are
 * checked everywhere.
 */
#include <string.h>
#include <asm/irqflags.h>
#include <asm/apic.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <pvpatch/alternative.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/ktest.h>
#include <pvpatch/pvops.h>
#include <pvpatch/smp.h>
#include "../../hypervisor/kvm/kvm.h"
#include "sched_clock_checks.h"

static void require_kvm_backend(struct kunit *test)
{
	if (!cpu_feature_enabled(X86_FEATURE_KVM))
		kunit_skip(test, "not running on KVM");
	if (strcmp(pvops_backend()->name, "kvm"))
		kunit_skip(test, "backend is %s, not kvm (pvops=)", pvops_backend()->name);
}

static void require_feature(struct kunit *test, unsigned int feature,
			    const char *name)
{
	require_kvm_backend(test);
	if (kvm_features_used() & KVM_BIT(feature))
		return;
	if (!(kvm_features_offered() & KVM_BIT(feature)))
		kunit_skip(test, "host does not offer %s (QEMU: -cpu ...,+kvm-%s)",
			   name, name);
	kunit_skip(test, "%s offered but not used%s", name,
		   kvm_hypercalls_refused() ? ": the host refuses our hypercalls" : "");
}

/* A Xen PV kernel runs in ring 3 without a local APIC: hlt faults (cli
 * and sti trap to Xen), and its interrupts are event channels. */
static void require_native_cpu(struct kunit *test, const char *needs)
{
	if (cpu_feature_enabled(X86_FEATURE_XENPV))
		kunit_skip(test, "Xen PV: %s", needs);
}

static void require_two_cpus(struct kunit *test)
{
	if (num_online_cpus() < 2)
		kunit_skip(test, "needs 2 CPUs");
}

static void features_used_match_cpuid(struct kunit *test)
{
	static const unsigned int implemented[] = {
		KVM_FEATURE_CLOCKSOURCE2, KVM_FEATURE_STEAL_TIME,
		KVM_FEATURE_PV_EOI, KVM_FEATURE_PV_UNHALT,
		KVM_FEATURE_PV_TLB_FLUSH, KVM_FEATURE_PV_SCHED_YIELD,
		KVM_FEATURE_NOP_IO_DELAY,
	};
	uint32_t eax = cpuid(KVM_CPUID_FEATURES).eax, used = kvm_features_used();
	uint32_t want = 0;

	require_kvm_backend(test);
	KUNIT_EXPECT_EQ(test, kvm_features_offered(), eax);
	for (size_t i = 0; i < ARRAY_SIZE(implemented); i++)
		want |= eax & KVM_BIT(implemented[i]);
	if (!(eax & KVM_BIT(KVM_FEATURE_STEAL_TIME)))
		want &= ~KVM_BIT(KVM_FEATURE_PV_TLB_FLUSH);
	/* The probe (hypercall.c) found the host faulting our hypercalls. */
	if (kvm_hypercalls_refused())
		want &= ~(KVM_BIT(KVM_FEATURE_PV_UNHALT) | KVM_BIT(KVM_FEATURE_PV_SCHED_YIELD));
	KUNIT_EXPECT_EQ_MSG(test, used, want, "offered 0x%x", eax);
	kunit_info(test, "offered 0x%x, used 0x%x%s", eax, used,
		   kvm_hypercalls_refused() ? ", hypercalls refused" : "");
}

static void keys_point_at_what_is_used(struct kunit *test)
{
	uint32_t used = kvm_features_used();

	require_kvm_backend(test);
#define EXPECT_KEY(key, feature, kvm_fn, native_fn)			\
	KUNIT_EXPECT_PTR_EQ(test, static_call_query(key),		\
			    (used & KVM_BIT(feature)) ? (void *)(kvm_fn) : (void *)(native_fn))
	EXPECT_KEY(pv_sched_clock, KVM_FEATURE_CLOCKSOURCE2, kvm_sched_clock, native_sched_clock);
	EXPECT_KEY(pv_steal_clock, KVM_FEATURE_STEAL_TIME, kvm_steal_clock, native_steal_clock);
	EXPECT_KEY(pv_kick, KVM_FEATURE_PV_UNHALT, kvm_kick, native_kick);
	EXPECT_KEY(pv_wait, KVM_FEATURE_PV_UNHALT, kvm_wait, native_wait);
	EXPECT_KEY(pv_flush_tlb_multi, KVM_FEATURE_PV_TLB_FLUSH, kvm_flush_tlb_multi,
		   native_flush_tlb_multi);
	EXPECT_KEY(pv_io_delay, KVM_FEATURE_NOP_IO_DELAY, NULL, native_io_delay);
#undef EXPECT_KEY
}

static void hypercall_insn_matches_the_vendor(struct kunit *test)
{
	struct cpuid_regs r = cpuid(0);
	bool amd = !memcmp(&r.ebx, "Auth", 4) || !memcmp(&r.ebx, "Hygo", 4);

	require_kvm_backend(test);
	KUNIT_EXPECT_EQ(test, cpu_feature_enabled(X86_FEATURE_VMMCALL), amd);
}

/*
 * Runs everywhere: each hypercall site (an ALTERNATIVE on
 * X86_FEATURE_VMMCALL) holds VMMCALL (0f 01 d9) when the bit is set and
 * VMCALL (0f 01 c1) otherwise (AMD APM vol. 3; Intel SDM vol. 2B).
 */
static void hypercall_sites_hold_the_chosen_insn(struct kunit *test)
{
	static const uint8_t vmcall[] = { 0x0f, 0x01, 0xc1 };
	static const uint8_t vmmcall[] = { 0x0f, 0x01, 0xd9 };
	bool amd = cpu_feature_enabled(X86_FEATURE_VMMCALL);
	unsigned int sites = 0;

	for (struct alt_instr *a = __start_alt_instructions;
	     a < __stop_alt_instructions; a++) {
		if (a->feature != X86_FEATURE_VMMCALL || a->flags)
			continue;
		sites++;
		KUNIT_EXPECT_EQ(test, a->instrlen, 3);
		KUNIT_EXPECT_MEMEQ(test, alt_site(a), amd ? vmmcall : vmcall, 3);
	}
	KUNIT_EXPECT_GE(test, sites, 2U);	/* kick, sched_yield */
}

/* Every CPU's MSRs hold its own area, enabled. */
static void every_cpu_registered_its_areas(struct kunit *test)
{
	struct kvm_cpu_area *area = &kvm_cpu_areas[smp_processor_id()];
	uint32_t used = kvm_features_used();

	require_kvm_backend(test);
	if (used & KVM_BIT(KVM_FEATURE_CLOCKSOURCE2)) {
		KUNIT_EXPECT_EQ(test, rdmsr(MSR_KVM_SYSTEM_TIME_NEW),
				(uintptr_t)&area->clock | KVM_MSR_ENABLED);
		KUNIT_EXPECT_NE(test, READ_ONCE(area->clock.version), 0U);
	}
	if (used & KVM_BIT(KVM_FEATURE_STEAL_TIME)) {
		KUNIT_EXPECT_EQ(test, rdmsr(MSR_KVM_STEAL_TIME),
				(uintptr_t)&area->steal | KVM_MSR_ENABLED);
		KUNIT_EXPECT_EQ(test, (uintptr_t)&area->steal % 64, 0UL);
	}
	if (used & KVM_BIT(KVM_FEATURE_PV_EOI))
		KUNIT_EXPECT_EQ(test, rdmsr(MSR_KVM_PV_EOI_EN),
				(uintptr_t)&area->pv_eoi | KVM_MSR_ENABLED);
}

/*
 * apic_eoi()'s side of PV EOI, on a word of our own so it runs anywhere:
 * a set bit is cleared instead of writing the EOI, a clear bit means a
 * real EOI. Interrupts are off, so nothing is in service and no host
 * injection can touch the word meanwhile.
 */
static void apic_eoi_clears_a_set_pv_eoi_bit(struct kunit *test)
{
	struct cpu *c = this_cpu();
	volatile uint32_t word = 1, *saved_word;
	unsigned long flags;
	uint64_t before = c->pv_eois;

	require_native_cpu(test, "no local APIC to EOI (event channels)");
	flags = local_irq_save();

	saved_word = c->pv_eoi_word;
	c->pv_eoi_word = &word;
	apic_eoi();
	uint32_t after_set = word;
	uint64_t saved_set = c->pv_eois - before;

	apic_eoi();
	uint64_t saved_clear = c->pv_eois - before - saved_set;

	c->pv_eoi_word = saved_word;
	local_irq_restore(flags);
	KUNIT_EXPECT_EQ(test, after_set, 0U);
	KUNIT_EXPECT_EQ(test, saved_set, 1UL);
	KUNIT_EXPECT_EQ(test, saved_clear, 0UL);
}

/*
 * Under KVM: ticks go on arriving with PV EOI on (no EOI is lost), and
 * the host's side is observed: it sets the bit when it injects an edge
 * interrupt with nothing else in service, and takes it back at any exit
 * before our EOI. A host that emulates guest kernel mode (this machine's)
 * exits all the time, so it may never leave the bit to us: that is
 * reported as a skip, with the counts.
 */
static void pv_eoi_keeps_ticks_coming(struct kunit *test)
{
	struct cpu *c = this_cpu();

	require_feature(test, KVM_FEATURE_PV_EOI, "pv-eoi");
	KUNIT_ASSERT_PTR_EQ(test, (void *)c->pv_eoi_word,
			    (void *)&kvm_cpu_areas[smp_processor_id()].pv_eoi);
	uint64_t ticks = c->timer_ticks, saved = c->pv_eois;

	for (uint64_t end = rdtsc() + tsc_khz() * 200; rdtsc() < end;)
		cpu_relax();
	ticks = c->timer_ticks - ticks;
	saved = c->pv_eois - saved;
	KUNIT_EXPECT_GT(test, ticks, 5UL);
	if (!saved)
		kunit_skip(test, "cpu %u: the host left no PV EOI bit to us in %lu ticks",
			   smp_processor_id(), (unsigned long)ticks);
	kunit_info(test, "cpu %u: %lu ticks, %lu EOI writes saved",
		   smp_processor_id(), (unsigned long)ticks, (unsigned long)saved);
}

static void kvmclock_is_monotonic_per_cpu(struct kunit *test)
{
	require_feature(test, KVM_FEATURE_CLOCKSOURCE2, "clock");
	expect_sched_clock_monotonic(test);
}

/*
 * Against the TSC rate the APIC code measured with the PIT: both clocks
 * count the same TSC here, so they differ by the calibration error only,
 * which an emulated PIT makes large: 25% is the tolerance.
 */
static void kvmclock_runs_at_one_ns_per_ns(struct kunit *test)
{
	require_feature(test, KVM_FEATURE_CLOCKSOURCE2, "clock");
	expect_sched_clock_at_tsc_rate(test, "kvmclock");
}

/* Fewest TSC cycles per call of clock over ROUNDS rounds: a timer
 * interrupt or a host preemption inflates one round, not all. */
static uint64_t cycles_per_read(uint64_t (*clock)(void))
{
	enum { ROUNDS = 5, CALLS = 2000 };
	uint64_t best = UINT64_MAX;

	for (int round = 0; round < ROUNDS; round++) {
		uint64_t start = rdtsc();

		for (int i = 0; i < CALLS; i++)
			(void)clock();
		uint64_t cycles = (rdtsc() - start) / CALLS;

		if (cycles < best)
			best = cycles;
	}
	return best;
}

static uint64_t sched_clock_through_the_site(void)
{
	return pv_sched_clock();
}

/*
 * What kvmclock is for: a clock read that stays in the guest, the TSC
 * scaled by what the host left in memory. Through the pvop site it must
 * cost at most 8 native reads (the TSC and a multiply and divide); a read
 * that made the host step in, at an exit costing a thousand cycles or
 * more against the TSC's few dozen, or one that kept retrying because
 * the host kept the area's version odd, lands far above that. Where the
 * host traps the TSC itself both sides pay for it and the ratio holds.
 */
static void kvmclock_cost(struct kunit *test)
{
	require_feature(test, KVM_FEATURE_CLOCKSOURCE2, "clock");
	KUNIT_ASSERT_PTR_EQ(test, static_call_query(pv_sched_clock), (void *)kvm_sched_clock);
	uint64_t kvmclock = cycles_per_read(sched_clock_through_the_site);
	uint64_t native = cycles_per_read(native_sched_clock);

	kunit_info(test, "cycles per call: kvmclock %lu, native %lu",
		   (unsigned long)kvmclock, (unsigned long)native);
	KUNIT_EXPECT_LE_MSG(test, kvmclock, 8 * native,
			    "kvmclock costs more than 8 native clock reads");
}

static void steal_clock_is_readable(struct kunit *test)
{
	unsigned int n = num_online_cpus();

	require_feature(test, KVM_FEATURE_STEAL_TIME, "steal-time");
	for (unsigned int cpu = 0; cpu < n; cpu++) {
		const volatile struct kvm_steal_time *st = &kvm_cpu_areas[cpu].steal;
		uint64_t first = pv_steal_clock(cpu), second = pv_steal_clock(cpu);

		KUNIT_EXPECT_GE_MSG(test, second, first, "cpu %u", cpu);
		KUNIT_EXPECT_NE_MSG(test, st->version, 0U, "cpu %u: never updated", cpu);
		kunit_info(test, "cpu %u: steal %lu ns, version %u, preempted %u",
			   cpu, (unsigned long)second, st->version, st->preempted);
	}
}

static volatile uint8_t kick_word;
static volatile bool waiter_ready, waiter_done;
static volatile uint64_t kicked_at, woke_at;

static void wait_for_a_kick(struct kunit *test)
{
	struct cpu *c = this_cpu();
	unsigned int halts = 0;

	/* No timer: only the kick (or the kicker's rescue IPI) may wake us.
	 * A tick already pending lands during the short wait. */
	apic_timer_stop();
	for (uint64_t end = rdtsc() + tsc_khz() * 2; rdtsc() < end;)
		cpu_relax();
	uint64_t ticks = c->timer_ticks, ipis = c->ipis_received;

	__atomic_store_n(&waiter_ready, true, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&kick_word, __ATOMIC_ACQUIRE)) {
		pv_wait(&kick_word, 0);
		halts++;
	}
	woke_at = rdtsc();
	KUNIT_EXPECT_EQ_MSG(test, c->ipis_received, ipis, "woken by an IPI, not the kick");
	KUNIT_EXPECT_EQ(test, c->timer_ticks, ticks);
	KUNIT_EXPECT_LE(test, halts, 2U);
	apic_timer_start();
	__atomic_store_n(&waiter_done, true, __ATOMIC_RELEASE);
}

static bool wait_flag(volatile bool *flag, uint64_t ms)
{
	uint64_t end = rdtsc() + tsc_khz() * ms;

	while (!__atomic_load_n(flag, __ATOMIC_ACQUIRE) && rdtsc() < end)
		cpu_relax();
	return *flag;
}

/* Rescue cpu 1 from its halt when the kick failed: the word lets it
 * out of its loop, the IPI out of hlt. */
static void rescue_cpu_1(void)
{
	__atomic_store_n(&kick_word, 1, __ATOMIC_RELEASE);
	apic_send_ipi(cpus[1].apic_id, VECTOR_IPI_WAKE);
	wait_flag(&waiter_done, 2000);
}

static bool kick_cpu_1(struct kunit *test)
{
	if (!wait_flag(&waiter_ready, 2000)) {
		KUNIT_FAIL(test, "cpu 1 never got ready to wait");
		rescue_cpu_1();
		return false;
	}
	/* Give it time to reach hlt; a kick before it also works (KVM
	 * keeps it pending), but would not show the halt ending. */
	for (uint64_t end = rdtsc() + tsc_khz() * 20; rdtsc() < end;)
		cpu_relax();
	kicked_at = rdtsc();
	__atomic_store_n(&kick_word, 1, __ATOMIC_RELEASE);
	pv_kick(1);
	if (!wait_flag(&waiter_done, 2000)) {
		KUNIT_FAIL(test, "cpu 1 did not wake from the kick");
		rescue_cpu_1();
		return false;
	}
	kunit_info(test, "kick to wake-up: %lu us",
		   (unsigned long)((woke_at - kicked_at) * 1000 / tsc_khz()));
	return true;
}

static void kick_wakes_a_halted_cpu(struct kunit *test)
{
	require_feature(test, KVM_FEATURE_PV_UNHALT, "pv-unhalt");
	require_two_cpus(test);
	if (!tsc_khz())
		kunit_skip(test, "TSC rate unknown");
	if (smp_processor_id() == 0) {
		/* Reset for a rerun only once both sides are done. */
		if (kick_cpu_1(test)) {
			kick_word = 0;
			waiter_ready = waiter_done = false;
		}
	} else if (smp_processor_id() == 1) {
		wait_for_a_kick(test);
	}
}

/*
 * kvm_wait()'s halt needs no hypervisor (its irq ops are the kernel's
 * pvop sites, so a Xen PV kernel too), so these two run everywhere:
 * a value that differs returns at once, whatever the interrupt flag
 * (with it off, a halt would never end: no kick comes); an equal value
 * with interrupts on sleeps until an interrupt and returns with them on.
 */
static void wait_returns_when_the_value_differs(struct kunit *test)
{
	volatile uint8_t word = 1;

	kvm_wait(&word, 0);
	KUNIT_EXPECT_NE(test, pv_save_fl() & X86_EFLAGS_IF, 0UL);
	unsigned long flags = local_irq_save();

	kvm_wait(&word, 0);
	KUNIT_EXPECT_EQ(test, pv_save_fl() & X86_EFLAGS_IF, 0UL);
	local_irq_restore(flags);
}

static void wait_sleeps_until_an_interrupt(struct kunit *test)
{
	volatile uint8_t word = 0;
	struct cpu *c = this_cpu();
	uint64_t before;

	before = c->timer_ticks + c->ipis_received;

	kvm_wait(&word, 0);
	/* The next tick, or an IPI that came first. */
	KUNIT_EXPECT_GT(test, c->timer_ticks + c->ipis_received, before);
	KUNIT_EXPECT_NE(test, pv_save_fl() & X86_EFLAGS_IF, 0UL);
}

static void sched_yield_returns(struct kunit *test)
{
	require_feature(test, KVM_FEATURE_PV_SCHED_YIELD, "pv-sched-yield");
	require_two_cpus(test);
	KUNIT_EXPECT_TRUE(test, kvm_sched_yield(1));
}

static void flush_reaches_every_other_cpu(struct kunit *test)
{
	unsigned int n = num_online_cpus();
	struct kvm_tlb_stats before = kvm_tlb_stats;

	require_feature(test, KVM_FEATURE_PV_TLB_FLUSH, "pv-tlb-flush");
	pv_flush_tlb_multi(NULL, 0, ~0UL);
	KUNIT_EXPECT_EQ(test, kvm_tlb_stats.local, before.local + 1);
	KUNIT_EXPECT_EQ(test, kvm_tlb_stats.ipis + kvm_tlb_stats.deferred,
			before.ipis + before.deferred + n - 1);
}

/*
 * The flush's choice, on a steal time area of our own that no host
 * writes, so it runs everywhere: a vCPU marked preempted is left to the
 * host with the flush bit set, a running one is not (it needs the IPI),
 * and one already asked stays asked.
 */
static void flush_leaves_only_a_preempted_cpu_to_the_host(struct kunit *test)
{
	struct kvm_steal_time steal = { 0 };

	KUNIT_EXPECT_FALSE(test, kvm_flush_leave_to_host(&steal));
	KUNIT_EXPECT_EQ(test, steal.preempted, 0);
	steal.preempted = KVM_VCPU_PREEMPTED;
	KUNIT_EXPECT_TRUE(test, kvm_flush_leave_to_host(&steal));
	KUNIT_EXPECT_EQ(test, steal.preempted, KVM_VCPU_PREEMPTED | KVM_VCPU_FLUSH_TLB);
	KUNIT_EXPECT_TRUE(test, kvm_flush_leave_to_host(&steal));
	KUNIT_EXPECT_EQ(test, steal.preempted, KVM_VCPU_PREEMPTED | KVM_VCPU_FLUSH_TLB);
}

/*
 * Mark cpu 1 preempted as the host would: the flush must leave it to the
 * host (flag set, no IPI). Where steal time is registered the host may
 * run cpu 1 at any moment and swap the byte back to 0: before the flush
 * looks (then an IPI is right), or after (then the host flushed it).
 * Each attempt must take exactly one of the two paths.
 */
static bool try_deferred_flush(struct kunit *test, uint8_t *preempted, bool shared)
{
	uint64_t mask = 1UL << 1;
	uint8_t state = 0;

	if (!__atomic_compare_exchange_n(preempted, &state, KVM_VCPU_PREEMPTED, false,
					 __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
		return false;	/* really preempted right now: try again */
	struct kvm_tlb_stats before = kvm_tlb_stats;

	kvm_flush_tlb_multi(&mask, 0, ~0UL);
	uint64_t deferred = kvm_tlb_stats.deferred - before.deferred;
	uint64_t ipis = kvm_tlb_stats.ipis - before.ipis;

	KUNIT_EXPECT_EQ_MSG(test, deferred + ipis, (uint64_t)1,
			    "deferred %lu, ipis %lu", (unsigned long)deferred,
			    (unsigned long)ipis);
	state = __atomic_load_n(preempted, __ATOMIC_ACQUIRE);
	if (deferred)
		KUNIT_EXPECT_TRUE_MSG(test, (shared && state == 0) ||
				      state == (KVM_VCPU_PREEMPTED | KVM_VCPU_FLUSH_TLB),
				      "preempted byte 0x%x", state);
	/* Undo our fake, and flush cpu 1 for real. */
	state = KVM_VCPU_PREEMPTED | KVM_VCPU_FLUSH_TLB;
	__atomic_compare_exchange_n(preempted, &state, 0, false,
				    __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
	state = KVM_VCPU_PREEMPTED;
	__atomic_compare_exchange_n(preempted, &state, 0, false,
				    __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
	kvm_flush_tlb_multi(&mask, 0, ~0UL);
	return deferred == 1;
}

/*
 * Runs wherever cpu 1 can take the flush IPI, KVM or not. Unregistered
 * (TCG, or no steal time), cpu 1's area is ours alone: the first try
 * must defer. Registered, the host races us for the byte only in the
 * instants it reschedules cpu 1, so 50 tries that all lose mean the flush
 * does not defer: a failure, never a skip.
 */
static void flush_defers_a_preempted_cpu(struct kunit *test)
{
	uint8_t *preempted = &kvm_cpu_areas[1].steal.preempted;
	bool shared = kvm_features_used() & KVM_BIT(KVM_FEATURE_STEAL_TIME);
	int tries = shared ? 50 : 1, attempt = 0;

	require_native_cpu(test, "the flush IPIs go through the local APIC");
	require_two_cpus(test);
	/* The fallback IPI needs its handler when KVM's flush is not chosen. */
	irq_handler_t saved = set_irq_handler(VECTOR_KVM_FLUSH_TLB, kvm_flush_tlb_interrupt);

	while (attempt < tries && !try_deferred_flush(test, preempted, shared))
		attempt++;
	set_irq_handler(VECTOR_KVM_FLUSH_TLB, saved);
	KUNIT_EXPECT_LT_MSG(test, attempt, tries,
			    "no flush left cpu 1 to the host (%d tries)%s", tries,
			    shared ? " (steal time registered: the host may race us)" : "");
}

/* All CPUs flush all others at once, interrupts off: each must serve the
 * requests aimed at it while it waits for its own. */
static void crossed_flushes_with_interrupts_off_finish(struct kunit *test)
{
	require_feature(test, KVM_FEATURE_PV_TLB_FLUSH, "pv-tlb-flush");
	for (int round = 0; round < 50; round++) {
		unsigned long flags = local_irq_save();

		pv_flush_tlb_multi(NULL, 0, ~0UL);
		local_irq_restore(flags);
	}
	if (smp_processor_id() == 0)
		kunit_info(test, "so far: %lu local, %lu by IPI, %lu left to the host",
			   (unsigned long)kvm_tlb_stats.local,
			   (unsigned long)kvm_tlb_stats.ipis,
			   (unsigned long)kvm_tlb_stats.deferred);
}

static struct kunit_case kvm_cases[] = {
	KUNIT_CASE(features_used_match_cpuid),
	KUNIT_CASE(keys_point_at_what_is_used),
	KUNIT_CASE(hypercall_insn_matches_the_vendor),
	KUNIT_CASE(hypercall_sites_hold_the_chosen_insn),
	KTEST_CASE_ALL_CPUS(every_cpu_registered_its_areas),
	KUNIT_CASE(apic_eoi_clears_a_set_pv_eoi_bit),
	KTEST_CASE_ALL_CPUS(pv_eoi_keeps_ticks_coming),
	KTEST_CASE_ALL_CPUS(kvmclock_is_monotonic_per_cpu),
	KUNIT_CASE(kvmclock_runs_at_one_ns_per_ns),
	KUNIT_CASE(kvmclock_cost),
	KUNIT_CASE(steal_clock_is_readable),
	KTEST_CASE_ALL_CPUS(kick_wakes_a_halted_cpu),
	KUNIT_CASE(wait_returns_when_the_value_differs),
	KTEST_CASE_ALL_CPUS(wait_sleeps_until_an_interrupt),
	KUNIT_CASE(sched_yield_returns),
	KUNIT_CASE(flush_reaches_every_other_cpu),
	KUNIT_CASE(flush_leaves_only_a_preempted_cpu_to_the_host),
	KUNIT_CASE(flush_defers_a_preempted_cpu),
	KTEST_CASE_ALL_CPUS(crossed_flushes_with_interrupts_off_finish),
	{}
};

static struct kunit_suite kvm_suite = {
	.name = "kvm",
	.test_cases = kvm_cases,
};
kunit_test_suite(kvm_suite);
