/* SPDX-License-Identifier: MIT */
/*
 * response.h - the forms against the customer archive: the join, who
 * responded, and who must be called back
 *
 * One accumulator per run (or per thread, or per partial run: they merge).
 * For every accepted form, before classification, sr_response_join()
 * looks its customer up in the archive: the archive's segment values
 * replace the form's for the analysis (the form's own value is kept beside
 * them when it disagrees, and counted per field), and a customer who is
 * not in the archive is kept and counted - or the form refused with
 * [input] unknown_customers = refuse.  After classification,
 * sr_response_add() counts the form for its customer and keeps it for the
 * follow-up list when its overall score is one of the two lowest points or
 * a comment is in a complaint category (docs/archive.md).
 *
 * Memory: 2 bytes per archive customer (accepted forms, saturating at
 * 65,535), the ids of unknown customers, and per follow-up form about 40
 * bytes plus its form id and masked name.
 *
 * @code
 *   struct sr_response *rs = sr_response_new(archive, tmpl, &opts);
 *   for each form: v = sr_check_form(...);
 *       if (v == SR_ACCEPTED) v = sr_response_join(rs, &rec, rj, &d);
 *       if (v == SR_ACCEPTED) { sr_classify_record(...);
 *                               sr_stats_push(...); sr_response_add(rs, &rec);
 * } sr_stats_customers(model, archive, rs, min_base);     // stats/customers.h
 *   fl = sr_response_followup(rs);                        // followup.h
 * @endcode
 */
#ifndef SR_RESPONSE_H
#define SR_RESPONSE_H

#include "../check/check.h"
#include "../core/form.h"
#include "../core/status.h"
#include "../core/template.h"
#include "archive.h"
#include "followup.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sr_category; /* classify.h */

struct sr_response_opts {
    bool refuse_unknown; /* [input] unknown_customers = refuse */
    /* the rules' comment categories (sr_classify_categories()), borrowed:
     * complaint ones name the complaints of the follow-up list */
    const struct sr_category *categories;
    size_t ncategories;
};

struct sr_response;

/**
 * A new accumulator for archive @a and template @t (both borrowed: they
 * must outlive it; their customer-id field exists, as sr_archive_load()
 * checked).  @o is copied (its arrays borrowed).  Never fails (dies on
 * OOM).  Free with sr_response_free().
 */
struct sr_response *sr_response_new(const struct sr_archive *a,
                                    const struct sr_template *t,
                                    const struct sr_response_opts *o);

/**
 * Join an accepted record to the archive.  Returns SR_ACCEPTED, with
 * rec->fields pointing at the joined values and rec->customer set (both
 * borrowed from @rs until the next join), or SR_REFUSED when the customer
 * is not in the archive and unknown customers are refused: one row is
 * written to @rj (field: the customer id; reason "customer 'KH000123' is
 * not in the customer archive"), and a write error sets d->code to
 * SR_ERR_WRITE.
 */
enum sr_verdict sr_response_join(struct sr_response *rs, struct sr_record *rec,
                                 struct sr_rejects *rj, struct sr_diag *d);

/**
 * Count a joined, classified record (sr_response_join() returned
 * SR_ACCEPTED for it): its customer responded; a low overall score or a
 * complaint puts the form on the follow-up list.
 */
void sr_response_add(struct sr_response *rs, const struct sr_record *rec);

/** Add what @src counted to @dst (same archive and template). */
void sr_response_merge(struct sr_response *dst, const struct sr_response *src);

/* --- what was counted ---------------------------------------------------- */

/** Accepted forms of archive customer @i (saturating at 65,535). */
unsigned sr_response_forms(const struct sr_response *rs, size_t i);

/** Accepted forms whose customer is not in the archive (an empty customer
 * id included), and the distinct customer ids among them. */
long sr_response_unknown_forms(const struct sr_response *rs);
size_t sr_response_unknown_customers(const struct sr_response *rs);

/** Accepted forms of archive customers. */
long sr_response_known_forms(const struct sr_response *rs);

/** For archive column @k (a segment field): forms where both the form and
 * the archive gave a value, and of them those where the two differ. */
long sr_response_compared(const struct sr_response *rs, size_t k);
long sr_response_disagreements(const struct sr_response *rs, size_t k);

/** Forms refused because their customer is not in the archive. */
long sr_response_refused(const struct sr_response *rs);

/**
 * The follow-up list, sorted by account manager (none last), customer id,
 * form id; personal data masked.  Caller frees with sr_followup_free().
 */
struct sr_followup *sr_response_followup(const struct sr_response *rs);

/** Say in run.log what the join found: customers responded, repeated,
 * unknown (with a few ids), disagreements per field, the follow-up list. */
void sr_response_log(const struct sr_response *rs);

/* --- partial runs (run --partial, merge) --------------------------------- */

/**
 * Write what @rs counted to @path (text, docs/archive.md), with the
 * archive's identity (its customers' ids and values hashed), so that a
 * merge with another archive is refused.  Errors: SR_ERR_WRITE.
 */
enum sr_status sr_response_save(const struct sr_response *rs, const char *path,
                                struct sr_diag *d);

/**
 * Add the counts saved at @path to @rs.  Errors: SR_ERR_IO (cannot read),
 * SR_ERR_PARSE (not such a file, damaged), SR_ERR_CONFIG (saved against
 * another archive).  On error @rs is unchanged.
 */
enum sr_status sr_response_load(struct sr_response *rs, const char *path,
                                struct sr_diag *d);

/** Free @rs; NULL does nothing. */
void sr_response_free(struct sr_response *rs);

#endif /* SR_RESPONSE_H */
