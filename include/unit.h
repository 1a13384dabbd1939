/* unit.h - the systemd service a process runs in, from /proc/PID/cgroup */
#ifndef OOMTOP_UNIT_H
#define OOMTOP_UNIT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The .service unit named by a /proc/PID/cgroup text of len bytes: the last
 * path component ending in ".service" on the unified line ("0::/...") or
 * the name=systemd line. *user tells a unit of a user manager (below
 * user@UID.service), edited with systemctl --user. false when the process
 * is in no service (a scope, a slice, no systemd).
 */
bool unit_parse(const char *buf, size_t len, char *unit, size_t cap, bool *user);

/* unit_parse for one cgroup path ("/system.slice/nginx.service"). */
bool unit_parse_path(const char *path, char *unit, size_t cap, bool *user);

/*
 * What the CGROUP column shows for a /proc/PID/cgroup text: the service
 * (unit_parse), else the first path that says more than "/": the unified
 * line's, the name=systemd line's, any controller's; else "/"; "?" when
 * there is no path at all. Raw bytes: escape them before showing.
 */
void unit_label(const char *buf, size_t len, char *out, size_t cap);

#endif
