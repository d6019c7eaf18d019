/* SPDX-License-Identifier: MIT */
/*
 * test_logfile.c - unit tests of core/logfile.c: appending lines, rotation
 * at open, keep counts, sizes, two writers on one log
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/core/buf.h"
#include "../../src/core/logfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[] = "/tmp/test_logfile.XXXXXX";

static int make_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "%s", "/tmp/test_logfile.XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    char cmd[256];

    (void)state;
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static char *path_of(const char *name)
{
    struct sr_buf b = SR_BUF_INIT;

    sr_buf_addf(&b, "%s/%s", dir, name);
    return sr_buf_detach(&b);
}

static char *slurp(const char *name)
{
    struct sr_buf b = SR_BUF_INIT;
    char *p = path_of(name);
    FILE *fp = fopen(p, "r");
    char chunk[4096];
    size_t n;

    free(p);
    if (!fp)
        return NULL;
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        sr_buf_add(&b, chunk, n);
    fclose(fp);
    return sr_buf_detach(&b);
}

static long lines_of(const char *s)
{
    long n = 0;

    for (; s && *s; s++)
        n += *s == '\n';
    return n;
}

static void test_append(void **state)
{
    struct sr_logfile_opts o = { 0, 0, "annual" };
    struct sr_logfile *lf;
    struct sr_diag d;
    char *p = path_of("a.log");
    char *text;

    (void)state;
    sr_diag_clear(&d);
    assert_int_equal(sr_logfile_open(&lf, p, &o, &d), SR_OK);
    sr_logfile_write(lf, "info", "start");
    sr_logfile_printf(lf, "error", "exit %d:\ntwo lines", 2);
    assert_false(sr_logfile_failed(lf));
    sr_logfile_free(lf);
    /* a second run appends */
    assert_int_equal(sr_logfile_open(&lf, p, NULL, &d), SR_OK);
    sr_logfile_write(lf, "warning", "second run");
    sr_logfile_free(lf);
    text = slurp("a.log");
    assert_int_equal(lines_of(text), 3);
    assert_non_null(strstr(text, " annual: info: start\n"));
    assert_non_null(strstr(text, " annual: error: exit 2: two lines\n"));
    assert_non_null(strstr(text, "]: warning: second run\n"));
    /* 2026-01-02T03:04:05+08:00 satreport[pid] */
    assert_true(text[4] == '-' && text[10] == 'T' && text[22] == ':');
    assert_non_null(strstr(text, " satreport["));
    free(text);
    free(p);
    sr_logfile_write(NULL, "info", "nothing happens");
    sr_logfile_free(NULL);
}

static void test_rotate(void **state)
{
    struct sr_logfile_opts o = { 100, 2, NULL };
    struct sr_logfile *lf;
    char *p = path_of("r.log");
    char *text;
    int run;

    (void)state;
    /* each run writes > 100 bytes, so every open rotates */
    for (run = 1; run <= 4; run++) {
        assert_int_equal(sr_logfile_open(&lf, p, &o, NULL), SR_OK);
        sr_logfile_printf(lf, "info", "run %d %s", run,
                          "................................................."
                          "......................................");
        sr_logfile_free(lf);
    }
    text = slurp("r.log");
    assert_non_null(strstr(text, "run 4 "));
    assert_int_equal(lines_of(text), 1);
    free(text);
    text = slurp("r.log.1");
    assert_non_null(strstr(text, "run 3 "));
    free(text);
    text = slurp("r.log.2");
    assert_non_null(strstr(text, "run 2 "));
    free(text);
    text = slurp("r.log.3"); /* keep = 2: run 1 is gone */
    assert_null(text);
    free(p);
}

static void test_no_rotation_below_max(void **state)
{
    struct sr_logfile_opts o = { 1 << 20, 0, NULL };
    struct sr_logfile *lf;
    char *p = path_of("small.log");
    char *text;
    int run;

    (void)state;
    for (run = 0; run < 3; run++) {
        assert_int_equal(sr_logfile_open(&lf, p, &o, NULL), SR_OK);
        sr_logfile_write(lf, "info", "line");
        sr_logfile_free(lf);
    }
    text = slurp("small.log");
    assert_int_equal(lines_of(text), 3);
    free(text);
    text = slurp("small.log.1");
    assert_null(text);
    free(p);
}

static void test_keep_none(void **state)
{
    struct sr_logfile_opts o = { 10, -1, NULL };
    struct sr_logfile *lf;
    char *p = path_of("k.log");
    char *text;

    (void)state;
    assert_int_equal(sr_logfile_open(&lf, p, &o, NULL), SR_OK);
    sr_logfile_write(lf, "info", "first run, long enough to rotate");
    sr_logfile_free(lf);
    assert_int_equal(sr_logfile_open(&lf, p, &o, NULL), SR_OK);
    sr_logfile_write(lf, "info", "second run");
    sr_logfile_free(lf);
    text = slurp("k.log");
    assert_null(strstr(text, "first run"));
    assert_non_null(strstr(text, "second run"));
    free(text);
    assert_null(slurp("k.log.1"));
    free(p);
}

/* two processes rotating and writing one log: every line arrives whole */
static void test_two_writers(void **state)
{
    struct sr_logfile_opts o = { 2000, 50, NULL };
    char *p = path_of("w.log");
    pid_t kid[2];
    int k;
    int i;
    long total = 0;

    (void)state;
    for (k = 0; k < 2; k++) {
        kid[k] = fork();
        assert_true(kid[k] >= 0);
        if (kid[k] == 0) {
            for (i = 0; i < 40; i++) {
                struct sr_logfile *lf;

                if (sr_logfile_open(&lf, p, &o, NULL) != SR_OK)
                    _exit(1);
                sr_logfile_printf(lf, "info", "writer %d line %02d end", k, i);
                sr_logfile_free(lf);
            }
            _exit(0);
        }
    }
    for (k = 0; k < 2; k++) {
        int st;

        assert_int_equal(waitpid(kid[k], &st, 0), kid[k]);
        assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    for (i = 0; i <= 50; i++) {
        char name[32];
        char *text;
        const char *s;

        if (i)
            snprintf(name, sizeof(name), "w.log.%d", i);
        else
            snprintf(name, sizeof(name), "w.log");
        text = slurp(name);
        if (!text)
            continue;
        for (s = text; *s; s = strchr(s, '\n') + 1) {
            const char *nl = strchr(s, '\n');

            assert_non_null(nl);
            assert_true(nl - s > 4 && !strncmp(nl - 4, " end", 4));
            total++;
        }
        free(text);
    }
    assert_int_equal(total, 80);
    free(p);
}

static void test_open_error(void **state)
{
    struct sr_logfile *lf = (struct sr_logfile *)1;
    struct sr_diag d;

    (void)state;
    sr_diag_clear(&d);
    assert_int_equal(sr_logfile_open(&lf, "/nonexistent/dir/x.log", NULL, &d),
                     SR_ERR_WRITE);
    assert_null(lf);
    assert_string_equal(d.file, "/nonexistent/dir/x.log");
    assert_non_null(strstr(d.msg, "cannot open log"));
}

static void test_parse_size(void **state)
{
    long long v = 0;

    (void)state;
    assert_true(sr_logfile_parse_size("1048576", &v));
    assert_int_equal(v, 1048576);
    assert_true(sr_logfile_parse_size("512k", &v));
    assert_int_equal(v, 512 * 1024);
    assert_true(sr_logfile_parse_size("10M", &v));
    assert_int_equal(v, 10LL << 20);
    assert_true(sr_logfile_parse_size("2GiB", &v));
    assert_int_equal(v, 2LL << 30);
    assert_false(sr_logfile_parse_size("", &v));
    assert_false(sr_logfile_parse_size("0", &v));
    assert_false(sr_logfile_parse_size("-5M", &v));
    assert_false(sr_logfile_parse_size("10X", &v));
    assert_false(sr_logfile_parse_size("M", &v));
    assert_false(sr_logfile_parse_size("99999999999G", &v));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_append, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_rotate, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_no_rotation_below_max, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(test_keep_none, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_two_writers, make_dir, remove_dir),
        cmocka_unit_test(test_open_error),
        cmocka_unit_test(test_parse_size),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
