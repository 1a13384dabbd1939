/* xalloc.h - allocation that never returns NULL, and the fatal error path */
#ifndef OOMTOP_XALLOC_H
#define OOMTOP_XALLOC_H

#include <stddef.h>

/* Exit status for a failure at run time (documented in oomtop.1). */
#define EXIT_RUNTIME 2
/* Exit status for a usage error. */
#define EXIT_USAGE 1

void *x_malloc(size_t size);
void *x_calloc(size_t n, size_t size);
void *x_realloc(void *p, size_t size);
char *x_strdup(const char *s);

/* Register the function that restores the terminal before a fatal message. */
void fatal_set_hook(void (*hook)(void));
/* Restore the terminal, print "oomtop: MESSAGE" on stderr, exit 2. */
void fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif
