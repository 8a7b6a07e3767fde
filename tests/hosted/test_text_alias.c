// SPDX-License-Identifier: GPL-2.0
/*
 * The hosted text alias: the program's text is a read+execute mapping of
 * a memfd whose only writable mapping is the alias, no mapping anywhere
 * in the process is writable and executable, a write through the alias
 * is what the text executes, and a write outside the text panics.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <hosted/text_alias.h>
#include <pvpatch/ktest.h>
#include <pvpatch/smp.h>
#include <pvpatch/text_poke.h>

struct mapping {
	uintptr_t start, end;
	char perms[8];
	unsigned long inode;
	char path[256];
};

/* One line of /proc/self/maps; false at the end. */
static bool next_mapping(FILE *maps, struct mapping *m)
{
	char line[512];
	unsigned long start, end;

	if (!fgets(line, sizeof(line), maps))
		return false;
	m->path[0] = '\0';
	if (sscanf(line, "%lx-%lx %7s %*s %*s %lu %255[^\n]", &start, &end,
		   m->perms, &m->inode, m->path) < 4)
		return false;
	m->start = start;
	m->end = end;
	return true;
}

static bool find_mapping(uintptr_t addr, struct mapping *found)
{
	FILE *maps = fopen("/proc/self/maps", "r");
	struct mapping m;
	bool ok = false;

	if (!maps)
		return false;
	while (!ok && next_mapping(maps, &m)) {
		if (addr >= m.start && addr < m.end) {
			*found = m;
			ok = true;
		}
	}
	fclose(maps);
	return ok;
}

static void text_is_a_shared_memfd_mapping_with_one_writable_alias(struct kunit *test)
{
	struct text_alias_info info;
	struct mapping text, alias;

	KUNIT_ASSERT_TRUE(test, text_alias_get(&info));
	KUNIT_ASSERT_TRUE(test, find_mapping(info.start, &text));
	KUNIT_ASSERT_TRUE(test, find_mapping((uintptr_t)info.alias, &alias));
	KUNIT_EXPECT_STREQ(test, text.perms, "r-xs");
	KUNIT_EXPECT_STREQ(test, alias.perms, "rw-s");
	KUNIT_EXPECT_TRUE_MSG(test, strstr(text.path, "memfd:pvpatch-text") != NULL,
			      "text is mapped from %s", text.path);
	KUNIT_EXPECT_EQ(test, text.inode, alias.inode);
	KUNIT_EXPECT_EQ(test, text.end - text.start, (uintptr_t)info.size);
	KUNIT_EXPECT_EQ(test, alias.end - alias.start, (uintptr_t)info.size);
	/* The engine's code, the tests and the trampolines are all in it. */
	KUNIT_EXPECT_TRUE(test, (uintptr_t)text_poke_bp_batch - info.start < info.size);
	KUNIT_EXPECT_TRUE(test, (uintptr_t)next_mapping - info.start < info.size);
}

static void no_mapping_is_writable_and_executable(struct kunit *test)
{
	FILE *maps = fopen("/proc/self/maps", "r");
	struct mapping m;
	unsigned int seen = 0;

	KUNIT_ASSERT_NOT_NULL(test, maps);
	while (next_mapping(maps, &m)) {
		seen++;
		KUNIT_EXPECT_FALSE_MSG(test, strchr(m.perms, 'w') && strchr(m.perms, 'x'),
				       "%#lx-%#lx %s %s is writable and executable",
				       (unsigned long)m.start, (unsigned long)m.end,
				       m.perms, m.path);
	}
	fclose(maps);
	KUNIT_EXPECT_GT(test, seen, 3U);
}

/* mov $1, %eax; ret: the immediate's first byte is at scratch_fn + 1. */
__asm__(".pushsection .text\n\t"
	".balign 16\n"
	"scratch_fn:\n\t"
	"movl $1, %eax\n\t"
	"ret\n\t"
	".popsection");
int scratch_fn(void) __asm__("scratch_fn");

static void writes_through_the_alias_reach_the_text(struct kunit *test)
{
	int (*volatile fn)(void) = scratch_fn;
	uint8_t two = 2, one = 1;

	KUNIT_ASSERT_EQ(test, fn(), 1);
	text_poke((uint8_t *)scratch_fn + 1, &two, 1);
	/* Patched with no CPU executing it: a serializing sync is enough. */
	sync_all_cpus();
	KUNIT_EXPECT_EQ(test, fn(), 2);
	text_poke((uint8_t *)scratch_fn + 1, &one, 1);
	sync_all_cpus();
	KUNIT_EXPECT_EQ(test, fn(), 1);
}

static int not_text;

/* The child's panic message would land in the middle of the KTAP. */
static void silence_stdout(void)
{
	int null = open("/dev/null", O_WRONLY);

	if (null >= 0)
		dup2(null, STDOUT_FILENO);
}

static void a_write_outside_the_text_panics(struct kunit *test)
{
	static const uint8_t byte = 0xcc;
	int status;
	pid_t pid = fork();

	KUNIT_ASSERT_GE(test, pid, 0);
	if (pid == 0) {
		silence_stdout();
		text_poke(&not_text, &byte, 1);
		_exit(0);
	}
	KUNIT_ASSERT_EQ(test, waitpid(pid, &status, 0), pid);
	KUNIT_EXPECT_TRUE_MSG(test, WIFEXITED(status) && WEXITSTATUS(status) == 1,
			      "child status %#x, expected exit(1) from panic", status);
	KUNIT_EXPECT_EQ(test, not_text, 0);
}

static struct kunit_case text_alias_cases[] = {
	KUNIT_CASE(text_is_a_shared_memfd_mapping_with_one_writable_alias),
	KUNIT_CASE(no_mapping_is_writable_and_executable),
	KUNIT_CASE(writes_through_the_alias_reach_the_text),
	KUNIT_CASE(a_write_outside_the_text_panics),
	{}
};

static struct kunit_suite text_alias_suite = {
	.name = "hosted_text_alias",
	.test_cases = text_alias_cases,
};
kunit_test_suite(text_alias_suite);
