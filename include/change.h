/* change.h - changing a process: oom_score_adj and signals, by identity, audited */
#ifndef OOMTOP_CHANGE_H
#define OOMTOP_CHANGE_H

#include "app.h"

/*
 * Set the oom_score_adj of process (pid, start_time) to value through a
 * checked /proc/PID directory fd; re-read its adj and oom_score, re-rank,
 * log and audit the change. Every outcome is told in a->status. true when
 * the value was written.
 */
bool change_adj(struct app *a, int pid, unsigned long long start_time, const char *comm, int value,
		enum adj_kind kind);
/* + and -: the selected process's adj moved by delta (a->adj_step steps). */
bool change_step(struct app *a, int delta);
/* U: write back the value the newest change replaced. */
bool change_undo(struct app *a);
/* Send sig to (pid, start_time) through a pidfd; told, logged, audited. */
bool change_signal(struct app *a, int pid, unsigned long long start_time, const char *comm, int sig);
/* A signal by name or number ("TERM", "sigkill", "9"); 0 when unknown. */
int change_signal_parse(const char *s);
/* Can typed still become a signal name or number? */
bool change_signal_typing_ok(const char *typed);
/* Whether changes are allowed at all; if not, say why in a->status. */
bool change_allowed(struct app *a);
/* Fill a->info for the selected process (its cgroup and systemd unit). */
void change_info(struct app *a);

#endif
