// SPDX-License-Identifier: GPL-2.0
/*
 * Writing a grown relocatable object back in place.
 *
 * An object is opened ELF_C_READ_MMAP_PRIVATE: libelf maps the file
 * copy-on-write instead of reading all of it, so the debug info, which
 * is most of an object's bytes, is never touched. Here every section
 * that kept its size stays where it is in the file and is written only
 * if objtool changed its contents; a section that grew and every new
 * one go after the last section that stays, in index order, followed by
 * a new section header table. The writes are the new bytes alone.
 *
 * libelf's elf_update() would lay the whole file out again, packed in
 * index order, and so read and rewrite all of it: that copy was half of
 * an orc run's time per KB of code. The cost of appending is dead space
 * where a grown section used to be (a few KB of symbol and string table
 * per run); the sections themselves, their headers but sh_offset, the
 * symbols and relocations are the same bytes as libelf would write
 * (scripts/check-objtool-identical.sh compares exactly those).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf_file.h"
#include "objtool.h"

/* The file's bytes are written as they are held: little-endian ELF64. */
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "objtool writes ELF64 little-endian objects from memory as is"
#endif

/*
 * An absurd alignment would have objtool write gigabytes of padding;
 * refuse such files instead.
 */
#define MAX_SECTION_ALIGN	(1u << 16)

struct section_plan {
	Elf64_Shdr shdr;
	const void *bytes;	/* contents to write, or NULL: leave the file's */
};

struct update_plan {
	struct section_plan *sections;
	size_t shnum;
	uint64_t kept_end;	/* end of the last section left in place */
	uint64_t end;		/* new file size */
};

static bool has_file_bytes(const Elf64_Shdr *shdr)
{
	return shdr->sh_type != SHT_NOBITS && shdr->sh_size;
}

static bool stays_in_place(const struct elf_file *ef, size_t index,
			   const Elf64_Shdr *shdr)
{
	return index < ef->loaded_shnum && shdr->sh_size <= ef->loaded_size[index];
}

static uint64_t align_up(uint64_t value, uint64_t align)
{
	return align > 1 ? (value + align - 1) & ~(align - 1) : value;
}

struct kept_range {
	uint64_t offset;
	uint64_t end;
	size_t index;
};

static int by_offset(const void *a, const void *b)
{
	const struct kept_range *x = a, *y = b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/*
 * Sections left in place must not overlap each other or the ELF header:
 * writing one would overwrite the other. A linker or assembler never
 * makes such a file; refuse it rather than corrupt it.
 */
static int check_kept_apart(struct elf_file *ef, struct update_plan *plan)
{
	uint64_t end = sizeof(Elf64_Ehdr);
	struct kept_range *kept;
	const Elf64_Shdr *shdr;
	size_t i, n = 0;
	int ret = 0;

	kept = malloc(plan->shnum * sizeof(*kept));
	if (!kept)
		return error_file(ef->path, "out of memory");
	for (i = 1; i < plan->shnum; i++) {
		shdr = &plan->sections[i].shdr;
		if (has_file_bytes(shdr) && stays_in_place(ef, i, shdr))
			kept[n++] = (struct kept_range){
				shdr->sh_offset, shdr->sh_offset + shdr->sh_size, i };
	}
	qsort(kept, n, sizeof(*kept), by_offset);
	for (i = 0; i < n && !ret; i++) {
		if (kept[i].offset < end)
			ret = error_file(ef->path,
					 "section %zu overlaps another section or the ELF header",
					 kept[i].index);
		if (kept[i].end > end)
			end = kept[i].end;
	}
	plan->kept_end = end;
	free(kept);
	return ret;
}

static int section_contents(struct elf_file *ef, size_t index, Elf_Scn *scn,
			    struct section_plan *sp, bool moves)
{
	Elf_Data *data;
	bool dirty;

	if (!has_file_bytes(&sp->shdr))
		return 0;
	/* Contents objtool did not change are in the file: check they fit. */
	dirty = elf_flagscn(scn, ELF_C_SET, 0) & ELF_F_DIRTY;
	data = elf_getdata(scn, NULL);
	if (data)
		dirty |= elf_flagdata(data, ELF_C_SET, 0) & ELF_F_DIRTY;
	if (!dirty && !range_within(sp->shdr.sh_offset, sp->shdr.sh_size, 0, ef->file_size))
		return error_file(ef->path, "section %zu: contents outside the file", index);
	if (!dirty && !moves)
		return 0;
	/* elf_write.c keeps one Elf_Data per section, sized as the section. */
	if (!data || elf_getdata(scn, data) || data->d_size != sp->shdr.sh_size ||
	    !data->d_buf)
		return error_file(ef->path, "section %zu: contents not held in one piece",
				  index);
	sp->bytes = data->d_buf;
	return 0;
}

static int make_plan(struct elf_file *ef, struct update_plan *plan)
{
	struct section_plan *sp;
	uint64_t cursor;
	GElf_Shdr shdr;
	Elf_Scn *scn;
	size_t i;

	if (elf_getshdrnum(ef->elf, &plan->shnum))
		return elf_file_libelf_error(ef, "section headers");
	plan->sections = calloc(plan->shnum, sizeof(*plan->sections));
	if (!plan->sections)
		return error_file(ef->path, "out of memory");
	for (i = 0; i < plan->shnum; i++) {
		scn = elf_file_section(ef, i, &shdr);
		if (!scn)
			return -1;
		plan->sections[i].shdr = shdr;
		if (i && (shdr.sh_addralign > MAX_SECTION_ALIGN ||
			  (shdr.sh_addralign & (shdr.sh_addralign - 1))))
			return error_file(ef->path, "section %zu: bad alignment %llu",
					  i, (unsigned long long)shdr.sh_addralign);
		if (i && section_contents(ef, i, scn, &plan->sections[i],
					  !stays_in_place(ef, i, &shdr)))
			return -1;
	}
	if (check_kept_apart(ef, plan))
		return -1;

	cursor = plan->kept_end;
	for (i = 1; i < plan->shnum; i++) {
		sp = &plan->sections[i];
		if (stays_in_place(ef, i, &sp->shdr))
			continue;
		cursor = align_up(cursor, sp->shdr.sh_addralign);
		sp->shdr.sh_offset = cursor;
		if (sp->shdr.sh_type != SHT_NOBITS)
			cursor += sp->shdr.sh_size;
	}
	cursor = align_up(cursor, sizeof(Elf64_Off));
	ef->ehdr.e_shoff = cursor;
	plan->end = cursor + plan->shnum * sizeof(Elf64_Shdr);

	/* More sections than e_shnum holds: section 0 carries the counts. */
	if (plan->shnum >= SHN_LORESERVE) {
		ef->ehdr.e_shnum = 0;
		plan->sections[0].shdr.sh_size = plan->shnum;
	} else {
		ef->ehdr.e_shnum = plan->shnum;
	}
	if (ef->shstrndx >= SHN_LORESERVE) {
		ef->ehdr.e_shstrndx = SHN_XINDEX;
		plan->sections[0].shdr.sh_link = ef->shstrndx;
	} else {
		ef->ehdr.e_shstrndx = ef->shstrndx;
	}
	return 0;
}

/*
 * Everything after the sections that stay, in one buffer and one write:
 * moved and new sections, zeroed alignment gaps, the section headers.
 * It is built in full before anything is written, since the old bytes
 * of a moved section may lie in the region it overwrites.
 */
static int write_tail(struct elf_file *ef, const struct update_plan *plan)
{
	uint64_t start = plan->kept_end;
	const struct section_plan *sp;
	uint8_t *tail;
	size_t i;
	int ret;

	tail = calloc(1, plan->end - start);
	if (!tail)
		return error_file(ef->path, "out of memory");
	for (i = 1; i < plan->shnum; i++) {
		sp = &plan->sections[i];
		if (!stays_in_place(ef, i, &sp->shdr) && has_file_bytes(&sp->shdr))
			memcpy(tail + (sp->shdr.sh_offset - start), sp->bytes,
			       sp->shdr.sh_size);
	}
	for (i = 0; i < plan->shnum; i++)
		memcpy(tail + (ef->ehdr.e_shoff - start) + i * sizeof(Elf64_Shdr),
		       &plan->sections[i].shdr, sizeof(Elf64_Shdr));
	ret = elf_file_pwrite(ef, tail, plan->end - start, start);
	free(tail);
	return ret;
}

static int write_plan(struct elf_file *ef, const struct update_plan *plan)
{
	const struct section_plan *sp;
	size_t i;

	if (write_tail(ef, plan))
		return -1;
	for (i = 1; i < plan->shnum; i++) {
		sp = &plan->sections[i];
		if (sp->bytes && stays_in_place(ef, i, &sp->shdr) &&
		    elf_file_pwrite(ef, sp->bytes, sp->shdr.sh_size, sp->shdr.sh_offset))
			return -1;
	}
	/* GElf_Ehdr is Elf64_Ehdr: the file's form on this host. */
	if (!gelf_update_ehdr(ef->elf, &ef->ehdr))
		return elf_file_libelf_error(ef, "ELF header");
	if (elf_file_pwrite(ef, &ef->ehdr, sizeof(ef->ehdr), 0))
		return -1;
	if (plan->end < ef->file_size && ftruncate(ef->fd, plan->end))
		return error_file(ef->path, "truncate: %s", strerror(errno));
	return 0;
}

int elf_file_update(struct elf_file *ef)
{
	struct update_plan plan = { 0 };
	struct stat st;
	int ret;

	if (!ef->loaded_size || ef->updated)
		return error_file(ef->path, "not an object opened writable, or written already");
	ret = make_plan(ef, &plan);
	if (!ret)
		ret = write_plan(ef, &plan);
	free(plan.sections);
	if (ret)
		return -1;
	/*
	 * The mapping libelf reads from is the file's old self wherever it
	 * was not written to in memory: nothing may read through ef again.
	 */
	ef->updated = true;
	if (fstat(ef->fd, &st))
		return error_file(ef->path, "%s", strerror(errno));
	ef->file_size = st.st_size;
	return 0;
}
