/* table.c - filter, sort and selection: pure model code, no curses */
#include "table.h"

#include "memcg.h"
#include "rank.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

void table_init(struct table *t)
{
	memset(t, 0, sizeof(*t));
	t->sort_col = COL_RANK;
}

void table_fini(struct table *t)
{
	free(t->view);
	memset(t, 0, sizeof(*t));
}

bool table_wants(const struct table *t, const struct proc *p)
{
	size_t i;

	if (t->filter_uid && p->uid != t->uid)
		return false;
	if (t->memcg_top[0] && !(p->memcg[0] && memcg_within(p->memcg, t->memcg_top)))
		return false;
	if (t->filter[0] && !strcasestr(p->comm, t->filter) &&
	    !(p->cmdline && strcasestr(p->cmdline, t->filter)))
		return false;
	if (t->pids) {
		for (i = 0; i < t->npids; i++)
			if (t->pids[i] == p->pid)
				return true;
		return false;
	}
	return t->show_kthreads || !p->kthread;
}

#define CMP(x, y) ((x) < (y) ? -1 : (x) > (y) ? 1 : 0)

/* Natural order of a column: sizes and scores largest first, names A-Z. */
static int table_cmp_col(enum column c, const struct proc *a, const struct proc *b)
{
	switch (c) {
	case COL_RANK:
		if ((a->rank > 0) != (b->rank > 0))
			return a->rank > 0 ? -1 : 1;
		return rank_cmp(a, b);
	case COL_PID:
		return CMP(a->pid, b->pid);
	case COL_USER:
		return strcmp(a->user, b->user);
	case COL_SCORE:
		return -CMP(a->oom_score, b->oom_score);
	case COL_ADJ:
		return -CMP(a->oom_adj, b->oom_adj);
	case COL_RSS:
		return -CMP(a->rss_kb, b->rss_kb);
	case COL_ANON:
		return -CMP(a->anon_kb, b->anon_kb);
	case COL_FILE:
		return -CMP(a->file_kb, b->file_kb);
	case COL_SHMEM:
		return -CMP(a->shmem_kb, b->shmem_kb);
	case COL_SWAP:
		return -CMP(a->swap_kb, b->swap_kb);
	case COL_PTE:
		return -CMP(a->pte_kb, b->pte_kb);
	case COL_CGROUP:
		return strcmp(a->cgroup, b->cgroup);
	case COL_MEMCG:
		return -CMP(column_memcg_pct(a), column_memcg_pct(b));
	case COL_COMMAND:
	default:
		return strcmp(a->comm, b->comm);
	}
}

int table_cmp(const struct table *t, const struct proc *a, const struct proc *b)
{
	int r = table_cmp_col(t->sort_col, a, b);

	if (r == 0 && t->sort_col != COL_RANK)
		r = table_cmp_col(COL_RANK, a, b);
	return t->reverse ? -r : r;
}

static int table_qsort_cmp(const void *x, const void *y, void *t)
{
	return table_cmp(t, *(struct proc *const *)x, *(struct proc *const *)y);
}

void table_rebuild(struct table *t, struct procset *ps)
{
	size_t i;

	if (ps->n > t->view_cap) {
		t->view_cap = ps->n * 2;
		t->view = x_realloc(t->view, t->view_cap * sizeof(*t->view));
	}
	t->nview = 0;
	for (i = 0; i < ps->n; i++)
		if (table_wants(t, ps->v[i]))
			t->view[t->nview++] = ps->v[i];
	if (t->nview > 1)
		qsort_r(t->view, t->nview, sizeof(*t->view), table_qsort_cmp, t);

	if (t->sel_valid) {
		for (i = 0; i < t->nview; i++) {
			if (t->view[i]->pid == t->sel_pid &&
			    t->view[i]->start_time == t->sel_start) {
				t->sel = i;
				return;
			}
		}
	}
	/* the selected process is gone: keep the position */
	table_move(t, 0);
}

void table_move(struct table *t, long delta)
{
	long s;

	if (delta > (long)t->nview)
		delta = (long)t->nview;
	if (delta < -(long)t->nview)
		delta = -(long)t->nview;
	s = (long)t->sel + delta;
	if (t->nview == 0) {
		t->sel = 0;
		t->sel_valid = false;
		return;
	}
	if (s < 0)
		s = 0;
	if (s >= (long)t->nview)
		s = (long)t->nview - 1;
	t->sel = (size_t)s;
	t->sel_valid = true;
	t->sel_pid = t->view[t->sel]->pid;
	t->sel_start = t->view[t->sel]->start_time;
}

void table_jump(struct table *t, bool end)
{
	t->sel = 0;
	table_move(t, end ? (long)t->nview : 0);
}

void table_scroll(struct table *t, size_t rows)
{
	if (rows == 0)
		return;
	if (t->sel < t->top)
		t->top = t->sel;
	if (t->sel >= t->top + rows)
		t->top = t->sel - rows + 1;
	if (t->nview > rows && t->top > t->nview - rows)
		t->top = t->nview - rows;
	if (t->nview <= rows)
		t->top = 0;
}

struct proc *table_selected(const struct table *t)
{
	return t->nview ? t->view[t->sel] : NULL;
}
