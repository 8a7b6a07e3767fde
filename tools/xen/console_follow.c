// SPDX-License-Identifier: GPL-2.0
/*
 * Console log follower: see console_follow.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "console_follow.h"

void console_follow_init(struct console_follow *cf, const char *path,
			 const char *prefix)
{
	cf->path = path;
	cf->prefix = prefix;
	cf->fd = -1;
	cf->used = 0;
}

/*
 * One write per line: dom0's console is shared with the kernel and Xen,
 * and a line written in one piece arrives in one piece.
 */
static void emit_line(struct console_follow *cf, const char *text, size_t len)
{
	char out[CONSOLE_PREFIX_MAX + CONSOLE_LINE_MAX + 2];
	int n;

	while (len && (text[len - 1] == '\r' || text[len - 1] == '\n'))
		len--;
	n = snprintf(out, sizeof(out), "%s%.*s\n", cf->prefix, (int)len, text);
	if (n > 0)
		fwrite(out, 1, (size_t)n < sizeof(out) ? (size_t)n : sizeof(out) - 1,
		       stdout);
	fflush(stdout);
}

static void take_bytes(struct console_follow *cf, const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char c = buf[i];

		if (c == '\n') {
			emit_line(cf, cf->line, cf->used);
			cf->used = 0;
			continue;
		}
		/* An overlong line is split rather than dropped. */
		if (cf->used == sizeof(cf->line)) {
			emit_line(cf, cf->line, cf->used);
			cf->used = 0;
		}
		cf->line[cf->used++] = c;
	}
}

void console_follow_poll(struct console_follow *cf)
{
	char buf[4096];
	ssize_t n;

	if (!cf->path)
		return;
	if (cf->fd < 0) {
		cf->fd = open(cf->path, O_RDONLY | O_CLOEXEC);
		if (cf->fd < 0)
			return;	/* xenconsoled has not created it yet */
	}
	for (;;) {
		n = read(cf->fd, buf, sizeof(buf));
		if (n > 0) {
			take_bytes(cf, buf, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			fprintf(stderr, "pvwait: %s: %s\n", cf->path, strerror(errno));
		return;
	}
}

void console_follow_finish(struct console_follow *cf)
{
	console_follow_poll(cf);
	if (cf->used) {
		emit_line(cf, cf->line, cf->used);
		cf->used = 0;
	}
	if (cf->fd >= 0)
		close(cf->fd);
	cf->fd = -1;
}
