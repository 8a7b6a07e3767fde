// SPDX-License-Identifier: GPL-2.0
/*
 * The hosted SIGTRAP handler leaves foreign traps alone: a stray int3
 * that no patch put there, or a SIGTRAP sent with raise(), still kills
 * the process with SIGTRAP, exactly as it would without the handler.
 */
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <pvpatch/ktest.h>

static bool sigtrap_is_handled(void)
{
	struct sigaction sa;

	return !sigaction(SIGTRAP, NULL, &sa) && (sa.sa_flags & SA_SIGINFO) &&
	       sa.sa_sigaction;
}

static void int3_in_child(void)
{
	__asm__ __volatile__("int3");
}

static void raise_in_child(void)
{
	raise(SIGTRAP);
}

/* Run trap() in a child; expect the child to die of SIGTRAP. */
static void expect_death_by_sigtrap(struct kunit *test, void (*trap)(void))
{
	struct rlimit no_core = { 0, 0 };
	int status;
	pid_t pid;

	/* Otherwise the test would pass without testing the handler. */
	KUNIT_ASSERT_TRUE(test, sigtrap_is_handled());
	pid = fork();
	KUNIT_ASSERT_GE(test, pid, 0);
	if (pid == 0) {
		setrlimit(RLIMIT_CORE, &no_core);
		trap();
		_exit(0);
	}
	KUNIT_ASSERT_EQ(test, waitpid(pid, &status, 0), pid);
	KUNIT_EXPECT_TRUE_MSG(test, WIFSIGNALED(status),
			      "child status %#x: the trap did not kill it", status);
	if (WIFSIGNALED(status))
		KUNIT_EXPECT_EQ(test, WTERMSIG(status), SIGTRAP);
}

static void a_stray_int3_still_kills_with_sigtrap(struct kunit *test)
{
	expect_death_by_sigtrap(test, int3_in_child);
}

/* Not an int3 at all: the handler must not move %rip to "emulate" it. */
static void a_sigtrap_sent_by_raise_still_kills(struct kunit *test)
{
	expect_death_by_sigtrap(test, raise_in_child);
}

static struct kunit_case int3_cases[] = {
	KUNIT_CASE(a_stray_int3_still_kills_with_sigtrap),
	KUNIT_CASE(a_sigtrap_sent_by_raise_still_kills),
	{}
};

static struct kunit_suite int3_suite = {
	.name = "hosted_int3",
	.test_cases = int3_cases,
};
kunit_test_suite(int3_suite);
