/* pidref.h - one process, held by identity: a /proc/PID directory fd whose
 * start time was checked, so that a reused PID never means another process */
#ifndef OOMTOP_PIDREF_H
#define OOMTOP_PIDREF_H

#include <stdbool.h>
#include <stddef.h>

struct pidref {
	int pid;
	unsigned long long start_time; /* clock ticks after boot, from stat */
	int dirfd;                     /* /proc/PID, -1 when closed */
};

enum pidref_status {
	PIDREF_OK = 0,
	PIDREF_GONE,    /* the process exited */
	PIDREF_REUSED,  /* the PID now belongs to another process */
	PIDREF_ERROR,   /* /proc could not be read: errno in *err */
};

/*
 * The start time (field 22) of a /proc/PID/stat text of len bytes. The name
 * (field 2) may hold spaces and parentheses: fields are counted after the
 * last ')'. false when the text is not a stat line.
 */
bool pidref_parse_start(const char *buf, size_t len, unsigned long long *start);

/*
 * Open the process pid that started at start_time (proc_dir is /proc). On
 * PIDREF_OK, r holds the directory fd; close it with pidref_close. Anything
 * else leaves r closed; *err gets the errno of a PIDREF_ERROR.
 */
enum pidref_status pidref_open(struct pidref *r, const char *proc_dir, int pid,
			       unsigned long long start_time, int *err);
void pidref_close(struct pidref *r);

/* Read an integer file of the process (oom_score, oom_score_adj). 0 or -errno. */
int pidref_read_int(const struct pidref *r, const char *name, int *value);
/*
 * Write an integer into a file of the process. 0 or -errno; *opened tells
 * whether the open worked (then the write failed) or not.
 */
int pidref_write_int(const struct pidref *r, const char *name, int value, bool *opened);
/* Read a file of the process into buf (NUL-terminated, cut at cap - 1). Bytes or -errno. */
long pidref_read(const struct pidref *r, const char *name, char *buf, size_t cap);

/*
 * Send sig through a pidfd opened for this process, after checking again
 * that the PID still names it. 0, -ESRCH when it is gone or another process,
 * or another -errno (EPERM: not allowed).
 */
int pidref_signal(const struct pidref *r, const char *proc_dir, int sig);

#endif
