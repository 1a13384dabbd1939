/* batch.c - the -b mode: text table or JSON Lines */
#include "batch.h"

#include "gauge.h"
#include "escape.h"
#include "json.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <time.h>

#define CELL_MAX 4096

static void batch_time(char *buf, size_t cap, bool iso)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(buf, cap, iso ? "%Y-%m-%dT%H:%M:%S%z" : "%Y-%m-%d %H:%M:%S", &tm);
}

static size_t batch_killable(const struct app *a)
{
	size_t i, n = 0;

	for (i = 0; i < a->table.nview; i++)
		n += a->table.view[i]->rank > 0;
	return n;
}

/* The header's gauges, as the screen shows them in full detail. */
static void batch_header_text(const struct app *a, FILE *f)
{
	char line[512], swap[128];
	const char *why = psi_unavailable(&a->psi);
	int r;

	if (a->mem.err) {
		fprintf(f, "Memory: /proc/meminfo cannot be read\n");
	} else {
		gauge_commit_text(line, sizeof(line), &a->mem, &a->oc, DETAIL_FULL);
		fprintf(f, "Commit: %s\n", line);
		gauge_mem_text(line, sizeof(line), &a->mem, DETAIL_FULL);
		gauge_swap_text(swap, sizeof(swap), &a->mem, DETAIL_FULL);
		fprintf(f, "Memory: %s; swap: %s\n", line, swap);
	}
	if (why) {
		fprintf(f, "%s\n", why);
		return;
	}
	for (r = 0; r < PSI_COUNT; r++) {
		gauge_psi_text(line, sizeof(line), &a->psi, (enum psi_res)r,
			       app_stall(a, (enum psi_res)r, false), app_stall(a, (enum psi_res)r, true),
			       DETAIL_FULL);
		fprintf(f, "PSI %s\n", line);
	}
}

void batch_print_text(const struct app *a, FILE *f)
{
	/* the default columns, whatever the screen shows: scripts rely on them */
	static const enum column all[] = {
		COL_RANK, COL_PID, COL_USER, COL_SCORE, COL_ADJ, COL_RSS, COL_ANON,
		COL_FILE, COL_SHMEM, COL_SWAP, COL_PTE, COL_COMMAND
	};
	const int ncols = (int)(sizeof(all) / sizeof(all[0]));
	char when[64], cell[CELL_MAX];
	size_t i;
	int c;

	batch_time(when, sizeof(when), false);
	fprintf(f, "oomtop - %s - %zu process%s, %zu killable\n", when, a->table.nview,
		a->table.nview == 1 ? "" : "es", batch_killable(a));
	batch_header_text(a, f);
	for (c = 0; c < ncols; c++) {
		const struct column_info *ci = column_info(all[c]);

		fprintf(f, ci->left ? "%-*s%s" : "%*s%s", ci->width, ci->name,
			c + 1 < ncols ? " " : "\n");
	}
	for (i = 0; i < a->table.nview; i++) {
		for (c = 0; c < ncols; c++) {
			const struct column_info *ci = column_info(all[c]);

			column_format(a->table.view[i], all[c], a->unit, a->show_cmdline,
				      a->esc_flags, cell, sizeof(cell));
			if (all[c] == COL_COMMAND)
				fprintf(f, "%s\n", cell);
			else
				fprintf(f, ci->left ? "%-*s " : "%*s ", ci->width, cell);
		}
	}
}

static void batch_json_proc(const struct proc *p, FILE *f)
{
	if (p->rank > 0)
		fprintf(f, "{\"rank\":%d,", p->rank);
	else
		fputs("{\"rank\":null,", f);
	fprintf(f, "\"pid\":%d,\"user\":", p->pid);
	json_write_str(f, p->user, strlen(p->user));
	fprintf(f, ",\"uid\":%u,\"comm\":", p->uid);
	json_write_str(f, p->comm, strlen(p->comm));
	fputs(",\"cmdline\":", f);
	json_write_str(f, p->cmdline ? p->cmdline : "", p->cmdline ? strlen(p->cmdline) : 0);
	fputs(",\"state\":", f);
	json_write_str(f, &p->state, 1);
	fprintf(f, ",\"oom_score\":%d,\"oom_score_adj\":%d,\"rss_kb\":%lu,\"anon_kb\":%lu,"
		"\"file_kb\":%lu,\"shmem_kb\":%lu,\"swap_kb\":%lu,\"pte_kb\":%lu,"
		"\"start_time\":%llu}",
		p->oom_score, p->oom_adj, p->rss_kb, p->anon_kb, p->file_kb, p->shmem_kb,
		p->swap_kb, p->pte_kb, p->start_time);
}

static void batch_json_psi_line(const struct psi_line *l, FILE *f)
{
	if (!l->present) {
		fputs("null", f);
		return;
	}
	fprintf(f, "{\"avg10\":%.2f,\"avg60\":%.2f,\"avg300\":%.2f,\"total\":%llu}", l->avg10,
		l->avg60, l->avg300, l->total);
}

static void batch_json_header(const struct app *a, FILE *f)
{
	const struct sysmem *m = &a->mem;
	int r;

	if (m->err)
		fputs("\"memory\":null,", f);
	else
		fprintf(f, "\"memory\":{\"mem_total_kb\":%lu,\"mem_available_kb\":%lu,"
			"\"swap_total_kb\":%lu,\"swap_free_kb\":%lu,\"commit_limit_kb\":%lu,"
			"\"committed_as_kb\":%lu},", m->mem_total_kb, m->mem_available_kb,
			m->swap_total_kb, m->swap_free_kb, m->commit_limit_kb, m->committed_as_kb);
	if (a->oc.err)
		fputs("\"overcommit\":null,", f);
	else
		fprintf(f, "\"overcommit\":{\"mode\":%d,\"ratio\":%ld,\"kbytes\":%lu},", a->oc.mode,
			a->oc.ratio, a->oc.kbytes);
	/* a sysctl that could not be read is null, not a number */
	fputs("\"policy\":{\"panic_on_oom\":", f);
	if (a->policy.panic_on_oom < 0)
		fputs("null", f);
	else
		fprintf(f, "%d", a->policy.panic_on_oom);
	fputs(",\"oom_kill_allocating_task\":", f);
	if (a->policy.kill_allocating < 0)
		fputs("null", f);
	else
		fprintf(f, "%d", a->policy.kill_allocating);
	fprintf(f, ",\"swap\":%s},", a->policy.swap ? "true" : "false");
	if (psi_unavailable(&a->psi)) {
		fputs("\"psi\":null,", f);
		return;
	}
	fputs("\"psi\":{", f);
	for (r = 0; r < PSI_COUNT; r++) {
		const struct psi_stat *s = &a->psi.r[r];

		fprintf(f, "%s\"%s\":", r ? "," : "", psi_name((enum psi_res)r));
		if (s->err) {
			fputs("null", f);
			continue;
		}
		fputs("{\"some\":", f);
		batch_json_psi_line(&s->some, f);
		fputs(",\"full\":", f);
		batch_json_psi_line(&s->full, f);
		fputc('}', f);
	}
	fputs("},", f);
}

void batch_print_json(const struct app *a, FILE *f)
{
	char when[64];
	size_t i;

	batch_time(when, sizeof(when), true);
	fprintf(f, "{\"time\":\"%s\",", when);
	batch_json_header(a, f);
	fputs("\"processes\":[", f);
	for (i = 0; i < a->table.nview; i++) {
		if (i)
			fputc(',', f);
		batch_json_proc(a->table.view[i], f);
	}
	fputs("]}\n", f);
}

/* Sleep for the delay unless a stop signal comes first. */
static void batch_sleep(double seconds, volatile const int *stop)
{
	struct timespec ts;

	ts.tv_sec = (time_t)seconds;
	ts.tv_nsec = (long)((seconds - floor(seconds)) * 1e9);
	while (!*stop && nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

int batch_run(struct app *a, volatile const int *stop)
{
	int i, rc;

	for (i = 0; a->opt.iterations == 0 || i < a->opt.iterations; i++) {
		if (i > 0) {
			batch_sleep(a->opt.delay, stop);
			if (a->opt.format == FORMAT_TEXT)
				fputc('\n', stdout);
		}
		if (*stop)
			break;
		rc = app_refresh(a);
		if (rc < 0) {
			fprintf(stderr, "oomtop: cannot read processes: %s\n", strerror(-rc));
			return 2;
		}
		if (a->opt.cgroups)
			batch_print_cgroups(a, stdout);
		else if (a->opt.format == FORMAT_JSON)
			batch_print_json(a, stdout);
		else
			batch_print_text(a, stdout);
		if (fflush(stdout) == EOF || ferror(stdout)) {
			if (errno != EPIPE)
				fprintf(stderr, "oomtop: cannot write output: %s\n", strerror(errno));
			return 2;
		}
	}
	return 0;
}

static void batch_wall(const struct app *a, unsigned long long usec, char *buf, size_t cap,
		       bool iso)
{
	time_t t = (time_t)app_wall(a, usec);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, cap, iso ? "%Y-%m-%dT%H:%M:%S%z" : "%Y-%m-%d %H:%M:%S", &tm);
}

static void batch_json_optstr(FILE *f, const char *key, const char *s)
{
	fprintf(f, ",\"%s\":", key);
	if (s[0])
		json_write_str(f, s, strlen(s));
	else
		fputs("null", f);
}

static void batch_kill_json(const struct app *a, const struct oom_event *e, FILE *f)
{
	char when[64];

	batch_wall(a, e->usec, when, sizeof(when), true);
	fprintf(f, "{\"usec\":%llu,\"time\":\"%s\",\"pid\":%d,\"comm\":", e->usec, when, e->pid);
	json_write_str(f, e->comm, strlen(e->comm));
	if (e->uid >= 0)
		fprintf(f, ",\"uid\":%lld", e->uid);
	else
		fputs(",\"uid\":null", f);
	fprintf(f, ",\"kind\":\"%s\"", e->memcg ? "memcg" : "global");
	batch_json_optstr(f, "constraint", e->constraint);
	batch_json_optstr(f, "memcg", e->cgroup);
	fprintf(f, ",\"total_vm_kb\":%lu,\"anon_rss_kb\":%lu,\"file_rss_kb\":%lu,"
		"\"shmem_rss_kb\":%lu,\"pgtables_kb\":%lu", e->total_vm_kb, e->anon_kb,
		e->file_kb, e->shmem_kb, e->pgtables_kb);
	if (e->has_adj)
		fprintf(f, ",\"oom_score_adj\":%d", e->adj);
	else
		fputs(",\"oom_score_adj\":null", f);
	batch_json_optstr(f, "trigger_comm", e->trigger);
	fprintf(f, ",\"reaped\":%s}\n", e->reaped ? "true" : "false");
}

static void batch_kill_text(const struct app *a, const struct oom_event *e, FILE *f)
{
	char when[64], freed[16], comm[OOM_COMM_MAX * 4], cg[OOM_PATH_MAX * 4], trig[OOM_COMM_MAX * 4];

	batch_wall(a, e->usec, when, sizeof(when), false);
	column_format_size(freed, sizeof(freed), e->anon_kb + e->file_kb + e->shmem_kb, UNIT_AUTO, 6);
	escape_kernel_text(comm, sizeof(comm), e->comm, strlen(e->comm), a->esc_flags);
	escape_kernel_text(cg, sizeof(cg), e->cgroup[0] ? e->cgroup : "-",
		    strlen(e->cgroup[0] ? e->cgroup : "-"), a->esc_flags);
	escape_kernel_text(trig, sizeof(trig), e->trigger[0] ? e->trigger : "-",
		    strlen(e->trigger[0] ? e->trigger : "-"), a->esc_flags);
	fprintf(f, "%-19s %7d %-16s ", when, e->pid, comm);
	if (e->uid >= 0)
		fprintf(f, "%6lld ", e->uid);
	else
		fprintf(f, "%6s ", "-");
	fprintf(f, "%-6s %6s %-6s %-16s %s\n", e->memcg ? "memcg" : "global", freed,
		e->reaped ? "yes" : "no", trig, cg);
}

int batch_kills(struct app *a)
{
	const char *why = klog_error(&a->klog);
	size_t i;
	int rc;

	if (why) {
		fprintf(stderr, "oomtop: %s\n", why);
		return 2;
	}
	rc = klog_read_all(&a->klog, &a->kills);
	if (rc < 0) {
		fprintf(stderr, "oomtop: cannot read %s: %s\n", a->opt.kmsg ? a->opt.kmsg : "/dev/kmsg",
			strerror(-rc));
		return 2;
	}
	a->oom_kills_known = sampler_oom_kills(a->sampler, &a->oom_kills) == 0;
	if (a->opt.format == FORMAT_JSON) {
		for (i = 0; i < a->kills.n; i++)
			batch_kill_json(a, &a->kills.v[i], stdout);
		return fflush(stdout) == EOF ? 2 : 0;
	}
	printf("oomtop - %zu OOM kill%s in the kernel log", a->kills.n, a->kills.n == 1 ? "" : "s");
	if (a->oom_kills_known && !a->opt.kmsg)
		printf(", %lu since boot (/proc/vmstat oom_kill)", a->oom_kills);
	if (a->kills.lost)
		printf(", %lu records lost", a->kills.lost);
	printf("\n%-19s %7s %-16s %6s %-6s %6s %-6s %-16s %s\n", "TIME", "PID", "COMM", "UID",
	       "KIND", "FREED", "REAPED", "TRIGGER", "CGROUP");
	for (i = a->kills.n; i-- > 0;)
		batch_kill_text(a, &a->kills.v[i], stdout);
	return fflush(stdout) == EOF ? 2 : 0;
}
