// SPDX-License-Identifier: GPL-2.0
/*
 * The native backend: the raw instructions. The inline ops' functions
 * only run when their call arm is live (forced with pvops.irq=call, or
 * while an op is traced); they reach the keys through callee-save thunks.
 */
#include <asm/apic.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <pvpatch/cpufeature.h>
#include <pvpatch/pvops_backend.h>
#include <pvpatch/smp.h>

unsigned long native_save_fl(void)
{
	return native_save_fl_insn();
}

void native_irq_disable(void)
{
	native_irq_disable_insn();
}

void native_irq_enable(void)
{
	native_irq_enable_insn();
}

void native_safe_halt(void)
{
	native_safe_halt_insn();
}

void native_halt(void)
{
	native_halt_insn();
}

PV_THUNK_RAX(native_save_fl);
PV_THUNK(native_irq_disable);
PV_THUNK(native_irq_enable);
PV_THUNK(native_safe_halt);
PV_THUNK(native_halt);

uint64_t native_sched_clock(void)
{
	uint64_t khz = tsc_khz();

	return khz ? rdtsc() * 1000000 / khz : 0;
}

uint64_t native_steal_clock(unsigned int cpu)
{
	return 0;	/* bare metal: nothing steals our time */
}

void native_kick(unsigned int cpu)
{
	apic_send_ipi(cpus[cpu].apic_id, VECTOR_IPI_WAKE);
}

void native_wait(volatile uint8_t *ptr, uint8_t value)
{
	if (*ptr == value)
		cpu_relax();
}

static void flush_local_tlb(void *unused)
{
	write_cr3(read_cr3());	/* drops every non-global translation */
}

void native_flush_tlb_multi(const uint64_t *cpumask, uintptr_t start,
			    uintptr_t end)
{
	on_each_cpu(flush_local_tlb, NULL, true);
}

void native_io_delay(void)
{
	outb(0x80, 0);		/* the POST port: a write costs ~1 us on PC hardware */
}

/* A Xen PV kernel runs in ring 3, where cli, sti and hlt are not ours. */
static bool native_detect(void)
{
	return !cpu_feature_enabled(X86_FEATURE_XENPV);
}

static void native_select(void)
{
	/* The keys start out native (pvops/keys.c): name the targets. */
#define TARGET_INLINE_RAX(name)	"native_" #name "__thunk"
#define TARGET_INLINE(name)	"native_" #name "__thunk"
#define TARGET_CALL(name)	"native_" #name
#define TARGET_CALL_VOID(name)	"native_" #name
#define NOTE(name, ret, params, args, kind, insns, cond) \
	pvops_note_target(PVOP_##name, TARGET_##kind(name));
	PVOPS_LIST(NOTE)
#undef NOTE
}

static const struct pvops_backend native_backend = {
	.name = "native", .detect = native_detect, .select = native_select,
	.priority = 0,
};
PVOPS_BACKEND(native_backend);
