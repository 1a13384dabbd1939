/* ui.h - the interactive mode: terminal set-up, the loop, keys */
#ifndef OOMTOP_UI_H
#define OOMTOP_UI_H

#include "app.h"

/* What a key handler asks the loop to redo. */
enum dirty { DIRTY_NONE = 0, DIRTY_DRAW = 1, DIRTY_SAMPLE = 2, DIRTY_REBUILD = 4, DIRTY_QUIT = 8 };

/* A key while a prompt is open (ui_prompt.c). Returns dirty flags. */
int ui_prompt_key(struct app *a, int ch);
/* Open the prompt of act (=, P, k) on the selected process. */
int ui_prompt_start(struct app *a, int act);
/* Open the prompt of / (filter) or u (user). */
int ui_prompt_start_view(struct app *a, int act);

/* ui_view.c: sort, filter, columns, W and help keys; the help and sort list; the mouse. */
int ui_view_action(struct app *a, int act);
/* Keys while the cgroup view is shown (page: rows per page). */
int ui_cgview_action(struct app *a, int act, long page);
int ui_help_key(struct app *a, int ch);
int ui_picker_key(struct app *a, int ch);
int ui_mouse(struct app *a);

/*
 * Run the interactive loop until q or a stop signal. stop is set and a byte
 * is written to wake_fd by the signal handlers. Returns an exit status.
 * The terminal is restored on every way out.
 */
int ui_run(struct app *a, volatile const int *stop, int wake_fd);

#endif
