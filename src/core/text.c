/* SPDX-License-Identifier: MIT */
/*
 * text.c - UTF-8 helpers: validation, NFKC normalisation, masking, widths
 *
 * NFKC comes from utf8proc (Debian libutf8proc): a maintained Unicode
 * table beats a hand-written subset.  ASCII input skips it entirely, and
 * so does text of ASCII and CJK ideographs already in normal form
 * (sr_text_is_normal(): most survey values, at several hundred MB/s).
 */
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* length of the UTF-8 sequence at s (1..4), or 0 if invalid */
static size_t seq_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    size_t i;
    uint32_t cp;

    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2;
    else if (c >= 0xe0 && c <= 0xef)
        len = 3;
    else if (c >= 0xf0 && c <= 0xf4)
        len = 4;
    else
        return 0;
    if (n < len)
        return 0;
    for (i = 1; i < len; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    if (len == 3) {
        cp = ((uint32_t)(c & 0x0f) << 12) | ((uint32_t)(s[1] & 0x3f) << 6) |
             (s[2] & 0x3f);
        if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
    } else if (len == 4) {
        cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3f) << 12) |
             ((uint32_t)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
        if (cp < 0x10000 || cp > 0x10ffff)
            return 0;
    }
    return len;
}

bool sr_utf8_valid(const char *s, size_t n, size_t *bad)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    while (i < n) {
        size_t l;

        if (u[i] < 0x80) {
            i++;
            continue;
        }
        l = seq_len(u + i, n - i);
        if (!l) {
            if (bad)
                *bad = i;
            return false;
        }
        i += l;
    }
    return true;
}

/* ASCII white space, the only kind the fast paths below meet at an end */
static bool is_ascii_space(unsigned char c)
{
    return c == ' ' || (c >= 0x09 && c <= 0x0d);
}

/*
 * The 3-byte characters that are their own NFKC form and compose with
 * nothing in the fast set (ASCII and these): CJK ideographs and Yijing
 * symbols U+4000..U+9FFF, 、。〈〉《》「」『』【】 U+3001..U+3011, — ‘ ’ “ ”.
 * @p holds at least the bytes up to a NUL.
 */
static bool is_stable3(const unsigned char *p)
{
    if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
        return false;
    if (p[0] >= 0xe4 && p[0] <= 0xe9)
        return true;
    if (p[0] == 0xe3)
        return p[1] == 0x80 && p[2] >= 0x81 && p[2] <= 0x91;
    if (p[0] == 0xe2)
        return p[1] == 0x80 && (p[2] == 0x94 || p[2] == 0x98 || p[2] == 0x99 ||
                                p[2] == 0x9c || p[2] == 0x9d);
    return false;
}

/* sr_text_is_normal()'s test of @p[i..n), @i at a character's start */
static bool normal_from(const unsigned char *p, size_t n, size_t i)
{
    while (i < n) {
        uint64_t w;

        if (p[i] < 0x80) {
            i++;
            while (i + 8 <= n) {
                memcpy(&w, p + i, 8);
                if (w & UINT64_C(0x8080808080808080))
                    break;
                i += 8;
            }
            continue;
        }
        if (i + 2 >= n || !is_stable3(p + i))
            return false;
        i += 3;
    }
    return true;
}

bool sr_text_is_normal(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;

    if (n && (is_ascii_space(p[0]) || is_ascii_space(p[n - 1])))
        return false;
    return normal_from(p, n, 0);
}

bool sr_text_is_normal_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    if (n && (is_ascii_space(p[0]) || is_ascii_space(p[n - 1])))
        return false;
#ifdef __SSE2__
    {
        /* valid UTF-8 whose every lead byte is E4..E9 is ASCII and CJK
         * ideographs: 16 bytes at a time, the rest (and any other lead,
         * as 、 and 。 begin with E3) byte by byte */
        const __m128i c0 = _mm_set1_epi8((char)0xC0);
        const __m128i e4 = _mm_set1_epi8((char)0xE4);
        const __m128i e9 = _mm_set1_epi8((char)0xE9);

        /* the blocks, then the last 16 bytes (over the block before) */
        while (n >= 16 && i < n) {
            size_t at = i + 16 <= n ? i : n - 16;
            __m128i x =
                _mm_loadu_si128((const __m128i *)(const void *)(p + at));
            __m128i lead = _mm_cmpeq_epi8(_mm_max_epu8(x, c0), x);
            __m128i cjk = _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(x, e4), x),
                                        _mm_cmpeq_epi8(_mm_min_epu8(x, e9), x));

            if (_mm_movemask_epi8(_mm_andnot_si128(cjk, lead))) {
                i = at;
                break;
            }
            i = at + 16;
        }
        while (i > 0 && i < n && (p[i] & 0xC0) == 0x80)
            i--; /* back to the start of the character */
    }
#endif
    return normal_from(p, n, i);
}

/*
 * NFKC and trimming of text made of the fast set and of the characters
 * whose NFKC form is one ASCII character: the full-width forms
 * U+FF01..U+FF5E (５ -> 5, ， -> ,) and the ideographic space U+3000.  The
 * result is ASCII and stable characters, which compose with nothing, and
 * can only have ASCII white space at its ends.  False (and @out
 * unspecified) if @s[0..n) holds anything else.
 */
static bool fast_nfkc(struct sr_buf *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *end = p + n;
    char *o;
    char *start;
    size_t len;

    sr_buf_reset(out);
    sr_buf_grow(out, n);
    o = out->buf;
    while (p < end) {
        if (*p < 0x80) {
            *o++ = (char)*p++;
        } else if (end - p >= 3 && p[0] == 0xef &&
                   ((p[1] == 0xbc && p[2] >= 0x81 && p[2] <= 0xbf) ||
                    (p[1] == 0xbd && p[2] >= 0x80 && p[2] <= 0x9e))) {
            /* U+FF01..U+FF5E: the ASCII character 0xFEE0 below */
            *o++ = (char)(((p[1] & 0x03) << 6 | (p[2] & 0x3f)) + 0x20);
            p += 3;
        } else if (end - p >= 3 && p[0] == 0xe3 && p[1] == 0x80 &&
                   p[2] == 0x80) {
            *o++ = ' ';
            p += 3;
        } else if (end - p >= 3 && is_stable3(p)) {
            memcpy(o, p, 3);
            o += 3;
            p += 3;
        } else {
            return false;
        }
    }
    start = out->buf;
    while (start < o && is_ascii_space((unsigned char)*start))
        start++;
    while (o > start && is_ascii_space((unsigned char)o[-1]))
        o--;
    len = (size_t)(o - start);
    memmove(out->buf, start, len);
    out->len = len;
    out->buf[len] = '\0';
    return true;
}

static bool is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

static bool is_space_cp(utf8proc_int32_t cp)
{
    if (cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || cp == 0x85 || cp == 0xa0 ||
        cp == 0x3000 || cp == 0xfeff)
        return true;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* trim white space (Unicode) at both ends of s[0..n) into out */
static void add_trimmed(struct sr_buf *out, const char *s, size_t n)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    size_t start = 0;
    size_t end = n;

    while (start < end) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l =
            utf8proc_iterate(u + start, (utf8proc_ssize_t)(end - start), &cp);

        if (l <= 0 || !is_space_cp(cp))
            break;
        start += (size_t)l;
    }
    while (end > start) {
        size_t p = end - 1;
        utf8proc_int32_t cp;
        utf8proc_ssize_t l;

        while (p > start && (u[p] & 0xc0) == 0x80)
            p--;
        l = utf8proc_iterate(u + p, (utf8proc_ssize_t)(end - p), &cp);
        if (l <= 0 || !is_space_cp(cp))
            break;
        end = p;
    }
    sr_buf_add(out, s + start, end - start);
}

void sr_text_normalize(struct sr_buf *out, const char *s)
{
    utf8proc_uint8_t *nf = NULL;
    utf8proc_ssize_t n;

    sr_buf_reset(out);
    n = (utf8proc_ssize_t)strlen(s);
    if (sr_text_is_normal(s, (size_t)n)) {
        sr_buf_add(out, s, (size_t)n);
        return;
    }
    if (fast_nfkc(out, s, (size_t)n))
        return;
    sr_buf_reset(out);
    if (is_ascii(s)) {
        add_trimmed(out, s, strlen(s));
        return;
    }
    n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &nf,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                         UTF8PROC_COMPAT);
    if (n < 0) {
        /* invalid UTF-8: leave it as it is (the caller refuses it) */
        add_trimmed(out, s, strlen(s));
        return;
    }
    add_trimmed(out, (const char *)nf, (size_t)n);
    free(nf);
}

size_t sr_utf8_len(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80)
            n++;
    return n;
}

void sr_text_mask(struct sr_buf *out, const char *s)
{
    size_t len = sr_utf8_len(s);
    size_t keep_head;
    size_t keep_tail;
    size_t i = 0;
    const char *p = s;

    sr_buf_reset(out);
    if (len == 0)
        return;
    if (len >= 8) {
        keep_head = 3;
        keep_tail = 4;
    } else {
        keep_head = 1;
        keep_tail = 0;
    }
    while (*p) {
        const char *q = p + 1;

        while (*q && ((unsigned char)*q & 0xc0) == 0x80)
            q++;
        if (i < keep_head || i >= len - keep_tail)
            sr_buf_add(out, p, (size_t)(q - p));
        else
            sr_buf_addch(out, '*');
        i++;
        p = q;
    }
    if (len == 1)
        sr_buf_addch(out, '*');
}

size_t sr_text_width(const char *s)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    size_t w = 0;

    while (*u) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l = utf8proc_iterate(u, -1, &cp);
        int cw;

        if (l <= 0) {
            u++;
            w++;
            continue;
        }
        cw = utf8proc_charwidth(cp);
        w += cw > 0 ? (size_t)cw : (cp < 0x80 ? 1 : 0);
        u += l;
    }
    return w;
}
