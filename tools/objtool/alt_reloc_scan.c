// SPDX-License-Identifier: GPL-2.0
/*
 * Which fields of the replacement code move wrongly when it is copied.
 *
 * The assembler resolves every PC-relative reference that stays inside
 * one input section, and leaves the others as relocations; ld keeps them
 * in the image under --emit-relocs, with r_offset turned into the
 * field's link-time address. So the relocations against the
 * alt_replacement region are exactly the fields that may need adjusting:
 *
 *   R_X86_64_PC32, PLT32       a rel32 field (call/jmp/jcc, RIP-relative
 *                              operand, .long sym - .): listed, unless it
 *                              refers inside the region (see below)
 *   R_X86_64_64, 32, 32S,      an absolute address: right wherever the
 *   16, 8                      code is copied to
 *   R_X86_64_NONE              no field (ld's leftover of a discarded
 *                              reference)
 *   anything else              an error: PC8/PC16/PC64 and the GOT forms
 *                              cannot be adjusted by the guest's engine
 */
#include <stdlib.h>

#include "alt_reloc_scan.h"
#include "objtool.h"
#include "x86_reloc.h"

void field_list_free(struct field_list *fields)
{
	free(fields->addr);
	fields->addr = NULL;
	fields->count = 0;
	fields->allocated = 0;
}

static int field_list_add(struct elf_file *ef, struct field_list *fields,
			  uint64_t addr)
{
	size_t allocated = fields->allocated ? 2 * fields->allocated : 64;
	uint64_t *grown;

	if (fields->count == fields->allocated) {
		grown = realloc(fields->addr, allocated * sizeof(*grown));
		if (!grown)
			return error_file(ef->path, "out of memory");
		fields->addr = grown;
		fields->allocated = allocated;
	}
	fields->addr[fields->count++] = addr;
	return 0;
}

/*
 * Does the rel32 field refer inside the region, so that it moves along
 * with the code and must be left alone?
 *
 * A relocation against a named symbol refers to that symbol: its addend
 * only cancels the distance from the field to the end of the instruction
 * (a global label inside a replacement is the one way to get such a
 * reference past the assembler). A relocation against a section symbol
 * (ld rewrites references to local symbols into "output section +
 * offset") refers to S + A + 4, since the CPU adds the displacement to
 * the address after the field. That is exact unless an immediate operand
 * follows the field (testb $1, sym(%rip)): then the real target is up to
 * 4 bytes further. Section-relative references into the region hardly
 * exist (the assembler resolves references within an input section and
 * locals are invisible across objects), so the case that matters is data
 * right after the region read with an immediate: S + A + 4 then lands in
 * the region's last 4 bytes. Without a decoder objtool cannot tell that
 * from a reference to those bytes, so it refuses it.
 *
 * The region is [start, end): the address just past it belongs to
 * whatever the linker placed there. Returns 1 inside, 0 outside, -1 error.
 */
static int refers_inside(struct elf_file *ef, const struct elf_region *repl,
			 const GElf_Sym *sym, const GElf_Rela *rela)
{
	uint64_t target;

	if (sym->st_name && GELF_ST_TYPE(sym->st_info) != STT_SECTION)
		return sym->st_value >= repl->start && sym->st_value < repl->end;
	target = sym->st_value + rela->r_addend + 4;
	if (target < repl->start || target >= repl->end)
		return 0;
	if (repl->end - target <= 4)
		return error_file(ef->path,
				  "%s+0x%llx: rel32 target within 4 bytes of the region's end: ambiguous without decoding (move the data it refers to)",
				  repl->name, (unsigned long long)
				  (rela->r_offset - repl->start));
	return 1;
}

static int relocation_symbol(struct elf_file *ef, Elf_Data *symbols,
			     const GElf_Rela *rela, GElf_Sym *sym)
{
	size_t index = GELF_R_SYM(rela->r_info);

	if (!index) {
		*sym = (GElf_Sym){ 0 };
		return 0;
	}
	if (!symbols || !gelf_getsym(symbols, index, sym))
		return error_file(ef->path, "relocation at 0x%llx: bad symbol %zu",
				  (unsigned long long)rela->r_offset, index);
	return 0;
}

static int scan_relocation(struct elf_file *ef, const struct elf_region *repl,
			   Elf_Data *symbols, const GElf_Rela *rela,
			   struct field_list *fields)
{
	unsigned int type = GELF_R_TYPE(rela->r_info);
	uint64_t offset = rela->r_offset - repl->start;
	char name[32];
	GElf_Sym sym;
	int inside;

	switch (x86_reloc_kind(type)) {
	case X86_RELOC_NONE:
	case X86_RELOC_ABSOLUTE:
		return 0;
	case X86_RELOC_OTHER:
		return error_file(ef->path,
				  "%s+0x%llx: unsupported relocation %s (only rel32 fields can be adjusted)",
				  repl->name, (unsigned long long)offset,
				  x86_reloc_name(type, name, sizeof(name)));
	case X86_RELOC_PC32:
		break;
	}
	if (!range_within(rela->r_offset, 4, repl->start,
			  repl->end - repl->start))
		return error_file(ef->path, "%s+0x%llx: rel32 field crosses the region's end",
				  repl->name, (unsigned long long)offset);
	if (relocation_symbol(ef, symbols, rela, &sym))
		return -1;
	inside = refers_inside(ef, repl, &sym, rela);
	if (inside)
		return inside < 0 ? -1 : 0;
	return field_list_add(ef, fields, rela->r_offset);
}

/* The symbol table a relocation section points at, or NULL if none. */
static int linked_symbols(struct elf_file *ef, const GElf_Shdr *rela_shdr,
			  Elf_Data **symbols)
{
	GElf_Shdr shdr;
	Elf_Scn *scn;

	*symbols = NULL;
	if (!rela_shdr->sh_link)
		return 0;
	scn = elf_file_section(ef, rela_shdr->sh_link, &shdr);
	if (!scn)
		return -1;
	if (shdr.sh_type != SHT_SYMTAB && shdr.sh_type != SHT_DYNSYM)
		return error_file(ef->path, "relocations link to section %u, not a symbol table",
				  rela_shdr->sh_link);
	*symbols = elf_file_section_data(ef, scn, &shdr);
	return *symbols ? 0 : -1;
}

/* Only the entries inside the region: it may share its output section. */
static int scan_rela_section(struct elf_file *ef, const struct elf_region *repl,
			     Elf_Scn *scn, const GElf_Shdr *shdr,
			     struct field_list *fields)
{
	Elf_Data *data, *symbols;
	GElf_Rela rela;
	size_t count, i;

	data = elf_file_section_data(ef, scn, shdr);
	if (!data || linked_symbols(ef, shdr, &symbols))
		return -1;
	if (data->d_type != ELF_T_RELA)
		return error_file(ef->path, "section %zu: not RELA data",
				  elf_ndxscn(scn));
	count = data->d_size / sizeof(Elf64_Rela);
	for (i = 0; i < count; i++) {
		if (!gelf_getrela(data, i, &rela))
			return elf_file_libelf_error(ef, "relocation");
		if (rela.r_offset < repl->start || rela.r_offset >= repl->end)
			continue;
		if (scan_relocation(ef, repl, symbols, &rela, fields))
			return -1;
	}
	return 0;
}

static int compare_addr(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int sort_fields(struct elf_file *ef, const struct elf_region *repl,
		       struct field_list *fields)
{
	size_t i;

	if (fields->count)
		qsort(fields->addr, fields->count, sizeof(*fields->addr),
		      compare_addr);
	for (i = 1; i < fields->count; i++)
		if (fields->addr[i] - fields->addr[i - 1] < 4)
			return error_file(ef->path, "%s+0x%llx: overlapping rel32 fields",
					  repl->name, (unsigned long long)
					  (fields->addr[i] - repl->start));
	return 0;
}

/*
 * --emit-relocs leaves relocation sections that are not allocated and
 * whose sh_info names the section they apply to; the allocated ones
 * (.rela.dyn, .rela.plt) belong to a dynamic loader, not to us.
 */
static bool is_link_relocs(const GElf_Shdr *shdr)
{
	return (shdr->sh_type == SHT_RELA || shdr->sh_type == SHT_REL) &&
	       !(shdr->sh_flags & SHF_ALLOC) && shdr->sh_info;
}

int alt_reloc_scan(struct elf_file *ef, const struct elf_region *repl,
		   struct field_list *fields)
{
	bool any_link_relocs = false;
	GElf_Shdr shdr;
	Elf_Scn *scn;
	size_t i;

	for (i = 1; i < ef->shnum; i++) {
		scn = elf_file_section(ef, i, &shdr);
		if (!scn)
			return -1;
		if (!is_link_relocs(&shdr))
			continue;
		any_link_relocs = true;
		if (shdr.sh_info != repl->scn_index)
			continue;
		if (shdr.sh_type == SHT_REL)
			return error_file(ef->path, "%s: SHT_REL relocations (x86-64 uses RELA)",
					  repl->name);
		if (scan_rela_section(ef, repl, scn, &shdr, fields))
			return -1;
	}
	/*
	 * Without --emit-relocs the table would come out empty and every
	 * moved call would land in the wrong place: refuse rather than guess.
	 */
	if (!any_link_relocs && repl->end > repl->start)
		return error_file(ef->path, "no relocation sections: link with --emit-relocs");
	return sort_fields(ef, repl, fields);
}
