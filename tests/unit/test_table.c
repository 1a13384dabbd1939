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
		/* last: UBSan stops the program on qsort_r(NULL, 0, ...) */
		T(test_rebuild_empty_procset),
	};

	return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}
