/* oomlog.c - the OOM killer's kernel log lines, parsed and merged per kill */
#include "oomlog.h"

#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char MEMCG_PREFIX[] = "Memory cgroup out of memory: ";
static const char GLOBAL_PREFIX[] = "Out of memory: ";

/* The last occurrence of needle in [p, end), or NULL. */
static const char *oom_rfind(const char *p, const char *end, const char *needle)
{
	size_t nl = strlen(needle);
	const char *q;

	if ((size_t)(end - p) < nl)
		return NULL;
	for (q = end - nl; q >= p; q--)
		if (memcmp(q, needle, nl) == 0)
			return q;
	return NULL;
}

static const char *oom_find(const char *p, const char *end, const char *needle)
{
	size_t nl = strlen(needle);

	for (; (size_t)(end - p) >= nl; p++)
		if (memcmp(p, needle, nl) == 0)
			return p;
	return NULL;
}

static bool oom_starts(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

/* A decimal (optionally negative) at *p; advances *p. */
static int oom_num(const char **p, const char *end, long long *out)
{
	long long v = 0;
	int neg = 0, digits = 0;

	if (*p < end && **p == '-') {
		neg = 1;
		(*p)++;
	}
	while (*p < end && **p >= '0' && **p <= '9') {
		if (v > 1000000000000000LL)
			return -EINVAL;
		v = v * 10 + (**p - '0');
		(*p)++;
		digits++;
	}
	if (!digits)
		return -EINVAL;
	*out = neg ? -v : v;
	return 0;
}

static void oom_copy(char *dst, size_t cap, const char *p, const char *end)
{
	size_t n = (size_t)(end - p);

	if (n >= cap)
		n = cap - 1;
	memcpy(dst, p, n);
	dst[n] = '\0';
}

/* "KEY:NkB" (or "KEY:N" when kb is false) anywhere in [p, end). */
static int oom_field(const char *p, const char *end, const char *key, bool kb, long long *out)
{
	const char *q = oom_find(p, end, key);

	if (!q)
		return -ENOENT;
	q += strlen(key);
	if (kb && q < end && *q == '-')
		return -EINVAL; /* sizes are unsigned */
	if (oom_num(&q, end, out) < 0)
		return -EINVAL;
	if (kb && !oom_starts(q, end, "kB"))
		return -EINVAL;
	return 0;
}

/* "process N (COMM<delim>": pid and name; *rest points at delim. */
static int oom_pid_comm(const char *p, const char *end, const char *delim, struct oomline *out,
			const char **rest)
{
	const char *close = oom_rfind(p, end, delim);
	long long pid;

	if (!close || oom_num(&p, end, &pid) < 0 || pid <= 0 || pid > 4194304 ||
	    !oom_starts(p, end, " (") || p + 2 > close)
		return -EINVAL;
	out->pid = (int)pid;
	oom_copy(out->comm, sizeof(out->comm), p + 2, close);
	*rest = close + 1;
	return 0;
}

static int oom_killed(const char *p, const char *end, struct oomline *out)
{
	const char *rest;
	long long v;
	int rc;

	static const char *const delims[] = { ") total-vm:", ") vsz:", "), UID " };
	const char *best = NULL, *d = NULL;
	size_t i;

	out->kind = OOML_KILLED;
	/* the name ends at whichever delimiter comes last: it may hold the others */
	for (i = 0; i < sizeof(delims) / sizeof(delims[0]); i++) {
		const char *q = oom_rfind(p, end, delims[i]);

		if (q && (!best || q > best)) {
			best = q;
			d = delims[i];
		}
	}
	if (!d || oom_pid_comm(p, end, d, out, &rest) < 0)
		return -EINVAL;
	if (strcmp(d, "), UID ") == 0) {
		/* RHEL 7: "Killed process N (COMM), UID U, total-vm:..." */
		const char *u = rest + 6;

		if (oom_num(&u, end, &v) < 0 || v < 0)
			return -EINVAL;
		out->uid = v;
	}
	rc = oom_field(rest, end, "total-vm:", true, &v);
	if (rc == -ENOENT)
		rc = oom_field(rest, end, "vsz:", true, &v);
	if (rc < 0)
		return -EINVAL;
	out->total_vm_kb = (unsigned long)v;
	if (oom_field(rest, end, "anon-rss:", true, &v) < 0)
		return -EINVAL;
	out->anon_kb = (unsigned long)v;
	if (oom_field(rest, end, "file-rss:", true, &v) < 0)
		return -EINVAL;
	out->file_kb = (unsigned long)v;
	if ((rc = oom_field(rest, end, "shmem-rss:", true, &v)) == 0)
		out->shmem_kb = (unsigned long)v;
	else if (rc == -EINVAL)
		return -EINVAL;
	if ((rc = oom_field(rest, end, "UID:", false, &v)) == 0)
		out->uid = v;
	else if (rc == -EINVAL)
		return -EINVAL;
	if ((rc = oom_field(rest, end, "pgtables:", true, &v)) == 0)
		out->pgtables_kb = (unsigned long)v;
	else if (rc == -EINVAL)
		return -EINVAL;
	if ((rc = oom_field(rest, end, "oom_score_adj:", false, &v)) == 0) {
		if (v < -1000 || v > 1000)
			return -EINVAL;
		out->adj = (int)v;
		out->has_adj = true;
	} else if (rc == -EINVAL) {
		return -EINVAL;
	}
	return 0;
}

/* "oom-kill:constraint=C,...,task_memcg=/P,task=COMM,pid=N,uid=N" */
static int oom_summary(const char *p, const char *end, struct oomline *out)
{
	const char *uid = oom_rfind(p, end, ",uid="), *pid, *task, *memcg, *q;
	long long v;

	out->kind = OOML_SUMMARY;
	if (!uid)
		return -EINVAL;
	pid = oom_rfind(p, uid, ",pid=");
	task = pid ? oom_rfind(p, pid, ",task=") : NULL;
	if (!pid || !task)
		return -EINVAL;
	q = uid + 5;
	if (oom_num(&q, end, &v) < 0)
		return -EINVAL;
	out->uid = v;
	q = pid + 5;
	if (oom_num(&q, uid, &v) < 0 || q != uid || v <= 0 || v > 4194304)
		return -EINVAL;
	out->pid = (int)v;
	oom_copy(out->comm, sizeof(out->comm), task + 6, pid);
	q = oom_find(p, task, "constraint=");
	if (q) {
		const char *comma = oom_find(q, task, ",");

		oom_copy(out->constraint, sizeof(out->constraint), q + 11, comma ? comma : task);
	}
	memcg = oom_rfind(p, task, ",task_memcg=");
	if (memcg)
		oom_copy(out->path, sizeof(out->path), memcg + 12, task);
	return 0;
}

int oomline_parse(const char *text, size_t len, struct oomline *out)
{
	const char *p = text, *end = text + len, *q;

	memset(out, 0, sizeof(*out));
	out->uid = -1;
	while (end > p && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	if (oom_starts(p, end, "oom-kill:constraint="))
		return oom_summary(p + 9, end, out);
	if (oom_starts(p, end, "oom_reaper: reaped process ")) {
		const char *rest;

		out->kind = OOML_REAPED;
		return oom_pid_comm(p + 27, end, "), now ", out, &rest);
	}
	if (oom_starts(p, end, "Task in ") && (q = oom_rfind(p, end, " killed as a result of limit of "))) {
		out->kind = OOML_TASK_IN;
		oom_copy(out->path, sizeof(out->path), p + 8, q);
		return 0;
	}
	if ((q = oom_rfind(p, end, " invoked oom-killer: ")) != NULL) {
		out->kind = OOML_INVOKED;
		oom_copy(out->comm, sizeof(out->comm), p, q);
		return 0;
	}
	if (oom_starts(p, end, MEMCG_PREFIX)) {
		out->memcg = true;
		p += sizeof(MEMCG_PREFIX) - 1;
	} else if (oom_starts(p, end, GLOBAL_PREFIX)) {
		p += sizeof(GLOBAL_PREFIX) - 1;
	} else if (oom_starts(p, end, "Out of memory (") && (q = oom_find(p, end, "): ")) != NULL) {
		p = q + 3; /* "Out of memory (oom_kill_allocating_task): " since 5.1 */
	}
	if (oom_starts(p, end, "Killed process "))
		return oom_killed(p + 15, end, out);
	if (oom_starts(p, end, "Kill process ") || oom_starts(p, end, "kill process ")) {
		const char *rest;

		out->kind = OOML_SELECT;
		if (oom_pid_comm(p + 13, end, ") score ", out, &rest) < 0)
			return -EINVAL;
		return 0;
	}
	return -ENOENT;
}

void killlog_init(struct killlog *k)
{
	memset(k, 0, sizeof(*k));
	k->v = x_calloc(KILLLOG_MAX, sizeof(*k->v));
}

void killlog_fini(struct killlog *k)
{
	free(k->v);
	memset(k, 0, sizeof(*k));
}

static struct oom_event *killlog_new(struct killlog *k)
{
	if (k->n == KILLLOG_MAX) {
		memmove(k->v, k->v + 1, (KILLLOG_MAX - 1) * sizeof(*k->v));
		k->n--;
	}
	memset(&k->v[k->n], 0, sizeof(k->v[k->n]));
	return &k->v[k->n++];
}

/*
 * The cgroup of a summary line, split with the name the "Killed process"
 * line gave: a name holding ",task=" would otherwise cut the path short.
 */
static void killlog_summary_path(const struct oomline *sum, const char *comm, char *out, size_t cap)
{
	char full[OOM_PATH_MAX + OOM_COMM_MAX + 8], tail[OOM_COMM_MAX + 8];
	size_t fl, tl;

	snprintf(out, cap, "%s", sum->path);
	if (strcmp(sum->comm, comm) == 0)
		return;
	snprintf(full, sizeof(full), "%s,task=%s", sum->path, sum->comm);
	snprintf(tail, sizeof(tail), ",task=%s", comm);
	fl = strlen(full);
	tl = strlen(tail);
	if (fl >= tl && strcmp(full + fl - tl, tail) == 0) {
		fl -= tl;
		if (fl >= cap)
			fl = cap - 1;
		memcpy(out, full, fl);
		out[fl] = '\0';
	}
}

static void killlog_killed(struct killlog *k, const struct oomline *l,
			   const struct kmsg_record *r, bool live)
{
	struct oom_event *e = killlog_new(k);

	e->usec = r->usec;
	e->pid = l->pid;
	snprintf(e->comm, sizeof(e->comm), "%s", l->comm);
	e->uid = l->uid;
	e->memcg = l->memcg || k->select_memcg;
	e->total_vm_kb = l->total_vm_kb;
	e->anon_kb = l->anon_kb;
	e->file_kb = l->file_kb;
	e->shmem_kb = l->shmem_kb;
	e->pgtables_kb = l->pgtables_kb;
	e->adj = l->adj;
	e->has_adj = l->has_adj;
	e->live = live;
	snprintf(e->trigger, sizeof(e->trigger), "%s", k->trigger);
	if (k->have_summary && k->summary.pid == l->pid) {
		snprintf(e->constraint, sizeof(e->constraint), "%s", k->summary.constraint);
		killlog_summary_path(&k->summary, l->comm, e->cgroup, sizeof(e->cgroup));
		if (e->uid < 0)
			e->uid = k->summary.uid;
		if (strcmp(k->summary.constraint, "CONSTRAINT_MEMCG") == 0)
			e->memcg = true;
	} else if (k->task_in[0]) {
		snprintf(e->cgroup, sizeof(e->cgroup), "%s", k->task_in);
	}
	k->trigger[0] = '\0';
	k->task_in[0] = '\0';
	k->have_summary = false;
	k->select_memcg = false;
}

int killlog_feed(struct killlog *k, const struct kmsg_record *r, bool live)
{
	struct oomline l;
	size_t i;
	int rc;

	rc = oomline_parse(r->text, r->text_len, &l);
	if (rc < 0)
		return 0;
	if (r->facility != 0) {
		k->spoofs++; /* written into /dev/kmsg by user space: not the kernel's */
		return 0;
	}
	switch (l.kind) {
	case OOML_INVOKED:
		snprintf(k->trigger, sizeof(k->trigger), "%s", l.comm);
		k->have_summary = false;
		k->task_in[0] = '\0';
		break;
	case OOML_SUMMARY:
		k->summary = l;
		k->have_summary = true;
		break;
	case OOML_TASK_IN:
		snprintf(k->task_in, sizeof(k->task_in), "%s", l.path);
		break;
	case OOML_SELECT:
		k->select_memcg = l.memcg;
		break;
	case OOML_KILLED:
		killlog_killed(k, &l, r, live);
		return 1;
	case OOML_REAPED:
		for (i = k->n; i-- > 0;)
			if (k->v[i].pid == l.pid) {
				k->v[i].reaped = true;
				break;
			}
		break;
	}
	return 0;
}
