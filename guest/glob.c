// SPDX-License-Identifier: GPL-2.0
/*
 * Shell-style glob matching for test filters and the like.
 *
 * Iterative, remembering only the most recent '*': when a later element
 * fails, the text that star swallowed grows by one and matching resumes
 * after it. Going back to an earlier star never helps, because the later
 * star can absorb anything the earlier one could have, so the work is
 * bounded by len(pattern) * len(text) and the stack by nothing.
 *
 * Portable: built into the guest and into the hosted test binary.
 */
#include <stdbool.h>
#include <stddef.h>
#include <pvpatch/glob.h>

/*
 * "[abc]", "[a-z]", "[!x]" (or "[^x]"); a ']' right after the opening
 * (or after the '!') is a member. Returns the character just past the
 * closing ']', or NULL if there is none and '[' is an ordinary char.
 */
static const char *match_class(const char *p, unsigned char c, bool *matched)
{
	const char *q = p + 1;
	bool negate = false, found = false;

	if (*q == '!' || *q == '^') {
		negate = true;
		q++;
	}
	for (const char *first = q; *q && (*q != ']' || q == first);) {
		unsigned char lo = *q, hi = *q;

		if (q[1] == '-' && q[2] && q[2] != ']') {
			hi = q[2];
			q += 3;
		} else {
			q++;
		}
		if (lo <= c && c <= hi)
			found = true;
	}
	if (*q != ']')
		return NULL;
	*matched = found != negate;
	return q + 1;
}

/* Match one pattern element (not '*') against c; *next is past it. */
static bool match_element(const char *p, char c, const char **next)
{
	bool matched;

	if (*p == '?') {
		*next = p + 1;
		return true;
	}
	if (*p == '[') {
		const char *end = match_class(p, (unsigned char)c, &matched);

		if (end) {
			*next = end;
			return matched;
		}
	}
	*next = p + 1;
	return *p == c;
}

bool glob_match(const char *pattern, const char *text)
{
	const char *star_pattern = NULL, *star_text = NULL;
	const char *next;

	while (*text) {
		if (*pattern == '*') {
			star_pattern = ++pattern;
			star_text = text;
			continue;
		}
		if (*pattern && match_element(pattern, *text, &next)) {
			pattern = next;
			text++;
			continue;
		}
		if (!star_pattern)
			return false;
		/* The last star takes one more character; retry after it. */
		pattern = star_pattern;
		text = ++star_text;
	}
	while (*pattern == '*')
		pattern++;
	return !*pattern;
}
