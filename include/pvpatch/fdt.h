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
#define FDT_MAX_CPUS		64
#define FDT_NO_MPIDR		(~0ULL)	/* a cpu node without reg */

struct fdt_range {
	uint64_t start;
	uint64_t size;
};

enum fdt_psci_method {
	FDT_PSCI_NONE,		/* no "arm,psci*" node */
	FDT_PSCI_HVC,
	FDT_PSCI_SMC,
};

/* The interrupt controller: the first node compatible with one of these. */
enum fdt_gic_version {
	FDT_GIC_NONE,
	FDT_GIC_V2,		/* "arm,cortex-a15-gic", "arm,gic-400" */
	FDT_GIC_V3,		/* "arm,gic-v3" */
};

struct fdt_info {
	uint32_t total_size;
	unsigned int nr_memory;			/* device_type = "memory" reg ranges */
	struct fdt_range memory[FDT_MAX_MEMORY];
	unsigned int nr_reserved;		/* the memory reservation block */
	struct fdt_range reserved[FDT_MAX_RESERVED];
	struct fdt_range uart;			/* first "arm,pl011": reg; size 0 if none */
	unsigned int nr_cpus;			/* nodes with device_type = "cpu" */
	/* Their reg (MPIDR_EL1's affinity fields), in tree order, for the
	 * first FDT_MAX_CPUS of them; FDT_NO_MPIDR where a node has none. */
	uint64_t cpu_mpidr[FDT_MAX_CPUS];
	enum fdt_gic_version gic;
	/* The GIC's first two reg ranges: the distributor, then the
	 * redistributors (v3: the first region only) or the CPU interface (v2). */
	struct fdt_range gic_dist, gic_cpu_or_redist;
	/* The "arm,armv8-timer" node's virtual timer interrupt as a GIC
	 * INTID (its third interrupts entry, a PPI: 16 + number); 0 if none. */
	uint32_t timer_virt_intid;
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
