/* app.h - the one state object main owns and passes down */
#ifndef OOMTOP_APP_H
#define OOMTOP_APP_H

#include "column.h"
#include "options.h"
#include "proc.h"
#include "sampler.h"
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
};

/* Sample, rank and rebuild the table. 0 or -errno. */
int app_refresh(struct app *a);

#endif
