// SPDX-License-Identifier: GPL-2.0
/*
 * Just enough ACPI to enumerate CPUs: RSDP (from the boot protocol, else
 * the BIOS areas), XSDT or RSDT, then the MADT's local APIC and x2APIC
 * entries (ACPI 6.4, 5.2.12). Checksums are verified: a bad table is
 * ignored with a message, never trusted.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <asm/acpi.h>
#include <asm/page.h>
#include <pvpatch/compiler.h>
#include <pvpatch/printk.h>

struct rsdp {
	char signature[8];
	uint8_t checksum;
	char oem[6];
	uint8_t revision;
	uint32_t rsdt;
	uint32_t length;
	uint64_t xsdt;
	uint8_t extended_checksum;
	uint8_t reserved[3];
} __packed;

struct sdt_header {
	char signature[4];
	uint32_t length;
	uint8_t revision;
	uint8_t checksum;
	char oem[6];
	char oem_table[8];
	uint32_t oem_revision;
	uint32_t creator;
	uint32_t creator_revision;
} __packed;

struct madt_entry {
	uint8_t type;
	uint8_t length;
} __packed;

#define MADT_LOCAL_APIC		0
#define MADT_LOCAL_X2APIC	9
#define MADT_ENABLED		(1U << 0)
#define MADT_ONLINE_CAPABLE	(1U << 1)
#define MADT_ENTRIES_OFFSET	(sizeof(struct sdt_header) + 8)

static bool checksum_ok(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	for (size_t i = 0; i < len; i++)
		sum += b[i];
	return sum == 0;
}

static const struct rsdp *scan_for_rsdp(uintptr_t start, uintptr_t end)
{
	for (uintptr_t p = start; p + sizeof(struct rsdp) <= end; p += 16) {
		const struct rsdp *r = (const void *)p;

		if (memcmp(r->signature, "RSD PTR ", 8) == 0 && checksum_ok(r, 20))
			return r;
	}
	return NULL;
}

static const struct rsdp *find_rsdp(uint64_t hint)
{
	if (hint)
		return (const struct rsdp *)(uintptr_t)hint;
	/* ACPI 6.4, 5.2.5.1: the first KiB of the EBDA, then the BIOS ROM. */
	uintptr_t ebda = (uintptr_t)*(const volatile uint16_t *)phys_to_virt(0x40e) << 4;
	const struct rsdp *r = NULL;

	if (ebda >= 0x80000 && ebda < 0xa0000)
		r = scan_for_rsdp(ebda, ebda + 1024);
	return r ? r : scan_for_rsdp(0xe0000, 0x100000);
}

static const struct sdt_header *find_table(const struct rsdp *rsdp,
					   const char *signature)
{
	bool use_xsdt = rsdp->revision >= 2 && rsdp->xsdt;
	const struct sdt_header *root = (const void *)(uintptr_t)
		(use_xsdt ? rsdp->xsdt : rsdp->rsdt);
	size_t entry_size = use_xsdt ? 8 : 4;

	if (!checksum_ok(root, root->length)) {
		printk("acpi: root table checksum is wrong; ignoring ACPI\n");
		return NULL;
	}
	size_t count = (root->length - sizeof(*root)) / entry_size;
	const uint8_t *entries = (const uint8_t *)(root + 1);

	for (size_t i = 0; i < count; i++) {
		uint64_t addr = 0;

		memcpy(&addr, entries + i * entry_size, entry_size);
		const struct sdt_header *t = (const void *)(uintptr_t)addr;

		if (memcmp(t->signature, signature, 4) == 0) {
			if (checksum_ok(t, t->length))
				return t;
			printk("acpi: %s checksum is wrong; ignoring it\n", signature);
		}
	}
	return NULL;
}

unsigned int acpi_find_cpus(uint64_t rsdp_hint, uint32_t *apic_ids,
			    unsigned int max)
{
	const struct rsdp *rsdp = find_rsdp(rsdp_hint);
	const struct sdt_header *madt = rsdp ? find_table(rsdp, "APIC") : NULL;
	unsigned int count = 0;

	if (!madt)
		return 0;
	const uint8_t *p = (const uint8_t *)madt + MADT_ENTRIES_OFFSET;
	const uint8_t *end = (const uint8_t *)madt + madt->length;

	while (p + sizeof(struct madt_entry) <= end) {
		const struct madt_entry *e = (const void *)p;
		uint32_t id, flags;

		if (e->length < 2 || p + e->length > end)
			break;
		if (e->type == MADT_LOCAL_APIC && e->length >= 8) {
			id = p[3];
			memcpy(&flags, p + 4, 4);
		} else if (e->type == MADT_LOCAL_X2APIC && e->length >= 16) {
			memcpy(&id, p + 4, 4);
			memcpy(&flags, p + 8, 4);
		} else {
			p += e->length;
			continue;
		}
		if ((flags & (MADT_ENABLED | MADT_ONLINE_CAPABLE)) && count < max)
			apic_ids[count++] = id;
		p += e->length;
	}
	return count;
}
