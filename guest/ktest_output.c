// SPDX-License-Identifier: GPL-2.0
/*
 * ktest output: KTAP lines, and the diagnostics of a case in KUnit's
 * wording, so kunit.py shows them as it shows a kernel's:
 *
 *	    # case: EXPECTATION FAILED at tests/guest/foo.c:42
 *	    # Expected a == b, but
 *	    #     a == 1 (0x1)
 *	    #     b == 2 (0x2)
 *
 * Every diagnostic line carries "# " so that no KTAP parser can take it
 * for a result. A whole diagnostic is built in one buffer and written
 * with one call: CPUs running an all-CPUs case never interleave lines.
 *
 * Portable: built into the guest and into the hosted test binary.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>
#include <asm/processor.h>
#include <pvpatch/ktest.h>
#include <pvpatch/ktest_internal.h>
#include <pvpatch/printk.h>

#define KTEST_LINE_MAX	384
#define KTEST_DIAG_TAIL	"\n" KTEST_INDENT "# [truncated]\n"

/* ---------------------------------------------------------- output */

/* Sinks are plain callbacks: serialize them here, as the console is. */
static int ktest_sink_lock;

static void ktest_lock(void)
{
	while (__atomic_exchange_n(&ktest_sink_lock, 1, __ATOMIC_ACQUIRE)) {
		while (__atomic_load_n(&ktest_sink_lock, __ATOMIC_RELAXED)) {
			cpu_relax();
		}
	}
}

static void ktest_unlock(void)
{
	__atomic_store_n(&ktest_sink_lock, 0, __ATOMIC_RELEASE);
}

void ktest_emit(struct ktest_run *run, const char *text, size_t len)
{
	if (!run->sink) {
		console_write(text, len);
		return;
	}
	ktest_lock();
	run->sink->write(run->sink->ctx, text, len);
	ktest_unlock();
}

void ktest_emitf(struct ktest_run *run, const char *fmt, ...)
{
	char line[KTEST_LINE_MAX];
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(line, sizeof(line), fmt, args);
	va_end(args);
	if (len < 0)
		return;
	if ((size_t)len >= sizeof(line)) {
		len = sizeof(line) - 1;
		line[len - 1] = '\n';
	}
	ktest_emit(run, line, len);
}

/*
 * The Makefile compiles with absolute paths; show paths from the top of
 * the tree. This file knows its own place in the tree, which gives the
 * prefix to strip (nothing, if the compiler already made paths relative).
 */
const char *ktest_relative_path(const char *file)
{
	static const char self[] = __FILE__;
	static const char tail[] = "guest/ktest_output.c";
	size_t prefix;

	if (sizeof(self) < sizeof(tail))
		return file;
	prefix = sizeof(self) - sizeof(tail);
	if (strcmp(self + prefix, tail) || strncmp(file, self, prefix))
		return file;
	return file + prefix;
}

/* ---------------------------------------------------------- diagnostics */

static void diag_raw(struct ktest_diag *d, const char *s, size_t n)
{
	size_t room = sizeof(d->buf) - sizeof(KTEST_DIAG_TAIL) - d->len;

	if (n > room) {
		n = room;
		d->truncated = true;
	}
	memcpy(d->buf + d->len, s, n);
	d->len += n;
}

/* Append text, starting each line with the case-level "# " prefix. */
void ktest_diag_text(struct ktest_diag *d, const char *text)
{
	while (*text && !d->truncated) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text + 1) : strlen(text);

		if (!d->mid_line)
			diag_raw(d, KTEST_INDENT "# ",
				 sizeof(KTEST_INDENT "# ") - 1);
		diag_raw(d, text, n);
		d->mid_line = !nl;
		text += n;
	}
}

void ktest_diag_vprintf(struct ktest_diag *d, const char *fmt, va_list args)
{
	char text[KTEST_LINE_MAX];

	vsnprintf(text, sizeof(text), fmt, args);
	ktest_diag_text(d, text);
}

void ktest_diag_printf(struct ktest_diag *d, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	ktest_diag_vprintf(d, fmt, args);
	va_end(args);
}

/* "case: " or "case: cpu N: ": which case said it, and where. */
void ktest_diag_begin(struct ktest_diag *d, struct kunit *test)
{
	d->test = test;
	d->len = 0;
	d->mid_line = false;
	d->truncated = false;
	ktest_diag_printf(d, "%s: ", test->name);
	if (test->ktest_cpu >= 0)
		ktest_diag_printf(d, "cpu %d: ", test->ktest_cpu);
}

void ktest_diag_end(struct ktest_diag *d)
{
	if (d->truncated) {
		memcpy(d->buf + d->len, KTEST_DIAG_TAIL,
		       sizeof(KTEST_DIAG_TAIL) - 1);
		d->len += sizeof(KTEST_DIAG_TAIL) - 1;
	} else if (d->mid_line) {
		d->buf[d->len++] = '\n';
	}
	ktest_emit(d->test->ktest_run, d->buf, d->len);
}

void ktest_log(struct kunit *test, const char *fmt, ...)
{
	struct ktest_diag d;
	va_list args;

	ktest_diag_begin(&d, test);
	va_start(args, fmt);
	ktest_diag_vprintf(&d, fmt, args);
	va_end(args);
	ktest_diag_end(&d);
}
