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

void app_cgroups_changed(struct app *a)
{
	/* read while the column shows, or sorts (hidden, it still orders the rows) */
	sampler_want_cgroup(a->sampler, !(a->hidden & (1u << COL_CGROUP)) || a->table.sort_col == COL_CGROUP);
}

void app_apply_settings(struct app *a, const struct settings *s)
{
	a->table.sort_col = a->opt.sort >= 0 ? (enum column)a->opt.sort : (enum column)s->sort;
	a->table.reverse = a->opt.sort >= 0 ? false : s->reverse;
	a->hidden = s->hidden;
	if (!a->opt.delay_set)
		a->opt.delay = s->delay;
	a->pane_shown = s->pane;
	a->color_setting = s->color;
	a->color = a->color && s->color;
	a->unit = (enum unit)s->units;
	a->table.show_kthreads = s->kthreads;
	a->show_cmdline = s->cmdline;
	app_cgroups_changed(a);
}

void app_settings(const struct app *a, struct settings *s)
{
	config_defaults(s);
	s->sort = a->table.sort_col;
	s->reverse = a->table.reverse;
	s->hidden = a->hidden;
	s->delay = a->opt.delay;
	s->pane = a->pane_shown;
	s->color = a->color_setting;
	s->units = a->unit;
	s->kthreads = a->table.show_kthreads;
	s->cmdline = a->show_cmdline;
}
