/* SPDX-License-Identifier: MIT */
/*
 * litex.h - the literals a pattern needs (private to src/classify)
 *
 * Input: a PCRE2 pattern as the rule engine compiles it (UTF, UCP,
 * caseless, unanchored search).  Output: what a text must contain for the
 * pattern to match, as literal strings, so that most texts are decided by
 * a literal scan and never reach PCRE2:
 *
 *   SR_LITEX_EXACT   the pattern matches a text if and only if the text
 *                    contains one of the literals of clauses[0]
 *                    (态度(差|恶劣) -> {态度差, 态度恶劣});
 *   SR_LITEX_NEED    a text the pattern matches contains, for every clause,
 *                    at least one of its literals; PCRE2 decides the rest
 *                    (承诺.{0,6}未兑现 -> {承诺} and {未兑现});
 *   SR_LITEX_ALWAYS  nothing is known: PCRE2 runs on every text.
 *
 * The analysis understands a subset of the syntax (literals, groups,
 * alternation, classes, quantifiers, anchors, lookarounds); anything else
 * gives SR_LITEX_ALWAYS, so the result is never wrong, only less useful.
 * Literals are UTF-8 with ASCII letters folded to lower case; they hold
 * only characters that have no other case under Unicode case folding, so
 * that a scan of an ASCII-folded text agrees with a caseless PCRE2 match.
 */
#ifndef SR_CLASSIFY_LITEX_H
#define SR_CLASSIFY_LITEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sr_litex_kind { SR_LITEX_ALWAYS = 0, SR_LITEX_EXACT, SR_LITEX_NEED };

/** A set of literals: at least one occurs.  Each is non-empty. */
struct sr_litex_clause {
    char **lits;  /* owned, NUL-terminated */
    size_t *lens; /* owned: strlen of each */
    size_t nlits;
};

/** The result.  Invariant: EXACT has one clause; ALWAYS has none. */
struct sr_litex {
    enum sr_litex_kind kind;
    struct sr_litex_clause *clauses; /* owned */
    size_t nclauses;
};

/**
 * Analyse @pattern (a pattern that PCRE2 compiled) into @out.  Never
 * fails (dies on OOM like every allocation); release with
 * sr_litex_release().
 */
void sr_litex_analyse(const char *pattern, struct sr_litex *out);

/**
 * Split @pattern at its top-level '|' when the analysis understands all of
 * it: branch i is @pattern[(*start)[i] .. (*start)[i] + (*len)[i]), and
 * each branch is a pattern of its own (no group or reference spans two).
 * Returns the number of branches, or 0 when the pattern has one branch or
 * is not understood.  The caller frees *start and *len (also on 0).
 */
size_t sr_litex_branches(const char *pattern, size_t **start, size_t **len);

/** Free what @x holds; @x is left as SR_LITEX_ALWAYS. */
void sr_litex_release(struct sr_litex *x);

/**
 * True if code point @cp has no other case under Unicode case folding and
 * is left alone by NFKC (CJK ideographs, kana, Hangul syllables, CJK and
 * general punctuation) or is ASCII.  Such characters can be literals.
 */
bool sr_litex_caseless_cp(uint32_t cp);

/** Decode the UTF-8 sequence at @s (valid UTF-8): *cp and its length. */
size_t sr_litex_decode(const unsigned char *s, uint32_t *cp);

#endif /* SR_CLASSIFY_LITEX_H */
