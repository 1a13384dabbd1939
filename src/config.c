/* config.c - the settings file: a few key=value lines, read strictly */
#include "config.h"

#include "column.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define CONFIG_MAX 16384
#define DELAY_MIN 0.1
#define DELAY_MAX 86400.0

void config_defaults(struct settings *s)
{
	memset(s, 0, sizeof(*s));
	s->sort = COL_RANK;
	s->hidden = COLUMN_HIDDEN_DEFAULT;
	s->delay = 2.0;
	s->pane = true;
	s->color = true;
	s->units = UNIT_AUTO;
	s->cmdline = true;
}

static bool config_bool(const char *v, bool *out)
{
	if (strcmp(v, "1") == 0 || strcasecmp(v, "yes") == 0 || strcasecmp(v, "on") == 0 ||
	    strcasecmp(v, "true") == 0)
		*out = true;
	else if (strcmp(v, "0") == 0 || strcasecmp(v, "no") == 0 || strcasecmp(v, "off") == 0 ||
		 strcasecmp(v, "false") == 0)
		*out = false;
	else
		return false;
	return true;
}

static char *config_trim(char *s);

/* columns=RANK,PID,...: the columns shown; the others are hidden. */
static bool config_columns(const char *v, unsigned *hidden)
{
	char copy[256], *save = NULL, *tok;
	unsigned shown = 0;
	int c;

	if (strlen(v) >= sizeof(copy))
		return false;
	snprintf(copy, sizeof(copy), "%s", v);
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		c = column_by_name(config_trim(tok));
		if (c < 0)
			return false;
		shown |= 1u << c;
	}
	*hidden = 0;
	for (c = 0; c < COL_COUNT; c++)
		if (column_hideable((enum column)c) && !(shown & (1u << c)))
			*hidden |= 1u << c;
	return true;
}

static bool config_units(const char *v, int *out)
{
	int u;

	for (u = 0; u < UNIT_COUNT; u++)
		if (strcasecmp(v, unit_name((enum unit)u)) == 0) {
			*out = u;
			return true;
		}
	return false;
}

/* One key=value; false when the key is unknown or the value bad. */
static bool config_set(struct settings *s, const char *key, const char *v, const char **why)
{
	char *end;
	int c;

	*why = "a bad value";
	if (strcmp(key, "sort") == 0) {
		c = column_by_name(v);
		if (c < 0)
			return false;
		s->sort = c;
		return true;
	}
	if (strcmp(key, "reverse") == 0)
		return config_bool(v, &s->reverse);
	if (strcmp(key, "columns") == 0)
		return config_columns(v, &s->hidden);
	if (strcmp(key, "delay") == 0) {
		double d;

		errno = 0;
		d = strtod(v, &end);
		if (errno || end == v || *end || !isfinite(d) || d < DELAY_MIN || d > DELAY_MAX)
			return false;
		s->delay = d;
		return true;
	}
	if (strcmp(key, "pane") == 0)
		return config_bool(v, &s->pane);
	if (strcmp(key, "color") == 0)
		return config_bool(v, &s->color);
	if (strcmp(key, "units") == 0)
		return config_units(v, &s->units);
	if (strcmp(key, "kthreads") == 0)
		return config_bool(v, &s->kthreads);
	if (strcmp(key, "cmdline") == 0)
		return config_bool(v, &s->cmdline);
	*why = "an unknown setting";
	return false;
}

/* Trim spaces and tabs at both ends of s[0..len) in place; returns the start. */
static char *config_trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

int config_parse(const char *buf, size_t len, struct settings *s, char *err, size_t errlen)
{
	struct settings t = *s;
	size_t pos = 0;
	int lineno = 0;

	err[0] = '\0';
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t n = (nl ? (size_t)(nl - buf) : len) - pos;
		char line[512], *l, *eq;
		const char *why;

		lineno++;
		if (n >= sizeof(line) || memchr(buf + pos, '\0', n)) {
			snprintf(err, errlen, "line %d: too long or not text", lineno);
			return -1;
		}
		memcpy(line, buf + pos, n);
		line[n] = '\0';
		pos += n + 1;
		l = config_trim(line);
		if (!*l || *l == '#')
			continue;
		eq = strchr(l, '=');
		if (!eq) {
			snprintf(err, errlen, "line %d: not key=value", lineno);
			return -1;
		}
		*eq = '\0';
		if (!config_set(&t, config_trim(l), config_trim(eq + 1), &why)) {
			char key[32];

			snprintf(key, sizeof(key), "%.20s", config_trim(l));
			for (char *k = key; *k; k++)
				if ((unsigned char)*k < 0x20 || (unsigned char)*k >= 0x7f)
					*k = '?';
			snprintf(err, errlen, "line %d: %s for '%s'", lineno, why, key);
			return -1;
		}
	}
	*s = t;
	return 0;
}

size_t config_format(const struct settings *s, char *buf, size_t cap)
{
	char cols[256] = "", delay[40];
	int c, n;

	for (c = 0; c < COL_COUNT; c++) {
		if (column_hideable((enum column)c) && (s->hidden & (1u << c)))
			continue;
		snprintf(cols + strlen(cols), sizeof(cols) - strlen(cols), "%s%s", cols[0] ? "," : "",
			 column_info((enum column)c)->name);
	}
	/* the shortest text that reads back as the same delay */
	snprintf(delay, sizeof(delay), "%.15g", s->delay);
	if (strtod(delay, NULL) != s->delay)
		snprintf(delay, sizeof(delay), "%.17g", s->delay);
	n = snprintf(buf, cap,
		     "# oomtop settings, written by W; see oomtop(1)\n"
		     "sort=%s\nreverse=%d\ncolumns=%s\ndelay=%s\npane=%d\ncolor=%d\nunits=%s\n"
		     "kthreads=%d\ncmdline=%d\n",
		     column_info((enum column)s->sort)->name, s->reverse, cols, delay, s->pane, s->color,
		     unit_name((enum unit)s->units), s->kthreads, s->cmdline);
	if (n < 0)
		return 0;
	return (size_t)n < cap ? (size_t)n : cap - 1;
}

bool config_path(char *buf, size_t cap)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int n;

	if (xdg && xdg[0] == '/')
		n = snprintf(buf, cap, "%s/oomtop/oomtoprc", xdg);
	else if (home && home[0] == '/')
		n = snprintf(buf, cap, "%s/.config/oomtop/oomtoprc", home);
	else
		return false;
	return n > 0 && (size_t)n < cap;
}

int config_load(const char *path, struct settings *s, char *err, size_t errlen)
{
	char *buf;
	ssize_t n;
	size_t len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK), rc;
	struct stat st;

	err[0] = '\0';
	if (fd < 0) {
		if (errno == ENOENT)
			return 1;
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s is not a regular file", path);
		close(fd);
		return -1;
	}
	buf = malloc(CONFIG_MAX);
	if (!buf) {
		close(fd);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	while (len < CONFIG_MAX && (n = read(fd, buf + len, CONFIG_MAX - len)) > 0)
		len += (size_t)n;
	if (n < 0) {
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		rc = -1;
	} else if (len == CONFIG_MAX) {
		snprintf(err, errlen, "%s: too big for a settings file", path);
		rc = -1;
	} else {
		char why[128];

		rc = config_parse(buf, len, s, why, sizeof(why));
		if (rc < 0)
			snprintf(err, errlen, "%s: %s", path, why);
	}
	free(buf);
	close(fd);
	return rc;
}

/* mkdir -p of the directory of path, each new one 0700. */
static int config_mkdirs(const char *path)
{
	char dir[4096], *p;

	if (strlen(path) >= sizeof(dir))
		return -ENAMETOOLONG;
	snprintf(dir, sizeof(dir), "%s", path);
	p = strrchr(dir, '/');
	if (!p || p == dir)
		return 0;
	*p = '\0';
	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

int config_save(const char *path, const struct settings *s, char *err, size_t errlen)
{
	char text[2048], tmp[4200];
	size_t len = config_format(s, text, sizeof(text));
	int fd, rc;

	rc = config_mkdirs(path);
	if (rc < 0) {
		snprintf(err, errlen, "cannot make the directory of %s: %s", path, strerror(-rc));
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	if (write(fd, text, len) != (ssize_t)len || fsync(fd) < 0) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	if (rename(tmp, path) < 0) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}
