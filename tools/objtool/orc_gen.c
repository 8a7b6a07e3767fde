// SPDX-License-Identifier: GPL-2.0
/*
 * ORC generation (orc_gen.h). An entry holds until the next one, so one
 * is emitted only where the state changes, and an UNDEFINED one where
 * reached code stops (padding, data, the end of a section): an unwinder
 * that lands there stops instead of trusting the code before it.
 */
#include <stdlib.h>
#include <string.h>

#include "elf_write.h"
#include "objtool.h"
#include "orc_gen.h"

void orc_mark_boundaries(struct cfg *cfg)
{
	struct code_slot *code;
	uint64_t off;
	size_t i;

	for (i = 1; i < cfg->obj->nr_sections; i++) {
		code = cfg->code[i];
		if (!code || !cfg_is_code(cfg->obj, i))
			continue;
		for (off = 0; off < cfg->obj->sections[i].size; off++) {
			if (!(code[off].flags & SLOT_VISITED))
				continue;
			code[off].orc = stack_state_orc(&code[off].state);
			code[off].flags |= SLOT_BOUNDARY;
		}
	}
}

struct out_list {
	struct orc_out *list;
	size_t count, max;
	bool have_last;
	struct orc_entry last;
};

static int emit(struct cfg *cfg, struct out_list *out, size_t shndx,
		uint64_t offset, const struct orc_entry *e)
{
	struct orc_out *grown;

	if (out->have_last && orc_entry_equal(&out->last, e))
		return 0;
	if (out->count == out->max) {
		out->max = out->max ? 2 * out->max : 256;
		grown = realloc(out->list, out->max * sizeof(*grown));
		if (!grown)
			return error_file(cfg->obj->ef.path, "out of memory");
		out->list = grown;
	}
	out->list[out->count++] = (struct orc_out){ shndx, offset, *e };
	out->last = *e;
	out->have_last = true;
	return 0;
}

static int compute_section(struct cfg *cfg, size_t shndx, struct out_list *out)
{
	const struct code_slot *code = cfg->code[shndx];
	const struct orc_entry undefined = { .type = ORC_TYPE_UNDEFINED };
	uint64_t size = cfg->obj->sections[shndx].size, off;

	out->have_last = false;
	for (off = 0; off < size; off++) {
		if (code[off].flags & SLOT_BOUNDARY) {
			if (emit(cfg, out, shndx, off, &code[off].orc))
				return -1;
		} else if (!(code[off].flags & SLOT_COVERED)) {
			if (emit(cfg, out, shndx, off, &undefined))
				return -1;
		}
	}
	/* The next object's code may follow: end this one's range. */
	return out->have_last ? emit(cfg, out, shndx, size, &undefined) : 0;
}

int orc_compute(struct cfg *cfg, struct orc_out **list, size_t *count)
{
	struct out_list out = { 0 };
	size_t i;

	for (i = 1; i < cfg->obj->nr_sections; i++) {
		if (!cfg->code[i] || !cfg_is_code(cfg->obj, i))
			continue;
		if (compute_section(cfg, i, &out)) {
			free(out.list);
			return -1;
		}
	}
	*list = out.list;
	*count = out.count;
	return 0;
}

static size_t new_table(struct elf_file *ef, const char *name)
{
	GElf_Shdr shdr = {
		.sh_type = SHT_PROGBITS,
		.sh_flags = SHF_ALLOC,
		.sh_addralign = 4,
	};

	return elf_write_new_section(ef, name, &shdr);
}

static int write_relocations(struct cfg *cfg, size_t ip_index,
			     const struct orc_out *list, size_t count)
{
	struct elf_file *ef = &cfg->obj->ef;
	size_t rela, i, sym = 0, sym_shndx = 0;
	Elf64_Rela *relas;
	uint64_t bias = 0;
	int ret;

	rela = elf_write_rela_section(ef, &cfg->obj->symtab, ip_index);
	relas = calloc(count, sizeof(*relas));
	if (!rela || !relas) {
		free(relas);
		return rela ? error_file(ef->path, "out of memory") : -1;
	}
	for (i = 0; i < count; i++) {
		if (list[i].shndx != sym_shndx) {
			if (elf_symtab_section_symbol(ef, &cfg->obj->symtab, list[i].shndx,
						      &sym, &bias)) {
				free(relas);
				return -1;
			}
			sym_shndx = list[i].shndx;
		}
		relas[i] = (Elf64_Rela){
			.r_offset = i * sizeof(int32_t),
			.r_info = ELF64_R_INFO(sym, R_X86_64_PC32),
			.r_addend = (int64_t)(list[i].offset - bias),
		};
	}
	ret = elf_write_append(ef, rela, relas, count * sizeof(*relas), 8, NULL);
	free(relas);
	return ret;
}

int orc_add_tables(struct cfg *cfg, const struct orc_out *list, size_t count)
{
	struct elf_file *ef = &cfg->obj->ef;
	struct orc_entry *entries;
	size_t ip_index, entry_index, found, i;
	GElf_Shdr shdr;
	int32_t *ips;
	int ret = -1;

	if (elf_file_find_section(ef, ORC_IP_SECTION, &found, &shdr) != 0)
		return error_file(ef->path, "already has %s (objtool orc ran twice?)",
				  ORC_IP_SECTION);
	if (!count)
		return 0;
	ips = calloc(count, sizeof(*ips));
	entries = calloc(count, sizeof(*entries));
	if (!ips || !entries) {
		error_file(ef->path, "out of memory");
		goto out;
	}
	for (i = 0; i < count; i++)
		entries[i] = list[i].e;
	ip_index = new_table(ef, ORC_IP_SECTION);
	entry_index = ip_index ? new_table(ef, ORC_ENTRY_SECTION) : 0;
	if (!entry_index ||
	    elf_write_append(ef, ip_index, ips, count * sizeof(*ips), 4, NULL) ||
	    elf_write_append(ef, entry_index, entries, count * sizeof(*entries), 4, NULL) ||
	    write_relocations(cfg, ip_index, list, count))
		goto out;
	ret = 0;
out:
	free(ips);
	free(entries);
	return ret;
}
