/* rank.h - the kernel's kill order */
#ifndef OOMTOP_RANK_H
#define OOMTOP_RANK_H

#include "proc.h"

/*
 * Whether the kernel would ever pick p: not kernel threads, adj -1000,
 * zombies, nor what the kernel marks unkillable (the global init, tasks
 * already reaped or in vfork), which read oom_score 0 although their
 * badness (p->badness, filled first) says otherwise.
 */
bool rank_killable(const struct proc *p, unsigned long long total_pages);

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

/*
 * Kill order inside a memory cgroup, as the kernel picks in a cgroup OOM:
 * after rank_compute, the processes for which in(p, ctx) holds get their
 * badness against total_pages (the cgroup's limit in pages) and ranks by
 * it alone (ties: the newer process); every other process gets rank 0.
 */
void rank_compute_in(struct procset *ps, bool (*in)(const struct proc *p, const void *ctx),
		     const void *ctx, unsigned long long total_pages);
/* The kill order inside a cgroup: negative when a dies before b (badness, then newer). */
int rank_cmp_in(const struct proc *a, const struct proc *b);

#endif
