/* ui_view.c - keys that change what the table shows: sort, filter, columns, help, mouse, W */
#include "ui.h"

#include "config.h"
#include "keys.h"
#include "tui.h"
#include "view.h"

#include <stdio.h>
#include <string.h>

#define WHEEL_ROWS 3

/* "largest first", "A to Z", ... for the sort column as it is now. */
static const char *ui_order_words(const struct app *a)
{
	enum column c = a->table.sort_col;
	bool desc = column_info(c)->desc != a->table.reverse;

	if (c == COL_RANK)
		return a->table.reverse ? "the kill order reversed" : "the kill order: who dies first on top";
	if (c == COL_USER || c == COL_CGROUP || c == COL_COMMAND)
		return desc ? "Z to A" : "A to Z";
	return desc ? "largest first" : "smallest first";
}

static int ui_sorted(struct app *a)
{
	app_cgroups_changed(a);
	snprintf(a->status, sizeof(a->status), "sorted by %s, %s", column_info(a->table.sort_col)->name,
		 ui_order_words(a));
	return DIRTY_REBUILD;
}

/* Sort by c; picking the sort column again reverses it (as a header click does). */
static int ui_sort_by(struct app *a, enum column c, bool toggle)
{
	if (a->table.sort_col == c && toggle)
		a->table.reverse = !a->table.reverse;
	else {
		a->table.sort_col = c;
		a->table.reverse = false;
	}
	return ui_sorted(a);
}

/* < and >: the next shown column to the left or right. */
static int ui_sort_step(struct app *a, int dir)
{
	enum column cols[COL_COUNT];
	int n, cmd, i, at = -1;

	n = column_layout(COLS, a->hidden, cols, &cmd);
	for (i = 0; i < n; i++)
		if (cols[i] == a->table.sort_col)
			at = i;
	at = at < 0 ? 0 : at + dir;
	if (at < 0 || at >= n) {
		snprintf(a->status, sizeof(a->status), "already sorted by the %s column (%s)",
			 dir < 0 ? "leftmost" : "rightmost", column_info(a->table.sort_col)->name);
		return DIRTY_DRAW;
	}
	return ui_sort_by(a, cols[at], false);
}

static int ui_save(struct app *a)
{
	struct settings s;
	char path[4096], err[300];

	if (!config_path(path, sizeof(path))) {
		snprintf(a->status, sizeof(a->status), "cannot save: neither XDG_CONFIG_HOME nor HOME is set");
		return DIRTY_DRAW;
	}
	app_settings(a, &s);
	if (config_save(path, &s, err, sizeof(err)) < 0)
		snprintf(a->status, sizeof(a->status), "settings not saved: %.400s", err);
	else
		snprintf(a->status, sizeof(a->status), "settings written to %.400s", path);
	return DIRTY_DRAW;
}

static int ui_cgview_toggle(struct app *a);

int ui_view_action(struct app *a, int act)
{
	int i;

	switch (act) {
	case ACT_SORT_LEFT:
	case ACT_SORT_RIGHT:
		return ui_sort_step(a, act == ACT_SORT_LEFT ? -1 : 1);
	case ACT_SORT_PICK:
		a->picker_shown = true;
		a->picker_sel = a->table.sort_col;
		return DIRTY_DRAW;
	case ACT_REVERSE:
		a->table.reverse = !a->table.reverse;
		return ui_sorted(a);
	case ACT_FILTER:
	case ACT_USER:
		return ui_prompt_start_view(a, act);
	case ACT_CMDLINE:
		a->show_cmdline = !a->show_cmdline;
		snprintf(a->status, sizeof(a->status), "COMMAND shows %s",
			 a->show_cmdline ? "the full command line" : "the process name");
		return DIRTY_DRAW;
	case ACT_CGROUP:
		if (a->hidden & (1u << COL_CGROUP))
			a->hidden &= ~((1u << COL_CGROUP) | (1u << COL_MEMCG));
		else
			a->hidden |= (1u << COL_CGROUP) | (1u << COL_MEMCG);
		app_cgroups_changed(a);
		{
			enum column cols[COL_COUNT];
			int n = column_layout(COLS, a->hidden, cols, &i), k;
			bool fits = false;

			for (k = 0; k < n; k++)
				fits |= cols[k] == COL_CGROUP;
			snprintf(a->status, sizeof(a->status), "CGROUP and MEMCG columns %s",
				 a->hidden & (1u << COL_CGROUP) ? "hidden"
				 : fits ? "shown (service or cgroup; use of the memory limit that bites)"
					: "on, but this terminal is too narrow for CGROUP: widen it");
		}
		return DIRTY_SAMPLE;
	case ACT_SAVE:
		return ui_save(a);
	case ACT_CGVIEW:
		return ui_cgview_toggle(a);
	case ACT_HELP:
		a->help_shown = true;
		a->help_top = 0;
		return DIRTY_DRAW;
	default:
		return DIRTY_NONE;
	}
}

/* g: the cgroup view, or back; leaving a cgroup's processes shows the view again. */
static int ui_cgview_toggle(struct app *a)
{
	if (!a->cgview && a->table.memcg_top[0]) {
		a->table.memcg_top[0] = '\0';
		a->cgview = true;
	} else {
		a->cgview = !a->cgview;
	}
	app_cgroups_changed(a);
	snprintf(a->status, sizeof(a->status), "%s",
		 a->cgview ? "memory cgroups: Enter shows one's processes in their kill order; g: all processes"
			   : "all processes");
	return DIRTY_SAMPLE;
}

/* Enter in the cgroup view: that cgroup's processes, ranked inside it. */
static int ui_cgview_enter(struct app *a)
{
	const struct cgrow *r;

	if (a->cgv.n == 0) {
		snprintf(a->status, sizeof(a->status), "no cgroup to show");
		return DIRTY_DRAW;
	}
	r = &a->cgv.v[a->cgv.sel < a->cgv.n ? a->cgv.sel : 0];
	snprintf(a->table.memcg_top, sizeof(a->table.memcg_top), "%s", r->cg.path);
	a->cgview = false;
	app_cgroups_changed(a);
	snprintf(a->status, sizeof(a->status), "processes of %.200s, in their kill order inside it (g: the cgroups)",
		 r->cg.path);
	return DIRTY_SAMPLE;
}

/* Keys in the cgroup view; false when the key does not apply there. */
int ui_cgview_action(struct app *a, int act, long page)
{
	enum cgcol cols[CG_COUNT];
	int n, i, at = 0;

	switch (act) {
	case ACT_UP:
	case ACT_DOWN:
		cgview_move(&a->cgv, act == ACT_UP ? -1 : 1);
		return DIRTY_DRAW;
	case ACT_PGUP:
	case ACT_PGDN:
		cgview_move(&a->cgv, act == ACT_PGUP ? -page : page);
		return DIRTY_DRAW;
	case ACT_HOME:
	case ACT_END:
		cgview_move(&a->cgv, act == ACT_HOME ? -(long)a->cgv.n : (long)a->cgv.n);
		return DIRTY_DRAW;
	case ACT_DETAIL:
		return ui_cgview_enter(a);
	case ACT_CGVIEW:
		return ui_cgview_toggle(a);
	case ACT_REVERSE:
		a->cgv.reverse = !a->cgv.reverse;
		cgview_sort(&a->cgv);
		return DIRTY_DRAW;
	case ACT_SORT_LEFT:
	case ACT_SORT_RIGHT:
		n = view_cg_columns(COLS, cols);
		for (i = 0; i < n; i++)
			if (cols[i] == a->cgv.sort)
				at = i;
		at += act == ACT_SORT_LEFT ? -1 : 1;
		if (at >= 0 && at < n) {
			a->cgv.sort = cols[at];
			a->cgv.reverse = false;
			cgview_sort(&a->cgv);
		}
		snprintf(a->status, sizeof(a->status), "cgroups sorted by %s", cgview_col_name(a->cgv.sort));
		return DIRTY_DRAW;
	default:
		snprintf(a->status, sizeof(a->status),
			 "in the cgroup view: arrows move, < > R sort, Enter shows a cgroup's processes, g all processes");
		return DIRTY_DRAW;
	}
}

int ui_help_key(struct app *a, int ch)
{
	size_t rows = view_help_rows(), n = view_help_lines();
	size_t max = n > rows ? n - rows : 0;

	switch (ch) {
	case KEY_DOWN:
		if (a->help_top < max)
			a->help_top++;
		break;
	case KEY_UP:
		if (a->help_top > 0)
			a->help_top--;
		break;
	case KEY_NPAGE:
	case ' ':
		a->help_top = a->help_top + rows < max ? a->help_top + rows : max;
		break;
	case KEY_PPAGE:
		a->help_top = a->help_top > rows ? a->help_top - rows : 0;
		break;
	default:
		a->help_shown = false; /* any other key closes the help */
		break;
	}
	return DIRTY_DRAW;
}

int ui_picker_key(struct app *a, int ch)
{
	switch (ch) {
	case KEY_UP:
		if (a->picker_sel > 0)
			a->picker_sel--;
		return DIRTY_DRAW;
	case KEY_DOWN:
		if (a->picker_sel < COL_COUNT - 1)
			a->picker_sel++;
		return DIRTY_DRAW;
	case KEY_HOME:
		a->picker_sel = 0;
		return DIRTY_DRAW;
	case KEY_END:
		a->picker_sel = COL_COUNT - 1;
		return DIRTY_DRAW;
	case '\r':
	case '\n':
	case KEY_ENTER:
		a->picker_shown = false;
		ui_sort_by(a, (enum column)a->picker_sel, false);
		return DIRTY_SAMPLE;
	case 27:
	case 'q':
	case 's':
	case KEY_F(6):
		a->picker_shown = false;
		snprintf(a->status, sizeof(a->status), "sort column unchanged");
		return DIRTY_DRAW;
	default:
		snprintf(a->status, sizeof(a->status), "Up and Down pick a column, Enter sorts by it, Esc cancels");
		return DIRTY_DRAW;
	}
}

/* The mouse in the cgroup view: the header sorts, a click selects, the wheel moves. */
static int ui_cg_mouse(struct app *a, const MEVENT *ev, int hy)
{
	if (ev->bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		cgview_move(&a->cgv, ev->bstate & BUTTON4_PRESSED ? -WHEEL_ROWS : WHEEL_ROWS);
		return DIRTY_DRAW;
	}
	if (!(ev->bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return DIRTY_NONE;
	if (ev->y == hy) {
		int c = view_cg_column_at(ev->x);

		if (c < 0)
			return DIRTY_NONE;
		if ((int)a->cgv.sort == c)
			a->cgv.reverse = !a->cgv.reverse;
		else {
			a->cgv.sort = (enum cgcol)c;
			a->cgv.reverse = false;
		}
		cgview_sort(&a->cgv);
		snprintf(a->status, sizeof(a->status), "cgroups sorted by %s%s", cgview_col_name(a->cgv.sort),
			 a->cgv.reverse ? ", reversed" : "");
		return DIRTY_DRAW;
	}
	if (ev->y > hy && (size_t)(ev->y - hy) <= view_table_rows(a)) {
		size_t idx = a->cgv.top + (size_t)(ev->y - hy - 1);

		if (idx < a->cgv.n)
			cgview_move(&a->cgv, (long)idx - (long)a->cgv.sel);
		return DIRTY_DRAW;
	}
	return DIRTY_NONE;
}

int ui_mouse(struct app *a)
{
	MEVENT ev;
	int hy = view_header_y(a);

	if (getmouse(&ev) != OK)
		return DIRTY_NONE;
	if (a->cgview)
		return ui_cg_mouse(a, &ev, hy);
	if (ev.bstate & BUTTON4_PRESSED) {
		table_move(&a->table, -WHEEL_ROWS);
		return DIRTY_DRAW;
	}
	if (ev.bstate & BUTTON5_PRESSED) {
		table_move(&a->table, WHEEL_ROWS);
		return DIRTY_DRAW;
	}
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return DIRTY_NONE;
	if (ev.y == hy) {
		int c = view_column_at(a, ev.x);

		return c >= 0 ? ui_sort_by(a, (enum column)c, true) : DIRTY_NONE;
	}
	if (ev.y > hy && (size_t)(ev.y - hy) <= view_table_rows(a)) {
		size_t idx = a->table.top + (size_t)(ev.y - hy - 1);

		if (idx < a->table.nview) {
			a->pane_focus = false;
			table_move(&a->table, (long)idx - (long)a->table.sel);
		}
		return DIRTY_DRAW;
	}
	return DIRTY_NONE;
}
