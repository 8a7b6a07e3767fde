// SPDX-License-Identifier: GPL-2.0
/*
 * Hosted SMP: threads stand in for CPUs. The main thread is CPU 0; the
 * others exist only while they run a function for run_on_all_cpus() or
 * on_each_cpu(). The number of CPUs is CONFIG_HOSTED_CPUS, or the
 * PVPATCH_CPUS environment variable when set.
 */
#include <errno.h>
#include <linux/membarrier.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <pvpatch/platform.h>
#include <pvpatch/smp.h>
#include <pvpatch/text_poke.h>

#define HOSTED_MAX_CPUS 64

#ifndef CONFIG_HOSTED_CPUS
#define CONFIG_HOSTED_CPUS 4
#endif

static __thread unsigned int this_cpu;
static unsigned int online_cpus;
static pthread_once_t online_once = PTHREAD_ONCE_INIT;

unsigned int smp_processor_id(void)
{
	return this_cpu;
}

static void count_cpus(void)
{
	const char *env = getenv("PVPATCH_CPUS");
	unsigned long n = CONFIG_HOSTED_CPUS;
	char *end;

	if (env) {
		errno = 0;
		n = strtoul(env, &end, 10);
		if (errno || end == env || *end || n < 1 || n > HOSTED_MAX_CPUS)
			panic("PVPATCH_CPUS=%s: expected 1..%d", env,
			      HOSTED_MAX_CPUS);
	}
	online_cpus = n;
}

unsigned int num_online_cpus(void)
{
	pthread_once(&online_once, count_cpus);
	return online_cpus;
}

struct cpu_thread {
	pthread_t thread;
	unsigned int cpu;
	void (*fn)(void *arg);
	void *arg;
	pthread_barrier_t *start;	/* NULL: start at once */
	bool detached;			/* the thread frees this */
};

static void *cpu_thread_main(void *data)
{
	struct cpu_thread *t = data;

	this_cpu = t->cpu;
	if (t->start)
		pthread_barrier_wait(t->start);
	t->fn(t->arg);
	if (t->detached)
		free(t);
	return NULL;
}

/* Detached threads are created so: t may be gone by the time we return. */
static void start_cpu(struct cpu_thread *t)
{
	unsigned int cpu = t->cpu;
	bool detached = t->detached;
	pthread_attr_t attr;
	pthread_t thread;
	int err;

	pthread_attr_init(&attr);
	if (detached)
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	err = pthread_create(&thread, &attr, cpu_thread_main, t);
	pthread_attr_destroy(&attr);
	if (err)
		panic("cannot start the thread for cpu %u: error %d", cpu, err);
	if (!detached)
		t->thread = thread;
}

/*
 * The caller is CPU 0 for the duration; the barrier releases every CPU
 * at once, so a case that races CPUs against each other really races.
 */
void run_on_all_cpus(void (*fn)(void *arg), void *arg)
{
	unsigned int n = num_online_cpus(), caller_cpu = this_cpu;
	struct cpu_thread threads[HOSTED_MAX_CPUS];
	pthread_barrier_t start;

	pthread_barrier_init(&start, NULL, n);
	for (unsigned int cpu = 1; cpu < n; cpu++) {
		threads[cpu] = (struct cpu_thread){
			.cpu = cpu, .fn = fn, .arg = arg, .start = &start,
		};
		start_cpu(&threads[cpu]);
	}
	this_cpu = 0;
	pthread_barrier_wait(&start);
	fn(arg);
	for (unsigned int cpu = 1; cpu < n; cpu++)
		pthread_join(threads[cpu].thread, NULL);
	this_cpu = caller_cpu;
	pthread_barrier_destroy(&start);
}

/* Without wait, the other CPUs' threads finish on their own. */
void on_each_cpu(void (*fn)(void *arg), void *arg, bool wait)
{
	unsigned int n = num_online_cpus();

	if (wait) {
		run_on_all_cpus(fn, arg);
		return;
	}
	for (unsigned int cpu = 1; cpu < n; cpu++) {
		struct cpu_thread *t = malloc(sizeof(*t));

		if (!t)
			panic("out of memory starting cpu %u", cpu);
		*t = (struct cpu_thread){
			.cpu = cpu, .fn = fn, .arg = arg, .detached = true,
		};
		start_cpu(t);
	}
	fn(arg);
}

/*
 * membarrier SYNC_CORE makes every other thread of the process execute a
 * core serializing instruction before the call returns: the hosted
 * equivalent of the sync IPI. Registration is needed once. Kernels
 * without it (older than 4.16, some sandboxes) get a full memory fence,
 * which orders data but cannot flush another core's pipeline; code that
 * patches live text on such a host is not fully tested.
 */
static bool membarrier_ok;
static pthread_once_t membarrier_once = PTHREAD_ONCE_INIT;

static void membarrier_register(void)
{
	membarrier_ok = syscall(__NR_membarrier,
			MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE,
			0, 0) == 0;
}

/* CPUID is serializing (Intel SDM vol. 3A, 9.3) and legal in user mode. */
static void serialize_this_thread(void)
{
	unsigned int eax = 0, ebx, ecx = 0, edx;

	__asm__ __volatile__("cpuid"
			     : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx)
			     : : "memory");
}

void sync_all_cpus(void)
{
	static bool warned;

	pthread_once(&membarrier_once, membarrier_register);
	/* membarrier reaches the other threads, not the caller: like the
	 * guest's IPI-based sync, this CPU serializes too. */
	serialize_this_thread();
	if (membarrier_ok &&
	    syscall(__NR_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE,
		    0, 0) == 0)
		return;
	if (!__atomic_exchange_n(&warned, true, __ATOMIC_RELAXED))
		fprintf(stderr, "pvpatch: membarrier SYNC_CORE unavailable: "
			"cross-modification falls back to a memory fence\n");
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/*
 * Hosted threads' interrupted contexts are out of reach (membarrier runs
 * no code of ours on them), so multi-instruction sequences cannot be
 * replaced live here; text_poke_bp says so.
 */
bool arch_sync_all_cpus_with(void (*fixup)(struct int3_regs *regs),
			     void (*while_held)(void *arg), void *arg)
{
	return false;
}
