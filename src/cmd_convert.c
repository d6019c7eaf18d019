/* SPDX-License-Identifier: MIT */
/*
 * cmd_convert.c - `satreport convert` and `satreport mapping-check`
 *
 * Input: a mapping, the form template it names (or --template) and export
 * files.  Output: convert writes native CSV (written aside, then renamed
 * into place); mapping-check prints a report on stdout.  Owns nothing
 * past the call; messages go to stderr like the run's.
 */
#include "cmd_convert.h"

#include "core/buf.h"
#include "core/csvout.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/template.h"
#include "pipeline.h"
#include "read/encoding.h"
#include "read/mapping.h"
#include "read/reader.h"

#include <errno.h>
#include <glob.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Refusals by the mapping printed one by one by mapping-check, per file. */
#define CHECK_LISTED 10

static const char usage_convert[] =
    "usage: satreport convert --mapping MAPPING [--template FORM]\n"
    "                         [--encoding E] [-q] FILE... -o OUT.csv\n"
    "\n"
    "Read export files of another survey tool (问卷星, SurveyMonkey,\n"
    "Qualtrics, LimeSurvey, ODK/Kobo/Ona, FHIR ...) through a mapping file\n"
    "(docs/mappings.md) and write what was read as native CSV: UTF-8 with a\n"
    "BOM, one column per id of the form template, one row per form.  Forms\n"
    "the mapping refuses (invalid bytes, values it cannot map, ODK\n"
    "instances replaced by an edit ...) are listed on stderr, not written.\n"
    "\n"
    "  --mapping MAPPING  the mapping file (templates/mappings/*.xml)\n"
    "  --template FORM    the form template; default: the mapping's form=\n"
    "  --encoding E       encoding of CSV exports when the mapping names\n"
    "                     none: auto (default), utf-8, gbk\n"
    "  -o OUT.csv         the native CSV to write ('-' for stdout)\n"
    "  -q, --quiet        print nothing but problems\n"
    "\n"
    "exit codes: 0 every form written; 1 some forms refused by the mapping;\n"
    "2 usage, mapping or template error; 3 an input could not be read;\n"
    "4 the output could not be written.\n";

static const char usage_check[] =
    "usage: satreport mapping-check MAPPING [--template FORM] [--encoding E]\n"
    "                               FILE...\n"
    "\n"
    "Read export files through the mapping and report, per file: each\n"
    "column (or XML element path) and the form template ids it feeds, the\n"
    "mapping's columns or paths that matched nothing, the values that no\n"
    "value map knew and the template does not accept, and the forms the\n"
    "mapping refuses.\n"
    "\n"
    "exit codes: 0 everything matched and every value was mapped; 1 some\n"
    "column, path or value did not; 2 usage, mapping or template error;\n"
    "3 a file could not be read.\n";

struct opts {
    const char *mapping;
    const char *tmpl;
    const char *out;
    enum sr_encoding encoding;
    bool quiet;
    char **files; /* owned, globs expanded */
    size_t nfiles;
};

static void opts_release(struct opts *o)
{
    size_t i;

    for (i = 0; i < o->nfiles; i++)
        free(o->files[i]);
    free(o->files);
}

static void add_file(struct opts *o, const char *p)
{
    o->files = xreallocarray(o->files, o->nfiles + 1, sizeof(*o->files));
    o->files[o->nfiles++] = xstrdup(p);
}

/* A path, or the files a glob pattern matches (sorted). */
static void add_arg(struct opts *o, const char *a)
{
    glob_t g;
    size_t i;

    if (strpbrk(a, "*?[") && access(a, F_OK) != 0 &&
        glob(a, 0, NULL, &g) == 0) {
        for (i = 0; i < g.gl_pathc; i++)
            add_file(o, g.gl_pathv[i]);
        globfree(&g);
        return;
    }
    add_file(o, a);
}

/* Fill @o from argv; returns -1 to go on, else the exit code. */
static int parse(int argc, char **argv, bool convert, struct opts *o)
{
    const char *usage = convert ? usage_convert : usage_check;
    int i;

    memset(o, 0, sizeof(*o));
    for (i = 0; i < argc; i++) {
        const char *a = argv[i];

        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            return SR_EXIT_OK;
        }
        if (!strcmp(a, "--mapping") || !strcmp(a, "--template") ||
            !strcmp(a, "--encoding") || !strcmp(a, "-o") ||
            !strcmp(a, "--out")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "satreport: option '%s' needs a value\n", a);
                return SR_EXIT_CONFIG;
            }
            if (!strcmp(a, "--mapping")) {
                o->mapping = argv[++i];
            } else if (!strcmp(a, "--template")) {
                o->tmpl = argv[++i];
            } else if (!strcmp(a, "--encoding")) {
                if (!sr_encoding_parse(argv[++i], &o->encoding)) {
                    fprintf(stderr,
                            "satreport: unknown encoding '%s' (want auto, "
                            "utf-8 or gbk)\n",
                            argv[i]);
                    return SR_EXIT_CONFIG;
                }
            } else if (convert) {
                o->out = argv[++i];
            } else {
                fprintf(stderr, "satreport: mapping-check writes no file "
                                "(no -o)\n");
                return SR_EXIT_CONFIG;
            }
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            o->quiet = true;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "satreport: unknown option '%s'\n\n%s", a, usage);
            return SR_EXIT_CONFIG;
        } else if (!convert && !o->mapping) {
            o->mapping = a;
        } else {
            add_arg(o, a);
        }
    }
    if (!o->mapping) {
        fprintf(stderr, "satreport: %s needs a MAPPING\n\n%s",
                convert ? "convert" : "mapping-check", usage);
        return SR_EXIT_CONFIG;
    }
    if (!o->nfiles) {
        fprintf(stderr, "satreport: no input FILE given\n\n%s", usage);
        return SR_EXIT_CONFIG;
    }
    if (convert && !o->out) {
        fprintf(stderr, "satreport: convert needs -o OUT.csv\n\n%s", usage);
        return SR_EXIT_CONFIG;
    }
    return -1;
}

static void print_diag(const struct sr_diag *d)
{
    char msg[2048];

    fprintf(stderr, "satreport: %s\n", sr_diag_format(d, msg, sizeof(msg)));
}

/* Load the template and the mapping; every input file is scanned for
 * edits.  Returns an exit code. */
static int load(const struct opts *o, struct sr_template **t,
                struct sr_mapping **m)
{
    struct sr_diag d;
    char *form = NULL;
    int rc = SR_EXIT_OK;

    *t = NULL;
    *m = NULL;
    sr_diag_clear(&d);
    if (!o->tmpl) {
        if (sr_mapping_form_path(o->mapping, &form, &d) != SR_OK) {
            print_diag(&d);
            return SR_EXIT_CONFIG;
        }
        if (!form) {
            fprintf(stderr,
                    "satreport: %s: the mapping names no form template "
                    "(form=\"...\"); give --template FORM\n",
                    o->mapping);
            return SR_EXIT_CONFIG;
        }
    }
    if (sr_template_load(o->tmpl ? o->tmpl : form, t, &d) != SR_OK ||
        sr_mapping_load(o->mapping, *t, m, &d) != SR_OK) {
        print_diag(&d);
        rc = SR_EXIT_CONFIG;
    } else if (sr_mapping_scan(*m, (const char *const *)o->files, o->nfiles,
                               &d) != SR_OK) {
        print_diag(&d);
        rc = SR_EXIT_INPUT;
    }
    free(form);
    return rc;
}

/* True if @s is a whole number that a long holds. */
static bool whole_number(const char *s, long *v)
{
    char *end;

    if (!*s || (s[0] == '0' && s[1]) || (s[0] == '-' && s[1] == '0'))
        return false;
    errno = 0;
    *v = strtol(s, &end, 10);
    return !*end && !errno && end != s;
}

static void write_form(struct sr_csvout *w, const struct sr_rawform *f)
{
    size_t i;

    for (i = 0; i < f->nslots; i++) {
        const char *v = f->values[i];
        long n;

        if (!v || !*v)
            sr_csvout_empty(w);
        else if (whole_number(v, &n))
            sr_csvout_long(w, n);
        else
            sr_csvout_text(w, v);
    }
    sr_csvout_endrow(w);
}

/* Convert one file; counts go to *forms and *refused.  Returns an exit
 * code (SR_EXIT_INPUT if the file could not be read, completely or at
 * all). */
static int convert_file(const char *path, const struct sr_template *t,
                        const struct sr_read_opts *ro, struct sr_csvout *w,
                        long *forms, long *refused)
{
    struct sr_reader *r;
    struct sr_rawform f;
    struct sr_diag d;
    enum sr_status s;
    int rc = SR_EXIT_OK;

    sr_diag_clear(&d);
    s = sr_reader_open(&r, path, t, ro, &d);
    if (s != SR_OK) {
        print_diag(&d);
        return SR_EXIT_INPUT;
    }
    while ((s = sr_reader_next(r, &f, &d)) == SR_OK) {
        if (f.problem) {
            (*refused)++;
            fprintf(stderr,
                    "satreport: %s:%ld: refused by the mapping%s%s%s: %s\n",
                    f.file, f.line, f.problem_field[0] ? " (" : "",
                    f.problem_field, f.problem_field[0] ? ")" : "", f.problem);
            continue;
        }
        (*forms)++;
        write_form(w, &f);
    }
    if (s != SR_DONE) {
        print_diag(&d);
        fprintf(stderr,
                "satreport: %s: the rest of the file after line %ld "
                "is not read\n",
                path, d.line);
        rc = SR_EXIT_INPUT;
    }
    sr_reader_free(r);
    return rc;
}

int sr_cmd_convert(int argc, char **argv)
{
    struct opts o;
    struct sr_template *t = NULL;
    struct sr_mapping *m = NULL;
    struct sr_read_opts ro;
    struct sr_csvout w;
    struct sr_buf tmp = SR_BUF_INIT;
    FILE *fp = NULL;
    bool to_stdout;
    long forms = 0;
    long refused = 0;
    int rc;
    int frc;
    size_t i;

    rc = parse(argc, argv, true, &o);
    if (rc >= 0)
        goto out_opts;
    rc = load(&o, &t, &m);
    if (rc != SR_EXIT_OK)
        goto out_free;
    to_stdout = !strcmp(o.out, "-");
    if (to_stdout) {
        fp = stdout;
    } else {
        sr_buf_addf(&tmp, "%s.tmp-%ld", o.out, (long)getpid());
        fp = fopen(tmp.buf, "wb");
        if (!fp) {
            fprintf(stderr, "satreport: %s: cannot write: %s\n", o.out,
                    strerror(errno));
            rc = SR_EXIT_WRITE;
            goto out_free;
        }
    }
    sr_csvout_init(&w, fp);
    for (i = 0; i < t->nslots; i++)
        sr_csvout_text(&w, t->slots[i].id);
    sr_csvout_endrow(&w);
    memset(&ro, 0, sizeof(ro));
    ro.encoding = o.encoding;
    ro.mapping = m;
    for (i = 0; i < o.nfiles; i++) {
        frc = convert_file(o.files[i], t, &ro, &w, &forms, &refused);
        if (frc != SR_EXIT_OK)
            rc = frc;
    }
    if (to_stdout) {
        if (fflush(fp) != 0 || ferror(fp)) {
            fprintf(stderr, "satreport: cannot write to stdout\n");
            rc = SR_EXIT_WRITE;
        }
    } else if (ferror(fp) | fclose(fp)) {
        fprintf(stderr, "satreport: %s: cannot write: %s\n", o.out,
                strerror(errno));
        remove(tmp.buf);
        rc = SR_EXIT_WRITE;
    } else if (rename(tmp.buf, o.out) != 0) {
        fprintf(stderr, "satreport: %s: cannot write: %s\n", o.out,
                strerror(errno));
        remove(tmp.buf);
        rc = SR_EXIT_WRITE;
    }
    if (rc == SR_EXIT_OK && refused)
        rc = SR_EXIT_REFUSED;
    if (!o.quiet && rc != SR_EXIT_WRITE)
        fprintf(stderr,
                "satreport: %ld form%s from %zu file%s written to %s; %ld "
                "refused by the mapping\n",
                forms, forms == 1 ? "" : "s", o.nfiles,
                o.nfiles == 1 ? "" : "s", o.out, refused);

out_free:
    sr_mapping_free(m);
    sr_template_free(t);
    sr_buf_release(&tmp);
out_opts:
    opts_release(&o);
    return rc;
}

/* Read all of @r, listing the forms the mapping refuses (the first
 * CHECK_LISTED of *listed so far).  Returns an exit code. */
static int check_read(struct sr_mapped *r, const char *path, long *listed)
{
    struct sr_rawform f;
    struct sr_diag d;
    enum sr_status s;

    sr_diag_clear(&d);
    while ((s = sr_mapped_next(r, &f, &d)) == SR_OK) {
        if (!f.problem)
            continue;
        if ((*listed)++ < CHECK_LISTED)
            printf("refused: %s:%ld%s%s%s: %s\n", path, f.line,
                   f.problem_field[0] ? " (" : "", f.problem_field,
                   f.problem_field[0] ? ")" : "", f.problem);
    }
    if (s != SR_DONE) {
        char msg[2048];

        printf("the rest of the file is unreadable: %s\n",
               sr_diag_format(&d, msg, sizeof(msg)));
        return SR_EXIT_INPUT;
    }
    return SR_EXIT_OK;
}

/* Print the report of @r and the verdict; returns the exit code. */
static int check_report(const struct sr_mapped *r, long listed, int rc)
{
    struct sr_buf out = SR_BUF_INIT;

    if (listed > CHECK_LISTED)
        printf("refused: ... and %ld more\n", listed - CHECK_LISTED);
    sr_mapped_report(r, &out);
    fputs(out.buf, stdout);
    sr_buf_release(&out);
    if (rc == SR_EXIT_OK && !sr_mapped_clean(r)) {
        rc = SR_EXIT_REFUSED;
        printf("result: something is not mapped (see above)\n");
    } else if (rc == SR_EXIT_OK && listed) {
        rc = SR_EXIT_REFUSED;
        printf("result: every column and value mapped; %ld form%s refused "
               "by the mapping (see above)\n",
               listed, listed == 1 ? "" : "s");
    } else if (rc == SR_EXIT_OK) {
        printf("result: every column and value mapped\n");
    } else {
        printf("result: some input cannot be read\n");
    }
    return rc;
}

/* A CSV file: its own columns, its own report. */
static int check_csv(const char *path, const struct sr_mapping *m,
                     const struct sr_read_opts *ro)
{
    struct sr_mapped *r;
    struct sr_diag d;
    long listed = 0;
    int rc;

    printf("== %s\n", path);
    sr_diag_clear(&d);
    if (sr_mapped_open_lenient(&r, path, m, ro, &d) != SR_OK) {
        char msg[2048];

        printf("cannot read it: %s\n", sr_diag_format(&d, msg, sizeof(msg)));
        return SR_EXIT_INPUT;
    }
    rc = check_read(r, path, &listed);
    rc = check_report(r, listed, rc);
    sr_mapped_free(r);
    return rc;
}

/* XML files (often one instance each): one report for all of them. */
static int check_xml(char *const *files, size_t n, const struct sr_mapping *m,
                     const struct sr_read_opts *ro)
{
    struct sr_mapped *all = NULL;
    struct sr_diag d;
    long listed = 0;
    int rc = SR_EXIT_OK;
    size_t i;

    printf("== %zu file%s\n", n, n == 1 ? "" : "s");
    for (i = 0; i < n; i++) {
        struct sr_mapped *r;
        int frc;

        sr_diag_clear(&d);
        if (sr_mapped_open_lenient(&r, files[i], m, ro, &d) != SR_OK) {
            char msg[2048];

            printf("cannot read it: %s\n",
                   sr_diag_format(&d, msg, sizeof(msg)));
            rc = SR_EXIT_INPUT;
            continue;
        }
        frc = check_read(r, files[i], &listed);
        if (frc != SR_EXIT_OK)
            rc = frc;
        if (!all) {
            all = r;
        } else {
            sr_mapped_merge(all, r);
            sr_mapped_free(r);
        }
    }
    if (all)
        rc = check_report(all, listed, rc);
    sr_mapped_free(all);
    return rc;
}

int sr_cmd_mapping_check(int argc, char **argv)
{
    struct opts o;
    struct sr_template *t = NULL;
    struct sr_mapping *m = NULL;
    struct sr_read_opts ro;
    int rc;
    int frc;
    size_t i;

    rc = parse(argc, argv, false, &o);
    if (rc >= 0)
        goto out_opts;
    rc = load(&o, &t, &m);
    if (rc != SR_EXIT_OK)
        goto out_free;
    printf("mapping %s: form template '%s' (%s)\n", o.mapping, t->id,
           t->path ? t->path : "");
    memset(&ro, 0, sizeof(ro));
    ro.encoding = o.encoding;
    ro.mapping = m;
    if (sr_mapping_is_xml(m)) {
        rc = check_xml(o.files, o.nfiles, m, &ro);
    } else {
        for (i = 0; i < o.nfiles; i++) {
            frc = check_csv(o.files[i], m, &ro);
            if (frc > rc)
                rc = frc;
        }
    }
    fflush(stdout);

out_free:
    sr_mapping_free(m);
    sr_template_free(t);
out_opts:
    opts_release(&o);
    return rc;
}
