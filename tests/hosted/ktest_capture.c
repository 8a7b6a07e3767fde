// SPDX-License-Identifier: GPL-2.0
/* The capture side of ktest's self-tests: see ktest_capture.h. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <pvpatch/ktest.h>
#include <pvpatch/ktest_internal.h>
#include "ktest_capture.h"

#define CAPTURE_MAX	(2 * 1024 * 1024)
#define LINE_MAX_SHOWN	256

static char capture_text[CAPTURE_MAX];
static size_t capture_len;
static bool capture_overflow;
static char expected_text[64 * 1024];

static void capture_write(void *ctx, const char *text, size_t len)
{
	if (capture_len + len >= sizeof(capture_text)) {
		capture_overflow = true;
		return;
	}
	memcpy(capture_text + capture_len, text, len);
	capture_len += len;
	capture_text[capture_len] = '\0';
}

const char *captured(void)
{
	return capture_text;
}

/*
 * Whatever the suites did, the KTAP must stay parseable: every line is
 * a version line, a plan, a result, or a "# " diagnostic.
 */
static bool line_is_ktap(const char *line, size_t len)
{
	static const char *const starts[] = {
		"KTAP version 1", "1..", "ok ", "not ok ", "# ",
	};

	if (len >= 4 && !memcmp(line, "    ", 4)) {
		line += 4;
		len -= 4;
	}
	for (size_t i = 0; i < ARRAY_SIZE(starts); i++)
		if (len >= strlen(starts[i]) &&
		    !memcmp(line, starts[i], strlen(starts[i])))
			return true;
	return false;
}

static void expect_well_formed(struct kunit *test)
{
	const char *p = capture_text;
	unsigned int number = 1;

	KUNIT_EXPECT_FALSE(test, capture_overflow);
	KUNIT_EXPECT_TRUE_MSG(test, capture_len && p[capture_len - 1] == '\n',
			      "output must end with a newline");
	for (; *p; number++) {
		size_t len = strcspn(p, "\n");

		if (!line_is_ktap(p, len)) {
			KUNIT_FAIL(test, "output line %u is not KTAP: %.*s",
				   number, (int)len, p);
			return;
		}
		p += len + (p[len] == '\n');
	}
}

int capture_run(struct kunit *test, struct kunit_suite *const *suites,
		size_t nsuites, const char *filter)
{
	struct ktest_sink sink = { .write = capture_write };
	int ret;

	capture_len = 0;
	capture_overflow = false;
	capture_text[0] = '\0';
	ret = ktest_run_suites(suites, nsuites, filter, &sink);
	expect_well_formed(test);
	return ret;
}

static void show_capture(struct kunit *test)
{
	const char *p = capture_text;

	kunit_info(test, "the whole output was:");
	while (*p) {
		size_t len = strcspn(p, "\n");

		kunit_info(test, "| %.*s", (int)len, p);
		p += len + (p[len] == '\n');
	}
}

static void copy_line(char *dst, const char *src, size_t len)
{
	if (len >= LINE_MAX_SHOWN)
		len = LINE_MAX_SHOWN - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

void expect_output(struct kunit *test, const char *fmt, ...)
{
	const char *got = capture_text, *want = expected_text;
	char got_line[LINE_MAX_SHOWN], want_line[LINE_MAX_SHOWN];
	unsigned int number = 1;
	va_list args;

	va_start(args, fmt);
	vsnprintf(expected_text, sizeof(expected_text), fmt, args);
	va_end(args);
	for (; *got || *want; number++) {
		size_t glen = strcspn(got, "\n"), wlen = strcspn(want, "\n");

		copy_line(got_line, got, glen);
		copy_line(want_line, want, wlen);
		if (glen != wlen || memcmp(got, want, glen) ||
		    !got[glen] != !want[wlen]) {
			KUNIT_EXPECT_STREQ_MSG(test, got_line, want_line,
					       "first difference: output line %u",
					       number);
			if (!strcmp(got_line, want_line))
				KUNIT_FAIL(test, "output line %u differs past "
					   "its first %d characters or in its "
					   "newline", number, LINE_MAX_SHOWN - 1);
			show_capture(test);
			return;
		}
		got += glen + (got[glen] == '\n');
		want += wlen + (want[wlen] == '\n');
	}
}
