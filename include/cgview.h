/* cgview.h - the cgroup view's model: memory cgroups with a limit or an OOM, and who dies first in each */
#ifndef OOMTOP_CGVIEW_H
#define OOMTOP_CGVIEW_H

#include "memcg.h"
#include "proc.h"

enum cgcol {
	CG_PATH, CG_USAGE, CG_LIMIT, CG_PCT, CG_HIGH, CG_PSI, CG_OOMS, CG_GROUP, CG_PROCS, CG_VICTIM,
	CG_COUNT
};

struct cgrow {
	struct memcg cg;
	char label[MEMCG_PATH_MAX];        /* memcg_label: unit, container, pod or path */
	long long limit_kb;                /* cg's own limit, else the one that bites above it; -1 none */
	int nprocs;                        /* processes in its subtree */
	bool has_victim;
	int victim_pid;
	unsigned long long victim_start;
	char victim_comm[PROC_COMM_MAX];
	long long victim_badness;          /* pages, against this cgroup's limit */
};

struct cgview {
	struct cgrow *v;
	size_t n, cap;
	enum cgcol sort;
	bool reverse;
	size_t sel, top;
	char sel_path[MEMCG_PATH_MAX];     /* the selection, kept by path */
};

void cgview_init(struct cgview *cv);
void cgview_fini(struct cgview *cv);
/* The column's name ("PATH", "USAGE", ...) and by name (-1 unknown). */
const char *cgview_col_name(enum cgcol c);
/* Pages the kernel counts as a cgroup's total in its OOM: the limit (and the swap it may use). */
unsigned long long cgview_total_pages(long long limit_kb, unsigned long swap_kb, unsigned long page_kb);
/*
 * Rebuild the rows from the set (scanned first) and the processes: every
 * cgroup with a limit, or that has had an OOM; for each, the process that
 * would die first if it hit its limit. Sorted; the selection kept.
 */
void cgview_build(struct cgview *cv, struct memcg_set *set, const struct procset *ps, unsigned long swap_kb);
/* Sort the rows by cv->sort (cv->reverse). */
void cgview_sort(struct cgview *cv);
/* Adjust the first shown row so that the selection is visible in rows lines. */
void cgview_scroll(struct cgview *cv, size_t rows);
/* Move the selection by delta rows (clamped). */
void cgview_move(struct cgview *cv, long delta);
/* The first victim among the processes within top: index into ps->v, or -1. Fills badness. */
long cgview_victim(const struct procset *ps, const char *top, unsigned long long total_pages,
		   long long *badness);

#endif
