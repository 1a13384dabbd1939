/* ui_prompt.c - questions on the status line: a value, a signal, y/n */
#include "ui.h"

#include "change.h"
#include "escape.h"
#include "keys.h"
#include "tui.h"
#include "users.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#define KEY_ESC 27

static void ui_prompt_close(struct app *a, const char *why)
{
	a->prompt.kind = PROMPT_NONE;
	if (why)
		snprintf(a->status, sizeof(a->status), "%s", why);
}

int ui_prompt_start(struct app *a, int act)
{
	const struct proc *p = table_selected(&a->table);
	struct prompt *q = &a->prompt;

	if (!change_allowed(a))
		return DIRTY_DRAW;
	if (!p) {
		snprintf(a->status, sizeof(a->status), "no process selected");
		return DIRTY_DRAW;
	}
	memset(q, 0, sizeof(*q));
	q->pid = p->pid;
	q->start_time = p->start_time;
	snprintf(q->comm, sizeof(q->comm), "%s", p->comm);
	switch (act) {
	case ACT_ADJ_SET:
		q->kind = PROMPT_ADJ;
		break;
	case ACT_PROTECT:
		if (p->oom_adj == ADJ_MIN) {
			snprintf(a->status, sizeof(a->status), "already protected: oom_score_adj is -1000");
			return DIRTY_DRAW;
		}
		q->kind = PROMPT_PROTECT;
		break;
	case ACT_SIGNAL:
		q->kind = PROMPT_SIGNAL;
		break;
	default:
		return DIRTY_NONE;
	}
	a->status[0] = '\0';
	return DIRTY_DRAW;
}

static bool ui_prompt_enter(int ch)
{
	return ch == '\r' || ch == '\n' || ch == KEY_ENTER;
}

static bool ui_prompt_backspace(int ch)
{
	return ch == KEY_BACKSPACE || ch == 127 || ch == 8;
}

/* Edit the typed text with ch when ok(text + ch) holds; else a note says why. */
static void ui_prompt_type(struct prompt *q, int ch, bool (*ok)(const char *), const char *rule)
{
	size_t len = strlen(q->text);
	char next[sizeof(q->text)];

	q->note[0] = '\0';
	if (ui_prompt_backspace(ch)) {
		if (len > 0)
			q->text[len - 1] = '\0';
		return;
	}
	if (ch < 0x20 || ch > 0x7e || len + 1 >= sizeof(q->text)) {
		snprintf(q->note, sizeof(q->note), "%s only", rule);
		return;
	}
	memcpy(next, q->text, len);
	next[len] = (char)ch;
	next[len + 1] = '\0';
	if (!ok(next)) {
		snprintf(q->note, sizeof(q->note), "'%c' does not fit", ch);
		return;
	}
	memcpy(q->text, next, len + 2);
}

/* Filter text: anything printable. */
static bool ui_prompt_any(const char *typed)
{
	(void)typed;
	return true;
}

int ui_prompt_start_view(struct app *a, int act)
{
	struct prompt *q = &a->prompt;

	memset(q, 0, sizeof(*q));
	if (act == ACT_FILTER) {
		q->kind = PROMPT_FILTER;
		snprintf(q->text, sizeof(q->text), "%s", a->table.filter);
	} else {
		q->kind = PROMPT_USER;
	}
	a->status[0] = '\0';
	return DIRTY_DRAW;
}

/* /: every key changes the filter at once; Enter keeps it, Esc clears it. */
static int ui_prompt_filter(struct app *a, int ch)
{
	struct prompt *q = &a->prompt;

	if (ui_prompt_enter(ch)) {
		ui_prompt_close(a, NULL);
		if (a->table.filter[0])
			snprintf(a->status, sizeof(a->status), "showing processes whose name or command line holds '%s'",
				 a->table.filter);
		return DIRTY_DRAW;
	}
	ui_prompt_type(q, ch, ui_prompt_any, "printable characters");
	snprintf(a->table.filter, sizeof(a->table.filter), "%s", q->text);
	return DIRTY_REBUILD;
}

static int ui_prompt_user(struct app *a, int ch)
{
	struct prompt *q = &a->prompt;
	uid_t uid;

	if (!ui_prompt_enter(ch)) {
		ui_prompt_type(q, ch, ui_prompt_any, "printable characters");
		return DIRTY_DRAW;
	}
	if (!q->text[0]) {
		a->table.filter_uid = false;
		ui_prompt_close(a, "showing every user's processes");
		return DIRTY_REBUILD;
	}
	if (!users_lookup(q->text, &uid)) {
		snprintf(q->note, sizeof(q->note), "no such user");
		return DIRTY_DRAW;
	}
	a->table.filter_uid = true;
	a->table.uid = uid;
	ui_prompt_close(a, NULL);
	snprintf(a->status, sizeof(a->status), "showing the processes of %s (uid %u); u then Enter shows everyone's",
		 q->text, (unsigned)uid);
	return DIRTY_REBUILD;
}

static int ui_prompt_adj(struct app *a, int ch)
{
	struct prompt *q = &a->prompt;
	int v;

	if (!ui_prompt_enter(ch)) {
		ui_prompt_type(q, ch, adj_typing_ok, "digits and -");
		return DIRTY_DRAW;
	}
	if (!adj_parse(q->text, &v)) {
		snprintf(q->note, sizeof(q->note), "type a number from -1000 to 1000, or Esc");
		return DIRTY_DRAW;
	}
	ui_prompt_close(a, NULL);
	change_adj(a, q->pid, q->start_time, q->comm, v, ADJ_CHANGE);
	return DIRTY_DRAW;
}

static int ui_prompt_signal(struct app *a, int ch)
{
	struct prompt *q = &a->prompt;
	int sig;

	if (!ui_prompt_enter(ch)) {
		ui_prompt_type(q, ch, change_signal_typing_ok, "letters and digits");
		return DIRTY_DRAW;
	}
	sig = q->text[0] ? change_signal_parse(q->text) : SIGTERM;
	if (!sig) {
		snprintf(q->note, sizeof(q->note), "no signal is called '%s'", q->text);
		return DIRTY_DRAW;
	}
	q->sig = sig;
	q->kind = PROMPT_SIGNAL_CONFIRM;
	q->note[0] = '\0';
	return DIRTY_DRAW;
}

/* y or n; y runs the change. */
static int ui_prompt_yes_no(struct app *a, int ch)
{
	struct prompt *q = &a->prompt;
	enum prompt_kind kind = q->kind;

	if (ch == 'n' || ch == 'N') {
		ui_prompt_close(a, "cancelled: nothing changed");
		return DIRTY_DRAW;
	}
	if (ch != 'y' && ch != 'Y') {
		snprintf(q->note, sizeof(q->note), "y or n");
		return DIRTY_DRAW;
	}
	ui_prompt_close(a, NULL);
	if (kind == PROMPT_PROTECT) {
		change_adj(a, q->pid, q->start_time, q->comm, ADJ_MIN, ADJ_CHANGE);
		return DIRTY_DRAW;
	}
	change_signal(a, q->pid, q->start_time, q->comm, q->sig);
	return DIRTY_SAMPLE;
}

int ui_prompt_key(struct app *a, int ch)
{
	if (ch == KEY_ESC && a->prompt.kind == PROMPT_FILTER) {
		a->table.filter[0] = '\0';
		ui_prompt_close(a, "filter cleared");
		return DIRTY_REBUILD;
	}
	if (ch == KEY_ESC && a->prompt.kind == PROMPT_USER) {
		ui_prompt_close(a, "cancelled");
		return DIRTY_DRAW;
	}
	if (ch == KEY_ESC) {
		ui_prompt_close(a, "cancelled: nothing changed");
		return DIRTY_DRAW;
	}
	switch (a->prompt.kind) {
	case PROMPT_ADJ:
		return ui_prompt_adj(a, ch);
	case PROMPT_SIGNAL:
		return ui_prompt_signal(a, ch);
	case PROMPT_PROTECT:
	case PROMPT_SIGNAL_CONFIRM:
		return ui_prompt_yes_no(a, ch);
	case PROMPT_FILTER:
		return ui_prompt_filter(a, ch);
	case PROMPT_USER:
		return ui_prompt_user(a, ch);
	case PROMPT_NONE:
	default:
		return DIRTY_NONE;
	}
}
