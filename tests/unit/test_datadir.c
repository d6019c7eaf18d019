/* SPDX-License-Identifier: MIT */
/*
 * test_datadir.c - unit tests of datadir.c: the order of the data folders
 * ($SATREPORT_DATA, $XDG_DATA_HOME or ~/.local/share, the install prefix,
 * the source tree), lookups, missing files and the --version description
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/datadir.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* a scratch folder with two data folders a/ and b/ */
struct scratch {
    char root[64];
    char a[128];
    char b[128];
};

static void path_of(char *out, size_t n, const char *dir, const char *rel)
{
    int w = snprintf(out, n, "%s/%s", dir, rel);

    assert_true(w > 0 && (size_t)w < n);
}

static void mkdir_p(const char *path)
{
    char tmp[512];
    char *s;

    path_of(tmp, sizeof(tmp), path, "");
    for (s = tmp + 1; *s; s++) {
        if (*s == '/') {
            *s = '\0';
            mkdir(tmp, 0777);
            *s = '/';
        }
    }
}

static void put_file(const char *dir, const char *rel, const char *text)
{
    char p[512];
    char *slash;
    FILE *f;

    path_of(p, sizeof(p), dir, rel);
    slash = strrchr(p, '/');
    *slash = '\0';
    mkdir_p(p);
    *slash = '/';
    f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void drop_file(const char *dir, const char *rel)
{
    char p[512];

    path_of(p, sizeof(p), dir, rel);
    assert_int_equal(unlink(p), 0);
}

static int setup(void **state)
{
    struct scratch *s = calloc(1, sizeof(*s));
    char xdg[160];

    assert_non_null(s);
    snprintf(s->root, sizeof(s->root), "/tmp/sr-datadir-XXXXXX");
    assert_non_null(mkdtemp(s->root));
    snprintf(s->a, sizeof(s->a), "%s/a", s->root);
    snprintf(s->b, sizeof(s->b), "%s/b", s->root);
    /* b plays XDG_DATA_HOME: its data folder is b/satreport */
    snprintf(xdg, sizeof(xdg), "%s/satreport/", s->b);
    mkdir_p(s->a);
    mkdir_p(xdg);
    setenv("SATREPORT_DATA", s->a, 1);
    setenv("XDG_DATA_HOME", s->b, 1);
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    struct scratch *s = *state;
    char cmd[200];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", s->root);
    assert_int_equal(system(cmd), 0);
    unsetenv("SATREPORT_DATA");
    unsetenv("XDG_DATA_HOME");
    free(s);
    return 0;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s);
    size_t b = strlen(tail);

    return a >= b && !strcmp(s + a - b, tail);
}

/* SATREPORT_DATA (each of its folders), then XDG, then the prefix, then
 * the source tree (the test runs from build/asan/tests/unit) */
static void test_list_order(void **state)
{
    struct scratch *s = *state;
    struct sr_datadir *l;
    char env[300];
    char want[200];
    size_t n;
    size_t i;
    size_t prefix = 0;
    size_t source = 0;

    snprintf(env, sizeof(env), "%s::%s/c/", s->a, s->root);
    setenv("SATREPORT_DATA", env, 1);
    n = sr_datadir_list(&l);
    assert_true(n >= 4);
    assert_string_equal(l[0].path, s->a);
    assert_int_equal(l[0].origin, SR_DATADIR_ENV);
    snprintf(want, sizeof(want), "%s/c", s->root);
    assert_string_equal(l[1].path, want); /* trailing slash dropped */
    assert_int_equal(l[1].origin, SR_DATADIR_ENV);
    snprintf(want, sizeof(want), "%s/satreport", s->b);
    assert_string_equal(l[2].path, want);
    assert_int_equal(l[2].origin, SR_DATADIR_XDG);
    for (i = 3; i < n; i++) {
        if (l[i].origin == SR_DATADIR_PREFIX)
            prefix = i;
        if (l[i].origin == SR_DATADIR_SOURCE)
            source = i;
    }
    assert_true(prefix >= 3);
    assert_string_equal(l[prefix].path, SR_DATADIR);
    assert_true(source > prefix); /* the source tree comes last */
    assert_int_equal(source, n - 1);
    sr_datadir_list_free(l, n);
    sr_datadir_list_free(NULL, 0);
}

static void test_list_no_duplicates(void **state)
{
    struct scratch *s = *state;
    struct sr_datadir *l;
    char env[300];
    size_t n;
    size_t i;
    size_t j;

    snprintf(env, sizeof(env), "%s:%s/:%s", s->a, s->a, SR_DATADIR);
    setenv("SATREPORT_DATA", env, 1);
    n = sr_datadir_list(&l);
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++)
            assert_string_not_equal(l[i].path, l[j].path);
    assert_string_equal(l[0].path, s->a);
    assert_string_equal(l[1].path, SR_DATADIR);
    assert_int_equal(l[1].origin, SR_DATADIR_ENV); /* the first one kept */
    sr_datadir_list_free(l, n);
}

/* XDG_DATA_HOME unset or relative: ~/.local/share/satreport; no HOME
 * either: no XDG folder */
static void test_list_xdg_default(void **state)
{
    struct sr_datadir *l;
    char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    size_t n;
    size_t i;
    bool seen = false;

    (void)state;
    unsetenv("SATREPORT_DATA");
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/home/someone", 1);
    n = sr_datadir_list(&l);
    assert_string_equal(l[0].path, "/home/someone/.local/share/satreport");
    assert_int_equal(l[0].origin, SR_DATADIR_XDG);
    sr_datadir_list_free(l, n);

    setenv("XDG_DATA_HOME", "relative/data", 1);
    n = sr_datadir_list(&l);
    assert_string_equal(l[0].path, "/home/someone/.local/share/satreport");
    sr_datadir_list_free(l, n);

    unsetenv("XDG_DATA_HOME");
    unsetenv("HOME");
    n = sr_datadir_list(&l);
    for (i = 0; i < n; i++)
        seen = seen || l[i].origin == SR_DATADIR_XDG;
    assert_false(seen);
    sr_datadir_list_free(l, n);
    if (home) {
        setenv("HOME", home, 1);
        free(home);
    }
}

/* the first data folder that has the file wins; then the next; then none */
static void test_find_order(void **state)
{
    struct scratch *s = *state;
    const char *rel = "templates/rules/sr-test-only.rules";
    char xdg[200];
    char want[300];
    char *p;

    snprintf(xdg, sizeof(xdg), "%s/satreport", s->b);
    put_file(s->a, rel, "a\n");
    put_file(xdg, rel, "b\n");

    p = sr_datadir_find(rel);
    path_of(want, sizeof(want), s->a, rel);
    assert_non_null(p);
    assert_string_equal(p, want);
    free(p);

    drop_file(s->a, rel);
    p = sr_datadir_find(rel);
    path_of(want, sizeof(want), xdg, rel);
    assert_non_null(p);
    assert_string_equal(p, want);
    free(p);

    drop_file(xdg, rel);
    assert_null(sr_datadir_find(rel));
}

static void test_find_bad_args(void **state)
{
    (void)state;
    assert_null(sr_datadir_find(NULL));
    assert_null(sr_datadir_find(""));
    assert_null(sr_datadir_find("/etc/hostname"));
    assert_null(sr_datadir_find("no/such/file-of-satreport.xml"));
}

/* with nothing in the user's folders, the shipped template is found where
 * this build keeps it: the install prefix or the source tree */
static void test_find_shipped(void **state)
{
    char *p;

    (void)state;
    p = sr_datadir_find("templates/forms/csat.xml");
    assert_non_null(p);
    assert_true(ends_with(p, "/templates/forms/csat.xml"));
    assert_int_equal(access(p, R_OK), 0);
    free(p);
    p = sr_datadir_find("templates/forms"); /* a folder is found too */
    assert_non_null(p);
    free(p);
}

/* a path named in a pipeline: as given, beside the pipeline, data folders */
static void test_resolve(void **state)
{
    struct scratch *s = *state;
    char base[200];
    char want[300];
    char *p;

    snprintf(base, sizeof(base), "%s/project", s->root);
    put_file(base, "forms/mine.xml", "<survey/>\n");
    put_file(s->a, "forms/shared.xml", "<survey/>\n");

    p = sr_datadir_resolve(base, "forms/mine.xml");
    path_of(want, sizeof(want), base, "forms/mine.xml");
    assert_non_null(p);
    assert_string_equal(p, want);
    free(p);

    p = sr_datadir_resolve(base, "forms/shared.xml"); /* not beside it */
    path_of(want, sizeof(want), s->a, "forms/shared.xml");
    assert_non_null(p);
    assert_string_equal(p, want);
    free(p);

    p = sr_datadir_resolve(NULL, want); /* absolute, as given */
    assert_non_null(p);
    assert_string_equal(p, want);
    free(p);

    assert_null(sr_datadir_resolve(base, "forms/none.xml"));
    assert_null(sr_datadir_resolve(base, "/no/such/satreport.xml"));
    assert_null(sr_datadir_resolve(base, ""));
    assert_null(sr_datadir_resolve(base, NULL));
}

static char *describe(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    assert_non_null(f);
    sr_datadir_describe(f);
    fclose(f);
    return buf;
}

static void test_describe(void **state)
{
    struct scratch *s = *state;
    char env[300];
    char line[300];
    char *text;

    snprintf(env, sizeof(env), "%s:%s/missing", s->a, s->root);
    setenv("SATREPORT_DATA", env, 1);
    text = describe();
    snprintf(line, sizeof(line), "  1. %s  (SATREPORT_DATA)\n", s->a);
    assert_non_null(strstr(text, line));
    snprintf(line, sizeof(line),
             "  2. %s/missing  (SATREPORT_DATA; does not exist)\n", s->root);
    assert_non_null(strstr(text, line));
    snprintf(line, sizeof(line), "  3. %s/satreport  (XDG_DATA_HOME)\n", s->b);
    assert_non_null(strstr(text, line));
    assert_non_null(strstr(text, SR_DATADIR "  (install prefix"));
    assert_non_null(strstr(text, "(source tree)"));
    assert_null(strstr(text, "SATREPORT_DATA is not set"));
    free(text);

    unsetenv("SATREPORT_DATA");
    text = describe();
    assert_non_null(strstr(text, "SATREPORT_DATA is not set"));
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_list_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_no_duplicates, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_list_xdg_default, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find_bad_args, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find_shipped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resolve, setup, teardown),
        cmocka_unit_test_setup_teardown(test_describe, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
