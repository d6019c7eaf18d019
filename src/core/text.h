/* SPDX-License-Identifier: MIT */
/*
 * text.h - UTF-8 helpers: validation, NFKC normalisation, masking, widths
 *
 * Everything inside satreport is UTF-8; these helpers work on it.
 */
#ifndef SR_TEXT_H
#define SR_TEXT_H

#include "buf.h"

#include <stdbool.h>
#include <stddef.h>

/** True if @s[0..n) is valid UTF-8.  *bad (if not NULL) gets the offset of
 * the first invalid byte. */
bool sr_utf8_valid(const char *s, size_t n, size_t *bad);

/**
 * Normalise @s for comparison and scoring: Unicode NFKC (full-width ５ -> 5,
 * ideographic space -> space), then trim ASCII/Unicode white space at both
 * ends.  The result is written to @out (reset first).  Pure-ASCII input
 * takes a fast path.  Invalid UTF-8 is copied through unchanged (trimmed).
 */
void sr_text_normalize(struct sr_buf *out, const char *s);

/**
 * Whether @s[0..n) is valid UTF-8 that sr_text_normalize() would return
 * unchanged, by a fast test that covers most survey data: ASCII and the
 * CJK ideographs U+4000..U+9FFF, 、 and 。 (all their own NFKC form, and
 * no two of them compose), with no white space at either end.  False
 * means "normalise to know" (or invalid UTF-8), not "changes".
 */
bool sr_text_is_normal(const char *s, size_t n);

/**
 * sr_text_is_normal() of @s[0..n) known to be valid UTF-8 (the CSV reader
 * checks whole chunks): the same answer, faster on long CJK text (16
 * bytes at a time with SSE2).  Not for text that may be invalid.
 */
bool sr_text_is_normal_valid(const char *s, size_t n);

/**
 * Mask personal data for outputs that leave the run folder: keep the first
 * 3 and last 4 characters of values of 8+ characters (138****5678), else
 * keep the first character and mask the rest (张** ).  Characters, not
 * bytes.  Writes into @out (reset first).
 */
void sr_text_mask(struct sr_buf *out, const char *s);

/** Display width: CJK wide characters count 2, others 1. */
size_t sr_text_width(const char *s);

/** Number of code points in @s. */
size_t sr_utf8_len(const char *s);

#endif /* SR_TEXT_H */
