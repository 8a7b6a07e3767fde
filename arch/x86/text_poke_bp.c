// SPDX-License-Identifier: GPL-2.0
/*
 * Batched text_poke_bp: replace one instruction at many locations while
 * other CPUs may be executing them (Intel SDM vol. 3A, 9.1.3 "Handling
 * Self- and Cross-Modifying Code"; AMD APM vol. 2, 7.6.1).
 *
 *   1. int3 on the first byte of every location, sync all CPUs.
 *      From here a CPU reaching a location traps instead of executing a
 *      mix of old and new bytes; the handler emulates the new instruction.
 *   2. the tail bytes of every location, sync.
 *      Nobody can execute them: every path into a location starts at its
 *      first byte, which is int3.
 *   3. the first byte of every location, sync.
 *      One byte is one atomic store, so a CPU sees int3 or the new opcode.
 * After each sync every CPU has executed a serializing instruction, so
 * none still holds stale prefetched bytes of the step before.
 *
 * The #BP handler finds its address in the batch by binary search. Each
 * CPU announces "I am reading the batch" in a per-CPU count before it
 * looks; the patcher clears the batch pointer and then waits for every
 * count to be zero before the caller may free or reuse the batch.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <pvpatch/compiler.h>
#include <pvpatch/platform.h>
#include <pvpatch/smp.h>
#include <pvpatch/sort.h>
#include <pvpatch/spinlock.h>
#include <pvpatch/text_poke.h>

#define INT3		0xcc
#define MAX_PATCH_CPUS	64
#define X86_FLAGS_CF	(1UL << 0)
#define X86_FLAGS_PF	(1UL << 2)
#define X86_FLAGS_AF	(1UL << 4)
#define X86_FLAGS_ZF	(1UL << 6)
#define X86_FLAGS_SF	(1UL << 7)
#define X86_FLAGS_OF	(1UL << 11)

struct bp_reader_count {
	volatile int readers;
} __aligned(64);		/* one cache line each: no false sharing */

static struct text_poke_loc *volatile bp_locs;
static volatile size_t bp_count;
static unsigned long bp_generation;	/* bumped after each bp_locs store */
static struct bp_reader_count bp_readers[MAX_PATCH_CPUS];
static unsigned long sync_count;
static unsigned long write_count;
static spinlock_t text_lock = SPINLOCK_INIT;

void text_mutex_lock(void)
{
	spin_lock(&text_lock);
}

void text_mutex_unlock(void)
{
	spin_unlock(&text_lock);
}

unsigned long text_poke_sync_count(void)
{
	return __atomic_load_n(&sync_count, __ATOMIC_RELAXED);
}

unsigned long text_poke_write_count(void)
{
	return __atomic_load_n(&write_count, __ATOMIC_RELAXED);
}

void text_poke(void *addr, const void *bytes, size_t len)
{
	arch_text_write(addr, bytes, len);
	__atomic_fetch_add(&write_count, 1, __ATOMIC_RELAXED);
}

static void patch_sync(void)
{
	sync_all_cpus();
	__atomic_fetch_add(&sync_count, 1, __ATOMIC_RELAXED);
}

static int compare_locs(const void *a, const void *b)
{
	const struct text_poke_loc *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static const struct text_poke_loc *find_loc(const struct text_poke_loc *locs,
					    size_t count, uintptr_t addr)
{
	size_t lo = 0, hi = count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (locs[mid].addr == addr)
			return &locs[mid];
		if (locs[mid].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void text_poke_emulate_call(const struct text_poke_loc *loc, struct int3_regs *regs,
			    uintptr_t target)
{
	*regs->sp -= 8;
	*(uint64_t *)(uintptr_t)*regs->sp = loc->addr + loc->len;
	*regs->ip = target;
}

static void emulate(const struct text_poke_loc *loc, struct int3_regs *regs)
{
	uint64_t next = loc->addr + loc->len;

	switch (loc->emulate) {
	case EMULATE_CALL:
		text_poke_emulate_call(loc, regs, loc->target);
		break;
	case EMULATE_JMP:
		*regs->ip = loc->target;
		break;
	case EMULATE_NOP:
		*regs->ip = next;
		break;
	case EMULATE_RET:
		*regs->ip = *(uint64_t *)(uintptr_t)*regs->sp;
		*regs->sp += 8;
		break;
	case EMULATE_RET0:
		/* xor %eax,%eax: zero-extends into %rax; ZF and PF set,
		 * CF, OF, SF cleared, AF undefined (we clear it). */
		*regs->ax = 0;
		*regs->flags &= ~(X86_FLAGS_CF | X86_FLAGS_PF | X86_FLAGS_AF |
				  X86_FLAGS_ZF | X86_FLAGS_SF | X86_FLAGS_OF);
		*regs->flags |= X86_FLAGS_ZF | X86_FLAGS_PF;
		*regs->ip = next;
		break;
	case EMULATE_FUNC:
		loc->emulate_fn(loc, regs);
		break;
	}
}

static const struct text_poke_loc *interior_locs;
static unsigned long interior_fixups;

unsigned long text_poke_interior_fixups(void)
{
	return __atomic_load_n(&interior_fixups, __ATOMIC_RELAXED);
}

static size_t interior_count;

/* From the first sync, on each other CPU: is it stopped inside one? */
static void leave_interiors(struct int3_regs *regs)
{
	uintptr_t ip = *regs->ip;
	size_t lo = 0, hi = interior_count;

	while (lo < hi) {		/* the last location starting below ip */
		size_t mid = lo + (hi - lo) / 2;

		if (interior_locs[mid].addr < ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return;
	const struct text_poke_loc *loc = &interior_locs[lo - 1];

	if (ip < loc->addr + loc->len && loc->leave_interior) {
		loc->leave_interior(loc, regs);
		__atomic_fetch_add(&interior_fixups, 1, __ATOMIC_RELAXED);
	}
}

static bool needs_interior_fixups(const struct text_poke_loc *locs, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (locs[i].leave_interior)
			return true;
	}
	return false;
}

/*
 * Decide only on a stable view. Between our trap and our look, the batch
 * we trapped on may have finished and the next one begun (its int3 may
 * already be written at the same address). So: if the address is in the
 * current batch, emulate; else if its int3 is gone, the batch finished:
 * run the final instruction (a hosted thread can be signalled after the
 * last sync); else, if no batch started or ended while we looked (the
 * generation did not change), the int3 is a real breakpoint and not ours.
 * Otherwise look again. Comparing bp_locs itself is not enough: we may
 * read NULL, then the int3 of a batch that starts, then NULL again once
 * that whole batch has run while this thread was descheduled (hosted).
 * The reader count is held throughout, so no batch we read is freed.
 */
bool text_poke_int3_handler(struct int3_regs *regs)
{
	uintptr_t addr = *regs->ip - 1;
	struct bp_reader_count *me = &bp_readers[smp_processor_id() % MAX_PATCH_CPUS];
	bool handled;

	/*
	 * Sequentially consistent on both sides: either the patcher sees our
	 * count and waits, or we see its cleared pointer (a Dekker pair).
	 */
	__atomic_fetch_add(&me->readers, 1, __ATOMIC_SEQ_CST);
	for (;;) {
		unsigned long generation =
			__atomic_load_n(&bp_generation, __ATOMIC_SEQ_CST);
		const struct text_poke_loc *locs =
			__atomic_load_n(&bp_locs, __ATOMIC_SEQ_CST);
		const struct text_poke_loc *loc =
			locs ? find_loc(locs, bp_count, addr) : NULL;

		if (loc) {
			emulate(loc, regs);
			handled = true;
			break;
		}
		if (*(volatile uint8_t *)addr != INT3) {
			*regs->ip = addr;
			handled = true;
			break;
		}
		if (__atomic_load_n(&bp_generation, __ATOMIC_SEQ_CST) == generation) {
			handled = false;
			break;
		}
	}
	__atomic_fetch_sub(&me->readers, 1, __ATOMIC_RELEASE);
	return handled;
}

/*
 * After each sync, each step's bytes are written once more, unchanged.
 * On hardware that changes nothing. Under QEMU's multi-threaded TCG, a
 * vCPU that translated a location between our TLB fill and our store
 * keeps that stale translation (the old instruction, or an int3) for
 * good: the store took the fast path that skips invalidation. After the
 * sync every such translation is complete and its page is marked as code
 * again, so the second write takes the slow path and drops it, before
 * the next step changes more bytes.
 */
static void write_int3s(struct text_poke_loc *locs, size_t count)
{
	static const uint8_t int3 = INT3;

	for (size_t i = 0; i < count; i++)
		text_poke((void *)locs[i].addr, &int3, 1);
}

static void write_tails(struct text_poke_loc *locs, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (locs[i].len > 1)
			text_poke((void *)(locs[i].addr + 1), locs[i].bytes + 1,
				  locs[i].len - 1);
	}
}

static void write_first_bytes(struct text_poke_loc *locs, size_t count)
{
	for (size_t i = 0; i < count; i++)
		text_poke((void *)locs[i].addr, locs[i].bytes, 1);
}

struct patch_step {
	void (*write)(struct text_poke_loc *locs, size_t count);
	struct text_poke_loc *locs;
	size_t count;
};

static void rewrite_step(void *arg)
{
	const struct patch_step *step = arg;

	step->write(step->locs, step->count);
}

/*
 * One step of a batch: write, sync, write the same bytes again (see
 * write_int3s()).
 *
 * Where an old sequence is several instructions (fixups), the sync also
 * moves every CPU stopped inside a location past it (the first two
 * syncs: after them no CPU can enter an interior again, every way in is
 * the int3 at byte 0), and it holds the other CPUs until the rewrite is
 * done. Otherwise, under TCG, a CPU released from the sync could still
 * run a stale translation of the old "sti" at byte 0 before our rewrite
 * drops it, stop in sti's interrupt shadow at byte 1, and then execute
 * the middle of the new instruction once the tails change.
 */
static void patch_step(void (*write)(struct text_poke_loc *locs, size_t count),
		       struct text_poke_loc *locs, size_t count, bool fixups,
		       bool leave)
{
	struct patch_step step = { write, locs, count };

	write(locs, count);
	if (!fixups) {
		patch_sync();
		write(locs, count);
		return;
	}
	interior_locs = locs;
	interior_count = count;
	arch_sync_all_cpus_with(leave ? leave_interiors : NULL, rewrite_step, &step);
	__atomic_fetch_add(&sync_count, 1, __ATOMIC_RELAXED);
	interior_locs = NULL;
}

void text_poke_bp_batch(struct text_poke_loc *locs, size_t count)
{
	if (!count)
		return;
	bool fixups = needs_interior_fixups(locs, count);

	/* Refuse before any byte changes, not half way. */
	if (fixups && !arch_sync_all_cpus_with(NULL, NULL, NULL))
		panic("text_poke_bp: this platform cannot replace multi-instruction sequences live");
	sort(locs, count, sizeof(*locs), compare_locs, NULL);
	bp_count = count;
	__atomic_store_n(&bp_locs, locs, __ATOMIC_SEQ_CST);
	/* After the pointer, before any int3: see text_poke_int3_handler(). */
	__atomic_fetch_add(&bp_generation, 1, __ATOMIC_SEQ_CST);

	patch_step(write_int3s, locs, count, fixups, true);
	/* The second sync leaves interiors too: under TCG a vCPU can run a
	 * stale translation into a halt inside a location after the first
	 * sync, and sleep there. */
	patch_step(write_tails, locs, count, fixups, true);
	patch_step(write_first_bytes, locs, count, fixups, false);

	__atomic_store_n(&bp_locs, NULL, __ATOMIC_SEQ_CST);
	__atomic_fetch_add(&bp_generation, 1, __ATOMIC_SEQ_CST);
	for (size_t cpu = 0; cpu < MAX_PATCH_CPUS; cpu++) {
		while (__atomic_load_n(&bp_readers[cpu].readers, __ATOMIC_ACQUIRE))
			__builtin_ia32_pause();
	}
}
