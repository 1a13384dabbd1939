/* keys.c - key bindings of the interactive mode */
#include "keys.h"

#include "tui.h"

#include <stdio.h>
#include <string.h>

static const struct key_binding bindings[] = {
	{ KEY_UP, ACT_UP, "Up", "select the process above" },
	{ KEY_DOWN, ACT_DOWN, "Down", "select the process below" },
	{ KEY_PPAGE, ACT_PGUP, "PgUp", "one page up" },
	{ KEY_NPAGE, ACT_PGDN, "PgDn", "one page down" },
	{ KEY_HOME, ACT_HOME, "Home", "select the first process" },
	{ KEY_END, ACT_END, "End", "select the last process" },
	{ ' ', ACT_REFRESH, "space", "refresh now" },
	{ 'E', ACT_UNITS, "E", "cycle size units: auto, KiB, MiB, GiB" },
	{ 'K', ACT_KTHREADS, "K", "show or hide kernel threads" },
	{ 'L', ACT_PANE, "L", "show or hide the pane of OOM kills" },
	{ '\t', ACT_FOCUS, "Tab", "move the focus between the table and the kill pane" },
	{ '\r', ACT_DETAIL, "Enter", "every detail of the selected process, or of the selected kill" },
	{ KEY_ENTER, ACT_DETAIL, "Enter", "every detail of the selected process, or of the selected kill" },
	{ '+', ACT_ADJ_UP, "+", "raise the oom_score_adj of the selected process by a step (--adj-step)" },
	{ '-', ACT_ADJ_DOWN, "-", "lower the oom_score_adj of the selected process by a step" },
	{ '=', ACT_ADJ_SET, "=", "set the oom_score_adj of the selected process to a value typed" },
	{ 'P', ACT_PROTECT, "P", "protect the selected process: oom_score_adj -1000 (asks first)" },
	{ 'U', ACT_UNDO, "U", "undo the last oom_score_adj change of this session" },
	{ 'k', ACT_SIGNAL, "k", "send a signal to the selected process (asks which; SIGTERM)" },
	{ 'a', ACT_CHANGES, "a", "list the changes and signals of this session" },
	{ '<', ACT_SORT_LEFT, "<", "sort by the column to the left" },
	{ '>', ACT_SORT_RIGHT, ">", "sort by the column to the right" },
	{ 's', ACT_SORT_PICK, "s", "pick the sort column from a list" },
	{ KEY_F(6), ACT_SORT_PICK, "F6", "pick the sort column from a list" },
	{ 'R', ACT_REVERSE, "R", "reverse the sort order" },
	{ '/', ACT_FILTER, "/", "show only processes whose name or command line holds a text (Esc clears)" },
	{ 'u', ACT_USER, "u", "show only one user's processes (empty: everyone's)" },
	{ 'c', ACT_CMDLINE, "c", "COMMAND: switch between the full command line and the name" },
	{ 't', ACT_CGROUP, "t", "show or hide the CGROUP and MEMCG columns (service or cgroup; memory limit use)" },
	{ 'g', ACT_CGVIEW, "g", "switch between the processes and the memory cgroups (Enter: a cgroup's processes)" },
	{ 'W', ACT_SAVE, "W", "write the settings to ~/.config/oomtop/oomtoprc" },
	{ 'h', ACT_HELP, "h", "this help" },
	{ '?', ACT_HELP, "?", "this help" },
	{ KEY_F(1), ACT_HELP, "F1", "this help" },
	{ 'q', ACT_QUIT, "q", "quit" },
};

const struct key_binding *keys_table(size_t *n)
{
	*n = sizeof(bindings) / sizeof(bindings[0]);
	return bindings;
}

enum action keys_lookup(int key)
{
	size_t i;

	for (i = 0; i < sizeof(bindings) / sizeof(bindings[0]); i++)
		if (bindings[i].key == key)
			return bindings[i].action;
	return ACT_NONE;
}

size_t keys_help(struct keys_help *out)
{
	size_t n = 0, i, j;

	for (i = 0; i < sizeof(bindings) / sizeof(bindings[0]); i++) {
		const struct key_binding *b = &bindings[i];

		for (j = 0; j < n; j++)
			if (out[j].action == b->action)
				break;
		if (j == n) {
			out[n].action = b->action;
			snprintf(out[n].keys, sizeof(out[n].keys), "%s", b->label);
			out[n].help = b->help;
			n++;
		} else if (!strstr(out[j].keys, b->label)) {
			size_t len = strlen(out[j].keys);

			snprintf(out[j].keys + len, sizeof(out[j].keys) - len, ", %s", b->label);
		}
	}
	return n;
}
