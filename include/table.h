/* table.h - the model: which processes are shown, in which order, which is selected */
#ifndef OOMTOP_TABLE_H
#define OOMTOP_TABLE_H

#include "column.h"
#include "proc.h"

#include <sys/types.h>

struct table {
	/* what is shown */
	enum column sort_col;
	bool reverse;
	bool show_kthreads;
	const int *pids;        /* -p filter, not owned; NULL = all */
	size_t npids;
	bool filter_uid;        /* -u filter, u */
	uid_t uid;
	char filter[64];        /* /: name or command line holds this (any case); "" = all */
	char memcg_top[256];    /* -c, Enter in the cgroup view: only this memory cgroup's subtree */
	/* the rows, pointers into the last procset */
	struct proc **view;
	size_t nview, view_cap;
	/* selection and scrolling; the selection is kept by identity */
	size_t sel, top;
	bool sel_valid;
	int sel_pid;
	unsigned long long sel_start;
};

void table_init(struct table *t);
void table_fini(struct table *t);
/* Does p pass the filters? */
bool table_wants(const struct table *t, const struct proc *p);
/* Compare two rows by the table's sort column (negative: a first). */
int table_cmp(const struct table *t, const struct proc *a, const struct proc *b);
/* Filter and sort ps into the view; keep the selected process selected. */
void table_rebuild(struct table *t, struct procset *ps);
/* Move the selection by delta rows (clamped); remember the process. */
void table_move(struct table *t, long delta);
/* Move to the first (end = false) or last row. */
void table_jump(struct table *t, bool end);
/* Adjust the first shown row so that the selection is visible in rows lines. */
void table_scroll(struct table *t, size_t rows);
/* The selected process, or NULL when the view is empty. */
struct proc *table_selected(const struct table *t);

#endif
