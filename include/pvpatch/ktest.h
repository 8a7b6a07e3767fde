/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVPATCH_KTEST_H
#define PVPATCH_KTEST_H

/*
 * ktest: a test framework whose API is source-compatible with the common
 * subset of Linux KUnit, so a suite can move between pvpatch and a kernel
 * tree unchanged. Results are printed as KTAP version 1.
 *
 *	static void add_test(struct kunit *test)
 *	{
 *		KUNIT_EXPECT_EQ(test, 1 + 1, 2);
 *	}
 *	static struct kunit_case add_cases[] = { KUNIT_CASE(add_test), {} };
 *	static struct kunit_suite add_suite = {
 *		.name = "add", .test_cases = add_cases,
 *	};
 *	kunit_test_suite(add_suite);
 *
 * The pvpatch extension KTEST_CASE_ALL_CPUS(fn) runs fn on every online
 * CPU at once; the case fails if any CPU fails.
 */

#include <stdbool.h>
#include <stddef.h>
#include <pvpatch/compiler.h>

#define KTEST_MAX_CPUS		64
#define KTEST_REASON_MAX	128

enum kunit_status {
	KUNIT_SUCCESS,
	KUNIT_FAILURE,
	KUNIT_SKIPPED,
};

struct kunit;
struct ktest_run;

#define KTEST_CASE_FLAG_ALL_CPUS	1u

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
	unsigned int ktest_flags;	/* KTEST_CASE_FLAG_* */
};

#define KUNIT_CASE(fn)		{ .run_case = fn, .name = #fn }
#define KTEST_CASE_ALL_CPUS(fn)						\
	{ .run_case = fn, .name = #fn,					\
	  .ktest_flags = KTEST_CASE_FLAG_ALL_CPUS }

struct kunit_suite {
	const char *name;
	int (*suite_init)(struct kunit_suite *suite);
	void (*suite_exit)(struct kunit_suite *suite);
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
	struct kunit_case *test_cases;	/* ends with an empty entry */
};

/* One running case (one per CPU for an all-CPUs case). */
struct kunit {
	void *priv;			/* the suite's init may set it */
	const char *name;		/* the case's name */

	/* Private to ktest. */
	enum kunit_status status;
	int ktest_cpu;			/* -1 unless an all-CPUs case */
	struct ktest_run *ktest_run;
	void *ktest_jump[5];		/* __builtin_setjmp buffer */
	volatile bool ktest_armed;	/* ktest_jump is live */
	char ktest_reason[KTEST_REASON_MAX];	/* why skipped */
};

/*
 * Registration: a pointer per suite in the "ktest_suites" section, which
 * the guest linker script and GNU ld (for the hosted build) bracket with
 * __start_ktest_suites and __stop_ktest_suites.
 */
#define __ktest_paste2(a, b)	a##b
#define __ktest_paste(a, b)	__ktest_paste2(a, b)
#define kunit_test_suites(...)						\
	static struct kunit_suite *const				\
	__ktest_paste(__ktest_suites_, __COUNTER__)[]			\
	__used __section("ktest_suites") __aligned(8) = { __VA_ARGS__ }
#define kunit_test_suite(suite)	kunit_test_suites(&suite)

/* Run every registered suite that ktest.filter selects; returns failures. */
int ktest_run_all(void);

/* ---------------------------------------------------------------------
 * Below: the machinery behind the check macros. Not for direct use.
 */

enum ktest_check_type {
	KTEST_EXPECTATION,	/* report and go on */
	KTEST_ASSERTION,	/* report and abort the case */
};

/* Everything about a check site that is known at compile time. */
struct ktest_site {
	const char *file;
	const char *left;
	const char *op;
	const char *right;
	unsigned int line;
	enum ktest_check_type type;
};

enum ktest_value_kind {
	KTEST_VALUE_SIGNED,
	KTEST_VALUE_UNSIGNED,
	KTEST_VALUE_POINTER,
	KTEST_VALUE_STRING,
};

struct ktest_value {
	enum ktest_value_kind kind;
	union {
		long long s;
		unsigned long long u;
		const void *p;
		const char *str;
	};
};

static inline struct ktest_value ktest_signed_value(long long v)
{
	return (struct ktest_value){ .kind = KTEST_VALUE_SIGNED, .s = v };
}

static inline struct ktest_value ktest_unsigned_value(unsigned long long v)
{
	return (struct ktest_value){ .kind = KTEST_VALUE_UNSIGNED, .u = v };
}

static inline struct ktest_value ktest_pointer_value(const void *p)
{
	return (struct ktest_value){ .kind = KTEST_VALUE_POINTER, .p = p };
}

static inline struct ktest_value ktest_string_value(const char *s)
{
	return (struct ktest_value){ .kind = KTEST_VALUE_STRING, .str = s };
}

/* Pick the printer by type; a float or struct operand does not compile. */
#define ktest_value(x) _Generic((x),					\
	char: ktest_signed_value,					\
	signed char: ktest_signed_value,				\
	short: ktest_signed_value,					\
	int: ktest_signed_value,					\
	long: ktest_signed_value,					\
	long long: ktest_signed_value,					\
	_Bool: ktest_unsigned_value,					\
	unsigned char: ktest_unsigned_value,				\
	unsigned short: ktest_unsigned_value,				\
	unsigned int: ktest_unsigned_value,				\
	unsigned long: ktest_unsigned_value,				\
	unsigned long long: ktest_unsigned_value,			\
	default: ktest_pointer_value)(x)

__printf(4, 5) void ktest_report_boolean(struct kunit *test,
		const struct ktest_site *site, bool expected,
		const char *fmt, ...);
__printf(5, 6) void ktest_report_binary(struct kunit *test,
		const struct ktest_site *site, struct ktest_value left,
		struct ktest_value right, const char *fmt, ...);
__printf(6, 7) void ktest_report_memory(struct kunit *test,
		const struct ktest_site *site, const void *left,
		const void *right, size_t size, const char *fmt, ...);
__printf(3, 4) void ktest_report_fail(struct kunit *test,
		const struct ktest_site *site, const char *fmt, ...);
__printf(2, 3) void ktest_mark_skipped(struct kunit *test,
		const char *fmt, ...);
__printf(2, 3) void ktest_log(struct kunit *test, const char *fmt, ...);
__noreturn void ktest_abort(struct kunit *test);
bool ktest_str_equal(const char *a, const char *b);
bool ktest_mem_equal(const void *a, const void *b, size_t size);

#define KTEST_SITE(name, type_, left_, op_, right_)			\
	static const struct ktest_site name = {				\
		.file = __FILE__, .line = __LINE__, .type = type_,	\
		.left = left_, .op = op_, .right = right_,		\
	}

/* An assertion's failure never returns: tell the compiler so. */
#define KTEST_FINISH(test, type)					\
	do {								\
		if ((type) == KTEST_ASSERTION)				\
			ktest_abort(test);				\
	} while (0)

/*
 * Each operand is evaluated once, into a local. The user-facing macros
 * stringify their arguments themselves (ltext, rtext) so that a macro
 * such as NULL prints as written, not as its expansion.
 */
#define KTEST_BOOLEAN(test, type, cond, text, expected, fmt, ...)	\
do {									\
	struct kunit *__ktest_t = (test);				\
	if ((bool)(cond) != (expected)) {				\
		KTEST_SITE(__ktest_site, type, text, NULL, NULL);	\
		ktest_report_boolean(__ktest_t, &__ktest_site,		\
				     expected, fmt, ##__VA_ARGS__);	\
		KTEST_FINISH(__ktest_t, type);				\
	}								\
} while (0)

/*
 * "+ 0" lets a bit-field through __auto_type and changes no result: the
 * comparison promotes the operands anyway. Both sides are cast to the
 * type the comparison would use, so mixing int and size_t does not trip
 * -Wsign-compare, while the report still prints each side as its own.
 */
#define KTEST_INTEGER(test, type, left, op, right, ltext, rtext, fmt, ...) \
do {									\
	struct kunit *__ktest_t = (test);				\
	__auto_type __ktest_l = (left) + 0;				\
	__auto_type __ktest_r = (right) + 0;				\
	if (!((__typeof__(__ktest_l + __ktest_r))__ktest_l op		\
	      (__typeof__(__ktest_l + __ktest_r))__ktest_r)) {		\
		KTEST_SITE(__ktest_site, type, ltext, #op, rtext);	\
		ktest_report_binary(__ktest_t, &__ktest_site,		\
				    ktest_value(__ktest_l),		\
				    ktest_value(__ktest_r),		\
				    fmt, ##__VA_ARGS__);		\
		KTEST_FINISH(__ktest_t, type);				\
	}								\
} while (0)

#define KTEST_POINTER(test, type, left, op, right, ltext, rtext, fmt, ...) \
do {									\
	struct kunit *__ktest_t = (test);				\
	const void *__ktest_l = (const void *)(left);			\
	const void *__ktest_r = (const void *)(right);			\
	if (!(__ktest_l op __ktest_r)) {				\
		KTEST_SITE(__ktest_site, type, ltext, #op, rtext);	\
		ktest_report_binary(__ktest_t, &__ktest_site,		\
				    ktest_pointer_value(__ktest_l),	\
				    ktest_pointer_value(__ktest_r),	\
				    fmt, ##__VA_ARGS__);		\
		KTEST_FINISH(__ktest_t, type);				\
	}								\
} while (0)

#define KTEST_STRING(test, type, left, op, equal, right, ltext, rtext,	\
		     fmt, ...)						\
do {									\
	struct kunit *__ktest_t = (test);				\
	const char *__ktest_l = (left);					\
	const char *__ktest_r = (right);				\
	if (ktest_str_equal(__ktest_l, __ktest_r) != (equal)) {		\
		KTEST_SITE(__ktest_site, type, ltext, op, rtext);	\
		ktest_report_binary(__ktest_t, &__ktest_site,		\
				    ktest_string_value(__ktest_l),	\
				    ktest_string_value(__ktest_r),	\
				    fmt, ##__VA_ARGS__);		\
		KTEST_FINISH(__ktest_t, type);				\
	}								\
} while (0)

#define KTEST_MEMORY(test, type, left, op, equal, right, size, ltext,	\
		     rtext, fmt, ...)					\
do {									\
	struct kunit *__ktest_t = (test);				\
	const void *__ktest_l = (left);					\
	const void *__ktest_r = (right);				\
	size_t __ktest_n = (size);					\
	if (ktest_mem_equal(__ktest_l, __ktest_r, __ktest_n) != (equal)) { \
		KTEST_SITE(__ktest_site, type, ltext, op, rtext);	\
		ktest_report_memory(__ktest_t, &__ktest_site, __ktest_l, \
				    __ktest_r, __ktest_n,		\
				    fmt, ##__VA_ARGS__);		\
		KTEST_FINISH(__ktest_t, type);				\
	}								\
} while (0)

/* ---------------------------------------------------------------------
 * The KUnit API.
 */

#define KUNIT_SUCCEED(test)	do { (void)(test); } while (0)

#define KUNIT_FAIL(test, fmt, ...)					\
do {									\
	KTEST_SITE(__ktest_site, KTEST_EXPECTATION, NULL, NULL, NULL);	\
	ktest_report_fail(test, &__ktest_site, fmt, ##__VA_ARGS__);	\
} while (0)

#define kunit_mark_skipped(test, fmt, ...)				\
	ktest_mark_skipped(test, fmt, ##__VA_ARGS__)

#define kunit_skip(test, fmt, ...)					\
do {									\
	struct kunit *__ktest_t = (test);				\
	ktest_mark_skipped(__ktest_t, fmt, ##__VA_ARGS__);		\
	ktest_abort(__ktest_t);						\
} while (0)

#define kunit_info(test, fmt, ...)	ktest_log(test, fmt, ##__VA_ARGS__)
#define kunit_warn(test, fmt, ...)	ktest_log(test, fmt, ##__VA_ARGS__)
#define kunit_err(test, fmt, ...)	ktest_log(test, fmt, ##__VA_ARGS__)

/*
 * The checks. EXPECT reports and lets the case go on; ASSERT reports and
 * ends the case (its exit still runs). The _MSG forms add a printf-style
 * line to the report.
 */

#define KUNIT_EXPECT_TRUE(t, c) \
	KTEST_BOOLEAN(t, KTEST_EXPECTATION, c, #c, true, NULL)
#define KUNIT_EXPECT_TRUE_MSG(t, c, fmt, ...) \
	KTEST_BOOLEAN(t, KTEST_EXPECTATION, c, #c, true, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_TRUE(t, c) \
	KTEST_BOOLEAN(t, KTEST_ASSERTION, c, #c, true, NULL)
#define KUNIT_ASSERT_TRUE_MSG(t, c, fmt, ...) \
	KTEST_BOOLEAN(t, KTEST_ASSERTION, c, #c, true, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_FALSE(t, c) \
	KTEST_BOOLEAN(t, KTEST_EXPECTATION, c, #c, false, NULL)
#define KUNIT_EXPECT_FALSE_MSG(t, c, fmt, ...) \
	KTEST_BOOLEAN(t, KTEST_EXPECTATION, c, #c, false, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_FALSE(t, c) \
	KTEST_BOOLEAN(t, KTEST_ASSERTION, c, #c, false, NULL)
#define KUNIT_ASSERT_FALSE_MSG(t, c, fmt, ...) \
	KTEST_BOOLEAN(t, KTEST_ASSERTION, c, #c, false, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_EQ(t, l, r) \
	KTEST_INTEGER(t, KTEST_EXPECTATION, l, ==, r, #l, #r, NULL)
#define KUNIT_EXPECT_EQ_MSG(t, l, r, fmt, ...) \
	KTEST_INTEGER(t, KTEST_EXPECTATION, l, ==, r, #l, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_EQ(t, l, r) \
	KTEST_INTEGER(t, KTEST_ASSERTION, l, ==, r, #l, #r, NULL)
#define KUNIT_ASSERT_EQ_MSG(t, l, r, fmt, ...) \
	KTEST_INTEGER(t, KTEST_ASSERTION, l, ==, r, #l, #r, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_NE(t, l, r) \
	KTEST_INTEGER(t, KTEST_EXPECTATION, l, !=, r, #l, #r, NULL)
#define KUNIT_EXPECT_NE_MSG(t, l, r, fmt, ...) \
	KTEST_INTEGER(t, KTEST_EXPECTATION, l, !=, r, #l, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NE(t, l, r) \
	KTEST_INTEGER(t, KTEST_ASSERTION, l, !=, r, #l, #r, NULL)
#define KUNIT_ASSERT_NE_MSG(t, l, r, fmt, ...) \
	KTEST_INTEGER(t, KTEST_ASSERTION, l, !=, r, #l, #r, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_LT(t, l, r) \
	KTEST_INTEGER(t, KTEST_EXPECTATION, l, <, r, #l, #r, NULL)
#define KUNIT_EXPECT_LT_MSG(t, l, r, fmt, ...) \
	KTEST_INTEGER(t, KTEST_EXPECTATION, l, <, r, #l, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_LT(t, l, r) \
	KTEST_INTEGER(t, KTEST_ASSERTION, l, <, r, #l, #r, NULL)
#define KUNIT_ASSERT_LT_MSG(t, l, r, fmt, ...) \
	KTEST_INTEGER(t, KTEST_ASSERTION, l, <, r, #l, #r, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_LE(t, l, r) \
	KTEST_INTEGER(t, KTEST_EXPECTATION, l, <=, r, #l, #r, NULL)
#define KUNIT_EXPECT_LE_MSG(t, l, r, fmt, ...) \
	KTEST_INTEGER(t, KTEST_EXPECTATION, l, <=, r, #l, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_LE(t, l, r) \
	KTEST_INTEGER(t, KTEST_ASSERTION, l, <=, r, #l, #r, NULL)
#define KUNIT_ASSERT_LE_MSG(t, l, r, fmt, ...) \
	KTEST_INTEGER(t, KTEST_ASSERTION, l, <=, r, #l, #r, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_GT(t, l, r) \
	KTEST_INTEGER(t, KTEST_EXPECTATION, l, >, r, #l, #r, NULL)
#define KUNIT_EXPECT_GT_MSG(t, l, r, fmt, ...) \
	KTEST_INTEGER(t, KTEST_EXPECTATION, l, >, r, #l, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_GT(t, l, r) \
	KTEST_INTEGER(t, KTEST_ASSERTION, l, >, r, #l, #r, NULL)
#define KUNIT_ASSERT_GT_MSG(t, l, r, fmt, ...) \
	KTEST_INTEGER(t, KTEST_ASSERTION, l, >, r, #l, #r, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_GE(t, l, r) \
	KTEST_INTEGER(t, KTEST_EXPECTATION, l, >=, r, #l, #r, NULL)
#define KUNIT_EXPECT_GE_MSG(t, l, r, fmt, ...) \
	KTEST_INTEGER(t, KTEST_EXPECTATION, l, >=, r, #l, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_GE(t, l, r) \
	KTEST_INTEGER(t, KTEST_ASSERTION, l, >=, r, #l, #r, NULL)
#define KUNIT_ASSERT_GE_MSG(t, l, r, fmt, ...) \
	KTEST_INTEGER(t, KTEST_ASSERTION, l, >=, r, #l, #r, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_PTR_EQ(t, l, r) \
	KTEST_POINTER(t, KTEST_EXPECTATION, l, ==, r, #l, #r, NULL)
#define KUNIT_EXPECT_PTR_EQ_MSG(t, l, r, fmt, ...) \
	KTEST_POINTER(t, KTEST_EXPECTATION, l, ==, r, #l, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_PTR_EQ(t, l, r) \
	KTEST_POINTER(t, KTEST_ASSERTION, l, ==, r, #l, #r, NULL)
#define KUNIT_ASSERT_PTR_EQ_MSG(t, l, r, fmt, ...) \
	KTEST_POINTER(t, KTEST_ASSERTION, l, ==, r, #l, #r, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_PTR_NE(t, l, r) \
	KTEST_POINTER(t, KTEST_EXPECTATION, l, !=, r, #l, #r, NULL)
#define KUNIT_EXPECT_PTR_NE_MSG(t, l, r, fmt, ...) \
	KTEST_POINTER(t, KTEST_EXPECTATION, l, !=, r, #l, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_PTR_NE(t, l, r) \
	KTEST_POINTER(t, KTEST_ASSERTION, l, !=, r, #l, #r, NULL)
#define KUNIT_ASSERT_PTR_NE_MSG(t, l, r, fmt, ...) \
	KTEST_POINTER(t, KTEST_ASSERTION, l, !=, r, #l, #r, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_NULL(t, p) \
	KTEST_POINTER(t, KTEST_EXPECTATION, p, ==, NULL, #p, "NULL", NULL)
#define KUNIT_EXPECT_NULL_MSG(t, p, fmt, ...) \
	KTEST_POINTER(t, KTEST_EXPECTATION, p, ==, NULL, #p, "NULL", fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NULL(t, p) \
	KTEST_POINTER(t, KTEST_ASSERTION, p, ==, NULL, #p, "NULL", NULL)
#define KUNIT_ASSERT_NULL_MSG(t, p, fmt, ...) \
	KTEST_POINTER(t, KTEST_ASSERTION, p, ==, NULL, #p, "NULL", fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_NOT_NULL(t, p) \
	KTEST_POINTER(t, KTEST_EXPECTATION, p, !=, NULL, #p, "NULL", NULL)
#define KUNIT_EXPECT_NOT_NULL_MSG(t, p, fmt, ...) \
	KTEST_POINTER(t, KTEST_EXPECTATION, p, !=, NULL, #p, "NULL", fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NOT_NULL(t, p) \
	KTEST_POINTER(t, KTEST_ASSERTION, p, !=, NULL, #p, "NULL", NULL)
#define KUNIT_ASSERT_NOT_NULL_MSG(t, p, fmt, ...) \
	KTEST_POINTER(t, KTEST_ASSERTION, p, !=, NULL, #p, "NULL", fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_STREQ(t, l, r) \
	KTEST_STRING(t, KTEST_EXPECTATION, l, "==", true, r, #l, #r, NULL)
#define KUNIT_EXPECT_STREQ_MSG(t, l, r, fmt, ...) \
	KTEST_STRING(t, KTEST_EXPECTATION, l, "==", true, r, #l, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_STREQ(t, l, r) \
	KTEST_STRING(t, KTEST_ASSERTION, l, "==", true, r, #l, #r, NULL)
#define KUNIT_ASSERT_STREQ_MSG(t, l, r, fmt, ...) \
	KTEST_STRING(t, KTEST_ASSERTION, l, "==", true, r, #l, #r, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_STRNEQ(t, l, r) \
	KTEST_STRING(t, KTEST_EXPECTATION, l, "!=", false, r, #l, #r, NULL)
#define KUNIT_EXPECT_STRNEQ_MSG(t, l, r, fmt, ...) \
	KTEST_STRING(t, KTEST_EXPECTATION, l, "!=", false, r, #l, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_STRNEQ(t, l, r) \
	KTEST_STRING(t, KTEST_ASSERTION, l, "!=", false, r, #l, #r, NULL)
#define KUNIT_ASSERT_STRNEQ_MSG(t, l, r, fmt, ...) \
	KTEST_STRING(t, KTEST_ASSERTION, l, "!=", false, r, #l, #r, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_MEMEQ(t, l, r, n) \
	KTEST_MEMORY(t, KTEST_EXPECTATION, l, "==", true, r, n, #l, #r, NULL)
#define KUNIT_EXPECT_MEMEQ_MSG(t, l, r, n, fmt, ...) \
	KTEST_MEMORY(t, KTEST_EXPECTATION, l, "==", true, r, n, #l, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_MEMEQ(t, l, r, n) \
	KTEST_MEMORY(t, KTEST_ASSERTION, l, "==", true, r, n, #l, #r, NULL)
#define KUNIT_ASSERT_MEMEQ_MSG(t, l, r, n, fmt, ...) \
	KTEST_MEMORY(t, KTEST_ASSERTION, l, "==", true, r, n, #l, #r, fmt, ##__VA_ARGS__)

#define KUNIT_EXPECT_MEMNEQ(t, l, r, n) \
	KTEST_MEMORY(t, KTEST_EXPECTATION, l, "!=", false, r, n, #l, #r, NULL)
#define KUNIT_EXPECT_MEMNEQ_MSG(t, l, r, n, fmt, ...) \
	KTEST_MEMORY(t, KTEST_EXPECTATION, l, "!=", false, r, n, #l, #r, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_MEMNEQ(t, l, r, n) \
	KTEST_MEMORY(t, KTEST_ASSERTION, l, "!=", false, r, n, #l, #r, NULL)
#define KUNIT_ASSERT_MEMNEQ_MSG(t, l, r, n, fmt, ...) \
	KTEST_MEMORY(t, KTEST_ASSERTION, l, "!=", false, r, n, #l, #r, fmt, ##__VA_ARGS__)

#endif
