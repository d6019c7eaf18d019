/* SPDX-License-Identifier: MIT */
/*
 * classify_int.h - testing and benchmarking aids of the rule engine
 *
 * Not part of the API: tests/unit/test_classify.c uses these to check
 * that the literal prefilter agrees with PCRE2 run on every rule, and to
 * report how many comment rules the prefilter decides alone.
 */
#ifndef SR_CLASSIFY_INT_H
#define SR_CLASSIFY_INT_H

#include "classify.h"

#include <stdbool.h>
#include <stddef.h>

/**
 * When @on, every pattern runs through PCRE2 on every text (no literal
 * prefilter): slow, but the reference that the fast path must equal.
 */
void sr_classify_set_brute(struct sr_classifier *c, bool on);

/**
 * How the comment patterns were analysed: counts[0] need PCRE2 on every
 * comment, counts[1] are decided by literals alone, counts[2] run PCRE2
 * only when their literals are present (enum sr_litex_kind order).
 */
void sr_classify_prefilter_counts(const struct sr_classifier *c,
                                  size_t counts[3]);

#endif /* SR_CLASSIFY_INT_H */
