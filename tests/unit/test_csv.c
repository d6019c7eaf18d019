/* SPDX-License-Identifier: MIT */
/*
 * test_csv.c - unit tests of the CSV row layer, the native CSV form reader
 * and the reader dispatcher (src/read/csv.c, src/read/reader.c)
 *
 * Inputs: csv-spectrum (tests/data/csv-spectrum, expectations written out
 * here from its json/ files), the fixtures in tests/data/csv/, and files
 * generated into a temporary directory.  Run from the top of the tree.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../src/core/buf.h"
#include "../../src/core/log.h"
#include "../../src/core/mem.h"
#include "../../src/core/template.h"
#include "../../src/read/csv.h"
#include "../../src/read/encoding.h"
#include "../../src/read/reader.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* --- scaffolding ---------------------------------------------------------- */

static char tmpdir[64];
static char *made[128];
static size_t nmade;

/* Write @len bytes to a new file @name in the temporary directory; the
 * path returned is freed at teardown. */
static const char *put_file(const char *name, const void *data, size_t len)
{
    struct sr_buf path = SR_BUF_INIT;
    FILE *fp;

    sr_buf_addf(&path, "%s/%s", tmpdir, name);
    fp = fopen(path.buf, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
    assert_true(nmade < sizeof(made) / sizeof(made[0]));
    made[nmade] = sr_buf_detach(&path);
    return made[nmade++];
}

static const char *put_str(const char *name, const char *s)
{
    return put_file(name, s, strlen(s));
}

static int setup_dir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/sr-test-csv-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < nmade; i++) {
        unlink(made[i]);
        free(made[i]);
    }
    nmade = 0;
    return rmdir(tmpdir);
}

/* The first of the candidate locations of tests/data that exists. */
static const char *data_dir(void)
{
    static const char *const dirs[] = { "tests/data", "../tests/data",
                                        "../../tests/data" };
    size_t i;

    for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        if (access(dirs[i], R_OK) == 0)
            return dirs[i];
    }
    fail_msg("tests/data not found: run from the top of the tree");
    return NULL;
}

/* UTF-8 -> GB18030 with iconv, for GBK input. Caller frees. */
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

/* Append @s[0..n) to @b, escaping line ends, '|', '\' and NUL. */
static void add_escaped(struct sr_buf *b, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        switch (s[i]) {
        case '\n':
            sr_buf_addstr(b, "\\n");
            break;
        case '\r':
            sr_buf_addstr(b, "\\r");
            break;
        case '|':
            sr_buf_addstr(b, "\\|");
            break;
        case '\\':
            sr_buf_addstr(b, "\\\\");
            break;
        case '\0':
            sr_buf_addstr(b, "\\0");
            break;
        default:
            sr_buf_addch(b, s[i]);
        }
    }
}

/*
 * Read every row of @path and write them as text, one per line:
 * "LINE:cell|cell|..." then " !PROBLEM@CELL/OFFSET" when the row has one
 * and " #NTOTAL" when cells were dropped; a final error as "ERR code line:
 * msg".  Caller frees.
 */
static char *dump_rows(const char *path, enum sr_encoding enc, size_t chunk,
                       enum sr_encoding *used)
{
    struct sr_csv_opts o = { .encoding = enc, .chunk_size = chunk };
    struct sr_buf b = SR_BUF_INIT;
    struct sr_csv_rows *r;
    struct sr_csv_row row;
    struct sr_diag d;
    enum sr_status s;
    size_t i;

    sr_diag_clear(&d);
    s = sr_csv_rows_open(&r, path, &o, &d);
    if (s != SR_OK) {
        sr_buf_addf(&b, "OPEN %d: %s\n", (int)s, d.msg);
        return sr_buf_detach(&b);
    }
    while ((s = sr_csv_rows_next(r, &row, &d)) == SR_OK) {
        sr_buf_addf(&b, "%ld:", row.line);
        for (i = 0; i < row.ncells; i++) {
            if (i)
                sr_buf_addch(&b, '|');
            assert_int_equal(strlen(row.cells[i]) <= row.lens[i], 1);
            add_escaped(&b, row.cells[i], row.lens[i]);
        }
        if (row.problem != SR_CSV_ROW_OK)
            sr_buf_addf(&b, " !%d@%zu/%zu", (int)row.problem, row.problem_cell,
                        row.problem_offset);
        if (row.ntotal != row.ncells)
            sr_buf_addf(&b, " #%zu", row.ntotal);
        sr_buf_addch(&b, '\n');
    }
    if (s != SR_DONE)
        sr_buf_addf(&b, "ERR %d %ld: %s\n", (int)s, d.line, d.msg);
    if (used)
        *used = sr_csv_rows_encoding(r);
    sr_csv_rows_free(r);
    return sr_buf_detach(&b);
}

/* Chunk sizes that put chunk ends at every place of small inputs. */
static const size_t chunks[] = { 0, 1, 2, 3, 4, 5, 7, 11, 64 };
#define NCHUNKS (sizeof(chunks) / sizeof(chunks[0]))

/* Check that @path reads as @want with every chunk size. */
static void expect_rows(const char *path, enum sr_encoding enc,
                        const char *want)
{
    size_t i;

    for (i = 0; i < NCHUNKS; i++) {
        char *got = dump_rows(path, enc, chunks[i], NULL);

        if (strcmp(got, want) != 0)
            print_error("%s with chunk size %zu:\nwant:\n%s\ngot:\n%s\n", path,
                        chunks[i], want, got);
        assert_string_equal(got, want);
        free(got);
    }
}

/* --- the fast path against libcsv ---------------------------------------- */

/* dump_rows() with separator @sep */
static char *dump_sep(const char *path, char sep, size_t chunk)
{
    struct sr_csv_opts o = { .encoding = SR_ENC_UTF8,
                             .separator = sep,
                             .chunk_size = chunk };
    struct sr_buf b = SR_BUF_INIT;
    struct sr_csv_rows *r;
    struct sr_csv_row row;
    struct sr_diag d;
    enum sr_status s;
    size_t i;

    sr_diag_clear(&d);
    assert_int_equal(sr_csv_rows_open(&r, path, &o, &d), SR_OK);
    while ((s = sr_csv_rows_next(r, &row, &d)) == SR_OK) {
        sr_buf_addf(&b, "%ld-%ld:", row.line, row.end_line);
        for (i = 0; i < row.ncells; i++) {
            if (i)
                sr_buf_addch(&b, '|');
            assert_int_equal(strlen(row.cells[i]), row.lens[i]);
            add_escaped(&b, row.cells[i], row.lens[i]);
        }
        sr_buf_addf(&b, " !%d #%zu\n", (int)row.problem, row.ntotal);
    }
    if (s != SR_DONE)
        sr_buf_addf(&b, "ERR %d %ld: %s\n", (int)s, d.line, d.msg);
    sr_csv_rows_free(r);
    return sr_buf_detach(&b);
}

/*
 * Random text of the pieces CSV files are made of (quotes doubled or not,
 * text after a closing quote, spaces and tabs around fields, CR, LF, CRLF,
 * blank lines, CJK and full-width text): the fast path for whole lines must
 * cut every such file exactly as libcsv does, at every chunk size.
 */
static void test_rows_fast_path(void **state)
{
    static const char *const bits[] = {
        "a",     "bc",      "\xe4\xb8\xad", "\xef\xbc\x95",
        " ",     "  ",      "\t",           ",",
        ",",     ";",       "\"",           "\"\"",
        "\r\n",  "\n",      "\r",           "x y",
        "\"q\"", "\"a,b\"", "\"\"\"\"",     ",,",
        "\n\n",  "5"
    };
    static const char seps[] = { ',', ';', '\t', ' ' };
    static const size_t sizes[] = { 0, 3, 16, 61 };
    struct sr_buf text = SR_BUF_INIT;
    uint64_t x = 88172645463325252ULL;
    int round;
    size_t i;
    size_t k;
    size_t j;

    (void)state;
    for (round = 0; round < 300; round++) {
        char name[32];
        const char *path;
        size_t len;

        sr_buf_reset(&text);
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        len = 1 + x % 120;
        for (i = 0; i < len; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            sr_buf_addstr(&text, bits[x % (sizeof(bits) / sizeof(bits[0]))]);
        }
        snprintf(name, sizeof(name), "fast%d.csv", round % 4);
        if (nmade < 4 + 20) /* keep the made[] list short: reuse names */
            path = put_file(name, text.buf, text.len);
        else
            path = made[nmade - 4 + (size_t)(round % 4)];
        {
            FILE *fp = fopen(path, "wb");

            assert_non_null(fp);
            assert_int_equal(fwrite(text.buf, 1, text.len, fp), text.len);
            assert_int_equal(fclose(fp), 0);
        }
        for (k = 0; k < sizeof(seps); k++) {
            for (j = 0; j < sizeof(sizes) / sizeof(sizes[0]); j++) {
                char *slow;
                char *fast;

                sr_csv_set_fast(false);
                slow = dump_sep(path, seps[k], sizes[j]);
                sr_csv_set_fast(true);
                fast = dump_sep(path, seps[k], sizes[j]);
                if (strcmp(slow, fast))
                    print_error("separator %d, chunk %zu, text:\n%s\n"
                                "libcsv:\n%s\nfast:\n%s\n",
                                seps[k], sizes[j], text.buf, slow, fast);
                assert_string_equal(slow, fast);
                free(slow);
                free(fast);
            }
        }
    }
    sr_buf_release(&text);
}

/* --- csv-spectrum --------------------------------------------------------- */

/*
 * The expectations of csv-spectrum's json/ files, as rows (the header is
 * the first row).  location_coordinates.json gives "1234567890" for the
 * phone number, but its .csv holds 2095257564: the file is what we check.
 */
static const struct {
    const char *name;
    const char *rows;
} spectrum[] = {
    { "comma_in_quotes", "1:first|last|address|city|zip\n"
                         "2:John|Doe|120 any st.|Anytown, WW|08123\n" },
    { "empty", "1:a|b|c\n2:1||\n3:2|3|4\n" },
    { "empty_crlf", "1:a|b|c\n2:1||\n3:2|3|4\n" },
    { "escaped_quotes", "1:a|b\n2:1|ha \"ha\" ha\n3:3|4\n" },
    { "json", "1:key|val\n"
              "2:1|{\"type\": \"Point\", \"coordinates\": [102.0, 0.5]}\n" },
    { "location_coordinates",
      "1:Contact Phone Number|Location Coordinates|Cities|Counties\n"
      "2:2095257564|37\xEF\xBF\xBD"
      "36'37.8\"N 121\xEF\xBF\xBD"
      "2'17.9\"W|Modesto|Stanislaus\n" },
    { "newlines", "1:a|b|c\n2:1|2|3\n3:Once upon \\na time|5|6\n5:7|8|9\n" },
    { "newlines_crlf",
      "1:a|b|c\n2:1|2|3\n3:Once upon \\r\\na time|5|6\n5:7|8|9\n" },
    { "quotes_and_newlines", "1:a|b\n2:1|ha \\n\"ha\" \\nha\n5:3|4\n" },
    { "simple", "1:a|b|c\n2:1|2|3\n" },
    { "simple_crlf", "1:a|b|c\n2:1|2|3\n" },
    { "utf8", "1:a|b|c\n2:1|2|3\n3:4|5|\xCA\xA4\n" },
};

static void test_spectrum(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(spectrum) / sizeof(spectrum[0]); i++) {
        struct sr_buf path = SR_BUF_INIT;

        sr_buf_addf(&path, "%s/csv-spectrum/csvs/%s.csv", data_dir(),
                    spectrum[i].name);
        expect_rows(path.buf, SR_ENC_AUTO, spectrum[i].rows);
        expect_rows(path.buf, SR_ENC_UTF8, spectrum[i].rows);
        sr_buf_release(&path);
    }
}

/* --- the row layer -------------------------------------------------------- */

static void test_rows_bom_and_line_ends(void **state)
{
    const char *p;

    (void)state;
    p = put_str("bom.csv", "\xEF\xBB\xBF"
                           "a,b\n1,2\n");
    expect_rows(p, SR_ENC_AUTO, "1:a|b\n2:1|2\n");
    expect_rows(p, SR_ENC_UTF8, "1:a|b\n2:1|2\n");
    /* a BOM beats a declared GBK */
    expect_rows(p, SR_ENC_GB18030, "1:a|b\n2:1|2\n");
    /* CRLF, LF and a lone CR each end one line */
    p = put_str("ends.csv", "a,b\r\n1,2\r3,4\n5,6\r\n\"x\r\ny\",7\r8,9");
    expect_rows(p, SR_ENC_AUTO,
                "1:a|b\n2:1|2\n3:3|4\n4:5|6\n5:x\\r\\ny|7\n7:8|9\n");
}

static void test_rows_blank_lines(void **state)
{
    const char *p;

    (void)state;
    p = put_str("blank.csv",
                "\n\na,b\n\n   \n,\n\t,  \n\"\"\n1,2\n\n\n\"\n\",\n");
    expect_rows(p, SR_ENC_AUTO, "3:a|b\n9:1|2\n12:\\n|\n");
    /* spaces around unquoted fields go, inside quotes they stay */
    p = put_str("spaces.csv", "a , b\n 1 ,\" 2 \"  \n");
    expect_rows(p, SR_ENC_AUTO, "1:a|b\n2:1| 2 \n");
}

static void test_rows_multiline_lines(void **state)
{
    const char *p;

    (void)state;
    p = put_str("multi.csv", "id,text\n"
                             "1,\"one\ntwo\nthree\"\n"
                             "2,plain\n"
                             "3,\"a \"\"quoted\"\"\r\nword\"\r\n"
                             "4,\"\"\n");
    expect_rows(p, SR_ENC_AUTO,
                "1:id|text\n2:1|one\\ntwo\\nthree\n5:2|plain\n"
                "6:3|a \"quoted\"\\r\\nword\n8:4|\n");
}

static void test_rows_unterminated_quote(void **state)
{
    struct sr_csv_opts o = { .encoding = SR_ENC_AUTO };
    struct sr_csv_rows *r;
    struct sr_csv_row row;
    struct sr_diag d;
    char msg[2048];
    const char *p;

    (void)state;
    p = put_str("open.csv", "a,b\n1,2\n3,\"abc\ndef\n");
    expect_rows(p, SR_ENC_AUTO,
                "1:a|b\n2:1|2\n"
                "ERR 5 3: unterminated quoted field: the quote opened on "
                "this line runs to the end of the file (line 4)\n");
    p = put_str("open2.csv", "a,b\n\"x\n\",\"\"\"\n1,2");
    expect_rows(p, SR_ENC_AUTO,
                "1:a|b\n"
                "ERR 5 3: unterminated quoted field: the quote opened on "
                "this line runs to the end of the file (line 4)\n");
    /* a quote closed at the very end is fine */
    p = put_str("closed.csv", "a,b\n1,\"x\"");
    expect_rows(p, SR_ENC_AUTO, "1:a|b\n2:1|x\n");

    /* the error sticks */
    p = put_str("open3.csv", "a\n\"");
    assert_int_equal(sr_csv_rows_open(&r, p, &o, &d), SR_OK);
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_OK);
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_ERR_PARSE);
    sr_diag_clear(&d);
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_ERR_PARSE);
    assert_int_equal(d.line, 2);
    snprintf(msg, sizeof(msg),
             "%s:2: unterminated quoted field: the quote opened on this "
             "line runs to the end of the file (line 2)",
             p);
    {
        char got[2048];

        assert_string_equal(sr_diag_format(&d, got, sizeof(got)), msg);
    }
    sr_csv_rows_free(r);
}

static void test_rows_gbk(void **state)
{
    const char *utf8 = "客户,满意度,意见\r\n"
                       "张三,非常满意,\"价格偏高,\r\n希望降低\"\r\n"
                       "李四,满意,𠀀\r\n";
    const char *want = "1:客户|满意度|意见\n"
                       "2:张三|非常满意|价格偏高,\\r\\n希望降低\n"
                       "4:李四|满意|𠀀\n";
    enum sr_encoding used;
    size_t len;
    char *gbk = to_gbk(utf8, &len);
    const char *p = put_file("gbk.csv", gbk, len);
    char *got;

    (void)state;
    /* GB18030 has 4-byte sequences too (U+20000 here) */
    expect_rows(p, SR_ENC_GB18030, want);
    expect_rows(p, SR_ENC_AUTO, want);
    got = dump_rows(p, SR_ENC_AUTO, 3, &used);
    assert_int_equal(used, SR_ENC_GB18030);
    free(got);
    /* the same text in UTF-8 is detected as UTF-8 */
    p = put_str("utf8zh.csv", utf8);
    expect_rows(p, SR_ENC_AUTO, want);
    got = dump_rows(p, SR_ENC_AUTO, 1, &used);
    assert_int_equal(used, SR_ENC_UTF8);
    free(got);
    free(gbk);
}

static void test_rows_gbk_after_ascii(void **state)
{
    struct sr_buf in = SR_BUF_INIT;
    struct sr_buf want = SR_BUF_INIT;
    enum sr_encoding used;
    size_t len;
    char *gbk = to_gbk("中文,值\n", &len);
    const char *p;
    char *got;
    long i;

    (void)state;
    /* more than the sniff window of ASCII before the first GBK byte */
    sr_buf_addstr(&in, "a,b\n");
    sr_buf_addstr(&want, "1:a|b\n");
    for (i = 2; i <= 12000; i++) {
        sr_buf_addf(&in, "%ld,x\n", i);
        sr_buf_addf(&want, "%ld:%ld|x\n", i, i);
    }
    sr_buf_add(&in, gbk, len);
    sr_buf_addstr(&want, "12001:中文|值\n");
    p = put_file("late-gbk.csv", in.buf, in.len);
    got = dump_rows(p, SR_ENC_AUTO, 0, &used);
    assert_string_equal(got, want.buf);
    assert_int_equal(used, SR_ENC_GB18030);
    free(got);
    got = dump_rows(p, SR_ENC_AUTO, 4093, &used);
    assert_string_equal(got, want.buf);
    free(got);
    free(gbk);
    sr_buf_release(&in);
    sr_buf_release(&want);
}

static void test_rows_bad_text(void **state)
{
    struct sr_csv_opts o = { .encoding = SR_ENC_UTF8 };
    struct sr_csv_rows *r;
    struct sr_csv_row row;
    struct sr_buf msg = SR_BUF_INIT;
    struct sr_diag d;
    const char *p;
    size_t len;
    char *gbk;

    (void)state;
    /* invalid UTF-8: that row gets the problem, the rest is read */
    p = put_str("bad8.csv", "a,b\n1,x\xC3(y\n2,ok\n");
    expect_rows(p, SR_ENC_UTF8, "1:a|b\n2:1|x\xC3(y !1@1/4\n3:2|ok\n");
    assert_int_equal(sr_csv_rows_open(&r, p, &o, &d), SR_OK);
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_OK);
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_OK);
    sr_csv_row_problem(r, &row, "b", &msg);
    assert_string_equal(msg.buf, "invalid UTF-8 at byte 4 of the row (is "
                                 "the file GBK? set encoding = gbk)");
    sr_csv_rows_free(r);

    /* GBK declared as UTF-8 */
    gbk = to_gbk("a,b\n1,满意\n", &len);
    p = put_file("gbk-as-utf8.csv", gbk, len);
    expect_rows(p, SR_ENC_UTF8, "1:a|b\n2:1|\xC2\xFA\xD2\xE2 !1@1/3\n");
    free(gbk);

    /* undecodable GB18030 bytes (0x80, 0xFF, a cut character at the end) */
    p = put_str("badgb.csv", "a,b\n1,\x80x\n2,\xFF\n3,ok\n4,\xC4");
    expect_rows(p, SR_ENC_GB18030,
                "1:a|b\n2:1|\xFFx !1@1/3\n3:2|\xFF !1@1/3\n4:3|ok\n"
                "5:4|\xFF !1@1/3\n");
    o.encoding = SR_ENC_GB18030;
    assert_int_equal(sr_csv_rows_open(&r, p, &o, &d), SR_OK);
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_OK);
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_OK);
    sr_buf_reset(&msg);
    sr_csv_row_problem(r, &row, "b", &msg);
    assert_string_equal(msg.buf,
                        "bytes not valid in GB18030 at byte 3 of the row");
    sr_csv_rows_free(r);

    /* NUL bytes */
    p = put_file("nul.csv", "a,b\n1,x\0y\n", 10);
    expect_rows(p, SR_ENC_AUTO, "1:a|b\n2:1|x\\0y !2@1/4\n");
    sr_buf_release(&msg);
}

static void test_rows_limits(void **state)
{
    struct sr_csv_opts o = { .encoding = SR_ENC_AUTO };
    struct sr_buf in = SR_BUF_INIT;
    struct sr_buf msg = SR_BUF_INIT;
    struct sr_csv_rows *r;
    struct sr_csv_row row;
    struct sr_diag d;
    const char *p;
    size_t i;
    long nl = 0;

    (void)state;
    /* an unquoted field 10 bytes too long */
    sr_buf_addstr(&in, "a,b\n1,");
    for (i = 0; i < SR_CSV_MAX_FIELD + 10; i++)
        sr_buf_addch(&in, 'x');
    sr_buf_addstr(&in, "\n2,ok\n");
    /* a quoted one of 3 MiB over several lines, with multibyte text */
    sr_buf_addstr(&in, "3,\"");
    for (i = 0; i < 3 * 1024 * 1024 / 10; i++) {
        sr_buf_addstr(&in, i % 1000 ? "满意满意\"\"" : "\n");
        nl += !(i % 1000);
    }
    sr_buf_addstr(&in, "\"\n4,end\n");
    p = put_file("long.csv", in.buf, in.len);
    assert_int_equal(sr_csv_rows_open(&r, p, &o, &d), SR_OK);
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_OK);
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_OK);
    assert_int_equal(row.line, 2);
    assert_int_equal(row.problem, SR_CSV_LONG_FIELD);
    assert_int_equal(row.problem_cell, 1);
    assert_int_equal(row.lens[1], SR_CSV_MAX_FIELD);
    sr_csv_row_problem(r, &row, "C1", &msg);
    assert_string_equal(msg.buf, "field 'C1' longer than 1048576 bytes "
                                 "(limit: field length)");
    sr_buf_reset(&msg);
    sr_csv_row_problem(r, &row, NULL, &msg);
    assert_string_equal(msg.buf, "cell 2 longer than 1048576 bytes (limit: "
                                 "field length)");
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_OK);
    assert_int_equal(row.line, 3);
    assert_int_equal(row.problem, SR_CSV_ROW_OK);
    assert_string_equal(row.cells[1], "ok");
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_OK);
    assert_int_equal(row.line, 4);
    assert_int_equal(row.problem, SR_CSV_LONG_FIELD);
    assert_true(row.lens[1] <= SR_CSV_MAX_FIELD);
    assert_true(row.lens[1] > SR_CSV_MAX_FIELD - 4);
    /* cut on a character boundary */
    assert_int_equal(sr_encoding_utf8_span(row.cells[1], row.lens[1], false),
                     row.lens[1]);
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_OK);
    assert_int_equal(row.line, 4 + nl + 1);
    assert_string_equal(row.cells[0], "4");
    assert_string_equal(row.cells[1], "end");
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_DONE);
    sr_csv_rows_free(r);

    /* too many cells */
    sr_buf_reset(&in);
    sr_buf_addstr(&in, "a\n");
    for (i = 0; i < SR_CSV_MAX_CELLS + 10; i++)
        sr_buf_addstr(&in, i ? ",c" : "c");
    sr_buf_addstr(&in, "\nb\n");
    p = put_file("wide.csv", in.buf, in.len);
    assert_int_equal(sr_csv_rows_open(&r, p, &o, &d), SR_OK);
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_OK);
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_OK);
    assert_int_equal(row.problem, SR_CSV_MANY_CELLS);
    assert_int_equal(row.ncells, SR_CSV_MAX_CELLS);
    assert_int_equal(row.ntotal, SR_CSV_MAX_CELLS + 10);
    sr_buf_reset(&msg);
    sr_csv_row_problem(r, &row, NULL, &msg);
    assert_string_equal(msg.buf, "row has more than 4096 cells (limit: "
                                 "columns per row)");
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_OK);
    assert_string_equal(row.cells[0], "b");
    assert_int_equal(row.line, 3);
    sr_csv_rows_free(r);
    sr_buf_release(&in);
    sr_buf_release(&msg);
}

static void test_rows_errors(void **state)
{
    struct sr_csv_opts o = { .encoding = SR_ENC_AUTO };
    struct sr_csv_rows *r;
    struct sr_csv_row row;
    struct sr_diag d;
    const char *p;

    (void)state;
    assert_int_equal(sr_csv_rows_open(&r, "/nonexistent/x.csv", &o, &d),
                     SR_ERR_IO);
    assert_null(r);
    assert_non_null(strstr(d.msg, "cannot open file"));

    p = put_file("utf16.csv",
                 "\xFF\xFE"
                 "a\0,\0b\0",
                 8);
    assert_int_equal(sr_csv_rows_open(&r, p, NULL, &d), SR_OK);
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_ERR_PARSE);
    assert_true(sr_csv_rows_utf16(r));
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_ERR_PARSE);
    sr_csv_rows_free(r);

    /* empty: no bytes, only a BOM, only blank lines */
    p = put_str("empty.csv", "");
    expect_rows(p, SR_ENC_AUTO, "");
    p = put_str("bomonly.csv", "\xEF\xBB\xBF");
    expect_rows(p, SR_ENC_AUTO, "");
    p = put_str("blankonly.csv", "\r\n \n\n");
    expect_rows(p, SR_ENC_GB18030, "");
    sr_csv_rows_free(NULL);
}

/* --- the native CSV form reader ------------------------------------------- */

static const char *const csat_ids[] = { "form_id",
                                        "customer_id",
                                        "customer_name",
                                        "customer_type",
                                        "region",
                                        "industry",
                                        "phone",
                                        "survey_date",
                                        "Q1",
                                        "Q2",
                                        "Q3",
                                        "Q4",
                                        "overall",
                                        "recommend",
                                        "plan",
                                        "improve",
                                        "C1" };
#define NIDS (sizeof(csat_ids) / sizeof(csat_ids[0]))
enum {
    S_FORM_ID,
    S_CUSTOMER_ID,
    S_NAME,
    S_TYPE,
    S_REGION,
    S_INDUSTRY,
    S_PHONE,
    S_DATE,
    S_Q1,
    S_Q2,
    S_Q3,
    S_Q4,
    S_OVERALL,
    S_RECOMMEND,
    S_PLAN,
    S_IMPROVE,
    S_C1
};

static struct sr_slot csat_slots[NIDS];
static char csat_id[] = "csat";
static struct sr_template csat;

/* A template with the slots of csat.xml (all the readers look at). */
static const struct sr_template *tmpl(void)
{
    size_t i;

    for (i = 0; i < NIDS; i++) {
        csat_slots[i].id = csat_ids[i];
        csat_slots[i].kind = i < S_Q1     ? SR_SLOT_FIELD
                             : i < S_PLAN ? SR_SLOT_ITEM
                             : i < S_C1   ? SR_SLOT_CHOICE
                                          : SR_SLOT_COMMENT;
        csat_slots[i].index = i < S_Q1     ? i
                              : i < S_PLAN ? i - S_Q1
                              : i < S_C1   ? i - S_PLAN
                                           : 0;
    }
    memset(&csat, 0, sizeof(csat));
    csat.id = csat_id;
    csat.slots = csat_slots;
    csat.nslots = NIDS;
    csat.form_id_field = 0;
    return &csat;
}

static struct sr_read_opts opts(enum sr_encoding e)
{
    struct sr_read_opts o = { .encoding = e };

    return o;
}

/* The value of slot @s as text for comparisons ("(null)" for NULL). */
static const char *val(const struct sr_rawform *f, int s)
{
    assert_true((size_t)s < f->nslots);
    return f->values[s] ? f->values[s] : "(null)";
}

/* Read the whole file at @path (for logs). Caller frees. */
static char *slurp(const char *path)
{
    struct sr_buf b = SR_BUF_INIT;
    char buf[4096];
    FILE *fp = fopen(path, "rb");
    size_t n;

    assert_non_null(fp);
    while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
        sr_buf_add(&b, buf, n);
    fclose(fp);
    return sr_buf_detach(&b);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;

    while ((hay = strstr(hay, needle))) {
        n++;
        hay += strlen(needle);
    }
    return n;
}

static void test_csvr_basic(void **state)
{
    struct sr_read_opts o = opts(SR_ENC_AUTO);
    struct sr_csvr *r;
    struct sr_rawform f;
    struct sr_diag d;
    struct sr_buf logpath = SR_BUF_INIT;
    const char *p;
    char *log;

    (void)state;
    p = put_str("basic.csv", "\xEF\xBB\xBF form_id ,Q1,X,\"Q2\",Y,X,,C1\n"
                             "F1,5,x,满意,y,x2,,\"多行\n意见\"\n"
                             "\n"
                             "F2,4,,,,,,\n"
                             "F3,1,2\n");
    sr_buf_addf(&logpath, "%s/basic.log", tmpdir);
    assert_true(sr_log_open(logpath.buf));
    sr_log_set_quiet(true);
    assert_int_equal(sr_csvr_open(&r, p, tmpl(), &o, &d), SR_OK);
    sr_log_close();
    sr_log_set_quiet(false);
    log = slurp(logpath.buf);
    unlink(logpath.buf);
    assert_int_equal(count(log, "ignoring unknown column 'X'"), 1);
    assert_int_equal(count(log, "ignoring unknown column 'Y'"), 1);
    assert_int_equal(count(log, "ignoring unnamed column 7"), 1);
    assert_non_null(strstr(log, p));
    free(log);
    sr_buf_release(&logpath);

    assert_int_equal(sr_csvr_next(r, &f, &d), SR_OK);
    assert_int_equal(f.line, 2);
    assert_string_equal(f.file, p);
    assert_int_equal(f.nslots, NIDS);
    assert_null(f.problem);
    assert_string_equal(val(&f, S_FORM_ID), "F1");
    assert_string_equal(val(&f, S_Q1), "5");
    assert_string_equal(val(&f, S_Q2), "满意");
    assert_string_equal(val(&f, S_C1), "多行\n意见");
    assert_string_equal(val(&f, S_REGION), "(null)");
    assert_string_equal(val(&f, S_Q3), "(null)");

    assert_int_equal(sr_csvr_next(r, &f, &d), SR_OK);
    assert_int_equal(f.line, 5);
    assert_null(f.problem);
    assert_string_equal(val(&f, S_FORM_ID), "F2");
    assert_string_equal(val(&f, S_Q2), "");
    assert_string_equal(val(&f, S_C1), "");

    assert_int_equal(sr_csvr_next(r, &f, &d), SR_OK);
    assert_int_equal(f.line, 6);
    assert_string_equal(f.problem, "row has 3 cells, header has 8");
    assert_string_equal(f.problem_field, "");
    assert_string_equal(val(&f, S_FORM_ID), "F3");
    assert_string_equal(val(&f, S_C1), "(null)");

    assert_int_equal(sr_csvr_next(r, &f, &d), SR_DONE);
    assert_int_equal(sr_csvr_next(r, &f, &d), SR_DONE);
    sr_csvr_free(r);
    sr_csvr_free(NULL);
}

/*
 * A file read in two parts (sr_csvr_open_part()): at every byte that
 * follows a LF, the part's first line is the whole file's line there
 * (LF, CRLF and lone CR each end a line), and whenever the part's first
 * form is on the same line as the whole reader's first form at or past
 * that line (the pipeline's test that the split point lies between rows),
 * every form after is the same, values and lines; the split point is the
 * byte after the first LF past the middle.
 */
struct form_copy {
    long line;
    char *text; /* the values joined, with the problem */
};

static size_t read_forms(struct sr_csvr *r, struct form_copy *out, size_t max)
{
    struct sr_rawform f;
    struct sr_diag d;
    size_t n = 0;
    size_t i;

    while (n < max && sr_csvr_next(r, &f, &d) == SR_OK) {
        struct sr_buf b = SR_BUF_INIT;

        for (i = 0; i < f.nslots; i++)
            sr_buf_addf(&b, "%s|", f.values[i] ? f.values[i] : "(null)");
        sr_buf_addf(&b, "%s", f.problem ? f.problem : "");
        out[n].line = f.line;
        out[n].text = sr_buf_detach(&b);
        n++;
    }
    return n;
}

/* sr_read_line_at() against a plain count (LF, CR, CR LF one ending) on
 * random text of line ends, across its 256 KB blocks and 16-byte steps */
static void test_read_line_at(void **state)
{
    static const char pick[] = "ab,\n\r\r\n\"";
    size_t len = (256 << 10) * 2 + 1000;
    char *text = xmalloc(len);
    uint32_t x = 7;
    const char *path;
    struct sr_diag d;
    long line;
    long lf = 0;
    long cr = 0;
    long crlf = 0;
    size_t i;
    static const size_t offs[] = { 0,      1,      15,     16,    17,
                                   31,     32,     33,     4095,  262143,
                                   262144, 262145, 500000, 525288 };
    size_t k = 0;

    (void)state;
    for (i = 0; i < len; i++) {
        x = x * 1103515245u + 12345u;
        text[i] = pick[(x >> 16) % (sizeof(pick) - 1)];
    }
    /* CR LF pairs astride the block boundary and a 16-byte boundary */
    text[262143] = '\r';
    text[262144] = '\n';
    text[31] = '\r';
    text[32] = '\n';
    path = put_file("lines.csv", text, len);
    for (i = 0; i <= len && k < sizeof(offs) / sizeof(offs[0]); i++) {
        if (i == offs[k]) {
            sr_diag_clear(&d);
            assert_int_equal(sr_read_line_at(path, (long long)i, &line, &d),
                             SR_OK);
            assert_int_equal(line, 1 + lf + cr - crlf);
            k++;
        }
        if (i == len)
            break;
        if (text[i] == '\n') {
            lf++;
            crlf += i > 0 && text[i - 1] == '\r';
        }
        cr += text[i] == '\r';
    }
    assert_int_equal(k, sizeof(offs) / sizeof(offs[0]));
    /* counted on from a line start whose line is known */
    for (k = 0; k < sizeof(offs) / sizeof(offs[0]); k++) {
        const char *nl = memchr(text + offs[k] / 2, '\n', len - offs[k] / 2);
        long long from = nl ? (long long)(nl - text) + 1 : 0;
        long from_line;
        long want;

        if (from > (long long)offs[k])
            continue;
        assert_int_equal(sr_read_line_at(path, from, &from_line, &d), SR_OK);
        assert_int_equal(sr_read_line_at(path, (long long)offs[k], &want, &d),
                         SR_OK);
        assert_int_equal(sr_read_line_from(path, from, from_line,
                                           (long long)offs[k], &line, &d),
                         SR_OK);
        assert_int_equal(line, want);
    }
    /* past the end: the file shrank */
    assert_int_equal(sr_read_line_at(path, (long long)len + 5, &line, &d),
                     SR_ERR_IO);
    free(text);
}

static void test_csvr_part(void **state)
{
    static const char text[] = "form_id,Q1,C1\n"
                               "F1,5,plain\r\n"
                               "F2,4,\"two\nlines\"\n"
                               "\n"
                               "F3,3,\"cr\rinside, and \"\"quotes\"\"\r\n\"\r"
                               "F4,2,x\r"
                               "  \n"
                               "F5,1,\"\"\n"
                               "F6,,\"a\n\nb\n\"\n"
                               "F7,2,\"x\"\"\n\"\n"
                               "F8,3,y\n";
    struct sr_read_opts o = opts(SR_ENC_AUTO);
    struct form_copy whole[32];
    struct form_copy part[32];
    struct sr_csvr *r;
    struct sr_csvr *pr;
    struct sr_diag d;
    size_t nw;
    size_t np;
    size_t len = sizeof(text) - 1;
    size_t off;
    size_t i;
    size_t k;
    long long at;
    long line;
    long expect;
    const char *p;
    int taken = 0;

    (void)state;
    p = put_file("part.csv", text, len);
    assert_int_equal(sr_csvr_open(&r, p, tmpl(), &o, &d), SR_OK);
    nw = read_forms(r, whole, 32);
    assert_int_equal(nw, 8);
    for (off = 1; off < len; off++) {
        if (text[off - 1] != '\n')
            continue;
        expect = 1;
        for (i = 0; i < off; i++)
            expect +=
                text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n');
        line = 0; /* to be counted */
        assert_int_equal(
            sr_csvr_open_part(&pr, r, (long long)off, SR_ENC_AUTO, &line, &d),
            SR_OK);
        assert_int_equal(line, expect);
        np = read_forms(pr, part, 32);
        for (k = 0; k < nw && whole[k].line < line; k++)
            ;
        if (np && k < nw && part[0].line == whole[k].line) {
            taken++;
            assert_int_equal(np, nw - k);
            for (i = 0; i < np; i++) {
                assert_int_equal(part[i].line, whole[k + i].line);
                assert_string_equal(part[i].text, whole[k + i].text);
            }
        }
        for (i = 0; i < np; i++)
            free(part[i].text);
        sr_csvr_free(pr);
    }
    assert_true(taken >= 5); /* between rows: after F1, F2, F5, F6, ... */
    at = sr_csvr_split_point(r, 0);
    assert_true(at > (long long)len / 2 && at < (long long)len);
    assert_int_equal(text[at - 1], '\n');
    assert_int_equal(sr_csvr_split_point(r, (long long)len + 1), -1);
    for (i = 0; i < nw; i++)
        free(whole[i].text);
    sr_csvr_free(r);
}

static void test_csvr_header_errors(void **state)
{
    struct sr_read_opts o = opts(SR_ENC_AUTO);
    struct sr_csvr *r;
    struct sr_rawform f;
    struct sr_diag d;
    char msg[2048];
    char want[2048];
    const char *p;

    (void)state;
    p = put_str("dup.csv", "form_id,Q1,Q2,Q1\nF1,1,2,3\n");
    assert_int_equal(sr_csvr_open(&r, p, tmpl(), &o, &d), SR_ERR_PARSE);
    assert_null(r);
    snprintf(want, sizeof(want), "%s:1: duplicate column 'Q1'", p);
    assert_string_equal(sr_diag_format(&d, msg, sizeof(msg)), want);

    p = put_str("unknown.csv", "foo,bar\n1,2\n");
    sr_log_set_quiet(true);
    assert_int_equal(sr_csvr_open(&r, p, tmpl(), &o, &d), SR_ERR_PARSE);
    sr_log_set_quiet(false);
    assert_int_equal(d.line, 1);
    assert_non_null(strstr(d.msg, "no known column"));
    assert_non_null(strstr(d.msg, "'csat'"));

    /* empty files have no forms, and that is no error */
    p = put_str("empty.csv", "");
    assert_int_equal(sr_csvr_open(&r, p, tmpl(), &o, &d), SR_OK);
    assert_int_equal(sr_csvr_next(r, &f, &d), SR_DONE);
    sr_csvr_free(r);
    p = put_str("bom.csv", "\xEF\xBB\xBF");
    assert_int_equal(sr_csvr_open(&r, p, tmpl(), &o, &d), SR_OK);
    assert_int_equal(sr_csvr_next(r, &f, &d), SR_DONE);
    sr_csvr_free(r);
    p = put_str("header-only.csv", "form_id,Q1\r\n");
    assert_int_equal(sr_csvr_open(&r, p, tmpl(), &o, &d), SR_OK);
    assert_int_equal(sr_csvr_next(r, &f, &d), SR_DONE);
    sr_csvr_free(r);

    p = put_file("utf16.csv", "\xFE\xFF\0f\0o", 6);
    assert_int_equal(sr_csvr_open(&r, p, tmpl(), &o, &d), SR_ERR_PARSE);
    assert_string_equal(d.msg, "UTF-16 is not supported for native CSV; "
                               "convert it or use a mapping");
    assert_string_equal(d.file, p);

    assert_int_equal(sr_csvr_open(&r, "/nonexistent.csv", tmpl(), &o, &d),
                     SR_ERR_IO);

    /* a header in the wrong encoding is no header */
    p = put_str("badhead.csv", "form_id,\xD2\xE2\xBC\xFB\n");
    o = opts(SR_ENC_UTF8);
    assert_int_equal(sr_csvr_open(&r, p, tmpl(), &o, &d), SR_ERR_PARSE);
    assert_non_null(strstr(d.msg, "unusable header: invalid UTF-8"));
}

static void test_csvr_row_problems(void **state)
{
    struct sr_read_opts o = opts(SR_ENC_UTF8);
    struct sr_buf in = SR_BUF_INIT;
    struct sr_csvr *r;
    struct sr_rawform f;
    struct sr_diag d;
    char msg[2048];
    char want[2048];
    const char *p;
    size_t i;

    (void)state;
    sr_buf_addstr(&in, "form_id,Q1,C1\nF1,\xC3,x\nF2,2,");
    for (i = 0; i <= SR_CSV_MAX_FIELD; i++)
        sr_buf_addch(&in, 'y');
    sr_buf_addstr(&in, "\nF3,3,\"ok\n\nF4,\"\"\n");
    p = put_file("problems.csv", in.buf, in.len);
    assert_int_equal(sr_csvr_open(&r, p, tmpl(), &o, &d), SR_OK);
    assert_int_equal(sr_csvr_next(r, &f, &d), SR_OK);
    assert_int_equal(f.line, 2);
    assert_string_equal(f.problem, "invalid UTF-8 at byte 4 of the row (is "
                                   "the file GBK? set encoding = gbk)");
    assert_string_equal(f.problem_field, "Q1");
    assert_int_equal(sr_csvr_next(r, &f, &d), SR_OK);
    assert_int_equal(f.line, 3);
    assert_string_equal(f.problem, "field 'C1' longer than 1048576 bytes "
                                   "(limit: field length)");
    assert_string_equal(f.problem_field, "C1");
    assert_string_equal(val(&f, S_FORM_ID), "F2");
    /* the rest: an open quote swallows the file */
    assert_int_equal(sr_csvr_next(r, &f, &d), SR_ERR_PARSE);
    snprintf(want, sizeof(want),
             "%s:4: unterminated quoted field: the quote opened on this "
             "line runs to the end of the file (line 6)",
             p);
    assert_string_equal(sr_diag_format(&d, msg, sizeof(msg)), want);
    sr_csvr_free(r);
    sr_buf_release(&in);
}

static void test_csvr_fixtures(void **state)
{
    static const char *const files[] = { "csat-utf8-bom.csv", "csat-gbk.csv" };
    static const enum sr_encoding encs[] = { SR_ENC_AUTO, SR_ENC_UTF8,
                                             SR_ENC_GB18030 };
    size_t i;
    size_t j;

    (void)state;
    for (i = 0; i < 2; i++) {
        for (j = 0; j < 3; j++) {
            struct sr_read_opts o = opts(encs[j]);
            struct sr_buf path = SR_BUF_INIT;
            struct sr_csvr *r;
            struct sr_rawform f;
            struct sr_diag d;

            /* GBK declared as UTF-8 is the user's mistake (see
             * test_rows_bad_text); the BOM of the UTF-8 file beats a
             * GBK declaration */
            if (i == 1 && encs[j] == SR_ENC_UTF8)
                continue;
            sr_buf_addf(&path, "%s/csv/%s", data_dir(), files[i]);
            assert_int_equal(sr_csvr_open(&r, path.buf, tmpl(), &o, &d), SR_OK);
            assert_int_equal(sr_csvr_next(r, &f, &d), SR_OK);
            assert_int_equal(f.line, 2);
            assert_null(f.problem);
            assert_string_equal(val(&f, S_FORM_ID), "F2026000001");
            assert_string_equal(val(&f, S_NAME), "张三");
            assert_string_equal(val(&f, S_Q2), "满意");
            assert_string_equal(val(&f, S_Q3), "");
            assert_string_equal(val(&f, S_IMPROVE), "1;3");
            assert_string_equal(val(&f, S_C1), "客服响应很快,但套餐价格偏高");
            assert_int_equal(sr_csvr_next(r, &f, &d), SR_OK);
            assert_int_equal(f.line, 3);
            assert_null(f.problem);
            assert_string_equal(val(&f, S_C1), "希望\"资费\"再低一些\r\n谢谢");
            assert_int_equal(sr_csvr_next(r, &f, &d), SR_OK);
            assert_int_equal(f.line, 5);
            assert_null(f.problem);
            assert_string_equal(val(&f, S_REGION), "华南");
            assert_string_equal(val(&f, S_PHONE), "");
            assert_string_equal(val(&f, S_C1), "");
            assert_int_equal(sr_csvr_next(r, &f, &d), SR_DONE);
            sr_csvr_free(r);
            sr_buf_release(&path);
        }
    }
}

/* --- the dispatcher ------------------------------------------------------- */

static void test_reader_dispatch(void **state)
{
    static const char *const csv_names[] = { "a.CSV", "b.txt", "c.dat", "noext",
                                             "d.Txt" };
    struct sr_read_opts o = opts(SR_ENC_AUTO);
    struct sr_reader *r;
    struct sr_rawform f;
    struct sr_diag d;
    enum sr_status s;
    const char *p;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(csv_names) / sizeof(csv_names[0]); i++) {
        p = put_str(csv_names[i], "form_id,Q1\nF7,3\n");
        assert_int_equal(sr_reader_open(&r, p, tmpl(), &o, &d), SR_OK);
        assert_int_equal(sr_reader_next(r, &f, &d), SR_OK);
        assert_string_equal(val(&f, S_FORM_ID), "F7");
        assert_int_equal(f.line, 2);
        assert_int_equal(sr_reader_next(r, &f, &d), SR_DONE);
        sr_reader_free(r);
    }
    /* a CSV named .xml goes to the XML reader, which refuses it */
    p = put_str("e.xml", "form_id,Q1\nF7,3\n");
    s = sr_reader_open(&r, p, tmpl(), &o, &d);
    if (s == SR_OK) {
        s = sr_reader_next(r, &f, &d);
        sr_reader_free(r);
    }
    assert_int_not_equal(s, SR_OK);
    assert_int_not_equal(s, SR_DONE);
    assert_null(strstr(d.msg, "no known column"));
    /* an unknown extension starting with '<' is XML */
    p = put_str("forms.dat", "\xEF\xBB\xBF \n <forms survey=\"csat\">"
                             "<form><field id=\"form_id\">F9</field></form>"
                             "</forms>\n");
    assert_int_equal(sr_reader_open(&r, p, tmpl(), &o, &d), SR_OK);
    assert_int_equal(sr_reader_next(r, &f, &d), SR_OK);
    assert_string_equal(val(&f, S_FORM_ID), "F9");
    assert_int_equal(sr_reader_next(r, &f, &d), SR_DONE);
    sr_reader_free(r);
    /* an empty file of unknown kind has no forms */
    p = put_str("empty.dat", "");
    assert_int_equal(sr_reader_open(&r, p, tmpl(), &o, &d), SR_OK);
    assert_int_equal(sr_reader_next(r, &f, &d), SR_DONE);
    sr_reader_free(r);
    assert_int_equal(sr_reader_open(&r, "/nonexistent/x.dat", tmpl(), &o, &d),
                     SR_ERR_IO);
    assert_null(r);
    sr_reader_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spectrum),
        cmocka_unit_test(test_rows_bom_and_line_ends),
        cmocka_unit_test(test_rows_blank_lines),
        cmocka_unit_test(test_rows_multiline_lines),
        cmocka_unit_test(test_rows_unterminated_quote),
        cmocka_unit_test(test_rows_gbk),
        cmocka_unit_test(test_rows_gbk_after_ascii),
        cmocka_unit_test(test_rows_bad_text),
        cmocka_unit_test(test_rows_limits),
        cmocka_unit_test(test_rows_fast_path),
        cmocka_unit_test(test_rows_errors),
        cmocka_unit_test(test_csvr_basic),
        cmocka_unit_test(test_csvr_header_errors),
        cmocka_unit_test(test_csvr_row_problems),
        cmocka_unit_test(test_csvr_fixtures),
        cmocka_unit_test(test_read_line_at),
        cmocka_unit_test(test_csvr_part),
        cmocka_unit_test(test_reader_dispatch),
    };

    return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
