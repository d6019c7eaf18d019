/* SPDX-License-Identifier: MIT */
/*
 * test_text.c - unit tests of text.c: normalisation (its fast paths
 * against utf8proc's NFKC), the normal-form test, validation, masking,
 * widths
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/core/text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- the reference: utf8proc's NFKC, then Unicode white space trimmed -- */

static bool ref_space(utf8proc_int32_t cp)
{
    if (cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || cp == 0x85 || cp == 0xa0 ||
        cp == 0x3000 || cp == 0xfeff)
        return true;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* NFKC of @s and trimmed, as a malloc'd string (caller frees) */
static char *ref_normalize(const char *s)
{
    utf8proc_uint8_t *nf = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &nf,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE |
                                          UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
    size_t start = 0;
    size_t end;
    char *out;

    assert_true(n >= 0);
    end = (size_t)n;
    while (start < end) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l =
            utf8proc_iterate(nf + start, (utf8proc_ssize_t)(end - start), &cp);

        if (l <= 0 || !ref_space(cp))
            break;
        start += (size_t)l;
    }
    while (end > start) {
        size_t p = end - 1;
        utf8proc_int32_t cp;

        while (p > start && (nf[p] & 0xc0) == 0x80)
            p--;
        if (utf8proc_iterate(nf + p, (utf8proc_ssize_t)(end - p), &cp) <= 0 ||
            !ref_space(cp))
            break;
        end = p;
    }
    out = malloc(end - start + 1);
    assert_non_null(out);
    memcpy(out, nf + start, end - start);
    out[end - start] = '\0';
    free(nf);
    return out;
}

/*
 * Random strings of pieces that take every path of sr_text_normalize():
 * ASCII (letters, digits, spaces, tabs, punctuation), CJK ideographs,
 * 、。《》“”—, full-width forms (５ ， Ａ ～), the ideographic space, and
 * text only utf8proc handles (é as e + U+0301, half-width katakana,
 * Hangul jamo, ﬁ, ①, U+00A0).  The result must be utf8proc's, a string
 * sr_text_is_normal() calls normal must be its own result, and
 * sr_text_is_normal_valid() must agree with it.
 */
static void test_normalize_random(void **state)
{
    static const char *const bits[] = {
        "a",
        "Z",
        "5",
        " ",
        "\t",
        ",",
        "\"",
        "\xe4\xb8\xad" /* 中 */,
        "\xe9\xbe\x98",
        "\xe4\xb8\x80" /* 一 */,
        "\xe3\x80\x81" /* 、 */,
        "\xe3\x80\x82",
        "\xe3\x80\x8a" /* 《 */,
        "\xe2\x80\x9c" /* “ */,
        "\xe2\x80\x94",
        "\xef\xbc\x95" /* ５ */,
        "\xef\xbc\x8c" /* ， */,
        "\xef\xbc\xa1",
        "\xef\xbd\x9e" /* ～ */,
        "\xe3\x80\x80" /* U+3000 */,
        "e\xcc\x81",
        "\xef\xbd\xb6" /* ｶ */,
        "\xe1\x84\x80\xe1\x85\xa1",
        "\xef\xac\x81",
        "\xe2\x91\xa0" /* ① */,
        "\xc2\xa0" /* NBSP */,
        "\xe4\xb7\x80",
        "\xe3\x81\x8b\xe3\x82\x99" /* か + voiced mark */
    };
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    struct sr_buf got = SR_BUF_INIT;
    char s[512];
    int round;

    (void)state;
    for (round = 0; round < 20000; round++) {
        size_t len;
        size_t n = 0;
        size_t i;
        char *want;

        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        len = x % (round % 2 ? 12 : 40); /* long ones: 16 bytes at a time */
        s[0] = '\0';
        for (i = 0; i < len; i++) {
            const char *b;

            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            b = bits[x % (sizeof(bits) / sizeof(bits[0]))];
            memcpy(s + n, b, strlen(b) + 1);
            n += strlen(b);
        }
        want = ref_normalize(s);
        sr_text_normalize(&got, s);
        if (strcmp(got.buf, want))
            print_error("'%s': got '%s', want '%s'\n", s, got.buf, want);
        assert_string_equal(got.buf, want);
        if (sr_text_is_normal(s, n))
            assert_string_equal(s, want);
        /* valid UTF-8 all: the fast test gives the same answer */
        assert_int_equal(sr_text_is_normal_valid(s, n),
                         sr_text_is_normal(s, n));
        free(want);
    }
    sr_buf_release(&got);
}

static void test_is_normal(void **state)
{
    (void)state;
    assert_true(sr_text_is_normal("", 0));
    assert_true(sr_text_is_normal("F2026000001", 11));
    assert_true(sr_text_is_normal("\xe6\xbb\xa1\xe6\x84\x8f", 6)); /* 满意 */
    assert_true(sr_text_is_normal("a \xe4\xb8\xad b", 7));
    assert_false(sr_text_is_normal(" a", 2));           /* trimmed */
    assert_false(sr_text_is_normal("a\n", 2));          /* trimmed */
    assert_false(sr_text_is_normal("\xef\xbc\x95", 3)); /* ５ */
    assert_false(sr_text_is_normal("\xe3\x80\x80", 3)); /* U+3000 */
    assert_false(sr_text_is_normal("\xe4\xb8", 2));     /* cut */
    assert_false(sr_text_is_normal("\xe4\x41\x41", 3)); /* bad */
    assert_false(sr_text_is_normal("\xff", 1));
}

static void test_normalize_cases(void **state)
{
    struct sr_buf b = SR_BUF_INIT;

    (void)state;
    sr_text_normalize(&b, "\xe3\x80\x80\xef\xbc\x94 "); /* "　４ " */
    assert_string_equal(b.buf, "4");
    sr_text_normalize(&b, "  plain  ");
    assert_string_equal(b.buf, "plain");
    sr_text_normalize(&b, "\xe6\xbb\xa1\xe6\x84\x8f"); /* 满意 */
    assert_string_equal(b.buf, "\xe6\xbb\xa1\xe6\x84\x8f");
    /* 套餐，价格；→ 套餐,价格; */
    sr_text_normalize(&b, "\xe5\xa5\x97\xe9\xa4\x90\xef\xbc\x8c\xe4\xbb\xb7"
                          "\xe6\xa0\xbc\xef\xbc\x9b");
    assert_string_equal(b.buf, "\xe5\xa5\x97\xe9\xa4\x90,\xe4\xbb\xb7"
                               "\xe6\xa0\xbc;");
    /* invalid UTF-8 is kept (the caller refuses it) */
    sr_text_normalize(&b, "a\xff");
    assert_string_equal(b.buf, "a\xff");
    sr_buf_release(&b);
}

static void test_utf8_valid(void **state)
{
    size_t bad = 0;

    (void)state;
    assert_true(sr_utf8_valid("ok \xe4\xb8\xad", 6, &bad));
    assert_false(sr_utf8_valid("ab\xc0\x80", 4, &bad)); /* overlong */
    assert_int_equal(bad, 2);
    assert_false(sr_utf8_valid("\xed\xa0\x80", 3, &bad)); /* surrogate */
    assert_int_equal(bad, 0);
}

static void test_mask_and_width(void **state)
{
    struct sr_buf b = SR_BUF_INIT;

    (void)state;
    sr_text_mask(&b, "13812345678");
    assert_string_equal(b.buf, "138****5678");
    sr_text_mask(&b, "\xe5\xbc\xa0\xe4\xb8\x89"); /* 张三 */
    assert_string_equal(b.buf, "\xe5\xbc\xa0*");
    assert_int_equal(sr_text_width("ab\xe4\xb8\xad"), 4);
    assert_int_equal(sr_utf8_len("ab\xe4\xb8\xad"), 3);
    sr_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_random),
        cmocka_unit_test(test_is_normal),
        cmocka_unit_test(test_normalize_cases),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_mask_and_width),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
