// SPDX-License-Identifier: GPL-2.0
/*
 * Finding a region by output section name or by its __start_/__stop_
 * symbols (see elf_region.h for why both).
 */
#include <stdio.h>

#include "elf_region.h"
#include "objtool.h"

static int check_section(struct elf_file *ef, struct elf_region *region)
{
	const GElf_Shdr *shdr = &region->shdr;

	if (shdr->sh_type != SHT_PROGBITS || !(shdr->sh_flags & SHF_ALLOC))
		return error_file(ef->path,
				  "%s: must be in an allocated PROGBITS section",
				  region->name);
	if (region->end < region->start ||
	    !range_within(region->start, region->end - region->start,
			  shdr->sh_addr, shdr->sh_size))
		return error_file(ef->path,
				  "%s: [0x%llx, 0x%llx) outside its section",
				  region->name,
				  (unsigned long long)region->start,
				  (unsigned long long)region->end);
	return 0;
}

/*
 * ld makes a symbol assigned inside an output section statement relative
 * to that section; an absolute one is matched by address instead.
 */
static int section_of_symbols(struct elf_file *ef, const GElf_Sym *start,
			      struct elf_region *region)
{
	size_t i;

	if (start->st_shndx != SHN_UNDEF && start->st_shndx < SHN_LORESERVE) {
		region->scn_index = start->st_shndx;
		region->scn = elf_file_section(ef, region->scn_index,
					       &region->shdr);
		return region->scn ? 0 : -1;
	}
	for (i = 1; i < ef->shnum; i++) {
		region->scn = elf_file_section(ef, i, &region->shdr);
		if (!region->scn)
			return -1;
		if (region->shdr.sh_type != SHT_NOBITS &&
		    (region->shdr.sh_flags & SHF_ALLOC) &&
		    range_within(region->start, region->end - region->start,
				 region->shdr.sh_addr, region->shdr.sh_size)) {
			region->scn_index = i;
			return 0;
		}
	}
	return error_file(ef->path, "%s: __start_%s is in no section",
			  region->name, region->name);
}

static int find_by_symbols(struct elf_file *ef, struct elf_region *region)
{
	char start_name[128], stop_name[128];
	GElf_Sym start, stop;
	int has_start, has_stop;

	snprintf(start_name, sizeof(start_name), "__start_%s", region->name);
	snprintf(stop_name, sizeof(stop_name), "__stop_%s", region->name);
	has_start = elf_file_find_symbol(ef, start_name, &start);
	if (has_start < 0)
		return -1;
	has_stop = elf_file_find_symbol(ef, stop_name, &stop);
	if (has_stop < 0)
		return -1;
	if (!has_start && !has_stop)
		return 0;
	if (!has_start || !has_stop)
		return error_file(ef->path, "%s: %s without %s", region->name,
				  has_start ? start_name : stop_name,
				  has_start ? stop_name : start_name);
	region->start = start.st_value;
	region->end = stop.st_value;
	if (region->end < region->start)
		return error_file(ef->path, "%s: %s is before %s", region->name,
				  stop_name, start_name);
	if (section_of_symbols(ef, &start, region))
		return -1;
	return check_section(ef, region) ? -1 : 1;
}

int elf_region_find(struct elf_file *ef, const char *name,
		    struct elf_region *region)
{
	int found;

	region->name = name;
	found = elf_file_find_section(ef, name, &region->scn_index,
				      &region->shdr);
	if (found < 0)
		return -1;
	if (!found)
		return find_by_symbols(ef, region);
	region->scn = elf_getscn(ef->elf, region->scn_index);
	region->start = region->shdr.sh_addr;
	region->end = region->start + region->shdr.sh_size;
	return check_section(ef, region) ? -1 : 1;
}

const uint8_t *elf_region_bytes(struct elf_file *ef,
				const struct elf_region *region, uint64_t len)
{
	uint64_t offset = region->start - region->shdr.sh_addr;
	Elf_Data *data;

	data = elf_file_section_data(ef, region->scn, &region->shdr);
	if (!data)
		return NULL;
	if (len > region->end - region->start ||
	    !range_within(offset, len, 0, data->d_size)) {
		error_file(ef->path, "%s: %llu bytes do not fit in the region",
			   region->name, (unsigned long long)len);
		return NULL;
	}
	return (const uint8_t *)data->d_buf + offset;
}
