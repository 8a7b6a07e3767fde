/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CPU features: what CPUID reports, plus synthetic bits that boot code
 * sets (which hypervisor we run on, ...). Alternatives select their arm
 * from these. Feature numbers are per architecture (asm/cpufeatures.h).
 */
#ifndef PVPATCH_CPUFEATURE_H
#define PVPATCH_CPUFEATURE_H

#include <stdbool.h>

void cpu_features_init(void);
bool cpu_feature_enabled(unsigned int feature);
void cpu_feature_set(unsigned int feature);
void cpu_feature_clear(unsigned int feature);

#endif
