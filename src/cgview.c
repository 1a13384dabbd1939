/* cgview.c - the rows of the cgroup view: pure model code over the memcg set and the processes */
#include "cgview.h"

#include "rank.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCAN_MAX 4096

static const char *const cg_names[CG_COUNT] = {
	"PATH", "USAGE", "LIMIT", "PCT", "HIGH", "PSI", "OOMS", "GROUP", "PROCS", "VICTIM",
};

void cgview_init(struct cgview *cv)
{
	memset(cv, 0, sizeof(*cv));
	cv->sort = CG_PCT;
}

void cgview_fini(struct cgview *cv)
{
	free(cv->v);
	memset(cv, 0, sizeof(*cv));
}

const char *cgview_col_name(enum cgcol c)
{
	return c < CG_COUNT ? cg_names[c] : "?";
}

unsigned long long cgview_total_pages(long long limit_kb, unsigned long swap_kb, unsigned long page_kb)
{
	if (page_kb == 0)
		page_kb = 4;
	/* mem_cgroup_get_max(): the limit, plus the swap the cgroup may use (all of it here) */
	return (unsigned long long)(limit_kb > 0 ? limit_kb : 0) / page_kb + swap_kb / page_kb;
}

long cgview_victim(const struct procset *ps, const char *top, unsigned long long total_pages,
		   long long *badness)
{
	long best = -1;
	struct proc best_p;
	size_t i;

	memset(&best_p, 0, sizeof(best_p));
	for (i = 0; i < ps->n; i++) {
		const struct proc *p = ps->v[i];
		struct proc cand;

		if (!p->killable || !p->memcg[0] || !memcg_within(p->memcg, top))
			continue;
		cand = *p;
		cand.badness = rank_badness(p, total_pages, ps->page_kb);
		if (best < 0 || rank_cmp_in(&cand, &best_p) < 0) {
			best = (long)i;
			best_p = cand;
		}
	}
	if (best >= 0)
		*badness = best_p.badness;
	return best;
}

static long long cg_pct(const struct cgrow *r)
{
	if (r->limit_kb <= 0 || r->cg.usage_kb < 0)
		return -1;
	return r->cg.usage_kb * 100 / r->limit_kb;
}

#define CMP(x, y) ((x) < (y) ? -1 : (x) > (y) ? 1 : 0)

static int cg_cmp_col(enum cgcol c, const struct cgrow *a, const struct cgrow *b)
{
	switch (c) {
	case CG_PATH:
		return strcmp(a->cg.path, b->cg.path);
	case CG_USAGE:
		return -CMP(a->cg.usage_kb, b->cg.usage_kb);
	case CG_LIMIT:
		return -CMP(a->limit_kb, b->limit_kb);
	case CG_PCT:
		return -CMP(cg_pct(a), cg_pct(b));
	case CG_HIGH:
		return -CMP(a->cg.high_kb, b->cg.high_kb);
	case CG_PSI:
		return -CMP(a->cg.psi_some10, b->cg.psi_some10);
	case CG_OOMS:
		return -CMP(a->cg.oom_kills, b->cg.oom_kills);
	case CG_GROUP:
		return -CMP(a->cg.oom_group, b->cg.oom_group);
	case CG_PROCS:
		return -CMP(a->nprocs, b->nprocs);
	case CG_VICTIM:
	default:
		return -CMP(a->victim_badness, b->victim_badness);
	}
}

static int cg_qsort(const void *x, const void *y, void *ctx)
{
	const struct cgview *cv = ctx;
	const struct cgrow *a = x, *b = y;
	int r = cg_cmp_col(cv->sort, a, b);

	if (r == 0)
		r = strcmp(a->cg.path, b->cg.path);
	return cv->reverse ? -r : r;
}

void cgview_sort(struct cgview *cv)
{
	size_t i;

	if (cv->n > 1)
		qsort_r(cv->v, cv->n, sizeof(*cv->v), cg_qsort, cv);
	cv->sel = 0;
	for (i = 0; i < cv->n; i++)
		if (strcmp(cv->v[i].cg.path, cv->sel_path) == 0)
			cv->sel = i;
}

void cgview_move(struct cgview *cv, long delta)
{
	long s = (long)cv->sel + delta;

	if (cv->n == 0) {
		cv->sel = 0;
		return;
	}
	if (s < 0)
		s = 0;
	if (s >= (long)cv->n)
		s = (long)cv->n - 1;
	cv->sel = (size_t)s;
	snprintf(cv->sel_path, sizeof(cv->sel_path), "%s", cv->v[cv->sel].cg.path);
}

static void cg_row(struct cgrow *r, struct memcg_set *set, const struct memcg *c, const struct procset *ps,
		   unsigned long swap_kb)
{
	const struct memcg *lim = c->limit_kb >= 0 ? c : memcg_set_limiter(set, c->path);
	size_t i;
	long v;

	memset(r, 0, sizeof(*r));
	r->cg = *c;
	memcg_label(c->path, r->label, sizeof(r->label));
	r->limit_kb = lim ? lim->limit_kb : -1;
	for (i = 0; i < ps->n; i++)
		if (ps->v[i]->memcg[0] && memcg_within(ps->v[i]->memcg, c->path))
			r->nprocs++;
	v = cgview_victim(ps, c->path,
			  r->limit_kb >= 0 ? cgview_total_pages(r->limit_kb, swap_kb, ps->page_kb) : ps->total_pages,
			  &r->victim_badness);
	if (v >= 0) {
		const struct proc *p = ps->v[v];

		r->has_victim = true;
		r->victim_pid = p->pid;
		r->victim_start = p->start_time;
		snprintf(r->victim_comm, sizeof(r->victim_comm), "%s", p->comm);
	}
}

void cgview_build(struct cgview *cv, struct memcg_set *set, const struct procset *ps, unsigned long swap_kb)
{
	size_t i, n;

	if (!set->scanned)
		memcg_set_scan(set, SCAN_MAX);
	n = set->n;
	cv->n = 0;
	for (i = 0; i < n; i++) {
		/* a copy: cg_row may grow the set (limiters above), moving its entries */
		struct memcg c = set->v[i];

		if (!c.exists || c.gen != set->gen || (c.limit_kb < 0 && c.oom_kills <= 0 && c.ooms <= 0))
			continue;
		if (cv->n == cv->cap) {
			cv->cap = cv->cap ? cv->cap * 2 : 32;
			cv->v = x_realloc(cv->v, cv->cap * sizeof(*cv->v));
		}
		cg_row(&cv->v[cv->n++], set, &c, ps, swap_kb);
	}
	cgview_sort(cv);
}

void cgview_scroll(struct cgview *cv, size_t rows)
{
	if (rows == 0)
		return;
	if (cv->sel < cv->top)
		cv->top = cv->sel;
	if (cv->sel >= cv->top + rows)
		cv->top = cv->sel - rows + 1;
	if (cv->n > rows && cv->top > cv->n - rows)
		cv->top = cv->n - rows;
	if (cv->n <= rows)
		cv->top = 0;
}
