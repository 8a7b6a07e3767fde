// SPDX-License-Identifier: GPL-2.0
/*
 * Alternatives: arm selection (plain, NOT, ALTERNATIVE_2), relocation of
 * rel32 branches and RIP-relative operands that move with a replacement,
 * jmp shrinking, call *ptr -> direct call, and the exact NOP padding.
 * The sites live in a private table applied once by suite_init, with
 * X86_FEATURE_TEST_SET set and X86_FEATURE_TEST_CLEAR clear.
 */
#define ALT_TABLE alt_instructions_test
#include <stdint.h>
#include <string.h>
#include <asm/cpufeatures.h>
#include <pvpatch/alternative.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/ktest.h>
#include <pvpatch/text_poke.h>

extern struct alt_instr __start_alt_instructions_test[], __stop_alt_instructions_test[];
extern uint8_t asm_alt_site[];
int asm_alt_function(void);

#define SET	X86_FEATURE_TEST_SET
#define CLEAR	X86_FEATURE_TEST_CLEAR

/* Each function's first bytes are its site: mark them with a label. */
#define SITE_FN(name, body)						\
	extern uint8_t name##_site[];					\
	static __noinline long name(void)				\
	{								\
		long ret;						\
		__asm__ __volatile__(".globl " #name "_site\n"		\
				     #name "_site:\n\t" body		\
				     : "=a"(ret) : : "rcx", "rdx", "rsi", "rdi", \
				       "r8", "r9", "r10", "r11", "memory", "cc"); \
		return ret;						\
	}

static volatile long alt_var = 1234;
static long seven(void) { return 7; }
static long (*volatile direct_ptr)(void) __used = seven;	/* asm reads it */
static long (*volatile null_ptr)(void) __used;

SITE_FN(taken, ALTERNATIVE("mov $1, %%eax", "mov $2, %%eax", SET))
SITE_FN(not_taken, ALTERNATIVE("xor %%eax, %%eax", "mov $0x12345678, %%eax", CLEAR))
SITE_FN(not_arm, ALTERNATIVE("mov $1, %%eax", "mov $3, %%eax", ALT_NOT(CLEAR)))
SITE_FN(both_hold, ALTERNATIVE_2("mov $1, %%eax", "mov $2, %%eax", SET,
				 "mov $3, %%eax", SET))
SITE_FN(first_holds, ALTERNATIVE_2("mov $1, %%eax", "mov $2, %%eax", SET,
				   "mov $3, %%eax", CLEAR))
SITE_FN(none_hold, ALTERNATIVE_2("mov $1, %%eax", "mov $2, %%eax", CLEAR,
				 "mov $3, %%eax", ALT_NOT(SET)))
SITE_FN(moved_call, ALTERNATIVE("xor %%eax, %%eax", "call seven", SET))
SITE_FN(moved_rip_relative, ALTERNATIVE("xor %%eax, %%eax",
					"mov alt_var(%%rip), %%rax", SET))
SITE_FN(moved_jcc, "xor %%eax, %%eax\n\t"
	ALTERNATIVE("mov $5, %%eax", "jz 9f", SET) "\n\t"
	"mov $6, %%eax\n9:")
SITE_FN(shrunk_jmp, "mov $1, %%eax\n\t"
	ALTERNATIVE("mov $2, %%eax", "jmp 9f", SET) "\n\t"
	"mov $3, %%eax\n9:")
SITE_FN(direct_call, ALTERNATIVE("call *direct_ptr(%%rip)",
				 "call *direct_ptr(%%rip)", ALT_DIRECT_CALL(SET)))
SITE_FN(null_direct_call, "mov $9, %%eax\n\t"
	ALTERNATIVE("call *null_ptr(%%rip)", "call *null_ptr(%%rip)",
		    ALT_DIRECT_CALL(SET)))
SITE_FN(long_padding, ALTERNATIVE("xor %%eax, %%eax",
				  "movabs $0x1122334455667788, %%rax\n\t"
				  "mov $1, %%ecx\n\tmov $2, %%edx", CLEAR))

/*
 * What the one apply of the test table did, seen from outside the walk:
 * each distinct site with its bytes from before, the sites the walk
 * counted, and the text_poke() writes it made.
 */
#define MAX_TEST_SITES		32
#define MAX_TEST_SITE_LEN	32

struct test_site {
	const uint8_t *addr;
	uint8_t len;
	uint8_t before[MAX_TEST_SITE_LEN];
};

static struct test_site test_sites[MAX_TEST_SITES];
static unsigned int nr_test_sites;
static unsigned long sites_walked, sites_written;

static int record_test_sites(void)
{
	for (struct alt_instr *a = __start_alt_instructions_test;
	     a < __stop_alt_instructions_test; a++) {
		const uint8_t *site = alt_site(a);
		unsigned int i = 0;

		while (i < nr_test_sites && test_sites[i].addr != site)
			i++;
		if (i < nr_test_sites)
			continue;
		if (nr_test_sites == MAX_TEST_SITES || a->instrlen > MAX_TEST_SITE_LEN)
			return -1;
		test_sites[i] = (struct test_site){ .addr = site, .len = a->instrlen };
		memcpy(test_sites[i].before, site, a->instrlen);
		nr_test_sites++;
	}
	return 0;
}

static int apply_test_table(struct kunit_suite *suite)
{
	static bool applied;

	if (!cpu_feature_enabled(SET) || cpu_feature_enabled(CLEAR))
		return -1;
	if (applied)
		return 0;
	if (record_test_sites())
		return -1;
	unsigned long walked = alternatives_stats.sites, writes = text_poke_write_count();

	apply_alternatives(__start_alt_instructions_test,
			   __stop_alt_instructions_test);
	sites_walked = alternatives_stats.sites - walked;
	sites_written = text_poke_write_count() - writes;
	applied = true;
	return 0;
}

static int32_t rel32_at(const uint8_t *p)
{
	int32_t v;

	memcpy(&v, p, 4);
	return v;
}

static void arms_are_chosen_by_feature(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, taken(), 2L);
	KUNIT_EXPECT_EQ(test, not_taken(), 0L);
	KUNIT_EXPECT_EQ(test, not_arm(), 3L);
}

static void the_last_arm_that_holds_wins(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, both_hold(), 3L);
	KUNIT_EXPECT_EQ(test, first_holds(), 2L);
	KUNIT_EXPECT_EQ(test, none_hold(), 1L);
}

static void kept_original_gets_one_nop(struct kunit *test)
{
	static const uint8_t want[] = { 0x31, 0xc0, 0x0f, 0x1f, 0x00 };

	KUNIT_EXPECT_MEMEQ(test, not_taken_site, want, sizeof(want));
}

static void long_padding_is_jumped_over(struct kunit *test)
{
	/* 2-byte original, 20-byte arm: jmp +16 over 16 int3s. */
	uint8_t want[20] = { 0x31, 0xc0, 0xeb, 16 };

	memset(want + 4, 0xcc, 16);
	KUNIT_EXPECT_MEMEQ(test, long_padding_site, want, sizeof(want));
	KUNIT_EXPECT_EQ(test, long_padding(), 0L);
}

static void rel32_call_is_relocated(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, moved_call_site[0], 0xe8);
	KUNIT_EXPECT_PTR_EQ(test, moved_call_site + 5 + rel32_at(moved_call_site + 1),
			    (uint8_t *)seven);
	KUNIT_EXPECT_EQ(test, moved_call(), 7L);
}

static void rip_relative_operand_is_relocated(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, moved_rip_relative(), 1234L);
	alt_var = 99;
	KUNIT_EXPECT_EQ(test, moved_rip_relative(), 99L);
}

static void jcc_rel32_is_relocated(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, moved_jcc(), 0L);	/* zf set by xor: jumps over */
}

static void jmp_is_shrunk_when_it_fits(struct kunit *test)
{
	const uint8_t *site = shrunk_jmp_site + 5;	/* after mov $1 */

	KUNIT_EXPECT_EQ(test, site[0], 0xeb);
	KUNIT_EXPECT_EQ(test, site[1], 3 + 5);	/* 3 bytes of padding, mov $3 */
	KUNIT_EXPECT_EQ(test, site[2], 0x0f);	/* 3-byte NOP */
	KUNIT_EXPECT_EQ(test, shrunk_jmp(), 1L);
	KUNIT_EXPECT_GT(test, alternatives_stats.jmps_shrunk, 0UL);
}

static void indirect_call_becomes_direct(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, direct_call_site[0], 0xe8);
	KUNIT_EXPECT_PTR_EQ(test, direct_call_site + 5 + rel32_at(direct_call_site + 1),
			    (uint8_t *)seven);
	KUNIT_EXPECT_EQ(test, direct_call_site[5], 0x90);	/* 1-byte pad */
	KUNIT_EXPECT_EQ(test, direct_call(), 7L);
}

static void null_pointer_call_becomes_a_nop(struct kunit *test)
{
	static const uint8_t nop6[] = { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 };

	KUNIT_EXPECT_MEMEQ(test, null_direct_call_site + 5, nop6, sizeof(nop6));
	KUNIT_EXPECT_EQ(test, null_direct_call(), 9L);
}

static void asm_file_alternatives_work(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, asm_alt_function(), 42);
	KUNIT_EXPECT_EQ(test, asm_alt_site[0], 0xb8);	/* mov $42, %eax */
}

/*
 * One visit per site however many arms it has, and one write for each
 * site whose bytes changed (all of them at once), none for the others.
 */
static void every_site_is_written_once(struct kunit *test)
{
	size_t entries = __stop_alt_instructions_test - __start_alt_instructions_test;
	unsigned int changed = 0;

	/* Three ALTERNATIVE_2s hold two entries for one site each. */
	KUNIT_EXPECT_EQ(test, entries, (size_t)17);
	KUNIT_EXPECT_EQ(test, nr_test_sites, 14U);
	for (unsigned int i = 0; i < nr_test_sites; i++)
		changed += !!memcmp(test_sites[i].addr, test_sites[i].before, test_sites[i].len);
	kunit_info(test, "%u sites: %lu walked, %u changed, %lu writes",
		   nr_test_sites, sites_walked, changed, sites_written);
	KUNIT_EXPECT_EQ(test, sites_walked, (unsigned long)nr_test_sites);
	KUNIT_EXPECT_EQ(test, sites_written, (unsigned long)changed);
}

static struct kunit_case alternative_cases[] = {
	KUNIT_CASE(arms_are_chosen_by_feature),
	KUNIT_CASE(the_last_arm_that_holds_wins),
	KUNIT_CASE(kept_original_gets_one_nop),
	KUNIT_CASE(long_padding_is_jumped_over),
	KUNIT_CASE(rel32_call_is_relocated),
	KUNIT_CASE(rip_relative_operand_is_relocated),
	KUNIT_CASE(jcc_rel32_is_relocated),
	KUNIT_CASE(jmp_is_shrunk_when_it_fits),
	KUNIT_CASE(indirect_call_becomes_direct),
	KUNIT_CASE(null_pointer_call_becomes_a_nop),
	KUNIT_CASE(asm_file_alternatives_work),
	KUNIT_CASE(every_site_is_written_once),
	{}
};

static struct kunit_suite alternative_suite = {
	.name = "alternative",
	.suite_init = apply_test_table,
	.test_cases = alternative_cases,
};
kunit_test_suite(alternative_suite);
