// SPDX-License-Identifier: GPL-2.0
/*
 * Local APIC: x2APIC (MSRs) when CPUID offers it, xAPIC (MMIO at the
 * APIC base) otherwise. Register numbers are the xAPIC offsets; x2APIC
 * reaches the same register at MSR 0x800 + offset / 16 (SDM vol. 3A,
 * 11.12.1.2).
 */
#include <stdbool.h>
#include <stdint.h>
#include <asm/apic.h>
#include <asm/hypervisor_hooks.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <pvpatch/printk.h>

#define APIC_ID		0x020
#define APIC_EOI	0x0b0
#define APIC_SPURIOUS	0x0f0
#define APIC_ICR_LOW	0x300
#define APIC_ICR_HIGH	0x310
#define APIC_LVT_TIMER	0x320
#define APIC_LVT_LINT0	0x350
#define APIC_LVT_LINT1	0x360
#define APIC_TIMER_INITIAL 0x380
#define APIC_TIMER_CURRENT 0x390
#define APIC_TIMER_DIVIDE 0x3e0

#define APIC_BASE_ENABLE (1UL << 11)
#define APIC_BASE_X2APIC (1UL << 10)
#define APIC_SOFTWARE_ENABLE (1U << 8)
#define LVT_MASKED	(1U << 16)
#define LVT_PERIODIC	(1U << 17)
#define ICR_PENDING	(1U << 12)
#define ICR_LEVEL_ASSERT (1U << 14)
#define ICR_INIT	(5U << 8)
#define ICR_STARTUP	(6U << 8)
#define TIMER_DIVIDE_BY_16 0x3

#define PIT_CHANNEL0	0x40
#define PIT_COMMAND	0x43
#define PIT_HZ		1193182UL
#define CALIBRATE_PIT_TICKS 11932	/* 10 ms */

static bool x2apic;
static volatile uint32_t *xapic_mmio;
static uint64_t timer_per_second;	/* APIC timer counts at divide-by-16 */
static uint64_t tsc_per_second;

static uint32_t apic_read(uint32_t reg)
{
	if (x2apic)
		return (uint32_t)rdmsr(0x800 + (reg >> 4));
	return xapic_mmio[reg / 4];
}

static void apic_write(uint32_t reg, uint32_t value)
{
	if (x2apic)
		wrmsr(0x800 + (reg >> 4), value);
	else
		xapic_mmio[reg / 4] = value;
}

bool apic_is_x2apic(void)
{
	return x2apic;
}

void apic_init_cpu(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);

	x2apic = cpuid(1).ecx & (1U << 21);
	base |= APIC_BASE_ENABLE;
	if (x2apic)
		base |= APIC_BASE_X2APIC;
	wrmsr(MSR_APIC_BASE, base);
	xapic_mmio = (volatile uint32_t *)(uintptr_t)(base & 0xfffff000);
	/* LINT0 would deliver the 8259's ExtINT; we use no legacy IRQs. */
	apic_write(APIC_LVT_LINT0, LVT_MASKED);
	apic_write(APIC_SPURIOUS, APIC_SOFTWARE_ENABLE | VECTOR_SPURIOUS);
}

/*
 * With KVM PV EOI, a set bit 0 in this CPU's word means the host will
 * finish the EOI itself once we clear the bit, saving the APIC write (an
 * exit). The host may clear the bit at any time, so test and clear it in
 * one locked instruction; if it was already clear, write the EOI.
 */
void apic_eoi(void)
{
	struct cpu *c = this_cpu();
	volatile uint32_t *pv_eoi = c->pv_eoi_word;

	if (pv_eoi && (__atomic_fetch_and(pv_eoi, ~1U, __ATOMIC_SEQ_CST) & 1)) {
		c->pv_eois++;
		return;
	}
	apic_write(APIC_EOI, 0);
}

uint32_t apic_read_id(void)
{
	uint32_t id = apic_read(APIC_ID);

	return x2apic ? id : id >> 24;
}

static void apic_send(uint32_t apic_id, uint32_t command)
{
	if (x2apic) {
		/* x2APIC ICR writes are not serializing; order prior stores
		 * (the message the IPI announces) before the send. */
		__asm__ __volatile__("mfence" ::: "memory");
		wrmsr(0x800 + (APIC_ICR_LOW >> 4), ((uint64_t)apic_id << 32) | command);
		return;
	}
	apic_write(APIC_ICR_HIGH, apic_id << 24);
	apic_write(APIC_ICR_LOW, command);
	while (apic_read(APIC_ICR_LOW) & ICR_PENDING)
		cpu_relax();
}

void apic_send_ipi(uint32_t apic_id, uint8_t vector)
{
	apic_send(apic_id, vector);
}

void apic_send_init(uint32_t apic_id)
{
	apic_send(apic_id, ICR_INIT | ICR_LEVEL_ASSERT);
}

void apic_send_startup(uint32_t apic_id, uint8_t page)
{
	apic_send(apic_id, ICR_STARTUP | page);
}

static uint16_t pit_read_count(void)
{
	outb(PIT_COMMAND, 0x00);	/* latch channel 0 */
	uint8_t lo = inb(PIT_CHANNEL0);
	uint8_t hi = inb(PIT_CHANNEL0);

	return (uint16_t)(hi << 8 | lo);
}

/*
 * Count APIC timer and TSC ticks over 10 ms of the 8254 PIT (channel 0,
 * mode 2, polled through latch reads: microvm has no port 0x61 gate for
 * channel 2). Without a PIT, fall back to the hypervisor timing leaf
 * 0x40000010 or QEMU's 1 GHz APIC bus, and say so.
 */
static bool calibrate_with_pit(void)
{
	outb(PIT_COMMAND, 0x34);	/* channel 0, lo/hi, mode 2 */
	outb(PIT_CHANNEL0, 0xff);
	outb(PIT_CHANNEL0, 0xff);
	uint16_t start = pit_read_count();
	if (start == 0xffff && pit_read_count() == 0xffff)
		return false;		/* nothing counts: no PIT */

	apic_write(APIC_TIMER_DIVIDE, TIMER_DIVIDE_BY_16);
	apic_write(APIC_LVT_TIMER, LVT_MASKED | VECTOR_TIMER);
	apic_write(APIC_TIMER_INITIAL, 0xffffffff);
	uint64_t tsc0 = rdtsc();
	uint32_t elapsed = 0;
	uint16_t last = start;

	while (elapsed < CALIBRATE_PIT_TICKS) {
		uint16_t now = pit_read_count();

		elapsed += (uint16_t)(last - now);
		last = now;
	}
	uint32_t apic_ticks = 0xffffffff - apic_read(APIC_TIMER_CURRENT);
	uint64_t tsc_ticks = rdtsc() - tsc0;

	apic_write(APIC_TIMER_INITIAL, 0);
	timer_per_second = (uint64_t)apic_ticks * PIT_HZ / elapsed;
	tsc_per_second = tsc_ticks * PIT_HZ / elapsed;
	return true;
}

/* Count APIC timer ticks over 10 ms of a TSC whose rate is known. */
static void calibrate_with_tsc(void)
{
	uint64_t tsc_ticks = tsc_per_second / 100;

	apic_write(APIC_TIMER_DIVIDE, TIMER_DIVIDE_BY_16);
	apic_write(APIC_LVT_TIMER, LVT_MASKED | VECTOR_TIMER);
	apic_write(APIC_TIMER_INITIAL, 0xffffffff);
	uint64_t start = rdtsc();

	while (rdtsc() - start < tsc_ticks)
		cpu_relax();
	uint32_t apic_ticks = 0xffffffff - apic_read(APIC_TIMER_CURRENT);

	apic_write(APIC_TIMER_INITIAL, 0);
	timer_per_second = (uint64_t)apic_ticks * 100;
}

void apic_calibrate(void)
{
	if (calibrate_with_pit()) {
		printk("apic: %s, timer %lu kHz, TSC %lu kHz (PIT calibrated)\n",
		       x2apic ? "x2APIC" : "xAPIC", timer_per_second / 1000,
		       tsc_per_second / 1000);
		return;
	}
	struct cpuid_regs hv = cpuid(0x40000000);
	const char *by = NULL;
	uint32_t hv_khz = hv_tsc_khz(&by);

	if (hv_khz) {
		tsc_per_second = (uint64_t)hv_khz * 1000;
		calibrate_with_tsc();
		printk("apic: no PIT; timer %lu kHz against the TSC rate %s gives (%lu kHz)\n",
		       timer_per_second / 1000, by, tsc_per_second / 1000);
	} else if (hv.eax >= 0x40000010 && cpuid(0x40000010).ebx) {
		struct cpuid_regs t = cpuid(0x40000010);

		tsc_per_second = (uint64_t)t.eax * 1000;
		timer_per_second = (uint64_t)t.ebx * 1000 / 16;
		printk("apic: no PIT; rates from CPUID 0x40000010\n");
	} else {
		timer_per_second = 1000000000UL / 16;
		tsc_per_second = 0;
		printk("apic: no PIT and no timing leaf; assuming a 1 GHz APIC bus\n");
	}
}

uint64_t tsc_khz(void)
{
	return tsc_per_second / 1000;
}

void apic_timer_start(void)
{
	apic_timer_start_hz(CONFIG_TIMER_HZ);
}

void apic_timer_start_hz(unsigned int hz)
{
	uint64_t count = timer_per_second / (hz ? hz : 1);

	apic_write(APIC_TIMER_DIVIDE, TIMER_DIVIDE_BY_16);
	apic_write(APIC_LVT_TIMER, LVT_PERIODIC | VECTOR_TIMER);
	apic_write(APIC_TIMER_INITIAL, count ? (uint32_t)count : 1);
}

void apic_timer_stop(void)
{
	apic_write(APIC_LVT_TIMER, LVT_MASKED | VECTOR_TIMER);
	apic_write(APIC_TIMER_INITIAL, 0);
}
