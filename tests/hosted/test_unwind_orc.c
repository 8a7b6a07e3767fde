// SPDX-License-Identifier: GPL-2.0
/*
 * The ORC lookup and unwinding state machine on hand-built tables: a
 * fake text region (never executed, only its addresses matter), fake
 * stacks holding the frames each entry describes, and a stack finder
 * that knows only those. Every way a walk can end is reached once.
 */
#include <stdint.h>
#include <string.h>
#include <asm/traps.h>
#include <pvpatch/ktest.h>
#include <pvpatch/unwind.h>

#define TEXT_SIZE	4096
#define STACK_WORDS	64

/* Offsets in the fake text. */
enum {
	FN_A = 0x100,		/* push %rbp; mov %rsp,%rbp ... pop %rbp; ret */
	FN_A_END = 0x140,
	FN_B = 0x200,		/* sub $16,%rsp, no frame pointer */
	FN_B_END = 0x230,
	FN_OUTER = 0x300,	/* the outermost frame */
	FN_OUTER_END = 0x340,
	ENTRY_REGS = 0x400,	/* full struct pt_regs at %rsp */
	ENTRY_IRET = 0x410,	/* hardware frame at %rsp + 16 */
	ENTRY_END = 0x420,
	BAD_SP_REG = 0x500,	/* a CALL entry based on no register */
	NOT_UP = 0x510,		/* CFA == %rsp: the frame would not move */
	FAR_AWAY = 0x520,	/* CFA far beyond any stack */
	BAD_END = 0x530,
};

struct fake_entry {
	uint16_t offset;
	struct orc_entry e;
};

#define CALL(off, sp_reg_, sp_off, bp_reg_, bp_off)			\
	{ off, { .sp_offset = sp_off, .bp_offset = bp_off,		\
		 .sp_reg = ORC_REG_##sp_reg_, .bp_reg = ORC_REG_##bp_reg_, \
		 .type = ORC_TYPE_CALL } }
#define TYPED(off, type_, sp_off)					\
	{ off, { .sp_offset = sp_off, .sp_reg = ORC_REG_SP,		\
		 .type = ORC_TYPE_##type_ } }

static const struct fake_entry fake_entries[] = {
	CALL(FN_A, SP, 8, UNDEFINED, 0),
	CALL(FN_A + 1, SP, 16, PREV_SP, -16),
	CALL(FN_A + 4, BP, 16, PREV_SP, -16),
	CALL(FN_A + 0x3e, SP, 8, UNDEFINED, 0),
	TYPED(FN_A_END, UNDEFINED, 0),
	CALL(FN_B, SP, 8, UNDEFINED, 0),
	CALL(FN_B + 4, SP, 24, UNDEFINED, 0),
	TYPED(FN_B_END, UNDEFINED, 0),
	TYPED(FN_OUTER, END_OF_STACK, 0),
	TYPED(FN_OUTER_END, UNDEFINED, 0),
	TYPED(ENTRY_REGS, REGS, 0),
	TYPED(ENTRY_IRET, REGS_PARTIAL, 16),
	TYPED(ENTRY_END, UNDEFINED, 0),
	CALL(BAD_SP_REG, UNDEFINED, 8, UNDEFINED, 0),
	CALL(NOT_UP, SP, 0, UNDEFINED, 0),
	CALL(FAR_AWAY, SP, 0x4000, UNDEFINED, 0),
	TYPED(BAD_END, UNDEFINED, 0),
};

#define NR_ENTRIES ARRAY_SIZE(fake_entries)

static uint8_t fake_text[TEXT_SIZE] __aligned(4096);
static int32_t orc_ips[NR_ENTRIES];
static struct orc_entry orc_entries[NR_ENTRIES];
static uint32_t index_slots[64];
static uint32_t coarse_slots[8];
static uint32_t granule_slots[ORC_INDEX_SLOTS(TEXT_SIZE)];
static uint64_t task_stack[STACK_WORDS] __aligned(16);
static uint64_t ist_stack[STACK_WORDS] __aligned(16);

static uintptr_t T(unsigned int offset)
{
	return (uintptr_t)fake_text + offset;
}

static uintptr_t S(uint64_t *stack, unsigned int word)
{
	return (uintptr_t)&stack[word];
}

static bool fake_find_stack(uintptr_t sp, struct unwind_stack *stack)
{
	uint64_t *const stacks[] = { task_stack, ist_stack };

	for (size_t i = 0; i < ARRAY_SIZE(stacks); i++) {
		if (sp >= S(stacks[i], 0) && sp <= S(stacks[i], STACK_WORDS)) {
			*stack = (struct unwind_stack){
				.lo = S(stacks[i], 0), .hi = S(stacks[i], STACK_WORDS),
			};
			return true;
		}
	}
	return false;
}

/* The ip array is self-relative: fill it where it lives. */
static void fill_table_slots(struct orc_table *table, uint32_t *slots,
			     size_t nr_slots)
{
	for (size_t i = 0; i < NR_ENTRIES; i++) {
		orc_ips[i] = (int32_t)(T(fake_entries[i].offset) - (uintptr_t)&orc_ips[i]);
		orc_entries[i] = fake_entries[i].e;
	}
	orc_table_init(table, orc_ips, orc_entries, NR_ENTRIES, T(0), T(TEXT_SIZE),
		       slots, nr_slots);
	memset(task_stack, 0, sizeof(task_stack));
	memset(ist_stack, 0, sizeof(ist_stack));
}

static void fill_table(struct orc_table *table, bool indexed)
{
	fill_table_slots(table, indexed ? index_slots : NULL,
			 indexed ? ARRAY_SIZE(index_slots) : 0);
}

/* The obvious lookup, to compare with: the last entry at or below. */
static const struct orc_entry *linear_find(uintptr_t addr)
{
	const struct orc_entry *found = NULL;

	for (size_t i = 0; i < NR_ENTRIES; i++) {
		if (T(fake_entries[i].offset) <= addr)
			found = &orc_entries[i];
	}
	return found;
}

static void lookup_matches_linear_search_everywhere(struct kunit *test)
{
	struct orc_table indexed, coarse, plain, granular;
	unsigned int mismatches = 0, hits = 0;

	fill_table(&plain, false);
	/* 4 KiB of text in 8 slots: the blocks grow to 1 KiB. */
	fill_table_slots(&coarse, coarse_slots, ARRAY_SIZE(coarse_slots));
	KUNIT_ASSERT_NOT_NULL(test, coarse.block_first);
	KUNIT_EXPECT_EQ(test, coarse.block_shift, 10U);
	fill_table_slots(&granular, granule_slots, ARRAY_SIZE(granule_slots));
	KUNIT_ASSERT_NOT_NULL(test, granular.granule_delta);
	KUNIT_EXPECT_EQ(test, granular.granule_shift, 4U);
	KUNIT_EXPECT_EQ(test, granular.block_shift, 8U);
	KUNIT_EXPECT_NULL(test, coarse.granule_delta);	/* no room for them */
	/* 64 slots: granules in 512-byte blocks rather than none in 256. */
	fill_table(&indexed, true);
	KUNIT_ASSERT_EQ(test, indexed.count, NR_ENTRIES);
	KUNIT_ASSERT_NOT_NULL(test, indexed.block_first);
	KUNIT_EXPECT_NOT_NULL(test, indexed.granule_delta);
	KUNIT_EXPECT_EQ(test, indexed.block_shift, 9U);
	for (unsigned int off = 0; off < TEXT_SIZE; off++) {
		const struct orc_entry *want = linear_find(T(off));

		mismatches += orc_find(&indexed, T(off)) != want;
		mismatches += orc_find(&coarse, T(off)) != want;
		mismatches += orc_find(&plain, T(off)) != want;
		mismatches += orc_find(&granular, T(off)) != want;
		hits += want != NULL;
	}
	KUNIT_EXPECT_EQ(test, mismatches, 0U);
	KUNIT_EXPECT_EQ(test, hits, TEXT_SIZE - FN_A);
	KUNIT_EXPECT_NULL(test, orc_find(&indexed, T(FN_A) - 1));
	KUNIT_EXPECT_NULL(test, orc_find(&indexed, T(TEXT_SIZE)));
	KUNIT_EXPECT_PTR_EQ(test, orc_find(&indexed, T(FN_A + 3)), &orc_entries[1]);
	KUNIT_EXPECT_NULL(test, orc_find(&granular, T(FN_A) - 1));
	KUNIT_EXPECT_PTR_EQ(test, orc_find(&granular, T(FN_A + 3)), &orc_entries[1]);
}

/*
 * A block with more entries than a granule's byte can count (an entry
 * at every byte of the first 512, in 512-byte blocks): those granules
 * are marked dense and searched; every lookup still matches the last
 * entry at or below.
 */
#define DENSE_ENTRIES	600

static void crowded_block_granules_fall_back_to_search(struct kunit *test)
{
	static int32_t ips[DENSE_ENTRIES];
	static struct orc_entry entries[DENSE_ENTRIES];
	struct orc_table t;
	unsigned int mismatches = 0, dense = 0;

	for (unsigned int i = 0; i < DENSE_ENTRIES; i++) {
		unsigned int off = i < 512 ? i : 512 + (i - 512) * 40;

		ips[i] = (int32_t)(T(off) - (uintptr_t)&ips[i]);
		entries[i] = (struct orc_entry){ .sp_offset = (int16_t)i };
	}
	KUNIT_ASSERT_TRUE(test, orc_table_init(&t, ips, entries, DENSE_ENTRIES,
					       T(0), T(TEXT_SIZE), index_slots,
					       ARRAY_SIZE(index_slots)));
	KUNIT_ASSERT_NOT_NULL(test, t.granule_delta);
	KUNIT_EXPECT_EQ(test, t.block_shift, 9U);
	for (size_t g = 0; g < (t.blocks + 1) * ORC_GRANULES; g++)
		dense += t.granule_delta[g] == ORC_GRANULE_DENSE;
	KUNIT_EXPECT_GT(test, dense, 0U);
	for (unsigned int off = 0; off < TEXT_SIZE; off++) {
		unsigned int want = off < 512 ? off : 512 + (off - 512) / 40;

		if (want >= DENSE_ENTRIES)
			want = DENSE_ENTRIES - 1;
		mismatches += orc_find(&t, T(off)) != &entries[want];
	}
	KUNIT_EXPECT_EQ(test, mismatches, 0U);
}

static void unsorted_table_is_rejected(struct kunit *test)
{
	struct orc_table table;

	fill_table(&table, true);
	orc_ips[3] = (int32_t)(T(FN_A) - (uintptr_t)&orc_ips[3]);
	KUNIT_EXPECT_FALSE(test, orc_table_init(&table, orc_ips, orc_entries,
						NR_ENTRIES, T(0), T(TEXT_SIZE),
						NULL, 0));
	KUNIT_EXPECT_EQ(test, table.count, 0UL);
	KUNIT_EXPECT_NULL(test, orc_find(&table, T(FN_A)));
}

/*
 * fn_a (frame pointer set up) <- fn_b (no frame pointer) <- outer:
 *   task_stack[10]  fn_a's locals, sp
 *   task_stack[12]  saved %rbp (0xb0b0), fn_a's %rbp points here
 *   task_stack[13]  return address into fn_b
 *   task_stack[14..15] fn_b's 16 bytes
 *   task_stack[16]  return address into outer
 */
static void build_call_chain(uintptr_t ret_in_b)
{
	task_stack[12] = 0xb0b0;
	task_stack[13] = ret_in_b;
	task_stack[16] = T(FN_OUTER + 0x10);
}

/*
 * stack_trace_save_state() follows plain call frames on a fast path of
 * its own: it must give what unwind_next() alone gives, frame for frame,
 * down to the reason it stopped.
 */
static void expect_trace_as_steps(struct kunit *test, const struct orc_table *table,
				  uintptr_t ip, uintptr_t sp, uintptr_t bp,
				  const char *what)
{
	unsigned long by_steps[16], traced[16];
	struct unwind_state a, b;
	unsigned int n = 0, m;

	unwind_start(&a, table, fake_find_stack, ip, sp, bp);
	if (a.result == UNWIND_RUNNING) {
		do {
			if (n < ARRAY_SIZE(by_steps))
				by_steps[n++] = a.ip;
		} while (unwind_next(&a));
	}
	unwind_start(&b, table, fake_find_stack, ip, sp, bp);
	m = stack_trace_save_state(&b, traced, ARRAY_SIZE(traced), 0);
	KUNIT_EXPECT_EQ_MSG(test, m, n, "%s: frames", what);
	for (unsigned int i = 0; i < n && i < m; i++)
		KUNIT_EXPECT_EQ_MSG(test, traced[i], by_steps[i], "%s: frame %u", what, i);
	KUNIT_EXPECT_EQ_MSG(test, b.result, a.result, "%s: %s, not %s", what,
			    unwind_result_name(b.result), unwind_result_name(a.result));
	KUNIT_EXPECT_EQ_MSG(test, b.depth, a.depth, "%s: depth", what);
	KUNIT_EXPECT_EQ_MSG(test, b.sp, a.sp, "%s: last sp", what);
}

static void call_frames_unwind_to_the_end(struct kunit *test)
{
	struct orc_table table;
	struct unwind_state s;
	unsigned long trace[8];

	fill_table(&table, true);
	build_call_chain(T(FN_B + 0x10));
	unwind_start(&s, &table, fake_find_stack, T(FN_A + 0x10),
		     S(task_stack, 10), S(task_stack, 12));
	KUNIT_ASSERT_TRUE(test, unwind_next(&s));
	KUNIT_EXPECT_EQ(test, s.ip, T(FN_B + 0x10));
	KUNIT_EXPECT_EQ(test, s.sp, S(task_stack, 14));
	KUNIT_EXPECT_EQ(test, s.bp, 0xb0b0UL);	/* restored from the frame */
	KUNIT_EXPECT_FALSE(test, s.exact_ip);
	KUNIT_ASSERT_TRUE(test, unwind_next(&s));
	KUNIT_EXPECT_EQ(test, s.ip, T(FN_OUTER + 0x10));
	KUNIT_EXPECT_EQ(test, s.sp, S(task_stack, 17));
	KUNIT_EXPECT_FALSE(test, unwind_next(&s));
	KUNIT_EXPECT_EQ(test, s.result, UNWIND_END_OF_STACK);
	KUNIT_EXPECT_TRUE(test, unwind_reliable(&s));

	/* The same walk through the trace API, with skip and max. */
	unwind_start(&s, &table, fake_find_stack, T(FN_A + 0x10),
		     S(task_stack, 10), S(task_stack, 12));
	KUNIT_EXPECT_EQ(test, stack_trace_save_state(&s, trace, 1, 1), 1U);
	KUNIT_EXPECT_EQ(test, trace[0], T(FN_B + 0x10));
	KUNIT_EXPECT_TRUE(test, unwind_reliable(&s));	/* judged past max */
	expect_trace_as_steps(test, &table, T(FN_A + 0x10), S(task_stack, 10),
			      S(task_stack, 12), "call chain");
}

/* At fn_a's first byte (nothing pushed) and after "push %rbp". */
static void prologue_states_unwind(struct kunit *test)
{
	struct orc_table table;
	struct unwind_state s;

	fill_table(&table, true);
	build_call_chain(T(FN_B + 0x10));
	task_stack[11] = T(FN_B + 0x10);	/* at entry: sp -> return address */
	unwind_start(&s, &table, fake_find_stack, T(FN_A), S(task_stack, 11), 0x1234);
	KUNIT_ASSERT_TRUE(test, unwind_next(&s));
	KUNIT_EXPECT_EQ(test, s.ip, T(FN_B + 0x10));
	KUNIT_EXPECT_EQ(test, s.bp, 0x1234UL);	/* not saved yet: unchanged */

	task_stack[11] = 0xb0b0;		/* after push %rbp */
	task_stack[12] = T(FN_B + 0x10);
	unwind_start(&s, &table, fake_find_stack, T(FN_A + 1), S(task_stack, 11), 0x1234);
	KUNIT_ASSERT_TRUE(test, unwind_next(&s));
	KUNIT_EXPECT_EQ(test, s.ip, T(FN_B + 0x10));
	KUNIT_EXPECT_EQ(test, s.bp, 0xb0b0UL);
}

/*
 * A call that never returns may be a function's last instruction: its
 * return address is the next function's first byte, and must be looked
 * up at ip - 1.
 */
static void return_address_is_looked_up_before_itself(struct kunit *test)
{
	struct orc_table table;
	struct unwind_state s;

	fill_table(&table, true);
	task_stack[10] = T(FN_A_END);		/* fn_a called us last */
	task_stack[11] = T(FN_B + 0x10);	/* fn_a: CFA = sp + 8 */
	task_stack[14] = T(FN_OUTER + 0x10);
	unwind_start(&s, &table, fake_find_stack, T(FN_B), S(task_stack, 10), 0);
	KUNIT_ASSERT_TRUE(test, unwind_next(&s));
	KUNIT_EXPECT_EQ(test, s.ip, T(FN_A_END));
	KUNIT_ASSERT_TRUE(test, unwind_next(&s));
	KUNIT_EXPECT_EQ(test, s.ip, T(FN_B + 0x10));
	KUNIT_EXPECT_EQ(test, s.result, UNWIND_RUNNING);
}

/* An exception on the IST stack unwinds back onto the task stack. */
static void regs_frame_returns_to_the_interrupted_stack(struct kunit *test)
{
	struct orc_table table;
	struct unwind_state s;
	struct pt_regs *regs = (struct pt_regs *)S(ist_stack, 8);
	unsigned long trace[8];
	unsigned int n;

	fill_table(&table, true);
	build_call_chain(T(FN_B + 0x10));
	memset(regs, 0, sizeof(*regs));
	regs->rip = T(FN_A + 0x10);	/* interrupted mid-function */
	regs->rsp = S(task_stack, 10);
	regs->rbp = S(task_stack, 12);
	/* The handler's entry code, at its REGS state. */
	unwind_start(&s, &table, fake_find_stack, T(ENTRY_REGS), S(ist_stack, 8), 0);
	n = stack_trace_save_state(&s, trace, ARRAY_SIZE(trace), 0);
	KUNIT_ASSERT_EQ(test, n, 4U);
	KUNIT_EXPECT_EQ(test, trace[0], T(ENTRY_REGS));
	KUNIT_EXPECT_EQ(test, trace[1], T(FN_A + 0x10));
	KUNIT_EXPECT_EQ(test, trace[2], T(FN_B + 0x10));
	KUNIT_EXPECT_EQ(test, trace[3], T(FN_OUTER + 0x10));
	KUNIT_EXPECT_TRUE(test, unwind_reliable(&s));

	/* From the pt_regs directly, as stack_trace_save_regs() starts. */
	unwind_start_regs(&s, &table, fake_find_stack, regs);
	n = stack_trace_save_state(&s, trace, ARRAY_SIZE(trace), 0);
	KUNIT_EXPECT_EQ(test, n, 3U);
	KUNIT_EXPECT_TRUE(test, unwind_reliable(&s));
}

/* Only the CPU's frame: ip and sp from it, %rbp untouched. */
static void iret_frame_keeps_bp(struct kunit *test)
{
	struct orc_table table;
	struct unwind_state s;

	fill_table(&table, true);
	build_call_chain(T(FN_B + 0x10));
	ist_stack[10] = T(FN_A + 0x10);		/* ip, cs, flags, sp, ss */
	ist_stack[13] = S(task_stack, 10);
	unwind_start(&s, &table, fake_find_stack, T(ENTRY_IRET), S(ist_stack, 8),
		     S(task_stack, 12));
	KUNIT_ASSERT_TRUE(test, unwind_next(&s));
	KUNIT_EXPECT_EQ(test, s.ip, T(FN_A + 0x10));
	KUNIT_EXPECT_EQ(test, s.sp, S(task_stack, 10));
	KUNIT_EXPECT_EQ(test, s.bp, S(task_stack, 12));
	KUNIT_EXPECT_TRUE(test, s.exact_ip);
	while (unwind_next(&s))
		;
	KUNIT_EXPECT_TRUE(test, unwind_reliable(&s));
	KUNIT_EXPECT_EQ(test, s.depth, 3U);
}

struct odd_case {
	const char *what;
	unsigned int start;		/* offset of the first ip */
	uint64_t ret;			/* task_stack[10] */
	enum unwind_result want;
};

/* Each walk starts at sp = &task_stack[10] and stops on its first step. */
static void odd_frames_stop_unreliable(struct kunit *test)
{
	static const struct odd_case cases[] = {
		{ "undefined entry", FN_A_END, 0, UNWIND_UNDEFINED },
		{ "no entry", 0x10, 0, UNWIND_NO_ENTRY },
		{ "no register", BAD_SP_REG, 0, UNWIND_BAD_ENTRY },
		{ "sp not moving up", NOT_UP, 0, UNWIND_NOT_UP },
		{ "frame beyond the stack", FAR_AWAY, 0, UNWIND_OFF_STACK },
		{ "return outside text", FN_A, 0x1000, UNWIND_BAD_IP },
		{ "return to address 0", FN_A, 0, UNWIND_BAD_IP },
	};
	struct orc_table table;
	struct unwind_state s;

	fill_table(&table, true);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct odd_case *c = &cases[i];

		/* The return address slot of a CFA of sp + 8, and of sp. */
		task_stack[9] = task_stack[10] =
			c->want == UNWIND_BAD_IP ? c->ret : T(FN_B + 0x10);
		unwind_start(&s, &table, fake_find_stack, T(c->start),
			     S(task_stack, 10), 0);
		KUNIT_EXPECT_FALSE_MSG(test, unwind_next(&s), "%s", c->what);
		KUNIT_EXPECT_EQ_MSG(test, s.result, c->want, "%s: got %s", c->what,
				    unwind_result_name(s.result));
		KUNIT_EXPECT_FALSE_MSG(test, unwind_reliable(&s), "%s", c->what);
		expect_trace_as_steps(test, &table, T(c->start), S(task_stack, 10), 0,
				      c->what);
	}
	/* A start off every stack never begins. */
	unwind_start(&s, &table, fake_find_stack, T(FN_A), 0x1000, 0);
	KUNIT_EXPECT_EQ(test, s.result, UNWIND_OFF_STACK);
	KUNIT_EXPECT_FALSE(test, unwind_next(&s));
	/* Nor one without a table. */
	unwind_start(&s, NULL, fake_find_stack, T(FN_A), S(task_stack, 10), 0);
	KUNIT_EXPECT_EQ(test, s.result, UNWIND_NO_TABLE);
}

/* No read beyond a stack; a regs frame may not go back to a stack left. */
static void stack_switches_are_checked(struct kunit *test)
{
	struct orc_table table;
	struct unwind_state s;
	struct pt_regs *regs = (struct pt_regs *)S(ist_stack, 8);

	fill_table(&table, true);
	/* fn_b's CFA (sp + 24) is past the stack's top: its return address
	 * would be read from beyond the stack. */
	ist_stack[STACK_WORDS - 1] = T(FN_OUTER + 0x10);
	unwind_start(&s, &table, fake_find_stack, T(FN_B + 4),
		     S(ist_stack, STACK_WORDS - 2), 0);
	KUNIT_EXPECT_FALSE(test, unwind_next(&s));
	KUNIT_EXPECT_EQ(test, s.result, UNWIND_OFF_STACK);

	/* IST -> task stack -> a regs frame pointing back at the IST stack. */
	memset(regs, 0, sizeof(*regs));
	regs->rip = T(ENTRY_REGS);
	regs->rsp = S(task_stack, 10);
	memcpy(&task_stack[10], regs, sizeof(*regs));
	((struct pt_regs *)S(task_stack, 10))->rsp = S(ist_stack, 40);
	unwind_start(&s, &table, fake_find_stack, T(ENTRY_REGS), S(ist_stack, 8), 0);
	KUNIT_EXPECT_TRUE(test, unwind_next(&s));
	KUNIT_EXPECT_FALSE(test, unwind_next(&s));
	KUNIT_EXPECT_EQ(test, s.result, UNWIND_OFF_STACK);
	expect_trace_as_steps(test, &table, T(ENTRY_REGS), S(ist_stack, 8), 0,
			      "regs frame back to a stack left");
}

static struct kunit_case unwind_orc_cases[] = {
	KUNIT_CASE(lookup_matches_linear_search_everywhere),
	KUNIT_CASE(crowded_block_granules_fall_back_to_search),
	KUNIT_CASE(unsorted_table_is_rejected),
	KUNIT_CASE(call_frames_unwind_to_the_end),
	KUNIT_CASE(prologue_states_unwind),
	KUNIT_CASE(return_address_is_looked_up_before_itself),
	KUNIT_CASE(regs_frame_returns_to_the_interrupted_stack),
	KUNIT_CASE(iret_frame_keeps_bp),
	KUNIT_CASE(odd_frames_stop_unreliable),
	KUNIT_CASE(stack_switches_are_checked),
	{}
};

static struct kunit_suite unwind_orc_suite = {
	.name = "unwind_orc_table",
	.test_cases = unwind_orc_cases,
};
kunit_test_suite(unwind_orc_suite);
