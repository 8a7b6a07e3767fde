// SPDX-License-Identifier: GPL-2.0
#include <stdint.h>
#include <asm/cpufeatures.h>
#include <pvpatch/cpufeature.h>

static uint32_t feature_words[NR_FEATURE_WORDS];

static inline void cpuid_leaf(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ __volatile__("cpuid"
			     : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			     : "a"(leaf), "c"(sub));
}

void cpu_features_init(void)
{
	uint32_t r[4];

	cpuid_leaf(0, 0, r);
	uint32_t max_basic = r[0];

	cpuid_leaf(1, 0, r);
	feature_words[0] = r[3];
	feature_words[1] = r[2];
	cpuid_leaf(0x80000000, 0, r);
	if (r[0] >= 0x80000001) {
		cpuid_leaf(0x80000001, 0, r);
		feature_words[2] = r[3];
		feature_words[3] = r[2];
	}
	if (max_basic >= 7) {
		cpuid_leaf(7, 0, r);
		feature_words[4] = r[1];
		feature_words[5] = r[2];
		feature_words[6] = r[3];
	}
	cpu_feature_set(X86_FEATURE_ALWAYS);
	cpu_feature_set(X86_FEATURE_TEST_SET);
}

bool cpu_feature_enabled(unsigned int feature)
{
	if (feature / 32 >= NR_FEATURE_WORDS)
		return false;
	return feature_words[feature / 32] & (1U << (feature % 32));
}

void cpu_feature_set(unsigned int feature)
{
	if (feature / 32 < NR_FEATURE_WORDS)
		feature_words[feature / 32] |= 1U << (feature % 32);
}

void cpu_feature_clear(unsigned int feature)
{
	if (feature / 32 < NR_FEATURE_WORDS)
		feature_words[feature / 32] &= ~(1U << (feature % 32));
}
