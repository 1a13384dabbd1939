/* memcg.h - memory cgroups (v1 memory controller and v2 unified): limits, usage, OOMs */
#ifndef OOMTOP_MEMCG_H
#define OOMTOP_MEMCG_H

#include <stdbool.h>
#include <stddef.h>

#define MEMCG_PATH_MAX 256

/* Where the memory controller is mounted. */
struct memcg_mounts {
	char v1[512];        /* the v1 hierarchy with the memory controller, "" none */
	char v2[512];        /* the cgroup2 mount, "" none */
	bool v2_memory;      /* the v2 hierarchy has the memory controller */
};

/* One memory cgroup. Sizes in KiB; -1 = no limit (or not this version). */
struct memcg {
	char path[MEMCG_PATH_MAX];  /* within the hierarchy: "/", "/system.slice/x.service" */
	bool v2;
	long long limit_kb;         /* memory.max / memory.limit_in_bytes; -1 = none */
	long long high_kb;          /* memory.high (v2); -1 = none */
	long long usage_kb;         /* memory.current / memory.usage_in_bytes; -1 unknown */
	long long oom_kills;        /* memory.events oom_kill / memory.oom_control oom_kill; -1 unknown */
	long long ooms;             /* memory.events oom (v2): times the limit was hit; -1 unknown */
	int oom_group;              /* memory.oom.group (v2): 0, 1; -1 = not there */
	double psi_some10;          /* memory.pressure some avg10 (v2); -1 = not there */
	bool exists;                /* the directory could be read */
	unsigned gen;               /* the refresh that read it */
};

/* The mounts, from a /proc/self/mountinfo text. */
void memcg_mounts_parse(const char *buf, size_t len, struct memcg_mounts *m);
/* Read /proc/self/mountinfo and the v2 root's cgroup.controllers (root: "" or a test directory). */
void memcg_mounts_read(struct memcg_mounts *m);
/* Whether a memory controller is mounted anywhere. */
bool memcg_available(const struct memcg_mounts *m);

/*
 * The memory cgroup path of a /proc/PID/cgroup text: the "0::" line's on
 * v2 (v2 true), else the line whose controllers hold "memory". false when
 * there is none (or it does not fit cap).
 */
bool memcg_path_parse(const char *buf, size_t len, bool v2, char *out, size_t cap);

/* A limit file: "max" -> -1, bytes -> KiB; v1's "unlimited" (>= 2^62) -> -1. false when malformed. */
bool memcg_parse_limit(const char *buf, size_t len, long long *kb);
/* The value of "key N" in a flat keyed file (memory.events, memory.oom_control). false when absent. */
bool memcg_parse_key(const char *buf, size_t len, const char *key, long long *value);

/* Read one cgroup's files (path within the hierarchy of m). */
void memcg_read(const struct memcg_mounts *m, const char *path, struct memcg *out);

/* The cgroups seen so far, re-read once per refresh when asked for. */
struct memcg_set {
	struct memcg_mounts mounts;
	struct memcg *v;
	size_t n, cap;
	unsigned gen;
	bool scanned;               /* memcg_set_scan ran in this refresh */
};

void memcg_set_init(struct memcg_set *s);
void memcg_set_fini(struct memcg_set *s);
/* A new refresh: every cgroup is read again when next asked for. */
void memcg_set_begin(struct memcg_set *s);
/* The cgroup at path, read in this refresh (NULL: path too long). */
const struct memcg *memcg_set_get(struct memcg_set *s, const char *path);
/*
 * The nearest cgroup from path up to the root that has a limit, or NULL.
 * Its limit is the one that bites for a process in path.
 */
const struct memcg *memcg_set_limiter(struct memcg_set *s, const char *path);
/*
 * Walk the whole hierarchy (at most max_dirs directories) so that every
 * cgroup is in the set. Returns how many were read.
 */
size_t memcg_set_scan(struct memcg_set *s, size_t max_dirs);
/* Is path the cgroup top or inside its subtree? */
bool memcg_within(const char *path, const char *top);
/* The parent of path ("/a/b" -> "/a", "/a" -> "/"); false for "/". */
bool memcg_parent(const char *path, char *out, size_t cap);
/*
 * A readable name for a cgroup path: a systemd unit ("nginx.service"), a
 * container ("docker 3f2a9c1b7e44"), a Kubernetes pod ("pod 1a2b..."), or
 * the path itself.
 */
void memcg_label(const char *path, char *out, size_t cap);

#endif
