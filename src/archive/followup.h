/* SPDX-License-Identifier: MIT */
/*
 * followup.h - the follow-up list (回访清单): forms whose customer must be
 * called back
 *
 * A form goes on the list when its overall score is one of the two lowest
 * points of the overall item's scale (不满意, 非常不满意) or when the rules
 * put one of its comments in a complaint category (docs/archive.md).  One
 * row per such form, sorted by account manager (customers without one
 * last), customer id and form id.  Every cell is text, personal data
 * already masked: the list may leave the run folder as it is.
 *
 * The run builds it from the forms (sr_response_followup(), response.h),
 * writes it to the run folder as followup.csv (sr_followup_write()) and
 * hands it to the renderers through the run info; re-rendering a report
 * (approve, distribute) reads followup.csv back (sr_followup_read()).
 *
 * Storage: one string pool and a 32-bit offset per cell, about 44 bytes a
 * row plus its text.
 */
#ifndef SR_FOLLOWUP_H
#define SR_FOLLOWUP_H

#include "../core/status.h"

#include <stdbool.h>
#include <stddef.h>

/** The file in the run folder. */
#define SR_FOLLOWUP_FILE "followup.csv"

/** The cells of a row, in followup.csv's column order. */
enum sr_followup_col {
    SR_FU_MANAGER,    /* account manager ("" when none or not in archive) */
    SR_FU_CUSTOMER,   /* customer id */
    SR_FU_NAME,       /* the form's customer name, masked ("" when none) */
    SR_FU_FORM,       /* form id */
    SR_FU_DATE,       /* survey date YYYY-MM-DD, or "" */
    SR_FU_OVERALL,    /* the overall score, or "" when not answered */
    SR_FU_LABEL,      /* its point label, or "" */
    SR_FU_LOW,        /* "1": the score is one of the two lowest, else "0" */
    SR_FU_COMPLAINT,  /* "1": a comment is in a complaint category */
    SR_FU_CATEGORIES, /* the complaint categories, joined by "；" */
    SR_FU_IN_ARCHIVE, /* "1": the customer is in the archive, else "0" */
    SR_FU_NCOLS
};

/** followup.csv's header names, per column. */
extern const char *const sr_followup_header[SR_FU_NCOLS];

struct sr_followup;

/** An empty list.  Free with sr_followup_free(). */
struct sr_followup *sr_followup_new(void);

/** Append a row; @cells[c] NULL means "" (strings copied).  Rows are kept
 * in the order added: the caller adds them sorted. */
void sr_followup_add(struct sr_followup *fl,
                     const char *const cells[SR_FU_NCOLS]);

/** Rows in the list. */
size_t sr_followup_count(const struct sr_followup *fl);

/** Cell @c of row @row: never NULL ("" when empty), borrowed from @fl. */
const char *sr_followup_get(const struct sr_followup *fl, size_t row,
                            enum sr_followup_col c);

/** Distinct customers (manager and customer id) on the list. */
size_t sr_followup_customers(const struct sr_followup *fl);

/**
 * Write the list to @path as CSV (FORMATS.md §4: UTF-8 with a BOM, a
 * header row, the formula guard).  Errors: SR_ERR_WRITE with @path.
 */
enum sr_status sr_followup_write(const struct sr_followup *fl, const char *path,
                                 struct sr_diag *d);

/**
 * Read a followup.csv written by sr_followup_write().  Errors: SR_ERR_IO
 * (cannot open), SR_ERR_PARSE (not such a file, with file:line).  *out
 * owned by the caller.
 */
enum sr_status sr_followup_read(const char *path, struct sr_followup **out,
                                struct sr_diag *d);

/** Free @fl; NULL does nothing. */
void sr_followup_free(struct sr_followup *fl);

#endif /* SR_FOLLOWUP_H */
