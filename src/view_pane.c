/* view_pane.c - the pane of OOM kills under the table, and a kill's details */
#include "view.h"

#include "column.h"
#include "escape.h"
#include "tui.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define PANE_MAX_ROWS 8
#define TEXT_MAX 1024

int view_pane_lines(const struct app *a)
{
	int rows = (int)a->kills.n, room = (LINES - VIEW_MIN_LINES) / 2 + 1;

	if (!a->pane_shown)
		return 0;
	if (rows > PANE_MAX_ROWS)
		rows = PANE_MAX_ROWS;
	if (rows > room)
		rows = room;
	if (rows < 1)
		rows = 1; /* "none yet", or why the log cannot be read */
	return rows + 1;
}

/* "3 min ago" for a kill at wall time t. */
static void view_ago(char *buf, size_t cap, double t)
{
	double d = (double)time(NULL) - t;

	if (d < 0)
		d = 0;
	if (d < 90)
		snprintf(buf, cap, "%.0f s ago", d);
	else if (d < 90 * 60)
		snprintf(buf, cap, "%.0f min ago", d / 60);
	else if (d < 48 * 3600)
		snprintf(buf, cap, "%.0f h ago", d / 3600);
	else
		snprintf(buf, cap, "%.0f days ago", d / 86400);
}

static const struct oom_event *view_kill(const struct app *a, size_t i)
{
	return i < a->kills.n ? &a->kills.v[a->kills.n - 1 - i] : NULL;
}

static void view_pane_title(const struct app *a, int y)
{
	char line[256];
	size_t o;

	if (a->klog.err)
		o = (size_t)snprintf(line, sizeof(line), " OOM kills");
	else
		o = (size_t)snprintf(line, sizeof(line), " OOM kills: %zu in the kernel log", a->kills.n);
	if (a->oom_kills_known && !a->opt.kmsg)
		o += (size_t)snprintf(line + o, sizeof(line) - o, ", %lu since boot", a->oom_kills);
	if (a->kills.lost)
		o += (size_t)snprintf(line + o, sizeof(line) - o, ", %lu records lost", a->kills.lost);
	if (a->opt.kmsg && o < sizeof(line))
		o += (size_t)snprintf(line + o, sizeof(line) - o, " (from --kmsg)");
	if (a->pane_focus && o < sizeof(line)) {
		const char *hint = "  [Tab: back to the table, Enter: details]";

		if ((int)(o + strlen(hint)) > COLS)
			hint = "  [Tab: table, Enter: details]";
		if ((int)(o + strlen(hint)) > COLS)
			hint = "  [Tab, Enter]";
		snprintf(line + o, sizeof(line) - o, "%s", hint);
	}
	attron(A_REVERSE);
	move(y, 0);
	hline(' ', COLS);
	view_put(y, 0, line, COLS);
	attroff(A_REVERSE);
}

static void view_pane_row(const struct app *a, const struct oom_event *e, int y, bool sel)
{
	char when[16], ago[32], freed[16], comm[OOM_COMM_MAX * 4], cg[OOM_PATH_MAX], trig[OOM_COMM_MAX * 4];
	char line[TEXT_MAX * 4], uid[24];
	time_t t = (time_t)app_wall(a, e->usec);
	struct tm tm;
	attr_t attr = A_NORMAL;

	localtime_r(&t, &tm);
	strftime(when, sizeof(when), "%H:%M:%S", &tm);
	view_ago(ago, sizeof(ago), app_wall(a, e->usec));
	column_format_size(freed, sizeof(freed), e->anon_kb + e->file_kb + e->shmem_kb, UNIT_AUTO, 6);
	escape_kernel_text(comm, sizeof(comm), e->comm, strlen(e->comm), a->esc_flags);
	escape_kernel_text(cg, sizeof(cg), e->cgroup, strlen(e->cgroup), a->esc_flags);
	escape_kernel_text(trig, sizeof(trig), e->trigger, strlen(e->trigger), a->esc_flags);
	if (e->uid >= 0)
		snprintf(uid, sizeof(uid), "%lld", e->uid);
	else
		snprintf(uid, sizeof(uid), "-");
	snprintf(line, sizeof(line), " %s %-11s %7d %-15s uid %-5s freed %6s %s%s%s%s%s", when, ago,
		 e->pid, comm, uid, freed, e->memcg ? "memcg " : "global ", cg, trig[0] ? "  by " : "",
		 trig, e->reaped ? "  reaped" : "");
	if (sel && a->pane_focus)
		attr = A_REVERSE;
	else if (e->live)
		attr = A_BOLD;
	attron(attr);
	if (attr == A_REVERSE) {
		move(y, 0);
		hline(' ', COLS);
	}
	view_put(y, 0, line, COLS);
	attroff(attr);
}

void view_pane_draw(const struct app *a, int y)
{
	int h = view_pane_lines(a), i;
	const char *why = a->klog.err ? a->klog.msg : NULL;

	if (h == 0)
		return;
	view_pane_title(a, y);
	if (why) {
		view_put(y + 1, 1, why, COLS - 1);
		return;
	}
	if (a->kills.n == 0) {
		view_put(y + 1, 1, "no OOM kill in the kernel log yet", COLS - 1);
		return;
	}
	for (i = 0; i < h - 1; i++) {
		size_t k = a->pane_top + (size_t)i;
		const struct oom_event *e = view_kill(a, k);

		if (!e)
			break;
		view_pane_row(a, e, y + 1 + i, k == a->pane_sel);
	}
}

/* One "label: value" line of the detail box. */
static void view_detail_line(int y, int x, int w, const char *label, const char *value)
{
	char line[TEXT_MAX + 32];

	snprintf(line, sizeof(line), "%-14s %s", label, value);
	view_put(y, x, line, w);
}

void view_kill_detail(const struct app *a)
{
	const struct oom_event *e = view_kill(a, a->pane_sel);
	char v[TEXT_MAX], when[64];
	int w = COLS - 4, h = 16, y = (LINES - h) / 2, x = 2, r = 1;
	time_t t;
	struct tm tm;

	if (!e || w < 20 || LINES < h)
		return;
	if (y < 0)
		y = 0;
	for (r = 0; r < h && y + r < LINES; r++) {
		move(y + r, 0);
		hline(' ', COLS); /* whole lines: nothing of the table shows beside the box */
	}
	attron(A_BOLD);
	view_put(y, x, " OOM kill (any key closes)", w);
	attroff(A_BOLD);
	t = (time_t)app_wall(a, e->usec);
	localtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", &tm);
	snprintf(v, sizeof(v), "%s (%.6f s after boot)", when, (double)e->usec / 1e6);
	r = 2;
	view_detail_line(y + r++, x + 1, w - 2, "time", v);
	snprintf(v, sizeof(v), "%d", e->pid);
	view_detail_line(y + r++, x + 1, w - 2, "pid", v);
	escape_kernel_text(v, sizeof(v), e->comm, strlen(e->comm), a->esc_flags);
	view_detail_line(y + r++, x + 1, w - 2, "name", v);
	if (e->uid >= 0)
		snprintf(v, sizeof(v), "%lld%s%.32s%s", e->uid, e->user[0] ? " (" : "", e->user,
			 e->user[0] ? ")" : "");
	else
		snprintf(v, sizeof(v), "not printed by this kernel");
	view_detail_line(y + r++, x + 1, w - 2, "uid", v);
	snprintf(v, sizeof(v), "%s%s%s", e->memcg ? "memory cgroup" : "system-wide",
		 e->constraint[0] ? ", " : "", e->constraint);
	view_detail_line(y + r++, x + 1, w - 2, "kind", v);
	escape_kernel_text(v, sizeof(v), e->cgroup[0] ? e->cgroup : "not printed",
		    strlen(e->cgroup[0] ? e->cgroup : "not printed"), a->esc_flags);
	view_detail_line(y + r++, x + 1, w - 2, "cgroup", v);
	snprintf(v, sizeof(v), "%lu kB", e->total_vm_kb);
	view_detail_line(y + r++, x + 1, w - 2, "total-vm", v);
	snprintf(v, sizeof(v), "anon %lu kB, file %lu kB, shmem %lu kB", e->anon_kb, e->file_kb,
		 e->shmem_kb);
	view_detail_line(y + r++, x + 1, w - 2, "rss", v);
	snprintf(v, sizeof(v), "%lu kB", e->pgtables_kb);
	view_detail_line(y + r++, x + 1, w - 2, "page tables", v);
	if (e->has_adj)
		snprintf(v, sizeof(v), "%d", e->adj);
	else
		snprintf(v, sizeof(v), "not printed by this kernel");
	view_detail_line(y + r++, x + 1, w - 2, "oom_score_adj", v);
	escape_kernel_text(v, sizeof(v), e->trigger[0] ? e->trigger : "not printed",
		    strlen(e->trigger[0] ? e->trigger : "not printed"), a->esc_flags);
	view_detail_line(y + r++, x + 1, w - 2, "triggered by", v);
	view_detail_line(y + r++, x + 1, w - 2, "reaped",
			 e->reaped ? "yes: the oom_reaper freed its memory" : "no reaper line");
}
