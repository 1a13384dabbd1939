/*
 * statusread - the raw CPU cost of reading every /proc/PID/status.
 * usage: statusread PASSES
 * Does PASSES passes that only list /proc, then PASSES passes that list
 * /proc and open, read (16 KiB buffer, as the sampler does) and close each
 * PID/status. Prints "LIST_US STATUS_US NPROC": CPU time (user+sys, from
 * getrusage) per pass of each kind, and the processes seen in the last pass.
 * STATUS_US - LIST_US is what the status reads alone cost.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#define BUF 16384

static long long cpu_us(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 +
	       ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

/* One pass; reads each status when read_status. Returns the pids seen. */
static long pass(int proc_fd, int read_status, char *buf)
{
	struct dirent *de;
	long n = 0;
	DIR *d;

	d = opendir("/proc");
	if (!d) {
		perror("statusread: /proc");
		exit(1);
	}
	while ((de = readdir(d))) {
		char path[300];
		ssize_t r;
		size_t len = 0;
		int fd;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		n++;
		if (!read_status)
			continue;
		snprintf(path, sizeof(path), "%s/status", de->d_name);
		fd = openat(proc_fd, path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		while (len < BUF - 1 && (r = read(fd, buf + len, BUF - 1 - len)) > 0)
			len += (size_t)r;
		close(fd);
	}
	closedir(d);
	return n;
}

int main(int argc, char **argv)
{
	long passes, i, n = 0;
	long long t0, t1, t2;
	char *buf = malloc(BUF);
	int proc_fd;

	if (argc != 2 || (passes = strtol(argv[1], NULL, 10)) < 1 || !buf) {
		fprintf(stderr, "usage: statusread PASSES\n");
		return 2;
	}
	proc_fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (proc_fd < 0) {
		perror("statusread: /proc");
		return 1;
	}
	pass(proc_fd, 1, buf); /* warm up */
	t0 = cpu_us();
	for (i = 0; i < passes; i++)
		pass(proc_fd, 0, buf);
	t1 = cpu_us();
	for (i = 0; i < passes; i++)
		n = pass(proc_fd, 1, buf);
	t2 = cpu_us();
	printf("%lld %lld %ld\n", (t1 - t0) / passes, (t2 - t1) / passes, n);
	free(buf);
	return 0;
}
