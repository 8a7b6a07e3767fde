// SPDX-License-Identifier: GPL-2.0
/*
 * The alternatives relocation table: reserved here, filled after the
 * link by `objtool alt-relocs` (include/pvpatch/alt_relocs.h), sorted by
 * field address.
 */
#include <stdbool.h>
#include <pvpatch/alt_relocs.h>
#include <pvpatch/alternative.h>
#include <pvpatch/platform.h>

__asm__(".pushsection " ALT_RELOCS_SECTION ", \"a\"\n\t"
	".balign 8\n\t"
	".long " __stringify(ALT_RELOCS_MAGIC) ", "
		 __stringify(ALT_RELOCS_CAPACITY) ", 0, 0\n\t"
	".skip " __stringify(ALT_RELOCS_CAPACITY) " * 8\n\t"
	".popsection");

extern const struct alt_relocs_header __start_alt_relocs[];

static const struct alt_reloc *table(size_t *count)
{
	const struct alt_relocs_header *h = __start_alt_relocs;

	if (h->magic != ALT_RELOCS_MAGIC || !h->filled)
		panic("alternatives: relocation table not filled: the image "
		      "was linked without running objtool alt-relocs");
	*count = h->count;
	return (const struct alt_reloc *)(h + 1);
}

static uintptr_t field_address(const struct alt_reloc *r)
{
	return (uintptr_t)((intptr_t)&r->field + r->field);
}

size_t alt_relocs_in(uintptr_t start, uintptr_t end, uintptr_t *fields,
		     size_t max)
{
	size_t count, lo = 0, hi, found = 0;
	const struct alt_reloc *r = table(&count);

	for (hi = count; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;

		if (field_address(&r[mid]) < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < count && field_address(&r[i]) < end; i++) {
		if (found == max)
			panic("alternatives: more than %zu relocations in %p..%p",
			      max, (void *)start, (void *)end);
		fields[found++] = field_address(&r[i]);
	}
	return found;
}
