/* SPDX-License-Identifier: MIT */
/*
 * rerender.c - render a run's report again from its run folder
 *
 * Input: the run folder (stats.csv, runinfo.txt, manifest.txt) and the
 * form template it names; output: a PDF through sr_render_pdf().  Owns the
 * template, the model and the rebuilt configuration.
 */
#include "rerender.h"
#include "../archive/followup.h"
#include "../core/buf.h"
#include "../core/config.h"
#include "../core/mem.h"
#include "../core/period.h"
#include "../core/template.h"
#include "../render/render.h"
#include "facts.h"
#include "model_csv.h"
#include "record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef SR_VERSION
#define SR_VERSION "dev"
#endif

#define DEFAULT_FONT "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

struct sr_rerender {
    struct sr_facts *facts; /* or NULL */
    struct sr_config *cfg;  /* facts->cfg, or loaded from the pipeline */
    bool own_cfg;
    struct sr_template *tmpl;
    struct sr_model *model;
    struct sr_followup *followup; /* followup.csv, or NULL */
    struct sr_run_info ri;
    char *version;
};

void sr_rerender_free(struct sr_rerender *r)
{
    if (!r)
        return;
    sr_model_free(r->model);
    sr_followup_free(r->followup);
    sr_template_free(r->tmpl);
    if (r->own_cfg)
        sr_config_free(r->cfg);
    sr_facts_free(r->facts);
    free(r->version);
    free(r);
}

static void hex_of(const unsigned char *p, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;

    for (i = 0; i < n; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * n] = '\0';
}

/* "2026-01-01T00:00:00Z" as a time; 0 if malformed */
static time_t parse_utc(const char *s)
{
    int v[6] = { 0 };
    static const int at[6] = { 0, 5, 8, 11, 14, 17 };
    static const int len[6] = { 4, 2, 2, 2, 2, 2 };
    struct tm tm;
    int i;
    int k;

    if (!s || strlen(s) != 20 || s[19] != 'Z')
        return 0;
    for (i = 0; i < 6; i++)
        for (k = 0; k < len[i]; k++) {
            char c = s[at[i] + k];

            if (c < '0' || c > '9')
                return 0;
            v[i] = v[i] * 10 + (c - '0');
        }
    memset(&tm, 0, sizeof(tm));
    tm.tm_year = v[0] - 1900;
    tm.tm_mon = v[1] - 1;
    tm.tm_mday = v[2];
    tm.tm_hour = v[3];
    tm.tm_min = v[4];
    tm.tm_sec = v[5];
    return timegm(&tm);
}

/* A run folder from before runinfo.txt: the pipeline gives the texts, the
 * manifest the date. */
static enum sr_status config_from_pipeline(struct sr_rerender *r,
                                           const char *run_dir,
                                           const struct sr_manifest *mf,
                                           struct sr_diag *d)
{
    const struct sr_manifest_entry *pe = sr_manifest_find(mf, "pipeline", NULL);
    struct tm tm;
    char *path;
    enum sr_status s;

    if (!pe)
        return sr_diag_set(d, SR_ERR_CONFIG, run_dir, 0,
                           "cannot render again: the run folder has no "
                           "runinfo.txt and its manifest names no pipeline");
    path = sr_manifest_path(run_dir, pe->path);
    s = sr_config_load(path, &r->cfg, d);
    free(path);
    if (s != SR_OK)
        return s;
    r->own_cfg = true;
    /* the run's date is the reference of a relative period */
    r->ri.epoch = parse_utc(mf->created);
    s = sr_period_apply(r->cfg, r->ri.epoch, d);
    if (s != SR_OK)
        return s;
    gmtime_r(&r->ri.epoch, &tm);
    strftime(r->ri.date, sizeof(r->ri.date), "%Y-%m-%d", &tm);
    r->version =
        xstrdup(mf->tool && !strncmp(mf->tool, "satreport ", 10) ? mf->tool + 10
                                                                 : SR_VERSION);
    return SR_OK;
}

enum sr_status sr_rerender_open(const char *run_dir,
                                const struct sr_manifest *mf,
                                struct sr_rerender **out, struct sr_diag *d)
{
    struct sr_rerender *r = xcalloc(1, sizeof(*r));
    const struct sr_manifest_entry *fe = sr_manifest_find(mf, "form", NULL);
    const struct sr_manifest_entry *te;
    const char *font = getenv("SATREPORT_FONT");
    struct sr_buf stats = SR_BUF_INIT;
    char sha[2 * 32 + 1];
    char *path = NULL;
    enum sr_status s;

    *out = NULL;
    sr_buf_addf(&stats, "%s/%s", run_dir, SR_FACTS_FILE);
    if (sr_file_exists(stats.buf)) {
        s = sr_facts_load(run_dir, &r->facts, d);
        if (s != SR_OK)
            goto fail;
        r->cfg = r->facts->cfg;
        r->ri.epoch = r->facts->epoch;
        snprintf(r->ri.date, sizeof(r->ri.date), "%s", r->facts->date);
        r->version = xstrdup(r->facts->version);
    } else {
        s = config_from_pipeline(r, run_dir, mf, d);
        if (s != SR_OK)
            goto fail;
    }
    /* the report template the run used and the manifest vouches for */
    te = sr_manifest_find(mf, "report-template", NULL);
    if (te) {
        free(r->cfg->report_template);
        r->cfg->report_template = sr_manifest_path(run_dir, te->path);
    }
    if (!fe) {
        s = sr_diag_set(d, SR_ERR_CONFIG, run_dir, 0,
                        "cannot render again: the manifest names no form "
                        "template");
        goto fail;
    }
    path = sr_manifest_path(run_dir, fe->path);
    s = sr_template_load(path, &r->tmpl, d);
    if (s != SR_OK)
        goto fail;
    hex_of(r->tmpl->sha256, sizeof(r->tmpl->sha256), sha);
    if (strcmp(sha, fe->sha)) {
        s = sr_diag_set(d, SR_ERR_CONFIG, path, 0,
                        "the form template changed since the run (its "
                        "SHA-256 is not the manifest's)");
        goto fail;
    }
    sr_buf_reset(&stats);
    sr_buf_addf(&stats, "%s/stats.csv", run_dir);
    s = sr_model_read_csv(stats.buf, r->tmpl, r->facts, &r->model, d);
    if (s != SR_OK)
        goto fail;
    /* the follow-up list of a run with a customer archive */
    sr_buf_reset(&stats);
    sr_buf_addf(&stats, "%s/%s", run_dir, SR_FOLLOWUP_FILE);
    if (sr_file_exists(stats.buf)) {
        s = sr_followup_read(stats.buf, &r->followup, d);
        if (s != SR_OK)
            goto fail;
        r->ri.followup = r->followup;
    }
    r->ri.cfg = r->cfg;
    r->ri.version = r->version;
    r->ri.font_path = font && *font ? font : DEFAULT_FONT;
    r->ri.font_index = 0;
    if (access(r->ri.font_path, R_OK) != 0) {
        s = sr_diag_set(d, SR_ERR_CONFIG, r->ri.font_path, 0,
                        "cannot read the CJK font (install fonts-wqy-zenhei "
                        "or set SATREPORT_FONT)");
        goto fail;
    }
    free(path);
    sr_buf_release(&stats);
    *out = r;
    return SR_OK;
fail:
    free(path);
    sr_buf_release(&stats);
    sr_rerender_free(r);
    return s;
}

const char *sr_rerender_period(const struct sr_rerender *r)
{
    return r->cfg && r->cfg->period ? r->cfg->period : "";
}

const struct sr_run_info *sr_rerender_info(const struct sr_rerender *r)
{
    return &r->ri;
}

enum sr_status sr_rerender_pdf(struct sr_rerender *r, const char *path,
                               const struct sr_rerender_doc *doc,
                               struct sr_diag *d)
{
    struct sr_run_info ri = r->ri;

    ri.status = doc->status;
    ri.approval = doc->steps;
    ri.napproval = doc->nsteps;
    ri.document_no = doc->document_no;
    ri.copy_no = doc->copy_no;
    ri.recipient = doc->recipient;
    return sr_render_pdf(path, r->model, &ri, d);
}
