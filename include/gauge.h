/* gauge.h - the header's gauges as text: shared by the screen and batch output */
#ifndef OOMTOP_GAUGE_H
#define OOMTOP_GAUGE_H

#include "overcommit.h"
#include "psi.h"
#include "sysmem.h"

#include <stdbool.h>
#include <stddef.h>

/* How a gauge should be coloured. */
enum level { LEVEL_NONE, LEVEL_OK, LEVEL_WARN, LEVEL_BAD };

/* How much text: 2 = full (100+ columns), 1 = compact (80), 0 = minimal (40). */
enum detail { DETAIL_MIN, DETAIL_COMPACT, DETAIL_FULL };

double gauge_commit_pct(const struct sysmem *m);
/* Strict mode: green, yellow at 80 %, red at 95 %; unenforced: no alarm colour. */
enum level gauge_commit_level(const struct sysmem *m, const struct overcommit *oc);
void gauge_commit_text(char *buf, size_t cap, const struct sysmem *m, const struct overcommit *oc,
		       enum detail d);

double gauge_mem_pct(const struct sysmem *m);
/* Used memory: yellow at 80 %, red at 90 %. */
enum level gauge_mem_level(const struct sysmem *m);
void gauge_mem_text(char *buf, size_t cap, const struct sysmem *m, enum detail d);
void gauge_swap_text(char *buf, size_t cap, const struct sysmem *m, enum detail d);

/* A stall percentage: yellow at 5 %, red at 20 %. */
enum level gauge_psi_level(double pct);
/* One resource's PSI line ("memory some 0.12 0.30 0.25 now 1.0% ..."). */
void gauge_psi_text(char *buf, size_t cap, const struct psi *p, enum psi_res r,
		    double now_some, double now_full, enum detail d);

/* A bar of width cells for pct (clamped to 0..100): UTF-8 blocks or ASCII '|'. */
void gauge_bar(char *buf, size_t cap, double pct, int width, bool utf8);
/* The last width values of h as a sparkline (0 % low, 100 % high; scaled up to the max). */
void gauge_sparkline(char *buf, size_t cap, const struct psi_history *h, int width, bool utf8);

#endif
