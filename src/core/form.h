/* SPDX-License-Identifier: MIT */
/*
 * form.h - a form as read (raw) and as checked (record)
 *
 * Readers produce struct sr_rawform: one string per template slot, exactly as
 * found in the input (UTF-8, not yet normalised).  The checker turns it into
 * struct sr_record, or refuses it.  Both are borrowed views: valid until the
 * next call on the object that produced them.
 */
#ifndef SR_FORM_H
#define SR_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** An item answer that is missing (empty, a missing label, or absent). */
#define SR_MISSING INT32_MIN

struct sr_rawform {
    const char *file; /* the input path, as given */
    long line;        /* line where the form starts (CSV row, <form>) */
    /* one value per slot; NULL when the column/element was absent.
     * An empty string means present but empty (= missing). */
    const char *const *values;
    size_t nslots;
    /* When the reader itself refuses the form (wrong column count, bad
     * element...), problem is the reason and problem_field the field id
     * ("" when none); otherwise problem is NULL. */
    const char *problem;
    const char *problem_field;
    /* Set by a reader that knows them (native CSV), else NULL and false:
     * the byte length of each value, and that every value is valid UTF-8
     * without a NUL byte, so the checker need not look again. */
    const size_t *lens;
    bool utf8_ok;
    /* the byte of the file where the form begins, when the reader knows
     * it (native XML), else -1 */
    long long at;
};

/**
 * What the customer archive says of a record's customer (src/archive,
 * docs/archive.md): set by the join, borrowed like the record.
 */
struct sr_customer_match {
    bool known;          /* the customer is in the archive */
    const char *manager; /* its account manager, or NULL */
    /* per template field: the form's own value where the archive's
     * replaced a different one (a disagreement), else NULL */
    const char *const *own;
};

struct sr_record {
    const struct sr_rawform *raw;
    /* per template field: the normalised (NFKC, trimmed) value, or NULL */
    const char *const *fields;
    /* per template item: the score, or SR_MISSING */
    const int32_t *scores;
    /* per template choice: bit k set = option k chosen; 0 = not answered */
    const uint64_t *choices;
    /* per template comment: the text (NFKC, trimmed), or NULL */
    const char *const *comments;
    int date; /* yyyymmdd, 0 if the template has no date field */

    /* filled by the classifier (src/classify); zero when no rules */
    const char *const *derived; /* per derived field, or NULL value */
    size_t nderived;
    uint64_t categories; /* bit k = comment category k */
    bool complaint;      /* a comment fell in a complaint category */

    /* the customer archive's join (src/archive); NULL without an archive.
     * With one, fields hold the archive's segment values. */
    const struct sr_customer_match *customer;
};

#endif /* SR_FORM_H */
