/* options.c - command line parsing, pure and testable */
#include "options.h"

#include "column.h"
#include "xalloc.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DELAY_MIN 0.1
#define DELAY_MAX 86400.0
#define PID_MAX_LIMIT 4194304

void options_usage(FILE *f)
{
	fputs("Usage: oomtop [options]\n"
	      "Show processes in the order the Linux OOM killer would kill them.\n"
	      "\n"
	      "  -b, --batch             print plain text (or JSON) instead of the screen\n"
	      "  -n, --iterations=N      batch: print N times (default 1, 0 = until killed)\n"
	      "  -d, --delay=SECONDS     time between refreshes (default 2, fractions allowed)\n"
	      "      --format=text|json  batch output format (json: one object per line)\n"
	      "  -p, --pid=PID[,PID...]  show only these processes\n"
	      "  -u, --user=USER         show only this user's processes (name or uid)\n"
	      "  -s, --sort=COLUMN       sort by COLUMN (RANK, PID, USER, SCORE, ADJ, RSS,\n"
	      "                          ANON, FILE, SHMEM, SWAP, PTE, CGROUP, MEMCG, COMMAND)\n"
	      "      --no-color          no colours (also when NO_COLOR is set)\n"
	      "      --no-mouse          ignore the mouse (clicks select and sort otherwise)\n"
	      "      --kills             batch: print the OOM kills in the kernel log\n"
	      "      --cgroups           batch: print the memory cgroups with a limit or an OOM\n"
	      "  -c, --cgroup=PATH       only the processes of this memory cgroup (its subtree),\n"
	      "                          ranked by their kill order inside it\n"
	      "      --kmsg=FILE         read the kernel log from FILE (a capture or FIFO)\n"
	      "      --bell              ring the bell when a process is killed\n"
	      "      --read-only         change no process: drop every capability, keys off\n"
	      "      --adj-step=N        + and - change oom_score_adj by N (default 100)\n"
	      "      --no-self-protect   do not lower oomtop's own oom_score_adj, nor lock\n"
	      "                          its memory\n"
	      "  -h, --help              show this help and exit\n"
	      "  -V, --version           show the version and exit\n"
	      "\n"
	      "Keys (h shows them all): arrows, PgUp/PgDn, Home/End move; + and -\n"
	      "raise and lower oom_score_adj, = sets it, P protects, U undoes, a lists\n"
	      "the changes, k sends a signal; Enter shows a process (or a kill);\n"
	      "< > s R sort; / filters, u picks a user; c, t, K and E change what is\n"
	      "shown; L shows the kill pane, Tab moves the focus to it; W saves the\n"
	      "settings; q quits. See oomtop(1).\n", f);
}

static int options_delay(const char *s, double *out)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(d) || d < DELAY_MIN || d > DELAY_MAX)
		return -1;
	*out = d;
	return 0;
}

static int options_int(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Append the comma-separated PIDs of s to o->pids. */
static int options_pids(const char *s, struct options *o)
{
	char *copy = x_strdup(s), *save = NULL, *tok;
	size_t before = o->npids;
	int rc = 0;

	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		long v;

		if (options_int(tok, 1, PID_MAX_LIMIT, &v) < 0) {
			rc = -1;
			break;
		}
		o->pids = x_realloc(o->pids, (o->npids + 1) * sizeof(*o->pids));
		o->pids[o->npids++] = (int)v;
	}
	if (o->npids == before)
		rc = -1;
	free(copy);
	return rc;
}

enum options_result options_parse(int argc, char **argv, struct options *o,
				  char *err, size_t errlen)
{
	static const struct option longopts[] = {
		{ "batch", no_argument, NULL, 'b' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "delay", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'F' },
		{ "pid", required_argument, NULL, 'p' },
		{ "user", required_argument, NULL, 'u' },
		{ "no-color", no_argument, NULL, 'C' },
		{ "no-mouse", no_argument, NULL, 'm' },
		{ "sort", required_argument, NULL, 's' },
		{ "cgroups", no_argument, NULL, 'G' },
		{ "cgroup", required_argument, NULL, 'c' },
		{ "kills", no_argument, NULL, 'K' },
		{ "kmsg", required_argument, NULL, 'M' },
		{ "bell", no_argument, NULL, 'B' },
		{ "read-only", no_argument, NULL, 'R' },
		{ "adj-step", required_argument, NULL, 'S' },
		{ "no-self-protect", no_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	long v;

	memset(o, 0, sizeof(*o));
	o->iterations = 1;
	o->delay = 2.0;
	o->format = FORMAT_TEXT;
	o->adj_step = 100;
	o->sort = -1;
	err[0] = '\0';
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":bn:d:p:u:s:c:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'b':
			o->batch = true;
			break;
		case 'n':
			if (options_int(optarg, 0, INT_MAX, &v) < 0) {
				snprintf(err, errlen, "-n needs a count of 0 or more, not '%s'", optarg);
				return OPTIONS_ERROR;
			}
			o->iterations = (int)v;
			break;
		case 'd':
			o->delay_set = true;
			if (options_delay(optarg, &o->delay) < 0) {
				snprintf(err, errlen, "-d needs seconds between %.1f and %.0f, not '%s'",
					 DELAY_MIN, DELAY_MAX, optarg);
				return OPTIONS_ERROR;
			}
			break;
		case 'F':
			if (strcmp(optarg, "json") == 0) {
				o->format = FORMAT_JSON;
			} else if (strcmp(optarg, "text") == 0) {
				o->format = FORMAT_TEXT;
			} else {
				snprintf(err, errlen, "--format is text or json, not '%s'", optarg);
				return OPTIONS_ERROR;
			}
			break;
		case 'p':
			if (options_pids(optarg, o) < 0) {
				snprintf(err, errlen, "-p needs PIDs separated by commas, not '%s'", optarg);
				return OPTIONS_ERROR;
			}
			break;
		case 'u':
			if (!optarg[0]) {
				snprintf(err, errlen, "-u needs a user name or uid");
				return OPTIONS_ERROR;
			}
			o->user = optarg;
			break;
		case 'C':
			o->no_color = true;
			break;
		case 'm':
			o->no_mouse = true;
			break;
		case 'G':
			o->cgroups = true;
			break;
		case 'c':
			if (optarg[0] != '/') {
				snprintf(err, errlen, "-c needs a cgroup path starting with '/', not '%s'", optarg);
				return OPTIONS_ERROR;
			}
			o->cgroup = optarg;
			break;
		case 's':
			if (column_by_name(optarg) < 0) {
				snprintf(err, errlen, "-s needs a column name (RANK, PID, USER, SCORE, ADJ, RSS, "
					 "ANON, FILE, SHMEM, SWAP, PTE, CGROUP, MEMCG, COMMAND), not '%s'", optarg);
				return OPTIONS_ERROR;
			}
			o->sort = column_by_name(optarg);
			break;
		case 'K':
			o->kills = true;
			break;
		case 'M':
			if (!optarg[0]) {
				snprintf(err, errlen, "--kmsg needs a file");
				return OPTIONS_ERROR;
			}
			o->kmsg = optarg;
			break;
		case 'B':
			o->bell = true;
			break;
		case 'R':
			o->read_only = true;
			break;
		case 'S':
			if (options_int(optarg, 1, 2000, &v) < 0) {
				snprintf(err, errlen, "--adj-step needs a step of 1 to 2000, not '%s'", optarg);
				return OPTIONS_ERROR;
			}
			o->adj_step = (int)v;
			break;
		case 'P':
			o->no_self_protect = true;
			break;
		case 'h':
			return OPTIONS_HELP;
		case 'V':
			return OPTIONS_VERSION;
		case ':':
			snprintf(err, errlen, "option '%s' needs a value", argv[optind - 1]);
			return OPTIONS_ERROR;
		default:
			if (optopt && argv[optind - 1][1] == '-')
				snprintf(err, errlen, "option '%s' takes no value", argv[optind - 1]);
			else if (optopt)
				snprintf(err, errlen, "unknown option '-%c'", optopt);
			else
				snprintf(err, errlen, "unknown option '%s'", argv[optind - 1]);
			return OPTIONS_ERROR;
		}
	}
	if (optind < argc) {
		snprintf(err, errlen, "unexpected argument '%s'", argv[optind]);
		return OPTIONS_ERROR;
	}
	if (o->kills && !o->batch) {
		snprintf(err, errlen, "--kills needs -b (the screen shows kills in its pane)");
		return OPTIONS_ERROR;
	}
	if (o->cgroups && !o->batch) {
		snprintf(err, errlen, "--cgroups needs -b (the screen shows cgroups with g)");
		return OPTIONS_ERROR;
	}
	if (o->cgroups && o->kills) {
		snprintf(err, errlen, "--cgroups and --kills are two reports: pick one");
		return OPTIONS_ERROR;
	}
	if (o->format == FORMAT_JSON && !o->batch) {
		snprintf(err, errlen, "--format=json needs -b");
		return OPTIONS_ERROR;
	}
	return OPTIONS_RUN;
}

void options_fini(struct options *o)
{
	free(o->pids);
	o->pids = NULL;
	o->npids = 0;
}
