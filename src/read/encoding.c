/* SPDX-License-Identifier: MIT */
/*
 * encoding.c - input encodings: names, detection, streaming decode to UTF-8
 *
 * Input: raw bytes of an input file, chunk by chunk.  Output: UTF-8 text
 * appended to the caller's buffer, with undecodable bytes left as invalid
 * UTF-8 for the reader to attribute to a record.  Owns one iconv handle
 * per GB18030 or UTF-16 decoder (the only iconv use in satreport).
 */
#include "encoding.h"

#include "../core/mem.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define UTF8_AVX2 1
#endif

enum dec_state {
    ST_BOM,   /* waiting for enough bytes to see a BOM */
    ST_SNIFF, /* auto: ASCII so far, or holding the sniff window */
    ST_UTF8,  /* passing bytes through */
    ST_GB,    /* converting GB18030 with iconv */
    ST_U16,   /* converting UTF-16 with iconv */
    ST_FAILED /* a fatal error: every call repeats it */
};

/*
 * Invariants: in ST_BOM, pend holds the first bytes of the input (fewer
 * than 3); in ST_SNIFF, pend is empty or starts at the first non-ASCII byte
 * and holds less than SR_ENCODING_SNIFF bytes; in ST_GB, pend holds a cut
 * character (at most 3 bytes) between calls, in ST_U16 at most 3 bytes (a
 * cut surrogate pair); in ST_UTF8 it is empty.  cd is valid exactly when
 * cd_open; unit is the byte size of the code unit iconv converts (1 for
 * GB18030, 2 for UTF-16), what an undecodable unit skips.
 */
struct sr_decoder {
    enum sr_encoding asked;
    enum sr_encoding enc; /* in use; SR_ENC_AUTO while undecided */
    enum dec_state st;
    enum sr_bom bom;
    const char *name; /* borrowed, may be NULL */
    struct sr_buf pend;
    iconv_t cd;
    bool cd_open;
    size_t unit;
    enum sr_utf16 utf16;  /* what to do with UTF-16 */
    enum sr_utf16 in_u16; /* SR_UTF16_LE/BE once converting UTF-16 */
    bool started;         /* bytes were fed */
    unsigned long bad;
    enum sr_status err;
    char errmsg[256];
};

bool sr_encoding_parse(const char *name, enum sr_encoding *out)
{
    static const struct {
        const char *name;
        enum sr_encoding enc;
    } names[] = {
        { "auto", SR_ENC_AUTO },      { "utf-8", SR_ENC_UTF8 },
        { "utf8", SR_ENC_UTF8 },      { "gbk", SR_ENC_GB18030 },
        { "gb2312", SR_ENC_GB18030 }, { "gb18030", SR_ENC_GB18030 },
    };
    size_t len;
    size_t i;

    if (!name)
        return false;
    while (*name == ' ' || *name == '\t')
        name++;
    len = strlen(name);
    while (len && (name[len - 1] == ' ' || name[len - 1] == '\t'))
        len--;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strlen(names[i].name) == len &&
            !strncasecmp(name, names[i].name, len)) {
            *out = names[i].enc;
            return true;
        }
    }
    return false;
}

const char *sr_encoding_name(enum sr_encoding e)
{
    switch (e) {
    case SR_ENC_UTF8:
        return "UTF-8";
    case SR_ENC_GB18030:
        return "GB18030";
    case SR_ENC_AUTO:
        break;
    }
    return "auto";
}

enum sr_bom sr_encoding_bom(const char *buf, size_t n, size_t *len)
{
    const unsigned char *p = (const unsigned char *)buf;
    enum sr_bom bom = SR_BOM_NONE;
    size_t l = 0;

    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        bom = SR_BOM_UTF8;
        l = 3;
    } else if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
        bom = SR_BOM_UTF16LE;
        l = 2;
    } else if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        bom = SR_BOM_UTF16BE;
        l = 2;
    }
    if (len)
        *len = l;
    return bom;
}

bool sr_encoding_bom_pending(const char *buf, size_t n)
{
    static const unsigned char utf8[] = { 0xEF, 0xBB, 0xBF };
    const unsigned char *p = (const unsigned char *)buf;

    if (n == 0)
        return true;
    if (n < 3 && !memcmp(p, utf8, n))
        return true;
    return n == 1 && (p[0] == 0xFF || p[0] == 0xFE);
}

/* True if the 8 bytes at p are all ASCII. */
static bool ascii8(const unsigned char *p)
{
    uint64_t w;

    memcpy(&w, p, sizeof(w));
    return !(w & UINT64_C(0x8080808080808080));
}

#ifdef UTF8_AVX2
/*
 * The start of the character that holds byte @i - 1 of @p (0 if @i is
 * 0): a place where checking may start again, byte by byte.
 */
static size_t char_start_before(const unsigned char *p, size_t i)
{
    size_t j;

    if (!i)
        return 0;
    j = i - 1;
    while (j > 0 && i - j < 4 && (p[j] & 0xC0) == 0x80)
        j--;
    return j;
}

/*
 * How far @p[0..n) is valid UTF-8, 32 bytes at a time with AVX2: the
 * lookup algorithm of simdjson (Keiser and Lemire, "Validating UTF-8 in
 * less than one instruction per byte", 2021).  Three 16-entry tables,
 * indexed by the high and low nibble of each byte's predecessor and the
 * high nibble of the byte, say which errors the pair could be; their AND
 * is the pair's error, except that a continuation byte that must be the
 * 3rd or 4th of a character (two or three bytes after a lead of 3 or 4)
 * must have exactly the "two continuations" bit.  Returns a character
 * boundary before which everything is valid: the first block with an
 * error, or the tail of fewer than 32 bytes, is left to the byte loop,
 * from the start of the character that reaches into it.
 */
__attribute__((target("avx2"))) static size_t
utf8_prefix_avx2(const unsigned char *p, size_t n)
{
    enum {
        TOO_SHORT = 1 << 0, /* a lead, then no continuation */
        TOO_LONG = 1 << 1,  /* ASCII, then a continuation */
        OVERLONG_3 = 1 << 2,
        TOO_LARGE = 1 << 3,
        SURROGATE = 1 << 4,
        OVERLONG_2 = 1 << 5,
        TOO_LARGE_1000 = 1 << 6,
        OVERLONG_4 = 1 << 6,
        TWO_CONTS = 1 << 7,
        CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS
    };
#define T16(a, b, c, d, e, f, g, h, i_, j, k, l, m, n_, o, q)                \
    _mm256_setr_epi8((char)(a), (char)(b), (char)(c), (char)(d), (char)(e),  \
                     (char)(f), (char)(g), (char)(h), (char)(i_), (char)(j), \
                     (char)(k), (char)(l), (char)(m), (char)(n_), (char)(o), \
                     (char)(q), (char)(a), (char)(b), (char)(c), (char)(d),  \
                     (char)(e), (char)(f), (char)(g), (char)(h), (char)(i_), \
                     (char)(j), (char)(k), (char)(l), (char)(m), (char)(n_), \
                     (char)(o), (char)(q))
    /* the first byte's high nibble */
    const __m256i byte1_high = T16(
        TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
        TOO_LONG, TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
        TOO_SHORT | OVERLONG_2, TOO_SHORT, TOO_SHORT | OVERLONG_3 | SURROGATE,
        TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4);
    /* the first byte's low nibble */
    const __m256i byte1_low = T16(
        CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4, CARRY | OVERLONG_2, CARRY,
        CARRY, CARRY | TOO_LARGE, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000);
    /* the second byte's high nibble */
    const __m256i byte2_high =
        T16(TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
            TOO_SHORT, TOO_SHORT,
            TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 |
                OVERLONG_4,
            TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
            TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
            TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
            TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT);
#undef T16
    const __m256i nib = _mm256_set1_epi8(0x0F);
    const __m256i third = _mm256_set1_epi8((char)(0xE0 - 0x80));
    const __m256i fourth = _mm256_set1_epi8((char)(0xF0 - 0x80));
    const __m256i high = _mm256_set1_epi8((char)0x80);
    /* a block whose last bytes begin a character it does not finish */
    const __m256i last_max = _mm256_setr_epi8(
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, (char)(0xF0 - 1),
        (char)(0xE0 - 1), (char)(0xC0 - 1));
    __m256i prev = _mm256_setzero_si256();
    __m256i incomplete = _mm256_setzero_si256();
    size_t i;

    for (i = 0; i + 32 <= n; i += 32) {
        __m256i in = _mm256_loadu_si256((const __m256i *)(const void *)(p + i));
        __m256i cross;
        __m256i prev1;
        __m256i err;

        if (!_mm256_movemask_epi8(in)) { /* ASCII: only a cut character */
            if (!_mm256_testz_si256(incomplete, incomplete))
                break;
            prev = in;
            continue;
        }
        cross = _mm256_permute2x128_si256(prev, in, 0x21);
        prev1 = _mm256_alignr_epi8(in, cross, 16 - 1);
        err = _mm256_and_si256(
            _mm256_and_si256(
                _mm256_shuffle_epi8(
                    byte1_high,
                    _mm256_and_si256(_mm256_srli_epi16(prev1, 4), nib)),
                _mm256_shuffle_epi8(byte1_low, _mm256_and_si256(prev1, nib))),
            _mm256_shuffle_epi8(
                byte2_high, _mm256_and_si256(_mm256_srli_epi16(in, 4), nib)));
        err = _mm256_xor_si256(
            err, _mm256_and_si256(
                     _mm256_or_si256(
                         _mm256_subs_epu8(_mm256_alignr_epi8(in, cross, 16 - 2),
                                          third),
                         _mm256_subs_epu8(_mm256_alignr_epi8(in, cross, 16 - 3),
                                          fourth)),
                     high));
        if (!_mm256_testz_si256(err, err))
            break;
        incomplete = _mm256_subs_epu8(in, last_max);
        prev = in;
    }
    return char_start_before(p, i);
}
#endif

size_t sr_encoding_utf8_span(const char *s, size_t n, bool cut_ok)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

#ifdef UTF8_AVX2
    if (n >= 64 && __builtin_cpu_supports("avx2"))
        i = utf8_prefix_avx2(p, n);
#endif

    while (i < n) {
        unsigned c = p[i];
        unsigned lo = 0x80;
        unsigned hi = 0xBF;
        size_t need;
        size_t k;

        if (c < 0x80) {
            i++;
            while (i + 8 <= n && ascii8(p + i))
                i += 8;
            continue;
        }
        /* the common case of CJK text first: a whole 3-byte sequence
         * whose lead allows any continuation bytes */
        if (c >= 0xE1 && c != 0xED && c <= 0xEF && i + 2 < n &&
            (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c == 0xE0) {
            need = 2;
            lo = 0xA0;
        } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
            need = 2;
        } else if (c == 0xED) {
            need = 2;
            hi = 0x9F; /* no surrogates */
        } else if (c == 0xF0) {
            need = 3;
            lo = 0x90;
        } else if (c >= 0xF1 && c <= 0xF3) {
            need = 3;
        } else if (c == 0xF4) {
            need = 3;
            hi = 0x8F; /* nothing above U+10FFFF */
        } else {
            return i;
        }
        for (k = 1; k <= need; k++) {
            unsigned cc;

            if (i + k >= n)
                return cut_ok ? n : i;
            cc = p[i + k];
            if (k == 1 ? (cc < lo || cc > hi) : (cc < 0x80 || cc > 0xBF))
                return i;
        }
        i += need + 1;
    }
    return n;
}

enum sr_encoding sr_encoding_detect(const char *buf, size_t n)
{
    if (sr_encoding_utf8_span(buf, n, true) == n)
        return SR_ENC_UTF8;
    return SR_ENC_GB18030;
}

struct sr_decoder *sr_decoder_new(enum sr_encoding enc, const char *name)
{
    struct sr_decoder *dec = xcalloc(1, sizeof(*dec));

    dec->asked = enc;
    dec->enc = enc;
    dec->st = ST_BOM;
    dec->bom = SR_BOM_NONE;
    dec->name = name;
    sr_buf_init(&dec->pend);
    dec->cd_open = false;
    dec->err = SR_OK;
    return dec;
}

void sr_decoder_free(struct sr_decoder *dec)
{
    if (!dec)
        return;
    if (dec->cd_open)
        iconv_close(dec->cd);
    sr_buf_release(&dec->pend);
    free(dec);
}

enum sr_encoding sr_decoder_encoding(const struct sr_decoder *dec)
{
    return dec->enc;
}

enum sr_bom sr_decoder_bom(const struct sr_decoder *dec)
{
    return dec->bom;
}

void sr_decoder_set_utf16(struct sr_decoder *dec, enum sr_utf16 mode)
{
    if (!dec->started)
        dec->utf16 = mode;
}

enum sr_utf16 sr_decoder_utf16(const struct sr_decoder *dec)
{
    return dec->in_u16;
}

unsigned long sr_decoder_bad_bytes(const struct sr_decoder *dec)
{
    return dec->bad;
}

/* Enter ST_FAILED with a message that later calls repeat. */
static enum sr_status fail(struct sr_decoder *dec, enum sr_status code,
                           const char *msg, struct sr_diag *d)
{
    dec->st = ST_FAILED;
    dec->err = code;
    snprintf(dec->errmsg, sizeof(dec->errmsg), "%s", msg);
    return sr_diag_set(d, code, dec->name, 0, "%s", dec->errmsg);
}

/* Drop the first n bytes of b. */
static void buf_consume(struct sr_buf *b, size_t n)
{
    if (n >= b->len) {
        sr_buf_reset(b);
        return;
    }
    memmove(b->buf, b->buf + n, b->len - n);
    b->len -= n;
    b->buf[b->len] = '\0';
}

/* Open the iconv handle from @from (GB18030, UTF-16LE or UTF-16BE). */
static enum sr_status start_iconv(struct sr_decoder *dec, const char *from,
                                  struct sr_diag *d)
{
    char msg[200];

    if (dec->cd_open)
        return SR_OK;
    dec->cd = iconv_open("UTF-8", from);
    if (dec->cd == (iconv_t)-1) {
        snprintf(msg, sizeof(msg), "cannot convert from %s: %s", from,
                 strerror(errno));
        return fail(dec, SR_ERR_LIBRARY, msg, d);
    }
    dec->cd_open = true;
    return SR_OK;
}

static enum sr_status start_gb(struct sr_decoder *dec, struct sr_diag *d)
{
    dec->st = ST_GB;
    dec->enc = SR_ENC_GB18030;
    dec->unit = 1;
    return start_iconv(dec, "GB18030", d);
}

/* Go on as UTF-16 in the byte order @mode (SR_UTF16_LE or _BE). */
static enum sr_status start_u16(struct sr_decoder *dec, enum sr_utf16 mode,
                                struct sr_diag *d)
{
    dec->st = ST_U16;
    dec->enc = SR_ENC_UTF8;
    dec->unit = 2;
    dec->in_u16 = mode;
    return start_iconv(dec, mode == SR_UTF16_BE ? "UTF-16BE" : "UTF-16LE", d);
}

/*
 * Convert what pend holds.  Each undecodable code unit becomes one
 * SR_DECODER_BAD; a cut character at the end stays in pend unless @final,
 * when its bytes are bad.
 */
static enum sr_status convert_iconv(struct sr_decoder *dec, struct sr_buf *out,
                                    bool final, struct sr_diag *d)
{
    char *inp = dec->pend.buf;
    size_t inleft = dec->pend.len;
    char msg[200];

    while (inleft) {
        char *outp;
        size_t outleft;
        size_t rc;
        int e;

        /* GB18030 -> UTF-8 grows 1.5 times at most, UTF-16 -> UTF-8 too */
        sr_buf_grow(out, inleft * 2 + 16);
        outp = out->buf + out->len;
        outleft = out->alloc - out->len - 1;
        errno = 0;
        rc = iconv(dec->cd, &inp, &inleft, &outp, &outleft);
        e = errno;
        out->len = (size_t)(outp - out->buf);
        out->buf[out->len] = '\0';
        if (rc != (size_t)-1)
            break;
        if (e == E2BIG)
            continue;
        if (e == EILSEQ || (e == EINVAL && final)) {
            size_t skip = inleft < dec->unit ? inleft : dec->unit;

            sr_buf_addch(out, SR_DECODER_BAD);
            dec->bad++;
            inp += skip;
            inleft -= skip;
            continue;
        }
        if (e == EINVAL)
            break; /* a cut character: wait for the rest */
        snprintf(msg, sizeof(msg), "cannot convert from %s: %s",
                 dec->st == ST_U16 ? "UTF-16" : "GB18030", strerror(e));
        return fail(dec, SR_ERR_LIBRARY, msg, d);
    }
    buf_consume(&dec->pend, dec->pend.len - inleft);
    if (final) {
        char *outp;
        size_t outleft;

        sr_buf_grow(out, 16);
        outp = out->buf + out->len;
        outleft = out->alloc - out->len - 1;
        iconv(dec->cd, NULL, NULL, &outp, &outleft);
        out->len = (size_t)(outp - out->buf);
        out->buf[out->len] = '\0';
    }
    return SR_OK;
}

static enum sr_status process(struct sr_decoder *dec, const char *in, size_t n,
                              struct sr_buf *out, bool final,
                              struct sr_diag *d);

/* Leave ST_SNIFF for @enc and push the held window through. */
static enum sr_status decide(struct sr_decoder *dec, enum sr_encoding enc,
                             struct sr_buf *out, bool final, struct sr_diag *d)
{
    enum sr_status s;

    if (enc == SR_ENC_GB18030) {
        /* pend is already the conversion buffer */
        s = start_gb(dec, d);
        if (s != SR_OK)
            return s;
        return convert_iconv(dec, out, final, d);
    }
    dec->st = ST_UTF8;
    dec->enc = SR_ENC_UTF8;
    sr_buf_add(out, dec->pend.buf, dec->pend.len);
    sr_buf_reset(&dec->pend);
    return SR_OK;
}

static enum sr_status sniff(struct sr_decoder *dec, const char *in, size_t n,
                            struct sr_buf *out, bool final, struct sr_diag *d)
{
    if (!dec->pend.len) {
        const unsigned char *p = (const unsigned char *)in;
        size_t i = 0;

        while (i < n && p[i] < 0x80) {
            if (i + 8 <= n && ascii8(p + i))
                i += 8;
            else
                i++;
        }
        sr_buf_add(out, in, i);
        in += i;
        n -= i;
        if (!n)
            return SR_OK; /* still ASCII: still undecided */
    }
    sr_buf_add(&dec->pend, in, n);
    if (dec->pend.len < SR_ENCODING_SNIFF && !final)
        return SR_OK;
    return decide(dec, sr_encoding_detect(dec->pend.buf, dec->pend.len), out,
                  final, d);
}

/* Look for a BOM in the first bytes, then go on in the state it implies. */
static enum sr_status bom(struct sr_decoder *dec, const char *in, size_t n,
                          struct sr_buf *out, bool final, struct sr_diag *d)
{
    struct sr_buf head = SR_BUF_INIT;
    enum sr_status s = SR_OK;
    size_t blen;

    sr_buf_add(&dec->pend, in, n);
    if (!final && sr_encoding_bom_pending(dec->pend.buf, dec->pend.len))
        return SR_OK;
    dec->bom = sr_encoding_bom(dec->pend.buf, dec->pend.len, &blen);
    if (dec->utf16 == SR_UTF16_LE || dec->utf16 == SR_UTF16_BE) {
        /* forced: only a BOM of that order is dropped */
        if (dec->bom !=
            (dec->utf16 == SR_UTF16_LE ? SR_BOM_UTF16LE : SR_BOM_UTF16BE))
            blen = 0;
    } else if (dec->bom == SR_BOM_UTF16LE || dec->bom == SR_BOM_UTF16BE) {
        if (dec->utf16 == SR_UTF16_REFUSE)
            return fail(dec, SR_ERR_PARSE, "UTF-16 is not supported", d);
    }
    /* take the bytes after the BOM out of pend, which the next state owns */
    head = dec->pend;
    sr_buf_init(&dec->pend);
    if (dec->utf16 == SR_UTF16_LE || dec->utf16 == SR_UTF16_BE) {
        s = start_u16(dec, dec->utf16, d);
    } else if (dec->bom == SR_BOM_UTF16LE || dec->bom == SR_BOM_UTF16BE) {
        s = start_u16(
            dec, dec->bom == SR_BOM_UTF16LE ? SR_UTF16_LE : SR_UTF16_BE, d);
    } else if (dec->bom == SR_BOM_UTF8 || dec->asked == SR_ENC_UTF8) {
        dec->st = ST_UTF8;
        dec->enc = SR_ENC_UTF8;
    } else if (dec->asked == SR_ENC_GB18030) {
        s = start_gb(dec, d);
    } else {
        dec->st = ST_SNIFF;
    }
    if (s == SR_OK)
        s = process(dec, head.buf + blen, head.len - blen, out, final, d);
    sr_buf_release(&head);
    return s;
}

static enum sr_status process(struct sr_decoder *dec, const char *in, size_t n,
                              struct sr_buf *out, bool final, struct sr_diag *d)
{
    switch (dec->st) {
    case ST_BOM:
        return bom(dec, in, n, out, final, d);
    case ST_SNIFF:
        return sniff(dec, in, n, out, final, d);
    case ST_UTF8:
        sr_buf_add(out, in, n);
        return SR_OK;
    case ST_GB:
    case ST_U16:
        sr_buf_add(&dec->pend, in, n);
        return convert_iconv(dec, out, final, d);
    case ST_FAILED:
        break;
    }
    return sr_diag_set(d, dec->err, dec->name, 0, "%s", dec->errmsg);
}

bool sr_decoder_passthrough(const struct sr_decoder *dec)
{
    return dec->started && dec->st == ST_UTF8;
}

enum sr_status sr_decoder_feed(struct sr_decoder *dec, const char *in, size_t n,
                               struct sr_buf *out, struct sr_diag *d)
{
    dec->started = true;
    return process(dec, in, n, out, false, d);
}

enum sr_status sr_decoder_finish(struct sr_decoder *dec, struct sr_buf *out,
                                 struct sr_diag *d)
{
    dec->started = true;
    return process(dec, "", 0, out, true, d);
}
