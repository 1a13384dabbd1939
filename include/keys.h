/* keys.h - the one key table: the dispatcher and the help come from it */
#ifndef OOMTOP_KEYS_H
#define OOMTOP_KEYS_H

#include <stddef.h>

enum action {
	ACT_NONE, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
	ACT_REFRESH, ACT_UNITS, ACT_KTHREADS, ACT_PANE, ACT_FOCUS, ACT_DETAIL,
	ACT_ADJ_UP, ACT_ADJ_DOWN, ACT_ADJ_SET, ACT_PROTECT, ACT_UNDO, ACT_SIGNAL, ACT_CHANGES,
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

#endif
