// SPDX-License-Identifier: GPL-2.0
/*
 * Opening, reading and patching an ELF64 x86-64 image through libelf.
 *
 * A file only read is mapped (ELF_C_READ_MMAP: no copy, which on a host
 * where page faults are dear was a third of a check's time). A linked
 * image to patch is read with ELF_C_READ (libelf keeps its own copy in
 * memory) and changes are written back with pwrite() at the section's
 * file offset. objtool only ever rewrites bytes inside a table the image
 * reserved, so nothing may move: writing the bytes ourselves instead of
 * elf_update() guarantees that, whatever libelf would do with padding
 * and header layout.
 *
 * Relocatable objects are different: objtool adds sections, symbols and
 * relocations to them (elf_write.c). A writable object is mapped
 * copy-on-write (ELF_C_READ_MMAP_PRIVATE), changed in memory, and
 * elf_update.c writes the new bytes back.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf_file.h"
#include "objtool.h"

int elf_file_libelf_error(const struct elf_file *ef, const char *what)
{
	return error_file(ef->path, "%s: %s", what, elf_errmsg(-1));
}

static bool type_accepted(unsigned int type, unsigned int kinds)
{
	if (type == ET_EXEC || type == ET_DYN)
		return kinds & ELF_FILE_LINKED;
	return type == ET_REL && (kinds & ELF_FILE_OBJECT);
}

/* objtool knows little-endian x86-64, and arm64 where the caller does. */
static int check_header(struct elf_file *ef, unsigned int kinds)
{
	const char *ident = elf_getident(ef->elf, NULL);

	if (elf_kind(ef->elf) != ELF_K_ELF || !ident)
		return error_file(ef->path, "not an ELF file");
	if (ident[EI_CLASS] != ELFCLASS64 || ident[EI_DATA] != ELFDATA2LSB)
		return error_file(ef->path, "not a little-endian ELF64 file");
	if (!gelf_getehdr(ef->elf, &ef->ehdr))
		return elf_file_libelf_error(ef, "ELF header");
	if (ef->ehdr.e_machine == EM_AARCH64 && !(kinds & ELF_FILE_ARM64))
		return error_file(ef->path, "an arm64 file: only static-calls reads arm64 so far");
	if (ef->ehdr.e_machine != EM_X86_64 && ef->ehdr.e_machine != EM_AARCH64)
		return error_file(ef->path, "not an x86-64 or arm64 file (e_machine %u)",
				  ef->ehdr.e_machine);
	if (!type_accepted(ef->ehdr.e_type, kinds))
		return error_file(ef->path, "not a %s (e_type %u)",
				  !(kinds & ELF_FILE_LINKED) ? "relocatable object" :
				  !(kinds & ELF_FILE_OBJECT) ? "linked executable" :
				  "linked executable or relocatable object",
				  ef->ehdr.e_type);
	if (elf_getshdrnum(ef->elf, &ef->shnum) ||
	    elf_getshdrstrndx(ef->elf, &ef->shstrndx))
		return elf_file_libelf_error(ef, "section headers");
	/*
	 * libelf quietly reports zero sections when e_shoff points past the
	 * end; say so rather than "no such section" later.
	 */
	if (!ef->shnum || ef->ehdr.e_shentsize != sizeof(Elf64_Shdr) ||
	    ef->shnum > ef->file_size / sizeof(Elf64_Shdr) ||
	    !range_within(ef->ehdr.e_shoff, ef->shnum * sizeof(Elf64_Shdr),
			  0, ef->file_size))
		return error_file(ef->path,
				  "section header table outside the file");
	if (!ef->shstrndx || ef->shstrndx >= ef->shnum)
		return error_file(ef->path, "bad section name table index %zu",
				  ef->shstrndx);
	return 0;
}

/* Which sections elf_file_update() may leave where they are. */
static int remember_sizes(struct elf_file *ef)
{
	GElf_Shdr shdr;
	size_t i;

	ef->loaded_size = calloc(ef->shnum, sizeof(*ef->loaded_size));
	if (!ef->loaded_size)
		return error_file(ef->path, "out of memory");
	for (i = 0; i < ef->shnum; i++) {
		if (!elf_file_section(ef, i, &shdr))
			return -1;
		ef->loaded_size[i] = shdr.sh_size;
	}
	ef->loaded_shnum = ef->shnum;
	return 0;
}

int elf_file_open_fd(struct elf_file *ef, const char *name, int fd,
		     unsigned int kinds, bool writable)
{
	struct stat st;

	memset(ef, 0, sizeof(*ef));
	ef->path = name;
	ef->fd = fd;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return elf_file_libelf_error(ef, "libelf");
	if (fstat(fd, &st))
		return error_file(name, "%s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return error_file(name, "not a regular file");
	ef->file_size = st.st_size;
	/*
	 * A linked image is patched with pwrite() (nothing may move); an
	 * object grows sections in memory: a private mapping it may write.
	 */
	ef->elf = elf_begin(fd, !writable ? ELF_C_READ_MMAP :
			    (kinds & ELF_FILE_OBJECT) ? ELF_C_READ_MMAP_PRIVATE :
			    ELF_C_READ, NULL);
	if (!ef->elf)
		return elf_file_libelf_error(ef, "cannot read");
	if (check_header(ef, kinds))
		return -1;
	return writable && (kinds & ELF_FILE_OBJECT) ? remember_sizes(ef) : 0;
}

static int open_path(struct elf_file *ef, const char *path,
		     unsigned int kinds, bool writable)
{
	int fd = open(path, writable ? O_RDWR : O_RDONLY);

	if (fd < 0) {
		memset(ef, 0, sizeof(*ef));
		ef->fd = -1;
		return error_file(path, "%s", strerror(errno));
	}
	if (elf_file_open_fd(ef, path, fd, kinds, writable)) {
		ef->owns_fd = true;
		return -1;
	}
	ef->owns_fd = true;
	return 0;
}

int elf_file_open(struct elf_file *ef, const char *path, bool writable)
{
	return open_path(ef, path, ELF_FILE_LINKED, writable);
}

int elf_file_open_object(struct elf_file *ef, const char *path, bool writable)
{
	return open_path(ef, path, ELF_FILE_OBJECT, writable);
}

int elf_file_open_object_any_arch(struct elf_file *ef, const char *path,
				  bool writable)
{
	return open_path(ef, path, ELF_FILE_OBJECT | ELF_FILE_ARM64, writable);
}

void elf_file_close(struct elf_file *ef)
{
	if (ef->elf)
		elf_end(ef->elf);
	if (ef->owns_fd && ef->fd >= 0)
		close(ef->fd);
	while (ef->nr_owned)
		free(ef->owned[--ef->nr_owned]);
	free(ef->owned);
	ef->owned = NULL;
	free(ef->loaded_size);
	ef->loaded_size = NULL;
	ef->elf = NULL;
	ef->fd = -1;
}

Elf_Scn *elf_file_section(struct elf_file *ef, size_t index, GElf_Shdr *shdr)
{
	Elf_Scn *scn = elf_getscn(ef->elf, index);

	if (!scn || !gelf_getshdr(scn, shdr)) {
		error_file(ef->path, "section %zu: %s", index, elf_errmsg(-1));
		return NULL;
	}
	return scn;
}

const char *elf_file_section_name(struct elf_file *ef, const GElf_Shdr *shdr)
{
	const char *name = elf_strptr(ef->elf, ef->shstrndx, shdr->sh_name);

	if (!name)
		elf_file_libelf_error(ef, "section name");
	return name;
}

int elf_file_find_section(struct elf_file *ef, const char *name,
			  size_t *index, GElf_Shdr *shdr)
{
	const char *this_name;
	size_t i;

	for (i = 1; i < ef->shnum; i++) {
		if (!elf_file_section(ef, i, shdr))
			return -1;
		this_name = elf_file_section_name(ef, shdr);
		if (!this_name)
			return -1;
		if (!strcmp(this_name, name)) {
			*index = i;
			return 1;
		}
	}
	return 0;
}

/* Sections elf_write.c made or grew live in memory until written. */
static bool held_in_memory(const struct elf_file *ef, size_t index,
			   const GElf_Shdr *shdr)
{
	return ef->loaded_size &&
	       (index >= ef->loaded_shnum || shdr->sh_size != ef->loaded_size[index]);
}

Elf_Data *elf_file_section_data(struct elf_file *ef, Elf_Scn *scn,
				const GElf_Shdr *shdr)
{
	Elf_Data *data;

	if (shdr->sh_type == SHT_NOBITS ||
	    (!held_in_memory(ef, elf_ndxscn(scn), shdr) &&
	     !range_within(shdr->sh_offset, shdr->sh_size, 0, ef->file_size))) {
		error_file(ef->path, "section %zu: no contents in the file",
			   elf_ndxscn(scn));
		return NULL;
	}
	data = elf_getdata(scn, NULL);
	if (!data) {
		error_file(ef->path, "section %zu: %s", elf_ndxscn(scn),
			   elf_errmsg(-1));
		return NULL;
	}
	/* A second Elf_Data would mean libelf split the section: not ours. */
	if ((data->d_size && !data->d_buf) || elf_getdata(scn, data)) {
		error_file(ef->path, "section %zu: unreadable", elf_ndxscn(scn));
		return NULL;
	}
	return data;
}

/* Finds .symtab and its string table: 1 found, 0 absent, -1 error. */
static int symbol_table(struct elf_file *ef, Elf_Data **data, size_t *count,
			size_t *strtab)
{
	GElf_Shdr shdr;
	Elf_Scn *scn;
	size_t i;

	for (i = 1; i < ef->shnum; i++) {
		scn = elf_file_section(ef, i, &shdr);
		if (!scn)
			return -1;
		if (shdr.sh_type != SHT_SYMTAB)
			continue;
		*data = elf_file_section_data(ef, scn, &shdr);
		if (!*data)
			return -1;
		*count = (*data)->d_size / sizeof(Elf64_Sym);
		*strtab = shdr.sh_link;
		return 1;
	}
	return 0;
}

int elf_file_find_symbol(struct elf_file *ef, const char *name,
			 GElf_Sym *sym)
{
	size_t count, strtab, i;
	const char *this_name;
	Elf_Data *data;
	int found;

	found = symbol_table(ef, &data, &count, &strtab);
	if (found <= 0)
		return found;
	for (i = 1; i < count; i++) {
		if (!gelf_getsym(data, i, sym))
			return elf_file_libelf_error(ef, "symbol");
		if (!sym->st_name)
			continue;
		this_name = elf_strptr(ef->elf, strtab, sym->st_name);
		if (!this_name)
			return elf_file_libelf_error(ef, "symbol name");
		if (!strcmp(this_name, name))
			return 1;
	}
	return 0;
}

#define ANY_SECTION ((size_t)-1)

/* The STT_FUNC symbol (of section shndx, unless ANY_SECTION) holding addr. */
static int find_function(struct elf_file *ef, size_t shndx, uint64_t addr,
			 const char **name, uint64_t *offset)
{
	size_t count, strtab, i;
	Elf_Data *data;
	GElf_Sym sym;
	int found;

	found = symbol_table(ef, &data, &count, &strtab);
	if (found <= 0)
		return found;
	for (i = 1; i < count; i++) {
		if (!gelf_getsym(data, i, &sym))
			return elf_file_libelf_error(ef, "symbol");
		if (GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
		    (shndx != ANY_SECTION && sym.st_shndx != shndx) ||
		    addr < sym.st_value || addr - sym.st_value >= sym.st_size)
			continue;
		*name = elf_strptr(ef->elf, strtab, sym.st_name);
		if (!*name)
			return elf_file_libelf_error(ef, "symbol name");
		*offset = addr - sym.st_value;
		return 1;
	}
	return 0;
}

int elf_file_find_function(struct elf_file *ef, uint64_t addr,
			   const char **name, uint64_t *offset)
{
	return find_function(ef, ANY_SECTION, addr, name, offset);
}

int elf_file_pwrite(struct elf_file *ef, const void *buf, size_t len,
		    uint64_t offset)
{
	const uint8_t *bytes = buf;
	ssize_t done;

	while (len) {
		done = pwrite(ef->fd, bytes, len, offset);
		if (done < 0 && errno == EINTR)
			continue;
		if (done <= 0)
			return error_file(ef->path, "write: %s",
					  done ? strerror(errno) : "no progress");
		bytes += done;
		offset += done;
		len -= done;
	}
	return 0;
}

int elf_file_write(struct elf_file *ef, const GElf_Shdr *shdr, uint64_t addr,
		   const void *buf, size_t len)
{
	if (shdr->sh_type == SHT_NOBITS ||
	    !range_within(addr, len, shdr->sh_addr, shdr->sh_size) ||
	    !range_within(shdr->sh_offset, shdr->sh_size, 0, ef->file_size))
		return error_file(ef->path, "write outside the file at 0x%llx",
				  (unsigned long long)addr);
	return elf_file_pwrite(ef, buf, len, shdr->sh_offset + (addr - shdr->sh_addr));
}

int elf_file_find_function_in(struct elf_file *ef, size_t shndx,
			      uint64_t offset, const char **name,
			      uint64_t *func_offset)
{
	return find_function(ef, shndx, offset, name, func_offset);
}
