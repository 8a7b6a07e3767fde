// SPDX-License-Identifier: GPL-2.0
/*
 * Hosted #BP: the kernel turns an int3 into SIGTRAP, and this handler
 * passes the interrupted registers to text_poke_int3_handler(), which
 * emulates the instruction being installed by changing them. Returning
 * from the handler (rt_sigreturn) loads the changed registers.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>
#include <hosted/int3.h>
#include <pvpatch/platform.h>
#include <pvpatch/text_poke.h>

#define X86_TRAP_BP	3

static struct int3_stats stats;

static void count(unsigned long *counter)
{
	__atomic_fetch_add(counter, 1, __ATOMIC_RELAXED);
}

/*
 * Not ours: die of SIGTRAP as the program would have without us. The
 * signal raised here stays pending while the handler blocks SIGTRAP and
 * is delivered, with the default action, right after rt_sigreturn has
 * restored the context of the int3.
 */
static void hand_back(void)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };

	count(&stats.foreign);
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTRAP, &dfl, NULL);
	raise(SIGTRAP);
}

/*
 * Only a #BP can be ours; anything else must not be "emulated" by moving
 * %rip. The kernel records the vector in the signal context: 3 for int3
 * (si_code SI_KERNEL; valgrind says TRAP_BRKPT), 1 for a debug trap. A
 * SIGTRAP sent by kill() or tgkill() (si_code <= 0) carries a stale one.
 */
static bool is_int3(const siginfo_t *info, const greg_t *gregs)
{
	return info->si_code > 0 && gregs[REG_TRAPNO] == X86_TRAP_BP;
}

/*
 * The handler runs on the interrupted thread's own stack. An emulated
 * call pushes its return address just below the interrupted %rsp, where
 * the signal frame might have been; it is not: the kernel builds the
 * frame below the 128-byte red zone of the x86-64 ABI, so the 8 bytes
 * under %rsp are untouched, and no code here keeps data there (a call
 * site would overwrite it, and the patched code is built -mno-red-zone).
 * An alternate stack would work too, but would need one per thread.
 */
static void sigtrap_handler(int sig, siginfo_t *info, void *context)
{
	ucontext_t *uc = context;
	greg_t *gregs = uc->uc_mcontext.gregs;
	struct int3_regs regs = {
		.ip = (uint64_t *)&gregs[REG_RIP],
		.sp = (uint64_t *)&gregs[REG_RSP],
		.ax = (uint64_t *)&gregs[REG_RAX],
		.flags = (uint64_t *)&gregs[REG_EFL],
	};
	uint64_t trap_ip = *regs.ip;

	if (!is_int3(info, gregs) || !text_poke_int3_handler(&regs)) {
		hand_back();
		return;
	}
	/* Rewound onto the int3's byte: the batch had finished by now. */
	count(*regs.ip == trap_ip - 1 ? &stats.late : &stats.emulated);
}

/*
 * All other signals are blocked while the handler runs: a handler of one
 * of them that met a patch site would take SIGTRAP while SIGTRAP is
 * blocked, and the kernel kills a thread that blocks a trap it causes.
 */
void int3_handler_init(void)
{
	struct sigaction sa = {
		.sa_sigaction = sigtrap_handler,
		.sa_flags = SA_SIGINFO,
	};

	sigfillset(&sa.sa_mask);
	if (sigaction(SIGTRAP, &sa, NULL))
		panic("int3: cannot install the SIGTRAP handler: %s", strerror(errno));
}

void int3_stats_read(struct int3_stats *out)
{
	out->emulated = __atomic_load_n(&stats.emulated, __ATOMIC_RELAXED);
	out->late = __atomic_load_n(&stats.late, __ATOMIC_RELAXED);
	out->foreign = __atomic_load_n(&stats.foreign, __ATOMIC_RELAXED);
}
