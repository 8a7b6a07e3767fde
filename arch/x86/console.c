// SPDX-License-Identifier: GPL-2.0
/*
 * Console devices: the 16550 UART at COM1 (QEMU -serial) and, when
 * present, the 0xe9 debug port (QEMU -debugcon, Bochs); with neither,
 * the hypervisor's console if one answers (under Xen, Xen's own).
 */
#include <stdbool.h>
#include <asm/hypervisor_hooks.h>
#include <asm/processor.h>
#include <pvpatch/console.h>

#define COM1		0x3f8
#define UART_DATA	0
#define UART_IER	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_LSR_THRE	0x20
#define UART_LCR_DLAB	0x80
#define DEBUGCON_PORT	0xe9

#ifdef CONFIG_DEBUGCON_E9
#define CONFIG_DEBUGCON_E9_ENABLED 1
#else
#define CONFIG_DEBUGCON_E9_ENABLED 0
#endif

static bool uart_present;
static bool debugcon_present;
static bool hypervisor_console;

void arch_console_init(void)
{
	/* The port reads back 0xff when no UART decodes it. */
	uart_present = inb(COM1 + UART_LSR) != 0xff;
	if (uart_present) {
		outb(COM1 + UART_IER, 0);		/* polled, no interrupts */
		outb(COM1 + UART_LCR, UART_LCR_DLAB);
		outb(COM1 + 0, 1);			/* divisor 1: 115200 */
		outb(COM1 + 1, 0);
		outb(COM1 + UART_LCR, 0x03);		/* 8N1 */
		outb(COM1 + UART_FCR, 0xc7);		/* FIFO on, cleared */
		outb(COM1 + UART_MCR, 0x0b);
	}
	/* By convention the debug port reads back its own number. */
	debugcon_present = CONFIG_DEBUGCON_E9_ENABLED && inb(DEBUGCON_PORT) == DEBUGCON_PORT;
	/* A Xen PVH guest has neither (dom0's UART belongs to Xen). */
	if (!uart_present && !debugcon_present)
		hypervisor_console = hv_console_init();
}

static void uart_putc(char c)
{
	for (unsigned int spins = 0; spins < 100000; spins++) {
		if (inb(COM1 + UART_LSR) & UART_LSR_THRE)
			break;
	}
	outb(COM1 + UART_DATA, c);
}

void arch_console_write(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (uart_present) {
			if (text[i] == '\n')
				uart_putc('\r');
			uart_putc(text[i]);
		}
		if (debugcon_present)
			outb(DEBUGCON_PORT, text[i]);
	}
	if (hypervisor_console)
		hv_console_write(text, len);
}
