// SPDX-License-Identifier: GPL-2.0
/*
 * ktest in the guest. The all-CPUs cases on real CPUs: each online CPU
 * runs the case exactly once, under its own id. And the guest's own
 * vsnprintf, which every ktest report and every KTAP line goes through:
 * a formatting bug there would garble the results of every other suite.
 *
 * Portable C, so the same expectations also hold for libc's snprintf.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <pvpatch/ktest.h>
#include <pvpatch/printk.h>
#include <pvpatch/smp.h>

/* ---------------------------------------------------------- all CPUs */

struct cpu_census {
	unsigned int online;
	unsigned int entries[KTEST_MAX_CPUS];
};

static struct cpu_census census;

static int census_init(struct kunit *test)
{
	memset(&census, 0, sizeof(census));
	census.online = num_online_cpus();
	test->priv = &census;
	return 0;
}

/* init and exit run once, on the calling CPU, around all the CPUs. */
static void census_exit(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, num_online_cpus(), census.online);
	for (unsigned int cpu = 0; cpu < census.online; cpu++)
		KUNIT_EXPECT_EQ_MSG(test, census.entries[cpu], 1U,
				    "cpu %u ran the case this often", cpu);
}

static void every_cpu_runs_once_under_its_own_id(struct kunit *test)
{
	struct cpu_census *c = test->priv;
	unsigned int cpu = smp_processor_id();

	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_LT(test, cpu, c->online);
	KUNIT_EXPECT_EQ(test, num_online_cpus(), c->online);
	__atomic_fetch_add(&c->entries[cpu], 1, __ATOMIC_RELAXED);
	/* a case runs where it started: nothing migrates it */
	KUNIT_EXPECT_EQ(test, smp_processor_id(), cpu);
}

static struct kunit_case ktest_smp_cases[] = {
	KTEST_CASE_ALL_CPUS(every_cpu_runs_once_under_its_own_id),
	{}
};

static struct kunit_suite ktest_smp_suite = {
	.name = "ktest_smp",
	.init = census_init,
	.exit = census_exit,
	.test_cases = ktest_smp_cases,
};

/* ---------------------------------------------------------- vsnprintf */

/* Both the text and the length snprintf returns. */
#define EXPECT_FORMAT(test, want, fmt, ...)				\
do {									\
	char __buf[96];							\
	int __len = snprintf(__buf, sizeof(__buf), fmt, __VA_ARGS__);	\
									\
	KUNIT_EXPECT_STREQ_MSG(test, __buf, want, "format \"%s\"", fmt); \
	KUNIT_EXPECT_EQ_MSG(test, __len, (int)strlen(want),		\
			    "length from format \"%s\"", fmt);		\
} while (0)

static void integers_in_every_size(struct kunit *test)
{
	EXPECT_FORMAT(test, "0", "%d", 0);
	EXPECT_FORMAT(test, "42", "%d", 42);
	EXPECT_FORMAT(test, "-42", "%d", -42);
	EXPECT_FORMAT(test, "-2147483648", "%d", -2147483647 - 1);
	EXPECT_FORMAT(test, "4294967295", "%u", 0xffffffffU);
	EXPECT_FORMAT(test, "0", "%x", 0U);
	EXPECT_FORMAT(test, "deadbeef", "%x", 0xdeadbeefU);
	EXPECT_FORMAT(test, "ffffffffffffffff", "%lx", ~0UL);
	EXPECT_FORMAT(test, "123456789abcdef0", "%lx", 0x123456789abcdef0UL);
	EXPECT_FORMAT(test, "9223372036854775807", "%lld",
		      9223372036854775807LL);
	EXPECT_FORMAT(test, "-9223372036854775808", "%lld",
		      -9223372036854775807LL - 1);
	EXPECT_FORMAT(test, "ffffffffffffffff", "%llx", ~0ULL);
	EXPECT_FORMAT(test, "18446744073709551615", "%zu", SIZE_MAX);
	EXPECT_FORMAT(test, "0x1234", "%p", (void *)0x1234);
}

static void width_padding_and_left_flag(struct kunit *test)
{
	EXPECT_FORMAT(test, "   42", "%5d", 42);
	EXPECT_FORMAT(test, "  -42", "%5d", -42);
	EXPECT_FORMAT(test, "42   |", "%-5d|", 42);
	EXPECT_FORMAT(test, "00042", "%05d", 42);
	/* the sign goes before the zeros */
	EXPECT_FORMAT(test, "-0042", "%05d", -42);
	EXPECT_FORMAT(test, "123456", "%3d", 123456);
	EXPECT_FORMAT(test, "0000ff", "%06x", 255U);
	EXPECT_FORMAT(test, "       abc", "%10lx", 0xabcUL);
	EXPECT_FORMAT(test, "   7|", "%4zu|", (size_t)7);
	EXPECT_FORMAT(test, "7   |", "%-4zu|", (size_t)7);
	EXPECT_FORMAT(test, "|  x|", "|%3c|", 'x');
	EXPECT_FORMAT(test, "|x  |", "|%-3c|", 'x');
	EXPECT_FORMAT(test, "  hi|", "%4s|", "hi");
	EXPECT_FORMAT(test, "hi  |", "%-4s|", "hi");
	EXPECT_FORMAT(test, "   -5|", "%*d|", 5, -5);
}

static void precision_cuts_strings(struct kunit *test)
{
	EXPECT_FORMAT(test, "hel", "%.3s", "hello");
	EXPECT_FORMAT(test, "he", "%.*s", 2, "hello");
	EXPECT_FORMAT(test, "  hel", "%5.3s", "hello");
	EXPECT_FORMAT(test, "hel  |", "%-5.3s|", "hello");
	EXPECT_FORMAT(test, "hello", "%.10s", "hello");
	EXPECT_FORMAT(test, "[]", "[%.0s]", "abc");
	EXPECT_FORMAT(test, "007", "%.3d", 7);
}

static void characters_percent_and_mixtures(struct kunit *test)
{
	EXPECT_FORMAT(test, "a%b", "%c%%%s", 'a', "b");
	EXPECT_FORMAT(test, "100%", "%d%%", 100);
	EXPECT_FORMAT(test, "cpu 3: x=ff s=ok -1", "cpu %u: x=%x s=%s %lld",
		      3U, 255U, "ok", -1LL);
	/* what ktest prints for a failed check */
	EXPECT_FORMAT(test, "    a == -1 (0xffffffffffffffff)",
		      "    %s == %lld (0x%llx)", "a", -1LL,
		      (unsigned long long)-1LL);
}

/*
 * Through vsnprintf, which the compiler cannot see into: truncating on
 * purpose would otherwise be a -Wformat-truncation error.
 */
static __printf(3, 4) int format(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return len;
}

static void truncation_returns_the_full_length(struct kunit *test)
{
	char small[5];

	memset(small, 'X', sizeof(small));
	KUNIT_EXPECT_EQ(test, format(small, sizeof(small), "%s", "abcdefgh"), 8);
	KUNIT_EXPECT_STREQ(test, small, "abcd");
	KUNIT_EXPECT_EQ(test, format(small, sizeof(small), "%d", 1234), 4);
	KUNIT_EXPECT_STREQ(test, small, "1234");
	KUNIT_EXPECT_EQ(test, format(small, sizeof(small), "%d", -12345), 6);
	KUNIT_EXPECT_STREQ(test, small, "-123");
	/* size 0: nothing written, the length still counted */
	KUNIT_EXPECT_EQ(test, format(small, 0, "%s", "xyz"), 3);
	KUNIT_EXPECT_STREQ(test, small, "-123");
	KUNIT_EXPECT_EQ(test, format(NULL, 0, "%lu", 1234567UL), 7);
}

static struct kunit_case guest_vsnprintf_cases[] = {
	KUNIT_CASE(integers_in_every_size),
	KUNIT_CASE(width_padding_and_left_flag),
	KUNIT_CASE(precision_cuts_strings),
	KUNIT_CASE(characters_percent_and_mixtures),
	KUNIT_CASE(truncation_returns_the_full_length),
	{}
};

static struct kunit_suite guest_vsnprintf_suite = {
	.name = "guest_vsnprintf",
	.test_cases = guest_vsnprintf_cases,
};

kunit_test_suites(&ktest_smp_suite, &guest_vsnprintf_suite);
