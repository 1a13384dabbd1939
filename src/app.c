/* app.c - one refresh: sample, rank, rebuild the table */
#include "app.h"

#include "rank.h"

int app_refresh(struct app *a)
{
	int rc = sampler_read(a->sampler, &a->procs);

	if (rc < 0)
		return rc;
	rank_compute(&a->procs);
	table_rebuild(&a->table, &a->procs);
	return 0;
}
