/* main.c - options, signals, and the choice between batch and screen */
#include "app.h"
#include "audit.h"
#include "batch.h"
#include "escape.h"
#include "ui.h"
#include "users.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef OOMTOP_VERSION
#define OOMTOP_VERSION "unknown"
#endif

/* Signal flags: the only globals. */
static volatile sig_atomic_t stop_requested;
static int wake_pipe[2] = { -1, -1 };

static void main_on_signal(int sig)
{
	int saved = errno;
	char c = (char)sig;

	stop_requested = 1;
	if (wake_pipe[1] >= 0 && write(wake_pipe[1], &c, 1) < 0) {
		/* the pipe is full: the loop wakes anyway */
	}
	errno = saved;
}

static void main_signals(void)
{
	struct sigaction sa;

	if (pipe2(wake_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
		fatal("pipe: %s", strerror(errno));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = main_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* Self-protection, then keep only the capabilities the changing keys use. */
static void main_privs(struct app *a)
{
	bool guard = !a->opt.batch && !a->opt.no_self_protect;
	struct passwd *pw = getpwuid(getuid());

	a->proc_dir = "/proc";
	a->adj_step = a->opt.adj_step;
	adj_log_init(&a->changes);
	audit_who(a->who, sizeof(a->who), (unsigned)getuid(), pw ? pw->pw_name : "", getenv("SUDO_USER"));
	privs_probe(&a->privs);
	if (guard)
		guard_adj(&a->guard, a->proc_dir); /* needs CAP_SYS_RESOURCE, dropped below */
	if (privs_drop(&a->privs, a->opt.read_only || a->opt.batch, guard) < 0)
		snprintf(a->status, sizeof(a->status), "%s", a->privs.err);
	if (!a->opt.batch)
		audit_open(); /* before the first change: /dev/log may be out of reach later */
}

/* -c PATH: a memory cgroup path, also as a path under the hierarchy's mount. */
static int main_cgroup(struct app *a)
{
	const struct memcg_mounts *m = &a->memcgs.mounts;
	const char *root = m->v2_memory ? m->v2 : m->v1;
	char path_buf[MEMCG_PATH_MAX + 512];
	const char *path = path_buf;
	size_t rl = strlen(root), len;
	struct memcg c;

	/* a trailing slash, as shell completion adds it, names the same cgroup */
	snprintf(path_buf, sizeof(path_buf), "%s", a->opt.cgroup);
	len = strlen(path_buf);
	while (len > 1 && path_buf[len - 1] == '/')
		path_buf[--len] = '\0';

	if (!memcg_available(m)) {
		fprintf(stderr, "oomtop: -c: no memory cgroup controller is mounted\n");
		return -1;
	}
	if (rl && strncmp(path, root, rl) == 0 && (path[rl] == '/' || !path[rl]))
		path = path[rl] ? path + rl : "/";
	memcg_read(m, path, &c);
	if (!c.exists || strlen(path) >= sizeof(a->table.memcg_top)) {
		fprintf(stderr, "oomtop: -c: no memory cgroup '%s' under %s\n", a->opt.cgroup, root);
		return -1;
	}
	memcpy(a->table.memcg_top, path, strlen(path) + 1); /* fits: checked above */
	return 0;
}

/* The settings file (not in batch mode: scripts get the same output everywhere). */
static void main_settings(struct app *a)
{
	struct settings s;
	char path[4096], err[300];

	config_defaults(&s);
	a->mouse = !a->opt.no_mouse;
	if (!a->opt.batch && config_path(path, sizeof(path)) &&
	    config_load(path, &s, err, sizeof(err)) < 0) {
		size_t len = strlen(a->status);

		config_defaults(&s);
		/* after what is already there (a failed privilege drop must stay visible) */
		snprintf(a->status + len, sizeof(a->status) - len,
			 "%ssettings not used: %s; defaults used (W overwrites the file)", len ? "; " : "", err);
	}
	app_apply_settings(a, &s);
}

static int main_setup(struct app *a)
{
	const char *cs = nl_langinfo(CODESET);

	const char *no_color = getenv("NO_COLOR");

	a->utf8 = cs && strcmp(cs, "UTF-8") == 0;
	a->esc_flags = a->utf8 ? ESCAPE_UTF8 : 0;
	a->color = !a->opt.no_color && !(no_color && no_color[0]);
	/* where the header's files are; other directories only for tests */
	a->psi_dir = getenv("OOMTOP_PSI_DIR") ? getenv("OOMTOP_PSI_DIR") : "/proc/pressure";
	a->vm_dir = getenv("OOMTOP_VM_DIR") ? getenv("OOMTOP_VM_DIR") : "/proc/sys/vm";
	a->show_cmdline = true;
	a->pane_shown = true;
	table_init(&a->table);
	a->table.pids = a->opt.pids;
	a->table.npids = a->opt.npids;
	if (a->opt.user) {
		if (!users_lookup(a->opt.user, &a->table.uid)) {
			fprintf(stderr, "oomtop: no such user '%s'\n", a->opt.user);
			return EXIT_USAGE;
		}
		a->table.filter_uid = true;
	}
	if (!a->opt.batch && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		fprintf(stderr, "oomtop: not a terminal; use -b for batch output (oomtop -b)\n");
		return EXIT_USAGE;
	}
	/* the kernel log first: the privilege drop below must not lose it */
	klog_open(&a->klog, a->opt.kmsg);
	klog_error(&a->klog); /* the words for the pane, when it failed */
	main_privs(a);
	killlog_init(&a->kills);
	{
		struct timespec rt, bt;

		clock_gettime(CLOCK_REALTIME, &rt);
		clock_gettime(CLOCK_BOOTTIME, &bt);
		a->boot_wall = (double)(rt.tv_sec - bt.tv_sec) + (double)(rt.tv_nsec - bt.tv_nsec) / 1e9;
	}
	a->sampler = sampler_new();
	if (!a->sampler) {
		fprintf(stderr, "oomtop: cannot read /proc: %s\n", strerror(errno));
		return EXIT_RUNTIME;
	}
	procset_init(&a->procs);
	memcg_set_init(&a->memcgs);
	cgview_init(&a->cgv);
	if (a->opt.cgroup && main_cgroup(a) < 0)
		return EXIT_USAGE;
	main_settings(a);
	return 0;
}

int main(int argc, char **argv)
{
	struct app a;
	char err[256];
	int rc;

	memset(&a, 0, sizeof(a));
	setlocale(LC_ALL, "");
	switch (options_parse(argc, argv, &a.opt, err, sizeof(err))) {
	case OPTIONS_HELP:
		options_usage(stdout);
		options_fini(&a.opt);
		return 0;
	case OPTIONS_VERSION:
		printf("oomtop %s\n", OOMTOP_VERSION);
		options_fini(&a.opt);
		return 0;
	case OPTIONS_ERROR:
		fprintf(stderr, "oomtop: %s (see oomtop --help)\n", err);
		options_fini(&a.opt);
		return EXIT_USAGE;
	case OPTIONS_RUN:
	default:
		break;
	}
	rc = main_setup(&a);
	if (rc == 0) {
		main_signals();
		if (a.opt.batch && a.opt.kills)
			rc = batch_kills(&a);
		else if (a.opt.batch)
			rc = batch_run(&a, (volatile const int *)&stop_requested);
		else
			rc = ui_run(&a, (volatile const int *)&stop_requested, wake_pipe[0]);
	}
	klog_close(&a.klog);
	killlog_fini(&a.kills);
	adj_log_fini(&a.changes);
	memcg_set_fini(&a.memcgs);
	cgview_fini(&a.cgv);
	sampler_free(a.sampler);
	procset_fini(&a.procs);
	table_fini(&a.table);
	options_fini(&a.opt);
	return rc;
}
