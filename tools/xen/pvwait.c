// SPDX-License-Identifier: GPL-2.0
/*
 * pvwait: run in a Xen dom0, wait until one domain shuts down, print why
 * and exit with a status that says it, so a script (tools/pvrun's domU
 * path) can tell a passing guest from a failing, crashed or hung one.
 *
 * The domain is found by id or by name (xenstore), then polled with
 * XEN_DOMCTL_getdomaininfo through libxenctrl: the shutdown reason is the
 * code the guest passed to SCHEDOP_shutdown (or "crash" when Xen killed
 * it). Polling rather than the @releaseDomain watch because the xl
 * config keeps a shut-down domain ("preserve"), which would never fire
 * that watch; we destroy it ourselves once its reason is read.
 *
 * While waiting, the domain's console log (xenconsoled --log=guest) is
 * copied to stdout behind a prefix.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xenctrl.h>
#include <xenstore.h>

#include "console_follow.h"

#define POLL_NS		(100 * 1000 * 1000)
/* xenconsoled drains the ring when it notices the shutdown; give it time. */
#define CONSOLE_SETTLE_NS	(500 * 1000 * 1000)

enum pvwait_exit {
	EXIT_POWEROFF = 0,
	EXIT_CRASH = 1,
	EXIT_USAGE = 2,		/* also: no Xen, no such domain */
	EXIT_REBOOT = 3,
	EXIT_SUSPEND = 4,
	EXIT_WATCHDOG = 5,
	EXIT_SOFT_RESET = 6,
	EXIT_UNKNOWN_REASON = 7,
	EXIT_VANISHED = 8,	/* destroyed by someone else: reason lost */
	EXIT_TIMEOUT = 124,
};

static const struct {
	const char *name;
	int status;
} shutdown_reasons[] = {
	[SHUTDOWN_poweroff] = { "poweroff", EXIT_POWEROFF },
	[SHUTDOWN_reboot] = { "reboot", EXIT_REBOOT },
	[SHUTDOWN_suspend] = { "suspend", EXIT_SUSPEND },
	[SHUTDOWN_crash] = { "crash", EXIT_CRASH },
	[SHUTDOWN_watchdog] = { "watchdog", EXIT_WATCHDOG },
	[SHUTDOWN_soft_reset] = { "soft_reset", EXIT_SOFT_RESET },
};

#define USAGE \
	"usage: pvwait [--timeout SEC] [--console LOG] [--prefix STR] DOMAIN\n"

struct options {
	const char *domain;	/* id or name */
	double timeout;		/* seconds; 0: wait forever */
	const char *console;
	const char *prefix;
};

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "pvwait: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n" USAGE);
	return EXIT_USAGE;
}

static void print_help(void)
{
	fputs(USAGE
	      "\nWait until Xen domain DOMAIN (id or name) shuts down, print its\n"
	      "shutdown reason, destroy it, exit with the reason's status.\n\n"
	      "  --timeout SEC  destroy the domain after SEC seconds (default: none)\n"
	      "  --console LOG  copy this console log file to stdout while waiting\n"
	      "  --prefix STR   put STR before every console line (default: none)\n\n"
	      "exit status: 0 poweroff, 1 crash, 2 usage or environment error,\n"
	      "3 reboot, 4 suspend, 5 watchdog, 6 soft_reset, 7 unknown reason,\n"
	      "8 domain vanished, 124 timed out (domain destroyed)\n", stdout);
}

static int parse_args(int argc, char **argv, struct options *o)
{
	int i;

	o->domain = NULL;
	o->timeout = 0;
	o->console = NULL;
	o->prefix = "";
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			print_help();
			exit(0);
		}
		if (!strcmp(a, "--timeout") || !strcmp(a, "--console") ||
		    !strcmp(a, "--prefix")) {
			if (i + 1 >= argc)
				return usage_error("%s needs a value", a);
			if (!strcmp(a, "--timeout")) {
				char *end;

				errno = 0;
				o->timeout = strtod(argv[++i], &end);
				if (errno || *end || end == argv[i] ||
				    !(o->timeout > 0) || o->timeout > 1e6)
					return usage_error("bad --timeout %s "
							   "(seconds, > 0)", argv[i]);
			} else if (!strcmp(a, "--console")) {
				o->console = argv[++i];
			} else {
				o->prefix = argv[++i];
				if (strlen(o->prefix) > CONSOLE_PREFIX_MAX)
					return usage_error("--prefix %s is too long",
							   o->prefix);
			}
			continue;
		}
		if (a[0] == '-')
			return usage_error("unknown option %s", a);
		if (o->domain)
			return usage_error("one DOMAIN only (%s)", a);
		o->domain = a;
	}
	if (!o->domain)
		return usage_error("%s", "missing DOMAIN");
	return 0;
}

static bool parse_domid(const char *s, uint32_t *domid)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || end == s || v >= DOMID_FIRST_RESERVED)
		return false;
	*domid = (uint32_t)v;
	return true;
}

/*
 * A name lives only in xenstore (/local/domain/ID/name). xs_open() would
 * block forever if xenstored is not running; the caller starts it first.
 */
static int domid_by_name(const char *name, uint32_t *domid)
{
	struct xs_handle *xs = xs_open(0);
	char **ids;
	unsigned int n, i;
	int ret = -1;

	if (!xs) {
		fprintf(stderr, "pvwait: cannot connect to xenstore: %s\n",
			strerror(errno));
		return -1;
	}
	ids = xs_directory(xs, XBT_NULL, "/local/domain", &n);
	for (i = 0; ids && i < n && ret; i++) {
		char path[64];
		char *value;
		unsigned int len;

		snprintf(path, sizeof(path), "/local/domain/%s/name", ids[i]);
		value = xs_read(xs, XBT_NULL, path, &len);
		if (value && !strcmp(value, name) && parse_domid(ids[i], domid))
			ret = 0;
		free(value);
	}
	if (ret)
		fprintf(stderr, "pvwait: no domain named %s\n", name);
	free(ids);
	xs_close(xs);
	return ret;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_ns(long ns)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = ns };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

enum domain_state { DOMAIN_RUNNING, DOMAIN_SHUTDOWN, DOMAIN_GONE, DOMAIN_ERROR };

static enum domain_state domain_state(xc_interface *xch, uint32_t domid,
				      unsigned int *reason)
{
	xc_domaininfo_t info;
	int n = xc_domain_getinfolist(xch, domid, 1, &info);

	if (n < 0) {
		fprintf(stderr, "pvwait: getdomaininfo(%u): %s\n", domid,
			strerror(errno));
		return DOMAIN_ERROR;
	}
	/* The list starts at the first domain >= domid: ours may be gone. */
	if (n == 0 || info.domain != domid)
		return DOMAIN_GONE;
	if (!(info.flags & XEN_DOMINF_shutdown))
		return DOMAIN_RUNNING;
	*reason = (info.flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
	return DOMAIN_SHUTDOWN;
}

static int report_shutdown(const char *who, unsigned int reason)
{
	if (reason < sizeof(shutdown_reasons) / sizeof(shutdown_reasons[0]) &&
	    shutdown_reasons[reason].name) {
		printf("pvwait: %s: shutdown reason %s\n", who,
		       shutdown_reasons[reason].name);
		return shutdown_reasons[reason].status;
	}
	printf("pvwait: %s: shutdown reason %u (unknown)\n", who, reason);
	return EXIT_UNKNOWN_REASON;
}

static void destroy(xc_interface *xch, uint32_t domid, const char *who)
{
	if (xc_domain_destroy(xch, domid))
		fprintf(stderr, "pvwait: %s: destroy failed: %s\n", who,
			strerror(errno));
}

static int wait_for_shutdown(xc_interface *xch, uint32_t domid, const char *who,
			     const struct options *o)
{
	struct console_follow cf;
	double deadline = o->timeout > 0 ? now() + o->timeout : 0;
	unsigned int reason = 0;
	enum domain_state st;

	console_follow_init(&cf, o->console, o->prefix);
	for (;;) {
		console_follow_poll(&cf);
		st = domain_state(xch, domid, &reason);
		if (st != DOMAIN_RUNNING)
			break;
		if (deadline && now() >= deadline) {
			destroy(xch, domid, who);
			console_follow_finish(&cf);
			printf("pvwait: %s: timed out after %gs; domain destroyed\n",
			       who, o->timeout);
			return EXIT_TIMEOUT;
		}
		sleep_ns(POLL_NS);
	}
	sleep_ns(CONSOLE_SETTLE_NS);
	console_follow_finish(&cf);
	switch (st) {
	case DOMAIN_SHUTDOWN:
		destroy(xch, domid, who);
		return report_shutdown(who, reason);
	case DOMAIN_GONE:
		printf("pvwait: %s: domain vanished before its shutdown was seen\n",
		       who);
		return EXIT_VANISHED;
	default:
		return EXIT_USAGE;
	}
}

int main(int argc, char **argv)
{
	struct options o;
	xc_interface *xch;
	uint32_t domid;
	unsigned int reason;
	char who[96];
	int ret;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret;
	setvbuf(stdout, NULL, _IOLBF, 0);

	xch = xc_interface_open(NULL, NULL, 0);
	if (!xch) {
		fprintf(stderr, "pvwait: cannot open the Xen control interface "
			"(not in a Xen dom0, or privcmd not loaded): %s\n",
			strerror(errno));
		return EXIT_USAGE;
	}
	if (!parse_domid(o.domain, &domid) && domid_by_name(o.domain, &domid)) {
		xc_interface_close(xch);
		return EXIT_USAGE;
	}
	snprintf(who, sizeof(who), "domain %u (%.64s)", domid, o.domain);
	if (domain_state(xch, domid, &reason) == DOMAIN_GONE) {
		fprintf(stderr, "pvwait: no domain %u\n", domid);
		xc_interface_close(xch);
		return EXIT_USAGE;
	}
	ret = wait_for_shutdown(xch, domid, who, &o);
	xc_interface_close(xch);
	return ret;
}
