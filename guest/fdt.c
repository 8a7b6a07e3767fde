// SPDX-License-Identifier: GPL-2.0
/*
 * The flattened device tree reader (include/pvpatch/fdt.h). Facts from
 * the Devicetree Specification v0.4: the header (5.2), the memory
 * reservation block (5.3), the structure block's tokens (5.4), the
 * default #address-cells 2 and #size-cells 1 of a parent that does not
 * say (2.3.5), and that a node's properties precede its children (5.4.2),
 * which is what lets a child's reg be decoded with its parent's cells
 * when the child ends.
 */
#include <stdbool.h>
#include <string.h>
#include <pvpatch/compiler.h>
#include <pvpatch/fdt.h>

#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4
#define FDT_END		9

/* The oldest layout this reader knows (last_comp_version <= 16). */
#define FDT_COMPAT_VERSION	16

struct node {
	uint32_t addr_cells, size_cells;	/* what its children use */
	const uint8_t *reg;
	uint32_t reg_len;
	const uint8_t *interrupts;
	uint32_t interrupts_len;
	bool is_memory, is_cpu, is_pl011, is_psci, is_chosen, is_timer;
	enum fdt_psci_method method;
	enum fdt_gic_version gic;
};

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const uint8_t *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

uint32_t fdt_total_size(const void *blob)
{
	const uint8_t *b = blob;

	return be32(b) == FDT_MAGIC ? be32(b + 4) : 0;
}

/* Does the string list (NUL-separated, len bytes) hold s? */
static bool strlist_has(const uint8_t *list, uint32_t len, const char *s)
{
	size_t n = strlen(s) + 1;

	for (uint32_t at = 0; at < len;) {
		const char *item = (const char *)list + at;
		size_t item_len = strnlen(item, len - at);

		if (item_len + 1 == n && memcmp(item, s, n) == 0)
			return true;
		at += item_len + 1;
	}
	return false;
}

static bool str_is(const uint8_t *value, uint32_t len, const char *s)
{
	return len == strlen(s) + 1 && memcmp(value, s, len) == 0;
}

/* A cells-wide big-endian number (1 or 2 cells) at p. */
static uint64_t read_cells(const uint8_t *p, uint32_t cells)
{
	return cells == 2 ? be64(p) : be32(p);
}

/* A cpu node's reg: one address (#address-cells 1 or 2, #size-cells 0). */
static const char *cpu_done(const struct node *n, const struct node *parent,
			    struct fdt_info *info)
{
	uint32_t ac = parent->addr_cells;
	unsigned int idx = info->nr_cpus++;

	if (idx >= FDT_MAX_CPUS)
		return NULL;
	info->cpu_mpidr[idx] = FDT_NO_MPIDR;
	if (!n->reg)
		return NULL;
	if (ac < 1 || ac > 2 || n->reg_len < ac * 4)
		return "cpu reg that is not one address of 1 or 2 cells";
	info->cpu_mpidr[idx] = read_cells(n->reg, ac);
	return NULL;
}

/*
 * The architected timer's interrupts, in the binding's order: secure
 * physical, non-secure physical, virtual, hypervisor; each 3 GIC cells
 * (type, number, flags), type 1 a PPI, whose INTID is 16 + number (GIC
 * architecture specification, "INTIDs").
 */
static void timer_done(const struct node *n, struct fdt_info *info)
{
	const uint32_t cells = 3, entry = cells * 4, virt = 2;

	if (info->timer_virt_intid || n->interrupts_len < (virt + 1) * entry)
		return;
	const uint8_t *p = n->interrupts + virt * entry;

	if (be32(p) == 1 && be32(p + 4) < 16)
		info->timer_virt_intid = 16 + be32(p + 4);
}

/* One (address, size) reg entry at index i, or a zero range if none. */
static struct fdt_range reg_entry(const struct node *n, uint32_t ac, uint32_t sc,
				  uint32_t i)
{
	uint32_t entry = (ac + sc) * 4;

	if (n->reg_len < (i + 1) * entry)
		return (struct fdt_range){ 0, 0 };
	return (struct fdt_range){
		.start = read_cells(n->reg + i * entry, ac),
		.size = read_cells(n->reg + i * entry + ac * 4, sc),
	};
}

/* What a node that has ended contributes, decoded with its parent's cells. */
static const char *node_done(const struct node *n, const struct node *parent,
			     struct fdt_info *info)
{
	uint32_t ac = parent->addr_cells, sc = parent->size_cells;
	uint32_t entry = (ac + sc) * 4;

	if (n->is_cpu)
		return cpu_done(n, parent, info);
	if (n->is_psci && info->psci == FDT_PSCI_NONE)
		info->psci = n->method;
	if (n->is_timer)
		timer_done(n, info);
	if (!(n->is_memory || (n->is_pl011 && !info->uart.size) ||
	      (n->gic && info->gic == FDT_GIC_NONE)) || !n->reg)
		return NULL;
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return "reg with #address-cells or #size-cells other than 1 or 2";
	if (n->reg_len % entry)
		return "reg length not a whole number of (address, size) entries";
	if (n->gic) {
		if (n->reg_len < 2 * entry)
			return "GIC reg with fewer than two ranges";
		info->gic = n->gic;
		info->gic_dist = reg_entry(n, ac, sc, 0);
		info->gic_cpu_or_redist = reg_entry(n, ac, sc, 1);
		return NULL;
	}
	for (uint32_t at = 0; at < n->reg_len; at += entry) {
		struct fdt_range r = {
			.start = read_cells(n->reg + at, ac),
			.size = read_cells(n->reg + at + ac * 4, sc),
		};

		if (n->is_pl011) {
			info->uart = r;
			break;
		}
		if (info->nr_memory == FDT_MAX_MEMORY)
			return "more memory ranges than FDT_MAX_MEMORY";
		if (r.size)
			info->memory[info->nr_memory++] = r;
	}
	return NULL;
}

static void node_prop(struct node *n, const char *name, const uint8_t *value,
		      uint32_t len)
{
	if (strcmp(name, "#address-cells") == 0 && len == 4)
		n->addr_cells = be32(value);
	else if (strcmp(name, "#size-cells") == 0 && len == 4)
		n->size_cells = be32(value);
	else if (strcmp(name, "reg") == 0) {
		n->reg = value;
		n->reg_len = len;
	} else if (strcmp(name, "device_type") == 0) {
		n->is_memory = str_is(value, len, "memory");
		n->is_cpu = str_is(value, len, "cpu");
	} else if (strcmp(name, "compatible") == 0) {
		n->is_pl011 = strlist_has(value, len, "arm,pl011");
		n->is_timer = strlist_has(value, len, "arm,armv8-timer");
		n->gic = strlist_has(value, len, "arm,gic-v3") ? FDT_GIC_V3 :
			 strlist_has(value, len, "arm,cortex-a15-gic") ||
			 strlist_has(value, len, "arm,gic-400") ? FDT_GIC_V2 : FDT_GIC_NONE;
		n->is_psci = strlist_has(value, len, "arm,psci") ||
			     strlist_has(value, len, "arm,psci-0.2") ||
			     strlist_has(value, len, "arm,psci-1.0");
	} else if (strcmp(name, "interrupts") == 0) {
		n->interrupts = value;
		n->interrupts_len = len;
	} else if (strcmp(name, "method") == 0) {
		n->method = str_is(value, len, "hvc") ? FDT_PSCI_HVC :
			    str_is(value, len, "smc") ? FDT_PSCI_SMC : FDT_PSCI_NONE;
	}
}

static const char *parse_reserved(const uint8_t *b, uint32_t off, uint32_t size,
				  struct fdt_info *info)
{
	for (;; off += 16) {
		if (off > size - 16)
			return "memory reservation block runs past the end";
		struct fdt_range r = { be64(b + off), be64(b + off + 8) };

		if (!r.start && !r.size)
			return NULL;
		if (info->nr_reserved == FDT_MAX_RESERVED)
			return "more reservations than FDT_MAX_RESERVED";
		info->reserved[info->nr_reserved++] = r;
	}
}

static const char *parse_struct(const uint8_t *b, uint32_t off, uint32_t end,
				const char *strings, uint32_t strings_size,
				struct fdt_info *info)
{
	/* stack[0] stands for the root's parent: the spec's defaults. */
	struct node stack[FDT_MAX_DEPTH + 1];
	int depth = 0;
	const char *why;

	stack[0] = (struct node){ .addr_cells = 2, .size_cells = 1 };
	for (;;) {
		if (off > end - 4)
			return "structure block ends without FDT_END";
		uint32_t token = be32(b + off);

		off += 4;
		switch (token) {
		case FDT_BEGIN_NODE: {
			const char *name = (const char *)b + off;
			size_t len = strnlen(name, end - off);

			if (len == end - off)
				return "node name runs past the structure block";
			if (depth == FDT_MAX_DEPTH)
				return "nodes nested deeper than FDT_MAX_DEPTH";
			depth++;
			stack[depth] = (struct node){ .addr_cells = 2, .size_cells = 1 };
			stack[depth].is_chosen = depth == 2 && strcmp(name, "chosen") == 0;
			off += ALIGN_UP(len + 1, 4);
			break;
		}
		case FDT_END_NODE:
			if (depth == 0)
				return "FDT_END_NODE without a node";
			why = node_done(&stack[depth], &stack[depth - 1], info);
			if (why)
				return why;
			depth--;
			break;
		case FDT_PROP: {
			if (depth == 0)
				return "property outside any node";
			if (off > end - 8)
				return "property header runs past the structure block";
			uint32_t len = be32(b + off), nameoff = be32(b + off + 4);

			off += 8;
			if (len > end - off)
				return "property value runs past the structure block";
			if (nameoff >= strings_size ||
			    strnlen(strings + nameoff, strings_size - nameoff) ==
			    strings_size - nameoff)
				return "property name outside the strings block";
			const char *name = strings + nameoff;

			node_prop(&stack[depth], name, b + off, len);
			if (stack[depth].is_chosen && strcmp(name, "bootargs") == 0) {
				if (!len || b[off + len - 1] != '\0')
					return "/chosen/bootargs is not a string";
				info->bootargs = (const char *)b + off;
			}
			off += ALIGN_UP(len, 4);
			break;
		}
		case FDT_NOP:
			break;
		case FDT_END:
			return depth ? "FDT_END inside a node" : NULL;
		default:
			return "unknown structure block token";
		}
	}
}

const char *fdt_parse(const void *blob, size_t max_size, struct fdt_info *info)
{
	const uint8_t *b = blob;

	memset(info, 0, sizeof(*info));
	if (max_size < FDT_HEADER_SIZE)
		return "smaller than a DTB header";
	if (be32(b) != FDT_MAGIC)
		return "no DTB magic (0xd00dfeed)";
	uint32_t size = be32(b + 4);
	uint32_t off_struct = be32(b + 8), off_strings = be32(b + 12);
	uint32_t off_rsv = be32(b + 16), last_comp = be32(b + 24);
	uint32_t strings_size = be32(b + 32), struct_size = be32(b + 36);

	if (size < FDT_HEADER_SIZE || size > max_size)
		return "totalsize is smaller than the header or larger than the blob";
	if (last_comp > FDT_COMPAT_VERSION)
		return "last_comp_version newer than 16";
	if (off_struct < FDT_HEADER_SIZE || off_rsv < FDT_HEADER_SIZE || struct_size < 4 ||
	    off_struct > size || struct_size > size - off_struct ||
	    off_strings > size || strings_size > size - off_strings ||
	    off_rsv > size || (off_struct | struct_size | off_rsv) & 3)
		return "a block lies outside totalsize or is misaligned";
	info->total_size = size;
	const char *why = parse_reserved(b, off_rsv, size, info);

	if (why)
		return why;
	return parse_struct(b, off_struct, off_struct + struct_size,
			    (const char *)b + off_strings, strings_size, info);
}
