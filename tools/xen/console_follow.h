/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Follow a growing console log file (xenconsoled --log=guest writes one per
 * domain) and copy each complete line to stdout behind a prefix, so the
 * domU's console reaches dom0's console line by line, never interleaved
 * mid-line with our own messages.
 */
#ifndef PVWAIT_CONSOLE_FOLLOW_H
#define PVWAIT_CONSOLE_FOLLOW_H

#include <stddef.h>
#include <sys/types.h>

#define CONSOLE_LINE_MAX 4096
#define CONSOLE_PREFIX_MAX 64	/* callers check their prefix against it */

struct console_follow {
	const char *path;	/* NULL: nothing to follow */
	const char *prefix;
	int fd;			/* -1 until the file exists */
	size_t used;		/* bytes of an unfinished line in line[] */
	char line[CONSOLE_LINE_MAX];
};

void console_follow_init(struct console_follow *cf, const char *path,
			 const char *prefix);
/* Copy what was appended since the last call; complete lines only. */
void console_follow_poll(struct console_follow *cf);
/* Last copy: also the unfinished line, if any. Closes the file. */
void console_follow_finish(struct console_follow *cf);

#endif
