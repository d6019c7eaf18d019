/* SPDX-License-Identifier: MIT */
/*
 * sheets.c - the statistics sheets of statistics.xlsx
 *
 * Input: the statistics model (struct sr_model), the template and the run
 * facts.  Output: the rows of 汇总, 客户统计, 题目统计, 分组对比, 同比 and
 * 说明, with their charts and conditional formats, through the cell writers
 * of xlsx.c (struct sr_xl_sheet: rows only move forward).
 *
 * Every number is a figure of the model, looked up with sr_model_get(); a
 * figure the model does not hold is an empty cell.  Optional columns (the
 * customer archive's figures, shares of forms, complaints, ranks...) are
 * shown only when the model holds that figure for some group, so the same
 * code serves a run without rules, archive or previous period.
 */
#include "xlsx_impl.h"
#include "../../archive/followup.h"
#include "../../core/mem.h"
#include "../../core/text.h"
#include "../../stats/customers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHART_ROWS    19  /* rows a chart takes on a sheet (20 px each) */
#define CHART_WIDTH   100 /* its width, in column width units */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* --- model helpers ---------------------------------------------------------
 */

static const char *dim_name(const struct sr_dimension *d)
{
    return d->name && *d->name ? d->name : d->id;
}

/* True if the model holds @metric (for @subject, or any when NULL) in
 * some group. */
static bool any_row(const struct sr_model *m, const char *subject,
                    const char *metric)
{
    size_t i;

    for (i = 0; i < m->nrows; i++)
        if (!strcmp(m->rows[i].metric, metric) &&
            (!subject || !strcmp(m->rows[i].subject, subject)))
            return true;
    return false;
}

/* True if some segment group (not "all") holds @metric for @subject. */
static bool any_segment_row(const struct sr_model *m, const char *subject,
                            const char *metric)
{
    size_t i;

    for (i = 0; i < m->nrows; i++)
        if (strcmp(m->rows[i].group, "all") &&
            !strcmp(m->rows[i].metric, metric) &&
            !strcmp(m->rows[i].subject, subject))
            return true;
    return false;
}

static long accepted(const struct sr_model *m)
{
    double v;

    if (sr_model_get(m, "all", NULL, "forms", "accepted", &v, NULL))
        return (long)v;
    return m->accepted;
}

bool sr_xl_small(const struct sr_model *m, const char *group, const char *gv,
                 long forms)
{
    double v;

    if (!strcmp(group, "all"))
        return false;
    if (sr_model_get(m, group, gv, "forms", "small", &v, NULL))
        return v != 0;
    return forms < m->min_base;
}

/* The significance mark of (@group, @gv, @subject): the model's
 * `significant` figure, else p < 0.05 on a base that is not small. */
static unsigned mark_of(const struct sr_model *m, const char *group,
                        const char *gv, const char *subject, bool small)
{
    double v;

    if (!strcmp(group, "all"))
        return 0;
    if (sr_model_get(m, group, gv, subject, "significant", &v, NULL))
        return v != 0 ? SR_XL_MARKED : 0;
    if (!small && sr_model_get(m, group, gv, subject, "p_value", &v, NULL) &&
        v < SR_XL_P_MARK)
        return SR_XL_MARKED;
    return 0;
}

/* A dimension's target: the model's, else the template's. */
static bool target_of(const struct sr_model *m, const struct sr_dimension *dm,
                      double *target)
{
    if (sr_model_get(m, "all", NULL, dm->id, "target", target, NULL))
        return true;
    if (dm->has_target) {
        *target = dm->target;
        return true;
    }
    return false;
}

static const char *group_label(const struct sr_xlsx *x,
                               const struct sr_model_group *g)
{
    if (g->kind == SR_GROUP_CATEGORY)
        return sr_xl_tx(x, SR_XT_CATEGORY_GROUP);
    return g->label && *g->label ? g->label : g->field_id;
}

static void note(struct sr_xlsx *x, struct sr_xl_sheet *s, const char *text)
{
    sr_xl_wide(x, s, 0, text, x->f[SR_XL_NOTE]);
    s->row++;
}

static void notef(struct sr_xlsx *x, struct sr_xl_sheet *s, enum sr_xl_text id,
                  long v)
{
    char num[32];

    snprintf(num, sizeof(num), "%ld", v);
    sr_xl_fill(&x->aux, sr_xl_tx(x, id), num);
    note(x, s, x->aux.buf);
}

/* --- charts ----------------------------------------------------------------
 */

static lxw_chart *new_chart(struct sr_xlsx *x, uint8_t type)
{
    lxw_chart *c;

    if (x->failed)
        return NULL;
    c = workbook_add_chart(x->wb, type);
    if (!c)
        sr_xl_fail(x, "cannot add a chart: out of memory");
    return c;
}

static lxw_chart_series *new_series(struct sr_xlsx *x, lxw_chart *c)
{
    lxw_chart_series *s = chart_add_series(c, NULL, NULL);

    if (!s)
        sr_xl_fail(x, "cannot add a chart series: out of memory");
    return s;
}

/* Title, axis titles, legend below, and a 0..100 value axis. */
static void chart_dress(lxw_chart *c, const char *title, const char *xname,
                        const char *yname, bool index_axis)
{
    lxw_chart_font title_font = { 0 };

    title_font.size = 12;
    title_font.bold = LXW_TRUE;
    chart_title_set_name(c, title);
    chart_title_set_name_font(c, &title_font);
    chart_axis_set_name(c->x_axis, xname);
    chart_axis_set_name(c->y_axis, yname);
    if (index_axis) {
        chart_axis_set_min(c->y_axis, 0);
        chart_axis_set_max(c->y_axis, 100);
        chart_axis_set_major_unit(c->y_axis, 20);
    }
    chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
}

static void chart_insert(struct sr_xlsx *x, struct sr_xl_sheet *s,
                         lxw_row_t row, lxw_col_t col, lxw_chart *c,
                         const char *alt)
{
    lxw_chart_options opt;
    char *desc = xstrdup(alt);
    lxw_error e;

    memset(&opt, 0, sizeof(opt));
    opt.x_scale = 1.5; /* 720 x 346 px */
    opt.y_scale = 1.2;
    opt.x_offset = 4;
    opt.y_offset = 4;
    opt.object_position = LXW_OBJECT_DONT_MOVE_DONT_SIZE;
    opt.description = desc;
    e = worksheet_insert_chart_opt(s->ws, row, col, c, &opt);
    free(desc);
    sr_xl_fail_sheet(x, e, s, "chart");
}

/* --- 汇总 ---------------------------------------------------------------- */

static void fact(struct sr_xlsx *x, struct sr_xl_sheet *s, enum sr_xl_text key,
                 const char *value, lxw_format *f)
{
    if (!value || !*value)
        return;
    sr_xl_str(x, s, 0, sr_xl_tx(x, key), x->f[SR_XL_KEY]);
    sr_xl_wide(x, s, 1, value, f);
    s->row++;
}

static void summary_facts(struct sr_xlsx *x, struct sr_xl_sheet *s)
{
    const struct sr_template *t = x->t;
    char survey[512];

    sr_xl_wide(x, s, 0, sr_xl_title(x), x->f[SR_XL_TITLE]);
    s->row += 2;
    fact(x, s, SR_XT_FACT_TITLE, SR_XL_CFG(x, title), NULL);
    fact(x, s, SR_XT_FACT_ORG, SR_XL_CFG(x, organization), NULL);
    snprintf(survey, sizeof(survey), "%s（%s %s）", t->title ? t->title : "",
             t->id ? t->id : "", t->version ? t->version : "");
    fact(x, s, SR_XT_FACT_SURVEY, survey, NULL);
    fact(x, s, SR_XT_FACT_PERIOD, SR_XL_CFG(x, period), NULL);
    fact(x, s, SR_XT_FACT_MARKING, SR_XL_CFG(x, confidentiality),
         x->f[SR_XL_MARKING]);
    fact(x, s, SR_XT_FACT_PREPARED, SR_XL_CFG(x, prepared_by), NULL);
    if (x->ri)
        fact(x, s, SR_XT_FACT_STATUS, x->ri->status, NULL);
    if (x->ri && x->ri->epoch > 0) {
        struct tm tm;

        if (gmtime_r(&x->ri->epoch, &tm)) {
            sr_xl_str(x, s, 0, sr_xl_tx(x, SR_XT_FACT_DATE), x->f[SR_XL_KEY]);
            sr_xl_date(x, s, 1,
                       (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
                           tm.tm_mday);
            s->row++;
        }
    }
    if (x->ri)
        fact(x, s, SR_XT_FACT_VERSION, x->ri->version, NULL);
    s->row++;
}

static void summary_forms(struct sr_xlsx *x, struct sr_xl_sheet *s,
                          const struct sr_model *m)
{
    static const enum sr_xl_text hdr[] = { SR_XT_FORMS_TABLE, SR_XT_COUNT };
    static const struct {
        enum sr_xl_text label;
        const char *metric;
    } rows[] = {
        { SR_XT_READ, "read" },
        { SR_XT_ACCEPTED, "accepted" },
        { SR_XT_REFUSED, "refused" },
        { SR_XT_OUT_OF_PERIOD, "out_of_period" },
    };
    const long fallback[] = { m->read, m->accepted, m->refused,
                              m->out_of_period };
    size_t i;

    sr_xl_headers(x, s, 0, hdr, ARRAY_SIZE(hdr));
    s->row++;
    for (i = 0; i < ARRAY_SIZE(rows); i++) {
        double v;

        sr_xl_str(x, s, 0, sr_xl_tx(x, rows[i].label), NULL);
        if (!sr_model_get(m, "all", NULL, "forms", rows[i].metric, &v, NULL))
            v = (double)fallback[i];
        sr_xl_num(x, s, 1, v, SR_XL_INT, 0);
        s->row++;
    }
    s->row++;
}

/* 客户档案: the archive's figures of group all (only with an archive) */
static void summary_archive(struct sr_xlsx *x, struct sr_xl_sheet *s,
                            const struct sr_model *m)
{
    static const enum sr_xl_text hdr[] = { SR_XT_SUM_ARCHIVE, SR_XT_VALUE,
                                           SR_XT_N };
    static const struct {
        enum sr_xl_text label;
        const char *subject;
        const char *metric;
        enum sr_xl_nf nf;
    } rows[] = {
        { SR_XT_CUST_ARCHIVE, "customers", "count", SR_XL_INT },
        { SR_XT_CUST_RESPONDED, "customers", "responded", SR_XL_INT },
        { SR_XT_CUST_RATE, "customers", "response_rate", SR_XL_SHARE },
        { SR_XT_CUST_REPEATED, "customers", "repeated", SR_XL_INT },
        { SR_XT_CUST_UNKNOWN, "customers", "unknown", SR_XL_INT },
        { SR_XT_CUST_FOLLOW, "customers", "follow_up", SR_XL_INT },
        { SR_XT_CUST_MOE, "CSI", "moe95", SR_XL_INDEX },
    };
    size_t i;

    if (!sr_model_get(m, "all", NULL, "customers", "count", NULL, NULL))
        return;
    sr_xl_headers(x, s, 0, hdr, ARRAY_SIZE(hdr));
    s->row++;
    for (i = 0; i < ARRAY_SIZE(rows); i++) {
        double v;
        long n;

        if (!sr_model_get(m, "all", NULL, rows[i].subject, rows[i].metric, &v,
                          &n))
            continue;
        sr_xl_str(x, s, 0, sr_xl_tx(x, rows[i].label), NULL);
        sr_xl_num(x, s, 1, v, rows[i].nf, 0);
        if (n >= 0)
            sr_xl_num(x, s, 2, (double)n, SR_XL_INT, 0);
        s->row++;
    }
    s->row++;
}

static void summary_indices(struct sr_xlsx *x, struct sr_xl_sheet *s,
                            const struct sr_model *m)
{
    static const enum sr_xl_text hdr[] = { SR_XT_METRIC, SR_XT_VALUE, SR_XT_N,
                                           SR_XT_PREVIOUS, SR_XT_DELTA };
    static const struct {
        enum sr_xl_text label;
        const char *subject;
    } rows[] = {
        { SR_XT_CSI_LONG, "CSI" },
        { SR_XT_NPS_LONG, "NPS" },
    };
    bool prev = false;
    size_t i;

    for (i = 0; i < ARRAY_SIZE(rows); i++)
        prev = prev || sr_model_get(m, "all", NULL, rows[i].subject,
                                    "prev_index", NULL, NULL);
    sr_xl_headers(x, s, 0, hdr, prev ? 5 : 3);
    s->row++;
    for (i = 0; i < ARRAY_SIZE(rows); i++) {
        const char *subj = rows[i].subject;
        double v;
        double p;
        long n;

        sr_xl_str(x, s, 0, sr_xl_tx(x, rows[i].label), NULL);
        if (sr_model_get(m, "all", NULL, subj, "index", &v, &n)) {
            sr_xl_num(x, s, 1, v, SR_XL_INDEX, 0);
            if (n >= 0)
                sr_xl_num(x, s, 2, (double)n, SR_XL_INT, 0);
        }
        if (prev) {
            bool sig =
                sr_model_get(m, "all", NULL, subj, "p_delta", &p, NULL) &&
                p < SR_XL_P_MARK;

            sr_xl_fig(x, s, 3, m, "all", NULL, subj, "prev_index", SR_XL_INDEX,
                      0);
            sr_xl_fig(x, s, 4, m, "all", NULL, subj, "delta", SR_XL_DELTA,
                      sig ? SR_XL_MARKED : 0);
        }
        s->row++;
    }
    s->row++;
}

static void quadrant_label(struct sr_xlsx *x, struct sr_xl_sheet *s,
                           lxw_col_t col, const struct sr_model *m,
                           const char *subject)
{
    double q;

    if (!sr_model_get(m, "all", NULL, subject, "quadrant", &q, NULL))
        return;
    if (q >= 1 && q <= 4)
        sr_xl_str(x, s, col,
                  sr_xl_tx(x, (enum sr_xl_text)(SR_XT_QUADRANT_1 + (int)q - 1)),
                  x->f[SR_XL_CENTER]);
}

/* The dimension table; *first and *last get its data rows. */
static void summary_dims(struct sr_xlsx *x, struct sr_xl_sheet *s,
                         const struct sr_model *m, lxw_row_t *first,
                         lxw_row_t *last)
{
    static const enum sr_xl_text hdr[] = {
        SR_XT_DIMENSION, SR_XT_WEIGHT, SR_XT_INDEX, SR_XT_TARGET,
        SR_XT_MET_HEAD,  SR_XT_GAP,    SR_XT_ALPHA, SR_XT_N,
    };
    const struct sr_template *t = x->t;
    bool quad = any_row(m, NULL, "quadrant");
    bool rank = false;
    lxw_col_t c = ARRAY_SIZE(hdr);
    lxw_col_t c_quad = 0;
    lxw_col_t c_rank = 0;
    size_t i;

    for (i = 0; i < t->ndims; i++)
        rank = rank || sr_model_get(m, "all", NULL, t->dims[i].id,
                                    "action_rank", NULL, NULL);
    sr_xl_headers(x, s, 0, hdr, ARRAY_SIZE(hdr));
    if (quad) {
        c_quad = c++;
        sr_xl_str(x, s, c_quad, sr_xl_tx(x, SR_XT_QUADRANT),
                  x->f[SR_XL_HEADER]);
    }
    if (rank) {
        c_rank = c++;
        sr_xl_str(x, s, c_rank, sr_xl_tx(x, SR_XT_ACTION_RANK),
                  x->f[SR_XL_HEADER]);
    }
    s->row++;
    *first = s->row;
    for (i = 0; i < t->ndims; i++) {
        const struct sr_dimension *dm = &t->dims[i];
        double idx = 0;
        double target = 0;
        long n = -1;
        bool has_idx;
        bool has_target;

        sr_xl_str(x, s, 0, dim_name(dm), NULL);
        sr_xl_num(x, s, 1, dm->weight, SR_XL_WEIGHT, 0);
        has_idx = sr_model_get(m, "all", NULL, dm->id, "index", &idx, &n);
        if (has_idx)
            sr_xl_num(x, s, 2, idx, SR_XL_INDEX, 0);
        has_target = target_of(m, dm, &target);
        if (has_target) {
            sr_xl_num(x, s, 3, target, SR_XL_INDEX, 0);
            sr_xl_below(x, s, s->row, s->row, 2, target);
        }
        if (has_idx && has_target) {
            if (idx >= target)
                sr_xl_str(x, s, 4, sr_xl_tx(x, SR_XT_MET), x->f[SR_XL_MET]);
            else
                sr_xl_str(x, s, 4, sr_xl_tx(x, SR_XT_UNMET), x->f[SR_XL_UNMET]);
        }
        sr_xl_fig(x, s, 5, m, "all", NULL, dm->id, "gap", SR_XL_DELTA, 0);
        sr_xl_fig(x, s, 6, m, "all", NULL, dm->id, "alpha", SR_XL_P, 0);
        if (has_idx && n >= 0)
            sr_xl_num(x, s, 7, (double)n, SR_XL_INT, 0);
        if (quad)
            quadrant_label(x, s, c_quad, m, dm->id);
        if (rank)
            sr_xl_fig(x, s, c_rank, m, "all", NULL, dm->id, "action_rank",
                      SR_XL_INT, 0);
        s->row++;
    }
    *last = s->row - 1;
    s->row++;
}

/* A column chart of the dimension indices, the target drawn over each bar
 * as an outline (libxlsxwriter 1.1.4 cannot combine a line chart with a
 * column chart: docs/workbook.md). */
static void summary_chart(struct sr_xlsx *x, struct sr_xl_sheet *s,
                          const struct sr_model *m, lxw_row_t first,
                          lxw_row_t last)
{
    const struct sr_template *t = x->t;
    lxw_chart_font label_font = { 0 };
    lxw_chart_fill none = { 0 };
    lxw_chart_line outline = { 0 };
    lxw_chart_series *se;
    lxw_chart *c;
    bool targets = false;
    size_t i;

    if (!t->ndims || last < first)
        return;
    for (i = 0; i < t->ndims; i++) {
        double v;

        targets = targets || target_of(m, &t->dims[i], &v);
    }
    c = new_chart(x, LXW_CHART_COLUMN);
    if (!c)
        return;
    se = new_series(x, c);
    if (!se)
        return;
    chart_series_set_categories(se, s->name, first, 0, last, 0);
    chart_series_set_values(se, s->name, first, 2, last, 2);
    chart_series_set_name(se, sr_xl_tx(x, SR_XT_INDEX));
    chart_series_set_labels(se);
    chart_series_set_labels_position(se, LXW_CHART_LABEL_POSITION_INSIDE_END);
    chart_series_set_labels_num_format(se, "0.0");
    label_font.color = 0xFFFFFF;
    label_font.bold = LXW_TRUE;
    chart_series_set_labels_font(se, &label_font);
    if (targets) {
        se = new_series(x, c);
        if (!se)
            return;
        chart_series_set_categories(se, s->name, first, 0, last, 0);
        chart_series_set_values(se, s->name, first, 3, last, 3);
        chart_series_set_name(se, sr_xl_tx(x, SR_XT_TARGET));
        none.none = LXW_TRUE;
        chart_series_set_fill(se, &none);
        outline.color = 0xC00000;
        outline.width = 2.25;
        outline.dash_type = LXW_CHART_LINE_DASH_DASH;
        chart_series_set_line(se, &outline);
        chart_set_series_overlap(c, 100);
    }
    chart_set_series_gap(c, 80);
    chart_dress(c, sr_xl_tx(x, SR_XT_CHART_DIMS_TITLE),
                sr_xl_tx(x, SR_XT_CHART_DIMS_X),
                sr_xl_tx(x, SR_XT_CHART_DIMS_Y), true);
    {
        /* the chart starts a printed page, so that no page cuts it */
        lxw_row_t breaks[2] = { s->row, 0 };
        lxw_error e = worksheet_set_h_pagebreaks(s->ws, breaks);

        sr_xl_fail_sheet(x, e, s, "page break");
    }
    chart_insert(x, s, s->row, 0, c, sr_xl_tx(x, SR_XT_CHART_DIMS_TITLE));
    s->row += CHART_ROWS;
}

/* A count and its share, with the share's base (its n): the shares of
 * this table have different denominators. */
static void count_share(struct sr_xlsx *x, struct sr_xl_sheet *s,
                        const struct sr_model *m, const char *subject,
                        lxw_col_t col)
{
    long n;

    sr_xl_fig(x, s, col, m, "all", NULL, subject, "count", SR_XL_INT, 0);
    sr_xl_fig(x, s, col + 1, m, "all", NULL, subject, "share", SR_XL_SHARE, 0);
    if (sr_model_get(m, "all", NULL, subject, "share", NULL, &n) && n >= 0)
        sr_xl_num(x, s, col + 2, (double)n, SR_XL_INT, 0);
}

static void summary_categories(struct sr_xlsx *x, struct sr_xl_sheet *s,
                               const struct sr_model *m)
{
    static const enum sr_xl_text hdr[] = {
        SR_XT_CATEGORY, SR_XT_CATEGORY_KIND, SR_XT_COMPLAINT_CLASS,
        SR_XT_FORMS,    SR_XT_SHARE,         SR_XT_BASE
    };
    size_t i;

    if (!m->ncategories)
        return;
    sr_xl_headers(x, s, 0, hdr, ARRAY_SIZE(hdr));
    s->row++;
    if (sr_model_get(m, "all", NULL, "comments", "count", NULL, NULL)) {
        sr_xl_str(x, s, 0, sr_xl_tx(x, SR_XT_WITH_COMMENT), x->f[SR_XL_KEY]);
        count_share(x, s, m, "comments", 3);
        s->row++;
    }
    for (i = 0; i < m->ncategories; i++) {
        const struct sr_model_category *c = &m->categories[i];

        sr_xl_str(x, s, 0, c->name, NULL);
        sr_xl_str(x, s, 1, c->kind, NULL);
        sr_xl_num(x, s, 2, c->complaint ? 1 : 0, SR_XL_YESNO, 0);
        count_share(x, s, m, c->name, 3);
        s->row++;
    }
    sr_xl_str(x, s, 0, sr_xl_tx(x, SR_XT_COMPLAINTS_TOTAL), x->f[SR_XL_KEY]);
    count_share(x, s, m, "complaints", 3);
    s->row++;
    note(x, s, sr_xl_tx(x, SR_XT_CATEGORIES_NOTE));
    s->row++;
}

static void summary_sources(struct sr_xlsx *x, struct sr_xl_sheet *s,
                            const struct sr_model *m)
{
    static const enum sr_xl_text hdr[] = { SR_XT_SOURCE, SR_XT_READ,
                                           SR_XT_SRC_ACCEPTED, SR_XT_REFUSED,
                                           SR_XT_OUT_OF_PERIOD };
    size_t i;

    if (!m->nsources)
        return;
    sr_xl_headers(x, s, 0, hdr, ARRAY_SIZE(hdr));
    s->row++;
    for (i = 0; i < m->nsources; i++) {
        const struct sr_model_source *src = &m->sources[i];

        sr_xl_str(x, s, 0, src->file, NULL);
        sr_xl_num(x, s, 1, (double)src->read, SR_XL_INT, 0);
        sr_xl_num(x, s, 2, (double)src->accepted, SR_XL_INT, 0);
        sr_xl_num(x, s, 3, (double)src->refused, SR_XL_INT, 0);
        sr_xl_num(x, s, 4, (double)src->out_of_period, SR_XL_INT, 0);
        s->row++;
    }
    s->row++;
}

void sr_xl_write_summary(struct sr_xlsx *x, const struct sr_model *m)
{
    struct sr_xl_sheet *s = &x->summary;
    lxw_row_t first;
    lxw_row_t last;

    summary_facts(x, s);
    summary_forms(x, s, m);
    summary_archive(x, s, m);
    summary_indices(x, s, m);
    summary_dims(x, s, m, &first, &last);
    summary_chart(x, s, m, first, last);
    summary_categories(x, s, m);
    summary_sources(x, s, m);
    note(x, s, sr_xl_tx(x, SR_XT_SUMMARY_NOTE));
    note(x, s, sr_xl_tx(x, SR_XT_SUMMARY_NOTE2));
}

/* --- 客户统计 --------------------------------------------------------------
 */

/* optional columns of 客户统计, in order */
enum cust_col {
    CC_ARCHIVE,   /* customers count */
    CC_RESPONDED, /* customers responded */
    CC_RATE,      /* customers response_rate */
    CC_REP,       /* customers representative */
    CC_FORMS,     /* always */
    CC_SHARE,     /* forms share */
    CC_CSI,       /* always */
    CC_MOE,       /* CSI moe95 */
    CC_DIMS,      /* always: one per dimension */
    CC_NPS,       /* always */
    CC_COMPLAINTS,
    CC_COMPLAINT_RATE,
    CC_FOLLOW, /* customers follow_up */
    CC_REMARK, /* always */
    CC_COUNT
};

struct cust_layout {
    bool on[CC_COUNT];
    lxw_col_t col[CC_COUNT]; /* CC_DIMS: the first dimension's */
    lxw_col_t ncols;
};

static void cust_layout(const struct sr_xlsx *x, const struct sr_model *m,
                        struct cust_layout *L)
{
    lxw_col_t c = 2;
    int k;

    memset(L, 0, sizeof(*L));
    L->on[CC_ARCHIVE] = any_row(m, "customers", "count");
    L->on[CC_RESPONDED] = any_row(m, "customers", "responded");
    L->on[CC_RATE] = any_row(m, "customers", "response_rate");
    L->on[CC_REP] = any_row(m, "customers", "representative");
    L->on[CC_FORMS] = true;
    L->on[CC_SHARE] = any_segment_row(m, "forms", "share");
    L->on[CC_CSI] = true;
    L->on[CC_MOE] = any_row(m, "CSI", "moe95");
    L->on[CC_DIMS] = true;
    L->on[CC_NPS] = true;
    L->on[CC_COMPLAINTS] = any_row(m, "complaints", "count");
    L->on[CC_COMPLAINT_RATE] = any_row(m, "complaints", "share");
    L->on[CC_FOLLOW] = any_segment_row(m, "customers", "follow_up");
    L->on[CC_REMARK] = true;
    for (k = 0; k < CC_COUNT; k++) {
        if (!L->on[k])
            continue;
        L->col[k] = c;
        c += k == CC_DIMS ? (lxw_col_t)x->t->ndims : 1;
    }
    L->ncols = c;
}

static void cust_header(struct sr_xlsx *x, struct sr_xl_sheet *s,
                        const struct cust_layout *L)
{
    static const enum sr_xl_text names[CC_COUNT] = {
        [CC_ARCHIVE] = SR_XT_CUST_ARCHIVE,
        [CC_RESPONDED] = SR_XT_CUST_RESPONDED,
        [CC_RATE] = SR_XT_CUST_RATE,
        [CC_REP] = SR_XT_CUST_REP,
        [CC_FORMS] = SR_XT_FORMS,
        [CC_SHARE] = SR_XT_FORMS_SHARE,
        [CC_CSI] = SR_XT_CSI,
        [CC_MOE] = SR_XT_CUST_MOE,
        [CC_NPS] = SR_XT_NPS,
        [CC_COMPLAINTS] = SR_XT_COMPLAINTS,
        [CC_COMPLAINT_RATE] = SR_XT_COMPLAINT_RATE,
        [CC_FOLLOW] = SR_XT_CUST_FOLLOW,
        [CC_REMARK] = SR_XT_REMARK,
    };
    static const enum sr_xl_text first[] = { SR_XT_GROUP, SR_XT_GROUP_VALUE };
    lxw_format *h = x->f[SR_XL_HEADER];
    size_t i;
    int k;

    sr_xl_headers(x, s, 0, first, 2);
    for (k = 0; k < CC_COUNT; k++) {
        if (!L->on[k])
            continue;
        if (k == CC_DIMS) {
            for (i = 0; i < x->t->ndims; i++)
                sr_xl_str(x, s, (lxw_col_t)(L->col[k] + i),
                          dim_name(&x->t->dims[i]), h);
        } else {
            sr_xl_str(x, s, L->col[k], sr_xl_tx(x, names[k]), h);
        }
    }
}

/* One row of 客户统计.  @forms < 0: a value of the customer archive that
 * the model does not break down (fewer forms than min_report): its
 * customers figures only. */
static void cust_row(struct sr_xlsx *x, struct sr_xl_sheet *s,
                     const struct sr_model *m, const struct cust_layout *L,
                     const char *group, const char *gv, long forms)
{
    bool broken = forms >= 0;
    bool small = broken && sr_xl_small(m, group, gv, forms);
    unsigned st = small ? SR_XL_FAINT : 0;
    double rep;
    bool not_rep =
        sr_model_get(m, group, gv, "customers", "representative", &rep, NULL) &&
        rep == 0;
    size_t i;

    if (L->on[CC_ARCHIVE])
        sr_xl_fig(x, s, L->col[CC_ARCHIVE], m, group, gv, "customers", "count",
                  SR_XL_INT, st);
    if (L->on[CC_RESPONDED])
        sr_xl_fig(x, s, L->col[CC_RESPONDED], m, group, gv, "customers",
                  "responded", SR_XL_INT, st);
    if (L->on[CC_RATE])
        sr_xl_fig(x, s, L->col[CC_RATE], m, group, gv, "customers",
                  "response_rate", SR_XL_SHARE, st);
    if (L->on[CC_REP])
        sr_xl_fig(x, s, L->col[CC_REP], m, group, gv, "customers",
                  "representative", SR_XL_YESNO, st);
    if (broken)
        sr_xl_num(x, s, L->col[CC_FORMS], (double)forms, SR_XL_INT, st);
    if (L->on[CC_SHARE])
        sr_xl_fig(x, s, L->col[CC_SHARE], m, group, gv, "forms", "share",
                  SR_XL_SHARE, st);
    sr_xl_fig(x, s, L->col[CC_CSI], m, group, gv, "CSI", "index", SR_XL_INDEX,
              st);
    if (L->on[CC_MOE])
        sr_xl_fig(x, s, L->col[CC_MOE], m, group, gv, "CSI", "moe95",
                  SR_XL_INDEX, st);
    for (i = 0; i < x->t->ndims; i++)
        sr_xl_fig(x, s, (lxw_col_t)(L->col[CC_DIMS] + i), m, group, gv,
                  x->t->dims[i].id, "index", SR_XL_INDEX, st);
    sr_xl_fig(x, s, L->col[CC_NPS], m, group, gv, "NPS", "index", SR_XL_INDEX,
              st);
    if (L->on[CC_COMPLAINTS])
        sr_xl_fig(x, s, L->col[CC_COMPLAINTS], m, group, gv, "complaints",
                  "count", SR_XL_INT, st);
    if (L->on[CC_COMPLAINT_RATE])
        sr_xl_fig(x, s, L->col[CC_COMPLAINT_RATE], m, group, gv, "complaints",
                  "share", SR_XL_SHARE, st);
    if (L->on[CC_FOLLOW])
        sr_xl_fig(x, s, L->col[CC_FOLLOW], m, group, gv, "customers",
                  "follow_up", SR_XL_INT, st);
    sr_buf_reset(&x->aux2);
    if (!broken) {
        char num[32];

        snprintf(num, sizeof(num), "%ld",
                 x->ri && x->ri->cfg ? x->ri->cfg->min_report : 5);
        sr_xl_fill(&x->aux, sr_xl_tx(x, SR_XT_CUST_NOT_BROKEN), num);
        sr_buf_addstr(&x->aux2, x->aux.buf);
    }
    if (small)
        sr_buf_addstr(&x->aux2, sr_xl_tx(x, SR_XT_SMALL));
    if (not_rep) {
        if (x->aux2.len)
            sr_buf_addstr(&x->aux2, sr_xl_tx(x, SR_XT_LIST_SEP));
        sr_buf_addstr(&x->aux2, sr_xl_tx(x, SR_XT_CUST_NOT_REP));
    }
    if (x->aux2.len)
        sr_xl_str(x, s, L->col[CC_REMARK], x->aux2.buf,
                  small || not_rep ? x->f[SR_XL_SMALL] : NULL);
    s->row++;
}

/* Highlight, per dimension column, the indices below its target. */
static void below_targets(struct sr_xlsx *x, struct sr_xl_sheet *s,
                          const struct sr_model *m, lxw_row_t first,
                          lxw_row_t last, lxw_col_t col, lxw_col_t step)
{
    size_t i;

    for (i = 0; i < x->t->ndims; i++) {
        double target;

        if (target_of(m, &x->t->dims[i], &target))
            sr_xl_below(x, s, first, last, (lxw_col_t)(col + i * step), target);
    }
}

static const struct sr_customer_group *
cust_group(const struct sr_customer_group *cg, size_t ncg, const char *id)
{
    size_t i;

    for (i = 0; i < ncg; i++)
        if (!strcmp(cg[i].id, id))
            return &cg[i];
    return NULL;
}

/* The values of model group @grp and of the archive's group @cg (NULL:
 * none), merged in byte order (both are): each with its forms, or -1 when
 * the model does not break it down. */
static void cust_values(struct sr_xlsx *x, struct sr_xl_sheet *s,
                        const struct sr_model *m, const struct cust_layout *L,
                        const char *label, const char *group,
                        const struct sr_model_group *grp,
                        const struct sr_customer_group *cg)
{
    size_t i = 0;
    size_t j = 0;
    size_t ni = grp ? grp->nvalues : 0;
    size_t nj = cg ? cg->nvalues : 0;

    while (i < ni || j < nj) {
        int c = i == ni   ? 1
                : j == nj ? -1
                          : strcmp(grp->values[i], cg->values[j]);
        const char *v = c <= 0 ? grp->values[i] : cg->values[j];
        long forms = c <= 0 ? grp->forms[i] : -1;

        sr_xl_str(x, s, 0, label, NULL);
        sr_xl_str(x, s, 1, v, NULL);
        cust_row(x, s, m, L, group, v, forms);
        if (c <= 0)
            i++;
        if (c >= 0)
            j++;
    }
}

/* The notes on the archive under the table: definitions, unknown
 * customers, disagreements per field. */
static void cust_archive_notes(struct sr_xlsx *x, struct sr_xl_sheet *s,
                               const struct sr_model *m)
{
    const struct sr_template *t = x->t;
    struct sr_buf list = SR_BUF_INIT;
    char num[32];
    double v;
    long n;
    size_t i;

    if (!sr_model_get(m, "all", NULL, "customers", "count", NULL, NULL))
        return;
    note(x, s, sr_xl_tx(x, SR_XT_CUST_NOTE_ARCHIVE));
    notef(x, s, SR_XT_CUST_NOTE_REP, m->min_base);
    if (any_row(m, "CSI", "moe95"))
        note(x, s, sr_xl_tx(x, SR_XT_CUST_NOTE_MOE));
    if (sr_model_get(m, "all", NULL, "customers", "unknown", &v, &n) && n > 0)
        notef(x, s, SR_XT_CUST_NOTE_UNKNOWN, n);
    for (i = 0; i < t->nfields; i++) {
        if (!sr_model_get(m, "all", NULL, t->fields[i].id, "disagreements", &v,
                          NULL) ||
            v <= 0)
            continue;
        snprintf(num, sizeof(num), "%.0f", v);
        sr_xl_fill(&x->aux, sr_xl_tx(x, SR_XT_FORMS_UNIT), num);
        if (list.len)
            sr_buf_addstr(&list, sr_xl_tx(x, SR_XT_LIST_SEP));
        sr_buf_addf(&list, "%s %s",
                    t->fields[i].label ? t->fields[i].label : t->fields[i].id,
                    x->aux.buf);
    }
    if (list.len) {
        sr_xl_fill(&x->aux2, sr_xl_tx(x, SR_XT_CUST_NOTE_DISAGREE), list.buf);
        note(x, s, x->aux2.buf);
    }
    sr_buf_release(&list);
}

void sr_xl_write_customers(struct sr_xlsx *x, const struct sr_model *m)
{
    struct sr_xl_sheet *s = &x->customers;
    struct sr_customer_group *cg;
    const struct sr_customer_group *mg;
    struct cust_layout L;
    size_t ncg = 0;
    size_t g;
    bool groups = false;

    cg = sr_customer_groups(m, &ncg);
    cust_layout(x, m, &L);
    cust_header(x, s, &L);
    sr_xl_freeze(x, s, 0, 2);
    s->row++;
    sr_xl_str(x, s, 0, sr_xl_tx(x, SR_XT_ALL), NULL);
    cust_row(x, s, m, &L, "all", NULL, accepted(m));
    for (g = 0; g < m->ngroups; g++) {
        const struct sr_model_group *grp = &m->groups[g];

        if (grp->kind == SR_GROUP_CATEGORY)
            continue;
        cust_values(x, s, m, &L, group_label(x, grp), grp->field_id, grp,
                    cust_group(cg, ncg, grp->field_id));
        groups = groups || grp->nvalues;
    }
    /* the archive's groups the model has none of: the account managers,
     * a segment with no value of min_report forms */
    for (g = 0; g < ncg; g++) {
        const char *label = sr_xl_tx(x, SR_XT_CUST_MANAGER);
        size_t k;

        for (k = 0; k < m->ngroups; k++)
            if (!strcmp(m->groups[k].field_id, cg[g].id))
                break;
        if (k < m->ngroups)
            continue;
        for (k = 0; k < x->t->nfields; k++)
            if (!strcmp(x->t->fields[k].id, cg[g].id))
                label = x->t->fields[k].label;
        mg = &cg[g];
        cust_values(x, s, m, &L, label, mg->id, NULL, mg);
        groups = true;
    }
    sr_xl_autofilter(x, s, s->ws, 0, s->row - 1, L.ncols);
    below_targets(x, s, m, 1, s->row - 1, L.col[CC_DIMS], 1);
    s->row++;
    notef(x, s, SR_XT_CUST_NOTE_SMALL, m->min_base);
    note(x, s, sr_xl_tx(x, SR_XT_CUST_NOTE_BELOW));
    if (L.on[CC_SHARE])
        note(x, s, sr_xl_tx(x, SR_XT_CUST_NOTE_SHARE));
    cust_archive_notes(x, s, m);
    if (!groups)
        note(x, s, sr_xl_tx(x, SR_XT_NO_GROUPS));
    sr_customer_groups_free(cg, ncg);
}

/* --- 回访清单 ---------------------------------------------------------------
 */

/* "总体满意度低（不满意）；投诉" for row @r of the list, in x->aux2 */
static const char *followup_reason(struct sr_xlsx *x,
                                   const struct sr_followup *fl, size_t r)
{
    const char *label = sr_followup_get(fl, r, SR_FU_LABEL);

    sr_buf_reset(&x->aux2);
    if (!strcmp(sr_followup_get(fl, r, SR_FU_LOW), "1")) {
        sr_buf_addstr(&x->aux2, sr_xl_tx(x, SR_XT_FU_LOW));
        if (*label)
            sr_buf_addf(&x->aux2, "（%s）", label);
    }
    if (!strcmp(sr_followup_get(fl, r, SR_FU_COMPLAINT), "1")) {
        if (x->aux2.len)
            sr_buf_addstr(&x->aux2, sr_xl_tx(x, SR_XT_LIST_SEP));
        sr_buf_addstr(&x->aux2, sr_xl_tx(x, SR_XT_COMPLAINT));
    }
    return x->aux2.buf;
}

void sr_xl_write_followup(struct sr_xlsx *x)
{
    static const enum sr_xl_text hdr[] = {
        SR_XT_CUST_MANAGER, SR_XT_FU_CUSTOMER, SR_XT_FU_NAME,
        SR_XT_REF_FORM,     SR_XT_FU_DATE,     SR_XT_FU_SCORE,
        SR_XT_FU_LABEL,     SR_XT_FU_REASON,   SR_XT_FU_CATEGORIES,
        SR_XT_FU_IN_ARCHIVE
    };
    struct sr_xl_sheet *s = &x->followup;
    const struct sr_followup *fl = x->ri ? x->ri->followup : NULL;
    size_t n = sr_followup_count(fl);
    size_t r;
    char num[32];

    if (!s->ws)
        return;
    sr_xl_headers(x, s, 0, hdr, ARRAY_SIZE(hdr));
    sr_xl_freeze(x, s, 0, 2);
    s->row++;
    for (r = 0; r < n && !x->failed; r++) {
        const char *date = sr_followup_get(fl, r, SR_FU_DATE);
        const char *score = sr_followup_get(fl, r, SR_FU_OVERALL);
        int ymd;

        if (s->row + 1 >= x->row_limit) {
            /* keep a row for the note */
            snprintf(num, sizeof(num), "%zu", n - r);
            sr_xl_fill(&x->aux, sr_xl_tx(x, SR_XT_FU_MORE), num);
            sr_xl_wide(x, s, 0, x->aux.buf, x->f[SR_XL_NOTE]);
            s->row++;
            break;
        }
        sr_xl_str(x, s, 0, sr_followup_get(fl, r, SR_FU_MANAGER), NULL);
        sr_xl_str(x, s, 1, sr_followup_get(fl, r, SR_FU_CUSTOMER), NULL);
        sr_xl_str(x, s, 2, sr_followup_get(fl, r, SR_FU_NAME), NULL);
        sr_xl_str(x, s, 3, sr_followup_get(fl, r, SR_FU_FORM), NULL);
        if (strlen(date) == 10 && sr_date_parse(date, &ymd))
            sr_xl_date(x, s, 4, ymd);
        if (*score)
            sr_xl_num(x, s, 5, strtod(score, NULL), SR_XL_INT, 0);
        sr_xl_str(x, s, 6, sr_followup_get(fl, r, SR_FU_LABEL), NULL);
        sr_xl_str(x, s, 7, followup_reason(x, fl, r), NULL);
        sr_xl_str(x, s, 8, sr_followup_get(fl, r, SR_FU_CATEGORIES), NULL);
        sr_xl_num(x, s, 9,
                  !strcmp(sr_followup_get(fl, r, SR_FU_IN_ARCHIVE), "1"),
                  SR_XL_YESNO, 0);
        s->row++;
    }
    if (n)
        sr_xl_autofilter(x, s, s->ws, 0, s->row - 1, ARRAY_SIZE(hdr));
    if (s->row + 2 < x->row_limit) {
        s->row++;
        note(x, s, sr_xl_tx(x, n ? SR_XT_FU_NOTE : SR_XT_FU_NONE));
    }
}

/* --- 题目统计 ------------------------------------------------------------ */

static void items_choices(struct sr_xlsx *x, struct sr_xl_sheet *s,
                          const struct sr_model *m)
{
    static const enum sr_xl_text hdr[] = {
        SR_XT_CHOICE,       SR_XT_CHOICE_TEXT,  SR_XT_CHOICE_OPTION,
        SR_XT_CHOICE_COUNT, SR_XT_CHOICE_SHARE, SR_XT_CHOICE_N
    };
    const struct sr_template *t = x->t;
    size_t i;
    size_t k;

    if (!t->nchoices)
        return;
    s->row++;
    sr_xl_headers(x, s, 0, hdr, ARRAY_SIZE(hdr));
    s->row++;
    for (i = 0; i < t->nchoices; i++) {
        const struct sr_choice *ch = &t->choices[i];

        for (k = 0; k < ch->noptions; k++) {
            const struct sr_option *o = &ch->options[k];
            long n;

            sr_xl_str(x, s, 0, ch->id, NULL);
            sr_xl_str(x, s, 1, ch->text, NULL);
            sr_xl_str(x, s, 2, o->label && *o->label ? o->label : o->value,
                      NULL);
            sr_buf_reset(&x->aux2);
            sr_buf_addf(&x->aux2, "%s=%s", ch->id, o->value);
            sr_xl_fig(x, s, 3, m, "all", NULL, x->aux2.buf, "count", SR_XL_INT,
                      0);
            if (sr_xl_fig(x, s, 4, m, "all", NULL, x->aux2.buf, "share",
                          SR_XL_SHARE, 0) &&
                sr_model_get(m, "all", NULL, x->aux2.buf, "share", NULL, &n) &&
                n >= 0)
                sr_xl_num(x, s, 5, (double)n, SR_XL_INT, 0);
            s->row++;
        }
    }
    s->row++;
    note(x, s, sr_xl_tx(x, SR_XT_CHOICE_NOTE));
}

void sr_xl_write_items(struct sr_xlsx *x, const struct sr_model *m)
{
    static const enum sr_xl_text hdr[] = {
        SR_XT_ITEM_ID,     SR_XT_ITEM_TEXT,   SR_XT_ITEM_DIM,
        SR_XT_ITEM_SCALE,  SR_XT_ITEM_N,      SR_XT_ITEM_MEAN,
        SR_XT_ITEM_SD,     SR_XT_ITEM_CI_LOW, SR_XT_ITEM_CI_HIGH,
        SR_XT_ITEM_MEDIAN, SR_XT_ITEM_TOP2,   SR_XT_ITEM_BOTTOM2,
        SR_XT_INDEX,
    };
    static const struct {
        const char *metric;
        enum sr_xl_nf nf;
    } col[] = {
        { "mean", SR_XL_MEAN },     { "sd", SR_XL_MEAN },
        { "ci95_low", SR_XL_MEAN }, { "ci95_high", SR_XL_MEAN },
        { "median", SR_XL_MEAN },   { "top2", SR_XL_SHARE },
        { "bottom2", SR_XL_SHARE }, { "index", SR_XL_INDEX },
    };
    const struct sr_template *t = x->t;
    struct sr_xl_sheet *s = &x->items;
    bool r_col = false;
    bool rank_col = false;
    lxw_col_t ncol0 = ARRAY_SIZE(hdr);
    lxw_col_t c_r = 0;
    lxw_col_t c_rank = 0;
    int vmin = 0;
    int vmax = -1;
    lxw_col_t ncols;
    char name[64];
    size_t i;
    size_t k;
    int v;

    for (i = 0; i < t->nitems; i++) {
        const struct sr_scale *sc = &t->scales[t->items[i].scale];

        if (vmax < vmin || sc->min < vmin)
            vmin = sc->min;
        if (sc->max > vmax)
            vmax = sc->max;
        r_col = r_col || sr_model_get(m, "all", NULL, t->items[i].id,
                                      "r_overall", NULL, NULL);
        rank_col = rank_col || sr_model_get(m, "all", NULL, t->items[i].id,
                                            "action_rank", NULL, NULL);
    }
    if (vmax - vmin > 100)
        vmax = vmin - 1; /* no columns per point for such a scale */
    sr_xl_headers(x, s, 0, hdr, ARRAY_SIZE(hdr));
    if (r_col) {
        c_r = ncol0++;
        sr_xl_str(x, s, c_r, sr_xl_tx(x, SR_XT_ITEM_R), x->f[SR_XL_HEADER]);
    }
    if (rank_col) {
        c_rank = ncol0++;
        sr_xl_str(x, s, c_rank, sr_xl_tx(x, SR_XT_ACTION_RANK),
                  x->f[SR_XL_HEADER]);
    }
    for (v = vmin; v <= vmax; v++) {
        lxw_col_t c = (lxw_col_t)(ncol0 + 2 * (size_t)(v - vmin));

        snprintf(name, sizeof(name), "%d", v);
        sr_xl_fill(&x->aux2, sr_xl_tx(x, SR_XT_POINT_COUNT), name);
        sr_xl_str(x, s, c, x->aux2.buf, x->f[SR_XL_HEADER]);
        sr_xl_fill(&x->aux2, sr_xl_tx(x, SR_XT_POINT_SHARE), name);
        sr_xl_str(x, s, c + 1, x->aux2.buf, x->f[SR_XL_HEADER]);
    }
    ncols =
        (lxw_col_t)(ncol0 + (vmax >= vmin ? 2 * (size_t)(vmax - vmin + 1) : 0));
    sr_xl_freeze(x, s, 0, 2);
    s->row++;

    for (i = 0; i < t->nitems; i++) {
        const struct sr_item *it = &t->items[i];
        const struct sr_scale *sc = &t->scales[it->scale];
        long n = -1;

        sr_xl_str(x, s, 0, it->id, NULL);
        sr_xl_str(x, s, 1, it->text, NULL);
        if (it->dim >= 0)
            sr_xl_str(x, s, 2, dim_name(&t->dims[it->dim]), NULL);
        snprintf(name, sizeof(name), "%s（%d–%d）", sc->id, sc->min, sc->max);
        sr_xl_str(x, s, 3, name, NULL);
        if (sr_model_get(m, "all", NULL, it->id, "mean", NULL, &n) ||
            sr_model_get(m, "all", NULL, it->id, "index", NULL, &n))
            if (n >= 0)
                sr_xl_num(x, s, 4, (double)n, SR_XL_INT, 0);
        for (k = 0; k < ARRAY_SIZE(col); k++)
            sr_xl_fig(x, s, (lxw_col_t)(5 + k), m, "all", NULL, it->id,
                      col[k].metric, col[k].nf, 0);
        if (r_col)
            sr_xl_fig(x, s, c_r, m, "all", NULL, it->id, "r_overall", SR_XL_P,
                      0);
        if (rank_col)
            sr_xl_fig(x, s, c_rank, m, "all", NULL, it->id, "action_rank",
                      SR_XL_INT, 0);
        for (v = sc->min; v <= sc->max && vmax >= vmin; v++) {
            lxw_col_t c = (lxw_col_t)(ncol0 + 2 * (size_t)(v - vmin));

            snprintf(name, sizeof(name), "%s=%d", it->id, v);
            sr_xl_fig(x, s, c, m, "all", NULL, name, "count", SR_XL_INT, 0);
            sr_xl_fig(x, s, c + 1, m, "all", NULL, name, "share", SR_XL_SHARE,
                      0);
        }
        s->row++;
    }
    sr_xl_autofilter(x, s, s->ws, 0, s->row - 1, ncols);
    items_choices(x, s, m);
}

/* --- 分组对比 ------------------------------------------------------------ */

struct cmp_layout {
    lxw_col_t dims; /* first dimension: index, p value */
    lxw_col_t csi;
    lxw_col_t nps;
    lxw_col_t items; /* first item column */
    bool *item_on;   /* per item: has segment figures */
    bool top2;       /* per item also its top-2 share (p_top2 known) */
    lxw_col_t ncols;
};

static void cmp_row(struct sr_xlsx *x, struct sr_xl_sheet *s,
                    const struct sr_model *m, const struct cmp_layout *L,
                    const char *group, const char *gv, long forms)
{
    const struct sr_template *t = x->t;
    bool small = sr_xl_small(m, group, gv, forms);
    unsigned faint = small ? SR_XL_FAINT : 0;
    lxw_col_t c = L->items;
    size_t i;

    sr_xl_num(x, s, 2, (double)forms, SR_XL_INT, faint);
    if (small)
        sr_xl_str(x, s, 3, sr_xl_tx(x, SR_XT_SMALL), x->f[SR_XL_SMALL]);
    for (i = 0; i < t->ndims; i++) {
        const char *id = t->dims[i].id;
        lxw_col_t dc = (lxw_col_t)(L->dims + 2 * i);

        sr_xl_fig(x, s, dc, m, group, gv, id, "index", SR_XL_INDEX,
                  faint | mark_of(m, group, gv, id, small));
        sr_xl_fig(x, s, dc + 1, m, group, gv, id, "p_value", SR_XL_P, faint);
    }
    sr_xl_fig(x, s, L->csi, m, group, gv, "CSI", "index", SR_XL_INDEX,
              faint | mark_of(m, group, gv, "CSI", small));
    sr_xl_fig(x, s, L->nps, m, group, gv, "NPS", "index", SR_XL_INDEX,
              faint | mark_of(m, group, gv, "NPS", small));
    for (i = 0; i < t->nitems; i++) {
        const char *id = t->items[i].id;
        double p;

        if (!L->item_on[i])
            continue;
        sr_xl_fig(x, s, c++, m, group, gv, id, "index", SR_XL_INDEX,
                  faint | mark_of(m, group, gv, id, small));
        if (L->top2) {
            unsigned mk =
                !small && strcmp(group, "all") &&
                        sr_model_get(m, group, gv, id, "p_top2", &p, NULL) &&
                        p < SR_XL_P_MARK
                    ? SR_XL_MARKED
                    : 0;

            sr_xl_fig(x, s, c++, m, group, gv, id, "top2", SR_XL_SHARE,
                      faint | mk);
        }
    }
    s->row++;
}

void sr_xl_write_compare(struct sr_xlsx *x, const struct sr_model *m)
{
    static const enum sr_xl_text first[] = { SR_XT_GROUP, SR_XT_GROUP_VALUE,
                                             SR_XT_FORMS, SR_XT_REMARK };
    const struct sr_template *t = x->t;
    struct sr_xl_sheet *s = &x->compare;
    lxw_format *h = x->f[SR_XL_HEADER];
    struct cmp_layout L;
    lxw_col_t c;
    size_t g;
    size_t i;

    memset(&L, 0, sizeof(L));
    L.item_on = xcalloc(t->nitems ? t->nitems : 1, sizeof(*L.item_on));
    L.top2 = any_row(m, NULL, "p_top2");
    L.dims = 4;
    L.csi = (lxw_col_t)(L.dims + 2 * t->ndims);
    L.nps = L.csi + 1;
    L.items = L.nps + 1;
    c = L.items;
    for (i = 0; i < t->nitems; i++) {
        L.item_on[i] = any_segment_row(m, t->items[i].id, "index");
        if (L.item_on[i])
            c += L.top2 ? 2 : 1;
    }
    L.ncols = c;

    sr_xl_headers(x, s, 0, first, ARRAY_SIZE(first));
    for (i = 0; i < t->ndims; i++) {
        sr_xl_str(x, s, (lxw_col_t)(L.dims + 2 * i), dim_name(&t->dims[i]), h);
        sr_xl_str(x, s, (lxw_col_t)(L.dims + 2 * i + 1), sr_xl_tx(x, SR_XT_P),
                  h);
    }
    sr_xl_str(x, s, L.csi, sr_xl_tx(x, SR_XT_CSI), h);
    sr_xl_str(x, s, L.nps, sr_xl_tx(x, SR_XT_NPS), h);
    c = L.items;
    for (i = 0; i < t->nitems; i++) {
        if (!L.item_on[i])
            continue;
        sr_xl_fill(&x->aux2, sr_xl_tx(x, SR_XT_CMP_ITEM_INDEX), t->items[i].id);
        sr_xl_str(x, s, c++, x->aux2.buf, h);
        if (L.top2) {
            sr_xl_fill(&x->aux2, sr_xl_tx(x, SR_XT_CMP_ITEM_TOP2),
                       t->items[i].id);
            sr_xl_str(x, s, c++, x->aux2.buf, h);
        }
    }
    sr_xl_freeze(x, s, 0, 2);
    s->row++;

    sr_xl_str(x, s, 0, sr_xl_tx(x, SR_XT_ALL), NULL);
    cmp_row(x, s, m, &L, "all", NULL, accepted(m));
    for (g = 0; g < m->ngroups; g++) {
        const struct sr_model_group *grp = &m->groups[g];

        for (i = 0; i < grp->nvalues; i++) {
            sr_xl_str(x, s, 0, group_label(x, grp), NULL);
            sr_xl_str(x, s, 1, grp->values[i], NULL);
            cmp_row(x, s, m, &L, grp->field_id, grp->values[i], grp->forms[i]);
        }
    }
    sr_xl_autofilter(x, s, s->ws, 0, s->row - 1, L.ncols);
    below_targets(x, s, m, 1, s->row - 1, L.dims, 2);
    s->row++;
    note(x, s, sr_xl_tx(x, SR_XT_CMP_NOTE_MARK));
    notef(x, s, SR_XT_CMP_NOTE_SMALL, m->min_base);
    note(x, s, sr_xl_tx(x, SR_XT_CMP_NOTE_BELOW));
    if (!m->ngroups)
        note(x, s, sr_xl_tx(x, SR_XT_NO_GROUPS));
    free(L.item_on);
}

/* --- 同比 ------------------------------------------------------------------
 */

/* The subjects of 同比, in order: CSI, the dimensions, NPS, the items. */
static size_t yoy_nsubjects(const struct sr_template *t)
{
    return 2 + t->ndims + t->nitems;
}

static const char *yoy_subject(struct sr_xlsx *x, size_t k, const char **name)
{
    const struct sr_template *t = x->t;

    if (k == 0) {
        *name = sr_xl_tx(x, SR_XT_CSI);
        return "CSI";
    }
    if (k <= t->ndims) {
        *name = dim_name(&t->dims[k - 1]);
        return t->dims[k - 1].id;
    }
    if (k == t->ndims + 1) {
        *name = sr_xl_tx(x, SR_XT_NPS);
        return "NPS";
    }
    *name = t->items[k - t->ndims - 2].id;
    return *name;
}

/* One row per subject [@from, @to) of @group/@gv that has a previous
 * index; returns the rows written. */
static size_t yoy_rows(struct sr_xlsx *x, struct sr_xl_sheet *s,
                       const struct sr_model *m, const char *label,
                       const char *group, const char *gv, long forms,
                       size_t from, size_t to)
{
    bool small = sr_xl_small(m, group, gv, forms);
    unsigned faint = small ? SR_XL_FAINT : 0;
    size_t written = 0;
    size_t k;

    for (k = from; k < to; k++) {
        const char *name;
        const char *subj = yoy_subject(x, k, &name);
        double p;
        unsigned mk;

        if (!sr_model_get(m, group, gv, subj, "prev_index", NULL, NULL))
            continue;
        mk = !small && sr_model_get(m, group, gv, subj, "p_delta", &p, NULL) &&
                     p < SR_XL_P_MARK
                 ? SR_XL_MARKED
                 : 0;
        sr_xl_str(x, s, 0, label, NULL);
        sr_xl_str(x, s, 1, gv, NULL);
        sr_xl_str(x, s, 2, name, NULL);
        sr_xl_fig(x, s, 3, m, group, gv, subj, "prev_index", SR_XL_INDEX,
                  faint);
        sr_xl_fig(x, s, 4, m, group, gv, subj, "index", SR_XL_INDEX, faint);
        sr_xl_fig(x, s, 5, m, group, gv, subj, "delta", SR_XL_DELTA,
                  faint | mk);
        sr_xl_fig(x, s, 6, m, group, gv, subj, "p_delta", SR_XL_P, faint);
        if (small)
            sr_xl_str(x, s, 7, sr_xl_tx(x, SR_XT_SMALL), x->f[SR_XL_SMALL]);
        s->row++;
        written++;
    }
    return written;
}

static void yoy_chart(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_row_t first,
                      lxw_row_t last, lxw_col_t col)
{
    static const struct {
        lxw_col_t col;
        enum sr_xl_text name;
        lxw_color_t color;
    } series[] = {
        { 3, SR_XT_PREVIOUS, 0xA5A5A5 },
        { 4, SR_XT_CURRENT, 0x4472C4 },
    };
    lxw_chart *c = new_chart(x, LXW_CHART_COLUMN);
    size_t i;

    if (!c)
        return;
    for (i = 0; i < ARRAY_SIZE(series); i++) {
        lxw_chart_series *se = new_series(x, c);
        lxw_chart_fill fill = { 0 };

        if (!se)
            return;
        chart_series_set_categories(se, s->name, first, 2, last, 2);
        chart_series_set_values(se, s->name, first, series[i].col, last,
                                series[i].col);
        chart_series_set_name(se, sr_xl_tx(x, series[i].name));
        fill.color = series[i].color;
        chart_series_set_fill(se, &fill);
        chart_series_set_labels(se);
        chart_series_set_labels_num_format(se, "0.0");
    }
    chart_dress(c, sr_xl_tx(x, SR_XT_YOY_CHART_TITLE),
                sr_xl_tx(x, SR_XT_YOY_CHART_X), sr_xl_tx(x, SR_XT_YOY_CHART_Y),
                true);
    chart_insert(x, s, 1, col, c, sr_xl_tx(x, SR_XT_YOY_CHART_TITLE));
}

void sr_xl_write_yoy(struct sr_xlsx *x, const struct sr_model *m)
{
    static const enum sr_xl_text hdr[] = { SR_XT_GROUP,   SR_XT_GROUP_VALUE,
                                           SR_XT_METRIC,  SR_XT_PREVIOUS,
                                           SR_XT_CURRENT, SR_XT_DELTA,
                                           SR_XT_YOY_P,   SR_XT_REMARK };
    struct sr_xl_sheet *s = &x->yoy;
    const char *all = sr_xl_tx(x, SR_XT_ALL);
    size_t n = yoy_nsubjects(x->t);
    size_t chart_rows;
    size_t g;
    size_t i;
    lxw_row_t first;

    sr_xl_headers(x, s, 0, hdr, ARRAY_SIZE(hdr));
    sr_xl_freeze(x, s, 0, 3);
    s->row++;
    first = s->row;
    /* CSI and the dimensions of 全部 come first: they are the chart's */
    chart_rows =
        yoy_rows(x, s, m, all, "all", NULL, accepted(m), 0, 1 + x->t->ndims);
    yoy_rows(x, s, m, all, "all", NULL, accepted(m), 1 + x->t->ndims, n);
    for (g = 0; g < m->ngroups; g++) {
        const struct sr_model_group *grp = &m->groups[g];

        for (i = 0; i < grp->nvalues; i++)
            yoy_rows(x, s, m, group_label(x, grp), grp->field_id,
                     grp->values[i], grp->forms[i], 0, n);
    }
    if (s->row == first) {
        note(x, s, sr_xl_tx(x, SR_XT_YOY_NONE));
        return;
    }
    sr_xl_autofilter(x, s, s->ws, 0, s->row - 1, ARRAY_SIZE(hdr));
    if (chart_rows) {
        yoy_chart(x, s, first, (lxw_row_t)(first + chart_rows - 1),
                  ARRAY_SIZE(hdr) + 1);
        s->extra = CHART_WIDTH;
    }
    s->row++;
    note(x, s, sr_xl_tx(x, SR_XT_YOY_NOTE));
    note(x, s, sr_xl_tx(x, SR_XT_YOY_NOTE_SOURCE));
}

/* --- 说明 ------------------------------------------------------------------
 */

static void sha_hex(const unsigned char *h, char *out)
{
    static const char hex[] = "0123456789abcdef";
    bool zero = true;
    size_t i;

    for (i = 0; i < 32; i++) {
        out[2 * i] = hex[h[i] >> 4];
        out[2 * i + 1] = hex[h[i] & 15];
        zero = zero && !h[i];
    }
    out[zero ? 0 : 64] = '\0';
}

static void input_row(struct sr_xlsx *x, struct sr_xl_sheet *s,
                      enum sr_xl_text kind, const char *path, const char *sha)
{
    if (!path || !*path)
        return;
    if (!*sha && x->ri && x->ri->sha256_of && x->ri->sha256_of(path))
        sha = x->ri->sha256_of(path); /* the run's hash of what it read */
    sr_xl_str(x, s, 0, sr_xl_tx(x, kind), NULL);
    sr_xl_wide(x, s, 1, path, NULL);
    sr_xl_wide(x, s, 2, sha, NULL);
    s->row++;
}

#define NOTES_WIDTH 80 /* column B of 说明: definitions, wrapped */

static size_t wrapped_lines(const char *text)
{
    const size_t per_line = NOTES_WIDTH - 2;

    return (sr_text_width(text) + per_line - 1) / per_line;
}

static void section(struct sr_xlsx *x, struct sr_xl_sheet *s,
                    enum sr_xl_text id)
{
    sr_xl_wide(x, s, 0, sr_xl_tx(x, id), x->f[SR_XL_SECTION]);
    s->row++;
}

void sr_xl_write_notes(struct sr_xlsx *x, const struct sr_model *m)
{
    static const enum sr_xl_text def_hdr[] = { SR_XT_NOTES_TERM,
                                               SR_XT_NOTES_MEANING };
    static const enum sr_xl_text in_hdr[] = { SR_XT_NOTES_KIND,
                                              SR_XT_NOTES_PATH,
                                              SR_XT_NOTES_SHA };
    struct sr_xl_sheet *s = &x->notes;
    const struct sr_xl_def *defs;
    char sha[65];
    size_t ndefs;
    size_t i;
    lxw_error e;

    sr_xl_wide(x, s, 0, sr_xl_tx(x, SR_XT_NOTES_TITLE), x->f[SR_XL_TITLE]);
    s->row += 2;

    section(x, s, SR_XT_NOTES_DEFS);
    sr_xl_headers(x, s, 0, def_hdr, ARRAY_SIZE(def_hdr));
    s->row++;
    defs = sr_xl_definitions(x->text, &ndefs);
    for (i = 0; i < ndefs; i++) {
        sr_xl_lines(x, s, wrapped_lines(defs[i].meaning));
        sr_xl_str(x, s, 0, defs[i].term, x->f[SR_XL_KEY]);
        sr_xl_wide(x, s, 1, defs[i].meaning, x->f[SR_XL_WRAP]);
        s->row++;
    }
    s->row++;

    section(x, s, SR_XT_NOTES_INPUTS);
    sr_xl_headers(x, s, 0, in_hdr, ARRAY_SIZE(in_hdr));
    s->row++;
    sha_hex(x->t->sha256, sha);
    input_row(x, s, SR_XT_IN_TEMPLATE, x->t->path, sha);
    for (i = 0; i < m->nsources; i++)
        input_row(x, s, SR_XT_IN_FILE, m->sources[i].file, "");
    input_row(x, s, SR_XT_IN_ARCHIVE, SR_XL_CFG(x, customers), "");
    input_row(x, s, SR_XT_IN_SEGMENT_RULES, SR_XL_CFG(x, segments_rules), "");
    input_row(x, s, SR_XT_IN_COMMENT_RULES, SR_XL_CFG(x, comments_rules), "");
    input_row(x, s, SR_XT_IN_PREVIOUS, SR_XL_CFG(x, previous), "");
    s->row++;

    section(x, s, SR_XT_NOTES_RUN);
    input_row(x, s, SR_XT_RUN_PIPELINE, SR_XL_CFG(x, path), "");
    if (x->ri)
        input_row(x, s, SR_XT_FACT_VERSION, x->ri->version, "");
    if (x->ri && x->ri->epoch > 0) {
        struct tm tm;

        if (gmtime_r(&x->ri->epoch, &tm)) {
            sr_xl_str(x, s, 0, sr_xl_tx(x, SR_XT_FACT_DATE), NULL);
            sr_xl_date(x, s, 1,
                       (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
                           tm.tm_mday);
            s->row++;
        }
    }
    input_row(x, s, SR_XT_FACT_MARKING, SR_XL_CFG(x, confidentiality), "");
    sr_xl_str(x, s, 0, sr_xl_tx(x, SR_XT_RUN_MIN_BASE), NULL);
    sr_xl_num(x, s, 1, (double)m->min_base, SR_XL_INT, SR_XL_LEFT);
    s->row += 2;

    note(x, s, sr_xl_tx(x, SR_XT_NOTES_MASKING));
    if (!m->ncategories)
        note(x, s, sr_xl_tx(x, SR_XT_NOTES_NO_RULES));
    {
        const char *conf = SR_XL_CFG(x, confidentiality);

        if (!strcmp(conf, "机密") || !strcmp(conf, "绝密"))
            note(x, s, sr_xl_tx(x, SR_XT_NOTES_PROTECTED));
    }

    /* column A from its terms; B holds the definitions, wrapped */
    worksheet_fit_to_pages(s->ws, 1, 0);
    if (!x->failed && s->nwidth) {
        unsigned w = s->width[0] + 2;

        if (w < SR_XL_WIDTH_MIN)
            w = SR_XL_WIDTH_MIN;
        if (w > 30)
            w = 30;
        e = worksheet_set_column(s->ws, 0, 0, w, NULL);
        sr_xl_fail_sheet(x, e, s, "column width");
        e = worksheet_set_column(s->ws, 1, 1, NOTES_WIDTH, NULL);
        sr_xl_fail_sheet(x, e, s, "column width");
        e = worksheet_set_column(s->ws, 2, 2, 66, NULL);
        sr_xl_fail_sheet(x, e, s, "column width");
    }
}
