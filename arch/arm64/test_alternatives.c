// SPDX-License-Identifier: GPL-2.0
/*
 * arm64_alternatives: sites applied at boot from the main table, before
 * the other CPUs started (guest/main.c), checked here by their live
 * instructions and by running them.
 *   - a site keyed on LSE atomics picks a different arm on cortex-a57
 *     (no LSE) and on -cpu max (LSE), checked against ID_AA64ISAR0_EL1;
 *     ALT_NOT, one on PAN, and ALTERNATIVE_2 on CRC32 and LSE (a57:
 *     arm 1, max: 2);
 *   - arms with B, BL, B.cond, CBZ, CBNZ, TBZ, ADR and ADRP whose
 *     targets lie outside the arm reach them from the site; targets
 *     inside the arm (its end included) are left alone;
 *   - callback arms (from C and from .S), run once, given the original;
 *   - literal loads are refused (the checker on crafted instructions;
 *     arm64_alternatives.bad_site=1 applies a broken table, which must
 *     stop the run with a panic naming the site);
 *   - out-of-range relocations are refused (the relocator on crafted
 *     addresses).
 * arm64_alternatives.expect=+cap,-cap,... (a row's boot argument) says
 * which caps this CPU model must have and lack, so a detection that
 * finds nothing cannot pass on max.
 */
#include <stdint.h>
#include <string.h>
#include <asm/cpufeatures.h>
#include <asm/insn.h>
#include <asm/processor.h>
#include <asm/sysreg.h>
#include <pvpatch/alternative.h>
#include <pvpatch/bootargs.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/ktest.h>
#include "arm64.h"

extern const uint8_t __start_alt_replacement[], __stop_alt_replacement[];

#define LSE	ARM64_CAP_LSE_ATOMICS
#define SET	ARM64_CAP_TEST_SET
#define CLEAR	ARM64_CAP_TEST_CLEAR

/* ---------------------------------------------------------------- boot arguments */

static char expect_arg[128];
static bool apply_bad_site;

static const char *set_expect(const char *value)
{
	if (strlen(value) >= sizeof(expect_arg))
		return "too long";
	strcpy(expect_arg, value);
	return NULL;
}
BOOT_PARAM(alt_expect, "arm64_alternatives.expect", set_expect,
	   "caps this CPU must have (+name) or lack (-name), comma separated");

static const char *set_bad_site(const char *value)
{
	if (strcmp(value, "1") == 0)
		apply_bad_site = true;
	else if (strcmp(value, "0"))
		return "expected 0 or 1";
	return NULL;
}
BOOT_PARAM(alt_bad_site, "arm64_alternatives.bad_site", set_bad_site,
	   "1: apply a table whose arm holds a literal load (must panic)");

/* ---------------------------------------------------------------- sites */

/*
 * A function whose body is one asm statement; x0 is its result. The
 * clobbers cover a BL to a C function (x1..x18, x30). name##_start
 * marks the statement's first instruction.
 */
#define SITE_FN_IN(name, attrs, body)					\
	extern const uint32_t name##_start[];				\
	static __noinline attrs long name(void)				\
	{								\
		register long ret __asm__("x0");			\
		__asm__ __volatile__(".globl " #name "_start\n"		\
				     #name "_start:\n\t" body		\
				     : "=r"(ret) : :			\
				       "x1", "x2", "x3", "x4", "x5", "x6", "x7", \
				       "x8", "x9", "x10", "x11", "x12", "x13", \
				       "x14", "x15", "x16", "x17", "x18", "x30", \
				       "memory", "cc");			\
		return ret;						\
	}
#define SITE_FN(name, body)	SITE_FN_IN(name, , body)
/* In alt_near_text (the end of text), for arms that branch back to it
 * with a short range (guest.lds.S). */
#define NEAR_SITE_FN(name, body)					\
	SITE_FN_IN(name, __section("alt_near_text"), body)

long lse_counter __used;
long alt_var __used = 1234;
long alt_test_seven(void);
long __section("alt_near_text") __noinline alt_test_seven(void)
{
	return 7;
}

/* The same effect, counter += 1, either way; x0 says which arm ran. */
SITE_FN(lse_add,
	"adrp x1, lse_counter\n\t"
	"add x1, x1, :lo12:lse_counter\n\t"
	"mov x2, #1\n\t"
	ALTERNATIVE("1: ldxr x3, [x1]\n\t"
		    "add x3, x3, x2\n\t"
		    "stxr w4, x3, [x1]\n\t"
		    "cbnz w4, 1b\n\t"
		    "mov x0, #1",
		    ".arch_extension lse\n\t"
		    "stadd x2, [x1]\n\t"
		    "nop\n\tnop\n\tnop\n\t"
		    "mov x0, #2", LSE))
SITE_FN(not_lse, ALTERNATIVE("mov x0, #1", "mov x0, #3", ALT_NOT(LSE)))
SITE_FN(pan_site, ALTERNATIVE("mov x0, #0", "mov x0, #1", ARM64_CAP_PAN))
SITE_FN(crc_or_lse, ALTERNATIVE_2("mov x0, #0", "mov x0, #1", ARM64_CAP_CRC32,
				  "mov x0, #2", LSE))
SITE_FN(both_hold, ALTERNATIVE_2("mov x0, #1", "mov x0, #2", SET, "mov x0, #3", SET))
SITE_FN(first_holds, ALTERNATIVE_2("mov x0, #1", "mov x0, #2", SET, "mov x0, #3", CLEAR))
SITE_FN(none_hold, ALTERNATIVE_2("mov x0, #1", "mov x0, #2", CLEAR,
				 "mov x0, #3", ALT_NOT(SET)))

/* Relocation: each arm's branch leaves the arm for a label after it. */
SITE_FN(moved_b, "mov x0, #5\n\t"
	ALTERNATIVE("mov x0, #1", "b 9f", SET) "\n\t"
	"mov x0, #2\n9:")
SITE_FN(moved_bl, ALTERNATIVE("mov x0, #0", "bl alt_test_seven", SET))
SITE_FN(moved_bcond, "mov x0, #5\n\tcmp x0, #5\n\t"
	ALTERNATIVE("mov x0, #1", "b.eq 9f", SET) "\n\t"
	"mov x0, #2\n9:")
SITE_FN(moved_cbz, "mov x0, #0\n\t"
	ALTERNATIVE("mov x0, #1", "cbz x0, 9f", SET) "\n\t"
	"mov x0, #2\n9:")
SITE_FN(moved_cbnz, "mov x0, #8\n\t"
	ALTERNATIVE("mov x0, #1", "cbnz x0, 9f", SET) "\n\t"
	"mov x0, #2\n9:")
NEAR_SITE_FN(moved_tbz, "mov x0, #4\n\t"
	     ALTERNATIVE("mov x0, #1", "tbz x0, #0, 9f", SET) "\n\t"
	     "mov x0, #2\n9:")
NEAR_SITE_FN(moved_adr, ALTERNATIVE("mov x0, #0", "adr x0, alt_test_seven", SET))
SITE_FN(moved_adrp, ALTERNATIVE("mov x0, #0\n\tmov x0, #0",
				"adrp x0, alt_var\n\tadd x0, x0, :lo12:alt_var", SET))
/* Targets inside the arm, and its end ("past the site"), move with it. */
SITE_FN(inner_branches, "mov x0, #6\n\t"
	ALTERNATIVE("mov x0, #1\n\tnop\n\tnop\n\tnop",
		    "b 1f\n\tmov x0, #3\n1:\tcbz xzr, 2f\n\tmov x0, #4\n2:", SET))

/* Callbacks: the arm is written at boot. */
#define CB_VALUE	0x1234beefUL

static unsigned int callback_calls, unused_callback_calls;
static uint32_t callback_saw_orig[2];
static unsigned int callback_saw_nr;

void alt_test_callback(const struct alt_instr *a, const uint32_t *orig,
		       uint32_t *updated, unsigned int nr);
void alt_test_callback(const struct alt_instr *a, const uint32_t *orig,
		       uint32_t *updated, unsigned int nr)
{
	callback_calls++;
	callback_saw_nr = nr;
	memcpy(callback_saw_orig, orig, sizeof(callback_saw_orig));
	updated[0] = a64_movz_x(0, CB_VALUE & 0xffff, 0);
	updated[1] = a64_movk_x(0, CB_VALUE >> 16, 1);
}

void alt_test_unused_callback(const struct alt_instr *a, const uint32_t *orig,
			      uint32_t *updated, unsigned int nr);
void alt_test_unused_callback(const struct alt_instr *a, const uint32_t *orig,
			      uint32_t *updated, unsigned int nr)
{
	unused_callback_calls++;
	updated[0] = a64_movz_x(0, 99, 0);
}

/* The .S side's callback: x0 = 43. */
void alt_test_asm_callback(const struct alt_instr *a, const uint32_t *orig,
			   uint32_t *updated, unsigned int nr);
void alt_test_asm_callback(const struct alt_instr *a, const uint32_t *orig,
			   uint32_t *updated, unsigned int nr)
{
	updated[0] = a64_movz_x(0, 43, 0);
}

SITE_FN(callback_site, ALTERNATIVE_CB("mov x0, #1\n\tnop", alt_test_callback, SET))
SITE_FN(unused_callback_site, ALTERNATIVE_CB("mov x0, #1", alt_test_unused_callback, CLEAR))

long asm_alt_function(void);
long asm_alt_callback_function(void);

/* The broken table: a literal load in an arm, applied only on request. */
#undef ALT_TABLE
#define ALT_TABLE alt_instructions_bad
#undef ALT_REPLACEMENT_SECTION
#define ALT_REPLACEMENT_SECTION alt_replacement_bad
extern struct alt_instr __start_alt_instructions_bad[], __stop_alt_instructions_bad[];
NEAR_SITE_FN(literal_site, ALTERNATIVE("mov x0, #1", "ldr x0, 8f", SET) "\n\t"
	     "b 9f\n\t.balign 8\n8:\t.quad 77\n9:")
#undef ALT_TABLE
#define ALT_TABLE alt_instructions
#undef ALT_REPLACEMENT_SECTION
#define ALT_REPLACEMENT_SECTION alt_replacement

/* ---------------------------------------------------------------- helpers */

/* The main table's entry whose site starts within a function's asm. */
static const struct alt_instr *entry_in(const uint32_t *start, unsigned int words)
{
	for (const struct alt_instr *a = __start_alt_instructions;
	     a < __stop_alt_instructions; a++) {
		const uint32_t *site = (const uint32_t *)alt_site(a);

		if (site >= start && site < start + words)
			return a;
	}
	return NULL;
}

static uint32_t live_insn(const struct alt_instr *a, unsigned int i)
{
	return ((const uint32_t *)alt_site(a))[i];
}

static bool id_field_at_least(uint64_t reg, unsigned int shift, unsigned int min)
{
	return ((reg >> shift) & 0xf) >= min;
}

/* ---------------------------------------------------------------- cases */

static void caps_match_the_id_registers(struct kunit *test)
{
	uint64_t isar0 = read_sysreg_s(ID_AA64ISAR0_EL1);
	uint64_t mmfr1 = read_sysreg_s(ID_AA64MMFR1_EL1);

	KUNIT_EXPECT_EQ(test, cpu_feature_enabled(LSE), id_field_at_least(isar0, 20, 2));
	KUNIT_EXPECT_EQ(test, cpu_feature_enabled(ARM64_CAP_CRC32),
			id_field_at_least(isar0, 16, 1));
	KUNIT_EXPECT_EQ(test, cpu_feature_enabled(ARM64_CAP_PAN),
			id_field_at_least(mmfr1, 20, 1));
	KUNIT_EXPECT_TRUE(test, cpu_feature_enabled(ARM64_CAP_ALWAYS));
	KUNIT_EXPECT_TRUE(test, cpu_feature_enabled(SET));
	KUNIT_EXPECT_FALSE(test, cpu_feature_enabled(CLEAR));
	KUNIT_EXPECT_FALSE(test, cpu_feature_enabled(ARM64_NCAPS));
	kunit_info(test, "MIDR_EL1 0x%lx: lse %d crc32 %d pan %d",
		   (unsigned long)read_sysreg(midr_el1), cpu_feature_enabled(LSE),
		   cpu_feature_enabled(ARM64_CAP_CRC32), cpu_feature_enabled(ARM64_CAP_PAN));
}

/* The row's arm64_alternatives.expect: what this CPU model has. */
static void caps_are_what_the_cpu_model_has(struct kunit *test)
{
	char list[sizeof(expect_arg)];
	unsigned int checked = 0;

	if (!expect_arg[0])
		kunit_skip(test, "no arm64_alternatives.expect= on the command line");
	strcpy(list, expect_arg);
	for (char *item = list, *next; item && *item; item = next) {
		next = strchr(item, ',');
		if (next)
			*next++ = '\0';
		bool want = item[0] == '+';
		int cap = arm64_cap_by_name(item + 1);

		KUNIT_ASSERT_TRUE_MSG(test, (item[0] == '+' || item[0] == '-') && cap >= 0,
				      "bad arm64_alternatives.expect item '%s'", item);
		KUNIT_EXPECT_EQ_MSG(test, cpu_feature_enabled(cap), want,
				    "cap %s: expected %s", item + 1, want ? "set" : "clear");
		checked++;
	}
	kunit_info(test, "%u caps as expected: %s", checked, expect_arg);
}

static void lse_site_takes_the_arm_of_the_cpu(struct kunit *test)
{
	const struct alt_instr *a = entry_in(lse_add_start, 16);
	bool lse = cpu_feature_enabled(LSE);
	long before = lse_counter;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_EXPECT_EQ(test, a->instrlen, 20);
	/* No PC-relative instruction in either arm: the live words are
	 * exactly the chosen arm's. */
	if (lse)
		KUNIT_EXPECT_MEMEQ(test, alt_site(a), alt_replacement(a), a->instrlen);
	else
		KUNIT_EXPECT_MEMNEQ(test, alt_site(a), alt_replacement(a), a->instrlen);
	/* LDXR (load exclusive, 64-bit) first when LL/SC stayed. */
	KUNIT_EXPECT_EQ(test, (live_insn(a, 0) & 0xfffffc00u) == 0xc85f7c00u, !lse);
	KUNIT_EXPECT_EQ(test, lse_add(), lse ? 2L : 1L);
	KUNIT_EXPECT_EQ(test, lse_counter, before + 1);
	kunit_info(test, "%s arm live", lse ? "LSE (stadd)" : "LL/SC (ldxr/stxr)");
}

static void not_and_two_arm_forms(struct kunit *test)
{
	bool lse = cpu_feature_enabled(LSE), crc = cpu_feature_enabled(ARM64_CAP_CRC32);

	KUNIT_EXPECT_EQ(test, not_lse(), lse ? 1L : 3L);
	KUNIT_EXPECT_EQ(test, pan_site(), cpu_feature_enabled(ARM64_CAP_PAN) ? 1L : 0L);
	KUNIT_EXPECT_EQ(test, crc_or_lse(), lse ? 2L : crc ? 1L : 0L);
	KUNIT_EXPECT_EQ(test, both_hold(), 3L);
	KUNIT_EXPECT_EQ(test, first_holds(), 2L);
	KUNIT_EXPECT_EQ(test, none_hold(), 1L);
}

/* The live instruction at the site points where the arm pointed. */
static void expect_target(struct kunit *test, const uint32_t *start, unsigned int words,
			  unsigned int i, uint64_t want)
{
	const struct alt_instr *a = entry_in(start, words);

	KUNIT_ASSERT_NOT_NULL(test, a);
	uint32_t insn = live_insn(a, i);

	KUNIT_EXPECT_NE_MSG(test, a64_pcrel_kind(insn), A64_NOT_PCREL,
			    "0x%08x at the site", insn);
	KUNIT_EXPECT_EQ(test, a64_pcrel_target(insn, (uintptr_t)alt_site(a) + 4 * i), want);
}

static void branches_are_relocated(struct kunit *test)
{
	expect_target(test, moved_bl_start, 1, 0, (uintptr_t)alt_test_seven);
	KUNIT_EXPECT_EQ(test, moved_b(), 5L);
	KUNIT_EXPECT_EQ(test, moved_bl(), 7L);
	KUNIT_EXPECT_EQ(test, moved_bcond(), 5L);
	KUNIT_EXPECT_EQ(test, moved_cbz(), 0L);
	KUNIT_EXPECT_EQ(test, moved_cbnz(), 8L);
	KUNIT_EXPECT_EQ(test, moved_tbz(), 4L);
}

static void adr_and_adrp_are_rebased(struct kunit *test)
{
	const struct alt_instr *a = entry_in(moved_adrp_start, 2);

	KUNIT_EXPECT_EQ(test, moved_adr(), (long)alt_test_seven);
	KUNIT_EXPECT_EQ(test, moved_adrp(), (long)&alt_var);
	KUNIT_ASSERT_NOT_NULL(test, a);
	/* ADRP gives the page; the ADD's :lo12: half is unchanged. */
	KUNIT_EXPECT_EQ(test, a64_pcrel_target(live_insn(a, 0), (uintptr_t)alt_site(a)),
			(uint64_t)((uintptr_t)&alt_var & ~0xfffUL));
	KUNIT_EXPECT_EQ(test, live_insn(a, 1), ((const uint32_t *)alt_replacement(a))[1]);
}

static void targets_inside_the_arm_are_kept(struct kunit *test)
{
	const struct alt_instr *a = entry_in(inner_branches_start, 2);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_EXPECT_MEMEQ(test, alt_site(a), alt_replacement(a), a->instrlen);
	KUNIT_EXPECT_EQ(test, inner_branches(), 6L);
}

static void callbacks_write_the_arm(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, callback_site(), (long)CB_VALUE);
	KUNIT_EXPECT_EQ(test, callback_calls, 1U);
	KUNIT_EXPECT_EQ(test, callback_saw_nr, 2U);
	KUNIT_EXPECT_EQ(test, callback_saw_orig[0], a64_movz_x(0, 1, 0));
	KUNIT_EXPECT_EQ(test, callback_saw_orig[1], A64_NOP);
	KUNIT_EXPECT_EQ(test, unused_callback_site(), 1L);
	KUNIT_EXPECT_EQ(test, unused_callback_calls, 0U);
	KUNIT_EXPECT_GE(test, alternatives_stats.callbacks, 2UL);
}

static void assembler_file_sites_work(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, asm_alt_function(), 42L);
	KUNIT_EXPECT_EQ(test, asm_alt_callback_function(), 43L);
}

static void literal_loads_are_refused(struct kunit *test)
{
	static const uint32_t fine[] = {
		0xf9400020,	/* ldr x0, [x1] */
		0xb9400020,	/* ldr w0, [x1] */
		A64_NOP,
		0x94000000,	/* bl . */
		0x90000000,	/* adrp x0, . */
		0x36000000,	/* tbz w0, #0, . */
	};
	static const uint32_t literal[] = {
		0x58000040,	/* ldr x0, .+8 */
		0x18000040,	/* ldr w0, .+8 */
		0x98000040,	/* ldrsw x0, .+8 */
		0xd8000040,	/* prfm pldl1keep, .+8 */
		0x1c000040,	/* ldr s0, .+8 */
		0x5c000040,	/* ldr d0, .+8 */
		0x9c000040,	/* ldr q0, .+8 */
	};
	uint32_t insns[4] = { A64_NOP, 0xf9400020, 0, A64_NOP };
	unsigned int bad = 99;

	KUNIT_EXPECT_EQ(test, arm64_alt_check_insns(fine, ARRAY_SIZE(fine), &bad), 0);
	for (unsigned int i = 0; i < ARRAY_SIZE(literal); i++) {
		uint32_t out;

		insns[2] = literal[i];
		KUNIT_EXPECT_EQ_MSG(test, arm64_alt_check_insns(insns, 4, &bad), -1,
				    "0x%08x accepted", literal[i]);
		KUNIT_EXPECT_EQ(test, bad, 2U);
		KUNIT_EXPECT_NOT_NULL(test, arm64_alt_relocate(literal[i], 0x1000, 0x2000,
							       0x1000, 0x1004, &out));
	}
	/* And the build's own arms hold none. */
	KUNIT_EXPECT_EQ(test, arm64_alt_check_insns((const uint32_t *)__start_alt_replacement,
						    (__stop_alt_replacement -
						     __start_alt_replacement) / 4, &bad), 0);
}

static void relocation_range_is_checked(struct kunit *test)
{
	uint32_t out;

	/* B +0x1000 from 0x100000 moved to 0x100800: +0x800. */
	KUNIT_EXPECT_NULL(test, arm64_alt_relocate(0x14000400, 0x100000, 0x100800,
						   0x100000, 0x100004, &out));
	KUNIT_EXPECT_EQ(test, out, 0x14000200u);
	/* TBZ +0x20 (imm14) moved 1 MiB away: out of its +-32 KiB. */
	KUNIT_EXPECT_NOT_NULL(test, arm64_alt_relocate(0x36000100, 0x100000, 0x200000,
						       0x100000, 0x100004, &out));
	/* The same within range: 0x100020 from 0x104000 is -0x3fe0. */
	KUNIT_EXPECT_NULL(test, arm64_alt_relocate(0x36000100, 0x100000, 0x104000,
						   0x100000, 0x100004, &out));
	KUNIT_EXPECT_EQ(test, a64_pcrel_target(out, 0x104000), 0x100020ULL);
	/* CBZ (imm19) 2 MiB away: out of +-1 MiB. */
	KUNIT_EXPECT_NOT_NULL(test, arm64_alt_relocate(0xb4000100, 0x100000, 0x300000,
						       0x100000, 0x100004, &out));
	/* ADRP x0 for page 0x40400000 at 0x40201234, moved to 0x40a00010. */
	uint32_t adrp = 0;

	KUNIT_ASSERT_NULL(test, a64_pcrel_retarget(0x90000000, 0x40201234, 0x40400000, &adrp));
	KUNIT_EXPECT_EQ(test, a64_pcrel_target(adrp, 0x40201234), 0x40400000ULL);
	KUNIT_EXPECT_NULL(test, arm64_alt_relocate(adrp, 0x40201234, 0x40a00010,
						   0x40201234, 0x40201238, &out));
	KUNIT_EXPECT_EQ(test, a64_pcrel_target(out, 0x40a00010), 0x40400000ULL);
	/* A branch to inside its arm is not touched. */
	KUNIT_EXPECT_NULL(test, arm64_alt_relocate(0x14000001, 0x100000, 0x900000,
						   0x100000, 0x100008, &out));
	KUNIT_EXPECT_EQ(test, out, 0x14000001u);
}

/*
 * The boot's counts: one visit per site (ALTERNATIVE_2's two entries
 * are one site), and the eight arms above that leave themselves (b bl
 * b.eq cbz cbnz tbz adr adrp) relocated.
 */
static void the_boot_counted_its_work(struct kunit *test)
{
	unsigned long sites = 0;

	for (const struct alt_instr *a = __start_alt_instructions;
	     a < __stop_alt_instructions; a++)
		sites += a == __start_alt_instructions || alt_site(a) != alt_site(a - 1);
	KUNIT_EXPECT_EQ(test, alternatives_stats.sites, sites);
	KUNIT_EXPECT_GE(test, alternatives_stats.relocated, 8UL);
	kunit_info(test, "%lu sites, %lu replaced, %lu relocated, %lu callbacks",
		   alternatives_stats.sites, alternatives_stats.replaced,
		   alternatives_stats.relocated, alternatives_stats.callbacks);
}

/* arm64_alternatives.bad_site=1: the broken table stops the run. */
static int maybe_apply_bad_site(struct kunit_suite *suite)
{
	if (apply_bad_site) {
		apply_alternatives(__start_alt_instructions_bad, __stop_alt_instructions_bad);
		/* Not reached: the arm's literal load panics. */
		(void)literal_site();
		return -1;
	}
	return 0;
}

static struct kunit_case alternatives_cases[] = {
	KUNIT_CASE(caps_match_the_id_registers),
	KUNIT_CASE(caps_are_what_the_cpu_model_has),
	KUNIT_CASE(lse_site_takes_the_arm_of_the_cpu),
	KUNIT_CASE(not_and_two_arm_forms),
	KUNIT_CASE(branches_are_relocated),
	KUNIT_CASE(adr_and_adrp_are_rebased),
	KUNIT_CASE(targets_inside_the_arm_are_kept),
	KUNIT_CASE(callbacks_write_the_arm),
	KUNIT_CASE(assembler_file_sites_work),
	KUNIT_CASE(literal_loads_are_refused),
	KUNIT_CASE(relocation_range_is_checked),
	KUNIT_CASE(the_boot_counted_its_work),
	{}
};

static struct kunit_suite alternatives_suite = {
	.name = "arm64_alternatives",
	.suite_init = maybe_apply_bad_site,
	.test_cases = alternatives_cases,
};
kunit_test_suite(alternatives_suite);
