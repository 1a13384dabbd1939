/* users.c - user names and uids, through the C library's passwd lookup */
#include "users.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

bool users_lookup(const char *user, uid_t *uid)
{
	struct passwd *pw = getpwnam(user);
	char *end;
	unsigned long v;

	if (pw) {
		*uid = pw->pw_uid;
		return true;
	}
	if (!*user || strspn(user, "0123456789") != strlen(user))
		return false; /* digits only: no sign, no spaces, no wrap-around */
	errno = 0;
	v = strtoul(user, &end, 10);
	if (errno || *end || v > 0xfffffffeUL)
		return false;
	*uid = (uid_t)v;
	return true;
}
