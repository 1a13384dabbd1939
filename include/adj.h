/* adj.h - oom_score_adj values: steps, typed values, and the session's changes */
#ifndef OOMTOP_ADJ_H
#define OOMTOP_ADJ_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define ADJ_MIN (-1000)
#define ADJ_MAX 1000
#define ADJ_STEP 100
#define ADJ_COMM_MAX 32

/* old + delta, kept within -1000..1000. */
int adj_step(int old, int delta);

/*
 * Can typed (what the user typed so far) still become a value in
 * -1000..1000? "" and "-" can; "-10000" and "1x" cannot.
 */
bool adj_typing_ok(const char *typed);
/* The value typed, when it is a whole value in range. */
bool adj_parse(const char *typed, int *value);

/* What the session did: an oom_score_adj change or a signal sent. */
enum adj_kind { ADJ_CHANGE, ADJ_UNDO, ADJ_SIGNAL };

struct adj_entry {
	time_t when;
	enum adj_kind kind;
	int pid;
	unsigned long long start_time;
	char comm[ADJ_COMM_MAX];
	int old_adj, new_adj;   /* ADJ_CHANGE, ADJ_UNDO */
	int sig;                /* ADJ_SIGNAL */
	bool undone;            /* a later U wrote old_adj back */
};

struct adj_log {
	struct adj_entry *v;
	size_t n, cap;
};

void adj_log_init(struct adj_log *l);
void adj_log_fini(struct adj_log *l);
/* Append an entry (a copy). */
void adj_log_add(struct adj_log *l, const struct adj_entry *e);
/* The newest change that U may undo (a change not undone yet), or NULL. */
struct adj_entry *adj_log_last_change(struct adj_log *l);

#endif
