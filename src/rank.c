/* rank.c - kill order from oom_score, with ties broken by exact badness */
#include "rank.h"

#include "xalloc.h"

#include <stdlib.h>

#define OOM_SCORE_ADJ_MIN (-1000)

/*
 * The value /proc/PID/oom_score shows for a badness (fs/proc/base.c):
 * (1000 + badness * 1000 / totalpages) * 2 / 3, in C's truncating division.
 */
static long long rank_points(long long badness, unsigned long long total_pages)
{
	long long total = total_pages ? (long long)total_pages : 1;

	return (1000 + badness * 1000 / total) * 2 / 3;
}

bool rank_killable(const struct proc *p, unsigned long long total_pages)
{
	if (p->kthread || p->oom_adj == OOM_SCORE_ADJ_MIN || p->state == 'Z')
		return false;
	/*
	 * oom_score 0 means either "never" (the global init, a task marked
	 * MMF_OOM_SKIP or in vfork: badness LONG_MIN) or a real badness so low
	 * that it rounds to 0 (adj near -1000): the kernel still picks those as
	 * a last resort. Tell them apart by what the score should read.
	 */
	if (p->oom_score == 0)
		return rank_points(p->badness, total_pages) <= 0;
	return true;
}

long long rank_badness(const struct proc *p, unsigned long long total_pages,
		       unsigned long page_kb)
{
	long long points;

	if (page_kb == 0)
		page_kb = 4;
	points = (long long)((p->rss_kb + p->swap_kb) / page_kb);
	points += (long long)(p->pte_kb / page_kb);
	points += (long long)p->oom_adj * (long long)(total_pages / 1000);
	return points;
}

int rank_cmp(const struct proc *a, const struct proc *b)
{
	if (a->oom_score != b->oom_score)
		return a->oom_score > b->oom_score ? -1 : 1;
	return rank_cmp_in(a, b); /* equal scores: the exact badness, then the newer */
}

static int rank_qsort_cmp(const void *x, const void *y)
{
	return rank_cmp(*(struct proc *const *)x, *(struct proc *const *)y);
}

void rank_compute(struct procset *ps)
{
	struct proc **order;
	size_t i, n = 0;

	if (ps->n > ps->scratch_cap) {
		ps->scratch_cap = ps->n * 2;
		ps->scratch = x_realloc(ps->scratch, ps->scratch_cap * sizeof(*order));
	}
	order = ps->scratch;
	for (i = 0; i < ps->n; i++) {
		struct proc *p = ps->v[i];

		p->badness = rank_badness(p, ps->total_pages, ps->page_kb);
		p->rank = 0;
		p->killable = rank_killable(p, ps->total_pages);
		if (p->killable)
			order[n++] = p;
	}
	if (n > 1)
		qsort(order, n, sizeof(*order), rank_qsort_cmp);
	for (i = 0; i < n; i++)
		order[i]->rank = (int)i + 1;
}

int rank_cmp_in(const struct proc *a, const struct proc *b)
{
	if (a->badness != b->badness)
		return a->badness > b->badness ? -1 : 1;
	if (a->start_time != b->start_time)
		return a->start_time > b->start_time ? -1 : 1;
	if (a->pid != b->pid)
		return a->pid > b->pid ? -1 : 1;
	return 0;
}

static int rank_qsort_cmp_in(const void *x, const void *y)
{
	return rank_cmp_in(*(struct proc *const *)x, *(struct proc *const *)y);
}

void rank_compute_in(struct procset *ps, bool (*in)(const struct proc *p, const void *ctx),
		     const void *ctx, unsigned long long total_pages)
{
	struct proc **order = ps->scratch;
	size_t i, n = 0;

	for (i = 0; i < ps->n; i++) {
		struct proc *p = ps->v[i];
		bool killable = p->killable; /* rank_compute's verdict */

		p->rank = 0;
		if (!in(p, ctx))
			continue;
		p->badness = rank_badness(p, total_pages, ps->page_kb);
		if (killable)
			order[n++] = p;
	}
	if (n > 1)
		qsort(order, n, sizeof(*order), rank_qsort_cmp_in);
	for (i = 0; i < n; i++)
		order[i]->rank = (int)i + 1;
}
