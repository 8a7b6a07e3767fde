// SPDX-License-Identifier: GPL-2.0
/*
 * The console of a Xen HVM/PVH guest, which has no UART of its own.
 *
 * dom0 (XENFEAT_dom0) writes straight to Xen's console with
 * CONSOLEIO_write. A domU may not (Xen refuses it unless built for
 * debugging); it has a shared ring page that xenconsoled in dom0 drains,
 * found through HVM_PARAM_CONSOLE_PFN and _EVTCHN (xen/io/console.h),
 * or, for a PV domU, in start_info, mapped by the PV arch code before the
 * console starts (xen_pv_domu_console()).
 */
#include <stdbool.h>
#include <stddef.h>
#include <asm/processor.h>
#include <pvpatch/console.h>
#include "xen_abi.h"
#ifdef CONFIG_XEN_PV
#include <asm/xen/pv.h>
#endif

#define RING_SPINS	10000000	/* how long to wait for xenconsoled */

static enum { XEN_CONSOLE_NONE, XEN_CONSOLE_IO, XEN_CONSOLE_RING } mode;
static struct xencons_interface *ring;
static evtchn_port_t ring_port;

static bool is_dom0(void)
{
	struct xen_feature_info info = { .submap_idx = 0 };

	if (xen_hypercall2(__HYPERVISOR_xen_version, XENVER_get_features,
			   (uintptr_t)&info))
		return false;
	return info.submap & (1U << XENFEAT_dom0);
}

static void console_io_write(const char *text, size_t len)
{
	xen_hypercall3(__HYPERVISOR_console_io, CONSOLEIO_write, len, (uintptr_t)text);
}

/*
 * Producer side of the out ring: the bytes before the index (a write
 * barrier, which x86's store order gives once the compiler keeps it),
 * then the event. A full ring waits for xenconsoled, boundedly: a dom0
 * that never drains it must not hang the guest.
 */
static void ring_write(const char *text, size_t len)
{
	size_t size = sizeof(ring->out);

	while (len) {
		XENCONS_RING_IDX cons = __atomic_load_n(&ring->out_cons, __ATOMIC_ACQUIRE);
		XENCONS_RING_IDX prod = ring->out_prod;
		unsigned int spins = 0;

		while (prod - cons >= size && spins++ < RING_SPINS) {
			cpu_relax();
			cons = __atomic_load_n(&ring->out_cons, __ATOMIC_ACQUIRE);
		}
		if (prod - cons >= size)
			return;		/* nobody drains it: drop the rest */
		while (len && prod - cons < size) {
			ring->out[prod++ % size] = *text++;
			len--;
		}
		__atomic_store_n(&ring->out_prod, prod, __ATOMIC_RELEASE);
		xen_evtchn_send(ring_port);
	}
}

bool xen_console_init(void)
{
	uint64_t pfn, port;

	if (!xen_hypercall_page_install())
		return false;
	if (is_dom0()) {
		mode = XEN_CONSOLE_IO;
		return true;
	}
#ifdef CONFIG_XEN_PV
	ring = xen_pv_domu_console(&ring_port);
#endif
	if (ring) {
		mode = XEN_CONSOLE_RING;
		return true;
	}
	/* The ring page sits below 4 GiB, inside our identity map. */
	if (xen_hvm_get_param(HVM_PARAM_CONSOLE_PFN, &pfn) || !pfn ||
	    pfn >= (1UL << 20) ||
	    xen_hvm_get_param(HVM_PARAM_CONSOLE_EVTCHN, &port))
		return false;
	ring = (struct xencons_interface *)(uintptr_t)(pfn << 12);
	ring_port = (evtchn_port_t)port;
	mode = XEN_CONSOLE_RING;
	return true;
}

void xen_console_write(const char *text, size_t len)
{
	if (mode == XEN_CONSOLE_IO)
		console_io_write(text, len);
	else if (mode == XEN_CONSOLE_RING)
		ring_write(text, len);
}
