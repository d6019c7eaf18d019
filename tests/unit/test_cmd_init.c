/* SPDX-License-Identifier: MIT */
/*
 * test_cmd_init.c - unit tests of cmd_init.c: `satreport init DIR` writes
 * the starter project from the data folders, refuses to overwrite, and
 * leaves DIR as it was when something fails
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/cmd_init.h"
#include "../../src/pipeline.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* a scratch folder: data/ plays SATREPORT_DATA, out/ receives projects */
struct scratch {
    char root[64];
    char data[128];
};

static void mkdir_p(const char *path)
{
    char tmp[512];
    char *s;

    snprintf(tmp, sizeof(tmp), "%s/", path);
    for (s = tmp + 1; *s; s++) {
        if (*s == '/') {
            *s = '\0';
            mkdir(tmp, 0777);
            *s = '/';
        }
    }
}

static void put(const char *dir, const char *rel, const char *text)
{
    char p[512];
    char *slash;
    FILE *f;

    snprintf(p, sizeof(p), "%s/%s", dir, rel);
    slash = strrchr(p, '/');
    *slash = '\0';
    mkdir_p(p);
    *slash = '/';
    f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* the text of @dir/@rel (caller frees), or NULL if it cannot be read */
static char *slurp(const char *dir, const char *rel)
{
    char p[512];
    FILE *f;
    char *buf;
    long n;

    snprintf(p, sizeof(p), "%s/%s", dir, rel);
    f = fopen(p, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = calloc(1, (size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    return buf;
}

static bool exists(const char *dir, const char *rel)
{
    char p[512];

    snprintf(p, sizeof(p), "%s/%s", dir, rel);
    return access(p, F_OK) == 0;
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    assert_non_null(d);
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

static int run_init(const char *a, const char *b, const char *c)
{
    char *argv[4];
    int argc = 0;

    if (a)
        argv[argc++] = (char *)(uintptr_t)a;
    if (b)
        argv[argc++] = (char *)(uintptr_t)b;
    if (c)
        argv[argc++] = (char *)(uintptr_t)c;
    argv[argc] = NULL;
    return sr_cmd_init(argc, argv);
}

static int setup(void **state)
{
    struct scratch *s = calloc(1, sizeof(*s));

    assert_non_null(s);
    snprintf(s->root, sizeof(s->root), "/tmp/sr-init-XXXXXX");
    assert_non_null(mkdtemp(s->root));
    snprintf(s->data, sizeof(s->data), "%s/data", s->root);
    put(s->data, "templates/forms/csat.xml", "<survey id=\"test\"/>\n");
    put(s->data, "templates/examples/starter.csv", "form_id\nF1\n");
    put(s->data, "templates/rules/segments.rules", "# segments\n");
    put(s->data, "templates/rules/extra.rules", "# extra\n");
    put(s->data, "templates/rules/README.md", "not a rules file\n");
    put(s->data, "templates/report/annual.xml", "<report/>\n");
    setenv("SATREPORT_DATA", s->data, 1);
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
    free(s);
    return 0;
}

static void test_usage(void **state)
{
    (void)state;
    assert_int_equal(run_init(NULL, NULL, NULL), SR_EXIT_CONFIG);
    assert_int_equal(run_init("", NULL, NULL), SR_EXIT_CONFIG);
    assert_int_equal(run_init("--bogus", "x", NULL), SR_EXIT_CONFIG);
    assert_int_equal(run_init("a", "b", NULL), SR_EXIT_CONFIG);
    assert_int_equal(run_init("--help", NULL, NULL), SR_EXIT_OK);
}

/* a new nested folder: every shipped file, and a pipeline naming them */
static void test_writes_project(void **state)
{
    struct scratch *s = *state;
    char dir[200];
    char *text;

    snprintf(dir, sizeof(dir), "%s/out/nested/demo-2026", s->root);
    assert_int_equal(run_init("-q", dir, NULL), SR_EXIT_OK);

    text = slurp(dir, "forms/csat.xml");
    assert_non_null(text);
    assert_string_equal(text, "<survey id=\"test\"/>\n");
    free(text);
    text = slurp(dir, "input/starter.csv");
    assert_non_null(text);
    assert_string_equal(text, "form_id\nF1\n");
    free(text);
    assert_true(exists(dir, "rules/segments.rules"));
    assert_true(exists(dir, "rules/extra.rules"));
    assert_false(exists(dir, "rules/README.md"));
    assert_true(exists(dir, "report/annual.xml"));

    text = slurp(dir, "pipeline.ini");
    assert_non_null(text);
    assert_non_null(strstr(text, "\nname   = demo-2026\n"));
    assert_non_null(strstr(text, "\nform     = forms/csat.xml\n"));
    assert_non_null(strstr(text, "\nfiles    = input/*.csv\n"));
    assert_non_null(
        strstr(text, "\n[classify]\nsegments = rules/segments.rules"));
    assert_null(strstr(text, "comments = rules/")); /* none shipped */
    assert_non_null(strstr(text, "; also shipped: rules/extra.rules"));
    assert_non_null(strstr(text, "\ntemplate        = report/annual.xml\n"));
    assert_non_null(strstr(text, "\ndir = output/demo-2026\n"));
    free(text);
}

/* an existing empty folder is fine; "." is named after the folder */
static void test_existing_empty_dir(void **state)
{
    struct scratch *s = *state;
    char dir[200];
    char cwd[512];
    char *text;

    snprintf(dir, sizeof(dir), "%s/empty dir", s->root);
    mkdir_p(dir);
    assert_non_null(getcwd(cwd, sizeof(cwd)));
    assert_int_equal(chdir(dir), 0);
    assert_int_equal(run_init("--quiet", ".", NULL), SR_EXIT_OK);
    assert_int_equal(chdir(cwd), 0);
    text = slurp(dir, "pipeline.ini");
    assert_non_null(text);
    /* a name with a space is not used in paths: "starter" instead */
    assert_non_null(strstr(text, "\nname   = starter\n"));
    free(text);
}

static void test_refuses_non_empty(void **state)
{
    struct scratch *s = *state;
    char dir[200];
    char file[220];
    char *text;

    snprintf(dir, sizeof(dir), "%s/busy", s->root);
    put(dir, "pipeline.ini", "mine\n");
    assert_int_equal(run_init("-q", dir, NULL), SR_EXIT_CONFIG);
    text = slurp(dir, "pipeline.ini");
    assert_string_equal(text, "mine\n");
    free(text);
    assert_int_equal(count_entries(dir), 1);

    snprintf(file, sizeof(file), "%s/pipeline.ini", dir);
    assert_int_equal(run_init("-q", file, NULL), SR_EXIT_CONFIG);
}

/* a shipped file that cannot be read: nothing is left behind */
static void test_failure_leaves_nothing(void **state)
{
    struct scratch *s = *state;
    char ex[200];
    char dir[200];
    char empty[200];

    /* the example forms are a folder: found, but not readable as a file */
    snprintf(ex, sizeof(ex), "%s/templates/examples/starter.csv", s->data);
    assert_int_equal(unlink(ex), 0);
    mkdir_p(ex);

    snprintf(dir, sizeof(dir), "%s/new", s->root);
    assert_int_equal(run_init("-q", dir, NULL), SR_EXIT_WRITE);
    assert_int_equal(access(dir, F_OK), -1); /* created, then removed */

    snprintf(empty, sizeof(empty), "%s/was-empty", s->root);
    mkdir_p(empty);
    assert_int_equal(run_init("-q", empty, NULL), SR_EXIT_WRITE);
    assert_int_equal(count_entries(empty), 0); /* still there, empty */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_usage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_writes_project, setup, teardown),
        cmocka_unit_test_setup_teardown(test_existing_empty_dir, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_refuses_non_empty, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_failure_leaves_nothing, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
