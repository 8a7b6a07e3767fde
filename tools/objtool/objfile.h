/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A relocatable object as the stack checker reads it: sections with
 * their bytes and sorted relocations, and the symbol table. Loaded once;
 * everything is checked on load, so later lookups cannot read stray.
 */
#ifndef OBJTOOL_OBJFILE_H
#define OBJTOOL_OBJFILE_H

#include "elf_file.h"
#include "elf_write.h"

struct obj_reloc {
	uint64_t offset;
	uint32_t type;
	uint32_t sym;
	int64_t addend;
};

struct obj_section {
	const char *name;
	GElf_Shdr shdr;
	const uint8_t *bytes;	/* NULL unless PROGBITS */
	uint64_t size;
	bool exec;
	bool walked;		/* code the checker walks: cfg_is_code() */
	struct obj_reloc *relocs;	/* sorted by offset */
	size_t nr_relocs;
};

struct obj_symbol {
	const char *name;
	uint8_t type;		/* STT_* */
	uint8_t bind;
	size_t shndx;		/* 0 when undefined */
	uint64_t value;
	uint64_t size;
};

struct objfile {
	struct elf_file ef;
	struct elf_symtab symtab;
	struct obj_section *sections;	/* nr_sections of them */
	size_t nr_sections;		/* ef.shnum at load: writers add more */
	struct obj_symbol *syms;	/* symtab.count of them */
	const struct obj_symbol **functions;	/* STT_FUNC, by section, value */
	size_t nr_functions;
};

int objfile_open(struct objfile *obj, const char *path, bool writable);

/*
 * objfile_open() in two steps, for a caller that adds to the ELF file
 * (elf_write.h) before the objfile reads it: the load sees the additions.
 */
int objfile_open_elf(struct objfile *obj, const char *path, bool writable);
int objfile_load(struct objfile *obj);
void objfile_close(struct objfile *obj);

/* The first relocation in [offset, offset + len) of @sec, or NULL. */
const struct obj_reloc *objfile_reloc_in(const struct obj_section *sec,
					 uint64_t offset, uint64_t len);

/*
 * Where a relocation points: S + A + @bias. 1 with the section and offset set
 * when the symbol is defined in this object, 0 when it is undefined (or
 * absolute), and then *sym names it.
 */
int objfile_reloc_target(const struct objfile *obj, const struct obj_reloc *r,
			 int64_t bias, size_t *shndx, uint64_t *offset);

/* The STT_FUNC symbol starting exactly at @offset, or NULL. */
const struct obj_symbol *objfile_function_start(const struct objfile *obj,
						size_t shndx, uint64_t offset);

/* The STT_FUNC symbol whose bytes hold @offset (the first in the symbol
 * table where several do), or NULL. */
const struct obj_symbol *objfile_function_containing(const struct objfile *obj,
						     size_t shndx, uint64_t offset);

/* "function+0xoff" (or "section+0xoff") for a place in a section. */
void objfile_describe(const struct objfile *obj, size_t shndx,
		      uint64_t offset, char *buf, size_t len);

/* "objtool: FILE: function+0xoff: message"; returns -1. */
int objfile_error(const struct objfile *obj, size_t shndx, uint64_t offset,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same, prefixed "warning: ", returns 0. */
int objfile_warn(const struct objfile *obj, size_t shndx, uint64_t offset,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
