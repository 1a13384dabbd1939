/* psi.h - pressure stall information (/proc/pressure) */
#ifndef OOMTOP_PSI_H
#define OOMTOP_PSI_H

#include <stdbool.h>
#include <stddef.h>

enum psi_res { PSI_MEMORY, PSI_IO, PSI_CPU, PSI_COUNT };

struct psi_line {
	bool present;
	double avg10, avg60, avg300;  /* percent of time stalled */
	unsigned long long total;     /* microseconds stalled since boot */
};

struct psi_stat {
	int err;                      /* 0, or -errno of the read or parse */
	struct psi_line some, full;
};

struct psi {
	struct psi_stat r[PSI_COUNT];
	double when;                  /* CLOCK_MONOTONIC seconds of the read */
	bool boot_off;                /* the kernel command line has psi=0 */
};

#define PSI_HISTORY 64

/* The memory stall rate of the last refreshes, oldest first. */
struct psi_history {
	double v[PSI_HISTORY];
	size_t n, head;
};

/* "memory", "io", "cpu": the file name under /proc/pressure. */
const char *psi_name(enum psi_res r);

/*
 * Parse one pressure file: a "some" line and, where the kernel has it, a
 * "full" line, each "avg10=A avg60=B avg300=C total=T". Returns 0, or
 * -EINVAL for a missing "some" line, a malformed or truncated line.
 */
int psi_parse(const char *buf, size_t len, struct psi_stat *out);

/*
 * Read dir/memory, dir/io and dir/cpu (dir: /proc/pressure, or another
 * directory for tests). Each resource gets its own err: -ENOENT where the
 * kernel has no PSI, -EOPNOTSUPP where it was booted with psi=0.
 */
void psi_read(const char *dir, struct psi *out);

/*
 * The stall rate between two reads of one resource, from "total": percent
 * of wall time that tasks were stalled. Negative when it cannot be known
 * (first read, a line missing, an error, time not moving).
 */
double psi_rate(const struct psi *prev, const struct psi *cur, enum psi_res r, bool full);

/*
 * Whether a kernel command line (/proc/cmdline) turns PSI off: psi= with a
 * value the kernel reads as false (0, n, N, f, F, off).
 */
bool psi_cmdline_off(const char *buf, size_t len);

/* Why PSI is not there, in words; NULL when it is there. */
const char *psi_unavailable(const struct psi *p);

/* The same in at most 30 characters, for narrow screens. */
const char *psi_unavailable_short(const struct psi *p);

void psi_history_push(struct psi_history *h, double v);
/* The i-th value, oldest first (i < h->n). */
double psi_history_get(const struct psi_history *h, size_t i);

#endif
