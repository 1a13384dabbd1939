/* users.h - user names and uids */
#ifndef OOMTOP_USERS_H
#define OOMTOP_USERS_H

#include <stdbool.h>
#include <sys/types.h>

/* The uid of a user name, or of a number; false when unknown. */
bool users_lookup(const char *user, uid_t *uid);

#endif
