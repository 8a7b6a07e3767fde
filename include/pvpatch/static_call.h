/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Static calls: a call whose target is patched into the code instead of
 * loaded from memory. The names and verbs are the ones kernel engineers
 * know from Linux; the mechanism is ours.
 *
 *   DEFINE_STATIC_CALL(name, func)        key + trampoline, initially func
 *   DEFINE_STATIC_CALL_NULL(name, type)   initially no target (a NOP)
 *   DEFINE_STATIC_CALL_RET0(name, type)   initially "return 0"
 *   DECLARE_STATIC_CALL(name, type)       in a header
 *   static_call(name)(args...)            call through the trampoline
 *   static_call_cond(name)(args...)       same, for void calls of NULL keys
 *   static_call_update(name, func)        retarget trampoline and sites;
 *                                         func must have the key's type
 *
 * Inline sites (a direct call/jmp in the caller, patched at boot and at
 * every update) are registered with STATIC_CALL_SITE() in asm.
 */
#ifndef PVPATCH_STATIC_CALL_H
#define PVPATCH_STATIC_CALL_H

#include <stddef.h>
#include <stdint.h>
#include <pvpatch/compiler.h>

struct static_call_site {
	int32_t addr;		/* site - &addr */
	int32_t key;		/* key - &key, plus STATIC_CALL_SITE_* flags */
};

#define STATIC_CALL_SITE_TAIL	1	/* the site is a jmp, not a call */
#define STATIC_CALL_SITE_REFUSED	2	/* never patched: foreign bytes,
						 * or in an alternative arm that
						 * was not applied */
#define STATIC_CALL_SITE_FLAGS	3	/* keys are 8-byte aligned */

struct static_call_key {
	void *func;
	void *tramp;
	struct static_call_site *sites;	/* this key's run of the sorted table */
	uint32_t nr_sites;
	uint32_t nr_refused;		/* sites whose bytes were not ours */
	uint32_t nr_inactive;		/* sites in an arm that lost */
} __aligned(8);

#define STATIC_CALL_KEY(name)		__SCK__##name
#define STATIC_CALL_TRAMP(name)		__SCT__##name
#define STATIC_CALL_KEY_STR(name)	"__SCK__" #name
#define STATIC_CALL_TRAMP_STR(name)	"__SCT__" #name

#include <asm/static_call.h>

#define DECLARE_STATIC_CALL(name, func)					\
	extern struct static_call_key STATIC_CALL_KEY(name);		\
	extern __typeof__(func) STATIC_CALL_TRAMP(name)

#define DEFINE_STATIC_CALL(name, _func)					\
	DECLARE_STATIC_CALL(name, _func);				\
	struct static_call_key STATIC_CALL_KEY(name) = {		\
		.func = (void *)_func, .tramp = (void *)&STATIC_CALL_TRAMP(name) };	\
	ARCH_DEFINE_STATIC_CALL_TRAMP(name, _func)

#define DEFINE_STATIC_CALL_NULL(name, _func)				\
	DECLARE_STATIC_CALL(name, _func);				\
	struct static_call_key STATIC_CALL_KEY(name) = {		\
		.func = NULL, .tramp = (void *)&STATIC_CALL_TRAMP(name) };	\
	ARCH_DEFINE_STATIC_CALL_NULL_TRAMP(name)

#define DEFINE_STATIC_CALL_RET0(name, _func)				\
	DECLARE_STATIC_CALL(name, _func);				\
	struct static_call_key STATIC_CALL_KEY(name) = {		\
		.func = (void *)__static_call_return0,			\
		.tramp = (void *)&STATIC_CALL_TRAMP(name) };			\
	ARCH_DEFINE_STATIC_CALL_RET0_TRAMP(name)

#define static_call(name)	(&STATIC_CALL_TRAMP(name))
#define static_call_cond(name)	(void)(&STATIC_CALL_TRAMP(name))

/*
 * The assignment is the compile-time type check: a function of another
 * type does not convert to a pointer to the key's type without a cast
 * (-Werror=incompatible-pointer-types).
 */
#define static_call_update(name, func)					\
	({								\
		__typeof__(&STATIC_CALL_TRAMP(name)) __sc_new = (func);	\
		__static_call_update(&STATIC_CALL_KEY(name),		\
				     (void *)&STATIC_CALL_TRAMP(name),	\
				     (void *)__sc_new);			\
	})

#define static_call_query(name) (READ_ONCE(STATIC_CALL_KEY(name).func))

long __static_call_return0(void);
void __static_call_update(struct static_call_key *key, void *tramp, void *func);

/*
 * Boot, after apply_alternatives(): follow sites assembled inside applied
 * replacements to where they run, sort the table by key and point every
 * site at its key's current target. Sites whose bytes are not the expected call/jmp to
 * their key's trampoline are refused (reported, never patched).
 */
void static_call_init(void);

/*
 * The site at addr no longer holds a static call (its alternative switched
 * arm at run time): updates must leave it alone from now on. Caller holds
 * the text lock.
 */
void static_call_park_site(void *addr);

/* Sites and trampolines whose bytes are not their key's target's: 0. */
unsigned int static_call_verify(void);

/* Counters for the patch log, tests and benchmarks. */
struct static_call_stats {
	unsigned long sites;		/* in the table */
	unsigned long patched;		/* pointed at their target at boot */
	unsigned long refused;		/* foreign bytes: left alone */
	unsigned long in_alternatives;	/* followed into an applied arm */
	unsigned long inactive;		/* in an arm that lost */
	unsigned long updates;		/* static_call_update()s that wrote */
};
extern struct static_call_stats static_call_stats;

/* The table, for tests and the patch log. */
extern struct static_call_site __start_static_call_sites[];
extern struct static_call_site __stop_static_call_sites[];

static inline void *static_call_site_addr(const struct static_call_site *s)
{
	return (void *)((intptr_t)&s->addr + s->addr);
}

static inline struct static_call_key *static_call_site_key(const struct static_call_site *s)
{
	return (struct static_call_key *)((intptr_t)&s->key +
					  (s->key & ~STATIC_CALL_SITE_FLAGS));
}

#endif
