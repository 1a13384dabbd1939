/* view.h - drawing the screen from the model; reads the app, never changes it */
#ifndef OOMTOP_VIEW_H
#define OOMTOP_VIEW_H

#include "app.h"

#define VIEW_MIN_COLS 40
#define VIEW_MIN_LINES 10

/* How many table rows fit on the screen now. */
size_t view_table_rows(void);
/* Draw everything into the curses screen (no refresh). */
void view_draw(const struct app *a);

#endif
