/* SPDX-License-Identifier: MIT */
/*
 * regex.h - PCRE2 behind one small interface (UTF mode, JIT)
 *
 * The only module that includes pcre2.h.  Patterns are compiled once with
 * PCRE2_UTF | PCRE2_UCP and JIT-compiled when available; matching has match
 * and depth limits so a runaway pattern ends with an error, never a hang.
 */
#ifndef SR_REGEX_H
#define SR_REGEX_H

#include "status.h"

#include <stdbool.h>
#include <stddef.h>

struct sr_regex;

/** Compile options for sr_regex_compile_flags(). */
enum sr_regex_flags {
    /* letters match in either case (PCRE2_CASELESS; with UCP, Unicode
     * case folding) */
    SR_REGEX_CASELESS = 1 << 0
};

/**
 * Compile @pattern.  On error returns SR_ERR_CONFIG with the PCRE2 message
 * and the offset in @d (file/line are left for the caller to set).
 * *out owned by caller (sr_regex_free()).
 */
enum sr_status sr_regex_compile(struct sr_regex **out, const char *pattern,
                                struct sr_diag *d);

/**
 * sr_regex_compile() with @flags (enum sr_regex_flags, or-ed).  On a
 * compile error *erroff (when not NULL) gets the byte offset in @pattern
 * that PCRE2 reports, so the caller can point at the column.
 */
enum sr_status sr_regex_compile_flags(struct sr_regex **out,
                                      const char *pattern, unsigned flags,
                                      size_t *erroff, struct sr_diag *d);

/**
 * Match @re against @s[0..n).  Returns 1 on a match, 0 on none, -1 when the
 * match failed (limit hit, bad UTF-8): @d says why.
 */
int sr_regex_match(const struct sr_regex *re, const char *s, size_t n,
                   struct sr_diag *d);

void sr_regex_free(struct sr_regex *re);

#endif /* SR_REGEX_H */
