/* SPDX-License-Identifier: MIT */
/*
 * report.c - load and check a report template (templates/report/NAME.xml)
 *
 * In: the template file, parsed through the shared XML layer (core/xml.h:
 * no DOCTYPE, no entities).  Out: struct sr_report_tmpl (tmpl.h), a tree
 * of nodes that pdf.c walks.  Owns everything it builds in one arena.
 *
 * Everything that can be checked without the model is checked here, so a
 * bad template stops the run before any form is read: element names and
 * where they may stand, attribute names and values, placeholders
 * ({fig ...}, {text ...}, {dimension.name}), figure keys, formats, loop
 * variables used outside their <each>, and that table rows and columns
 * agree.  Every message names file:line.  The language:
 * docs/report-template.md.
 */
#include "report.h"
#include "tmpl.h"

#include "../../core/buf.h"
#include "../../core/xml.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* --- element specifications --- */

/* where an element may stand, and what its children are */
enum ctx {
    C_NONE = 0, /* no children */
    C_HEAD,     /* the root: head elements and blocks */
    C_BLOCK,
    C_INLINE,
    C_TABLE,
    C_ROW,
    C_CHART,
    C_GROUP,
    C_KPIS,
    C_SAME /* control elements: the context of their parent */
};

#define IN(c) (1u << (c))

/* the condition attributes (of <if>, <elif>, <each> and <flag>) */
#define COND_ATTRS                                                         \
    "figure:k lt:n le:n gt:n ge:n eq:n ne:n present:b text:t is:r "        \
    "marking:r has:h has-not:h small:b draft:b complaint:b significant:3 " \
    "some:r field:r"

/*
 * Attribute lists: "name:type", the type one of s (text with
 * placeholders), k (a figure key), 3 (a key without metric), r (raw
 * text), n (number), b (yes/no), c (colour), f (figure format), a
 * (alignment), t (a {text} name), h (a has= name), l (a length); a "!"
 * after the type marks it required.
 */
struct espec {
    const char *name;
    enum rn_kind kind;
    unsigned where; /* IN(ctx) bits */
    enum ctx child; /* context of its children */
    const char *attrs;
};

enum {
    HEAD_INFO = RN_KIND_COUNT,
    HEAD_MARKING,
    HEAD_STATUS,
    HEAD_STYLE,
    HEAD_PAGE_HEAD,
    HEAD_PAGE_FOOT,
    HEAD_WATERMARK,
    CTL_ELIF,
    CTL_ELSE,
    ROOT_REPORT
};

#define BLOCKS (IN(C_HEAD) | IN(C_BLOCK))
#define ANY                                                              \
    (IN(C_HEAD) | IN(C_BLOCK) | IN(C_INLINE) | IN(C_TABLE) | IN(C_ROW) | \
     IN(C_CHART) | IN(C_GROUP) | IN(C_KPIS))

static const struct espec specs[] = {
    { "report", (enum rn_kind)ROOT_REPORT, 0, C_HEAD,
      "lang:r title:r status:r absent:r heading1:r heading2:r heading3:r "
      "table-caption:r figure-caption:r continued:r part:r version:r" },
    { "info", (enum rn_kind)HEAD_INFO, IN(C_HEAD), C_NONE,
      "title:s subject:s author:s keywords:s" },
    { "marking", (enum rn_kind)HEAD_MARKING, IN(C_HEAD), C_NONE,
      "level:r! text:r color:c protect:b" },
    { "status", (enum rn_kind)HEAD_STATUS, IN(C_HEAD), C_NONE,
      "value:r! text:r draft:b" },
    { "style", (enum rn_kind)HEAD_STYLE, IN(C_HEAD), C_NONE,
      "name:r! base:r size:n leading:n indent:n before:l after:l align:a "
      "bold:b color:c" },
    { "page-head", (enum rn_kind)HEAD_PAGE_HEAD, IN(C_HEAD), C_NONE,
      "left:s right:s" },
    { "page-foot", (enum rn_kind)HEAD_PAGE_FOOT, IN(C_HEAD), C_INLINE, "" },
    { "watermark", (enum rn_kind)HEAD_WATERMARK, IN(C_HEAD), C_INLINE,
      "color:c" },
    { "cover", RN_COVER, IN(C_HEAD), C_BLOCK, "" },
    { "section", RN_SECTION, BLOCKS, C_BLOCK,
      "title:s! numbered:b toc:b bookmark:b break:r center:b" },
    { "p", RN_P, BLOCKS, C_INLINE,
      "style:r size:n leading:n indent:n before:l after:l align:a bold:b "
      "color:c" },
    { "table", RN_TABLE, BLOCKS, C_TABLE,
      "caption:s keep:n min-row-height:l numbered:b" },
    { "col", RN_COL, IN(C_TABLE), C_NONE, "title:s width:r align:a key:b" },
    { "row", RN_ROW, IN(C_TABLE), C_ROW, "style:r" },
    { "cell", RN_CELL, IN(C_ROW), C_INLINE, "style:r" },
    { "flag", RN_FLAG, IN(C_ROW) | IN(C_INLINE), C_NONE, "set:r! " COND_ATTRS },
    { "chart", RN_CHART, BLOCKS, C_CHART,
      "type:r! title:s axis:s x-axis:s y-axis:s min:n max:n tick:n "
      "value-legend:s target-legend:s muted-legend:s split:r percent:b "
      "numbered:b" },
    { "bar", RN_BAR, IN(C_CHART) | IN(C_GROUP), C_INLINE,
      "label:s value:k! target:k series:s format:f" },
    { "group", RN_GROUP, IN(C_CHART), C_GROUP, "label:s target:k" },
    { "point", RN_POINT, IN(C_CHART), C_INLINE, "label:s x:k! y:k! class:k" },
    { "quadrant", RN_QUADRANT, IN(C_CHART), C_NONE, "n:n! label:s!" },
    { "kpis", RN_KPIS, BLOCKS, C_KPIS, "" },
    { "kpi", RN_KPI, IN(C_KPIS), C_NONE, "label:s! value:s! note:s" },
    { "page", RN_PAGE, BLOCKS, C_NONE, "running:b" },
    { "toc", RN_TOC, BLOCKS, C_NONE, "title:s levels:n" },
    { "goto", RN_GOTO, BLOCKS, C_NONE, "at:n!" },
    { "space", RN_SPACE, BLOCKS, C_NONE, "height:l!" },
    { "rule", RN_RULE, BLOCKS, C_NONE, "width:n color:c" },
    { "stamp", RN_STAMP, BLOCKS, C_INLINE, "align:a size:n color:c" },
    { "br", RN_BR, IN(C_INLINE), C_NONE, "" },
    { "each", RN_EACH, ANY, C_SAME,
      "var:r! in:r kind:r role:r roles:r scale:r sort:r limit:n sep:r "
      "last-sep:r head:s tail:s " COND_ATTRS },
    { "if", RN_IF, ANY, C_SAME, COND_ATTRS },
    { "elif", (enum rn_kind)CTL_ELIF, 0, C_NONE, COND_ATTRS },
    { "else", (enum rn_kind)CTL_ELSE, 0, C_NONE, "" },
    { "none", RN_NONE, 0, C_SAME, "" },
};

#define NSPECS (sizeof(specs) / sizeof(specs[0]))

static const char *const var_names[RV_COUNT] = {
    [RV_DIMENSION] = "dimension", [RV_ITEM] = "item",
    [RV_POINT] = "point",         [RV_SEGMENT] = "segment",
    [RV_VALUE] = "value",         [RV_CATEGORY] = "category",
    [RV_SOURCE] = "source",       [RV_STEP] = "step",
    [RV_CHOICE] = "choice",       [RV_OPTION] = "option",
    [RV_SCALE] = "scale",         [RV_MANAGER] = "manager",
    [RV_FOLLOWUP] = "followup",   [RV_EXAMPLE] = "example",
};

static const char *const field_names[RF_FIELD_COUNT] = {
    [RF_KEY] = "",
    [RF_ID] = "id",
    [RF_NAME] = "name",
    [RF_TEXT] = "text",
    [RF_LABEL] = "label",
    [RF_WEIGHT] = "weight",
    [RF_TARGET] = "target",
    [RF_VALUE] = "value",
    [RF_FORMS] = "forms",
    [RF_KIND] = "kind",
    [RF_FILE] = "file",
    [RF_READ] = "read",
    [RF_ACCEPTED] = "accepted",
    [RF_REFUSED] = "refused",
    [RF_OUT_OF_PERIOD] = "out_of_period",
    [RF_ROLE] = "role",
    [RF_DATE] = "date",
    [RF_DECISION] = "decision",
    [RF_OPINION] = "opinion",
    [RF_DIMENSION] = "dimension",
    [RF_MIN] = "min",
    [RF_MAX] = "max",
    [RF_MANAGER] = "manager",
    [RF_CUSTOMER] = "customer",
    [RF_FORM] = "form",
    [RF_SCORE] = "score",
    [RF_LOW] = "low",
    [RF_COMPLAINTS] = "complaints",
    [RF_POS] = "pos",
    [RF_COUNT] = "count",
};

/* which fields each loop variable has (bit per enum rf_field) */
#define F(x)   (1u << (x))
#define F_LOOP (F(RF_KEY) | F(RF_POS) | F(RF_COUNT))
static const unsigned var_fields[RV_COUNT] = {
    [RV_DIMENSION] =
        F_LOOP | F(RF_ID) | F(RF_NAME) | F(RF_WEIGHT) | F(RF_TARGET),
    [RV_ITEM] = F_LOOP | F(RF_ID) | F(RF_TEXT) | F(RF_DIMENSION),
    [RV_POINT] = F_LOOP | F(RF_VALUE) | F(RF_LABEL),
    [RV_SEGMENT] = F_LOOP | F(RF_ID) | F(RF_LABEL),
    [RV_VALUE] = F_LOOP | F(RF_NAME) | F(RF_FORMS),
    [RV_CATEGORY] = F_LOOP | F(RF_NAME) | F(RF_KIND),
    [RV_SOURCE] = F_LOOP | F(RF_FILE) | F(RF_READ) | F(RF_ACCEPTED) |
                  F(RF_REFUSED) | F(RF_OUT_OF_PERIOD),
    [RV_STEP] = F_LOOP | F(RF_ROLE) | F(RF_LABEL) | F(RF_NAME) | F(RF_DATE) |
                F(RF_DECISION) | F(RF_OPINION),
    [RV_CHOICE] = F_LOOP | F(RF_ID) | F(RF_TEXT),
    [RV_OPTION] = F_LOOP | F(RF_VALUE) | F(RF_LABEL),
    [RV_SCALE] = F_LOOP | F(RF_ID) | F(RF_MIN) | F(RF_MAX),
    [RV_MANAGER] = F_LOOP | F(RF_NAME) | F(RF_FORMS),
    [RV_FOLLOWUP] = F_LOOP | F(RF_MANAGER) | F(RF_CUSTOMER) | F(RF_NAME) |
                    F(RF_FORM) | F(RF_DATE) | F(RF_SCORE) | F(RF_LABEL) |
                    F(RF_LOW) | F(RF_COMPLAINTS),
    [RV_EXAMPLE] = F_LOOP | F(RF_TEXT),
};

static const char *const text_names[RT_TEXT_COUNT] = {
    [RT_TITLE] = "title",
    [RT_ORGANIZATION] = "organization",
    [RT_PREPARED_BY] = "prepared_by",
    [RT_PERIOD] = "period",
    [RT_PERIOD_FROM] = "period_from",
    [RT_PERIOD_TO] = "period_to",
    [RT_DATE] = "date",
    [RT_DOCUMENT_NO] = "document_no",
    [RT_MARKING] = "marking",
    [RT_STATUS] = "status",
    [RT_RECIPIENT] = "recipient",
    [RT_COPY_NO] = "copy_no",
    [RT_VERSION] = "version",
    [RT_FORM_TITLE] = "form_title",
    [RT_FORM_ID] = "form_id",
    [RT_FORM_VERSION] = "form_version",
    [RT_MIN_BASE] = "min_base",
    [RT_MIN_REPORT] = "min_report",
};

static const char *const has_names[] = {
    [RH_NONE] = "",
    [RH_PREVIOUS] = "previous",
    [RH_CATEGORIES] = "categories",
    [RH_SEGMENTS] = "segments",
    [RH_SOURCES] = "sources",
    [RH_APPROVAL] = "approval",
    [RH_COMPLAINTS] = "complaints",
    [RH_RECIPIENT] = "recipient",
    [RH_ARCHIVE] = "archive",
    [RH_FOLLOWUP] = "followup",
    [RH_EXAMPLES] = "examples",
};

#define NHAS (sizeof(has_names) / sizeof(has_names[0]))

/* --- the loader --- */

struct frame {
    const struct espec *spec;
    int id;             /* spec kind (enum rn_kind or HEAD_...) */
    struct rnode *elem; /* the element's node (NULL for head ones) */
    struct rnode *into; /* where children go */
    enum ctx ctx;       /* the context of its children */
    struct sr_buf text; /* text not yet parsed */
    long text_line;
    bool started; /* content has begun (for trimming at the start) */
};

struct loader {
    struct sr_report_tmpl *rt;
    struct sr_xml *x;
    struct frame stack[SR_XML_MAX_DEPTH + 2];
    int depth;
    bool seen_root;
    bool seen_info;
    bool seen_head;
    int cond_var; /* the some= variable while its condition is parsed */
};

static void *alloc(struct loader *ld, size_t n)
{
    void *p = sr_arena_alloc(&ld->rt->arena, n);

    memset(p, 0, n);
    return p;
}

static char *rdup(struct loader *ld, const char *s)
{
    return sr_arena_strdup(&ld->rt->arena, s);
}

static char *dupn(struct loader *ld, const char *s, size_t n)
{
    return sr_arena_strndup(&ld->rt->arena, s, n);
}

static struct rnode *new_node(struct loader *ld, enum rn_kind kind, long line)
{
    struct rnode *n = alloc(ld, sizeof(*n));

    n->kind = kind;
    n->line = line;
    n->var = -1;
    n->text = -1;
    n->cond.text = -1;
    n->cond.present = -1;
    n->cond.small = -1;
    n->cond.draft = -1;
    n->cond.complaint = -1;
    n->cond.some = -1;
    n->cond.fvar = -1;
    return n;
}

static void add_kid(struct loader *ld, struct rnode *parent, struct rnode *kid)
{
    if (parent->nkids == parent->kids_alloc) {
        size_t na = parent->kids_alloc ? parent->kids_alloc * 2 : 4;
        struct rnode **k = alloc(ld, na * sizeof(*k));

        if (parent->nkids)
            memcpy(k, parent->kids, parent->nkids * sizeof(*k));
        parent->kids = k;
        parent->kids_alloc = na;
    }
    parent->kids[parent->nkids++] = kid;
}

static enum sr_status err_at(struct loader *ld, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum sr_status err_at(struct loader *ld, long line, const char *fmt, ...)
{
    char msg[900];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return sr_xml_error_at(ld->x, SR_ERR_CONFIG, line, "%s", msg);
}

/* --- small parsers --- */

static bool parse_number(const char *s, double *out)
{
    char *end;
    double v;

    while (*s == ' ')
        s++;
    if (!*s)
        return false;
    errno = 0;
    v = strtod(s, &end);
    while (*end == ' ')
        end++;
    if (*end || errno || !isfinite(v))
        return false;
    *out = v;
    return true;
}

static bool parse_bool(const char *s, bool *out)
{
    if (!strcmp(s, "yes") || !strcmp(s, "true")) {
        *out = true;
        return true;
    }
    if (!strcmp(s, "no") || !strcmp(s, "false")) {
        *out = false;
        return true;
    }
    return false;
}

/* a length: "12", "12pt", "5mm", "1.5em" (of 10.5 pt) -> points */
static bool parse_length(const char *s, double *out)
{
    char buf[64];
    size_t n = strlen(s);
    double k = 1;
    double v;

    if (n >= sizeof(buf))
        return false;
    memcpy(buf, s, n + 1);
    if (n > 2 && !strcmp(buf + n - 2, "pt")) {
        buf[n - 2] = '\0';
    } else if (n > 2 && !strcmp(buf + n - 2, "mm")) {
        buf[n - 2] = '\0';
        k = 72.0 / 25.4;
    } else if (n > 2 && !strcmp(buf + n - 2, "em")) {
        buf[n - 2] = '\0';
        k = 10.5;
    }
    if (!parse_number(buf, &v) || v < 0)
        return false;
    *out = v * k;
    return true;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* "#rrggbb" or "#rgb" */
static bool parse_color(const char *s, double rgb[3])
{
    size_t n = strlen(s);
    size_t i;

    if (s[0] != '#' || (n != 7 && n != 4))
        return false;
    for (i = 1; i < n; i++) {
        if (hexval(s[i]) < 0)
            return false;
    }
    for (i = 0; i < 3; i++) {
        int v = n == 7 ? hexval(s[1 + 2 * i]) * 16 + hexval(s[2 + 2 * i])
                       : hexval(s[1 + i]) * 17;

        rgb[i] = v / 255.0;
    }
    return true;
}

static bool parse_align(const char *s)
{
    return !strcmp(s, "left") || !strcmp(s, "center") || !strcmp(s, "right");
}

/* a figure format: n, p, P, or [abs][+]0[.0...][%] */
static bool parse_fmt(const char *s, struct rfmt *f)
{
    memset(f, 0, sizeof(*f));
    f->set = true;
    if (!strcmp(s, "n") || !strcmp(s, "p") || !strcmp(s, "P")) {
        f->kind = s[0];
        return true;
    }
    f->kind = 'f';
    if (!strncmp(s, "abs", 3)) {
        f->abs = true;
        s += 3;
    }
    if (*s == '+') {
        f->plus = true;
        s++;
    }
    if (*s++ != '0')
        return false;
    if (*s == '.') {
        s++;
        while (*s == '0') {
            f->decimals++;
            s++;
        }
        if (!f->decimals)
            return false;
    }
    if (*s == '%') {
        f->percent = true;
        s++;
    }
    return *s == '\0' && f->decimals <= 6;
}

static int var_of(const char *s, size_t n)
{
    int i;

    for (i = 0; i < RV_COUNT; i++) {
        if (strlen(var_names[i]) == n && !strncmp(var_names[i], s, n))
            return i;
    }
    return -1;
}

/* is loop variable @v bound at the top of the stack (an enclosing
 * <each var="v">)? */
static bool in_scope(const struct loader *ld, int v)
{
    int i;

    if (v == ld->cond_var)
        return true;
    for (i = ld->depth - 1; i >= 0; i--) {
        const struct rnode *e = ld->stack[i].elem;

        if (e && e->kind == RN_EACH && e->var == v)
            return true;
    }
    return false;
}

static bool is_var_char(char c)
{
    return (c >= 'a' && c <= 'z') || c == '_';
}

/* one field of a key: literal text and $variables */
static enum sr_status parse_keyfield(struct loader *ld, long line,
                                     const char *s, size_t n, struct rkey *k,
                                     int f)
{
    struct rkeypart parts[16];
    size_t np = 0;
    struct sr_buf lit = SR_BUF_INIT;
    size_t i = 0;
    enum sr_status rc = SR_OK;

    while (i < n) {
        if (s[i] == '$' && i + 1 < n && s[i + 1] == '$') {
            sr_buf_addch(&lit, '$');
            i += 2;
            continue;
        }
        if (s[i] != '$') {
            sr_buf_addch(&lit, s[i++]);
            continue;
        }
        {
            size_t j = i + 1;
            int v;

            while (j < n && is_var_char(s[j]))
                j++;
            v = var_of(s + i + 1, j - i - 1);
            if (v < 0) {
                rc = err_at(ld, line, "unknown variable '%.*s' in key '%s'",
                            (int)(j - i), s + i, k->src);
                goto out;
            }
            if (!in_scope(ld, v)) {
                rc = err_at(ld, line,
                            "'$%s' in key '%s' outside <each var=\"%s\">",
                            var_names[v], k->src, var_names[v]);
                goto out;
            }
            if (np + 2 > 16) {
                rc = err_at(ld, line, "key '%s' is too complex", k->src);
                goto out;
            }
            if (lit.len) {
                parts[np].lit = dupn(ld, lit.buf, lit.len);
                parts[np++].var = -1;
                sr_buf_reset(&lit);
            }
            parts[np].lit = NULL;
            parts[np++].var = v;
            i = j;
        }
    }
    if (lit.len) {
        if (np + 1 > 16) {
            rc = err_at(ld, line, "key '%s' is too complex", k->src);
            goto out;
        }
        parts[np].lit = dupn(ld, lit.buf, lit.len);
        parts[np++].var = -1;
    }
    k->npart[f] = np;
    if (np) {
        k->part[f] = alloc(ld, np * sizeof(*parts));
        memcpy(k->part[f], parts, np * sizeof(*parts));
    }
out:
    sr_buf_release(&lit);
    return rc;
}

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t' || **s == '\n' || **s == '\r')) {
        (*s)++;
        (*n)--;
    }
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' ||
                  (*s)[*n - 1] == '\n' || (*s)[*n - 1] == '\r'))
        (*n)--;
}

/* "GROUP,VALUE,SUBJECT,METRIC" (@nfields 4) or without the metric (3) */
static enum sr_status parse_key(struct loader *ld, long line, const char *s,
                                size_t n, int nfields, struct rkey **out)
{
    struct rkey *k = alloc(ld, sizeof(*k));
    const char *p = s;
    const char *end = s + n;
    int f = 0;
    enum sr_status rc;

    trim(&s, &n);
    p = s;
    end = s + n;
    k->src = dupn(ld, s, n);
    for (;;) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *fe = comma ? comma : end;
        const char *fs = p;
        size_t fn = (size_t)(fe - p);

        if (f >= nfields) {
            return err_at(ld, line,
                          "key '%s' has more than %d parts "
                          "(group,value,subject%s)",
                          k->src, nfields, nfields == 4 ? ",metric" : "");
        }
        trim(&fs, &fn);
        rc = parse_keyfield(ld, line, fs, fn, k, f);
        if (rc != SR_OK)
            return rc;
        f++;
        if (!comma)
            break;
        p = comma + 1;
    }
    if (f != nfields)
        return err_at(ld, line,
                      "key '%s' has %d part%s, not %d "
                      "(group,value,subject%s)",
                      k->src, f, f == 1 ? "" : "s", nfields,
                      nfields == 4 ? ",metric" : "");
    if (!k->npart[0] || (nfields == 4 && !k->npart[3]) || !k->npart[2])
        return err_at(ld, line,
                      "key '%s' needs a group, a subject%s (the value may "
                      "be empty)",
                      k->src, nfields == 4 ? " and a metric" : "");
    *out = k;
    return SR_OK;
}

/* --- inline text: placeholders and white space --- */

static uint32_t decode(const char *s, size_t n, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;

    if (u[0] < 0x80 || n < 2) {
        *len = 1;
        return u[0];
    }
    if ((u[0] & 0xe0) == 0xc0 && n >= 2) {
        *len = 2;
        return ((uint32_t)(u[0] & 0x1f) << 6) | (u[1] & 0x3f);
    }
    if ((u[0] & 0xf0) == 0xe0 && n >= 3) {
        *len = 3;
        return ((uint32_t)(u[0] & 0x0f) << 12) |
               ((uint32_t)(u[1] & 0x3f) << 6) | (u[2] & 0x3f);
    }
    if ((u[0] & 0xf8) == 0xf0 && n >= 4) {
        *len = 4;
        return ((uint32_t)(u[0] & 0x07) << 18) |
               ((uint32_t)(u[1] & 0x3f) << 12) |
               ((uint32_t)(u[2] & 0x3f) << 6) | (u[3] & 0x3f);
    }
    *len = 1;
    return 0xfffd;
}

/* CJK and full-width: a line break between two of them is no space */
static bool wide(uint32_t c)
{
    return c >= 0x2e80 || c == 0x2014 || c == 0x201c || c == 0x201d ||
           c == 0x2026;
}

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* the last character of s[0..n) */
static uint32_t last_char(const char *s, size_t n)
{
    size_t i = n;
    size_t len;

    if (!n)
        return 0;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
        i--;
    if (i > 0)
        i--;
    return decode(s + i, n - i, &len);
}

/*
 * White space as written in an indented template: a run of white space
 * that holds a line break is dropped at the start or end of the content
 * and when the text next to it is CJK, and becomes one space otherwise;
 * runs without a line break are kept as written.
 */
static void collapse(struct sr_buf *out, const char *s, size_t n, bool at_start,
                     bool at_end)
{
    size_t i = 0;

    while (i < n) {
        size_t j = i;
        bool nl = false;

        if (!is_ws(s[i])) {
            sr_buf_addch(out, s[i++]);
            continue;
        }
        while (j < n && is_ws(s[j])) {
            if (s[j] == '\n')
                nl = true;
            j++;
        }
        if (!nl) {
            sr_buf_add(out, s + i, j - i);
        } else if ((i == 0 && at_start) || (j == n && at_end)) {
            /* indentation at the start or end of the content */
        } else {
            size_t len;
            uint32_t before = out->len ? last_char(out->buf, out->len) : 0;
            uint32_t after = j < n ? decode(s + j, n - j, &len) : 0;

            if (!(before && wide(before)) && !(after && wide(after)))
                sr_buf_addch(out, ' ');
        }
        i = j;
    }
}

static void add_lit(struct loader *ld, struct rnode *into, const char *s,
                    size_t n, long line)
{
    struct rnode *t;

    if (!n)
        return;
    /* join with a literal just before */
    if (into->nkids && into->kids[into->nkids - 1]->kind == RN_LIT) {
        struct rnode *prev = into->kids[into->nkids - 1];
        size_t pl = strlen(prev->lit);
        char *j = alloc(ld, pl + n + 1);

        memcpy(j, prev->lit, pl);
        memcpy(j + pl, s, n);
        j[pl + n] = '\0';
        prev->lit = j;
        return;
    }
    t = new_node(ld, RN_LIT, line);
    t->lit = dupn(ld, s, n);
    add_kid(ld, into, t);
}

/* one placeholder, the text between the braces */
static enum sr_status placeholder(struct loader *ld, struct rnode *into,
                                  const char *s, size_t n, long line, bool foot)
{
    struct rnode *node;
    const char *bar;

    trim(&s, &n);
    if (foot && ((n == 4 && !strncmp(s, "page", 4)) ||
                 (n == 5 && !strncmp(s, "pages", 5)))) {
        add_lit(ld, into, "{", 1, line);
        add_lit(ld, into, s, n, line);
        add_lit(ld, into, "}", 1, line);
        return SR_OK;
    }
    if (n > 4 && !strncmp(s, "fig ", 4)) {
        enum sr_status rc;
        const char *k = s + 4;
        size_t kn = n - 4;

        node = new_node(ld, RN_FIG, line);
        bar = memchr(k, '|', kn);
        rc =
            parse_key(ld, line, k, bar ? (size_t)(bar - k) : kn, 4, &node->key);
        if (rc != SR_OK)
            return rc;
        if (bar) {
            char *f = dupn(ld, bar + 1, (size_t)(k + kn - bar - 1));
            const char *fs = f;
            size_t fl = strlen(f);

            trim(&fs, &fl);
            f = dupn(ld, fs, fl);
            if (!parse_fmt(f, &node->fmt))
                return err_at(ld, line,
                              "bad format '%s' in '{%.*s}': use 0, 0.0, "
                              "+0.0, 0.0%%, abs0.0, n, p or P",
                              f, (int)n, s);
        }
        add_kid(ld, into, node);
        return SR_OK;
    }
    if (n > 5 && !strncmp(s, "text ", 5)) {
        const char *t = s + 5;
        size_t tn = n - 5;
        int i;

        bar = memchr(t, '|', tn);
        node = new_node(ld, RN_TEXT, line);
        if (bar) {
            node->datefmt = dupn(ld, bar + 1, (size_t)(t + tn - bar - 1));
            tn = (size_t)(bar - t);
        }
        trim(&t, &tn);
        for (i = 0; i < RT_TEXT_COUNT; i++) {
            if (strlen(text_names[i]) == tn && !strncmp(text_names[i], t, tn))
                node->text = i;
        }
        if (node->text < 0)
            return err_at(ld, line, "unknown text '%.*s' in '{%.*s}'", (int)tn,
                          t, (int)n, s);
        if (node->datefmt && node->text != RT_DATE &&
            node->text != RT_PERIOD_FROM && node->text != RT_PERIOD_TO)
            return err_at(ld, line,
                          "'{%.*s}': only date, period_from and period_to "
                          "take a date format",
                          (int)n, s);
        add_kid(ld, into, node);
        return SR_OK;
    }
    {
        const char *dot = memchr(s, '.', n);
        size_t vn = dot ? (size_t)(dot - s) : n;
        int v = var_of(s, vn);
        int f = RF_KEY;
        int i;

        if (v < 0)
            return err_at(ld, line,
                          "unknown placeholder '{%.*s}': use {fig KEY}, "
                          "{text NAME} or a loop variable such as "
                          "{dimension.name}",
                          (int)n, s);
        if (!in_scope(ld, v))
            return err_at(ld, line, "'{%.*s}' outside <each var=\"%s\">",
                          (int)n, s, var_names[v]);
        if (dot) {
            f = -1;
            for (i = 1; i < RF_FIELD_COUNT; i++) {
                if (strlen(field_names[i]) == n - vn - 1 &&
                    !strncmp(field_names[i], dot + 1, n - vn - 1))
                    f = i;
            }
            if (f < 0 || !(var_fields[v] & F(f)))
                return err_at(ld, line, "'%s' has no field '%.*s'",
                              var_names[v], (int)(n - vn - 1), dot + 1);
        }
        node = new_node(ld, RN_VAR, line);
        node->var = v;
        node->field = f;
        add_kid(ld, into, node);
    }
    return SR_OK;
}

/* text with placeholders into inline nodes of @into */
static enum sr_status parse_inline(struct loader *ld, struct rnode *into,
                                   const char *s, size_t n, long line,
                                   bool foot)
{
    size_t i = 0;
    size_t lit = 0;
    long ln = line;
    enum sr_status rc;

    while (i < n) {
        if (s[i] == '\n')
            ln++;
        if (s[i] == '{' && i + 1 < n && s[i + 1] == '{') {
            add_lit(ld, into, s + lit, i + 1 - lit, ln);
            i += 2;
            lit = i;
            continue;
        }
        if (s[i] == '}' && i + 1 < n && s[i + 1] == '}') {
            add_lit(ld, into, s + lit, i + 1 - lit, ln);
            i += 2;
            lit = i;
            continue;
        }
        if (s[i] == '}')
            return err_at(ld, ln, "'}' without '{' (write '}}' for a brace)");
        if (s[i] == '{') {
            const char *close = memchr(s + i, '}', n - i);
            const char *nl = memchr(s + i, '\n', n - i);

            if (!close)
                return err_at(ld, ln,
                              "'{' without '}' (write '{{' for a "
                              "brace)");
            if (nl && nl < close)
                return err_at(ld, ln, "a placeholder may not span lines");
            add_lit(ld, into, s + lit, i - lit, ln);
            rc = placeholder(ld, into, s + i + 1, (size_t)(close - s - i - 1),
                             ln, foot);
            if (rc != SR_OK)
                return rc;
            i = (size_t)(close - s) + 1;
            lit = i;
            continue;
        }
        i++;
    }
    add_lit(ld, into, s + lit, n - lit, ln);
    return SR_OK;
}

/* an attribute value with placeholders as an RN_SEQ */
static enum sr_status parse_seq(struct loader *ld, long line, const char *s,
                                struct rnode **out)
{
    struct rnode *seq = new_node(ld, RN_SEQ, line);

    *out = seq;
    return parse_inline(ld, seq, s, strlen(s), line, false);
}

/* --- conditions --- */

static void split_on(struct loader *ld, const char *s, char sep, char ***out,
                     size_t *n)
{
    size_t cap = 1;
    const char *p;
    size_t i = 0;

    for (p = s; *p; p++)
        cap += *p == sep;
    *out = alloc(ld, cap * sizeof(**out));
    p = s;
    for (;;) {
        const char *c = strchr(p, sep);
        const char *b = p;
        size_t len = c ? (size_t)(c - p) : strlen(p);

        trim(&b, &len);
        if (len)
            (*out)[i++] = dupn(ld, b, len);
        if (!c)
            break;
        p = c + 1;
    }
    *n = i;
}

static void split_list(struct loader *ld, const char *s, char ***out, size_t *n)
{
    split_on(ld, s, ',', out, n);
}

static void split_list_semi(struct loader *ld, const char *s, char ***out,
                            size_t *n)
{
    split_on(ld, s, ';', out, n);
}

/* set a condition attribute; false when @name is not one */
static enum sr_status cond_attr(struct loader *ld, long line, struct rcond *c,
                                const char *name, const char *val,
                                const struct rattr *a, bool *used)
{
    static const char *const cmps[] = {
        "", "lt", "le", "gt", "ge", "eq", "ne"
    };
    bool b;
    int i;

    *used = true;
    for (i = 1; i < 7; i++) {
        if (!strcmp(name, cmps[i])) {
            if (c->cmp != RC_NONE)
                return err_at(ld, line,
                              "more than one comparison: use "
                              "nested <if>");
            c->cmp = (enum rcmp)i;
            parse_number(val, &c->num);
            return SR_OK;
        }
    }
    if (!strcmp(name, "figure")) {
        c->fig = a->key;
    } else if (!strcmp(name, "significant")) {
        c->signif = a->key;
    } else if (!strcmp(name, "present")) {
        parse_bool(val, &b);
        c->present = b;
    } else if (!strcmp(name, "small")) {
        parse_bool(val, &b);
        c->small = b;
    } else if (!strcmp(name, "draft")) {
        parse_bool(val, &b);
        c->draft = b;
    } else if (!strcmp(name, "complaint")) {
        parse_bool(val, &b);
        c->complaint = b;
    } else if (!strcmp(name, "text")) {
        for (i = 0; i < RT_TEXT_COUNT; i++) {
            if (!strcmp(text_names[i], val))
                c->text = i;
        }
    } else if (!strcmp(name, "is")) {
        split_list(ld, val, &c->is, &c->nis);
    } else if (!strcmp(name, "marking")) {
        split_list(ld, val, &c->marking, &c->nmarking);
    } else if (!strcmp(name, "field")) {
        const char *dot = strchr(val, '.');
        int f;

        c->fvar = var_of(val, dot ? (size_t)(dot - val) : strlen(val));
        c->ffield = RF_KEY;
        if (c->fvar < 0)
            return err_at(ld, line, "field=\"%s\": not a loop variable", val);
        if (!in_scope(ld, c->fvar))
            return err_at(ld, line, "field=\"%s\" outside <each var=\"%s\">",
                          val, var_names[c->fvar]);
        if (dot) {
            c->ffield = -1;
            for (f = 1; f < RF_FIELD_COUNT; f++) {
                if (!strcmp(field_names[f], dot + 1))
                    c->ffield = f;
            }
            if (c->ffield < 0 || !(var_fields[c->fvar] & F(c->ffield)))
                return err_at(ld, line, "'%s' has no field '%s'",
                              var_names[c->fvar], dot + 1);
        }
    } else if (!strcmp(name, "some")) {
        c->some = var_of(val, strlen(val));
        if (c->some < 0)
            return err_at(ld, line, "some=\"%s\": not a loop variable", val);
    } else if (!strcmp(name, "has") || !strcmp(name, "has-not")) {
        if (c->has)
            return err_at(ld, line,
                          "'has' and 'has-not' together: use "
                          "nested <if>");
        for (i = 1; i < (int)NHAS; i++) {
            if (!strcmp(has_names[i], val))
                c->has = i;
        }
        c->has_not = name[3] == '-';
    } else {
        *used = false;
    }
    return SR_OK;
}

static enum sr_status check_cond(struct loader *ld, long line,
                                 const struct rcond *c, const char *elem)
{
    if (c->some >= 0 && strcmp(elem, "if") && strcmp(elem, "elif"))
        return err_at(ld, line, "<%s>: some= is for <if> and <elif>", elem);
    if (c->some == RV_VALUE && !in_scope(ld, RV_SEGMENT))
        return err_at(ld, line,
                      "<%s some=\"value\"> outside <each var=\"segment\">",
                      elem);
    if (c->some == RV_OPTION && !in_scope(ld, RV_CHOICE))
        return err_at(ld, line,
                      "<%s some=\"option\"> outside <each var=\"choice\">",
                      elem);
    if (c->some == RV_POINT && !in_scope(ld, RV_ITEM) &&
        !in_scope(ld, RV_SCALE))
        return err_at(ld, line,
                      "<%s some=\"point\"> outside <each var=\"item\">", elem);
    if (c->some == RV_STEP)
        return err_at(ld, line,
                      "<%s some=\"step\">: steps are listed, "
                      "not tested",
                      elem);
    if (c->cmp != RC_NONE && !c->fig)
        return err_at(ld, line, "<%s>: a comparison needs figure=\"KEY\"",
                      elem);
    if (c->present >= 0 && !c->fig)
        return err_at(ld, line, "<%s>: present= needs figure=\"KEY\"", elem);
    if (c->nis && c->text < 0 && c->fvar < 0)
        return err_at(ld, line,
                      "<%s>: is= needs text=\"NAME\" or "
                      "field=\"VAR.FIELD\"",
                      elem);
    if (c->text >= 0 && c->fvar >= 0)
        return err_at(ld, line,
                      "<%s>: text= and field= together: use "
                      "nested <if>",
                      elem);
    if (c->small >= 0 && !in_scope(ld, RV_VALUE))
        return err_at(ld, line, "<%s>: small= outside <each var=\"value\">",
                      elem);
    if (c->complaint >= 0 && !in_scope(ld, RV_CATEGORY))
        return err_at(ld, line,
                      "<%s>: complaint= outside <each var=\"category\">", elem);
    return SR_OK;
}

/* --- attributes --- */

static const char *attr_type(const char *list, const char *name, bool *required)
{
    size_t n = strlen(name);
    const char *p = list;

    while (*p) {
        const char *e = p;

        while (*e && *e != ' ')
            e++;
        if ((size_t)(e - p) > n + 1 && !strncmp(p, name, n) && p[n] == ':') {
            *required = p[n + 2] == '!';
            return p + n + 1;
        }
        while (*e == ' ')
            e++;
        p = e;
    }
    return NULL;
}

/* parse the attributes of an element into @n (and its condition) */
static enum sr_status parse_attrs(struct loader *ld, const struct espec *sp,
                                  struct rnode *n, const char *const *attr)
{
    long line = sr_xml_line(ld->x);
    size_t count = 0;
    const char *p;
    size_t i;
    enum sr_status rc;

    for (i = 0; attr[i]; i += 2)
        count++;
    n->attrs = alloc(ld, (count ? count : 1) * sizeof(*n->attrs));
    for (i = 0; attr[i]; i += 2) {
        const char *name = attr[i];
        const char *val = attr[i + 1];
        bool req;
        const char *type = attr_type(sp->attrs, name, &req);
        struct rattr *a = &n->attrs[n->nattrs];
        double num;
        bool b;
        double rgb[3];
        bool used;

        if (!type)
            return err_at(ld, line, "unknown attribute '%s' on <%s>", name,
                          sp->name);
        a->name = rdup(ld, name);
        a->str = rdup(ld, val);
        switch (*type) {
        case 's':
            rc = parse_seq(ld, line, val, &a->seq);
            if (rc != SR_OK)
                return rc;
            break;
        case 'k':
        case '3':
            rc = parse_key(ld, line, val, strlen(val), *type == 'k' ? 4 : 3,
                           &a->key);
            if (rc != SR_OK)
                return rc;
            break;
        case 'n':
            if (!parse_number(val, &num))
                return err_at(ld, line, "<%s %s=\"%s\">: not a number",
                              sp->name, name, val);
            break;
        case 'l':
            if (!parse_length(val, &num))
                return err_at(ld, line,
                              "<%s %s=\"%s\">: not a length (12, 12pt, "
                              "5mm, 1em)",
                              sp->name, name, val);
            break;
        case 'b':
            if (!parse_bool(val, &b))
                return err_at(ld, line, "<%s %s=\"%s\">: use yes or no",
                              sp->name, name, val);
            break;
        case 'c':
            if (!parse_color(val, rgb) && strcmp(val, "marking"))
                return err_at(ld, line,
                              "<%s %s=\"%s\">: not a colour (#rrggbb)",
                              sp->name, name, val);
            break;
        case 'a':
            if (!parse_align(val))
                return err_at(ld, line,
                              "<%s %s=\"%s\">: use left, center or right",
                              sp->name, name, val);
            break;
        case 'f': {
            struct rfmt f;

            if (!parse_fmt(val, &f))
                return err_at(ld, line,
                              "<%s %s=\"%s\">: bad format: use 0, 0.0, "
                              "+0.0, 0.0%%, abs0.0, n, p or P",
                              sp->name, name, val);
            n->fmt = f;
            break;
        }
        case 't': {
            int k;
            bool ok = false;

            for (k = 0; k < RT_TEXT_COUNT; k++)
                ok = ok || !strcmp(text_names[k], val);
            if (!ok)
                return err_at(ld, line, "<%s %s=\"%s\">: unknown text",
                              sp->name, name, val);
            break;
        }
        case 'h': {
            size_t k;
            bool ok = false;

            for (k = 1; k < NHAS; k++)
                ok = ok || !strcmp(has_names[k], val);
            if (!ok)
                return err_at(ld, line,
                              "<%s %s=\"%s\">: use previous, categories, "
                              "complaints, segments, sources, approval or "
                              "recipient",
                              sp->name, name, val);
            break;
        }
        default:
            break;
        }
        n->nattrs++;
        rc = cond_attr(ld, line, &n->cond, name, val, a, &used);
        if (rc != SR_OK)
            return rc;
    }
    /* required ones */
    p = sp->attrs;
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);

        if (len && p[len - 1] == '!') {
            const char *colon = memchr(p, ':', len);
            size_t nl = (size_t)(colon - p);
            bool found = false;

            for (i = 0; i < n->nattrs; i++)
                found = found || (strlen(n->attrs[i].name) == nl &&
                                  !strncmp(n->attrs[i].name, p, nl));
            if (!found)
                return err_at(ld, line, "<%s> needs %.*s=\"...\"", sp->name,
                              (int)nl, p);
        }
        if (!e)
            break;
        p = e + 1;
    }
    return SR_OK;
}

/* --- <each> --- */

static enum sr_status setup_each(struct loader *ld, struct rnode *n)
{
    long line = n->line;
    const char *var = rn_str(n, "var", "");
    const char *in = rn_str(n, "in", NULL);
    const char *kind = rn_str(n, "kind", NULL);
    const char *roles = rn_str(n, "roles", NULL);
    const char *sort = rn_str(n, "sort", NULL);
    const char *limit = rn_str(n, "limit", NULL);
    double lim;
    enum sr_status rc;

    n->var = var_of(var, strlen(var));
    if (n->var < 0)
        return err_at(ld, line,
                      "<each var=\"%s\">: use dimension, item, point, "
                      "scale, segment, value, category, example, source, "
                      "step, choice, option, manager or followup",
                      var);
    if (in && n->var == RV_FOLLOWUP) {
        if (strcmp(in, "manager"))
            return err_at(ld, line,
                          "<each var=\"followup\" in=\"%s\">: follow-up "
                          "rows go in=\"manager\"",
                          in);
        if (!in_scope(ld, RV_MANAGER))
            return err_at(ld, line,
                          "<each var=\"followup\" in=\"manager\"> outside "
                          "<each var=\"manager\">");
    } else if (in && (n->var != RV_ITEM || strcmp(in, "dimension"))) {
        return err_at(ld, line,
                      "<each var=\"%s\" in=\"%s\">: only items "
                      "go in=\"dimension\"",
                      var, in);
    }
    if (in && n->var == RV_ITEM && !in_scope(ld, RV_DIMENSION))
        return err_at(ld, line,
                      "<each var=\"item\" in=\"dimension\"> outside <each "
                      "var=\"dimension\">");
    if (kind && (n->var != RV_SEGMENT ||
                 (strcmp(kind, "segment") && strcmp(kind, "derived") &&
                  strcmp(kind, "customers") && strcmp(kind, "managers"))))
        return err_at(ld, line,
                      "<each kind=\"%s\">: only segments have a kind "
                      "(segment, derived, customers or managers)",
                      kind);
    if (roles && n->var != RV_STEP)
        return err_at(ld, line, "<each roles=...>: only for var=\"step\"");
    if (rn_str(n, "scale", NULL) && n->var != RV_POINT)
        return err_at(ld, line, "<each scale=...>: only for var=\"point\"");
    if (n->var == RV_POINT && !rn_str(n, "scale", NULL) &&
        !in_scope(ld, RV_ITEM) && !in_scope(ld, RV_SCALE))
        return err_at(ld, line,
                      "<each var=\"point\"> needs an enclosing <each "
                      "var=\"item\">, <each var=\"scale\"> or "
                      "scale=\"ID\"");
    if (rn_str(n, "role", NULL) &&
        (n->var != RV_ITEM || (strcmp(rn_str(n, "role", ""), "overall") &&
                               strcmp(rn_str(n, "role", ""), "recommend"))))
        return err_at(ld, line,
                      "<each role=\"%s\">: only items have a role "
                      "(overall or recommend)",
                      rn_str(n, "role", ""));
    if (n->var == RV_VALUE && !in_scope(ld, RV_SEGMENT))
        return err_at(ld, line,
                      "<each var=\"value\"> outside <each var=\"segment\">");
    if (n->var == RV_OPTION && !in_scope(ld, RV_CHOICE))
        return err_at(ld, line,
                      "<each var=\"option\"> outside <each var=\"choice\">");
    if (n->var == RV_EXAMPLE && !in_scope(ld, RV_CATEGORY))
        return err_at(ld, line,
                      "<each var=\"example\"> outside <each "
                      "var=\"category\">");
    if (limit) {
        if (!parse_number(limit, &lim) || lim < 1 || lim != floor(lim))
            return err_at(ld, line,
                          "<each limit=\"%s\">: a whole number, 1 "
                          "or more",
                          limit);
        /* a limit past any list is no limit (and must fit a long) */
        n->limit = lim >= 1e15 ? (long)1e15 : (long)lim;
    }
    if (roles) {
        char **list;
        size_t k;

        split_list(ld, roles, &list, &n->nroles);
        n->roles = list;
        n->role_labels = alloc(ld, (n->nroles + 1) * sizeof(char *));
        for (k = 0; k < n->nroles; k++) {
            char *eq = strchr(list[k], '=');

            n->role_labels[k] = list[k];
            if (eq) {
                n->role_labels[k] = eq + 1;
                n->roles[k] = dupn(ld, list[k], (size_t)(eq - list[k]));
            }
        }
    }
    /* the variable is in scope for its own filter and sort keys: bind
     * it now, the node is on the stack already */
    if (sort) {
        char **keys;
        size_t nk;
        size_t k;

        split_list_semi(ld, sort, &keys, &nk);
        n->sort = alloc(ld, (nk ? nk : 1) * sizeof(*n->sort));
        for (k = 0; k < nk; k++) {
            const char *ks = keys[k];

            if (*ks == '-') {
                n->sort[k].desc = true;
                ks++;
            } else if (*ks == '+') {
                ks++;
            }
            rc = parse_key(ld, line, ks, strlen(ks), 4, &n->sort[k].key);
            if (rc != SR_OK)
                return rc;
        }
        n->nsort = nk;
    }
    return SR_OK;
}

/* --- style names, widths, flags --- */

static const char *const builtin_styles[] = { "body", "plain", "note",
                                              "caption", "title" };

static bool style_known(const struct sr_report_tmpl *rt, const char *name)
{
    size_t i;

    for (i = 0; i < sizeof(builtin_styles) / sizeof(builtin_styles[0]); i++) {
        if (!strcmp(builtin_styles[i], name))
            return true;
    }
    for (i = 0; i < rt->nstyles; i++) {
        if (!strcmp(rt->styles[i].name, name))
            return true;
    }
    return false;
}

/* "strong alert" -> flags (the SR_CELL_* values of layout.h) */
static bool parse_flags(const char *s, unsigned *out)
{
    static const char *const names[] = { "strong", "alert", "muted", "good" };
    static const unsigned bits[] = { 1u << 0, 1u << 1, 1u << 2, 1u << 3 };
    unsigned f = 0;

    while (*s) {
        size_t n = strcspn(s, " ,");
        size_t i;
        bool ok = false;

        for (i = 0; n && i < 4; i++) {
            if (strlen(names[i]) == n && !strncmp(names[i], s, n)) {
                f |= bits[i];
                ok = true;
            }
        }
        if (n && !ok)
            return false;
        s += n;
        while (*s == ' ' || *s == ',')
            s++;
    }
    *out = f;
    return true;
}

/* a column width: auto, *, 2*, 30mm, 20%, 40pt */
static bool width_ok(const char *s)
{
    size_t n = strlen(s);
    double v;
    char buf[32];

    if (!strcmp(s, "auto") || !strcmp(s, "*"))
        return true;
    if (n == 0 || n >= sizeof(buf))
        return false;
    memcpy(buf, s, n + 1);
    if (buf[n - 1] == '*' || buf[n - 1] == '%') {
        buf[n - 1] = '\0';
        return parse_number(buf, &v) && v > 0;
    }
    return parse_length(s, &v) && v > 0;
}

/* "{n}、{title}": only the tokens of @allowed (space separated) */
static enum sr_status check_tokens(struct loader *ld, long line,
                                   const char *what, const char *s,
                                   const char *allowed)
{
    const char *p = s;

    while ((p = strchr(p, '{'))) {
        const char *e = strchr(p, '}');
        const char *a = allowed;
        bool ok = false;

        if (!e)
            return err_at(ld, line, "%s=\"%s\": '{' without '}'", what, s);
        while (*a) {
            size_t n = strcspn(a, " ");

            if (n == (size_t)(e - p - 1) && !strncmp(a, p + 1, n))
                ok = true;
            a += n;
            while (*a == ' ')
                a++;
        }
        if (!ok)
            return err_at(ld, line, "%s=\"%s\": unknown '{%.*s}' (use %s)",
                          what, s, (int)(e - p - 1), p + 1, allowed);
        p = e + 1;
    }
    return SR_OK;
}

/* --- table rows against columns --- */

struct sig {
    long fixed;
    char **loops; /* canonical loop signatures */
    size_t n;
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sig_release(struct sig *s)
{
    size_t i;

    for (i = 0; i < s->n; i++)
        free(s->loops[i]);
    free(s->loops);
    memset(s, 0, sizeof(*s));
}

static void sig_text(const struct sig *s, struct sr_buf *b)
{
    size_t i;

    sr_buf_addf(b, "%ld", s->fixed);
    for (i = 0; i < s->n; i++)
        sr_buf_addf(b, "|%s", s->loops[i]);
}

static void sig_push(struct sig *s, char *loop)
{
    s->loops = xreallocarray(s->loops, s->n + 1, sizeof(*s->loops));
    s->loops[s->n++] = loop;
}

static enum sr_status signature(struct loader *ld, const struct rnode *n,
                                enum rn_kind want, struct sig *out);

/* the signature of an <each>: its variable, filter and order, and what
 * one turn makes */
static enum sr_status each_sig(struct loader *ld, const struct rnode *e,
                               enum rn_kind want, struct sig *out)
{
    struct sig inner = { 0 };
    struct sr_buf b = SR_BUF_INIT;
    size_t i;
    enum sr_status rc = signature(ld, e, want, &inner);

    if (rc != SR_OK)
        goto out;
    if (!inner.fixed && !inner.n)
        goto out;
    sr_buf_addstr(&b, "each");
    for (i = 0; i < e->nattrs; i++)
        sr_buf_addf(&b, " %s=%s", e->attrs[i].name, e->attrs[i].str);
    sr_buf_addstr(&b, "{");
    sig_text(&inner, &b);
    sr_buf_addstr(&b, "}");
    sig_push(out, sr_buf_detach(&b));
out:
    sig_release(&inner);
    sr_buf_release(&b);
    return rc;
}

static enum sr_status signature(struct loader *ld, const struct rnode *n,
                                enum rn_kind want, struct sig *out)
{
    size_t i;
    size_t j;
    enum sr_status rc = SR_OK;

    for (i = 0; i < n->nkids && rc == SR_OK; i++) {
        const struct rnode *k = n->kids[i];

        if (k->kind == want) {
            out->fixed++;
        } else if (k->kind == RN_EACH) {
            rc = each_sig(ld, k, want, out);
        } else if (k->kind == RN_IF) {
            struct sig first = { 0 };
            struct sr_buf a = SR_BUF_INIT;
            bool has_else = false;

            for (j = 0; j < k->nkids && rc == SR_OK; j++) {
                struct sig s = { 0 };
                struct sr_buf t = SR_BUF_INIT;

                has_else = has_else || k->kids[j]->cond.always;
                rc = signature(ld, k->kids[j], want, &s);
                if (s.n > 1)
                    qsort(s.loops, s.n, sizeof(*s.loops), cmp_str);
                sig_text(&s, &t);
                if (j == 0) {
                    first = s;
                    sr_buf_addstr(&a, t.buf);
                } else {
                    if (rc == SR_OK && strcmp(a.buf, t.buf))
                        rc = err_at(ld, k->kids[j]->line,
                                    "the branches of <if> make different "
                                    "%ss",
                                    want == RN_COL ? "column" : "cell");
                    sig_release(&s);
                }
                sr_buf_release(&t);
            }
            if (rc == SR_OK && !has_else && (first.fixed || first.n))
                rc = err_at(ld, k->line,
                            "an <if> that makes %ss needs an <else/> that "
                            "makes as many",
                            want == RN_COL ? "column" : "cell");
            out->fixed += first.fixed;
            for (j = 0; j < first.n; j++) {
                sig_push(out, first.loops[j]);
                first.loops[j] = NULL;
            }
            sig_release(&first);
            sr_buf_release(&a);
        }
    }
    return rc;
}

/* every row (under <each> and <if> too) of table @t against @cols */
static enum sr_status check_rows(struct loader *ld, const struct rnode *n,
                                 const char *cols, long ncols_fixed)
{
    size_t i;
    enum sr_status rc = SR_OK;

    for (i = 0; i < n->nkids && rc == SR_OK; i++) {
        const struct rnode *k = n->kids[i];

        if (k->kind == RN_ROW) {
            struct sig s = { 0 };
            struct sr_buf t = SR_BUF_INIT;

            rc = signature(ld, k, RN_CELL, &s);
            if (s.n > 1)
                qsort(s.loops, s.n, sizeof(*s.loops), cmp_str);
            sig_text(&s, &t);
            if (rc == SR_OK && strcmp(t.buf, cols)) {
                if (!s.n && !strchr(cols, '|'))
                    rc = err_at(ld, k->line,
                                "the row has %ld cell%s, the table %ld "
                                "column%s",
                                s.fixed, s.fixed == 1 ? "" : "s", ncols_fixed,
                                ncols_fixed == 1 ? "" : "s");
                else
                    rc = err_at(ld, k->line,
                                "the cells of the row do not match the "
                                "columns (the same <each> must make both)");
            }
            sig_release(&s);
            sr_buf_release(&t);
        } else if (k->kind == RN_EACH || k->kind == RN_IF ||
                   k->kind == RN_BRANCH) {
            rc = check_rows(ld, k, cols, ncols_fixed);
        }
    }
    return rc;
}

static enum sr_status check_table(struct loader *ld, const struct rnode *t)
{
    struct sig s = { 0 };
    struct sr_buf cols = SR_BUF_INIT;
    enum sr_status rc = signature(ld, t, RN_COL, &s);

    if (rc == SR_OK && !s.fixed && !s.n)
        rc = err_at(ld, t->line, "<table> has no <col>");
    if (s.n > 1)
        qsort(s.loops, s.n, sizeof(*s.loops), cmp_str);
    sig_text(&s, &cols);
    if (rc == SR_OK)
        rc = check_rows(ld, t, cols.buf, s.fixed);
    sig_release(&s);
    sr_buf_release(&cols);
    return rc;
}

/* what a chart of @type may hold, through <each> and <if> */
static enum sr_status check_chart(struct loader *ld, const struct rnode *n,
                                  const char *type)
{
    size_t i;
    enum sr_status rc = SR_OK;

    for (i = 0; i < n->nkids && rc == SR_OK; i++) {
        const struct rnode *k = n->kids[i];
        bool bars = !strcmp(type, "bars");
        bool scatter = !strcmp(type, "scatter");

        if ((k->kind == RN_BAR && !bars) ||
            (k->kind == RN_GROUP && (bars || scatter)) ||
            ((k->kind == RN_POINT || k->kind == RN_QUADRANT) && !scatter))
            rc = err_at(ld, k->line, "a chart of type '%s' holds %s", type,
                        bars      ? "<bar> elements"
                        : scatter ? "<point> and <quadrant> elements"
                                  : "<group> elements with <bar>s");
        else if (k->kind == RN_EACH || k->kind == RN_IF || k->kind == RN_BRANCH)
            rc = check_chart(ld, k, type);
    }
    return rc;
}

/* --- the parse --- */

static const struct espec *find_spec(const char *name)
{
    size_t i;

    for (i = 0; i < NSPECS; i++) {
        if (!strcmp(specs[i].name, name))
            return &specs[i];
    }
    return NULL;
}

static bool is_control(const struct frame *f)
{
    return f->elem && (f->elem->kind == RN_EACH || f->elem->kind == RN_IF ||
                       f->elem->kind == RN_NONE);
}

/* the element whose content the top of the stack is (skipping <each>,
 * <if> and <none>) */
static const struct frame *owner(const struct loader *ld)
{
    int i;

    for (i = ld->depth - 1; i >= 0; i--) {
        if (!is_control(&ld->stack[i]))
            return &ld->stack[i];
    }
    return NULL;
}

static enum sr_status flush_text(struct loader *ld, struct frame *f,
                                 bool at_end)
{
    const char *s = f->text.buf;
    size_t n = f->text.len;
    const struct frame *o;
    bool foot;
    size_t i;
    size_t lit = 0;
    long line = f->text_line;
    long ln;
    struct sr_buf tmp = SR_BUF_INIT;
    enum sr_status rc = SR_OK;

    if (!n)
        return SR_OK;
    if (f->ctx != C_INLINE) {
        for (i = 0; i < n; i++) {
            if (s[i] == '\n')
                line++;
            if (!is_ws(s[i])) {
                o = owner(ld);
                rc = err_at(ld, line, "text is not allowed in <%s>",
                            o && o->spec ? o->spec->name : "report");
                goto out;
            }
        }
        goto out;
    }
    o = owner(ld);
    foot = o && o->id == HEAD_PAGE_FOOT;
    /* placeholders are parsed on the text as written (line numbers),
     * white space is collapsed in the literal pieces between them */
    ln = line;
    for (i = 0; i <= n; i++) {
        bool brace = i < n && s[i] == '{' && !(i + 1 < n && s[i + 1] == '{');

        if (i < n && s[i] == '{' && i + 1 < n && s[i + 1] == '{') {
            i++;
            continue;
        }
        if (i < n && !brace) {
            if (s[i] == '\n')
                ln++;
            continue;
        }
        /* literal s[lit, i) */
        sr_buf_reset(&tmp);
        collapse(&tmp, s + lit, i - lit, lit == 0 && f->into->nkids == 0,
                 i == n && at_end);
        rc = parse_inline(ld, f->into, tmp.buf, tmp.len, ln, foot);
        if (rc != SR_OK || i == n)
            break;
        {
            const char *close = memchr(s + i, '}', n - i);
            const char *nl = memchr(s + i, '\n', n - i);

            if (!close) {
                rc = err_at(ld, ln,
                            "'{' without '}' (write '{{' for a "
                            "brace)");
                break;
            }
            if (nl && nl < close) {
                rc = err_at(ld, ln, "a placeholder may not span lines");
                break;
            }
            rc = placeholder(ld, f->into, s + i + 1,
                             (size_t)(close - s - i - 1), ln, foot);
            if (rc != SR_OK)
                break;
            i = (size_t)(close - s);
            lit = i + 1;
        }
    }
out:
    sr_buf_reset(&f->text);
    sr_buf_release(&tmp);
    return rc;
}

static struct frame *push(struct loader *ld, const struct espec *sp, int id,
                          struct rnode *elem, struct rnode *into, enum ctx c)
{
    struct frame *f = &ld->stack[ld->depth++];

    memset(f, 0, sizeof(*f));
    f->spec = sp;
    f->id = id;
    f->elem = elem;
    f->into = into;
    f->ctx = c;
    sr_buf_init(&f->text);
    return f;
}

static enum sr_status root_attrs(struct loader *ld, const char *const *attr)
{
    struct sr_report_tmpl *rt = ld->rt;
    struct rnode tmp;
    long line = sr_xml_line(ld->x);
    enum sr_status rc;
    static const char *const hnames[3] = { "heading1", "heading2", "heading3" };
    int i;

    memset(&tmp, 0, sizeof(tmp));
    rc = parse_attrs(ld, &specs[0], &tmp, attr);
    if (rc != SR_OK)
        return rc;
    if (strcmp(rn_str(&tmp, "version", "1"), "1"))
        return err_at(ld, line,
                      "<report version=\"%s\">: this satreport "
                      "reads version 1",
                      rn_str(&tmp, "version", ""));
    rt->lang = rdup(ld, rn_str(&tmp, "lang", ""));
    rt->title = rdup(ld, rn_str(&tmp, "title", ""));
    rt->status = rdup(ld, rn_str(&tmp, "status", ""));
    rt->absent = rdup(ld, rn_str(&tmp, "absent", "—"));
    rt->heading[0] = rdup(ld, rn_str(&tmp, "heading1", "{n}  {title}"));
    rt->heading[1] = rdup(ld, rn_str(&tmp, "heading2", "{n1}.{n}  {title}"));
    rt->heading[2] =
        rdup(ld, rn_str(&tmp, "heading3", "{n1}.{n2}.{n}  {title}"));
    rt->table_caption = rdup(ld, rn_str(&tmp, "table-caption", "{caption}"));
    rt->figure_caption = rdup(ld, rn_str(&tmp, "figure-caption", "{caption}"));
    rt->continued = rdup(ld, rn_str(&tmp, "continued", " (…)"));
    rt->part = rdup(ld, rn_str(&tmp, "part", " ({part}/{parts})"));
    for (i = 0; i < 3; i++) {
        rc = check_tokens(ld, line, hnames[i], rt->heading[i],
                          "n cjk n1 n2 title");
        if (rc != SR_OK)
            return rc;
    }
    rc =
        check_tokens(ld, line, "table-caption", rt->table_caption, "n caption");
    if (rc == SR_OK)
        rc = check_tokens(ld, line, "figure-caption", rt->figure_caption,
                          "n caption");
    if (rc == SR_OK)
        rc = check_tokens(ld, line, "part", rt->part, "part parts");
    return rc;
}

/* <info>, <marking>, <status>, <style>, <page-head> */
static enum sr_status head_element(struct loader *ld, const struct espec *sp,
                                   int id, const char *const *attr)
{
    struct sr_report_tmpl *rt = ld->rt;
    struct rnode *tmp = new_node(ld, RN_SEQ, sr_xml_line(ld->x));
    long line = tmp->line;
    enum sr_status rc = parse_attrs(ld, sp, tmp, attr);
    bool b = false;

    if (rc != SR_OK)
        return rc;
    switch (id) {
    case HEAD_INFO:
        if (ld->seen_info)
            return err_at(ld, line, "a second <info>");
        ld->seen_info = true;
        rt->info_title = rn_seq(tmp, "title");
        rt->info_subject = rn_seq(tmp, "subject");
        rt->info_author = rn_seq(tmp, "author");
        rt->info_keywords = rn_seq(tmp, "keywords");
        break;
    case HEAD_MARKING: {
        struct rmarking *m;
        struct rmarking *grown =
            alloc(ld, (rt->nmarkings + 1) * sizeof(*grown));

        if (rt->nmarkings)
            memcpy(grown, rt->markings, rt->nmarkings * sizeof(*grown));
        rt->markings = grown;
        m = &rt->markings[rt->nmarkings++];
        m->level = rdup(ld, rn_str(tmp, "level", ""));
        m->text = rdup(ld, rn_str(tmp, "text", m->level));
        m->rgb[0] = m->rgb[1] = m->rgb[2] = 0.35;
        if (rn_str(tmp, "color", NULL))
            parse_color(rn_str(tmp, "color", NULL), m->rgb);
        if (rn_str(tmp, "protect", NULL))
            parse_bool(rn_str(tmp, "protect", NULL), &m->protect);
        break;
    }
    case HEAD_STATUS: {
        struct rstatus *s;
        struct rstatus *grown = alloc(ld, (rt->nstatuses + 1) * sizeof(*grown));

        if (rt->nstatuses)
            memcpy(grown, rt->statuses, rt->nstatuses * sizeof(*grown));
        rt->statuses = grown;
        s = &rt->statuses[rt->nstatuses++];
        s->value = rdup(ld, rn_str(tmp, "value", ""));
        s->text = rdup(ld, rn_str(tmp, "text", s->value));
        if (rn_str(tmp, "draft", NULL))
            parse_bool(rn_str(tmp, "draft", NULL), &b);
        s->draft = b;
        break;
    }
    case HEAD_STYLE: {
        struct rstyle *s;
        struct rstyle *grown = alloc(ld, (rt->nstyles + 1) * sizeof(*grown));
        const char *v;

        if (rt->nstyles)
            memcpy(grown, rt->styles, rt->nstyles * sizeof(*grown));
        rt->styles = grown;
        s = &rt->styles[rt->nstyles];
        s->name = rdup(ld, rn_str(tmp, "name", ""));
        if (style_known(rt, s->name))
            return err_at(ld, line,
                          "style '%s' is defined twice (or is "
                          "built in)",
                          s->name);
        s->base = rdup(ld, rn_str(tmp, "base", "body"));
        if (!style_known(rt, s->base))
            return err_at(ld, line, "<style base=\"%s\">: unknown style",
                          s->base);
        s->size = s->leading = s->indent = s->before = s->after = -1;
        s->align = -1;
        s->bold = -1;
        if ((v = rn_str(tmp, "size", NULL)))
            parse_number(v, &s->size);
        if ((v = rn_str(tmp, "leading", NULL)))
            parse_number(v, &s->leading);
        if ((v = rn_str(tmp, "indent", NULL)))
            parse_number(v, &s->indent);
        if ((v = rn_str(tmp, "before", NULL)))
            parse_length(v, &s->before);
        if ((v = rn_str(tmp, "after", NULL)))
            parse_length(v, &s->after);
        if ((v = rn_str(tmp, "align", NULL)))
            s->align = !strcmp(v, "left") ? 0 : !strcmp(v, "center") ? 1 : 2;
        if ((v = rn_str(tmp, "bold", NULL))) {
            parse_bool(v, &b);
            s->bold = b;
        }
        if ((v = rn_str(tmp, "color", NULL)))
            s->has_color = parse_color(v, s->rgb);
        rt->nstyles++;
        break;
    }
    case HEAD_PAGE_HEAD:
        if (ld->seen_head)
            return err_at(ld, line, "a second <page-head>");
        ld->seen_head = true;
        rt->head_left = rn_seq(tmp, "left");
        rt->head_right = rn_seq(tmp, "right");
        break;
    default:
        break;
    }
    return SR_OK;
}

/* checks of one element's attributes after they are parsed */
static enum sr_status check_element(struct loader *ld, struct rnode *n)
{
    const char *v;
    double num;
    long line = n->line;

    switch (n->kind) {
    case RN_P:
        v = rn_str(n, "style", NULL);
        if (v && !style_known(ld->rt, v))
            return err_at(ld, line,
                          "unknown style '%s' (define it with <style "
                          "name=\"%s\"> before it is used)",
                          v, v);
        break;
    case RN_ROW:
    case RN_CELL:
        v = rn_str(n, "style", NULL);
        if (v && !parse_flags(v, &n->flags))
            return err_at(ld, line,
                          "<%s style=\"%s\">: use strong, alert, good or "
                          "muted",
                          n->kind == RN_ROW ? "row" : "cell", v);
        break;
    case RN_FLAG:
        if (!parse_flags(rn_str(n, "set", ""), &n->flags) || !n->flags)
            return err_at(ld, line,
                          "<flag set=\"%s\">: use strong, alert, good or "
                          "muted",
                          rn_str(n, "set", ""));
        return check_cond(ld, line, &n->cond, "flag");
    case RN_COL:
        v = rn_str(n, "width", NULL);
        if (v && !width_ok(v))
            return err_at(ld, line,
                          "<col width=\"%s\">: use auto, *, 2*, 30mm, 20%% "
                          "or 40pt",
                          v);
        break;
    case RN_CHART:
        v = rn_str(n, "type", "");
        if (strcmp(v, "bars") && strcmp(v, "grouped") && strcmp(v, "stacked") &&
            strcmp(v, "scatter"))
            return err_at(ld, line,
                          "<chart type=\"%s\">: use bars, grouped, stacked "
                          "or scatter",
                          v);
        v = rn_str(n, "split", NULL);
        if (v && strcmp(v, "mean") && strcmp(v, "none"))
            return err_at(ld, line, "<chart split=\"%s\">: use mean or none",
                          v);
        break;
    case RN_QUADRANT:
        parse_number(rn_str(n, "n", "0"), &num);
        if (num != 1 && num != 2 && num != 3 && num != 4)
            return err_at(ld, line, "<quadrant n=\"%s\">: use 1, 2, 3 or 4",
                          rn_str(n, "n", ""));
        break;
    case RN_GOTO:
        parse_number(rn_str(n, "at", "0"), &num);
        if (num < 0 || num > 1)
            return err_at(ld, line,
                          "<goto at=\"%s\">: a fraction of the page, 0 to 1",
                          rn_str(n, "at", ""));
        break;
    case RN_SECTION:
        v = rn_str(n, "break", NULL);
        if (v && strcmp(v, "page") && strcmp(v, "none"))
            return err_at(ld, line,
                          "<section break=\"%s\">: use page or "
                          "none",
                          v);
        break;
    case RN_TOC:
        v = rn_str(n, "levels", NULL);
        if (v) {
            parse_number(v, &num);
            if (num != 1 && num != 2 && num != 3)
                return err_at(ld, line, "<toc levels=\"%s\">: use 1, 2 or 3",
                              v);
        }
        break;
    default:
        break;
    }
    return SR_OK;
}

static enum sr_status on_start(void *ctx, struct sr_xml *x, const char *name,
                               const char *const *attr)
{
    struct loader *ld = ctx;
    const struct espec *sp = find_spec(name);
    long line = sr_xml_line(x);
    struct frame *top;
    struct rnode *n;
    enum ctx c;
    int id;
    int i;
    enum sr_status rc;

    if (!ld->seen_root) {
        if (strcmp(name, "report"))
            return err_at(ld, line,
                          "the root element is <%s>, not <report>: is this "
                          "a report template?",
                          name);
        ld->seen_root = true;
        push(ld, sp, ROOT_REPORT, NULL, ld->rt->root, C_HEAD);
        return root_attrs(ld, attr);
    }
    top = &ld->stack[ld->depth - 1];
    rc = flush_text(ld, top, false);
    if (rc != SR_OK)
        return rc;
    if (!sp)
        return err_at(ld, line, "unknown element <%s>", name);
    if (top->id == CTL_ELIF || top->id == CTL_ELSE)
        return err_at(ld, line,
                      "<%s> must be empty: it only separates the "
                      "branches of <if>",
                      top->spec->name);
    id = (int)sp->kind;
    if (id == CTL_ELIF || id == CTL_ELSE) {
        if (!top->elem || top->elem->kind != RN_IF)
            return err_at(ld, line, "<%s> outside <if>", name);
    } else if (id == RN_NONE) {
        if (!top->elem || top->elem->kind != RN_EACH)
            return err_at(ld, line, "<none> outside <each>");
        if (top->elem->none)
            return err_at(ld, line, "a second <none> in one <each>");
    } else if (!(sp->where & IN(top->ctx))) {
        const struct frame *o = owner(ld);

        return err_at(ld, line, "<%s> may not stand in <%s>", name,
                      o && o->spec ? o->spec->name : "report");
    }
    if (id == RN_FLAG && top->ctx == C_INLINE) {
        const struct frame *o = owner(ld);

        if (!o || !o->elem ||
            (o->elem->kind != RN_CELL && o->elem->kind != RN_BAR &&
             o->elem->kind != RN_POINT))
            return err_at(ld, line,
                          "<flag> stands in <row>, <cell>, <bar> or "
                          "<point>");
    }

    if (id >= RN_KIND_COUNT && id != CTL_ELIF && id != CTL_ELSE) {
        struct rnode *seq = NULL;

        if (id == HEAD_PAGE_FOOT || id == HEAD_WATERMARK) {
            struct rnode *tmp = new_node(ld, RN_SEQ, line);

            if ((id == HEAD_PAGE_FOOT && ld->rt->foot) ||
                (id == HEAD_WATERMARK && ld->rt->watermark))
                return err_at(ld, line, "a second <%s>", name);
            rc = parse_attrs(ld, sp, tmp, attr);
            if (rc != SR_OK)
                return rc;
            seq = new_node(ld, RN_SEQ, line);
            if (id == HEAD_PAGE_FOOT) {
                ld->rt->foot = seq;
            } else {
                ld->rt->watermark = seq;
                if (rn_str(tmp, "color", NULL))
                    ld->rt->has_watermark_color = parse_color(
                        rn_str(tmp, "color", NULL), ld->rt->watermark_rgb);
            }
            push(ld, sp, id, NULL, seq, C_INLINE);
            return SR_OK;
        }
        push(ld, sp, id, NULL, NULL, C_NONE);
        return head_element(ld, sp, id, attr);
    }

    if (id == RN_IF || id == CTL_ELIF) {
        /* some="VAR": $VAR is in scope in this element's condition only */
        for (i = 0; attr[i]; i += 2) {
            if (!strcmp(attr[i], "some"))
                ld->cond_var = var_of(attr[i + 1], strlen(attr[i + 1]));
        }
    }
    if (id == CTL_ELIF || id == CTL_ELSE) {
        struct rnode *ifn = top->elem;
        struct rnode *br = new_node(ld, RN_BRANCH, line);

        if (ifn->nkids && ifn->kids[ifn->nkids - 1]->cond.always)
            return err_at(ld, line, "<%s> after <else/>", name);
        rc = flush_text(ld, top, true);
        if (rc != SR_OK)
            return rc;
        push(ld, sp, id, NULL, NULL, C_NONE);
        if (id == CTL_ELSE) {
            br->cond.always = true;
            if (attr[0])
                return err_at(ld, line, "<else/> takes no attributes");
        } else {
            rc = parse_attrs(ld, sp, br, attr);
            if (rc == SR_OK)
                rc = check_cond(ld, line, &br->cond, "elif");
            ld->cond_var = -1;
            if (rc != SR_OK)
                return rc;
        }
        add_kid(ld, ifn, br);
        top->into = br;
        return SR_OK;
    }

    n = new_node(ld, (enum rn_kind)id, line);
    c = sp->child == C_SAME ? top->ctx : sp->child;
    if (id == RN_EACH) {
        /* its own variable is in scope in its filter and sort keys */
        for (i = 0; attr[i]; i += 2) {
            if (!strcmp(attr[i], "var"))
                n->var = var_of(attr[i + 1], strlen(attr[i + 1]));
        }
    }
    if (id == RN_NONE) {
        top->elem->none = n;
    } else if (id == RN_SECTION) {
        int level = 1;

        for (i = 0; i < ld->depth; i++)
            level += ld->stack[i].elem && ld->stack[i].elem->kind == RN_SECTION;
        if (level > 3)
            return err_at(ld, line, "sections nest at most three deep");
        n->level = level;
        add_kid(ld, top->into, n);
    } else if (id == RN_COVER) {
        add_kid(ld, top->into, n);
    } else {
        add_kid(ld, top->into, n);
    }
    push(ld, sp, id, n, n, c);
    rc = parse_attrs(ld, sp, n, attr);
    if (rc != SR_OK)
        return rc;
    if (id == RN_IF) {
        rc = check_cond(ld, line, &n->cond, "if");
        ld->cond_var = -1;
        if (rc != SR_OK)
            return rc;
    }
    if (id == RN_EACH) {
        rc = setup_each(ld, n);
        if (rc == SR_OK)
            rc = check_cond(ld, line, &n->cond, "each");
        return rc;
    }
    if (id == RN_IF) {
        struct rnode *br = new_node(ld, RN_BRANCH, line);

        br->cond = n->cond;
        add_kid(ld, n, br);
        ld->stack[ld->depth - 1].into = br;
    }
    return check_element(ld, n);
}

static enum sr_status on_text(void *ctx, struct sr_xml *x, const char *s,
                              size_t n)
{
    struct loader *ld = ctx;
    struct frame *top;

    if (!ld->depth)
        return SR_OK;
    top = &ld->stack[ld->depth - 1];
    if (!top->text.len)
        top->text_line = sr_xml_line(x);
    sr_buf_add(&top->text, s, n);
    return SR_OK;
}

static enum sr_status on_end(void *ctx, struct sr_xml *x, const char *name)
{
    struct loader *ld = ctx;
    struct frame *top = &ld->stack[ld->depth - 1];
    enum sr_status rc;

    (void)x;
    (void)name;
    rc = flush_text(ld, top, true);
    if (rc == SR_OK && top->elem) {
        if (top->elem->kind == RN_TABLE)
            rc = check_table(ld, top->elem);
        else if (top->elem->kind == RN_CHART)
            rc = check_chart(ld, top->elem, rn_str(top->elem, "type", ""));
    }
    sr_buf_release(&top->text);
    ld->depth--;
    return rc;
}

/* --- public --- */

const char *sr_report_default_path(void)
{
    if (access(SR_REPORT_INSTALLED, R_OK) == 0)
        return SR_REPORT_INSTALLED;
    return SR_REPORT_SOURCE;
}

enum sr_status sr_report_load(const char *path, struct sr_report_tmpl **out,
                              struct sr_diag *d)
{
    struct sr_report_tmpl *rt = xcalloc(1, sizeof(*rt));
    struct loader *ld = xcalloc(1, sizeof(*ld));
    struct sr_xml_handlers h;
    enum sr_status rc;
    int i;

    *out = NULL;
    sr_arena_init(&rt->arena);
    ld->rt = rt;
    ld->cond_var = -1;
    rt->path = sr_arena_strdup(&rt->arena, path);
    rt->root = new_node(ld, RN_SECTION, 1);
    rt->absent = sr_arena_strdup(&rt->arena, "—");
    memset(&h, 0, sizeof(h));
    h.start = on_start;
    h.end = on_end;
    h.text = on_text;
    h.ctx = ld;
    rc = sr_xml_open(&ld->x, path, &h, d);
    if (rc == SR_OK) {
        do
            rc = sr_xml_step(ld->x, d);
        while (rc == SR_OK);
        if (rc == SR_DONE)
            rc = SR_OK;
    }
    if (rc == SR_ERR_PARSE) {
        /* a template that is not well-formed is a template error */
        rc = SR_ERR_CONFIG;
        if (d)
            d->code = rc;
    }
    for (i = 0; i < ld->depth; i++)
        sr_buf_release(&ld->stack[i].text);
    sr_xml_free(ld->x);
    free(ld);
    if (rc != SR_OK) {
        sr_report_free(rt);
        return rc;
    }
    *out = rt;
    return SR_OK;
}

void sr_report_free(struct sr_report_tmpl *rt)
{
    if (!rt)
        return;
    sr_arena_release(&rt->arena);
    free(rt);
}
