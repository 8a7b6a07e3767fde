// SPDX-License-Identifier: GPL-2.0
/* The boot argument parser (guest/bootargs.c) and its value helpers. */
#include <limits.h>
#include <string.h>
#include <pvpatch/bootargs.h>
#include <pvpatch/ktest.h>

static unsigned long number_value;
static int flag_value;
static char name_value[300];
static unsigned int name_calls;

static const char *set_number(const char *value)
{
	return bootarg_parse_ulong(value, &number_value);
}

static const char *set_flag(const char *value)
{
	return bootarg_parse_bool(value, &flag_value);
}

static const char *set_name(const char *value)
{
	strcpy(name_value, value);
	name_calls++;
	return NULL;
}

static const struct boot_param params[] = {
	{ .key = "num", .set = set_number, .help = "a number" },
	{ .key = "flag", .set = set_flag, .help = "on or off" },
	{ .key = "name", .set = set_name, .help = "any text" },
};

static char err[256];

static int parse(const char *cmdline)
{
	strcpy(err, "(untouched)");
	return bootargs_parse(cmdline, params, ARRAY_SIZE(params), err,
			      sizeof(err));
}

static int bootargs_test_init(struct kunit *test)
{
	number_value = 0;
	flag_value = -1;
	name_value[0] = '\0';
	name_calls = 0;
	return 0;
}

static void every_word_is_applied_in_order(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, parse("num=42 flag=on name=x"), 0);
	KUNIT_EXPECT_EQ(test, number_value, 42UL);
	KUNIT_EXPECT_EQ(test, flag_value, 1);
	KUNIT_EXPECT_STREQ(test, name_value, "x");

	KUNIT_ASSERT_EQ(test, parse("  num=7\tflag=off\nname=y  "), 0);
	KUNIT_EXPECT_EQ(test, number_value, 7UL);
	KUNIT_EXPECT_EQ(test, flag_value, 0);
	KUNIT_EXPECT_STREQ(test, name_value, "y");

	/* the last word wins; the value runs from the first '=' */
	KUNIT_ASSERT_EQ(test, parse("num=1 num=2 name=a=b"), 0);
	KUNIT_EXPECT_EQ(test, number_value, 2UL);
	KUNIT_EXPECT_STREQ(test, name_value, "a=b");
}

static void empty_command_lines_are_fine(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, parse(""), 0);
	KUNIT_EXPECT_EQ(test, parse(NULL), 0);
	KUNIT_EXPECT_EQ(test, parse(" \t\n "), 0);
	KUNIT_EXPECT_EQ(test, name_calls, 0U);
}

static void unknown_key_is_an_error_that_lists_known_keys(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, parse("num=1 bogus=3 name=z"), -1);
	KUNIT_EXPECT_STREQ(test, err,
			   "unknown boot argument 'bogus' (known: num, flag, name)");
	/* words before the bad one were applied, none after it */
	KUNIT_EXPECT_EQ(test, number_value, 1UL);
	KUNIT_EXPECT_EQ(test, name_calls, 0U);

	/* a key must match whole, not by prefix */
	KUNIT_EXPECT_EQ(test, parse("nu=1"), -1);
	KUNIT_EXPECT_STREQ(test, err,
			   "unknown boot argument 'nu' (known: num, flag, name)");
	KUNIT_EXPECT_EQ(test, parse("numb=1"), -1);
	KUNIT_EXPECT_EQ(test, parse("bare"), -1);
	KUNIT_EXPECT_STREQ(test, err,
			   "unknown boot argument 'bare' (known: num, flag, name)");
}

static void key_without_value_is_an_error(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, parse("flag"), -1);
	KUNIT_EXPECT_STREQ(test, err,
			   "boot argument 'flag' needs a value: flag=VALUE (on or off)");
	KUNIT_EXPECT_EQ(test, flag_value, -1);

	/* "key=" has a value, the empty one, and its handler judges it */
	KUNIT_EXPECT_EQ(test, parse("flag="), -1);
	KUNIT_EXPECT_STREQ(test, err,
			   "bad value '' for boot argument 'flag': expected on or off");
}

static void handler_rejection_names_value_key_and_reason(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, parse("num=12abc"), -1);
	KUNIT_EXPECT_STREQ(test, err,
			   "bad value '12abc' for boot argument 'num': expected a number");
	KUNIT_EXPECT_EQ(test, number_value, 0UL);

	KUNIT_EXPECT_EQ(test, parse("flag=maybe"), -1);
	KUNIT_EXPECT_STREQ(test, err,
			   "bad value 'maybe' for boot argument 'flag': expected on or off");
}

static void value_length_limit_is_255(struct kunit *test)
{
	char cmdline[5 + 257];

	memcpy(cmdline, "name=", 5);
	memset(cmdline + 5, 'v', 255);
	cmdline[5 + 255] = '\0';
	KUNIT_ASSERT_EQ(test, parse(cmdline), 0);
	KUNIT_EXPECT_EQ(test, strlen(name_value), 255);

	cmdline[5 + 255] = 'v';
	cmdline[5 + 256] = '\0';
	KUNIT_EXPECT_EQ(test, parse(cmdline), -1);
	KUNIT_EXPECT_STREQ(test, err,
			   "boot argument 'name': value longer than 255 characters");
	KUNIT_EXPECT_EQ(test, name_calls, 1U);
}

static void error_is_cut_to_the_buffer(struct kunit *test)
{
	char small[16];

	memset(small, 'X', sizeof(small));
	KUNIT_EXPECT_EQ(test, bootargs_parse("bogus=1", params,
					     ARRAY_SIZE(params), small,
					     sizeof(small)), -1);
	KUNIT_EXPECT_STREQ(test, small, "unknown boot ar");
}

struct ulong_example {
	const char *text;
	const char *error;	/* NULL: parses to value */
	unsigned long value;
};

static void parse_ulong_decimal_hex_and_overflow(struct kunit *test)
{
	static const struct ulong_example ex[] = {
		{ "0", NULL, 0 },
		{ "42", NULL, 42 },
		{ "007", NULL, 7 },
		{ "0x1f", NULL, 0x1f },
		{ "0XfF", NULL, 0xff },
		{ "0x0", NULL, 0 },
		{ "18446744073709551615", NULL, ULONG_MAX },
		{ "0xffffffffffffffff", NULL, ULONG_MAX },
		{ "18446744073709551616", "number too large", 0 },
		{ "99999999999999999999", "number too large", 0 },
		{ "0x10000000000000000", "number too large", 0 },
		{ "", "expected a number", 0 },
		{ "0x", "expected a number", 0 },
		{ "-1", "expected a number", 0 },
		{ "12a", "expected a number", 0 },
		{ "1f", "expected a number", 0 },
		{ "0xg", "expected a number", 0 },
		{ " 1", "expected a number", 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(ex); i++) {
		unsigned long out = 12345;
		const char *why = bootarg_parse_ulong(ex[i].text, &out);

		KUNIT_EXPECT_STREQ_MSG(test, why, ex[i].error, "parsing \"%s\"",
				       ex[i].text);
		KUNIT_EXPECT_EQ_MSG(test, out, ex[i].error ? 12345 : ex[i].value,
				    "parsing \"%s\"", ex[i].text);
	}
}

static void parse_bool_accepts_the_usual_spellings(struct kunit *test)
{
	static const char *const yes[] = { "1", "y", "yes", "on", "true" };
	static const char *const no[] = { "0", "n", "no", "off", "false" };
	static const char *const bad[] = { "", "2", "Y", "ON", "enable", "onx" };
	int out;

	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		out = -1;
		KUNIT_EXPECT_NULL(test, bootarg_parse_bool(yes[i], &out));
		KUNIT_EXPECT_EQ_MSG(test, out, 1, "\"%s\"", yes[i]);
	}
	for (size_t i = 0; i < ARRAY_SIZE(no); i++) {
		out = -1;
		KUNIT_EXPECT_NULL(test, bootarg_parse_bool(no[i], &out));
		KUNIT_EXPECT_EQ_MSG(test, out, 0, "\"%s\"", no[i]);
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		out = -1;
		KUNIT_EXPECT_STREQ_MSG(test, bootarg_parse_bool(bad[i], &out),
				       "expected on or off", "\"%s\"", bad[i]);
		KUNIT_EXPECT_EQ(test, out, -1);
	}
}

/* The image's own table: ktest registers its filter there. */
static void linked_table_has_ktest_filter(struct kunit *test)
{
	char msg[256];

	KUNIT_EXPECT_EQ(test, bootargs_parse_all("", msg, sizeof(msg)), 0);
	KUNIT_ASSERT_EQ(test, bootargs_parse_all("no.such.key=1", msg,
						 sizeof(msg)), -1);
	KUNIT_EXPECT_NOT_NULL(test, strstr(msg, "ktest.filter"));
}

static struct kunit_case bootargs_cases[] = {
	KUNIT_CASE(every_word_is_applied_in_order),
	KUNIT_CASE(empty_command_lines_are_fine),
	KUNIT_CASE(unknown_key_is_an_error_that_lists_known_keys),
	KUNIT_CASE(key_without_value_is_an_error),
	KUNIT_CASE(handler_rejection_names_value_key_and_reason),
	KUNIT_CASE(value_length_limit_is_255),
	KUNIT_CASE(error_is_cut_to_the_buffer),
	KUNIT_CASE(parse_ulong_decimal_hex_and_overflow),
	KUNIT_CASE(parse_bool_accepts_the_usual_spellings),
	KUNIT_CASE(linked_table_has_ktest_filter),
	{}
};

static struct kunit_suite bootargs_suite = {
	.name = "bootargs",
	.init = bootargs_test_init,
	.test_cases = bootargs_cases,
};
kunit_test_suite(bootargs_suite);
