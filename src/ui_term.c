/* ui_term.c - terminfo's view of TERM, kept apart: term.h defines names such as bell */
#include "tui.h"

#include <ncursesw/term.h>
#include <unistd.h>

bool tui_term_known(void)
{
	int err = 0;

	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return false;
	del_curterm(cur_term);
	cur_term = NULL;
	return true;
}
