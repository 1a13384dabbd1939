/* unit.c - systemd service names in cgroup paths */
#include "unit.h"

#include <stdio.h>
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

/*
 * The last ".service" component of path[0..len), and whether a user@ unit
 * comes before it. false when it does not fit cap or holds a control byte:
 * naming an outer unit instead would give the wrong advice.
 */
static bool unit_in_path(const char *path, size_t len, char *unit, size_t cap, bool *user)
{
	size_t i = 0, slen = strlen(SUFFIX), at = 0, n_at = 0;
	bool found = false, below_user = false, user_at = false;

	while (i < len) {
		size_t j = i, n;

		while (j < len && path[j] != '/')
			j++;
		n = j - i;
		if (n > slen && memcmp(path + j - slen, SUFFIX, slen) == 0) {
			found = true;
			at = i;
			n_at = n;
			user_at = below_user;
			if (n > 5 && memcmp(path + i, "user@", 5) == 0)
				below_user = true;
		}
		i = j + 1;
	}
	if (!found || n_at >= cap || !unit_clean(path + at, n_at))
		return false;
	memcpy(unit, path + at, n_at);
	unit[n_at] = '\0';
	*user = user_at;
	return true;
}

bool unit_parse_path(const char *path, char *unit, size_t cap, bool *user)
{
	*user = false;
	return unit_in_path(path, strlen(path), unit, cap, user);
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

/* The path of the first line whose hierarchy field matches (unified: "0" and no controllers). */
static bool unit_line_path(const char *buf, size_t len, bool unified, bool named, const char **path,
			   size_t *plen)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		const char *c1 = memchr(p, ':', (size_t)(eol - p));
		const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(eol - c1 - 1)) : NULL;

		if (c2) {
			size_t ctl = (size_t)(c2 - c1 - 1);
			bool is_unified = c1 - p == 1 && p[0] == '0' && ctl == 0;
			bool is_named = ctl == 12 && memcmp(c1 + 1, "name=systemd", 12) == 0;

			if ((unified && is_unified) || (named && is_named) || (!unified && !named)) {
				*path = c2 + 1;
				*plen = (size_t)(eol - c2 - 1);
				return true;
			}
		}
		p = eol + 1;
	}
	return false;
}

/* The path of a line, when it says more than "/". */
static bool unit_specific(const char *buf, size_t len, bool unified, bool named, const char **path,
			  size_t *plen)
{
	return unit_line_path(buf, len, unified, named, path, plen) && !(*plen == 1 && **path == '/');
}

/* The first line whose path says more than "/". */
static bool unit_any_specific(const char *buf, size_t len, const char **path, size_t *plen)
{
	size_t pos = 0;

	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t l = (nl ? (size_t)(nl - buf) : len) - pos;

		if (unit_specific(buf + pos, l, false, false, path, plen))
			return true;
		pos += l + 1;
	}
	return false;
}

void unit_label(const char *buf, size_t len, char *out, size_t cap)
{
	const char *path;
	size_t plen;
	bool user;

	if (cap == 0)
		return;
	if (unit_parse(buf, len, out, cap, &user))
		return;
	/* v1 and hybrid systems leave the unified path at "/": a controller's path says more */
	if (unit_specific(buf, len, true, false, &path, &plen) ||
	    unit_specific(buf, len, false, true, &path, &plen) || unit_any_specific(buf, len, &path, &plen) ||
	    unit_line_path(buf, len, true, false, &path, &plen) ||
	    unit_line_path(buf, len, false, false, &path, &plen)) {
		if (plen >= cap)
			plen = cap - 1;
		memcpy(out, path, plen);
		out[plen] = '\0';
		return;
	}
	snprintf(out, cap, "?");
}
