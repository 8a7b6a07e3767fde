// SPDX-License-Identifier: GPL-2.0
/*
 * Event channels of the Xen PV image (CONFIG_XEN_PV): a PV vCPU's
 * interrupt controller. Its IPIs (pv_apic.c), its timer (pv_timer.c) and
 * the PV backend's ports bind handlers here; the backend's select() maps
 * shared_info and registers the callbacks (hypervisor/xen/pv_backend.c).
 *
 * Xen sets a port's bit in shared_info's evtchn_pending, its word's bit
 * in the vCPU's evtchn_pending_sel, and evtchn_upcall_pending; with the
 * vCPU's event mask clear it then enters xen_pv_event_entry
 * (pv_entry.S). The upcall clears pending before scanning (xen.h: so
 * that an event raised during the scan raises it again) and calls the
 * port's handler.
 */
#include <stddef.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <pvpatch/platform.h>
#include <pvpatch/printk.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/pv.h>
#include <asm/xen/pv_arms.h>

/* The irq ops' inline arms (asm/xen/pv_arms.h) and xen_pv_vcpu_info()
 * rely on this layout. */
_Static_assert(offsetof(struct vcpu_info, evtchn_upcall_pending) == XEN_VCPU_INFO_PENDING,
	       "asm/xen/pv_arms.h: pending byte");
_Static_assert(offsetof(struct vcpu_info, evtchn_upcall_mask) == XEN_VCPU_INFO_MASK,
	       "asm/xen/pv_arms.h: mask byte");
_Static_assert(sizeof(struct vcpu_info) <= sizeof(((struct cpu *)0)->xen_vcpu_info),
	       "struct cpu: room for struct vcpu_info");

#define BITS_PER_WORD	(8 * sizeof(xen_ulong_t))

struct shared_info *xen_pv_shared_info;
uint64_t xen_pv_upcalls[CONFIG_NR_CPUS];
static xen_pv_port_handler_t port_handlers[XEN_PV_MAX_PORTS];
/* The vCPU each port is bound to: only it handles the port. */
static unsigned int port_cpu[XEN_PV_MAX_PORTS];

static void mask_port(evtchn_port_t port)
{
	__atomic_fetch_or(&xen_pv_shared_info->evtchn_mask[port / BITS_PER_WORD],
			  1UL << (port % BITS_PER_WORD), __ATOMIC_SEQ_CST);
}

/*
 * Every port starts masked (xen_pv_mask_all_ports()): an event nobody
 * handles, such as xenconsoled's notifications on a domU's console port
 * (we poll that ring), would otherwise run upcalls and end SCHEDOP_block
 * early. Binding a handler unmasks the port; EVTCHNOP_unmask also
 * delivers an event that is already pending.
 */
void xen_pv_mask_all_ports(void)
{
	struct shared_info *s = xen_pv_shared_info;

	for (size_t w = 0; w < sizeof(s->evtchn_mask) / sizeof(s->evtchn_mask[0]); w++)
		__atomic_store_n(&s->evtchn_mask[w], ~(xen_ulong_t)0, __ATOMIC_SEQ_CST);
}

int xen_pv_bind_port_handler(evtchn_port_t port, unsigned int cpu,
			     xen_pv_port_handler_t handler)
{
	struct evtchn_unmask unmask = { .port = port };

	if (port >= XEN_PV_MAX_PORTS || cpu >= CONFIG_NR_CPUS)
		return -1;
	if (!handler)
		mask_port(port);
	port_cpu[port] = cpu;
	__atomic_store_n(&port_handlers[port], handler, __ATOMIC_RELEASE);
	if (handler && xen_hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_unmask,
				      (uintptr_t)&unmask))
		return -1;
	return 0;
}

static void handle_port(evtchn_port_t port, struct pt_regs *regs)
{
	xen_pv_port_handler_t handler = port < XEN_PV_MAX_PORTS ?
		__atomic_load_n(&port_handlers[port], __ATOMIC_ACQUIRE) : NULL;

	if (handler) {
		handler(port, regs);
		return;
	}
	/* Unbound since (a closed port): keep it quiet from now on. */
	mask_port(port);
	printk("xen-pv: event on unbound port %u: masked\n", port);
}

/* Ports of word w bound to cpu (ports beyond our table: every CPU's). */
static xen_ulong_t ports_of_cpu(unsigned int w, unsigned int cpu)
{
	xen_ulong_t mine = 0;

	for (unsigned int bit = 0; bit < BITS_PER_WORD; bit++) {
		unsigned int port = w * BITS_PER_WORD + bit;

		if (port >= XEN_PV_MAX_PORTS || port_cpu[port] == cpu)
			mine |= 1UL << bit;
	}
	return mine;
}

/*
 * The pending bitmap is the domain's: a word holds the ports of every
 * vCPU, but this vCPU's pending_sel only says which words to look at.
 * Another vCPU's ports are left for it (its own upcall).
 */
static void scan_pending(struct vcpu_info *vi, struct pt_regs *regs)
{
	struct shared_info *s = xen_pv_shared_info;
	unsigned int cpu = this_cpu()->id;
	xen_ulong_t words = __atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);

	while (words) {
		unsigned int w = __builtin_ctzl(words);

		words &= words - 1;
		xen_ulong_t ready = __atomic_load_n(&s->evtchn_pending[w], __ATOMIC_ACQUIRE) &
				    ~__atomic_load_n(&s->evtchn_mask[w], __ATOMIC_RELAXED) &
				    ports_of_cpu(w, cpu);

		while (ready) {
			unsigned int bit = __builtin_ctzl(ready);

			ready &= ready - 1;
			/* Ack before handling: a new event re-raises it. */
			__atomic_fetch_and(&s->evtchn_pending[w], ~(1UL << bit), __ATOMIC_SEQ_CST);
			handle_port(w * BITS_PER_WORD + bit, regs);
		}
	}
}

/*
 * Entered with events masked (CALLBACKF_mask_events). Leaves the mask as
 * the interrupted context had it; an event that arrives while we unmask
 * is handled here rather than by a nested upcall.
 */
void xen_pv_event_upcall(struct pt_regs *regs);
void xen_pv_event_upcall(struct pt_regs *regs)
{
	struct cpu *c = this_cpu();
	struct vcpu_info *vi = xen_pv_vcpu_info();
	struct pt_regs *outer = c->irq_regs;

	c->irq_regs = regs;
	xen_pv_upcalls[c->id]++;
	for (;;) {
		while (__atomic_exchange_n(&vi->evtchn_upcall_pending, 0, __ATOMIC_SEQ_CST))
			scan_pending(vi, regs);
		if (!(regs->rflags & X86_EFLAGS_IF))
			break;
		vi->evtchn_upcall_mask = 0;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (!__atomic_load_n(&vi->evtchn_upcall_pending, __ATOMIC_RELAXED))
			break;
		vi->evtchn_upcall_mask = 1;
	}
	c->irq_regs = outer;
}

__noreturn void xen_pv_failsafe(const uint64_t *frame);
__noreturn void xen_pv_failsafe(const uint64_t *frame)
{
	panic("xen-pv: failsafe callback: Xen could not return to rip 0x%lx "
	      "(ds %#lx es %#lx fs %#lx gs %#lx)", frame[6], frame[2], frame[3],
	      frame[4], frame[5]);
}
