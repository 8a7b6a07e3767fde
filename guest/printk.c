// SPDX-License-Identifier: GPL-2.0
/*
 * printk and the console lock. One lock for every CPU keeps lines whole.
 * The lock records its owner so that a CPU which faults or takes an
 * interrupt while printing can still print (its report matters more
 * than a torn line), and a CPU that waits far too long for a holder that
 * died takes the lock anyway.
 */
#include <stdbool.h>
#include <asm/irqflags.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <pvpatch/console.h>
#include <pvpatch/printk.h>
#include <pvpatch/smp.h>

#define NO_OWNER	(-1)
#define STEAL_AFTER_SPINS 200000000UL

static volatile int console_owner = NO_OWNER;
static bool cpu_prefix;

void console_enable_cpu_prefix(void)
{
	cpu_prefix = true;
}

static unsigned long console_lock(bool *nested)
{
	unsigned long flags = local_irq_save();
	int me = (int)smp_processor_id();
	int expected = NO_OWNER;

	*nested = __atomic_load_n(&console_owner, __ATOMIC_RELAXED) == me;
	if (*nested)
		return flags;
	for (unsigned long spins = 0;; spins++) {
		expected = NO_OWNER;
		if (__atomic_compare_exchange_n(&console_owner, &expected, me,
						false, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			break;
		if (spins > STEAL_AFTER_SPINS) {
			__atomic_store_n(&console_owner, me, __ATOMIC_SEQ_CST);
			break;
		}
		cpu_relax();
	}
	return flags;
}

static void console_unlock(unsigned long flags, bool nested)
{
	if (!nested)
		__atomic_store_n(&console_owner, NO_OWNER, __ATOMIC_RELEASE);
	local_irq_restore(flags);
}

void console_write(const char *text, size_t len)
{
	bool nested;
	unsigned long flags = console_lock(&nested);

	arch_console_write(text, len);
	console_unlock(flags, nested);
}

int console_printf(const char *fmt, ...)
{
	char buf[512];
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	console_write(buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
	return n;
}

int vprintk(const char *fmt, va_list args)
{
	char buf[512];
	size_t len = 0;
	int n;

	if (cpu_prefix)
		len = snprintf(buf, sizeof(buf), "[cpu%u] ", smp_processor_id());
	n = vsnprintf(buf + len, sizeof(buf) - len, fmt, args);
	len += n < (int)(sizeof(buf) - len) ? (size_t)n : sizeof(buf) - len - 1;
	console_write(buf, len);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}
