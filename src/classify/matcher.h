/* SPDX-License-Identifier: MIT */
/*
 * matcher.h - a set of patterns over one kind of text (private)
 *
 * The rule engine keeps one matcher for comments and one per field that
 * rules test.  Every pattern is compiled once (PCRE2, JIT, caseless) and
 * analysed for the literals it needs (litex.h); one scan of a text over
 * all the literals of the set then decides most patterns, and PCRE2 runs
 * only for the patterns whose needed literals are all present.
 *
 * @code
 *   sr_matcher_add(m, "态度(差|恶劣)", &erroff, &id, d);   // load time
 *   sr_matcher_build(m);
 *   sr_matcher_scan(m, text, len);          // per text (ASCII-folded)
 *   n = sr_matcher_candidates(m, &cand);    // the others cannot match
 *   for (i = 0; i < n; i++)
 *       if (sr_matcher_test(m, cand[i], d) ...
 * @endcode
 *
 * Not thread-safe: a matcher keeps the state of the last scan.
 */
#ifndef SR_CLASSIFY_MATCHER_H
#define SR_CLASSIFY_MATCHER_H

#include "../core/status.h"
#include "litex.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sr_matcher;

/** A new, empty matcher.  Caller frees with sr_matcher_free(). */
struct sr_matcher *sr_matcher_new(void);

/**
 * Compile @pattern (caseless, UTF, JIT) and add it; *id gets its number
 * (0, 1, ... in order of addition).  A pattern that does not compile is
 * SR_ERR_CONFIG with the PCRE2 message in @d and its byte offset in
 * *erroff; nothing is added.  Only before sr_matcher_build().
 */
enum sr_status sr_matcher_add(struct sr_matcher *m, const char *pattern,
                              size_t *erroff, uint32_t *id, struct sr_diag *d);

/** Build the literal index.  Call once, after the last sr_matcher_add(). */
void sr_matcher_build(struct sr_matcher *m);

/** Number of patterns. */
size_t sr_matcher_count(const struct sr_matcher *m);

/** What the literal analysis found for pattern @id. */
enum sr_litex_kind sr_matcher_kind(const struct sr_matcher *m, uint32_t id);

/**
 * Scan @s[0..n) (valid UTF-8, ASCII letters folded to lower case; borrowed
 * until the next scan) for the literals of every pattern.
 */
void sr_matcher_scan(struct sr_matcher *m, const char *s, size_t n);

/**
 * The patterns that may match the scanned text, in no particular order;
 * every other pattern does not match it.  *list is borrowed until the next
 * scan.
 */
size_t sr_matcher_candidates(const struct sr_matcher *m, const uint32_t **list);

/**
 * Does pattern @id match the scanned text?  1 yes, 0 no, -1 when PCRE2
 * gave up (match or depth limit, JIT stack): @d says why.  Results are
 * cached until the next scan.
 */
int sr_matcher_test(struct sr_matcher *m, uint32_t id, struct sr_diag *d);

/**
 * Testing aid: when @on, every pattern is a candidate and every test runs
 * PCRE2, so results can be compared with the literal scan's.
 */
void sr_matcher_set_brute(struct sr_matcher *m, bool on);

/** Free @m; NULL does nothing. */
void sr_matcher_free(struct sr_matcher *m);

#endif /* SR_CLASSIFY_MATCHER_H */
