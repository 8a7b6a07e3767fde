// SPDX-License-Identifier: GPL-2.0
/*
 * Growing a relocatable object in place (see elf_write.h).
 *
 * Each section keeps a single Elf_Data whose buffer is replaced by a
 * larger one on every append: readers (elf_file_section_data()) insist on
 * one Elf_Data per section, and libelf writes whatever d_buf holds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf_write.h"
#include "objtool.h"

int elf_symtab_load(struct elf_file *ef, struct elf_symtab *symtab)
{
	GElf_Shdr shdr, strtab;
	Elf_Scn *scn;
	size_t i;

	for (i = 1; i < ef->shnum; i++) {
		scn = elf_file_section(ef, i, &shdr);
		if (!scn)
			return -1;
		if (shdr.sh_type != SHT_SYMTAB)
			continue;
		symtab->index = i;
		symtab->data = elf_file_section_data(ef, scn, &shdr);
		if (!symtab->data)
			return -1;
		if (symtab->data->d_type != ELF_T_SYM)
			return error_file(ef->path, ".symtab: not symbol data");
		symtab->count = symtab->data->d_size / sizeof(Elf64_Sym);
		symtab->strtab = shdr.sh_link;
		if (!shdr.sh_link || shdr.sh_link >= ef->shnum ||
		    !elf_file_section(ef, shdr.sh_link, &strtab))
			return error_file(ef->path, ".symtab: bad string table link %u",
					  shdr.sh_link);
		if (strtab.sh_type != SHT_STRTAB)
			return error_file(ef->path, ".symtab: section %u is not a string table",
					  shdr.sh_link);
		return 1;
	}
	return 0;
}

int elf_symtab_get(struct elf_file *ef, const struct elf_symtab *symtab,
		   size_t index, GElf_Sym *sym, const char **name)
{
	*name = "";
	if (index >= symtab->count || !gelf_getsym(symtab->data, index, sym))
		return error_file(ef->path, "symbol %zu out of range (%zu symbols)",
				  index, symtab->count);
	*name = sym->st_name ? elf_strptr(ef->elf, symtab->strtab, sym->st_name) : "";
	if (!*name)
		return error_file(ef->path, "symbol %zu: bad name offset %u",
				  index, sym->st_name);
	return 0;
}

int elf_symtab_find(struct elf_file *ef, const struct elf_symtab *symtab,
		    const char *name, size_t *index)
{
	const char *this_name;
	GElf_Sym sym;
	size_t i;

	for (i = 1; i < symtab->count; i++) {
		if (elf_symtab_get(ef, symtab, i, &sym, &this_name))
			return -1;
		if (!strcmp(this_name, name)) {
			*index = i;
			return 1;
		}
	}
	return 0;
}

static bool can_stand_for_section(const GElf_Sym *sym)
{
	switch (GELF_ST_TYPE(sym->st_info)) {
	case STT_NOTYPE:
	case STT_FUNC:
	case STT_OBJECT:
		return true;
	default:
		return false;
	}
}

static void *owned_alloc(struct elf_file *ef, size_t size);

/*
 * One pass over the symbols for every section: its first section
 * symbol, else the last local that can stand for it, else the first
 * global. A search per section was quadratic in objects with one
 * section per function.
 */
static int index_section_symbols(struct elf_file *ef, struct elf_symtab *symtab)
{
	size_t *chosen, i;
	uint8_t *rank;		/* 0 none, 1 a global, 2 a local, 3 the section's */
	GElf_Sym sym;

	chosen = owned_alloc(ef, ef->shnum * sizeof(*chosen));
	rank = calloc(ef->shnum, 1);
	if (!chosen || !rank) {
		free(rank);
		return error_file(ef->path, "out of memory");
	}
	memset(chosen, 0, ef->shnum * sizeof(*chosen));
	for (i = 1; i < symtab->count; i++) {
		if (!gelf_getsym(symtab->data, i, &sym)) {
			free(rank);
			return error_file(ef->path, "symbol %zu out of range (%zu symbols)",
					  i, symtab->count);
		}
		if (!sym.st_shndx || sym.st_shndx >= ef->shnum || rank[sym.st_shndx] == 3)
			continue;
		if (GELF_ST_TYPE(sym.st_info) == STT_SECTION) {
			chosen[sym.st_shndx] = i;
			rank[sym.st_shndx] = 3;
		} else if (can_stand_for_section(&sym) &&
			   (!rank[sym.st_shndx] || GELF_ST_BIND(sym.st_info) == STB_LOCAL)) {
			chosen[sym.st_shndx] = i;
			rank[sym.st_shndx] = GELF_ST_BIND(sym.st_info) == STB_LOCAL ? 2 : 1;
		}
	}
	free(rank);
	symtab->section_symbol = chosen;
	symtab->section_symbols = ef->shnum;
	return 0;
}

int elf_symtab_section_symbol(struct elf_file *ef, struct elf_symtab *symtab,
			      size_t shndx, size_t *index, uint64_t *bias)
{
	const char *name;
	GElf_Sym sym;

	if (!symtab->section_symbol && index_section_symbols(ef, symtab))
		return -1;
	if (shndx >= symtab->section_symbols || !symtab->section_symbol[shndx])
		return error_file(ef->path, "section %zu: no symbol to relocate against",
				  shndx);
	*index = symtab->section_symbol[shndx];
	if (elf_symtab_get(ef, symtab, *index, &sym, &name))
		return -1;
	*bias = GELF_ST_TYPE(sym.st_info) == STT_SECTION ? 0 : sym.st_value;
	return 0;
}

static void **owned_slot(struct elf_file *ef, void *old)
{
	size_t i;

	for (i = 0; old && i < ef->nr_owned; i++)
		if (ef->owned[i] == old)
			return &ef->owned[i];
	return NULL;
}

static void *grow_buffer(struct elf_file *ef, void *old, size_t old_size,
			 size_t new_size)
{
	void **slot = owned_slot(ef, old), **list, *buf;

	if (slot) {
		buf = realloc(old, new_size);
		if (buf)
			*slot = buf;
		return buf;
	}
	list = realloc(ef->owned, (ef->nr_owned + 1) * sizeof(*list));
	if (!list)
		return NULL;
	ef->owned = list;
	buf = malloc(new_size);
	if (!buf)
		return NULL;
	if (old_size)
		memcpy(buf, old, old_size);
	ef->owned[ef->nr_owned++] = buf;
	return buf;
}

static void *owned_alloc(struct elf_file *ef, size_t size)
{
	return grow_buffer(ef, NULL, 0, size);
}

int elf_write_append(struct elf_file *ef, size_t index, const void *buf,
		     size_t len, size_t align, uint64_t *offset)
{
	size_t start, new_size;
	Elf_Data *data;
	GElf_Shdr shdr;
	Elf_Scn *scn;
	uint8_t *bytes;

	scn = elf_file_section(ef, index, &shdr);
	if (!scn)
		return -1;
	if (shdr.sh_type == SHT_NOBITS)
		return error_file(ef->path, "section %zu: cannot append to NOBITS", index);
	data = elf_getdata(scn, NULL);
	if (!data)
		data = elf_newdata(scn);
	/* A section made by elf_newscn() starts with a blank Elf_Data. */
	if (data && data->d_version == EV_NONE) {
		data->d_version = EV_CURRENT;
		data->d_type = shdr.sh_type == SHT_RELA ? ELF_T_RELA :
			       shdr.sh_type == SHT_SYMTAB ? ELF_T_SYM :
			       ELF_T_BYTE;
	}
	if (!data || elf_getdata(scn, data))
		return error_file(ef->path, "section %zu: unreadable", index);
	if (!align)
		align = 1;
	start = (data->d_size + align - 1) / align * align;
	if (start < data->d_size || len > SIZE_MAX - start)
		return error_file(ef->path, "section %zu: too large", index);
	new_size = start + len;
	bytes = grow_buffer(ef, data->d_buf, data->d_size, new_size);
	if (!bytes)
		return error_file(ef->path, "out of memory");
	memset(bytes + data->d_size, 0, start - data->d_size);
	memcpy(bytes + start, buf, len);
	data->d_buf = bytes;
	data->d_size = new_size;
	if (data->d_align < align)
		data->d_align = align;
	shdr.sh_size = new_size;
	if (shdr.sh_addralign < align)
		shdr.sh_addralign = align;
	if (!gelf_update_shdr(scn, &shdr) ||
	    !elf_flagdata(data, ELF_C_SET, ELF_F_DIRTY))
		return elf_file_libelf_error(ef, "append");
	if (offset)
		*offset = start;
	return 0;
}

/* Adds @name to the string table @index: its offset there, or -1. */
static int64_t add_string(struct elf_file *ef, size_t index, const char *name)
{
	uint64_t offset;

	if (elf_write_append(ef, index, name, strlen(name) + 1, 1, &offset))
		return -1;
	return (int64_t)offset;
}

size_t elf_write_new_section(struct elf_file *ef, const char *name,
			     const GElf_Shdr *shdr)
{
	int64_t name_offset = add_string(ef, ef->shstrndx, name);
	GElf_Shdr new = *shdr;
	Elf_Scn *scn;

	if (name_offset < 0)
		return 0;
	if (name_offset > UINT32_MAX) {
		error_file(ef->path, "section name table too large");
		return 0;
	}
	scn = elf_newscn(ef->elf);
	if (!scn) {
		elf_file_libelf_error(ef, "new section");
		return 0;
	}
	new.sh_name = (uint32_t)name_offset;
	new.sh_size = 0;
	new.sh_offset = 0;
	new.sh_addr = 0;
	if (!gelf_update_shdr(scn, &new) || elf_getshdrnum(ef->elf, &ef->shnum)) {
		elf_file_libelf_error(ef, "new section");
		return 0;
	}
	return elf_ndxscn(scn);
}

size_t elf_write_rela_section(struct elf_file *ef,
			      const struct elf_symtab *symtab, size_t target)
{
	GElf_Shdr shdr, rela = {
		.sh_type = SHT_RELA,
		.sh_flags = SHF_INFO_LINK,
		.sh_link = (uint32_t)symtab->index,
		.sh_info = (uint32_t)target,
		.sh_addralign = 8,
		.sh_entsize = sizeof(Elf64_Rela),
	};
	const char *target_name;
	char name[256];
	size_t i;

	for (i = 1; i < ef->shnum; i++) {
		if (!elf_file_section(ef, i, &shdr))
			return 0;
		if ((shdr.sh_type == SHT_RELA || shdr.sh_type == SHT_REL) &&
		    shdr.sh_info == target) {
			if (shdr.sh_type == SHT_REL || shdr.sh_link != symtab->index) {
				error_file(ef->path, "section %zu: relocations for section %zu are not RELA against .symtab",
					   i, target);
				return 0;
			}
			return i;
		}
	}
	if (!elf_file_section(ef, target, &shdr))
		return 0;
	target_name = elf_file_section_name(ef, &shdr);
	if (!target_name)
		return 0;
	snprintf(name, sizeof(name), ".rela%s", target_name);
	return elf_write_new_section(ef, name, &rela);
}

int elf_write_add_rela(struct elf_file *ef, size_t rela, uint64_t offset,
		       size_t symbol, unsigned int type, int64_t addend)
{
	Elf64_Rela entry = {
		.r_offset = offset,
		.r_info = ELF64_R_INFO(symbol, type),
		.r_addend = addend,
	};

	return elf_write_append(ef, rela, &entry, sizeof(entry), 1, NULL);
}

/* An extended section index table follows .symtab entry for entry. */
static int extend_shndx_table(struct elf_file *ef, size_t symtab_index)
{
	static const uint32_t none;
	GElf_Shdr shdr;
	size_t i;

	for (i = 1; i < ef->shnum; i++) {
		if (!elf_file_section(ef, i, &shdr))
			return -1;
		if (shdr.sh_type == SHT_SYMTAB_SHNDX && shdr.sh_link == symtab_index)
			return elf_write_append(ef, i, &none, sizeof(none), 1, NULL);
	}
	return 0;
}

int elf_write_add_undefined(struct elf_file *ef, struct elf_symtab *symtab,
			    const char *name, size_t *index)
{
	int64_t name_offset = add_string(ef, symtab->strtab, name);
	Elf64_Sym sym = {
		.st_info = ELF64_ST_INFO(STB_GLOBAL, STT_NOTYPE),
		.st_shndx = SHN_UNDEF,
	};
	uint64_t offset;
	Elf_Scn *scn;

	if (name_offset < 0)
		return -1;
	if (name_offset > UINT32_MAX)
		return error_file(ef->path, "string table too large");
	sym.st_name = (uint32_t)name_offset;
	if (symtab->data->d_size % sizeof(sym))
		return error_file(ef->path, ".symtab: size is not a whole number of symbols");
	if (elf_write_append(ef, symtab->index, &sym, sizeof(sym), 1, &offset) ||
	    extend_shndx_table(ef, symtab->index))
		return -1;
	scn = elf_getscn(ef->elf, symtab->index);
	symtab->data = scn ? elf_getdata(scn, NULL) : NULL;
	if (!symtab->data)
		return elf_file_libelf_error(ef, ".symtab");
	symtab->count = symtab->data->d_size / sizeof(sym);
	*index = offset / sizeof(sym);
	return 0;
}
