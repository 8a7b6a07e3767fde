/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Adding to a relocatable object opened with elf_file_open_object(..,
 * true): contents appended to sections, new sections, global symbols and
 * RELA relocations. Nothing here renumbers what exists (no section or
 * symbol moves), so every index a caller holds stays valid; the
 * additions live in memory until elf_file_update() (elf_update.c).
 *
 * Memory for grown contents belongs to the elf_file and is freed by
 * elf_file_close(). All functions print "objtool: FILE: why" on error.
 */
#ifndef OBJTOOL_ELF_WRITE_H
#define OBJTOOL_ELF_WRITE_H

#include "elf_file.h"

/* The object's .symtab and its string table, checked. */
struct elf_symtab {
	size_t index;		/* section index of .symtab */
	Elf_Data *data;
	size_t count;		/* symbols, including index 0 */
	size_t strtab;		/* section index of its string table */
	/* Per section, the symbol to relocate against, or 0: built on the
	 * first elf_symtab_section_symbol() (memory owned by the elf_file). */
	size_t *section_symbol;
	size_t section_symbols;	/* sections it covers */
};

/* 1 found, 0 the object has no .symtab, -1 error. */
int elf_symtab_load(struct elf_file *ef, struct elf_symtab *symtab);

/* Symbol @index and its name ("" for none): 0, or -1 if out of range. */
int elf_symtab_get(struct elf_file *ef, const struct elf_symtab *symtab,
		   size_t index, GElf_Sym *sym, const char **name);

/* The index of the first symbol named @name: 1 found, 0 absent, -1 error. */
int elf_symtab_find(struct elf_file *ef, const struct elf_symtab *symtab,
		    const char *name, size_t *index);

/*
 * A symbol to relocate against for section @shndx: its section symbol,
 * else a symbol defined in it (a relocation adds -*bias to its addend).
 */
int elf_symtab_section_symbol(struct elf_file *ef, struct elf_symtab *symtab,
			      size_t shndx, size_t *index, uint64_t *bias);

/*
 * Appends an undefined global symbol (STT_NOTYPE) named @name. Globals
 * follow the locals, so appending keeps .symtab's sh_info right.
 */
int elf_write_add_undefined(struct elf_file *ef, struct elf_symtab *symtab,
			    const char *name, size_t *index);

/*
 * Appends @len bytes to the contents of section @index at the next
 * multiple of @align (the gap is zeroed); *offset is where they start.
 */
int elf_write_append(struct elf_file *ef, size_t index, const void *buf,
		     size_t len, size_t align, uint64_t *offset);

/*
 * A new empty section @name (its sh_name is set here) shaped after
 * @shdr: type, flags, link, info, alignment and entry size. Returns its
 * index, or 0 on error.
 */
size_t elf_write_new_section(struct elf_file *ef, const char *name,
			     const GElf_Shdr *shdr);

/* The RELA section that applies to section @target, made if missing
 * (".rela" + the target's name, linked to @symtab). 0 on error. */
size_t elf_write_rela_section(struct elf_file *ef,
			      const struct elf_symtab *symtab, size_t target);

/* Appends one relocation to the RELA section @rela. */
int elf_write_add_rela(struct elf_file *ef, size_t rela, uint64_t offset,
		       size_t symbol, unsigned int type, int64_t addend);

#endif
