/*
 * raw-nntp: the least work an NNTP client can do, to measure what the news server allows on this
 * machine (bench/upload-inn.sh and bench/download-inn.sh set it beside usync, Nyuu and NZBGet).
 *
 *   raw-nntp post HOST PORT CONNECTIONS ARTICLES GROUP
 *       posts ARTICLES articles of 716,800 bytes (128-character lines of random bytes, never NUL,
 *       CR, LF or a leading dot, like yEnc) over CONNECTIONS connections, one POST at a time each
 *       (as Nyuu and usync do); the body is built once, so the client only writes.
 *   raw-nntp body HOST PORT CONNECTIONS DEPTH IDFILE [OUTFILE]
 *       fetches every Message-ID in IDFILE (one per line, with or without <>) with BODY, DEPTH
 *       commands in flight per connection, finding only each body's end (memmem); with OUTFILE,
 *       also writes each body (still dot-stuffed and yEnc-encoded, so about 2% more than the
 *       data) at its own offset with pwrite, as a downloader writes its output (no fsync: NZBGet
 *       does not sync either). It acknowledges at once (TCP_QUICKACK), as usync does.
 *
 * Prints one line: bytes moved, seconds from the first connection to the last answer, MiB/s.
 * Loopback only by intent (HOST is whatever the bench passes: 127.0.0.1). Build: gcc -O2 -pthread.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define ARTICLE_BYTES 716800
#define LINE 128
#define BUF (1 << 20)

static const char *host, *group;
static int port, connections, depth;
static long articles;
static char *body;
static size_t body_len;
static char **ids;
static long id_count;
static long *offsets; /* where each body goes in OUTFILE: slots of the most a part of ARTICLE_BYTES encodes to */
static int out_fd = -1;
static long next_article;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long long moved;
static long stamp; /* makes this run's Message-IDs unique */

static void die(const char *what) {
  fprintf(stderr, "raw-nntp: %s: %s\n", what, strerror(errno));
  exit(1);
}

static int dial(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) die("socket");
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
  if (inet_pton(AF_INET, host, &a.sin_addr) != 1) { fprintf(stderr, "raw-nntp: bad address %s\n", host); exit(1); }
  if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) die("connect");
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

static void send_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) { if (errno == EINTR) continue; die("write"); }
    p += w; n -= (size_t)w;
  }
}

/* Reads one reply line (byte by byte: replies to POST are short) and checks its code. */
static void expect(int fd, const char *code) {
  char line[1024];
  size_t n = 0;
  for (;;) {
    char c;
    ssize_t r = read(fd, &c, 1);
    if (r <= 0) die("read reply");
    if (c == '\n') break;
    if (n < sizeof line - 1) line[n++] = c;
  }
  line[n] = 0;
  if (strncmp(line, code, 3) != 0) { fprintf(stderr, "raw-nntp: expected %s, got: %s\n", code, line); exit(1); }
}

static long take(long limit) {
  pthread_mutex_lock(&lock);
  long i = next_article < limit ? next_article++ : -1;
  pthread_mutex_unlock(&lock);
  return i;
}

static void *poster(void *arg) {
  (void)arg;
  int fd = dial();
  expect(fd, "200");
  char head[512];
  long i;
  while ((i = take(articles)) >= 0) {
    send_all(fd, "POST\r\n", 6);
    expect(fd, "340");
    int h = snprintf(head, sizeof head, "From: raw <raw@bench.usync.test>\r\nNewsgroups: %s\r\nSubject: raw %ld\r\n"
        "Message-ID: <raw%ld.%ld@bench.usync.test>\r\n\r\n", group, i, stamp, i);
    send_all(fd, head, (size_t)h);
    send_all(fd, body, body_len);
    send_all(fd, ".\r\n", 3);
    expect(fd, "240");
    __atomic_add_fetch(&moved, (long long)body_len, __ATOMIC_RELAXED);
  }
  send_all(fd, "QUIT\r\n", 6);
  close(fd);
  return NULL;
}

static void send_body_command(int fd, long i) {
  char cmd[600];
  const char *id = ids[i];
  int n = id[0] == '<' ? snprintf(cmd, sizeof cmd, "BODY %s\r\n", id) : snprintf(cmd, sizeof cmd, "BODY <%s>\r\n", id);
  send_all(fd, cmd, (size_t)n);
}

/* One connection: articles c, c + connections, ...; DEPTH commands ahead of the answers. */
static void *reader(void *arg) {
  long c = (long)(intptr_t)arg;
  int fd = dial();
  expect(fd, "200");
  char *buf = malloc(BUF);
  if (!buf) die("malloc");
  long sent = c, done = c;
  for (int k = 0; k < depth && sent < id_count; k++, sent += connections) send_body_command(fd, sent);
  size_t len = 0, pos = 0;  /* bytes in buf, start of what is not consumed */
  size_t scan = 0;          /* where the search for the current body's end resumes */
  int in_body = 0;
  long written = 0;         /* bytes of the current body already written out */
  int one = 1;
  while (done < id_count) {
    if (in_body) {
      char *end = memmem(buf + scan, len - scan, "\r\n.\r\n", 5);
      /* the body's bytes up to its last CRLF; without the end, all but 4 bytes (a split terminator) */
      size_t stop = end ? (size_t)(end - buf) + 2 : (len > pos + 4 ? len - 4 : pos);
      if (stop > pos) {
        if (out_fd >= 0 && pwrite(out_fd, buf + pos, stop - pos, offsets[done] + written) < 0) die("pwrite");
        written += (long)(stop - pos);
      }
      pos = stop;
      if (end) {
        __atomic_add_fetch(&moved, (long long)written, __ATOMIC_RELAXED);
        pos = stop + 3;
        in_body = 0;
        written = 0;
        done += connections;
        if (sent < id_count) { send_body_command(fd, sent); sent += connections; }
        continue;
      }
    } else if (len > pos) {
      char *lf = memchr(buf + pos, '\n', len - pos);
      if (lf) {
        if (buf[pos] != '2') { fprintf(stderr, "raw-nntp: BODY refused: %.*s\n", (int)(lf - buf - pos), buf + pos); exit(1); }
        pos = (size_t)(lf - buf) + 1;
        scan = pos - 2; /* an empty body's ".\r\n" follows the status line's CRLF */
        in_body = 1;
        continue;
      }
    }
    /* need more bytes: move what is left to the front, then read */
    if (pos > 0) {
      memmove(buf, buf + pos, len - pos);
      len -= pos;
      scan = in_body ? (len >= 4 ? len - 4 : 0) : 0;
      pos = 0;
    } else if (in_body) {
      scan = len >= 4 ? len - 4 : 0;
    }
    if (len == BUF) { fprintf(stderr, "raw-nntp: line too long\n"); exit(1); }
    /* Acknowledge at once, as usync does: INN2 writes replies without TCP_NODELAY, so each short
     * send waits for the ACK of the one before, which Linux delays up to 40 ms (the mode is not
     * sticky, hence before every read). */
    setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
    ssize_t r = read(fd, buf + len, BUF - len);
    if (r <= 0) die("read");
    len += (size_t)r;
    if (in_body && scan > len) scan = 0;
  }
  send_all(fd, "QUIT\r\n", 6);
  close(fd);
  free(buf);
  return NULL;
}

static void read_ids(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) die(path);
  size_t cap = 1024;
  ids = malloc(cap * sizeof *ids);
  char line[600];
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\r\n")] = 0;
    if (!line[0]) continue;
    if ((size_t)id_count == cap) ids = realloc(ids, (cap *= 2) * sizeof *ids);
    ids[id_count++] = strdup(line);
  }
  fclose(f);
}

int main(int argc, char **argv) {
  if (argc < 7 || (strcmp(argv[1], "post") && strcmp(argv[1], "body"))) {
    fprintf(stderr, "usage: raw-nntp post HOST PORT CONNECTIONS ARTICLES GROUP\n"
                    "       raw-nntp body HOST PORT CONNECTIONS DEPTH IDFILE [OUTFILE]\n");
    return 2;
  }
  host = argv[2];
  port = atoi(argv[3]);
  connections = atoi(argv[4]);
  int posting = !strcmp(argv[1], "post");
  if (posting) {
    articles = atol(argv[5]);
    group = argv[6];
    body = malloc(ARTICLE_BYTES + ARTICLE_BYTES / LINE * 2 + 4);
    srand(20261123);
    while (body_len < ARTICLE_BYTES) {
      for (int i = 0; i < LINE; i++) {
        int b;
        do b = rand() & 0xff; while (b == 0 || b == '\r' || b == '\n' || (i == 0 && b == '.'));
        body[body_len++] = (char)b;
      }
      body[body_len++] = '\r';
      body[body_len++] = '\n';
    }
  } else {
    depth = atoi(argv[5]);
    read_ids(argv[6]);
    if (argc > 7) {
      out_fd = open(argv[7], O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (out_fd < 0) die(argv[7]);
      offsets = malloc(id_count * sizeof *offsets);
      for (long i = 0; i < id_count; i++) offsets[i] = i * (2L * ARTICLE_BYTES + 4096);
    }
  }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  stamp = (long)time(NULL) * 1000 + t0.tv_nsec / 1000000;
  pthread_t *t = malloc(connections * sizeof *t);
  for (long c = 0; c < connections; c++)
    pthread_create(&t[c], NULL, posting ? poster : reader, (void *)(intptr_t)c);
  for (int c = 0; c < connections; c++) pthread_join(t[c], NULL);
  if (out_fd >= 0 && close(out_fd) < 0) die("close");
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
  printf("raw-nntp %s: %lld bytes in %.2f s, %.1f MiB/s\n", argv[1], moved, s, moved / 1048576.0 / s);
  return 0;
}
