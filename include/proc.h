/* proc.h - one sampled process, and the set of them a refresh produces */
#ifndef OOMTOP_PROC_H
#define OOMTOP_PROC_H

#include <stdbool.h>
#include <stddef.h>

#define PROC_COMM_MAX 64
#define PROC_USER_MAX 33

struct proc {
	int pid;
	unsigned uid;
	char user[PROC_USER_MAX];
	char comm[PROC_COMM_MAX];
	char *cmdline;          /* owned; arguments joined by spaces */
	size_t cmdline_cap;
	char state;             /* R, S, D, Z, ... */
	bool kthread;
	int oom_score;          /* /proc/PID/oom_score */
	int oom_adj;            /* /proc/PID/oom_score_adj */
	unsigned long rss_kb, anon_kb, file_kb, shmem_kb, swap_kb, pte_kb;
	unsigned long long start_time; /* clock ticks after boot: identity */
	/* derived by rank_compute() */
	long long badness;      /* the kernel's oom_badness(), in pages */
	int rank;               /* 1 = killed next; 0 = never killed */
};

/* What one refresh sampled. Rows and their buffers are reused. */
struct procset {
	struct proc *v;
	size_t n, cap;
	unsigned long long total_pages; /* RAM + swap, in pages */
	unsigned long page_kb;          /* page size in KiB */
	struct proc **scratch;          /* rank_compute's work array */
	size_t scratch_cap;
};

void procset_init(struct procset *ps);
void procset_fini(struct procset *ps);
/* The next free row (grown as needed); it becomes part of the set. */
struct proc *procset_push(struct procset *ps);
/* Store a command line (len bytes, may hold NULs) into p, reusing its buffer. */
void proc_set_cmdline(struct proc *p, const char *s, size_t len);
/* Find a process by identity; NULL when it is gone. */
struct proc *procset_find(struct procset *ps, int pid, unsigned long long start_time);

#endif
