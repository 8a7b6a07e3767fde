// SPDX-License-Identifier: GPL-2.0
/*
 * The worklist walk over an object's code (cfg.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "cfg.h"
#include "jump_table.h"
#include "objtool.h"
#include "hints.h"

bool cfg_is_code(const struct objfile *obj, size_t shndx)
{
	/* Decided once on load: this is asked at every branch and step. */
	return obj->sections[shndx].walked;
}

static void report(struct cfg *cfg, size_t shndx, uint64_t offset,
		   const char *prefix, const char *fmt, va_list ap)
{
	char msg[512];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (prefix)
		objfile_warn(cfg->obj, shndx, offset, "%s", msg);
	else
		objfile_error(cfg->obj, shndx, offset, "%s", msg);
}

int cfg_error(struct cfg *cfg, size_t shndx, uint64_t offset, const char *fmt, ...)
{
	struct code_slot *slot = NULL;
	va_list ap;

	/* The offset may be hostile: index only once it is in range. */
	if (cfg->code[shndx] && offset < cfg->obj->sections[shndx].size)
		slot = &cfg->code[shndx][offset];
	if (slot) {
		if (slot->flags & SLOT_REPORTED)
			return -1;
		slot->flags |= SLOT_REPORTED;
	}
	cfg->errors++;
	va_start(ap, fmt);
	report(cfg, shndx, offset, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

void cfg_warn(struct cfg *cfg, size_t shndx, uint64_t offset, const char *fmt, ...)
{
	va_list ap;

	cfg->warnings++;
	if (cfg->quiet)
		return;
	va_start(ap, fmt);
	report(cfg, shndx, offset, "warning", fmt, ap);
	va_end(ap);
}

/*
 * A slot per byte of code is 56 bytes per byte: 31 MB for the 550 KB of
 * the update benchmark's object, nearly all of it touched. Where a page
 * fault is dear (on a paravirtualized host 44% of the time went to
 * faults) transparent huge pages take 512 faults down to one; the kernel
 * zeroes the mapping as calloc would.
 */
#define HUGE_PAGE_BYTES	(2UL << 20)

static int alloc_slots(struct cfg *cfg, size_t count)
{
	size_t bytes;

	if (count > SIZE_MAX / sizeof(struct code_slot) - HUGE_PAGE_BYTES)
		return -1;
	bytes = (count ? count : 1) * sizeof(struct code_slot);
	if (bytes >= HUGE_PAGE_BYTES) {
		size_t mapped = (bytes + HUGE_PAGE_BYTES - 1) & ~(HUGE_PAGE_BYTES - 1);
		void *p = mmap(NULL, mapped, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p != MAP_FAILED) {
			madvise(p, mapped, MADV_HUGEPAGE);	/* a hint: fine if refused */
			cfg->slots = p;
			cfg->slots_mapped = mapped;
			return 0;
		}
	}
	cfg->slots = calloc(1, bytes);
	return cfg->slots ? 0 : -1;
}

int cfg_init(struct cfg *cfg, struct objfile *obj)
{
	size_t i, count = 0;
	struct code_slot *next;

	memset(cfg, 0, sizeof(*cfg));
	cfg->obj = obj;
	cfg->code = calloc(obj->nr_sections, sizeof(*cfg->code));
	cfg->noreturn_cache = malloc(obj->symtab.count + 1);
	if (!cfg->code || !cfg->noreturn_cache)
		return error_file(obj->ef.path, "out of memory");
	memset(cfg->noreturn_cache, -1, obj->symtab.count + 1);
	/* Replacements are decoded too (alt_union.c), never walked. Each
	 * section with bytes lies within the file, so the sum is bounded. */
	for (i = 1; i < obj->nr_sections; i++) {
		if (obj->sections[i].exec && obj->sections[i].bytes)
			count += obj->sections[i].size;
	}
	if (alloc_slots(cfg, count))
		return error_file(obj->ef.path, "out of memory");
	next = cfg->slots;
	for (i = 1; i < obj->nr_sections; i++) {
		if (!obj->sections[i].exec || !obj->sections[i].bytes)
			continue;
		cfg->code[i] = next;
		next += obj->sections[i].size;
	}
	for (i = 0; i < obj->nr_functions; i++) {
		const struct obj_symbol *f = obj->functions[i];

		if (cfg->code[f->shndx] && f->value < obj->sections[f->shndx].size)
			cfg->code[f->shndx][f->value].flags |= SLOT_FUNC;
	}
	return 0;
}

const struct obj_symbol *cfg_function_start(const struct cfg *cfg, size_t shndx,
					    uint64_t offset)
{
	if (cfg->code[shndx] && offset < cfg->obj->sections[shndx].size &&
	    !(cfg->code[shndx][offset].flags & SLOT_FUNC))
		return NULL;
	return objfile_function_start(cfg->obj, shndx, offset);
}

void cfg_free(struct cfg *cfg)
{
	if (cfg->slots_mapped)
		munmap(cfg->slots, cfg->slots_mapped);
	else
		free(cfg->slots);
	free(cfg->code);
	free(cfg->work);
	free(cfg->noreturn_cache);
}

const struct insn *cfg_decode(struct cfg *cfg, size_t shndx, uint64_t offset)
{
	const struct obj_section *sec = &cfg->obj->sections[shndx];
	struct code_slot *slot;

	if (!cfg->code[shndx] || offset >= sec->size) {
		if (!cfg->quiet)
			cfg_error(cfg, shndx, offset, "not code");
		return NULL;
	}
	slot = &cfg->code[shndx][offset];
	if (slot->flags & SLOT_DECODED)
		return &slot->insn;
	if (x86_decode(sec->bytes + offset, sec->size - offset, offset, &slot->insn)) {
		if (!cfg->quiet)
			cfg_error(cfg, shndx, offset, "cannot decode instruction");
		return NULL;
	}
	slot->flags |= SLOT_DECODED;
	return &slot->insn;
}

int cfg_branch_target(struct cfg *cfg, size_t shndx, uint64_t offset,
		      const struct insn *insn, size_t *tshndx, uint64_t *toff,
		      const char **name)
{
	const struct obj_section *sec = &cfg->obj->sections[shndx];
	const struct obj_reloc *r;

	r = objfile_reloc_in(sec, offset + insn->imm_offset, insn->imm_size);
	if (!r) {
		*tshndx = shndx;
		*toff = insn->target;
		return 1;
	}
	/* The field is relative to the end of the instruction. */
	if (objfile_reloc_target(cfg->obj, r, insn->len - insn->imm_offset,
				 tshndx, toff))
		return 1;
	*name = cfg->obj->syms[r->sym].name;
	return 0;
}

static int push_work(struct cfg *cfg, size_t shndx, uint64_t offset, uint32_t func)
{
	struct work_item *grown;

	if (cfg->nr_work == cfg->max_work) {
		cfg->max_work = cfg->max_work ? 2 * cfg->max_work : 256;
		grown = realloc(cfg->work, cfg->max_work * sizeof(*grown));
		if (!grown)
			return error_file(cfg->obj->ef.path, "out of memory");
		cfg->work = grown;
	}
	cfg->work[cfg->nr_work++] = (struct work_item){ shndx, func, offset };
	return 0;
}

/* Control reaches @offset with state @s: record it, or compare. */
static int reach(struct cfg *cfg, size_t shndx, uint64_t offset,
		 const struct stack_state *s, uint32_t func)
{
	struct code_slot *slot;
	struct orc_entry a, b;
	char sa[96], sb[96];

	if (!cfg_is_code(cfg->obj, shndx) || offset >= cfg->obj->sections[shndx].size)
		return cfg_error(cfg, shndx, offset, "branch outside code");
	slot = &cfg->code[shndx][offset];
	if (!(slot->flags & SLOT_VISITED)) {
		if (!(slot->flags & SLOT_HINT))
			slot->state = *s;
		slot->flags |= SLOT_VISITED;
		slot->func = func;
		return push_work(cfg, shndx, offset, func);
	}
	if ((slot->flags & SLOT_HINT) || stack_state_equal(&slot->state, s))
		return 0;
	a = stack_state_orc(&slot->state);
	b = stack_state_orc(s);
	if (!orc_entry_equal(&a, &b)) {
		orc_entry_format(&a, sa, sizeof(sa));
		orc_entry_format(&b, sb, sizeof(sb));
		return cfg_error(cfg, shndx, offset,
				 "paths meet with different stack states: %s vs %s",
				 sa, sb);
	}
	/* Same frame for the unwinder; forget what the paths disagree on. */
	if (slot->state.sp_known && (!s->sp_known || s->sp_off != slot->state.sp_off)) {
		slot->state.sp_known = false;
		return push_work(cfg, shndx, offset, func);
	}
	return 0;
}

static bool is_cold_part(const struct obj_symbol *f)
{
	return strstr(f->name, ".cold") != NULL;
}

/* Leaving the function (ret, tail call): the frame must be gone by then. */
static int frame_must_be_gone(struct cfg *cfg, size_t shndx, uint64_t offset,
			      const struct stack_state *s, const char *what)
{
	char state[96];
	struct orc_entry e;

	if (s->type != ORC_TYPE_CALL || stack_state_at_entry(s))
		return 0;
	e = stack_state_orc(s);
	orc_entry_format(&e, state, sizeof(state));
	return cfg_error(cfg, shndx, offset, "%s with a frame still on the stack (%s)",
			 what, state);
}

/* A jump (or a call's return) leaves through a tail call. */
static int tail_call(struct cfg *cfg, size_t shndx, uint64_t offset,
		     const struct stack_state *s, const char *target)
{
	char what[160];

	snprintf(what, sizeof(what), "tail call to %s", target);
	return frame_must_be_gone(cfg, shndx, offset, s, what);
}

static int jump(struct cfg *cfg, size_t shndx, uint64_t offset,
		const struct insn *insn, const struct stack_state *s, uint32_t func)
{
	const struct obj_symbol *f;
	const char *name = NULL;
	uint64_t toff;
	size_t tshndx;

	if (!cfg_branch_target(cfg, shndx, offset, insn, &tshndx, &toff, &name))
		return tail_call(cfg, shndx, offset, s, name);
	if (!cfg_is_code(cfg->obj, tshndx))
		return cfg_error(cfg, shndx, offset, "jump to %s, which is not code",
				 cfg->obj->sections[tshndx].name);
	f = cfg_function_start(cfg, tshndx, toff);
	if (f && !is_cold_part(f) && (f - cfg->obj->syms) != func)
		return tail_call(cfg, shndx, offset, s, f->name);
	return reach(cfg, tshndx, toff, s, func);
}

static int call(struct cfg *cfg, size_t shndx, uint64_t offset,
		const struct insn *insn, bool *returns)
{
	const char *name = NULL;
	uint64_t toff = 0;
	size_t tshndx = 0;

	*returns = true;
	if (insn->kind != INSN_CALL)
		return 0;
	if (cfg_branch_target(cfg, shndx, offset, insn, &tshndx, &toff, &name))
		name = NULL;
	*returns = !cfg_noreturn(cfg, name, tshndx, toff);
	return 0;
}

static int fall_through(struct cfg *cfg, size_t shndx, uint64_t offset,
			const struct insn *insn, const struct stack_state *s,
			uint32_t func)
{
	uint64_t next = offset + insn->len;
	const struct obj_symbol *f;

	if (next >= cfg->obj->sections[shndx].size)
		return cfg_error(cfg, shndx, offset, "falls off the end of %s%s",
				 cfg->obj->sections[shndx].name,
				 insn->kind == INSN_CALL ? " after a call (missing noreturn?)" : "");
	f = cfg_function_start(cfg, shndx, next);
	if (f && (f - cfg->obj->syms) != func)
		return cfg_error(cfg, shndx, offset, "falls through into %s%s", f->name,
				 insn->kind == INSN_CALL ? " after a call (missing noreturn?)" : "");
	return reach(cfg, shndx, next, s, func);
}

static int ret(struct cfg *cfg, size_t shndx, uint64_t offset,
	       const struct stack_state *s)
{
	return frame_must_be_gone(cfg, shndx, offset, s, "return");
}

static int step(struct cfg *cfg, const struct work_item *w)
{
	struct code_slot *slot = &cfg->code[w->shndx][w->offset];
	const struct insn *insn = cfg_decode(cfg, w->shndx, w->offset);
	struct stack_state s;
	const char *why;
	bool returns;
	uint64_t i;

	if (!insn)
		return 0;
	if (w->offset + insn->len > cfg->obj->sections[w->shndx].size)
		return cfg_error(cfg, w->shndx, w->offset, "instruction crosses the end of the section");
	for (i = 1; i < insn->len; i++)
		cfg->code[w->shndx][w->offset + i].flags |= SLOT_COVERED;
	s = slot->state;
	why = stack_state_apply(&s, insn);
	if (why)
		return cfg_error(cfg, w->shndx, w->offset, "%s", why);
	switch (insn->kind) {
	case INSN_CALL:
	case INSN_CALL_INDIRECT:
		call(cfg, w->shndx, w->offset, insn, &returns);
		return returns ? fall_through(cfg, w->shndx, w->offset, insn, &s, w->func) : 0;
	case INSN_JMP:
		return jump(cfg, w->shndx, w->offset, insn, &s, w->func);
	case INSN_JCC:
		if (insn->has_target)
			jump(cfg, w->shndx, w->offset, insn, &s, w->func);
		return fall_through(cfg, w->shndx, w->offset, insn, &s, w->func);
	case INSN_JMP_INDIRECT:
		return jump_table_follow(cfg, w->shndx, w->offset, &s, w->func);
	case INSN_RET:
		return ret(cfg, w->shndx, w->offset, &s);
	case INSN_IRET:
	case INSN_DEAD_END:
		return 0;
	default:
		return fall_through(cfg, w->shndx, w->offset, insn, &s, w->func);
	}
}

/* Jump-table targets and hints reach code with the walk's state. */
int cfg_reach(struct cfg *cfg, size_t shndx, uint64_t offset,
	      const struct stack_state *s, uint32_t func)
{
	return reach(cfg, shndx, offset, s, func);
}

static int start_functions(struct cfg *cfg)
{
	const struct objfile *obj = cfg->obj;
	struct stack_state entry = stack_state_entry();
	size_t i;

	for (i = 1; i < obj->symtab.count; i++) {
		const struct obj_symbol *f = &obj->syms[i];

		if (f->type != STT_FUNC || !f->shndx || !f->size ||
		    !cfg_is_code(obj, f->shndx) || is_cold_part(f))
			continue;
		if (reach(cfg, f->shndx, f->value, &entry, i) && cfg->errors == 0)
			return -1;
	}
	return 0;
}

int cfg_walk(struct cfg *cfg)
{
	struct work_item w;

	if (unwind_hints_apply(cfg) < 0 && cfg->errors == 0)
		return -1;
	if (start_functions(cfg))
		return -1;
	while (cfg->nr_work) {
		w = cfg->work[--cfg->nr_work];
		step(cfg, &w);
	}
	return 0;
}
