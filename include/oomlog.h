/* oomlog.h - OOM kills read from kernel log lines, one event per kill */
#ifndef OOMTOP_OOMLOG_H
#define OOMTOP_OOMLOG_H

#include "kmsg.h"

#include <stdbool.h>
#include <stddef.h>

#define OOM_COMM_MAX 96     /* a name as the kernel wrote it (kmsg escapes bytes) */
#define OOM_PATH_MAX 512

enum oomline_kind {
	OOML_INVOKED,       /* "COMM invoked oom-killer: gfp_mask=..., order=N, ..." */
	OOML_SUMMARY,       /* "oom-kill:constraint=...,task_memcg=...,task=...,pid=N,uid=N" */
	OOML_TASK_IN,       /* "Task in /A killed as a result of limit of /B" (before 4.19) */
	OOML_SELECT,        /* "...: Kill process N (COMM) score S or sacrifice child" */
	OOML_KILLED,        /* "[...: ]Killed process N (COMM) total-vm:..." */
	OOML_REAPED,        /* "oom_reaper: reaped process N (COMM), now anon-rss:..." */
};

struct oomline {
	enum oomline_kind kind;
	bool memcg;                 /* "Memory cgroup out of memory: ..." */
	int pid;
	char comm[OOM_COMM_MAX];
	long long uid;              /* -1: not printed */
	int adj;
	bool has_adj;
	unsigned long total_vm_kb, anon_kb, file_kb, shmem_kb, pgtables_kb;
	char constraint[32];        /* SUMMARY: CONSTRAINT_NONE, CONSTRAINT_MEMCG, ... */
	char path[OOM_PATH_MAX];    /* SUMMARY: task_memcg; TASK_IN: the task's cgroup */
};

/*
 * Recognise one kernel log line of the OOM killer, in the wording of any
 * kernel from 2.6.32 to 6.x. Returns 0 and fills out, -ENOENT for a line
 * that is not one of them, -EINVAL for one that starts like one but is
 * garbled or cut. Names may hold spaces and parentheses: the fields after
 * a name are found from the end.
 */
int oomline_parse(const char *text, size_t len, struct oomline *out);

struct oom_event {
	unsigned long long usec;     /* of the "Killed process" record */
	int pid;
	char comm[OOM_COMM_MAX];
	long long uid;               /* -1: not printed */
	bool memcg;                  /* kind: a memory cgroup's OOM, else global */
	char constraint[32];         /* "" when not printed */
	char cgroup[OOM_PATH_MAX];   /* "" when not printed */
	unsigned long total_vm_kb, anon_kb, file_kb, shmem_kb, pgtables_kb;
	int adj;
	bool has_adj;
	char trigger[OOM_COMM_MAX];  /* the task that ran out; "" when not printed */
	bool reaped;                 /* the oom_reaper freed its memory */
	bool live;                   /* happened while oomtop was running */
	char user[33];               /* the uid's name, filled by the app; "" unknown */
};

#define KILLLOG_MAX 1000 /* the oldest kills are dropped past this */

struct killlog {
	struct oom_event *v;         /* oldest first */
	size_t n;
	unsigned long lost;          /* records the kernel overwrote before we read them */
	unsigned long spoofs;        /* OOM-looking lines from user space, ignored */
	/* the report being read */
	char trigger[OOM_COMM_MAX];
	struct oomline summary;
	bool have_summary;
	char task_in[OOM_PATH_MAX];
	bool select_memcg;           /* "Memory cgroup out of memory: Kill process" */
};

void killlog_init(struct killlog *k);
void killlog_fini(struct killlog *k);
/*
 * Take one record. Only the kernel's own records (facility 0) count.
 * Returns 1 when it completed a kill, 0 otherwise.
 */
int killlog_feed(struct killlog *k, const struct kmsg_record *r, bool live);

#endif
