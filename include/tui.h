/* tui.h - the one door to curses; only view files include it */
#ifndef OOMTOP_TUI_H
#define OOMTOP_TUI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <ncursesw/curses.h>

#endif
