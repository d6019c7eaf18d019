/* SPDX-License-Identifier: MIT */
/*
 * logfile.c - an appending, rotating log for scheduled runs
 *
 * Input: lines from the run (through sr_log, wired by the pipeline);
 * output: appended lines in the scheduler's log, rotated at open.  Owns
 * one file descriptor.  See logfile.h for the rules.
 */
#include "logfile.h"
#include "buf.h"
#include "mem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct sr_logfile {
    int fd;
    char *tag;
    bool failed;
};

/* rename path.i to path.i+1 for i = keep-1 .. 1, path to path.1 */
static int rotate(const char *path, int keep)
{
    struct sr_buf from = SR_BUF_INIT;
    struct sr_buf to = SR_BUF_INIT;
    int i;
    int rc = 0;

    if (keep <= 0) {
        if (unlink(path) != 0 && errno != ENOENT)
            rc = -1;
        return rc;
    }
    sr_buf_addf(&to, "%s.%d", path, keep);
    if (unlink(to.buf) != 0 && errno != ENOENT)
        rc = -1;
    for (i = keep - 1; i >= 1 && rc == 0; i--) {
        sr_buf_reset(&from);
        sr_buf_reset(&to);
        sr_buf_addf(&from, "%s.%d", path, i);
        sr_buf_addf(&to, "%s.%d", path, i + 1);
        if (rename(from.buf, to.buf) != 0 && errno != ENOENT)
            rc = -1;
    }
    if (rc == 0) {
        sr_buf_reset(&to);
        sr_buf_addf(&to, "%s.1", path);
        if (rename(path, to.buf) != 0)
            rc = -1;
    }
    sr_buf_release(&from);
    sr_buf_release(&to);
    return rc;
}

/* Open @path locked; reopen while someone rotates it under us.  Returns the
 * locked fd or -1 (errno set). */
static int open_locked(const char *path)
{
    int tries;

    for (tries = 0; tries < 100; tries++) {
        struct stat a;
        struct stat b;
        int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);

        if (fd < 0)
            return -1;
        if (flock(fd, LOCK_EX) != 0 || fstat(fd, &a) != 0) {
            int e = errno;

            close(fd);
            errno = e;
            return -1;
        }
        if (stat(path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
            return fd;
        close(fd); /* rotated between open and flock: try again */
    }
    errno = EAGAIN;
    return -1;
}

enum sr_status sr_logfile_open(struct sr_logfile **out, const char *path,
                               const struct sr_logfile_opts *o,
                               struct sr_diag *d)
{
    long long max = o && o->max_bytes ? o->max_bytes : SR_LOGFILE_MAX_BYTES;
    int keep = o && o->keep ? o->keep : SR_LOGFILE_KEEP;
    struct sr_logfile *lf;
    struct stat sb;
    int fd;

    *out = NULL;
    fd = open_locked(path);
    if (fd < 0)
        return sr_diag_set(d, SR_ERR_WRITE, path, 0, "cannot open log: %s",
                           strerror(errno));
    if (max > 0 && fstat(fd, &sb) == 0 && sb.st_size >= max) {
        int nfd;

        if (rotate(path, keep) != 0) {
            int e = errno;

            close(fd);
            return sr_diag_set(d, SR_ERR_WRITE, path, 0,
                               "cannot rotate log: %s", strerror(e));
        }
        /* the new file; the old one (still locked by fd) makes others
         * that opened it wait, then notice and reopen */
        nfd = open_locked(path);
        close(fd);
        if (nfd < 0)
            return sr_diag_set(d, SR_ERR_WRITE, path, 0, "cannot open log: %s",
                               strerror(errno));
        fd = nfd;
    }
    flock(fd, LOCK_UN);
    lf = xcalloc(1, sizeof(*lf));
    lf->fd = fd;
    lf->tag = o && o->tag && *o->tag ? xstrdup(o->tag) : NULL;
    *out = lf;
    return SR_OK;
}

void sr_logfile_write(struct sr_logfile *lf, const char *level, const char *msg)
{
    struct sr_buf b = SR_BUF_INIT;
    char when[40];
    char off[8];
    struct tm tm;
    time_t now = time(NULL);
    const char *p;
    ssize_t w;

    if (!lf)
        return;
    localtime_r(&now, &tm);
    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
    strftime(off, sizeof(off), "%z", &tm); /* +0800 -> +08:00 */
    sr_buf_addf(&b, "%s%.3s:%.2s satreport[%ld]", when, off, off + 3,
                (long)getpid());
    if (lf->tag)
        sr_buf_addf(&b, " %s", lf->tag);
    sr_buf_addf(&b, ": %s: ", level);
    for (p = msg; *p; p++)
        sr_buf_addch(&b, *p == '\n' || *p == '\r' ? ' ' : *p);
    sr_buf_addch(&b, '\n');
    w = write(lf->fd, b.buf, b.len);
    if (w < 0 || (size_t)w != b.len)
        lf->failed = true;
    sr_buf_release(&b);
}

void sr_logfile_printf(struct sr_logfile *lf, const char *level,
                       const char *fmt, ...)
{
    struct sr_buf b = SR_BUF_INIT;
    va_list ap;

    if (!lf)
        return;
    va_start(ap, fmt);
    sr_buf_vaddf(&b, fmt, ap);
    va_end(ap);
    sr_logfile_write(lf, level, b.buf);
    sr_buf_release(&b);
}

bool sr_logfile_failed(const struct sr_logfile *lf)
{
    return lf && lf->failed;
}

bool sr_logfile_parse_size(const char *s, long long *bytes)
{
    char *end;
    long long v;
    long long unit = 1;

    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno || end == s || v <= 0)
        return false;
    if (*end) {
        if (!strcasecmp(end, "k") || !strcasecmp(end, "kb") ||
            !strcasecmp(end, "kib"))
            unit = 1024;
        else if (!strcasecmp(end, "m") || !strcasecmp(end, "mb") ||
                 !strcasecmp(end, "mib"))
            unit = 1024LL * 1024;
        else if (!strcasecmp(end, "g") || !strcasecmp(end, "gb") ||
                 !strcasecmp(end, "gib"))
            unit = 1024LL * 1024 * 1024;
        else
            return false;
    }
    if (v > (1LL << 50) / unit)
        return false;
    *bytes = v * unit;
    return true;
}

void sr_logfile_free(struct sr_logfile *lf)
{
    if (!lf)
        return;
    close(lf->fd);
    free(lf->tag);
    free(lf);
}
