/* SPDX-License-Identifier: MIT */
/*
 * pdf.c - report.pdf: the satisfaction analysis report (顾客满意度调查分析报告)
 *
 * In: the statistics model (figures, the template, groups, sources) and the
 * run info (title, organisation, confidentiality, dates, font).  Out: one
 * PDF file, through the layout layer (layout.h), which owns libharu.
 *
 * This file computes no figure: every number printed is a model figure
 * rounded here (index 1 decimal, mean/sd 2, shares as % with 1, p 3) or
 * "—" when the model has no such figure.  It only decides wording, order
 * and marks (达标 from the sign of gap, * from p < 0.05, 样本少 from the
 * group's form count against min_base).
 */
#include "../render.h"
#include "layout.h"

#include "../../core/buf.h"
#include "../../core/mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_TITLE "顾客满意度调查分析报告"
#define ABSENT        "—"
#define SIGNIFICANT   0.05
#define KEEP_ROWS     12   /* tables this short stay on one page */
#define MIN_VALUE_COL 46.0 /* points: fits "100.0*" and "p=0.000" */

/* a figure as looked up in the model */
struct fig {
    bool ok;
    double v;
    long n;
};

/* a formatted number, kept by value in tables */
struct num {
    char s[48];
};

struct report {
    const struct sr_model *m;
    const struct sr_template *t;
    const struct sr_run_info *ri;
    const struct sr_config *cfg;
    struct sr_layout *L;
    int tables;  /* numbering of 表N */
    int figures; /* numbering of 图N */
    int section; /* 一、二、… */
};

static const char *const chinese_numbers[] = {
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
};

#define NCHINESE (sizeof(chinese_numbers) / sizeof(chinese_numbers[0]))

/* --- figures and their formatting --- */

static struct fig get(const struct report *r, const char *group,
                      const char *value, const char *subject,
                      const char *metric)
{
    struct fig f = { false, 0, -1 };

    f.ok = sr_model_get(r->m, group, value, subject, metric, &f.v, &f.n);
    return f;
}

static struct fig get_all(const struct report *r, const char *subject,
                          const char *metric)
{
    return get(r, "all", NULL, subject, metric);
}

/*
 * "%.*f" (with a "+" on positive values when @plus), without a minus sign
 * on a value that rounds to zero.  Values too large for fixed notation,
 * and non-finite ones, print with "%g".
 */
static struct num fixed(double v, int decimals, bool plus)
{
    struct num out;
    const char *p;

    if (!isfinite(v) || fabs(v) >= 1e15) {
        snprintf(out.s, sizeof(out.s), "%g", v);
        return out;
    }
    snprintf(out.s, sizeof(out.s), plus ? "%+.*f" : "%.*f", decimals, v);
    if (out.s[0] == '-' || out.s[0] == '+') {
        for (p = out.s + 1; *p == '0' || *p == '.'; p++)
            ;
        if (!*p)
            memmove(out.s, out.s + 1, strlen(out.s));
    }
    return out;
}

static struct num fmt_fixed(struct fig f, int decimals)
{
    struct num out;

    if (!f.ok) {
        snprintf(out.s, sizeof(out.s), "%s", ABSENT);
        return out;
    }
    return fixed(f.v, decimals, false);
}

/* an index (0..100): one decimal */
static struct num fmt_index(struct fig f)
{
    return fmt_fixed(f, 1);
}

/* a share 0..1 as a percentage with one decimal */
static struct num fmt_share(struct fig f)
{
    struct num out;

    if (!f.ok) {
        snprintf(out.s, sizeof(out.s), "%s", ABSENT);
        return out;
    }
    out = fixed(f.v * 100, 1, false);
    if (strlen(out.s) + 2 <= sizeof(out.s))
        memcpy(out.s + strlen(out.s), "%", 2);
    return out;
}

/* a signed difference with one decimal: +2.5, -3.0, 0.0 */
static struct num fmt_gap(struct fig f)
{
    struct num out;

    if (!f.ok) {
        snprintf(out.s, sizeof(out.s), "%s", ABSENT);
        return out;
    }
    return fixed(f.v, 1, true);
}

/* a count figure (forms): a whole number */
static struct num fmt_count(struct fig f)
{
    return fmt_fixed(f, 0);
}

/* the n behind a figure */
static struct num fmt_n(struct fig f)
{
    struct num out;

    if (!f.ok || f.n < 0)
        snprintf(out.s, sizeof(out.s), "%s", ABSENT);
    else
        snprintf(out.s, sizeof(out.s), "%ld", f.n);
    return out;
}

static struct num fmt_long(long v)
{
    struct num out;

    snprintf(out.s, sizeof(out.s), "%ld", v);
    return out;
}

/* a p value: 3 decimals, "<0.001" below what 3 decimals can show */
static struct num fmt_p(struct fig f)
{
    struct num out;

    if (!f.ok)
        snprintf(out.s, sizeof(out.s), "%s", ABSENT);
    else if (f.v < 0.0005)
        snprintf(out.s, sizeof(out.s), "<0.001");
    else
        out = fixed(f.v, 3, false);
    return out;
}

/* a template weight: three significant digits (0.3, 0.111, 25) */
static struct num fmt_weight(double w)
{
    struct num out;

    if (!isfinite(w) || fabs(w) >= 1000)
        snprintf(out.s, sizeof(out.s), "%.0f", w);
    else
        snprintf(out.s, sizeof(out.s), "%.3g", w);
    return out;
}

/* yyyymmdd -> YYYY-MM-DD */
static void fmt_ymd(struct sr_buf *b, int ymd)
{
    sr_buf_addf(b, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

static void fmt_period(struct sr_buf *b, const struct sr_config *cfg)
{
    if (cfg && (cfg->period_from || cfg->period_to)) {
        if (cfg->period_from)
            fmt_ymd(b, cfg->period_from);
        else
            sr_buf_addstr(b, "不限");
        sr_buf_addstr(b, " 至 ");
        if (cfg->period_to)
            fmt_ymd(b, cfg->period_to);
        else
            sr_buf_addstr(b, "不限");
    } else if (cfg && cfg->period && *cfg->period) {
        sr_buf_addstr(b, cfg->period);
    } else {
        sr_buf_addstr(b, "未限定");
    }
}

static const char *str_or(const char *s, const char *dflt)
{
    return s && *s ? s : dflt;
}

static const char *title_of(const struct report *r)
{
    return str_or(r->cfg ? r->cfg->title : NULL, DEFAULT_TITLE);
}

static const char *secrecy_of(const struct report *r)
{
    return r->cfg ? str_or(r->cfg->confidentiality, NULL) : NULL;
}

static struct sr_rgb secrecy_color(const char *level)
{
    struct sr_rgb red = { 0.75, 0.05, 0.05 };
    struct sr_rgb blue = { 0.10, 0.25, 0.50 };
    struct sr_rgb grey = { 0.35, 0.35, 0.35 };

    if (!level)
        return grey;
    if (!strcmp(level, "机密") || !strcmp(level, "绝密"))
        return red;
    if (!strcmp(level, "内部"))
        return blue;
    return grey;
}

/* --- text helpers --- */

static void para(struct report *r, const char *text)
{
    struct sr_layout_style st = sr_layout_body_style();

    sr_layout_text(r->L, &st, text);
}

static void note(struct report *r, const char *text)
{
    struct sr_layout_style st = sr_layout_body_style();

    st.size = 9;
    st.leading = 1.5;
    st.first_indent = 0;
    st.color.r = st.color.g = st.color.b = 0.3;
    sr_layout_text(r->L, &st, text);
}

static void section(struct report *r, const char *name)
{
    struct sr_buf b = SR_BUF_INIT;
    size_t i = (size_t)r->section++;

    sr_buf_addf(&b, "%s、%s", i < NCHINESE ? chinese_numbers[i] : "十", name);
    sr_layout_heading(r->L, 1, b.buf);
    sr_buf_release(&b);
}

static void subsection(struct report *r, size_t i, const char *name)
{
    struct sr_buf b = SR_BUF_INIT;

    sr_buf_addf(&b, "（%s）%s", i < NCHINESE ? chinese_numbers[i] : "十", name);
    sr_layout_heading(r->L, 2, b.buf);
    sr_buf_release(&b);
}

static char *caption(struct report *r, bool figure, const char *text)
{
    struct sr_buf b = SR_BUF_INIT;

    if (figure)
        sr_buf_addf(&b, "图%d  %s", ++r->figures, text);
    else
        sr_buf_addf(&b, "表%d  %s", ++r->tables, text);
    return sr_buf_detach(&b);
}

static struct sr_layout_table *table(struct report *r, const char *title,
                                     const struct sr_layout_column *cols,
                                     size_t n)
{
    char *cap = caption(r, false, title);
    struct sr_layout_table *t = sr_layout_table_begin(r->L, cap, cols, n);

    free(cap);
    return t;
}

/* --- the cover --- */

static void cover(struct report *r)
{
    struct sr_layout *L = r->L;
    struct sr_layout_style st = sr_layout_body_style();
    struct sr_buf b = SR_BUF_INIT;
    const char *secrecy = secrecy_of(r);
    const struct sr_config *cfg = r->cfg;
    struct sr_rgb rule = { 0.10, 0.25, 0.50 };

    sr_layout_page(L, false);
    if (secrecy)
        sr_layout_stamp(L, secrecy, 16, SR_ALIGN_RIGHT, secrecy_color(secrecy));

    st.first_indent = 0;
    st.align = SR_ALIGN_CENTER;
    st.space_after = 0;

    sr_layout_goto(L, 0.17);
    if (cfg && cfg->organization && *cfg->organization) {
        st.size = 16;
        st.leading = 1.5;
        sr_layout_text(L, &st, cfg->organization);
    }
    sr_layout_goto(L, 0.25);
    st.size = 26;
    st.leading = 1.45;
    st.bold = true;
    sr_layout_text(L, &st, title_of(r));
    sr_layout_skip(L, 10);
    sr_layout_rule(L, 1.5, rule);
    if (r->t && r->t->title && *r->t->title) {
        st.size = 12;
        st.bold = false;
        st.space_before = 8;
        st.color.r = st.color.g = st.color.b = 0.35;
        sr_buf_addf(&b, "依据《%s》", r->t->title);
        sr_layout_text(L, &st, b.buf);
        sr_buf_reset(&b);
        memset(&st.color, 0, sizeof(st.color));
    }

    sr_layout_goto(L, 0.58);
    st.size = 12.5;
    st.leading = 2.1;
    st.bold = false;
    st.space_before = 0;
    sr_buf_addstr(&b, "调查期间：");
    fmt_period(&b, cfg);
    sr_layout_text(L, &st, b.buf);
    sr_buf_reset(&b);
    sr_buf_addf(&b, "编制单位：%s",
                str_or(cfg ? cfg->prepared_by : NULL, ABSENT));
    sr_layout_text(L, &st, b.buf);
    sr_buf_reset(&b);
    sr_buf_addf(&b, "报告日期：%s", r->ri->date[0] ? r->ri->date : ABSENT);
    sr_layout_text(L, &st, b.buf);
    sr_buf_reset(&b);
    if (secrecy) {
        sr_buf_addf(&b, "密    级：%s", secrecy);
        sr_layout_text(L, &st, b.buf);
        sr_buf_reset(&b);
    }

    sr_layout_goto(L, 0.96);
    st.size = 8;
    st.leading = 1.4;
    st.color.r = st.color.g = st.color.b = 0.45;
    sr_buf_addf(&b, "本报告由 satreport %s 根据调查数据自动生成",
                str_or(r->ri->version, ""));
    sr_layout_text(L, &st, b.buf);
    sr_buf_release(&b);
}

/* --- 一、调查概况 --- */

/* 表 数据来源: one row per input file and the total from the figures */
static void sources(struct report *r, const struct fig *read,
                    const struct fig *acc, const struct fig *ref,
                    const struct fig *oop)
{
    static const struct sr_layout_column cols[] = {
        { "来源文件", 4.2, SR_ALIGN_LEFT }, { "读取", 1.0, SR_ALIGN_RIGHT },
        { "接受", 1.0, SR_ALIGN_RIGHT },    { "拒收", 1.0, SR_ALIGN_RIGHT },
        { "期外", 1.0, SR_ALIGN_RIGHT },
    };
    struct num total[4] = { fmt_count(*read), fmt_count(*acc), fmt_count(*ref),
                            fmt_count(*oop) };
    struct sr_layout_cell sum[5] = {
        { "合计", SR_CELL_STRONG },     { total[0].s, SR_CELL_STRONG },
        { total[1].s, SR_CELL_STRONG }, { total[2].s, SR_CELL_STRONG },
        { total[3].s, SR_CELL_STRONG },
    };
    struct sr_layout_table *t;
    size_t i;

    if (!r->m->nsources) {
        para(r, "（模型中没有按来源文件的明细。）");
        return;
    }
    t = table(r, "数据来源", cols, 5);
    if (r->m->nsources < KEEP_ROWS)
        sr_layout_table_keep(t, r->m->nsources + 1);
    for (i = 0; i < r->m->nsources; i++) {
        const struct sr_model_source *s = &r->m->sources[i];
        struct num v[4] = { fmt_long(s->read), fmt_long(s->accepted),
                            fmt_long(s->refused), fmt_long(s->out_of_period) };
        const char *row[5] = { s->file, v[0].s, v[1].s, v[2].s, v[3].s };

        sr_layout_table_row_text(t, row);
    }
    sr_layout_table_row(t, sum);
    sr_layout_table_end(t);
}

static void overview(struct report *r)
{
    struct sr_buf b = SR_BUF_INIT;
    struct fig read = get_all(r, "forms", "read");
    struct fig acc = get_all(r, "forms", "accepted");
    struct fig ref = get_all(r, "forms", "refused");
    struct fig oop = get_all(r, "forms", "out_of_period");
    struct num nread = fmt_count(read);
    struct num nacc = fmt_count(acc);
    struct num nref = fmt_count(ref);
    struct num noop = fmt_count(oop);
    static const struct sr_layout_column rec_cols[] = {
        { "项目", 1.2, SR_ALIGN_LEFT },
        { "份数", 1.0, SR_ALIGN_RIGHT },
        { "说明", 4.5, SR_ALIGN_LEFT },
    };
    struct sr_layout_table *t;
    size_t i;

    section(r, "调查概况");
    if (r->t && r->t->title && *r->t->title) {
        sr_buf_addf(&b, "本次调查使用《%s》", r->t->title);
        if (r->t->id && *r->t->id)
            sr_buf_addf(&b, "（编号 %s%s%s）", r->t->id,
                        r->t->version && *r->t->version ? "，版本 " : "",
                        r->t->version && *r->t->version ? r->t->version : "");
        sr_buf_addstr(&b, "，");
    }
    sr_buf_addstr(&b, "调查期间为 ");
    fmt_period(&b, r->cfg);
    sr_buf_addf(&b,
                "。共读取问卷 %s 份，其中接受（纳入分析）%s 份，"
                "拒收 %s 份，调查日期在调查期间之外（期外）%s 份。",
                nread.s, nacc.s, nref.s, noop.s);
    para(r, b.buf);
    sr_buf_reset(&b);
    sr_buf_addf(&b,
                "问卷核对：读取 = 接受 + 拒收 + 期外，即 %s = %s + %s + "
                "%s。",
                nread.s, nacc.s, nref.s, noop.s);
    para(r, b.buf);
    sr_buf_reset(&b);

    t = table(r, "问卷核对", rec_cols, 3);
    sr_layout_table_keep(t, 4);
    {
        const char *rows[4][3] = {
            { "读取", nread.s, "输入文件中读到的全部问卷" },
            { "接受", nacc.s, "通过校验、纳入统计分析的问卷" },
            { "拒收", nref.s, "未通过校验的问卷（逐条原因见 rejects.csv）" },
            { "期外", noop.s, "调查日期不在调查期间内：只计数，不参与分析" },
        };

        for (i = 0; i < 4; i++)
            sr_layout_table_row_text(t, rows[i]);
    }
    sr_layout_table_end(t);

    sources(r, &read, &acc, &ref, &oop);
    sr_buf_release(&b);
}

/* --- 二、满意度指数 --- */

static void kpis(struct report *r)
{
    struct fig csi = get_all(r, "CSI", "index");
    struct fig nps = get_all(r, "NPS", "index");
    struct num v[3];
    struct num n[3];
    struct sr_buf notes[3] = { SR_BUF_INIT, SR_BUF_INIT, SR_BUF_INIT };
    struct sr_layout_kpi k[3];
    size_t nk = 0;
    size_t i;

    v[nk] = fmt_index(csi);
    n[nk] = fmt_n(csi);
    sr_buf_addf(&notes[nk], "0–100，n = %s", n[nk].s);
    k[nk].label = "顾客满意度指数 CSI";
    k[nk].value = v[nk].s;
    k[nk].note = notes[nk].buf;
    nk++;
    if (r->t && r->t->overall_item >= 0) {
        struct fig o = get_all(r, r->t->items[r->t->overall_item].id, "index");

        v[nk] = fmt_index(o);
        n[nk] = fmt_n(o);
        sr_buf_addf(&notes[nk], "0–100，n = %s", n[nk].s);
        k[nk].label = "总体满意度指数";
        k[nk].value = v[nk].s;
        k[nk].note = notes[nk].buf;
        nk++;
    }
    v[nk] = fmt_index(nps);
    n[nk] = fmt_n(nps);
    sr_buf_addf(&notes[nk], "-100～100，n = %s", n[nk].s);
    k[nk].label = "净推荐值 NPS";
    k[nk].value = v[nk].s;
    k[nk].note = notes[nk].buf;
    nk++;
    sr_layout_kpis(r->L, k, nk);
    for (i = 0; i < 3; i++)
        sr_buf_release(&notes[i]);
}

static void indices(struct report *r)
{
    static const struct sr_layout_column cols[] = {
        { "维度", 2.0, SR_ALIGN_LEFT },       { "权重", 0.9, SR_ALIGN_RIGHT },
        { "指数", 0.9, SR_ALIGN_RIGHT },      { "目标", 0.9, SR_ALIGN_RIGHT },
        { "达标情况", 1.1, SR_ALIGN_CENTER }, { "差距", 0.9, SR_ALIGN_RIGHT },
        { "信度 α", 0.9, SR_ALIGN_RIGHT },    { "样本量", 0.9, SR_ALIGN_RIGHT },
    };
    const struct sr_template *t = r->t;
    struct sr_layout_bar *bars;
    struct num *labels;
    struct sr_layout_bar_chart chart;
    struct sr_layout_table *tb;
    char *cap;
    size_t i;

    section(r, "满意度指数");
    kpis(r);
    para(r, "顾客满意度指数（CSI）是各维度满意度指数按模板权重的加权平均，"
            "取值 0–100；各指数由平均分按量表换算：指数 = (均值 - 量表最小值)"
            " ÷ (量表最大值 - 量表最小值) × 100。净推荐值（NPS）为推荐者"
            "（9–10 分）比例减去贬损者（0–6 分）比例，取值 -100～100。");
    if (!t || !t->ndims) {
        para(r, "（调查表未定义维度。）");
        return;
    }

    tb = table(r, "各维度满意度指数", cols, 8);
    if (t->ndims <= KEEP_ROWS)
        sr_layout_table_keep(tb, t->ndims);
    for (i = 0; i < t->ndims; i++) {
        const struct sr_dimension *dm = &t->dims[i];
        struct fig idx = get_all(r, dm->id, "index");
        struct fig target = get_all(r, dm->id, "target");
        struct fig gap = get_all(r, dm->id, "gap");
        struct fig alpha = get_all(r, dm->id, "alpha");
        struct num v[6] = { fmt_weight(dm->weight), fmt_index(idx),
                            fmt_index(target),      fmt_gap(gap),
                            fmt_fixed(alpha, 2),    fmt_n(idx) };
        struct sr_layout_cell row[8] = {
            { dm->name, 0 }, { v[0].s, 0 }, { v[1].s, SR_CELL_STRONG },
            { v[2].s, 0 },   { ABSENT, 0 }, { v[3].s, 0 },
            { v[4].s, 0 },   { v[5].s, 0 },
        };

        if (gap.ok) {
            bool met = gap.v >= 0;

            row[4].text = met ? "达标" : "未达标";
            row[4].flags = met ? SR_CELL_GOOD : SR_CELL_ALERT;
            row[5].flags = row[4].flags;
        }
        sr_layout_table_row(tb, row);
    }
    sr_layout_table_end(tb);
    note(r, "注：差距 = 指数 - 目标，差距不小于 0 为达标；信度 α 为 "
            "Cronbach's α（维度含 2 个及以上题目时计算）；样本量为回答了"
            "该维度至少一个题目的问卷数；“—”表示无数据或无法计算。");

    bars = xcalloc(t->ndims, sizeof(*bars));
    labels = xcalloc(t->ndims, sizeof(*labels));
    for (i = 0; i < t->ndims; i++) {
        struct fig idx = get_all(r, t->dims[i].id, "index");
        struct fig target = get_all(r, t->dims[i].id, "target");

        labels[i] = fmt_index(idx);
        bars[i].label = t->dims[i].name;
        bars[i].has_value = idx.ok;
        bars[i].value = idx.v;
        bars[i].value_text = labels[i].s;
        bars[i].has_target = target.ok;
        bars[i].target = target.v;
    }
    cap = caption(r, true, "各维度满意度指数与目标值");
    memset(&chart, 0, sizeof(chart));
    chart.title = cap;
    chart.axis_label = "满意度指数（0–100）";
    chart.value_legend = "满意度指数";
    chart.target_legend = "目标值";
    chart.min = 0;
    chart.max = 100;
    chart.tick = 20;
    chart.bars = bars;
    chart.nbars = t->ndims;
    sr_layout_bar_chart(r->L, &chart);
    free(cap);
    free(labels);
    free(bars);
}

/* --- 三、各题目得分 --- */

/* the wider of two texts in a table cell */
static double fit2(const struct report *r, const char *a, const char *b)
{
    double wa = sr_layout_table_fit(r->L, a);
    double wb = sr_layout_table_fit(r->L, b);

    return wa > wb ? wa : wb;
}

/*
 * Column widths in points: numbers never wrap, ids get the width of the
 * longest one (at most 15% of the line), the item text the rest.
 */
static void item_columns(const struct report *r, struct sr_layout_column *cols)
{
    const struct sr_template *t = r->t;
    double width = sr_layout_text_width(r->L);
    double id_w = sr_layout_table_fit(r->L, cols[0].title);
    double used = 0;
    size_t i;

    for (i = 0; i < t->nitems; i++) {
        double w = sr_layout_table_fit(r->L, t->items[i].id);

        if (w > id_w)
            id_w = w;
    }
    if (id_w > width * 0.15)
        id_w = width * 0.15;
    cols[0].width = id_w;
    cols[2].width = fit2(r, cols[2].title, "0000000");
    cols[3].width = fit2(r, cols[3].title, "00.00");
    cols[4].width = fit2(r, cols[4].title, "00.00");
    cols[5].width = fit2(r, cols[5].title, "00.00 ～ 00.00");
    cols[6].width = fit2(r, "满意率", "100.0%");
    cols[7].width = fit2(r, cols[7].title, "100.0");
    for (i = 0; i < 8; i++)
        used += i == 1 ? 0 : cols[i].width;
    cols[1].width = width - used;
}

static void items(struct report *r)
{
    struct sr_layout_column cols[] = {
        { "编号", 0, SR_ALIGN_LEFT },
        { "题目", 0, SR_ALIGN_LEFT },
        { "样本量", 0, SR_ALIGN_RIGHT },
        { "均值", 0, SR_ALIGN_RIGHT },
        { "标准差", 0, SR_ALIGN_RIGHT },
        { "95% 置信区间", 0, SR_ALIGN_CENTER },
        { "满意率 (Top2)", 0, SR_ALIGN_RIGHT },
        { "指数", 0, SR_ALIGN_RIGHT },
    };
    const struct sr_template *t = r->t;
    struct sr_layout_table *tb;
    size_t i;

    section(r, "各题目得分");
    if (!t || !t->nitems) {
        para(r, "（调查表未定义评分题目。）");
        return;
    }
    /* the introduction stays with the table */
    sr_layout_need(r->L, 150);
    para(r, "下表列出每个评分题目的有效样本量、平均分、标准差、平均分的 95% "
            "置信区间、满意率（选择量表最高两档的比例）和满意度指数。");
    item_columns(r, cols);
    tb = table(r, "各题目得分", cols, sizeof(cols) / sizeof(cols[0]));
    for (i = 0; i < t->nitems; i++) {
        const struct sr_item *it = &t->items[i];
        struct fig mean = get_all(r, it->id, "mean");
        struct fig sd = get_all(r, it->id, "sd");
        struct fig lo = get_all(r, it->id, "ci95_low");
        struct fig hi = get_all(r, it->id, "ci95_high");
        struct fig top2 = get_all(r, it->id, "top2");
        struct fig idx = get_all(r, it->id, "index");
        struct num v[7] = { fmt_n(mean.ok ? mean : idx),
                            fmt_fixed(mean, 2),
                            fmt_fixed(sd, 2),
                            fmt_fixed(lo, 2),
                            fmt_fixed(hi, 2),
                            fmt_share(top2),
                            fmt_index(idx) };
        char ci[112];
        struct sr_layout_cell row[8] = {
            { it->id, 0 }, { it->text ? it->text : "", 0 },
            { v[0].s, 0 }, { v[1].s, 0 },
            { v[2].s, 0 }, { ci, 0 },
            { v[5].s, 0 }, { v[6].s, SR_CELL_STRONG },
        };

        if (lo.ok && hi.ok)
            snprintf(ci, sizeof(ci), "%s ～ %s", v[3].s, v[4].s);
        else
            snprintf(ci, sizeof(ci), "%s", ABSENT);
        sr_layout_table_row(tb, row);
    }
    sr_layout_table_end(tb);
}

/* --- 四、分组比较 --- */

/* does any value of @g have a figure (subject, metric)? */
static bool group_has(const struct report *r, const struct sr_model_group *g,
                      const char *subject, const char *metric)
{
    size_t j;

    for (j = 0; j < g->nvalues; j++) {
        if (sr_model_get(r->m, g->field_id, g->values[j], subject, metric, NULL,
                         NULL))
            return true;
    }
    return false;
}

/* "82.5*" and "p=0.012" under it */
static void segment_cell(const struct report *r, const struct sr_model_group *g,
                         const char *value, const char *subject,
                         struct sr_buf *out, unsigned *flags)
{
    struct fig idx = get(r, g->field_id, value, subject, "index");
    struct fig p = get(r, g->field_id, value, subject, "p_value");
    struct num v = fmt_index(idx);

    sr_buf_addstr(out, v.s);
    if (idx.ok && p.ok) {
        struct num pv = fmt_p(p);

        if (p.v < SIGNIFICANT) {
            sr_buf_addch(out, '*');
            *flags |= SR_CELL_STRONG;
        }
        sr_buf_addf(out, "\np%s%s", pv.s[0] == '<' ? "" : "=", pv.s);
    }
}

/* the first column of a group table: its widest value (the header may
 * wrap), at least four characters, at most a quarter of the line */
static double group_label_width(const struct report *r,
                                const struct sr_model_group *g)
{
    double width = sr_layout_text_width(r->L);
    double w = sr_layout_table_fit(r->L, "四个汉字");
    size_t j;

    for (j = 0; j < g->nvalues; j++) {
        double v = sr_layout_table_fit(r->L, g->values[j]);

        if (v > w)
            w = v;
    }
    return w > width / 4 ? width / 4 : w;
}

/*
 * One table of group @g: its values down, dimensions [d0, d1) across (and
 * CSI first when @csi).  @part/@parts number the tables of a group that
 * has too many dimensions for one.
 */
static void group_part(struct report *r, const struct sr_model_group *g,
                       bool csi, size_t d0, size_t d1, size_t part,
                       size_t parts)
{
    const struct sr_template *t = r->t;
    size_t ncols = 2 + (csi ? 1 : 0) + (d1 - d0) + 1;
    struct sr_layout_column *cols = xcalloc(ncols, sizeof(*cols));
    struct sr_layout_cell *cells = xcalloc(ncols, sizeof(*cells));
    struct sr_buf *texts = xcalloc(ncols, sizeof(*texts));
    struct sr_buf b = SR_BUF_INIT;
    struct sr_layout_table *tb;
    double width = sr_layout_text_width(r->L);
    double label_w = group_label_width(r, g);
    double forms_w = sr_layout_table_fit(r->L, "样本量");
    double note_w = sr_layout_table_fit(r->L, "样本少");
    double value_w;
    size_t c = 0;
    size_t j;
    size_t k;

    value_w = ncols > 3
                  ? (width - label_w - forms_w - note_w) / (double)(ncols - 3)
                  : 0;

    cols[c++] = (struct sr_layout_column){ g->label, label_w, SR_ALIGN_LEFT };
    cols[c++] = (struct sr_layout_column){ "样本量", forms_w, SR_ALIGN_RIGHT };
    if (csi)
        cols[c++] = (struct sr_layout_column){ "CSI", value_w, SR_ALIGN_RIGHT };
    for (k = d0; k < d1; k++)
        cols[c++] = (struct sr_layout_column){ t->dims[k].name, value_w,
                                               SR_ALIGN_RIGHT };
    cols[c++] = (struct sr_layout_column){ "备注", note_w, SR_ALIGN_CENTER };
    for (k = 0; k < ncols; k++)
        sr_buf_init(&texts[k]);

    sr_buf_addf(&b, "按%s比较各维度满意度指数", g->label);
    if (parts > 1)
        sr_buf_addf(&b, "（%zu/%zu）", part + 1, parts);
    tb = table(r, b.buf, cols, ncols);
    if (g->nvalues <= KEEP_ROWS)
        sr_layout_table_keep(tb, g->nvalues);
    for (j = 0; j < g->nvalues; j++) {
        bool small = g->forms[j] < r->m->min_base;

        for (k = 0; k < ncols; k++) {
            sr_buf_reset(&texts[k]);
            cells[k].flags = small ? SR_CELL_MUTED : 0;
        }
        c = 0;
        sr_buf_addstr(&texts[c++], g->values[j]);
        sr_buf_addf(&texts[c++], "%ld", g->forms[j]);
        if (csi) {
            segment_cell(r, g, g->values[j], "CSI", &texts[c], &cells[c].flags);
            c++;
        }
        for (k = d0; k < d1; k++) {
            segment_cell(r, g, g->values[j], t->dims[k].id, &texts[c],
                         &cells[c].flags);
            c++;
        }
        if (small)
            sr_buf_addstr(&texts[c], "样本少");
        for (k = 0; k < ncols; k++)
            cells[k].text = texts[k].buf;
        sr_layout_table_row(tb, cells);
    }
    sr_layout_table_end(tb);

    for (k = 0; k < ncols; k++)
        sr_buf_release(&texts[k]);
    sr_buf_release(&b);
    free(texts);
    free(cells);
    free(cols);
}

static void group_table(struct report *r, size_t gi)
{
    const struct sr_model_group *g = &r->m->groups[gi];
    size_t ndims = r->t ? r->t->ndims : 0;
    bool csi = group_has(r, g, "CSI", "index");
    size_t ncols = ndims + (csi ? 1 : 0); /* value columns */
    double width = sr_layout_text_width(r->L);
    double fixed_w = group_label_width(r, g) +
                     sr_layout_table_fit(r->L, "样本量") +
                     sr_layout_table_fit(r->L, "样本少");
    size_t fit = (size_t)((width - fixed_w) / MIN_VALUE_COL);
    size_t parts;
    size_t per;
    size_t p;

    if (fit < 2)
        fit = 2;
    /* as few tables as needed, their columns shared out evenly; CSI is
     * the first column of the first */
    parts = ncols <= fit ? 1 : (ncols + fit - 1) / fit;
    per = (ncols + parts - 1) / parts;
    for (p = 0; p < parts; p++) {
        bool with_csi = csi && p == 0;
        size_t c0 = p * per;
        size_t c1 = c0 + per < ncols ? c0 + per : ncols;
        size_t d0 = csi && c0 > 0 ? c0 - 1 : c0;
        size_t d1 = csi ? c1 - 1 : c1;

        group_part(r, g, with_csi, d0, d1, p, parts);
    }
}

static void groups(struct report *r)
{
    struct sr_buf b = SR_BUF_INIT;
    size_t i;

    section(r, "分组比较");
    if (!r->m->ngroups) {
        para(r, "本次调查没有可细分比较的分组（分组样本不足或调查表未定义"
                "细分字段）。");
        return;
    }
    sr_buf_addf(&b,
                "以下按细分字段比较各维度满意度指数。每个指数下方为该组"
                "与其余问卷比较的 p 值（Welch t 检验），标 * 者差异显著"
                "（p < 0.05）；样本量少于 %ld 份的组标注“样本少”，其结果"
                "仅供参考。",
                r->m->min_base);
    para(r, b.buf);
    sr_buf_release(&b);
    for (i = 0; i < r->m->ngroups; i++) {
        subsection(r, i, r->m->groups[i].label);
        group_table(r, i);
    }
}

static void closing_note(struct report *r)
{
    struct sr_buf b = SR_BUF_INIT;

    section(r, "说明");
    para(r, "表中数值由统计结果四舍五入显示：指数保留 1 位小数，平均分和标准"
            "差保留 2 位，比例以百分数保留 1 位，p 值保留 3 位；完整精度的数"
            "值见 stats.csv 与 statistics.xlsx。“—”表示该项无数据或无法计算"
            "（例如有效样本少于 2 个时的标准差和置信区间）。");
    sr_buf_addf(&b, "本报告密级为“%s”，请按相应规定使用和保管。",
                str_or(secrecy_of(r), "未标注"));
    para(r, b.buf);
    sr_buf_release(&b);
}

/* --- the report --- */

enum sr_status sr_render_pdf(const char *path, const struct sr_model *m,
                             const struct sr_run_info *ri, struct sr_diag *d)
{
    struct report r;
    struct sr_layout_info info;
    struct sr_buf creator = SR_BUF_INIT;
    enum sr_status rc;

    memset(&r, 0, sizeof(r));
    r.m = m;
    r.t = m->tmpl;
    r.ri = ri;
    r.cfg = ri->cfg;

    sr_buf_addf(&creator, "satreport %s", str_or(ri->version, "unknown"));
    memset(&info, 0, sizeof(info));
    info.title = title_of(&r);
    info.author = r.cfg ? str_or(r.cfg->prepared_by, NULL) : NULL;
    info.subject = r.cfg ? str_or(r.cfg->organization, NULL) : NULL;
    info.creator = creator.buf;
    info.epoch = ri->epoch;
    info.font_path = str_or(ri->font_path, SR_LAYOUT_DEFAULT_FONT);
    info.font_index = ri->font_index;
    info.header_left = r.cfg ? str_or(r.cfg->organization, NULL) : NULL;
    info.header_right = secrecy_of(&r);
    info.header_right_color = secrecy_color(info.header_right);

    rc = sr_layout_new(&r.L, &info, d);
    if (rc != SR_OK)
        goto out;
    cover(&r);
    sr_layout_page(r.L, true);
    overview(&r);
    indices(&r);
    items(&r);
    groups(&r);
    closing_note(&r);
    rc = sr_layout_save(r.L, path, d);
out:
    sr_layout_free(r.L);
    sr_buf_release(&creator);
    return rc;
}
