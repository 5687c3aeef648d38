/*
 * The vet client of client/main.go, in C: the same program, for where a
 * C compiler is at hand. racecheck's commands give go vet a vet client as
 * its tool, and go vet starts one per package; a Go program costs several
 * milliseconds of CPU to start (its runtime faults in a heap and starts
 * threads), this one a fraction of one (see BENCHMARKS.md, "A vet client
 * in C"). racecheck builds it with cc once per version of this file
 * (vettool.Client) and keeps the Go client for where that fails.
 *
 * It behaves as client/main.go does, whose comment describes the wire
 * format: a unit (arguments ending in an absolute *.cfg path) goes to the
 * server named in RACECHECK_VETSERVER, whose answer it prints, exiting
 * with the server's code; anything else, a relative config path (go vet
 * passes absolute ones), a server it cannot reach or that declines, it
 * leaves to racecheck, named in RACECHECK_VETTOOL, which it executes in
 * its place. RACECHECK_GOARCH, defined when compiling, is racecheck's
 * GOARCH, sent when the environment has none.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#ifndef RACECHECK_GOARCH
#error "compile with -DRACECHECK_GOARCH='\"<GOARCH>\"'"
#endif

#define MAGIC "rcv1"
#define MAX_OUTPUT (1u << 30) /* bytes of stdout or stderr accepted */

extern char **environ;

struct buf {
	char *p;
	size_t len, cap;
};

static int grow(struct buf *b, size_t n) {
	if (b->len + n <= b->cap)
		return 0;
	size_t cap = b->cap * 2 + n;
	char *p = realloc(b->p, cap);
	if (p == NULL)
		return -1;
	b->p = p;
	b->cap = cap;
	return 0;
}

static int put(struct buf *b, const void *p, size_t n) {
	if (grow(b, n) < 0)
		return -1;
	memcpy(b->p + b->len, p, n);
	b->len += n;
	return 0;
}

/* put32 appends v big-endian. */
static int put32(struct buf *b, uint32_t v) {
	unsigned char x[4] = {v >> 24, v >> 16, v >> 8, v};
	return put(b, x, 4);
}

/* putstr appends s with its length. */
static int putstr(struct buf *b, const char *s) {
	size_t n = strlen(s);
	return put32(b, (uint32_t)n) < 0 ? -1 : put(b, s, n);
}

static uint32_t get32(const unsigned char *p) {
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int writeall(int fd, const char *p, size_t n) {
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int readall(int fd, void *dst, size_t n) {
	char *p = dst;
	while (n > 0) {
		ssize_t r = read(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

/* readbytes reads a length-prefixed string into *out. */
static int readbytes(int fd, struct buf *out) {
	unsigned char n[4];
	if (readall(fd, n, 4) < 0)
		return -1;
	uint32_t size = get32(n);
	if (size > MAX_OUTPUT || grow(out, size) < 0)
		return -1;
	out->len = size;
	return readall(fd, out->p, size);
}

/* request encodes the unit of the tool run with arguments argv[1:]. */
static int request(struct buf *req, int argc, char **argv) {
	const char *goarch = getenv("GOARCH");
	if (goarch == NULL || *goarch == '\0')
		goarch = RACECHECK_GOARCH;
	if (put(req, MAGIC, 4) < 0 || put32(req, (uint32_t)argc) < 0 || putstr(req, goarch) < 0)
		return -1;
	for (int i = 1; i < argc; i++)
		if (putstr(req, argv[i]) < 0)
			return -1;
	return 0;
}

/* dial connects to the Unix socket addr. */
static int dial(const char *addr) {
	struct sockaddr_un sa;
	if (strlen(addr) >= sizeof sa.sun_path)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	strcpy(sa.sun_path, addr);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * exchange sends req over fd and reads the answer: 1 and the exit code
 * in *code if the server analyzed the unit, 0 if it declined, -1 on a
 * failure.
 */
static int exchange(int fd, const struct buf *req, int *code, struct buf *out, struct buf *errout) {
	unsigned char head[9];
	if (writeall(fd, req->p, req->len) < 0 || readall(fd, head, sizeof head) < 0 || memcmp(head, MAGIC, 4) != 0)
		return -1;
	if (head[4] != 1)
		return 0;
	*code = (int)(int32_t)get32(head + 5);
	return readbytes(fd, out) < 0 || readbytes(fd, errout) < 0 ? -1 : 1;
}

/*
 * forward hands the unit to the server at addr, prints what it printed
 * and returns 1 with its exit code in *code; 0 if argv is not a unit, or
 * the server declined it or could not be reached, and racecheck should
 * run it.
 */
static int forward(const char *addr, int argc, char **argv, int *code) {
	if (addr == NULL || *addr == '\0' || argc < 2)
		return 0;
	const char *cfg = argv[argc - 1];
	size_t n = strlen(cfg);
	if (cfg[0] != '/' || n < 4 || strcmp(cfg + n - 4, ".cfg") != 0)
		return 0;
	struct buf req = {0}, out = {0}, errout = {0};
	if (request(&req, argc, argv) < 0)
		return 0;
	int fd = dial(addr);
	if (fd < 0)
		return 0;
	signal(SIGPIPE, SIG_IGN); /* a server gone: an error from write */
	int served = exchange(fd, &req, code, &out, &errout);
	close(fd);
	signal(SIGPIPE, SIG_DFL); /* as racecheck would have it, exec'd or not */
	if (served != 1)
		return 0;
	writeall(1, out.p, out.len);
	writeall(2, errout.p, errout.len);
	return 1;
}

int main(int argc, char **argv) {
	const char *tool = getenv("RACECHECK_VETTOOL");
	if (tool == NULL || *tool == '\0') {
		static const char msg[] = "racecheck vet client: RACECHECK_VETTOOL is not set (the client is started by racecheck's commands only)\n";
		writeall(2, msg, sizeof msg - 1);
		return 2;
	}
	int code;
	if (forward(getenv("RACECHECK_VETSERVER"), argc, argv, &code))
		return code;
	argv[0] = (char *)tool;
	execve(tool, argv, environ);
	fprintf(stderr, "racecheck vet client: running %s: %s\n", tool, strerror(errno));
	return 2;
}
