/* config.h - saved settings: $XDG_CONFIG_HOME/oomtop/oomtoprc */
#ifndef OOMTOP_CONFIG_H
#define OOMTOP_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/* What W saves and a start reads. */
struct settings {
	int sort;            /* a column */
	bool reverse;
	unsigned hidden;     /* hidden columns, 1u << column */
	double delay;        /* seconds */
	bool pane;           /* the kill pane shown */
	bool color;
	int units;           /* enum unit */
	bool kthreads;
	bool cmdline;
};

/* The defaults: what oomtop does without a file. */
void config_defaults(struct settings *s);

/*
 * Parse the text of a settings file (len bytes) into s, which must hold
 * the defaults. Lines are "key=value"; '#' starts a comment. On the first
 * bad line, returns -1 and err says where and why, and s is left as it was
 * given: a bad file changes nothing. 0 when all of it was good.
 */
int config_parse(const char *buf, size_t len, struct settings *s, char *err, size_t errlen);

/* The text of s as a settings file, into buf. Returns its length (cut at cap - 1). */
size_t config_format(const struct settings *s, char *buf, size_t cap);

/*
 * The file's path: $XDG_CONFIG_HOME/oomtop/oomtoprc when XDG_CONFIG_HOME is
 * an absolute path, else $HOME/.config/oomtop/oomtoprc. false when neither
 * is known.
 */
bool config_path(char *buf, size_t cap);

/*
 * Read the file into s. 0 when read, 1 when there is no file (s keeps the
 * defaults), -1 on a bad or unreadable file (err says why, s unchanged).
 */
int config_load(const char *path, struct settings *s, char *err, size_t errlen);

/* Write s to path (its directory made, 0700), atomically. 0 or -1 with err. */
int config_save(const char *path, const struct settings *s, char *err, size_t errlen);

#endif
