/* batch.h - plain text and JSON Lines output, no terminal needed */
#ifndef OOMTOP_BATCH_H
#define OOMTOP_BATCH_H

#include "app.h"

#include <stdio.h>

/* Print the current table once as text. */
void batch_print_text(const struct app *a, FILE *f);
/* Print the current table once as one JSON object and a newline. */
void batch_print_json(const struct app *a, FILE *f);
/* Print the kill history (--kills) as text or JSON Lines. Returns an exit status. */
int batch_kills(struct app *a);
/* Run -b: refresh and print opt.iterations times. Returns an exit status. */
int batch_run(struct app *a, volatile const int *stop);

/* --cgroups: the memory cgroups with a limit or an OOM (text, or JSON Lines). */
void batch_print_cgroups(const struct app *a, FILE *f);

#endif
