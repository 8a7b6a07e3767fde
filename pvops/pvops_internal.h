/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVOPS_INTERNAL_H
#define PVOPS_INTERNAL_H

void pvops_select(void);
/* Check every pvop and static call site against what it should be. */
void pvops_seal(void);

#endif
