// SPDX-License-Identifier: GPL-2.0
/*
 * objtool check / orc / dump: the stack checker on relocatable objects.
 *
 *   check FILE.o...   validate control flow, stack state, alternatives
 *   orc FILE.o...     the same, then write orc_unwind_ip + orc_unwind
 *   object FILE.o...  static-calls, then orc, on one read of the object
 *                     and one write: the build's step for each object
 *   dump FILE.o       alternatives sites, static call sites and ORC
 *                     entries, per function
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alt_union.h"
#include "objtool.h"
#include "orc_gen.h"
#include "static_call_sites.h"

struct analysis {
	struct objfile obj;
	struct cfg cfg;
};

/*
 * @sites, when not NULL: record the object's plain C static call sites
 * first (objtool static-calls), so the checker reads the object as that
 * step would have left it.
 */
static int analyze(struct analysis *a, const char *path, bool writable, bool quiet,
		   struct static_call_counts *sites)
{
	static bool decoder_ready;

	if (!decoder_ready) {
		x86_decode_init();
		decoder_ready = true;
	}
	memset(a, 0, sizeof(*a));
	if (objfile_open_elf(&a->obj, path, writable) ||
	    (sites && static_call_sites_record(&a->obj.ef, 0, sites)) ||
	    objfile_load(&a->obj) || cfg_init(&a->cfg, &a->obj))
		return -1;
	a->cfg.quiet = quiet;
	if (cfg_walk(&a->cfg))
		return -1;
	orc_mark_boundaries(&a->cfg);
	if (alt_union(&a->cfg))
		return -1;
	return a->cfg.errors ? -1 : 0;
}

static void finish(struct analysis *a)
{
	cfg_free(&a->cfg);
	objfile_close(&a->obj);
}

static int parse_files(int argc, char **argv, const char *usage, bool many,
		       bool *quiet)
{
	int i = 1;

	*quiet = false;
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(usage, stdout);
		return -1;
	}
	if (argc > 1 && !strcmp(argv[1], "--quiet")) {
		*quiet = true;
		i++;
	}
	if (argc <= i || (!many && argc > i + 1)) {
		usage_error(usage, many ? "expected object files" : "expected one object file");
		return -2;
	}
	return i;
}

#define CHECK_USAGE "usage: objtool check [--quiet] FILE.o...\n" \
		    "  --quiet  no warnings, only errors\n"

int cmd_check(int argc, char **argv)
{
	struct analysis a;
	int first, i, status = EXIT_OK;
	bool quiet;

	first = parse_files(argc, argv, CHECK_USAGE, true, &quiet);
	if (first < 0)
		return first == -1 ? EXIT_OK : EXIT_USAGE;
	for (i = first; i < argc; i++) {
		if (analyze(&a, argv[i], false, quiet, NULL))
			status = EXIT_ERROR;
		finish(&a);
	}
	return status;
}

#define ORC_USAGE "usage: objtool orc [--quiet] FILE.o...\n" \
		  "  checks each FILE.o and adds its ORC tables (" ORC_IP_SECTION ", " \
		  ORC_ENTRY_SECTION ")\n"

/* The file is written only if something was added: sites or tables. */
static int orc_one(const char *path, bool quiet, bool record_static_calls)
{
	struct static_call_counts sites = { 0 };
	struct orc_out *list = NULL;
	struct analysis a;
	size_t count = 0;
	int status = EXIT_ERROR;

	if (!analyze(&a, path, true, quiet, record_static_calls ? &sites : NULL) &&
	    !orc_compute(&a.cfg, &list, &count) &&
	    !orc_add_tables(&a.cfg, list, count) &&
	    (!(count || sites.recorded) || !elf_file_update(&a.obj.ef)))
		status = EXIT_OK;
	free(list);
	finish(&a);
	return status;
}

static int orc_files(int argc, char **argv, const char *usage,
		     bool record_static_calls)
{
	int first, i, status = EXIT_OK;
	bool quiet;

	first = parse_files(argc, argv, usage, true, &quiet);
	if (first < 0)
		return first == -1 ? EXIT_OK : EXIT_USAGE;
	for (i = first; i < argc; i++) {
		if (orc_one(argv[i], quiet, record_static_calls))
			status = EXIT_ERROR;
	}
	return status;
}

int cmd_orc(int argc, char **argv)
{
	return orc_files(argc, argv, ORC_USAGE, false);
}

#define OBJECT_USAGE "usage: objtool object [--quiet] FILE.o...\n" \
		     "  static-calls then orc on each FILE.o, with one read and one write\n"

int cmd_object(int argc, char **argv)
{
	return orc_files(argc, argv, OBJECT_USAGE, true);
}

static int dump_site(struct cfg *cfg, const struct alt_site *site,
		     void *arg __attribute__((unused)))
{
	char where[256];
	unsigned int i;

	objfile_describe(cfg->obj, site->shndx, site->site, where, sizeof(where));
	printf("  alternative  %-40s site %u bytes, original %u\n", where,
	       site->arms[0].sitelen, site->arms[0].oldlen);
	for (i = 0; i < site->nr_arms; i++)
		printf("               arm %u: %u bytes, feature 0x%x, flags 0x%x\n", i + 1,
		       site->arms[i].repllen, site->arms[i].feature, site->arms[i].flags);
	return 0;
}

static void dump_static_calls(struct cfg *cfg)
{
	const struct objfile *obj = cfg->obj;
	const struct obj_section *sec;
	char where[256];
	uint64_t toff;
	size_t i, r, tshndx;

	for (i = 1; i < obj->nr_sections; i++) {
		sec = &obj->sections[i];
		if (strcmp(sec->name, "static_call_sites"))
			continue;
		for (r = 0; r < sec->nr_relocs; r++) {
			const struct obj_reloc *rel = &sec->relocs[r];
			const struct obj_reloc *key = objfile_reloc_in(sec, rel->offset + 4, 1);

			if (rel->offset % 8 ||
			    objfile_reloc_target(obj, rel, 0, &tshndx, &toff) != 1)
				continue;
			objfile_describe(obj, tshndx, toff, where, sizeof(where));
			printf("  static call  %-40s key %s\n", where,
			       key ? obj->syms[key->sym].name : "?");
		}
	}
}

static void dump_entries(struct cfg *cfg, const struct orc_out *list, size_t count)
{
	char where[256], state[96], last_func[256] = "";
	size_t i, shndx = 0;
	char *plus;

	for (i = 0; i < count; i++) {
		if (list[i].shndx != shndx) {
			shndx = list[i].shndx;
			printf("section %s\n", cfg->obj->sections[shndx].name);
			last_func[0] = 0;
		}
		objfile_describe(cfg->obj, shndx, list[i].offset, where, sizeof(where));
		plus = strrchr(where, '+');
		if (plus && (size_t)(plus - where) < sizeof(last_func) &&
		    (strncmp(where, last_func, plus - where) || last_func[plus - where])) {
			memcpy(last_func, where, plus - where);
			last_func[plus - where] = 0;
			printf(" %s:\n", last_func);
		}
		orc_entry_format(&list[i].e, state, sizeof(state));
		printf("  %#8llx  %-40s %s\n", (unsigned long long)list[i].offset,
		       where, state);
	}
}

#define DUMP_USAGE "usage: objtool dump FILE.o\n"

int cmd_dump(int argc, char **argv)
{
	struct orc_out *list = NULL;
	struct analysis a;
	size_t count = 0;
	int status, first;
	bool quiet;

	first = parse_files(argc, argv, DUMP_USAGE, false, &quiet);
	if (first < 0)
		return first == -1 ? EXIT_OK : EXIT_USAGE;
	/* A table of what was found is useful even with errors. */
	status = analyze(&a, argv[first], false, quiet, NULL) ? EXIT_ERROR : EXIT_OK;
	if (a.cfg.code && !orc_compute(&a.cfg, &list, &count)) {
		printf("%s: sites\n", argv[first]);
		alt_for_each_site(&a.cfg, dump_site, NULL);
		dump_static_calls(&a.cfg);
		printf("%s: %zu ORC entries\n", argv[first], count);
		dump_entries(&a.cfg, list, count);
	}
	free(list);
	finish(&a);
	return status;
}
