/* SPDX-License-Identifier: MIT */
/*
 * xlsx_impl.h - private to the workbook renderer (src/render/xlsx/)
 *
 * The state of a workbook being written (struct sr_xlsx), the cell writers
 * every sheet uses, and the text table.  Shared by xlsx.c (the workbook,
 * its cells and the streamed sheets), sheets.c (the statistics sheets) and
 * lang.c (the sheet names and headings per language).  Only these files
 * include xlsxwriter.h.
 */
#ifndef SR_RENDER_XLSX_IMPL_H
#define SR_RENDER_XLSX_IMPL_H

#include "xlsx.h"
#include "../../core/buf.h"
#include "../../core/config.h"

#include <xlsxwriter.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SR_XL_WIDTH_MIN     6  /* column widths, in Latin characters */
#define SR_XL_WIDTH_MAX     60 /* table sheets */
#define SR_XL_WIDTH_RECORDS 40 /* streamed sheets: comments can be long */
#define SR_XL_P_MARK        0.05

/* text formats */
enum sr_xl_fmt {
    SR_XL_HEADER,    /* bold, filled, bordered: table headers */
    SR_XL_TITLE,     /* the title on 汇总 */
    SR_XL_KEY,       /* bold: labels of facts */
    SR_XL_NOTE,      /* grey italic: notes under tables */
    SR_XL_MET,       /* 达标 */
    SR_XL_UNMET,     /* 未达标 */
    SR_XL_SMALL,     /* 样本少 */
    SR_XL_SECTION,   /* bold, larger: a block's title */
    SR_XL_WRAP,      /* long text that wraps (说明) */
    SR_XL_MARKING,   /* bold red: the confidentiality marking */
    SR_XL_CENTER,    /* short labels in a table: 象限 */
    SR_XL_TEXT_WRAP, /* comments on 意见分类 */
    SR_XL_BELOW,     /* conditional format: below target (a dxf) */
    SR_XL_FMT_COUNT
};

/* number formats */
enum sr_xl_nf {
    SR_XL_INT,
    SR_XL_INDEX, /* 0..100 */
    SR_XL_SHARE, /* 0..1 shown as 0.0% */
    SR_XL_MEAN,  /* means, sd, ci95, median */
    SR_XL_P,     /* p values, alpha, r */
    SR_XL_WEIGHT,
    SR_XL_DATE,
    SR_XL_DELTA, /* a change, with its sign: +1.2 / -0.8 */
    SR_XL_YESNO, /* 1 / 0 shown as 是 / 否 */
    SR_XL_TICK,  /* 1 shown as √ */
    SR_XL_NF_COUNT
};

/* number format styles (flags): a significance mark, a small base, left
 * aligned (a number among texts) */
#define SR_XL_MARKED 1u
#define SR_XL_FAINT  2u
#define SR_XL_LEFT   4u
#define SR_XL_STYLES 8

/* the texts of the workbook (lang.c) */
enum sr_xl_text {
    /* sheet names */
    SR_XT_SHEET_SUMMARY,
    SR_XT_SHEET_CUSTOMERS,
    SR_XT_SHEET_ITEMS,
    SR_XT_SHEET_COMPARE,
    SR_XT_SHEET_YOY,
    SR_XT_SHEET_COMMENTS,
    SR_XT_SHEET_RECORDS,
    SR_XT_SHEET_REFUSED,
    SR_XT_SHEET_NOTES,
    SR_XT_SHEET_FOLLOWUP,
    /* common */
    SR_XT_PAGE_FOOTER, /* "第 &P 页，共 &N 页" */
    /* texts with a {} (sr_xl_fill()): SR_XT_POINT_*, SR_XT_CMP_ITEM_*,
     * SR_XT_*_NOTE_SMALL, SR_XT_REF_MORE */
    SR_XT_ALL, /* 全部 */
    SR_XT_GROUP,
    SR_XT_GROUP_VALUE,
    SR_XT_FORMS,
    SR_XT_REMARK,
    SR_XT_SMALL,
    SR_XT_CATEGORY_GROUP, /* label of group "category" */
    SR_XT_CSI_LONG,       /* 顾客满意度指数 CSI */
    SR_XT_NPS_LONG,
    SR_XT_CSI,
    SR_XT_NPS,
    SR_XT_P,
    SR_XT_INDEX,
    SR_XT_YESNO_FORMAT, /* "是";"是";"否" */
    SR_XT_LIST_SEP,     /* ； */
    /* 汇总 */
    SR_XT_FACT_TITLE,
    SR_XT_FACT_ORG,
    SR_XT_FACT_SURVEY,
    SR_XT_FACT_PERIOD,
    SR_XT_FACT_MARKING,
    SR_XT_FACT_PREPARED,
    SR_XT_FACT_DATE,
    SR_XT_FACT_VERSION,
    SR_XT_FACT_STATUS,
    SR_XT_FORMS_TABLE,
    SR_XT_COUNT,
    SR_XT_READ,
    SR_XT_ACCEPTED,
    SR_XT_REFUSED,
    SR_XT_OUT_OF_PERIOD,
    SR_XT_METRIC,
    SR_XT_VALUE,
    SR_XT_N,
    SR_XT_PREVIOUS,
    SR_XT_CURRENT,
    SR_XT_DELTA,
    SR_XT_DIMENSION,
    SR_XT_WEIGHT,
    SR_XT_TARGET,
    SR_XT_MET_HEAD,
    SR_XT_MET,
    SR_XT_UNMET,
    SR_XT_GAP,
    SR_XT_ALPHA,
    SR_XT_QUADRANT,
    SR_XT_QUADRANT_1,
    SR_XT_QUADRANT_2,
    SR_XT_QUADRANT_3,
    SR_XT_QUADRANT_4,
    SR_XT_ACTION_RANK,
    SR_XT_SOURCE,
    SR_XT_SRC_ACCEPTED,
    SR_XT_CATEGORY,
    SR_XT_CATEGORY_KIND,
    SR_XT_COMPLAINT_CLASS,
    SR_XT_SHARE,
    SR_XT_BASE,
    SR_XT_WITH_COMMENT,
    SR_XT_CATEGORIES_NOTE,
    SR_XT_COMPLAINTS_TOTAL,
    SR_XT_CHART_DIMS_TITLE,
    SR_XT_CHART_DIMS_X,
    SR_XT_CHART_DIMS_Y,
    SR_XT_SUMMARY_NOTE,
    SR_XT_SUMMARY_NOTE2,
    /* 客户统计 */
    SR_XT_CUST_ARCHIVE,
    SR_XT_CUST_RESPONDED,
    SR_XT_CUST_RATE,
    SR_XT_FORMS_SHARE,
    SR_XT_COMPLAINTS,
    SR_XT_COMPLAINT_RATE,
    SR_XT_CUST_NOTE_SMALL,
    SR_XT_CUST_NOTE_BELOW,
    SR_XT_CUST_NOTE_SHARE,
    SR_XT_NO_GROUPS,
    /* the customer archive (客户统计, 汇总, 明细) */
    SR_XT_CUST_REP,
    SR_XT_CUST_MOE,
    SR_XT_CUST_FOLLOW,
    SR_XT_CUST_MANAGER,
    SR_XT_CUST_NOT_REP,
    SR_XT_CUST_NOT_BROKEN, /* "表单少于 {} 份，不单列" */
    SR_XT_CUST_NOTE_REP,   /* {} = min_base */
    SR_XT_CUST_NOTE_MOE,
    SR_XT_CUST_NOTE_ARCHIVE,
    SR_XT_CUST_NOTE_UNKNOWN,  /* {} = forms */
    SR_XT_CUST_NOTE_DISAGREE, /* {} = the list */
    SR_XT_FORMS_UNIT,         /* "{} 份" */
    SR_XT_SUM_ARCHIVE,
    SR_XT_CUST_REPEATED,
    SR_XT_CUST_UNKNOWN,
    SR_XT_REC_OWN,
    /* 回访清单 */
    SR_XT_FU_CUSTOMER,
    SR_XT_FU_NAME,
    SR_XT_FU_DATE,
    SR_XT_FU_SCORE,
    SR_XT_FU_LABEL,
    SR_XT_FU_REASON,
    SR_XT_FU_CATEGORIES,
    SR_XT_FU_IN_ARCHIVE,
    SR_XT_FU_LOW,
    SR_XT_FU_NONE,
    SR_XT_FU_NOTE,
    SR_XT_FU_MORE, /* "其余 {} 行…见 followup.csv" */
    /* 题目统计 */
    SR_XT_ITEM_ID,
    SR_XT_ITEM_TEXT,
    SR_XT_ITEM_DIM,
    SR_XT_ITEM_SCALE,
    SR_XT_ITEM_N,
    SR_XT_ITEM_MEAN,
    SR_XT_ITEM_SD,
    SR_XT_ITEM_CI_LOW,
    SR_XT_ITEM_CI_HIGH,
    SR_XT_ITEM_MEDIAN,
    SR_XT_ITEM_TOP2,
    SR_XT_ITEM_BOTTOM2,
    SR_XT_ITEM_R,
    SR_XT_POINT_COUNT, /* "{}分人数" */
    SR_XT_POINT_SHARE,
    SR_XT_CHOICE,
    SR_XT_CHOICE_TEXT,
    SR_XT_CHOICE_OPTION,
    SR_XT_CHOICE_COUNT,
    SR_XT_CHOICE_SHARE,
    SR_XT_CHOICE_N,
    SR_XT_CHOICE_NOTE,
    /* 分组对比 */
    SR_XT_CMP_ITEM_INDEX, /* "{} 指数" */
    SR_XT_CMP_ITEM_TOP2,  /* "{} 前两项" */
    SR_XT_CMP_NOTE_MARK,
    SR_XT_CMP_NOTE_SMALL,
    SR_XT_CMP_NOTE_BELOW,
    /* 同比 */
    SR_XT_YOY_P,
    SR_XT_YOY_CHART_TITLE,
    SR_XT_YOY_CHART_X,
    SR_XT_YOY_CHART_Y,
    SR_XT_YOY_NOTE,
    SR_XT_YOY_NOTE_SOURCE,
    SR_XT_YOY_NONE,
    /* 意见分类, 明细 */
    SR_XT_CATEGORIES,
    SR_XT_COMPLAINT,
    SR_XT_COMMENTS_NOT_LISTED,
    SR_XT_COMMENTS_NO_RECORDS,
    /* 拒收记录 */
    SR_XT_REF_FILE,
    SR_XT_REF_LINE,
    SR_XT_REF_FORM,
    SR_XT_REF_FIELD,
    SR_XT_REF_REASON,
    SR_XT_REF_MORE, /* "其余 {} 行…" */
    /* 说明 */
    SR_XT_NOTES_TITLE,
    SR_XT_NOTES_DEFS,
    SR_XT_NOTES_TERM,
    SR_XT_NOTES_MEANING,
    SR_XT_NOTES_INPUTS,
    SR_XT_NOTES_KIND,
    SR_XT_NOTES_PATH,
    SR_XT_NOTES_SHA,
    SR_XT_IN_TEMPLATE,
    SR_XT_IN_FILE,
    SR_XT_IN_ARCHIVE,
    SR_XT_IN_SEGMENT_RULES,
    SR_XT_IN_COMMENT_RULES,
    SR_XT_IN_PREVIOUS,
    SR_XT_NOTES_RUN,
    SR_XT_RUN_PIPELINE,
    SR_XT_RUN_MIN_BASE,
    SR_XT_NOTES_NO_RULES,
    SR_XT_NOTES_MASKING,
    SR_XT_NOTES_PROTECTED,
    SR_XT_COUNT_ALL
};

/* A definition on 说明: a term and what it means. */
struct sr_xl_def {
    const char *term;
    const char *meaning;
};

/*
 * A sheet being written.  Invariant: cells are only written to @row, and
 * @row only grows, so constant_memory's "rows in order" rule always holds.
 */
struct sr_xl_sheet {
    lxw_worksheet *ws;
    char name[64];   /* UTF-8, for messages */
    lxw_row_t row;   /* the row being written */
    unsigned *width; /* display width per column, of what was written */
    size_t nwidth;
    uint64_t bytes;   /* XML written so far, an upper estimate */
    lxw_col_t frozen; /* label columns frozen (repeated on print) */
    unsigned extra;   /* width taken by a chart beside the table */
};

struct sr_xl_stream;
typedef void (*sr_xl_header_fn)(struct sr_xlsx *x, struct sr_xl_stream *st);

/* one part of a streamed sheet (明细, 明细2, ...) */
struct sr_xl_part {
    lxw_worksheet *ws;
    lxw_row_t rows; /* rows written, header included */
};

/*
 * A sheet written row by row while forms are read (明细, 意见分类), in
 * constant_memory mode.  When a part is full (rows or XML size) the next
 * row starts a new part named base2, base3... with the same header.
 */
struct sr_xl_stream {
    bool on;
    const char *base;     /* name of the first part */
    struct sr_xl_sheet s; /* the part being written; widths shared */
    struct sr_xl_part *parts;
    size_t nparts;
    lxw_col_t ncols;
    sr_xl_header_fn header;
    unsigned max_width; /* of a column */
    lxw_col_t frozen;   /* label columns kept in view */
    long rows;          /* data rows written, all parts */
};

struct sr_xlsx {
    lxw_workbook *wb; /* NULL once closed */
    char *path;
    const struct sr_template *t;  /* borrowed */
    const struct sr_run_info *ri; /* borrowed */
    const char *const *text;      /* the language's texts (lang.c) */
    bool records;
    bool finished;
    bool previous;        /* [analysis] previous: the 同比 sheet */
    lxw_row_t row_limit;  /* rows per sheet, header included */
    uint64_t bytes_limit; /* a streamed sheet's XML, see xlsx.c */

    lxw_format *f[SR_XL_FMT_COUNT];
    lxw_format *nf[SR_XL_NF_COUNT][SR_XL_STYLES];

    struct sr_xl_sheet summary;
    struct sr_xl_sheet customers;
    struct sr_xl_sheet followup; /* 回访清单, with a customer archive */
    bool archive;                /* [input] customers is set */
    struct sr_xl_sheet items;
    struct sr_xl_sheet compare;
    struct sr_xl_sheet yoy;
    struct sr_xl_sheet refused;
    struct sr_xl_sheet notes;
    struct sr_xl_stream comments;
    struct sr_xl_stream rec;

    lxw_worksheet **all; /* every sheet, in order: for protection */
    size_t nall;

    struct sr_buf header; /* page header and footer, escaped */
    struct sr_buf footer;
    struct sr_buf text_buf; /* a cell's text, made safe */
    struct sr_buf aux;      /* masking, joining */
    struct sr_buf aux2;

    bool failed; /* sticky: the first error is in msg */
    char msg[1024];
};

/* --- texts (lang.c) ------------------------------------------------------ */

/** The texts for template language @lang: en* gives English, anything
 * else (zh-CN, NULL) Chinese.  Static storage. */
const char *const *sr_xl_texts(const char *lang);

/** The definitions of the figures for the language of @texts (as given by
 * sr_xl_texts()); *n gets their number.  Static storage. */
const struct sr_xl_def *sr_xl_definitions(const char *const *texts, size_t *n);

/** @tmpl with its {} replaced by @arg, into @b (reset first). */
void sr_xl_fill(struct sr_buf *b, const char *tmpl, const char *arg);

static inline const char *sr_xl_tx(const struct sr_xlsx *x, enum sr_xl_text id)
{
    return x->text[id];
}

/* --- errors and cells (xlsx.c) ------------------------------------------- */

void sr_xl_fail(struct sr_xlsx *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sr_xl_fail_sheet(struct sr_xlsx *x, lxw_error e,
                      const struct sr_xl_sheet *s, const char *what);

/** A string of the pipeline, or "" (tests may run without one). */
#define SR_XL_CFG(x, member)                                                \
    ((x)->ri && (x)->ri->cfg && (x)->ri->cfg->member ? (x)->ri->cfg->member \
                                                     : "")

/** The report title: [report] title, else the template's title. */
const char *sr_xl_title(const struct sr_xlsx *x);

/* Cells of row s->row.  Nothing is written for NULL or "" text, or a
 * number that is not finite; every failure is kept in x (sr_xl_fail). */
void sr_xl_str(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_col_t col,
               const char *text, lxw_format *f);
/** Text that may run over the empty cells to its right: does not size
 * its column (titles, notes, run facts). */
void sr_xl_wide(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_col_t col,
                const char *text, lxw_format *f);
void sr_xl_num(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_col_t col,
               double v, enum sr_xl_nf nf, unsigned style);
void sr_xl_date(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_col_t col,
                int ymd);
/** A figure of the model, or an empty cell; true if it was there. */
bool sr_xl_fig(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_col_t col,
               const struct sr_model *m, const char *group, const char *gv,
               const char *subject, const char *metric, enum sr_xl_nf nf,
               unsigned style);
/** A row of headers from @col on. */
void sr_xl_headers(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_col_t col,
                   const enum sr_xl_text *ids, size_t n);

/** Freeze the rows up to @hdr and @cols columns; repeat @hdr on print. */
void sr_xl_freeze(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_row_t hdr,
                  lxw_col_t cols);
void sr_xl_autofilter(struct sr_xlsx *x, struct sr_xl_sheet *s,
                      lxw_worksheet *ws, lxw_row_t first, lxw_row_t last,
                      lxw_col_t ncols);
/** Let the current row hold @lines lines of wrapped text.  Call it before
 * the row's cells (constant_memory). */
void sr_xl_lines(struct sr_xlsx *x, struct sr_xl_sheet *s, size_t lines);
/** Highlight the numbers of a column below @target (conditional format). */
void sr_xl_below(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_row_t first,
                 lxw_row_t last, lxw_col_t col, double target);

/* --- the statistics sheets (sheets.c) ------------------------------------ */

void sr_xl_write_summary(struct sr_xlsx *x, const struct sr_model *m);
void sr_xl_write_customers(struct sr_xlsx *x, const struct sr_model *m);
/** 回访清单: the run info's follow-up list (x->ri->followup). */
void sr_xl_write_followup(struct sr_xlsx *x);
void sr_xl_write_items(struct sr_xlsx *x, const struct sr_model *m);
void sr_xl_write_compare(struct sr_xlsx *x, const struct sr_model *m);
void sr_xl_write_yoy(struct sr_xlsx *x, const struct sr_model *m);
void sr_xl_write_notes(struct sr_xlsx *x, const struct sr_model *m);

/** Forms of @group/@gv below min_base: the model's `small` figure, else
 * @forms < m->min_base. */
bool sr_xl_small(const struct sr_model *m, const char *group, const char *gv,
                 long forms);

#endif /* SR_RENDER_XLSX_IMPL_H */
