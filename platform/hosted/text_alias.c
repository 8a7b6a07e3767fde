// SPDX-License-Identifier: GPL-2.0
/*
 * Hosted text alias: the executable's text lives on a memfd mapped twice,
 * read+execute at its link-time place and read+write elsewhere. Patches
 * are written through the second mapping only, so no page of the process
 * is ever writable and executable at once, as in the guest, where writes
 * go through a temporary alias of the read-only kernel text.
 *
 * The two mappings share physical pages. x86 keeps instruction fetch
 * coherent with stores by physical address (Intel SDM vol. 3A, 11.6
 * "Self-Modifying Code"), so a store through the alias is seen by
 * instruction fetch at the text address; text_poke_bp's syncs deal with
 * what other cores already fetched.
 */
#include <errno.h>
#include <link.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <hosted/text_alias.h>
#include <pvpatch/compiler.h>
#include <pvpatch/platform.h>
#include <pvpatch/text_poke.h>

static uintptr_t text_start, text_end;
static uint8_t *text_alias;

struct text_search {
	uintptr_t page;
	uintptr_t start, end;		/* page-aligned executable segment */
	unsigned int executable;	/* executable PT_LOADs seen */
	bool overlap;			/* another PT_LOAD shares its pages */
};

static void page_range(const struct text_search *s, const ElfW(Phdr) *ph,
		       uintptr_t base, uintptr_t *start, uintptr_t *end)
{
	*start = ALIGN_DOWN(base + ph->p_vaddr, s->page);
	*end = ALIGN_UP(base + ph->p_vaddr + ph->p_memsz, s->page);
}

/* The first object dl_iterate_phdr() reports is the main program. */
static int find_text(struct dl_phdr_info *info, size_t size, void *data)
{
	struct text_search *s = data;
	uintptr_t start, end;

	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
			continue;
		page_range(s, ph, info->dlpi_addr, &s->start, &s->end);
		s->executable++;
	}
	for (int i = 0; i < info->dlpi_phnum && s->executable == 1; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type != PT_LOAD || (ph->p_flags & PF_X))
			continue;
		page_range(s, ph, info->dlpi_addr, &start, &end);
		if (start < s->end && end > s->start)
			s->overlap = true;
	}
	return 1;
}

static void find_text_segment(uintptr_t *start, uintptr_t *end)
{
	struct text_search s = { .page = (uintptr_t)sysconf(_SC_PAGESIZE) };

	dl_iterate_phdr(find_text, &s);
	if (s.executable != 1)
		panic("text alias: expected one executable PT_LOAD in the program, found %u",
		      s.executable);
	/* Remapping whole pages would also remap part of that segment. */
	if (s.overlap)
		panic("text alias: the executable segment %#lx-%#lx shares a page with another segment (link with -z separate-code)",
		      (unsigned long)s.start, (unsigned long)s.end);
	*start = s.start;
	*end = s.end;
}

/* A writable copy of [start, start + size) on a new memfd; returns the fd. */
static int copy_to_memfd(uintptr_t start, size_t size, uint8_t **alias)
{
	int fd = memfd_create("pvpatch-text", MFD_CLOEXEC);
	void *p;

	if (fd < 0)
		panic("text alias: memfd_create: %s", strerror(errno));
	if (ftruncate(fd, size))
		panic("text alias: ftruncate(%zu): %s", size, strerror(errno));
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		panic("text alias: mmap of the writable alias: %s", strerror(errno));
	memcpy(p, (const void *)start, size);
	*alias = p;
	return fd;
}

/*
 * Replacing the text we are executing is safe because the new pages hold
 * the same bytes as the old ones: whatever this CPU fetched before the
 * switch is still the right instruction after it. mmap(MAP_FIXED) swaps
 * the mappings inside one system call, under the address-space lock and
 * with the TLB flushed before it returns, so there is never a moment at
 * which user code could run from a hole. No other thread exists yet to
 * run from the old pages (or to patch them between our copy and the swap).
 * Should that mmap fail, the old pages may be gone already (mmap(2)), and
 * the process may die of SIGSEGV before the panic message is out.
 */
void text_alias_init(void)
{
	uintptr_t start, end;
	uint8_t *alias;
	void *p;
	int fd;

	if (text_alias)
		panic("text alias: set up twice");
	find_text_segment(&start, &end);
	fd = copy_to_memfd(start, end - start, &alias);
	p = mmap((void *)start, end - start, PROT_READ | PROT_EXEC,
		 MAP_SHARED | MAP_FIXED, fd, 0);
	if (p == MAP_FAILED)
		panic("text alias: mmap of the text over %#lx-%#lx: %s",
		      (unsigned long)start, (unsigned long)end, strerror(errno));
	close(fd);		/* the two mappings keep the memfd alive */
	text_start = start;
	text_end = end;
	text_alias = alias;
}

bool text_alias_get(struct text_alias_info *info)
{
	if (!text_alias)
		return false;
	info->start = text_start;
	info->size = text_end - text_start;
	info->alias = text_alias;
	return true;
}

/*
 * text_poke_bp's int3 and first-byte steps rely on a one-byte write being
 * one store, so that a CPU fetching the byte sees the old or the new value
 * and nothing else: make that explicit rather than trust memcpy. The order
 * of the stores of a longer write does not matter: nobody executes those
 * bytes while they change (they sit behind an int3).
 */
void arch_text_write(void *addr, const void *src, size_t len)
{
	uintptr_t a = (uintptr_t)addr;
	uint8_t *dst;

	if (!text_alias)
		panic("text_poke: write to %p before text_alias_init()", addr);
	if (a < text_start || a > text_end || len > text_end - a)
		panic("text_poke: %p+%zu is outside the program's text %#lx-%#lx",
		      addr, len, (unsigned long)text_start, (unsigned long)text_end);
	dst = text_alias + (a - text_start);
	if (len == 1)
		WRITE_ONCE(*dst, *(const uint8_t *)src);
	else
		memcpy(dst, src, len);
}
