/* audit.c - the audit trail of changes, through the C library's syslog */
#include "audit.h"

#include "escape.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>

void audit_who(char *buf, size_t cap, unsigned uid, const char *user, const char *sudo_user)
{
	char name[64], sudo[64];

	escape_text(name, sizeof(name), user && *user ? user : "?", strlen(user && *user ? user : "?"), 0);
	if (sudo_user && *sudo_user) {
		escape_text(sudo, sizeof(sudo), sudo_user, strlen(sudo_user), 0);
		snprintf(buf, cap, "user=%s uid=%u sudo_user=%s", name, uid, sudo);
	} else {
		snprintf(buf, cap, "user=%s uid=%u", name, uid);
	}
}

void audit_format(char *buf, size_t cap, const char *who, const struct adj_entry *e)
{
	char comm[ADJ_COMM_MAX * 4];
	const char *sig;

	escape_text(comm, sizeof(comm), e->comm, strnlen(e->comm, sizeof(e->comm)), 0);
	switch (e->kind) {
	case ADJ_SIGNAL:
		sig = sigabbrev_np(e->sig);
		snprintf(buf, cap, "%s pid=%d signal=SIG%s(%d) comm=%s", who, e->pid,
			 sig ? sig : "?", e->sig, comm);
		break;
	case ADJ_UNDO:
	case ADJ_CHANGE:
	default:
		snprintf(buf, cap, "%s pid=%d oom_score_adj=%d->%d%s comm=%s", who, e->pid,
			 e->old_adj, e->new_adj, e->kind == ADJ_UNDO ? " undo=yes" : "", comm);
		break;
	}
}

void audit_open(void)
{
	static bool opened;

	if (opened)
		return;
	opened = true;
	openlog("oomtop", LOG_PID | LOG_NDELAY, LOG_AUTH);
}

void audit_log(const char *who, const struct adj_entry *e)
{
	char msg[512];

	audit_open();
	audit_format(msg, sizeof(msg), who, e);
	syslog(LOG_AUTH | LOG_NOTICE, "%s", msg);
}
