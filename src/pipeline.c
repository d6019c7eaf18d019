/* SPDX-License-Identifier: MIT */
/*
 * pipeline.c - run a pipeline: read -> check -> accumulate -> render
 *
 * Input: a pipeline file and command-line overrides.  Output: the run
 * folder (report.pdf, statistics.xlsx, stats.csv, rejects.csv, run.log),
 * written into "<out>.tmp-<pid>" and swapped into place at the end
 * (renameat2 RENAME_EXCHANGE), so readers of the run folder see either the
 * old complete run or the new one.  A lock file "<out>.lock" (flock) keeps
 * two runs off one output.
 */
#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE */
#include "pipeline.h"
#include "check/check.h"
#include "check/rejects.h"
#include "classify/classify.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/log.h"
#include "core/logfile.h"
#include "core/mem.h"
#include "core/period.h"
#include "core/runinfo.h"
#include "core/template.h"
#include "datadir.h"
#include "govern/facts.h"
#include "govern/manifest.h"
#include "read/mapping.h"
#include "read/reader.h"
#include "render/pdf/report.h"
#include "render/pdf/report.h"
#include "render/render.h"
#include "stats/stats.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef SR_VERSION
#define SR_VERSION "dev"
#endif

#define DEFAULT_FONT "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

struct run {
    const struct sr_run_opts *o;
    struct sr_config *cfg;
    struct sr_template *tmpl;
    struct sr_checker *ck;
    struct sr_classifier *cls;
    char *rules[2]; /* the rule files used, for the manifest */
    size_t nrules;
    struct sr_logfile *lf; /* the scheduler log, or NULL */
    time_t progress_at;    /* when the progress line was last drawn */
    struct sr_mapping *mapping;
    struct sr_report_tmpl *rt;
    struct sr_stats *st;
    struct sr_rejects *rj;
    struct sr_xlsx *xlsx;
    struct sr_model *model;
    struct sr_run_info ri;
    char **inputs; /* expanded file list */
    size_t ninputs;
    char *tmpdir;
    int lockfd;
    long read;
    long accepted;
    long refused;
    long out_of_period;
    long broken_files;
};

static void print_diag(const struct sr_diag *d)
{
    char msg[2048];

    sr_log_error("%s", sr_diag_format(d, msg, sizeof(msg)));
}

/* mkdir -p */
static int make_dirs(const char *path)
{
    char *p = xstrdup(path);
    char *s;
    int rc = 0;

    for (s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            rc = -1;
        *s = '/';
    }
    if (rc == 0 && mkdir(p, 0777) != 0 && errno != EEXIST)
        rc = -1;
    free(p);
    return rc;
}

static int rm_one(const char *path, const struct stat *sb, int flag,
                  struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void remove_tree(const char *path)
{
    nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Expand the input patterns.  A pattern that matches nothing is an error
 * (exit 2 for a glob in the pipeline, exit 3 for a plain missing path). */
static int expand_inputs(struct run *r)
{
    const char *const *pats;
    size_t npats;
    size_t i;

    if (r->o->files) {
        pats = r->o->files;
        npats = r->o->nfiles;
    } else {
        pats = (const char *const *)r->cfg->files;
        npats = r->cfg->nfiles;
    }
    for (i = 0; i < npats; i++) {
        glob_t g;
        size_t k;
        int rc = glob(pats[i], GLOB_NOSORT, NULL, &g);

        if (rc == GLOB_NOMATCH) {
            if (!strpbrk(pats[i], "*?[")) {
                if (r->o->files)
                    sr_log_error("%s: cannot read input: %s", pats[i],
                                 strerror(ENOENT));
                else
                    sr_log_error("%s:%ld: cannot read input '%s': %s",
                                 r->cfg->path, r->cfg->files_line, pats[i],
                                 strerror(ENOENT));
                return SR_EXIT_INPUT;
            }
            if (r->o->files)
                sr_log_error("--files: no file matches '%s'", pats[i]);
            else
                sr_log_error("%s:%ld: [input] files: no file matches '%s'",
                             r->cfg->path, r->cfg->files_line, pats[i]);
            return SR_EXIT_CONFIG;
        }
        if (rc != 0) {
            sr_log_error("%s: cannot expand '%s'", r->cfg->path, pats[i]);
            return SR_EXIT_INPUT;
        }
        qsort(g.gl_pathv, g.gl_pathc, sizeof(char *), cmp_str);
        for (k = 0; k < g.gl_pathc; k++) {
            size_t j;

            for (j = 0; j < r->ninputs; j++)
                if (!strcmp(r->inputs[j], g.gl_pathv[k]))
                    break;
            if (j < r->ninputs)
                continue; /* named twice: read once */
            r->inputs =
                xreallocarray(r->inputs, r->ninputs + 1, sizeof(*r->inputs));
            r->inputs[r->ninputs++] = xstrdup(g.gl_pathv[k]);
        }
        globfree(&g);
    }
    return SR_EXIT_OK;
}

static void set_run_date(struct run *r)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    struct tm tm;

    r->ri.epoch = time(NULL);
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);

        if (!*end && v >= 0)
            r->ri.epoch = (time_t)v;
    }
    gmtime_r(&r->ri.epoch, &tm);
    strftime(r->ri.date, sizeof(r->ri.date), "%Y-%m-%d", &tm);
}

static int take_lock(struct run *r)
{
    struct sr_buf b = SR_BUF_INIT;
    int rc = SR_EXIT_OK;

    sr_buf_addf(&b, "%s.lock", r->cfg->out_dir);
    r->lockfd = open(b.buf, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (r->lockfd < 0) {
        sr_log_error("%s: cannot create lock: %s", b.buf, strerror(errno));
        rc = SR_EXIT_WRITE;
    } else if (flock(r->lockfd, LOCK_EX | LOCK_NB) != 0) {
        sr_log_error("%s: another run holds the lock", r->cfg->out_dir);
        rc = SR_EXIT_LOCKED;
    }
    sr_buf_release(&b);
    return rc;
}

static char *in_tmp(const struct run *r, const char *name)
{
    struct sr_buf b = SR_BUF_INIT;

    sr_buf_addf(&b, "%s/%s", r->tmpdir, name);
    return sr_buf_detach(&b);
}

/* read one input file through the checker into the accumulators */
static int read_file(struct run *r, const char *path)
{
    struct sr_read_opts ro;
    struct sr_reader *rd;
    struct sr_rawform raw;
    struct sr_record rec;
    struct sr_diag d;
    enum sr_status s;
    long n = 0;
    long nref = 0;

    memset(&ro, 0, sizeof(ro));
    ro.encoding = r->cfg->encoding;
    ro.mapping = r->mapping;
    sr_diag_clear(&d);
    s = sr_reader_open(&rd, path, r->tmpl, &ro, &d);
    if (s == SR_ERR_IO) {
        print_diag(&d);
        return SR_EXIT_INPUT;
    }
    if (s != SR_OK) {
        /* unusable as a whole (e.g. no known column): said and counted */
        print_diag(&d);
        sr_rejects_add(r->rj, path, d.line, "", "",
                       d.msg[0] ? d.msg : "file could not be read");
        r->broken_files++;
        return SR_EXIT_OK;
    }
    while ((s = sr_reader_next(rd, &raw, &d)) == SR_OK) {
        enum sr_verdict v;

        n++;
        r->read++;
        if (r->o->progress && (r->read & 1023) == 0 &&
            time(NULL) != r->progress_at) {
            r->progress_at = time(NULL);
            fprintf(stderr, "\rsatreport: %s: %ld forms (%ld in all)\033[K",
                    path, n, r->read);
        }
        sr_stats_count(r->st, path, "read");
        v = sr_check_form(r->ck, &raw, &rec, r->rj, &d);
        if (d.code == SR_ERR_WRITE) {
            print_diag(&d);
            sr_reader_free(rd);
            return SR_EXIT_WRITE;
        }
        switch (v) {
        case SR_ACCEPTED:
            if (sr_classify_record(r->cls, &rec, &d) != SR_OK) {
                /* a runaway rule: a rules error, not the form's fault */
                print_diag(&d);
                sr_reader_free(rd);
                return SR_EXIT_CONFIG;
            }
            r->accepted++;
            sr_stats_count(r->st, path, "accepted");
            sr_stats_push(r->st, &rec);
            if (r->xlsx && sr_xlsx_record(r->xlsx, &rec, &d) != SR_OK) {
                print_diag(&d);
                sr_reader_free(rd);
                return SR_EXIT_WRITE;
            }
            break;
        case SR_OUT_OF_PERIOD:
            r->out_of_period++;
            sr_stats_count(r->st, path, "out_of_period");
            break;
        case SR_REFUSED:
            r->refused++;
            nref++;
            sr_stats_count(r->st, path, "refused");
            break;
        }
    }
    if (s != SR_DONE) {
        char msg[2048];

        print_diag(&d);
        sr_diag_format(&d, msg, sizeof(msg));
        sr_rejects_add(r->rj, path, d.line, "", "",
                       d.msg[0] ? d.msg : "file could not be read further");
        sr_log_warn("%s: the rest of the file after line %ld is not read", path,
                    d.line);
        r->broken_files++;
    }
    sr_log_info("%s: %ld forms read, %ld refused", path, n, nref);
    sr_reader_free(rd);
    return SR_EXIT_OK;
}

static int render_all(struct run *r)
{
    struct sr_diag d;
    char *p;
    enum sr_status s;

    sr_diag_clear(&d);
    p = in_tmp(r, "stats.csv");
    s = sr_render_stats_csv(p, r->model, &d);
    free(p);
    if (s == SR_OK) {
        p = in_tmp(r, "report.pdf");
        s = sr_render_pdf_with(p, r->rt, r->model, &r->ri, &d);
        free(p);
    }
    if (s == SR_OK)
        s = sr_facts_write(r->tmpdir, r->model, &r->ri, &d);
    if (s == SR_OK)
        s = sr_xlsx_finish(r->xlsx, r->model, r->rj, &d);
    if (s != SR_OK) {
        print_diag(&d);
        return SR_EXIT_WRITE;
    }
    return SR_EXIT_OK;
}

/* swap the new run folder into place */
static int commit(struct run *r)
{
    const char *out = r->cfg->out_dir;
    struct stat sb;

    if (stat(out, &sb) == 0) {
        if (renameat2(AT_FDCWD, r->tmpdir, AT_FDCWD, out, RENAME_EXCHANGE) !=
            0) {
            sr_log_error("%s: cannot replace the run folder: %s", out,
                         strerror(errno));
            return SR_EXIT_WRITE;
        }
        /* tmpdir now holds the previous run */
        remove_tree(r->tmpdir);
    } else if (rename(r->tmpdir, out) != 0) {
        sr_log_error("%s: cannot create the run folder: %s", out,
                     strerror(errno));
        return SR_EXIT_WRITE;
    }
    return SR_EXIT_OK;
}

static int open_outputs(struct run *r)
{
    struct sr_buf b = SR_BUF_INIT;
    struct sr_diag d;
    char *p;
    int rc = SR_EXIT_OK;
    const char *slash;

    sr_diag_clear(&d);
    slash = strrchr(r->cfg->out_dir, '/');
    if (slash && slash != r->cfg->out_dir) {
        char *parent =
            xstrndup(r->cfg->out_dir, (size_t)(slash - r->cfg->out_dir));

        if (make_dirs(parent) != 0) {
            sr_log_error("%s: cannot create: %s", parent, strerror(errno));
            free(parent);
            return SR_EXIT_WRITE;
        }
        free(parent);
    }
    rc = take_lock(r);
    if (rc != SR_EXIT_OK)
        return rc;
    sr_buf_addf(&b, "%s.tmp-%ld", r->cfg->out_dir, (long)getpid());
    r->tmpdir = sr_buf_detach(&b);
    remove_tree(r->tmpdir);
    if (mkdir(r->tmpdir, 0777) != 0) {
        sr_log_error("%s: cannot create: %s", r->tmpdir, strerror(errno));
        free(r->tmpdir);
        r->tmpdir = NULL;
        return SR_EXIT_WRITE;
    }
    p = in_tmp(r, "run.log");
    if (!sr_log_open(p)) {
        sr_log_error("%s: cannot create: %s", p, strerror(errno));
        free(p);
        return SR_EXIT_WRITE;
    }
    free(p);
    p = in_tmp(r, "rejects.csv");
    if (sr_rejects_open(&r->rj, p, &d) != SR_OK)
        rc = SR_EXIT_WRITE;
    free(p);
    if (rc == SR_EXIT_OK) {
        p = in_tmp(r, "statistics.xlsx");
        if (sr_xlsx_open(&r->xlsx, p, r->tmpl, &r->ri,
                         r->cfg->records && !r->o->no_records &&
                             !r->o->states,
                         &d) != SR_OK)
            rc = SR_EXIT_WRITE;
        free(p);
    }
    if (rc != SR_EXIT_OK)
        print_diag(&d);
    return rc;
}

/* The rule files: the pipeline's, else the shipped ones (docs/rules.md) */
static int load_rules(struct run *r)
{
    struct sr_diag d;
    char *seg;
    char *com = NULL;
    enum sr_status s;

    sr_diag_clear(&d);
    seg = r->cfg->segments_rules
              ? xstrdup(r->cfg->segments_rules)
              : sr_datadir_find("templates/rules/segments.rules");
    if (!r->cfg->comments_off)
        com = r->cfg->comments_rules
                  ? xstrdup(r->cfg->comments_rules)
                  : sr_datadir_find("templates/rules/comments.rules");
    s = sr_classify_open(&r->cls, r->tmpl, seg, com, &d);
    if (seg)
        r->rules[r->nrules++] = seg;
    if (com)
        r->rules[r->nrules++] = com;
    if (s != SR_OK) {
        print_diag(&d);
        return SR_EXIT_CONFIG;
    }
    r->ri.derived = sr_classify_fields(r->cls, &r->ri.nderived);
    r->ri.categories = sr_classify_categories(r->cls, &r->ri.ncategories);
    return SR_EXIT_OK;
}

/* rule hit counts, so rule writers see dead rules */
static void log_rule_hits(const struct run *r)
{
    const struct sr_rule_hits *h;
    size_t n;
    size_t i;

    size_t dead = 0;

    h = sr_classify_hits(r->cls, &n);
    for (i = 0; i < n; i++) {
        sr_log_info("%s:%ld: rule '%s': %ld hits", h[i].file,
                    h[i].line, h[i].what, h[i].hits);
        if (!h[i].hits)
            dead++;
    }
    if (dead)
        sr_log_info("%zu of %zu rules had no hit (listed above)", dead,
                    n);
}

/* Open the scheduler log (logfile.h) and copy warnings and errors to it */
static int open_sched_log(struct run *r, const char *path)
{
    struct sr_logfile_opts lo;
    struct sr_diag d;

    memset(&lo, 0, sizeof(lo));
    if (r->cfg) {
        lo.max_bytes = r->cfg->log_max;
        lo.keep = (int)r->cfg->log_keep;
    }
    lo.tag = r->o->pipeline;
    sr_diag_clear(&d);
    if (sr_logfile_open(&r->lf, path, &lo, &d) != SR_OK) {
        print_diag(&d);
        return SR_EXIT_WRITE;
    }
    sr_log_set_sink(r->lf);
    sr_logfile_printf(r->lf, "info", "start: satreport %s run%s%s", SR_VERSION,
                      r->o->period ? " --period " : "",
                      r->o->period ? r->o->period : "");
    return SR_EXIT_OK;
}

static int load(struct run *r)
{
    struct sr_stats_opts so;
    struct sr_diag d;
    int rc;
    const char *font = getenv("SATREPORT_FONT");

    memset(&so, 0, sizeof(so));
    sr_diag_clear(&d);
    if (sr_config_load(r->o->pipeline, &r->cfg, &d) != SR_OK) {
        print_diag(&d);
        return SR_EXIT_CONFIG;
    }
    if (!r->lf && r->cfg->log) {
        rc = open_sched_log(r, r->cfg->log);
        if (rc != SR_EXIT_OK)
            return rc;
    }
    if (r->o->out) {
        free(r->cfg->out_dir);
        r->cfg->out_dir = xstrdup(r->o->out);
    }
    /* no trailing slash: the folder is renamed as a whole */
    while (strlen(r->cfg->out_dir) > 1 &&
           r->cfg->out_dir[strlen(r->cfg->out_dir) - 1] == '/')
        r->cfg->out_dir[strlen(r->cfg->out_dir) - 1] = '\0';
    if (r->o->period) {
        struct sr_period p;

        if (sr_period_resolve(r->o->period, sr_period_now(), &p, &d) !=
            SR_OK) {
            sr_log_error("--period: %s", d.msg);
            return SR_EXIT_CONFIG;
        }
        free(r->cfg->period);
        r->cfg->period = xstrdup(r->o->period);
    }
    /* relative periods resolved, {period} filled in names and paths */
    if (sr_period_apply(r->cfg, sr_period_now(), &d) != SR_OK) {
        print_diag(&d);
        return SR_EXIT_CONFIG;
    }
    while (strlen(r->cfg->out_dir) > 1 &&
           r->cfg->out_dir[strlen(r->cfg->out_dir) - 1] == '/')
        r->cfg->out_dir[strlen(r->cfg->out_dir) - 1] = '\0';
    if (sr_template_load(r->cfg->form, &r->tmpl, &d) != SR_OK) {
        if (d.code == SR_ERR_IO) {
            char msg[2048];

            sr_log_error("%s:%ld: [input] form: %s", r->cfg->path,
                         r->cfg->form_line,
                         sr_diag_format(&d, msg, sizeof(msg)));
        } else {
            print_diag(&d);
        }
        return SR_EXIT_CONFIG;
    }
    if (sr_check_open(&r->ck, r->tmpl, r->cfg->period_from, r->cfg->period_to,
                      &d) != SR_OK) {
        print_diag(&d);
        return SR_EXIT_CONFIG;
    }
    if (r->cfg->mapping &&
        sr_mapping_load(r->cfg->mapping, r->tmpl, &r->mapping, &d) != SR_OK) {
        print_diag(&d);
        return SR_EXIT_CONFIG;
    }
    if (load_rules(r) != SR_EXIT_OK)
        return SR_EXIT_CONFIG;
    if (!r->cfg->report_template) {
        /* the shipped layout in the form template's language */
        bool en = r->tmpl->lang && !strncmp(r->tmpl->lang, "en", 2);

        r->cfg->report_template =
            sr_datadir_find(en ? "templates/report/annual.en.xml"
                               : "templates/report/annual.zh-CN.xml");
    }
    /* a bad report template stops the run before any form is read */
    if (sr_report_load(r->cfg->report_template, &r->rt, &d) != SR_OK) {
        print_diag(&d);
        return SR_EXIT_CONFIG;
    }
    r->ri.cfg = r->cfg;
    r->ri.version = SR_VERSION;
    r->ri.font_path = font && *font ? font : DEFAULT_FONT;
    r->ri.font_index = 0;
    if (access(r->ri.font_path, R_OK) != 0) {
        sr_log_error("%s: cannot read the CJK font (install fonts-wqy-zenhei "
                     "or set SATREPORT_FONT)",
                     r->ri.font_path);
        return SR_EXIT_CONFIG;
    }
    set_run_date(r);
    so.min_report = r->cfg->min_report;
    so.min_base = r->cfg->min_base;
    so.derived = r->ri.derived;
    so.nderived = r->ri.nderived;
    so.categories = r->ri.categories;
    so.ncategories = r->ri.ncategories;
    so.previous = r->cfg->previous;
    if (sr_stats_open(&r->st, r->tmpl, &so, &d) != SR_OK) {
        print_diag(&d);
        return SR_EXIT_CONFIG;
    }
    if (r->o->states)
        return SR_EXIT_OK; /* merge reads states, not input files */
    rc = expand_inputs(r);
    if (rc == SR_EXIT_OK && r->mapping &&
        sr_mapping_scan(r->mapping, (const char *const *)r->inputs,
                        r->ninputs, &d) != SR_OK) {
        /* e.g. ODK edits: which instance replaces which */
        print_diag(&d);
        rc = SR_EXIT_INPUT;
    }
    return rc;
}

static void log_summary(const struct run *r)
{
    sr_log_info("satreport %s, pipeline %s", SR_VERSION, r->cfg->path);
    sr_log_info("template %s (survey '%s' version %s)", r->tmpl->path,
                r->tmpl->id, r->tmpl->version ? r->tmpl->version : "");
    if (r->cfg->period)
        sr_log_info("period %s", r->cfg->period);
}

/* the path of a partial state's refusals */
static char *state_rejects(const char *state)
{
    struct sr_buf b = SR_BUF_INIT;

    sr_buf_addf(&b, "%s.rejects.csv", state);
    return sr_buf_detach(&b);
}

/* a state's form ids (sr_check_write_ids) */
static char *state_ids(const char *state)
{
    struct sr_buf b = SR_BUF_INIT;

    sr_buf_addf(&b, "%s.ids", state);
    return sr_buf_detach(&b);
}

/* one id file being merged: its current line, the id unescaped */
struct idcur {
    FILE *fp;
    const char *state;
    char *line;
    size_t cap;
    struct sr_buf id;
    bool done;
};

static void idcur_next(struct idcur *c)
{
    const char *p;

    sr_buf_reset(&c->id);
    if (getline(&c->line, &c->cap, c->fp) < 0) {
        c->done = true;
        return;
    }
    for (p = c->line; *p && *p != '\t' && *p != '\n'; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            sr_buf_addch(&c->id, *p == 't' ? '\t' : *p == 'n' ? '\n' : *p);
        } else {
            sr_buf_addch(&c->id, *p);
        }
    }
}

/* where a form id was first seen, from the current line */
static const char *idcur_where(const struct idcur *c)
{
    const char *tab = strrchr(c->line, '\t');
    char *nl;

    if (!tab)
        return "?";
    nl = strchr(tab, '\n');
    if (nl)
        *nl = '\0';
    return tab + 1;
}

/* merge: a form id accepted or refused in two shards would be counted
 * twice; such states are refused (k-way merge of the sorted id files) */
static int check_state_ids(const struct run *r)
{
    size_t n = r->o->nstates;
    struct idcur *c = xcalloc(n, sizeof(*c));
    int rc = SR_EXIT_OK;
    long dups = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        char *path = state_ids(r->o->states[i]);

        sr_buf_init(&c[i].id);
        c[i].state = r->o->states[i];
        c[i].fp = fopen(path, "r");
        if (!c[i].fp) {
            sr_log_error("%s: cannot read the state's form ids: %s", path,
                         strerror(errno));
            free(path);
            rc = SR_EXIT_INPUT;
            goto out;
        }
        free(path);
        idcur_next(&c[i]);
    }
    for (;;) {
        size_t min = n;

        for (i = 0; i < n; i++)
            if (!c[i].done &&
                (min == n || strcmp(c[i].id.buf, c[min].id.buf) < 0))
                min = i;
        if (min == n)
            break;
        for (i = 0; i < n; i++) {
            if (i == min || c[i].done || strcmp(c[i].id.buf, c[min].id.buf))
                continue;
            if (dups++ < 10)
                sr_log_error("form_id '%s' is in state %s (%s) and in state "
                             "%s (%s)",
                             c[min].id.buf, c[min].state, idcur_where(&c[min]),
                             c[i].state, idcur_where(&c[i]));
            idcur_next(&c[i]);
        }
        idcur_next(&c[min]);
    }
    if (dups) {
        sr_log_error("%ld form ids are in more than one state: shard the "
                     "input so that a form cannot be in two shards (e.g. by "
                     "file); nothing written",
                     dups);
        rc = SR_EXIT_CONFIG;
    }
out:
    for (i = 0; i < n; i++) {
        if (c[i].fp)
            fclose(c[i].fp);
        free(c[i].line);
        sr_buf_release(&c[i].id);
    }
    free(c);
    return rc;
}

/* --partial: read and accumulate, then write STATE and its refusals aside
 * and rename them into place */
static int run_partial(struct run *r)
{
    const char *state = r->o->partial;
    struct sr_buf tmp_state = SR_BUF_INIT;
    struct sr_buf tmp_rej = SR_BUF_INIT;
    struct sr_buf tmp_ids = SR_BUF_INIT;
    char *rej = state_rejects(state);
    char *ids = state_ids(state);
    struct sr_diag d;
    int rc = SR_EXIT_OK;
    size_t i;

    sr_diag_clear(&d);
    sr_buf_addf(&tmp_state, "%s.tmp-%ld", state, (long)getpid());
    sr_buf_addf(&tmp_rej, "%s.tmp-%ld", rej, (long)getpid());
    sr_buf_addf(&tmp_ids, "%s.tmp-%ld", ids, (long)getpid());
    if (sr_rejects_open(&r->rj, tmp_rej.buf, &d) != SR_OK) {
        print_diag(&d);
        rc = SR_EXIT_WRITE;
        goto out;
    }
    for (i = 0; i < r->ninputs && rc == SR_EXIT_OK; i++)
        rc = read_file(r, r->inputs[i]);
    if (rc == SR_EXIT_OK && sr_rejects_close(r->rj, &d) != SR_OK)
        rc = SR_EXIT_WRITE;
    if (rc == SR_EXIT_OK &&
        sr_check_write_ids(r->ck, tmp_ids.buf, &d) != SR_OK)
        rc = SR_EXIT_WRITE;
    if (rc == SR_EXIT_OK && sr_stats_save(r->st, tmp_state.buf, &d) != SR_OK)
        rc = SR_EXIT_WRITE;
    if (rc == SR_EXIT_OK && (rename(tmp_rej.buf, rej) != 0 ||
                             rename(tmp_ids.buf, ids) != 0 ||
                             rename(tmp_state.buf, state) != 0)) {
        sr_diag_set(&d, SR_ERR_WRITE, state, 0, "cannot write: %s",
                    strerror(errno));
        rc = SR_EXIT_WRITE;
    }
    if (rc == SR_EXIT_WRITE)
        print_diag(&d);
    if (rc == SR_EXIT_OK && !r->o->quiet)
        fprintf(stderr,
                "satreport: %ld forms read: %ld accepted, %ld refused, %ld "
                "out of period -> state %s\n",
                r->read, r->accepted, r->refused, r->out_of_period, state);
    if (rc == SR_EXIT_OK)
        rc = r->refused || r->broken_files ? SR_EXIT_REFUSED : SR_EXIT_OK;
out:
    remove(tmp_state.buf);
    remove(tmp_rej.buf);
    remove(tmp_ids.buf);
    sr_buf_release(&tmp_state);
    sr_buf_release(&tmp_rej);
    sr_buf_release(&tmp_ids);
    free(rej);
    free(ids);
    return rc;
}

/* merge: load every state (and its refusals) into the accumulator */
static int load_states(struct run *r)
{
    struct sr_diag d;
    size_t i;

    sr_diag_clear(&d);
    for (i = 0; i < r->o->nstates; i++) {
        const char *state = r->o->states[i];
        char *rej;
        enum sr_status s = sr_stats_load(r->st, state, &d);

        if (s != SR_OK) {
            print_diag(&d);
            return s == SR_ERR_IO ? SR_EXIT_INPUT : SR_EXIT_CONFIG;
        }
        rej = state_rejects(state);
        if (access(rej, F_OK) == 0 &&
            sr_rejects_append_file(r->rj, rej, &d) != SR_OK) {
            print_diag(&d);
            free(rej);
            return SR_EXIT_INPUT;
        }
        free(rej);
        sr_log_info("merged state %s", state);
    }
    return SR_EXIT_OK;
}

int sr_pipeline_run(const struct sr_run_opts *o)
{
    struct run r;
    struct sr_diag d;
    int rc;
    size_t i;

    memset(&r, 0, sizeof(r));
    r.o = o;
    r.lockfd = -1;
    sr_log_set_verbose(o->verbose);
    sr_log_set_quiet(o->quiet);
    sr_diag_clear(&d);

    if (o->log) {
        rc = open_sched_log(&r, o->log);
        if (rc != SR_EXIT_OK)
            goto out;
    }
    rc = load(&r);
    if (rc != SR_EXIT_OK)
        goto out;
    if (o->partial) {
        rc = run_partial(&r);
        goto out;
    }
    if (o->states) {
        rc = check_state_ids(&r);
        if (rc != SR_EXIT_OK)
            goto out;
    }
    rc = open_outputs(&r);
    if (rc != SR_EXIT_OK)
        goto out;
    log_summary(&r);

    for (i = 0; i < r.ninputs; i++) {
        rc = read_file(&r, r.inputs[i]);
        if (rc != SR_EXIT_OK)
            goto out;
    }
    if (o->states) {
        rc = load_states(&r);
        if (rc != SR_EXIT_OK)
            goto out;
        if (sr_stats_model(r.st, &r.model, &d) != SR_OK) {
            print_diag(&d);
            rc = SR_EXIT_WRITE;
            goto out;
        }
        /* the counts come from the states */
        r.read = r.model->read;
        r.accepted = r.model->accepted;
        r.refused = r.model->refused;
        r.out_of_period = r.model->out_of_period;
    }
    /* every form is accounted for */
    if (r.read != r.accepted + r.refused + r.out_of_period) {
        sr_log_error("internal error: %ld read != %ld accepted + %ld refused "
                     "+ %ld out of period",
                     r.read, r.accepted, r.refused, r.out_of_period);
        rc = SR_EXIT_WRITE;
        goto out;
    }
    log_rule_hits(&r);
    sr_log_info("forms: %ld read = %ld accepted + %ld refused + %ld out of "
                "period",
                r.read, r.accepted, r.refused, r.out_of_period);
    if (sr_rejects_close(r.rj, &d) != SR_OK) {
        print_diag(&d);
        rc = SR_EXIT_WRITE;
        goto out;
    }
    if (!r.model && sr_stats_model(r.st, &r.model, &d) != SR_OK) {
        print_diag(&d);
        rc = SR_EXIT_WRITE;
        goto out;
    }
    rc = render_all(&r);
    if (rc != SR_EXIT_OK)
        goto out;
    sr_xlsx_free(r.xlsx);
    r.xlsx = NULL;
    sr_log_info("outputs written to %s", r.cfg->out_dir);
    sr_log_close();
    if (o->progress && r.progress_at)
        fputs("\r\033[K", stderr);
    {
        struct sr_manifest_inputs mi;

        memset(&mi, 0, sizeof(mi));
        mi.version = SR_VERSION;
        mi.epoch = r.ri.epoch;
        mi.pipeline = r.cfg->path;
        mi.form = r.cfg->form;
        mi.inputs = (const char *const *)r.inputs;
        mi.ninputs = r.ninputs;
        if (o->states) { /* merge: the states are what was read */
            mi.inputs = o->states;
            mi.ninputs = o->nstates;
        }
        mi.customers = r.cfg->customers;
        mi.rules = (const char *const *)r.rules;
        mi.nrules = r.nrules;
        mi.previous = r.cfg->previous && access(r.cfg->previous, R_OK) == 0
                          ? r.cfg->previous
                          : NULL;
        mi.report_template = r.cfg->report_template
                                 ? r.cfg->report_template
                                 : sr_report_default_path();
        if (sr_manifest_write(r.tmpdir, &mi, &d) != SR_OK) {
            print_diag(&d);
            rc = SR_EXIT_WRITE;
            goto out;
        }
    }
    rc = commit(&r);
    if (rc != SR_EXIT_OK)
        goto out;
    free(r.tmpdir);
    r.tmpdir = NULL;
    if (!o->quiet)
        fprintf(stderr,
                "satreport: %ld forms read: %ld accepted, %ld refused, %ld "
                "out of period -> %s\n",
                r.read, r.accepted, r.refused, r.out_of_period, r.cfg->out_dir);
    rc = r.refused || r.broken_files ? SR_EXIT_REFUSED : SR_EXIT_OK;
out:
    if (r.lf) {
        sr_logfile_printf(r.lf, rc > SR_EXIT_REFUSED ? "error" : "info",
                          "exit %d: %ld forms read, %ld accepted, %ld "
                          "refused, %ld out of period%s%s",
                          rc, r.read, r.accepted, r.refused, r.out_of_period,
                          rc <= SR_EXIT_REFUSED ? " -> " : "",
                          rc <= SR_EXIT_REFUSED ? r.cfg->out_dir : "");
        sr_log_set_sink(NULL);
        sr_logfile_free(r.lf);
    }
    sr_log_close();
    sr_xlsx_free(r.xlsx);
    if (r.tmpdir) {
        remove_tree(r.tmpdir);
        free(r.tmpdir);
    }
    if (r.lockfd >= 0)
        close(r.lockfd);
    sr_model_free(r.model);
    sr_rejects_free(r.rj);
    sr_stats_free(r.st);
    sr_check_free(r.ck);
    sr_classify_free(r.cls);
    for (i = 0; i < r.nrules; i++)
        free(r.rules[i]);
    sr_mapping_free(r.mapping);
    sr_report_free(r.rt);
    sr_template_free(r.tmpl);
    sr_config_free(r.cfg);
    for (i = 0; i < r.ninputs; i++)
        free(r.inputs[i]);
    free(r.inputs);
    return rc;
}
