// SPDX-License-Identifier: GPL-2.0
/*
 * Finding the plain C static call sites of an object and adding them to
 * its static_call_sites table (see static_call_sites.h).
 *
 * static_call(name)(args) is a direct call of the trampoline __SCT__name.
 * Each relocation against a trampoline is classified by the object's
 * arch (static_call_x86.c, static_call_arm64.c): a call or tail call
 * becomes a site; one taking the trampoline's address is passed over
 * quietly; any other branch to it gets a warning, and that code keeps
 * going through the trampoline, which is slower but right.
 *
 * Each new entry is two 32-bit PC-relative relocations, exactly what
 * STATIC_CALL_SITE() makes the assembler emit: the site (section symbol
 * + offset) and the key __SCK__name (+ STATIC_CALL_SITE_TAIL for a tail
 * call).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf_write.h"
#include "objtool.h"
#include "static_call_arch.h"
#include "static_call_sites.h"

#define SITES_SECTION	"static_call_sites"
#define TRAMP_PREFIX	"__SCT__"
#define KEY_PREFIX	"__SCK__"
#define PREFIX_LEN	7

/*
 * struct static_call_site and STATIC_CALL_SITE_TAIL of
 * include/pvpatch/static_call.h (which needs the guest's include paths):
 * two self-relative int32, the key's with the flags in its low bits.
 */
struct static_call_site {
	int32_t addr;
	int32_t key;
};
#define STATIC_CALL_SITE_TAIL	1
#define ENTRY_SIZE	sizeof(struct static_call_site)

struct site {
	size_t shndx;		/* section of the call/jmp */
	uint64_t offset;	/* of its first byte */
	size_t tramp;		/* symbol index of __SCT__name */
	bool tail;
};

struct site_list {
	struct site *v;
	size_t count;
	size_t allocated;
};

struct scan {
	struct elf_file *ef;
	const struct static_call_arch *arch;
	struct elf_symtab symtab;
	unsigned int flags;
	struct static_call_counts *counts;
	size_t table;			/* static_call_sites, 0 if none yet */
	struct site_list known;		/* recorded by asm, sorted */
	struct site_list found;		/* new, sorted */
};

static int site_list_add(struct scan *scan, struct site_list *list,
			 const struct site *site)
{
	size_t allocated = list->allocated ? 2 * list->allocated : 32;
	struct site *grown;

	if (list->count == list->allocated) {
		grown = realloc(list->v, allocated * sizeof(*grown));
		if (!grown)
			return error_file(scan->ef->path, "out of memory");
		list->v = grown;
		list->allocated = allocated;
	}
	list->v[list->count++] = *site;
	return 0;
}

static int compare_sites(const void *a, const void *b)
{
	const struct site *x = a, *y = b;

	if (x->shndx != y->shndx)
		return x->shndx < y->shndx ? -1 : 1;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static void sort_unique(struct site_list *list)
{
	size_t i, kept = 0;

	if (!list->count)
		return;
	qsort(list->v, list->count, sizeof(*list->v), compare_sites);
	for (i = 1; i < list->count; i++)
		if (compare_sites(&list->v[kept], &list->v[i]))
			list->v[++kept] = list->v[i];
	list->count = kept + 1;
}

static bool list_has(const struct site_list *list, const struct site *site)
{
	return list->count &&
	       bsearch(site, list->v, list->count, sizeof(*list->v),
		       compare_sites);
}

/* "function+0xoff" (or "section+0xoff") of an offset in section @shndx. */
static void describe(struct scan *scan, size_t shndx, uint64_t offset,
		     char *buf, size_t len)
{
	const char *name = NULL;
	uint64_t func_offset;
	GElf_Shdr shdr;

	if (elf_file_find_function_in(scan->ef, shndx, offset, &name,
				      &func_offset) == 1) {
		snprintf(buf, len, "%s+0x%llx", name,
			 (unsigned long long)func_offset);
		return;
	}
	name = elf_file_section(scan->ef, shndx, &shdr) ?
	       elf_file_section_name(scan->ef, &shdr) : NULL;
	snprintf(buf, len, "%s+0x%llx", name ? name : "?",
		 (unsigned long long)offset);
}

/* The RELA contents of section @index and a check of its links. */
static Elf_Data *rela_data(struct scan *scan, size_t index,
			   const GElf_Shdr *shdr)
{
	Elf_Scn *scn = elf_getscn(scan->ef->elf, index);
	Elf_Data *data;

	if (shdr->sh_link != scan->symtab.index) {
		error_file(scan->ef->path, "section %zu: relocations link to section %u, not .symtab",
			   index, shdr->sh_link);
		return NULL;
	}
	data = scn ? elf_file_section_data(scan->ef, scn, shdr) : NULL;
	if (data && data->d_type != ELF_T_RELA) {
		error_file(scan->ef->path, "section %zu: not RELA data", index);
		return NULL;
	}
	return data;
}

/* The sites asm recorded: the first field of each entry in the table. */
static int collect_known(struct scan *scan, size_t rela_index,
			 const GElf_Shdr *shdr)
{
	Elf_Data *data = rela_data(scan, rela_index, shdr);
	struct site site = { 0 };
	const char *name;
	GElf_Rela rela;
	GElf_Sym sym;
	size_t i;

	if (!data)
		return -1;
	for (i = 0; i < data->d_size / sizeof(Elf64_Rela); i++) {
		if (!gelf_getrela(data, i, &rela))
			return elf_file_libelf_error(scan->ef, "relocation");
		if (rela.r_offset % ENTRY_SIZE ||
		    GELF_R_TYPE(rela.r_info) != scan->arch->entry_reloc)
			continue;
		if (elf_symtab_get(scan->ef, &scan->symtab,
				   GELF_R_SYM(rela.r_info), &sym, &name))
			return -1;
		if (sym.st_shndx == SHN_UNDEF || sym.st_shndx >= SHN_LORESERVE)
			continue;
		site.shndx = sym.st_shndx;
		site.offset = sym.st_value + rela.r_addend;
		if (site_list_add(scan, &scan->known, &site))
			return -1;
	}
	return 0;
}

/* Finds the table and what asm already put in it. */
static int find_table(struct scan *scan)
{
	struct elf_file *ef = scan->ef;
	const char *name;
	GElf_Shdr shdr;
	size_t i;

	for (i = 1; i < ef->shnum; i++) {
		if (!elf_file_section(ef, i, &shdr))
			return -1;
		name = elf_file_section_name(ef, &shdr);
		if (!name)
			return -1;
		if (strcmp(name, SITES_SECTION))
			continue;
		if (shdr.sh_type != SHT_PROGBITS || !(shdr.sh_flags & SHF_ALLOC) ||
		    shdr.sh_size % ENTRY_SIZE)
			return error_file(ef->path, "%s: not an allocated table of %zu-byte entries",
					  SITES_SECTION, ENTRY_SIZE);
		if (!scan->table)
			scan->table = i;
	}
	for (i = 1; scan->table && i < ef->shnum; i++) {
		if (!elf_file_section(ef, i, &shdr))
			return -1;
		if (shdr.sh_type == SHT_REL && shdr.sh_info == scan->table)
			return error_file(ef->path, "%s: SHT_REL relocations (objtool reads RELA)",
					  SITES_SECTION);
		if (shdr.sh_type == SHT_RELA && shdr.sh_info == scan->table &&
		    collect_known(scan, i, &shdr))
			return -1;
	}
	sort_unique(&scan->known);
	return 0;
}

/* One relocation against a trampoline: a site, a warning, or nothing. */
static int classify(struct scan *scan, size_t shndx, const Elf_Data *text,
		    const GElf_Rela *rela, const char *tramp)
{
	struct site site = { .shndx = shndx, .tramp = GELF_R_SYM(rela->r_info) };
	enum site_kind kind;
	char where[256];

	if (scan->arch->classify(scan->ef->path, text->d_buf, text->d_size, rela,
				 &kind, &site.offset))
		return -1;
	if (kind == SITE_ADDRESS)
		return 0;
	if (kind == SITE_REFUSED) {
		describe(scan, shndx, site.offset, where, sizeof(where));
		warning_file(scan->ef->path, "%s: reference to %s (addend %lld) is not %s to it: not a static call site",
			     where, tramp, (long long)rela->r_addend, scan->arch->site_shape);
		scan->counts->refused++;
		return 0;
	}
	site.tail = kind == SITE_TAIL;
	if (list_has(&scan->known, &site)) {
		scan->counts->already++;
		return 0;
	}
	return site_list_add(scan, &scan->found, &site);
}

static int scan_text_relocs(struct scan *scan, size_t rela_index,
			    const GElf_Shdr *rela_shdr)
{
	struct elf_file *ef = scan->ef;
	size_t shndx = rela_shdr->sh_info, i;
	Elf_Data *relas, *text;
	unsigned int type;
	const char *name;
	GElf_Shdr shdr;
	GElf_Rela rela;
	Elf_Scn *scn;
	GElf_Sym sym;

	scn = shndx < ef->shnum ? elf_file_section(ef, shndx, &shdr) : NULL;
	if (!scn)
		return error_file(ef->path, "section %zu: relocations for a missing section %zu",
				  rela_index, shndx);
	if (!(shdr.sh_flags & SHF_EXECINSTR) || shdr.sh_type != SHT_PROGBITS)
		return 0;
	relas = rela_data(scan, rela_index, rela_shdr);
	text = relas ? elf_file_section_data(ef, scn, &shdr) : NULL;
	if (!text)
		return -1;
	for (i = 0; i < relas->d_size / sizeof(Elf64_Rela); i++) {
		if (!gelf_getrela(relas, i, &rela))
			return elf_file_libelf_error(ef, "relocation");
		type = GELF_R_TYPE(rela.r_info);
		if (!scan->arch->is_reference(type))
			continue;
		if (elf_symtab_get(ef, &scan->symtab, GELF_R_SYM(rela.r_info),
				   &sym, &name))
			return -1;
		if (strncmp(name, TRAMP_PREFIX, PREFIX_LEN) || !name[PREFIX_LEN])
			continue;
		if (classify(scan, shndx, text, &rela, name))
			return -1;
	}
	return 0;
}

static int scan_sections(struct scan *scan)
{
	GElf_Shdr shdr;
	size_t i;

	for (i = 1; i < scan->ef->shnum; i++) {
		if (!elf_file_section(scan->ef, i, &shdr))
			return -1;
		if (shdr.sh_type == SHT_RELA && scan_text_relocs(scan, i, &shdr))
			return -1;
	}
	sort_unique(&scan->found);
	return 0;
}

static size_t make_table(struct scan *scan)
{
	GElf_Shdr shdr = {
		.sh_type = SHT_PROGBITS,
		.sh_flags = SHF_ALLOC | SHF_WRITE,
		.sh_addralign = 4,
	};

	return elf_write_new_section(scan->ef, SITES_SECTION, &shdr);
}

/* The key symbol __SCK__name of trampoline symbol @tramp, added if absent. */
static int key_symbol(struct scan *scan, size_t tramp, size_t *index)
{
	const char *tramp_name;
	char key_name[512];
	GElf_Sym sym;
	int found;

	if (elf_symtab_get(scan->ef, &scan->symtab, tramp, &sym, &tramp_name))
		return -1;
	if (snprintf(key_name, sizeof(key_name), KEY_PREFIX "%s",
		     tramp_name + PREFIX_LEN) >= (int)sizeof(key_name))
		return error_file(scan->ef->path, "%s: name too long", tramp_name);
	found = elf_symtab_find(scan->ef, &scan->symtab, key_name, index);
	if (found)
		return found < 0 ? -1 : 0;
	return elf_write_add_undefined(scan->ef, &scan->symtab, key_name, index);
}

static int append_site(struct scan *scan, size_t rela, const struct site *site)
{
	static const uint8_t zero[ENTRY_SIZE];
	size_t site_sym, key_sym;
	uint64_t bias, entry;

	if (elf_symtab_section_symbol(scan->ef, &scan->symtab, site->shndx,
				      &site_sym, &bias) ||
	    key_symbol(scan, site->tramp, &key_sym) ||
	    elf_write_append(scan->ef, scan->table, zero, ENTRY_SIZE, 4, &entry))
		return -1;
	return elf_write_add_rela(scan->ef, rela, entry + offsetof(struct static_call_site, addr),
				  site_sym, scan->arch->entry_reloc,
				  (int64_t)(site->offset - bias)) ||
	       elf_write_add_rela(scan->ef, rela, entry + offsetof(struct static_call_site, key),
				  key_sym, scan->arch->entry_reloc,
				  site->tail ? STATIC_CALL_SITE_TAIL : 0);
}

static int write_sites(struct scan *scan)
{
	size_t rela, i;

	if (!scan->table)
		scan->table = make_table(scan);
	rela = scan->table ? elf_write_rela_section(scan->ef, &scan->symtab,
						    scan->table) : 0;
	if (!rela)
		return -1;
	for (i = 0; i < scan->found.count; i++)
		if (append_site(scan, rela, &scan->found.v[i]))
			return -1;
	return 0;
}

static void print_sites(struct scan *scan)
{
	const struct site *site;
	const char *tramp;
	char where[256];
	GElf_Sym sym;
	size_t i;

	for (i = 0; i < scan->found.count; i++) {
		site = &scan->found.v[i];
		describe(scan, site->shndx, site->offset, where, sizeof(where));
		if (elf_symtab_get(scan->ef, &scan->symtab, site->tramp, &sym, &tramp))
			tramp = "?";
		printf("%s: %s: %s %s\n", scan->ef->path, where,
		       site->tail ? scan->arch->tail_name : scan->arch->call_name, tramp);
	}
}

const struct static_call_arch *static_call_arch_of(unsigned int machine)
{
	if (machine == EM_X86_64)
		return &static_call_x86_64;
	if (machine == EM_AARCH64)
		return &static_call_arm64;
	return NULL;
}

int static_call_sites_record(struct elf_file *ef, unsigned int flags,
			     struct static_call_counts *counts)
{
	struct scan scan = { .ef = ef, .flags = flags, .counts = counts };
	int ret;

	*counts = (struct static_call_counts){ 0 };
	if (ef->ehdr.e_type != ET_REL)
		return error_file(ef->path, "static call sites are recorded in relocatable objects");
	scan.arch = static_call_arch_of(ef->ehdr.e_machine);
	if (!scan.arch)
		return error_file(ef->path, "no static calls for e_machine %u", ef->ehdr.e_machine);
	if (scan.arch->init && scan.arch->init(ef->path))
		return -1;
	ret = elf_symtab_load(ef, &scan.symtab);
	if (ret <= 0)
		return ret;	/* no symbols: no relocations against trampolines */
	ret = find_table(&scan) || scan_sections(&scan);
	if (!ret && (flags & STATIC_CALLS_VERBOSE))
		print_sites(&scan);
	if (!ret && scan.found.count && !(flags & STATIC_CALLS_DRY_RUN))
		ret = write_sites(&scan);
	if (!ret)
		counts->recorded = scan.found.count;
	free(scan.known.v);
	free(scan.found.v);
	return ret ? -1 : 0;
}
