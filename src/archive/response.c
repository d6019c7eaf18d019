/* SPDX-License-Identifier: MIT */
/*
 * response.c - join forms to the customer archive; count who responded;
 * keep the forms to follow up
 *
 * Input: accepted records (sr_response_join() before classification,
 * sr_response_add() after).  Output: counts per archive customer, the
 * unknown customers, disagreements per segment field and the follow-up
 * list (response.h).  Owns a form count per archive customer, a string
 * pool (unknown ids, the follow-up forms' ids and masked names), the set
 * of unknown ids and the follow-up entries.
 */
#include "response.h"

#include "../check/rejects.h"
#include "../core/buf.h"
#include "../core/log.h"
#include "../core/mem.h"
#include "../core/text.h"
/* classify.h's file comment holds a slash-star: quiet -Wcomment for it */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcomment"
#include "../classify/classify.h"
#pragma GCC diagnostic pop

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_CUSTOMER UINT32_MAX
#define MAX_FORMS   UINT16_MAX
#define FORMAT      "satreport-response\t1"

/* A form on the follow-up list.  Strings are pool offsets (0 = none). */
struct fu {
    uint32_t customer; /* archive customer, or NO_CUSTOMER */
    uint32_t id;       /* an unknown customer's id */
    uint32_t form;
    uint32_t name; /* masked */
    int32_t date;  /* yyyymmdd, or 0 */
    int32_t score; /* overall, or SR_MISSING */
    uint64_t cats; /* its complaint categories */
    bool low;
    bool complaint;
};

/*
 * Invariants: forms has one count per archive customer, and seen lists
 * each customer whose count is not 0 once (merging a small accumulator,
 * e.g. one input file's, costs what it holds, not the archive's size);
 * pool.buf[0] is
 * '\0' (offset 0 is "none"); uslots has ucap slots (a power of two, at
 * most 70% full), each 0 or the pool offset of an unknown id; fields and
 * own have one entry per template field.
 */
struct sr_response {
    const struct sr_archive *a;  /* borrowed */
    const struct sr_template *t; /* borrowed */
    struct sr_response_opts o;   /* arrays borrowed */
    uint64_t complaint_mask;     /* the complaint categories' bits */
    int name_field;              /* role customer-name, or -1 */
    int manager_col;             /* archive column, or -1 */

    uint16_t *forms;
    uint32_t *seen; /* the customers with forms > 0, first-seen order */
    size_t nseen;
    size_t seen_alloc;
    long known_forms;
    long unknown_forms;
    long refused;
    long *compared; /* per archive column */
    long *disagree;

    struct sr_buf pool;
    uint32_t *uslots;
    size_t ucap;
    size_t nunknown;

    struct fu *fu;
    size_t nfu;
    size_t fu_alloc;

    /* the current join, borrowed by the record */
    const char **fields;
    const char **own;
    struct sr_customer_match match;
    size_t cur; /* archive customer of the current record, or SIZE_MAX */
    struct sr_buf scratch;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 14695981039346656037ULL;

    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 1099511628211ULL;
    }
    return h;
}

static uint32_t pool_add(struct sr_response *rs, const char *s)
{
    size_t at = rs->pool.len;
    size_t n = strlen(s) + 1;

    if (!*s)
        return 0;
    if (at + n > UINT32_MAX) {
        /* 4 GiB of follow-up ids and names: as out of memory (mem.h) */
        fputs("satreport: error: the follow-up list is larger than 4 GiB\n",
              stderr);
        exit(4);
    }
    sr_buf_add(&rs->pool, s, n);
    return (uint32_t)at;
}

static const char *pool_str(const struct sr_response *rs, uint32_t off)
{
    return rs->pool.buf + off;
}

struct sr_response *sr_response_new(const struct sr_archive *a,
                                    const struct sr_template *t,
                                    const struct sr_response_opts *o)
{
    struct sr_response *rs = xcalloc(1, sizeof(*rs));
    size_t ncols = sr_archive_ncolumns(a);
    size_t k;

    rs->a = a;
    rs->t = t;
    if (o)
        rs->o = *o;
    for (k = 0; k < rs->o.ncategories && k < SR_MAX_CATEGORIES; k++)
        if (rs->o.categories[k].complaint)
            rs->complaint_mask |= (uint64_t)1 << k;
    rs->name_field = -1;
    for (k = 0; k < t->nfields; k++)
        if (t->fields[k].role == SR_ROLE_CUSTOMER_NAME)
            rs->name_field = (int)k;
    rs->manager_col = sr_archive_manager_column(a);
    rs->forms = xcalloc(sr_archive_count(a) ? sr_archive_count(a) : 1,
                        sizeof(*rs->forms));
    rs->compared = xcalloc(ncols ? ncols : 1, sizeof(*rs->compared));
    rs->disagree = xcalloc(ncols ? ncols : 1, sizeof(*rs->disagree));
    sr_buf_init(&rs->pool);
    sr_buf_addch(&rs->pool, '\0');
    sr_buf_init(&rs->scratch);
    rs->fields = xcalloc(t->nfields ? t->nfields : 1, sizeof(*rs->fields));
    rs->own = xcalloc(t->nfields ? t->nfields : 1, sizeof(*rs->own));
    rs->cur = SIZE_MAX;
    return rs;
}

void sr_response_free(struct sr_response *rs)
{
    if (!rs)
        return;
    free(rs->forms);
    free(rs->seen);
    free(rs->compared);
    free(rs->disagree);
    sr_buf_release(&rs->pool);
    sr_buf_release(&rs->scratch);
    free(rs->uslots);
    free(rs->fu);
    free(rs->fields);
    free(rs->own);
    free(rs);
}

/* --- unknown customers ------------------------------------------------ */

/* Add @f forms to customer @i (saturating). */
static void add_forms(struct sr_response *rs, size_t i, unsigned f)
{
    unsigned v = rs->forms[i];

    if (!v && f) {
        if (rs->nseen == rs->seen_alloc) {
            rs->seen_alloc = rs->seen_alloc ? 2 * rs->seen_alloc : 256;
            rs->seen =
                xreallocarray(rs->seen, rs->seen_alloc, sizeof(*rs->seen));
        }
        rs->seen[rs->nseen++] = (uint32_t)i;
    }
    v += f;
    rs->forms[i] = (uint16_t)(v > MAX_FORMS ? MAX_FORMS : v);
}

static uint32_t *uslot(const struct sr_response *rs, const char *id, uint64_t h)
{
    size_t mask = rs->ucap - 1;
    size_t i = (size_t)h & mask;

    while (rs->uslots[i] && strcmp(pool_str(rs, rs->uslots[i]), id))
        i = (i + 1) & mask;
    return &rs->uslots[i];
}

static void unknown_add(struct sr_response *rs, const char *id)
{
    uint32_t *slot;

    if (!id || !*id)
        return;
    if ((rs->nunknown + 1) * 10 > rs->ucap * 7) {
        size_t cap = rs->ucap ? 2 * rs->ucap : 256;
        uint32_t *old = rs->uslots;
        size_t oldcap = rs->ucap;
        size_t i;

        rs->uslots = xcalloc(cap, sizeof(*rs->uslots));
        rs->ucap = cap;
        for (i = 0; i < oldcap; i++)
            if (old[i])
                *uslot(rs, pool_str(rs, old[i]),
                       hash_str(pool_str(rs, old[i]))) = old[i];
        free(old);
    }
    slot = uslot(rs, id, hash_str(id));
    if (*slot)
        return;
    *slot = pool_add(rs, id);
    rs->nunknown++;
}

/* --- join and count ---------------------------------------------------- */

static const char *customer_id(const struct sr_response *rs,
                               const struct sr_record *rec)
{
    const char *id = rec->fields[rs->t->customer_id_field];

    return id && *id ? id : NULL;
}

enum sr_verdict sr_response_join(struct sr_response *rs, struct sr_record *rec,
                                 struct sr_rejects *rj, struct sr_diag *d)
{
    const struct sr_template *t = rs->t;
    const char *id = customer_id(rs, rec);
    size_t ncols = sr_archive_ncolumns(rs->a);
    size_t i;
    size_t k;

    for (i = 0; i < t->nfields; i++) {
        rs->fields[i] = rec->fields[i];
        rs->own[i] = NULL;
    }
    rs->cur = SIZE_MAX;
    rs->match.known = false;
    rs->match.manager = NULL;
    rs->match.own = rs->own;
    if (id && sr_archive_find(rs->a, id, &i)) {
        rs->cur = i;
        rs->match.known = true;
        for (k = 0; k < ncols; k++) {
            int f = sr_archive_column_field(rs->a, k);
            const char *av = sr_archive_value_text(rs->a, k, i);
            const char *fv;

            if (f == SR_ARCHIVE_MANAGER) {
                rs->match.manager = av;
                continue;
            }
            if (!av)
                continue; /* the archive has no value: the form's stays */
            fv = rec->fields[f];
            if (fv) {
                rs->compared[k]++;
                if (strcmp(fv, av)) {
                    rs->disagree[k]++;
                    rs->own[f] = fv;
                }
            }
            rs->fields[f] = av;
        }
    } else if (rs->o.refuse_unknown) {
        const struct sr_field *cf = &t->fields[t->customer_id_field];
        const char *form_id =
            t->form_id_field >= 0 ? rec->fields[t->form_id_field] : NULL;

        sr_buf_reset(&rs->scratch);
        if (id && cf->pii)
            sr_text_mask(&rs->scratch, id);
        else if (id)
            sr_buf_addstr(&rs->scratch, id);
        rs->refused++;
        {
            char reason[1024];

            if (id)
                snprintf(reason, sizeof(reason),
                         "customer '%s' is not in the customer archive",
                         rs->scratch.buf);
            else
                snprintf(reason, sizeof(reason),
                         "empty customer id: the form cannot be joined to "
                         "the customer archive");
            if (sr_rejects_add(rj, rec->raw ? rec->raw->file : "",
                               rec->raw ? rec->raw->line : 0,
                               form_id ? form_id : "", cf->id, reason) != SR_OK)
                sr_diag_set(d, SR_ERR_WRITE, "rejects.csv", 0,
                            "cannot write: %s", strerror(errno));
        }
        return SR_REFUSED;
    }
    rec->fields = rs->fields;
    rec->customer = &rs->match;
    return SR_ACCEPTED;
}

/* The two lowest points of the overall item's scale: min and min + 1. */
static bool low_score(const struct sr_template *t, int32_t score)
{
    const struct sr_scale *sc;

    if (t->overall_item < 0 || score == SR_MISSING)
        return false;
    sc = &t->scales[t->items[t->overall_item].scale];
    return score >= sc->min && score <= sc->min + 1;
}

/* A field's value as it may leave the run folder (pii masked) */
static uint32_t pool_field(struct sr_response *rs, int field, const char *v)
{
    if (!v || !*v)
        return 0;
    if (field >= 0 && rs->t->fields[field].pii) {
        sr_text_mask(&rs->scratch, v);
        return pool_add(rs, rs->scratch.buf);
    }
    return pool_add(rs, v);
}

void sr_response_add(struct sr_response *rs, const struct sr_record *rec)
{
    const struct sr_template *t = rs->t;
    int32_t score =
        t->overall_item >= 0 ? rec->scores[t->overall_item] : SR_MISSING;
    uint64_t cats = rec->categories & rs->complaint_mask;
    bool known = rec->customer && rec->customer->known && rs->cur != SIZE_MAX;
    struct fu *e;

    if (known) {
        rs->known_forms++;
        add_forms(rs, rs->cur, 1);
    } else {
        rs->unknown_forms++;
        unknown_add(rs, customer_id(rs, rec));
    }
    if (!low_score(t, score) && !rec->complaint)
        return;
    if (rs->nfu == rs->fu_alloc) {
        rs->fu_alloc = rs->fu_alloc ? 2 * rs->fu_alloc : 256;
        rs->fu = xreallocarray(rs->fu, rs->fu_alloc, sizeof(*rs->fu));
    }
    e = &rs->fu[rs->nfu++];
    memset(e, 0, sizeof(*e));
    e->customer = known ? (uint32_t)rs->cur : NO_CUSTOMER;
    e->id =
        known ? 0 : pool_field(rs, t->customer_id_field, customer_id(rs, rec));
    e->form = t->form_id_field >= 0
                  ? pool_add(rs, rec->fields[t->form_id_field]
                                     ? rec->fields[t->form_id_field]
                                     : "")
                  : 0;
    e->name = rs->name_field >= 0
                  ? pool_field(rs, rs->name_field, rec->fields[rs->name_field])
                  : 0;
    e->date = rec->date;
    e->score = score;
    e->cats = cats;
    e->low = low_score(t, score);
    e->complaint = rec->complaint;
}

unsigned sr_response_forms(const struct sr_response *rs, size_t i)
{
    return rs->forms[i];
}

long sr_response_unknown_forms(const struct sr_response *rs)
{
    return rs->unknown_forms;
}

size_t sr_response_unknown_customers(const struct sr_response *rs)
{
    return rs->nunknown;
}

long sr_response_known_forms(const struct sr_response *rs)
{
    return rs->known_forms;
}

long sr_response_compared(const struct sr_response *rs, size_t k)
{
    return rs->compared[k];
}

long sr_response_disagreements(const struct sr_response *rs, size_t k)
{
    return rs->disagree[k];
}

long sr_response_refused(const struct sr_response *rs)
{
    return rs->refused;
}

/* --- merging ------------------------------------------------------------ */

static void fu_push(struct sr_response *dst, const struct fu *e)
{
    if (dst->nfu == dst->fu_alloc) {
        dst->fu_alloc = dst->fu_alloc ? 2 * dst->fu_alloc : 256;
        dst->fu = xreallocarray(dst->fu, dst->fu_alloc, sizeof(*dst->fu));
    }
    dst->fu[dst->nfu++] = *e;
}

void sr_response_merge(struct sr_response *dst, const struct sr_response *src)
{
    size_t i;

    for (i = 0; i < src->nseen; i++)
        add_forms(dst, src->seen[i], src->forms[src->seen[i]]);
    dst->known_forms += src->known_forms;
    dst->unknown_forms += src->unknown_forms;
    dst->refused += src->refused;
    for (i = 0; i < sr_archive_ncolumns(dst->a); i++) {
        dst->compared[i] += src->compared[i];
        dst->disagree[i] += src->disagree[i];
    }
    for (i = 0; i < src->ucap; i++)
        if (src->uslots[i])
            unknown_add(dst, pool_str(src, src->uslots[i]));
    for (i = 0; i < src->nfu; i++) {
        struct fu e = src->fu[i];

        /* the strings move to dst's pool (masked already: copied as is) */
        e.id = e.id ? pool_add(dst, pool_str(src, e.id)) : 0;
        e.form = e.form ? pool_add(dst, pool_str(src, e.form)) : 0;
        e.name = e.name ? pool_add(dst, pool_str(src, e.name)) : 0;
        fu_push(dst, &e);
    }
}

/* --- the follow-up list ------------------------------------------------- */

/* qsort has no context argument: the list is built by one thread */
static const struct sr_response *sort_rs;

static const char *fu_manager(const struct sr_response *rs, const struct fu *e)
{
    const char *m = NULL;

    if (e->customer != NO_CUSTOMER && rs->manager_col >= 0)
        m = sr_archive_value_text(rs->a, (size_t)rs->manager_col, e->customer);
    return m ? m : "";
}

static const char *fu_customer(const struct sr_response *rs, const struct fu *e)
{
    if (e->customer != NO_CUSTOMER) {
        const char *id = sr_archive_id(rs->a, e->customer);

        return id;
    }
    return pool_str(rs, e->id);
}

static int cmp_fu(const void *pa, const void *pb)
{
    const struct fu *a = pa;
    const struct fu *b = pb;
    const char *ma = fu_manager(sort_rs, a);
    const char *mb = fu_manager(sort_rs, b);
    int c;

    if (!*ma != !*mb)
        return *ma ? -1 : 1; /* no manager last */
    c = strcmp(ma, mb);
    if (!c)
        c = strcmp(fu_customer(sort_rs, a), fu_customer(sort_rs, b));
    if (!c)
        c = strcmp(pool_str(sort_rs, a->form), pool_str(sort_rs, b->form));
    if (!c)
        c = a->date < b->date ? -1 : a->date > b->date;
    return c;
}

static const char *point_label(const struct sr_template *t, int32_t score)
{
    const struct sr_scale *sc;
    size_t k;

    if (t->overall_item < 0 || score == SR_MISSING)
        return NULL;
    sc = &t->scales[t->items[t->overall_item].scale];
    for (k = 0; k < sc->npoints; k++)
        if (sc->points[k].value == score)
            return sc->points[k].label;
    return NULL;
}

struct sr_followup *sr_response_followup(const struct sr_response *rs)
{
    const struct sr_template *t = rs->t;
    const char *sep = t->lang && !strncmp(t->lang, "en", 2) ? "; " : "；";
    struct sr_followup *fl = sr_followup_new();
    struct sr_buf cats = SR_BUF_INIT;
    struct sr_buf masked = SR_BUF_INIT;
    struct fu *order;
    size_t i;
    size_t k;

    order = xcalloc(rs->nfu ? rs->nfu : 1, sizeof(*order));
    if (rs->nfu)
        memcpy(order, rs->fu, rs->nfu * sizeof(*order));
    sort_rs = rs;
    qsort(order, rs->nfu, sizeof(*order), cmp_fu);
    sort_rs = NULL;
    for (i = 0; i < rs->nfu; i++) {
        const struct fu *e = &order[i];
        const char *cells[SR_FU_NCOLS] = { 0 };
        char date[16] = "";
        char score[16] = "";
        const char *cid = fu_customer(rs, e);

        sr_buf_reset(&cats);
        for (k = 0; k < rs->o.ncategories && k < SR_MAX_CATEGORIES; k++) {
            if (!(e->cats & ((uint64_t)1 << k)))
                continue;
            if (cats.len)
                sr_buf_addstr(&cats, sep);
            sr_buf_addstr(&cats, rs->o.categories[k].name);
        }
        if (e->date > 0)
            snprintf(date, sizeof(date), "%04d-%02d-%02d", e->date / 10000,
                     e->date / 100 % 100, e->date % 100);
        if (e->score != SR_MISSING)
            snprintf(score, sizeof(score), "%" PRId32, e->score);
        if (e->customer != NO_CUSTOMER && t->fields[t->customer_id_field].pii) {
            /* unknown customers' ids were masked when they were kept */
            sr_text_mask(&masked, cid);
            cid = masked.buf;
        }
        cells[SR_FU_MANAGER] = fu_manager(rs, e);
        cells[SR_FU_CUSTOMER] = cid;
        cells[SR_FU_NAME] = pool_str(rs, e->name);
        cells[SR_FU_FORM] = pool_str(rs, e->form);
        cells[SR_FU_DATE] = date;
        cells[SR_FU_OVERALL] = score;
        cells[SR_FU_LABEL] = point_label(t, e->score);
        cells[SR_FU_LOW] = e->low ? "1" : "0";
        cells[SR_FU_COMPLAINT] = e->complaint ? "1" : "0";
        cells[SR_FU_CATEGORIES] = cats.buf;
        cells[SR_FU_IN_ARCHIVE] = e->customer != NO_CUSTOMER ? "1" : "0";
        sr_followup_add(fl, cells);
    }
    free(order);
    sr_buf_release(&cats);
    sr_buf_release(&masked);
    return fl;
}

/* --- run.log -------------------------------------------------------------- */

void sr_response_log(const struct sr_response *rs)
{
    size_t n = sr_archive_count(rs->a);
    size_t responded = 0;
    size_t repeated = 0;
    size_t i;
    size_t k;
    size_t shown = 0;
    struct sr_buf ids = SR_BUF_INIT;

    for (i = 0; i < n; i++) {
        if (rs->forms[i])
            responded++;
        if (rs->forms[i] > 1)
            repeated++;
    }
    sr_log_info("customers: %zu of %zu in the archive responded (%.1f%%); "
                "%zu of them with more than one form (each counted once); "
                "%ld accepted forms from archive customers",
                responded, n, n ? 100.0 * (double)responded / (double)n : 0.0,
                repeated, rs->known_forms);
    for (i = 0; i < rs->ucap && shown < 5; i++) {
        if (!rs->uslots[i])
            continue;
        sr_buf_addf(&ids, "%s'%s'", shown ? ", " : "",
                    pool_str(rs, rs->uslots[i]));
        shown++;
    }
    if (rs->unknown_forms)
        sr_log_warn("customers: %ld accepted forms from %zu customers not in "
                    "the customer archive (kept, counted as unknown "
                    "customers)%s%s%s",
                    rs->unknown_forms, rs->nunknown, shown ? ", e.g. " : "",
                    ids.buf, rs->nunknown > shown ? ", ..." : "");
    if (rs->refused)
        sr_log_warn("customers: %ld forms refused: their customer is not in "
                    "the customer archive (unknown_customers = refuse)",
                    rs->refused);
    for (k = 0; k < sr_archive_ncolumns(rs->a); k++) {
        if (sr_archive_column_field(rs->a, k) == SR_ARCHIVE_MANAGER)
            continue;
        if (rs->disagree[k])
            sr_log_warn("customers: %s: %ld of %ld forms give another value "
                        "than the customer archive (the archive's is "
                        "analysed)",
                        sr_archive_column_id(rs->a, k), rs->disagree[k],
                        rs->compared[k]);
        else
            sr_log_info("customers: %s: the forms agree with the customer "
                        "archive (%ld compared)",
                        sr_archive_column_id(rs->a, k), rs->compared[k]);
    }
    sr_log_info("customers: follow-up list: %zu forms", rs->nfu);
    sr_buf_release(&ids);
}

/* --- partial runs ----------------------------------------------------------
 */

static void put_escaped(FILE *fp, const char *s)
{
    for (; *s; s++) {
        if (*s == '\t')
            fputs("\\t", fp);
        else if (*s == '\n')
            fputs("\\n", fp);
        else if (*s == '\r')
            fputs("\\r", fp);
        else if (*s == '\\')
            fputs("\\\\", fp);
        else
            putc(*s, fp);
    }
}

enum sr_status sr_response_save(const struct sr_response *rs, const char *path,
                                struct sr_diag *d)
{
    FILE *fp = fopen(path, "w");
    char fp_hex[17];
    size_t i;
    int err;

    if (!fp)
        return sr_diag_set(d, SR_ERR_WRITE, path, 0, "cannot create: %s",
                           strerror(errno));
    sr_archive_fingerprint(rs->a, fp_hex);
    fprintf(fp, "%s\narchive\t%s\t%zu\n", FORMAT, fp_hex,
            sr_archive_count(rs->a));
    fprintf(fp, "counts\t%ld\t%ld\t%ld\n", rs->known_forms, rs->unknown_forms,
            rs->refused);
    for (i = 0; i < sr_archive_ncolumns(rs->a); i++)
        fprintf(fp, "column\t%zu\t%ld\t%ld\n", i, rs->compared[i],
                rs->disagree[i]);
    for (i = 0; i < sr_archive_count(rs->a); i++) {
        if (!rs->forms[i])
            continue;
        fputs("c\t", fp);
        put_escaped(fp, sr_archive_id(rs->a, i));
        fprintf(fp, "\t%u\n", rs->forms[i]);
    }
    for (i = 0; i < rs->ucap; i++) {
        if (!rs->uslots[i])
            continue;
        fputs("u\t", fp);
        put_escaped(fp, pool_str(rs, rs->uslots[i]));
        putc('\n', fp);
    }
    for (i = 0; i < rs->nfu; i++) {
        const struct fu *e = &rs->fu[i];

        fprintf(fp, "f\t%d\t", e->customer != NO_CUSTOMER);
        put_escaped(fp, e->customer != NO_CUSTOMER
                            ? sr_archive_id(rs->a, e->customer)
                            : pool_str(rs, e->id));
        putc('\t', fp);
        put_escaped(fp, pool_str(rs, e->form));
        putc('\t', fp);
        put_escaped(fp, pool_str(rs, e->name));
        fprintf(fp, "\t%" PRId32 "\t%" PRId32 "\t%d\t%d\t%" PRIx64 "\n",
                e->date, e->score, e->low, e->complaint, e->cats);
    }
    fputs("end\n", fp);
    err = sr_stream_close(fp, 0);
    if (err)
        return sr_diag_set(d, SR_ERR_WRITE, path, 0, "cannot write: %s",
                           strerror(err));
    return SR_OK;
}

/* Split @line (its newline removed) at tabs, unescaping, into @f. */
static size_t split_fields(char *line, char **f, size_t max)
{
    size_t n = 0;
    char *r = line;
    char *w = line;

    f[n++] = w;
    for (; *r; r++) {
        if (*r == '\t') {
            *w++ = '\0';
            if (n == max)
                return max + 1;
            f[n++] = w;
        } else if (*r == '\\' && r[1]) {
            r++;
            *w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r == 'r' ? '\r' : *r;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return n;
}

static bool parse_long(const char *s, long *v)
{
    char *end;

    errno = 0;
    *v = strtol(s, &end, 10);
    return *s && !*end && !errno;
}

enum sr_status sr_response_load(struct sr_response *rs, const char *path,
                                struct sr_diag *d)
{
    FILE *fp = fopen(path, "r");
    struct sr_response *tmp;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0;
    bool ended = false;
    char fp_hex[17];
    char *f[16];
    enum sr_status s = SR_OK;

    if (!fp)
        return sr_diag_set(d, SR_ERR_IO, path, 0, "cannot open: %s",
                           strerror(errno));
    tmp = sr_response_new(rs->a, rs->t, &rs->o);
    sr_archive_fingerprint(rs->a, fp_hex);
    while (s == SR_OK && (len = getline(&line, &cap, fp)) >= 0) {
        size_t n;
        long v[6];
        size_t i;

        lineno++;
        if (len && line[len - 1] == '\n')
            line[--len] = '\0';
        if (lineno == 1) {
            if (strcmp(line, FORMAT))
                s = sr_diag_set(d, SR_ERR_PARSE, path, 1,
                                "not a satreport customer response file");
            continue;
        }
        if (ended) {
            s = sr_diag_set(d, SR_ERR_PARSE, path, lineno,
                            "data after the end");
            break;
        }
        n = split_fields(line, f, 16);
        if (!strcmp(f[0], "end") && n == 1) {
            ended = true;
        } else if (!strcmp(f[0], "archive") && n == 3) {
            if (strcmp(f[1], fp_hex))
                s = sr_diag_set(d, SR_ERR_CONFIG, path, lineno,
                                "made with another customer archive (its "
                                "fingerprint is %s, this run's %s)",
                                f[1], fp_hex);
        } else if (!strcmp(f[0], "counts") && n == 4 &&
                   parse_long(f[1], &v[0]) && parse_long(f[2], &v[1]) &&
                   parse_long(f[3], &v[2])) {
            tmp->known_forms += v[0];
            tmp->unknown_forms += v[1];
            tmp->refused += v[2];
        } else if (!strcmp(f[0], "column") && n == 4 &&
                   parse_long(f[1], &v[0]) && parse_long(f[2], &v[1]) &&
                   parse_long(f[3], &v[2]) && v[0] >= 0 &&
                   (size_t)v[0] < sr_archive_ncolumns(rs->a)) {
            tmp->compared[v[0]] += v[1];
            tmp->disagree[v[0]] += v[2];
        } else if (!strcmp(f[0], "c") && n == 3 && parse_long(f[2], &v[0]) &&
                   v[0] > 0) {
            if (!sr_archive_find(rs->a, f[1], &i)) {
                s = sr_diag_set(d, SR_ERR_CONFIG, path, lineno,
                                "customer '%s' is not in this run's customer "
                                "archive",
                                f[1]);
                break;
            }
            add_forms(tmp, i, v[0] > MAX_FORMS ? MAX_FORMS : (unsigned)v[0]);
        } else if (!strcmp(f[0], "u") && n == 2) {
            unknown_add(tmp, f[1]);
        } else if (!strcmp(f[0], "f") && n == 10 && parse_long(f[1], &v[0]) &&
                   parse_long(f[5], &v[1]) && parse_long(f[6], &v[2]) &&
                   parse_long(f[7], &v[3]) && parse_long(f[8], &v[4])) {
            struct fu e;
            char *end;

            memset(&e, 0, sizeof(e));
            if (v[0]) {
                if (!sr_archive_find(rs->a, f[2], &i)) {
                    s = sr_diag_set(d, SR_ERR_CONFIG, path, lineno,
                                    "customer '%s' is not in this run's "
                                    "customer archive",
                                    f[2]);
                    break;
                }
                e.customer = (uint32_t)i;
            } else {
                e.customer = NO_CUSTOMER;
                e.id = pool_add(tmp, f[2]);
            }
            e.form = pool_add(tmp, f[3]);
            e.name = pool_add(tmp, f[4]);
            e.date = (int32_t)v[1];
            e.score = (int32_t)v[2];
            e.low = v[3] != 0;
            e.complaint = v[4] != 0;
            errno = 0;
            e.cats = strtoull(f[9], &end, 16);
            if (errno || *end || !*f[9]) {
                s = sr_diag_set(d, SR_ERR_PARSE, path, lineno,
                                "damaged customer response file");
                break;
            }
            fu_push(tmp, &e);
        } else {
            s = sr_diag_set(d, SR_ERR_PARSE, path, lineno,
                            "damaged customer response file");
        }
    }
    if (s == SR_OK && ferror(fp))
        s = sr_diag_set(d, SR_ERR_IO, path, 0, "cannot read: %s",
                        strerror(errno));
    if (s == SR_OK && !ended)
        s = sr_diag_set(d, SR_ERR_PARSE, path, lineno,
                        "truncated customer response file");
    if (s == SR_OK)
        sr_response_merge(rs, tmp);
    sr_response_free(tmp);
    free(line);
    fclose(fp);
    return s;
}
