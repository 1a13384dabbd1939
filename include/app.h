/* app.h - the one state object main owns and passes down */
#ifndef OOMTOP_APP_H
#define OOMTOP_APP_H

#include "adj.h"
#include "cgview.h"
#include "column.h"
#include "config.h"
#include "guard.h"
#include "klog.h"
#include "oomlog.h"
#include "options.h"
#include "memcg.h"
#include "overcommit.h"
#include "policy.h"
#include "privs.h"
#include "proc.h"
#include "psi.h"
#include "sampler.h"
#include "sysmem.h"
#include "table.h"

/* A question the status line asks; keys answer it until Enter or Esc. */
enum prompt_kind {
	PROMPT_NONE,
	PROMPT_ADJ,             /* =: an exact value */
	PROMPT_PROTECT,         /* P: y/n */
	PROMPT_SIGNAL,          /* k: which signal */
	PROMPT_SIGNAL_CONFIRM,  /* k: y/n */
	PROMPT_FILTER,          /* /: the filter text, applied as typed */
	PROMPT_USER,            /* u: a user name or uid */
};

struct prompt {
	enum prompt_kind kind;
	int pid;                        /* the process asked about, by identity */
	unsigned long long start_time;
	char comm[PROC_COMM_MAX];
	char text[64];                  /* typed so far */
	int sig;                        /* PROMPT_SIGNAL_CONFIRM: the signal */
	char note[96];                  /* why the last key was refused */
};

/* The selected process in full (Enter): read when asked. */
struct proc_info {
	int pid;
	unsigned long long start_time;
	bool gone;
	char unit[128];                 /* systemd service, "" when none */
	bool user_unit;                 /* of a user manager: systemctl --user */
	char cgroup[256];               /* the unified or first cgroup path */
	struct memcg chain[8];          /* its memory cgroup and the ancestors, up to the root */
	int nchain;
};

struct app {
	struct options opt;
	struct sampler *sampler;
	struct procset procs;
	struct table table;
	enum unit unit;      /* E cycles */
	bool show_cmdline;   /* COMMAND shows the command line, else the name (c) */
	unsigned hidden;     /* hidden columns, 1u << column (t shows CGROUP) */
	int esc_flags;       /* ESCAPE_UTF8 in UTF-8 locales */
	char status[512];    /* the status line: the last message in words */
	/* the header */
	struct sysmem mem;
	struct overcommit oc;
	struct policy policy;      /* panic_on_oom, oom_kill_allocating_task, swap */
	/* memory cgroups */
	struct memcg_set memcgs;   /* every memory cgroup looked at */
	struct cgview cgv;         /* g: the cgroup view's rows */
	bool cgview;               /* the cgroup view is shown instead of the table */
	struct psi psi, psi_prev;
	bool psi_have_prev;
	struct psi_history stall;  /* memory "some" stall rate per refresh */
	const char *psi_dir;       /* /proc/pressure, or OOMTOP_PSI_DIR */
	const char *vm_dir;        /* /proc/sys/vm, or OOMTOP_VM_DIR */
	bool color;                /* colours wanted (no --no-color, no NO_COLOR) */
	bool color_setting;        /* colour on in the settings file (what W saves) */
	bool mouse;                /* mouse reports wanted (no --no-mouse) */
	bool help_shown;           /* h: the help screen */
	size_t help_top;           /* its first line shown */
	bool picker_shown;         /* s: the sort column list */
	int picker_sel;            /* the column under the cursor there */
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
	/* changing processes */
	const char *proc_dir;      /* /proc */
	struct privs privs;        /* what this oomtop may do */
	struct guard guard;        /* self-protection */
	char who[160];             /* the audit's user=... uid=... */
	struct adj_log changes;    /* this session's changes and signals (a, U) */
	int adj_step;              /* + and - (--adj-step) */
	struct prompt prompt;      /* a question on the status line */
	bool changes_shown;        /* a: the list of changes */
	bool proc_detail;          /* Enter in the table: the selected process in full */
	struct proc_info info;     /* what the process details show */
};

/* Read the kernel log (live: kills happen now); names the users of new kills. */
int app_read_kills(struct app *a, bool live);

/* The wall clock time of a kernel log timestamp (microseconds since boot). */
double app_wall(const struct app *a, unsigned long long usec);

/* The memory stall rate (some or full) since the previous refresh; < 0 unknown. */
double app_stall(const struct app *a, enum psi_res r, bool full);

/* Take the settings of a file (and the options that win over it). */
void app_apply_settings(struct app *a, const struct settings *s);
/* The settings as they are now, for W. */
void app_settings(const struct app *a, struct settings *s);

/* Whether processes' cgroups are needed now (columns, the cgroup view, -c, --cgroups). */
bool app_wants_cgroups(const struct app *a);
/* Tell the sampler whether to read cgroups, after what app_wants_cgroups depends on changed. */
void app_cgroups_changed(struct app *a);

/* Sample, rank and rebuild the table. 0 or -errno. */
int app_refresh(struct app *a);

#endif
