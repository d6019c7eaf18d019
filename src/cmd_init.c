/* SPDX-License-Identifier: MIT */
/*
 * cmd_init.c - `satreport init DIR`: write a starter project
 *
 * Input: the shipped form template, rules, report layouts and example forms,
 * found through the data folders (datadir.h).  Output: DIR with a pipeline
 * that runs as is.  DIR must not exist or be an empty folder; on a failure
 * everything written is removed again, so DIR is left as it was.
 */
#define _XOPEN_SOURCE 700 /* nftw, realpath */
#include "cmd_init.h"
#include "datadir.h"
#include "pipeline.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SR_VERSION
#define SR_VERSION "dev"
#endif

#define FORM_REL    "templates/forms/csat.xml"
#define EXAMPLE_REL "templates/examples/starter.csv"
#define RULES_REL   "templates/rules"
#define REPORT_REL  "templates/report"

static const char usage_init[] =
    "usage: satreport init [-q|--quiet] DIR\n"
    "\n"
    "Write a starter project into DIR (created if missing; an existing DIR\n"
    "must be empty): pipeline.ini, the form template forms/csat.xml, the\n"
    "shipped rules and report layouts, and example forms in input/.  It\n"
    "runs as is:\n"
    "\n"
    "  satreport init demo && cd demo && satreport run pipeline.ini\n"
    "\n"
    "  -q, --quiet   print nothing on success\n"
    "\n"
    "The shipped files are looked up in the data folders that\n"
    "satreport --version lists.\n";

/* what init writes, for the cleanup on failure and the final listing */
struct init {
    const char *dir; /* as given */
    bool created;    /* DIR did not exist before */
    struct sr_buf list;
};

/* mkdir -p; true when @path is a folder afterwards */
static bool make_dirs(const char *path)
{
    char *p = xstrdup(path);
    char *s;
    bool ok = true;

    for (s = p + 1; *s && ok; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            ok = false;
        *s = '/';
    }
    if (ok && mkdir(p, 0777) != 0 && errno != EEXIST)
        ok = false;
    free(p);
    return ok;
}

/* 1 when @path is a folder holding nothing, 0 when it holds something,
 * -1 (errno set) when it cannot be read */
static int dir_is_empty(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;
    int empty = 1;

    if (!d)
        return -1;
    while (empty) {
        errno = 0;
        e = readdir(d);
        if (!e) {
            if (errno)
                empty = -1;
            break;
        }
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            empty = 0;
    }
    closedir(d);
    return empty;
}

/* Check DIR: missing (create it) or an empty folder.  Returns an exit
 * code; messages are printed. */
static int prepare_dir(struct init *in)
{
    struct stat sb;
    int empty;

    if (stat(in->dir, &sb) != 0) {
        if (errno != ENOENT) {
            sr_log_error("cannot use '%s': %s", in->dir, strerror(errno));
            return SR_EXIT_WRITE;
        }
        if (!make_dirs(in->dir)) {
            sr_log_error("cannot create '%s': %s", in->dir, strerror(errno));
            return SR_EXIT_WRITE;
        }
        in->created = true;
        return SR_EXIT_OK;
    }
    if (!S_ISDIR(sb.st_mode)) {
        sr_log_error("refusing to write into '%s': it is not a folder",
                     in->dir);
        return SR_EXIT_CONFIG;
    }
    empty = dir_is_empty(in->dir);
    if (empty < 0) {
        sr_log_error("cannot read '%s': %s", in->dir, strerror(errno));
        return SR_EXIT_WRITE;
    }
    if (!empty) {
        sr_log_error("refusing to write into '%s': it is not empty (init "
                     "never overwrites; name a new or empty folder)",
                     in->dir);
        return SR_EXIT_CONFIG;
    }
    return SR_EXIT_OK;
}

static int rm_one(const char *path, const struct stat *sb, int flag,
                  struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    if (ftw->level == 0)
        return 0; /* DIR itself: kept or removed by the caller */
    return remove(path);
}

/* Undo: DIR was empty or missing before, so empty it or remove it. */
static void undo(const struct init *in)
{
    nftw(in->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    if (in->created)
        rmdir(in->dir);
}

static char *join(const char *a, const char *b)
{
    struct sr_buf p = SR_BUF_INIT;

    sr_buf_addf(&p, "%s/%s", a, b);
    return sr_buf_detach(&p);
}

/* write @n bytes to the new file @path (never replacing one) */
static bool write_new(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wx");
    bool ok;

    if (!f) {
        sr_log_error("cannot create '%s': %s", path, strerror(errno));
        return false;
    }
    ok = fwrite(data, 1, n, f) == n;
    if (fclose(f) != 0)
        ok = false;
    if (!ok)
        sr_log_error("cannot write '%s': %s", path, strerror(errno));
    return ok;
}

/* copy the file @src to DIR/@rel, a new file; @rel's folder exists */
static bool copy_in(struct init *in, const char *src, const char *rel,
                    const char *what)
{
    FILE *f = fopen(src, "rb");
    struct sr_buf data = SR_BUF_INIT;
    char chunk[16384];
    char *dst;
    size_t n;
    bool ok;

    if (!f) {
        sr_log_error("cannot read '%s': %s", src, strerror(errno));
        return false;
    }
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        sr_buf_add(&data, chunk, n);
    ok = !ferror(f);
    fclose(f);
    if (!ok) {
        sr_log_error("cannot read '%s': %s", src, strerror(errno));
        sr_buf_release(&data);
        return false;
    }
    dst = join(in->dir, rel);
    ok = write_new(dst, data.buf, data.len);
    if (ok)
        sr_buf_addf(&in->list, "  %-24s %s\n", rel, what);
    free(dst);
    sr_buf_release(&data);
    return ok;
}

static bool make_sub(const struct init *in, const char *sub)
{
    char *p = join(in->dir, sub);
    bool ok = mkdir(p, 0777) == 0 || errno == EEXIST;

    if (!ok)
        sr_log_error("cannot create '%s': %s", p, strerror(errno));
    free(p);
    return ok;
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t a = strlen(s);
    size_t b = strlen(suffix);

    return a > b && !strcmp(s + a - b, suffix);
}

static int pick_rules(const struct dirent *e)
{
    return e->d_name[0] != '.' && has_suffix(e->d_name, ".rules");
}

static int pick_xml(const struct dirent *e)
{
    return e->d_name[0] != '.' && has_suffix(e->d_name, ".xml");
}

/*
 * Copy the shipped files of data folder @rel (templates/rules, ...) chosen
 * by @pick into DIR/@sub, in name order.  A missing folder copies nothing.
 * @names gets the copied names (owned, freed by the caller with
 * free_names()), @count their number.
 */
static bool copy_shipped(struct init *in, const char *rel, const char *sub,
                         int (*pick)(const struct dirent *), const char *what,
                         char ***names, size_t *count)
{
    char *src_dir = sr_datadir_find(rel);
    struct dirent **ents = NULL;
    int n;
    int i;
    bool ok = true;

    *names = NULL;
    *count = 0;
    if (!src_dir)
        return true;
    n = scandir(src_dir, &ents, pick, alphasort);
    if (n > 0)
        ok = make_sub(in, sub);
    for (i = 0; i < n; i++) {
        char *src = join(src_dir, ents[i]->d_name);
        char *dst = join(sub, ents[i]->d_name);
        struct stat sb;

        if (ok && stat(src, &sb) == 0 && S_ISREG(sb.st_mode)) {
            ok = copy_in(in, src, dst, what);
            if (ok) {
                *names = xreallocarray(*names, *count + 1, sizeof(**names));
                (*names)[(*count)++] = xstrdup(ents[i]->d_name);
            }
        }
        free(dst);
        free(src);
        free(ents[i]);
    }
    free(ents);
    free(src_dir);
    return ok;
}

static void free_names(char **names, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

static bool has_name(char *const *names, size_t n, const char *name)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!strcmp(names[i], name))
            return true;
    return false;
}

/* A pipeline name from DIR's folder name: letters, digits, '.', '_', '-'
 * and UTF-8 text are kept; anything else (or nothing) gives "starter". */
static char *project_name(const char *dir)
{
    char real[PATH_MAX];
    const char *base;
    const char *s;

    if (!realpath(dir, real))
        return xstrdup("starter");
    base = strrchr(real, '/');
    base = base ? base + 1 : real;
    if (!base[0] || base[0] == '.' || base[0] == '-')
        return xstrdup("starter");
    for (s = base; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if (!(c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
              (c >= 'A' && c <= 'Z') || c == '.' || c == '_' || c == '-'))
            return xstrdup("starter");
    }
    return xstrdup(base);
}

static void pipeline_text(struct sr_buf *b, const char *name,
                          char *const *rules, size_t nrules,
                          char *const *layouts, size_t nlayouts)
{
    size_t i;

    sr_buf_addf(
        b,
        "; pipeline.ini - a starter pipeline written by `satreport init`\n"
        "; (satreport %s).  Run it from this folder or from anywhere:\n"
        ";\n"
        ";     satreport run pipeline.ini\n"
        ";\n"
        "; Paths are relative to this file.  A file a pipeline does not name\n"
        "; (rules, report layout) is taken from the shipped data folders,\n"
        "; which `satreport --version` lists.  `man satreport` and\n"
        "; docs/formats.md describe every key.\n"
        "\n"
        "[pipeline]\n"
        "name   = %s\n"
        "period = 2026      ; forms dated outside are counted, not "
        "analysed\n"
        "\n"
        "[input]\n"
        "; the questionnaire: fields, scales, dimensions with weights and "
        "targets\n"
        "form     = forms/csat.xml\n"
        "; returned forms: CSV (UTF-8 or GBK) or XML; add patterns such as\n"
        "; input/*.xml when you have them (a pattern must match a file)\n"
        "files    = input/*.csv\n"
        "encoding = auto\n",
        SR_VERSION, name);
    if (has_name(rules, nrules, "segments.rules") ||
        has_name(rules, nrules, "comments.rules")) {
        sr_buf_addstr(b, "\n[classify]\n");
        if (has_name(rules, nrules, "segments.rules"))
            sr_buf_addstr(b, "segments = rules/segments.rules\n");
        if (has_name(rules, nrules, "comments.rules"))
            sr_buf_addstr(b, "comments = rules/comments.rules\n");
    }
    for (i = 0; i < nrules; i++) {
        if (strcmp(rules[i], "segments.rules") &&
            strcmp(rules[i], "comments.rules"))
            sr_buf_addf(b, "; also shipped: rules/%s\n", rules[i]);
    }
    sr_buf_addstr(
        b, "\n[analysis]\n"
           "; groups with fewer forms are flagged 样本少 (with the 30 example\n"
           "; forms, every segment is)\n"
           "min_base   = 30\n"
           "min_report = 5      ; groups with fewer forms are not shown\n"
           "\n[report]\n");
    if (nlayouts == 1)
        sr_buf_addf(b, "template        = report/%s\n", layouts[0]);
    for (i = 0; nlayouts > 1 && i < nlayouts; i++)
        sr_buf_addf(b, "; template      = report/%s\n", layouts[i]);
    sr_buf_addstr(b, "title           = 顾客满意度调查分析报告\n"
                     "organization    = 示例公司\n"
                     "confidentiality = 内部     ; 公开 | 内部 | 机密 | "
                     "绝密\n"
                     "prepared_by     = 客户服务部\n"
                     "\n[workbook]\n"
                     "records = yes      ; the 明细 sheet, one row per "
                     "accepted form\n"
                     "\n[output]\n");
    sr_buf_addf(b,
                "; the run folder: report.pdf, statistics.xlsx, stats.csv,\n"
                "; rejects.csv, run.log\n"
                "dir = output/%s\n",
                name);
}

/* DIR as the user should type it after `cd` */
static void print_done(const struct init *in)
{
    bool plain = !strpbrk(in->dir, " \t\n'\"$`\\;&|<>()*?[]{}!#~");

    printf("satreport: wrote a starter project into '%s':\n", in->dir);
    printf("  %-24s %s\n%s", "pipeline.ini",
           "the pipeline: what to read and how to report it", in->list.buf);
    if (plain)
        printf("run it:\n  cd %s && satreport run pipeline.ini\n", in->dir);
    else
        printf("run it: cd into '%s', then: satreport run pipeline.ini\n",
               in->dir);
}

static int write_project(struct init *in, const char *form, const char *ex)
{
    char **rules = NULL;
    char **layouts = NULL;
    size_t nrules = 0;
    size_t nlayouts = 0;
    struct sr_buf text = SR_BUF_INIT;
    char *name = NULL;
    char *path = NULL;
    int rc = SR_EXIT_WRITE;

    if (!make_sub(in, "forms") ||
        !copy_in(in, form, "forms/csat.xml", "the form template"))
        goto out;
    if (!copy_shipped(in, RULES_REL, "rules", pick_rules,
                      "classification rules", &rules, &nrules))
        goto out_free_rules;
    if (!copy_shipped(in, REPORT_REL, "report", pick_xml, "report layout",
                      &layouts, &nlayouts))
        goto out_free_layouts;
    if (!make_sub(in, "input") ||
        !copy_in(in, ex, "input/starter.csv", "example forms"))
        goto out_free_layouts;
    name = project_name(in->dir);
    pipeline_text(&text, name, rules, nrules, layouts, nlayouts);
    path = join(in->dir, "pipeline.ini");
    if (!write_new(path, text.buf, text.len))
        goto out_free_text;
    rc = SR_EXIT_OK;
out_free_text:
    free(path);
    free(name);
    sr_buf_release(&text);
out_free_layouts:
    free_names(layouts, nlayouts);
out_free_rules:
    free_names(rules, nrules);
out:
    return rc;
}

int sr_cmd_init(int argc, char **argv)
{
    struct init in = { NULL, false, SR_BUF_INIT };
    bool quiet = false;
    bool opts_done = false;
    char *form = NULL;
    char *example = NULL;
    int rc = SR_EXIT_CONFIG;
    int i;

    for (i = 0; i < argc; i++) {
        const char *a = argv[i];

        if (!opts_done && (!strcmp(a, "-h") || !strcmp(a, "--help"))) {
            fputs(usage_init, stdout);
            return SR_EXIT_OK;
        } else if (!opts_done && (!strcmp(a, "-q") || !strcmp(a, "--quiet"))) {
            quiet = true;
        } else if (!opts_done && !strcmp(a, "--")) {
            opts_done = true;
        } else if (!opts_done && a[0] == '-' && a[1]) {
            fprintf(stderr, "satreport: unknown option '%s'\n\n%s", a,
                    usage_init);
            return SR_EXIT_CONFIG;
        } else if (!in.dir) {
            in.dir = a;
        } else {
            fprintf(stderr, "satreport: unexpected argument '%s'\n\n%s", a,
                    usage_init);
            return SR_EXIT_CONFIG;
        }
    }
    if (!in.dir || !in.dir[0]) {
        fprintf(stderr, "satreport: init needs a folder DIR\n\n%s", usage_init);
        return SR_EXIT_CONFIG;
    }
    /* find every shipped file before touching DIR */
    form = sr_datadir_find(FORM_REL);
    example = sr_datadir_find(EXAMPLE_REL);
    if (!form || !example) {
        sr_log_error("cannot find the shipped file '%s' in any data folder "
                     "(satreport --version lists them; SATREPORT_DATA names "
                     "another)",
                     form ? EXAMPLE_REL : FORM_REL);
        goto out_free;
    }
    rc = prepare_dir(&in);
    if (rc != SR_EXIT_OK)
        goto out_free;
    rc = write_project(&in, form, example);
    if (rc != SR_EXIT_OK) {
        undo(&in);
        goto out_free;
    }
    if (!quiet)
        print_done(&in);
out_free:
    sr_buf_release(&in.list);
    free(example);
    free(form);
    return rc;
}
