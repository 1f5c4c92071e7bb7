/* Atomic output files (see mge/file.h): a temporary beside the target,
 * renamed over it once every byte is on disk. */
#include "mge/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct mge_file {
  FILE *f;
  char *path; /* the target */
  char *tmp;  /* the temporary, NULL when writing in place */
};

static int io_error(mge_error *err, const char *path, const char *what, int e) {
  return mge_error_set_at(err, MGE_E_IO, path, 0, 0, "%s: %s", what,
                          strerror(e));
}

static void drop(mge_file *h) {
  free(h->path);
  free(h->tmp);
  free(h);
}

/* Open a new temporary beside h->path with a random suffix; O_EXCL makes
 * it ours alone, a name already taken is retried with the next one. */
static int open_tmp(mge_file *h, mode_t mode, int keep_mode, mge_error *err) {
  static const char digits[] = "0123456789abcdefghijklmnopqrstuv";
  size_t n = strlen(h->path);
  h->tmp = malloc(n + sizeof ".tmp-XXXXXXXX");
  if (!h->tmp) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  unsigned long long seed =
      (unsigned long long)ts.tv_nsec ^ ((unsigned long long)ts.tv_sec << 30) ^
      ((unsigned long long)getpid() << 40) ^ (unsigned long long)(uintptr_t)h;
  for (int attempt = 0; attempt < 100; attempt++) {
    unsigned long long r = mge_mix64(seed + (unsigned long long)attempt);
    memcpy(h->tmp, h->path, n);
    memcpy(h->tmp + n, ".tmp-", 5);
    for (int k = 0; k < 8; k++) h->tmp[n + 5 + k] = digits[(r >> (5 * k)) & 31];
    h->tmp[n + 13] = '\0';
    int fd = open(h->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno == EEXIST) continue;
    if (fd < 0)
      return io_error(err, h->path,
                      "cannot write (creating a temporary "
                      "file beside it)",
                      errno);
    if (keep_mode) (void)fchmod(fd, mode);
    h->f = fdopen(fd, "wb");
    if (!h->f) {
      int e = errno;
      close(fd);
      remove(h->tmp);
      return io_error(err, h->path, "cannot write", e);
    }
    return MGE_OK;
  }
  return mge_error_set_at(err, MGE_E_IO, h->path, 0, 0,
                          "cannot write: no free temporary name beside it");
}

int mge_file_open(const char *path, mge_file **out, mge_error *err) {
  *out = NULL;
  if (!path || !path[0])
    return mge_error_set(err, MGE_E_INPUT, "no output file name");
  mge_file *h = calloc(1, sizeof *h);
  if (h) h->path = strdup(path);
  if (!h || !h->path) {
    if (h) drop(h);
    return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  struct stat st;
  int exists = stat(path, &st) == 0;
  int rc;
  if (exists && !S_ISREG(st.st_mode)) {
    /* a device or a pipe: it cannot be renamed over, write in place */
    h->f = fopen(path, "wb");
    rc = h->f ? MGE_OK : io_error(err, path, "cannot write", errno);
  } else {
    rc = open_tmp(h, exists ? (st.st_mode & 07777) : 0, exists, err);
  }
  if (rc) {
    drop(h);
    return rc;
  }
  *out = h;
  return MGE_OK;
}

FILE *mge_file_stream(mge_file *f) {
  return f ? f->f : NULL;
}

const char *mge_file_path(const mge_file *f) {
  return f ? f->path : NULL;
}

int mge_file_commit(mge_file *h, mge_error *err) {
  if (!h) return mge_error_set(err, MGE_E_INPUT, "no output file");
  int e = 0;
  if (ferror(h->f)) e = errno ? errno : EIO;
  if (!e && fflush(h->f) != 0) e = errno;
  if (!e && h->tmp && fsync(fileno(h->f)) != 0) e = errno;
  if (fclose(h->f) != 0 && !e) e = errno;
  if (!e && h->tmp && rename(h->tmp, h->path) != 0) e = errno;
  if (e && h->tmp) remove(h->tmp);
  int rc = e ? io_error(err, h->path, "cannot write", e) : MGE_OK;
  drop(h);
  return rc;
}

void mge_file_abort(mge_file *h) {
  if (!h) return;
  fclose(h->f);
  if (h->tmp) remove(h->tmp);
  drop(h);
}

int mge_file_write(const char *path, const void *buf, size_t len,
                   mge_error *err) {
  mge_file *h;
  int rc = mge_file_open(path, &h, err);
  if (rc) return rc;
  if (len && fwrite(buf, 1, len, h->f) != len) {
    int e = errno ? errno : EIO;
    mge_file_abort(h);
    return io_error(err, path, "cannot write", e);
  }
  return mge_file_commit(h, err);
}

/* ---------------------------------------------------------------- reading */

int mge_file_read_all(const char *path, size_t max_bytes, char **buf,
                      size_t *len, mge_error *err) {
  *buf = NULL;
  if (len) *len = 0;
  if (!path || !path[0])
    return mge_error_set_at(err, MGE_E_INPUT, path, 0, 0,
                            "cannot open: no file name");
  FILE *f = fopen(path, "rb");
  if (!f)
    return mge_error_set_at(err, MGE_E_INPUT, path, 0, 0, "cannot open: %s",
                            strerror(errno));
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
    fclose(f);
    return mge_error_set_at(err, MGE_E_INPUT, path, 0, 0,
                            "is a directory, not a file");
  }
  /* read up to max_bytes + 1 bytes, to see a file that is too large; the
   * buffer keeps one byte more for the NUL */
  size_t want = max_bytes < SIZE_MAX - 2 ? max_bytes + 1 : SIZE_MAX - 2;
  size_t cap = want < 65536 ? want : 65536, n = 0;
  char *b = malloc(cap + 1);
  while (b) {
    n += fread(b + n, 1, cap - n, f);
    if (n < cap || cap == want) break; /* end of file, error or enough */
    size_t nc = cap > want / 2 ? want : 2 * cap;
    char *nb = realloc(b, nc + 1);
    if (!nb) free(b);
    b = nb;
    cap = nc;
  }
  int bad = ferror(f);
  fclose(f);
  int rc = MGE_OK;
  if (!b)
    rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
  else if (bad)
    rc = mge_error_set_at(err, MGE_E_IO, path, 0, 0, "read error");
  else if (n > max_bytes)
    rc = mge_error_set_at(err, MGE_E_LIMIT, path, 0, 0,
                          "file larger than %zu bytes", max_bytes);
  if (rc) {
    free(b);
    return rc;
  }
  b[n] = '\0';
  *buf = b;
  if (len) *len = n;
  return MGE_OK;
}
