// SPDX-License-Identifier: GPL-2.0
/*
 * Boot arguments: "key=value" words separated by spaces. Every key must
 * be known: a typo in a test's command line would otherwise run the
 * wrong configuration and look like a pass.
 */
#include <stdbool.h>
#include <string.h>
#include <pvpatch/bootargs.h>
#include <pvpatch/printk.h>

extern const struct boot_param __start_boot_params[];
extern const struct boot_param __stop_boot_params[];

#define MAX_VALUE_LEN 256

static const struct boot_param *find_param(const struct boot_param *params,
					   size_t nparams, const char *key,
					   size_t keylen)
{
	for (size_t i = 0; i < nparams; i++) {
		if (strlen(params[i].key) == keylen &&
		    memcmp(params[i].key, key, keylen) == 0)
			return &params[i];
	}
	return NULL;
}

static void list_known_keys(const struct boot_param *params, size_t nparams,
			    char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < nparams && used < len; i++)
		used += snprintf(buf + used, len - used, "%s%s",
				 i ? ", " : "", params[i].key);
}

int bootargs_parse(const char *cmdline, const struct boot_param *params,
		   size_t nparams, char *err, size_t errlen)
{
	const char *p = cmdline ? cmdline : "";
	char value[MAX_VALUE_LEN];
	char known[160];

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			return 0;
		const char *word = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		size_t wordlen = p - word;
		const char *eq = memchr(word, '=', wordlen);
		size_t keylen = eq ? (size_t)(eq - word) : wordlen;
		const struct boot_param *param =
			find_param(params, nparams, word, keylen);

		if (!param) {
			list_known_keys(params, nparams, known, sizeof(known));
			snprintf(err, errlen,
				 "unknown boot argument '%.*s' (known: %s)",
				 (int)keylen, word, known);
			return -1;
		}
		if (!eq) {
			snprintf(err, errlen,
				 "boot argument '%s' needs a value: %s=VALUE (%s)",
				 param->key, param->key, param->help);
			return -1;
		}
		size_t valuelen = wordlen - keylen - 1;
		if (valuelen >= sizeof(value)) {
			snprintf(err, errlen,
				 "boot argument '%s': value longer than %zu characters",
				 param->key, sizeof(value) - 1);
			return -1;
		}
		memcpy(value, eq + 1, valuelen);
		value[valuelen] = '\0';
		const char *why = param->set(value);
		if (why) {
			snprintf(err, errlen, "bad value '%s' for boot argument '%s': %s",
				 value, param->key, why);
			return -1;
		}
	}
}

int bootargs_parse_all(const char *cmdline, char *err, size_t errlen)
{
	return bootargs_parse(cmdline, __start_boot_params,
			      __stop_boot_params - __start_boot_params,
			      err, errlen);
}

const char *bootarg_parse_ulong(const char *value, unsigned long *out)
{
	unsigned long result = 0;
	unsigned int base = 10;
	const char *p = value;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (!*p)
		return "expected a number";
	for (; *p; p++) {
		unsigned int digit;

		if (*p >= '0' && *p <= '9')
			digit = *p - '0';
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			digit = *p - 'a' + 10;
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			digit = *p - 'A' + 10;
		else
			return "expected a number";
		if (result > (~0UL - digit) / base)
			return "number too large";
		result = result * base + digit;
	}
	*out = result;
	return NULL;
}

const char *bootarg_parse_bool(const char *value, int *out)
{
	static const char *const yes[] = { "1", "y", "yes", "on", "true" };
	static const char *const no[] = { "0", "n", "no", "off", "false" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcmp(value, yes[i]) == 0) {
			*out = 1;
			return NULL;
		}
		if (strcmp(value, no[i]) == 0) {
			*out = 0;
			return NULL;
		}
	}
	return "expected on or off";
}
