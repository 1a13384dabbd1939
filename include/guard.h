/* guard.h - oomtop protecting itself from the OOM it shows */
#ifndef OOMTOP_GUARD_H
#define OOMTOP_GUARD_H

#include <stdbool.h>
#include <stddef.h>

/*
 * oomtop's own oom_score_adj: low enough that the kernel picks every
 * ordinary process first, not -1000: an oomtop gone wrong must stay killable.
 */
#define GUARD_ADJ (-100)

struct guard {
	bool adj_lowered;   /* own oom_score_adj is GUARD_ADJ (or was lower) */
	int adj_err;        /* errno of the failed write, 0 */
	bool locked;        /* mlockall worked */
	int lock_err;       /* errno of the failed mlockall, 0 */
};

/* Lower oomtop's own oom_score_adj to GUARD_ADJ (proc_dir is /proc). */
void guard_adj(struct guard *g, const char *proc_dir);
/* Lock the pages mapped now as they are touched (mlockall, MCL_ONFAULT). */
void guard_lock(struct guard *g);
/* What self-protection did, in words, for the status line; "" when all worked. */
void guard_words(const struct guard *g, char *buf, size_t cap);

#endif
