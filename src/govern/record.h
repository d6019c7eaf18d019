/* SPDX-License-Identifier: MIT */
/*
 * record.h - the line format of satreport's governance files
 *
 * manifest.txt, runinfo.txt and approval.log are UTF-8 text, one record a
 * line, fields separated by one TAB.  Inside a field a backslash, TAB, LF
 * and CR are written \\ \t \n \r, so any file name or comment fits on one
 * line and `grep`/`cut -f` work on them.  Lines starting with '#' are
 * comments.  The files are small; they are read whole.
 */
#ifndef SR_GOVERN_RECORD_H
#define SR_GOVERN_RECORD_H

#include "../core/buf.h"
#include "../core/status.h"

#include <stdbool.h>
#include <stddef.h>

/** Append @s escaped (\\ \t \n \r) to @b. */
void sr_record_escape(struct sr_buf *b, const char *s);

/**
 * Split @line (no line end; modified in place) at TABs into at most @max
 * fields and unescape each.  *n gets the number of fields (more than @max
 * are counted but not stored).  Returns false if a field holds a bad
 * escape (a backslash not followed by \ t n r).
 */
bool sr_record_split(char *line, char **fields, size_t max, size_t *n);

/**
 * Read the whole file at @path into @b (appended).  Errors: SR_ERR_IO with
 * the reason; a missing file is SR_ERR_IO too (callers that allow it test
 * existence first).  Files larger than 256 MiB are SR_ERR_LIMIT.
 */
enum sr_status sr_file_read(const char *path, struct sr_buf *b,
                            struct sr_diag *d);

/**
 * Replace the file at @path with @n bytes at @data atomically: written to
 * "@path.tmp-PID", flushed to disk (fsync), renamed over @path.  A failure
 * leaves @path as it was.  Errors: SR_ERR_WRITE with the reason.
 */
enum sr_status sr_file_replace(const char *path, const void *data, size_t n,
                               struct sr_diag *d);

/** True if @path names an existing file (any type). */
bool sr_file_exists(const char *path);

#endif /* SR_GOVERN_RECORD_H */
