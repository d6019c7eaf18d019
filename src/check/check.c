/* SPDX-License-Identifier: MIT */
/*
 * check.c - validation of raw forms (see check.h for the rules)
 *
 * Owns: the compiled field patterns, a per-form arena (reset every form)
 * and the set of form ids seen so far with where each was first seen.
 */
#include "check.h"
#include "idset.h"
#include "../core/buf.h"
#include "../core/mem.h"
#include "../core/regex.h"
#include "../core/text.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sr_checker {
    const struct sr_template *t;
    int period_from;
    int period_to;
    struct sr_regex **patterns; /* per field, or NULL */
    struct sr_arena arena;
    struct sr_buf norm;
    struct sr_buf reason;
    /* the record's storage, sized from the template */
    const char **fields;
    int32_t *scores;
    uint64_t *choices;
    const char **comments;
    /* per slot of the form being checked: its length, and whether it is
     * its own normal form (sr_text_is_normal(): used without a copy) */
    size_t *lens;
    bool *plain;
    /* per scale, the first bytes of its missing labels (256 bits) */
    uint64_t *miss_first;
    /* per item, what the common score (one or two digits) needs */
    struct item_fast {
        int32_t min;
        int32_t max;
        const uint64_t *miss; /* its scale's miss_first */
        size_t slot;
    } * items;
    struct sr_idset ids; /* form ids seen (idset.h) */
    char **files;        /* names of files seen, for duplicate messages */
    size_t nfiles;
    const char *last_file; /* the caller's pointer for files[nfiles - 1] */
};

enum sr_status sr_check_open(struct sr_checker **out,
                             const struct sr_template *t, int period_from,
                             int period_to, struct sr_diag *d)
{
    struct sr_checker *ck = xcalloc(1, sizeof(*ck));
    size_t i;

    *out = NULL;
    ck->t = t;
    ck->period_from = period_from;
    ck->period_to = period_to;
    sr_arena_init(&ck->arena);
    sr_buf_init(&ck->norm);
    sr_buf_init(&ck->reason);
    ck->patterns = xcalloc(t->nfields, sizeof(*ck->patterns));
    for (i = 0; i < t->nfields; i++) {
        const struct sr_field *f = &t->fields[i];

        if (!f->pattern)
            continue;
        if (sr_regex_compile(&ck->patterns[i], f->pattern, d) != SR_OK) {
            char msg[sizeof(d->msg)];

            memcpy(msg, d->msg, sizeof(msg));
            sr_diag_set(d, SR_ERR_CONFIG, t->path, f->line, "field '%s': %s",
                        f->id, msg);
            sr_check_free(ck);
            return SR_ERR_CONFIG;
        }
    }
    ck->fields = xcalloc(t->nfields, sizeof(*ck->fields));
    ck->scores = xcalloc(t->nitems ? t->nitems : 1, sizeof(*ck->scores));
    ck->choices = xcalloc(t->nchoices ? t->nchoices : 1, sizeof(*ck->choices));
    ck->comments =
        xcalloc(t->ncomments ? t->ncomments : 1, sizeof(*ck->comments));
    ck->lens = xcalloc(t->nslots ? t->nslots : 1, sizeof(*ck->lens));
    ck->plain = xcalloc(t->nslots ? t->nslots : 1, sizeof(*ck->plain));
    ck->miss_first =
        xcalloc(4 * (t->nscales ? t->nscales : 1), sizeof(*ck->miss_first));
    for (i = 0; i < t->nscales; i++) {
        size_t k;

        for (k = 0; k < t->scales[i].nmissing; k++) {
            unsigned char c = (unsigned char)t->scales[i].missing[k][0];

            ck->miss_first[4 * i + (c >> 6)] |= UINT64_C(1) << (c & 63);
        }
    }
    ck->items = xcalloc(t->nitems ? t->nitems : 1, sizeof(*ck->items));
    for (i = 0; i < t->nitems; i++) {
        const struct sr_scale *sc = &t->scales[t->items[i].scale];

        ck->items[i].min = sc->min;
        ck->items[i].max = sc->max;
        ck->items[i].miss = ck->miss_first + 4 * (size_t)t->items[i].scale;
        ck->items[i].slot = sr_template_item_slot(t, i);
    }
    *out = ck;
    return SR_OK;
}

void sr_check_free(struct sr_checker *ck)
{
    size_t i;

    if (!ck)
        return;
    for (i = 0; i < ck->t->nfields; i++)
        sr_regex_free(ck->patterns[i]);
    free(ck->patterns);
    sr_arena_release(&ck->arena);
    sr_buf_release(&ck->norm);
    sr_buf_release(&ck->reason);
    free(ck->fields);
    free(ck->scores);
    free(ck->choices);
    free(ck->comments);
    free(ck->lens);
    free(ck->plain);
    free(ck->miss_first);
    free(ck->items);
    sr_idset_release(&ck->ids);
    for (i = 0; i < ck->nfiles; i++)
        free(ck->files[i]);
    free(ck->files);
    free(ck);
}

/* the per-form problem list */
struct problems {
    struct sr_checker *ck;
    const struct sr_rawform *raw;
    struct sr_rejects *rj;
    const char *form_id;
    struct sr_diag *d;
    int count;
};

static void problem(struct problems *p, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void problem(struct problems *p, const char *field, const char *fmt, ...)
{
    struct sr_buf *r = &p->ck->reason;
    va_list ap;

    sr_buf_reset(r);
    va_start(ap, fmt);
    sr_buf_vaddf(r, fmt, ap);
    va_end(ap);
    p->count++;
    if (sr_rejects_add(p->rj, p->raw->file, p->raw->line, p->form_id, field,
                       r->buf) != SR_OK)
        sr_diag_set(p->d, SR_ERR_WRITE, p->raw->file, p->raw->line,
                    "cannot write rejects.csv");
}

/* The normal form of the value in @slot (NULL stays NULL): the value
 * itself when it is its own normal form (most are), else a copy in the
 * form arena. */
static const char *normalize(struct sr_checker *ck,
                             const struct sr_rawform *raw, size_t slot)
{
    const char *s = raw->values[slot];

    if (!s || ck->plain[slot])
        return s;
    sr_text_normalize(&ck->norm, s);
    return sr_arena_strndup(&ck->arena, ck->norm.buf, ck->norm.len);
}

/* Whether @v (@n bytes) is a few printable ASCII characters without a
 * blank (a score, a code): its own normal form, found without the call
 * to sr_text_is_normal() that most values of a form would cost. */
static inline bool short_printable(const char *v, size_t n)
{
    size_t i;

    if (n > 4)
        return false;
    for (i = 0; i < n; i++)
        if ((unsigned)(unsigned char)v[i] - 0x21u > 0x7Eu - 0x21u)
            return false;
    return true;
}

/* A value to quote in a reason: masked for personal data, cut if long. */
static const char *shown(struct sr_checker *ck, const char *v, bool pii)
{
    struct sr_buf b = SR_BUF_INIT;
    const char *out;

    if (pii) {
        sr_text_mask(&b, v);
    } else {
        size_t n = strlen(v);

        if (n > 60) {
            n = 60;
            while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
                n--;
            sr_buf_add(&b, v, n);
            sr_buf_addstr(&b, "...");
        } else {
            sr_buf_add(&b, v, n);
        }
    }
    out = sr_arena_strndup(&ck->arena, b.buf, b.len);
    sr_buf_release(&b);
    return out;
}

/* Parse a whole number: optional sign, digits only.  0 = not a number,
 * 1 = a whole number in *v, 2 = a decimal or exponent number */
static int parse_int(const char *s, long *v)
{
    char *end;
    long x;

    if (!*s)
        return 0;
    errno = 0;
    x = strtol(s, &end, 10);
    if (end != s && !*end && !errno &&
        (s[0] == '-' || s[0] == '+' || (s[0] >= '0' && s[0] <= '9'))) {
        *v = x;
        return 1;
    }
    errno = 0;
    (void)strtod(s, &end);
    if (end != s && !*end && !errno && s[0] != ' ')
        return 2;
    return 0;
}

/* Whether a missing label of @sc begins with the byte @c. */
static inline bool missing_starts(const struct sr_checker *ck,
                                  const struct sr_scale *sc, unsigned char c)
{
    const uint64_t *first = ck->miss_first + 4 * (size_t)(sc - ck->t->scales);

    return first[c >> 6] >> (c & 63) & 1;
}

static bool is_missing_label(const struct sr_checker *ck,
                             const struct sr_scale *sc, const char *v)
{
    size_t i;

    if (!missing_starts(ck, sc, (unsigned char)v[0]))
        return false;
    for (i = 0; i < sc->nmissing; i++)
        if (sc->missing[i][0] == v[0] && !strcmp(sc->missing[i], v))
            return true;
    return false;
}

static int32_t score_of(struct problems *p, const struct sr_item *it,
                        const char *v)
{
    const struct sr_scale *sc = &p->ck->t->scales[it->scale];
    long x;
    size_t i;
    int kind;

    /* (the common score, one or two digits, is taken before the call) */
    if (!v || !*v)
        return SR_MISSING;
    if (is_missing_label(p->ck, sc, v))
        return SR_MISSING;
    kind = parse_int(v, &x);
    if (kind == 1) {
        if (x < sc->min || x > sc->max) {
            problem(p, it->id, "score '%s' outside %d..%d", v, sc->min,
                    sc->max);
            return SR_MISSING;
        }
        return (int32_t)x;
    }
    if (kind == 2) {
        problem(p, it->id, "score '%s' is not a whole number of %d..%d", v,
                sc->min, sc->max);
        return SR_MISSING;
    }
    for (i = 0; i < sc->npoints; i++)
        if (sc->points[i].label && !strcmp(sc->points[i].label, v))
            return sc->points[i].value;
    if (sc->npoints)
        problem(p, it->id,
                "unknown answer '%s' (want %d..%d or a label of "
                "scale '%s')",
                shown(p->ck, v, false), sc->min, sc->max, sc->id);
    else
        problem(p, it->id, "unknown answer '%s' (want %d..%d)",
                shown(p->ck, v, false), sc->min, sc->max);
    return SR_MISSING;
}

/* The length of the option separator at @p, or 0: ; , ┋ (after NFKC,
 * full-width ；，become ; ,) and also the ideographic comma 、 */
static size_t sep_len(const char *p)
{
    if (*p == ';' || *p == ',')
        return 1;
    if ((p[0] == '\xe2' && p[1] == '\x94' && p[2] == '\x8b') || /* ┋ */
        (p[0] == '\xe3' && p[1] == '\x80' && p[2] == '\x81'))   /* 、 */
        return 3;
    return 0;
}

/* the next option token of a choice answer, between separators */
static const char *next_token(const char *s, const char **start, size_t *len)
{
    const char *p = s;
    size_t n;

    for (n = sep_len(p); n; n = sep_len(p))
        p += n;
    if (!*p)
        return NULL;
    *start = p;
    while (*p && !sep_len(p))
        p++;
    *len = (size_t)(p - *start);
    return p;
}

/* Whether the string @s is the text @t[0..n) (which holds no NUL): a
 * loop, as options and tokens are a few bytes */
static bool same_text(const char *s, const char *t, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] != t[i])
            return false;
    return !s[n];
}

static uint64_t choice_of(struct problems *p, const struct sr_choice *c,
                          const char *v)
{
    uint64_t bits = 0;
    const char *tok;
    size_t len;
    const char *rest = v;
    int chosen = 0;

    if (!v || !*v)
        return 0;
    while ((rest = next_token(rest, &tok, &len))) {
        char *one;
        size_t k;

        /* trim spaces around the token */
        while (len && *tok == ' ') {
            tok++;
            len--;
        }
        while (len && tok[len - 1] == ' ')
            len--;
        if (!len)
            continue;
        for (k = 0; k < c->noptions; k++)
            if (same_text(c->options[k].value, tok, len) ||
                (c->options[k].label &&
                 same_text(c->options[k].label, tok, len)))
                break;
        if (k == c->noptions) {
            one = sr_arena_strndup(&p->ck->arena, tok, len);
            problem(p, c->id, "unknown option '%s'", shown(p->ck, one, false));
            return 0;
        }
        if (!(bits & (1ULL << k)))
            chosen++;
        bits |= 1ULL << k;
    }
    if (!c->multiple && chosen > 1) {
        problem(p, c->id, "several options '%s' on a single choice",
                shown(p->ck, v, false));
        return 0;
    }
    return bits;
}

static uint32_t file_index(struct sr_checker *ck, const char *file)
{
    size_t i;

    /* files come in order: the current one is almost always the last,
     * and its name the same pointer */
    if (ck->nfiles && file == ck->last_file)
        return (uint32_t)(ck->nfiles - 1);
    for (i = ck->nfiles; i-- > 0;) {
        if (!strcmp(ck->files[i], file)) {
            if (i + 1 == ck->nfiles)
                ck->last_file = file;
            return (uint32_t)i;
        }
    }
    ck->files = xreallocarray(ck->files, ck->nfiles + 1, sizeof(*ck->files));
    ck->files[ck->nfiles] = xstrdup(file);
    ck->last_file = file;
    return (uint32_t)ck->nfiles++;
}

enum sr_verdict sr_check_form(struct sr_checker *ck,
                              const struct sr_rawform *raw,
                              struct sr_record *rec, struct sr_rejects *rj,
                              struct sr_diag *d)
{
    const struct sr_template *t = ck->t;
    struct problems p;
    size_t i;
    int date = 0;
    const char *form_id = NULL;
    size_t form_id_len = 0;

    sr_arena_reset(&ck->arena);
    p.ck = ck;
    p.raw = raw;
    p.rj = rj;
    p.d = d;
    p.count = 0;
    p.form_id = NULL;

    /* invalid UTF-8 anywhere: refuse before interpreting anything; the
     * values that are their own normal form are valid */
    for (i = 0; i < raw->nslots; i++) {
        const char *v = raw->values[i];
        size_t bad;

        if (!v)
            continue;
        ck->lens[i] = raw->lens ? raw->lens[i] : strlen(v);
        ck->plain[i] = short_printable(v, ck->lens[i]) ||
                       (raw->utf8_ok ? sr_text_is_normal_valid(v, ck->lens[i])
                                     : sr_text_is_normal(v, ck->lens[i]));
        if (!ck->plain[i] && !raw->utf8_ok &&
            !sr_utf8_valid(v, ck->lens[i], &bad)) {
            problem(&p, t->slots[i].id,
                    "invalid UTF-8 at byte %zu (is the file GBK? set "
                    "encoding = gbk)",
                    bad + 1);
            return SR_REFUSED;
        }
    }
    if (t->form_id_field >= 0) {
        size_t slot = sr_template_field_slot(t, (size_t)t->form_id_field);

        form_id = normalize(ck, raw, slot);
        p.form_id = form_id;
        if (form_id && *form_id) {
            form_id_len = ck->plain[slot] ? ck->lens[slot] : strlen(form_id);
            sr_idset_prefetch(&ck->ids, form_id, form_id_len);
        }
    }
    if (raw->problem)
        problem(&p, raw->problem_field ? raw->problem_field : "", "%s",
                raw->problem);

    for (i = 0; i < t->nfields; i++) {
        const struct sr_field *f = &t->fields[i];
        size_t slot = sr_template_field_slot(t, i);
        const char *v = normalize(ck, raw, slot);

        ck->fields[i] = v && *v ? v : NULL;
        if (raw->problem)
            continue;
        if (!ck->fields[i]) {
            if (f->required)
                problem(&p, f->id, "required field '%s' is empty", f->id);
            continue;
        }
        if (ck->patterns[i]) {
            int m = sr_regex_match(ck->patterns[i], v,
                                   ck->plain[slot] ? ck->lens[slot] : strlen(v),
                                   NULL);

            if (m != 1)
                problem(&p, f->id, "value '%s' does not match pattern '%s'",
                        shown(ck, v, f->pii), f->pattern);
        }
        if (f->role == SR_ROLE_DATE && !sr_date_parse(v, &date))
            problem(&p, f->id, "bad date '%s' (want YYYY-MM-DD)",
                    shown(ck, v, f->pii));
    }
    sr_idset_prefetch_entry(&ck->ids);
    for (i = 0; i < t->nitems; i++) {
        const struct item_fast *q = &ck->items[i];
        const char *v = raw->problem ? NULL : raw->values[q->slot];

        /* the common score first: one or two digits within the scale,
         * which no missing label of the scale begins like (else and for
         * everything else score_of(), which says what is wrong) */
        if (v && ck->plain[q->slot] && v[0] >= '0' && v[0] <= '9' &&
            !(q->miss[(unsigned char)v[0] >> 6] >> (v[0] & 63) & 1)) {
            int32_t x = -1;

            if (!v[1])
                x = v[0] - '0';
            else if (v[1] >= '0' && v[1] <= '9' && !v[2])
                x = (v[0] - '0') * 10 + (v[1] - '0');
            if (x >= q->min && x <= q->max) {
                ck->scores[i] = x;
                continue;
            }
        }
        if (v)
            v = normalize(ck, raw, q->slot);
        ck->scores[i] = score_of(&p, &t->items[i], v);
    }
    for (i = 0; i < t->nchoices; i++) {
        const char *v = raw->problem
                            ? NULL
                            : normalize(ck, raw, sr_template_choice_slot(t, i));

        ck->choices[i] = choice_of(&p, &t->choices[i], v);
    }
    for (i = 0; i < t->ncomments; i++) {
        const char *v = normalize(ck, raw, sr_template_comment_slot(t, i));

        ck->comments[i] = v && *v ? v : NULL;
    }
    /* duplicates last: the first form with an id keeps it, refused or not */
    if (form_id && *form_id) {
        uint32_t ff;
        uint32_t fl;
        enum sr_idset_result seen = sr_idset_add(
            &ck->ids, form_id, form_id_len, file_index(ck, raw->file),
            (uint32_t)(raw->line > 0 ? raw->line : 0), &ff, &fl);

        if (seen == SR_IDSET_SEEN)
            problem(&p, t->fields[t->form_id_field].id,
                    "duplicate form_id '%s' (first at %s:%u)", form_id,
                    ck->files[ff], fl);
        else if (seen == SR_IDSET_FULL)
            problem(&p, t->fields[t->form_id_field].id,
                    "too many form ids in one run (more than %zu): split "
                    "the input into shards (docs/scale-out.md)",
                    sr_idset_count(&ck->ids));
    }
    if (p.count)
        return SR_REFUSED;

    rec->raw = raw;
    rec->fields = ck->fields;
    rec->scores = ck->scores;
    rec->choices = ck->choices;
    rec->comments = ck->comments;
    rec->date = date;
    rec->derived = NULL;
    rec->nderived = 0;
    rec->categories = 0;
    rec->complaint = false;
    rec->customer = NULL;
    if (date && ((ck->period_from && date < ck->period_from) ||
                 (ck->period_to && date > ck->period_to)))
        return SR_OUT_OF_PERIOD;
    return SR_ACCEPTED;
}

/* one line of the id list */
struct write_ids {
    const struct sr_checker *ck;
    FILE *fp;
};

static bool write_id(void *ctx, const char *id, size_t n, uint32_t file,
                     uint32_t line)
{
    struct write_ids *w = ctx;
    size_t i;

    for (i = 0; i < n; i++) { /* escape \\, TAB and LF: one id a line */
        if (id[i] == '\\')
            fputs("\\\\", w->fp);
        else if (id[i] == '\t')
            fputs("\\t", w->fp);
        else if (id[i] == '\n')
            fputs("\\n", w->fp);
        else
            putc(id[i], w->fp);
    }
    fprintf(w->fp, "\t%s:%u\n", w->ck->files[file], line);
    return true;
}

enum sr_status sr_check_write_ids(const struct sr_checker *ck, const char *path,
                                  struct sr_diag *d)
{
    struct write_ids w = { ck, NULL };
    int err;

    w.fp = fopen(path, "w");
    if (!w.fp)
        return sr_diag_set(d, SR_ERR_WRITE, path, 0, "cannot create: %s",
                           strerror(errno));
    sr_idset_foreach_sorted(&ck->ids, write_id, &w);
    err = sr_stream_close(w.fp, 0);
    if (err)
        return sr_diag_set(d, SR_ERR_WRITE, path, 0, "cannot write: %s",
                           strerror(err));
    return SR_OK;
}

/* --- taking back a file's ids (a file refused whole) -------------------- */

void sr_check_file_start(struct sr_checker *ck)
{
    ck->last_file = NULL;
}

void sr_check_mark(struct sr_checker *ck, struct sr_check_mark *m)
{
    sr_idset_mark(&ck->ids, &m->ids);
}

void sr_check_rollback(struct sr_checker *ck, const struct sr_check_mark *m)
{
    sr_idset_rollback(&ck->ids, &m->ids);
}

bool sr_check_adopt(struct sr_checker *ck, struct sr_checker *from)
{
    const char *last = ck->last_file;
    uint32_t *fmap;
    size_t i;
    bool ok;

    fmap = xcalloc(from->nfiles ? from->nfiles : 1, sizeof(*fmap));
    for (i = 0; i < from->nfiles; i++)
        fmap[i] = file_index(ck, from->files[i]);
    /* @from's names are its own: keep the pointer file_index() compares
     * with to one that stays valid */
    if (ck->last_file != last)
        ck->last_file = NULL;
    ok = sr_idset_adopt(&ck->ids, &from->ids, fmap);
    free(fmap);
    return ok;
}
