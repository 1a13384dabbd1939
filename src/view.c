/* view.c - the title, the process table and the status line */
#include "view.h"

#include "escape.h"
#include "rank.h"
#include "tui.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#define CELL_MAX 4096
/* Lines above the table: the title, the header's gauges, the column names. */
static int view_top_lines(const struct app *a)
{
	return 2 + view_header_lines(a, COLS);
}

size_t view_table_rows(const struct app *a)
{
	int top = view_top_lines(a);

	int bottom = 1 + view_pane_lines(a);

	return LINES > top + bottom ? (size_t)(LINES - top - bottom) : 0;
}

/*
 * Put already-escaped text at (y, x), at most width screen cells, never
 * splitting a character. Returns the cells used.
 */
int view_put(int y, int x, const char *s, int width)
{
	mbstate_t st;
	int used = 0;
	size_t i = 0, len = strlen(s);

	memset(&st, 0, sizeof(st));
	move(y, x);
	while (i < len && used < width) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + i, len - i, &st);
		int w;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
			break; /* cannot happen after escaping; stop rather than guess */
		w = wcwidth(wc);
		if (w < 0 || used + w > width)
			break;
		addnstr(s + i, (int)n);
		used += w;
		i += n;
	}
	return used;
}

/* Append part to line when it still fits width cells (ASCII parts only). */
static void view_title_add(char *line, size_t cap, const char *part, int width)
{
	size_t len = strlen(line);

	if ((int)(len + strlen(part)) <= width)
		snprintf(line + len, cap - len, "%s", part);
}

static void view_title(const struct app *a)
{
	char line[1024], part[512], when[16];
	const struct proc *first = NULL;
	size_t i, killable = 0;
	time_t now = time(NULL);
	struct tm tm;

	for (i = 0; i < a->table.nview; i++) {
		const struct proc *p = a->table.view[i];

		if (p->rank > 0)
			killable++;
		if (p->rank == 1)
			first = p;
	}
	localtime_r(&now, &tm);
	strftime(when, sizeof(when), "%H:%M:%S", &tm);
	snprintf(line, sizeof(line), "oomtop %s [%s]", when, privs_mode_name(a->privs.mode));
	if (first) {
		char name[PROC_COMM_MAX * 4 + 1], rss[16];

		column_format(first, COL_COMMAND, UNIT_AUTO, false, a->esc_flags, name, sizeof(name));
		column_format_size(rss, sizeof(rss), first->rss_kb, UNIT_AUTO, 6);
		if (COLS >= 80)
			snprintf(part, sizeof(part), "  %s %d %s (%s)", policy_victim_label(&a->policy, false),
				 first->pid, name, rss);
		else
			snprintf(part, sizeof(part), "  %s %d %s", policy_victim_label(&a->policy, true), first->pid,
				 name);
		/* the name may be wide: view_put cuts it at the screen edge */
		snprintf(line + strlen(line), sizeof(line) - strlen(line), "%s", part);
	}
	snprintf(part, sizeof(part), "  %zu process%s, %zu killable", a->table.nview,
		 a->table.nview == 1 ? "" : "es", killable);
	view_title_add(line, sizeof(line), part, COLS);
	attron(A_BOLD);
	view_put(0, 0, line, COLS);
	attroff(A_BOLD);
}

/* The sort marker of the sort column: which way its values run down the table. */
static const char *view_sort_mark(const struct app *a)
{
	bool desc = column_info(a->table.sort_col)->desc != a->table.reverse;

	if (a->utf8)
		return desc ? "\u25bc" : "\u25b2"; /* ▼ ▲ */
	return desc ? "v" : "^";
}

static void view_header(const struct app *a, int y, const enum column *cols, int ncols, int cmd_width)
{
	int i, x = 0;

	attron(A_REVERSE);
	move(y, 0);
	hline(' ', COLS);
	for (i = 0; i < ncols; i++) {
		const struct column_info *ci = column_info(cols[i]);
		int w = cols[i] == COL_COMMAND ? cmd_width : ci->width;
		char name[48], cell[64];

		/* the sort column: a marker beside its name, on the padding side */
		if (cols[i] == a->table.sort_col)
			snprintf(name, sizeof(name), ci->left ? "%s%s" : "%2$s%1$s", ci->name, view_sort_mark(a));
		else
			snprintf(name, sizeof(name), "%s", ci->name);
		if (ci->left)
			snprintf(cell, sizeof(cell), "%s", name);
		else
			snprintf(cell, sizeof(cell), "%*s%s", w - (int)strlen(ci->name) - (cols[i] == a->table.sort_col),
				 "", name);
		if (cols[i] == a->table.sort_col)
			attron(A_BOLD);
		view_put(y, x, cell, w);
		attroff(A_BOLD);
		x += w + 1;
	}
	attroff(A_REVERSE);
}

int view_column_at(const struct app *a, int x)
{
	enum column cols[COL_COUNT];
	int ncols, cmd_width, i, at = 0;

	ncols = column_layout(COLS, a->hidden, cols, &cmd_width);
	for (i = 0; i < ncols; i++) {
		int w = cols[i] == COL_COMMAND ? cmd_width : column_info(cols[i])->width;

		if (x >= at && x < at + w + 1)
			return cols[i];
		at += w + 1;
	}
	return -1;
}

int view_header_y(const struct app *a)
{
	return view_top_lines(a) - 1;
}

static void view_row(const struct app *a, const struct proc *p, int y, const enum column *cols,
		     int ncols, int cmd_width, bool selected)
{
	char cell[CELL_MAX], pad[64];
	attr_t attr = A_NORMAL;
	int i, x = 0;

	if (selected)
		attr = A_REVERSE;
	else if (p->rank == 1)
		attr = A_BOLD;
	else if (p->rank == 0)
		attr = A_DIM;
	attron(attr);
	if (selected) {
		move(y, 0);
		hline(' ', COLS);
	}
	for (i = 0; i < ncols; i++) {
		const struct column_info *ci = column_info(cols[i]);

		column_format(p, cols[i], a->unit, a->show_cmdline, a->esc_flags, cell, sizeof(cell));
		if (cols[i] == COL_COMMAND) {
			view_put(y, x, cell, cmd_width);
			break;
		}
		snprintf(pad, sizeof(pad), ci->left ? "%-*s" : "%*s", ci->width, cell);
		/* text never runs into the next column (long cgroup paths are cut); a number is never cut */
		if (ci->left) {
			view_put(y, x, pad, ci->width);
			x += ci->width + 1;
		} else {
			view_put(y, x, pad, (int)strlen(pad));
			x += (int)strlen(pad) + 1;
		}
	}
	attroff(attr);
}

/* The question the status line asks, with what was typed so far. */
static void view_prompt(const struct app *a)
{
	const struct prompt *q = &a->prompt;
	char line[512], comm[sizeof(q->text) * 4];
	const char *sig = sigabbrev_np(q->sig), *rule = "";

	escape_text(comm, sizeof(comm), q->comm, strnlen(q->comm, sizeof(q->comm)), a->esc_flags);
	switch (q->kind) {
	case PROMPT_ADJ:
		snprintf(line, sizeof(line), "oom_score_adj for %d (%s): %s_", q->pid, comm, q->text);
		rule = "  [-1000..1000, Enter sets, Esc cancels]";
		break;
	case PROMPT_PROTECT:
		snprintf(line, sizeof(line), "protect %d (%s) with oom_score_adj -1000 (never killed)? [y/n] ", q->pid,
			 comm);
		break;
	case PROMPT_SIGNAL:
		snprintf(line, sizeof(line), "signal for %d (%s): %s_", q->pid, comm, q->text);
		rule = "  [a name or number, Enter: TERM, Esc cancels]";
		break;
	case PROMPT_SIGNAL_CONFIRM:
		snprintf(line, sizeof(line), "send SIG%s to %d (%s)? [y/n] ", sig ? sig : "?", q->pid, comm);
		break;
	case PROMPT_FILTER:
		escape_text(comm, sizeof(comm), q->text, strlen(q->text), a->esc_flags);
		snprintf(line, sizeof(line), "filter: %s_", comm);
		rule = "  [name or command line; Enter keeps it, Esc clears it]";
		break;
	case PROMPT_USER:
		escape_text(comm, sizeof(comm), q->text, strlen(q->text), a->esc_flags);
		snprintf(line, sizeof(line), "user: %s_", comm);
		rule = "  [name or uid, empty: everyone; Enter shows, Esc cancels]";
		break;
	case PROMPT_NONE:
	default:
		return;
	}
	/* what was typed first, then why a key was refused, then the rules */
	if (q->note[0])
		snprintf(line + strlen(line), sizeof(line) - strlen(line), "  (%s)", q->note);
	snprintf(line + strlen(line), sizeof(line) - strlen(line), "%s", rule);
	attron(A_BOLD);
	view_put(LINES - 1, 0, line, COLS);
	attroff(A_BOLD);
}

static void view_status(const struct app *a)
{
	static const char hint[] = "h help  q quit  +/- adj  = set  k signal  / filter  s sort  Tab focus";
	char line[512], state[256] = "";

	if (a->prompt.kind != PROMPT_NONE) {
		view_prompt(a);
		return;
	}
	if (a->status[0]) {
		snprintf(line, sizeof(line), "%s", a->status);
		view_put(LINES - 1, 0, line, COLS);
		return;
	}
	/* what narrows the table first: it matters more than the hint */
	if (a->table.filter[0]) {
		char f[160];

		escape_text(f, sizeof(f), a->table.filter, strlen(a->table.filter), a->esc_flags);
		snprintf(state, sizeof(state), "filter '%.160s'", f);
	}
	if (a->table.filter_uid)
		snprintf(state + strlen(state), sizeof(state) - strlen(state), "%suid %u", state[0] ? ", " : "",
			 (unsigned)a->table.uid);
	if (state[0])
		snprintf(line, sizeof(line), "[%s]  %s", state, hint);
	else
		snprintf(line, sizeof(line), "%s", hint);
	snprintf(state, sizeof(state), "  [units %s%s]", unit_name(a->unit),
		 a->table.show_kthreads ? ", kthreads shown" : "");
	view_title_add(line, sizeof(line), state, COLS);
	view_put(LINES - 1, 0, line, COLS);
}

static void view_too_small(void)
{
	char msg[128];

	view_put(0, 0, "terminal too small", COLS);
	snprintf(msg, sizeof(msg), "%dx%d, need %dx%d", COLS, LINES, VIEW_MIN_COLS, VIEW_MIN_LINES);
	if (LINES > 1)
		view_put(1, 0, msg, COLS);
	if (LINES > 2)
		view_put(2, 0, "q quits", COLS);
}

void view_draw(const struct app *a)
{
	enum column cols[COL_COUNT];
	int ncols, cmd_width;
	size_t i, rows = view_table_rows(a);
	int top = view_top_lines(a);

	erase();
	if (COLS < VIEW_MIN_COLS || LINES < VIEW_MIN_LINES) {
		view_too_small();
		return;
	}
	ncols = column_layout(COLS, a->hidden, cols, &cmd_width);
	view_title(a);
	view_header_draw(a, 1);
	if (a->cgview) {
		view_cg_draw(a, top, rows);
		rows = 0;
	} else {
		view_header(a, top - 1, cols, ncols, cmd_width);
	}
	for (i = 0; i < rows && a->table.top + i < a->table.nview; i++) {
		size_t idx = a->table.top + i;

		view_row(a, a->table.view[idx], top + (int)i, cols, ncols, cmd_width,
			 idx == a->table.sel);
	}
	view_pane_draw(a, LINES - 1 - view_pane_lines(a));
	view_status(a);
	if (a->detail)
		view_kill_detail(a);
	if (a->proc_detail)
		view_proc_detail(a);
	if (a->changes_shown)
		view_changes(a);
	if (a->picker_shown)
		view_picker(a);
	if (a->help_shown)
		view_help(a);
}
