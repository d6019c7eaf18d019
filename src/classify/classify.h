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
 * runaway pattern ends with an error naming the rule, never a hang.
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
    const char *label; /* display label, e.g. 客户分类 */
    bool segment;      /* analysed as a segment group */
};

/** A comment category (e.g. 服务质量不达标). */
struct sr_category {
    const char *name;
    bool complaint; /* a form in it is a complaint to follow up */
    const char *kind; /* e.g. "服务质量不符合" / "服务过程不满意" / NULL */
};

struct sr_classifier;

/**
 * Load the rule files for template @t.  @segments_rules, @comments_rules:
 * paths or NULL (NULL = no rules of that kind).  A rule that does not
 * compile, names an unknown field, or is malformed is SR_ERR_CONFIG with
 * the rules file's line and the PCRE2 message.  *out owned by caller.
 */
enum sr_status sr_classify_open(struct sr_classifier **out,
                                const struct sr_template *t,
                                const char *segments_rules,
                                const char *comments_rules,
                                struct sr_diag *d);

/** The derived fields, in rules-file order; borrowed from @c. */
const struct sr_derived_field *sr_classify_fields(const struct sr_classifier *c,
                                                  size_t *n);

/** The comment categories, in rules-file order (the last one is 未分类
 * when comment rules are loaded); borrowed from @c. */
const struct sr_category *sr_classify_categories(const struct sr_classifier *c,
                                                 size_t *n);

/**
 * Classify @r in place: sets r->derived (one value per derived field, NULL
 * when no rule gives one), r->nderived, r->categories (bit k = category k;
 * 0 when the form has no comment) and r->complaint.  The strings are
 * borrowed from @c until the next call.  Returns SR_ERR_LIMIT (with the
 * rule's file:line in @d) when a pattern hits the match limit.
 */
enum sr_status sr_classify_record(struct sr_classifier *c,
                                  struct sr_record *r, struct sr_diag *d);

/** Hit counts: for rule @i (0..n-1) its file:line, its text and hits. */
struct sr_rule_hits {
    const char *file;
    long line;
    const char *what; /* e.g. "customer_class = 特殊客户" */
    long hits;
};
const struct sr_rule_hits *sr_classify_hits(const struct sr_classifier *c,
                                            size_t *n);

void sr_classify_free(struct sr_classifier *c);

#endif /* SR_CLASSIFY_H */
