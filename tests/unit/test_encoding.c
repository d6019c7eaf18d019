/* SPDX-License-Identifier: MIT */
/*
 * test_encoding.c - unit tests of encoding names, detection and the
 * streaming decoder (src/read/encoding.c)
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../src/core/buf.h"
#include "../../src/core/mem.h"
#include "../../src/read/encoding.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>

/* UTF-8 -> GB18030 with iconv. Caller frees. */
static char *to_gbk(const char *utf8, size_t *len)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    size_t inleft = strlen(utf8);
    size_t cap = inleft * 2 + 1;
    char *out = xmalloc(cap);
    char *in = xstrdup(utf8);
    char *inp = in;
    char *outp = out;
    size_t outleft = cap;

    assert_true(cd != (iconv_t)-1);
    assert_true(iconv(cd, &inp, &inleft, &outp, &outleft) != (size_t)-1);
    iconv_close(cd);
    free(in);
    *len = cap - outleft;
    return out;
}

/*
 * Decode @in[0..n) with a decoder for @enc, fed @step bytes at a time
 * (0: all at once), into @out.  Returns the status of the first failing
 * call, or SR_OK.
 */
static enum sr_status decode(enum sr_encoding enc, const char *in, size_t n,
                             size_t step, struct sr_buf *out,
                             enum sr_encoding *used, unsigned long *bad)
{
    struct sr_decoder *dec = sr_decoder_new(enc, "test");
    struct sr_diag d;
    enum sr_status s = SR_OK;
    size_t i = 0;

    sr_buf_reset(out);
    while (s == SR_OK && i < n) {
        size_t k = step && n - i > step ? step : n - i;

        s = sr_decoder_feed(dec, in + i, k, out, &d);
        i += k;
    }
    if (s == SR_OK)
        s = sr_decoder_finish(dec, out, &d);
    if (used)
        *used = sr_decoder_encoding(dec);
    if (bad)
        *bad = sr_decoder_bad_bytes(dec);
    sr_decoder_free(dec);
    return s;
}

static void test_parse_and_name(void **state)
{
    static const struct {
        const char *name;
        enum sr_encoding enc;
    } good[] = {
        { "auto", SR_ENC_AUTO },      { "AUTO", SR_ENC_AUTO },
        { "utf-8", SR_ENC_UTF8 },     { "UTF-8", SR_ENC_UTF8 },
        { "utf8", SR_ENC_UTF8 },      { " Utf8 ", SR_ENC_UTF8 },
        { "gbk", SR_ENC_GB18030 },    { "GBK", SR_ENC_GB18030 },
        { "gb2312", SR_ENC_GB18030 }, { "GB18030", SR_ENC_GB18030 },
    };
    static const char *const bad[] = { "",   "utf-16", "latin1",
                                       "gb", "utf-8x", "big5" };
    enum sr_encoding e;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        e = (enum sr_encoding)99;
        assert_true(sr_encoding_parse(good[i].name, &e));
        assert_int_equal(e, good[i].enc);
    }
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        e = SR_ENC_UTF8;
        assert_false(sr_encoding_parse(bad[i], &e));
        assert_int_equal(e, SR_ENC_UTF8);
    }
    assert_false(sr_encoding_parse(NULL, &e));
    assert_string_equal(sr_encoding_name(SR_ENC_AUTO), "auto");
    assert_string_equal(sr_encoding_name(SR_ENC_UTF8), "UTF-8");
    assert_string_equal(sr_encoding_name(SR_ENC_GB18030), "GB18030");
}

static void test_bom(void **state)
{
    size_t len = 99;

    (void)state;
    assert_int_equal(sr_encoding_bom("\xEF\xBB\xBFx", 4, &len), SR_BOM_UTF8);
    assert_int_equal(len, 3);
    assert_int_equal(sr_encoding_bom("\xFF\xFEx", 3, &len), SR_BOM_UTF16LE);
    assert_int_equal(len, 2);
    assert_int_equal(sr_encoding_bom("\xFE\xFF", 2, &len), SR_BOM_UTF16BE);
    assert_int_equal(sr_encoding_bom("\xEF\xBB", 2, &len), SR_BOM_NONE);
    assert_int_equal(len, 0);
    assert_int_equal(sr_encoding_bom("abc", 3, NULL), SR_BOM_NONE);

    assert_true(sr_encoding_bom_pending("", 0));
    assert_true(sr_encoding_bom_pending("\xEF", 1));
    assert_true(sr_encoding_bom_pending("\xEF\xBB", 2));
    assert_true(sr_encoding_bom_pending("\xFF", 1));
    assert_true(sr_encoding_bom_pending("\xFE", 1));
    assert_false(sr_encoding_bom_pending("\xEF\xBB\xBF", 3));
    assert_false(sr_encoding_bom_pending("\xEF\xBC", 2));
    assert_false(sr_encoding_bom_pending("a", 1));
}

static void test_utf8_span(void **state)
{
    static const struct {
        const char *s;
        size_t n;
        size_t strict;  /* span with cut_ok false */
        size_t lenient; /* with cut_ok true */
    } cases[] = {
        { "", 0, 0, 0 },
        { "hello, world", 12, 12, 12 },
        { "\xE4\xB8\xAD\xE6\x96\x87", 6, 6, 6 }, /* 中文 */
        { "ab\xE4\xB8", 4, 2, 4 },               /* cut 中 */
        { "ab\xF0\x9F\x98", 5, 2, 5 },           /* cut emoji */
        { "\xF0\x9F\x98\x80!", 5, 5, 5 },        /* emoji */
        { "a\xC0\x80", 3, 1, 1 },                /* overlong NUL */
        { "a\xE0\x80\x80", 4, 1, 1 },            /* overlong */
        { "a\xED\xA0\x80", 4, 1, 1 },            /* surrogate */
        { "a\xF4\x90\x80\x80", 5, 1, 1 },        /* above U+10FFFF */
        { "a\xF5", 2, 1, 1 },
        { "a\x80", 2, 1, 1 },            /* lone continuation */
        { "a\xC3(", 3, 1, 1 },           /* bad continuation */
        { "\xC2\xFA\xD2\xE2", 4, 0, 0 }, /* GBK 满意 */
        { "a\0b", 3, 3, 3 },             /* NUL is valid */
        { "0123456789abcdef\xFF", 17, 16, 16 },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(sr_encoding_utf8_span(cases[i].s, cases[i].n, false),
                         cases[i].strict);
        assert_int_equal(sr_encoding_utf8_span(cases[i].s, cases[i].n, true),
                         cases[i].lenient);
    }
}

/*
 * The span by the definition (The Unicode Standard, table 3-7, "Well-Formed
 * UTF-8 Byte Sequences"): the allowed range of each byte of a character
 * depends on its lead; a character cut by the end counts as valid with
 * @cut_ok when the bytes it has are in their ranges.
 */
static size_t ref_span(const unsigned char *p, size_t n, bool cut_ok)
{
    size_t i = 0;

    while (i < n) {
        unsigned c = p[i];
        unsigned lo = 0x80;
        unsigned hi = 0xBF;
        size_t len;
        size_t k;

        if (c <= 0x7F) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            len = 2;
        else if (c >= 0xE0 && c <= 0xEF)
            len = 3;
        else if (c >= 0xF0 && c <= 0xF4)
            len = 4;
        else
            return i;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
        else if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
        for (k = 1; k < len; k++) {
            if (i + k >= n)
                return cut_ok ? n : i;
            if (p[i + k] < (k == 1 ? lo : 0x80) ||
                p[i + k] > (k == 1 ? hi : 0xBF))
                return i;
        }
        i += len;
    }
    return n;
}

/* a random character: ASCII, 2, 3 or 4 bytes, mostly valid */
static size_t rnd_char(uint64_t *x, unsigned char *o)
{
    uint64_t r;
    unsigned cp;

    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    r = *x;
    switch (r % 16) {
    case 0: /* any byte at all */
        o[0] = (unsigned char)(r >> 8);
        return 1;
    case 1: /* a lead or continuation alone */
        o[0] = (unsigned char)(0x80 | (r >> 8 & 0x7F));
        return 1;
    case 2:
    case 3:
    case 4:
    case 5:
        o[0] = (unsigned char)(0x20 + (r >> 8) % 0x5F);
        return 1;
    case 6:
        cp = 0x80 + (unsigned)(r >> 8) % (0x800 - 0x80);
        o[0] = (unsigned char)(0xC0 | cp >> 6);
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    case 7: /* edges: overlong, surrogate, too large, from a small set */
    {
        static const unsigned char edge[][4] = { { 0xC0, 0x80 },
                                                 { 0xC1, 0xBF },
                                                 { 0xE0, 0x9F, 0x80 },
                                                 { 0xE0, 0xA0, 0x80 },
                                                 { 0xED, 0x9F, 0xBF },
                                                 { 0xED, 0xA0, 0x80 },
                                                 { 0xEF, 0xBF, 0xBF },
                                                 { 0xF0, 0x8F, 0x80, 0x80 },
                                                 { 0xF0, 0x90, 0x80, 0x80 },
                                                 { 0xF4, 0x8F, 0xBF, 0xBF },
                                                 { 0xF4, 0x90, 0x80, 0x80 },
                                                 { 0xF5, 0x80, 0x80, 0x80 },
                                                 { 0xFF, 0x80 },
                                                 { 0xE4, 0xB8 },
                                                 { 0xF0, 0x9F, 0x98 },
                                                 { 0xC3 } };
        size_t k = (size_t)(r >> 8) % (sizeof(edge) / sizeof(edge[0]));
        size_t len = 0;

        while (len < 4 && edge[k][len])
            len++;
        memcpy(o, edge[k], len);
        return len;
    }
    case 8:
        cp = 0x10000 + (unsigned)(r >> 8) % (0x110000 - 0x10000);
        o[0] = (unsigned char)(0xF0 | cp >> 18);
        o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        o[3] = (unsigned char)(0x80 | (cp & 0x3F));
        return 4;
    default: /* CJK and other 3-byte characters, surrogates left out */
        cp = 0x800 + (unsigned)(r >> 8) % (0x10000 - 0x800);
        if (cp >= 0xD800 && cp <= 0xDFFF)
            cp = 0x4E2D;
        o[0] = (unsigned char)(0xE0 | cp >> 12);
        o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
}

/*
 * sr_encoding_utf8_span() checks 32 bytes at a time where the CPU can
 * (AVX2): it must agree with the definition on text of every length and
 * mix, with an error or a cut character at every place, and on every pair
 * of bytes at either side of a 32-byte boundary.
 */
static void test_utf8_span_random(void **state)
{
    unsigned char buf[400];
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    unsigned a;
    unsigned b;
    size_t at;
    int round;

    (void)state;
    for (round = 0; round < 60000; round++) {
        size_t n = 0;
        size_t want = (size_t)(x % 380);
        int mostly_valid = round % 3;

        while (n < want) {
            unsigned char c[4];
            size_t len = rnd_char(&x, c);

            /* two rounds in three: errors seldom, so that long valid
             * stretches come before them */
            if (mostly_valid &&
                (c[0] >= 0xF5 || (c[0] & 0xC0) == 0x80 || c[0] == 0xC0 ||
                 c[0] == 0xC1) &&
                x % 50)
                continue;
            if (n + len > sizeof(buf))
                break;
            memcpy(buf + n, c, len);
            n += len;
        }
        if (round % 7 == 0 && n > 1)
            n -= (size_t)(x % 3) + 1 < n ? (size_t)(x % 3) + 1 : 0; /* cut */
        assert_int_equal(sr_encoding_utf8_span((const char *)buf, n, false),
                         ref_span(buf, n, false));
        assert_int_equal(sr_encoding_utf8_span((const char *)buf, n, true),
                         ref_span(buf, n, true));
    }
    /* every pair of bytes across the 32-byte boundaries, in valid text */
    for (at = 30; at <= 33; at++) {
        for (a = 0; a < 256; a++) {
            for (b = 0; b < 256; b++) {
                memset(buf, 'a', 128);
                memcpy(buf + 40, "\xe4\xb8\xad", 3); /* not all ASCII */
                buf[at] = (unsigned char)a;
                buf[at + 1] = (unsigned char)b;
                assert_int_equal(
                    sr_encoding_utf8_span((const char *)buf, 128, false),
                    ref_span(buf, 128, false));
            }
        }
    }
}

static void test_detect(void **state)
{
    size_t len;
    char *gbk = to_gbk("客户满意度调查,非常满意", &len);

    (void)state;
    assert_int_equal(sr_encoding_detect("", 0), SR_ENC_UTF8);
    assert_int_equal(sr_encoding_detect("plain,ascii\n", 12), SR_ENC_UTF8);
    assert_int_equal(sr_encoding_detect("满意", strlen("满意")), SR_ENC_UTF8);
    /* cut by the end of the sniff window: still UTF-8 */
    assert_int_equal(sr_encoding_detect("满意", strlen("满意") - 1),
                     SR_ENC_UTF8);
    assert_int_equal(sr_encoding_detect(gbk, len), SR_ENC_GB18030);
    free(gbk);
}

static void test_decoder_utf8(void **state)
{
    static const size_t steps[] = { 0, 1, 2, 3, 5 };
    struct sr_buf out = SR_BUF_INIT;
    enum sr_encoding used;
    unsigned long bad;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        /* the BOM goes, even when cut over several feeds */
        assert_int_equal(decode(SR_ENC_UTF8, "\xEF\xBB\xBF满意,a", 11, steps[i],
                                &out, &used, &bad),
                         SR_OK);
        assert_string_equal(out.buf, "满意,a");
        assert_int_equal(used, SR_ENC_UTF8);
        /* bytes that only start like a BOM stay */
        assert_int_equal(
            decode(SR_ENC_UTF8, "\xEF\xBB", 2, steps[i], &out, NULL, NULL),
            SR_OK);
        assert_int_equal(out.len, 2);
        assert_memory_equal(out.buf, "\xEF\xBB", 2);
        /* invalid bytes pass through for the reader to find */
        assert_int_equal(
            decode(SR_ENC_UTF8, "a\xC3(b", 4, steps[i], &out, NULL, &bad),
            SR_OK);
        assert_string_equal(out.buf, "a\xC3(b");
        assert_int_equal(bad, 0);
    }
    assert_int_equal(decode(SR_ENC_UTF8, "", 0, 0, &out, NULL, NULL), SR_OK);
    assert_int_equal(out.len, 0);
    sr_buf_release(&out);
}

static void test_decoder_gb18030(void **state)
{
    static const size_t steps[] = { 0, 1, 2, 3, 4, 7 };
    const char *text = "序号,满意度,意见\n1,非常满意,𠀀€好\n";
    struct sr_buf out = SR_BUF_INIT;
    enum sr_encoding used;
    unsigned long bad;
    size_t len;
    char *gbk = to_gbk(text, &len);
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        /* characters cut by feed boundaries come out whole */
        assert_int_equal(
            decode(SR_ENC_GB18030, gbk, len, steps[i], &out, &used, &bad),
            SR_OK);
        assert_string_equal(out.buf, text);
        assert_int_equal(used, SR_ENC_GB18030);
        assert_int_equal(bad, 0);
        /* undecodable bytes become SR_DECODER_BAD, one each */
        assert_int_equal(decode(SR_ENC_GB18030,
                                "a\x80"
                                "b\xFF"
                                "c",
                                5, steps[i], &out, NULL, &bad),
                         SR_OK);
        assert_string_equal(out.buf, "a\xFF"
                                     "b\xFF"
                                     "c");
        assert_int_equal(bad, 2);
        /* a character cut by the end of the input */
        assert_int_equal(
            decode(SR_ENC_GB18030, "ab\xC4", 3, steps[i], &out, NULL, &bad),
            SR_OK);
        assert_string_equal(out.buf, "ab\xFF");
        assert_int_equal(bad, 1);
        /* the first bytes of a 4-byte sequence, then ASCII */
        assert_int_equal(
            decode(SR_ENC_GB18030, "\x81\x30z", 3, steps[i], &out, NULL, &bad),
            SR_OK);
        assert_int_equal(bad, 1);
        assert_string_equal(out.buf, "\xFF"
                                     "0z");
        /* a UTF-8 BOM beats the declaration */
        assert_int_equal(decode(SR_ENC_GB18030, "\xEF\xBB\xBF满意", 9, steps[i],
                                &out, &used, NULL),
                         SR_OK);
        assert_string_equal(out.buf, "满意");
        assert_int_equal(used, SR_ENC_UTF8);
    }
    free(gbk);
    sr_buf_release(&out);
}

static void test_decoder_auto(void **state)
{
    static const size_t steps[] = { 0, 1, 3, 1000 };
    struct sr_buf in = SR_BUF_INIT;
    struct sr_buf want = SR_BUF_INIT;
    struct sr_buf out = SR_BUF_INIT;
    enum sr_encoding used;
    size_t len;
    char *gbk = to_gbk("中文,意见\n", &len);
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        /* ASCII only: undecided, passed through */
        assert_int_equal(
            decode(SR_ENC_AUTO, "a,b\n1,2\n", 8, steps[i], &out, &used, NULL),
            SR_OK);
        assert_string_equal(out.buf, "a,b\n1,2\n");
        assert_int_equal(used, SR_ENC_AUTO);
        /* UTF-8 */
        assert_int_equal(
            decode(SR_ENC_AUTO, "a,满意\n", 9, steps[i], &out, &used, NULL),
            SR_OK);
        assert_string_equal(out.buf, "a,满意\n");
        assert_int_equal(used, SR_ENC_UTF8);
        /* GBK */
        assert_int_equal(
            decode(SR_ENC_AUTO, gbk, len, steps[i], &out, &used, NULL), SR_OK);
        assert_string_equal(out.buf, "中文,意见\n");
        assert_int_equal(used, SR_ENC_GB18030);
        /* a BOM decides at once */
        assert_int_equal(decode(SR_ENC_AUTO,
                                "\xEF\xBB\xBF"
                                "a",
                                4, steps[i], &out, &used, NULL),
                         SR_OK);
        assert_string_equal(out.buf, "a");
        assert_int_equal(used, SR_ENC_UTF8);
    }
    /* GBK after more than the sniff window of ASCII, then a long UTF-8
     * stretch after GBK (decided once, for the whole input) */
    for (i = 0; i < SR_ENCODING_SNIFF + 100; i++)
        sr_buf_addch(&in, 'x');
    sr_buf_add(&in, gbk, len);
    sr_buf_add(&want, in.buf, SR_ENCODING_SNIFF + 100);
    sr_buf_addstr(&want, "中文,意见\n");
    assert_int_equal(
        decode(SR_ENC_AUTO, in.buf, in.len, 4096, &out, &used, NULL), SR_OK);
    assert_int_equal(used, SR_ENC_GB18030);
    assert_string_equal(out.buf, want.buf);
    /* UTF-8 whose first non-ASCII byte opens a window larger than a feed */
    sr_buf_reset(&in);
    sr_buf_reset(&want);
    for (i = 0; i < SR_ENCODING_SNIFF / 3 + 10; i++)
        sr_buf_addstr(&in, "满");
    assert_int_equal(
        decode(SR_ENC_AUTO, in.buf, in.len, 1000, &out, &used, NULL), SR_OK);
    assert_int_equal(used, SR_ENC_UTF8);
    assert_string_equal(out.buf, in.buf);
    free(gbk);
    sr_buf_release(&in);
    sr_buf_release(&want);
    sr_buf_release(&out);
}

static void test_decoder_utf16(void **state)
{
    static const enum sr_encoding encs[] = { SR_ENC_AUTO, SR_ENC_UTF8,
                                             SR_ENC_GB18030 };
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;
    size_t i;

    (void)state;
    for (i = 0; i < 3; i++) {
        struct sr_decoder *dec = sr_decoder_new(encs[i], "in.csv");

        assert_int_equal(sr_decoder_feed(dec, "\xFF", 1, &out, &d), SR_OK);
        assert_int_equal(sr_decoder_feed(dec,
                                         "\xFE"
                                         "a\0",
                                         3, &out, &d),
                         SR_ERR_PARSE);
        assert_int_equal(sr_decoder_bom(dec), SR_BOM_UTF16LE);
        assert_string_equal(d.file, "in.csv");
        assert_non_null(strstr(d.msg, "UTF-16"));
        /* it sticks */
        sr_diag_clear(&d);
        assert_int_equal(sr_decoder_finish(dec, &out, &d), SR_ERR_PARSE);
        assert_non_null(strstr(d.msg, "UTF-16"));
        assert_int_equal(out.len, 0);
        sr_decoder_free(dec);
    }
    assert_int_equal(decode(SR_ENC_AUTO, "\xFE\xFF\0a", 4, 0, &out, NULL, NULL),
                     SR_ERR_PARSE);
    sr_decoder_free(NULL);
    sr_buf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_and_name),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_utf8_span),
        cmocka_unit_test(test_utf8_span_random),
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_decoder_utf8),
        cmocka_unit_test(test_decoder_gb18030),
        cmocka_unit_test(test_decoder_auto),
        cmocka_unit_test(test_decoder_utf16),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
