// SPDX-License-Identifier: GPL-2.0
/*
 * The hooks hypervisors register for the platform code
 * (asm/hypervisor_hooks.h), walked in link order. Only Xen registers
 * any today (hypervisor/xen/platform.c); without it every walk answers
 * "nothing", as the platform code expects on bare QEMU.
 */
#include <asm/hypervisor_hooks.h>

extern const struct x86_hypervisor_hooks *const __start_x86_hypervisor_hooks[];
extern const struct x86_hypervisor_hooks *const __stop_x86_hypervisor_hooks[];

#define for_each_hooks(h)						\
	for (const struct x86_hypervisor_hooks *const *h = __start_x86_hypervisor_hooks; \
	     h < __stop_x86_hypervisor_hooks; h++)

/* The console that answered: the only one written to. */
static const struct x86_hypervisor_hooks *console;

bool hv_console_init(void)
{
	for_each_hooks(h) {
		if ((*h)->console_init && (*h)->console_init()) {
			console = *h;
			return true;
		}
	}
	return false;
}

void hv_console_write(const char *text, size_t len)
{
	if (console)
		console->console_write(text, len);
}

/* Each returns when the guest is not its hypervisor's. */
void hv_shutdown(bool failed)
{
	for_each_hooks(h) {
		if ((*h)->shutdown)
			(*h)->shutdown(failed);
	}
}

uint32_t hv_tsc_khz(const char **by)
{
	for_each_hooks(h) {
		uint32_t khz = (*h)->tsc_khz ? (*h)->tsc_khz() : 0;

		if (khz) {
			*by = (*h)->name;
			return khz;
		}
	}
	return 0;
}

/* The last error when none gave a map; -1 when none could try. */
int hv_memory_map(void (*add_ram)(uint64_t start, uint64_t size))
{
	int rc = -1;

	for_each_hooks(h) {
		if ((*h)->memory_map && !(rc = (*h)->memory_map(add_ram)))
			break;
	}
	return rc;
}
