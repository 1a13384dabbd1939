/* app.c - one refresh: sample, rank, rebuild the table, read the header */
#include "app.h"

#include "rank.h"

#include <pwd.h>
#include <stdio.h>

int app_refresh(struct app *a)
{
	int rc = sampler_read(a->sampler, &a->procs, &a->mem);
	double rate;

	if (rc < 0)
		return rc;
	rank_compute(&a->procs);
	table_rebuild(&a->table, &a->procs);
	overcommit_read(a->vm_dir, &a->oc);
	a->psi_prev = a->psi;
	a->psi_have_prev = a->psi.when > 0;
	psi_read(a->psi_dir, &a->psi);
	a->oom_kills_known = sampler_oom_kills(a->sampler, &a->oom_kills) == 0;
	rate = app_stall(a, PSI_MEMORY, false);
	if (rate >= 0)
		psi_history_push(&a->stall, rate);
	return 0;
}

double app_stall(const struct app *a, enum psi_res r, bool full)
{
	if (!a->psi_have_prev)
		return -1;
	return psi_rate(&a->psi_prev, &a->psi, r, full);
}

double app_wall(const struct app *a, unsigned long long usec)
{
	return a->boot_wall + (double)usec / 1e6;
}

int app_read_kills(struct app *a, bool live)
{
	size_t before = a->kills.n, i;
	int rc = klog_read(&a->klog, &a->kills, live);

	/* the log holds uids; the pane shows names, looked up once per kill */
	for (i = before < a->kills.n ? before : 0; i < a->kills.n; i++) {
		struct oom_event *e = &a->kills.v[i];
		struct passwd *pw;

		if (e->user[0] || e->uid < 0)
			continue;
		pw = getpwuid((uid_t)e->uid);
		snprintf(e->user, sizeof(e->user), "%s", pw ? pw->pw_name : "");
	}
	return rc;
}
