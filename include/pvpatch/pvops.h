/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pvops core's services (pvops/), for the guest and the tests: the
 * recorded sites, the chosen backend, the live irq arm switch, the
 * names in the patch log. The ops themselves are <pvpatch/pvops_calls.h>,
 * what a backend implements <pvpatch/pvops_backend.h>; both come with
 * this header. The layers below (arch/, hypervisor/) never include it.
 */
#ifndef PVPATCH_PVOPS_H
#define PVPATCH_PVOPS_H

#include <stdbool.h>
#include <stdint.h>
#include <pvpatch/pvops_backend.h>
#include <pvpatch/pvops_calls.h>

/* One recorded pvop site (section pvop_sites): for the patch log,
 * verification and the tests. */
struct pvop_site {
	int32_t addr;		/* site - &addr */
	uint8_t op;		/* enum pvop_id */
	uint8_t len;
	uint8_t origin;		/* PVOP_SITE_KERNEL or PVOP_SITE_TEST */
	uint8_t reserved;
};
extern struct pvop_site __start_pvop_sites[], __stop_pvop_sites[];

static inline uint8_t *pvop_site_addr(const struct pvop_site *s)
{
	return (uint8_t *)((intptr_t)&s->addr + s->addr);
}

const struct pvops_backend *pvops_backend(void);

/*
 * Switch every irq op site to its call arm (true) or its inline native
 * arm (false), live, on all CPUs: one text_poke_bp batch. The current
 * arm is X86_FEATURE_PV_IRQ_CALL.
 */
void pvops_set_irq_arm(bool call);
/* NULL when pvops_set_irq_arm() can run in this guest, else why not. */
const char *pvops_irq_arm_switch_unsupported(void);
extern unsigned long pvops_arm_switches;
const char *pvops_op_name(enum pvop_id op);
/* The function a key points at, by name where the backend told us. */
const char *pvops_target_name(enum pvop_id op);

#endif
