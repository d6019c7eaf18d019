/* SPDX-License-Identifier: MIT */
/*
 * tmpl.h - the parsed report template (private to src/render/pdf/)
 *
 * report.c builds this tree from templates/report/NAME.xml and checks it
 * (every error names file:line); pdf.c walks it against the model and the
 * run info.  Nothing here is a libharu or expat type.  The tree is
 * read-only after sr_report_load() and owned by struct sr_report_tmpl.
 *
 * The language is described for users in docs/report-template.md.
 */
#ifndef SR_REPORT_TMPL_H
#define SR_REPORT_TMPL_H

#include "report.h"

#include "../../core/mem.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* What a node is.  Inline nodes make text; block nodes make layout. */
enum rn_kind {
    /* inline */
    RN_LIT,  /* literal text (lit) */
    RN_FIG,  /* {fig KEY|FMT}: a model figure, formatted */
    RN_VAR,  /* {dimension.name}: a field of a loop variable */
    RN_TEXT, /* {text NAME|DATEFMT}: a fact of the run */
    RN_BR,   /* <br/>: a line break */
    /* control, in any context */
    RN_EACH,   /* <each KIND>: repeat kids for each member */
    RN_IF,     /* <if>: kids are RN_BRANCH, the first that holds runs */
    RN_BRANCH, /* a branch of <if> (cond; always for <else/>) */
    RN_NONE,   /* <none>: what <each> makes when nothing was made */
    /* blocks */
    RN_P,
    RN_SECTION,
    RN_TABLE,
    RN_COL,
    RN_ROW,
    RN_CELL,
    RN_FLAG, /* <flag set="..." cond/>: style the row, cell or bar */
    RN_CHART,
    RN_BAR,
    RN_GROUP,
    RN_POINT,
    RN_QUADRANT,
    RN_KPIS,
    RN_KPI,
    RN_PAGE,
    RN_TOC,
    RN_GOTO,
    RN_SPACE,
    RN_RULE,
    RN_STAMP,
    RN_COVER,
    RN_SEQ, /* the parsed value of an attribute that holds text */
    RN_KIND_COUNT
};

/* Loop variables (<each KIND>). */
enum rv_kind {
    RV_DIMENSION = 0,
    RV_ITEM,
    RV_POINT,
    RV_SEGMENT,
    RV_VALUE,
    RV_CATEGORY,
    RV_SOURCE,
    RV_STEP,
    RV_CHOICE,
    RV_OPTION,
    RV_SCALE,
    RV_MANAGER,  /* account managers of the follow-up list */
    RV_FOLLOWUP, /* rows of the follow-up list (回访清单) */
    RV_EXAMPLE,  /* example comments of a category */
    RV_COUNT
};

/* Fields of loop variables ({dimension.name}). */
enum rf_field {
    RF_KEY = 0, /* {dimension}: the key ($dimension) */
    RF_ID,
    RF_NAME,
    RF_TEXT,
    RF_LABEL,
    RF_WEIGHT,
    RF_TARGET,
    RF_VALUE,
    RF_FORMS,
    RF_KIND,
    RF_FILE,
    RF_READ,
    RF_ACCEPTED,
    RF_REFUSED,
    RF_OUT_OF_PERIOD,
    RF_ROLE,
    RF_DATE,
    RF_DECISION,
    RF_OPINION,
    RF_DIMENSION, /* item: its dimension's name */
    RF_MIN,       /* scale */
    RF_MAX,
    RF_MANAGER, /* follow-up rows */
    RF_CUSTOMER,
    RF_FORM,
    RF_SCORE,
    RF_LOW,        /* the overall score's label when it is low, else "" */
    RF_COMPLAINTS, /* the complaint categories, "" when none */
    RF_POS,        /* 1-based position in the loop */
    RF_COUNT,      /* members in the loop */
    RF_FIELD_COUNT
};

/* Facts of the run ({text NAME}). */
enum rt_text {
    RT_TITLE = 0,
    RT_ORGANIZATION,
    RT_PREPARED_BY,
    RT_PERIOD,
    RT_PERIOD_FROM,
    RT_PERIOD_TO,
    RT_DATE,
    RT_DOCUMENT_NO,
    RT_MARKING,
    RT_STATUS,
    RT_RECIPIENT,
    RT_COPY_NO,
    RT_VERSION,
    RT_FORM_TITLE,
    RT_FORM_ID,
    RT_FORM_VERSION,
    RT_MIN_BASE,
    RT_MIN_REPORT,
    RT_TEXT_COUNT
};

/* One part of a figure key: literal text or a loop variable's key. */
struct rkeypart {
    char *lit; /* NULL for a variable */
    int var;   /* enum rv_kind, or -1 */
};

/* GROUP,VALUE,SUBJECT,METRIC; each field is a list of parts. */
struct rkey {
    struct rkeypart *part[4];
    size_t npart[4];
    char *src; /* as written, for messages */
};

/* How a figure prints (after "|"). */
struct rfmt {
    bool set;
    char kind;    /* 'f' fixed, 'n' the n, 'p' p value, 'P' "p=..." */
    int decimals; /* 'f' */
    bool plus;    /* '+' sign on positive values */
    bool percent; /* times 100 and a '%' */
    bool abs;     /* the absolute value */
};

enum rcmp { RC_NONE = 0, RC_LT, RC_LE, RC_GT, RC_GE, RC_EQ, RC_NE };

/* What the model has (has="..."). */
enum rhas {
    RH_NONE = 0,
    RH_PREVIOUS,
    RH_CATEGORIES,
    RH_SEGMENTS,
    RH_SOURCES,
    RH_APPROVAL,
    RH_COMPLAINTS,
    RH_RECIPIENT,
    RH_ARCHIVE,  /* the model has the customer archive's figures */
    RH_FOLLOWUP, /* the follow-up list has rows */
    RH_EXAMPLES  /* a comment category has example comments */
};

/* A condition: every part that is set must hold.  Tri-states are -1
 * when not set, 0 for "no", 1 for "yes". */
struct rcond {
    bool always;
    struct rkey *fig;
    enum rcmp cmp;
    double num;
    int present;
    int text;  /* enum rt_text, or -1 */
    char **is; /* text is one of these */
    size_t nis;
    char **marking; /* the marking level is one of these */
    size_t nmarking;
    int has; /* enum rhas; negated when has_not */
    bool has_not;
    int small;           /* the current segment value's forms < min_base */
    int draft;           /* the status is a draft */
    int complaint;       /* the current category is a complaint category */
    struct rkey *signif; /* GROUP,VALUE,SUBJECT: significantly different */
    int some; /* enum rv_kind: the rest holds for some member; or -1 */
    int fvar; /* field="point.label": a loop field is not empty; or -1 */
    int ffield;
};

struct rsort {
    struct rkey *key;
    bool desc;
};

/* A parsed attribute: text (seq), a key, or a plain string. */
struct rattr {
    const char *name;
    struct rnode *seq;
    struct rkey *key;
    char *str;
};

struct rnode {
    enum rn_kind kind;
    long line;
    struct rnode **kids;
    size_t nkids;
    size_t kids_alloc;
    struct rattr *attrs;
    size_t nattrs;

    char *lit;        /* RN_LIT */
    struct rkey *key; /* RN_FIG */
    struct rfmt fmt;  /* RN_FIG */
    int var;          /* RN_VAR: enum rv_kind; RN_EACH: what it walks */
    int field;        /* RN_VAR: enum rf_field */
    int text;         /* RN_TEXT: enum rt_text */
    char *datefmt;    /* RN_TEXT: e.g. "YYYY年M月D日", or NULL */

    struct rcond cond; /* RN_EACH (filter), RN_BRANCH, RN_FLAG */
    struct rsort *sort;
    size_t nsort;
    long limit;   /* 0 = all */
    char **roles; /* RN_EACH step: role keys and their labels */
    char **role_labels;
    size_t nroles;
    struct rnode *none; /* RN_EACH: its <none>, or NULL */
    int level;          /* RN_SECTION: 1..3 */
    unsigned flags;     /* RN_FLAG: cell/value flags it sets */
};

/* A marking (密级) as the template shows it. */
struct rmarking {
    char *level; /* as in the pipeline: 公开, 内部, 机密, 绝密 */
    char *text;  /* shown */
    double rgb[3];
    bool protect; /* permissions and watermark also at this level */
};

/* A status (送审稿, 已批准 ...) as the template shows it. */
struct rstatus {
    char *value;
    char *text;
    bool draft;
};

/* A named paragraph style. */
struct rstyle {
    char *name;
    char *base;
    double size;
    double leading;
    double indent;
    double before;
    double after;
    int align; /* -1 = inherit */
    int bold;  /* -1 = inherit */
    bool has_color;
    double rgb[3];
};

struct sr_report_tmpl {
    struct sr_arena arena; /* owns everything below */
    char *path;
    char *lang;
    struct rnode *root; /* RN_SECTION-like container of the body */

    /* head */
    const struct rnode *info_title; /* RN_SEQ or NULL */
    const struct rnode *info_subject;
    const struct rnode *info_author;
    const struct rnode *info_keywords;
    const struct rnode *head_left;
    const struct rnode *head_right;
    struct rnode *foot;      /* RN_SEQ, with {page} {pages} kept as text */
    struct rnode *watermark; /* RN_SEQ or NULL */
    bool has_watermark_color;
    double watermark_rgb[3];

    struct rmarking *markings;
    size_t nmarkings;
    struct rstatus *statuses;
    size_t nstatuses;
    struct rstyle *styles;
    size_t nstyles;

    /* wording of the layout: captions, numbering, fills */
    char *title;          /* the title when [report] title is not set */
    char *status;         /* the status of a fresh run */
    char *absent;         /* a figure that is not in the model */
    char *heading[3];     /* "{cjk}、{title}" ... */
    char *table_caption;  /* "表{n}  {caption}" */
    char *figure_caption; /* "图{n}  {caption}" */
    char *continued;      /* appended to a chart title on a later page */
    char *part;           /* "（{part}/{parts}）" for split tables */
};

/* The attribute @name of @n, or NULL. */
static inline const struct rattr *rn_attr(const struct rnode *n,
                                          const char *name)
{
    size_t i;

    for (i = 0; i < n->nattrs; i++) {
        if (!strcmp(n->attrs[i].name, name))
            return &n->attrs[i];
    }
    return NULL;
}

/* The plain string of attribute @name, or @dflt. */
static inline const char *rn_str(const struct rnode *n, const char *name,
                                 const char *dflt)
{
    const struct rattr *a = rn_attr(n, name);

    return a && a->str ? a->str : dflt;
}

/* The text (RN_SEQ) of attribute @name, or NULL. */
static inline const struct rnode *rn_seq(const struct rnode *n,
                                         const char *name)
{
    const struct rattr *a = rn_attr(n, name);

    return a ? a->seq : NULL;
}

/* The key of attribute @name, or NULL. */
static inline const struct rkey *rn_key(const struct rnode *n, const char *name)
{
    const struct rattr *a = rn_attr(n, name);

    return a ? a->key : NULL;
}

#endif /* SR_REPORT_TMPL_H */
