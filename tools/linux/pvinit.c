// SPDX-License-Identifier: GPL-2.0
/*
 * pvinit: /init of the initramfs tools/pvrun builds for a Linux guest.
 *
 * Loads every module in /modules in name order (their KUnit suites run while
 * the module loads), then reports through QEMU's isa-debug-exit port when
 * it can reach it (QEMU, Xen dom0) and powers off otherwise (a Xen domU,
 * whose shutdown reason pvwait reads). Before the first module it prints
 * the top-level KTAP header, counting the suites from each module's
 * .kunit_test_suites section, so the console is one KTAP document that
 * Linux's own kunit.py accepts.
 *
 * Lines it prints start with "pvinit: "; errors with "pvinit: error: ",
 * which tools/pvlib/linux.py treats as a failure of the run.
 */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MODULE_DIR "/modules"
#define MAX_MODULES 32
#define DEBUG_EXIT_PORT 0xf4

enum { EXIT_DONE = 0, EXIT_ERROR = 1 };

static void say(const char *fmt, ...)
{
	va_list ap;
	char line[512];
	int fd, n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	/* Through the kernel log, so our lines interleave with KUnit's in order. */
	fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, line, n) != n)
		(void)!write(STDOUT_FILENO, line, n);
	if (fd >= 0)
		close(fd);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_modules(char **names)
{
	DIR *dir = opendir(MODULE_DIR);
	struct dirent *d;
	int n = 0;

	if (!dir)
		return 0;
	while ((d = readdir(dir)) && n < MAX_MODULES) {
		size_t len = strlen(d->d_name);

		if (len > 3 && !strcmp(d->d_name + len - 3, ".ko"))
			names[n++] = strdup(d->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof(*names), by_name);
	return n;
}

/* The number of suites a module registers: its .kunit_test_suites
 * section holds one pointer per suite. -1 when the file is not a
 * readable ELF64 object. */
static long suite_count(const char *path)
{
	struct stat st;
	const Elf64_Ehdr *eh;
	const Elf64_Shdr *sh;
	const char *names;
	long count = 0;
	void *map;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) || st.st_size < (off_t)sizeof(*eh)) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	map = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return -1;
	eh = map;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_shentsize != sizeof(*sh) || eh->e_shstrndx >= eh->e_shnum ||
	    eh->e_shoff + (Elf64_Off)eh->e_shnum * sizeof(*sh) > (Elf64_Off)st.st_size) {
		munmap(map, st.st_size);
		return -1;
	}
	sh = (const Elf64_Shdr *)((const char *)map + eh->e_shoff);
	if (sh[eh->e_shstrndx].sh_offset >= (Elf64_Off)st.st_size) {
		munmap(map, st.st_size);
		return -1;
	}
	names = (const char *)map + sh[eh->e_shstrndx].sh_offset;
	for (int i = 0; i < eh->e_shnum; i++) {
		if (sh[i].sh_name < sh[eh->e_shstrndx].sh_size &&
		    !strcmp(names + sh[i].sh_name, ".kunit_test_suites"))
			count += sh[i].sh_size / sizeof(void *);
	}
	munmap(map, st.st_size);
	return count;
}

static int kernel_has_kunit(void)
{
	char line[256];
	FILE *f = fopen("/proc/kallsyms", "r");
	int found = 0;

	if (!f)
		return -1;
	while (!found && fgets(line, sizeof(line), f))
		found = strstr(line, " __kunit_test_suites_init") != NULL;
	fclose(f);
	return found;
}

static const char *load_hint(int err)
{
	switch (err) {
	case ENOEXEC:
		return " (built for another kernel: rebuild it against this one)";
	case ENOENT:
		switch (kernel_has_kunit()) {
		case 0:
			return " (this kernel has no KUnit: CONFIG_KUNIT is not set)";
		case 1:
			return " (a symbol it needs is missing from this kernel)";
		}
		return " (a symbol it needs is missing from this kernel: no KUnit?)";
	}
	return "";
}

static int load_module(const char *name)
{
	char path[256];
	int fd, rc;

	snprintf(path, sizeof(path), MODULE_DIR "/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		say("pvinit: error: cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	rc = syscall(SYS_finit_module, fd, "", 0);
	if (rc) {
		int err = errno;

		say("pvinit: error: loading %s failed: %s%s\n", name, strerror(err),
		    load_hint(err));
	}
	close(fd);
	return rc;
}

static void finish(int status)
{
	sync();
	/* QEMU's isa-debug-exit: the exit code says "init finished" without
	 * anyone reading the console. Root in an initramfs may ask for the
	 * port; in a Xen domU there is no such port and ioperm fails. */
	if (ioperm(DEBUG_EXIT_PORT, 4, 1) == 0)
		outb(status, DEBUG_EXIT_PORT);
	reboot(RB_POWER_OFF);
	say("pvinit: error: power-off failed: %s\n", strerror(errno));
	for (;;)
		pause();
}

int main(void)
{
	char *names[MAX_MODULES];
	long suites = 0;
	int n, failed = 0;

	mkdir("/proc", 0755);
	if (mount("proc", "/proc", "proc", 0, NULL))
		say("pvinit: note: cannot mount /proc: %s\n", strerror(errno));
	n = list_modules(names);
	if (n == 0) {
		say("pvinit: error: no modules in " MODULE_DIR "\n");
		finish(EXIT_ERROR);
	}
	for (int i = 0; i < n; i++) {
		char path[256];
		long c;

		snprintf(path, sizeof(path), MODULE_DIR "/%s", names[i]);
		c = suite_count(path);
		if (c < 0) {
			say("pvinit: error: %s is not an ELF64 module\n", names[i]);
			finish(EXIT_ERROR);
		}
		suites += c;
	}
	say("KTAP version 1\n");
	say("1..%ld\n", suites);
	for (int i = 0; i < n; i++)
		failed += load_module(names[i]) != 0;
	say("pvinit: %d module(s) loaded, %d failed\n", n, failed);
	finish(failed ? EXIT_ERROR : EXIT_DONE);
	return 0;
}
