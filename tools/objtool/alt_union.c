// SPDX-License-Identifier: GPL-2.0
/*
 * The union over alternatives (alt_union.h).
 *
 * A replacement is entered with the state at the start of its site and,
 * when it falls through, runs into the NOPs boot puts after it: every
 * byte from its end to the site's end may be an instruction boundary
 * (the NOP choice is boot's), all with the replacement's final state,
 * which must be the original's at the site's end. The original's padding
 * is 0x90 bytes in the object, so the walk already saw every boundary.
 *
 * A call also puts a boundary at its last byte: an unwinder looks a
 * return address up one byte before it, so the entry covering that byte
 * must be the call's state in every arm.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alt_union.h"
#include "objtool.h"

struct union_slot {
	struct orc_entry orc;
	int arm;		/* -1: none yet */
};

struct site_union {
	const struct alt_site *site;
	struct union_slot at[256];
};

struct located_entry {
	size_t shndx;
	uint64_t site;
	struct alt_group_entry e;
};

static int compare_entries(const void *a, const void *b)
{
	const struct located_entry *x = a, *y = b;

	if (x->shndx != y->shndx)
		return x->shndx < y->shndx ? -1 : 1;
	if (x->site != y->site)
		return x->site < y->site ? -1 : 1;
	return x->e.entry < y->e.entry ? -1 : x->e.entry > y->e.entry;
}

static int read_entry(struct cfg *cfg, size_t tsec, uint64_t at,
		      struct located_entry *out)
{
	const struct obj_section *sec = &cfg->obj->sections[tsec];
	const struct obj_reloc *site = objfile_reloc_in(sec, at, 1);
	const struct obj_reloc *repl = objfile_reloc_in(sec, at + 4, 1);
	const uint8_t *b = sec->bytes + at;

	if (!site || site->offset != at || !repl || repl->offset != at + 4 ||
	    objfile_reloc_target(cfg->obj, site, 0, &out->shndx, &out->site) != 1 ||
	    objfile_reloc_target(cfg->obj, repl, 0, &out->e.repl_shndx, &out->e.repl) != 1)
		return error_file(cfg->obj->ef.path, "%s+0x%llx: alternative entry without its relocations",
				  sec->name, (unsigned long long)at);
	out->e.entry = at;
	out->e.feature = b[8] | b[9] << 8;
	out->e.flags = b[10] | b[11] << 8;
	out->e.sitelen = b[12];
	out->e.oldlen = b[13];
	out->e.repllen = b[14];
	return 0;
}

static int collect(struct cfg *cfg, struct located_entry **list, size_t *count)
{
	const struct objfile *obj = cfg->obj;
	size_t i, n = 0, max = 0;
	uint64_t at;

	*list = NULL;	/* the caller frees it on every return */
	for (i = 1; i < obj->nr_sections; i++) {
		const struct obj_section *sec = &obj->sections[i];

		if (strncmp(sec->name, "alt_instructions", 16) || !sec->bytes)
			continue;
		if (sec->size % ALT_ENTRY_SIZE)
			return error_file(obj->ef.path, "%s: %llu bytes is not a whole number of entries",
					  sec->name, (unsigned long long)sec->size);
		max += sec->size / ALT_ENTRY_SIZE;
	}
	*list = calloc(max ? max : 1, sizeof(**list));
	if (!*list)
		return error_file(obj->ef.path, "out of memory");
	for (i = 1; i < obj->nr_sections; i++) {
		const struct obj_section *sec = &obj->sections[i];

		if (strncmp(sec->name, "alt_instructions", 16) || !sec->bytes)
			continue;
		for (at = 0; at < sec->size; at += ALT_ENTRY_SIZE)
			if (read_entry(cfg, i, at, &(*list)[n++]))
				return -1;
	}
	qsort(*list, n, sizeof(**list), compare_entries);
	*count = n;
	return 0;
}

int alt_for_each_site(struct cfg *cfg,
		      int (*fn)(struct cfg *cfg, const struct alt_site *site, void *arg),
		      void *arg)
{
	struct located_entry *list = NULL;
	struct alt_site site;
	size_t count = 0, i = 0;
	int ret = 0;

	if (collect(cfg, &list, &count)) {
		free(list);
		return -1;
	}
	while (i < count) {
		memset(&site, 0, sizeof(site));
		site.shndx = list[i].shndx;
		site.site = list[i].site;
		for (; i < count && list[i].shndx == site.shndx && list[i].site == site.site; i++) {
			if (site.nr_arms == sizeof(site.arms) / sizeof(site.arms[0])) {
				cfg_error(cfg, site.shndx, site.site, "too many alternatives for one site");
				continue;
			}
			site.arms[site.nr_arms++] = list[i].e;
		}
		if (fn(cfg, &site, arg))
			ret = -1;
	}
	free(list);
	return ret;
}

static void arm_name(const struct alt_site *site, int arm, char *buf, size_t len)
{
	if (arm == 0)
		snprintf(buf, len, "original");
	else
		snprintf(buf, len, "replacement %d (feature 0x%x%s)", arm,
			 site->arms[arm - 1].feature,
			 site->arms[arm - 1].flags & 1 ? ", not" : "");
}

static void record(struct cfg *cfg, struct site_union *u, unsigned int off,
		   const struct stack_state *s, int arm)
{
	struct union_slot *slot = &u->at[off];
	struct orc_entry e = stack_state_orc(s);
	char na[64], nb[64], sa[96], sb[96];

	if (slot->arm < 0) {
		slot->orc = e;
		slot->arm = arm;
		return;
	}
	if (orc_entry_equal(&slot->orc, &e))
		return;
	arm_name(u->site, slot->arm, na, sizeof(na));
	arm_name(u->site, arm, nb, sizeof(nb));
	orc_entry_format(&slot->orc, sa, sizeof(sa));
	orc_entry_format(&e, sb, sizeof(sb));
	cfg_error(cfg, u->site->shndx, u->site->site + off,
		  "stack layout conflict in alternatives: %s <%s> vs %s <%s>",
		  na, sa, nb, sb);
}

static void record_original(struct cfg *cfg, struct site_union *u, unsigned int sitelen)
{
	struct code_slot *code = &cfg->code[u->site->shndx][u->site->site];
	unsigned int o;

	for (o = 0; o < sitelen; o++) {
		if (!(code[o].flags & SLOT_VISITED))
			continue;
		record(cfg, u, o, &code[o].state, 0);
		if ((code[o].insn.kind == INSN_CALL || code[o].insn.kind == INSN_CALL_INDIRECT) &&
		    o + code[o].insn.len - 1 < sitelen)
			record(cfg, u, o + code[o].insn.len - 1, &code[o].state, 0);
	}
}

static bool ends_flow(struct cfg *cfg, size_t shndx, uint64_t at, const struct insn *insn)
{
	const char *name = NULL;
	uint64_t toff = 0;
	size_t tshndx = 0;

	switch (insn->kind) {
	case INSN_JMP:
	case INSN_JMP_INDIRECT:
	case INSN_RET:
	case INSN_IRET:
	case INSN_DEAD_END:
		return true;
	case INSN_CALL:
		if (cfg_branch_target(cfg, shndx, at, insn, &tshndx, &toff, &name))
			name = NULL;
		return cfg_noreturn(cfg, name, tshndx, toff);
	default:
		return false;
	}
}

/* A branch of a replacement stays in it or leaves the site entirely. */
static void check_branch(struct cfg *cfg, const struct alt_site *site,
			 const struct alt_group_entry *a, uint64_t at,
			 const struct insn *insn)
{
	const char *name = NULL;
	uint64_t toff;
	size_t tshndx;

	if (!insn->has_target ||
	    !cfg_branch_target(cfg, a->repl_shndx, at, insn, &tshndx, &toff, &name))
		return;
	if (tshndx == a->repl_shndx && toff >= a->repl && toff <= a->repl + a->repllen)
		return;
	if (tshndx == site->shndx && toff > site->site && toff < site->site + a->sitelen)
		cfg_error(cfg, site->shndx, site->site,
			  "alternative replacement branches into the middle of its site (+0x%llx)",
			  (unsigned long long)(toff - site->site));
	else if (tshndx == a->repl_shndx)
		cfg_error(cfg, site->shndx, site->site,
			  "alternative replacement branches into another replacement");
}

static void record_replacement(struct cfg *cfg, struct site_union *u, int arm,
			       const struct stack_state *start,
			       const struct stack_state *end)
{
	const struct alt_site *site = u->site;
	const struct alt_group_entry *a = &site->arms[arm - 1];
	struct stack_state s = *start;
	const struct insn *insn = NULL;
	bool falls = true;
	const char *why;
	unsigned int p;
	char sa[96], sb[96];
	struct orc_entry ea, eb;

	for (p = 0; p < a->repllen; p += insn->len) {
		insn = cfg_decode(cfg, a->repl_shndx, a->repl + p);
		if (!insn)
			return;
		if (p + insn->len > a->repllen) {
			cfg_error(cfg, site->shndx, site->site,
				  "replacement %d: instruction crosses its end", arm);
			return;
		}
		record(cfg, u, p, &s, arm);
		if (insn->kind == INSN_CALL || insn->kind == INSN_CALL_INDIRECT)
			record(cfg, u, p + insn->len - 1, &s, arm);
		check_branch(cfg, site, a, a->repl + p, insn);
		why = stack_state_apply(&s, insn);
		if (why) {
			cfg_error(cfg, site->shndx, site->site + p, "replacement %d: %s", arm, why);
			return;
		}
		falls = !ends_flow(cfg, a->repl_shndx, a->repl + p, insn);
	}
	if (!falls)
		return;
	for (p = a->repllen; p < a->sitelen; p++)
		record(cfg, u, p, &s, arm);
	if (end && !stack_state_equal(&s, end)) {
		ea = stack_state_orc(&s);
		eb = stack_state_orc(end);
		orc_entry_format(&ea, sa, sizeof(sa));
		orc_entry_format(&eb, sb, sizeof(sb));
		cfg_error(cfg, site->shndx, site->site + a->sitelen,
			  "replacement %d leaves the stack as <%s>, the original as <%s>",
			  arm, sa, sb);
	}
}

static int check_lengths(struct cfg *cfg, const struct alt_site *site)
{
	const struct obj_section *sec = &cfg->obj->sections[site->shndx];
	unsigned int i;

	for (i = 0; i < site->nr_arms; i++) {
		const struct alt_group_entry *a = &site->arms[i];

		if (a->sitelen != site->arms[0].sitelen || a->repllen > a->sitelen ||
		    a->oldlen > a->sitelen || !range_within(site->site, a->sitelen, 0, sec->size) ||
		    !range_within(a->repl, a->repllen, 0, cfg->obj->sections[a->repl_shndx].size) ||
		    !cfg->code[a->repl_shndx])
			return cfg_error(cfg, site->shndx, site->site,
					 "alternative %u: bad lengths (site %u, original %u, replacement %u) or places",
					 i + 1, a->sitelen, a->oldlen, a->repllen);
	}
	if (!cfg->code[site->shndx])
		return cfg_error(cfg, site->shndx, site->site, "alternative site outside code");
	return 0;
}

static void write_union(struct cfg *cfg, const struct site_union *u, unsigned int sitelen)
{
	struct code_slot *code = &cfg->code[u->site->shndx][u->site->site];
	unsigned int o;

	for (o = 0; o < sitelen; o++) {
		code[o].flags |= SLOT_COVERED | SLOT_SITE;
		code[o].flags &= ~SLOT_BOUNDARY;
		if (u->at[o].arm >= 0) {
			code[o].orc = u->at[o].orc;
			code[o].flags |= SLOT_BOUNDARY;
		}
	}
}

static int union_site(struct cfg *cfg, const struct alt_site *site, void *arg)
{
	struct site_union *u = arg;
	unsigned int sitelen = site->arms[0].sitelen, o;
	const struct code_slot *first, *after;
	const struct stack_state *end = NULL;
	int arm;

	if (check_lengths(cfg, site))
		return 0;
	first = &cfg->code[site->shndx][site->site];
	if (!(first->flags & SLOT_VISITED) || !sitelen)
		return 0;	/* never reached: nothing runs there */
	memset(u, 0, sizeof(*u));
	u->site = site;
	for (o = 0; o < 256; o++)
		u->at[o].arm = -1;
	if (site->site + sitelen < cfg->obj->sections[site->shndx].size) {
		after = first + sitelen;
		if (after->flags & SLOT_VISITED)
			end = &after->state;
	}
	record_original(cfg, u, sitelen);
	for (arm = 1; arm <= (int)site->nr_arms; arm++)
		record_replacement(cfg, u, arm, &first->state, end);
	write_union(cfg, u, sitelen);
	return 0;
}

int alt_union(struct cfg *cfg)
{
	struct site_union *u = malloc(sizeof(*u));
	int ret;

	if (!u)
		return error_file(cfg->obj->ef.path, "out of memory");
	ret = alt_for_each_site(cfg, union_site, u);
	free(u);
	return ret;
}
