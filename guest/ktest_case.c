// SPDX-License-Identifier: GPL-2.0
/*
 * Running one ktest case: init, body and exit, with failed assertions
 * and kunit_skip() unwinding back here; and the all-CPUs cases, whose
 * body runs on every online CPU at once.
 *
 * Aborting uses __builtin_setjmp/__builtin_longjmp rather than a thread
 * per case (KUnit's way): the guest has no threads, and the builtins
 * need no libc. They save only the frame and stack pointers and the
 * resume address; the compiler spills everything else live across the
 * setjmp, which is why ktest_guarded() keeps its state in a volatile.
 *
 * Portable: built into the guest and into the hosted test binary.
 */
#include <stdbool.h>
#include <string.h>
#include <pvpatch/ktest.h>
#include <pvpatch/ktest_internal.h>
#include <pvpatch/platform.h>
#include <pvpatch/smp.h>

struct ktest_step {
	void (*body)(struct kunit *test, struct ktest_step *step);
	struct kunit_suite *suite;
	struct kunit_case *kcase;
	bool init_ok;
};

void ktest_init_test(struct kunit *test, struct ktest_run *run,
		     const char *name, int cpu)
{
	memset(test, 0, sizeof(*test));
	test->name = name;
	test->status = KUNIT_SUCCESS;
	test->ktest_cpu = cpu;
	test->ktest_run = run;
}

/* Run step->body; an abort in it lands on the setjmp and returns here. */
static __noinline void ktest_guarded(struct kunit *test,
				     struct ktest_step *step)
{
	struct kunit *volatile guarded = test;

	if (__builtin_setjmp(test->ktest_jump) == 0) {
		test->ktest_armed = true;
		step->body(test, step);
	}
	guarded->ktest_armed = false;
}

/* Must not be inlined into ktest_guarded: the builtins forbid it. */
__noinline void ktest_abort(struct kunit *test)
{
	if (!test->ktest_armed)
		panic("ktest: %s: assertion or skip outside a running case",
		      test->name);
	__builtin_longjmp(test->ktest_jump, 1);
}

static void ktest_body_init(struct kunit *test, struct ktest_step *step)
{
	int err = step->suite->init ? step->suite->init(test) : 0;

	if (err) {
		kunit_err(test, "failed to initialize: %d", err);
		test->status = KUNIT_FAILURE;
		return;
	}
	step->init_ok = true;
}

static void ktest_body_init_and_run(struct kunit *test,
				    struct ktest_step *step)
{
	ktest_body_init(test, step);
	if (step->init_ok)
		step->kcase->run_case(test);
}

static void ktest_body_run(struct kunit *test, struct ktest_step *step)
{
	step->kcase->run_case(test);
}

/* Like KUnit, exit runs even when init failed or the case aborted. */
static void ktest_body_exit(struct kunit *test, struct ktest_step *step)
{
	if (step->suite->exit)
		step->suite->exit(test);
}

/* ---------------------------------------------------------- all CPUs */

/*
 * One struct kunit per CPU: each needs its own jump buffer, and a CPU
 * writes only its own. Static because 64 of them would not fit on a
 * guest stack; cases are not nested, so one set is enough.
 */
static struct kunit ktest_cpu_tests[KTEST_MAX_CPUS];
static bool ktest_cpu_tests_busy;

struct ktest_cpus {
	struct kunit *main;
	struct ktest_step step;
	unsigned int ncpus;
	unsigned int entries[KTEST_MAX_CPUS];
	unsigned int stray_cpu;		/* id >= ncpus seen, plus one */
};

static void ktest_cpu_main(void *arg)
{
	struct ktest_cpus *cpus = arg;
	unsigned int cpu = smp_processor_id();
	struct kunit *test;

	if (cpu >= cpus->ncpus) {
		__atomic_store_n(&cpus->stray_cpu, cpu + 1, __ATOMIC_RELAXED);
		return;
	}
	/* Two CPUs with one id would share a jump buffer: never run both. */
	if (__atomic_fetch_add(&cpus->entries[cpu], 1, __ATOMIC_RELAXED))
		return;
	test = &ktest_cpu_tests[cpu];
	ktest_init_test(test, cpus->main->ktest_run, cpus->main->name,
			(int)cpu);
	test->priv = cpus->main->priv;
	ktest_guarded(test, &cpus->step);
}

/* Fail if any CPU failed; skip only if every CPU skipped. */
static void ktest_merge_cpus(struct kunit *main, struct ktest_cpus *cpus)
{
	unsigned int skipped = 0;

	if (cpus->stray_cpu) {
		kunit_err(main, "cpu id %u out of range (%u online)",
			  cpus->stray_cpu - 1, cpus->ncpus);
		main->status = KUNIT_FAILURE;
	}
	for (unsigned int cpu = 0; cpu < cpus->ncpus; cpu++) {
		const struct kunit *t = &ktest_cpu_tests[cpu];

		if (cpus->entries[cpu] != 1) {
			kunit_err(main, "cpu %u entered the case %u times",
				  cpu, cpus->entries[cpu]);
			main->status = KUNIT_FAILURE;
		} else if (t->status == KUNIT_FAILURE) {
			main->status = KUNIT_FAILURE;
		} else if (t->status == KUNIT_SKIPPED) {
			skipped++;
		}
	}
	if (main->status != KUNIT_SUCCESS || !skipped)
		return;
	if (skipped == cpus->ncpus) {
		main->status = KUNIT_SKIPPED;
		memcpy(main->ktest_reason, ktest_cpu_tests[0].ktest_reason,
		       sizeof(main->ktest_reason));
		return;
	}
	for (unsigned int cpu = 0; cpu < cpus->ncpus; cpu++)
		if (ktest_cpu_tests[cpu].status == KUNIT_SKIPPED)
			kunit_info(main, "cpu %u skipped: %s", cpu,
				   ktest_cpu_tests[cpu].ktest_reason);
}

static void ktest_run_on_cpus(struct kunit *main, struct ktest_step *step)
{
	struct ktest_cpus cpus = {
		.main = main,
		.step = *step,
		.ncpus = num_online_cpus(),
	};

	if (ktest_cpu_tests_busy) {
		kunit_err(main, "all-CPUs cases cannot nest");
		main->status = KUNIT_FAILURE;
		return;
	}
	if (cpus.ncpus > KTEST_MAX_CPUS) {
		kunit_err(main, "%u CPUs online, ktest handles %u",
			  cpus.ncpus, KTEST_MAX_CPUS);
		main->status = KUNIT_FAILURE;
		return;
	}
	cpus.step.body = ktest_body_run;
	ktest_cpu_tests_busy = true;
	run_on_all_cpus(ktest_cpu_main, &cpus);
	ktest_cpu_tests_busy = false;
	ktest_merge_cpus(main, &cpus);
}

/* ---------------------------------------------------------- entry */

void ktest_run_case(struct ktest_run *run, struct kunit_suite *suite,
		    struct kunit_case *kcase, struct kunit *test)
{
	struct ktest_step step = { .suite = suite, .kcase = kcase };

	ktest_init_test(test, run, kcase->name, -1);
	if (kcase->ktest_flags & KTEST_CASE_FLAG_ALL_CPUS) {
		/* init and exit once, on this CPU, around all of them */
		step.body = ktest_body_init;
		ktest_guarded(test, &step);
		if (step.init_ok)
			ktest_run_on_cpus(test, &step);
	} else {
		step.body = ktest_body_init_and_run;
		ktest_guarded(test, &step);
	}
	step.body = ktest_body_exit;
	ktest_guarded(test, &step);
}
