// SPDX-License-Identifier: GPL-2.0
/*
 * fdt_parse() (guest/fdt.c) on device trees built here, token by token
 * (Devicetree Specification v0.4, chapter 5), so every field is one the
 * test chose: the nodes the guest needs, and broken blobs that must be
 * refused with a reason rather than read past their end. Portable: it
 * runs hosted and in the arm64 guest.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <pvpatch/compiler.h>
#include <pvpatch/fdt.h>
#include <pvpatch/ktest.h>

#define BLOB_MAX	2048
#define STRINGS_MAX	256

struct dtb_builder {
	uint8_t structs[BLOB_MAX];
	uint32_t struct_len;
	char strings[STRINGS_MAX];
	uint32_t strings_len;
	uint8_t blob[BLOB_MAX] __aligned(8);
	uint32_t size;
};

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void emit32(struct dtb_builder *d, uint32_t v)
{
	put32(d->structs + d->struct_len, v);
	d->struct_len += 4;
}

static void emit_bytes(struct dtb_builder *d, const void *p, uint32_t len)
{
	memcpy(d->structs + d->struct_len, p, len);
	d->struct_len += len;
	while (d->struct_len & 3)
		d->structs[d->struct_len++] = 0;
}

static void begin_node(struct dtb_builder *d, const char *name)
{
	emit32(d, 1);
	emit_bytes(d, name, strlen(name) + 1);
}

static void end_node(struct dtb_builder *d)
{
	emit32(d, 2);
}

static uint32_t string_offset(struct dtb_builder *d, const char *name)
{
	for (uint32_t at = 0; at < d->strings_len; at += strlen(d->strings + at) + 1) {
		if (strcmp(d->strings + at, name) == 0)
			return at;
	}
	uint32_t at = d->strings_len;

	memcpy(d->strings + at, name, strlen(name) + 1);
	d->strings_len += strlen(name) + 1;
	return at;
}

static void prop(struct dtb_builder *d, const char *name, const void *value, uint32_t len)
{
	emit32(d, 3);
	emit32(d, len);
	emit32(d, string_offset(d, name));
	emit_bytes(d, value, len);
}

static void prop_str(struct dtb_builder *d, const char *name, const char *value)
{
	prop(d, name, value, strlen(value) + 1);
}

static void prop_cells(struct dtb_builder *d, const char *name, const uint32_t *cells,
		       unsigned int n)
{
	uint8_t buf[64];

	for (unsigned int i = 0; i < n; i++)
		put32(buf + 4 * i, cells[i]);
	prop(d, name, buf, 4 * n);
}

/* Header, one reservation, then the two blocks. */
static void finish(struct dtb_builder *d)
{
	const uint32_t rsv = 40, off_struct = rsv + 32;
	uint32_t off_strings;

	emit32(d, 9);
	memset(d->blob, 0, sizeof(d->blob));
	put32(d->blob + rsv + 4, 0x48000000);	/* reserve 0x48000000 + 0x1000 */
	put32(d->blob + rsv + 12, 0x1000);
	memcpy(d->blob + off_struct, d->structs, d->struct_len);
	off_strings = off_struct + d->struct_len;
	memcpy(d->blob + off_strings, d->strings, d->strings_len);
	d->size = off_strings + d->strings_len;
	put32(d->blob + 0, FDT_MAGIC);
	put32(d->blob + 4, d->size);
	put32(d->blob + 8, off_struct);
	put32(d->blob + 12, off_strings);
	put32(d->blob + 16, rsv);
	put32(d->blob + 20, 17);
	put32(d->blob + 24, 16);
	put32(d->blob + 32, d->strings_len);
	put32(d->blob + 36, d->struct_len);
}

/* A tree shaped like QEMU virt's: two memory ranges (2+2 cells), a PL011
 * under a bus with 1+1 cells, two CPUs (MPIDRs 0 and 0x100), PSCI over
 * hvc, a GICv3, the architected timer, bootargs. */
static struct dtb_builder virt_like;

static void build_virt_like(struct dtb_builder *d)
{
	static const uint32_t two = 2, one = 1, zero = 0, mpidr1 = 0x100;
	static const uint32_t gic_reg[] = { 0, 0x08000000, 0, 0x10000,
					    0, 0x080a0000, 0, 0xf60000 };
	/* secure phys PPI 13, phys 14, virtual 11, hyp 10 */
	static const uint32_t timer_irqs[] = { 1, 13, 4, 1, 14, 4, 1, 11, 4, 1, 10, 4 };
	static const uint32_t mem[] = { 0, 0x40000000, 0, 0x08000000,
					0x1, 0x00000000, 0, 0x00100000 };
	static const uint32_t uart_reg[] = { 0x09000000, 0x1000 };
	static const char compat[] = "arm,pl011\0arm,primecell";

	memset(d, 0, sizeof(*d));
	begin_node(d, "");
	prop_cells(d, "#address-cells", &two, 1);
	prop_cells(d, "#size-cells", &two, 1);
	begin_node(d, "chosen");
	prop_str(d, "bootargs", "ktest.filter=fdt smp.expected_cpus=2");
	end_node(d);
	begin_node(d, "memory@40000000");
	prop_cells(d, "reg", mem, ARRAY_SIZE(mem));
	prop_str(d, "device_type", "memory");	/* after reg: decided at the end */
	end_node(d);
	begin_node(d, "bus");
	prop_cells(d, "#address-cells", &one, 1);
	prop_cells(d, "#size-cells", &one, 1);
	begin_node(d, "pl011@9000000");
	prop(d, "compatible", compat, sizeof(compat));
	prop_cells(d, "reg", uart_reg, 2);
	end_node(d);
	end_node(d);
	begin_node(d, "psci");
	prop_str(d, "compatible", "arm,psci-1.0");
	prop_str(d, "method", "hvc");
	end_node(d);
	begin_node(d, "intc@8000000");
	prop_str(d, "compatible", "arm,gic-v3");
	prop_cells(d, "reg", gic_reg, ARRAY_SIZE(gic_reg));
	end_node(d);
	begin_node(d, "timer");
	prop_str(d, "compatible", "arm,armv8-timer");
	prop_cells(d, "interrupts", timer_irqs, ARRAY_SIZE(timer_irqs));
	end_node(d);
	begin_node(d, "cpus");
	prop_cells(d, "#address-cells", &one, 1);
	prop_cells(d, "#size-cells", &zero, 1);
	begin_node(d, "cpu@0");
	prop_str(d, "device_type", "cpu");
	prop_cells(d, "reg", &zero, 1);
	end_node(d);
	begin_node(d, "cpu@100");
	prop_str(d, "device_type", "cpu");
	prop_cells(d, "reg", &mpidr1, 1);
	end_node(d);
	end_node(d);
	end_node(d);
	finish(d);
}

static void reads_what_the_guest_needs(struct kunit *test)
{
	struct fdt_info info;

	build_virt_like(&virt_like);
	KUNIT_ASSERT_NULL(test, fdt_parse(virt_like.blob, virt_like.size, &info));
	KUNIT_EXPECT_EQ(test, info.total_size, virt_like.size);
	KUNIT_ASSERT_EQ(test, info.nr_memory, 2u);
	KUNIT_EXPECT_EQ(test, info.memory[0].start, 0x40000000ull);
	KUNIT_EXPECT_EQ(test, info.memory[0].size, 0x08000000ull);
	KUNIT_EXPECT_EQ(test, info.memory[1].start, 0x100000000ull);
	KUNIT_EXPECT_EQ(test, info.memory[1].size, 0x100000ull);
	KUNIT_EXPECT_EQ(test, info.uart.start, 0x09000000ull);
	KUNIT_EXPECT_EQ(test, info.uart.size, 0x1000ull);
	KUNIT_EXPECT_EQ(test, info.nr_cpus, 2u);
	KUNIT_EXPECT_EQ(test, info.cpu_mpidr[0], 0ull);
	KUNIT_EXPECT_EQ(test, info.cpu_mpidr[1], 0x100ull);
	KUNIT_EXPECT_EQ(test, (int)info.psci, (int)FDT_PSCI_HVC);
	KUNIT_EXPECT_EQ(test, (int)info.gic, (int)FDT_GIC_V3);
	KUNIT_EXPECT_EQ(test, info.gic_dist.start, 0x08000000ull);
	KUNIT_EXPECT_EQ(test, info.gic_dist.size, 0x10000ull);
	KUNIT_EXPECT_EQ(test, info.gic_cpu_or_redist.start, 0x080a0000ull);
	KUNIT_EXPECT_EQ(test, info.gic_cpu_or_redist.size, 0xf60000ull);
	KUNIT_EXPECT_EQ(test, info.timer_virt_intid, 27u);
	KUNIT_ASSERT_NOT_NULL(test, info.bootargs);
	KUNIT_EXPECT_STREQ(test, info.bootargs, "ktest.filter=fdt smp.expected_cpus=2");
	KUNIT_ASSERT_EQ(test, info.nr_reserved, 1u);
	KUNIT_EXPECT_EQ(test, info.reserved[0].start, 0x48000000ull);
	KUNIT_EXPECT_EQ(test, fdt_total_size(virt_like.blob), virt_like.size);
}

static void root_defaults_are_two_and_one_cells(struct kunit *test)
{
	static const uint32_t reg[] = { 0, 0x40000000, 0x10000000 };
	struct dtb_builder *d = &virt_like;
	struct fdt_info info;

	memset(d, 0, sizeof(*d));
	begin_node(d, "");
	begin_node(d, "memory");
	prop_str(d, "device_type", "memory");
	prop_cells(d, "reg", reg, ARRAY_SIZE(reg));
	end_node(d);
	end_node(d);
	finish(d);
	KUNIT_ASSERT_NULL(test, fdt_parse(d->blob, d->size, &info));
	KUNIT_ASSERT_EQ(test, info.nr_memory, 1u);
	KUNIT_EXPECT_EQ(test, info.memory[0].size, 0x10000000ull);
	KUNIT_EXPECT_EQ(test, info.uart.size, 0ull);
	KUNIT_EXPECT_EQ(test, (int)info.psci, (int)FDT_PSCI_NONE);
	/* No GIC and no timer node: the guest refuses to boot on that. */
	KUNIT_EXPECT_EQ(test, (int)info.gic, (int)FDT_GIC_NONE);
	KUNIT_EXPECT_EQ(test, info.timer_virt_intid, 0u);
	KUNIT_EXPECT_NULL(test, info.bootargs);
}

/* GICv2 (QEMU virt's default): distributor then CPU interface; a cpu
 * node with a two-cell reg (Aff3 in the high cell). */
static void gic_v2_and_two_cell_mpidr(struct kunit *test)
{
	static const uint32_t two = 2, one = 1, zero = 0;
	static const uint32_t gic_reg[] = { 0x08000000, 0x10000, 0x08010000, 0x10000 };
	static const uint32_t mpidr[] = { 0x1, 0x00000203 };
	static const char compat[] = "arm,cortex-a15-gic";
	struct dtb_builder *d = &virt_like;
	struct fdt_info info;

	memset(d, 0, sizeof(*d));
	begin_node(d, "");
	prop_cells(d, "#address-cells", &one, 1);
	prop_cells(d, "#size-cells", &one, 1);
	begin_node(d, "intc");
	prop(d, "compatible", compat, sizeof(compat));
	prop_cells(d, "reg", gic_reg, ARRAY_SIZE(gic_reg));
	end_node(d);
	begin_node(d, "cpus");
	prop_cells(d, "#address-cells", &two, 1);
	prop_cells(d, "#size-cells", &zero, 1);
	begin_node(d, "cpu@100000203");
	prop_str(d, "device_type", "cpu");
	prop_cells(d, "reg", mpidr, 2);
	end_node(d);
	begin_node(d, "cpu@1");
	prop_str(d, "device_type", "cpu");	/* no reg */
	end_node(d);
	end_node(d);
	end_node(d);
	finish(d);
	KUNIT_ASSERT_NULL(test, fdt_parse(d->blob, d->size, &info));
	KUNIT_EXPECT_EQ(test, (int)info.gic, (int)FDT_GIC_V2);
	KUNIT_EXPECT_EQ(test, info.gic_dist.start, 0x08000000ull);
	KUNIT_EXPECT_EQ(test, info.gic_cpu_or_redist.start, 0x08010000ull);
	KUNIT_EXPECT_EQ(test, info.gic_cpu_or_redist.size, 0x10000ull);
	KUNIT_ASSERT_EQ(test, info.nr_cpus, 2u);
	KUNIT_EXPECT_EQ(test, info.cpu_mpidr[0], 0x100000203ull);
	KUNIT_EXPECT_EQ(test, info.cpu_mpidr[1], FDT_NO_MPIDR);
}

static void expect_refused(struct kunit *test, const uint8_t *blob, size_t size,
			   const char *what)
{
	struct fdt_info info;

	KUNIT_EXPECT_NOT_NULL_MSG(test, fdt_parse(blob, size, &info), "%s", what);
}

static void broken_blobs_are_refused(struct kunit *test)
{
	static uint8_t copy[BLOB_MAX] __aligned(8);
	struct dtb_builder *d = &virt_like;

	build_virt_like(d);
	expect_refused(test, d->blob, 39, "shorter than a header");
	expect_refused(test, d->blob, d->size - 1, "totalsize beyond the buffer");

	memcpy(copy, d->blob, d->size);
	copy[0] ^= 1;
	expect_refused(test, copy, d->size, "bad magic");

	memcpy(copy, d->blob, d->size);
	put32(copy + 36, d->size);		/* size_dt_struct past totalsize */
	expect_refused(test, copy, d->size, "structure block past totalsize");

	memcpy(copy, d->blob, d->size);
	put32(copy + 36, d->struct_len - 4);	/* cut off FDT_END */
	expect_refused(test, copy, d->size, "no FDT_END");

	memcpy(copy, d->blob, d->size);
	put32(copy + 32, 3);			/* names now point past the strings */
	expect_refused(test, copy, d->size, "property name outside the strings");

	memcpy(copy, d->blob, d->size);
	put32(copy + 72, 7);			/* first token: not a token */
	expect_refused(test, copy, d->size, "unknown token");
}

static void deep_nesting_is_refused(struct kunit *test)
{
	struct dtb_builder *d = &virt_like;
	struct fdt_info info;

	memset(d, 0, sizeof(*d));
	for (int i = 0; i <= FDT_MAX_DEPTH; i++)
		begin_node(d, "n");
	for (int i = 0; i <= FDT_MAX_DEPTH; i++)
		end_node(d);
	finish(d);
	KUNIT_EXPECT_NOT_NULL(test, fdt_parse(d->blob, d->size, &info));
}

static struct kunit_case fdt_cases[] = {
	KUNIT_CASE(reads_what_the_guest_needs),
	KUNIT_CASE(root_defaults_are_two_and_one_cells),
	KUNIT_CASE(gic_v2_and_two_cell_mpidr),
	KUNIT_CASE(broken_blobs_are_refused),
	KUNIT_CASE(deep_nesting_is_refused),
	{}
};

static struct kunit_suite fdt_suite = {
	.name = "fdt",
	.test_cases = fdt_cases,
};
kunit_test_suite(fdt_suite);
