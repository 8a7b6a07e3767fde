// SPDX-License-Identifier: GPL-2.0
/*
 * Hosted console: printk and the raw console go to standard output.
 *
 * Each call writes under one lock and straight to the file descriptor:
 * lines from the threads standing in for CPUs do not interleave, and no
 * output sits in a stdio buffer when a test crashes the process.
 * snprintf and vsnprintf are libc's.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <pvpatch/printk.h>
#include <pvpatch/smp.h>

#define CONSOLE_LINE_MAX 1024

static pthread_mutex_t console_lock = PTHREAD_MUTEX_INITIALIZER;

static void write_all(const char *text, size_t len)
{
	while (len) {
		ssize_t n = write(STDOUT_FILENO, text, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		text += n;
		len -= n;
	}
}

void console_write(const char *text, size_t len)
{
	pthread_mutex_lock(&console_lock);
	write_all(text, len);
	pthread_mutex_unlock(&console_lock);
}

/*
 * Format into buf, or into a heap buffer when it does not fit. Returns
 * the text (free it if it is not buf) and its length in *len.
 */
static char *format_text(char *buf, size_t size, size_t *len,
			 const char *fmt, va_list args)
{
	va_list again;
	char *text;
	int n;

	va_copy(again, args);
	n = vsnprintf(buf, size, fmt, args);
	if (n < 0)
		n = 0;
	*len = n;
	if ((size_t)n < size) {
		va_end(again);
		return buf;
	}
	text = malloc(n + 1);
	if (!text) {
		*len = size - 1;
		va_end(again);
		return buf;
	}
	vsnprintf(text, n + 1, fmt, again);
	va_end(again);
	return text;
}

int console_printf(const char *fmt, ...)
{
	char buf[CONSOLE_LINE_MAX];
	va_list args;
	size_t len;
	char *text;

	va_start(args, fmt);
	text = format_text(buf, sizeof(buf), &len, fmt, args);
	va_end(args);
	console_write(text, len);
	if (text != buf)
		free(text);
	return (int)len;
}

/* Every line gets "[cpuN] ", and the last one its newline. */
int vprintk(const char *fmt, va_list args)
{
	char buf[CONSOLE_LINE_MAX], prefix[16];
	size_t len, plen;
	char *text;

	text = format_text(buf, sizeof(buf), &len, fmt, args);
	plen = snprintf(prefix, sizeof(prefix), "[cpu%u] ", smp_processor_id());
	pthread_mutex_lock(&console_lock);
	for (size_t start = 0; start < len;) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - text) : len;

		write_all(prefix, plen);
		write_all(text + start, end - start);
		write_all("\n", 1);
		start = end + 1;
	}
	pthread_mutex_unlock(&console_lock);
	if (text != buf)
		free(text);
	return (int)len;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vprintk(fmt, args);
	va_end(args);
	return len;
}
