// SPDX-License-Identifier: GPL-2.0
/*
 * A static call site inside an alternative's replacement (the shape of a
 * pvop's call arm): when that arm is applied at boot, static_call_init()
 * follows the site to where it runs and updates reach it there; when the
 * arm loses, the site is inactive and its replacement bytes stay as built.
 */
#include <stdint.h>
#include <string.h>
#include <asm/cpufeatures.h>
#include <pvpatch/alternative.h>
#include <pvpatch/ktest.h>
#include <pvpatch/static_call.h>

static int plus_one(int x) { return x + 1; }
static int plus_two(int x) { return x + 2; }

DEFINE_STATIC_CALL(sc_in_alt, plus_one);

#define ALT_CALL_FN(fn, feature)					\
	extern uint8_t fn##_site[];					\
	static __noinline int fn(int x)					\
	{								\
		long ret;						\
		__asm__ __volatile__(".globl " #fn "_site\n"		\
			#fn "_site:\n\t"				\
			ALTERNATIVE("mov $-1, %%eax",			\
				    STATIC_CALL_SITE(sc_in_alt), feature) \
			: "=a"(ret), "+D"(x) : : STATIC_CALL_CLOBBERS);	\
		return (int)ret;					\
	}

ALT_CALL_FN(arm_applied, X86_FEATURE_ALWAYS)
ALT_CALL_FN(arm_lost, X86_FEATURE_TEST_CLEAR)

static void *call_target(const uint8_t *insn)
{
	int32_t rel;

	memcpy(&rel, insn + 1, 4);
	return (void *)(insn + 5 + rel);
}

static void applied_arm_site_is_patched_where_it_runs(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, arm_applied_site[0], 0xe8);
	KUNIT_EXPECT_PTR_EQ(test, call_target(arm_applied_site), (void *)plus_one);
	KUNIT_EXPECT_EQ(test, arm_applied(1), 2);
}

static void updates_reach_the_live_site(struct kunit *test)
{
	static_call_update(sc_in_alt, plus_two);
	KUNIT_EXPECT_PTR_EQ(test, call_target(arm_applied_site), (void *)plus_two);
	KUNIT_EXPECT_EQ(test, arm_applied(1), 3);
	static_call_update(sc_in_alt, plus_one);
	KUNIT_EXPECT_EQ(test, arm_applied(1), 2);
}

static void lost_arm_site_is_inactive(struct kunit *test)
{
	struct static_call_key *key = &STATIC_CALL_KEY(sc_in_alt);

	KUNIT_EXPECT_EQ(test, arm_lost(1), -1);
	KUNIT_EXPECT_EQ(test, key->nr_sites, 2U);
	KUNIT_EXPECT_EQ(test, key->nr_inactive, 1U);
	KUNIT_EXPECT_EQ(test, key->nr_refused, 0U);
	static_call_update(sc_in_alt, plus_two);
	KUNIT_EXPECT_EQ(test, arm_lost(1), -1);	/* still the original */
	static_call_update(sc_in_alt, plus_one);
}

static struct kunit_case static_call_in_alternative_cases[] = {
	KUNIT_CASE(applied_arm_site_is_patched_where_it_runs),
	KUNIT_CASE(updates_reach_the_live_site),
	KUNIT_CASE(lost_arm_site_is_inactive),
	{}
};

static struct kunit_suite static_call_in_alternative_suite = {
	.name = "static_call_in_alternative",
	.test_cases = static_call_in_alternative_cases,
};
kunit_test_suite(static_call_in_alternative_suite);
