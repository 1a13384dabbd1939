/* memcg.c - memory cgroup files, v1 and v2: pure parsers and thin readers */
#include "memcg.h"

#include "psi.h"
#include "unit.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FILE_MAX 8192
#define V1_UNLIMITED (1LL << 62) /* v1 shows PAGE_COUNTER_MAX pages in bytes: no limit */
#define SCAN_DEPTH 32

/* Copy a mountinfo field, decoding \ooo escapes (a space is \040). */
static void memcg_unescape(const char *s, size_t len, char *out, size_t cap)
{
	size_t i = 0, o = 0;

	while (i < len && o + 1 < cap) {
		if (s[i] == '\\' && i + 3 < len && s[i + 1] >= '0' && s[i + 1] <= '3' &&
		    s[i + 2] >= '0' && s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7') {
			out[o++] = (char)((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
			i += 4;
		} else {
			out[o++] = s[i++];
		}
	}
	out[o] = '\0';
}

/* Does the comma-separated list s[0..len) hold word? */
static bool memcg_has_word(const char *s, size_t len, const char *word)
{
	size_t wl = strlen(word), i = 0;

	while (i < len) {
		size_t j = i;

		while (j < len && s[j] != ',')
			j++;
		if (j - i == wl && memcmp(s + i, word, wl) == 0)
			return true;
		i = j + 1;
	}
	return false;
}

/* The n-th space-separated field of line[0..len) (from 0): start and length. */
static bool memcg_field(const char *line, size_t len, int n, const char **f, size_t *flen)
{
	size_t i = 0;
	int k = 0;

	while (i < len) {
		size_t j;

		while (i < len && line[i] == ' ')
			i++;
		j = i;
		while (j < len && line[j] != ' ')
			j++;
		if (j > i && k++ == n) {
			*f = line + i;
			*flen = j - i;
			return true;
		}
		i = j;
	}
	return false;
}

void memcg_mounts_parse(const char *buf, size_t len, struct memcg_mounts *m)
{
	const char *p = buf, *end = buf + len;

	memset(m, 0, sizeof(*m));
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = (size_t)((nl ? nl : end) - p);
		const char *sep = NULL, *mp, *fs, *opts;
		size_t i, mplen, fslen, optlen;

		for (i = 0; i + 2 < l; i++)
			if (p[i] == ' ' && p[i + 1] == '-' && p[i + 2] == ' ') {
				sep = p + i + 3;
				break;
			}
		if (sep && memcg_field(p, l, 4, &mp, &mplen) &&
		    memcg_field(sep, (size_t)(p + l - sep), 0, &fs, &fslen) &&
		    memcg_field(sep, (size_t)(p + l - sep), 2, &opts, &optlen)) {
			if (fslen == 7 && memcmp(fs, "cgroup2", 7) == 0 && !m->v2[0])
				memcg_unescape(mp, mplen, m->v2, sizeof(m->v2));
			else if (fslen == 6 && memcmp(fs, "cgroup", 6) == 0 && !m->v1[0] &&
				 memcg_has_word(opts, optlen, "memory"))
				memcg_unescape(mp, mplen, m->v1, sizeof(m->v1));
		}
		p += l + 1;
	}
}

/* Read a small file into buf (NUL-terminated). Length or -errno. */
static long memcg_file(const char *dir, const char *path, const char *name, char *buf, size_t cap)
{
	char full[MEMCG_PATH_MAX + 1100];
	size_t got = 0;
	ssize_t n = 0;
	int fd;

	snprintf(full, sizeof(full), "%s%s/%s", dir, strcmp(path, "/") == 0 ? "" : path, name);
	fd = open(full, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	while (got + 1 < cap && (n = read(fd, buf + got, cap - 1 - got)) > 0)
		got += (size_t)n;
	close(fd);
	if (n < 0)
		return -EIO;
	buf[got] = '\0';
	return (long)got;
}

void memcg_mounts_read(struct memcg_mounts *m)
{
	char *buf = x_malloc(1 << 16), ctl[512];
	int fd = open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC);
	size_t got = 0;
	ssize_t n;

	memset(m, 0, sizeof(*m));
	if (fd >= 0) {
		while (got + 1 < (1 << 16) && (n = read(fd, buf + got, (1 << 16) - 1 - got)) > 0)
			got += (size_t)n;
		close(fd);
		memcg_mounts_parse(buf, got, m);
	}
	free(buf);
	if (m->v2[0]) {
		long l = memcg_file(m->v2, "/", "cgroup.controllers", ctl, sizeof(ctl));

		if (l > 0) {
			char *t, *save = NULL;

			for (t = strtok_r(ctl, " \n", &save); t; t = strtok_r(NULL, " \n", &save))
				if (strcmp(t, "memory") == 0)
					m->v2_memory = true;
		}
	}
}

bool memcg_available(const struct memcg_mounts *m)
{
	return m->v2_memory || m->v1[0];
}

bool memcg_path_parse(const char *buf, size_t len, bool v2, char *out, size_t cap)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		const char *c1 = memchr(p, ':', (size_t)(eol - p));
		const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(eol - c1 - 1)) : NULL;

		if (c2) {
			size_t ctl = (size_t)(c2 - c1 - 1), plen = (size_t)(eol - c2 - 1);
			bool unified = c1 - p == 1 && p[0] == '0' && ctl == 0;
			bool want = v2 ? unified : (!unified && memcg_has_word(c1 + 1, ctl, "memory"));

			if (want && plen > 0 && c2[1] == '/' && plen < cap && !memchr(c2 + 1, '\0', plen)) {
				memcpy(out, c2 + 1, plen);
				out[plen] = '\0';
				return true;
			}
		}
		p = eol + 1;
	}
	return false;
}

bool memcg_parse_limit(const char *buf, size_t len, long long *kb)
{
	unsigned long long v = 0;
	size_t i = 0;

	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		len--;
	if (len == 3 && memcmp(buf, "max", 3) == 0) {
		*kb = -1;
		return true;
	}
	if (len == 0 || len > 20)
		return false;
	for (; i < len; i++) {
		if (buf[i] < '0' || buf[i] > '9' || v > (~0ULL - 9) / 10)
			return false;
		v = v * 10 + (unsigned)(buf[i] - '0');
	}
	*kb = v >= (unsigned long long)V1_UNLIMITED ? -1 : (long long)(v / 1024);
	return true;
}

bool memcg_parse_key(const char *buf, size_t len, const char *key, long long *value)
{
	size_t kl = strlen(key), i = 0;

	while (i < len) {
		const char *line = buf + i, *nl = memchr(line, '\n', len - i);
		size_t l = nl ? (size_t)(nl - line) : len - i;

		if (l > kl + 1 && memcmp(line, key, kl) == 0 && line[kl] == ' ') {
			long long v = 0;
			size_t j = kl + 1;

			if (j >= l || line[j] < '0' || line[j] > '9')
				return false;
			for (; j < l && line[j] >= '0' && line[j] <= '9'; j++) {
				if (v > (0x7fffffffffffffffLL - 9) / 10)
					return false;
				v = v * 10 + (line[j] - '0');
			}
			*value = v;
			return true;
		}
		i += l + 1;
	}
	return false;
}

static void memcg_read_v2(const char *dir, const char *path, struct memcg *out, char *buf)
{
	long n;
	struct psi_stat ps;

	if ((n = memcg_file(dir, path, "memory.max", buf, FILE_MAX)) > 0)
		memcg_parse_limit(buf, (size_t)n, &out->limit_kb);
	if ((n = memcg_file(dir, path, "memory.high", buf, FILE_MAX)) > 0)
		memcg_parse_limit(buf, (size_t)n, &out->high_kb);
	if ((n = memcg_file(dir, path, "memory.current", buf, FILE_MAX)) > 0 &&
	    !memcg_parse_limit(buf, (size_t)n, &out->usage_kb))
		out->usage_kb = -1;
	if ((n = memcg_file(dir, path, "memory.events", buf, FILE_MAX)) > 0) {
		if (!memcg_parse_key(buf, (size_t)n, "oom_kill", &out->oom_kills))
			out->oom_kills = -1;
		if (!memcg_parse_key(buf, (size_t)n, "oom", &out->ooms))
			out->ooms = -1;
	}
	if ((n = memcg_file(dir, path, "memory.oom.group", buf, FILE_MAX)) > 0)
		out->oom_group = buf[0] == '1';
	if ((n = memcg_file(dir, path, "memory.pressure", buf, FILE_MAX)) > 0 &&
	    psi_parse(buf, (size_t)n, &ps) == 0 && ps.some.present)
		out->psi_some10 = ps.some.avg10;
}

static void memcg_read_v1(const char *dir, const char *path, struct memcg *out, char *buf)
{
	long n;

	if ((n = memcg_file(dir, path, "memory.limit_in_bytes", buf, FILE_MAX)) > 0 &&
	    !memcg_parse_limit(buf, (size_t)n, &out->limit_kb))
		out->limit_kb = -1;
	if ((n = memcg_file(dir, path, "memory.usage_in_bytes", buf, FILE_MAX)) > 0 &&
	    !memcg_parse_limit(buf, (size_t)n, &out->usage_kb))
		out->usage_kb = -1;
	if ((n = memcg_file(dir, path, "memory.oom_control", buf, FILE_MAX)) > 0 &&
	    !memcg_parse_key(buf, (size_t)n, "oom_kill", &out->oom_kills))
		out->oom_kills = -1;
}

void memcg_read(const struct memcg_mounts *m, const char *path, struct memcg *out)
{
	char *buf = x_malloc(FILE_MAX);
	const char *dir = m->v2_memory ? m->v2 : m->v1;
	char probe[64];

	memset(out, 0, sizeof(*out));
	snprintf(out->path, sizeof(out->path), "%s", path);
	out->v2 = m->v2_memory;
	out->limit_kb = out->high_kb = out->usage_kb = out->oom_kills = out->ooms = -1;
	out->oom_group = -1;
	out->psi_some10 = -1;
	if (dir[0]) {
		out->exists = memcg_file(dir, path, "cgroup.procs", probe, sizeof(probe)) >= 0;
		if (out->exists) {
			if (m->v2_memory)
				memcg_read_v2(dir, path, out, buf);
			else
				memcg_read_v1(dir, path, out, buf);
		}
	}
	free(buf);
}

void memcg_set_init(struct memcg_set *s)
{
	memset(s, 0, sizeof(*s));
	memcg_mounts_read(&s->mounts);
}

void memcg_set_fini(struct memcg_set *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

void memcg_set_begin(struct memcg_set *s)
{
	s->gen++;
	s->scanned = false;
}

const struct memcg *memcg_set_get(struct memcg_set *s, const char *path)
{
	size_t i;

	if (strlen(path) >= MEMCG_PATH_MAX || path[0] != '/')
		return NULL;
	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i].path, path) == 0)
			break;
	if (i == s->n) {
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 64;
			s->v = x_realloc(s->v, s->cap * sizeof(*s->v));
		}
		s->n++;
		s->v[i].gen = s->gen - 1;
	}
	if (s->v[i].gen != s->gen) {
		memcg_read(&s->mounts, path, &s->v[i]);
		s->v[i].gen = s->gen;
	}
	return &s->v[i];
}

bool memcg_parent(const char *path, char *out, size_t cap)
{
	const char *slash = strrchr(path, '/');
	size_t n;

	if (!slash || strcmp(path, "/") == 0)
		return false;
	n = slash == path ? 1 : (size_t)(slash - path);
	if (n >= cap)
		return false;
	memcpy(out, path, n);
	out[n] = '\0';
	return true;
}

const struct memcg *memcg_set_limiter(struct memcg_set *s, const char *path)
{
	char cur[MEMCG_PATH_MAX], up[MEMCG_PATH_MAX];

	if (strlen(path) >= sizeof(cur))
		return NULL;
	snprintf(cur, sizeof(cur), "%s", path);
	for (;;) {
		const struct memcg *c = memcg_set_get(s, cur);

		if (c && c->limit_kb >= 0)
			return c;
		if (!memcg_parent(cur, up, sizeof(up)))
			return NULL;
		memcpy(cur, up, sizeof(cur));
	}
}

bool memcg_within(const char *path, const char *top)
{
	size_t n = strlen(top);

	while (n > 1 && top[n - 1] == '/')
		n--; /* "/a/" is "/a" */
	if (n == 1 && top[0] == '/')
		return path[0] == '/';
	return strncmp(path, top, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* Depth-first walk of dir (the hierarchy path rel); adds each cgroup. */
static void memcg_walk(struct memcg_set *s, const char *root, const char *rel, int depth, size_t *left,
		       size_t *count)
{
	char full[1200];
	DIR *d;
	struct dirent *e;

	if (*left == 0 || depth > SCAN_DEPTH)
		return;
	(*left)--;
	memcg_set_get(s, rel);
	(*count)++;
	snprintf(full, sizeof(full), "%s%s", root, strcmp(rel, "/") == 0 ? "" : rel);
	d = opendir(full);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		char child[MEMCG_PATH_MAX];
		int n;

		if (e->d_type != DT_DIR || e->d_name[0] == '.')
			continue;
		n = snprintf(child, sizeof(child), "%s/%s", strcmp(rel, "/") == 0 ? "" : rel, e->d_name);
		if (n < 0 || (size_t)n >= sizeof(child))
			continue;
		memcg_walk(s, root, child, depth + 1, left, count);
	}
	closedir(d);
}

size_t memcg_set_scan(struct memcg_set *s, size_t max_dirs)
{
	const char *root = s->mounts.v2_memory ? s->mounts.v2 : s->mounts.v1;
	size_t left = max_dirs, count = 0;

	if (!root[0])
		return 0;
	memcg_walk(s, root, "/", 0, &left, &count);
	s->scanned = true;
	return count;
}

void memcg_label(const char *path, char *out, size_t cap)
{
	const char *last = strrchr(path, '/');
	bool user;

	if (unit_parse_path(path, out, cap, &user))
		return;
	last = last ? last + 1 : path;
	if (strncmp(last, "docker-", 7) == 0 && strlen(last) > 7 + 12) {
		snprintf(out, cap, "docker %.12s", last + 7);
		return;
	}
	if (strstr(path, "kubepods") && strncmp(last, "pod", 3) == 0) {
		snprintf(out, cap, "pod %.36s", last + 3);
		return;
	}
	/* the systemd cgroup driver: kubepods-burstable-pod<uid>.slice */
	if (strstr(path, "kubepods") && strstr(last, "-pod") && strlen(last) > 6 &&
	    strcmp(last + strlen(last) - 6, ".slice") == 0) {
		const char *uid = strstr(last, "-pod") + 4;

		snprintf(out, cap, "pod %.*s", (int)(strlen(uid) - 6), uid);
		return;
	}
	snprintf(out, cap, "%s", path);
}
