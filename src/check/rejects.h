/* SPDX-License-Identifier: MIT */
/*
 * rejects.h - the list of refused forms (rejects.csv)
 *
 * One row per problem: file,line,form_id,field,reason.  Rows are written to
 * the file as they come (memory stays flat); sr_rejects_foreach() reads
 * them back for the workbook's refused-forms sheet.
 */
#ifndef SR_REJECTS_H
#define SR_REJECTS_H

#include "../core/status.h"

#include <stdbool.h>

struct sr_rejects;

/** Create @path (UTF-8 with BOM, header row).  *out owned by caller. */
enum sr_status sr_rejects_open(struct sr_rejects **out, const char *path,
                               struct sr_diag *d);

/** Add one problem.  @form_id, @field may be NULL or "". */
enum sr_status sr_rejects_add(struct sr_rejects *rj, const char *file,
                              long line, const char *form_id, const char *field,
                              const char *reason);

/** Number of problem rows so far. */
long sr_rejects_rows(const struct sr_rejects *rj);

/** A place in the list to come back to: see sr_rejects_rollback(). */
struct sr_rejects_mark {
    long offset; /* bytes of the file */
    long rows;
};

/** Remember where the list ends now (a run marks the start of each input
 * file, so that a file refused whole takes back its forms' rows). */
void sr_rejects_mark(struct sr_rejects *rj, struct sr_rejects_mark *m);

/**
 * Forget every row added since @m (from sr_rejects_mark() on the same
 * open list): the file is cut back to that length.  SR_ERR_WRITE with the
 * path in @d when it cannot be.
 */
enum sr_status sr_rejects_rollback(struct sr_rejects *rj,
                                   const struct sr_rejects_mark *m,
                                   struct sr_diag *d);

/** Flush and close the file (further adds fail). */
enum sr_status sr_rejects_close(struct sr_rejects *rj, struct sr_diag *d);

typedef bool (*sr_rejects_row_fn)(void *ctx, const char *file, long line,
                                  const char *form_id, const char *field,
                                  const char *reason);

/** Call @fn for every row, in order (after sr_rejects_close()).  Stops when
 * @fn returns false. */
enum sr_status sr_rejects_foreach(const struct sr_rejects *rj,
                                  sr_rejects_row_fn fn, void *ctx,
                                  struct sr_diag *d);

/**
 * Close @from (opened with sr_rejects_open()) and append its rows to @rj
 * byte for byte (the rows of the later part of a file read in two parts
 * at once).  SR_ERR_WRITE/SR_ERR_IO when @from cannot be written or read
 * back; a failed write on @rj shows when it is closed.
 */
enum sr_status sr_rejects_take(struct sr_rejects *rj, struct sr_rejects *from,
                               struct sr_diag *d);

/** Append every row of another rejects.csv (e.g. a partial run's) to
 * @rj.  SR_ERR_IO/SR_ERR_PARSE when it can't be read. */
enum sr_status sr_rejects_append_file(struct sr_rejects *rj, const char *path,
                                      struct sr_diag *d);

void sr_rejects_free(struct sr_rejects *rj);

#endif /* SR_REJECTS_H */
