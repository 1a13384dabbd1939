/* view.h - drawing the screen from the model; reads the app, never changes it */
#ifndef OOMTOP_VIEW_H
#define OOMTOP_VIEW_H

#include "app.h"

#define VIEW_MIN_COLS 40
#define VIEW_MIN_LINES 10

/* How many table rows fit on the screen now. */
size_t view_table_rows(const struct app *a);
/* Put escaped text at (y, x), at most width cells, never splitting a character. */
int view_put(int y, int x, const char *s, int width);
/* Lines the header's gauges take at this width. */
int view_header_lines(const struct app *a, int cols);
/* Draw the gauges from line y on. */
void view_header_draw(const struct app *a, int y);
/* Lines the kill pane takes (0 when hidden). */
int view_pane_lines(const struct app *a);
/* Draw the kill pane from line y on. */
void view_pane_draw(const struct app *a, int y);
/* The selected kill in full, over the screen. */
void view_kill_detail(const struct app *a);
/* The selected process in full (Enter in the table), over the screen. */
void view_proc_detail(const struct app *a);
/* The session's changes (a), over the screen. */
void view_changes(const struct app *a);
/* Clear a box of h lines and w columns at (y, x) and put its title in bold. */
void view_box(int y, int x, int h, int w, const char *title);
/* The column under screen column x of the header line, or -1. */
int view_column_at(const struct app *a, int x);
/* The screen line of the column names; table rows follow it. */
int view_header_y(const struct app *a);
/* The help screen: how many lines it has, and how many fit. */
size_t view_help_lines(void);
size_t view_help_rows(void);
/* Draw the help screen (h) and the sort column list (s). */
void view_help(const struct app *a);
void view_picker(const struct app *a);
/* The cgroup view (g): its column header on line y - 1, rows from y on. */
void view_cg_draw(const struct app *a, int y, size_t rows);
/* The cgroup view's columns at a width, left to right; how many. */
int view_cg_columns(int width, enum cgcol *out);
/* The cgroup view's column under screen column x of its header, or -1. */
int view_cg_column_at(int x);
/* Set up colours when the terminal has them and they are wanted. */
void view_colors_init(struct app *a);
/* Draw everything into the curses screen (no refresh). */
void view_draw(const struct app *a);

#endif
