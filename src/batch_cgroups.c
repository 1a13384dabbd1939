/* batch_cgroups.c - oomtop -b --cgroups: the memory cgroups, as text or JSON Lines */
#include "batch.h"

#include "column.h"
#include "escape.h"
#include "json.h"

#include <stdio.h>
#include <string.h>

/* A size in KiB as text ("64.0M"), "-" for none. */
static void bc_size(char *buf, size_t cap, long long kb)
{
	if (kb < 0)
		snprintf(buf, cap, "-");
	else
		column_format_size(buf, cap, (unsigned long)kb, UNIT_AUTO, 7);
}

static void bc_text_row(const struct cgrow *r, FILE *f)
{
	char usage[16], limit[16], high[16], pct[24], psi[32], ooms[24], group[8], victim[PROC_COMM_MAX * 4 + 32];
	char path[MEMCG_PATH_MAX * 4], comm[PROC_COMM_MAX * 4];

	bc_size(usage, sizeof(usage), r->cg.usage_kb);
	bc_size(limit, sizeof(limit), r->limit_kb);
	bc_size(high, sizeof(high), r->cg.high_kb);
	if (r->limit_kb > 0 && r->cg.usage_kb >= 0)
		snprintf(pct, sizeof(pct), "%lld%%", r->cg.usage_kb * 100 / r->limit_kb);
	else
		snprintf(pct, sizeof(pct), "-");
	if (r->cg.psi_some10 >= 0)
		snprintf(psi, sizeof(psi), "%.2f", r->cg.psi_some10);
	else
		snprintf(psi, sizeof(psi), "-");
	if (r->cg.oom_kills >= 0)
		snprintf(ooms, sizeof(ooms), "%lld", r->cg.oom_kills);
	else
		snprintf(ooms, sizeof(ooms), "-");
	snprintf(group, sizeof(group), "%s", r->cg.oom_group < 0 ? "-" : r->cg.oom_group ? "yes" : "no");
	escape_text(comm, sizeof(comm), r->victim_comm, strlen(r->victim_comm), 0);
	if (r->has_victim)
		snprintf(victim, sizeof(victim), "%d %s", r->victim_pid, comm);
	else
		snprintf(victim, sizeof(victim), "-");
	escape_text(path, sizeof(path), r->cg.path, strlen(r->cg.path), 0);
	fprintf(f, "%-40s %7s %7s %4s %7s %5s %5s %5s %5d %s\n", path, usage, limit, pct, high, psi, ooms, group,
		r->nprocs, victim);
}

/* A number, or null for -1. */
static void bc_json_num(FILE *f, const char *key, long long v, bool comma)
{
	if (v < 0)
		fprintf(f, "\"%s\":null%s", key, comma ? "," : "");
	else
		fprintf(f, "\"%s\":%lld%s", key, v, comma ? "," : "");
}

static void bc_json_row(const struct cgrow *r, FILE *f)
{
	fputs("{\"path\":", f);
	json_write_str(f, r->cg.path, strlen(r->cg.path));
	fputs(",\"label\":", f);
	json_write_str(f, r->label, strlen(r->label));
	fputc(',', f);
	bc_json_num(f, "limit_kb", r->limit_kb, true);
	bc_json_num(f, "own_limit_kb", r->cg.limit_kb, true);
	bc_json_num(f, "usage_kb", r->cg.usage_kb, true);
	bc_json_num(f, "high_kb", r->cg.high_kb, true);
	bc_json_num(f, "oom_kills", r->cg.oom_kills, true);
	if (r->cg.oom_group < 0)
		fputs("\"oom_group\":null,", f);
	else
		fprintf(f, "\"oom_group\":%s,", r->cg.oom_group ? "true" : "false");
	if (r->cg.psi_some10 < 0)
		fputs("\"psi\":null,", f);
	else
		fprintf(f, "\"psi\":{\"some_avg10\":%.2f},", r->cg.psi_some10);
	fprintf(f, "\"procs\":%d,\"first_victim\":", r->nprocs);
	if (!r->has_victim) {
		fputs("null}\n", f);
		return;
	}
	fprintf(f, "{\"pid\":%d,\"comm\":", r->victim_pid);
	json_write_str(f, r->victim_comm, strlen(r->victim_comm));
	fprintf(f, ",\"badness\":%lld}}\n", r->victim_badness);
}

void batch_print_cgroups(const struct app *a, FILE *f)
{
	size_t i;

	if (a->opt.format == FORMAT_TEXT) {
		if (!memcg_available(&a->memcgs.mounts)) {
			fputs("no memory cgroup controller is mounted (cgroup v1 memory or cgroup2 with memory)\n", f);
			return;
		}
		fprintf(f, "%-40s %7s %7s %4s %7s %5s %5s %5s %5s %s\n", "PATH", "USAGE", "LIMIT", "PCT", "HIGH", "PSI",
			"OOMS", "GROUP", "PROCS", "FIRST VICTIM");
	}
	for (i = 0; i < a->cgv.n; i++) {
		if (a->opt.format == FORMAT_JSON)
			bc_json_row(&a->cgv.v[i], f);
		else
			bc_text_row(&a->cgv.v[i], f);
	}
}
