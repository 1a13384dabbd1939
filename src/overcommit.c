/* overcommit.c - pure parser of the overcommit sysctls, and a thin reader */
#include "overcommit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One unsigned decimal and an optional newline, nothing else. */
static int overcommit_number(const char *buf, size_t len, unsigned long *out)
{
	char tmp[32], *end;

	if (len && buf[len - 1] == '\n')
		len--;
	if (len == 0 || len >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, buf, len);
	tmp[len] = '\0';
	if (tmp[0] < '0' || tmp[0] > '9')
		return -EINVAL;
	errno = 0;
	*out = strtoul(tmp, &end, 10);
	return (*end || errno) ? -EINVAL : 0;
}

int overcommit_parse(const char *mode, size_t mode_len, const char *ratio, size_t ratio_len,
		     const char *kbytes, size_t kbytes_len, struct overcommit *out)
{
	unsigned long m, r, k;

	memset(out, 0, sizeof(*out));
	if (overcommit_number(mode, mode_len, &m) < 0 || m > 2 ||
	    overcommit_number(ratio, ratio_len, &r) < 0 || r > 2147483647UL ||
	    overcommit_number(kbytes, kbytes_len, &k) < 0) {
		out->err = -EINVAL;
		return -EINVAL;
	}
	out->mode = (int)m;
	out->ratio = (long)r;
	out->kbytes = k;
	return 0;
}

static ssize_t overcommit_file(const char *dir, const char *name, char *buf, size_t cap)
{
	char path[4096];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, cap);
	if (n < 0)
		n = -errno;
	close(fd);
	return n;
}

void overcommit_read(const char *dir, struct overcommit *out)
{
	char m[32], r[32], k[32];
	ssize_t nm, nr, nk;

	nm = overcommit_file(dir, "overcommit_memory", m, sizeof(m));
	nr = overcommit_file(dir, "overcommit_ratio", r, sizeof(r));
	nk = overcommit_file(dir, "overcommit_kbytes", k, sizeof(k));
	if (nm < 0 || nr < 0 || nk < 0) {
		memset(out, 0, sizeof(*out));
		out->err = (int)(nm < 0 ? nm : nr < 0 ? nr : nk);
		return;
	}
	overcommit_parse(m, (size_t)nm, r, (size_t)nr, k, (size_t)nk, out);
}

const char *overcommit_mode_name(int mode)
{
	switch (mode) {
	case 0:
		return "heuristic";
	case 1:
		return "always";
	case 2:
		return "strict";
	default:
		return "unknown";
	}
}

int overcommit_enforced(const struct overcommit *oc)
{
	return oc->err == 0 && oc->mode == 2;
}
