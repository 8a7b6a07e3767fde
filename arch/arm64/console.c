// SPDX-License-Identifier: GPL-2.0
/*
 * The console: the PL011 UART the device tree names (QEMU virt's
 * -serial), and semihosting's until then. Polled; register offsets and bits from the PrimeCell UART
 * (PL011) Technical Reference Manual, 3.2 and 3.3.
 */
#include <stdint.h>
#include <pvpatch/console.h>
#include "arm64.h"

#define UARTDR		0x000
#define UARTFR		0x018
#define UARTLCR_H	0x02c
#define UARTCR		0x030
#define UARTFR_TXFF	(1u << 5)	/* transmit FIFO full */
#define UARTLCR_H_8N1_FIFO	0x70	/* WLEN 8 bits, FIFOs on */
#define UARTCR_ENABLE	0x301		/* UARTEN, TXE, RXE */

static volatile uint32_t *uart;

static uint32_t uart_read(unsigned int off)
{
	return uart[off / 4];
}

static void uart_write(unsigned int off, uint32_t value)
{
	uart[off / 4] = value;
}

void pl011_init(uint64_t base)
{
	uart = (volatile uint32_t *)(uintptr_t)base;
}

void arch_console_init(void)
{
	/* The firmware (or QEMU) may have left it off; the baud rate is
	 * whatever it set, which an emulated UART ignores anyway. */
	if (!(uart_read(UARTCR) & 1)) {
		uart_write(UARTLCR_H, UARTLCR_H_8N1_FIFO);
		uart_write(UARTCR, UARTCR_ENABLE);
	}
}

static void uart_putc(char c)
{
	for (unsigned int spins = 0; spins < 1000000; spins++) {
		if (!(uart_read(UARTFR) & UARTFR_TXFF))
			break;
	}
	uart_write(UARTDR, (uint8_t)c);
}

/* Before the device tree names the UART (or when it names none), the
 * host's console through semihosting, one character at a time
 * (SYS_WRITEC); without semihosting the text is lost. */
#define SYS_WRITEC	0x03

void arch_console_write(const char *text, size_t len)
{
	if (!uart) {
		for (size_t i = 0; i < len; i++) {
			if (semihost_call(SYS_WRITEC, (uintptr_t)&text[i]) == SEMIHOST_UNAVAILABLE)
				return;
		}
		return;
	}
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			uart_putc('\r');
		uart_putc(text[i]);
	}
}
