/* sampler.h - reads every process from /proc; the only user of libproc2 */
#ifndef OOMTOP_SAMPLER_H
#define OOMTOP_SAMPLER_H

#include "proc.h"
#include "sysmem.h"

struct sampler;

/* Set up libproc2; NULL with errno set when /proc is not usable. */
struct sampler *sampler_new(void);
void sampler_free(struct sampler *s);

/*
 * Read all processes into ps (replacing its rows), and /proc/meminfo into m
 * (whose totals give the page count the kernel's badness needs). Processes
 * that exit during the read are left out. Returns 0 or -errno.
 */
int sampler_read(struct sampler *s, struct procset *ps, struct sysmem *m);

/*
 * Read each process's cgroup (the CGROUP column, its memory cgroup) from now
 * on, or stop; memcg_v2: the memory controller is on the unified hierarchy.
 */
void sampler_want_cgroup(struct sampler *s, bool on, bool memcg_v2);

/* The kernel's count of OOM kills since boot (/proc/vmstat oom_kill). 0 or -errno. */
int sampler_oom_kills(struct sampler *s, unsigned long *count);

/* Read /proc/meminfo (through libproc2) into m. 0 or -errno (also in m->err). */
int sampler_sysmem(struct sampler *s, struct sysmem *m);

#endif
