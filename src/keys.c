/* keys.c - key bindings of the interactive mode */
#include "keys.h"

#include "tui.h"

static const struct key_binding bindings[] = {
	{ KEY_UP, ACT_UP, "Up", "select the process above" },
	{ 'k', ACT_UP, "k", "select the process above" },
	{ KEY_DOWN, ACT_DOWN, "Down", "select the process below" },
	{ 'j', ACT_DOWN, "j", "select the process below" },
	{ KEY_PPAGE, ACT_PGUP, "PgUp", "one page up" },
	{ KEY_NPAGE, ACT_PGDN, "PgDn", "one page down" },
	{ KEY_HOME, ACT_HOME, "Home", "select the first process" },
	{ KEY_END, ACT_END, "End", "select the last process" },
	{ ' ', ACT_REFRESH, "space", "refresh now" },
	{ 'E', ACT_UNITS, "E", "cycle size units: auto, KiB, MiB, GiB" },
	{ 'K', ACT_KTHREADS, "K", "show or hide kernel threads" },
	{ 'L', ACT_PANE, "L", "show or hide the pane of OOM kills" },
	{ '\t', ACT_FOCUS, "Tab", "move the focus between the table and the kill pane" },
	{ '\r', ACT_DETAIL, "Enter", "in the kill pane: every detail of the selected kill" },
	{ KEY_ENTER, ACT_DETAIL, "Enter", "in the kill pane: every detail of the selected kill" },
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
