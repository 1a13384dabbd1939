/* test_rank.c - the kernel's kill order: killable, badness, ties */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "proc.h"
#include "rank.h"

/* Fail with a TAP diagnostic line (tests/run.sh shows the lines starting with #). */
#define FAIL(...) do { \
		printf("# "); \
		printf(__VA_ARGS__); \
		putchar('\n'); \
		fflush(stdout); \
		fail(); \
	} while (0)

#define FAIL_RANK(p, q) FAIL("pid %d (badness %lld) dies before pid %d (badness %lld) but ranks %d > %d", \
			     (p)->pid, (p)->badness, (q)->pid, (q)->badness, (p)->rank, (q)->rank)

/* A process with the given oom_score. */
static struct proc mk(int pid, int score, int adj, unsigned long rss_kb,
		      unsigned long long start)
{
	struct proc p;

	memset(&p, 0, sizeof(p));
	p.pid = pid;
	p.state = 'S';
	p.oom_score = score;
	p.oom_adj = adj;
	p.rss_kb = rss_kb;
	p.start_time = start;
	snprintf(p.comm, sizeof(p.comm), "p%d", pid);
	return p;
}

static struct proc *add(struct procset *ps, int pid, int score, int adj,
			unsigned long rss_kb, unsigned long long start)
{
	struct proc *p = procset_push(ps);

	*p = mk(pid, score, adj, rss_kb, start);
	return p;
}

/* What /proc/PID/oom_score reads for a badness (fs/proc/base.c). */
static int kernel_score(long long badness, unsigned long long total_pages)
{
	return (int)((1000 + badness * 1000 / (long long)total_pages) * 2 / 3);
}

/* rank_killable() after filling the badness, as rank_compute() does. */
static bool killable(struct proc *p, unsigned long long total_pages)
{
	p->badness = rank_badness(p, total_pages, 4);
	return rank_killable(p, total_pages);
}

/* A process whose oom_score is what the kernel would show for it. */
static struct proc mk_real(int pid, int adj, unsigned long rss_kb,
			   unsigned long long total_pages)
{
	struct proc p = mk(pid, 0, adj, rss_kb, 100);

	p.oom_score = kernel_score(rank_badness(&p, total_pages, 4), total_pages);
	return p;
}

static void test_kernel_score_helper(void **state)
{
	(void)state;
	/* a small process with adj 0 reads 666 on current kernels */
	assert_int_equal(kernel_score(1000, 4000000), 666);
	assert_int_equal(kernel_score(4000000, 4000000), 1333);
	assert_int_equal(kernel_score(-3996000, 4000000), 0);
}

static void test_killable(void **state)
{
	const unsigned long long total = 4000000;
	struct proc p;

	(void)state;
	p = mk_real(1234, 0, 4096, total);
	assert_int_equal(p.oom_score, 666);
	assert_true(killable(&p, total));
	/* the global init: the kernel reads 0 whatever its size */
	p = mk(1, 0, 0, 12000, 1);
	assert_false(killable(&p, total));
	/* pid 1 of a container is no global init: it has a real score */
	p = mk_real(1, 0, 12000, total);
	assert_true(killable(&p, total));
	/* kernel thread, even with a score */
	p = mk_real(1234, 0, 4096, total);
	p.kthread = true;
	assert_false(killable(&p, total));
	/* OOM_SCORE_ADJ_MIN, whatever the score says */
	p = mk(1234, 0, -1000, 4096, 100);
	assert_false(killable(&p, total));
	p = mk(1234, 1, -1000, 4096, 100);
	assert_false(killable(&p, total));
	/* oom_score 0 for a process whose badness reads more: in vfork, or reaped */
	p = mk(1234, 0, 0, 4096, 100);
	assert_false(killable(&p, total));
	p = mk(1234, 0, 500, 400000, 100);
	assert_false(killable(&p, total));
	/* zombie */
	p = mk_real(1234, 0, 4096, total);
	p.state = 'Z';
	assert_false(killable(&p, total));
	/* near the limits, still killable */
	p = mk_real(1234, -999, 4096, total);
	assert_int_equal(p.oom_score, 1);
	assert_true(killable(&p, total));
	/* adj -999 and nothing resident: a real badness that reads 0, last resort */
	p = mk_real(1234, -999, 0, total);
	assert_int_equal(p.oom_score, 0);
	assert_true(killable(&p, total));
	p = mk_real(2, 1000, 4096, total);
	assert_true(killable(&p, total));
	p = mk_real(1234, 0, 0, total);
	p.state = 'D';
	assert_true(killable(&p, total));
}

static void test_badness_formula(void **state)
{
	struct proc p = mk(10, 666, 0, 400000, 1);
	/* 16 GiB of RAM + swap in 4 KiB pages */
	const unsigned long long total = 4194304;

	(void)state;
	p.swap_kb = 40000;
	p.pte_kb = 400;
	/* 100000 + 10000 + 100 pages */
	assert_int_equal(rank_badness(&p, total, 4), 110100);
	/* adj 500: + 500 * (4194304 / 1000 = 4194) */
	p.oom_adj = 500;
	assert_int_equal(rank_badness(&p, total, 4), 110100 + 500LL * 4194);
	p.oom_adj = 1000;
	assert_int_equal(rank_badness(&p, total, 4), 110100 + 1000LL * 4194);
	/* a negative adj can take badness below zero */
	p.oom_adj = -500;
	assert_int_equal((long long)rank_badness(&p, total, 4), 110100 - 500LL * 4194);
	assert_true(rank_badness(&p, total, 4) < 0);
	p.oom_adj = -999;
	assert_int_equal((long long)rank_badness(&p, total, 4), 110100 - 999LL * 4194);
}

/* total_pages / 1000 is an integer division done before the multiplication. */
static void test_badness_integer_division_first(void **state)
{
	struct proc p = mk(10, 666, 800, 4, 1);

	(void)state;
	/* 1999 / 1000 = 1, so adj 800 adds 800, not 800 * 1.999 = 1599 */
	assert_int_equal(rank_badness(&p, 1999, 4), 1 + 800);
	/* under 1000 pages the adj weighs nothing */
	assert_int_equal(rank_badness(&p, 999, 4), 1);
	p.oom_adj = -800;
	assert_int_equal((long long)rank_badness(&p, 1999, 4), 1 - 800);
	/* 123456789 / 1000 = 123456 */
	p.oom_adj = 7;
	assert_int_equal(rank_badness(&p, 123456789ULL, 4), 1 + 7LL * 123456);
}

static void test_badness_page_size(void **state)
{
	struct proc p = mk(10, 666, 0, 1600, 1);

	(void)state;
	p.swap_kb = 320;
	p.pte_kb = 64;
	/* 16 KiB pages (arm64): 100 + 20 + 4 */
	assert_int_equal(rank_badness(&p, 1000000, 16), 124);
	/* 64 KiB pages: 25 + 5 + 1 */
	assert_int_equal(rank_badness(&p, 1000000, 64), 31);
	/* page tables: bytes / PAGE_SIZE rounds down (6 KiB = 1 page of 4 KiB) */
	p = mk(10, 666, 0, 0, 1);
	p.pte_kb = 6;
	assert_int_equal(rank_badness(&p, 1000000, 4), 1);
}

static void test_cmp_order(void **state)
{
	struct proc a, b;

	(void)state;
	/* higher oom_score dies first, whatever the badness */
	a = mk(10, 700, 0, 1, 1);
	b = mk(11, 666, 0, 1, 1);
	a.badness = 1;
	b.badness = 1000000;
	assert_true(rank_cmp(&a, &b) < 0);
	assert_true(rank_cmp(&b, &a) > 0);
	/* equal scores: higher badness first */
	a = mk(10, 666, 0, 1, 1);
	b = mk(11, 666, 0, 1, 1);
	a.badness = 5000;
	b.badness = 4000;
	assert_true(rank_cmp(&a, &b) < 0);
	assert_true(rank_cmp(&b, &a) > 0);
	/* badness can be negative */
	a.badness = -10;
	b.badness = -20;
	assert_true(rank_cmp(&a, &b) < 0);
	/* equal badness: the newer process first */
	a = mk(10, 666, 0, 1, 900);
	b = mk(11, 666, 0, 1, 500);
	a.badness = b.badness = 77;
	assert_true(rank_cmp(&a, &b) < 0);
	assert_true(rank_cmp(&b, &a) > 0);
	/* same start time: higher pid first */
	a = mk(30, 666, 0, 1, 500);
	b = mk(20, 666, 0, 1, 500);
	a.badness = b.badness = 77;
	assert_true(rank_cmp(&a, &b) < 0);
	assert_true(rank_cmp(&b, &a) > 0);
	/* identical */
	assert_int_equal(rank_cmp(&a, &a), 0);
}

static void check_ranks_dense(struct procset *ps)
{
	static int seen[4096];
	size_t i, k = 0;

	memset(seen, 0, sizeof(seen));
	assert_true(ps->n < sizeof(seen) / sizeof(seen[0]));

	for (i = 0; i < ps->n; i++) {
		if (rank_killable(ps->v[i], ps->total_pages))
			k++;
	}
	for (i = 0; i < ps->n; i++) {
		const struct proc *p = ps->v[i];

		if (!rank_killable(p, ps->total_pages)) {
			assert_int_equal(p->rank, 0);
			continue;
		}
		assert_true(p->rank >= 1 && (size_t)p->rank <= k);
		assert_int_equal(seen[p->rank], 0);
		seen[p->rank] = 1;
	}
}

static void test_compute_basic(void **state)
{
	struct procset ps;
	struct proc *init, *kt, *prot, *vfork, *low, *zombie, *small, *big, *adj;

	(void)state;
	procset_init(&ps);
	ps.total_pages = 2000000;
	ps.page_kb = 4;
	init = add(&ps, 1, 0, 0, 12000, 1);              /* the global init reads 0 */
	kt = add(&ps, 2, 0, 0, 0, 1);
	kt->kthread = true;
	small = add(&ps, 300, 666, 0, 4000, 50);
	prot = add(&ps, 400, 0, -1000, 900000, 60);
	big = add(&ps, 500, 733, 0, 800000, 70);
	low = add(&ps, 600, 1, -999, 100, 80);           /* reads 1: killable, last */
	zombie = add(&ps, 700, 666, 0, 0, 90);
	zombie->state = 'Z';
	adj = add(&ps, 800, 1200, 800, 100, 100);
	vfork = add(&ps, 900, 0, 0, 50000, 110);         /* reads 0 with a real size */
	rank_compute(&ps);

	assert_int_equal(adj->rank, 1);
	assert_int_equal(big->rank, 2);
	assert_int_equal(small->rank, 3);
	assert_int_equal(low->rank, 4);
	assert_int_equal(init->rank, 0);
	assert_int_equal(kt->rank, 0);
	assert_int_equal(prot->rank, 0);
	assert_int_equal(zombie->rank, 0);
	assert_int_equal(vfork->rank, 0);
	/* badness is filled for every row */
	assert_int_equal(big->badness, 200000);
	assert_int_equal(prot->badness, 225000 - 1000LL * 2000);
	assert_int_equal(adj->badness, 25 + 800LL * 2000);
	assert_int_equal(low->badness, 25 - 999LL * 2000);
	check_ranks_dense(&ps);
	procset_fini(&ps);
}

/* Many processes at 666 (adj 0 on current kernels): badness decides. */
static void test_compute_ties_at_666(void **state)
{
	struct procset ps;
	size_t i;
	int j;

	(void)state;
	procset_init(&ps);
	ps.total_pages = 400000000;  /* 1.6 TB: all of them read 666 */
	ps.page_kb = 4;
	for (j = 0; j < 40; j++) {
		/* rss in a scrambled order: 4 KiB * ((j * 17) % 40 + 1) pages */
		add(&ps, 1000 + j, 666, 0, 4UL * (unsigned long)((j * 17) % 40 + 1) * 1000, 500);
	}
	/* two more with the same rss as pid 1000: the newer one dies first */
	add(&ps, 2000, 666, 0, 4000, 400);
	add(&ps, 2001, 666, 0, 4000, 600);
	rank_compute(&ps);
	check_ranks_dense(&ps);

	for (i = 0; i < ps.n; i++) {
		const struct proc *p = ps.v[i];
		size_t k;

		for (k = 0; k < ps.n; k++) {
			const struct proc *q = ps.v[k];

			if (p->badness > q->badness)
				assert_true(p->rank < q->rank);
		}
	}
	/* the largest (j with (j * 17) % 40 == 39: j = 7) dies first */
	assert_int_equal(procset_find(&ps, 1007, 500)->rank, 1);
	{
		int r_old = procset_find(&ps, 2000, 400)->rank;
		int r_new = procset_find(&ps, 2001, 600)->rank;
		int r_mid = procset_find(&ps, 1000, 500)->rank; /* (0 * 17) % 40 + 1 = 1: same rss */

		assert_true(r_new < r_mid);
		assert_true(r_mid < r_old);
		assert_int_equal(r_old, 42);
	}
	procset_fini(&ps);
}

/* A higher oom_score wins even when the badness is smaller. */
static void test_compute_score_beats_badness(void **state)
{
	struct procset ps;
	struct proc *a, *b;

	(void)state;
	procset_init(&ps);
	ps.total_pages = 1000000;
	a = add(&ps, 10, 667, 0, 4, 1);
	b = add(&ps, 11, 666, 0, 400000, 1);
	rank_compute(&ps);
	assert_int_equal(a->rank, 1);
	assert_int_equal(b->rank, 2);
	procset_fini(&ps);
}

/* Ranks are recomputed from scratch on every refresh. */
static void test_compute_again(void **state)
{
	struct procset ps;
	struct proc *a, *b;

	(void)state;
	procset_init(&ps);
	ps.total_pages = 1000000;
	a = add(&ps, 10, 666, 0, 400, 1);
	b = add(&ps, 11, 666, 0, 800, 1);
	rank_compute(&ps);
	assert_int_equal(b->rank, 1);
	assert_int_equal(a->rank, 2);
	b->oom_adj = -1000;
	b->oom_score = 0;
	rank_compute(&ps);
	assert_int_equal(b->rank, 0);
	assert_int_equal(a->rank, 1);
	/* a larger set reuses and grows the work array */
	for (int j = 0; j < 600; j++)
		add(&ps, 100 + j, 666, 0, 4UL * (unsigned long)j, 1);
	rank_compute(&ps);
	check_ranks_dense(&ps);
	assert_int_equal(procset_find(&ps, 699, 1)->rank, 1);
	procset_fini(&ps);
}

static void test_compute_empty(void **state)
{
	struct procset ps;
	struct proc *p;

	(void)state;
	procset_init(&ps);
	/* under UBSan, qsort(NULL, 0, ...) stops the program here */
	printf("# rank_compute() on an empty set\n");
	fflush(stdout);
	rank_compute(&ps);
	assert_int_equal(ps.n, 0);
	/* only unkillable rows */
	p = add(&ps, 1, 0, 0, 100, 1);
	rank_compute(&ps);
	assert_int_equal(p->rank, 0);
	procset_fini(&ps);
}

/* ------------------------------------------------ kill order inside a cgroup */

/* A process of memory cgroup memcg whose oom_score is what the kernel shows. */
static struct proc *add_in(struct procset *ps, int pid, const char *memcg, int adj, unsigned long rss_kb,
			   unsigned long long start)
{
	struct proc *p = procset_push(ps);

	*p = mk_real(pid, adj, rss_kb, ps->total_pages);
	p->start_time = start;
	snprintf(p->memcg, sizeof(p->memcg), "%s", memcg);
	return p;
}

static int in_calls;

/* In the subset: the memory cgroup path equals ctx (a string). */
static bool in_cg(const struct proc *p, const void *ctx)
{
	in_calls++;
	return strcmp(p->memcg, (const char *)ctx) == 0;
}

static void test_compute_in(void **state)
{
	struct procset ps;
	struct proc *big, *adj1000, *adj300, *older, *newer, *prot, *vfork, *outside, *zombie;
	const unsigned long long cg_total = 51200; /* 200M */

	(void)state;
	procset_init(&ps);
	ps.total_pages = 4000000;
	ps.page_kb = 4;
	big = add_in(&ps, 10, "/cg", 0, 150 * 1024, 100);      /* 38400 */
	adj1000 = add_in(&ps, 11, "/cg", 1000, 1024, 100);     /* 256 + 1000 * 51 */
	adj300 = add_in(&ps, 12, "/cg", 300, 1024, 100);       /* 256 + 300 * 51 */
	older = add_in(&ps, 13, "/cg", 0, 20 * 1024, 100);     /* 5120 */
	newer = add_in(&ps, 14, "/cg", 0, 20 * 1024, 200);     /* 5120, newer */
	prot = add_in(&ps, 15, "/cg", -1000, 500 * 1024, 100); /* never */
	vfork = add(&ps, 16, 0, 0, 400 * 1024, 100);           /* reads 0 with a real size */
	strcpy(vfork->memcg, "/cg");
	outside = add_in(&ps, 17, "/other", 0, 1024 * 1024, 100);
	zombie = add_in(&ps, 18, "/cg", 0, 0, 100);
	zombie->state = 'Z';
	rank_compute(&ps);
	/* the machine's order: oom_score first, adj 300 beats the big one */
	assert_int_equal(outside->rank, 3);
	assert_true(adj300->rank < big->rank);

	in_calls = 0;
	rank_compute_in(&ps, in_cg, "/cg", cg_total);
	assert_true(in_calls >= (int)ps.n);
	/* inside: badness against the cgroup's total alone */
	assert_int_equal(adj1000->badness, 256 + 1000 * 51);
	assert_int_equal(big->badness, 38400);
	assert_int_equal(adj300->badness, 256 + 300 * 51);
	assert_int_equal(older->badness, 5120);
	assert_int_equal(adj1000->rank, 1);
	assert_int_equal(big->rank, 2);
	assert_int_equal(adj300->rank, 3);
	assert_int_equal(newer->rank, 4);
	assert_int_equal(older->rank, 5);
	/* never: the kernel's verdict stays; outside: not in this order */
	assert_int_equal(prot->rank, 0);
	assert_int_equal(vfork->rank, 0);
	assert_int_equal(zombie->rank, 0);
	assert_int_equal(outside->rank, 0);
	procset_fini(&ps);
}

/* The subset's total decides how much adj weighs. */
static void test_compute_in_total(void **state)
{
	struct procset ps;
	struct proc *big, *small;

	(void)state;
	procset_init(&ps);
	ps.total_pages = 4000000;
	ps.page_kb = 4;
	big = add_in(&ps, 20, "/cg", 0, 150 * 1024, 100);
	small = add_in(&ps, 21, "/cg", 100, 1024, 100);
	rank_compute(&ps);
	rank_compute_in(&ps, in_cg, "/cg", 51200);
	assert_int_equal(big->rank, 1);
	assert_int_equal(small->rank, 2);
	assert_int_equal(small->badness, 256 + 100 * 51);
	/* against a total as large as the machine's, adj 100 wins */
	rank_compute_in(&ps, in_cg, "/cg", 4000000);
	assert_int_equal(small->rank, 1);
	assert_int_equal(big->rank, 2);
	assert_int_equal(small->badness, 256 + 100 * 4000);
	/* ranks are recomputed: an empty subset leaves every rank 0 */
	rank_compute_in(&ps, in_cg, "/nothing", 51200);
	assert_int_equal(small->rank, 0);
	assert_int_equal(big->rank, 0);
	/* and rank_compute gives the machine's order back */
	rank_compute(&ps);
	assert_int_equal(small->rank, 1);
	assert_int_equal(big->rank, 2);
	procset_fini(&ps);
}

/* Many in the subset: ranks dense 1..n, in badness order. */
static void test_compute_in_many(void **state)
{
	struct procset ps;
	size_t i, k;
	int n_in = 0;

	(void)state;
	procset_init(&ps);
	ps.total_pages = 4000000;
	ps.page_kb = 4;
	for (i = 0; i < 300; i++)
		add_in(&ps, 100 + (int)i, i % 3 ? "/cg" : "/x", (int)(i % 7) * 10,
		       4UL * ((i * 37) % 101 + 1), 1000 - i % 5);
	rank_compute(&ps);
	rank_compute_in(&ps, in_cg, "/cg", 100000);
	for (i = 0; i < ps.n; i++) {
		const struct proc *p = ps.v[i];

		if (strcmp(p->memcg, "/cg") != 0) {
			assert_int_equal(p->rank, 0);
			continue;
		}
		n_in++;
		assert_true(p->rank >= 1);
		for (k = 0; k < ps.n; k++) {
			const struct proc *q = ps.v[k];

			if (q == p || strcmp(q->memcg, "/cg") != 0)
				continue;
			assert_true(p->rank != q->rank);
			if (rank_cmp_in(p, q) < 0 && p->rank > q->rank)
				FAIL_RANK(p, q);
		}
	}
	assert_int_equal(n_in, 200);
	for (i = 0; i < ps.n; i++)
		assert_true(ps.v[i]->rank <= n_in);
	procset_fini(&ps);
}

static void test_cmp_in(void **state)
{
	struct proc a, b;

	(void)state;
	/* badness alone: oom_score does not count inside a cgroup */
	a = mk(10, 100, 0, 1, 1);
	b = mk(11, 1500, 0, 1, 1);
	a.badness = 500;
	b.badness = 400;
	assert_true(rank_cmp_in(&a, &b) < 0);
	assert_true(rank_cmp_in(&b, &a) > 0);
	/* negative badness */
	a.badness = -5;
	b.badness = -50;
	assert_true(rank_cmp_in(&a, &b) < 0);
	/* equal badness: the newer one first */
	a = mk(10, 666, 0, 1, 900);
	b = mk(11, 666, 0, 1, 100);
	a.badness = b.badness = 42;
	assert_true(rank_cmp_in(&a, &b) < 0);
	assert_true(rank_cmp_in(&b, &a) > 0);
	/* and then the higher pid */
	a = mk(30, 666, 0, 1, 100);
	b = mk(20, 666, 0, 1, 100);
	a.badness = b.badness = 42;
	assert_true(rank_cmp_in(&a, &b) < 0);
	assert_true(rank_cmp_in(&b, &a) > 0);
	assert_int_equal(rank_cmp_in(&a, &a), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kernel_score_helper),
		cmocka_unit_test(test_killable),
		cmocka_unit_test(test_badness_formula),
		cmocka_unit_test(test_badness_integer_division_first),
		cmocka_unit_test(test_badness_page_size),
		cmocka_unit_test(test_cmp_order),
		cmocka_unit_test(test_compute_basic),
		cmocka_unit_test(test_compute_ties_at_666),
		cmocka_unit_test(test_compute_score_beats_badness),
		cmocka_unit_test(test_compute_again),
		cmocka_unit_test(test_compute_in),
		cmocka_unit_test(test_compute_in_total),
		cmocka_unit_test(test_compute_in_many),
		cmocka_unit_test(test_cmp_in),
		/* last: UBSan stops the program on qsort(NULL, 0, ...) */
		cmocka_unit_test(test_compute_empty),
	};

	return cmocka_run_group_tests_name("rank", tests, NULL, NULL);
}
