/*
 * idle - start N idle processes for the benchmark, and remove them.
 * usage: idle N READYFILE
 * Forks N children that only pause(); each dies with this process
 * (PR_SET_PDEATHSIG). When all are started (or fork fails) it writes the
 * number started to READYFILE, then waits. On SIGTERM, SIGINT or SIGHUP it
 * kills every child, reaps them all (so no zombie is left for an init that
 * may not reap), and exits 0. It gets SIGTERM itself when the shell that
 * started it dies, even by SIGKILL (PR_SET_PDEATHSIG), so nothing is left.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	sigset_t stop, old;
	pid_t parent = getpid(), *kids;
	long want, n = 0, i;
	FILE *f;
	int sig;

	if (argc != 3 || (want = strtol(argv[1], NULL, 10)) < 0) {
		fprintf(stderr, "usage: idle N READYFILE\n");
		return 2;
	}
	kids = calloc((size_t)want + 1, sizeof(*kids));
	if (!kids)
		return 1;
	/* Block the stop signals while forking; children unblock them. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop, &old);
	prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
	for (n = 0; n < want; n++) {
		pid_t pid = fork();

		if (pid < 0) {
			fprintf(stderr, "idle: fork after %ld processes: %s\n", n, strerror(errno));
			break;
		}
		if (pid == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
			if (getppid() != parent)
				_exit(0);
			sigprocmask(SIG_SETMASK, &old, NULL);
			for (;;)
				pause();
		}
		kids[n] = pid;
	}
	f = fopen(argv[2], "w");
	if (f) {
		fprintf(f, "%ld\n", n);
		fclose(f);
	}
	sigwait(&stop, &sig);
	for (i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	free(kids);
	return 0;
}
