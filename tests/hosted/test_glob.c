// SPDX-License-Identifier: GPL-2.0
/* glob_match(), which picks the suites and cases ktest.filter selects. */
#include <stdbool.h>
#include <string.h>
#include <pvpatch/glob.h>
#include <pvpatch/ktest.h>

struct glob_example {
	const char *pattern;
	const char *text;
	bool match;
};

static void check_examples(struct kunit *test,
			   const struct glob_example *ex, size_t n)
{
	for (size_t i = 0; i < n; i++)
		KUNIT_EXPECT_EQ_MSG(test, glob_match(ex[i].pattern, ex[i].text),
				    ex[i].match, "glob_match(\"%s\", \"%s\")",
				    ex[i].pattern, ex[i].text);
}

static void literals_match_only_themselves(struct kunit *test)
{
	static const struct glob_example ex[] = {
		{ "", "", true },
		{ "", "a", false },
		{ "a", "", false },
		{ "abc", "abc", true },
		{ "abc", "abd", false },
		{ "abc", "ab", false },
		{ "ab", "abc", false },
		{ "ABC", "abc", false },
	};

	check_examples(test, ex, ARRAY_SIZE(ex));
}

static void star_matches_any_run(struct kunit *test)
{
	static const struct glob_example ex[] = {
		{ "*", "", true },
		{ "*", "anything", true },
		{ "**", "x", true },
		{ "a*", "a", true },
		{ "a*", "abc", true },
		{ "a*", "ba", false },
		{ "*c", "abc", true },
		{ "*c", "abcd", false },
		{ "a*c", "ac", true },
		{ "a*c", "abbbc", true },
		{ "a*c", "abbbcd", false },
		{ "a*b*c", "aXbYc", true },
		{ "a*b*c", "aXcYb", false },
		/* the first 'b' after the star is not the one to keep */
		{ "*bc", "abbc", true },
		{ "*ab*ab", "xabyabzab", true },
		{ "smp*", "smp", true },
		{ "smp*", "sm", false },
	};

	check_examples(test, ex, ARRAY_SIZE(ex));
}

static void question_mark_matches_one_char(struct kunit *test)
{
	static const struct glob_example ex[] = {
		{ "?", "a", true },
		{ "?", "", false },
		{ "?", "ab", false },
		{ "a?c", "abc", true },
		{ "a?c", "ac", false },
		{ "*?", "", false },
		{ "*?", "x", true },
		{ "??*", "x", false },
	};

	check_examples(test, ex, ARRAY_SIZE(ex));
}

static void classes_sets_ranges_and_negation(struct kunit *test)
{
	static const struct glob_example ex[] = {
		{ "[abc]", "b", true },
		{ "[abc]", "d", false },
		{ "[abc]", "", false },
		{ "[a-z]x", "qx", true },
		{ "[a-z]x", "Qx", false },
		{ "[a-cx-z]", "y", true },
		{ "[a-cx-z]", "m", false },
		{ "[!x]", "y", true },
		{ "[!x]", "x", false },
		{ "[^x]", "x", false },
		{ "[!a-c]", "b", false },
		{ "[!a-c]", "d", true },
		/* ']' first is a member, '-' last is a member */
		{ "[]]", "]", true },
		{ "[!]]", "]", false },
		{ "[a-]", "-", true },
		{ "[a-]", "b", false },
		/* no closing ']': '[' is an ordinary character */
		{ "[ab", "[ab", true },
		{ "[ab", "a", false },
		{ "test_[0-9]*", "test_7_cpus", true },
		{ "*[0-9]", "cpu12", true },
		{ "*[0-9]", "cpu1x", false },
	};

	check_examples(test, ex, ARRAY_SIZE(ex));
}

/*
 * A recursive matcher takes exponential time here; the iterative one
 * takes len(pattern) * len(text) steps. A hang is the failure mode.
 */
static void many_stars_do_not_blow_up(struct kunit *test)
{
	char text[4097], pattern[64];

	memset(text, 'a', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	strcpy(pattern, "a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b");
	KUNIT_EXPECT_FALSE(test, glob_match(pattern, text));
	text[sizeof(text) - 2] = 'b';
	KUNIT_EXPECT_TRUE(test, glob_match(pattern, text));
}

static struct kunit_case glob_cases[] = {
	KUNIT_CASE(literals_match_only_themselves),
	KUNIT_CASE(star_matches_any_run),
	KUNIT_CASE(question_mark_matches_one_char),
	KUNIT_CASE(classes_sets_ranges_and_negation),
	KUNIT_CASE(many_stars_do_not_blow_up),
	{}
};

static struct kunit_suite glob_suite = {
	.name = "glob",
	.test_cases = glob_cases,
};
kunit_test_suite(glob_suite);
