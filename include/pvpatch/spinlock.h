/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PVPATCH_SPINLOCK_H
#define PVPATCH_SPINLOCK_H

#include <stdbool.h>
#include <asm/processor.h>

/* A test-and-test-and-set lock; acquire/release order the data it guards. */
typedef struct {
	volatile int locked;
} spinlock_t;

#define SPINLOCK_INIT { 0 }

static inline bool spin_trylock(spinlock_t *lock)
{
	return !__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void spin_lock(spinlock_t *lock)
{
	while (!spin_trylock(lock)) {
		while (__atomic_load_n(&lock->locked, __ATOMIC_RELAXED))
			cpu_relax();
	}
}

static inline void spin_unlock(spinlock_t *lock)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

#endif
