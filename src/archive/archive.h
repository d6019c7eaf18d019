/* SPDX-License-Identifier: MIT */
/*
 * archive.h - the customer archive (客户档案), FORMATS.md §2.4
 *
 * A CSV of the company's customers, one row each, read once per run before
 * any form (docs/archive.md).  It is read with the CSV row layer of the
 * forms (read/csv.h: RFC 4180, UTF-8 or GB18030, detected or declared) and
 * its values are normalised like the forms' (NFKC, trimmed), so that an
 * archive value and a form value compare equal when they mean the same.
 *
 * What is kept, per customer: the customer id, and for each "column" the
 * archive gives - every segment field of the form template found in the
 * archive, then the account manager - the index of its value.  Everything
 * else in the archive (names, credit rating, dates...) is not kept.  The
 * storage is compact because an archive may hold a million customers: one
 * string pool of the ids, a 32-bit offset per customer, a 16-bit (or, past
 * 65,534 distinct values, 32-bit) value index per column and customer, and
 * an open-addressing table of 32-bit customer numbers: about 32 bytes per
 * customer (docs/archive.md, "Memory").
 *
 * Rows the archive cannot vouch for are left out and reported (with their
 * line) in run.log by sr_archive_log(): a row the CSV layer marks (bad
 * text, too long), a row with another number of cells than the header, an
 * empty customer id, an id or a value that does not match its field's
 * pattern, and a customer id seen before (the first row keeps it).
 *
 * Read-only after sr_archive_load(): several threads may look customers
 * up at once.
 */
#ifndef SR_ARCHIVE_H
#define SR_ARCHIVE_H

#include "../core/config.h"
#include "../core/status.h"
#include "../core/template.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** The most customers an archive may hold (customer numbers are 32-bit). */
#define SR_ARCHIVE_MAX_CUSTOMERS 100000000u
/** Column number of sr_archive_column_field() for the account manager. */
#define SR_ARCHIVE_MANAGER (-1)
/** The group of the account managers in stats.csv. */
#define SR_ARCHIVE_MANAGER_ID "account_manager"
/** Problem lines the load report keeps (the rest are counted). */
#define SR_ARCHIVE_MAX_NOTES 20

struct sr_archive;

/**
 * Read the archive at @path for form template @t (borrowed: must outlive
 * the archive) in encoding @enc (SR_ENC_AUTO detects).
 *
 * Columns are found by header: a template field's id, else its label (a
 * field labelled 客户类别 is found under 客户类别), and "account_manager"
 * or 客户经理 for the account manager; the template's <archive> element
 * names them instead (then only that name is looked for).
 *
 * Errors, with @path (and the line) in @d; *out is NULL:
 * - SR_ERR_IO: the file cannot be opened or read;
 * - SR_ERR_PARSE: the file cannot be used at all - no header, a header the
 *   CSV layer refuses, no customer id column, a column <archive> names is
 *   missing, two columns for one field, an unterminated quote, UTF-16, or
 *   not one usable customer row;
 * - SR_ERR_CONFIG: the template has no field with role customer-id;
 * - SR_ERR_LIMIT: more than SR_ARCHIVE_MAX_CUSTOMERS customers, or more
 *   than 4 GiB of customer ids.
 * On success *out is owned by the caller (sr_archive_free()).
 */
enum sr_status sr_archive_load(struct sr_archive **out, const char *path,
                               const struct sr_template *t,
                               enum sr_encoding enc, struct sr_diag *d);

/** Free @a; NULL does nothing. */
void sr_archive_free(struct sr_archive *a);

/** The archive's path, as given to sr_archive_load() (owned by @a). */
const char *sr_archive_path(const struct sr_archive *a);

/** Customers held (rows kept). */
size_t sr_archive_count(const struct sr_archive *a);

/**
 * Find customer @id (normalised: NFKC, trimmed - as sr_record.fields are).
 * True and *index (0..count-1) when the archive holds it.
 */
bool sr_archive_find(const struct sr_archive *a, const char *id, size_t *index);

/** The id of customer @i (borrowed from @a). */
const char *sr_archive_id(const struct sr_archive *a, size_t i);

/**
 * The columns kept: the template's segment fields that the archive has, in
 * template order, then the account manager when the archive has it.
 */
size_t sr_archive_ncolumns(const struct sr_archive *a);

/** The template field index of column @k, or SR_ARCHIVE_MANAGER. */
int sr_archive_column_field(const struct sr_archive *a, size_t k);

/** The column @k's id: the field id, or SR_ARCHIVE_MANAGER_ID. */
const char *sr_archive_column_id(const struct sr_archive *a, size_t k);

/** The header the column @k was found under (borrowed). */
const char *sr_archive_column_header(const struct sr_archive *a, size_t k);

/** The column of template field @field, or -1 when the archive has none. */
int sr_archive_field_column(const struct sr_archive *a, size_t field);

/** The column of the account manager, or -1. */
int sr_archive_manager_column(const struct sr_archive *a);

/** Distinct non-empty values of column @k (first-seen order). */
size_t sr_archive_nvalues(const struct sr_archive *a, size_t k);

/** Value @v (0..nvalues-1) of column @k (borrowed). */
const char *sr_archive_value_name(const struct sr_archive *a, size_t k,
                                  size_t v);

/** The value of customer @i in column @k: 0 when empty, else v + 1. */
uint32_t sr_archive_value(const struct sr_archive *a, size_t k, size_t i);

/** The value of customer @i in column @k as text, or NULL when empty. */
const char *sr_archive_value_text(const struct sr_archive *a, size_t k,
                                  size_t i);

/** What the load left out: rows refused (any reason), of them duplicate
 * customer ids, and the rows read (header excluded, blank rows skipped). */
struct sr_archive_counts {
    long rows;
    long refused;
    long duplicates;
};
void sr_archive_counts(const struct sr_archive *a,
                       struct sr_archive_counts *out);

/**
 * The archive's identity for partial runs: a 64-bit FNV-1a hash of every
 * kept customer's id and column values, in order, as 16 hex digits in
 * @hex.  Two loads of the same archive (same template) give the same.
 */
void sr_archive_fingerprint(const struct sr_archive *a, char hex[17]);

/** Bytes the archive holds in memory (its arrays, pool and tables). */
size_t sr_archive_memory(const struct sr_archive *a);

/**
 * Say in run.log what was read: customers, columns (with the header each
 * was found under), columns ignored, refused rows with file:line and the
 * reason (the first SR_ARCHIVE_MAX_NOTES; the rest counted), memory.
 * Warnings for refused rows, info for the rest.
 */
void sr_archive_log(const struct sr_archive *a);

#endif /* SR_ARCHIVE_H */
