// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 capabilities from the ID registers, behind the same API as
 * x86's CPUID bits (include/pvpatch/cpufeature.h).
 *
 * Each capability is one 4-bit field of an ID_AA64*_EL1 register with
 * a minimum value. The fields used here are all unsigned: a larger value
 * means the smaller one's features plus more (Arm ARM, "Principles of
 * the ID scheme for fields in ID registers"), so ">= minimum" is the
 * right test. EL1 reads these registers directly; a hypervisor may trap
 * and sanitise them, which is what it wants the guest to see.
 *
 * The boot CPU's values stand for every CPU: QEMU's virt machine gives
 * every vCPU the same model, and the caps are read before any other CPU
 * runs (a big.LITTLE machine would need the intersection over CPUs).
 */
#include <stdint.h>
#include <string.h>
#include <asm/cpufeatures.h>
#include <asm/processor.h>
#include <asm/sysreg.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/printk.h>
#include "arm64.h"

enum id_register {
	ID_ISAR0, ID_ISAR1, ID_PFR0, ID_PFR1, ID_MMFR1, ID_MMFR2, NR_ID_REGISTERS
};

struct cap_field {
	const char *name;
	uint8_t cap;
	uint8_t reg;		/* enum id_register */
	uint8_t shift;		/* the field is bits shift+3..shift */
	uint8_t min;
};

static const struct cap_field cap_fields[] = {
	{ "aes",	ARM64_CAP_AES,		ID_ISAR0, 4, 1 },
	{ "pmull",	ARM64_CAP_PMULL,	ID_ISAR0, 4, 2 },
	{ "sha1",	ARM64_CAP_SHA1,		ID_ISAR0, 8, 1 },
	{ "sha2",	ARM64_CAP_SHA2,		ID_ISAR0, 12, 1 },
	{ "sha512",	ARM64_CAP_SHA512,	ID_ISAR0, 12, 2 },
	{ "crc32",	ARM64_CAP_CRC32,	ID_ISAR0, 16, 1 },
	/* Atomic: 0b0010 is FEAT_LSE (the CAS, SWP and LD<op> family). */
	{ "lse",	ARM64_CAP_LSE_ATOMICS,	ID_ISAR0, 20, 2 },
	{ "rdm",	ARM64_CAP_RDM,		ID_ISAR0, 28, 1 },
	{ "sha3",	ARM64_CAP_SHA3,		ID_ISAR0, 32, 1 },
	{ "dotprod",	ARM64_CAP_DOTPROD,	ID_ISAR0, 44, 1 },
	{ "rng",	ARM64_CAP_RNG,		ID_ISAR0, 60, 1 },
	{ "dcpop",	ARM64_CAP_DCPOP,	ID_ISAR1, 0, 1 },
	{ "lrcpc",	ARM64_CAP_LRCPC,	ID_ISAR1, 20, 1 },
	{ "sb",		ARM64_CAP_SB,		ID_ISAR1, 36, 1 },
	{ "dit",	ARM64_CAP_DIT,		ID_PFR0, 48, 1 },
	{ "bti",	ARM64_CAP_BTI,		ID_PFR1, 0, 1 },
	{ "ssbs",	ARM64_CAP_SSBS,		ID_PFR1, 4, 1 },
	{ "mte",	ARM64_CAP_MTE,		ID_PFR1, 8, 1 },
	{ "hafdbs",	ARM64_CAP_HAFDBS,	ID_MMFR1, 0, 1 },
	{ "vhe",	ARM64_CAP_VHE,		ID_MMFR1, 8, 1 },
	{ "pan",	ARM64_CAP_PAN,		ID_MMFR1, 20, 1 },
	{ "uao",	ARM64_CAP_UAO,		ID_MMFR2, 4, 1 },
};

static uint32_t cap_words[(ARM64_NCAPS + 31) / 32];

static void read_id_registers(uint64_t id[NR_ID_REGISTERS])
{
	id[ID_ISAR0] = read_sysreg_s(ID_AA64ISAR0_EL1);
	id[ID_ISAR1] = read_sysreg_s(ID_AA64ISAR1_EL1);
	id[ID_PFR0] = read_sysreg_s(ID_AA64PFR0_EL1);
	id[ID_PFR1] = read_sysreg_s(ID_AA64PFR1_EL1);
	id[ID_MMFR1] = read_sysreg_s(ID_AA64MMFR1_EL1);
	id[ID_MMFR2] = read_sysreg_s(ID_AA64MMFR2_EL1);
}

void cpu_features_init(void)
{
	uint64_t id[NR_ID_REGISTERS];
	char names[256];
	size_t used = 0;

	read_id_registers(id);
	for (unsigned int i = 0; i < sizeof(cap_words) / sizeof(cap_words[0]); i++)
		cap_words[i] = 0;
	for (unsigned int i = 0; i < sizeof(cap_fields) / sizeof(cap_fields[0]); i++) {
		const struct cap_field *f = &cap_fields[i];

		if (((id[f->reg] >> f->shift) & 0xf) < f->min)
			continue;
		cpu_feature_set(f->cap);
		if (used < sizeof(names))
			used += snprintf(names + used, sizeof(names) - used, " %s", f->name);
	}
	cpu_feature_set(ARM64_CAP_ALWAYS);
	cpu_feature_set(ARM64_CAP_TEST_SET);
	printk("cpu: MIDR_EL1 0x%lx; ISAR0 0x%lx ISAR1 0x%lx PFR0 0x%lx PFR1 0x%lx MMFR1 0x%lx; caps:%s\n",
	       (unsigned long)read_sysreg(midr_el1), (unsigned long)id[ID_ISAR0],
	       (unsigned long)id[ID_ISAR1], (unsigned long)id[ID_PFR0],
	       (unsigned long)id[ID_PFR1], (unsigned long)id[ID_MMFR1],
	       used ? names : " none");
}

bool cpu_feature_enabled(unsigned int feature)
{
	if (feature >= ARM64_NCAPS)
		return false;
	return cap_words[feature / 32] & (1U << (feature % 32));
}

void cpu_feature_set(unsigned int feature)
{
	if (feature < ARM64_NCAPS)
		cap_words[feature / 32] |= 1U << (feature % 32);
}

void cpu_feature_clear(unsigned int feature)
{
	if (feature < ARM64_NCAPS)
		cap_words[feature / 32] &= ~(1U << (feature % 32));
}

int arm64_cap_by_name(const char *name)
{
	for (unsigned int i = 0; i < sizeof(cap_fields) / sizeof(cap_fields[0]); i++) {
		if (strcmp(cap_fields[i].name, name) == 0)
			return cap_fields[i].cap;
	}
	return -1;
}
