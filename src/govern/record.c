/* SPDX-License-Identifier: MIT */
/*
 * record.c - escaped TAB-separated records, whole-file read and replace
 */
#include "record.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FILE (256L * 1024 * 1024)

void sr_record_escape(struct sr_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '\\':
            sr_buf_addstr(b, "\\\\");
            break;
        case '\t':
            sr_buf_addstr(b, "\\t");
            break;
        case '\n':
            sr_buf_addstr(b, "\\n");
            break;
        case '\r':
            sr_buf_addstr(b, "\\r");
            break;
        default:
            sr_buf_addch(b, *s);
        }
    }
}

/* unescape @s in place; false on a bad escape */
static bool unescape(char *s)
{
    char *o = s;

    while (*s) {
        if (*s != '\\') {
            *o++ = *s++;
            continue;
        }
        switch (s[1]) {
        case '\\':
            *o++ = '\\';
            break;
        case 't':
            *o++ = '\t';
            break;
        case 'n':
            *o++ = '\n';
            break;
        case 'r':
            *o++ = '\r';
            break;
        default:
            return false;
        }
        s += 2;
    }
    *o = '\0';
    return true;
}

bool sr_record_split(char *line, char **fields, size_t max, size_t *n)
{
    char *p = line;
    bool ok = true;

    *n = 0;
    for (;;) {
        char *tab = strchr(p, '\t');

        if (tab)
            *tab = '\0';
        if (!unescape(p))
            ok = false;
        if (*n < max)
            fields[*n] = p;
        (*n)++;
        if (!tab)
            break;
        p = tab + 1;
    }
    return ok;
}

enum sr_status sr_file_read(const char *path, struct sr_buf *b,
                            struct sr_diag *d)
{
    char chunk[65536];
    FILE *fp = fopen(path, "rb");
    size_t n;
    enum sr_status s = SR_OK;

    if (!fp)
        return sr_diag_set(d, SR_ERR_IO, NULL, 0, "cannot read '%s': %s", path,
                           strerror(errno));
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
        if (b->len + n > MAX_FILE) {
            s = sr_diag_set(d, SR_ERR_LIMIT, NULL, 0,
                            "'%s' is larger than %ld MiB", path,
                            MAX_FILE >> 20);
            break;
        }
        sr_buf_add(b, chunk, n);
    }
    if (s == SR_OK && ferror(fp))
        s = sr_diag_set(d, SR_ERR_IO, NULL, 0, "cannot read '%s': %s", path,
                        strerror(errno));
    fclose(fp);
    return s;
}

enum sr_status sr_file_replace(const char *path, const void *data, size_t n,
                               struct sr_diag *d)
{
    struct sr_buf tmp = SR_BUF_INIT;
    const char *p = data;
    enum sr_status s = SR_OK;
    int fd;

    sr_buf_addf(&tmp, "%s.tmp-%ld", path, (long)getpid());
    fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        s = sr_diag_set(d, SR_ERR_WRITE, NULL, 0, "cannot create '%s': %s",
                        tmp.buf, strerror(errno));
        goto out;
    }
    while (n > 0) {
        ssize_t w = write(fd, p, n);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            s = sr_diag_set(d, SR_ERR_WRITE, NULL, 0, "cannot write '%s': %s",
                            tmp.buf, w < 0 ? strerror(errno) : "short write");
            break;
        }
        p += w;
        n -= (size_t)w;
    }
    if (s == SR_OK && fsync(fd) != 0)
        s = sr_diag_set(d, SR_ERR_WRITE, NULL, 0, "cannot write '%s': %s",
                        tmp.buf, strerror(errno));
    if (close(fd) != 0 && s == SR_OK)
        s = sr_diag_set(d, SR_ERR_WRITE, NULL, 0, "cannot write '%s': %s",
                        tmp.buf, strerror(errno));
    if (s == SR_OK && rename(tmp.buf, path) != 0)
        s = sr_diag_set(d, SR_ERR_WRITE, NULL, 0, "cannot replace '%s': %s",
                        path, strerror(errno));
    if (s != SR_OK)
        unlink(tmp.buf);
out:
    sr_buf_release(&tmp);
    return s;
}

bool sr_file_exists(const char *path)
{
    struct stat sb;

    return lstat(path, &sb) == 0;
}
