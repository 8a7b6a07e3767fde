/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVPATCH_BOOTARGS_H
#define PVPATCH_BOOTARGS_H

#include <stddef.h>
#include <pvpatch/compiler.h>

/*
 * A boot argument "key=value". The handler returns NULL when it took
 * the value, or a short reason ("expected a number") when the value is
 * bad. Handlers run once, in command-line order, before the other CPUs
 * start.
 */
struct boot_param {
	const char *key;
	const char *(*set)(const char *value);
	const char *help;
};

#define BOOT_PARAM(name, keystr, handler, helptext)			\
	static const struct boot_param __boot_param_##name		\
	__used __section("boot_params") __aligned(8) = {		\
		.key = keystr, .set = handler, .help = helptext,	\
	}

/*
 * Parse a command line against a table. On error, writes a one-line
 * message into err (never longer than errlen) and returns -1.
 */
int bootargs_parse(const char *cmdline, const struct boot_param *params,
		   size_t nparams, char *err, size_t errlen);

/* Parse against every BOOT_PARAM linked into the image. */
int bootargs_parse_all(const char *cmdline, char *err, size_t errlen);

/* Helpers for handlers. */
const char *bootarg_parse_ulong(const char *value, unsigned long *out);
const char *bootarg_parse_bool(const char *value, int *out);

#endif
