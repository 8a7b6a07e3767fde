// SPDX-License-Identifier: GPL-2.0
/*
 * Functions that never return. A call to one ends its path: what the
 * compiler puts after it (often the next function) is never reached.
 * External functions are known by name; functions of the object being
 * checked are also found by looking at them (no way back to the caller).
 */
#include <fnmatch.h>
#include <stdint.h>
#include <string.h>

#include "cfg.h"

static const char *const noreturn_names[] = {
	/* pvpatch (include/pvpatch/platform.h, arch.h, ktest.h, arch/x86) */
	"panic", "platform_fatal", "platform_exit", "guest_main",
	"x86_start", "ap_entry", "idle_loop", "fatal_exception",
	"resume_after_trap", "ktest_abort", "kunit_*abort*",
	/* C library and compiler runtime (hosted) */
	"abort", "exit", "_exit", "_Exit", "quick_exit", "pthread_exit",
	"__assert_fail", "__assert_perror_fail", "__stack_chk_fail",
	"__fortify_fail", "__chk_fail", "longjmp", "siglongjmp",
	"__longjmp_chk", "err", "errx", "verr", "verrx",
	"__cxa_throw", "__builtin_unreachable",
};

static bool named_noreturn(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(noreturn_names) / sizeof(noreturn_names[0]); i++) {
		const char *pattern = noreturn_names[i];

		if (strchr(pattern, '*') ? !fnmatch(pattern, name, 0) :
		    !strcmp(pattern, name))
			return true;
	}
	return false;
}

static bool named_noreturn_memo(struct cfg *cfg, const char *name)
{
	size_t slot = ((uintptr_t)name >> 2) % (sizeof(cfg->noreturn_memo) /
						 sizeof(cfg->noreturn_memo[0]));

	if (cfg->noreturn_memo[slot].name != name) {
		cfg->noreturn_memo[slot].name = name;
		cfg->noreturn_memo[slot].noreturn = named_noreturn(name);
	}
	return cfg->noreturn_memo[slot].noreturn;
}

/*
 * A function of this object returns if anything in it can leave: ret,
 * iret, an indirect jump, or a jump out of its range (a tail call).
 * Straight-line decoding of the symbol's bytes is enough for that.
 */
static bool can_return(struct cfg *cfg, const struct obj_symbol *f)
{
	const struct insn *insn;
	const char *name;
	uint64_t off, toff;
	size_t tshndx;

	for (off = f->value; off < f->value + f->size; off += insn->len) {
		insn = cfg_decode(cfg, f->shndx, off);
		if (!insn)
			return true;
		switch (insn->kind) {
		case INSN_RET:
		case INSN_IRET:
		case INSN_JMP_INDIRECT:
			return true;
		case INSN_JMP:
		case INSN_JCC:
			if (cfg_branch_target(cfg, f->shndx, off, insn, &tshndx,
					      &toff, &name) != 1 ||
			    tshndx != f->shndx || toff < f->value ||
			    toff >= f->value + f->size)
				return true;
			break;
		default:
			break;
		}
	}
	return false;
}

bool cfg_noreturn(struct cfg *cfg, const char *name, size_t shndx,
		  uint64_t offset)
{
	const struct obj_symbol *f;
	size_t index;
	bool quiet;

	if (name)
		return named_noreturn_memo(cfg, name);
	f = cfg_function_start(cfg, shndx, offset);
	if (!f || !f->size)
		return false;
	if (named_noreturn_memo(cfg, f->name))
		return true;
	index = f - cfg->obj->syms;
	if (cfg->noreturn_cache[index] < 0) {
		/* Assume it returns while looking (recursion), quietly. */
		cfg->noreturn_cache[index] = 0;
		quiet = cfg->quiet;
		cfg->quiet = true;
		cfg->noreturn_cache[index] = !can_return(cfg, f);
		cfg->quiet = quiet;
	}
	return cfg->noreturn_cache[index];
}
