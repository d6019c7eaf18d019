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
#include "archive/archive.h"
#include "archive/followup.h"
#include "archive/response.h"
#include "check/check.h"
#include "check/rejects.h"
#include "classify/classify.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/log.h"
#include "core/logfile.h"
#include "core/mem.h"
#include "core/period.h"
#include "core/handoff.h"
#include "core/par.h"
#include "core/recspill.h"
#include "core/runinfo.h"
#include "core/par.h"
#include "core/stagetime.h"
#include "core/template.h"
#include "datadir.h"
#include "govern/facts.h"
#include "govern/hash.h"
#include "govern/manifest.h"
#include "read/mapping.h"
#include "read/reader.h"
#include "render/pdf/report.h"
#include "render/pdf/report.h"
#include "render/render.h"
#include "stats/customers.h"
#include "stats/stats.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <glob.h>
#include <pthread.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef SR_VERSION
#define SR_VERSION "dev"
#endif

/* The most forms one input file may hold (docs/hardening.md): past it the
 * file is refused whole. */
#define SR_MAX_FORMS_PER_FILE 10000000L

#define DEFAULT_FONT "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

struct run {
    const struct sr_run_opts *o;
    struct sr_config *cfg;
    struct sr_template *tmpl;
    struct sr_checker *ck;
    struct sr_classifier *cls;
    /* a second classifier from the same rules, for the later part of a
     * file read in two parts at once (opened the first time), or NULL */
    struct sr_classifier *cls2;
    /* a third, for the tail this thread takes over from the part (below) */
    struct sr_classifier *cls3;
    const char *seg_rules; /* the rule files of cls (in rules[]), or NULL */
    const char *com_rules;
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
    struct sr_archive *archive;        /* [input] customers, or NULL */
    struct sr_response *resp;          /* the forms against it, or NULL */
    struct sr_followup *followup;      /* 回访清单, made after the forms */
    struct sr_stats_opts so;           /* for each file's accumulator */
    struct sr_response_opts resp_opts; /* likewise, with an archive */
    struct sr_recspill *spill;         /* a file's records, until it is read */
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
    struct sr_stagetime tm; /* where the time goes (-v, docs/benchmarks.md) */
    /* classification and accumulation in a second thread (NULL: here);
     * wtm is that thread's own stage times */
    struct sr_handoff *ho;
    struct sr_stagetime wtm;
    /* the inputs hashed in a thread of their own while they are read */
    pthread_t hash_th;
    bool hashing;
    bool hash_later;  /* start_hashing() left it to hash_now() */
    uint64_t hash_ns; /* its CPU time */
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

/*
 * One input file is read apart from the run: its refusals follow a mark in
 * rejects.csv, its accepted records wait in the spill (memory, then a
 * scratch file), the customer archive's responses go to an accumulator of
 * its own; only when the whole file has been read is all that added to
 * the run.  A file that breaks part-way (XML not well-formed, a quote
 * never closed, undecodable bytes throughout, a limit) is refused whole:
 * its forms are counted as refused under one rejects.csv row naming
 * line:col, and the other files' forms are unaffected (docs/hardening.md).
 *
 * The statistics of a small file are pushed when its records are replayed
 * at the end (a statistics accumulator of its own would cost a merge per
 * file); a file whose records pass SR_FILE_STATS_AFTER bytes gets one, so
 * that the records need not be kept for the statistics (only for the
 * workbook, when it lists forms).
 */
#define SR_FILE_STATS_AFTER (4u << 20)

struct file_acc {
    struct run *r;
    const char *path;
    struct sr_stats *st;         /* NULL until the file grows large */
    struct sr_stats *st_part;    /* the later part's, when read apart */
    struct sr_response *resp;    /* with an archive, else NULL */
    struct sr_rejects_mark mark; /* where its rejects.csv rows begin */
    struct sr_check_mark ids;    /* the form ids seen before it */
    long read;
    long accepted;
    long refused;
    long out_of_period;
};

static void acc_begin(struct run *r, struct file_acc *fa, const char *path)
{
    memset(fa, 0, sizeof(*fa));
    fa->r = r;
    fa->path = path;
    if (r->resp)
        fa->resp = sr_response_new(r->archive, r->tmpl, &r->resp_opts);
    sr_rejects_mark(r->rj, &fa->mark);
    sr_check_file_start(r->ck);
    sr_check_mark(r->ck, &fa->ids);
    if (!r->spill)
        r->spill = sr_recspill_new(r->tmpl, r->tmpdir, 0);
}

static void acc_release(struct run *r, struct file_acc *fa)
{
    sr_stats_free(fa->st);
    sr_stats_free(fa->st_part);
    fa->st_part = NULL;
    sr_response_free(fa->resp);
    fa->st = NULL;
    fa->resp = NULL;
    if (r->spill)
        sr_recspill_reset(r->spill);
}

static enum sr_status push_record(void *ctx, const struct sr_record *rec,
                                  struct sr_diag *d)
{
    (void)d;
    sr_stats_push(ctx, rec);
    return SR_OK;
}

/* Statistics of the file's own from now on, with its records so far. */
static enum sr_status acc_own_stats(struct run *r, struct file_acc *fa,
                                    struct sr_diag *d)
{
    enum sr_status s;

    fa->st = sr_stats_new(r->tmpl, &r->so);
    s = sr_recspill_each(r->spill, fa->path, push_record, fa->st, d);
    if (!sr_xlsx_lists_forms(r->xlsx))
        sr_recspill_reset(r->spill);
    return s;
}

/* An accepted record of the file: held until the file is read.  Runs in
 * the thread of the handoff when there is one (stage times to @tm). */
static enum sr_status acc_add(struct run *r, struct file_acc *fa,
                              const struct sr_record *rec,
                              struct sr_stagetime *tm, struct sr_diag *d)
{
    enum sr_status s = SR_OK;

    if (fa->st)
        sr_stats_push(fa->st, rec);
    sr_stagetime_lap(tm, SR_STAGE_ANALYSE);
    if (!fa->st || sr_xlsx_lists_forms(r->xlsx))
        s = sr_recspill_add(r->spill, rec, d);
    if (s == SR_OK && !fa->st &&
        sr_recspill_bytes(r->spill) >= SR_FILE_STATS_AFTER)
        s = acc_own_stats(r, fa, d); /* a large file */
    return s;
}

struct replay {
    struct run *r;
    bool stats; /* push to the run's statistics too */
};

static enum sr_status replay_record(void *ctx, const struct sr_record *rec,
                                    struct sr_diag *d)
{
    struct replay *rp = ctx;

    if (rp->stats) {
        sr_stagetime_lap(&rp->r->tm, SR_STAGE_RECORDS);
        sr_stats_push(rp->r->st, rec);
        sr_stagetime_lap(&rp->r->tm, SR_STAGE_ANALYSE);
    }
    return rp->r->xlsx ? sr_xlsx_record(rp->r->xlsx, rec, d) : SR_OK;
}

/* Count @n forms of @path as @what in the run's statistics. */
static void count_n(struct run *r, const char *path, const char *what, long n)
{
    sr_stats_count_n(r->st, path, what, n);
}

/* The file was read to its end: its forms join the run's. */
static int acc_commit(struct run *r, struct file_acc *fa)
{
    struct replay rp = { r, !fa->st };
    struct sr_diag d;
    enum sr_status s;

    sr_diag_clear(&d);
    count_n(r, fa->path, "read", fa->read);
    count_n(r, fa->path, "accepted", fa->accepted);
    count_n(r, fa->path, "refused", fa->refused);
    count_n(r, fa->path, "out_of_period", fa->out_of_period);
    if (fa->st)
        sr_stats_merge(r->st, fa->st);
    if (fa->resp)
        sr_response_merge(r->resp, fa->resp);
    r->read += fa->read;
    r->accepted += fa->accepted;
    r->refused += fa->refused;
    r->out_of_period += fa->out_of_period;
    sr_stagetime_lap(&r->tm, SR_STAGE_ANALYSE);
    s = sr_recspill_replay(r->spill, fa->path, replay_record, &rp, &d);
    sr_stagetime_lap(&r->tm, SR_STAGE_RECORDS);
    if (fa->st_part) /* the later part of the file, read apart: after */
        sr_stats_merge(r->st, fa->st_part);
    sr_stagetime_lap(&r->tm, SR_STAGE_ANALYSE);
    acc_release(r, fa);
    if (s != SR_OK) {
        print_diag(&d);
        return SR_EXIT_WRITE;
    }
    return SR_EXIT_OK;
}

/* The rejects.csv row of a file refused whole at @at, after @n forms. */
static void refuse_row(struct run *r, const char *path,
                       const struct sr_diag *at, long n)
{
    struct sr_buf why = SR_BUF_INIT;

    sr_buf_addf(&why, "file is unreadable from line %ld", at->line);
    if (at->col > 0)
        sr_buf_addf(&why, " col %ld", at->col);
    sr_buf_addf(&why, ": %s; ",
                at->msg[0] ? at->msg : "the file could not be read further");
    if (n == 1)
        sr_buf_addstr(&why, "its 1 form is refused");
    else
        sr_buf_addf(&why, "its %ld forms are refused", n);
    sr_rejects_add(r->rj, path, at->line, "", "", why.buf);
    sr_log_error("%s:%ld: %s", path, at->line, why.buf);
    r->broken_files++;
    sr_buf_release(&why);
}

/* The file broke at @at: take back what its forms did and refuse them all
 * under one row. */
static int acc_refuse(struct run *r, struct file_acc *fa,
                      const struct sr_diag *at)
{
    struct sr_diag d;

    sr_diag_clear(&d);
    acc_release(r, fa);
    if (sr_rejects_rollback(r->rj, &fa->mark, &d) != SR_OK) {
        print_diag(&d);
        return SR_EXIT_WRITE;
    }
    /* its form ids are not taken: as if the file had not been read */
    sr_check_rollback(r->ck, &fa->ids);
    refuse_row(r, fa->path, at, fa->read);
    count_n(r, fa->path, "read", fa->read);
    count_n(r, fa->path, "refused", fa->read);
    r->read += fa->read;
    r->refused += fa->read;
    return SR_EXIT_OK;
}

/* Undecodable bytes throughout: in more than half of the file's forms (at
 * least SR_BADTEXT_MIN), the encoding is wrong for the whole file. */
#define SR_BADTEXT_MIN 3

static bool undecodable_throughout(const struct sr_reader_badtext *bt,
                                   const struct file_acc *fa,
                                   struct sr_diag *at)
{
    if (bt->forms < SR_BADTEXT_MIN || bt->forms * 2 <= fa->read)
        return false;
    sr_diag_set(at, SR_ERR_PARSE, fa->path, bt->line,
                "undecodable bytes in %ld of its %ld forms, the first: %s",
                bt->forms, fa->read, bt->msg);
    at->col = bt->col;
    return true;
}

/* read one input file through the checker into the accumulators */
/*
 * Hash what the run read, once: the workbook's 说明 sheet shows the hashes
 * and manifest.txt takes the same ones (govern/hash.h).  Done while the
 * forms are read (start_hashing()) or beside the report's drawing.  A file that
 * cannot be hashed now is left to the manifest, which says why.
 */
static void hash_inputs(struct run *r)
{
    char sha[SR_SHA256_HEX + 1];
    struct sr_diag d;
    size_t i;

    sr_diag_clear(&d);
    for (i = 0; i < r->ninputs; i++)
        sr_sha256_file_once(r->inputs[i], sha, &d);
    for (i = 0; i < r->nrules; i++)
        sr_sha256_file_once(r->rules[i], sha, &d);
    if (r->cfg->customers)
        sr_sha256_file_once(r->cfg->customers, sha, &d);
    if (r->cfg->previous && access(r->cfg->previous, R_OK) == 0)
        sr_sha256_file_once(r->cfg->previous, sha, &d);
    if (r->cfg->path)
        sr_sha256_file_once(r->cfg->path, sha, &d);
}

/*
 * The inputs' hashes, made in a thread of their own while the forms are
 * read (a 1.3 GB XML file takes 1.2 s to hash, which the run would wait
 * for at its end), when there are two cores: wait_hashing() ends it, or
 * hashes here when there is no such thread.
 *
 * A single CSV file read in two parts at once keeps both cores busy until
 * one part ends, and the parts seldom end together (the VM's cores run
 * at different speeds from one second to the next: 0.05-0.37 s apart on
 * 1e6 forms).  Hashing from the start took CPU from both parts; it now
 * starts when this thread reaches the later part (hash_now()), so that it
 * runs on the core that would otherwise wait for the other part (beside
 * the part and the tail when this thread takes one, take_tail()), and
 * beside the report when the other part is done first.  Only the
 * workbook and the manifest want the hashes.
 */
static void *hash_main(void *arg)
{
    struct run *r = arg;
    uint64_t t0 = sr_stagetime_thread_cpu();

    hash_inputs(r);
    r->hash_ns = sr_stagetime_thread_cpu() - t0;
    return NULL;
}

static bool split_wanted(const struct run *r, const char *path);

/* Whether @path is named as a CSV file (reader.h: a .csv is read as CSV) */
static bool csv_named(const char *path)
{
    size_t n = strlen(path);

    return n >= 4 && !strcasecmp(path + n - 4, ".csv");
}

static void start_hashing(struct run *r)
{
    if (!sr_par_threads() || sysconf(_SC_NPROCESSORS_ONLN) < 2)
        return;
    if (r->ninputs == 1 && csv_named(r->inputs[0]) &&
        split_wanted(r, r->inputs[0])) {
        r->hash_later = true; /* above */
        return;
    }
    r->hashing = pthread_create(&r->hash_th, NULL, hash_main, r) == 0;
}

/* Start the hashing start_hashing() left for later. */
static void hash_now(struct run *r)
{
    if (!r->hash_later)
        return;
    r->hash_later = false;
    r->hashing = pthread_create(&r->hash_th, NULL, hash_main, r) == 0;
}

static void wait_hashing(struct run *r)
{
    if (!r->hashing) {
        hash_inputs(r);
        return;
    }
    pthread_join(r->hash_th, NULL);
    r->hashing = false;
    sr_stagetime_add_thread(&r->tm, SR_STAGE_OTHER, r->hash_ns);
}

/* Classifying and accumulating stopped on an error: a runaway rule (exit
 * 2: a rules error, not the form's fault) or a write that failed (exit 4). */
static int handoff_failed(struct run *r, const struct sr_diag *d)
{
    (void)r;
    print_diag(d);
    return d->code == SR_ERR_WRITE || d->code == SR_ERR_IO ? SR_EXIT_WRITE
                                                           : SR_EXIT_CONFIG;
}

/* An accepted form, checked: classify it and hold it with its file's
 * forms.  In the second thread (handoff.h) when there is one, with its
 * own stage times; else here.  Errors: a runaway rule, a failed write
 * (handoff_failed() tells them apart). */
static enum sr_status consume(void *ctx, struct sr_record *rec,
                              struct sr_diag *d)
{
    struct file_acc *fa = ctx;
    struct run *r = fa->r;
    struct sr_stagetime *tm = r->ho ? &r->wtm : &r->tm;
    enum sr_status s;

    if (r->ho)
        sr_stagetime_lap(tm, SR_STAGE_OTHER); /* waiting for forms */
    s = sr_classify_record(r->cls, rec, d);
    if (s != SR_OK)
        return s;
    sr_stagetime_lap(tm, SR_STAGE_CLASSIFY);
    if (fa->resp) /* never with the second thread (start_handoff()) */
        sr_response_add(fa->resp, rec);
    s = acc_add(r, fa, rec, tm, d);
    sr_stagetime_lap(tm, SR_STAGE_RECORDS);
    return s;
}

/*
 * Classify and accumulate in a second thread while this one reads and
 * checks: for a run with two cores and no customer archive (whose join
 * and responses share one accumulator per file), unless
 * SATREPORT_THREADS=1.  The results are the same either way.
 */
static void start_handoff(struct run *r)
{
    if (!sr_par_threads() || r->resp || r->ho ||
        sysconf(_SC_NPROCESSORS_ONLN) < 2)
        return;
    sr_stagetime_init(&r->wtm, r->tm.on);
    r->ho = sr_handoff_start(r->tmpl, r->tmpdir, consume);
}

/* End the second thread; its stage times join the run's. */
static void stop_handoff(struct run *r)
{
    if (!r->ho)
        return;
    sr_handoff_stop(r->ho);
    r->ho = NULL;
    sr_stagetime_add_thread(&r->tm, SR_STAGE_CLASSIFY,
                            r->wtm.ns[SR_STAGE_CLASSIFY]);
    sr_stagetime_add_thread(&r->tm, SR_STAGE_ANALYSE,
                            r->wtm.ns[SR_STAGE_ANALYSE]);
}

/*
 * One large native CSV file is read in two parts at once
 * (docs/benchmarks.md, "One file in two parts"): this thread reads, checks,
 * classifies and accumulates the file up to a split point near its middle
 * (sr_reader_split_point()), a second thread the rest, with a checker, a
 * classifier, a rejects list and statistics of its own.  When this thread
 * reaches the split point's line, it takes the part in if reading it apart
 * changed nothing:
 *  - the split point lies between two rows: the first form this thread
 *    reads at or past that line is the part's first form, on the same line;
 *  - both sides read the same encoding (or one of them saw only ASCII);
 *  - no form id of the part had been seen before it (in the first part or
 *    an earlier file: sr_check_adopt());
 *  - no segment group can reach its limit of values, where the first
 *    values seen win;
 *  - the part was read to its end, or to where the file breaks, within the
 *    limit of forms per file and without a failed write or rule.
 * Otherwise the part's work is dropped and this thread reads on from the
 * split point as if there had been none.  The outputs are the same bytes
 * either way (tests/e2e/split.sh).  Only with records off (the workbook
 * lists no form, whose rows would have to come in file order), without a
 * customer archive, on two cores, for a file of SR_SPLIT_MIN bytes or more
 * (SR_TEST_SPLIT_MIN in test builds); SATREPORT_THREADS=1 turns it off.
 */
#define SR_SPLIT_MIN (32LL << 20)

/* In test builds the number in the environment variable @var when it is
 * set (the tests try limits and timings without gigabytes of input),
 * else @dflt. */
static long long test_knob(const char *var, long long dflt)
{
#ifdef SR_TESTING
    const char *v = getenv(var);

    if (v)
        return strtoll(v, NULL, 10);
#else
    (void)var;
#endif
    return dflt;
}

struct part {
    struct run *r;
    struct sr_reader *whole;
    long long at; /* the split point, a byte offset */
    enum sr_encoding enc;
    long max_forms;
    pthread_t th;
    struct sr_classifier *cls; /* cls2, or cls3 for a tail */
    long known_line;           /* the line at @at when known (a tail), else 0 */
    /* the line at the split point once counted (-1: the part could not be
     * opened), written by the part's thread, 0 until then */
    _Atomic long first_line;
    atomic_bool stop; /* not needed any more: stop reading */
    /* The gate (take_tail()): the line of the last form the part took
     * (0 before the first), or, once this thread has taken the file from
     * line L on, -L: the part stops at its first form at or past L */
    _Atomic long gate;
    atomic_bool done;   /* the part's thread has ended */
    long stop_line;     /* the form it stopped at by the gate, or 0 */
    long stop_badforms; /* undecodable forms before that one */
    /* the part's own, for this thread once joined */
    struct sr_checker *ck;
    struct sr_rejects *rj;
    char *rj_path;
    struct sr_stats *st;
    struct sr_stagetime tm;
    struct sr_reader *rd;
    long read;
    long accepted;
    long refused;
    long out_of_period;
    long first_form;    /* the line of its first form, 0: none */
    long long first_at; /* and its byte (XML), or -1 */
    enum sr_status s;   /* SR_DONE, or why its reading stopped */
    bool broke;         /* s came from the reader: the file breaks there */
    struct sr_diag d;
    struct sr_reader_badtext bt;
    enum sr_encoding decided;
};

/* May the part read the form at @line?  It publishes its progress, unless
 * this thread has taken the file from a line on (the gate, above). */
static bool gate_pass(struct part *p, long line)
{
    long g = atomic_load(&p->gate);

    for (;;) {
        if (g < 0)
            return line < -g;
        if (atomic_compare_exchange_weak(&p->gate, &g, line))
            return true;
    }
}

/* Take the file from @line on, if the part has not read a form there
 * yet: then it stops at its first form at or past @line. */
static bool gate_close(struct part *p, long line)
{
    long g = atomic_load(&p->gate);

    while (g >= 0 && g < line)
        if (atomic_compare_exchange_weak(&p->gate, &g, -line))
            return true;
    return false;
}

/* The part's thread: read, check, classify, accumulate to the end. */
static void *part_main(void *arg)
{
    struct part *p = arg;
    struct sr_rawform raw;
    struct sr_record rec;
    enum sr_status s;
    long line = p->known_line;
    long badforms = 0;
    /* tests/e2e/split.sh: a part slower than this thread (as on a core
     * the VM gives less), so that it takes the tail: nanoseconds of CPU
     * burnt a form */
    long long slow = p->known_line ? 0 : test_knob("SR_TEST_PART_SLOW_NS", 0);

    s = sr_reader_open_part(&p->rd, p->whole, p->at, p->enc, &line, &p->d);
    atomic_store(&p->first_line, s == SR_OK ? line : -1);
    if (s != SR_OK) {
        p->s = s;
        atomic_store(&p->done, true);
        return NULL;
    }
    sr_stagetime_lap(&p->tm, SR_STAGE_READ);
    for (;;) {
        enum sr_verdict v;

        if (atomic_load_explicit(&p->stop, memory_order_relaxed)) {
            s = SR_ERR_USAGE; /* stopped: dropped */
            break;
        }
        badforms = sr_reader_badforms(p->rd);
        s = sr_reader_next(p->rd, &raw, &p->d);
        if (s != SR_OK) {
            p->broke = s != SR_DONE;
            break;
        }
        sr_stagetime_lap(&p->tm, SR_STAGE_READ);
        if (!gate_pass(p, raw.line)) {
            /* the tail is this thread's from here: the form is its */
            p->stop_line = raw.line;
            p->stop_badforms = badforms;
            s = SR_DONE;
            break;
        }
        if (slow > 0) {
            uint64_t until = sr_stagetime_now() + (uint64_t)slow;

            while (sr_stagetime_now() < until)
                ;
        }
        if (!p->read) {
            p->first_form = raw.line;
            p->first_at = raw.at;
        }
        if (p->read >= p->max_forms) {
            s = SR_ERR_LIMIT; /* read on from the split point instead */
            break;
        }
        p->read++;
        v = sr_check_form(p->ck, &raw, &rec, p->rj, &p->d);
        if (p->d.code == SR_ERR_WRITE) {
            s = SR_ERR_WRITE;
            break;
        }
        sr_stagetime_lap(&p->tm, SR_STAGE_VALIDATE);
        if (v == SR_REFUSED) {
            p->refused++;
            continue;
        }
        if (v == SR_OUT_OF_PERIOD) {
            p->out_of_period++;
            continue;
        }
        p->accepted++;
        s = sr_classify_record(p->cls, &rec, &p->d);
        if (s != SR_OK)
            break; /* a runaway rule: found again when read on */
        sr_stagetime_lap(&p->tm, SR_STAGE_CLASSIFY);
        sr_stats_push(p->st, &rec);
        sr_stagetime_lap(&p->tm, SR_STAGE_ANALYSE);
    }
    p->s = s;
    sr_reader_badtext(p->rd, &p->bt);
    /* the form it stopped at is the tail's, undecodable or not */
    if (p->stop_line && p->bt.forms > p->stop_badforms && !--p->bt.forms)
        memset(&p->bt, 0, sizeof(p->bt));
    p->decided = sr_reader_encoding(p->rd);
    atomic_store(&p->done, true);
    return NULL;
}

/* Free what the part holds (its scratch rejects file too). */
static void part_free(struct part *p)
{
    sr_reader_free(p->rd);
    sr_check_free(p->ck);
    sr_stats_free(p->st);
    if (p->rj) {
        sr_rejects_free(p->rj);
        unlink(p->rj_path);
    }
    free(p->rj_path);
    memset(p, 0, sizeof(*p));
}

/* Another classifier from cls's rule files in *@c, the first time; false
 * when it cannot be had (the files changed since: no split then). */
static bool open_cls(struct run *r, struct sr_classifier **c)
{
    struct sr_diag d;
    size_t n1;
    size_t n2;
    size_t c1;
    size_t c2;
    enum sr_status s;

    if (*c)
        return true;
    sr_diag_clear(&d);
    sr_log_hold(true); /* its warnings were said when cls was opened */
    s = sr_classify_open(c, r->tmpl, r->seg_rules, r->com_rules, &d);
    sr_log_hold(false);
    if (s != SR_OK)
        return false;
    sr_classify_hits(r->cls, &n1);
    sr_classify_hits(*c, &n2);
    sr_classify_categories(r->cls, &c1);
    sr_classify_categories(*c, &c2);
    if (n1 != n2 || c1 != c2) {
        sr_classify_free(*c);
        *c = NULL;
        return false;
    }
    return true;
}

/* The smallest file read in two parts. */
static long long split_min(void)
{
    return test_knob("SR_TEST_SPLIT_MIN", SR_SPLIT_MIN);
}

/* Whether @path may be read in two parts at once (above); an XML file is
 * then opened without its reader thread, which part_start() starts if it
 * does not split the file after all. */
static bool split_wanted(const struct run *r, const char *path)
{
    struct stat sb;

    return sr_par_threads() && !r->resp && !r->mapping &&
           !sr_xlsx_lists_forms(r->xlsx) &&
           sysconf(_SC_NPROCESSORS_ONLN) >= 2 && stat(path, &sb) == 0 &&
           sb.st_size >= split_min();
}

/* Make @p ready to read @rd's file from byte @at with classifier @cls
 * (opened here if need be) and @enc (or the whole file's, once decided):
 * its checker, scratch rejects file named with @tag, statistics. */
static bool part_prepare(struct run *r, struct sr_reader *rd, long max_forms,
                         struct part *p, long long at,
                         struct sr_classifier **cls, const char *tag)
{
    struct sr_diag d;
    enum sr_encoding enc;

    p->at = at;
    if (p->at < 0 || !open_cls(r, cls))
        return false;
    sr_diag_clear(&d);
    p->rj_path = in_tmp(r, tag);
    if (sr_check_open(&p->ck, r->tmpl, r->cfg->period_from, r->cfg->period_to,
                      &d) != SR_OK ||
        sr_rejects_open(&p->rj, p->rj_path, &d) != SR_OK) {
        part_free(p);
        return false;
    }
    /* the whole file's encoding when it is decided, else decided alike */
    enc = sr_reader_encoding(rd);
    p->enc = enc != SR_ENC_AUTO ? enc : r->cfg->encoding;
    p->r = r;
    p->whole = rd;
    p->max_forms = max_forms;
    p->cls = *cls;
    p->st = sr_stats_new(r->tmpl, &r->so);
    sr_stagetime_init(&p->tm, r->tm.on);
    sr_classify_take_hits(NULL, *cls);
    atomic_init(&p->first_line, 0);
    atomic_init(&p->stop, false);
    atomic_init(&p->gate, 0);
    atomic_init(&p->done, false);
    return true;
}

/* The part's thread started for @rd's file, when it splits. */
static bool part_thread(struct run *r, struct sr_reader *rd, long max_forms,
                        struct part *p)
{
    if (!part_prepare(r, rd, max_forms, p,
                      sr_reader_split_point(rd, split_min()), &r->cls2,
                      ".part-rejects.csv"))
        return false;
    /* the tail's classifier now, from the rule files as they are now
     * (take_tail() takes no tail without it) */
    (void)open_cls(r, &r->cls3);
    if (pthread_create(&p->th, NULL, part_main, p) != 0) {
        part_free(p);
        return false;
    }
    return true;
}

/* Start reading the later part of @rd's file beside this thread when
 * @wanted (split_wanted(), asked before the file was opened) and the file
 * splits; else give an XML reader its thread. */
static bool part_start(struct run *r, bool wanted, struct sr_reader *rd,
                       long max_forms, struct part *p)
{
    memset(p, 0, sizeof(*p));
    p->first_at = -1;
    if (wanted && part_thread(r, rd, max_forms, p))
        return true;
    sr_reader_read_ahead(rd);
    return false;
}

/* Whether the form @raw of this thread lies in the part. */
static bool in_part(struct part *p, const struct sr_reader *rd,
                    const struct sr_rawform *raw)
{
    long line = raw->line;
    long first;

    if (raw->at >= 0) /* XML: where forms begin is known */
        return raw->at >= p->at;
    first = atomic_load(&p->first_line);
    if (!first) {
        /* not counted yet: a form read before the split point is not in
         * it; else wait for the count (it takes a fraction of the time
         * this thread takes to get there) */
        if (sr_reader_bytes(rd) < p->at)
            return false;
        while (!(first = atomic_load(&p->first_line)))
            nanosleep(&(struct timespec){ 0, 200000 }, NULL);
    }
    return first < 0 || line >= first;
}

/* Whether no segment group can reach its limit of values with the part's
 * (then each keeps its values whatever the order they come in).  The
 * first part's records still held (a small file: no statistics of its
 * own) are counted in a statistics object made for the count, so that
 * the file goes on as it would in one part if the part is dropped. */
static bool seg_room(const struct run *r, const struct file_acc *fa,
                     const struct part *p, const struct part *tail)
{
    struct sr_stats *held = NULL;
    struct sr_diag d;
    const char *id;
    bool room = true;
    size_t i;

    sr_diag_clear(&d);
    if (!fa->st && sr_recspill_count(r->spill)) {
        held = sr_stats_new(r->tmpl, &r->so);
        if (sr_recspill_each(r->spill, fa->path, push_record, held, &d) !=
            SR_OK) {
            sr_stats_free(held);
            return false; /* cannot tell: read in one part */
        }
    }
    for (i = 0; room && sr_stats_capped(r->st, i, &id) >= 0; i++)
        room = sr_stats_segvals(r->st, i) + sr_stats_segvals(fa->st, i) +
                   sr_stats_segvals(held, i) + sr_stats_segvals(p->st, i) +
                   sr_stats_segvals(tail ? tail->st : NULL, i) <=
               SR_STATS_MAX_SEGVALS;
    sr_stats_free(held);
    return room;
}

/* The first-seen of two files' undecodable forms, and their sum. */
static void badtext_add(struct sr_reader_badtext *a,
                        const struct sr_reader_badtext *b)
{
    if (!a->forms) {
        long forms = a->forms;

        *a = *b;
        a->forms += forms;
        return;
    }
    a->forms += b->forms;
}

enum part_end { PART_TAKEN, PART_DROPPED, PART_FAILED };

/*
 * The tail (docs/benchmarks.md, "One file in two parts"): the parts
 * seldom end together, and this thread, done with the first part, would
 * wait for the other.  If the part still has SR_TAIL_MIN bytes or more to
 * read, this thread takes the second half of what is left: it counts the
 * lines from the split point to there, closes the part's gate at that
 * line (the part stops at its first form there) and reads the tail itself
 * as a third part, with a checker, classifier, rejects list and
 * statistics of its own.  The tail is taken in after the part, on the
 * same conditions, and the part must have stopped at the tail's first
 * form; if either cannot be taken, both are dropped and this thread reads
 * on from the split point.  Native CSV only.
 */
#define SR_TAIL_MIN (16LL << 20)

/* This thread is at the part's first form @raw, the part still reading:
 * take the tail into @t and read it (above), or false. */
static bool take_tail(struct run *r, const char *path, struct sr_reader *rd,
                      struct part *p, const struct sr_rawform *raw,
                      struct part *t)
{
    struct sr_diag d;
    struct stat sb;
    long long prog;
    long long at;
    long first = atomic_load(&p->first_line);
    long line;
    long g;

    memset(t, 0, sizeof(*t));
    t->first_at = -1;
    if (!r->cls3 || raw->at >= 0 || first != raw->line ||
        atomic_load(&p->done) || stat(path, &sb) != 0)
        return false;
    /* where the part is: its last line, at the first part's mean bytes a
     * line (its reader's count of bytes runs a chunk ahead) */
    g = atomic_load(&p->gate);
    prog = p->at +
           (long long)((double)(g > first ? g - first : 0) * (double)p->at /
                       (double)(first > 1 ? first - 1 : 1));
    if (prog > sb.st_size ||
        sb.st_size - prog < test_knob("SR_TEST_TAIL_MIN", SR_TAIL_MIN) ||
        sb.st_size - prog < 2)
        return false;
    at = sr_reader_split_at(rd, prog + (sb.st_size - prog) / 2);
    if (at <= p->at)
        return false;
    sr_diag_clear(&d);
    if (sr_read_line_from(path, p->at, first, at, &line, &d) != SR_OK ||
        !part_prepare(r, rd, p->max_forms, t, at, &r->cls3,
                      ".tail-rejects.csv"))
        return false;
    t->known_line = line;
    if (!gate_close(p, line)) { /* the part is there already */
        part_free(t);
        return false;
    }
    /* read here, its stage times this thread's */
    t->tm = r->tm;
    part_main(t);
    r->tm = t->tm;
    return true;
}

/* Why the tail @t cannot follow the part @p (this thread's encoding @e1),
 * or NULL. */
static const char *tail_why_not(const struct part *p, const struct part *t,
                                enum sr_encoding e1)
{
    if (!p->stop_line) /* the part ended (or broke) before the tail */
        return t->read ? "it ended before the tail" : NULL;
    if (t->s != SR_DONE && !(t->broke && t->s != SR_ERR_IO))
        return "the tail's reading stopped short";
    if (t->first_form != p->stop_line)
        return "the tail's first line is inside a form";
    if (t->decided != SR_ENC_AUTO && e1 != t->decided)
        return "the tail's encoding was decided otherwise";
    return NULL;
}

/* Drop @t (may be NULL): its work and its rule hits. */
static void tail_drop(struct run *r, struct part *t)
{
    if (!t)
        return;
    sr_classify_take_hits(NULL, r->cls3);
    part_free(t);
}

/*
 * This thread has come to the part (@raw is the first form it reads at
 * or past the split point), or to the end of the file (@raw NULL): wait
 * for the part, take it into @fa if it may be (above), with the tail @t
 * this thread read after it when not NULL (take_tail()), else drop them.
 * PART_TAKEN: *s and @d are how the file ends (its end or where it
 * breaks), @bt has the parts' undecodable forms.  PART_FAILED: rejects.csv
 * could not be written or the first part's records read back from their
 * scratch file, said.
 */
static enum part_end part_join(struct run *r, struct file_acc *fa,
                               const struct sr_reader *rd, struct part *p,
                               struct part *t, const struct sr_rawform *raw,
                               enum sr_status *s, struct sr_diag *d,
                               struct sr_reader_badtext *bt)
{
    long line = raw ? raw->line : 0;
    enum sr_encoding e1 = sr_reader_encoding(rd);
    struct sr_diag wd;
    const char *why;
    bool take = false;
    bool tail; /* the tail follows the part */

    if (!line)
        atomic_store(&p->stop, true); /* the file ended before the part */
    pthread_join(p->th, NULL);
    tail = t && p->stop_line;
    sr_diag_clear(&wd);
    if (!line)
        why = NULL; /* nothing to say: the part was not needed */
    else if (p->s != SR_DONE && !(p->broke && p->s != SR_ERR_IO))
        why = "its reading stopped short";
    else if (raw->at >= 0 ? p->first_at != raw->at : p->first_form != line)
        why = "the split point is inside a form";
    else if (p->decided != SR_ENC_AUTO && e1 != p->decided)
        /* decided otherwise, or decided by the part alone: the window
         * read in one part would start elsewhere */
        why = "its encoding was decided otherwise";
    else if (t && (why = tail_why_not(p, t, e1)) != NULL)
        ;
    else if (fa->read + p->read + (tail ? t->read : 0) > p->max_forms)
        why = "the file has too many forms";
    else if (!seg_room(r, fa, p, tail ? t : NULL))
        why = "a segment group may reach its limit of values";
    /* its form ids (taken back with the file's if it breaks there, but a
     * form refused as a duplicate in one part is not classified); the
     * tail's after the part's */
    else if ((tail && !sr_check_adopt(p->ck, t->ck)) ||
             !sr_check_adopt(r->ck, p->ck))
        why = "a form id of it was seen before it";
    else
        take = true;
    if (!take) {
        if (why)
            sr_log_info("%s: read on from line %ld in one part (%s)", fa->path,
                        line, why);
        sr_classify_take_hits(NULL, r->cls2);
        part_free(p);
        tail_drop(r, t);
        return PART_DROPPED;
    }
    sr_diag_clear(&wd);
    if ((p->s == SR_DONE && sr_rejects_take(r->rj, p->rj, &wd) != SR_OK) ||
        (tail && t->s == SR_DONE &&
         sr_rejects_take(r->rj, t->rj, &wd) != SR_OK)) {
        print_diag(&wd);
        part_free(p);
        tail_drop(r, t);
        return PART_FAILED;
    }
    sr_classify_take_hits(r->cls, r->cls2);
    fa->read += p->read;
    fa->accepted += p->accepted;
    fa->refused += p->refused;
    fa->out_of_period += p->out_of_period;
    badtext_add(bt, &p->bt);
    *s = p->s;
    *d = p->d;
    if (tail) {
        sr_classify_take_hits(r->cls, r->cls3);
        fa->read += t->read;
        fa->accepted += t->accepted;
        fa->refused += t->refused;
        fa->out_of_period += t->out_of_period;
        sr_stats_merge(p->st, t->st); /* after the part's, in file order */
        badtext_add(bt, &t->bt);
        *s = t->s;
        *d = t->d;
    }
    fa->st_part = p->st;
    p->st = NULL;
    sr_stagetime_add_thread(&r->tm, SR_STAGE_READ, p->tm.ns[SR_STAGE_READ]);
    sr_stagetime_add_thread(&r->tm, SR_STAGE_VALIDATE,
                            p->tm.ns[SR_STAGE_VALIDATE]);
    sr_stagetime_add_thread(&r->tm, SR_STAGE_CLASSIFY,
                            p->tm.ns[SR_STAGE_CLASSIFY]);
    sr_stagetime_add_thread(&r->tm, SR_STAGE_ANALYSE,
                            p->tm.ns[SR_STAGE_ANALYSE]);
    if (tail)
        sr_log_info("%s: read in two parts at once, the later from line %ld "
                    "(%ld forms), its last %ld forms from line %ld by the "
                    "first part's thread",
                    fa->path, line, p->read, t->read, p->stop_line);
    else
        sr_log_info("%s: read in two parts at once, the later from line %ld "
                    "(%ld forms)",
                    fa->path, line, p->read);
    part_free(p);
    tail_drop(r, t); /* its hits are taken: nothing more to drop */
    return PART_TAKEN;
}

static int read_file(struct run *r, const char *path)
{
    struct sr_read_opts ro;
    struct sr_reader *rd;
    struct sr_rawform raw;
    struct sr_record rec;
    struct file_acc fa;
    struct sr_diag d;
    struct sr_reader_badtext bt;
    struct part part;
    struct part tpart; /* the tail this thread takes (take_tail()) */
    bool tail;
    struct sr_handoff *ho = r->ho;
    long badforms = 0;
    bool split;
    enum sr_status s;
    int rc = SR_EXIT_OK;
    /* tests/e2e/bad.sh tries the limit without ten million forms */
    long max_forms =
        (long)test_knob("SR_TEST_MAX_FORMS", SR_MAX_FORMS_PER_FILE);

    memset(&ro, 0, sizeof(ro));
    ro.encoding = r->cfg->encoding;
    ro.mapping = r->mapping;
    ro.no_ahead = split_wanted(r, path); /* part_start() decides */
    sr_diag_clear(&d);
    s = sr_reader_open(&rd, path, r->tmpl, &ro, &d);
    if (s == SR_ERR_IO) {
        print_diag(&d);
        return SR_EXIT_INPUT;
    }
    if (s != SR_OK) {
        /* unusable as a whole (e.g. no known column): said and counted */
        if (!d.line)
            d.line = 1;
        refuse_row(r, path, &d, 0);
        return SR_EXIT_OK;
    }
    acc_begin(r, &fa, path);
    /* a large file in two parts at once: this thread classifies its part
     * itself (the second thread reads the other) */
    split = part_start(r, ro.no_ahead, rd, max_forms, &part);
    if (split)
        r->ho = NULL;
    else if (ro.no_ahead)
        hash_now(r); /* a split was wanted but is not to be had */
    while ((badforms = split ? sr_reader_badforms(rd) : 0,
            s = sr_reader_next(rd, &raw, &d)) == SR_OK) {
        enum sr_verdict v;

        sr_stagetime_lap(&r->tm, SR_STAGE_READ);
        if (split && in_part(&part, rd, &raw)) {
            enum part_end e;

            /* the undecodable forms before the part's first (which the
             * part counts as its own) */
            sr_reader_badtext(rd, &bt);
            if (bt.forms > badforms && !--bt.forms)
                memset(&bt, 0, sizeof(bt));
            hash_now(r); /* beside the wait for the part, or the tail */
            tail = take_tail(r, path, rd, &part, &raw, &tpart);
            e = part_join(r, &fa, rd, &part, tail ? &tpart : NULL, &raw, &s, &d,
                          &bt);
            split = false;
            sr_stagetime_lap(&r->tm, SR_STAGE_ANALYSE);
            if (e == PART_FAILED) {
                rc = SR_EXIT_WRITE;
                goto out;
            }
            if (e == PART_TAKEN)
                goto ended;
            /* dropped: read on from here */
        }
        if (fa.read >= max_forms) {
            s = sr_diag_set(&d, SR_ERR_LIMIT, path, raw.line,
                            "more than %ld forms in one file (limit: forms "
                            "per file)",
                            max_forms);
            break;
        }
        fa.read++;
        if (r->o->progress && ((r->read + fa.read) & 1023) == 0 &&
            time(NULL) != r->progress_at) {
            r->progress_at = time(NULL);
            fprintf(stderr, "\rsatreport: %s: %ld forms (%ld in all)\033[K",
                    path, fa.read, r->read + fa.read);
        }
        v = sr_check_form(r->ck, &raw, &rec, r->rj, &d);
        /* the customer archive's segment values, before the rules */
        if (v == SR_ACCEPTED && fa.resp)
            v = sr_response_join(fa.resp, &rec, r->rj, &d);
        if (d.code == SR_ERR_WRITE) {
            print_diag(&d);
            rc = SR_EXIT_WRITE;
            goto out;
        }
        sr_stagetime_lap(&r->tm, SR_STAGE_VALIDATE);
        switch (v) {
        case SR_ACCEPTED:
            fa.accepted++;
            /* classified and accumulated in the second thread, or here */
            if ((r->ho ? sr_handoff_add(r->ho, &rec, &fa, path, &d)
                       : consume(&fa, &rec, &d)) != SR_OK) {
                rc = handoff_failed(r, &d);
                goto out;
            }
            if (r->ho)
                sr_stagetime_lap(&r->tm, SR_STAGE_ANALYSE); /* the copy */
            break;
        case SR_OUT_OF_PERIOD:
            fa.out_of_period++;
            break;
        case SR_REFUSED:
            fa.refused++;
            break;
        }
    }
    sr_stagetime_lap(&r->tm, SR_STAGE_READ);
    sr_reader_badtext(rd, &bt);
    if (split) {
        /* the file ended (or broke) before the part: this is its end */
        part_join(r, &fa, rd, &part, NULL, NULL, &s, &d, &bt);
        split = false;
    }
ended:
    hash_now(r);
    sr_stagetime_add_thread(&r->tm, SR_STAGE_READ, sr_reader_thread_ns(rd));
    if (r->ho) {
        /* every form of the file classified and accumulated */
        struct sr_diag hd;

        sr_diag_clear(&hd);
        if (sr_handoff_wait(r->ho, &hd) != SR_OK) {
            rc = handoff_failed(r, &hd);
            goto out;
        }
        sr_stagetime_lap(&r->tm, SR_STAGE_ANALYSE);
    }
    if (s == SR_DONE && undecodable_throughout(&bt, &fa, &d))
        s = SR_ERR_PARSE;
    if (s == SR_ERR_IO) {
        /* a read error (not the content): the input cannot be read */
        print_diag(&d);
        rc = SR_EXIT_INPUT;
        goto out;
    }
    if (s != SR_DONE) {
        rc = acc_refuse(r, &fa, &d);
        goto out;
    }
    if (!fa.read)
        sr_log_warn("%s: the file holds no forms", path);
    sr_log_info("%s: %ld forms read, %ld refused", path, fa.read, fa.refused);
    rc = acc_commit(r, &fa);
out:
    if (split) {
        part_join(r, &fa, rd, &part, NULL, NULL, &s, &d, &bt); /* dropped */
        split = false;
    }
    r->ho = ho;
    if (r->ho)
        sr_handoff_wait(r->ho, NULL); /* idle before fa goes */
    acc_release(r, &fa);
    sr_reader_free(rd);
    return rc;
}

/*
 * report.pdf, followup.csv and runinfo.txt in a thread of their own
 * beside the inputs' hashes, stats.csv and the workbook: these only read
 * the model, the run facts and the follow-up list, as the workbook does.
 */
struct side {
    struct run *r;
    struct sr_diag d;
    enum sr_status s;
    uint64_t ns_pdf; /* CPU time of the report and the rest */
};

static void *render_side(void *arg)
{
    struct side *sd = arg;
    struct run *r = sd->r;
    uint64_t t0 = sr_stagetime_thread_cpu();
    char *p;

    sr_diag_clear(&sd->d);
    p = in_tmp(r, "report.pdf");
    sd->s = sr_render_pdf_with(p, r->rt, r->model, &r->ri, &sd->d);
    free(p);
    if (sd->s == SR_OK && r->followup) {
        p = in_tmp(r, SR_FOLLOWUP_FILE);
        sd->s = sr_followup_write(r->followup, p, &sd->d);
        free(p);
    }
    if (sd->s == SR_OK)
        sd->s = sr_facts_write(r->tmpdir, r->model, &r->ri, &sd->d);
    sd->ns_pdf = sr_stagetime_thread_cpu() - t0;
    return NULL;
}

static int render_all(struct run *r)
{
    struct side sd;
    struct sr_diag d;
    struct sr_diag d_csv;
    pthread_t th;
    bool threaded;
    enum sr_status s;
    enum sr_status s_csv;
    char *p;

    memset(&sd, 0, sizeof(sd));
    sd.r = r;
    sr_diag_clear(&d);
    sr_diag_clear(&d_csv);
    /* the workbook's 说明 sheet shows the inputs' hashes: made while the
     * forms were read (or here, while the side thread draws the report,
     * which does not need them, nor does anything it writes) */
    r->ri.sha256_of = sr_sha256_known;
    threaded =
        sr_par_threads() && pthread_create(&th, NULL, render_side, &sd) == 0;
    if (!threaded) /* no thread to be had: one after the other */
        render_side(&sd);
    p = in_tmp(r, "stats.csv");
    s_csv = sr_render_stats_csv(p, r->model, &d_csv);
    free(p);
    sr_stagetime_lap(&r->tm, SR_STAGE_STATS_CSV);
    wait_hashing(r); /* the workbook's 说明 sheet shows them */
    sr_stagetime_lap(&r->tm, SR_STAGE_OTHER);
    s = sr_xlsx_finish(r->xlsx, r->model, r->rj, &d);
    sr_stagetime_lap(&r->tm, SR_STAGE_XLSX);
    if (threaded)
        pthread_join(th, NULL);
    /* the main thread's wait for the side, if longer, counts as PDF */
    sr_stagetime_lap(&r->tm, SR_STAGE_PDF);
    sr_stagetime_add_thread(&r->tm, SR_STAGE_PDF, sd.ns_pdf);
    if (s_csv != SR_OK)
        print_diag(&d_csv);
    if (sd.s != SR_OK)
        print_diag(&sd.d);
    if (s != SR_OK)
        print_diag(&d);
    return s_csv == SR_OK && sd.s == SR_OK && s == SR_OK ? SR_EXIT_OK
                                                         : SR_EXIT_WRITE;
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

/* --- where a run may write (docs/hardening.md) ---------------------------- */

/*
 * @path made absolute, with symbolic links resolved as far as it exists
 * and "." and ".." taken out of the rest.  Caller frees.
 */
static char *resolve_path(const char *path)
{
    struct sr_buf abs = SR_BUF_INIT;
    struct sr_buf out = SR_BUF_INIT;
    char *head;
    char *real = NULL;
    const char *rest;
    char *p;
    char *c;
    size_t cut;

    if (path[0] != '/') {
        char *cwd = getcwd(NULL, 0);

        sr_buf_addstr(&abs, cwd ? cwd : ".");
        sr_buf_addch(&abs, '/');
        free(cwd);
    }
    sr_buf_addstr(&abs, path);
    /* the longest prefix that exists */
    head = xstrdup(abs.buf);
    cut = strlen(head);
    for (;;) {
        real = realpath(head, NULL);
        if (real || cut <= 1)
            break;
        while (cut > 1 && head[cut - 1] != '/')
            cut--;
        if (cut > 1)
            cut--; /* the slash */
        head[cut] = '\0';
    }
    sr_buf_addstr(&out, real ? real : "/");
    rest = abs.buf + (real ? cut : 0);
    /* append the components that do not exist, lexically */
    p = xstrdup(rest);
    c = p;
    while (*c) {
        char *e = strchr(c, '/');

        if (e)
            *e = '\0';
        if (!strcmp(c, "..")) {
            char *slash = strrchr(out.buf, '/');

            out.len = slash && slash != out.buf ? (size_t)(slash - out.buf) : 1;
            out.buf[out.len] = '\0';
        } else if (*c && strcmp(c, ".")) {
            if (out.len > 1)
                sr_buf_addch(&out, '/');
            sr_buf_addstr(&out, c);
        }
        if (!e)
            break;
        c = e + 1;
    }
    free(p);
    free(real);
    free(head);
    sr_buf_release(&abs);
    return sr_buf_detach(&out);
}

/* True if @a is @b or inside it (both resolved). */
static bool path_within(const char *a, const char *b)
{
    size_t n = strlen(b);

    if (!strcmp(b, "/"))
        return true;
    return !strncmp(a, b, n) && (a[n] == '\0' || a[n] == '/');
}

/* Folders of the system: the run folder may be none of them, nor inside
 * the first group. */
static const char *const system_trees[] = {
    "/bin",   "/boot",   "/dev",  "/etc",  "/lib", "/lib32",
    "/lib64", "/libx32", "/proc", "/sbin", "/sys", "/usr",
};
static const char *const system_dirs[] = {
    "/",    "/home", "/media", "/mnt",     "/opt",     "/root",    "/run",
    "/srv", "/tmp",  "/var",   "/var/lib", "/var/tmp", "/var/log",
};

/* Why the run folder may not be at @out (resolved), or NULL. */
static const char *out_dir_fault(const struct run *r, const char *out,
                                 struct sr_buf *why)
{
    const char *home = getenv("HOME");
    const char *reads[8];
    size_t nreads = 0;
    size_t i;
    struct stat sb;

    for (i = 0; i < sizeof(system_trees) / sizeof(*system_trees); i++)
        if (path_within(out, system_trees[i])) {
            sr_buf_addf(why, "it is in the system folder '%s'",
                        system_trees[i]);
            return why->buf;
        }
    for (i = 0; i < sizeof(system_dirs) / sizeof(*system_dirs); i++)
        if (!strcmp(out, system_dirs[i])) {
            sr_buf_addstr(why, "it is a system folder");
            return why->buf;
        }
    if (home && *home) {
        char *h = resolve_path(home);
        bool same = !strcmp(out, h);

        free(h);
        if (same) {
            sr_buf_addstr(why, "it is the home folder");
            return why->buf;
        }
    }
    /* what the run reads: replacing a folder that holds it would delete it */
    reads[nreads++] = r->cfg->path;
    reads[nreads++] = r->cfg->form;
    reads[nreads++] = r->cfg->mapping;
    reads[nreads++] = r->cfg->customers;
    reads[nreads++] = r->cfg->report_template;
    for (i = 0; i < r->nrules && nreads < 8; i++)
        reads[nreads++] = r->rules[i];
    for (i = 0; i < nreads; i++) {
        char *f;
        bool in;

        if (!reads[i])
            continue;
        f = resolve_path(reads[i]);
        in = path_within(f, out);
        if (in)
            sr_buf_addf(why, "it holds '%s', which the run reads", reads[i]);
        free(f);
        if (in)
            return why->buf;
    }
    for (i = 0; i < r->ninputs; i++) {
        char *f = resolve_path(r->inputs[i]);
        bool in = path_within(f, out);

        free(f);
        if (in) {
            sr_buf_addf(why, "it holds the input '%s'", r->inputs[i]);
            return why->buf;
        }
    }
    for (i = 0; i < r->o->nstates; i++) {
        char *f = resolve_path(r->o->states[i]);
        bool in = path_within(f, out);

        free(f);
        if (in) {
            sr_buf_addf(why, "it holds the state '%s'", r->o->states[i]);
            return why->buf;
        }
    }
    /* a folder that is there already is replaced, so it must be a run's */
    if (lstat(out, &sb) == 0) {
        struct sr_buf mark = SR_BUF_INIT;
        DIR *dir;
        struct dirent *e;
        bool empty = true;
        bool run_folder;

        if (!S_ISDIR(sb.st_mode)) {
            sr_buf_addstr(why, "it exists and is not a folder");
            return why->buf;
        }
        sr_buf_addf(&mark, "%s/run.log", out);
        run_folder = access(mark.buf, F_OK) == 0;
        sr_buf_release(&mark);
        dir = run_folder ? NULL : opendir(out);
        while (dir && (e = readdir(dir)) != NULL)
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
                empty = false;
                break;
            }
        if (dir)
            closedir(dir);
        if (!run_folder && !empty) {
            sr_buf_addstr(why, "it exists, is not empty and is not a run "
                               "folder (no run.log): it would be replaced");
            return why->buf;
        }
    }
    return NULL;
}

/* A run whose outputs are 机密 or 绝密 (docs/hardening.md). */
static bool restricted(const struct sr_config *c)
{
    return c->confidentiality && (!strcmp(c->confidentiality, "机密") ||
                                  !strcmp(c->confidentiality, "绝密"));
}

/* Refuse (exit 2, nothing written) a run folder that must not be
 * replaced: the rule is in docs/hardening.md. */
static int check_out_dir(const struct run *r)
{
    struct sr_buf why = SR_BUF_INIT;
    char *out = resolve_path(r->cfg->out_dir);
    int rc = SR_EXIT_OK;

    if (out_dir_fault(r, out, &why)) {
        if (r->o->out)
            sr_log_error("--out '%s': cannot write the run folder there: %s",
                         r->o->out, why.buf);
        else
            sr_log_error("%s: [output] dir '%s': cannot write the run folder "
                         "there: %s",
                         r->cfg->path, r->cfg->out_dir, why.buf);
        rc = SR_EXIT_CONFIG;
    }
    free(out);
    sr_buf_release(&why);
    return rc;
}

/*
 * Remove "<path>.tmp-<pid>" files and folders that runs killed before they
 * could clean up left beside @path: all of them when @all (the run folder's,
 * under the lock no other run writes there), else only those whose process
 * is gone (--partial states, which have no lock).
 */
static void remove_stale(const char *path, bool all)
{
    const char *slash = strrchr(path, '/');
    char *parent =
        slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path))
              : xstrdup(".");
    const char *base = slash ? slash + 1 : path;
    size_t blen = strlen(base);
    DIR *dir = opendir(parent);
    struct dirent *e;

    while (dir && (e = readdir(dir)) != NULL) {
        const char *p = e->d_name;
        struct sr_buf tmp = SR_BUF_INIT;
        char *end;
        long pid;

        if (strncmp(p, base, blen) || strncmp(p + blen, ".tmp-", 5))
            continue;
        pid = strtol(p + blen + 5, &end, 10);
        if (*end || pid <= 0 || pid == (long)getpid())
            continue;
        if (!all && !(kill((pid_t)pid, 0) != 0 && errno == ESRCH))
            continue;
        sr_buf_addf(&tmp, "%s/%s", parent, p);
        sr_log_info("removing %s, left by a run that did not finish", tmp.buf);
        remove_tree(tmp.buf);
        sr_buf_release(&tmp);
    }
    if (dir)
        closedir(dir);
    free(parent);
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
    remove_stale(r->cfg->out_dir, true);
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
                         r->cfg->records && !r->o->no_records && !r->o->states,
                         &d) != SR_OK)
            rc = SR_EXIT_WRITE;
        free(p);
    }
    if (rc != SR_EXIT_OK)
        print_diag(&d);
    return rc;
}

/* A shipped file the pipeline does not name is in no data folder: say
 * where it was looked for (a program copied out of its tree, a broken
 * install). */
static void not_shipped(const char *relpath, bool fatal)
{
    struct sr_datadir *dirs = NULL;
    struct sr_buf where = SR_BUF_INIT;
    size_t n = sr_datadir_list(&dirs);
    size_t i;

    for (i = 0; i < n; i++)
        sr_buf_addf(&where, "%s%s", i ? ", " : "", dirs[i].path);
    if (fatal)
        sr_log_error("the shipped file '%s' is in no data folder (looked in "
                     "%s): install satreport (make install), set "
                     "SATREPORT_DATA, or name the file in the pipeline",
                     relpath, where.buf);
    else
        sr_log_warn("the shipped file '%s' is in no data folder (looked in "
                    "%s): the run goes on without it",
                    relpath, where.buf);
    sr_buf_release(&where);
    sr_datadir_list_free(dirs, n);
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
    if (!seg)
        not_shipped("templates/rules/segments.rules", false);
    if (!r->cfg->comments_off) {
        com = r->cfg->comments_rules
                  ? xstrdup(r->cfg->comments_rules)
                  : sr_datadir_find("templates/rules/comments.rules");
        if (!com)
            not_shipped("templates/rules/comments.rules", false);
    }
    s = sr_classify_open(&r->cls, r->tmpl, seg, com, &d);
    r->seg_rules = seg;
    r->com_rules = com;
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
        sr_log_info("%s:%ld: rule '%s': %ld hits", h[i].file, h[i].line,
                    h[i].what, h[i].hits);
        if (!h[i].hits)
            dead++;
    }
    if (dead)
        sr_log_info("%zu of %zu rules had no hit (listed above)", dead, n);
}

/* Limits that left something out of the figures (docs/hardening.md) */
static void log_limits(const struct run *r)
{
    const char *id;
    long n;
    size_t i;

    for (i = 0;; i++) {
        n = sr_stats_capped(r->st, i, &id);
        if (n < 0)
            break;
        if (n > 0)
            sr_log_warn("segment '%s' has more than %d values: %ld forms "
                        "with the later ones are in the figures of all "
                        "forms but not broken down by '%s' (limit: segment "
                        "values)",
                        id, SR_STATS_MAX_SEGVALS, n, id);
    }
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

/* [input] customers: the archive, read before any form (docs/archive.md).
 * A template without a customer id is exit 2; an archive that cannot be
 * read or used at all, exit 3. */
static int load_archive(struct run *r)
{
    struct sr_response_opts ro;
    struct sr_diag d;

    sr_diag_clear(&d);
    if (sr_archive_load(&r->archive, r->cfg->customers, r->tmpl,
                        r->cfg->encoding, &d) != SR_OK) {
        print_diag(&d);
        return d.code == SR_ERR_CONFIG ? SR_EXIT_CONFIG : SR_EXIT_INPUT;
    }
    memset(&ro, 0, sizeof(ro));
    ro.refuse_unknown = r->cfg->refuse_unknown;
    ro.categories = r->ri.categories;
    ro.ncategories = r->ri.ncategories;
    r->resp = sr_response_new(r->archive, r->tmpl, &ro);
    r->resp_opts = ro;
    return SR_EXIT_OK;
}

/* After the forms: the follow-up list and the archive's figures. */
static void finish_archive(struct run *r)
{
    if (!r->resp)
        return;
    r->followup = sr_response_followup(r->resp);
    r->ri.followup = r->followup;
    sr_stats_customers(r->model, r->archive, r->resp, r->followup,
                       r->cfg->min_base);
    sr_response_log(r->resp);
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

        if (sr_period_resolve(r->o->period, sr_period_now(), &p, &d) != SR_OK) {
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
        const char *rel = en ? "templates/report/annual.en.xml"
                             : "templates/report/annual.zh-CN.xml";

        r->cfg->report_template = sr_datadir_find(rel);
        if (!r->cfg->report_template) {
            not_shipped(rel, true);
            return SR_EXIT_CONFIG;
        }
    }
    /* a bad report template stops the run before any form is read */
    if (sr_report_load(r->cfg->report_template, &r->rt, &d) != SR_OK) {
        print_diag(&d);
        return SR_EXIT_CONFIG;
    }
    r->ri.cfg = r->cfg;
    r->ri.version = SR_VERSION;
    r->ri.merged = r->o->states != NULL;
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
    r->so = so;
    if (r->cfg->customers) {
        rc = load_archive(r);
        if (rc != SR_EXIT_OK)
            return rc;
    }
    if (r->o->states)
        return SR_EXIT_OK; /* merge reads states, not input files */
    rc = expand_inputs(r);
    if (rc == SR_EXIT_OK && r->mapping &&
        sr_mapping_scan(r->mapping, (const char *const *)r->inputs, r->ninputs,
                        &d) != SR_OK) {
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
    if (r->archive)
        sr_archive_log(r->archive);
}

/* the path of a partial state's refusals */
static char *state_rejects(const char *state)
{
    struct sr_buf b = SR_BUF_INIT;

    sr_buf_addf(&b, "%s.rejects.csv", state);
    return sr_buf_detach(&b);
}

/* a state's customer responses (sr_response_save), with an archive */
static char *state_customers(const char *state)
{
    struct sr_buf b = SR_BUF_INIT;

    sr_buf_addf(&b, "%s.customers", state);
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
    struct sr_buf tmp_cust = SR_BUF_INIT;
    char *rej = state_rejects(state);
    char *ids = state_ids(state);
    char *cust = state_customers(state);
    struct sr_diag d;
    int rc = SR_EXIT_OK;
    size_t i;

    sr_diag_clear(&d);
    sr_buf_addf(&tmp_state, "%s.tmp-%ld", state, (long)getpid());
    sr_buf_addf(&tmp_rej, "%s.tmp-%ld", rej, (long)getpid());
    sr_buf_addf(&tmp_ids, "%s.tmp-%ld", ids, (long)getpid());
    sr_buf_addf(&tmp_cust, "%s.tmp-%ld", cust, (long)getpid());
    remove_stale(state, false);
    remove_stale(rej, false);
    remove_stale(ids, false);
    remove_stale(cust, false);
    if (sr_rejects_open(&r->rj, tmp_rej.buf, &d) != SR_OK) {
        print_diag(&d);
        rc = SR_EXIT_WRITE;
        goto out;
    }
    start_handoff(r);
    for (i = 0; i < r->ninputs && rc == SR_EXIT_OK; i++)
        rc = read_file(r, r->inputs[i]);
    stop_handoff(r);
    if (rc == SR_EXIT_OK && sr_rejects_close(r->rj, &d) != SR_OK)
        rc = SR_EXIT_WRITE;
    sr_stagetime_lap(&r->tm, SR_STAGE_STATS_CSV);
    if (rc == SR_EXIT_OK && sr_check_write_ids(r->ck, tmp_ids.buf, &d) != SR_OK)
        rc = SR_EXIT_WRITE;
    if (rc == SR_EXIT_OK && sr_stats_save(r->st, tmp_state.buf, &d) != SR_OK)
        rc = SR_EXIT_WRITE;
    sr_stagetime_lap(&r->tm, SR_STAGE_OTHER);
    sr_stagetime_log(&r->tm);
    if (rc == SR_EXIT_OK && r->resp &&
        sr_response_save(r->resp, tmp_cust.buf, &d) != SR_OK)
        rc = SR_EXIT_WRITE;
    if (rc == SR_EXIT_OK && !r->resp)
        remove(cust); /* an earlier state's, made with an archive */
    if (rc == SR_EXIT_OK &&
        ((r->resp && rename(tmp_cust.buf, cust) != 0) ||
         rename(tmp_rej.buf, rej) != 0 || rename(tmp_ids.buf, ids) != 0 ||
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
    remove(tmp_cust.buf);
    sr_buf_release(&tmp_state);
    sr_buf_release(&tmp_rej);
    sr_buf_release(&tmp_ids);
    sr_buf_release(&tmp_cust);
    free(rej);
    free(ids);
    free(cust);
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
        if (r->resp) {
            char *cust = state_customers(state);

            if (access(cust, F_OK) != 0) {
                sr_log_error("%s: state made without the customer archive "
                             "(no %s): run the partial runs with [input] "
                             "customers too",
                             state, cust);
                free(cust);
                return SR_EXIT_CONFIG;
            }
            s = sr_response_load(r->resp, cust, &d);
            free(cust);
            if (s != SR_OK) {
                print_diag(&d);
                return s == SR_ERR_CONFIG ? SR_EXIT_CONFIG : SR_EXIT_INPUT;
            }
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
    mode_t old_mask = 0;
    bool masked = false;
    int rc;
    size_t i;

    memset(&r, 0, sizeof(r));
    r.o = o;
    r.lockfd = -1;
    sr_stagetime_init(&r.tm, o->verbose);
    /* over a file size limit (ulimit -f) a write fails with EFBIG, and the
     * run ends with exit 4 like on a full disk, not by a signal */
    signal(SIGXFSZ, SIG_IGN);
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
    if (restricted(r.cfg)) {
        /* 机密/绝密: nothing the run writes is readable by others */
        old_mask = umask(027);
        masked = true;
    }
    if (o->partial) {
        rc = run_partial(&r);
        goto out;
    }
    if (o->states) {
        rc = check_state_ids(&r);
        if (rc != SR_EXIT_OK)
            goto out;
    }
    rc = check_out_dir(&r);
    if (rc != SR_EXIT_OK)
        goto out;
    rc = open_outputs(&r);
    if (rc != SR_EXIT_OK)
        goto out;
    log_summary(&r);
    sr_stagetime_lap(&r.tm, SR_STAGE_SETUP);

    start_hashing(&r);
    start_handoff(&r);
    for (i = 0; i < r.ninputs; i++) {
        rc = read_file(&r, r.inputs[i]);
        if (rc != SR_EXIT_OK)
            goto out;
    }
    stop_handoff(&r);
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
    log_limits(&r);
    sr_log_info("forms: %ld read = %ld accepted + %ld refused + %ld out of "
                "period",
                r.read, r.accepted, r.refused, r.out_of_period);
    if (sr_rejects_close(r.rj, &d) != SR_OK) {
        print_diag(&d);
        rc = SR_EXIT_WRITE;
        goto out;
    }
    sr_stagetime_lap(&r.tm, SR_STAGE_STATS_CSV);
    if (!r.model && sr_stats_model(r.st, &r.model, &d) != SR_OK) {
        print_diag(&d);
        rc = SR_EXIT_WRITE;
        goto out;
    }
    finish_archive(&r);
    sr_stagetime_lap(&r.tm, SR_STAGE_ANALYSE);
    rc = render_all(&r); /* hashes the inputs too */
    if (rc != SR_EXIT_OK)
        goto out;
    sr_xlsx_free(r.xlsx);
    r.xlsx = NULL;
    sr_stagetime_lap(&r.tm, SR_STAGE_XLSX);
    sr_stagetime_log(&r.tm);
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
        mi.mapping = r.cfg->mapping;
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
        mi.report_template = r.cfg->report_template ? r.cfg->report_template
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
    if (r.hashing) { /* a run that stopped early: the thread first */
        pthread_join(r.hash_th, NULL);
        r.hashing = false;
    }
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
    sr_followup_free(r.followup);
    sr_handoff_stop(r.ho); /* before what its thread uses */
    sr_recspill_free(r.spill);
    sr_response_free(r.resp);
    sr_archive_free(r.archive);
    sr_rejects_free(r.rj);
    sr_stats_free(r.st);
    sr_check_free(r.ck);
    sr_classify_free(r.cls);
    sr_classify_free(r.cls2);
    sr_classify_free(r.cls3);
    for (i = 0; i < r.nrules; i++)
        free(r.rules[i]);
    sr_mapping_free(r.mapping);
    sr_report_free(r.rt);
    sr_sha256_forget();
    sr_template_free(r.tmpl);
    sr_config_free(r.cfg);
    for (i = 0; i < r.ninputs; i++)
        free(r.inputs[i]);
    free(r.inputs);
    if (masked)
        umask(old_mask);
    return rc;
}
