// SPDX-License-Identifier: GPL-2.0
/*
 * One static call key per op, pointing at the native function (through
 * its callee-save thunk for the inline ops) until a backend says more.
 */
#include <pvpatch/pvops.h>

#define THUNK_DECLARE_INLINE_RAX(name, ret) ret native_##name##__thunk(void);
#define THUNK_DECLARE_INLINE(name, ret) ret native_##name##__thunk(void);
#define THUNK_DECLARE_CALL(name, ret)
#define THUNK_DECLARE_CALL_VOID(name, ret)
#define THUNK_DECLARE(name, ret, params, args, kind, insns, cond) \
	THUNK_DECLARE_##kind(name, ret)
PVOPS_LIST(THUNK_DECLARE)

#define KEY_INLINE_RAX(name)	DEFINE_STATIC_CALL(pv_##name, native_##name##__thunk);
#define KEY_INLINE(name)	DEFINE_STATIC_CALL(pv_##name, native_##name##__thunk);
#define KEY_CALL(name)		DEFINE_STATIC_CALL(pv_##name, native_##name);
#define KEY_CALL_VOID(name)	DEFINE_STATIC_CALL(pv_##name, native_##name);
#define KEY(name, ret, params, args, kind, insns, cond) KEY_##kind(name)
PVOPS_LIST(KEY)

static const char *const op_names[NR_PVOPS] = {
#define NAME(name, ret, params, args, kind, insns, cond) [PVOP_##name] = #name,
	PVOPS_LIST(NAME)
};

static const char *target_names[NR_PVOPS];

const char *pvops_op_name(enum pvop_id op)
{
	return op < NR_PVOPS ? op_names[op] : "?";
}

void pvops_note_target(enum pvop_id op, const char *name)
{
	if (op < NR_PVOPS)
		target_names[op] = name;
}

const char *pvops_target_name(enum pvop_id op)
{
	return op < NR_PVOPS && target_names[op] ? target_names[op] : "?";
}
