// SPDX-License-Identifier: GPL-2.0
/*
 * Plain C static call sites: static_call(name)(args) written in C, with
 * no asm registration. objtool static-calls records each compiled
 * "call __SCT__name" / "jmp __SCT__name" in the object's
 * static_call_sites table, so after boot the site is a direct call (or
 * jmp) to the key's target, never to the trampoline, and every
 * static_call_update() reaches it. Guest and hosted alike.
 */
#include <stdint.h>
#include <string.h>
#include <pvpatch/ktest.h>
#include <pvpatch/static_call.h>

#define OPCODE_CALL	0xe8
#define OPCODE_JMP	0xe9
#define SCAN_BYTES	64

static int times_two(int x) { return 2 * x; }
static int times_three(int x) { return 3 * x; }

DEFINE_STATIC_CALL(sc_plain, times_two);
DEFINE_STATIC_CALL(sc_plain_tail, times_two);

/* The "+ 1" keeps the call a call (not a tail jmp). */
static __noinline int plain_call(int x)
{
	return static_call(sc_plain)(x) + 1;
}

/* A tail call: gcc and clang at -O2 emit "jmp __SCT__sc_plain_tail". */
static __noinline int plain_tail(int x)
{
	return static_call(sc_plain_tail)(x);
}

static void *rel32_target(const uint8_t *insn)
{
	int32_t rel;

	memcpy(&rel, insn + 1, 4);
	return (void *)(insn + 5 + rel);
}

/* The first call/jmp (per @opcode) in @fn's first bytes that goes to @to. */
static const uint8_t *branch_to(const void *fn, uint8_t opcode, const void *to)
{
	const uint8_t *p = fn;

	for (int i = 0; i < SCAN_BYTES; i++)
		if (p[i] == opcode && rel32_target(p + i) == to)
			return p + i;
	return NULL;
}

static bool key_has_site(const struct static_call_key *key, const void *site)
{
	for (uint32_t i = 0; i < key->nr_sites; i++)
		if (static_call_site_addr(&key->sites[i]) == site)
			return true;
	return false;
}

static void check_site(struct kunit *test, const void *fn, uint8_t opcode,
		       struct static_call_key *key, void *tramp)
{
	const uint8_t *site = branch_to(fn, opcode, key->func);

	KUNIT_ASSERT_NOT_NULL_MSG(test, site,
				  "no direct %s to the target in the function: site not recorded by objtool?",
				  opcode == OPCODE_CALL ? "call" : "jmp");
	KUNIT_EXPECT_NULL(test, branch_to(fn, opcode, tramp));
	KUNIT_EXPECT_TRUE(test, key_has_site(key, site));
}

static void call_site_is_patched_at_boot(struct kunit *test)
{
	check_site(test, plain_call, OPCODE_CALL, &STATIC_CALL_KEY(sc_plain),
		   &STATIC_CALL_TRAMP(sc_plain));
	KUNIT_EXPECT_EQ(test, plain_call(5), 11);
}

static void call_site_follows_updates(struct kunit *test)
{
	static_call_update(sc_plain, times_three);
	check_site(test, plain_call, OPCODE_CALL, &STATIC_CALL_KEY(sc_plain),
		   &STATIC_CALL_TRAMP(sc_plain));
	KUNIT_EXPECT_EQ(test, plain_call(5), 16);
	static_call_update(sc_plain, times_two);
	check_site(test, plain_call, OPCODE_CALL, &STATIC_CALL_KEY(sc_plain),
		   &STATIC_CALL_TRAMP(sc_plain));
	KUNIT_EXPECT_EQ(test, plain_call(5), 11);
}

static void tail_site_is_patched_and_follows_updates(struct kunit *test)
{
	struct static_call_key *key = &STATIC_CALL_KEY(sc_plain_tail);
	void *tramp = &STATIC_CALL_TRAMP(sc_plain_tail);

	check_site(test, plain_tail, OPCODE_JMP, key, tramp);
	KUNIT_EXPECT_EQ(test, plain_tail(5), 10);
	static_call_update(sc_plain_tail, times_three);
	check_site(test, plain_tail, OPCODE_JMP, key, tramp);
	KUNIT_EXPECT_EQ(test, plain_tail(5), 15);
	static_call_update(sc_plain_tail, times_two);
	KUNIT_EXPECT_EQ(test, plain_tail(5), 10);
}

static struct kunit_case static_call_plain_cases[] = {
	KUNIT_CASE(call_site_is_patched_at_boot),
	KUNIT_CASE(call_site_follows_updates),
	KUNIT_CASE(tail_site_is_patched_and_follows_updates),
	{}
};

static struct kunit_suite static_call_plain_suite = {
	.name = "static_call_plain",
	.test_cases = static_call_plain_cases,
};
kunit_test_suite(static_call_plain_suite);
