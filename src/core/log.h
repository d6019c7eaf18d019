/* SPDX-License-Identifier: MIT */
/*
 * log.h - run.log and the console
 *
 * One process-wide log: the run opens it on the temporary run.log; before
 * that (and after close) lines go to stderr only.  sr_log_warn/error lines
 * also go to stderr; sr_log_info only when verbose.
 */
#ifndef SR_LOG_H
#define SR_LOG_H

#include <stdbool.h>

/** Start logging to @path (truncated).  Returns false if it can't open. */
bool sr_log_open(const char *path);
void sr_log_close(void);
void sr_log_set_verbose(bool v);
/** Set quiet: warnings are not echoed to stderr (still in run.log). */
void sr_log_set_quiet(bool q);

/** Hold (true) or let through again: while held, info and warnings are
 * dropped (errors are not), e.g. while the rules are read a second time
 * for a second classifier; one thread only, with no other logging. */
void sr_log_hold(bool h);

struct sr_logfile;
/** Copy warnings and errors to the scheduler log @lf too (logfile.h);
 * NULL stops. */
void sr_log_set_sink(struct sr_logfile *lf);

void sr_log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sr_log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sr_log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* SR_LOG_H */
