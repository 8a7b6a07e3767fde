// SPDX-License-Identifier: GPL-2.0
/*
 * ktest check reports: what a failed EXPECT or ASSERT prints, in KUnit's
 * wording. A side that is a literal is not repeated ("x == 3" already
 * says what 3 is), as KUnit does. Strings print quoted and escaped, so a
 * stray newline or control character in a value can neither hide nor
 * break the KTAP around it.
 *
 * Portable: built into the guest and into the hosted test binary.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <pvpatch/ktest.h>
#include <pvpatch/ktest_internal.h>
#include <pvpatch/printk.h>

#define KTEST_VALUE_MAX	160
#define KTEST_MEM_ROW	16
#define KTEST_MEM_ROWS	4

static void report_begin(struct ktest_diag *d, struct kunit *test,
			  const struct ktest_site *site)
{
	ktest_diag_begin(d, test);
	ktest_diag_printf(d, "%s FAILED at %s:%u\n",
			  site->type == KTEST_ASSERTION ? "ASSERTION" :
			  "EXPECTATION", ktest_relative_path(site->file),
			  site->line);
}

/* The user's message goes last, on its own line. */
static void report_end(struct ktest_diag *d, const char *fmt, va_list args)
{
	if (fmt)
		ktest_diag_vprintf(d, fmt, args);
	ktest_diag_end(d);
	d->test->status = KUNIT_FAILURE;
}

/* c as C spells it inside a string literal; returns the length. */
static size_t escape_char(char *out, unsigned char c)
{
	static const char named[] = "\"\"\\\\\nn\tt\rr";

	for (const char *p = named; *p; p += 2) {
		if (c == (unsigned char)p[0]) {
			out[0] = '\\';
			out[1] = p[1];
			return 2;
		}
	}
	if (c < 0x20 || c >= 0x7f)
		return snprintf(out, 5, "\\x%02x", c);
	out[0] = c;
	return 1;
}

/* Quoted and escaped; "..." after the quote when cut short. */
static void format_string(char *buf, size_t size, const char *s)
{
	size_t n = 0;

	if (!s) {
		snprintf(buf, size, "NULL");
		return;
	}
	buf[n++] = '"';
	/* room for the longest escape, the quote, "..." and the NUL */
	for (; *s && n + 9 <= size; s++)
		n += escape_char(buf + n, *s);
	snprintf(buf + n, size - n, "\"%s", *s ? "..." : "");
}

/* A value as a C literal would spell it. */
static void format_plain(char *buf, size_t size, const struct ktest_value *v)
{
	buf[0] = '\0';
	switch (v->kind) {
	case KTEST_VALUE_SIGNED:
		snprintf(buf, size, "%lld", v->s);
		break;
	case KTEST_VALUE_UNSIGNED:
		snprintf(buf, size, "%llu", v->u);
		break;
	case KTEST_VALUE_POINTER:
		if (v->p)
			snprintf(buf, size, "0x%lx",
				 (unsigned long)(uintptr_t)v->p);
		else
			snprintf(buf, size, "NULL");
		break;
	case KTEST_VALUE_STRING:
		format_string(buf, size, v->str);
		break;
	}
}

static void report_value(struct ktest_diag *d, const char *text,
			 const struct ktest_value *v)
{
	char plain[KTEST_VALUE_MAX];

	format_plain(plain, sizeof(plain), v);
	if (strcmp(text, plain) == 0)
		return;
	if (v->kind == KTEST_VALUE_SIGNED)
		ktest_diag_printf(d, "    %s == %s (0x%llx)\n", text, plain,
				  (unsigned long long)v->s);
	else if (v->kind == KTEST_VALUE_UNSIGNED)
		ktest_diag_printf(d, "    %s == %s (0x%llx)\n", text, plain,
				  v->u);
	else
		ktest_diag_printf(d, "    %s == %s\n", text, plain);
}

void ktest_report_boolean(struct kunit *test, const struct ktest_site *site,
			  bool expected, const char *fmt, ...)
{
	struct ktest_diag d;
	va_list args;

	report_begin(&d, test, site);
	ktest_diag_printf(&d, "Expected %s to be %s, but is %s\n", site->left,
			  expected ? "true" : "false",
			  expected ? "false" : "true");
	va_start(args, fmt);
	report_end(&d, fmt, args);
	va_end(args);
}

void ktest_report_binary(struct kunit *test, const struct ktest_site *site,
			 struct ktest_value left, struct ktest_value right,
			 const char *fmt, ...)
{
	struct ktest_diag d;
	va_list args;

	report_begin(&d, test, site);
	ktest_diag_printf(&d, "Expected %s %s %s, but\n", site->left, site->op,
			  site->right);
	report_value(&d, site->left, &left);
	report_value(&d, site->right, &right);
	va_start(args, fmt);
	report_end(&d, fmt, args);
	va_end(args);
}

void ktest_report_fail(struct kunit *test, const struct ktest_site *site,
		       const char *fmt, ...)
{
	struct ktest_diag d;
	va_list args;

	report_begin(&d, test, site);
	va_start(args, fmt);
	report_end(&d, fmt, args);
	va_end(args);
}

/* ---------------------------------------------------------- memory */

static size_t first_difference(const unsigned char *a, const unsigned char *b,
			       size_t size)
{
	size_t i = 0;

	if (a && b)
		while (i < size && a[i] == b[i])
			i++;
	return i < size ? i : 0;
}

/* One row: "0010: 00 11 <22> 33", differing bytes in angle brackets. */
static void report_row(struct ktest_diag *d, const unsigned char *mine,
		       const unsigned char *other, size_t row, size_t end)
{
	char line[24 + KTEST_MEM_ROW * 5];
	size_t n = snprintf(line, sizeof(line), "%04zx:", row);

	for (size_t i = row; i < end && i < row + KTEST_MEM_ROW; i++) {
		bool differs = other && mine[i] != other[i];

		n += snprintf(line + n, sizeof(line) - n,
			      differs ? " <%02x>" : " %02x", mine[i]);
	}
	ktest_diag_printf(d, "        %s\n", line);
}

/* Up to KTEST_MEM_ROWS rows, from the row of the first difference. */
static void report_bytes(struct ktest_diag *d, const char *text,
			 const unsigned char *mine, const unsigned char *other,
			 size_t size)
{
	size_t start, end;

	if (!mine) {
		ktest_diag_printf(d, "    %s == NULL\n", text);
		return;
	}
	ktest_diag_printf(d, "    %s ==\n", text);
	start = first_difference(mine, other, size);
	start -= start % KTEST_MEM_ROW;
	end = start + KTEST_MEM_ROW * KTEST_MEM_ROWS;
	if (end > size)
		end = size;
	for (size_t row = start; row < end; row += KTEST_MEM_ROW)
		report_row(d, mine, other, row, end);
	if (end < size)
		ktest_diag_printf(d, "        (%zu more bytes)\n", size - end);
}

void ktest_report_memory(struct kunit *test, const struct ktest_site *site,
			 const void *left, const void *right, size_t size,
			 const char *fmt, ...)
{
	struct ktest_diag d;
	va_list args;

	report_begin(&d, test, site);
	ktest_diag_printf(&d, "Expected %s %s %s (%zu bytes), but\n",
			  site->left, site->op, site->right, size);
	report_bytes(&d, site->left, left, right, size);
	report_bytes(&d, site->right, right, left, size);
	va_start(args, fmt);
	report_end(&d, fmt, args);
	va_end(args);
}

/* ---------------------------------------------------------- skips */

/* The reason ends up on the result line: keep it to one line. */
void ktest_mark_skipped(struct kunit *test, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprintf(test->ktest_reason, sizeof(test->ktest_reason), fmt, args);
	va_end(args);
	for (char *p = test->ktest_reason; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	/* A failure stays a failure: skipping must not hide it. */
	if (test->status != KUNIT_FAILURE)
		test->status = KUNIT_SKIPPED;
}

/* ---------------------------------------------------------- checks */

bool ktest_str_equal(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

bool ktest_mem_equal(const void *a, const void *b, size_t size)
{
	if (!a || !b)
		return a == b;
	return memcmp(a, b, size) == 0;
}
