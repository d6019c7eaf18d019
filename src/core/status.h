/* SPDX-License-Identifier: MIT */
/*
 * status.h - the one status enum of satreport and its diagnostics
 *
 * Every action returns enum sr_status.  Context (file, line, field, message)
 * travels in struct sr_diag, filled by sr_diag_set().  Messages follow git's
 * wording: lower case, the fault first, the subject quoted, no full stop.
 */
#ifndef SR_STATUS_H
#define SR_STATUS_H

#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>

enum sr_status {
    SR_OK = 0,
    SR_DONE,        /* a reader has no more forms */
    SR_ERR_NOMEM,   /* out of memory */
    SR_ERR_USAGE,   /* bad command line */
    SR_ERR_CONFIG,  /* pipeline, template or rules error */
    SR_ERR_PARSE,   /* an input could not be read at all */
    SR_ERR_IO,      /* a file could not be opened or read */
    SR_ERR_WRITE,   /* an output could not be written */
    SR_ERR_LOCKED,  /* another run holds the lock */
    SR_ERR_LIMIT,   /* a documented limit was exceeded */
    SR_ERR_LIBRARY, /* a library call failed (message says which) */
    SR_STATUS_COUNT
};

/** A diagnostic: where and why.  Strings are owned (msg is inline). */
struct sr_diag {
    enum sr_status code;
    char file[512];
    long line; /* 0 when unknown */
    long col;  /* 0 when unknown */
    char field[128];
    char msg[1024];
};

/** Short text of a status code; never NULL. */
const char *sr_strerror(enum sr_status s);

/**
 * Fill @d (which may be NULL: then nothing happens) and return @code.
 * @file may be NULL.  The message is printf-formatted.
 */
enum sr_status sr_diag_set(struct sr_diag *d, enum sr_status code,
                           const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/** Like sr_diag_set() with a va_list. */
enum sr_status sr_diag_setv(struct sr_diag *d, enum sr_status code,
                            const char *file, long line, const char *fmt,
                            va_list ap);

/** Clear @d to "no error". */
void sr_diag_clear(struct sr_diag *d);

/**
 * Format @d like a compiler message: "file:line:col: msg" (parts that are
 * unknown are left out) into @out of size @n.  Returns @out.
 */
const char *sr_diag_format(const struct sr_diag *d, char *out, size_t n);

/**
 * Flush and close @fp, a stream being written; returns 0, or the errno of
 * why what was written did not all reach the file.  stdio keeps a failed
 * write sticky (ferror) but not its errno, which later calls overwrite:
 * @seen is the errno the writer saved when it saw the failure (0 if none);
 * without it a stream in error is flushed once more for the reason, and
 * EIO stands in when none can be had.  @fp is closed in every case.
 */
int sr_stream_close(FILE *fp, int seen);

#endif /* SR_STATUS_H */
