/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An ELF64 x86-64 (or, for some steps, arm64) file opened with libelf. Every accessor checks the
 * libelf result and the offsets and sizes it hands back, so a truncated
 * or hostile file ends in an error message, never in a stray read.
 *
 * Accessors return 0 (or 1 for "found") on success and -1 after they
 * have printed "objtool: FILE: why".
 */
#ifndef OBJTOOL_ELF_FILE_H
#define OBJTOOL_ELF_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gelf.h>
#include <libelf.h>

struct elf_file {
	const char *path;
	int fd;
	Elf *elf;
	GElf_Ehdr ehdr;
	size_t shnum;		/* section headers, including index 0 */
	size_t shstrndx;
	uint64_t file_size;
	bool owns_fd;		/* closed by elf_file_close() */
	void **owned;		/* section contents allocated by elf_write.c */
	size_t nr_owned;
	/* A writable object's section sizes as opened (elf_update.c). */
	uint64_t *loaded_size;
	size_t loaded_shnum;
	bool updated;		/* written back: the mapping is stale */
};

/* The kinds of ELF file an open accepts. */
#define ELF_FILE_LINKED		1	/* ET_EXEC, ET_DYN */
#define ELF_FILE_OBJECT		2	/* ET_REL */
#define ELF_FILE_ARM64		4	/* arm64 as well as x86-64 */

/* A linked image; writable means elf_file_write() may patch bytes. */
int elf_file_open(struct elf_file *ef, const char *path, bool writable);

/*
 * A relocatable object. Writable means sections, symbols and relocations
 * may be added in memory (elf_write.h) and elf_file_update() writes them
 * back: sections that kept their size stay where they are in the file,
 * grown and new ones are appended.
 */
int elf_file_open_object(struct elf_file *ef, const char *path, bool writable);

/* The same, for a step that reads arm64 objects too (static-calls). */
int elf_file_open_object_any_arch(struct elf_file *ef, const char *path,
				  bool writable);

/*
 * The same on an open descriptor (a memfd, for the fuzzer): @name is what
 * messages call the file, @kinds a mask of ELF_FILE_*. The descriptor
 * stays the caller's.
 */
int elf_file_open_fd(struct elf_file *ef, const char *name, int fd,
		     unsigned int kinds, bool writable);

/*
 * Writes an object opened writable back to its file, once: afterwards
 * only elf_file_close() may be called on @ef.
 */
int elf_file_update(struct elf_file *ef);

void elf_file_close(struct elf_file *ef);

/* Prints the libelf reason for the last failure after @what. */
int elf_file_libelf_error(const struct elf_file *ef, const char *what);

Elf_Scn *elf_file_section(struct elf_file *ef, size_t index, GElf_Shdr *shdr);
const char *elf_file_section_name(struct elf_file *ef, const GElf_Shdr *shdr);
int elf_file_find_section(struct elf_file *ef, const char *name,
			  size_t *index, GElf_Shdr *shdr);

/* The whole of a section with file contents, checked against sh_size. */
Elf_Data *elf_file_section_data(struct elf_file *ef, Elf_Scn *scn,
				const GElf_Shdr *shdr);

/* Looks @name up in .symtab: 1 found, 0 absent, -1 error. */
int elf_file_find_symbol(struct elf_file *ef, const char *name,
			 GElf_Sym *sym);

/* The function whose [value, value + size) holds @addr: 1 found
 * (@name, @offset set), 0 none, -1 error. */
int elf_file_find_function(struct elf_file *ef, uint64_t addr,
			   const char **name, uint64_t *offset);

/* The same in a relocatable object, where every section starts at 0. */
int elf_file_find_function_in(struct elf_file *ef, size_t shndx,
			      uint64_t offset, const char **name,
			      uint64_t *func_offset);

/* Writes @len bytes at file offset @offset, retrying short writes. */
int elf_file_pwrite(struct elf_file *ef, const void *buf, size_t len,
		    uint64_t offset);

/* Writes @len bytes at virtual address @addr of the section in place. */
int elf_file_write(struct elf_file *ef, const GElf_Shdr *shdr, uint64_t addr,
		   const void *buf, size_t len);

/* [addr, addr + len) lies inside [base, base + size), without overflow. */
static inline bool range_within(uint64_t addr, uint64_t len,
				uint64_t base, uint64_t size)
{
	return addr >= base && addr - base <= size &&
	       len <= size - (addr - base);
}

static inline uint32_t get_le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

#endif
