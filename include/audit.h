/* audit.h - every oom_score_adj change and signal, to syslog (auth.notice) */
#ifndef OOMTOP_AUDIT_H
#define OOMTOP_AUDIT_H

#include "adj.h"

#include <stddef.h>

/*
 * Who acts: the real user's name and uid, and the sudo user when SUDO_USER
 * is set: "user=root uid=0 sudo_user=alice". Names escaped.
 */
void audit_who(char *buf, size_t cap, unsigned uid, const char *user, const char *sudo_user);

/*
 * The audit message of e (without the syslog prefix), the name escaped and
 * last, since it may hold spaces:
 * "user=alice uid=1000 pid=1234 oom_score_adj=0->200 comm=nginx",
 * "user=alice uid=1000 pid=1234 signal=SIGTERM(15) comm=nginx".
 */
void audit_format(char *buf, size_t cap, const char *who, const struct adj_entry *e);

/* Open the log (facility auth) once; later calls do nothing. */
void audit_open(void);
/* Send the message of e at severity notice. */
void audit_log(const char *who, const struct adj_entry *e);

#endif
