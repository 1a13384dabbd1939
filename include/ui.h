/* ui.h - the interactive mode: terminal set-up, the loop, keys */
#ifndef OOMTOP_UI_H
#define OOMTOP_UI_H

#include "app.h"

/*
 * Run the interactive loop until q or a stop signal. stop is set and a byte
 * is written to wake_fd by the signal handlers. Returns an exit status.
 * The terminal is restored on every way out.
 */
int ui_run(struct app *a, volatile const int *stop, int wake_fd);

#endif
