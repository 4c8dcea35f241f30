/*
 * LD_PRELOAD shim for bench/power-cut.ts: models what a disk holds after a power cut. On every
 * fsync/fdatasync of a file under $SHIM_WATCH, the file's bytes at that moment are copied to
 * $SHIM_SHADOW/<file name>: only what was synced survives. Writes never synced are lost, which
 * is the worst a power cut may do. The real fsync is still called.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void copy_to_shadow(int fd) {
  const char *watch = getenv("SHIM_WATCH");
  const char *shadow = getenv("SHIM_SHADOW");
  if (!watch || !shadow) return;
  char link[64], path[PATH_MAX];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, path, sizeof path - 1);
  if (n <= 0) return;
  path[n] = 0;
  size_t wl = strlen(watch);
  if (strncmp(path, watch, wl) != 0 || path[wl] != '/') return;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return;
  const char *name = strrchr(path, '/') + 1;
  char tmp[PATH_MAX], dest[PATH_MAX];
  snprintf(dest, sizeof dest, "%s/%s", shadow, name);
  snprintf(tmp, sizeof tmp, "%s/.%s.tmp", shadow, name);
  pthread_mutex_lock(&lock);
  int out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out >= 0) {
    char buf[1 << 16];
    off_t off = 0;
    ssize_t r;
    while ((r = pread(fd, buf, sizeof buf, off)) > 0) {
      if (write(out, buf, (size_t)r) != r) break;
      off += r;
    }
    close(out);
    rename(tmp, dest);
  }
  pthread_mutex_unlock(&lock);
}

int fsync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  int rc = real(fd);
  if (rc == 0) copy_to_shadow(fd);
  return rc;
}

int fdatasync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
  int rc = real(fd);
  if (rc == 0) copy_to_shadow(fd);
  return rc;
}
