/* SPDX-License-Identifier: MIT */
/*
 * check.c - validation of raw forms (see check.h for the rules)
 *
 * Owns: the compiled field patterns, a per-form arena (reset every form)
 * and the set of form ids seen so far with where each was first seen.
 */
#include "check.h"
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

/* The ids seen: a string pool of packed entries [u32 file][u32 line][id\0]
 * and an open-addressing table of offsets into it (+1; 0 = empty). */
struct idset {
    char **chunks;
    size_t nchunks;
    size_t used;     /* in the last chunk */
    uint64_t *slots; /* (chunk << 32 | offset) + 1 */
    size_t cap;
    size_t count;
};

#define POOL_CHUNK (1u << 20)

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
    struct idset ids;
    char **files; /* names of files seen, for duplicate messages */
    size_t nfiles;
};

static uint64_t hash_id(const char *s)
{
    uint64_t h = 14695981039346656037ULL;

    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 1099511628211ULL;
    }
    return h;
}

static const char *entry_id(const struct idset *s, uint64_t slot)
{
    uint64_t v = slot - 1;

    return s->chunks[v >> 32] + (v & 0xffffffffu) + 8;
}

static void entry_where(const struct idset *s, uint64_t slot, uint32_t *file,
                        uint32_t *line)
{
    uint64_t v = slot - 1;
    const char *p = s->chunks[v >> 32] + (v & 0xffffffffu);

    memcpy(file, p, 4);
    memcpy(line, p + 4, 4);
}

static size_t idset_find(const struct idset *s, const char *id, uint64_t h)
{
    size_t mask = s->cap - 1;
    size_t i = (size_t)h & mask;

    while (s->slots[i] && strcmp(entry_id(s, s->slots[i]), id))
        i = (i + 1) & mask;
    return i;
}

static void idset_grow(struct idset *s)
{
    uint64_t *old = s->slots;
    size_t oldcap = s->cap;
    size_t i;

    s->cap = oldcap ? oldcap * 2 : 4096;
    s->slots = xcalloc(s->cap, sizeof(*s->slots));
    for (i = 0; i < oldcap; i++) {
        if (old[i]) {
            const char *id = entry_id(s, old[i]);

            s->slots[idset_find(s, id, hash_id(id))] = old[i];
        }
    }
    free(old);
}

/* Add @id; if it was there, return false with where it was first seen. */
static bool idset_add(struct idset *s, const char *id, uint32_t file,
                      uint32_t line, uint32_t *first_file, uint32_t *first_line)
{
    uint64_t h = hash_id(id);
    size_t len = strlen(id) + 1 + 8;
    size_t i;
    char *p;

    if ((s->count + 1) * 10 > s->cap * 7)
        idset_grow(s);
    i = idset_find(s, id, h);
    if (s->slots[i]) {
        entry_where(s, s->slots[i], first_file, first_line);
        return false;
    }
    if (len > POOL_CHUNK)
        len = POOL_CHUNK; /* ids are limited far below this by readers */
    if (!s->nchunks || s->used + len > POOL_CHUNK) {
        s->chunks =
            xreallocarray(s->chunks, s->nchunks + 1, sizeof(*s->chunks));
        s->chunks[s->nchunks++] = xmalloc(POOL_CHUNK);
        s->used = 0;
    }
    p = s->chunks[s->nchunks - 1] + s->used;
    memcpy(p, &file, 4);
    memcpy(p + 4, &line, 4);
    memcpy(p + 8, id, len - 9);
    p[len - 1] = '\0';
    s->slots[i] = (((uint64_t)(s->nchunks - 1) << 32) | s->used) + 1;
    s->used += len;
    s->count++;
    return true;
}

static void idset_release(struct idset *s)
{
    size_t i;

    for (i = 0; i < s->nchunks; i++)
        free(s->chunks[i]);
    free(s->chunks);
    free(s->slots);
    memset(s, 0, sizeof(*s));
}

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
    idset_release(&ck->ids);
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

/* Normalise @s (NULL stays NULL) into the form arena. */
static const char *normalize(struct sr_checker *ck, const char *s)
{
    if (!s)
        return NULL;
    sr_text_normalize(&ck->norm, s);
    return sr_arena_strndup(&ck->arena, ck->norm.buf, ck->norm.len);
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

static bool is_missing_label(const struct sr_scale *sc, const char *v)
{
    size_t i;

    for (i = 0; i < sc->nmissing; i++)
        if (!strcmp(sc->missing[i], v))
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

    if (!v || !*v || is_missing_label(sc, v))
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

/* the next option token of a choice answer: separators ; , ┋ (after NFKC,
 * full-width ；，become ; ,) and also the ideographic comma 、 */
static const char *next_token(const char *s, const char **start, size_t *len)
{
    static const char *const seps[] = { ";", ",", "\xe2\x94\x8b" /* ┋ */,
                                        "\xe3\x80\x81" /* 、 */, NULL };
    const char *p = s;
    size_t i;

    for (;;) {
        for (i = 0; seps[i]; i++)
            if (!strncmp(p, seps[i], strlen(seps[i])))
                break;
        if (!seps[i])
            break;
        p += strlen(seps[i]);
    }
    if (!*p)
        return NULL;
    *start = p;
    while (*p) {
        for (i = 0; seps[i]; i++)
            if (!strncmp(p, seps[i], strlen(seps[i])))
                break;
        if (seps[i])
            break;
        p++;
    }
    *len = (size_t)(p - *start);
    return p;
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
        one = sr_arena_strndup(&p->ck->arena, tok, len);
        for (k = 0; k < c->noptions; k++)
            if (!strcmp(c->options[k].value, one) ||
                (c->options[k].label && !strcmp(c->options[k].label, one)))
                break;
        if (k == c->noptions) {
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

    /* files come in order: the current one is almost always the last */
    for (i = ck->nfiles; i-- > 0;)
        if (!strcmp(ck->files[i], file))
            return (uint32_t)i;
    ck->files = xreallocarray(ck->files, ck->nfiles + 1, sizeof(*ck->files));
    ck->files[ck->nfiles] = xstrdup(file);
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

    sr_arena_reset(&ck->arena);
    p.ck = ck;
    p.raw = raw;
    p.rj = rj;
    p.d = d;
    p.count = 0;
    p.form_id = NULL;

    /* invalid UTF-8 anywhere: refuse before interpreting anything */
    for (i = 0; i < raw->nslots; i++) {
        const char *v = raw->values[i];
        size_t bad;

        if (v && !sr_utf8_valid(v, strlen(v), &bad)) {
            problem(&p, t->slots[i].id,
                    "invalid UTF-8 at byte %zu (is the file GBK? set "
                    "encoding = gbk)",
                    bad + 1);
            return SR_REFUSED;
        }
    }
    if (t->form_id_field >= 0) {
        size_t slot = sr_template_field_slot(t, (size_t)t->form_id_field);

        form_id = normalize(ck, raw->values[slot]);
        p.form_id = form_id;
    }
    if (raw->problem)
        problem(&p, raw->problem_field ? raw->problem_field : "", "%s",
                raw->problem);

    for (i = 0; i < t->nfields; i++) {
        const struct sr_field *f = &t->fields[i];
        const char *v =
            normalize(ck, raw->values[sr_template_field_slot(t, i)]);

        ck->fields[i] = v && *v ? v : NULL;
        if (raw->problem)
            continue;
        if (!ck->fields[i]) {
            if (f->required)
                problem(&p, f->id, "required field '%s' is empty", f->id);
            continue;
        }
        if (ck->patterns[i]) {
            int m = sr_regex_match(ck->patterns[i], v, strlen(v), NULL);

            if (m != 1)
                problem(&p, f->id, "value '%s' does not match pattern '%s'",
                        shown(ck, v, f->pii), f->pattern);
        }
        if (f->role == SR_ROLE_DATE && !sr_date_parse(v, &date))
            problem(&p, f->id, "bad date '%s' (want YYYY-MM-DD)",
                    shown(ck, v, f->pii));
    }
    for (i = 0; i < t->nitems; i++) {
        const char *v =
            raw->problem
                ? NULL
                : normalize(ck, raw->values[sr_template_item_slot(t, i)]);

        ck->scores[i] = score_of(&p, &t->items[i], v);
    }
    for (i = 0; i < t->nchoices; i++) {
        const char *v =
            raw->problem
                ? NULL
                : normalize(ck, raw->values[sr_template_choice_slot(t, i)]);

        ck->choices[i] = choice_of(&p, &t->choices[i], v);
    }
    for (i = 0; i < t->ncomments; i++) {
        const char *v =
            normalize(ck, raw->values[sr_template_comment_slot(t, i)]);

        ck->comments[i] = v && *v ? v : NULL;
    }
    /* duplicates last: the first form with an id keeps it, refused or not */
    if (form_id && *form_id) {
        uint32_t ff;
        uint32_t fl;

        if (!idset_add(&ck->ids, form_id, file_index(ck, raw->file),
                       (uint32_t)(raw->line > 0 ? raw->line : 0), &ff, &fl))
            problem(&p, t->fields[t->form_id_field].id,
                    "duplicate form_id '%s' (first at %s:%u)", form_id,
                    ck->files[ff], fl);
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
    if (date && ((ck->period_from && date < ck->period_from) ||
                 (ck->period_to && date > ck->period_to)))
        return SR_OUT_OF_PERIOD;
    return SR_ACCEPTED;
}

static int cmp_ids(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

enum sr_status sr_check_write_ids(const struct sr_checker *ck,
                                  const char *path, struct sr_diag *d)
{
    const struct idset *s = &ck->ids;
    const char **ids;
    size_t n = 0;
    size_t i;
    FILE *fp;
    enum sr_status st = SR_OK;

    ids = xcalloc(s->count ? s->count : 1, sizeof(*ids));
    for (i = 0; i < s->cap; i++)
        if (s->slots[i])
            ids[n++] = entry_id(s, s->slots[i]);
    qsort(ids, n, sizeof(*ids), cmp_ids);
    fp = fopen(path, "w");
    if (!fp) {
        st = sr_diag_set(d, SR_ERR_WRITE, path, 0, "cannot create: %s",
                         strerror(errno));
        goto out_free;
    }
    for (i = 0; i < n; i++) {
        uint32_t file;
        uint32_t line;
        const char *id = ids[i];

        /* the entry header sits 8 bytes before the id */
        memcpy(&file, id - 8, 4);
        memcpy(&line, id - 4, 4);
        for (; *id; id++) { /* escape \\, TAB and LF: one id a line */
            if (*id == '\\')
                fputs("\\\\", fp);
            else if (*id == '\t')
                fputs("\\t", fp);
            else if (*id == '\n')
                fputs("\\n", fp);
            else
                fputc(*id, fp);
        }
        fprintf(fp, "\t%s:%u\n", ck->files[file], line);
    }
    if (ferror(fp) | fclose(fp))
        st = sr_diag_set(d, SR_ERR_WRITE, path, 0, "cannot write: %s",
                         strerror(errno));
out_free:
    free(ids);
    return st;
}
