/* test_cgview.c - the cgroup view's model: totals, first victims, rows, sorting, selection */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgview.h"
#include "memcg.h"
#include "proc.h"

/* Fail with a TAP diagnostic line (tests/run.sh shows the lines starting with #). */
#define FAIL(...) do { \
		printf("# "); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		fflush(stdout); \
		fail(); \
	} while (0)

#define MIB 1024UL

/* A process row of ps in memory cgroup memcg ("" unread). */
static struct proc *add(struct procset *ps, int pid, const char *memcg, unsigned long rss_kb, int adj,
			unsigned long long start, bool killable)
{
	struct proc *p = procset_push(ps);

	p->pid = pid;
	p->state = 'S';
	snprintf(p->comm, sizeof(p->comm), "p%d", pid);
	snprintf(p->memcg, sizeof(p->memcg), "%s", memcg);
	p->rss_kb = rss_kb;
	p->oom_adj = adj;
	p->start_time = start;
	p->killable = killable;
	p->oom_score = killable ? 666 : 0;
	p->memcg_limit_kb = -1;
	p->memcg_usage_kb = -1;
	return p;
}

static void ps_init(struct procset *ps, unsigned long long total_pages)
{
	procset_init(ps);
	ps->total_pages = total_pages;
	ps->page_kb = 4;
}

static void test_total_pages(void **state)
{
	(void)state;
	/* 200 MiB in 4 KiB pages */
	assert_int_equal(cgview_total_pages(204800, 0, 4), 51200);
	/* and the swap it may use */
	assert_int_equal(cgview_total_pages(204800, 1048576, 4), 51200 + 262144);
	/* 16 KiB and 64 KiB pages */
	assert_int_equal(cgview_total_pages(204800, 0, 16), 12800);
	assert_int_equal(cgview_total_pages(204800, 65536, 64), 3200 + 1024);
	/* no page size given: 4 KiB */
	assert_int_equal(cgview_total_pages(204800, 0, 0), 51200);
	/* no limit: only the swap; a limit of 0 is 0 */
	assert_int_equal(cgview_total_pages(-1, 0, 4), 0);
	assert_int_equal(cgview_total_pages(-1, 4096, 4), 1024);
	assert_int_equal(cgview_total_pages(0, 0, 4), 0);
	/* partial pages round down */
	assert_int_equal(cgview_total_pages(7, 7, 4), 2);
	/* large: 4 TiB of limit */
	assert_int_equal(cgview_total_pages(4LL << 30, 0, 4), 1ULL << 30);
}

/* cgview_victim's pid, or 0; *bad gets the badness (untouched without one). */
static int victim(const struct procset *ps, const char *top, unsigned long long total, long long *bad)
{
	long i = cgview_victim(ps, top, total, bad);

	if (i < -1 || i >= (long)ps->n)
		FAIL("cgview_victim(%s) = %ld for %zu processes", top, i, ps->n);
	return i < 0 ? 0 : ps->v[i]->pid;
}

static void test_victim_biggest(void **state)
{
	struct procset ps;
	long long bad = -7;

	(void)state;
	ps_init(&ps, 4000000);
	add(&ps, 10, "/a", 10 * MIB, 0, 100, true);
	add(&ps, 11, "/a", 100 * MIB, 0, 100, true);
	add(&ps, 12, "/a/b", 50 * MIB, 0, 100, true);
	assert_int_equal(victim(&ps, "/a", 51200, &bad), 11);
	assert_int_equal(bad, 25600);
	/* inside a subtree */
	assert_int_equal(victim(&ps, "/a/b", 51200, &bad), 12);
	assert_int_equal(bad, 12800);
	/* swap and page tables count like rss */
	ps.v[0]->swap_kb = 80 * MIB;
	ps.v[0]->pte_kb = 12 * MIB;
	assert_int_equal(victim(&ps, "/a", 51200, &bad), 10);
	assert_int_equal(bad, 2560 + 20480 + 3072);
	procset_fini(&ps);
}

/* oom_score_adj weighs total / 1000 pages per point: against the cgroup's total, not the machine's. */
static void test_victim_adj(void **state)
{
	struct procset ps;
	long long bad = 0;
	const unsigned long long cg_total = 51200;   /* 200M */
	const unsigned long long machine = 4000000;  /* ~15G */

	(void)state;
	ps_init(&ps, machine);
	add(&ps, 20, "/cg", 150 * MIB, 0, 100, true);   /* 38400 pages */
	add(&ps, 21, "/cg", 1 * MIB, 1000, 100, true);  /* 256 + 1000 * 51 */
	assert_int_equal(victim(&ps, "/cg", cg_total, &bad), 21);
	assert_int_equal(bad, 256 + 51000);
	/* adj 100 is worth only 5100 pages against the cgroup's 51200 */
	ps.v[1]->oom_adj = 100;
	assert_int_equal(victim(&ps, "/cg", cg_total, &bad), 20);
	assert_int_equal(bad, 38400);
	/* but 400000 against the machine's total */
	assert_int_equal(victim(&ps, "/cg", machine, &bad), 21);
	assert_int_equal(bad, 256 + 400000);
	/* a negative adj lowers a big process below a small one */
	ps.v[1]->oom_adj = 0;
	ps.v[0]->oom_adj = -800;
	assert_int_equal(victim(&ps, "/cg", cg_total, &bad), 21);
	assert_int_equal(bad, 256);
	/* alone, a process with a negative badness is still the victim */
	ps.v[1]->killable = false;
	assert_int_equal(victim(&ps, "/cg", cg_total, &bad), 20);
	assert_int_equal(bad, 38400 - 800LL * 51);
	assert_true(bad < 0);
	procset_fini(&ps);
}

static void test_victim_ties(void **state)
{
	struct procset ps;
	long long bad = 0;

	(void)state;
	/* equal badness: the newer process, wherever it stands in the list */
	ps_init(&ps, 4000000);
	add(&ps, 30, "/t", 8 * MIB, 0, 500, true);
	add(&ps, 31, "/t", 8 * MIB, 0, 900, true);
	add(&ps, 32, "/t", 8 * MIB, 0, 700, true);
	assert_int_equal(victim(&ps, "/t", 51200, &bad), 31);
	assert_int_equal(bad, 2048);
	procset_fini(&ps);

	ps_init(&ps, 4000000);
	add(&ps, 31, "/t", 8 * MIB, 0, 900, true);
	add(&ps, 30, "/t", 8 * MIB, 0, 500, true);
	assert_int_equal(victim(&ps, "/t", 51200, &bad), 31);
	procset_fini(&ps);

	/* equal badness reached differently (adj against size) is still a tie */
	ps_init(&ps, 4000000);
	add(&ps, 40, "/t", 51 * 4, 1, 100, true);  /* 51 + 51 */
	add(&ps, 41, "/t", 102 * 4, 0, 200, true); /* 102 */
	assert_int_equal(victim(&ps, "/t", 51200, &bad), 41);
	assert_int_equal(bad, 102);
	procset_fini(&ps);
}

static void test_victim_skips(void **state)
{
	struct procset ps;
	long long bad = -7;

	(void)state;
	ps_init(&ps, 4000000);
	add(&ps, 50, "/a", 900 * MIB, 0, 100, false);  /* not killable: skipped */
	add(&ps, 51, "/ab", 800 * MIB, 0, 100, true);  /* /ab is not inside /a */
	add(&ps, 52, "", 700 * MIB, 0, 100, true);     /* cgroup unread */
	add(&ps, 53, "/b/a", 600 * MIB, 0, 100, true); /* elsewhere */
	add(&ps, 54, "/a/x", 5 * MIB, 0, 100, true);
	add(&ps, 55, "/a", 4 * MIB, 0, 100, true);
	assert_int_equal(victim(&ps, "/a", 51200, &bad), 54);
	assert_int_equal(bad, 1280);
	/* the root holds every process with a cgroup */
	assert_int_equal(victim(&ps, "/", 51200, &bad), 51);
	/* nobody */
	bad = -7;
	assert_int_equal(victim(&ps, "/none", 51200, &bad), 0);
	assert_int_equal(cgview_victim(&ps, "/none", 51200, &bad), -1);
	assert_int_equal(bad, -7);
	ps.v[4]->killable = false;
	ps.v[5]->killable = false;
	assert_int_equal(cgview_victim(&ps, "/a", 51200, &bad), -1);
	assert_int_equal(bad, -7);
	procset_fini(&ps);
	/* an empty set */
	ps_init(&ps, 4000000);
	assert_int_equal(cgview_victim(&ps, "/", 51200, &bad), -1);
	procset_fini(&ps);
}

/* The rows' badness is not left in the processes (the table's ranks stay). */
static void test_victim_leaves_rows(void **state)
{
	struct procset ps;
	long long bad;

	(void)state;
	ps_init(&ps, 4000000);
	add(&ps, 60, "/a", 10 * MIB, 500, 100, true)->badness = 12345;
	ps.v[0]->rank = 3;
	assert_int_equal(victim(&ps, "/a", 51200, &bad), 60);
	assert_int_equal(ps.v[0]->badness, 12345);
	assert_int_equal(ps.v[0]->rank, 3);
	procset_fini(&ps);
}

static void test_col_names(void **state)
{
	static const char *const names[CG_COUNT] = {
		"PATH", "USAGE", "LIMIT", "PCT", "HIGH", "PSI", "OOMS", "GROUP", "PROCS", "VICTIM",
	};
	int c;

	(void)state;
	for (c = 0; c < CG_COUNT; c++)
		assert_string_equal(cgview_col_name((enum cgcol)c), names[c]);
	assert_string_equal(cgview_col_name(CG_COUNT), "?");
}

/* ------------------------------------------------------ a fake hierarchy */

static char root[64];

static void mkdirs(const char *rel)
{
	char path[512], *p;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	for (p = path + strlen(root) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			FAIL("mkdir %s: %s", path, strerror(errno));
		*p = '/';
	}
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		FAIL("mkdir %s: %s", path, strerror(errno));
}

static void put(const char *rel, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s/%s", root, strcmp(rel, "/") == 0 ? "" : rel, name);
	f = fopen(path, "w");
	if (!f)
		FAIL("cannot write %s: %s", path, strerror(errno));
	fputs(text, f);
	fclose(f);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void rm_tree(const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s%s", root, rel);
	assert_int_equal(nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
}

static int setup_root(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/oomtop-cgview-XXXXXX");
	return mkdtemp(root) ? 0 : -1;
}

static int teardown_root(void **state)
{
	(void)state;
	return nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void clear_root(void)
{
	rm_tree("");
	assert_int_equal(mkdir(root, 0700), 0);
}

/* A v1 cgroup: limit and usage in KiB (-1: no limit), its oom_kill count. */
static void v1_cg(const char *rel, long long limit_kb, long long usage_kb, int oom_kill)
{
	char buf[128];

	if (strcmp(rel, "/") != 0)
		mkdirs(rel);
	put(rel, "cgroup.procs", "");
	if (limit_kb < 0)
		snprintf(buf, sizeof(buf), "9223372036854771712\n");
	else
		snprintf(buf, sizeof(buf), "%lld\n", limit_kb * 1024);
	put(rel, "memory.limit_in_bytes", buf);
	snprintf(buf, sizeof(buf), "%lld\n", usage_kb * 1024);
	put(rel, "memory.usage_in_bytes", buf);
	snprintf(buf, sizeof(buf), "oom_kill_disable 0\nunder_oom 0\noom_kill %d\n", oom_kill);
	put(rel, "memory.oom_control", buf);
}

static void set_init_fake(struct memcg_set *s)
{
	memcg_set_init(s);
	memset(&s->mounts, 0, sizeof(s->mounts));
	snprintf(s->mounts.v1, sizeof(s->mounts.v1), "%s", root);
	memcg_set_begin(s);
}

static const struct cgrow *row(const struct cgview *cv, const char *path)
{
	size_t i;

	for (i = 0; i < cv->n; i++)
		if (strcmp(cv->v[i].cg.path, path) == 0)
			return &cv->v[i];
	return NULL;
}

static void expect_order(const struct cgview *cv, const char *const *paths, size_t n, const char *what)
{
	size_t i;
	char got[512] = "";

	for (i = 0; i < cv->n; i++) {
		strncat(got, " ", sizeof(got) - strlen(got) - 1);
		strncat(got, cv->v[i].cg.path, sizeof(got) - strlen(got) - 1);
	}
	if (cv->n != n)
		FAIL("%s: %zu rows (%s), expected %zu", what, cv->n, got, n);
	for (i = 0; i < n; i++)
		if (strcmp(cv->v[i].cg.path, paths[i]) != 0)
			FAIL("%s: order%s, expected %s at %zu", what, got, paths[i], i);
}

/*
 * /            no limit
 * /lim         200M, 130M used
 * /lim/inner   no limit of its own, 2 OOM kills, 80M used
 * /lim/quiet   no limit, no OOM: no row
 * /free        no limit, no OOM: no row
 * /oomonly     no limit anywhere above, 1 OOM kill
 * /small       10M, 9M used
 */
static void make_tree(void)
{
	clear_root();
	v1_cg("/", -1, 2000 * 1024, 0);
	v1_cg("/lim", 200 * 1024, 130 * 1024, 0);
	v1_cg("/lim/inner", -1, 80 * 1024, 2);
	v1_cg("/lim/quiet", -1, 10 * 1024, 0);
	v1_cg("/free", -1, 500 * 1024, 0);
	v1_cg("/oomonly", -1, 1024, 1);
	v1_cg("/small", 10 * 1024, 9 * 1024, 0);
}

static void make_procs(struct procset *ps)
{
	ps_init(ps, 4000000);
	add(ps, 100, "/lim", 50 * MIB, 0, 100, true);         /* 12800 */
	add(ps, 101, "/lim/inner", 80 * MIB, 0, 100, true);   /* 20480 */
	add(ps, 102, "/lim/quiet", 10 * MIB, 500, 100, true); /* 2560 + 500 * total/1000 */
	add(ps, 103, "/free", 500 * MIB, 0, 100, true);
	add(ps, 104, "/small", 5 * MIB, 0, 100, false);
	add(ps, 105, "/oomonly", 1 * MIB, 0, 100, true);
	add(ps, 106, "", 900 * MIB, 0, 100, true);
}

static void test_build(void **state)
{
	static const char *const by_pct[] = { "/small", "/lim", "/lim/inner", "/oomonly" };
	struct memcg_set set;
	struct procset ps;
	struct cgview cv;
	const struct cgrow *r;

	(void)state;
	make_tree();
	make_procs(&ps);
	set_init_fake(&set);
	cgview_init(&cv);
	assert_int_equal(cv.sort, CG_PCT);
	assert_false(cv.reverse);
	cgview_build(&cv, &set, &ps, 0);
	assert_true(set.scanned);
	/* rows only for a limit or an OOM; by PCT, largest first; no limit last */
	expect_order(&cv, by_pct, 4, "build");

	r = row(&cv, "/lim");
	assert_int_equal(r->limit_kb, 204800);
	assert_int_equal(r->cg.limit_kb, 204800);
	assert_int_equal(r->cg.usage_kb, 133120);
	assert_int_equal(r->nprocs, 3);
	assert_true(r->has_victim);
	assert_int_equal(r->victim_pid, 102);
	assert_int_equal(r->victim_start, 100);
	assert_string_equal(r->victim_comm, "p102");
	assert_int_equal(r->victim_badness, 2560 + 500 * 51);
	assert_string_equal(r->label, "/lim");

	/* an OOM-only cgroup: the limit that bites comes from above */
	r = row(&cv, "/lim/inner");
	assert_int_equal(r->cg.limit_kb, -1);
	assert_int_equal(r->limit_kb, 204800);
	assert_int_equal(r->cg.oom_kills, 2);
	assert_int_equal(r->nprocs, 1);
	assert_true(r->has_victim);
	assert_int_equal(r->victim_pid, 101);
	assert_int_equal(r->victim_badness, 20480);

	/* no limit anywhere: the machine's total */
	r = row(&cv, "/oomonly");
	assert_int_equal(r->limit_kb, -1);
	assert_int_equal(r->nprocs, 1);
	assert_int_equal(r->victim_pid, 105);
	assert_int_equal(r->victim_badness, 256);

	/* nobody killable */
	r = row(&cv, "/small");
	assert_int_equal(r->limit_kb, 10240);
	assert_int_equal(r->nprocs, 1);
	assert_false(r->has_victim);

	assert_null(row(&cv, "/"));
	assert_null(row(&cv, "/free"));
	assert_null(row(&cv, "/lim/quiet"));
	cgview_fini(&cv);
	memcg_set_fini(&set);
	procset_fini(&ps);
}

/* The swap the cgroup may use is part of its total: adj weighs more. */
static void test_build_swap(void **state)
{
	struct memcg_set set;
	struct procset ps;
	struct cgview cv;
	const struct cgrow *r;

	(void)state;
	make_tree();
	make_procs(&ps);
	set_init_fake(&set);
	cgview_init(&cv);
	cgview_build(&cv, &set, &ps, 1048576);
	r = row(&cv, "/lim");
	assert_non_null(r);
	assert_int_equal(r->victim_pid, 102);
	assert_int_equal(r->victim_badness, 2560 + 500LL * ((51200 + 262144) / 1000));
	r = row(&cv, "/lim/inner");
	assert_int_equal(r->victim_badness, 20480);
	cgview_fini(&cv);
	memcg_set_fini(&set);
	procset_fini(&ps);
}

/* With no process at all, rows still come. */
static void test_build_no_procs(void **state)
{
	struct memcg_set set;
	struct procset ps;
	struct cgview cv;
	size_t i;

	(void)state;
	make_tree();
	ps_init(&ps, 4000000);
	set_init_fake(&set);
	cgview_init(&cv);
	cgview_build(&cv, &set, &ps, 0);
	assert_int_equal(cv.n, 4);
	for (i = 0; i < cv.n; i++) {
		assert_int_equal(cv.v[i].nprocs, 0);
		assert_false(cv.v[i].has_victim);
	}
	cgview_fini(&cv);
	memcg_set_fini(&set);
	procset_fini(&ps);
}

/* Nothing to show. */
static void test_build_empty(void **state)
{
	struct memcg_set set;
	struct procset ps;
	struct cgview cv;

	(void)state;
	clear_root();
	v1_cg("/", -1, 1024, 0);
	v1_cg("/a", -1, 1024, 0);
	make_procs(&ps);
	set_init_fake(&set);
	cgview_init(&cv);
	cgview_build(&cv, &set, &ps, 0);
	assert_int_equal(cv.n, 0);
	assert_int_equal(cv.sel, 0);
	cgview_move(&cv, 1);
	assert_int_equal(cv.sel, 0);
	cgview_move(&cv, -1);
	assert_int_equal(cv.sel, 0);
	cgview_fini(&cv);
	memcg_set_fini(&set);
	procset_fini(&ps);
}

/* A refresh later: values re-read, removed cgroups gone, new ones there. */
static void test_build_refresh(void **state)
{
	static const char *const after[] = { "/lim", "/new", "/lim/inner", "/oomonly" };
	struct memcg_set set;
	struct procset ps;
	struct cgview cv;

	(void)state;
	make_tree();
	make_procs(&ps);
	set_init_fake(&set);
	cgview_init(&cv);
	cgview_build(&cv, &set, &ps, 0);
	assert_int_equal(cv.n, 4);

	rm_tree("/small");
	v1_cg("/new", 100 * 1024, 50 * 1024, 0);                   /* 50% */
	put("/lim", "memory.usage_in_bytes", "199229440\n");     /* 190M: 95% */
	memcg_set_begin(&set);
	cgview_build(&cv, &set, &ps, 0);
	expect_order(&cv, after, 4, "after a refresh");
	assert_int_equal(row(&cv, "/lim")->cg.usage_kb, 194560);
	cgview_fini(&cv);
	memcg_set_fini(&set);
	procset_fini(&ps);
}

/* The selection follows its cgroup across rebuilds and sorts. */
static void test_selection_kept(void **state)
{
	struct memcg_set set;
	struct procset ps;
	struct cgview cv;
	size_t i;

	(void)state;
	make_tree();
	make_procs(&ps);
	set_init_fake(&set);
	cgview_init(&cv);
	cgview_build(&cv, &set, &ps, 0);
	/* /small, /lim, /lim/inner, /oomonly: select /lim/inner */
	cgview_move(&cv, 2);
	assert_int_equal(cv.sel, 2);
	assert_string_equal(cv.sel_path, "/lim/inner");
	assert_string_equal(cv.v[cv.sel].cg.path, "/lim/inner");

	/* /lim/inner climbs to the top */
	put("/lim/inner", "memory.usage_in_bytes", "209715200\n");
	memcg_set_begin(&set);
	cgview_build(&cv, &set, &ps, 0);
	assert_string_equal(cv.v[0].cg.path, "/lim/inner");
	assert_int_equal(cv.sel, 0);
	assert_string_equal(cv.sel_path, "/lim/inner");

	/* by path */
	cv.sort = CG_PATH;
	cgview_sort(&cv);
	assert_string_equal(cv.v[cv.sel].cg.path, "/lim/inner");
	cv.reverse = true;
	cgview_sort(&cv);
	assert_string_equal(cv.v[cv.sel].cg.path, "/lim/inner");

	/* the selected cgroup goes away: a row that exists is selected */
	rm_tree("/lim/inner");
	memcg_set_begin(&set);
	cgview_build(&cv, &set, &ps, 0);
	assert_int_equal(cv.n, 3);
	assert_true(cv.sel < cv.n);
	for (i = 0; i < cv.n; i++)
		assert_string_not_equal(cv.v[i].cg.path, "/lim/inner");
	cgview_fini(&cv);
	memcg_set_fini(&set);
	procset_fini(&ps);
}

/* ----------------------------------------------------------------- sorting */

static void mkrow(struct cgrow *r, const char *path, long long usage, long long limit, long long high,
		  double psi, long long ooms, int group, int nprocs, long long badness)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->cg.path, sizeof(r->cg.path), "%s", path);
	r->cg.usage_kb = usage;
	r->cg.limit_kb = limit;
	r->limit_kb = limit;
	r->cg.high_kb = high;
	r->cg.psi_some10 = psi;
	r->cg.oom_kills = ooms;
	r->cg.oom_group = group;
	r->nprocs = nprocs;
	r->has_victim = badness != 0;
	r->victim_badness = badness;
}

static void make_rows(struct cgview *cv)
{
	cgview_init(cv);
	cv->cap = 8;
	cv->v = calloc(cv->cap, sizeof(*cv->v));
	assert_non_null(cv->v);
	/*                       path  usage  limit  high  psi   ooms grp procs badness */
	mkrow(&cv->v[0], "/b", 3000, 10000, 9000, 0.5, 0, 0, 5, 300);     /* 30% */
	mkrow(&cv->v[1], "/d", 9000, 10000, -1, -1, 7, 1, 1, 900);        /* 90% */
	mkrow(&cv->v[2], "/a", 1000, 2000, 1500, 9.0, 2, -1, 9, 100);     /* 50% */
	mkrow(&cv->v[3], "/c", 500000, -1, -1, 2.5, 1, 0, 0, 0);          /* no limit */
	mkrow(&cv->v[4], "/e", 100, 100000, 50000, 0.0, 0, 1, 3, 50000);  /* 0% */
	cv->n = 5;
}

static void expect_sorted(enum cgcol col, const char *const want[5])
{
	struct cgview cv;
	const char *rev[5];
	size_t i;
	char what[64];

	make_rows(&cv);
	cv.sort = col;
	cgview_sort(&cv);
	snprintf(what, sizeof(what), "sort by %s", cgview_col_name(col));
	expect_order(&cv, want, 5, what);
	/* reverse: the other way round, all of it */
	for (i = 0; i < 5; i++)
		rev[i] = want[4 - i];
	cv.reverse = true;
	cgview_sort(&cv);
	snprintf(what, sizeof(what), "sort by %s, reversed", cgview_col_name(col));
	expect_order(&cv, rev, 5, what);
	cgview_fini(&cv);
}

static void test_sort_columns(void **state)
{
	(void)state;
	expect_sorted(CG_PATH, (const char *const[]){ "/a", "/b", "/c", "/d", "/e" });
	expect_sorted(CG_USAGE, (const char *const[]){ "/c", "/d", "/b", "/a", "/e" });
	expect_sorted(CG_LIMIT, (const char *const[]){ "/e", "/b", "/d", "/a", "/c" });
	expect_sorted(CG_PCT, (const char *const[]){ "/d", "/a", "/b", "/e", "/c" });
	expect_sorted(CG_HIGH, (const char *const[]){ "/e", "/b", "/a", "/c", "/d" });
	expect_sorted(CG_PSI, (const char *const[]){ "/a", "/c", "/b", "/e", "/d" });
	expect_sorted(CG_OOMS, (const char *const[]){ "/d", "/a", "/c", "/b", "/e" });
	expect_sorted(CG_GROUP, (const char *const[]){ "/d", "/e", "/b", "/c", "/a" });
	expect_sorted(CG_PROCS, (const char *const[]){ "/a", "/b", "/e", "/d", "/c" });
	expect_sorted(CG_VICTIM, (const char *const[]){ "/e", "/d", "/b", "/a", "/c" });
}

/* Equal keys: by path, so that the order does not jump between refreshes. */
static void test_sort_ties(void **state)
{
	struct cgview cv;
	static const char *const want[] = { "/a", "/b", "/c", "/d", "/e" };
	size_t i;

	(void)state;
	make_rows(&cv);
	for (i = 0; i < cv.n; i++) {
		cv.v[i].cg.usage_kb = 5;
		cv.v[i].limit_kb = 10;
	}
	cv.sort = CG_PCT;
	cgview_sort(&cv);
	expect_order(&cv, want, 5, "ties by path");
	cv.sort = CG_USAGE;
	cgview_sort(&cv);
	expect_order(&cv, want, 5, "ties by path (usage)");
	cgview_fini(&cv);
}

/* PCT is of the limit that bites (inherited), and unknown usage sorts last. */
static void test_sort_pct_inherited(void **state)
{
	struct cgview cv;
	static const char *const want[] = { "/inner", "/x", "/unknown" };

	(void)state;
	cgview_init(&cv);
	cv.cap = 4;
	cv.v = calloc(cv.cap, sizeof(*cv.v));
	assert_non_null(cv.v);
	mkrow(&cv.v[0], "/x", 400, 1000, -1, -1, 0, -1, 0, 0);        /* 40% */
	mkrow(&cv.v[1], "/unknown", -1, 1000, -1, -1, 0, -1, 0, 0);
	mkrow(&cv.v[2], "/inner", 800, -1, -1, -1, 1, -1, 0, 0);
	cv.v[2].limit_kb = 1000;                                       /* 80% of the limit above */
	cv.n = 3;
	cgview_sort(&cv);
	expect_order(&cv, want, 3, "PCT of the limit that bites");
	cgview_fini(&cv);
}

static void test_move(void **state)
{
	struct cgview cv;

	(void)state;
	make_rows(&cv);
	cv.sort = CG_PATH;
	cgview_sort(&cv);
	assert_int_equal(cv.sel, 0);
	cgview_move(&cv, -1);
	assert_int_equal(cv.sel, 0);
	assert_string_equal(cv.sel_path, "/a");
	cgview_move(&cv, 1);
	assert_int_equal(cv.sel, 1);
	assert_string_equal(cv.sel_path, "/b");
	cgview_move(&cv, 2);
	assert_int_equal(cv.sel, 3);
	assert_string_equal(cv.sel_path, "/d");
	cgview_move(&cv, 100);
	assert_int_equal(cv.sel, 4);
	assert_string_equal(cv.sel_path, "/e");
	cgview_move(&cv, 0);
	assert_int_equal(cv.sel, 4);
	cgview_move(&cv, -3);
	assert_int_equal(cv.sel, 1);
	cgview_move(&cv, -1000000);
	assert_int_equal(cv.sel, 0);
	assert_string_equal(cv.sel_path, "/a");
	/* Home and End as the view sends them */
	cgview_move(&cv, (long)cv.n);
	assert_int_equal(cv.sel, 4);
	cgview_move(&cv, -(long)cv.n);
	assert_int_equal(cv.sel, 0);
	/* a re-sort keeps the selected cgroup */
	cgview_move(&cv, 1); /* /b */
	cv.sort = CG_PCT;    /* /d /a /b /e /c */
	cgview_sort(&cv);
	assert_int_equal(cv.sel, 2);
	assert_string_equal(cv.v[cv.sel].cg.path, "/b");
	cgview_fini(&cv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_total_pages),
		cmocka_unit_test(test_victim_biggest),
		cmocka_unit_test(test_victim_adj),
		cmocka_unit_test(test_victim_ties),
		cmocka_unit_test(test_victim_skips),
		cmocka_unit_test(test_victim_leaves_rows),
		cmocka_unit_test(test_col_names),
		cmocka_unit_test(test_build),
		cmocka_unit_test(test_build_swap),
		cmocka_unit_test(test_build_no_procs),
		cmocka_unit_test(test_build_empty),
		cmocka_unit_test(test_build_refresh),
		cmocka_unit_test(test_selection_kept),
		cmocka_unit_test(test_sort_columns),
		cmocka_unit_test(test_sort_ties),
		cmocka_unit_test(test_sort_pct_inherited),
		cmocka_unit_test(test_move),
	};

	return cmocka_run_group_tests_name("cgview", tests, setup_root, teardown_root);
}
