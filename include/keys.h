/* keys.h - the one key table: the dispatcher and the help come from it */
#ifndef OOMTOP_KEYS_H
#define OOMTOP_KEYS_H

#include <stddef.h>

enum action {
	ACT_NONE, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
	ACT_REFRESH, ACT_UNITS, ACT_KTHREADS, ACT_PANE, ACT_FOCUS, ACT_DETAIL,
	ACT_ADJ_UP, ACT_ADJ_DOWN, ACT_ADJ_SET, ACT_PROTECT, ACT_UNDO, ACT_SIGNAL, ACT_CHANGES,
	ACT_SORT_LEFT, ACT_SORT_RIGHT, ACT_SORT_PICK, ACT_REVERSE, ACT_FILTER, ACT_USER,
	ACT_CMDLINE, ACT_CGROUP, ACT_CGVIEW, ACT_SAVE, ACT_HELP,
	ACT_QUIT,
	ACT_COUNT
};

struct key_binding {
	int key;              /* a character or a curses KEY_* code */
	enum action action;
	const char *label;    /* how the key is written in help: "Up", "j" */
	const char *help;     /* what it does, in words */
};

/* The table and its length. */
const struct key_binding *keys_table(size_t *n);
/* The action bound to key, ACT_NONE when unbound. */
enum action keys_lookup(int key);

/* One line of the help screen: every key of one action, and its help. */
struct keys_help {
	enum action action;
	char keys[48];        /* "Up", "h, ?, F1" */
	const char *help;
};
/* The help lines, one per action in table order, into out (ACT_COUNT entries). Returns how many. */
size_t keys_help(struct keys_help *out);

#endif
