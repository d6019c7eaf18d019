/* SPDX-License-Identifier: MIT */
/*
 * classify.h - the PCRE2 rule engine: derived fields and comment categories
 *
 * Input: rules files (templates/rules/NAME.rules, docs/rules.md) and accepted
 * records.  Output, per record: the values of derived fields (a customer
 * class, satisfaction levels...) and the set of comment categories, with
 * the complaint flag.  Rules add information; they never change a value a
 * form or the customer archive gives.
 *
 * Rules compile once (JIT); matching has match and depth limits, so a
 * runaway pattern ends with an error naming the rule, never a hang.  Most
 * texts are decided by one literal scan over every rule (docs/rules.md,
 * "Speed"); PCRE2 runs only where the literals a rule needs are present.
 *
 * @code
 *   struct sr_classifier *c;
 *   if (sr_classify_open(&c, t, cfg->segments_rules, cfg->comments_rules,
 *                        &d) != SR_OK)
 *       ...;                                 // SR_ERR_CONFIG/IO: exit 2
 *   fields = sr_classify_fields(c, &nfields); // for the statistics
 *   for each accepted record:
 *       if (sr_classify_record(c, &rec, &d) != SR_OK)
 *           ...;                             // SR_ERR_LIMIT: names the rule
 *   hits = sr_classify_hits(c, &nhits);       // for run.log
 *   sr_classify_free(c);
 * @endcode
 *
 * A classifier is not thread-safe (it keeps scratch state and counts): give
 * each thread its own and add up their hit counts.
 */
#ifndef SR_CLASSIFY_H
#define SR_CLASSIFY_H

#include "../core/form.h"
#include "../core/status.h"
#include "../core/template.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SR_MAX_CATEGORIES 64

/** A field the rules derive (e.g. customer_class, sat_level). */
struct sr_derived_field {
    const char *id;    /* unique among template slots and derived fields */
    const char *label; /* display label, e.g. 客户分类 (defaults to id) */
    bool segment;      /* analysed as a segment group (default yes) */
};

/** A comment category (e.g. 服务质量不达标). */
struct sr_category {
    const char *name;
    bool complaint; /* a form in it is a complaint to follow up */
    const char *kind; /* e.g. "服务质量不符合" / "服务过程不满意" / NULL */
};

struct sr_classifier;

/**
 * Load the rule files for template @t (borrowed: it must outlive the
 * classifier).  @segments_rules ([field] and [level] sections) and
 * @comments_rules ([category] sections): paths or NULL (NULL = no rules of
 * that kind).
 *
 * A rule that does not compile (the PCRE2 message and offset, with the
 * column), names an unknown field, item or dimension, or is malformed is
 * SR_ERR_CONFIG with the rules file's path and line in @d; a file that
 * cannot be read is SR_ERR_IO.  A derived field whose id is a template
 * slot is refused ("derived field 'x' is a template field").  When the
 * file says "[rules] optional_fields = yes" (the shipped segments.rules
 * does), a rule or level naming what the template lacks is skipped with
 * a warning (sr_log_warn) instead.  On error *out is NULL.  *out owned by
 * caller (sr_classify_free()).
 */
enum sr_status sr_classify_open(struct sr_classifier **out,
                                const struct sr_template *t,
                                const char *segments_rules,
                                const char *comments_rules, struct sr_diag *d);

/** The derived fields, in rules-file order; borrowed from @c (NULL: 0). */
const struct sr_derived_field *sr_classify_fields(const struct sr_classifier *c,
                                                  size_t *n);

/** The comment categories, in rules-file order (the last one is 未分类, or
 * the name [rules] unclassified gives, when comment rules are loaded);
 * at most SR_MAX_CATEGORIES; borrowed from @c (NULL: 0). */
const struct sr_category *sr_classify_categories(const struct sr_classifier *c,
                                                 size_t *n);

/**
 * Classify @r in place: sets r->derived (one value per derived field, NULL
 * when no rule gives one), r->nderived, r->categories (bit k = category k;
 * 0 when the form has no non-empty comment) and r->complaint.  The array
 * r->derived is reused by the next call; the strings in it are borrowed
 * from @c until sr_classify_free().  Reads r->fields, r->scores and
 * r->comments (normalised or not: the engine normalises what it matches).
 *
 * Returns SR_ERR_LIMIT (the rule's file:line, the comment or field id in
 * d->field, the form id and PCRE2's reason in @d) when a pattern hits the
 * match limit, and SR_ERR_PARSE when a text is not valid UTF-8; then @r's
 * classification is incomplete.
 */
enum sr_status sr_classify_record(struct sr_classifier *c, struct sr_record *r,
                                  struct sr_diag *d);

/**
 * Hit counts: for rule @i (0..n-1) its file:line, its text and hits, in
 * rules-file order (segments, then comments; 未分类 last, with line 0).
 * A [field] rule counts the records it gave the value to (first match
 * wins, so later rules are not tried); a level range the records it gave
 * its level; a "match" line the comments it matched (once per comment);
 * an "unless" line the comments in which it cancelled a match; 未分类
 * the non-empty comments no category took.  A rule with 0 hits over a
 * large run is probably dead.  Borrowed from @c (NULL: 0).
 */
struct sr_rule_hits {
    const char *file;
    long line;
    const char *what; /* e.g. "customer_class: 特殊客户 = industry ~ 银行" */
    long hits;
};
const struct sr_rule_hits *sr_classify_hits(const struct sr_classifier *c,
                                            size_t *n);

/** Add @src's hit counts to @dst's (NULL: to none) and set @src's to 0:
 * @src a classifier opened from the same rule files, which classified
 * some of the forms beside @dst (a file read in two parts at once). */
void sr_classify_take_hits(struct sr_classifier *dst,
                           struct sr_classifier *src);
/** Free @c and everything it owns; NULL does nothing. */
void sr_classify_free(struct sr_classifier *c);

#endif /* SR_CLASSIFY_H */
