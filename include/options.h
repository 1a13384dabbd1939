/* options.h - the command line */
#ifndef OOMTOP_OPTIONS_H
#define OOMTOP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum format { FORMAT_TEXT, FORMAT_JSON };

struct options {
	bool batch;          /* -b */
	int iterations;      /* -n, 0 = until interrupted */
	double delay;        /* -d, seconds */
	bool delay_set;      /* -d was given: it wins over the settings file */
	enum format format;  /* --format */
	int *pids;           /* -p, owned */
	size_t npids;
	const char *user;    /* -u, name or uid (points into argv) */
	bool no_color;       /* --no-color */
	bool no_mouse;       /* --no-mouse */
	int sort;            /* -s: a column, -1 = not given */
	bool kills;          /* --kills: batch prints the kill history */
	bool cgroups;        /* --cgroups: batch prints the memory cgroups */
	const char *cgroup;  /* -c PATH: only this memory cgroup's subtree (points into argv) */
	const char *kmsg;    /* --kmsg FILE: read the kernel log from FILE */
	bool bell;           /* --bell: ring on a new kill */
	bool read_only;      /* --read-only: no capability, no change */
	int adj_step;        /* --adj-step: + and - move oom_score_adj by this */
	bool no_self_protect; /* --no-self-protect */
};

enum options_result {
	OPTIONS_RUN = 0,
	OPTIONS_HELP = 1,
	OPTIONS_VERSION = 2,
	OPTIONS_ERROR = -1,
};

/*
 * Parse argv into o (defaults first). On OPTIONS_ERROR, err holds one line
 * that says what is wrong. Pure: touches no file, may be called repeatedly.
 */
enum options_result options_parse(int argc, char **argv, struct options *o,
				  char *err, size_t errlen);
void options_fini(struct options *o);
void options_usage(FILE *f);

#endif
