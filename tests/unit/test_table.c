/* test_table.c - the model: filters, sort order, selection by identity, scrolling */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "proc.h"
#include "rank.h"
#include "table.h"

/* Fail with a TAP diagnostic line (tests/run.sh shows the lines starting with #). */
#define FAIL(...) do { \
		printf("# "); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		fflush(stdout); \
		fail(); \
	} while (0)

struct spec {
	int pid;
	unsigned long long start;
	unsigned uid;
	const char *user;
	const char *comm;
	int score, adj;
	unsigned long rss_kb;
	bool kthread;
};

/* Fill ps (reusing its rows, as a refresh does) from specs, then rank it. */
static void fill(struct procset *ps, const struct spec *s, size_t n)
{
	size_t i;

	procset_begin(ps); /* a new refresh: rows not seen again are freed */
	ps->total_pages = 4000000;
	ps->page_kb = 4;
	for (i = 0; i < n; i++) {
		struct proc *p = procset_push(ps);

		p->pid = s[i].pid;
		p->start_time = s[i].start;
		p->uid = s[i].uid;
		snprintf(p->user, sizeof(p->user), "%s", s[i].user ? s[i].user : "root");
		snprintf(p->comm, sizeof(p->comm), "%s", s[i].comm ? s[i].comm : "proc");
		p->state = 'S';
		p->oom_score = s[i].score;
		p->oom_adj = s[i].adj;
		p->rss_kb = s[i].rss_kb;
		p->kthread = s[i].kthread;
	}
	rank_compute(ps);
}

#define FILL(ps, arr) fill(ps, arr, sizeof(arr) / sizeof(arr[0]))

/* A small system: init, two kthreads, a protected daemon, users' processes. */
static const struct spec base[] = {
	{ 1, 1, 0, "root", "systemd", 0, 0, 12000, false },
	{ 2, 1, 0, "root", "kthreadd", 0, 0, 0, true },
	{ 15, 2, 0, "root", "kworker/0:1", 0, 0, 0, true },
	{ 300, 50, 0, "root", "sshd", 0, -1000, 8000, false },
	{ 400, 60, 1000, "alice", "firefox", 700, 0, 900000, false },
	{ 500, 70, 1000, "alice", "bash", 666, 0, 5000, false },
	{ 600, 80, 1001, "bob", "postgres", 666, 0, 200000, false },
	{ 700, 90, 1001, "bob", "vim", 666, 0, 12000, false },
	{ 800, 95, 33, "www-data", "apache2", 1500, 800, 30000, false },
};

static bool in_view(const struct table *t, int pid)
{
	size_t i;

	for (i = 0; i < t->nview; i++)
		if (t->view[i]->pid == pid)
			return true;
	return false;
}

static int pid_at(const struct table *t, size_t i)
{
	assert_true(i < t->nview);
	return t->view[i]->pid;
}

struct fixture {
	struct procset ps;
	struct table t;
};

static int setup(void **state)
{
	static struct fixture f;

	procset_init(&f.ps);
	table_init(&f.t);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	table_fini(&f->t);
	procset_fini(&f->ps);
	return 0;
}

static void test_init_defaults(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(f->t.sort_col, COL_RANK);
	assert_false(f->t.reverse);
	assert_false(f->t.show_kthreads);
	assert_null(f->t.pids);
	assert_false(f->t.filter_uid);
	assert_null(table_selected(&f->t));
}

static void test_kthreads_hidden_by_default(void **state)
{
	struct fixture *f = *state;

	FILL(&f->ps, base);
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(f->t.nview, 7);
	assert_false(in_view(&f->t, 2));
	assert_false(in_view(&f->t, 15));
	assert_true(in_view(&f->t, 1));
	f->t.show_kthreads = true;
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(f->t.nview, 9);
	assert_true(in_view(&f->t, 2));
	assert_true(in_view(&f->t, 15));
}

static void test_pid_filter(void **state)
{
	struct fixture *f = *state;
	static const int pids[] = { 500, 800, 9999 };

	FILL(&f->ps, base);
	f->t.pids = pids;
	f->t.npids = 3;
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(f->t.nview, 2);
	assert_true(in_view(&f->t, 500));
	assert_true(in_view(&f->t, 800));
	/* a pid that matches nothing: an empty view, no selection */
	f->t.pids = pids + 2;
	f->t.npids = 1;
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(f->t.nview, 0);
	assert_null(table_selected(&f->t));
}

static void test_uid_filter(void **state)
{
	struct fixture *f = *state;
	static const int pids[] = { 500, 600 };

	FILL(&f->ps, base);
	f->t.filter_uid = true;
	f->t.uid = 1001;
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(f->t.nview, 2);
	assert_true(in_view(&f->t, 600));
	assert_true(in_view(&f->t, 700));
	/* with -p too: both must match */
	f->t.pids = pids;
	f->t.npids = 2;
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(f->t.nview, 1);
	assert_int_equal(pid_at(&f->t, 0), 600);
	/* root's filter does not show kernel threads unless asked */
	f->t.pids = NULL;
	f->t.npids = 0;
	f->t.uid = 0;
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(f->t.nview, 2);
	assert_true(in_view(&f->t, 1));
	assert_true(in_view(&f->t, 300));
}

static void test_default_sort_rank(void **state)
{
	struct fixture *f = *state;
	size_t i, nk = 0;

	f->t.show_kthreads = true;
	FILL(&f->ps, base);
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(f->t.nview, 9);
	/* killed first: apache2 (score 1500), firefox (700), then the 666s by rss */
	assert_int_equal(pid_at(&f->t, 0), 800);
	assert_int_equal(pid_at(&f->t, 1), 400);
	assert_int_equal(pid_at(&f->t, 2), 600);
	assert_int_equal(pid_at(&f->t, 3), 700);
	assert_int_equal(pid_at(&f->t, 4), 500);
	for (i = 0; i < f->t.nview; i++) {
		if (f->t.view[i]->rank > 0) {
			assert_int_equal(f->t.view[i]->rank, (int)i + 1);
			assert_int_equal(nk, i); /* no unkillable row before a killable one */
			nk++;
		}
	}
	assert_int_equal(nk, 5);
	/* the unkillable rows come last */
	for (i = nk; i < f->t.nview; i++)
		assert_int_equal(f->t.view[i]->rank, 0);
}

/* An unkillable row with a high oom_score still sorts after every rank. */
static void test_unkillable_last_despite_score(void **state)
{
	struct fixture *f = *state;
	static const struct spec s[] = {
		{ 10, 1, 0, "root", "a", 100, 0, 4000, false },
		{ 11, 1, 0, "root", "zombie", 1900, 0, 4000, false },
		{ 12, 1, 0, "root", "b", 50, 0, 4000, false },
	};

	FILL(&f->ps, s);
	f->ps.v[1]->state = 'Z';
	rank_compute(&f->ps);
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(pid_at(&f->t, 0), 10);
	assert_int_equal(pid_at(&f->t, 1), 12);
	assert_int_equal(pid_at(&f->t, 2), 11);
}

static void test_sort_columns(void **state)
{
	struct fixture *f = *state;
	size_t i;

	FILL(&f->ps, base);
	f->t.sort_col = COL_PID;
	table_rebuild(&f->t, &f->ps);
	for (i = 1; i < f->t.nview; i++)
		assert_true(pid_at(&f->t, i - 1) < pid_at(&f->t, i));

	f->t.reverse = true;
	table_rebuild(&f->t, &f->ps);
	for (i = 1; i < f->t.nview; i++)
		assert_true(pid_at(&f->t, i - 1) > pid_at(&f->t, i));
	f->t.reverse = false;

	f->t.sort_col = COL_RSS;
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(pid_at(&f->t, 0), 400);
	for (i = 1; i < f->t.nview; i++)
		assert_true(f->t.view[i - 1]->rss_kb >= f->t.view[i]->rss_kb);

	f->t.sort_col = COL_ADJ;
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(pid_at(&f->t, 0), 800);
	assert_int_equal(pid_at(&f->t, f->t.nview - 1), 300);

	f->t.sort_col = COL_USER;
	table_rebuild(&f->t, &f->ps);
	assert_string_equal(f->t.view[0]->user, "alice");
	assert_string_equal(f->t.view[f->t.nview - 1]->user, "www-data");
	/* equal users: kill order decides (firefox before bash) */
	assert_int_equal(pid_at(&f->t, 0), 400);
	assert_int_equal(pid_at(&f->t, 1), 500);

	f->t.sort_col = COL_COMMAND;
	table_rebuild(&f->t, &f->ps);
	assert_string_equal(f->t.view[0]->comm, "apache2");
	assert_string_equal(f->t.view[f->t.nview - 1]->comm, "vim");

	/* reversed rank: unkillable first, then the next victim last */
	f->t.sort_col = COL_RANK;
	f->t.reverse = true;
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(f->t.view[0]->rank, 0);
	assert_int_equal(pid_at(&f->t, f->t.nview - 1), 800);
}

static void test_table_cmp(void **state)
{
	struct fixture *f = *state;
	struct proc *a, *b;

	FILL(&f->ps, base);
	a = procset_find(&f->ps, 400, 60);
	b = procset_find(&f->ps, 500, 70);
	assert_non_null(a);
	assert_non_null(b);
	assert_true(table_cmp(&f->t, a, b) < 0);
	assert_true(table_cmp(&f->t, b, a) > 0);
	assert_int_equal(table_cmp(&f->t, a, a), 0);
	f->t.sort_col = COL_PID;
	assert_true(table_cmp(&f->t, a, b) < 0);
	f->t.reverse = true;
	assert_true(table_cmp(&f->t, a, b) > 0);
}

/* The selected process stays selected when the order changes. */
static void test_selection_follows_process(void **state)
{
	struct fixture *f = *state;
	struct spec s[sizeof(base) / sizeof(base[0])];

	memcpy(s, base, sizeof(s));
	FILL(&f->ps, s);
	table_rebuild(&f->t, &f->ps);
	/* select vim (pid 700): fourth in kill order */
	table_move(&f->t, 3);
	assert_int_equal(table_selected(&f->t)->pid, 700);

	/* vim grows to the top: the selection moves with it */
	s[7].rss_kb = 3000000;
	s[7].score = 900;
	FILL(&f->ps, s);
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(table_selected(&f->t)->pid, 700);
	assert_int_equal(f->t.sel, 1);

	/* a refresh that lists the processes in another order */
	{
		struct spec r[sizeof(s) / sizeof(s[0])];
		size_t i, n = sizeof(s) / sizeof(s[0]);

		for (i = 0; i < n; i++)
			r[i] = s[n - 1 - i];
		fill(&f->ps, r, n);
	}
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(table_selected(&f->t)->pid, 700);
	assert_int_equal(table_selected(&f->t)->start_time, 90);

	/* the selection also survives a change of sort column */
	f->t.sort_col = COL_PID;
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(table_selected(&f->t)->pid, 700);
	assert_int_equal(f->t.sel, 5);
}

/* When the selected process exits, the selection keeps its position. */
static void test_selection_keeps_position(void **state)
{
	struct fixture *f = *state;
	struct spec s[sizeof(base) / sizeof(base[0])];
	size_t n = sizeof(base) / sizeof(base[0]), i, k = 0;

	FILL(&f->ps, base);
	table_rebuild(&f->t, &f->ps);
	table_move(&f->t, 2);       /* postgres, pid 600 */
	assert_int_equal(table_selected(&f->t)->pid, 600);
	for (i = 0; i < n; i++)
		if (base[i].pid != 600)
			s[k++] = base[i];
	fill(&f->ps, s, k);
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(f->t.sel, 2);
	assert_non_null(table_selected(&f->t));
	assert_int_equal(table_selected(&f->t)->pid, 700);
	/* and from now on it follows the new process */
	assert_int_equal(f->t.sel_pid, 700);
	assert_int_equal(f->t.sel_start, 90);

	/* the last row vanishes: the selection moves to the new last row */
	table_jump(&f->t, true);
	{
		int last = table_selected(&f->t)->pid;

		k = 0;
		for (i = 0; i < n; i++)
			if (base[i].pid != 600 && base[i].pid != last)
				s[k++] = base[i];
	}
	fill(&f->ps, s, k);
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(f->t.sel, f->t.nview - 1);
	assert_non_null(table_selected(&f->t));
}

/* A pid reused by a new process is not the selected process. */
static void test_pid_reuse_is_not_identity(void **state)
{
	struct fixture *f = *state;
	struct spec s[sizeof(base) / sizeof(base[0])];

	memcpy(s, base, sizeof(s));
	FILL(&f->ps, s);
	table_rebuild(&f->t, &f->ps);
	table_move(&f->t, 3);     /* vim: pid 700, started at 90 */
	assert_int_equal(table_selected(&f->t)->pid, 700);
	/* vim exits; a new process gets pid 700 and becomes the next victim */
	s[7].start = 5000;
	s[7].comm = "miner";
	s[7].score = 1999;
	s[7].rss_kb = 8000000;
	FILL(&f->ps, s);
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(pid_at(&f->t, 0), 700);
	/* the selection did not jump to the impostor at row 0 */
	assert_int_equal(f->t.sel, 3);
	assert_true(table_selected(&f->t)->pid != 700 ||
		    table_selected(&f->t)->start_time != 90);
	assert_int_not_equal(f->t.sel, 0);
}

static void test_move_clamps(void **state)
{
	struct fixture *f = *state;

	FILL(&f->ps, base);
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(f->t.sel, 0);
	table_move(&f->t, -1);
	assert_int_equal(f->t.sel, 0);
	table_move(&f->t, -1000);
	assert_int_equal(f->t.sel, 0);
	table_move(&f->t, 1);
	assert_int_equal(f->t.sel, 1);
	table_move(&f->t, 1000);
	assert_int_equal(f->t.sel, f->t.nview - 1);
	assert_int_equal(table_selected(&f->t)->pid, f->t.view[f->t.nview - 1]->pid);
	table_move(&f->t, 1);
	assert_int_equal(f->t.sel, f->t.nview - 1);
	table_move(&f->t, -2);
	assert_int_equal(f->t.sel, f->t.nview - 3);
	assert_int_equal(f->t.sel_pid, table_selected(&f->t)->pid);
	assert_int_equal(f->t.sel_start, table_selected(&f->t)->start_time);
}

static void test_move_on_empty_view(void **state)
{
	struct fixture *f = *state;
	static const int none[] = { 4242 };

	FILL(&f->ps, base);
	f->t.pids = none;
	f->t.npids = 1;
	table_rebuild(&f->t, &f->ps);
	table_move(&f->t, 1);
	table_move(&f->t, -1);
	table_jump(&f->t, true);
	table_scroll(&f->t, 10);
	assert_int_equal(f->t.sel, 0);
	assert_int_equal(f->t.top, 0);
	assert_null(table_selected(&f->t));
}

static void test_jump(void **state)
{
	struct fixture *f = *state;

	FILL(&f->ps, base);
	table_rebuild(&f->t, &f->ps);
	table_jump(&f->t, true);
	assert_int_equal(f->t.sel, f->t.nview - 1);
	assert_int_equal(f->t.sel_pid, f->t.view[f->t.nview - 1]->pid);
	table_jump(&f->t, false);
	assert_int_equal(f->t.sel, 0);
	assert_int_equal(f->t.sel_pid, 800);
}

/* Many processes for scrolling. */
static void fill_many(struct procset *ps, int n)
{
	int i;

	procset_begin(ps); /* a new refresh: rows not seen again are freed */
	ps->total_pages = 4000000;
	ps->page_kb = 4;
	for (i = 0; i < n; i++) {
		struct proc *p = procset_push(ps);

		p->pid = 1000 + i;
		p->start_time = 10;
		p->state = 'S';
		p->oom_score = 666;
		p->rss_kb = 4UL * (unsigned long)(n - i);
		snprintf(p->comm, sizeof(p->comm), "p%d", i);
	}
	rank_compute(ps);
}

static void check_visible(const struct table *t, size_t rows)
{
	assert_true(t->top <= t->sel);
	assert_true(t->sel < t->top + rows);
	if (t->nview >= rows)
		assert_true(t->top + rows <= t->nview);
	else
		assert_int_equal(t->top, 0);
}

static void test_scroll(void **state)
{
	struct fixture *f = *state;
	uint32_t x = 99;
	int i;

	fill_many(&f->ps, 50);
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(f->t.nview, 50);
	table_scroll(&f->t, 10);
	assert_int_equal(f->t.top, 0);
	table_move(&f->t, 9);
	table_scroll(&f->t, 10);
	assert_int_equal(f->t.top, 0);
	table_move(&f->t, 1);
	table_scroll(&f->t, 10);
	assert_int_equal(f->t.top, 1);
	table_jump(&f->t, true);
	table_scroll(&f->t, 10);
	assert_int_equal(f->t.top, 40);
	table_move(&f->t, -15);
	table_scroll(&f->t, 10);
	assert_int_equal(f->t.top, 34);
	check_visible(&f->t, 10);
	table_jump(&f->t, false);
	table_scroll(&f->t, 10);
	assert_int_equal(f->t.top, 0);

	/* random moves and window heights: the selection stays visible */
	for (i = 0; i < 2000; i++) {
		size_t rows;

		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		rows = 1 + x % 60;
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		table_move(&f->t, (long)(x % 41) - 20);
		table_scroll(&f->t, rows);
		check_visible(&f->t, rows);
	}
}

/* The view shrinks under a scrolled window. */
static void test_scroll_after_shrink(void **state)
{
	struct fixture *f = *state;

	fill_many(&f->ps, 50);
	table_rebuild(&f->t, &f->ps);
	table_jump(&f->t, true);
	table_scroll(&f->t, 10);
	assert_int_equal(f->t.top, 40);
	fill_many(&f->ps, 5);
	table_rebuild(&f->t, &f->ps);
	table_scroll(&f->t, 10);
	assert_int_equal(f->t.top, 0);
	assert_int_equal(f->t.sel, 4);
	check_visible(&f->t, 10);
}

/* The procset's rows are reused: a refresh with more rows reallocates them. */
static void test_rebuild_after_growth(void **state)
{
	struct fixture *f = *state;

	fill_many(&f->ps, 10);
	table_rebuild(&f->t, &f->ps);
	table_move(&f->t, 5);
	assert_int_equal(table_selected(&f->t)->pid, 1005);
	fill_many(&f->ps, 3000);
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(f->t.nview, 3000);
	assert_int_equal(table_selected(&f->t)->pid, 1005);
	assert_ptr_equal(table_selected(&f->t), procset_find(&f->ps, 1005, 10));
}

static void test_rebuild_empty_procset(void **state)
{
	struct fixture *f = *state;

	/* under UBSan, qsort_r(NULL, 0, ...) stops the program here */
	printf("# table_rebuild() of an empty set\n");
	fflush(stdout);
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(f->t.nview, 0);
	assert_null(table_selected(&f->t));
}

/* Give the process pid the command line args (len bytes, NULs between arguments). */
static void set_cmdline(struct procset *ps, int pid, const char *args, size_t len)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (ps->v[i]->pid == pid) {
			proc_set_cmdline(ps->v[i], args, len);
			return;
		}
	FAIL("no pid %d", pid);
}

static void set_cgroup(struct procset *ps, int pid, const char *cg)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (ps->v[i]->pid == pid) {
			snprintf(ps->v[i]->cgroup, sizeof(ps->v[i]->cgroup), "%s", cg);
			return;
		}
	FAIL("no pid %d", pid);
}

#define CMDLINE(ps, pid, lit) set_cmdline(ps, pid, lit, sizeof(lit) - 1)

static void fill_with_cmdlines(struct procset *ps)
{
	FILL(ps, base);
	CMDLINE(ps, 1, "/sbin/init\0quiet");
	CMDLINE(ps, 300, "sshd: /usr/sbin/sshd -D [listener]");
	CMDLINE(ps, 400, "/usr/lib/firefox/firefox\0-contentproc\0-isForBrowser");
	CMDLINE(ps, 500, "-bash");
	CMDLINE(ps, 600, "postgres: checkpointer");
	CMDLINE(ps, 700, "vim\0/etc/FSTAB");
	CMDLINE(ps, 800, "/usr/sbin/apache2\0-k\0start");
}

static void set_filter(struct table *t, const char *text)
{
	snprintf(t->filter, sizeof(t->filter), "%s", text);
}

/* Which pids the view holds, as a sorted list "1 300 400". */
static const char *view_pids(const struct table *t)
{
	static char buf[256];
	int pids[64];
	size_t i, j, n = t->nview < 64 ? t->nview : 64;

	for (i = 0; i < n; i++)
		pids[i] = t->view[i]->pid;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && pids[j - 1] > pids[j]; j--) {
			int x = pids[j];

			pids[j] = pids[j - 1];
			pids[j - 1] = x;
		}
	buf[0] = '\0';
	for (i = 0; i < n; i++)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%d", i ? " " : "", pids[i]);
	return buf;
}

static void expect_filter(struct fixture *f, const char *text, const char *want)
{
	set_filter(&f->t, text);
	table_rebuild(&f->t, &f->ps);
	if (strcmp(view_pids(&f->t), want) != 0)
		FAIL("filter '%s': pids '%s', expected '%s'", text, view_pids(&f->t), want);
}

/* The filter: a case-insensitive substring of the name or the command line. */
static void test_filter_text(void **state)
{
	struct fixture *f = *state;

	fill_with_cmdlines(&f->ps);
	/* empty: everyone (but kernel threads, as before) */
	expect_filter(f, "", "1 300 400 500 600 700 800");
	/* the name */
	expect_filter(f, "firefox", "400");
	expect_filter(f, "FIREFOX", "400");
	expect_filter(f, "FiReF", "400");
	expect_filter(f, "ostgre", "600");
	/* the command line, whatever the name */
	expect_filter(f, "contentproc", "400");
	expect_filter(f, "-ISFORBROWSER", "400");
	expect_filter(f, "checkpointer", "600");
	expect_filter(f, "fstab", "700");
	expect_filter(f, "/etc/fstab", "700");
	/* arguments are joined by spaces: a text across two of them matches */
	expect_filter(f, "-k start", "800");
	expect_filter(f, "firefox -contentproc", "400");
	/* both */
	expect_filter(f, "/usr/", "300 400 800");
	expect_filter(f, "s", "1 300 400 500 600 700 800");
	expect_filter(f, "sh", "300 500");
	/* nothing */
	expect_filter(f, "no such thing", "");
	assert_null(table_selected(&f->t));
	expect_filter(f, "firefoxx", "");
	/* cleared: everyone again */
	expect_filter(f, "", "1 300 400 500 600 700 800");
}

/* A process without a command line (a kernel thread, a zombie) matches by name. */
static void test_filter_no_cmdline(void **state)
{
	struct fixture *f = *state;

	FILL(&f->ps, base);
	expect_filter(f, "VIM", "700");
	expect_filter(f, "bin", "");
	f->t.show_kthreads = true;
	expect_filter(f, "kworker", "15");
	expect_filter(f, "KTHREAD", "2");
	/* kernel threads stay hidden unless asked for, filter or not */
	f->t.show_kthreads = false;
	expect_filter(f, "kworker", "");
}

/* The filter with -u and -p: all must match. */
static void test_filter_with_uid_and_pids(void **state)
{
	struct fixture *f = *state;
	static const int pids[] = { 400, 600, 700, 800 };

	fill_with_cmdlines(&f->ps);
	f->t.filter_uid = true;
	f->t.uid = 1000;
	expect_filter(f, "", "400 500");
	expect_filter(f, "bash", "500");
	expect_filter(f, "postgres", "");
	expect_filter(f, "/usr/", "400");
	f->t.uid = 1001;
	expect_filter(f, "postgres", "600");
	expect_filter(f, "/usr/", "");
	/* and -p */
	f->t.filter_uid = false;
	f->t.pids = pids;
	f->t.npids = 4;
	expect_filter(f, "", "400 600 700 800");
	expect_filter(f, "/usr/", "400 800");
	expect_filter(f, "bash", "");
	f->t.filter_uid = true;
	f->t.uid = 1001;
	expect_filter(f, "", "600 700");
	expect_filter(f, "VIM", "700");
	expect_filter(f, "apache", "");
	f->t.pids = NULL;
	f->t.npids = 0;
}

/* table_wants says the same as the view. */
static void test_filter_wants(void **state)
{
	struct fixture *f = *state;
	size_t i;

	fill_with_cmdlines(&f->ps);
	set_filter(&f->t, "CONTENT");
	for (i = 0; i < f->ps.n; i++)
		assert_int_equal(table_wants(&f->t, f->ps.v[i]), f->ps.v[i]->pid == 400);
	set_filter(&f->t, "");
	for (i = 0; i < f->ps.n; i++)
		assert_int_equal(table_wants(&f->t, f->ps.v[i]), !f->ps.v[i]->kthread);
}

/* The selection survives a filter that keeps the process. */
static void test_filter_keeps_selection(void **state)
{
	struct fixture *f = *state;

	fill_with_cmdlines(&f->ps);
	table_rebuild(&f->t, &f->ps);
	table_move(&f->t, 3);
	assert_int_equal(table_selected(&f->t)->pid, 700);
	expect_filter(f, "v", "700");
	assert_int_equal(table_selected(&f->t)->pid, 700);
	expect_filter(f, "", "1 300 400 500 600 700 800");
	assert_int_equal(table_selected(&f->t)->pid, 700);
}

/* CGROUP sorts A-Z by its text; equal ones in kill order. */
static void test_sort_cgroup(void **state)
{
	struct fixture *f = *state;
	static const int want[] = { 300, 1, 400, 500, 600, 700, 800 };
	size_t i;

	FILL(&f->ps, base);
	set_cgroup(&f->ps, 1, "/init.scope");
	set_cgroup(&f->ps, 300, "" /* not read */);
	set_cgroup(&f->ps, 400, "app-firefox.scope");
	set_cgroup(&f->ps, 500, "app-firefox.scope");
	set_cgroup(&f->ps, 600, "postgresql.service");
	set_cgroup(&f->ps, 700, "postgresql.service");
	set_cgroup(&f->ps, 800, "z.service");
	f->t.sort_col = COL_CGROUP;
	table_rebuild(&f->t, &f->ps);
	assert_int_equal(f->t.nview, 7);
	/* "" < "/init.scope" < "app-..." < "postgresql..." < "z..." ; ties: firefox (700) before
	 * bash (666); postgres and vim (both 666): the larger rss first */
	for (i = 0; i < 7; i++)
		if (pid_at(&f->t, i) != want[i])
			FAIL("row %zu: pid %d, expected %d", i, pid_at(&f->t, i), want[i]);
	for (i = 1; i < f->t.nview; i++)
		assert_true(strcmp(f->t.view[i - 1]->cgroup, f->t.view[i]->cgroup) <= 0);
	/* reversed: Z-A, the mirror image */
	f->t.reverse = true;
	table_rebuild(&f->t, &f->ps);
	for (i = 0; i < 7; i++)
		if (pid_at(&f->t, i) != want[6 - i])
			FAIL("reversed row %zu: pid %d, expected %d", i, pid_at(&f->t, i), want[6 - i]);
}

/* For every column, R gives exactly the mirror image of the order. */
static void test_reverse_every_column(void **state)
{
	struct fixture *f = *state;
	int c;

	f->t.show_kthreads = true;
	fill_with_cmdlines(&f->ps);
	set_cgroup(&f->ps, 1, "/init.scope");
	set_cgroup(&f->ps, 400, "app.scope");
	set_cgroup(&f->ps, 600, "postgresql.service");
	for (c = 0; c < COL_COUNT; c++) {
		int fwd[16];
		size_t i, n;

		f->t.sort_col = (enum column)c;
		f->t.reverse = false;
		table_rebuild(&f->t, &f->ps);
		n = f->t.nview;
		assert_int_equal(n, 9);
		for (i = 0; i < n; i++)
			fwd[i] = pid_at(&f->t, i);
		f->t.reverse = true;
		table_rebuild(&f->t, &f->ps);
		assert_int_equal(f->t.nview, n);
		for (i = 0; i < n; i++)
			if (pid_at(&f->t, i) != fwd[n - 1 - i])
				FAIL("%s reversed: row %zu is pid %d, expected %d",
					 column_info((enum column)c)->name, i, pid_at(&f->t, i),
					 fwd[n - 1 - i]);
		/* and table_cmp agrees, both ways */
		for (i = 1; i < n; i++) {
			assert_true(table_cmp(&f->t, f->t.view[i - 1], f->t.view[i]) < 0);
			f->t.reverse = false;
			assert_true(table_cmp(&f->t, f->t.view[i - 1], f->t.view[i]) > 0);
			f->t.reverse = true;
		}
	}
}

/* The natural order of each column is the one its desc flag says. */
static void test_natural_order_matches_desc(void **state)
{
	struct fixture *f = *state;
	struct proc *a, *b;
	int c;

	FILL(&f->ps, base);
	/* a: small everything, b: big everything */
	a = procset_find(&f->ps, 500, 70);
	b = procset_find(&f->ps, 600, 80);
	assert_non_null(a);
	assert_non_null(b);
	a->oom_score = 10;   b->oom_score = 20;
	a->oom_adj = -5;     b->oom_adj = 5;
	a->rss_kb = 100;     b->rss_kb = 200;
	a->anon_kb = 100;    b->anon_kb = 200;
	a->file_kb = 100;    b->file_kb = 200;
	a->shmem_kb = 100;   b->shmem_kb = 200;
	a->swap_kb = 100;    b->swap_kb = 200;
	a->pte_kb = 100;     b->pte_kb = 200;
	snprintf(a->user, sizeof(a->user), "aaa");
	snprintf(b->user, sizeof(b->user), "bbb");
	snprintf(a->comm, sizeof(a->comm), "aaa");
	snprintf(b->comm, sizeof(b->comm), "bbb");
	snprintf(a->cgroup, sizeof(a->cgroup), "aaa");
	snprintf(b->cgroup, sizeof(b->cgroup), "bbb");
	for (c = COL_PID; c < COL_COUNT; c++) {
		bool desc = column_info((enum column)c)->desc;
		int r;

		f->t.sort_col = (enum column)c;
		f->t.reverse = false;
		r = table_cmp(&f->t, a, b);   /* a is smaller (pid 500 < 600 too) */
		if (desc ? r <= 0 : r >= 0)
			FAIL("%s: the smaller value sorts %s", column_info((enum column)c)->name,
				 r < 0 ? "first" : "last");
	}
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_init_defaults),
		T(test_kthreads_hidden_by_default),
		T(test_pid_filter),
		T(test_uid_filter),
		T(test_default_sort_rank),
		T(test_unkillable_last_despite_score),
		T(test_sort_columns),
		T(test_table_cmp),
		T(test_selection_follows_process),
		T(test_selection_keeps_position),
		T(test_pid_reuse_is_not_identity),
		T(test_move_clamps),
		T(test_move_on_empty_view),
		T(test_jump),
		T(test_scroll),
		T(test_scroll_after_shrink),
		T(test_rebuild_after_growth),
		T(test_filter_text),
		T(test_filter_no_cmdline),
		T(test_filter_with_uid_and_pids),
		T(test_filter_wants),
		T(test_filter_keeps_selection),
		T(test_sort_cgroup),
		T(test_reverse_every_column),
		T(test_natural_order_matches_desc),
		/* last: UBSan stops the program on qsort_r(NULL, 0, ...) */
		T(test_rebuild_empty_procset),
	};

	return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}
