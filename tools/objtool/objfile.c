// SPDX-License-Identifier: GPL-2.0
/*
 * Loading a relocatable object for the stack checker (objfile.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objfile.h"
#include "objtool.h"

/* Sections whose bytes the checker reads besides code. */
static bool wants_bytes(const char *name, const GElf_Shdr *shdr)
{
	if (shdr->sh_type != SHT_PROGBITS)
		return false;
	return (shdr->sh_flags & SHF_EXECINSTR) ||
	       !strncmp(name, "alt_instructions", 16) ||
	       !strcmp(name, ".discard.unwind_hints");
}

static int compare_relocs(const void *a, const void *b)
{
	const struct obj_reloc *x = a, *y = b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static int load_relocs(struct objfile *obj, Elf_Scn *scn, const GElf_Shdr *shdr)
{
	struct obj_section *target;
	size_t count, i;
	Elf_Data *data;
	GElf_Rela rela;

	if (shdr->sh_info == 0 || shdr->sh_info >= obj->ef.shnum ||
	    shdr->sh_link != obj->symtab.index)
		return error_file(obj->ef.path, "section %zu: bad relocation section links",
				  elf_ndxscn(scn));
	target = &obj->sections[shdr->sh_info];
	if (target->relocs)
		return error_file(obj->ef.path, "section %u has two relocation sections",
				  shdr->sh_info);
	data = elf_file_section_data(&obj->ef, scn, shdr);
	if (!data)
		return -1;
	count = data->d_size / sizeof(Elf64_Rela);
	target->relocs = calloc(count ? count : 1, sizeof(*target->relocs));
	if (!target->relocs)
		return error_file(obj->ef.path, "out of memory");
	for (i = 0; i < count; i++) {
		if (!gelf_getrela(data, i, &rela))
			return elf_file_libelf_error(&obj->ef, "relocation");
		if (GELF_R_SYM(rela.r_info) >= obj->symtab.count)
			return error_file(obj->ef.path, "section %zu: relocation %zu: bad symbol",
					  elf_ndxscn(scn), i);
		target->relocs[i] = (struct obj_reloc){
			.offset = rela.r_offset,
			.type = GELF_R_TYPE(rela.r_info),
			.sym = GELF_R_SYM(rela.r_info),
			.addend = rela.r_addend,
		};
	}
	target->nr_relocs = count;
	/* The assembler emits them in order: sort only when it did not. */
	for (i = 1; i < count; i++) {
		if (target->relocs[i - 1].offset > target->relocs[i].offset) {
			qsort(target->relocs, count, sizeof(*target->relocs),
			      compare_relocs);
			break;
		}
	}
	return 0;
}

static int load_sections(struct objfile *obj)
{
	struct obj_section *sec;
	Elf_Data *data;
	Elf_Scn *scn;
	size_t i;

	for (i = 1; i < obj->nr_sections; i++) {
		sec = &obj->sections[i];
		scn = elf_file_section(&obj->ef, i, &sec->shdr);
		if (!scn)
			return -1;
		sec->name = elf_file_section_name(&obj->ef, &sec->shdr);
		if (!sec->name)
			return -1;
		sec->size = sec->shdr.sh_size;
		sec->exec = (sec->shdr.sh_flags & SHF_EXECINSTR) &&
			    sec->shdr.sh_type == SHT_PROGBITS;
		if (!wants_bytes(sec->name, &sec->shdr) || !sec->size)
			continue;
		data = elf_file_section_data(&obj->ef, scn, &sec->shdr);
		if (!data)
			return -1;
		if (data->d_size != sec->size)
			return error_file(obj->ef.path, "%s: size mismatch", sec->name);
		sec->bytes = data->d_buf;
		/* Replacements run only copied over their sites (alt_union.c). */
		sec->walked = sec->exec && strcmp(sec->name, "alt_replacement");
	}
	/* Debug information carries most of an object's relocations and
	 * none that the checker needs. */
	for (i = 1; i < obj->nr_sections; i++) {
		sec = &obj->sections[i];
		if (sec->shdr.sh_type == SHT_RELA &&
		    strncmp(sec->name, ".rela.debug", 11) &&
		    load_relocs(obj, elf_getscn(obj->ef.elf, i), &sec->shdr))
			return -1;
	}
	return 0;
}

static bool before(const struct obj_symbol *s, size_t shndx, uint64_t offset)
{
	return s->shndx < shndx || (s->shndx == shndx && s->value < offset);
}

static int compare_functions(const void *a, const void *b)
{
	const struct obj_symbol *x = *(const struct obj_symbol *const *)a;
	const struct obj_symbol *y = *(const struct obj_symbol *const *)b;

	if (before(x, y->shndx, y->value))
		return -1;
	return before(y, x->shndx, x->value);
}

/* Function symbols sorted by place, for objfile_function_start(). */
static int index_functions(struct objfile *obj)
{
	size_t i;

	obj->functions = calloc(obj->symtab.count + 1, sizeof(*obj->functions));
	if (!obj->functions)
		return error_file(obj->ef.path, "out of memory");
	for (i = 1; i < obj->symtab.count; i++)
		if (obj->syms[i].type == STT_FUNC && obj->syms[i].shndx)
			obj->functions[obj->nr_functions++] = &obj->syms[i];
	qsort(obj->functions, obj->nr_functions, sizeof(*obj->functions),
	      compare_functions);
	return 0;
}

static int load_symbols(struct objfile *obj)
{
	struct obj_symbol *s;
	GElf_Sym sym;
	size_t i;

	obj->syms = calloc(obj->symtab.count ? obj->symtab.count : 1, sizeof(*obj->syms));
	if (!obj->syms)
		return error_file(obj->ef.path, "out of memory");
	for (i = 1; i < obj->symtab.count; i++) {
		s = &obj->syms[i];
		if (elf_symtab_get(&obj->ef, &obj->symtab, i, &sym, &s->name))
			return -1;
		s->type = GELF_ST_TYPE(sym.st_info);
		s->bind = GELF_ST_BIND(sym.st_info);
		s->value = sym.st_value;
		s->size = sym.st_size;
		if (sym.st_shndx != SHN_UNDEF && sym.st_shndx < SHN_LORESERVE) {
			if (sym.st_shndx >= obj->nr_sections)
				return error_file(obj->ef.path, "symbol %s: bad section %u",
						  s->name, sym.st_shndx);
			s->shndx = sym.st_shndx;
		}
		/* A function must lie inside its section. */
		if (s->type == STT_FUNC && s->shndx &&
		    !range_within(s->value, s->size, 0, obj->sections[s->shndx].size))
			return error_file(obj->ef.path, "function %s outside its section",
					  s->name);
	}
	return 0;
}

int objfile_open_elf(struct objfile *obj, const char *path, bool writable)
{
	memset(obj, 0, sizeof(*obj));
	return elf_file_open_object(&obj->ef, path, writable);
}

int objfile_load(struct objfile *obj)
{
	if (elf_symtab_load(&obj->ef, &obj->symtab) < 0)
		return -1;
	obj->nr_sections = obj->ef.shnum;
	obj->sections = calloc(obj->nr_sections, sizeof(*obj->sections));
	if (!obj->sections)
		return error_file(obj->ef.path, "out of memory");
	if (load_sections(obj))
		return -1;
	if (load_symbols(obj))
		return -1;
	return index_functions(obj);
}

int objfile_open(struct objfile *obj, const char *path, bool writable)
{
	return objfile_open_elf(obj, path, writable) || objfile_load(obj) ? -1 : 0;
}

void objfile_close(struct objfile *obj)
{
	size_t i;

	if (obj->sections)
		for (i = 0; i < obj->nr_sections; i++)
			free(obj->sections[i].relocs);
	free(obj->sections);
	free(obj->syms);
	free(obj->functions);
	obj->functions = NULL;
	obj->sections = NULL;
	obj->syms = NULL;
	elf_file_close(&obj->ef);
}

const struct obj_reloc *objfile_reloc_in(const struct obj_section *sec,
					 uint64_t offset, uint64_t len)
{
	size_t lo = 0, hi = sec->nr_relocs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sec->relocs[mid].offset < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < sec->nr_relocs && sec->relocs[lo].offset - offset < len)
		return &sec->relocs[lo];
	return NULL;
}

int objfile_reloc_target(const struct objfile *obj, const struct obj_reloc *r,
			 int64_t bias, size_t *shndx, uint64_t *offset)
{
	const struct obj_symbol *sym = &obj->syms[r->sym];

	if (!sym->shndx)
		return 0;
	*shndx = sym->shndx;
	*offset = sym->value + r->addend + bias;
	return 1;
}

const struct obj_symbol *objfile_function_start(const struct objfile *obj,
						size_t shndx, uint64_t offset)
{
	size_t lo = 0, hi = obj->nr_functions;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (before(obj->functions[mid], shndx, offset))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < obj->nr_functions && obj->functions[lo]->shndx == shndx &&
	    obj->functions[lo]->value == offset)
		return obj->functions[lo];
	return NULL;
}

const struct obj_symbol *objfile_function_containing(const struct objfile *obj,
						     size_t shndx, uint64_t offset)
{
	const struct obj_symbol *first = NULL;
	size_t lo = 0, hi = obj->nr_functions;

	while (lo < hi) {		/* past the last one starting at or before offset */
		size_t mid = lo + (hi - lo) / 2;

		if (before(obj->functions[mid], shndx, offset + 1))
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Functions may alias or nest: of those holding offset, the first
	 * in the symbol table, as a scan of the table would find it. */
	while (lo-- > 0 && obj->functions[lo]->shndx == shndx) {
		const struct obj_symbol *s = obj->functions[lo];

		if (offset - s->value < s->size && (!first || s < first))
			first = s;
	}
	return first;
}

/* The function holding @offset, else the closest named label before it. */
static const struct obj_symbol *symbol_for(const struct objfile *obj,
					   size_t shndx, uint64_t offset)
{
	const struct obj_symbol *best = NULL;
	size_t i;

	for (i = 1; i < obj->symtab.count; i++) {
		const struct obj_symbol *s = &obj->syms[i];

		if (s->shndx != shndx || !s->name[0] || s->value > offset ||
		    s->type == STT_SECTION || s->type == STT_FILE)
			continue;
		if (s->type == STT_FUNC && offset - s->value < s->size)
			return s;
		if (!best || s->value > best->value)
			best = s;
	}
	return best;
}

void objfile_describe(const struct objfile *obj, size_t shndx,
		      uint64_t offset, char *buf, size_t len)
{
	const struct obj_symbol *s = symbol_for(obj, shndx, offset);

	if (s)
		snprintf(buf, len, "%s+0x%llx", s->name,
			 (unsigned long long)(offset - s->value));
	else
		snprintf(buf, len, "%s+0x%llx", obj->sections[shndx].name,
			 (unsigned long long)offset);
}

static void report(const struct objfile *obj, size_t shndx, uint64_t offset,
		   const char *prefix, const char *fmt, va_list ap)
{
	char where[256];

	objfile_describe(obj, shndx, offset, where, sizeof(where));
	fprintf(stderr, "objtool: %s: %s: %s", obj->ef.path, where, prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int objfile_error(const struct objfile *obj, size_t shndx, uint64_t offset,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(obj, shndx, offset, "", fmt, ap);
	va_end(ap);
	return -1;
}

int objfile_warn(const struct objfile *obj, size_t shndx, uint64_t offset,
		 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(obj, shndx, offset, "warning: ", fmt, ap);
	va_end(ap);
	return 0;
}
