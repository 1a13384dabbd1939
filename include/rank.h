/* rank.h - the kernel's kill order */
#ifndef OOMTOP_RANK_H
#define OOMTOP_RANK_H

#include "proc.h"

/* Whether the kernel would ever pick p (adj -1000, init, kthreads, score 0: no). */
bool rank_killable(const struct proc *p);

/*
 * The kernel's oom_badness() for p, in pages, as mm/oom_kill.c computes it:
 * rss + swap entries + page tables + oom_score_adj * (total_pages / 1000).
 */
long long rank_badness(const struct proc *p, unsigned long long total_pages,
		       unsigned long page_kb);

/*
 * Compare two processes by kill order: negative when a dies before b.
 * Higher oom_score first, then higher badness, then the newer process (the
 * kernel keeps the last of equal candidates in its task list walk).
 */
int rank_cmp(const struct proc *a, const struct proc *b);

/* Fill badness and rank (1 = next victim, 0 = never) of every process. */
void rank_compute(struct procset *ps);

#endif
