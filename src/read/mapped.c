/* SPDX-License-Identifier: MIT */
/*
 * mapped.c - the mapped readers: other tools' CSV and XML exports as forms
 *
 * Input: one export file and a loaded mapping (mapping_impl.h).  Output:
 * struct sr_rawform, one per data row (CSV, after the mapping's header
 * rows) or per record element (XML), with one value per template slot,
 * already turned into what the template reads: scale points, option
 * values joined by ';', dates as YYYY-MM-DD, constants filled in.  A row
 * that cannot be read as the mapping says still comes out, with a problem,
 * so that the checker refuses it with its line (FORMATS.md §4: no form is
 * lost without a line in rejects.csv).
 *
 * CSV rows come from the generic row layer (csv.h: encodings, BOM, UTF-16,
 * separators); XML records are parsed through the shared XML layer into a
 * tree of one record at a time (mapping.c), on which the mapping's paths
 * are evaluated.  Memory: one row or one record, a per-form arena reset
 * for every form, and bounded samples for the mapping-check report.
 */
#include "mapping.h"

#include "csv.h"
#include "mapping_impl.h"

#include "../core/log.h"
#include "../core/mem.h"
#include "../core/text.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A record of an XML export larger than this is an error. */
#define MAX_RECORD_BYTES (64u * 1024 * 1024)
/* Unmapped values kept per target for the report. */
#define MAX_SAMPLES 12
/* Element paths of XML records that no mapping path read, kept for the
 * report. */
#define MAX_UNUSED 200

/* What a target met that it could not map. */
struct unmapped {
    unsigned long count;
    char *sample[MAX_SAMPLES];
    long line[MAX_SAMPLES];
    unsigned long times[MAX_SAMPLES];
    size_t nsample;
};

struct unused_path {
    char *path;
    unsigned long times;
};

/*
 * Invariants: values has t->nslots entries, each NULL or a string in
 * arena (or borrowed from the current row/record) until the next form;
 * for CSV, hdr has header_rows rows of ncols normalised cells, tcol has
 * one entry per target and ocol one array per target (one entry per
 * <option>), each a column index or -1 (an optional column not found);
 * for XML, names[0..depth) is the open element stack.
 */
struct sr_mapped {
    const struct sr_mapping *m;
    const struct sr_template *t;
    struct sr_reader_badtext bad; /* CSV rows with undecodable bytes */
    char *path;
    const char *base;    /* the file name in path */
    char *stem;          /* base without its extension */
    bool scan;           /* opened by sr_mapping_scan(): no forms, no checks */
    bool lenient;        /* columns not found are reported, not errors */
    struct sr_buf notes; /* what lenient opening let pass */

    /* CSV */
    struct sr_csv_rows *rows;
    bool empty; /* no rows at all */
    size_t ncols;
    char ***hdr;
    char **codes;
    long *tcol;
    long **ocol;
    long want_cells; /* header-rows 0: cells of the first data row */
    long header_line;

    /* XML */
    struct sr_xml *x;
    struct sr_mdom dom;
    char *names[SR_XML_MAX_DEPTH + 1];
    size_t depth;
    bool in_record;
    size_t rec_depth;
    long rec_line;
    bool rec_ready;
    unsigned long *hits;   /* per target: records where its path matched */
    unsigned long **ohits; /* per target and option */
    struct unused_path *unused;
    size_t nunused;

    /* per form */
    struct sr_arena arena;
    const char **values;
    const char ***extra; /* per slot: other texts for a comment */
    size_t *nextra;
    struct sr_buf problem;
    const char *problem_field;
    int nproblems;
    long row;
    long line;

    long nread;
    long nrefused;
    long nfiles;         /* files whose counts are in this reader (merges) */
    struct unmapped *um; /* per target */
    struct sr_buf nb;    /* normalisation scratch */
    struct sr_buf tmp;
};

/* --- small helpers ------------------------------------------------------- */

static const char *norm(struct sr_mapped *r, const char *s)
{
    sr_text_normalize(&r->nb, s ? s : "");
    return r->nb.buf;
}

static char *anorm(struct sr_mapped *r, const char *s)
{
    return sr_arena_strdup(&r->arena, norm(r, s));
}

static void problem(struct sr_mapped *r, const char *field, const char *fmt,
                    ...) __attribute__((format(printf, 3, 4)));

static void problem(struct sr_mapped *r, const char *field, const char *fmt,
                    ...)
{
    va_list ap;

    r->nproblems++;
    if (r->nproblems > 1)
        return;
    r->problem_field = field ? field : "";
    va_start(ap, fmt);
    sr_buf_vaddf(&r->problem, fmt, ap);
    va_end(ap);
}

static bool in_list(char *const *list, size_t n, const char *v)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!strcmp(list[i], v))
            return true;
    return false;
}

static bool has_prefix(char *const *list, size_t n, const char *v)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!strncmp(v, list[i], strlen(list[i])))
            return true;
    return false;
}

static bool set_missing(const struct sr_mset *s, const char *nv)
{
    return in_list(s->missing, s->nmissing, nv) ||
           has_prefix(s->missing_prefix, s->nmissing_prefix, nv);
}

static bool is_missing(const struct sr_mapping *m, const struct sr_mtarget *tg,
                       const char *nv)
{
    return set_missing(&tg->own, nv) || (tg->set && set_missing(tg->set, nv)) ||
           set_missing(&m->global, nv);
}

/* The value map entry of @nv (normalised), or NULL. */
static const char *mapped_to(const struct sr_mtarget *tg, const char *nv)
{
    size_t i;

    for (i = 0; i < tg->own.nvalues; i++)
        if (!strcmp(tg->own.values[i].from, nv))
            return tg->own.values[i].to;
    if (tg->set)
        for (i = 0; i < tg->set->nvalues; i++)
            if (!strcmp(tg->set->values[i].from, nv))
                return tg->set->values[i].to;
    return NULL;
}

static void note_unmapped(struct sr_mapped *r, size_t ti, const char *nv)
{
    struct unmapped *u = &r->um[ti];
    size_t i;

    u->count++;
    for (i = 0; i < u->nsample; i++)
        if (!strcmp(u->sample[i], nv)) {
            u->times[i]++;
            return;
        }
    if (u->nsample == MAX_SAMPLES)
        return;
    u->sample[u->nsample] = xstrdup(nv);
    u->line[u->nsample] = r->line;
    u->times[u->nsample] = 1;
    u->nsample++;
}

/* @s with {file} {stem} {row} {line} filled in, in the form's arena. */
static const char *expand(struct sr_mapped *r, const char *s)
{
    struct sr_buf *b = &r->tmp;
    const char *p = s;

    if (!strchr(s, '{'))
        return s;
    sr_buf_reset(b);
    while (*p) {
        if (!strncmp(p, "{file}", 6)) {
            sr_buf_addstr(b, r->base);
            p += 6;
        } else if (!strncmp(p, "{stem}", 6)) {
            sr_buf_addstr(b, r->stem);
            p += 6;
        } else if (!strncmp(p, "{row}", 5)) {
            sr_buf_addf(b, "%ld", r->row);
            p += 5;
        } else if (!strncmp(p, "{line}", 6)) {
            sr_buf_addf(b, "%ld", r->line);
            p += 6;
        } else {
            sr_buf_addch(b, *p++);
        }
    }
    return sr_arena_strdup(&r->arena, b->buf);
}

/* Read up to @max digits at *p; -1 when there is none. */
static long digits(const char **p, int max)
{
    long v = 0;
    int n = 0;

    while (n < max && **p >= '0' && **p <= '9') {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return n ? v : -1;
}

/* Skip one date separator: - / . or 年 月 (a UTF-8 sequence). */
static bool date_sep(const char **p)
{
    if (**p == '-' || **p == '/' || **p == '.') {
        (*p)++;
        return true;
    }
    if (!strncmp(*p, "\xe5\xb9\xb4", 3) || !strncmp(*p, "\xe6\x9c\x88", 3)) {
        *p += 3; /* 年 月 */
        return true;
    }
    return false;
}

/* A date as the mapping says it is written, as YYYY-MM-DD in @out.  A time
 * after it (" 08:28:09", "T04:44:16Z") is dropped. */
static bool to_date(const char *s, enum sr_mdate how, char *out, size_t n)
{
    const char *p = s;
    long a;
    long b;
    long c;
    long y;
    long mo;
    long dd;

    a = digits(&p, how == SR_MDATE_YMD ? 4 : 2);
    if (a < 0 || !date_sep(&p))
        return false;
    b = digits(&p, 2);
    if (b < 0 || !date_sep(&p))
        return false;
    c = digits(&p, how == SR_MDATE_YMD ? 2 : 4);
    if (c < 0)
        return false;
    if (!strncmp(p, "\xe6\x97\xa5", 3))
        p += 3; /* 日 */
    if (*p && *p != ' ' && *p != 'T' && *p != 't')
        return false;
    if (how == SR_MDATE_YMD) {
        y = a;
        mo = b;
        dd = c;
    } else if (how == SR_MDATE_DMY) {
        dd = a;
        mo = b;
        y = c;
    } else {
        mo = a;
        dd = b;
        y = c;
    }
    if (y < 1000 || y > 9999 || mo < 1 || mo > 12 || dd < 1 || dd > 31)
        return false;
    snprintf(out, n, "%04ld-%02ld-%02ld", y, mo, dd);
    return true;
}

/* --- turning raw values into slot values -------------------------------- */

static const char *first_nonempty(struct sr_mapped *r, const char *const *raw,
                                  size_t nraw)
{
    size_t i;

    for (i = 0; i < nraw; i++)
        if (raw[i] && *norm(r, raw[i]))
            return raw[i];
    return nraw ? raw[0] : NULL;
}

static const char *do_field(struct sr_mapped *r, const struct sr_mtarget *tg,
                            const char *raw)
{
    const char *v = raw;
    const char *nv;
    const char *to;
    char date[32];

    if (v) {
        nv = norm(r, v);
        if (is_missing(r->m, tg, nv))
            v = "";
        else if ((to = mapped_to(tg, nv)))
            v = to;
    }
    if ((!v || !*norm(r, v)) && tg->def)
        v = expand(r, tg->def);
    if (v && tg->date != SR_MDATE_NONE && *norm(r, v)) {
        if (!to_date(norm(r, v), tg->date, date, sizeof(date))) {
            problem(r, tg->id, "'%s' is not a date written %s", norm(r, v),
                    tg->date == SR_MDATE_YMD   ? "year-month-day"
                    : tg->date == SR_MDATE_DMY ? "day-month-year"
                                               : "month-day-year");
            return v;
        }
        v = sr_arena_strdup(&r->arena, date);
    }
    return v;
}

/* True if the template's checker will accept @v for item @it. */
static bool item_accepts(const struct sr_template *t, const struct sr_item *it,
                         const char *v)
{
    const struct sr_scale *sc = &t->scales[it->scale];
    char *end;
    long x;
    size_t k;

    if (!*v)
        return true;
    x = strtol(v, &end, 10);
    if (end != v && !*end)
        return x >= sc->min && x <= sc->max;
    for (k = 0; k < sc->npoints; k++)
        if (sc->points[k].label && !strcmp(sc->points[k].label, v))
            return true;
    for (k = 0; k < sc->nmissing; k++)
        if (!strcmp(sc->missing[k], v))
            return true;
    return false;
}

/* A number for rescaling or reversing: digits, or a point label. */
static bool item_number(const struct sr_scale *sc, const char *v, double *x)
{
    char *end;
    size_t k;

    *x = strtod(v, &end);
    if (end != v && !*end && isfinite(*x))
        return true;
    for (k = 0; k < sc->npoints; k++)
        if (sc->points[k].label && !strcmp(sc->points[k].label, v)) {
            *x = sc->points[k].value;
            return true;
        }
    return false;
}

static const char *do_item(struct sr_mapped *r, size_t ti,
                           const struct sr_mtarget *tg, const char *raw)
{
    const struct sr_template *t = r->t;
    const struct sr_item *it = &t->items[tg->index];
    const struct sr_scale *sc = &t->scales[it->scale];
    const char *v;
    const char *to;
    double x;
    char num[32];

    if (!raw)
        return tg->def ? expand(r, tg->def) : NULL;
    v = anorm(r, raw);
    if (!*v || is_missing(r->m, tg, v))
        return tg->def ? expand(r, tg->def) : "";
    to = mapped_to(tg, v);
    if (to)
        v = to;
    if (!*v)
        return "";
    if (!tg->rescale && !tg->reverse) {
        if (!item_accepts(t, it, v))
            note_unmapped(r, ti, v);
        return v;
    }
    if (!item_number(sc, v, &x)) {
        note_unmapped(r, ti, v);
        problem(r, tg->id, "value '%s' of '%s' is not a number to %s", v,
                tg->id, tg->rescale ? "rescale" : "reverse");
        return v;
    }
    if (tg->rescale) {
        double lo = fmin(tg->lo, tg->hi);
        double hi = fmax(tg->lo, tg->hi);
        double y;

        if (x < lo || x > hi) {
            note_unmapped(r, ti, v);
            problem(r, tg->id,
                    "value '%s' of '%s' is outside its source scale "
                    "%g..%g",
                    v, tg->id, tg->lo, tg->hi);
            return v;
        }
        y = sc->min + (x - tg->lo) * (sc->max - sc->min) / (tg->hi - tg->lo);
        if (fabs(y - floor(y + 0.5)) > 1e-9 && !tg->round) {
            problem(r, tg->id,
                    "value '%s' of '%s' rescaled from %g..%g to %d..%d is "
                    "%.6g, not a point of the scale (the mapping may say "
                    "round=\"nearest\")",
                    v, tg->id, tg->lo, tg->hi, sc->min, sc->max, y);
            return v;
        }
        x = floor(y + 0.5); /* half up */
    } else if (x != floor(x) || x < sc->min || x > sc->max) {
        note_unmapped(r, ti, v);
        problem(r, tg->id,
                "value '%s' of '%s' is not a point of %d..%d to "
                "reverse",
                v, tg->id, sc->min, sc->max);
        return v;
    }
    if (tg->reverse)
        x = sc->min + sc->max - x;
    snprintf(num, sizeof(num), "%.0f", x);
    return sr_arena_strdup(&r->arena, num);
}

/* Append the "other" text @s to comment slot @slot. */
static void add_extra(struct sr_mapped *r, int slot, const char *s, size_t n)
{
    const char **list = r->extra[slot];
    size_t k = r->nextra[slot];
    const char **grown;

    while (n && (s[0] == ' '))
        s++, n--;
    while (n && s[n - 1] == ' ')
        n--;
    if (!n)
        return;
    grown = sr_arena_alloc(&r->arena, (k + 1) * sizeof(*grown));
    if (k)
        memcpy(grown, list, k * sizeof(*grown));
    grown[k] = sr_arena_strndup(&r->arena, s, n);
    r->extra[slot] = grown;
    r->nextra[slot] = k + 1;
}

/* The option value of one token of a choice (normalised), or NULL after
 * a problem. */
static const char *choice_token(struct sr_mapped *r, size_t ti,
                                const struct sr_mtarget *tg, const char *tok)
{
    const struct sr_choice *c = &r->t->choices[tg->index];
    const char *to;
    size_t k;

    if (tg->other_prefix &&
        !strncmp(tok, tg->other_prefix, strlen(tg->other_prefix))) {
        const char *rest = tok + strlen(tg->other_prefix);

        if (tg->other_comment >= 0) {
            if (tg->other_open) {
                const char *a = strstr(rest, tg->other_open);

                if (a) {
                    const char *b;

                    a += strlen(tg->other_open);
                    b = tg->other_close ? strstr(a, tg->other_close) : NULL;
                    add_extra(r, tg->other_comment, a,
                              b ? (size_t)(b - a) : strlen(a));
                }
            } else {
                add_extra(r, tg->other_comment, rest, strlen(rest));
            }
        }
        return tg->other_option;
    }
    to = mapped_to(tg, tok);
    if (to)
        tok = anorm(r, to); /* an option value, or a label a set gives */
    for (k = 0; k < c->noptions; k++)
        if (!strcmp(norm(r, c->options[k].value), tok))
            return c->options[k].value;
    for (k = 0; k < c->noptions; k++)
        if (c->options[k].label && !strcmp(norm(r, c->options[k].label), tok))
            return c->options[k].value;
    note_unmapped(r, ti, tok);
    problem(r, tg->id,
            "unknown option '%s' of choice '%s' (not in the "
            "mapping, not in the form template)",
            tok, tg->id);
    return NULL;
}

/* Add option @v to the set @got (of @n) unless it is there. */
static void add_option(const char **got, size_t *n, const char *v)
{
    size_t i;

    for (i = 0; i < *n; i++)
        if (!strcmp(got[i], v))
            return;
    if (*n < SR_MAX_OPTIONS)
        got[(*n)++] = v;
}

/* The tokens of one cell of a choice. */
static void choice_cell(struct sr_mapped *r, size_t ti,
                        const struct sr_mtarget *tg, const char *raw,
                        const char **got, size_t *ngot)
{
    char *cell = anorm(r, raw);
    char *p = cell;

    for (;;) {
        char *end;
        char *tok = p;
        const char *v;

        if (!tg->split) {
            end = NULL;
        } else if (!*tg->split) {
            end = p + strcspn(p, " \t\r\n");
            if (!*end)
                end = NULL;
        } else {
            end = strstr(p, tg->split);
        }
        if (end)
            *end = '\0';
        tok = anorm(r, tok);
        if (*tok && !is_missing(r->m, tg, tok)) {
            v = choice_token(r, ti, tg, tok);
            if (v)
                add_option(got, ngot, v);
        }
        if (!end)
            break;
        p = end + (tg->split && *tg->split ? strlen(tg->split) : 1);
    }
}

static const char *join_options(struct sr_mapped *r, const char **got, size_t n)
{
    size_t i;

    sr_buf_reset(&r->tmp);
    for (i = 0; i < n; i++) {
        if (i)
            sr_buf_addch(&r->tmp, ';');
        sr_buf_addstr(&r->tmp, got[i]);
    }
    return sr_arena_strdup(&r->arena, r->tmp.buf);
}

static bool ticked(struct sr_mapped *r, const struct sr_mtarget *tg,
                   const struct sr_mopt *o, const char *raw)
{
    static const char *const no[] = {
        "0", "n", "no", "false", "f", "n/a", NULL
    };
    const char *v;
    size_t k;

    if (!raw)
        return false;
    v = norm(r, raw);
    if (o->nselected)
        return in_list(o->selected, o->nselected, v);
    if (tg->nselected)
        return in_list(tg->selected, tg->nselected, v);
    if (!*v || is_missing(r->m, tg, v))
        return false;
    for (k = 0; no[k]; k++)
        if (!strcasecmp(v, no[k]))
            return false;
    return true;
}

/* --- one form from the raw values of all targets ------------------------ */

/*
 * The raw inputs of one target: raw[0..nraw) for a target with a source
 * (several for an XML path that matched several elements), or, for a
 * choice given by option columns, opt[k] the cell of option k.
 */
struct rawin {
    const char **raw;
    size_t nraw;
    const char **opt;
};

static void begin_form(struct sr_mapped *r)
{
    size_t i;

    sr_arena_reset(&r->arena);
    for (i = 0; i < r->t->nslots; i++) {
        r->values[i] = NULL;
        r->extra[i] = NULL;
        r->nextra[i] = 0;
    }
    sr_buf_reset(&r->problem);
    r->problem_field = "";
    r->nproblems = 0;
}

static void put_target(struct sr_mapped *r, size_t ti, const struct rawin *in)
{
    const struct sr_mtarget *tg = &r->m->targets[ti];
    const char *raw = in->nraw ? first_nonempty(r, in->raw, in->nraw) : NULL;
    const char *got[SR_MAX_OPTIONS];
    size_t ngot = 0;
    size_t k;

    switch (tg->kind) {
    case SR_SLOT_FIELD:
        r->values[tg->slot] = do_field(r, tg, raw);
        break;
    case SR_SLOT_ITEM:
        r->values[tg->slot] = do_item(r, ti, tg, raw);
        break;
    case SR_SLOT_COMMENT:
        if (in->nraw > 1) {
            /* an XML path that matched several elements: all their texts */
            sr_buf_reset(&r->tmp);
            for (k = 0; k < in->nraw; k++) {
                const char *nv = norm(r, in->raw[k]);

                if (!*nv || is_missing(r->m, tg, nv))
                    continue;
                if (r->tmp.len)
                    sr_buf_addstr(&r->tmp, "; ");
                sr_buf_addstr(&r->tmp, in->raw[k]);
            }
            raw = sr_arena_strdup(&r->arena, r->tmp.buf);
        }
        r->values[tg->slot] = do_field(r, tg, raw);
        break;
    case SR_SLOT_CHOICE:
        if (tg->nopts) {
            bool any = false;

            for (k = 0; k < tg->nopts; k++) {
                if (in->opt[k])
                    any = true;
                if (ticked(r, tg, &tg->opts[k], in->opt[k]))
                    add_option(got, &ngot, tg->opts[k].value);
            }
            r->values[tg->slot] = any ? join_options(r, got, ngot) : NULL;
            break;
        }
        if (!in->nraw) {
            r->values[tg->slot] = tg->def ? expand(r, tg->def) : NULL;
            break;
        }
        for (k = 0; k < in->nraw; k++)
            if (in->raw[k])
                choice_cell(r, ti, tg, in->raw[k], got, &ngot);
        if (!ngot && tg->def)
            choice_cell(r, ti, tg, expand(r, tg->def), got, &ngot);
        r->values[tg->slot] = join_options(r, got, ngot);
        break;
    }
}

/* Fold the "other" texts into their comment slots and fill *f. */
static void end_form(struct sr_mapped *r, struct sr_rawform *f)
{
    size_t i;
    size_t k;

    for (i = 0; i < r->t->nslots; i++) {
        if (!r->nextra[i])
            continue;
        sr_buf_reset(&r->tmp);
        if (r->values[i] && *norm(r, r->values[i]))
            sr_buf_addstr(&r->tmp, r->values[i]);
        for (k = 0; k < r->nextra[i]; k++) {
            if (r->tmp.len)
                sr_buf_addstr(&r->tmp, "; ");
            sr_buf_addstr(&r->tmp, r->extra[i][k]);
        }
        r->values[i] = sr_arena_strdup(&r->arena, r->tmp.buf);
    }
    /* bytes that are not UTF-8 (a row the decoder could not decode) are
     * shown as U+FFFD: the row's problem says what and where */
    for (i = 0; i < r->t->nslots; i++) {
        const char *v = r->values[i];
        size_t n = v ? strlen(v) : 0;
        size_t good = v ? sr_encoding_utf8_span(v, n, false) : 0;

        if (!v || good == n)
            continue;
        if (!r->nproblems)
            problem(r, r->t->slots[i].id, "invalid UTF-8 in '%s'",
                    r->t->slots[i].id);
        sr_buf_reset(&r->tmp);
        for (k = 0; k < n;) {
            good = sr_encoding_utf8_span(v + k, n - k, false);
            sr_buf_add(&r->tmp, v + k, good);
            k += good;
            if (k < n) {
                sr_buf_addstr(&r->tmp, "\xef\xbf\xbd");
                k++;
            }
        }
        r->values[i] = sr_arena_strdup(&r->arena, r->tmp.buf);
    }
    if (r->nproblems > 1)
        sr_buf_addf(&r->problem, " (and %d more problems)", r->nproblems - 1);
    f->file = r->path;
    f->line = r->line;
    f->values = r->values;
    f->nslots = r->t->nslots;
    f->problem = r->problem.len ? r->problem.buf : NULL;
    f->problem_field = r->problem_field;
    f->lens = NULL;
    f->utf8_ok = false;
    f->at = -1;
    r->nread++;
    if (f->problem)
        r->nrefused++;
}

/* --- CSV ----------------------------------------------------------------- */

/* Header text for matching: normalised, invalid bytes as U+FFFD. */
static char *header_text(struct sr_mapped *r, const char *s, size_t n)
{
    struct sr_buf b = SR_BUF_INIT;
    size_t i = 0;
    char *out;

    while (i < n) {
        size_t good = sr_encoding_utf8_span(s + i, n - i, false);

        sr_buf_add(&b, s + i, good);
        i += good;
        if (i < n) {
            sr_buf_addstr(&b, "\xef\xbf\xbd");
            i++;
        }
    }
    /* a BOM left inside a cell by some exports */
    out = xstrdup(norm(r, b.buf));
    sr_buf_release(&b);
    if (!strncmp(out, "\xef\xbb\xbf", 3))
        memmove(out, out + 3, strlen(out + 3) + 1);
    return out;
}

/* The text of a JSON string value of key @key in @s, or NULL. */
static char *json_value(const char *s, const char *key)
{
    struct sr_buf b = SR_BUF_INIT;
    const char *p = s;
    size_t klen = strlen(key);

    while ((p = strchr(p, '"'))) {
        p++;
        if (strncmp(p, key, klen) || p[klen] != '"') {
            while (*p && *p != '"') /* skip this string */
                p += *p == '\\' && p[1] ? 2 : 1;
            if (*p)
                p++;
            continue;
        }
        p += klen + 1;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p != ':')
            continue;
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p != '"')
            return NULL;
        p++;
        while (*p && *p != '"') {
            if (*p == '\\' && p[1]) {
                p++;
                sr_buf_addch(&b, *p == 'n' ? '\n' : *p == 't' ? '\t' : *p);
            } else {
                sr_buf_addch(&b, *p);
            }
            p++;
        }
        return sr_buf_detach(&b);
    }
    sr_buf_release(&b);
    return NULL;
}

static char *header_code(struct sr_mapped *r, const char *text)
{
    const struct sr_mapping *m = r->m;
    const char *cut;
    char *code;

    switch (m->code_kind) {
    case SR_MCODE_BEFORE:
        cut = strstr(text, m->code_arg);
        code = cut ? xstrndup(text, (size_t)(cut - text)) : xstrdup(text);
        break;
    case SR_MCODE_AFTER:
        cut = strstr(text, m->code_arg);
        code = xstrdup(cut ? cut + strlen(m->code_arg) : text);
        break;
    case SR_MCODE_JSON:
        code = json_value(text, m->code_arg);
        if (!code)
            code = xstrdup("");
        break;
    case SR_MCODE_WHOLE:
    default:
        code = xstrdup(text);
        break;
    }
    {
        char *n = xstrdup(norm(r, code));

        free(code);
        return n;
    }
}

static bool text_matches(const char *h, const char *want, enum sr_mmatch how)
{
    size_t hl = strlen(h);
    size_t wl = strlen(want);

    switch (how) {
    case SR_MMATCH_PREFIX:
        return !strncmp(h, want, wl);
    case SR_MMATCH_SUFFIX:
        return hl >= wl && !strcmp(h + hl - wl, want);
    case SR_MMATCH_CONTAINS:
        return strstr(h, want) != NULL;
    case SR_MMATCH_EXACT:
        break;
    }
    return !strcmp(h, want);
}

static bool column_matches(const struct sr_mapped *r, const struct sr_msrc *s,
                           size_t c)
{
    const char *h;

    switch (s->kind) {
    case SR_MSRC_COLUMN:
        h = r->hdr[s->row - 1][c];
        if (!text_matches(h, s->text, s->match))
            return false;
        return !s->sub || !strcmp(r->hdr[r->m->sub_row - 1][c], s->sub);
    case SR_MSRC_CODE:
        return r->codes && !strcmp(r->codes[c], s->text);
    case SR_MSRC_POSITION:
        return (long)c + 1 == s->position;
    default:
        return false;
    }
}

static void describe_src(const struct sr_msrc *s, struct sr_buf *out)
{
    switch (s->kind) {
    case SR_MSRC_COLUMN:
        sr_buf_addf(out, "column '%s'", s->text);
        if (s->row != 1)
            sr_buf_addf(out, " (header row %d)", s->row);
        if (s->sub)
            sr_buf_addf(out, " sub '%s'", s->sub);
        if (s->match == SR_MMATCH_PREFIX)
            sr_buf_addstr(out, " (prefix)");
        else if (s->match == SR_MMATCH_SUFFIX)
            sr_buf_addstr(out, " (suffix)");
        else if (s->match == SR_MMATCH_CONTAINS)
            sr_buf_addstr(out, " (contains)");
        break;
    case SR_MSRC_CODE:
        sr_buf_addf(out, "code '%s'", s->text);
        break;
    case SR_MSRC_POSITION:
        sr_buf_addf(out, "position %ld", s->position);
        break;
    case SR_MSRC_PATH:
        sr_buf_addf(out, "path '%s'", s->path.src);
        break;
    case SR_MSRC_VALUE:
        sr_buf_addf(out, "value '%s'", s->text);
        break;
    case SR_MSRC_NONE:
        sr_buf_addstr(out, "option columns");
        break;
    }
}

/* The column of source @s, -1 if optional and absent. */
static enum sr_status find_column(struct sr_mapped *r, const struct sr_msrc *s,
                                  long *col, struct sr_diag *d)
{
    struct sr_buf what = SR_BUF_INIT;
    struct sr_buf list = SR_BUF_INIT;
    enum sr_status st = SR_OK;
    size_t nmatch = 0;
    size_t c;

    *col = -1;
    if (s->kind == SR_MSRC_POSITION && r->m->header_rows == 0) {
        *col = s->position - 1; /* checked per row */
        return SR_OK;
    }
    for (c = 0; c < r->ncols; c++) {
        if (!column_matches(r, s, c))
            continue;
        if (nmatch < 8)
            sr_buf_addf(&list, "%s%zu", nmatch ? ", " : "", c + 1);
        if (!nmatch)
            *col = (long)c;
        nmatch++;
    }
    describe_src(s, &what);
    if (nmatch == 0 && !s->optional) {
        st = sr_diag_set(d, SR_ERR_PARSE, r->path, r->header_line,
                         "%s of mapping %s:%ld is not in the header (%zu "
                         "columns; say optional=\"true\" if it may be "
                         "missing)",
                         what.buf, r->m->path, s->line, r->ncols);
    } else if (nmatch > 1) {
        st = sr_diag_set(d, SR_ERR_PARSE, r->path, r->header_line,
                         "%s of mapping %s:%ld matches %zu columns (%s%s); "
                         "add sub=, row= or use position=",
                         what.buf, r->m->path, s->line, nmatch, list.buf,
                         nmatch > 8 ? ", ..." : "");
    }
    if (st != SR_OK && r->lenient) {
        sr_buf_addf(&r->notes, "  %s\n", d ? d->msg : "column problem");
        if (nmatch > 1)
            *col = -1;
        st = SR_OK;
    }
    sr_buf_release(&what);
    sr_buf_release(&list);
    return st;
}

static enum sr_status read_headers(struct sr_mapped *r, struct sr_diag *d)
{
    const struct sr_mapping *m = r->m;
    struct sr_csv_row rows[SR_MAPPING_MAX_HEADER];
    char **keep[SR_MAPPING_MAX_HEADER];
    size_t nkeep[SR_MAPPING_MAX_HEADER];
    enum sr_status s = SR_OK;
    int h;
    size_t c;
    size_t i;

    memset(keep, 0, sizeof(keep));
    memset(nkeep, 0, sizeof(nkeep));
    for (h = 0; h < m->header_rows; h++) {
        s = sr_csv_rows_next(r->rows, &rows[h], d);
        if (s == SR_DONE) {
            if (h == 0) {
                r->empty = true;
                s = SR_OK;
            } else {
                s = sr_diag_set(d, SR_ERR_PARSE, r->path, 0,
                                "the file has %d header rows, the mapping "
                                "%s says %d",
                                h, m->path, m->header_rows);
            }
            goto out;
        }
        if (s != SR_OK)
            goto out;
        if (h == 0)
            r->header_line = rows[h].line;
        if (rows[h].problem == SR_CSV_BAD_TEXT) {
            struct sr_buf why = SR_BUF_INIT;

            sr_csv_row_problem(r->rows, &rows[h], NULL, &why);
            sr_log_warn("%s:%ld: header row %d: %s; those bytes are compared "
                        "as U+FFFD",
                        r->path, rows[h].line, h + 1, why.buf);
            sr_buf_release(&why);
        } else if (rows[h].problem != SR_CSV_ROW_OK) {
            struct sr_buf why = SR_BUF_INIT;

            sr_csv_row_problem(r->rows, &rows[h], NULL, &why);
            s = sr_diag_set(d, SR_ERR_PARSE, r->path, rows[h].line,
                            "unusable header row %d: %s", h + 1, why.buf);
            sr_buf_release(&why);
            goto out;
        }
        /* the row is borrowed until the next call: copy it now */
        nkeep[h] = rows[h].ncells;
        keep[h] = xcalloc(nkeep[h] ? nkeep[h] : 1, sizeof(char *));
        for (c = 0; c < nkeep[h]; c++)
            keep[h][c] = header_text(r, rows[h].cells[c], rows[h].lens[c]);
        if (nkeep[h] > r->ncols)
            r->ncols = nkeep[h];
    }
    r->hdr = xcalloc((size_t)m->header_rows, sizeof(*r->hdr));
    for (h = 0; h < m->header_rows; h++) {
        r->hdr[h] = xcalloc(r->ncols ? r->ncols : 1, sizeof(char *));
        for (c = 0; c < r->ncols; c++) {
            r->hdr[h][c] = c < nkeep[h] ? keep[h][c] : xstrdup("");
            if (c < nkeep[h])
                keep[h][c] = NULL;
            if (m->fill[h + 1] && c > 0 && !*r->hdr[h][c]) {
                free(r->hdr[h][c]);
                r->hdr[h][c] = xstrdup(r->hdr[h][c - 1]);
            }
        }
    }
    if (m->code_row) {
        r->codes = xcalloc(r->ncols ? r->ncols : 1, sizeof(*r->codes));
        for (c = 0; c < r->ncols; c++)
            r->codes[c] = header_code(r, r->hdr[m->code_row - 1][c]);
    }
out:
    for (h = 0; h < m->header_rows; h++) {
        for (i = 0; i < nkeep[h]; i++)
            free(keep[h][i]);
        free(keep[h]);
    }
    return s;
}

static enum sr_status resolve_columns(struct sr_mapped *r, struct sr_diag *d)
{
    const struct sr_mapping *m = r->m;
    enum sr_status s = SR_OK;
    size_t i;
    size_t k;

    r->tcol = xcalloc(m->ntargets, sizeof(*r->tcol));
    r->ocol = xcalloc(m->ntargets, sizeof(*r->ocol));
    for (i = 0; i < m->ntargets && s == SR_OK; i++) {
        const struct sr_mtarget *tg = &m->targets[i];

        r->tcol[i] = -1;
        if (tg->src.kind == SR_MSRC_COLUMN || tg->src.kind == SR_MSRC_CODE ||
            tg->src.kind == SR_MSRC_POSITION)
            s = find_column(r, &tg->src, &r->tcol[i], d);
        if (!tg->nopts)
            continue;
        r->ocol[i] = xcalloc(tg->nopts, sizeof(**r->ocol));
        for (k = 0; k < tg->nopts && s == SR_OK; k++)
            s = find_column(r, &tg->opts[k].src, &r->ocol[i][k], d);
    }
    return s;
}

static const char *cell(const struct sr_csv_row *row, long c)
{
    return c >= 0 && (size_t)c < row->ncells ? row->cells[c] : NULL;
}

/* The id of the first target that reads column @c, or "". */
static const char *column_target(const struct sr_mapped *r, size_t c)
{
    const struct sr_mapping *m = r->m;
    size_t i;
    size_t k;

    for (i = 0; i < m->ntargets; i++) {
        if (r->tcol[i] == (long)c)
            return m->targets[i].id;
        for (k = 0; k < m->targets[i].nopts; k++)
            if (r->ocol[i][k] == (long)c)
                return m->targets[i].id;
    }
    return "";
}

static enum sr_status csv_next(struct sr_mapped *r, struct sr_rawform *f,
                               struct sr_diag *d)
{
    const struct sr_mapping *m = r->m;
    struct sr_csv_row row;
    enum sr_status s;
    size_t i;
    size_t k;

    if (r->empty)
        return SR_DONE;
    s = sr_csv_rows_next(r->rows, &row, d);
    if (s != SR_OK)
        return s;
    begin_form(r);
    r->row++;
    r->line = row.line;
    if (row.problem != SR_CSV_ROW_OK) {
        struct sr_buf why = SR_BUF_INIT;
        const char *name = NULL;

        if (m->header_rows && row.problem_cell < r->ncols &&
            *r->hdr[0][row.problem_cell])
            name = r->hdr[0][row.problem_cell];
        sr_csv_row_problem(r->rows, &row, name, &why);
        problem(r, column_target(r, row.problem_cell), "%s", why.buf);
        if ((row.problem == SR_CSV_BAD_TEXT ||
             row.problem == SR_CSV_NUL_BYTE) &&
            r->bad.forms++ == 0) {
            r->bad.line = row.line;
            r->bad.col = (long)row.problem_offset;
            snprintf(r->bad.msg, sizeof(r->bad.msg), "%s", why.buf);
        }
        sr_buf_release(&why);
    } else if (m->header_rows && row.ntotal != r->ncols) {
        problem(r, "", "row has %zu cells, header has %zu", row.ntotal,
                r->ncols);
    } else if (!m->header_rows) {
        if (r->want_cells < 0)
            r->want_cells = (long)row.ntotal;
        else if ((long)row.ntotal != r->want_cells)
            problem(r, "", "row has %zu cells, the first row has %ld",
                    row.ntotal, r->want_cells);
    }
    for (i = 0; i < m->ntargets; i++) {
        const struct sr_mtarget *tg = &m->targets[i];
        struct rawin in = { NULL, 0, NULL };
        const char *one = NULL;
        const char *opts[SR_MAPPING_MAX_OPTCOLS];

        if (tg->src.kind == SR_MSRC_VALUE) {
            one = expand(r, tg->src.text);
            in.raw = &one;
            in.nraw = 1;
        } else if (tg->nopts) {
            for (k = 0; k < tg->nopts; k++)
                opts[k] = cell(&row, r->ocol[i][k]);
            in.opt = opts;
        } else if (r->tcol[i] >= 0) {
            one = cell(&row, r->tcol[i]);
            if (!one && !m->header_rows && !r->nproblems)
                problem(r, tg->id, "row has %zu cells, '%s' is in column %ld",
                        row.ntotal, tg->id, r->tcol[i] + 1);
            in.raw = &one;
            in.nraw = one ? 1 : 0;
        }
        put_target(r, i, &in);
    }
    end_form(r, f);
    return SR_OK;
}

static enum sr_status csv_open(struct sr_mapped *r,
                               const struct sr_read_opts *o, struct sr_diag *d)
{
    const struct sr_mapping *m = r->m;
    struct sr_csv_opts co;
    enum sr_status s;

    memset(&co, 0, sizeof(co));
    co.encoding = m->enc_set ? m->enc : o ? o->encoding : SR_ENC_AUTO;
    co.separator = m->sep;
    co.utf16 = m->utf16;
    s = sr_csv_rows_open(&r->rows, r->path, &co, d);
    if (s != SR_OK)
        return s;
    s = read_headers(r, d);
    if (s != SR_OK || r->empty)
        return s;
    return resolve_columns(r, d);
}

/* --- XML ----------------------------------------------------------------- */

static enum sr_status x_start(void *ctx, struct sr_xml *x, const char *name,
                              const char *const *attr)
{
    struct sr_mapped *r = ctx;
    const char *local = sr_local_name(name);

    if (r->depth < SR_XML_MAX_DEPTH) {
        free(r->names[r->depth]);
        r->names[r->depth] = xstrdup(local);
    }
    r->depth++;
    if (r->in_record) {
        sr_mdom_start(&r->dom, name, attr, sr_xml_line(x));
    } else if (sr_mpath_is_record(&r->m->record, (const char *const *)r->names,
                                  r->depth)) {
        r->in_record = true;
        r->rec_depth = r->depth;
        r->rec_line = sr_xml_line(x);
        sr_mdom_reset(&r->dom);
        sr_mdom_start(&r->dom, name, attr, r->rec_line);
    }
    if (r->in_record && r->dom.bytes > MAX_RECORD_BYTES)
        return sr_xml_error(x, SR_ERR_LIMIT,
                            "record starting at line %ld is larger than %u "
                            "MiB (limit: record size)",
                            r->rec_line, MAX_RECORD_BYTES >> 20);
    return SR_OK;
}

static enum sr_status x_end(void *ctx, struct sr_xml *x, const char *name)
{
    struct sr_mapped *r = ctx;

    (void)name;
    if (r->in_record) {
        sr_mdom_end(&r->dom);
        if (r->depth == r->rec_depth) {
            r->in_record = false;
            r->rec_ready = true;
            sr_xml_pause(x);
        }
    }
    r->depth--;
    return SR_OK;
}

static enum sr_status x_text(void *ctx, struct sr_xml *x, const char *s,
                             size_t n)
{
    struct sr_mapped *r = ctx;

    if (!r->in_record)
        return SR_OK;
    sr_mdom_text(&r->dom, s, n);
    if (r->dom.bytes > MAX_RECORD_BYTES)
        return sr_xml_error(x, SR_ERR_LIMIT,
                            "record starting at line %ld is larger than %u "
                            "MiB (limit: record size)",
                            r->rec_line, MAX_RECORD_BYTES >> 20);
    return SR_OK;
}

/* Parse on to the end of the next record: SR_OK (r->dom holds it),
 * SR_DONE or an error. */
static enum sr_status next_record(struct sr_mapped *r, struct sr_diag *d)
{
    enum sr_status s;

    r->rec_ready = false;
    for (;;) {
        s = sr_xml_step(r->x, d);
        if (s == SR_OK && r->rec_ready)
            return SR_OK;
        if (s != SR_OK)
            return s;
    }
}

struct collect {
    struct sr_mapped *r;
    const char **v;
    size_t n;
    size_t cap;
};

static void collect_value(void *ctx, struct sr_mnode *n, const char *value)
{
    struct collect *c = ctx;

    (void)n;
    if (c->n == c->cap) {
        const char **grown;

        c->cap = c->cap ? c->cap * 2 : 8;
        grown = sr_arena_alloc(&c->r->arena, c->cap * sizeof(*grown));
        if (c->n)
            memcpy(grown, c->v, c->n * sizeof(*grown));
        c->v = grown;
    }
    c->v[c->n++] = value;
}

/* The first non-empty value of @p in the record (normalised), or "". */
static const char *record_value(struct sr_mapped *r, const struct sr_mpath *p)
{
    struct collect c = { r, NULL, 0, 0 };
    size_t i;

    sr_mpath_eval(p, r->dom.root, collect_value, &c);
    for (i = 0; i < c.n; i++) {
        const char *v = anorm(r, c.v[i]);

        if (*v)
            return v;
    }
    return "";
}

/* Remember element paths of the record that no mapping path read. */
static void note_unused(struct sr_mapped *r, const struct sr_mnode *n,
                        struct sr_buf *path)
{
    size_t len = path->len;
    const struct sr_mnode *c;
    size_t i;
    bool has_attr = false;

    if (n != r->dom.root) {
        if (path->len)
            sr_buf_addch(path, '/');
        sr_buf_addstr(path, n->name);
    }
    for (i = 0; n->attr[i]; i += 2)
        if (strcmp(n->attr[i], "xmlns") && strcmp(n->attr[i], "schemaLocation"))
            has_attr = true;
    if (!n->child && !n->used && (*norm(r, n->text) || has_attr) &&
        n != r->dom.root) {
        for (i = 0; i < r->nunused; i++)
            if (!strcmp(r->unused[i].path, path->buf))
                break;
        if (i < r->nunused) {
            r->unused[i].times++;
        } else if (r->nunused < MAX_UNUSED) {
            r->unused =
                xreallocarray(r->unused, r->nunused + 1, sizeof(*r->unused));
            r->unused[r->nunused].path = xstrdup(path->buf);
            r->unused[r->nunused].times = 1;
            r->nunused++;
        }
    }
    for (c = n->child; c; c = c->next)
        note_unused(r, c, path);
    path->len = len;
    path->buf[len] = '\0';
}

static enum sr_status xml_next(struct sr_mapped *r, struct sr_rawform *f,
                               struct sr_diag *d)
{
    const struct sr_mapping *m = r->m;
    enum sr_status s;
    size_t i;
    size_t k;

    s = next_record(r, d);
    if (s != SR_OK)
        return s;
    begin_form(r);
    r->row++;
    r->line = r->rec_line;
    if (m->edits) {
        const char *id = record_value(r, &m->edit_id);
        const struct sr_medit *e = sr_mapping_edit_of(m, id);

        if (e)
            problem(r, "", "replaced by the edit '%s' in %s", e->new_id,
                    e->file);
        sr_mpath_eval(&m->edit_replaces, r->dom.root, NULL, NULL);
    }
    for (i = 0; i < m->ntargets; i++) {
        const struct sr_mtarget *tg = &m->targets[i];
        struct rawin in = { NULL, 0, NULL };
        const char *one;
        const char *opts[SR_MAPPING_MAX_OPTCOLS];

        if (tg->src.kind == SR_MSRC_VALUE) {
            one = expand(r, tg->src.text);
            in.raw = &one;
            in.nraw = 1;
        } else if (tg->nopts) {
            for (k = 0; k < tg->nopts; k++) {
                struct collect c = { r, NULL, 0, 0 };

                if (sr_mpath_eval(&tg->opts[k].src.path, r->dom.root,
                                  collect_value, &c))
                    r->ohits[i][k]++;
                opts[k] = c.n ? first_nonempty(r, c.v, c.n) : NULL;
            }
            in.opt = opts;
        } else if (tg->src.kind == SR_MSRC_PATH) {
            struct collect c = { r, NULL, 0, 0 };

            if (sr_mpath_eval(&tg->src.path, r->dom.root, collect_value, &c))
                r->hits[i]++;
            in.raw = c.v;
            in.nraw = c.n;
        }
        put_target(r, i, &in);
    }
    {
        struct sr_buf path = SR_BUF_INIT;

        note_unused(r, r->dom.root, &path);
        sr_buf_release(&path);
    }
    end_form(r, f);
    return SR_OK;
}

static enum sr_status xml_open(struct sr_mapped *r, struct sr_diag *d)
{
    struct sr_xml_handlers h = { x_start, x_end, x_text, NULL };
    const struct sr_mapping *m = r->m;
    size_t i;

    h.ctx = r;
    sr_mdom_init(&r->dom);
    r->hits = xcalloc(m->ntargets, sizeof(*r->hits));
    r->ohits = xcalloc(m->ntargets, sizeof(*r->ohits));
    for (i = 0; i < m->ntargets; i++)
        if (m->targets[i].nopts)
            r->ohits[i] = xcalloc(m->targets[i].nopts, sizeof(**r->ohits));
    return sr_xml_open(&r->x, r->path, &h, d);
}

/* --- the reader ---------------------------------------------------------- */

void sr_mapped_badtext(const struct sr_mapped *r, struct sr_reader_badtext *out)
{
    *out = r->bad;
}

void sr_mapped_free(struct sr_mapped *r)
{
    size_t i;
    size_t k;
    int h;

    if (!r)
        return;
    sr_csv_rows_free(r->rows);
    if (r->hdr) {
        for (h = 0; h < r->m->header_rows; h++) {
            for (i = 0; i < r->ncols; i++)
                free(r->hdr[h][i]);
            free(r->hdr[h]);
        }
        free(r->hdr);
    }
    if (r->codes) {
        for (i = 0; i < r->ncols; i++)
            free(r->codes[i]);
        free(r->codes);
    }
    free(r->tcol);
    if (r->ocol)
        for (i = 0; i < r->m->ntargets; i++)
            free(r->ocol[i]);
    free(r->ocol);
    sr_xml_free(r->x);
    if (r->m->xml)
        sr_mdom_release(&r->dom);
    for (i = 0; i <= SR_XML_MAX_DEPTH; i++)
        free(r->names[i]);
    free(r->hits);
    if (r->ohits)
        for (i = 0; i < r->m->ntargets; i++)
            free(r->ohits[i]);
    free(r->ohits);
    for (i = 0; i < r->nunused; i++)
        free(r->unused[i].path);
    free(r->unused);
    if (r->um)
        for (i = 0; i < r->m->ntargets; i++)
            for (k = 0; k < r->um[i].nsample; k++)
                free(r->um[i].sample[k]);
    free(r->um);
    sr_arena_release(&r->arena);
    free(r->values);
    free(r->extra);
    free(r->nextra);
    sr_buf_release(&r->problem);
    sr_buf_release(&r->notes);
    sr_buf_release(&r->nb);
    sr_buf_release(&r->tmp);
    free(r->stem);
    free(r->path);
    free(r);
}

static struct sr_mapped *new_reader(const char *path,
                                    const struct sr_mapping *m)
{
    struct sr_mapped *r = xcalloc(1, sizeof(*r));
    const char *slash = strrchr(path, '/');
    const char *dot;
    size_t n = m->t->nslots ? m->t->nslots : 1;

    r->m = m;
    r->t = m->t;
    r->path = xstrdup(path);
    r->base = slash ? r->path + (slash - path) + 1 : r->path;
    dot = strrchr(r->base, '.');
    r->stem = dot && dot != r->base ? xstrndup(r->base, (size_t)(dot - r->base))
                                    : xstrdup(r->base);
    r->want_cells = -1;
    r->nfiles = 1;
    sr_arena_init(&r->arena);
    sr_buf_init(&r->problem);
    sr_buf_init(&r->notes);
    sr_buf_init(&r->nb);
    sr_buf_init(&r->tmp);
    r->values = xcalloc(n, sizeof(*r->values));
    r->extra = xcalloc(n, sizeof(*r->extra));
    r->nextra = xcalloc(n, sizeof(*r->nextra));
    r->um = xcalloc(m->ntargets ? m->ntargets : 1, sizeof(*r->um));
    return r;
}

static enum sr_status open_reader(struct sr_mapped **out, const char *path,
                                  const struct sr_mapping *m,
                                  const struct sr_read_opts *o, bool lenient,
                                  struct sr_diag *d)
{
    struct sr_mapped *r;
    enum sr_status s;

    *out = NULL;
    r = new_reader(path, m);
    r->lenient = lenient;
    if (m->xml)
        s = xml_open(r, d);
    else
        s = csv_open(r, o, d);
    if (s != SR_OK) {
        sr_mapped_free(r);
        return s;
    }
    *out = r;
    return SR_OK;
}

enum sr_status sr_mapped_open(struct sr_mapped **out, const char *path,
                              const struct sr_mapping *m,
                              const struct sr_read_opts *o, struct sr_diag *d)
{
    return open_reader(out, path, m, o, false, d);
}

enum sr_status sr_mapped_open_lenient(struct sr_mapped **out, const char *path,
                                      const struct sr_mapping *m,
                                      const struct sr_read_opts *o,
                                      struct sr_diag *d)
{
    return open_reader(out, path, m, o, true, d);
}

enum sr_status sr_mapped_next(struct sr_mapped *r, struct sr_rawform *f,
                              struct sr_diag *d)
{
    if (r->m->xml)
        return xml_next(r, f, d);
    return csv_next(r, f, d);
}

void sr_mapped_merge(struct sr_mapped *into, const struct sr_mapped *from)
{
    const struct sr_mapping *m = into->m;
    size_t i;
    size_t k;
    size_t j;

    if (from->m != m || !m->xml)
        return;
    into->nread += from->nread;
    into->nrefused += from->nrefused;
    into->nfiles += from->nfiles;
    for (i = 0; i < m->ntargets; i++) {
        const struct unmapped *u = &from->um[i];

        into->hits[i] += from->hits[i];
        for (k = 0; k < m->targets[i].nopts; k++)
            into->ohits[i][k] += from->ohits[i][k];
        for (k = 0; k < u->nsample; k++) {
            struct unmapped *v = &into->um[i];

            for (j = 0; j < v->nsample; j++)
                if (!strcmp(v->sample[j], u->sample[k]))
                    break;
            if (j < v->nsample) {
                v->times[j] += u->times[k];
            } else if (v->nsample < MAX_SAMPLES) {
                v->sample[v->nsample] = xstrdup(u->sample[k]);
                v->line[v->nsample] = u->line[k];
                v->times[v->nsample] = u->times[k];
                v->nsample++;
            }
        }
        into->um[i].count += u->count;
    }
    for (k = 0; k < from->nunused; k++) {
        for (j = 0; j < into->nunused; j++)
            if (!strcmp(into->unused[j].path, from->unused[k].path))
                break;
        if (j < into->nunused) {
            into->unused[j].times += from->unused[k].times;
        } else if (into->nunused < MAX_UNUSED) {
            into->unused = xreallocarray(into->unused, into->nunused + 1,
                                         sizeof(*into->unused));
            into->unused[into->nunused].path = xstrdup(from->unused[k].path);
            into->unused[into->nunused].times = from->unused[k].times;
            into->nunused++;
        }
    }
}

/* --- edits (ODK deprecatedID) -------------------------------------------- */

enum sr_status sr_mapping_scan(struct sr_mapping *m, const char *const *paths,
                               size_t n, struct sr_diag *d)
{
    enum sr_status s = SR_OK;
    size_t i;
    size_t k;

    for (i = 0; i < m->nedit; i++) {
        free(m->edit[i].old_id);
        free(m->edit[i].new_id);
        free(m->edit[i].file);
    }
    free(m->edit);
    m->edit = NULL;
    m->nedit = 0;
    if (!m->xml || !m->edits)
        return SR_OK;
    for (i = 0; i < n && s == SR_OK; i++) {
        struct sr_mapped *r = new_reader(paths[i], m);
        struct sr_diag ignore;

        r->scan = true;
        if (xml_open(r, &ignore) == SR_OK) {
            while (next_record(r, &ignore) == SR_OK) {
                const char *old_id;
                const char *new_id;
                struct sr_medit *e;

                sr_arena_reset(&r->arena);
                old_id = record_value(r, &m->edit_replaces);
                if (!*old_id)
                    continue;
                new_id = record_value(r, &m->edit_id);
                if (m->nedit >= SR_MAPPING_MAX_EDITS) {
                    s = sr_diag_set(d, SR_ERR_LIMIT, paths[i], r->rec_line,
                                    "more than %d edits", SR_MAPPING_MAX_EDITS);
                    break;
                }
                m->edit =
                    xreallocarray(m->edit, m->nedit + 1, sizeof(*m->edit));
                e = &m->edit[m->nedit++];
                e->old_id = xstrdup(old_id);
                e->new_id = xstrdup(new_id);
                e->file = xstrdup(r->base);
            }
        }
        sr_mapped_free(r);
    }
    /* sorted for lookup; of several edits of one id the first one stays */
    for (i = 1; i < m->nedit; i++) {
        struct sr_medit e = m->edit[i];

        for (k = i; k > 0 && strcmp(m->edit[k - 1].old_id, e.old_id) > 0; k--)
            m->edit[k] = m->edit[k - 1];
        m->edit[k] = e;
    }
    return s;
}

/* --- the mapping-check report ------------------------------------------- */

bool sr_mapped_clean(const struct sr_mapped *r)
{
    const struct sr_mapping *m = r->m;
    size_t i;
    size_t k;

    if (r->notes.len)
        return false;
    for (i = 0; i < m->ntargets; i++) {
        const struct sr_mtarget *tg = &m->targets[i];

        if (r->um[i].count)
            return false;
        if (!m->xml && r->tcol && !r->empty) {
            if (tg->src.kind != SR_MSRC_VALUE && !tg->nopts && r->tcol[i] < 0)
                return false;
            for (k = 0; k < tg->nopts; k++)
                if (r->ocol[i][k] < 0)
                    return false;
        }
        if (m->xml && r->nread) {
            if (tg->src.kind == SR_MSRC_PATH && !r->hits[i] &&
                !tg->src.optional)
                return false;
            for (k = 0; k < tg->nopts; k++)
                if (!r->ohits[i][k] && !tg->opts[k].src.optional)
                    return false;
        }
    }
    return true;
}

/* Who reads column @c: "-> id, id". */
static void column_users(const struct sr_mapped *r, size_t c,
                         struct sr_buf *out)
{
    const struct sr_mapping *m = r->m;
    size_t i;
    size_t k;
    bool any = false;

    for (i = 0; i < m->ntargets; i++) {
        const struct sr_mtarget *tg = &m->targets[i];
        bool uses = r->tcol[i] == (long)c;

        for (k = 0; k < tg->nopts; k++)
            if (r->ocol[i][k] == (long)c) {
                uses = true;
                sr_buf_addf(out, "%s%s=%s", any ? ", " : "-> ", tg->id,
                            tg->opts[k].value);
                any = true;
                uses = false;
            }
        if (uses) {
            sr_buf_addf(out, "%s%s", any ? ", " : "-> ", tg->id);
            any = true;
        }
    }
    if (!any)
        sr_buf_addstr(out, "(not used)");
}

/* @s for a one-line report: control characters as spaces, at most @max
 * bytes (cut at a character, then "..."). */
static void add_shown(struct sr_buf *out, const char *s, size_t max)
{
    size_t len = strlen(s);
    size_t cut = len;
    size_t i;

    if (len > max) {
        cut = max - 3;
        while (cut > 0 && (s[cut] & 0xC0) == 0x80)
            cut--;
    }
    for (i = 0; i < cut; i++)
        sr_buf_addch(out, (unsigned char)s[i] < 0x20 ? ' ' : s[i]);
    if (cut < len)
        sr_buf_addstr(out, "...");
}

static void report_csv(const struct sr_mapped *r, struct sr_buf *out)
{
    const struct sr_mapping *m = r->m;
    size_t ncols;
    size_t c;
    size_t i;
    size_t k;

    if (r->empty) {
        sr_buf_addstr(out, "the file has no rows\n");
        return;
    }
    ncols = m->header_rows      ? r->ncols
            : r->want_cells > 0 ? (size_t)r->want_cells
                                : 0;
    if (m->header_rows)
        sr_buf_addf(out, "columns (%zu):\n", ncols);
    else
        sr_buf_addf(out, "columns (%zu, no header row: by position):\n", ncols);
    for (c = 0; c < ncols; c++) {
        sr_buf_addf(out, "  %4zu  ", c + 1);
        if (m->code_row && r->codes[c][0])
            sr_buf_addf(out, "[%s] ", r->codes[c]);
        if (m->header_rows)
            add_shown(out, r->hdr[0][c], 60);
        if (m->header_rows >= 2 && m->sub_row && r->hdr[m->sub_row - 1][c][0]) {
            sr_buf_addstr(out, " / ");
            add_shown(out, r->hdr[m->sub_row - 1][c], 60);
        }
        sr_buf_addstr(out, "  ");
        column_users(r, c, out);
        sr_buf_addch(out, '\n');
    }
    sr_buf_addstr(out, "mapping sources:\n");
    for (i = 0; i < m->ntargets; i++) {
        const struct sr_mtarget *tg = &m->targets[i];

        if (!tg->nopts) {
            sr_buf_addf(out, "  %-20s ", tg->id);
            describe_src(&tg->src, out);
            if (tg->src.kind == SR_MSRC_VALUE)
                sr_buf_addstr(out, ": constant\n");
            else if (r->tcol[i] >= 0)
                sr_buf_addf(out, ": column %ld\n", r->tcol[i] + 1);
            else
                sr_buf_addf(out, ": NOT FOUND (line %ld of the mapping)\n",
                            tg->src.line);
            continue;
        }
        for (k = 0; k < tg->nopts; k++) {
            sr_buf_addf(out, "  %s=%-*s ", tg->id,
                        (int)(strlen(tg->id) < 18 ? 18 - strlen(tg->id) : 0),
                        tg->opts[k].value);
            describe_src(&tg->opts[k].src, out);
            if (r->ocol[i][k] >= 0)
                sr_buf_addf(out, ": column %ld\n", r->ocol[i][k] + 1);
            else
                sr_buf_addf(out, ": NOT FOUND (line %ld of the mapping)\n",
                            tg->opts[k].line);
        }
    }
}

static void report_xml(const struct sr_mapped *r, struct sr_buf *out)
{
    const struct sr_mapping *m = r->m;
    size_t i;
    size_t k;

    sr_buf_addf(out, "records (%s): %ld in %ld file%s\n", m->record.src,
                r->nread, r->nfiles, r->nfiles == 1 ? "" : "s");
    sr_buf_addstr(out, "mapping paths:\n");
    for (i = 0; i < m->ntargets; i++) {
        const struct sr_mtarget *tg = &m->targets[i];

        if (!tg->nopts) {
            sr_buf_addf(out, "  %-20s ", tg->id);
            describe_src(&tg->src, out);
            if (tg->src.kind == SR_MSRC_VALUE)
                sr_buf_addstr(out, ": constant\n");
            else if (r->hits[i])
                sr_buf_addf(out, ": in %lu of %ld records\n", r->hits[i],
                            r->nread);
            else if (tg->src.optional)
                sr_buf_addstr(out, ": in no record (optional)\n");
            else
                sr_buf_addf(out,
                            ": NOT FOUND in any record (line %ld of "
                            "the mapping)\n",
                            tg->src.line);
            continue;
        }
        for (k = 0; k < tg->nopts; k++) {
            sr_buf_addf(out, "  %s=%s ", tg->id, tg->opts[k].value);
            describe_src(&tg->opts[k].src, out);
            sr_buf_addf(out, ": in %lu of %ld records\n", r->ohits[i][k],
                        r->nread);
        }
    }
    if (r->nunused) {
        sr_buf_addstr(out, "elements with values that no path reads:\n");
        for (i = 0; i < r->nunused; i++)
            sr_buf_addf(out, "  %s (%lu time%s)\n", r->unused[i].path,
                        r->unused[i].times, r->unused[i].times == 1 ? "" : "s");
    }
}

void sr_mapped_report(const struct sr_mapped *r, struct sr_buf *out)
{
    const struct sr_mapping *m = r->m;
    size_t i;
    size_t k;
    bool any = false;

    if (r->notes.len) {
        sr_buf_addstr(out, "columns the mapping names that do not fit:\n");
        sr_buf_addstr(out, r->notes.buf);
    }
    if (m->xml)
        report_xml(r, out);
    else
        report_csv(r, out);
    for (i = 0; i < m->ntargets; i++) {
        const struct unmapped *u = &r->um[i];

        if (!u->count)
            continue;
        if (!any)
            sr_buf_addstr(out, "values with no mapping (the form template "
                               "does not accept them either):\n");
        any = true;
        sr_buf_addf(out, "  %s (mapping line %ld): %lu values\n",
                    m->targets[i].id, m->targets[i].line, u->count);
        for (k = 0; k < u->nsample; k++)
            sr_buf_addf(out, "    '%s' x%lu (first at line %ld)\n",
                        u->sample[k], u->times[k], u->line[k]);
        if (u->nsample == MAX_SAMPLES)
            sr_buf_addstr(out, "    ...\n");
    }
    if (!any)
        sr_buf_addstr(out, "values: every value read was mapped or is "
                           "accepted by the form template\n");
    sr_buf_addf(out, "forms: %ld read, %ld refused by the mapping\n", r->nread,
                r->nrefused);
}
