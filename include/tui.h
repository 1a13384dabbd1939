/* tui.h - the one door to curses; only view files include it */
#ifndef OOMTOP_TUI_H
#define OOMTOP_TUI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <ncursesw/curses.h>

/*
 * Whether terminfo knows the terminal TERM names (ui_term.c). Asked before
 * newterm(): a newterm() that fails leaks its screen (ncurses 6.4).
 */
bool tui_term_known(void);

#endif
