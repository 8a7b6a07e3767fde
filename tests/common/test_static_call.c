// SPDX-License-Identifier: GPL-2.0
/*
 * Static calls, built into the guest and the hosted binary alike (one
 * source, both environments): every site kind (call, tail jmp,
 * trampoline only), every transition (call->call, NOP<->call for a NULL
 * key, RET0<->call), the exact bytes at each site, three syncs per
 * update and none for an update that changes nothing, refusal of a site
 * whose bytes are foreign, and the table sorted by key. In the guest the
 * writes go through the text_poke alias mapping and the sync is an IPI;
 * hosted, through the memfd alias, and the sync is membarrier(SYNC_CORE).
 */
#include <stdint.h>
#include <string.h>
#include <pvpatch/ktest.h>
#include <pvpatch/static_call.h>
#include <pvpatch/text_poke.h>
#include "../include/static_call_sites.h"

static const uint8_t nop5[] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };
static const uint8_t xor5[] = { 0x2e, 0x2e, 0x2e, 0x31, 0xc0 };
static const uint8_t ret5[] = { 0xc3, 0xcc, 0xcc, 0xcc, 0xcc };

static int add_one(int x) { return x + 1; }
static int add_two(int x) { return x + 2; }
static int add_ten(int x) { return x + 10; }

static volatile int hook_calls;
static void hook(void) { hook_calls++; }
static void other_hook(void) { hook_calls += 100; }

static long answer(void) { return 42; }

DEFINE_STATIC_CALL(sc_add, add_one);
DEFINE_STATIC_CALL(sc_tail, add_one);
DEFINE_STATIC_CALL(sc_tramp_only, add_one);
DEFINE_STATIC_CALL(sc_noop_update, add_one);
DEFINE_STATIC_CALL_NULL(sc_hook, hook);
DEFINE_STATIC_CALL_RET0(sc_ret0, answer);
DEFINE_STATIC_CALL(sc_refused, add_one);

DEFINE_INT_SITE(call_add, sc_add)
DEFINE_INT_SITE(call_add_again, sc_add)
DEFINE_VOID_SITE(call_hook, sc_hook)
DEFINE_INT_SITE(call_noop_update, sc_noop_update)
DEFINE_TAIL_SITE(tail_add, sc_tail);
int tail_add(int x);

static __noinline long call_ret0(void)
{
	long ret, d;

	__asm__ __volatile__(STATIC_CALL_SITE(sc_ret0)
			     : "=a"(ret), "=D"(d) : : STATIC_CALL_CLOBBERS);
	return ret;
}

/* A site whose bytes are a NOP, not the call to sc_refused's trampoline. */
__asm__(".pushsection .text\n\t"
	".globl refused_site\n"
	"refused_site:\n\t"
	".byte 0x0f, 0x1f, 0x44, 0x00, 0x00\n\t"
	"ret\n\t"
	".pushsection static_call_sites, \"aw\"\n\t"
	".balign 4\n\t"
	".long refused_site - .\n\t"
	".long " STATIC_CALL_KEY_STR(sc_refused) " - .\n\t"
	".popsection\n\t"
	".popsection");
extern const uint8_t refused_site[];

/* The first 5 bytes at or after fn (within 64) that equal want. */
static const uint8_t *find_bytes(const void *fn, const uint8_t *want)
{
	const uint8_t *p = fn;

	for (int i = 0; i < 64; i++) {
		if (!memcmp(p + i, want, 5))
			return p + i;
	}
	return NULL;
}

/* The static call site inside an asm-site function: its first opcode. */
static const uint8_t *site_of(const void *fn, uint8_t opcode)
{
	const uint8_t *p = fn;

	for (int i = 0; i < 64; i++) {
		if (p[i] == opcode)
			return p + i;
	}
	return NULL;
}

static void *rel32_target(const uint8_t *insn)
{
	int32_t rel;

	memcpy(&rel, insn + 1, 4);
	return (void *)(insn + 5 + rel);
}

static void boot_points_sites_straight_at_the_target(struct kunit *test)
{
	const uint8_t *site = site_of(call_add, 0xe8);

	KUNIT_ASSERT_NOT_NULL(test, site);
	KUNIT_EXPECT_PTR_EQ(test, rel32_target(site), (void *)add_one);
	KUNIT_EXPECT_EQ(test, call_add(1), 2);
	/* The two asm sites, and the plain C ones objtool recorded. */
	KUNIT_EXPECT_GE(test, STATIC_CALL_KEY(sc_add).nr_sites, 2U);
	KUNIT_EXPECT_EQ(test, STATIC_CALL_KEY(sc_add).nr_refused, 0U);
}

static void call_to_call(struct kunit *test)
{
	const uint8_t *site = site_of(call_add, 0xe8);
	const uint8_t *tramp = (const uint8_t *)&STATIC_CALL_TRAMP(sc_add);

	KUNIT_ASSERT_NOT_NULL(test, site);
	static_call_update(sc_add, add_two);
	KUNIT_EXPECT_PTR_EQ(test, rel32_target(site), (void *)add_two);
	KUNIT_EXPECT_EQ(test, tramp[0], 0xe9);
	KUNIT_EXPECT_PTR_EQ(test, rel32_target(tramp), (void *)add_two);
	KUNIT_EXPECT_EQ(test, call_add(1), 3);
	KUNIT_EXPECT_EQ(test, call_add_again(1), 3);
	KUNIT_EXPECT_EQ(test, static_call(sc_add)(1), 3);
	static_call_update(sc_add, add_one);
	KUNIT_EXPECT_EQ(test, call_add(1), 2);
	KUNIT_EXPECT_EQ(test, static_call(sc_add)(1), 2);
}

static void null_key_sites_are_nops_until_set(struct kunit *test)
{
	const uint8_t *site = find_bytes(call_hook, nop5);
	const uint8_t *tramp = (const uint8_t *)&STATIC_CALL_TRAMP(sc_hook);

	KUNIT_ASSERT_NOT_NULL(test, site);
	KUNIT_EXPECT_EQ(test, memcmp(tramp, ret5, 5), 0);
	hook_calls = 0;
	call_hook();
	static_call_cond(sc_hook)();
	KUNIT_EXPECT_EQ(test, hook_calls, 0);

	static_call_update(sc_hook, hook);		/* NOP -> call */
	KUNIT_EXPECT_EQ(test, site[0], 0xe8);
	KUNIT_EXPECT_PTR_EQ(test, rel32_target(site), (void *)hook);
	call_hook();
	KUNIT_EXPECT_EQ(test, hook_calls, 1);
	static_call_update(sc_hook, other_hook);	/* call -> call */
	call_hook();
	KUNIT_EXPECT_EQ(test, hook_calls, 101);

	static_call_update(sc_hook, NULL);		/* call -> NOP */
	KUNIT_EXPECT_EQ(test, memcmp(site, nop5, 5), 0);
	KUNIT_EXPECT_EQ(test, memcmp(tramp, ret5, 5), 0);
	call_hook();
	static_call_cond(sc_hook)();
	KUNIT_EXPECT_EQ(test, hook_calls, 101);
}

static void ret0_sites_become_xor_eax(struct kunit *test)
{
	const uint8_t *site = find_bytes(call_ret0, xor5);

	KUNIT_ASSERT_NOT_NULL(test, site);
	KUNIT_EXPECT_EQ(test, call_ret0(), 0L);
	KUNIT_EXPECT_EQ(test, static_call(sc_ret0)(), 0L);

	static_call_update(sc_ret0, answer);		/* RET0 -> call */
	KUNIT_EXPECT_EQ(test, site[0], 0xe8);
	KUNIT_EXPECT_PTR_EQ(test, rel32_target(site), (void *)answer);
	KUNIT_EXPECT_EQ(test, call_ret0(), 42L);
	KUNIT_EXPECT_EQ(test, static_call(sc_ret0)(), 42L);

	static_call_update(sc_ret0, (long (*)(void))__static_call_return0);
	KUNIT_EXPECT_EQ(test, memcmp(site, xor5, 5), 0);	/* call -> RET0 */
	KUNIT_EXPECT_EQ(test, call_ret0(), 0L);
	KUNIT_EXPECT_EQ(test, static_call(sc_ret0)(), 0L);
}

static void tail_sites_jump(struct kunit *test)
{
	const uint8_t *site = (const uint8_t *)tail_add;

	KUNIT_ASSERT_EQ(test, site[0], 0xe9);
	KUNIT_EXPECT_PTR_EQ(test, rel32_target(site), (void *)add_one);
	KUNIT_EXPECT_EQ(test, tail_add(5), 6);
	static_call_update(sc_tail, add_ten);
	KUNIT_EXPECT_EQ(test, site[0], 0xe9);
	KUNIT_EXPECT_PTR_EQ(test, rel32_target(site), (void *)add_ten);
	KUNIT_EXPECT_EQ(test, tail_add(5), 15);
	static_call_update(sc_tail, add_one);
	KUNIT_EXPECT_EQ(test, tail_add(5), 6);
}

/*
 * Called only through a pointer to its trampoline: no direct call for
 * objtool to record, so the key has no sites at all.
 */
static int (*volatile tramp_only)(int) = &STATIC_CALL_TRAMP(sc_tramp_only);

static void trampoline_only_keys(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, STATIC_CALL_KEY(sc_tramp_only).nr_sites, 0U);
	KUNIT_EXPECT_EQ(test, tramp_only(1), 2);
	static_call_update(sc_tramp_only, add_ten);
	KUNIT_EXPECT_EQ(test, tramp_only(1), 11);
	KUNIT_EXPECT_PTR_EQ(test, static_call_query(sc_tramp_only), (void *)add_ten);
	static_call_update(sc_tramp_only, add_one);
	KUNIT_EXPECT_EQ(test, tramp_only(1), 2);
}

static void an_update_costs_three_syncs_and_no_change_costs_none(struct kunit *test)
{
	unsigned long before = text_poke_sync_count();

	static_call_update(sc_noop_update, add_one);	/* already add_one */
	KUNIT_EXPECT_EQ(test, text_poke_sync_count(), before);
	static_call_update(sc_noop_update, add_two);
	KUNIT_EXPECT_EQ(test, text_poke_sync_count(), before + 3);
	KUNIT_EXPECT_EQ(test, call_noop_update(1), 3);
	static_call_update(sc_noop_update, add_one);
	KUNIT_EXPECT_EQ(test, text_poke_sync_count(), before + 6);
	KUNIT_EXPECT_EQ(test, call_noop_update(1), 2);
}

static void foreign_site_bytes_are_refused(struct kunit *test)
{
	/* The foreign asm site, and the plain C call below. */
	KUNIT_EXPECT_GE(test, STATIC_CALL_KEY(sc_refused).nr_sites, 1U);
	KUNIT_EXPECT_EQ(test, STATIC_CALL_KEY(sc_refused).nr_refused, 1U);
	KUNIT_EXPECT_EQ(test, memcmp(refused_site, nop5, 5), 0);
	static_call_update(sc_refused, add_two);
	KUNIT_EXPECT_EQ(test, memcmp(refused_site, nop5, 5), 0);
	KUNIT_EXPECT_EQ(test, static_call(sc_refused)(1), 3);
	static_call_update(sc_refused, add_one);
	KUNIT_EXPECT_GE(test, static_call_stats.refused, 1UL);
}

static void site_table_is_sorted_by_key(struct kunit *test)
{
	const struct static_call_site *s = __start_static_call_sites;
	size_t n = __stop_static_call_sites - s;

	KUNIT_ASSERT_GT(test, n, (size_t)5);
	for (size_t i = 1; i < n; i++)
		KUNIT_EXPECT_LE(test, (uintptr_t)static_call_site_key(&s[i - 1]),
				(uintptr_t)static_call_site_key(&s[i]));
	KUNIT_EXPECT_PTR_EQ(test, static_call_site_key(STATIC_CALL_KEY(sc_add).sites),
			    &STATIC_CALL_KEY(sc_add));
	KUNIT_EXPECT_EQ(test, static_call_stats.sites, (unsigned long)n);
}

static struct kunit_case static_call_cases[] = {
	KUNIT_CASE(boot_points_sites_straight_at_the_target),
	KUNIT_CASE(call_to_call),
	KUNIT_CASE(null_key_sites_are_nops_until_set),
	KUNIT_CASE(ret0_sites_become_xor_eax),
	KUNIT_CASE(tail_sites_jump),
	KUNIT_CASE(trampoline_only_keys),
	KUNIT_CASE(an_update_costs_three_syncs_and_no_change_costs_none),
	KUNIT_CASE(foreign_site_bytes_are_refused),
	KUNIT_CASE(site_table_is_sorted_by_key),
	{}
};

static struct kunit_suite static_call_suite = {
	.name = "static_call",
	.test_cases = static_call_cases,
};
kunit_test_suite(static_call_suite);
