/* SPDX-License-Identifier: MIT */
/*
 * test_ahead.c - unit tests of ahead.c: reading ahead in a second thread
 * hands out exactly what the format reader gives (values, absent values,
 * lines, problems, the end or the error and its place), across many
 * blocks, and stops cleanly when the reader is freed half-way
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/core/buf.h"
#include "../../src/read/reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static char tmpl_path[128];
static char xml_path[128];

static const char tmpl_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<survey id=\"t\">\n"
    "  <scale id=\"s5\" min=\"1\" max=\"5\"/>\n"
    "  <fields>\n"
    "    <field id=\"form_id\" role=\"form-id\" required=\"true\"/>\n"
    "    <field id=\"region\" role=\"segment\"/>\n"
    "  </fields>\n"
    "  <dimension id=\"d1\" weight=\"1\">\n"
    "    <item id=\"Q1\" scale=\"s5\"/>\n"
    "  </dimension>\n"
    "  <comment id=\"C1\"/>\n"
    "</survey>\n";

/* @n forms (some with an unknown element, some without a region, some
 * with a long comment), then, if @broken, a tag that does not match */
static void write_forms(int n, bool broken)
{
    FILE *fp = fopen(xml_path, "w");
    int i;

    assert_non_null(fp);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<forms survey=\"t\">\n",
          fp);
    for (i = 0; i < n; i++) {
        fprintf(fp, "<form>\n<field id=\"form_id\">F%d</field>\n", i);
        if (i % 3)
            fprintf(fp, "<field id=\"region\">\xe5\x8d\x8e%d</field>\n", i);
        fprintf(fp, "<answer item=\"Q1\">%d</answer>\n", i % 5 + 1);
        if (i % 17 == 0)
            fputs("<colour>red</colour>\n", fp);
        if (i % 7 == 0) {
            int k;

            fputs("<comment item=\"C1\">", fp);
            for (k = 0; k < i % 50; k++)
                fputs("\xe5\xbe\x88\xe5\xa5\xbd ", fp);
            fputs("</comment>\n", fp);
        }
        fputs("</form>\n", fp);
    }
    if (broken)
        fputs("<form><field id=\"form_id\">X</fields></form>\n", fp);
    fputs("</forms>\n", fp);
    assert_int_equal(fclose(fp), 0);
}

static int setup(void **state)
{
    FILE *fp;

    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/sr-test-ahead-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(tmpl_path, sizeof(tmpl_path), "%s/t.xml", dir);
    snprintf(xml_path, sizeof(xml_path), "%s/in.xml", dir);
    fp = fopen(tmpl_path, "w");
    if (!fp)
        return -1;
    fputs(tmpl_xml, fp);
    return fclose(fp);
}

static int teardown(void **state)
{
    (void)state;
    remove(tmpl_path);
    remove(xml_path);
    return rmdir(dir);
}

/* Every form of xml_path as text, then the end; @threads sets
 * SATREPORT_THREADS.  @stop_after >= 0: free the reader after that many
 * forms. */
static char *dump(const struct sr_template *t, bool threads, int stop_after)
{
    struct sr_read_opts o = { 0 };
    struct sr_buf b = SR_BUF_INIT;
    struct sr_reader *r;
    struct sr_rawform f;
    struct sr_diag d;
    enum sr_status s;
    int n = 0;
    size_t i;

    setenv("SATREPORT_THREADS", threads ? "2" : "1", 1);
    sr_diag_clear(&d);
    assert_int_equal(sr_reader_open(&r, xml_path, t, &o, &d), SR_OK);
    while ((s = sr_reader_next(r, &f, &d)) == SR_OK) {
        sr_buf_addf(&b, "%s:%ld:", f.file, f.line);
        for (i = 0; i < f.nslots; i++)
            sr_buf_addf(&b, "|%s", f.values[i] ? f.values[i] : "(none)");
        if (f.problem)
            sr_buf_addf(&b, " !%s @%s", f.problem, f.problem_field);
        sr_buf_addch(&b, '\n');
        if (++n == stop_after)
            break;
    }
    if (stop_after < 0) {
        sr_buf_addf(&b, "END %d %ld:%ld %s\n", (int)s, d.line, d.col, d.msg);
        /* the end again, the same */
        assert_int_equal(sr_reader_next(r, &f, &d), s);
    }
    sr_reader_free(r);
    unsetenv("SATREPORT_THREADS");
    return sr_buf_detach(&b);
}

static void test_same_forms(void **state)
{
    struct sr_template *t;
    struct sr_diag d;
    static const int sizes[] = { 0, 1, 127, 128, 129, 5000 };
    size_t k;

    (void)state;
    sr_diag_clear(&d);
    assert_int_equal(sr_template_load(tmpl_path, &t, &d), SR_OK);
    for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        int broken;

        for (broken = 0; broken < 2; broken++) {
            char *one;
            char *two;

            write_forms(sizes[k], broken);
            one = dump(t, false, -1);
            two = dump(t, true, -1);
            assert_string_equal(one, two);
            if (broken) /* an error, and where */
                assert_non_null(strstr(two, "mismatched tag"));
            else
                assert_non_null(strstr(two, "END 1 "));
            free(one);
            free(two);
        }
    }
    sr_template_free(t);
}

/* freeing the reader while its thread is still reading */
static void test_stop_early(void **state)
{
    struct sr_template *t;
    struct sr_diag d;
    char *one;
    char *two;

    (void)state;
    sr_diag_clear(&d);
    assert_int_equal(sr_template_load(tmpl_path, &t, &d), SR_OK);
    write_forms(20000, false);
    one = dump(t, false, 300);
    two = dump(t, true, 300);
    assert_string_equal(one, two);
    free(one);
    free(two);
    two = dump(t, true, 1);
    free(two);
    sr_template_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_forms),
        cmocka_unit_test(test_stop_early),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
