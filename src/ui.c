/* ui.c - the interactive loop: sample, handle keys, draw once per turn */
#include "ui.h"

#include "change.h"
#include "escape.h"
#include "keys.h"
#include "tui.h"
#include "view.h"
#include "xalloc.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static bool ui_active;

static void ui_restore(void)
{
	if (ui_active) {
		ui_active = false;
		endwin();
	}
}

static int ui_start(struct app *a)
{
	if (!tui_term_known() || !newterm(NULL, stdout, stdin))
		return -1;
	ui_active = true;
	fatal_set_hook(ui_restore);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	set_escdelay(50); /* Esc cancels a prompt at once, not after a second */
	if (a->mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0); /* a press acts at once */
	} else {
		/*
		 * No tracking asked of the terminal, but a report that comes anyway
		 * must be one KEY_MOUSE, not keys: ncurses decodes reports only once
		 * its mouse support is set up, which a zero mask alone does not do.
		 */
		mousemask(BUTTON1_PRESSED, NULL);
		mousemask(0, NULL);
	}
	view_colors_init(a);
	/* Home/End as terminals send them when TERM names another terminal */
	define_key("\033[1~", KEY_HOME);
	define_key("\033[4~", KEY_END);
	define_key("\033[7~", KEY_HOME);
	define_key("\033[8~", KEY_END);
	define_key("\033[H", KEY_HOME);
	define_key("\033[F", KEY_END);
	define_key("\033OH", KEY_HOME);
	define_key("\033OF", KEY_END);
	return 0;
}

static double ui_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* After the first refresh and draw: lock what is mapped, say once what failed. */
static void ui_protect(struct app *a)
{
	char words[256];

	guard_lock(&a->guard);
	privs_drop_ipc_lock(&a->privs);
	guard_words(&a->guard, words, sizeof(words));
	if (words[0] && !a->status[0])
		snprintf(a->status, sizeof(a->status), "%s", words);
}

/* Keep the pane's selection in range and visible. */
static void ui_pane_clamp(struct app *a)
{
	size_t rows = (size_t)(view_pane_lines(a) > 1 ? view_pane_lines(a) - 1 : 1);

	if (a->kills.n == 0) {
		a->pane_sel = a->pane_top = 0;
		return;
	}
	if (a->pane_sel >= a->kills.n)
		a->pane_sel = a->kills.n - 1;
	if (a->pane_sel < a->pane_top)
		a->pane_top = a->pane_sel;
	if (a->pane_sel >= a->pane_top + rows)
		a->pane_top = a->pane_sel - rows + 1;
}

/* Movement keys while the kill pane has the focus. */
static int ui_pane_move(struct app *a, enum action act)
{
	switch (act) {
	case ACT_UP:
		if (a->pane_sel > 0)
			a->pane_sel--;
		break;
	case ACT_DOWN:
		a->pane_sel++;
		break;
	case ACT_HOME:
	case ACT_PGUP:
		a->pane_sel = 0;
		break;
	case ACT_END:
	case ACT_PGDN:
		a->pane_sel = a->kills.n ? a->kills.n - 1 : 0;
		break;
	default:
		return DIRTY_NONE;
	}
	ui_pane_clamp(a);
	return DIRTY_DRAW;
}

static int ui_pane_action(struct app *a, enum action act)
{
	switch (act) {
	case ACT_PANE:
		a->pane_shown = !a->pane_shown;
		if (!a->pane_shown)
			a->pane_focus = false;
		snprintf(a->status, sizeof(a->status), "kill pane %s", a->pane_shown ? "shown" : "hidden");
		return DIRTY_DRAW;
	case ACT_FOCUS:
		if (!a->pane_shown) {
			snprintf(a->status, sizeof(a->status), "the kill pane is hidden: L shows it");
			return DIRTY_DRAW;
		}
		a->pane_focus = !a->pane_focus;
		snprintf(a->status, sizeof(a->status), "focus: %s",
			 a->pane_focus ? "kill pane (Enter shows a kill)" : "process table");
		return DIRTY_DRAW;
	case ACT_DETAIL:
		if (!a->pane_focus) {
			if (!table_selected(&a->table)) {
				snprintf(a->status, sizeof(a->status), "no process selected");
				return DIRTY_DRAW;
			}
			change_info(a);
			a->proc_detail = true;
			return DIRTY_DRAW;
		}
		if (a->kills.n == 0) {
			snprintf(a->status, sizeof(a->status), "no OOM kill to show");
			return DIRTY_DRAW;
		}
		a->detail = true;
		return DIRTY_DRAW;
	default:
		return DIRTY_NONE;
	}
}

static int ui_dispatch(struct app *a, enum action act)
{
	long page = (long)view_table_rows(a);

	if (act == ACT_PANE || act == ACT_FOCUS || (act == ACT_DETAIL && a->pane_focus))
		return ui_pane_action(a, act);
	if (a->pane_focus && act >= ACT_UP && act <= ACT_END)
		return ui_pane_move(a, act);
	/* the cgroup view takes every other key but q, h, space and E (never the hidden table's) */
	if (a->cgview && act != ACT_QUIT && act != ACT_HELP && act != ACT_REFRESH && act != ACT_UNITS)
		return ui_cgview_action(a, act, page > 1 ? page - 1 : 1);
	if (act == ACT_DETAIL)
		return ui_pane_action(a, act);
	switch (act) {
	case ACT_UP:
		table_move(&a->table, -1);
		return DIRTY_DRAW;
	case ACT_DOWN:
		table_move(&a->table, 1);
		return DIRTY_DRAW;
	case ACT_PGUP:
		table_move(&a->table, -(page > 1 ? page - 1 : 1));
		return DIRTY_DRAW;
	case ACT_PGDN:
		table_move(&a->table, page > 1 ? page - 1 : 1);
		return DIRTY_DRAW;
	case ACT_HOME:
		table_jump(&a->table, false);
		return DIRTY_DRAW;
	case ACT_END:
		table_jump(&a->table, true);
		return DIRTY_DRAW;
	case ACT_REFRESH:
		return DIRTY_SAMPLE;
	case ACT_UNITS:
		a->unit = (enum unit)((a->unit + 1) % UNIT_COUNT);
		snprintf(a->status, sizeof(a->status), "sizes in %s", unit_name(a->unit));
		return DIRTY_DRAW;
	case ACT_KTHREADS:
		a->table.show_kthreads = !a->table.show_kthreads;
		snprintf(a->status, sizeof(a->status), "kernel threads %s",
			 a->table.show_kthreads ? "shown (the OOM killer never picks them)" : "hidden");
		return DIRTY_REBUILD;
	case ACT_ADJ_UP:
	case ACT_ADJ_DOWN:
		change_step(a, act == ACT_ADJ_UP ? a->adj_step : -a->adj_step);
		return DIRTY_DRAW;
	case ACT_ADJ_SET:
	case ACT_PROTECT:
	case ACT_SIGNAL:
		return ui_prompt_start(a, act);
	case ACT_UNDO:
		change_undo(a);
		return DIRTY_DRAW;
	case ACT_CHANGES:
		if (a->changes.n == 0)
			snprintf(a->status, sizeof(a->status), "no change in this session yet");
		else
			a->changes_shown = true;
		return DIRTY_DRAW;
	case ACT_SORT_LEFT:
	case ACT_SORT_RIGHT:
	case ACT_SORT_PICK:
	case ACT_REVERSE:
	case ACT_FILTER:
	case ACT_USER:
	case ACT_CMDLINE:
	case ACT_CGROUP:
	case ACT_SAVE:
	case ACT_HELP:
	case ACT_CGVIEW:
		return ui_view_action(a, act);
	case ACT_QUIT:
		return DIRTY_QUIT;
	case ACT_NONE:
	case ACT_COUNT:
	default:
		break;
	}
	return DIRTY_NONE;
}

/* Read every pending key; returns the dirty flags they raise. */
static int ui_keys(struct app *a)
{
	int ch, dirty = 0;

	while ((ch = getch()) != ERR) {
		enum action act;

		if (ch == KEY_RESIZE) {
			dirty |= DIRTY_DRAW;
			continue;
		}
		if (ch == KEY_MOUSE) {
			/* with --no-mouse, a stray report is read whole and ignored */
			if (a->mouse && !a->help_shown && !a->picker_shown && a->prompt.kind == PROMPT_NONE &&
			    !a->detail && !a->proc_detail && !a->changes_shown)
				dirty |= ui_mouse(a);
			continue;
		}
		if (a->help_shown) {
			dirty |= ui_help_key(a, ch);
			continue;
		}
		if (a->picker_shown) {
			dirty |= ui_picker_key(a, ch);
			continue;
		}
		if (a->detail || a->proc_detail || a->changes_shown) {
			/* any key closes the details */
			a->detail = a->proc_detail = a->changes_shown = false;
			dirty |= DIRTY_DRAW;
			continue;
		}
		if (a->prompt.kind != PROMPT_NONE) {
			dirty |= ui_prompt_key(a, ch);
			continue;
		}
		act = keys_lookup(ch);
		if (act == ACT_NONE) {
			char name[64];
			const char *k = keyname(ch);

			snprintf(name, sizeof(name), "%s", k ? k : "?");
			snprintf(a->status, sizeof(a->status), "key %s does nothing here", name);
			dirty |= DIRTY_DRAW;
			continue;
		}
		a->status[0] = '\0';
		dirty |= ui_dispatch(a, act);
	}
	return dirty;
}

/* The kernel log's fd while there is more to read from it, else -1. */
static int ui_klog_fd(const struct app *a)
{
	return a->klog.fd >= 0 && !a->klog.eof ? a->klog.fd : -1;
}

/* New kernel log records: a kill shows at once, highlighted. */
static int ui_klog(struct app *a)
{
	int kills = app_read_kills(a, true);

	if (kills <= 0)
		return a->klog.eof ? DIRTY_DRAW : DIRTY_NONE;
	a->pane_sel = 0;
	a->pane_top = 0;
	{
		const struct oom_event *e = &a->kills.v[a->kills.n - 1];
		char comm[OOM_COMM_MAX * 4];

		escape_kernel_text(comm, sizeof(comm), e->comm, strlen(e->comm), a->esc_flags);
		snprintf(a->status, sizeof(a->status), "OOM kill: the kernel killed %d (%.60s)%s%.120s", e->pid,
			 comm, e->memcg ? " in memory cgroup " : ", system-wide OOM",
			 e->memcg ? (e->cgroup[0] ? e->cgroup : "?") : "");
	}
	if (a->opt.bell)
		beep();
	return DIRTY_DRAW | DIRTY_SAMPLE;
}

static void ui_drain(int fd)
{
	char buf[64];

	while (read(fd, buf, sizeof(buf)) > 0)
		;
}

int ui_run(struct app *a, volatile const int *stop, int wake_fd)
{
	double next = 0;
	int dirty = DIRTY_SAMPLE, rc;
	bool warm;

	if (ui_start(a) < 0) {
		const char *term = getenv("TERM");

		if (!term || !*term)
			fprintf(stderr, "oomtop: TERM is not set: set it (e.g. TERM=xterm-256color) or use -b\n");
		else
			fprintf(stderr, "oomtop: unknown terminal type '%s' (TERM): set a known one, or use -b\n",
				term);
		return EXIT_RUNTIME;
	}
	app_read_kills(a, false); /* the backlog: not highlighted */
	warm = !a->opt.no_self_protect;
	while (!*stop && !(dirty & DIRTY_QUIT)) {
		struct pollfd fds[3] = { { STDIN_FILENO, POLLIN, 0 }, { wake_fd, POLLIN, 0 },
					 { ui_klog_fd(a), POLLIN, 0 } };
		double wait;

		if ((dirty & DIRTY_SAMPLE) || ui_now() >= next) {
			rc = app_refresh(a);
			if (rc < 0)
				fatal("cannot read processes: %s", strerror(-rc));
			next = ui_now() + a->opt.delay;
			dirty |= DIRTY_DRAW;
		} else if (dirty & DIRTY_REBUILD) {
			table_rebuild(&a->table, &a->procs);
			dirty |= DIRTY_DRAW;
		}
		if (dirty & DIRTY_DRAW) {
			table_scroll(&a->table, view_table_rows(a));
			cgview_scroll(&a->cgv, view_table_rows(a));
			view_draw(a);
			refresh();
		}
		if (warm) {
			warm = false;
			ui_protect(a);
			dirty = DIRTY_DRAW;
			continue;
		}
		wait = next - ui_now();
		if (wait < 0)
			wait = 0;
		if (poll(fds, 3, (int)(wait * 1000) + 1) < 0 && errno != EINTR)
			fatal("poll: %s", strerror(errno));
		dirty = DIRTY_NONE;
		if (fds[2].fd >= 0 && (fds[2].revents & (POLLIN | POLLHUP)))
			dirty |= ui_klog(a);
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			break; /* the terminal went away */
		if (fds[1].revents & POLLIN)
			ui_drain(wake_fd);
		dirty |= ui_keys(a);
	}
	ui_restore();
	return 0;
}
