/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small flattened device tree reader (Devicetree Specification v0.4,
 * chapter 5 "Flattened Devicetree (DTB) Format"): what the guest needs
 * from the tree and nothing else. Every offset and length in the blob is
 * checked against its size; a malformed blob is an error string, never
 * a read past its end.
 */
#ifndef PVPATCH_FDT_H
#define PVPATCH_FDT_H

#include <stddef.h>
#include <stdint.h>

#define FDT_MAGIC		0xd00dfeedu
#define FDT_HEADER_SIZE		40
#define FDT_MAX_MEMORY		8
#define FDT_MAX_RESERVED	8
#define FDT_MAX_DEPTH		16

struct fdt_range {
	uint64_t start;
	uint64_t size;
};

enum fdt_psci_method {
	FDT_PSCI_NONE,		/* no "arm,psci*" node */
	FDT_PSCI_HVC,
	FDT_PSCI_SMC,
};

struct fdt_info {
	uint32_t total_size;
	unsigned int nr_memory;			/* device_type = "memory" reg ranges */
	struct fdt_range memory[FDT_MAX_MEMORY];
	unsigned int nr_reserved;		/* the memory reservation block */
	struct fdt_range reserved[FDT_MAX_RESERVED];
	struct fdt_range uart;			/* first "arm,pl011": reg; size 0 if none */
	unsigned int nr_cpus;			/* nodes with device_type = "cpu" */
	enum fdt_psci_method psci;
	const char *bootargs;			/* /chosen, points into the blob; NULL if none */
};

/* The total size the header claims, or 0 if blob is not a DTB header. */
uint32_t fdt_total_size(const void *blob);

/*
 * Read blob (at most max_size bytes, and no more than its header says)
 * into *info. NULL on success, else what is wrong with the blob.
 */
const char *fdt_parse(const void *blob, size_t max_size, struct fdt_info *info);

#endif
