/* SPDX-License-Identifier: MIT */
/*
 * logfile.h - an appending, rotating log for scheduled runs
 *
 * run.log describes one run and lives in its run folder; a scheduler wants
 * one file that grows across runs (`[output] log = /var/log/satreport/
 * annual.log`) and does not fill the disk.  A struct sr_logfile appends
 * whole lines to such a file:
 *
 *   2026-07-02T02:00:01+08:00 satreport[4711] quarterly: info: 1934 forms
 *
 * - Every line is one write(2) on an O_APPEND descriptor, so the lines of
 *   runs that share the log (annual and quarterly at the same minute) do
 *   not tear each other.
 * - Rotation happens when the log is opened and already holds at least
 *   max_bytes: path.keep is removed, path.N becomes path.N+1, path becomes
 *   path.1 and a new path is started (logrotate's naming).  It is done
 *   under flock() on the log, and a process that opened the file just
 *   before it was rotated notices and reopens, so two runs never rotate
 *   twice or write into a file that is gone.
 * - The time is the clock's (local time with its UTC offset), not
 *   SOURCE_DATE_EPOCH: the log says when things happened.
 * - Writing never fails the run: a line that cannot be written is lost,
 *   and sr_logfile_failed() says so.
 *
 * @code
 *   struct sr_logfile_opts o = { .max_bytes = 10 << 20, .keep = 5,
 *                                .tag = cfg->name };
 *   struct sr_logfile *lf;
 *   if (sr_logfile_open(&lf, cfg->log, &o, &d) != SR_OK)
 *       ...; // d: "cannot open log '/var/log/x.log': Permission denied"
 *   sr_logfile_printf(lf, "info", "start: pipeline %s", cfg->path);
 *   ...
 *   sr_logfile_printf(lf, "info", "exit %d", rc);
 *   sr_logfile_free(lf);
 * @endcode
 */
#ifndef SR_LOGFILE_H
#define SR_LOGFILE_H

#include "status.h"

#include <stdbool.h>

/** Defaults: rotate at 10 MiB, keep 5 old files. */
#define SR_LOGFILE_MAX_BYTES (10LL * 1024 * 1024)
#define SR_LOGFILE_KEEP      5

struct sr_logfile_opts {
    long long max_bytes; /* rotate at open when the log is this big; 0 =
                          * SR_LOGFILE_MAX_BYTES, < 0 = never rotate */
    int keep;            /* old files kept (path.1 .. path.keep); 0 =
                          * SR_LOGFILE_KEEP, < 0 = none (the log is
                          * restarted) */
    const char *tag;     /* e.g. the pipeline name; copied; NULL = none */
};

struct sr_logfile;

/**
 * Open (create, rotate if due) the log at @path for appending.  @o may be
 * NULL for the defaults.  The folder must exist.  Errors: SR_ERR_WRITE
 * with the path and reason in @d ("cannot open log ..." or "cannot rotate
 * log ...").  *out is owned by the caller: sr_logfile_free().
 */
enum sr_status sr_logfile_open(struct sr_logfile **out, const char *path,
                               const struct sr_logfile_opts *o,
                               struct sr_diag *d);

/** Append one line: time, tag, @level ("info", "warning", "error"), @msg.
 * Line breaks inside @msg are written as spaces.  @lf NULL: nothing. */
void sr_logfile_write(struct sr_logfile *lf, const char *level,
                      const char *msg);

/** sr_logfile_write() with a printf format. */
void sr_logfile_printf(struct sr_logfile *lf, const char *level,
                       const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** True if a line could not be written since the log was opened. */
bool sr_logfile_failed(const struct sr_logfile *lf);

/**
 * Parse a size as written in a pipeline: "10485760", "512k", "10M", "1G"
 * (K/M/G are powers of 1024, case does not matter).  False if malformed
 * or not positive.
 */
bool sr_logfile_parse_size(const char *s, long long *bytes);

/** Close and free; NULL does nothing. */
void sr_logfile_free(struct sr_logfile *lf);

#endif /* SR_LOGFILE_H */
