/*
 * runstat - run a command and report the CPU time and peak RSS it used.
 * usage: runstat OUTFILE COMMAND [ARG...]
 * Runs COMMAND (stdin, stdout, stderr inherited), waits for it, and writes
 * one line to OUTFILE: "USER_US SYS_US MAXRSS_KB STATUS", from wait4()'s
 * rusage (so no /usr/bin/time is needed). STATUS is the exit status, or
 * 128+signal. Exits with COMMAND's status; 127 when it cannot be started.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct rusage ru;
	pid_t pid;
	FILE *f;
	int st, code;

	if (argc < 3) {
		fprintf(stderr, "usage: runstat OUTFILE COMMAND [ARG...]\n");
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		perror("runstat: fork");
		return 127;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "runstat: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &st, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("runstat: wait4");
			return 127;
		}
	}
	code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	f = fopen(argv[1], "w");
	if (!f) {
		perror("runstat: output file");
		return 127;
	}
	fprintf(f, "%lld %lld %ld %d\n",
		(long long)ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec,
		(long long)ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec,
		ru.ru_maxrss, code);
	fclose(f);
	return code;
}
