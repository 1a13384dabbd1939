/* users.c - user names and uids, through the C library's passwd lookup */
#include "users.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>

bool users_lookup(const char *user, uid_t *uid)
{
	struct passwd *pw = getpwnam(user);
	char *end;
	unsigned long v;

	if (pw) {
		*uid = pw->pw_uid;
		return true;
	}
	errno = 0;
	v = strtoul(user, &end, 10);
	if (errno || end == user || *end || *user == '-' || v > 0xfffffffeUL)
		return false;
	*uid = (uid_t)v;
	return true;
}
