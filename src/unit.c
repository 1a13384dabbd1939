/* unit.c - systemd service names in cgroup paths */
#include "unit.h"

#include <string.h>

#define SUFFIX ".service"

/* Is the component free of control bytes (a unit name has none)? */
static bool unit_clean(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

/* The last ".service" component of path[0..len), and whether a user@ unit comes before it. */
static bool unit_in_path(const char *path, size_t len, char *unit, size_t cap, bool *user)
{
	size_t i = 0, slen = strlen(SUFFIX);
	bool found = false, below_user = false;

	while (i < len) {
		size_t j = i, n;

		while (j < len && path[j] != '/')
			j++;
		n = j - i;
		if (n > slen && memcmp(path + j - slen, SUFFIX, slen) == 0 && n < cap &&
		    unit_clean(path + i, n)) {
			*user = below_user;
			if (n > 5 && memcmp(path + i, "user@", 5) == 0)
				below_user = true;
			memcpy(unit, path + i, n);
			unit[n] = '\0';
			found = true;
		}
		i = j + 1;
	}
	return found;
}

bool unit_parse(const char *buf, size_t len, char *unit, size_t cap, bool *user)
{
	const char *p = buf, *end = buf + len;
	bool found = false;

	*user = false;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		const char *c1 = memchr(p, ':', (size_t)(eol - p));
		const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(eol - c1 - 1)) : NULL;

		if (c2) {
			size_t ctl = (size_t)(c2 - c1 - 1);
			bool unified = c1 - p == 1 && p[0] == '0' && ctl == 0;
			bool named = ctl == 12 && memcmp(c1 + 1, "name=systemd", 12) == 0;

			/* the unified line wins; name=systemd serves on v1-only systems */
			if ((unified || (named && !found)) &&
			    unit_in_path(c2 + 1, (size_t)(eol - c2 - 1), unit, cap, user)) {
				found = true;
				if (unified)
					return true;
			}
		}
		p = eol + 1;
	}
	return found;
}
