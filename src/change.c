/* change.c - oom_score_adj writes and signals, never to the wrong process */
#include "change.h"

#include "audit.h"
#include "escape.h"
#include "pidref.h"
#include "rank.h"
#include "unit.h"

#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CGROUP_MAX 8192

/* The name of a process for a message: "1234 (nginx)", escaped. */
static void change_name(const struct app *a, char *buf, size_t cap, int pid, const char *comm)
{
	char c[PROC_COMM_MAX * 4];

	escape_text(c, sizeof(c), comm, strnlen(comm, PROC_COMM_MAX), a->esc_flags);
	snprintf(buf, cap, "%d (%s)", pid, c);
}

/* A user's name, or the uid as a number. */
static void change_user(char *buf, size_t cap, uid_t uid)
{
	struct passwd *pw = getpwuid(uid);

	if (pw)
		escape_text(buf, cap, pw->pw_name, strlen(pw->pw_name), 0);
	else
		snprintf(buf, cap, "uid %u", (unsigned)uid);
}

bool change_allowed(struct app *a)
{
	if (a->privs.mode != PRIVS_READ_ONLY)
		return true;
	snprintf(a->status, sizeof(a->status), "read-only (%s): this oomtop changes no process",
		 a->opt.read_only ? "--read-only" : "batch mode");
	return false;
}

/* Open (pid, start_time), or say in a->status why not. */
static bool change_open(struct app *a, struct pidref *r, int pid, unsigned long long start,
			const char *name)
{
	int err;

	switch (pidref_open(r, a->proc_dir, pid, start, &err)) {
	case PIDREF_OK:
		return true;
	case PIDREF_GONE:
		snprintf(a->status, sizeof(a->status), "nothing done: %s has exited", name);
		return false;
	case PIDREF_REUSED:
		snprintf(a->status, sizeof(a->status),
			 "nothing done: %s has exited and PID %d is now another process", name, pid);
		return false;
	case PIDREF_ERROR:
	default:
		snprintf(a->status, sizeof(a->status), "cannot open %s/%d: %s", a->proc_dir, pid,
			 strerror(err));
		return false;
	}
}

/* The systemd unit of an open process, "" when none. */
static void change_unit(const struct pidref *r, char *unit, size_t cap, bool *user, char *cg, size_t cgcap)
{
	char *buf = malloc(CGROUP_MAX);
	long n;

	unit[0] = '\0';
	*user = false;
	if (cg)
		cg[0] = '\0';
	if (!buf)
		return;
	n = pidref_read(r, "cgroup", buf, CGROUP_MAX);
	if (n > 0) {
		if (!unit_parse(buf, (size_t)n, unit, cap, user))
			unit[0] = '\0';
		if (cg) {
			/* the unified line's path, else the first line's */
			const char *p = strstr(buf, "0::");
			const char *line = p && (p == buf || p[-1] == '\n') ? p + 3 : strrchr(buf, ':');
			size_t len;

			if (line && *line == ':')
				line++;
			len = line ? strcspn(line, "\n") : 0;
			escape_text(cg, cgcap, line ? line : "", len, 0);
		}
	}
	free(buf);
}

/* Why a write failed, in words, into a->status. */
static void change_refused(struct app *a, const struct pidref *r, const char *name, int rc, bool opened,
			   int old, int value)
{
	char owner[64], me[64];
	struct stat st;

	if (!opened && (rc == -EACCES || rc == -EPERM)) {
		if (fstat(r->dirfd, &st) == 0)
			change_user(owner, sizeof(owner), st.st_uid);
		else
			snprintf(owner, sizeof(owner), "another user");
		change_user(me, sizeof(me), geteuid());
		snprintf(a->status, sizeof(a->status),
			 "nothing written: %s belongs to %s, and this oomtop (running as %s) lacks "
			 "CAP_DAC_OVERRIDE",
			 name, owner, me);
	} else if (opened && rc == -EACCES && value < old) {
		snprintf(a->status, sizeof(a->status),
			 "not lowered, %s stays at %d: going to %d needs CAP_SYS_RESOURCE, which this oomtop "
			 "lacks: containers often drop it",
			 name, old, value);
	} else if (rc == -ESRCH || rc == -ENOENT) {
		snprintf(a->status, sizeof(a->status), "nothing done: %s has exited", name);
	} else {
		snprintf(a->status, sizeof(a->status), "cannot write the oom_score_adj of %s: %s", name,
			 strerror(-rc));
	}
}

/* Re-read a changed process into its row and re-rank; its rank, or -1 when not shown. */
static int change_reread(struct app *a, const struct pidref *r, int *adj, int *score)
{
	struct proc *p = procset_find(&a->procs, r->pid, r->start_time);

	if (pidref_read_int(r, "oom_score_adj", adj) < 0 || pidref_read_int(r, "oom_score", score) < 0)
		return -1;
	if (!p)
		return -1;
	p->oom_adj = *adj;
	p->oom_score = *score;
	rank_compute(&a->procs);
	table_rebuild(&a->table, &a->procs);
	return p->rank;
}

static void change_record(struct app *a, enum adj_kind kind, const struct pidref *r, const char *comm,
			  int old, int value, int sig)
{
	struct adj_entry e;

	memset(&e, 0, sizeof(e));
	e.when = time(NULL);
	e.kind = kind;
	e.pid = r->pid;
	e.start_time = r->start_time;
	snprintf(e.comm, sizeof(e.comm), "%s", comm);
	e.old_adj = old;
	e.new_adj = value;
	e.sig = sig;
	adj_log_add(&a->changes, &e);
	audit_log(a->who, &e);
}

bool change_adj(struct app *a, int pid, unsigned long long start_time, const char *comm, int value,
		enum adj_kind kind)
{
	struct pidref r;
	char name[PROC_COMM_MAX * 4 + 16], unit[128], how[256];
	const struct proc *p = procset_find(&a->procs, pid, start_time);
	int old, old_score = -1, adj, score, rank, old_rank = p ? p->rank : 0, rc;
	bool opened, user;

	change_name(a, name, sizeof(name), pid, comm);
	if (!change_allowed(a))
		return false;
	if (p && p->kthread) {
		snprintf(a->status, sizeof(a->status),
			 "%s is a kernel thread: the OOM killer never picks it, nothing to change", name);
		return false;
	}
	if (!change_open(a, &r, pid, start_time, name))
		return false;
	if (pidref_read_int(&r, "oom_score_adj", &old) < 0) {
		snprintf(a->status, sizeof(a->status), "nothing done: %s has exited", name);
		pidref_close(&r);
		return false;
	}
	pidref_read_int(&r, "oom_score", &old_score);
	if (old == value) {
		snprintf(a->status, sizeof(a->status), "the oom_score_adj of %s is already %d", name, value);
		pidref_close(&r);
		return false;
	}
	rc = pidref_write_int(&r, "oom_score_adj", value, &opened);
	if (rc < 0) {
		change_refused(a, &r, name, rc, opened, old, value);
		pidref_close(&r);
		return false;
	}
	change_record(a, kind, &r, comm, old, value, 0);
	rank = change_reread(a, &r, &adj, &score);
	change_unit(&r, unit, sizeof(unit), &user, NULL, 0);
	if (unit[0])
		snprintf(how, sizeof(how), "; to keep it: systemctl%s edit %s, [Service] OOMScoreAdjust=%d",
			 user ? " --user" : "", unit, adj);
	else
		snprintf(how, sizeof(how), "; it lasts until the process exits");
	snprintf(a->status, sizeof(a->status), "%s%s: oom_score_adj %d -> %d, oom_score %d -> %d, rank %d -> %d%s",
		 kind == ADJ_UNDO ? "undone: " : "", name, old, adj, old_score, score, old_rank,
		 rank < 0 ? 0 : rank, how);
	pidref_close(&r);
	return true;
}

bool change_step(struct app *a, int delta)
{
	const struct proc *p = table_selected(&a->table);

	if (!p) {
		snprintf(a->status, sizeof(a->status), "no process selected");
		return false;
	}
	if (!change_allowed(a))
		return false;
	if ((delta > 0 && p->oom_adj >= ADJ_MAX) || (delta < 0 && p->oom_adj <= ADJ_MIN)) {
		snprintf(a->status, sizeof(a->status), "oom_score_adj is already at its %s, %d",
			 delta > 0 ? "maximum" : "minimum", p->oom_adj);
		return false;
	}
	return change_adj(a, p->pid, p->start_time, p->comm, adj_step(p->oom_adj, delta), ADJ_CHANGE);
}

bool change_undo(struct app *a)
{
	struct adj_entry *e = adj_log_last_change(&a->changes);
	struct adj_entry copy;

	if (!change_allowed(a))
		return false;
	if (!e) {
		snprintf(a->status, sizeof(a->status), "nothing to undo: no change in this session");
		return false;
	}
	copy = *e;
	e->undone = true; /* whatever happens: a process gone cannot be undone later either */
	return change_adj(a, copy.pid, copy.start_time, copy.comm, copy.old_adj, ADJ_UNDO);
}

bool change_signal(struct app *a, int pid, unsigned long long start_time, const char *comm, int sig)
{
	struct pidref r;
	char name[PROC_COMM_MAX * 4 + 16], owner[64];
	const char *abbrev = sigabbrev_np(sig);
	struct stat st;
	int rc;

	change_name(a, name, sizeof(name), pid, comm);
	if (!change_allowed(a))
		return false;
	if (!change_open(a, &r, pid, start_time, name))
		return false;
	rc = pidref_signal(&r, a->proc_dir, sig);
	if (rc == 0) {
		change_record(a, ADJ_SIGNAL, &r, comm, 0, 0, sig);
		snprintf(a->status, sizeof(a->status), "sent SIG%s to %s", abbrev ? abbrev : "?", name);
	} else if (rc == -EPERM) {
		if (fstat(r.dirfd, &st) == 0)
			change_user(owner, sizeof(owner), st.st_uid);
		else
			snprintf(owner, sizeof(owner), "another user");
		snprintf(a->status, sizeof(a->status),
			 "nothing sent: %s belongs to %s, and this oomtop lacks CAP_KILL", name, owner);
	} else if (rc == -ESRCH) {
		snprintf(a->status, sizeof(a->status), "nothing sent: %s has exited or its PID was reused",
			 name);
	} else {
		snprintf(a->status, sizeof(a->status), "cannot signal %s: %s", name, strerror(-rc));
	}
	pidref_close(&r);
	return rc == 0;
}

int change_signal_parse(const char *s)
{
	char *end;
	long v;
	int sig;

	if (!*s)
		return 0;
	if (isdigit((unsigned char)*s)) {
		errno = 0;
		v = strtol(s, &end, 10);
		return !errno && !*end && v >= 1 && v < NSIG ? (int)v : 0;
	}
	if (strncasecmp(s, "SIG", 3) == 0 && s[3])
		s += 3;
	for (sig = 1; sig < NSIG; sig++) {
		const char *n = sigabbrev_np(sig);

		if (n && strcasecmp(n, s) == 0)
			return sig;
	}
	return 0;
}

bool change_signal_typing_ok(const char *typed)
{
	size_t len = strlen(typed);
	int sig;

	if (len == 0)
		return true;
	if (isdigit((unsigned char)*typed))
		return strspn(typed, "0123456789") == len && len <= 2 && change_signal_parse(typed) != 0;
	for (sig = 1; sig < NSIG; sig++) {
		const char *n = sigabbrev_np(sig);
		char full[32];

		if (!n)
			continue;
		snprintf(full, sizeof(full), "SIG%s", n);
		if (strncasecmp(n, typed, len) == 0 || strncasecmp(full, typed, len) == 0)
			return true;
	}
	return false;
}

/* The memory cgroup of an open process and its ancestors, for the details. */
static void change_chain(struct app *a, const struct pidref *r)
{
	char *buf = malloc(CGROUP_MAX), path[MEMCG_PATH_MAX], up[MEMCG_PATH_MAX];
	long n;

	a->info.nchain = 0;
	if (!buf)
		return;
	n = pidref_read(r, "cgroup", buf, CGROUP_MAX);
	if (n > 0 && memcg_available(&a->memcgs.mounts) &&
	    memcg_path_parse(buf, (size_t)n, a->memcgs.mounts.v2_memory, path, sizeof(path))) {
		for (;;) {
			const struct memcg *c = memcg_set_get(&a->memcgs, path);

			if (!c || a->info.nchain == (int)(sizeof(a->info.chain) / sizeof(a->info.chain[0])))
				break;
			a->info.chain[a->info.nchain++] = *c;
			if (!memcg_parent(path, up, sizeof(up)))
				break;
			memcpy(path, up, sizeof(path));
		}
	}
	free(buf);
}

void change_info(struct app *a)
{
	const struct proc *p = table_selected(&a->table);
	struct pidref r;
	int err;

	memset(&a->info, 0, sizeof(a->info));
	if (!p) {
		a->info.gone = true;
		return;
	}
	a->info.pid = p->pid;
	a->info.start_time = p->start_time;
	if (pidref_open(&r, a->proc_dir, p->pid, p->start_time, &err) != PIDREF_OK) {
		a->info.gone = true;
		return;
	}
	change_unit(&r, a->info.unit, sizeof(a->info.unit), &a->info.user_unit, a->info.cgroup,
		    sizeof(a->info.cgroup));
	change_chain(a, &r);
	pidref_close(&r);
}
