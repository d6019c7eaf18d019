/* SPDX-License-Identifier: MIT */
/*
 * status.c - status texts and diagnostics
 */
#include "status.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *const messages[] = {
    [SR_OK] = "ok",
    [SR_DONE] = "done",
    [SR_ERR_NOMEM] = "out of memory",
    [SR_ERR_USAGE] = "usage error",
    [SR_ERR_CONFIG] = "configuration error",
    [SR_ERR_PARSE] = "input could not be read",
    [SR_ERR_IO] = "input/output error",
    [SR_ERR_WRITE] = "output could not be written",
    [SR_ERR_LOCKED] = "another run holds the lock",
    [SR_ERR_LIMIT] = "limit exceeded",
    [SR_ERR_LIBRARY] = "library error",
};

_Static_assert(ARRAY_SIZE(messages) == SR_STATUS_COUNT,
               "one message per status");

const char *sr_strerror(enum sr_status s)
{
    if ((unsigned)s >= SR_STATUS_COUNT || !messages[s])
        return "unknown status";
    return messages[s];
}

enum sr_status sr_diag_setv(struct sr_diag *d, enum sr_status code,
                            const char *file, long line, const char *fmt,
                            va_list ap)
{
    if (!d)
        return code;
    d->code = code;
    d->line = line;
    d->col = 0;
    d->field[0] = '\0';
    if (file)
        snprintf(d->file, sizeof(d->file), "%s", file);
    else
        d->file[0] = '\0';
    vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
    return code;
}

enum sr_status sr_diag_set(struct sr_diag *d, enum sr_status code,
                           const char *file, long line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    sr_diag_setv(d, code, file, line, fmt, ap);
    va_end(ap);
    return code;
}

void sr_diag_clear(struct sr_diag *d)
{
    if (!d)
        return;
    memset(d, 0, sizeof(*d));
}

const char *sr_diag_format(const struct sr_diag *d, char *out, size_t n)
{
    if (!d->file[0])
        snprintf(out, n, "%s", d->msg);
    else if (d->line > 0 && d->col > 0)
        snprintf(out, n, "%s:%ld:%ld: %s", d->file, d->line, d->col, d->msg);
    else if (d->line > 0)
        snprintf(out, n, "%s:%ld: %s", d->file, d->line, d->msg);
    else
        snprintf(out, n, "%s: %s", d->file, d->msg);
    return out;
}

int sr_stream_close(FILE *fp, int seen)
{
    int err = seen;

    if (err == 0 && ferror(fp)) {
        /* the failed write's errno is gone: try once more for the reason */
        clearerr(fp);
        errno = 0;
        if (fflush(fp) != 0 || ferror(fp))
            err = errno;
        if (err == 0)
            err = EIO; /* the data written earlier is lost all the same */
    } else if (err == 0) {
        errno = 0;
        if (fflush(fp) != 0)
            err = errno ? errno : EIO;
    }
    errno = 0;
    if (fclose(fp) != 0 && err == 0)
        err = errno ? errno : EIO;
    return err;
}
