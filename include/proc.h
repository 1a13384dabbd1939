/* proc.h - one sampled process, and the set of them a refresh produces */
#ifndef OOMTOP_PROC_H
#define OOMTOP_PROC_H

#include <stdbool.h>
#include <stddef.h>

#define PROC_COMM_MAX 32
#define PROC_USER_MAX 33
#define PROC_CGROUP_MAX 128
#define PROC_MEMCG_MAX 256

struct proc {
	int pid;
	unsigned uid;
	char user[PROC_USER_MAX];
	char comm[PROC_COMM_MAX];
	char *cmdline;          /* owned; arguments joined by spaces */
	size_t cmdline_cap;
	char cgroup[PROC_CGROUP_MAX]; /* systemd service, else cgroup path; "" unread */
	char memcg[PROC_MEMCG_MAX];   /* memory cgroup path in its hierarchy; "" unread */
	long long memcg_limit_kb;     /* the limit that bites (nearest limited ancestor); -1 none */
	long long memcg_usage_kb;     /* that cgroup's usage */
	char state;             /* R, S, D, Z, ... */
	bool kthread;
	int oom_score;          /* /proc/PID/oom_score */
	int oom_adj;            /* /proc/PID/oom_score_adj */
	unsigned long rss_kb, anon_kb, file_kb, shmem_kb, swap_kb, pte_kb;
	unsigned long long start_time; /* clock ticks after boot: identity */
	/* what the sampler saw in /proc/PID/stat, to notice a change */
	unsigned long seen_rss, seen_vsize;
	unsigned seen_name;
	/* derived by rank_compute() */
	long long badness;      /* the kernel's oom_badness(), in pages */
	int rank;               /* 1 = killed next; 0 = never killed */
	bool killable;          /* the kernel may pick it (rank_compute's verdict) */
};

/*
 * What one refresh sampled, in /proc order (ascending PID). Rows live at
 * stable addresses and are reused: a process seen again keeps its row, the
 * rows of exited processes wait in a pool for new ones.
 */
struct procset {
	struct proc **v;        /* this refresh */
	size_t n, cap;
	struct proc **old;      /* the previous refresh, while a new one is built */
	size_t nold, oldpos, oldcap;
	struct proc **pool;     /* free rows */
	size_t npool, poolcap;
	unsigned long long total_pages; /* RAM + swap, in pages */
	unsigned long page_kb;          /* page size in KiB */
	struct proc **scratch;          /* rank_compute's work array */
	size_t scratch_cap;
};

void procset_init(struct procset *ps);
void procset_fini(struct procset *ps);
/* Start a new refresh: the current rows become the old ones. */
void procset_begin(struct procset *ps);
/*
 * The old row of process (pid, start_time), taken out of the old set, or
 * NULL. Call with ascending PIDs: old rows passed over are freed.
 */
struct proc *procset_match(struct procset *ps, int pid, unsigned long long start_time);
/* A free row, cleared but for its command line buffer. */
struct proc *procset_take(struct procset *ps);
/* Give a row back to the pool (a process that is gone). */
void procset_release(struct procset *ps, struct proc *p);
/* Append a row to this refresh. */
void procset_add(struct procset *ps, struct proc *p);
/* End a refresh: old rows nobody matched go to the pool. */
void procset_end(struct procset *ps);
/* procset_take + procset_add: a new, cleared row of this refresh. */
struct proc *procset_push(struct procset *ps);
/* Store a command line (len bytes, may hold NULs) into p, reusing its buffer. */
void proc_set_cmdline(struct proc *p, const char *s, size_t len);
/* Find a process by identity; NULL when it is gone. */
struct proc *procset_find(struct procset *ps, int pid, unsigned long long start_time);

#endif
