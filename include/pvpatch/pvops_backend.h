/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a pvops backend (hypervisor/) fills in and registers: the pvops
 * core (pvops/) picks among them and calls them through these, never by
 * name, and a backend reaches the core only through this header.
 */
#ifndef PVPATCH_PVOPS_BACKEND_H
#define PVPATCH_PVOPS_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <pvpatch/pvops_calls.h>
#include <pvpatch/text_poke.h>

/* A backend: which hypervisor it serves and how it points the keys. */
struct pvops_backend {
	const char *name;
	bool (*detect)(void);	/* running on this hypervisor? */
	void (*select)(void);	/* static_call_update() the ops it provides */
	/* On each secondary CPU as it comes up (pvops_select() hands it to
	 * smp_set_cpu_online_hook()): register what the hypervisor keeps
	 * per vCPU (KVM: kvmclock, steal time, PV EOI areas; Xen: vcpu_info,
	 * the time area). The boot CPU's happens in select(). NULL: nothing. */
	void (*cpu_online)(unsigned int cpu);
	/* Where the sites carry an inline arm of the backend's own instead
	 * of the native instructions; NULL: the native arms. */
	const struct pvops_inline_arm *inline_arm;
	int priority;		/* higher is tried first by detection */
};

/*
 * A backend's own inline arm (an arch alternative keyed on its CPU
 * feature, as Xen PV's asm/xen/pv_arms.h). bytes() writes op's arm into
 * bytes[size] and returns its length, 0 when op has none: seal checks
 * the sites against it and the live irq arm switch writes it. For that
 * switch, per irq op: emulate[] runs the whole arm for a CPU at the
 * int3 on its first byte (from the #BP handler, which leaves room below
 * the frame for a push), leave[] finishes the arm for a CPU interrupted
 * at an instruction boundary inside it (from a sync's interrupt: it may
 * change registers and ip, never push). An irq op without both cannot
 * be switched live.
 */
struct pvops_inline_arm {
	const char *name;
	size_t (*bytes)(enum pvop_id op, uint8_t *bytes, size_t size);
	poke_fixup_t emulate[NR_PVOPS];
	poke_fixup_t leave[NR_PVOPS];
};
#define PVOPS_INLINE_ARM_MAX	POKE_MAX_LEN

#define PVOPS_BACKEND(var)						\
	static const struct pvops_backend *const __pvops_backend_##var	\
	__used __section("pvops_backends") __aligned(8) = &var

/* Name the function a key now points at, for the patch log and seal. */
void pvops_note_target(enum pvop_id op, const char *name);

#endif
