/* app.h - the one state object main owns and passes down */
#ifndef OOMTOP_APP_H
#define OOMTOP_APP_H

#include "column.h"
#include "klog.h"
#include "oomlog.h"
#include "options.h"
#include "overcommit.h"
#include "proc.h"
#include "psi.h"
#include "sampler.h"
#include "sysmem.h"
#include "table.h"

struct app {
	struct options opt;
	struct sampler *sampler;
	struct procset procs;
	struct table table;
	enum unit unit;      /* E cycles */
	bool show_cmdline;   /* COMMAND shows the command line, else the name */
	int esc_flags;       /* ESCAPE_UTF8 in UTF-8 locales */
	char status[256];    /* the status line: the last message in words */
	/* the header */
	struct sysmem mem;
	struct overcommit oc;
	struct psi psi, psi_prev;
	bool psi_have_prev;
	struct psi_history stall;  /* memory "some" stall rate per refresh */
	const char *psi_dir;       /* /proc/pressure, or OOMTOP_PSI_DIR */
	const char *vm_dir;        /* /proc/sys/vm, or OOMTOP_VM_DIR */
	bool color;                /* colours wanted (no --no-color, no NO_COLOR) */
	bool color_on;             /* colours in use on this terminal */
	bool utf8;                 /* UTF-8 locale: Unicode bar glyphs */
	/* the kill pane */
	struct klog klog;
	struct killlog kills;
	unsigned long oom_kills;   /* /proc/vmstat oom_kill: kills since boot */
	bool oom_kills_known;
	double boot_wall;          /* the wall clock time of boot, seconds */
	bool pane_shown;           /* L */
	bool pane_focus;           /* Tab: keys move the pane's selection */
	size_t pane_sel;           /* the selected kill, 0 = newest */
	size_t pane_top;           /* the first kill shown, 0 = newest */
	bool detail;               /* Enter: the selected kill in full */
};

/* Read the kernel log (live: kills happen now); names the users of new kills. */
int app_read_kills(struct app *a, bool live);

/* The wall clock time of a kernel log timestamp (microseconds since boot). */
double app_wall(const struct app *a, unsigned long long usec);

/* The memory stall rate (some or full) since the previous refresh; < 0 unknown. */
double app_stall(const struct app *a, enum psi_res r, bool full);

/* Sample, rank and rebuild the table. 0 or -errno. */
int app_refresh(struct app *a);

#endif
