/* adj.c - oom_score_adj values and the session's list of changes */
#include "adj.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

int adj_step(int old, int delta)
{
	long v = (long)old + delta;

	if (v < ADJ_MIN)
		return ADJ_MIN;
	if (v > ADJ_MAX)
		return ADJ_MAX;
	return (int)v;
}

/* The digits of typed as a number (at most 5 digits), its sign, and whether it is whole. */
static bool adj_scan(const char *typed, long *v, bool *neg, size_t *digits)
{
	const char *p = typed;

	*v = 0;
	*digits = 0;
	*neg = *p == '-';
	if (*neg)
		p++;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || *digits >= 5)
			return false;
		*v = *v * 10 + (*p - '0');
		(*digits)++;
	}
	if (*neg)
		*v = -*v;
	return true;
}

bool adj_typing_ok(const char *typed)
{
	long v;
	bool neg;
	size_t digits;

	if (!adj_scan(typed, &v, &neg, &digits))
		return false;
	/* no leading zeros but a lone 0; no "-0" */
	if (digits > 1 && typed[neg ? 1 : 0] == '0')
		return false;
	if (neg && digits >= 1 && typed[1] == '0')
		return false;
	return v >= ADJ_MIN && v <= ADJ_MAX;
}

bool adj_parse(const char *typed, int *value)
{
	long v;
	bool neg;
	size_t digits;

	if (!adj_typing_ok(typed) || !adj_scan(typed, &v, &neg, &digits) || digits == 0)
		return false;
	*value = (int)v;
	return true;
}

void adj_log_init(struct adj_log *l)
{
	memset(l, 0, sizeof(*l));
}

void adj_log_fini(struct adj_log *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void adj_log_add(struct adj_log *l, const struct adj_entry *e)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = x_realloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = *e;
}

struct adj_entry *adj_log_last_change(struct adj_log *l)
{
	size_t i;

	for (i = l->n; i > 0; i--) {
		struct adj_entry *e = &l->v[i - 1];

		if (e->kind == ADJ_CHANGE && !e->undone)
			return e;
	}
	return NULL;
}
