/* SPDX-License-Identifier: MIT */
/*
 * pdf.c - report.pdf: a report template walked against the model
 *
 * In: the report template (report.c builds it, tmpl.h), the statistics
 * model and the run info.  Out: one PDF file through the layout layer
 * (layout.h), which owns libharu.
 *
 * This file computes no figure.  Every number printed is a model figure
 * (sr_model_get()) rounded only when printed, by the format the template
 * gives or the metric's default (docs/report-template.md); an absent
 * figure prints as the template's "absent" text.  The only choices made
 * here are presentation: which members a loop shows and in which order
 * (by figures, as the template asks), whether a condition holds, where
 * the quadrant lines of a scatter chart go (the mean of the points
 * drawn), and the significance mark (the model's `significant` figure,
 * or p_value < 0.05 with at least min_base forms when it is absent).
 *
 * A template with a table of contents is laid out until its headings stop
 * moving (two or three times): the first layout tells the pages, the last
 * prints them.
 */
#include "../render.h"
#include "report.h"
#include "tmpl.h"
#include "layout.h"

#include "../../archive/followup.h"
#include "../../classify/classify.h"
#include "../../core/buf.h"
#include "../../core/mem.h"
#include "../../core/xml.h"
#include "../../stats/customers.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIGNIFICANT 0.05
#define KEEP_ROWS   12 /* tables this short stay on one page */
/* loops and some= conditions nest no deeper than elements do */
#define MAX_BINDINGS (SR_XML_MAX_DEPTH + 8)
#define MAX_PASSES   4
#define KPIS_PER_ROW 4

/* a loop variable bound to one member */
struct binding {
    int var;      /* enum rv_kind */
    size_t index; /* into dims, items, groups, categories, sources, ... */
    size_t sub;   /* value of a group, point of a scale, option */
    size_t pos;   /* 1-based */
    size_t count;
    const struct sr_model_group *group;  /* segment, value */
    const struct sr_scale *scale;        /* point */
    const struct sr_choice *choice;      /* option */
    const struct sr_approval_step *step; /* step: NULL = not given */
    const char *role;                    /* step */
    const char *label;                   /* step */
    char key[32];                        /* point: its value as text */
};

struct eng {
    const struct sr_report_tmpl *rt;
    const struct sr_model *m;
    const struct sr_template *t;
    const struct sr_run_info *ri;
    const struct sr_config *cfg;
    struct sr_layout *L;
    struct sr_diag *d;
    enum sr_status err; /* the first template error while rendering */

    struct binding b[MAX_BINDINGS];
    size_t nb;
    unsigned flags; /* set by <flag> inside a cell or bar */

    int num[3]; /* section numbers */
    int tables;
    int figures;
    bool need_page; /* after the cover: the next block opens a page */

    struct sr_layout_mark *toc; /* headings of the previous layout */
    size_t ntoc;

    bool has_prev;
    /* <each var="segment" kind="customers">: the groups of the customer
     * archive's figures (forms -1 where the model breaks nothing down) */
    struct sr_model_group *cgroups;
    size_t ncgroups;
    const struct sr_followup *fl; /* the follow-up list, or NULL */
    const char *marking_level;    /* [report] confidentiality, or NULL */
    const struct rmarking *marking;
    const char *status_value;
    bool draft;
};

/* --- numbers --- */

/*
 * "%.*f" (with a "+" on positive values when @plus), without a minus sign
 * on a value that rounds to zero.  Values too large for fixed notation,
 * and non-finite ones, print with "%g".
 */
static void fixed(struct sr_buf *out, double v, int decimals, bool plus)
{
    char s[64];
    const char *p;

    if (!isfinite(v) || fabs(v) >= 1e15) {
        sr_buf_addf(out, "%g", v);
        return;
    }
    snprintf(s, sizeof(s), plus ? "%+.*f" : "%.*f", decimals, v);
    if (s[0] == '-' || s[0] == '+') {
        for (p = s + 1; *p == '0' || *p == '.'; p++)
            ;
        if (!*p)
            memmove(s, s + 1, strlen(s));
    }
    sr_buf_addstr(out, s);
}

/* the format of a metric when the template gives none */
static struct rfmt default_fmt(const char *metric)
{
    static const char *const idx[] = { "index", "target", "prev_index",
                                       "median", "moe95" };
    static const char *const signed1[] = { "gap", "delta" };
    static const char *const two[] = { "mean",      "sd",    "ci95_low",
                                       "ci95_high", "alpha", "r_overall" };
    static const char *const pct[] = { "top2", "bottom2", "share",
                                       "response_rate" };
    static const char *const pv[] = { "p_value", "p_delta", "p_top2" };
    struct rfmt f;
    size_t i;

    memset(&f, 0, sizeof(f));
    f.kind = 'f';
    for (i = 0; i < sizeof(idx) / sizeof(idx[0]); i++) {
        if (!strcmp(metric, idx[i]))
            f.decimals = 1;
    }
    for (i = 0; i < sizeof(signed1) / sizeof(signed1[0]); i++) {
        if (!strcmp(metric, signed1[i])) {
            f.decimals = 1;
            f.plus = true;
        }
    }
    for (i = 0; i < sizeof(two) / sizeof(two[0]); i++) {
        if (!strcmp(metric, two[i]))
            f.decimals = 2;
    }
    for (i = 0; i < sizeof(pct) / sizeof(pct[0]); i++) {
        if (!strcmp(metric, pct[i])) {
            f.decimals = 1;
            f.percent = true;
        }
    }
    for (i = 0; i < sizeof(pv) / sizeof(pv[0]); i++) {
        if (!strcmp(metric, pv[i]))
            f.kind = 'p';
    }
    return f;
}

static void format_figure(const struct eng *e, const struct rfmt *given,
                          const char *metric, bool ok, double v, long n,
                          struct sr_buf *out)
{
    struct rfmt f = given && given->set ? *given : default_fmt(metric);

    if (!ok) {
        sr_buf_addstr(out, e->rt->absent);
        return;
    }
    switch (f.kind) {
    case 'n':
        if (n < 0)
            sr_buf_addstr(out, e->rt->absent);
        else
            sr_buf_addf(out, "%ld", n);
        return;
    case 'p':
    case 'P':
        if (f.kind == 'P')
            sr_buf_addstr(out, v < 0.0005 ? "p" : "p=");
        if (v < 0.0005)
            sr_buf_addstr(out, "<0.001");
        else
            fixed(out, v, 3, false);
        return;
    default:
        if (f.abs)
            v = fabs(v);
        if (f.percent)
            v *= 100;
        fixed(out, v, f.decimals, f.plus);
        if (f.percent)
            sr_buf_addch(out, '%');
    }
}

/* --- errors while rendering --- */

static void fail(struct eng *e, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail(struct eng *e, long line, const char *fmt, ...)
{
    va_list ap;

    if (e->err != SR_OK)
        return;
    va_start(ap, fmt);
    e->err = sr_diag_setv(e->d, SR_ERR_CONFIG, e->rt->path, line, fmt, ap);
    va_end(ap);
}

/* --- bindings --- */

static const struct binding *bound(const struct eng *e, int var)
{
    size_t i;

    for (i = e->nb; i > 0; i--) {
        if (e->b[i - 1].var == var)
            return &e->b[i - 1];
    }
    return NULL;
}

static const char *str_or(const char *s, const char *dflt)
{
    return s && *s ? s : dflt;
}

static long min_base(const struct eng *e)
{
    if (e->m->min_base > 0)
        return e->m->min_base;
    if (e->cfg && e->cfg->min_base > 0)
        return e->cfg->min_base;
    return 30;
}

/* the categories: the model's, or the rules' from the run info */
static size_t ncategories(const struct eng *e)
{
    return e->m->ncategories ? e->m->ncategories : e->ri->ncategories;
}

static const char *category_name(const struct eng *e, size_t i)
{
    return e->m->ncategories ? e->m->categories[i].name
                             : e->ri->categories[i].name;
}

static const char *category_kind(const struct eng *e, size_t i)
{
    return e->m->ncategories ? e->m->categories[i].kind
                             : e->ri->categories[i].kind;
}

static bool category_complaint(const struct eng *e, size_t i)
{
    return e->m->ncategories ? e->m->categories[i].complaint
                             : e->ri->categories[i].complaint;
}

/* the key ($var) of a binding */
static const char *key_of(const struct eng *e, const struct binding *b)
{
    switch (b->var) {
    case RV_DIMENSION:
        return e->t->dims[b->index].id;
    case RV_ITEM:
        return e->t->items[b->index].id;
    case RV_POINT:
        return b->key;
    case RV_SEGMENT:
        return b->group->field_id;
    case RV_VALUE:
        return b->group->values[b->sub];
    case RV_CATEGORY:
        return category_name(e, b->index);
    case RV_SOURCE:
        return e->m->sources[b->index].file;
    case RV_STEP:
        return b->role;
    case RV_CHOICE:
        return e->t->choices[b->index].id;
    case RV_OPTION:
        return b->choice->options[b->sub].value;
    case RV_SCALE:
        return e->t->scales[b->index].id;
    case RV_MANAGER:
        return sr_followup_get(e->fl, b->index, SR_FU_MANAGER);
    case RV_FOLLOWUP:
        return sr_followup_get(e->fl, b->index, SR_FU_FORM);
    case RV_EXAMPLE:
        return e->m->categories[b->index].examples[b->sub];
    default:
        return "";
    }
}

/* A follow-up row's field ({followup.low} and the like) */
static void followup_text(const struct eng *e, size_t row, int field,
                          struct sr_buf *out)
{
    static const struct {
        int field;
        enum sr_followup_col col;
    } map[] = {
        { RF_MANAGER, SR_FU_MANAGER }, { RF_CUSTOMER, SR_FU_CUSTOMER },
        { RF_NAME, SR_FU_NAME },       { RF_FORM, SR_FU_FORM },
        { RF_DATE, SR_FU_DATE },       { RF_SCORE, SR_FU_OVERALL },
        { RF_LABEL, SR_FU_LABEL },
    };
    size_t i;

    if (field == RF_LOW) {
        if (!strcmp(sr_followup_get(e->fl, row, SR_FU_LOW), "1"))
            sr_buf_addstr(out,
                          str_or(sr_followup_get(e->fl, row, SR_FU_LABEL),
                                 sr_followup_get(e->fl, row, SR_FU_OVERALL)));
        return;
    }
    if (field == RF_COMPLAINTS) {
        if (!strcmp(sr_followup_get(e->fl, row, SR_FU_COMPLAINT), "1"))
            sr_buf_addstr(out, sr_followup_get(e->fl, row, SR_FU_CATEGORIES));
        return;
    }
    for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (map[i].field == field)
            sr_buf_addstr(out, sr_followup_get(e->fl, row, map[i].col));
}

/* {dimension.name} and the like */
static void var_text(const struct eng *e, const struct rnode *n,
                     struct sr_buf *out)
{
    const struct binding *b = bound(e, n->var);
    const struct sr_dimension *dm;
    const struct sr_item *it;
    const struct sr_model_source *src;

    if (!b)
        return;
    if (n->field == RF_KEY) {
        sr_buf_addstr(out, key_of(e, b));
        return;
    }
    if (n->field == RF_POS) {
        sr_buf_addf(out, "%zu", b->pos);
        return;
    }
    if (n->field == RF_COUNT) {
        sr_buf_addf(out, "%zu", b->count);
        return;
    }
    switch (b->var) {
    case RV_DIMENSION:
        dm = &e->t->dims[b->index];
        if (n->field == RF_ID)
            sr_buf_addstr(out, dm->id);
        else if (n->field == RF_NAME)
            sr_buf_addstr(out, str_or(dm->name, dm->id));
        else if (n->field == RF_WEIGHT)
            sr_buf_addf(out, "%.3g", dm->weight);
        else if (n->field == RF_TARGET && dm->has_target)
            fixed(out, dm->target, 1, false);
        else if (n->field == RF_TARGET)
            sr_buf_addstr(out, e->rt->absent);
        break;
    case RV_ITEM:
        it = &e->t->items[b->index];
        if (n->field == RF_ID)
            sr_buf_addstr(out, it->id);
        else if (n->field == RF_TEXT)
            sr_buf_addstr(out, str_or(it->text, ""));
        else if (n->field == RF_DIMENSION && it->dim >= 0)
            sr_buf_addstr(
                out, str_or(e->t->dims[it->dim].name, e->t->dims[it->dim].id));
        break;
    case RV_POINT:
        if (n->field == RF_VALUE)
            sr_buf_addstr(out, b->key);
        else if (b->scale->npoints && b->scale->points[b->sub].label)
            sr_buf_addstr(out, b->scale->points[b->sub].label);
        else
            sr_buf_addstr(out, b->key);
        break;
    case RV_SEGMENT:
        if (n->field == RF_ID)
            sr_buf_addstr(out, b->group->field_id);
        else
            sr_buf_addstr(out, str_or(b->group->label, b->group->field_id));
        break;
    case RV_VALUE:
        if (n->field == RF_NAME)
            sr_buf_addstr(out, b->group->values[b->sub]);
        else if (b->group->forms[b->sub] < 0) /* not broken down */
            sr_buf_addstr(out, e->rt->absent);
        else
            sr_buf_addf(out, "%ld", b->group->forms[b->sub]);
        break;
    case RV_MANAGER:
        if (n->field == RF_NAME)
            sr_buf_addstr(
                out, str_or(sr_followup_get(e->fl, b->index, SR_FU_MANAGER),
                            e->rt->lang && !strncmp(e->rt->lang, "en", 2)
                                ? "No account manager"
                                : "无客户经理"));
        else
            sr_buf_addf(out, "%zu", b->sub);
        break;
    case RV_FOLLOWUP:
        followup_text(e, b->index, n->field, out);
        break;
    case RV_EXAMPLE:
        sr_buf_addstr(out, e->m->categories[b->index].examples[b->sub]);
        break;
    case RV_CATEGORY:
        if (n->field == RF_NAME)
            sr_buf_addstr(out, category_name(e, b->index));
        else
            sr_buf_addstr(out, str_or(category_kind(e, b->index), ""));
        break;
    case RV_SOURCE:
        src = &e->m->sources[b->index];
        if (n->field == RF_FILE)
            sr_buf_addstr(out, src->file);
        else
            sr_buf_addf(out, "%ld",
                        n->field == RF_READ       ? src->read
                        : n->field == RF_ACCEPTED ? src->accepted
                        : n->field == RF_REFUSED  ? src->refused
                                                  : src->out_of_period);
        break;
    case RV_STEP:
        if (n->field == RF_ROLE)
            sr_buf_addstr(out, str_or(b->role, ""));
        else if (n->field == RF_LABEL)
            sr_buf_addstr(out, str_or(b->label, str_or(b->role, "")));
        else if (b->step)
            sr_buf_addstr(out,
                          str_or(n->field == RF_NAME       ? b->step->name
                                 : n->field == RF_DATE     ? b->step->date
                                 : n->field == RF_DECISION ? b->step->decision
                                                           : b->step->opinion,
                                 ""));
        break;
    case RV_CHOICE:
        if (n->field == RF_ID)
            sr_buf_addstr(out, e->t->choices[b->index].id);
        else
            sr_buf_addstr(out, str_or(e->t->choices[b->index].text, ""));
        break;
    case RV_SCALE:
        if (n->field == RF_ID)
            sr_buf_addstr(out, e->t->scales[b->index].id);
        else
            sr_buf_addf(out, "%d",
                        n->field == RF_MIN ? e->t->scales[b->index].min
                                           : e->t->scales[b->index].max);
        break;
    case RV_OPTION:
        if (n->field == RF_VALUE)
            sr_buf_addstr(out, b->choice->options[b->sub].value);
        else
            sr_buf_addstr(out, str_or(b->choice->options[b->sub].label,
                                      b->choice->options[b->sub].value));
        break;
    default:
        break;
    }
}

/* --- figures --- */

/* the four strings of a key under the current bindings */
static bool eval_key(const struct eng *e, const struct rkey *k,
                     struct sr_buf f[4])
{
    size_t i;
    size_t j;

    for (i = 0; i < 4; i++) {
        sr_buf_reset(&f[i]);
        for (j = 0; j < k->npart[i]; j++) {
            const struct rkeypart *p = &k->part[i][j];

            if (p->lit) {
                sr_buf_addstr(&f[i], p->lit);
            } else {
                const struct binding *b = bound(e, p->var);

                if (!b)
                    return false;
                sr_buf_addstr(&f[i], key_of(e, b));
            }
        }
    }
    return true;
}

static bool get_fig(const struct eng *e, const struct rkey *k, double *v,
                    long *n, struct sr_buf *metric)
{
    struct sr_buf f[4] = { SR_BUF_INIT, SR_BUF_INIT, SR_BUF_INIT, SR_BUF_INIT };
    bool ok = eval_key(e, k, f);
    size_t i;

    if (ok)
        ok = sr_model_get(e->m, f[0].buf, f[1].buf, f[2].buf, f[3].buf, v, n);
    if (metric) {
        sr_buf_reset(metric);
        sr_buf_addstr(metric, f[3].buf);
    }
    for (i = 0; i < 4; i++)
        sr_buf_release(&f[i]);
    return ok;
}

/* the forms of a group value ("all": the accepted forms) */
static bool forms_of(const struct eng *e, const char *group, const char *value,
                     long *forms)
{
    size_t i;
    size_t j;

    if (!strcmp(group, "all")) {
        *forms = e->m->accepted;
        return true;
    }
    for (i = 0; i < e->m->ngroups; i++) {
        const struct sr_model_group *g = &e->m->groups[i];

        if (strcmp(g->field_id, group))
            continue;
        for (j = 0; j < g->nvalues; j++) {
            if (!strcmp(g->values[j], value)) {
                *forms = g->forms[j];
                return true;
            }
        }
    }
    return false;
}

/* the significance mark: the model's `significant` figure, or (older
 * models) p_value < 0.05 with at least min_base forms */
static bool significant(const struct eng *e, const struct rkey *k)
{
    struct sr_buf f[4] = { SR_BUF_INIT, SR_BUF_INIT, SR_BUF_INIT, SR_BUF_INIT };
    bool sig = false;
    double v;
    long forms;
    size_t i;

    if (eval_key(e, k, f)) {
        if (sr_model_get(e->m, f[0].buf, f[1].buf, f[2].buf, "significant", &v,
                         NULL))
            sig = v == 1;
        else if (sr_model_get(e->m, f[0].buf, f[1].buf, f[2].buf, "p_value", &v,
                              NULL))
            sig = v < SIGNIFICANT && forms_of(e, f[0].buf, f[1].buf, &forms) &&
                  forms >= min_base(e);
    }
    for (i = 0; i < 4; i++)
        sr_buf_release(&f[i]);
    return sig;
}

/* --- facts of the run --- */

/* yyyymmdd or "YYYY-MM-DD" with a date format (YYYY MM M DD D) */
static void date_text(int ymd, const char *fmt, struct sr_buf *out)
{
    int y = ymd / 10000;
    int m = ymd / 100 % 100;
    int d = ymd % 100;
    const char *p = fmt ? fmt : "YYYY-MM-DD";

    while (*p) {
        if (!strncmp(p, "YYYY", 4)) {
            sr_buf_addf(out, "%04d", y);
            p += 4;
        } else if (!strncmp(p, "MM", 2)) {
            sr_buf_addf(out, "%02d", m);
            p += 2;
        } else if (*p == 'M') {
            sr_buf_addf(out, "%d", m);
            p++;
        } else if (!strncmp(p, "DD", 2)) {
            sr_buf_addf(out, "%02d", d);
            p += 2;
        } else if (*p == 'D') {
            sr_buf_addf(out, "%d", d);
            p++;
        } else {
            sr_buf_addch(out, *p++);
        }
    }
}

static int ymd_of(const char *s)
{
    char *end;
    long y;
    long m;
    long d;

    y = strtol(s, &end, 10);
    if (*end != '-')
        return 0;
    m = strtol(end + 1, &end, 10);
    if (*end != '-')
        return 0;
    d = strtol(end + 1, &end, 10);
    return (int)(y * 10000 + m * 100 + d);
}

static const char *status_text(const struct eng *e)
{
    size_t i;

    for (i = 0; i < e->rt->nstatuses; i++) {
        if (!strcmp(e->rt->statuses[i].value, e->status_value))
            return e->rt->statuses[i].text;
    }
    return e->status_value;
}

static void text_of(const struct eng *e, int which, const char *datefmt,
                    struct sr_buf *out)
{
    const struct sr_config *c = e->cfg;
    const struct sr_run_info *ri = e->ri;
    int ymd;

    switch (which) {
    case RT_TITLE:
        sr_buf_addstr(out, str_or(c ? c->title : NULL, e->rt->title));
        break;
    case RT_ORGANIZATION:
        sr_buf_addstr(out, str_or(c ? c->organization : NULL, ""));
        break;
    case RT_PREPARED_BY:
        sr_buf_addstr(out, str_or(c ? c->prepared_by : NULL, ""));
        break;
    case RT_PERIOD:
        sr_buf_addstr(out, str_or(c ? c->period : NULL, ""));
        break;
    case RT_PERIOD_FROM:
    case RT_PERIOD_TO:
        ymd = !c ? 0 : which == RT_PERIOD_FROM ? c->period_from : c->period_to;
        if (ymd)
            date_text(ymd, datefmt, out);
        break;
    case RT_DATE:
        ymd = ymd_of(ri->date);
        if (ymd)
            date_text(ymd, datefmt, out);
        else
            sr_buf_addstr(out, ri->date);
        break;
    case RT_DOCUMENT_NO:
        sr_buf_addstr(out, str_or(ri->document_no, ""));
        break;
    case RT_MARKING:
        if (e->marking)
            sr_buf_addstr(out, e->marking->text);
        else
            sr_buf_addstr(out, str_or(e->marking_level, ""));
        break;
    case RT_STATUS:
        sr_buf_addstr(out, str_or(status_text(e), ""));
        break;
    case RT_RECIPIENT:
        sr_buf_addstr(out, str_or(ri->recipient, ""));
        break;
    case RT_COPY_NO:
        if (ri->copy_no > 0)
            sr_buf_addf(out, "%d", ri->copy_no);
        break;
    case RT_VERSION:
        sr_buf_addstr(out, str_or(ri->version, ""));
        break;
    case RT_FORM_TITLE:
        sr_buf_addstr(out, e->t ? str_or(e->t->title, "") : "");
        break;
    case RT_FORM_ID:
        sr_buf_addstr(out, e->t ? str_or(e->t->id, "") : "");
        break;
    case RT_FORM_VERSION:
        sr_buf_addstr(out, e->t ? str_or(e->t->version, "") : "");
        break;
    case RT_MIN_BASE:
        sr_buf_addf(out, "%ld", min_base(e));
        break;
    case RT_MIN_REPORT:
        sr_buf_addf(out, "%ld", c && c->min_report > 0 ? c->min_report : 5);
        break;
    default:
        break;
    }
}

/* --- conditions --- */

struct members {
    struct binding *b;
    size_t n;
};

static bool has(const struct eng *e, int what)
{
    size_t i;

    switch (what) {
    case RH_PREVIOUS:
        return e->has_prev;
    case RH_CATEGORIES:
        return ncategories(e) > 0;
    case RH_SEGMENTS:
        for (i = 0; i < e->m->ngroups; i++) {
            if (e->m->groups[i].kind != SR_GROUP_CATEGORY)
                return true;
        }
        return false;
    case RH_SOURCES:
        return e->m->nsources > 0;
    case RH_APPROVAL:
        return e->ri->napproval > 0;
    case RH_COMPLAINTS:
        return sr_model_get(e->m, "all", "", "complaints", "count", NULL, NULL);
    case RH_RECIPIENT:
        return e->ri->recipient && *e->ri->recipient;
    case RH_ARCHIVE:
        return sr_model_get(e->m, "all", "", "customers", "count", NULL, NULL);
    case RH_FOLLOWUP:
        return sr_followup_count(e->fl) > 0;
    case RH_EXAMPLES:
        for (i = 0; i < e->m->ncategories; i++)
            if (e->m->categories[i].nexamples)
                return true;
        return false;
    default:
        return true;
    }
}

static bool in_list(char *const *list, size_t n, const char *s)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (s && !strcmp(list[i], s))
            return true;
    }
    return false;
}

static void candidates(struct eng *e, const struct rnode *n,
                       struct members *ms);
static void push(struct eng *e, const struct binding *b);
static void pop(struct eng *e);

static bool holds(struct eng *e, const struct rcond *c)
{
    if (c->always)
        return true;
    if (c->some >= 0) {
        /* the rest of the condition for some member of the loop */
        struct rnode any;
        struct rcond rest = *c;
        struct members ms = { 0 };
        bool found = false;
        size_t i;

        memset(&any, 0, sizeof(any));
        any.var = c->some;
        rest.some = -1;
        candidates(e, &any, &ms);
        for (i = 0; i < ms.n && !found; i++) {
            push(e, &ms.b[i]);
            found = holds(e, &rest);
            pop(e);
        }
        free(ms.b);
        return found;
    }
    if (c->fig) {
        double v = 0;
        bool ok = get_fig(e, c->fig, &v, NULL, NULL);

        if (c->present >= 0 && ok != (c->present == 1))
            return false;
        if (c->present < 0 && !ok)
            return false;
        if (c->cmp != RC_NONE) {
            bool r = false;

            if (!ok)
                return false;
            switch (c->cmp) {
            case RC_LT:
                r = v < c->num;
                break;
            case RC_LE:
                r = v <= c->num;
                break;
            case RC_GT:
                r = v > c->num;
                break;
            case RC_GE:
                r = v >= c->num;
                break;
            case RC_EQ:
                r = v == c->num;
                break;
            case RC_NE:
                r = v != c->num;
                break;
            default:
                break;
            }
            if (!r)
                return false;
        }
    }
    if (c->text >= 0) {
        struct sr_buf b = SR_BUF_INIT;
        bool r;

        text_of(e, c->text, NULL, &b);
        if (c->nis) {
            /* compared with the value as the pipeline gives it */
            const char *raw = c->text == RT_MARKING  ? e->marking_level
                              : c->text == RT_STATUS ? e->status_value
                                                     : b.buf;

            r = in_list(c->is, c->nis, raw) || in_list(c->is, c->nis, b.buf);
        } else {
            r = b.len > 0;
        }
        sr_buf_release(&b);
        if (!r)
            return false;
    }
    if (c->fvar >= 0) {
        const struct binding *b = bound(e, c->fvar);
        struct rnode fld;
        struct sr_buf t = SR_BUF_INIT;
        bool r;

        memset(&fld, 0, sizeof(fld));
        fld.var = c->fvar;
        fld.field = c->ffield;
        if (b && b->var == RV_POINT && c->ffield == RF_LABEL)
            /* a point's label of its own (the text falls back to the
             * value) */
            r = b->scale->npoints && b->scale->points[b->sub].label &&
                *b->scale->points[b->sub].label;
        else {
            var_text(e, &fld, &t);
            r = c->nis ? in_list(c->is, c->nis, t.buf) : t.len > 0;
        }
        sr_buf_release(&t);
        if (!r)
            return false;
    }
    if (c->nmarking && !in_list(c->marking, c->nmarking, e->marking_level))
        return false;
    if (c->has && has(e, c->has) == c->has_not)
        return false;
    if (c->small >= 0) {
        const struct binding *b = bound(e, RV_VALUE);
        bool small = false;
        double v;

        /* the model's forms,small figure; older models: forms < min_base */
        if (b &&
            sr_model_get(e->m, b->group->field_id, b->group->values[b->sub],
                         "forms", "small", &v, NULL))
            small = v == 1;
        else if (b)
            small = b->group->forms[b->sub] < min_base(e);

        if (small != (c->small == 1))
            return false;
    }
    if (c->draft >= 0 && e->draft != (c->draft == 1))
        return false;
    if (c->complaint >= 0) {
        const struct binding *b = bound(e, RV_CATEGORY);

        if (!b || category_complaint(e, b->index) != (c->complaint == 1))
            return false;
    }
    if (c->signif && !significant(e, c->signif))
        return false;
    return true;
}

/* --- loops --- */

static void add_member(struct members *ms, const struct binding *b)
{
    ms->b = xreallocarray(ms->b, ms->n + 1, sizeof(*ms->b));
    ms->b[ms->n++] = *b;
}

static const struct sr_scale *scale_by_id(const struct eng *e, const char *id)
{
    size_t i;

    for (i = 0; e->t && i < e->t->nscales; i++) {
        if (!strcmp(e->t->scales[i].id, id))
            return &e->t->scales[i];
    }
    return NULL;
}

static const struct sr_approval_step *step_of(const struct eng *e,
                                              const char *role)
{
    size_t i;

    for (i = 0; i < e->ri->napproval; i++) {
        if (e->ri->approval[i].role && !strcmp(e->ri->approval[i].role, role))
            return &e->ri->approval[i];
    }
    return NULL;
}

/* every candidate of <each> @n, before filter, order and limit */
static void candidates(struct eng *e, const struct rnode *n, struct members *ms)
{
    const struct sr_template *t = e->t;
    struct binding b;
    const struct binding *up;
    size_t i;

    memset(&b, 0, sizeof(b));
    b.var = n->var;
    switch (n->var) {
    case RV_DIMENSION:
        for (i = 0; t && i < t->ndims; i++) {
            b.index = i;
            add_member(ms, &b);
        }
        break;
    case RV_ITEM:
        if (rn_str(n, "in", NULL)) {
            const struct sr_dimension *dm;

            up = bound(e, RV_DIMENSION);
            if (!up)
                break;
            dm = &t->dims[up->index];
            for (i = 0; i < dm->nitems; i++) {
                b.index = dm->items[i];
                add_member(ms, &b);
            }
        } else {
            const char *role = rn_str(n, "role", NULL);

            for (i = 0; t && i < t->nitems; i++) {
                if (role && !strcmp(role, "overall") &&
                    t->items[i].role != SR_ROLE_OVERALL)
                    continue;
                if (role && !strcmp(role, "recommend") &&
                    t->items[i].role != SR_ROLE_RECOMMEND)
                    continue;
                b.index = i;
                add_member(ms, &b);
            }
        }
        break;
    case RV_SCALE:
        for (i = 0; t && i < t->nscales; i++) {
            b.index = i;
            add_member(ms, &b);
        }
        break;
    case RV_POINT:
        if (rn_str(n, "scale", NULL)) {
            b.scale = scale_by_id(e, rn_str(n, "scale", ""));
        } else {
            const struct binding *sc = bound(e, RV_SCALE);

            up = bound(e, RV_ITEM);
            /* the innermost of an enclosing item or scale */
            if (sc && (!up || sc > up))
                b.scale = &t->scales[sc->index];
            else if (up)
                b.scale = &t->scales[t->items[up->index].scale];
        }
        if (!b.scale)
            break;
        if (b.scale->npoints) {
            for (i = 0; i < b.scale->npoints; i++) {
                b.sub = i;
                snprintf(b.key, sizeof(b.key), "%d", b.scale->points[i].value);
                add_member(ms, &b);
            }
        } else {
            int v;

            for (v = b.scale->min; v <= b.scale->max; v++) {
                b.sub = (size_t)(v - b.scale->min);
                snprintf(b.key, sizeof(b.key), "%d", v);
                add_member(ms, &b);
            }
        }
        break;
    case RV_SEGMENT:
        if (!strcmp(rn_str(n, "kind", ""), "customers") ||
            !strcmp(rn_str(n, "kind", ""), "managers")) {
            bool managers = !strcmp(rn_str(n, "kind", ""), "managers");

            for (i = 0; i < e->ncgroups; i++) {
                if (managers !=
                    !strcmp(e->cgroups[i].field_id, SR_ARCHIVE_MANAGER_ID))
                    continue;
                b.index = i;
                b.group = &e->cgroups[i];
                add_member(ms, &b);
            }
            break;
        }
        for (i = 0; i < e->m->ngroups; i++) {
            const struct sr_model_group *g = &e->m->groups[i];
            const char *kind = rn_str(n, "kind", NULL);

            if (g->kind == SR_GROUP_CATEGORY)
                continue;
            if (kind && !strcmp(kind, "segment") && g->kind != SR_GROUP_SEGMENT)
                continue;
            if (kind && !strcmp(kind, "derived") && g->kind != SR_GROUP_DERIVED)
                continue;
            b.index = i;
            b.group = g;
            add_member(ms, &b);
        }
        break;
    case RV_VALUE:
        up = bound(e, RV_SEGMENT);
        if (!up)
            break;
        b.group = up->group;
        b.index = up->index;
        for (i = 0; i < up->group->nvalues; i++) {
            b.sub = i;
            add_member(ms, &b);
        }
        break;
    case RV_CATEGORY:
        for (i = 0; i < ncategories(e); i++) {
            b.index = i;
            add_member(ms, &b);
        }
        break;
    case RV_EXAMPLE:
        /* the model's examples (none when it has no categories of its
         * own, e.g. a model rebuilt without runinfo.txt) */
        up = bound(e, RV_CATEGORY);
        if (!up || up->index >= e->m->ncategories)
            break;
        b.index = up->index;
        for (i = 0; i < e->m->categories[up->index].nexamples; i++) {
            b.sub = i;
            add_member(ms, &b);
        }
        break;
    case RV_SOURCE:
        for (i = 0; i < e->m->nsources; i++) {
            b.index = i;
            add_member(ms, &b);
        }
        break;
    case RV_STEP:
        if (n->nroles) {
            for (i = 0; i < n->nroles; i++) {
                b.index = i;
                b.role = n->roles[i];
                b.label = n->role_labels[i];
                b.step = step_of(e, n->roles[i]);
                add_member(ms, &b);
            }
        } else {
            for (i = 0; i < e->ri->napproval; i++) {
                b.index = i;
                b.step = &e->ri->approval[i];
                b.role = b.step->role;
                b.label = b.step->role;
                add_member(ms, &b);
            }
        }
        break;
    case RV_CHOICE:
        for (i = 0; t && i < t->nchoices; i++) {
            b.index = i;
            add_member(ms, &b);
        }
        break;
    case RV_MANAGER:
        /* the list is sorted by manager: one member per run of rows */
        for (i = 0; i < sr_followup_count(e->fl); i++) {
            if (i && !strcmp(sr_followup_get(e->fl, i, SR_FU_MANAGER),
                             sr_followup_get(e->fl, i - 1, SR_FU_MANAGER))) {
                ms->b[ms->n - 1].sub++;
                continue;
            }
            b.index = i;
            b.sub = 1;
            add_member(ms, &b);
        }
        break;
    case RV_FOLLOWUP: {
        size_t from = 0;
        size_t to = sr_followup_count(e->fl);

        if (rn_str(n, "in", NULL)) {
            up = bound(e, RV_MANAGER);
            if (!up)
                break;
            from = up->index;
            to = up->index + up->sub;
        }
        for (i = from; i < to; i++) {
            b.index = i;
            add_member(ms, &b);
        }
        break;
    }
    case RV_OPTION:
        up = bound(e, RV_CHOICE);
        if (!up)
            break;
        b.choice = &t->choices[up->index];
        b.index = up->index;
        for (i = 0; i < b.choice->noptions; i++) {
            b.sub = i;
            add_member(ms, &b);
        }
        break;
    default:
        break;
    }
}

static void push(struct eng *e, const struct binding *b)
{
    assert(e->nb < MAX_BINDINGS);
    e->b[e->nb++] = *b;
}

static void pop(struct eng *e)
{
    e->nb--;
}

/* a sort key of a member: present, and its value */
struct sortval {
    bool ok;
    double v;
};

/* the members of <each> @n: filtered, ordered, limited, numbered */
static void members(struct eng *e, const struct rnode *n, struct members *out)
{
    struct members all = { 0 };
    struct sortval *keys = NULL;
    size_t *order = NULL;
    size_t i;
    size_t j;
    size_t k;

    out->b = NULL;
    out->n = 0;
    if (e->nb >= MAX_BINDINGS) {
        fail(e, n->line, "loops nest deeper than %d", MAX_BINDINGS);
        return;
    }
    candidates(e, n, &all);
    for (i = 0; i < all.n; i++) {
        bool ok;

        push(e, &all.b[i]);
        ok = holds(e, &n->cond);
        pop(e);
        if (ok)
            add_member(out, &all.b[i]);
    }
    if (n->nsort && out->n > 1) {
        keys = xcalloc(out->n * n->nsort, sizeof(*keys));
        order = xcalloc(out->n, sizeof(*order));
        for (i = 0; i < out->n; i++) {
            order[i] = i;
            push(e, &out->b[i]);
            for (k = 0; k < n->nsort; k++)
                keys[i * n->nsort + k].ok = get_fig(
                    e, n->sort[k].key, &keys[i * n->nsort + k].v, NULL, NULL);
            pop(e);
        }
        /* insertion sort: stable; absent values last */
        for (i = 1; i < out->n; i++) {
            size_t cur = order[i];

            for (j = i; j > 0; j--) {
                size_t prev = order[j - 1];
                int c = 0;

                for (k = 0; k < n->nsort && !c; k++) {
                    const struct sortval *a = &keys[cur * n->nsort + k];
                    const struct sortval *b = &keys[prev * n->nsort + k];

                    if (a->ok != b->ok)
                        c = a->ok ? -1 : 1;
                    else if (a->ok && a->v != b->v)
                        c = (a->v < b->v) != n->sort[k].desc ? -1 : 1;
                }
                if (c >= 0)
                    break;
                order[j] = prev;
            }
            order[j] = cur;
        }
        {
            struct binding *sorted = xcalloc(out->n, sizeof(*sorted));

            for (i = 0; i < out->n; i++)
                sorted[i] = out->b[order[i]];
            free(out->b);
            out->b = sorted;
        }
    }
    if (n->limit > 0 && out->n > (size_t)n->limit)
        out->n = (size_t)n->limit;
    for (i = 0; i < out->n; i++) {
        out->b[i].pos = i + 1;
        out->b[i].count = out->n;
    }
    free(keys);
    free(order);
    free(all.b);
}

/* --- inline text --- */

static void eval_kids(struct eng *e, const struct rnode *n, struct sr_buf *out);

static const struct rnode *branch_of(struct eng *e, const struct rnode *ifn)
{
    size_t i;

    for (i = 0; i < ifn->nkids; i++) {
        if (holds(e, &ifn->kids[i]->cond))
            return ifn->kids[i];
    }
    return NULL;
}

static void eval_each(struct eng *e, const struct rnode *n, struct sr_buf *out)
{
    struct members ms;
    struct sr_buf *parts;
    const char *sep = rn_str(n, "sep", "");
    const char *last = rn_str(n, "last-sep", sep);
    size_t np = 0;
    size_t i;

    members(e, n, &ms);
    parts = xcalloc(ms.n ? ms.n : 1, sizeof(*parts));
    for (i = 0; i < ms.n; i++) {
        sr_buf_init(&parts[np]);
        push(e, &ms.b[i]);
        eval_kids(e, n, &parts[np]);
        pop(e);
        if (parts[np].len)
            np++;
        else
            sr_buf_release(&parts[np]);
    }
    if (np)
        eval_kids(e, rn_seq(n, "head"), out);
    for (i = 0; i < np; i++) {
        if (i)
            sr_buf_addstr(out, i + 1 == np ? last : sep);
        sr_buf_add(out, parts[i].buf, parts[i].len);
        sr_buf_release(&parts[i]);
    }
    if (np)
        eval_kids(e, rn_seq(n, "tail"), out);
    if (!np && n->none)
        eval_kids(e, n->none, out);
    free(parts);
    free(ms.b);
}

static void eval_node(struct eng *e, const struct rnode *n, struct sr_buf *out)
{
    struct sr_buf metric = SR_BUF_INIT;
    const struct rnode *br;
    double v = 0;
    long cnt = -1;
    bool ok;

    switch (n->kind) {
    case RN_LIT:
        sr_buf_addstr(out, n->lit);
        break;
    case RN_BR:
        sr_buf_addch(out, '\n');
        break;
    case RN_FIG:
        ok = get_fig(e, n->key, &v, &cnt, &metric);
        format_figure(e, &n->fmt, metric.buf, ok, v, cnt, out);
        break;
    case RN_VAR:
        var_text(e, n, out);
        break;
    case RN_TEXT:
        text_of(e, n->text, n->datefmt, out);
        break;
    case RN_EACH:
        eval_each(e, n, out);
        break;
    case RN_IF:
        br = branch_of(e, n);
        if (br)
            eval_kids(e, br, out);
        break;
    case RN_FLAG:
        if (holds(e, &n->cond))
            e->flags |= n->flags;
        break;
    default:
        break;
    }
    sr_buf_release(&metric);
}

static void eval_kids(struct eng *e, const struct rnode *n, struct sr_buf *out)
{
    size_t i;

    for (i = 0; n && i < n->nkids; i++)
        eval_node(e, n->kids[i], out);
}

/* the text of an attribute (RN_SEQ), "" when absent; caller frees */
static char *seq_text(struct eng *e, const struct rnode *seq)
{
    struct sr_buf b = SR_BUF_INIT;

    eval_kids(e, seq, &b);
    return sr_buf_detach(&b);
}

static char *attr_text(struct eng *e, const struct rnode *n, const char *name)
{
    return seq_text(e, rn_seq(n, name));
}

/* --- styles and colours --- */

static struct sr_rgb rgb_of(const double c[3])
{
    struct sr_rgb r = { c[0], c[1], c[2] };

    return r;
}

static struct sr_rgb marking_color(const struct eng *e)
{
    struct sr_rgb grey = { 0.35, 0.35, 0.35 };

    return e->marking ? rgb_of(e->marking->rgb) : grey;
}

static struct sr_rgb color_attr(const struct eng *e, const struct rnode *n,
                                const char *name, struct sr_rgb dflt)
{
    const char *v = rn_str(n, name, NULL);
    double c[3];
    size_t len;
    int i;

    if (!v)
        return dflt;
    if (!strcmp(v, "marking"))
        return marking_color(e);
    len = strlen(v);
    for (i = 0; i < 3; i++) {
        char h[3] = { 0 };

        if (len == 7) {
            h[0] = v[1 + 2 * i];
            h[1] = v[2 + 2 * i];
        } else {
            h[0] = h[1] = v[1 + i];
        }
        c[i] = (double)strtol(h, NULL, 16) / 255.0;
    }
    return rgb_of(c);
}

static enum sr_layout_align align_of(const char *s, enum sr_layout_align d)
{
    if (!s)
        return d;
    if (!strcmp(s, "center"))
        return SR_ALIGN_CENTER;
    if (!strcmp(s, "right"))
        return SR_ALIGN_RIGHT;
    return SR_ALIGN_LEFT;
}

static double num_attr(const struct rnode *n, const char *name, double dflt)
{
    const char *v = rn_str(n, name, NULL);

    return v ? strtod(v, NULL) : dflt;
}

/* a length attribute (already checked): pt, mm, em */
static double len_attr(const struct rnode *n, const char *name, double dflt)
{
    const char *v = rn_str(n, name, NULL);
    char *end;
    double x;

    if (!v)
        return dflt;
    x = strtod(v, &end);
    if (!strcmp(end, "mm"))
        return x * 72.0 / 25.4;
    if (!strcmp(end, "em"))
        return x * 10.5;
    return x;
}

static bool bool_attr(const struct rnode *n, const char *name, bool dflt)
{
    const char *v = rn_str(n, name, NULL);

    if (!v)
        return dflt;
    return !strcmp(v, "yes") || !strcmp(v, "true");
}

static struct sr_layout_style builtin_style(const char *name)
{
    struct sr_layout_style st = sr_layout_body_style();

    if (!strcmp(name, "plain")) {
        st.first_indent = 0;
    } else if (!strcmp(name, "note")) {
        st.size = 9;
        st.leading = 1.5;
        st.first_indent = 0;
        st.color.r = st.color.g = st.color.b = 0.3;
    } else if (!strcmp(name, "caption")) {
        st.size = 10;
        st.bold = true;
        st.first_indent = 0;
        st.align = SR_ALIGN_CENTER;
    } else if (!strcmp(name, "title")) {
        st.size = 18;
        st.bold = true;
        st.leading = 1.4;
        st.first_indent = 0;
        st.align = SR_ALIGN_CENTER;
        st.space_after = 10;
    }
    return st;
}

static struct sr_layout_style style_named(const struct eng *e, const char *name,
                                          int depth)
{
    size_t i;

    for (i = 0; depth < 8 && i < e->rt->nstyles; i++) {
        const struct rstyle *s = &e->rt->styles[i];
        struct sr_layout_style st;

        if (strcmp(s->name, name))
            continue;
        st = style_named(e, s->base, depth + 1);
        if (s->size > 0)
            st.size = s->size;
        if (s->leading > 0)
            st.leading = s->leading;
        if (s->indent >= 0)
            st.first_indent = s->indent;
        if (s->before >= 0)
            st.space_before = s->before;
        if (s->after >= 0)
            st.space_after = s->after;
        if (s->align >= 0)
            st.align = (enum sr_layout_align)s->align;
        if (s->bold >= 0)
            st.bold = s->bold;
        if (s->has_color)
            st.color = rgb_of(s->rgb);
        return st;
    }
    return builtin_style(name);
}

static struct sr_layout_style style_of(const struct eng *e,
                                       const struct rnode *n)
{
    struct sr_layout_style st = style_named(e, rn_str(n, "style", "body"), 0);

    st.size = num_attr(n, "size", st.size);
    st.leading = num_attr(n, "leading", st.leading);
    st.first_indent = num_attr(n, "indent", st.first_indent);
    st.space_before = len_attr(n, "before", st.space_before);
    st.space_after = len_attr(n, "after", st.space_after);
    st.align = align_of(rn_str(n, "align", NULL), st.align);
    st.bold = bool_attr(n, "bold", st.bold);
    st.color = color_attr(e, n, "color", st.color);
    return st;
}

/* --- blocks --- */

static void exec_kids(struct eng *e, const struct rnode *n);

static void open_page(struct eng *e)
{
    if (e->need_page) {
        e->need_page = false;
        sr_layout_page(e->L, true);
    }
}

/* "{n}" and friends of a heading, table or figure caption */
static void fill(struct sr_buf *out, const char *fmt, const char *const *names,
                 const char *const *values, size_t n)
{
    const char *p = fmt;

    while (*p) {
        size_t i;
        bool done = false;

        if (*p == '{') {
            for (i = 0; i < n && !done; i++) {
                size_t len = strlen(names[i]);

                if (!strncmp(p + 1, names[i], len) && p[1 + len] == '}') {
                    sr_buf_addstr(out, values[i]);
                    p += len + 2;
                    done = true;
                }
            }
        }
        if (!done)
            sr_buf_addch(out, *p++);
    }
}

/* 1 -> 一, 12 -> 十二, 20 -> 二十 */
static void cjk_number(char *out, size_t size, int n)
{
    static const char *const d[] = { "〇", "一", "二", "三", "四",
                                     "五", "六", "七", "八", "九" };

    if (n <= 0 || n >= 100)
        snprintf(out, size, "%d", n);
    else if (n < 10)
        snprintf(out, size, "%s", d[n]);
    else if (n < 20)
        snprintf(out, size, "十%s", n % 10 ? d[n % 10] : "");
    else
        snprintf(out, size, "%s十%s", d[n / 10], n % 10 ? d[n % 10] : "");
}

static void do_section(struct eng *e, const struct rnode *n)
{
    char *title = attr_text(e, n, "title");
    struct sr_buf h = SR_BUF_INIT;
    int lv = n->level < 1 ? 1 : n->level > 3 ? 3 : n->level;
    unsigned flags = 0;
    const char *brk = rn_str(n, "break", "none");

    open_page(e);
    if (!strcmp(brk, "page") &&
        sr_layout_room(e->L) < sr_layout_body_height(e->L) - 0.5)
        sr_layout_page(e->L, true);
    if (bool_attr(n, "numbered", true)) {
        char num[3][16];
        char cjk[32];
        const char *names[] = { "n", "cjk", "n1", "n2", "title" };
        const char *values[5];
        int i;

        e->num[lv - 1]++;
        for (i = lv; i < 3; i++)
            e->num[i] = 0;
        for (i = 0; i < 3; i++)
            snprintf(num[i], sizeof(num[i]), "%d", e->num[i]);
        cjk_number(cjk, sizeof(cjk), e->num[lv - 1]);
        values[0] = num[lv - 1];
        values[1] = cjk;
        values[2] = num[0];
        values[3] = num[1];
        values[4] = title;
        fill(&h, e->rt->heading[lv - 1], names, values, 5);
    } else {
        sr_buf_addstr(&h, title);
    }
    if (!bool_attr(n, "toc", true))
        flags |= SR_HEADING_NO_TOC;
    if (!bool_attr(n, "bookmark", true))
        flags |= SR_HEADING_NO_BOOKMARK;
    if (bool_attr(n, "center", false))
        flags |= SR_HEADING_CENTER;
    if (h.len)
        sr_layout_heading_ex(e->L, lv, h.buf, flags);
    exec_kids(e, n);
    sr_buf_release(&h);
    free(title);
}

static char *caption(struct eng *e, const struct rnode *n, const char *attr,
                     bool figure)
{
    char *text = attr_text(e, n, attr);
    struct sr_buf b = SR_BUF_INIT;
    char num[16];
    const char *names[] = { "n", "caption" };
    const char *values[2];

    if (!*text) {
        free(text);
        return NULL;
    }
    if (!bool_attr(n, "numbered", true)) {
        sr_buf_addstr(&b, text);
    } else {
        snprintf(num, sizeof(num), "%d", figure ? ++e->figures : ++e->tables);
        values[0] = num;
        values[1] = text;
        fill(&b, figure ? e->rt->figure_caption : e->rt->table_caption, names,
             values, 2);
    }
    free(text);
    return sr_buf_detach(&b);
}

/* --- tables --- */

struct tcol {
    char *title;
    const char *width;
    enum sr_layout_align align;
    bool key;
    double w;
};

struct tcell {
    char *text;
    unsigned flags;
};

struct trow {
    struct tcell *cells;
    size_t n;
    long line;
};

struct tbl {
    struct tcol *cols;
    size_t ncols;
    struct trow *rows;
    size_t nrows;
};

static void collect_cols(struct eng *e, const struct rnode *n, struct tbl *t);

static void collect_cols_kid(struct eng *e, const struct rnode *k,
                             struct tbl *t)
{
    const struct rnode *br;
    struct members ms;
    size_t i;

    if (k->kind == RN_COL) {
        struct tcol *c;

        t->cols = xreallocarray(t->cols, t->ncols + 1, sizeof(*t->cols));
        c = &t->cols[t->ncols++];
        c->title = attr_text(e, k, "title");
        c->width = rn_str(k, "width", "auto");
        c->align = align_of(rn_str(k, "align", NULL), SR_ALIGN_LEFT);
        c->key = bool_attr(k, "key", false);
        c->w = 0;
    } else if (k->kind == RN_EACH) {
        members(e, k, &ms);
        for (i = 0; i < ms.n; i++) {
            push(e, &ms.b[i]);
            collect_cols(e, k, t);
            pop(e);
        }
        free(ms.b);
    } else if (k->kind == RN_IF) {
        br = branch_of(e, k);
        if (br)
            collect_cols(e, br, t);
    }
}

static void collect_cols(struct eng *e, const struct rnode *n, struct tbl *t)
{
    size_t i;

    for (i = 0; i < n->nkids; i++)
        collect_cols_kid(e, n->kids[i], t);
}

static void collect_cells(struct eng *e, const struct rnode *n, struct trow *r,
                          unsigned *row_flags)
{
    size_t i;

    for (i = 0; i < n->nkids; i++) {
        const struct rnode *k = n->kids[i];
        const struct rnode *br;
        struct members ms;
        size_t j;

        if (k->kind == RN_CELL) {
            struct sr_buf b = SR_BUF_INIT;

            e->flags = k->flags;
            eval_kids(e, k, &b);
            r->cells = xreallocarray(r->cells, r->n + 1, sizeof(*r->cells));
            r->cells[r->n].text = sr_buf_detach(&b);
            r->cells[r->n].flags = e->flags;
            r->n++;
            e->flags = 0;
        } else if (k->kind == RN_FLAG) {
            if (holds(e, &k->cond))
                *row_flags |= k->flags;
        } else if (k->kind == RN_EACH) {
            members(e, k, &ms);
            for (j = 0; j < ms.n; j++) {
                push(e, &ms.b[j]);
                collect_cells(e, k, r, row_flags);
                pop(e);
            }
            free(ms.b);
        } else if (k->kind == RN_IF) {
            br = branch_of(e, k);
            if (br)
                collect_cells(e, br, r, row_flags);
        }
    }
}

static void collect_rows(struct eng *e, const struct rnode *n, struct tbl *t)
{
    size_t i;

    for (i = 0; i < n->nkids; i++) {
        const struct rnode *k = n->kids[i];
        const struct rnode *br;
        struct members ms;
        size_t j;

        if (k->kind == RN_ROW) {
            struct trow r = { NULL, 0, k->line };
            unsigned row_flags = k->flags;

            collect_cells(e, k, &r, &row_flags);
            for (j = 0; j < r.n; j++)
                r.cells[j].flags |= row_flags;
            t->rows = xreallocarray(t->rows, t->nrows + 1, sizeof(*t->rows));
            t->rows[t->nrows++] = r;
        } else if (k->kind == RN_EACH) {
            members(e, k, &ms);
            for (j = 0; j < ms.n; j++) {
                push(e, &ms.b[j]);
                collect_rows(e, k, t);
                pop(e);
            }
            free(ms.b);
        } else if (k->kind == RN_IF) {
            br = branch_of(e, k);
            if (br)
                collect_rows(e, br, t);
        }
    }
}

static void free_tbl(struct tbl *t)
{
    size_t i;
    size_t j;

    for (i = 0; i < t->ncols; i++)
        free(t->cols[i].title);
    for (i = 0; i < t->nrows; i++) {
        for (j = 0; j < t->rows[i].n; j++)
            free(t->rows[i].cells[j].text);
        free(t->rows[i].cells);
    }
    free(t->cols);
    free(t->rows);
}

/* the width that shows every line of @s without wrapping */
static double fit_lines(const struct sr_layout *L, const char *s)
{
    double w = 0;

    while (*s) {
        size_t n = strcspn(s, "\n");
        char *line = xstrndup(s, n);
        double lw = sr_layout_table_fit(L, line);

        free(line);
        if (lw > w)
            w = lw;
        s += n;
        if (*s)
            s++;
    }
    return w;
}

/* points for a fixed width, or 0 for auto and star widths */
static double fixed_width(const char *w, double text_w)
{
    size_t n = strlen(w);
    char *end;
    double v;

    if (!strcmp(w, "auto") || w[n - 1] == '*')
        return 0;
    v = strtod(w, &end);
    if (!strcmp(end, "%"))
        return text_w * v / 100;
    if (!strcmp(end, "mm"))
        return v * 72.0 / 25.4;
    if (!strcmp(end, "em"))
        return v * 10.5;
    return v;
}

static double star_of(const char *w)
{
    size_t n = strlen(w);

    if (!n || w[n - 1] != '*')
        return 0;
    return n == 1 ? 1 : strtod(w, NULL);
}

/* natural widths: fixed as given, auto to fit, stars at least 4 em */
static void natural_widths(struct eng *e, struct tbl *t, double *natural)
{
    double text_w = sr_layout_text_width(e->L);
    size_t i;
    size_t j;

    for (i = 0; i < t->ncols; i++) {
        struct tcol *c = &t->cols[i];
        double fw = fixed_width(c->width, text_w);

        if (fw > 0) {
            natural[i] = fw;
        } else if (star_of(c->width) > 0) {
            natural[i] = 4 * 9.0 + 8;
        } else {
            double w = fit_lines(e->L, c->title);

            for (j = 0; j < t->nrows; j++) {
                double cw = fit_lines(e->L, t->rows[j].cells[i].text);

                if (cw > w)
                    w = cw;
            }
            if (w > text_w * 0.45)
                w = text_w * 0.45;
            natural[i] = w;
        }
    }
}

/* widths in points of the columns @idx[0..n) filling the text width */
static void fill_widths(struct eng *e, const struct tbl *t,
                        const double *natural, const size_t *idx, size_t n,
                        double *out)
{
    double text_w = sr_layout_text_width(e->L);
    double used = 0;
    double stars = 0;
    double autos = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        const struct tcol *c = &t->cols[idx[i]];

        if (star_of(c->width) > 0) {
            stars += star_of(c->width);
        } else {
            used += natural[idx[i]];
            if (fixed_width(c->width, text_w) <= 0)
                autos += natural[idx[i]];
        }
    }
    for (i = 0; i < n; i++) {
        const struct tcol *c = &t->cols[idx[i]];
        double s = star_of(c->width);

        if (s > 0 && text_w > used)
            out[i] = (text_w - used) * s / stars;
        else if (s > 0)
            out[i] = natural[idx[i]];
        else if (!stars && autos > 0 && fixed_width(c->width, text_w) <= 0)
            /* no star: the auto columns share what is left (or lose
             * what is too much) in proportion */
            out[i] =
                natural[idx[i]] + (text_w - used) * natural[idx[i]] / autos;
        else
            out[i] = natural[idx[i]];
    }
}

static void emit_table(struct eng *e, const struct rnode *n,
                       const struct tbl *t, const size_t *idx, size_t ncols,
                       const double *widths, const char *cap)
{
    struct sr_layout_column *cols = xcalloc(ncols, sizeof(*cols));
    struct sr_layout_cell *cells = xcalloc(ncols, sizeof(*cells));
    struct sr_layout_table *tb;
    size_t keep = (size_t)num_attr(n, "keep", KEEP_ROWS);
    size_t i;
    size_t j;

    for (i = 0; i < ncols; i++) {
        cols[i].title = t->cols[idx[i]].title;
        cols[i].width = widths[i];
        cols[i].align = t->cols[idx[i]].align;
    }
    tb = sr_layout_table_begin(e->L, cap, cols, ncols);
    if (t->nrows <= keep)
        sr_layout_table_keep(tb, t->nrows);
    sr_layout_table_min_row(tb, len_attr(n, "min-row-height", 0));
    for (j = 0; j < t->nrows; j++) {
        for (i = 0; i < ncols; i++) {
            cells[i].text = t->rows[j].cells[idx[i]].text;
            cells[i].flags = t->rows[j].cells[idx[i]].flags;
        }
        sr_layout_table_row(tb, cells);
    }
    sr_layout_table_end(tb);
    free(cells);
    free(cols);
}

static void do_table(struct eng *e, const struct rnode *n)
{
    struct tbl t = { 0 };
    double text_w = sr_layout_text_width(e->L);
    double *natural;
    double *widths;
    size_t *idx;
    double total = 0;
    double keys_w = 0;
    bool has_key = false;
    char *cap = NULL;
    size_t i;

    collect_cols(e, n, &t);
    collect_rows(e, n, &t);
    for (i = 0; i < t.nrows; i++) {
        if (t.rows[i].n != t.ncols) {
            fail(e, t.rows[i].line,
                 "the row has %zu cells, the table %zu "
                 "columns",
                 t.rows[i].n, t.ncols);
            goto out_free;
        }
    }
    if (!t.nrows || !t.ncols)
        goto out_free;
    open_page(e);
    natural = xcalloc(t.ncols, sizeof(*natural));
    widths = xcalloc(t.ncols, sizeof(*widths));
    idx = xcalloc(t.ncols, sizeof(*idx));
    natural_widths(e, &t, natural);
    for (i = 0; i < t.ncols; i++) {
        total += natural[i];
        if (t.cols[i].key) {
            keys_w += natural[i];
            has_key = true;
        }
    }
    cap = caption(e, n, "caption", false);
    if (total <= text_w + 0.5 || !has_key) {
        for (i = 0; i < t.ncols; i++)
            idx[i] = i;
        fill_widths(e, &t, natural, idx, t.ncols, widths);
        emit_table(e, n, &t, idx, t.ncols, widths, cap);
    } else {
        /* too wide: the key columns on every part, the others shared out
         * evenly over as few parts as needed */
        size_t nkeys = 0;
        size_t nrest = 0;
        size_t parts = 1;
        size_t per;
        size_t p;
        double room = text_w - keys_w;
        double acc = 0;
        size_t *rest = xcalloc(t.ncols, sizeof(*rest));

        for (i = 0; i < t.ncols; i++) {
            if (!t.cols[i].key)
                rest[nrest++] = i;
        }
        for (i = 0; i < nrest; i++) {
            if (acc > 0 && acc + natural[rest[i]] > room) {
                parts++;
                acc = 0;
            }
            acc += natural[rest[i]];
        }
        per = (nrest + parts - 1) / parts;
        for (p = 0; p < parts; p++) {
            struct sr_buf pc = SR_BUF_INIT;
            char a[24];
            char b[24];
            const char *names[] = { "part", "parts" };
            const char *values[] = { a, b };
            size_t k = 0;
            size_t r0 = p * per;
            size_t r1 = r0 + per < nrest ? r0 + per : nrest;
            size_t ri = r0;

            /* the columns in their order, keys and this part's share */
            for (i = 0; i < t.ncols; i++) {
                if (t.cols[i].key) {
                    idx[k++] = i;
                } else if (ri < r1 && rest[ri] == i) {
                    idx[k++] = i;
                    ri++;
                }
            }
            nkeys = k;
            fill_widths(e, &t, natural, idx, nkeys, widths);
            snprintf(a, sizeof(a), "%zu", p + 1);
            snprintf(b, sizeof(b), "%zu", parts);
            if (cap) {
                sr_buf_addstr(&pc, cap);
                fill(&pc, e->rt->part, names, values, 2);
            }
            emit_table(e, n, &t, idx, nkeys, widths, cap ? pc.buf : NULL);
            sr_buf_release(&pc);
        }
        free(rest);
    }
    free(cap);
    free(idx);
    free(widths);
    free(natural);
out_free:
    free_tbl(&t);
}

/* --- charts --- */

struct cbar {
    char *label;
    char *series;
    char *text;
    bool has_value;
    double value;
    bool has_target;
    double target;
    unsigned flags;
};

struct cgroup {
    char *label;
    bool has_target;
    double target;
    struct cbar *bars;
    size_t nbars;
};

struct cpoint {
    char *label;
    char *text;
    double x;
    double y;
    int cls;
};

struct chart {
    struct cbar *bars; /* type bars */
    size_t nbars;
    struct cgroup *groups; /* grouped, stacked */
    size_t ngroups;
    struct cpoint *points; /* scatter */
    size_t npoints;
    char *quadrant[4];
};

static void collect_chart(struct eng *e, const struct rnode *n, struct chart *c,
                          struct cgroup *into, bool stacked);

static void make_bar(struct eng *e, const struct rnode *k, struct cbar *b,
                     bool stacked)
{
    struct sr_buf metric = SR_BUF_INIT;
    struct sr_buf t = SR_BUF_INIT;
    long cnt = -1;
    const struct rkey *target = rn_key(k, "target");

    memset(b, 0, sizeof(*b));
    b->label = attr_text(e, k, "label");
    b->series = attr_text(e, k, "series");
    b->has_value = get_fig(e, rn_key(k, "value"), &b->value, &cnt, &metric);
    if (target)
        b->has_target = get_fig(e, target, &b->target, NULL, NULL);
    e->flags = 0;
    eval_kids(e, k, &t);
    b->flags = e->flags & (1u << 2) ? SR_VALUE_MUTED : 0;
    e->flags = 0;
    if (!t.len && b->has_value) {
        struct rfmt f = k->fmt;

        if (!f.set && stacked) {
            f.set = true;
            f.kind = 'f';
            f.percent = true;
        }
        format_figure(e, &f, metric.buf, true, b->value, cnt, &t);
    }
    b->text = sr_buf_detach(&t);
    sr_buf_release(&metric);
}

static void collect_chart_kid(struct eng *e, const struct rnode *k,
                              struct chart *c, struct cgroup *into,
                              bool stacked)
{
    const struct rnode *br;
    struct members ms;
    size_t i;

    switch (k->kind) {
    case RN_BAR:
        if (into) {
            into->bars =
                xreallocarray(into->bars, into->nbars + 1, sizeof(*into->bars));
            make_bar(e, k, &into->bars[into->nbars++], stacked);
        } else {
            c->bars = xreallocarray(c->bars, c->nbars + 1, sizeof(*c->bars));
            make_bar(e, k, &c->bars[c->nbars++], stacked);
        }
        break;
    case RN_GROUP: {
        struct cgroup *g;
        const struct rkey *target = rn_key(k, "target");

        c->groups =
            xreallocarray(c->groups, c->ngroups + 1, sizeof(*c->groups));
        g = &c->groups[c->ngroups++];
        memset(g, 0, sizeof(*g));
        g->label = attr_text(e, k, "label");
        if (target)
            g->has_target = get_fig(e, target, &g->target, NULL, NULL);
        collect_chart(e, k, c, g, stacked);
        break;
    }
    case RN_POINT: {
        struct cpoint p;
        double cls = 0;
        struct sr_buf t = SR_BUF_INIT;
        const struct rkey *ck = rn_key(k, "class");

        memset(&p, 0, sizeof(p));
        if (!get_fig(e, rn_key(k, "x"), &p.x, NULL, NULL) ||
            !get_fig(e, rn_key(k, "y"), &p.y, NULL, NULL))
            break;
        if (ck && get_fig(e, ck, &cls, NULL, NULL) && cls >= 1 && cls <= 4)
            p.cls = (int)cls;
        p.label = attr_text(e, k, "label");
        eval_kids(e, k, &t);
        p.text = t.len ? sr_buf_detach(&t) : NULL;
        sr_buf_release(&t);
        c->points =
            xreallocarray(c->points, c->npoints + 1, sizeof(*c->points));
        c->points[c->npoints++] = p;
        break;
    }
    case RN_QUADRANT: {
        int q = (int)num_attr(k, "n", 0);

        if (q >= 1 && q <= 4) {
            free(c->quadrant[q - 1]);
            c->quadrant[q - 1] = attr_text(e, k, "label");
        }
        break;
    }
    case RN_EACH:
        members(e, k, &ms);
        for (i = 0; i < ms.n; i++) {
            push(e, &ms.b[i]);
            collect_chart(e, k, c, into, stacked);
            pop(e);
        }
        free(ms.b);
        break;
    case RN_IF:
        br = branch_of(e, k);
        if (br)
            collect_chart(e, br, c, into, stacked);
        break;
    default:
        break;
    }
}

static void collect_chart(struct eng *e, const struct rnode *n, struct chart *c,
                          struct cgroup *into, bool stacked)
{
    size_t i;

    for (i = 0; i < n->nkids; i++)
        collect_chart_kid(e, n->kids[i], c, into, stacked);
}

static void free_bar(struct cbar *b)
{
    free(b->label);
    free(b->series);
    free(b->text);
}

static void free_chart(struct chart *c)
{
    size_t i;
    size_t j;

    for (i = 0; i < c->nbars; i++)
        free_bar(&c->bars[i]);
    for (i = 0; i < c->ngroups; i++) {
        for (j = 0; j < c->groups[i].nbars; j++)
            free_bar(&c->groups[i].bars[j]);
        free(c->groups[i].bars);
        free(c->groups[i].label);
    }
    for (i = 0; i < c->npoints; i++) {
        free(c->points[i].label);
        free(c->points[i].text);
    }
    for (i = 0; i < 4; i++)
        free(c->quadrant[i]);
    free(c->bars);
    free(c->groups);
    free(c->points);
}

static void chart_bars(struct eng *e, const struct rnode *n, struct chart *c,
                       const char *title, const char *axis)
{
    struct sr_layout_bar *bars = xcalloc(c->nbars, sizeof(*bars));
    struct sr_layout_bar_chart bc;
    char *vl = attr_text(e, n, "value-legend");
    char *tl = attr_text(e, n, "target-legend");
    size_t i;
    double k = bool_attr(n, "percent", false) ? 100 : 1;

    for (i = 0; i < c->nbars; i++) {
        bars[i].label = c->bars[i].label;
        bars[i].has_value = c->bars[i].has_value;
        bars[i].value = c->bars[i].value * k;
        bars[i].value_text = c->bars[i].text;
        bars[i].has_target = c->bars[i].has_target;
        bars[i].target = c->bars[i].target * k;
    }
    memset(&bc, 0, sizeof(bc));
    bc.title = title;
    bc.axis_label = *axis ? axis : NULL;
    bc.value_legend = vl;
    bc.target_legend = *tl ? tl : NULL;
    bc.min = num_attr(n, "min", 0);
    bc.max = num_attr(n, "max", 100);
    bc.tick = num_attr(n, "tick", 0);
    bc.bars = bars;
    bc.nbars = c->nbars;
    bc.cont = e->rt->continued;
    sr_layout_bar_chart(e->L, &bc);
    free(vl);
    free(tl);
    free(bars);
}

static void chart_series(struct eng *e, const struct rnode *n, struct chart *c,
                         const char *title, const char *axis, bool stacked)
{
    const char **series = NULL;
    size_t ns = 0;
    struct sr_layout_category *cats;
    struct sr_layout_value *vals;
    struct sr_layout_series_chart sc;
    char *tl = attr_text(e, n, "target-legend");
    char *ml = attr_text(e, n, "muted-legend");
    bool any_target = false;
    bool any_muted = false;
    double scale = bool_attr(n, "percent", false) ? 100 : 1;
    size_t i;
    size_t j;
    size_t k;

    /* the series in the order they first appear */
    for (i = 0; i < c->ngroups; i++) {
        for (j = 0; j < c->groups[i].nbars; j++) {
            const char *s = c->groups[i].bars[j].series;

            for (k = 0; k < ns && strcmp(series[k], s); k++)
                ;
            if (k == ns) {
                series = xreallocarray(series, ns + 1, sizeof(*series));
                series[ns++] = s;
            }
        }
    }
    if (!ns)
        goto out;
    cats = xcalloc(c->ngroups, sizeof(*cats));
    vals = xcalloc(c->ngroups * ns, sizeof(*vals));
    for (i = 0; i < c->ngroups; i++) {
        const struct cgroup *g = &c->groups[i];

        cats[i].label = g->label;
        cats[i].values = &vals[i * ns];
        cats[i].has_target = g->has_target;
        cats[i].target = g->target * scale;
        any_target = any_target || g->has_target;
        for (j = 0; j < g->nbars; j++) {
            const struct cbar *b = &g->bars[j];

            for (k = 0; k < ns && strcmp(series[k], b->series); k++)
                ;
            vals[i * ns + k].has_value = b->has_value;
            vals[i * ns + k].value = stacked ? b->value : b->value * scale;
            vals[i * ns + k].text = b->text;
            vals[i * ns + k].flags = b->flags;
            any_muted = any_muted || (b->flags & SR_VALUE_MUTED);
            if (b->has_target && !cats[i].has_target) {
                cats[i].has_target = true;
                cats[i].target = b->target * scale;
                any_target = true;
            }
        }
    }
    memset(&sc, 0, sizeof(sc));
    sc.title = title;
    sc.axis_label = *axis ? axis : NULL;
    sc.series = series;
    sc.nseries = ns;
    sc.target_legend = any_target && *tl ? tl : NULL;
    sc.muted_legend = any_muted && *ml ? ml : NULL;
    sc.cont = e->rt->continued;
    sc.stacked = stacked;
    sc.min = num_attr(n, "min", 0);
    sc.max = num_attr(n, "max", 100);
    sc.tick = num_attr(n, "tick", 0);
    sc.cats = cats;
    sc.ncats = c->ngroups;
    sr_layout_series_chart(e->L, &sc);
    free(vals);
    free(cats);
out:
    free(series);
    free(tl);
    free(ml);
}

static void chart_scatter(struct eng *e, const struct rnode *n, struct chart *c,
                          const char *title)
{
    struct sr_layout_point *pts = xcalloc(c->npoints, sizeof(*pts));
    struct sr_layout_scatter sc;
    char *xl = attr_text(e, n, "x-axis");
    char *yl = attr_text(e, n, "y-axis");
    double sx = 0;
    double sy = 0;
    size_t i;

    memset(&sc, 0, sizeof(sc));
    for (i = 0; i < c->npoints; i++) {
        pts[i].label = c->points[i].label;
        pts[i].value_text = c->points[i].text;
        pts[i].x = c->points[i].x;
        pts[i].y = c->points[i].y;
        pts[i].cls = c->points[i].cls;
        sx += pts[i].x;
        sy += pts[i].y;
    }
    /* the quadrant lines: GB/T 19038 splits at the mean over the
     * dimensions, which are the points drawn (geometry, not a figure) */
    if (strcmp(rn_str(n, "split", "mean"), "none")) {
        sc.has_split = true;
        sc.x_split = sx / (double)c->npoints;
        sc.y_split = sy / (double)c->npoints;
    }
    sc.title = title;
    sc.x_label = *xl ? xl : NULL;
    sc.y_label = *yl ? yl : NULL;
    for (i = 0; i < 4; i++)
        sc.quadrant[i] = c->quadrant[i];
    sc.points = pts;
    sc.npoints = c->npoints;
    sr_layout_scatter(e->L, &sc);
    free(xl);
    free(yl);
    free(pts);
}

static void do_chart(struct eng *e, const struct rnode *n)
{
    struct chart c;
    const char *type = rn_str(n, "type", "bars");
    bool stacked = !strcmp(type, "stacked");
    char *title;
    char *axis;

    memset(&c, 0, sizeof(c));
    collect_chart(e, n, &c, NULL, stacked);
    if (!c.nbars && !c.ngroups && !c.npoints)
        goto out;
    open_page(e);
    title = caption(e, n, "title", true);
    axis = attr_text(e, n, "axis");
    if (!strcmp(type, "bars"))
        chart_bars(e, n, &c, title, axis);
    else if (!strcmp(type, "scatter"))
        chart_scatter(e, n, &c, title);
    else
        chart_series(e, n, &c, title, axis, stacked);
    free(axis);
    free(title);
out:
    free_chart(&c);
}

/* --- other blocks --- */

struct kpi {
    char *label;
    char *value;
    char *note;
};

static void collect_kpis(struct eng *e, const struct rnode *n, struct kpi **k,
                         size_t *nk)
{
    size_t i;
    size_t j;

    for (i = 0; i < n->nkids; i++) {
        const struct rnode *c = n->kids[i];
        const struct rnode *br;
        struct members ms;

        if (c->kind == RN_KPI) {
            *k = xreallocarray(*k, *nk + 1, sizeof(**k));
            (*k)[*nk].label = attr_text(e, c, "label");
            (*k)[*nk].value = attr_text(e, c, "value");
            (*k)[*nk].note = attr_text(e, c, "note");
            (*nk)++;
        } else if (c->kind == RN_EACH) {
            members(e, c, &ms);
            for (j = 0; j < ms.n; j++) {
                push(e, &ms.b[j]);
                collect_kpis(e, c, k, nk);
                pop(e);
            }
            free(ms.b);
        } else if (c->kind == RN_IF) {
            br = branch_of(e, c);
            if (br)
                collect_kpis(e, br, k, nk);
        }
    }
}

static void do_kpis(struct eng *e, const struct rnode *n)
{
    struct kpi *k = NULL;
    size_t nk = 0;
    struct sr_layout_kpi row[KPIS_PER_ROW];
    size_t i;
    size_t j;

    collect_kpis(e, n, &k, &nk);
    if (nk)
        open_page(e);
    for (i = 0; i < nk; i += KPIS_PER_ROW) {
        size_t m = nk - i < KPIS_PER_ROW ? nk - i : KPIS_PER_ROW;

        for (j = 0; j < m; j++) {
            row[j].label = k[i + j].label;
            row[j].value = k[i + j].value;
            row[j].note = *k[i + j].note ? k[i + j].note : NULL;
        }
        sr_layout_kpis(e->L, row, m);
    }
    for (i = 0; i < nk; i++) {
        free(k[i].label);
        free(k[i].value);
        free(k[i].note);
    }
    free(k);
}

static void do_toc(struct eng *e, const struct rnode *n)
{
    char *title = attr_text(e, n, "title");
    int levels = (int)num_attr(n, "levels", 2);
    size_t i;

    open_page(e);
    if (*title)
        sr_layout_heading_ex(e->L, 1, title,
                             SR_HEADING_NO_TOC | SR_HEADING_CENTER);
    for (i = 0; i < e->ntoc; i++) {
        const struct sr_layout_mark *mk = &e->toc[i];
        char page[24];

        if (!mk->toc || mk->level > levels)
            continue;
        snprintf(page, sizeof(page), "%zu", mk->page);
        sr_layout_toc_line(e->L, mk->level, mk->text, page, mk->page);
    }
    free(title);
}

static void exec_block(struct eng *e, const struct rnode *n)
{
    const struct rnode *br;
    struct members ms;
    size_t i;

    if (e->err != SR_OK)
        return;
    switch (n->kind) {
    case RN_COVER:
        sr_layout_page(e->L, false);
        exec_kids(e, n);
        e->need_page = true;
        break;
    case RN_SECTION:
        do_section(e, n);
        break;
    case RN_P: {
        struct sr_buf b = SR_BUF_INIT;
        struct sr_layout_style st = style_of(e, n);

        eval_kids(e, n, &b);
        if (b.len) {
            open_page(e);
            sr_layout_text(e->L, &st, b.buf);
        }
        sr_buf_release(&b);
        break;
    }
    case RN_TABLE:
        do_table(e, n);
        break;
    case RN_CHART:
        do_chart(e, n);
        break;
    case RN_KPIS:
        do_kpis(e, n);
        break;
    case RN_TOC:
        do_toc(e, n);
        break;
    case RN_PAGE:
        e->need_page = false;
        sr_layout_page(e->L, bool_attr(n, "running", true));
        break;
    case RN_GOTO:
        open_page(e);
        sr_layout_goto(e->L, num_attr(n, "at", 0));
        break;
    case RN_SPACE:
        open_page(e);
        sr_layout_skip(e->L, len_attr(n, "height", 0));
        break;
    case RN_RULE: {
        struct sr_rgb blue = { 0.10, 0.25, 0.50 };

        open_page(e);
        sr_layout_rule(e->L, num_attr(n, "width", 1),
                       color_attr(e, n, "color", blue));
        break;
    }
    case RN_STAMP: {
        struct sr_buf b = SR_BUF_INIT;

        eval_kids(e, n, &b);
        if (b.len) {
            open_page(e);
            sr_layout_stamp(e->L, b.buf, num_attr(n, "size", 16),
                            align_of(rn_str(n, "align", NULL), SR_ALIGN_RIGHT),
                            color_attr(e, n, "color", marking_color(e)));
        }
        sr_buf_release(&b);
        break;
    }
    case RN_EACH:
        members(e, n, &ms);
        for (i = 0; i < ms.n; i++) {
            push(e, &ms.b[i]);
            exec_kids(e, n);
            pop(e);
        }
        if (!ms.n && n->none)
            exec_kids(e, n->none);
        free(ms.b);
        break;
    case RN_IF:
        br = branch_of(e, n);
        if (br)
            exec_kids(e, br);
        break;
    default:
        /* inline nodes at block level: the loader makes none */
        break;
    }
}

static void exec_kids(struct eng *e, const struct rnode *n)
{
    size_t i;

    for (i = 0; n && i < n->nkids && e->err == SR_OK; i++)
        exec_block(e, n->kids[i]);
}

/* --- the document --- */

static bool any_prev_rows(const struct sr_model *m)
{
    size_t i;

    if (m->has_previous)
        return true;
    for (i = 0; i < m->nrows; i++) {
        if (!strcmp(m->rows[i].metric, "prev_index"))
            return true;
    }
    return false;
}

static bool same_marks(const struct sr_layout_mark *a, size_t na,
                       const struct sr_layout_mark *b, size_t nb)
{
    size_t i;

    if (na != nb)
        return false;
    for (i = 0; i < na; i++) {
        if (a[i].page != b[i].page || a[i].level != b[i].level ||
            strcmp(a[i].text, b[i].text))
            return false;
    }
    return true;
}

static void free_marks(struct sr_layout_mark *m, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(m[i].text);
    free(m);
}

static bool has_toc(const struct rnode *n)
{
    size_t i;

    if (n->kind == RN_TOC)
        return true;
    for (i = 0; i < n->nkids; i++) {
        if (has_toc(n->kids[i]))
            return true;
    }
    return n->none && has_toc(n->none);
}

/* the run's facts the template keys on: marking, status */
/* The groups of the customer archive's figures, as model groups: the
 * label is the template field's (客户经理 for the account managers), forms
 * the model's for a value it breaks down, else -1. */
static void customer_groups(struct eng *e)
{
    struct sr_customer_group *cg;
    size_t n = 0;
    size_t g;
    size_t v;
    size_t k;

    cg = sr_customer_groups(e->m, &n);
    e->cgroups = xcalloc(n ? n : 1, sizeof(*e->cgroups));
    e->ncgroups = n;
    for (g = 0; g < n; g++) {
        struct sr_model_group *mg = &e->cgroups[g];
        const struct sr_model_group *model = NULL;
        bool en = e->rt->lang && !strncmp(e->rt->lang, "en", 2);

        mg->field_id = cg[g].id;
        mg->label = en ? "Account manager" : "客户经理";
        mg->kind = SR_GROUP_SEGMENT;
        for (k = 0; e->t && k < e->t->nfields; k++)
            if (!strcmp(e->t->fields[k].id, cg[g].id))
                mg->label = e->t->fields[k].label;
        for (k = 0; k < e->m->ngroups; k++)
            if (!strcmp(e->m->groups[k].field_id, cg[g].id))
                model = &e->m->groups[k];
        /* the values are the model's strings: the array is ours */
        mg->values = (const char **)cg[g].values;
        cg[g].values = NULL;
        mg->nvalues = cg[g].nvalues;
        mg->forms = xcalloc(mg->nvalues ? mg->nvalues : 1, sizeof(*mg->forms));
        for (v = 0; v < mg->nvalues; v++) {
            mg->forms[v] = -1;
            for (k = 0; model && k < model->nvalues; k++)
                if (!strcmp(model->values[k], mg->values[v]))
                    mg->forms[v] = model->forms[k];
        }
    }
    sr_customer_groups_free(cg, n);
}

static void free_customer_groups(struct eng *e)
{
    size_t g;

    for (g = 0; g < e->ncgroups; g++) {
        free(e->cgroups[g].values);
        free(e->cgroups[g].forms);
    }
    free(e->cgroups);
    e->cgroups = NULL;
    e->ncgroups = 0;
}

static void setup(struct eng *e)
{
    const struct sr_report_tmpl *rt = e->rt;
    size_t i;

    e->marking_level = e->cfg ? str_or(e->cfg->confidentiality, NULL) : NULL;
    e->marking = NULL;
    for (i = 0; e->marking_level && i < rt->nmarkings; i++) {
        if (!strcmp(rt->markings[i].level, e->marking_level))
            e->marking = &rt->markings[i];
    }
    e->status_value = str_or(e->ri->status, rt->status);
    e->draft = true;
    for (i = 0; i < rt->nstatuses; i++) {
        if (!strcmp(rt->statuses[i].value, e->status_value))
            e->draft = rt->statuses[i].draft;
    }
    e->has_prev = any_prev_rows(e->m);
    e->fl = e->ri->followup;
    customer_groups(e);
}

/* 机密 and 绝密 are always protected; a template may protect more */
static bool protected_level(const struct eng *e)
{
    if (!e->marking_level)
        return false;
    if (!strcmp(e->marking_level, "机密") || !strcmp(e->marking_level, "绝密"))
        return true;
    return e->marking && e->marking->protect;
}

static enum sr_status one_pass(struct eng *e, struct sr_layout_info *info,
                               struct sr_diag *d)
{
    enum sr_status rc;

    e->nb = 0;
    e->num[0] = e->num[1] = e->num[2] = 0;
    e->tables = e->figures = 0;
    e->need_page = false;
    rc = sr_layout_new(&e->L, info, d);
    if (rc != SR_OK)
        return rc;
    exec_kids(e, e->rt->root);
    if (e->err != SR_OK)
        return e->err;
    if (!sr_layout_page_count(e->L))
        sr_layout_page(e->L, false);
    return sr_layout_check(e->L, d);
}

enum sr_status sr_render_pdf_with(const char *path,
                                  const struct sr_report_tmpl *rt,
                                  const struct sr_model *m,
                                  const struct sr_run_info *ri,
                                  struct sr_diag *d)
{
    struct eng e;
    struct sr_layout_info info;
    struct sr_buf creator = SR_BUF_INIT;
    struct sr_buf seed = SR_BUF_INIT;
    struct sr_buf title = SR_BUF_INIT;
    char *head_left = NULL;
    char *head_right = NULL;
    char *foot = NULL;
    char *mark = NULL;
    char *subject = NULL;
    char *author = NULL;
    char *keywords = NULL;
    struct sr_layout_mark *prev = NULL;
    size_t nprev = 0;
    bool toc;
    int pass;
    enum sr_status rc;

    memset(&e, 0, sizeof(e));
    e.rt = rt;
    e.m = m;
    e.t = m->tmpl;
    e.ri = ri;
    e.cfg = ri->cfg;
    e.d = d;
    setup(&e);

    if (rt->info_title)
        eval_kids(&e, rt->info_title, &title);
    else
        text_of(&e, RT_TITLE, NULL, &title);
    subject = seq_text(&e, rt->info_subject);
    author = seq_text(&e, rt->info_author);
    keywords = seq_text(&e, rt->info_keywords);
    head_left = seq_text(&e, rt->head_left);
    head_right = seq_text(&e, rt->head_right);
    foot = seq_text(&e, rt->foot);
    mark = seq_text(&e, rt->watermark);
    sr_buf_addf(&creator, "satreport %s", str_or(ri->version, "unknown"));
    /* what makes this copy this copy, for the file ID */
    sr_buf_addf(&seed, "%s|%s|%s|%s|%d|%s|%s", title.buf,
                str_or(ri->document_no, ""), str_or(e.marking_level, ""),
                str_or(ri->recipient, ""), ri->copy_no,
                str_or(e.status_value, ""),
                e.cfg ? str_or(e.cfg->organization, "") : "");

    memset(&info, 0, sizeof(info));
    info.title = title.len ? title.buf : NULL;
    info.author = *author ? author : NULL;
    info.subject = *subject ? subject : NULL;
    info.keywords = *keywords ? keywords : NULL;
    info.creator = creator.buf;
    info.epoch = ri->epoch;
    info.font_path = str_or(ri->font_path, SR_LAYOUT_DEFAULT_FONT);
    info.font_index = ri->font_index;
    info.header_left = *head_left ? head_left : NULL;
    info.header_right = *head_right ? head_right : NULL;
    info.header_right_color = marking_color(&e);
    info.foot = *foot ? foot : NULL;
    info.watermark = *mark ? mark : NULL;
    info.watermark_color =
        rt->has_watermark_color ? rgb_of(rt->watermark_rgb) : marking_color(&e);
    info.protect = protected_level(&e);
    info.id_seed = seed.buf;

    toc = has_toc(rt->root);
    for (pass = 0;; pass++) {
        const struct sr_layout_mark *mk;
        size_t n;
        size_t i;

        e.toc = prev;
        e.ntoc = nprev;
        rc = one_pass(&e, &info, d);
        if (rc != SR_OK)
            goto out;
        mk = sr_layout_marks(e.L, &n);
        if (!toc || pass + 1 >= MAX_PASSES || same_marks(prev, nprev, mk, n))
            break;
        free_marks(prev, nprev);
        prev = xcalloc(n ? n : 1, sizeof(*prev));
        for (i = 0; i < n; i++) {
            prev[i] = mk[i];
            prev[i].text = xstrdup(mk[i].text);
        }
        nprev = n;
        sr_layout_free(e.L);
        e.L = NULL;
    }
    rc = sr_layout_save(e.L, path, d);
out:
    free_customer_groups(&e);
    sr_layout_free(e.L);
    free_marks(prev, nprev);
    sr_buf_release(&creator);
    sr_buf_release(&seed);
    sr_buf_release(&title);
    free(head_left);
    free(head_right);
    free(foot);
    free(mark);
    free(subject);
    free(author);
    free(keywords);
    return rc;
}

enum sr_status sr_render_pdf(const char *path, const struct sr_model *m,
                             const struct sr_run_info *ri, struct sr_diag *d)
{
    struct sr_report_tmpl *rt;
    const char *tp =
        ri->cfg && ri->cfg->report_template && *ri->cfg->report_template
            ? ri->cfg->report_template
            : sr_report_default_path();
    enum sr_status rc = sr_report_load(tp, &rt, d);

    if (rc != SR_OK)
        return rc;
    rc = sr_render_pdf_with(path, rt, m, ri, d);
    sr_report_free(rt);
    return rc;
}
