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
#include <sys/mman.h>

/*
 * The form ids seen, exactly, in about 20 bytes a form (FORMATS.md §4.2:
 * the first form with an id keeps it, so every id must be remembered).
 *
 * Pool: entries packed one after another in chunks of POOL_CHUNK bytes
 * (an entry longer than that gets a chunk of its own):
 *   the id, encoded (below), then the line and the file index where it was
 *   first seen, each as a little-endian base-128 varint.
 * An id is encoded as its prefix P and its trailing run of digits D (at
 * most 15 digits; any earlier ones stay in P):
 *   [len(P) << 4 | len(D)] [P] [D as BCD, two digits a byte]
 * when len(P) <= 14, else as [0xF0] [varint len(id)] [id].  Decoding gives
 * P then D back, so the encoding is one-to-one and two ids are equal
 * exactly when their encodings are: "F2026000001" takes 7 bytes.
 * Table: open addressing with linear probing, 4-byte slots holding
 * (chunk << CHUNK_BITS | offset) + 1 (0 = empty), load at most 1/2.
 * A probe compares the encoding in the pool, so equality is exact; the
 * hash only picks where to start.
 */
#define CHUNK_BITS  20
#define POOL_CHUNK  ((size_t)1 << CHUNK_BITS)
#define MAX_CHUNKS  4095 /* slot values stay below 2^32 */
#define ENC_LONG    0xF0
#define ENC_MAX_PRE 14
#define ENC_MAX_DIG 15
/* an encoded id, the longest that takes the short form, and more */
#define ENC_SHORT_MAX (1 + ENC_MAX_PRE + (ENC_MAX_DIG + 1) / 2)

struct idset {
    unsigned char **chunks;
    size_t *fill; /* bytes used in each chunk */
    size_t nchunks;
    size_t used;     /* bytes used in the last chunk */
    uint32_t *slots; /* (chunk << CHUNK_BITS | offset) + 1, 0 = empty */
    size_t cap;      /* power of two, or 0 */
    size_t count;
    size_t bytes; /* of the pool, for the log */
    size_t next;  /* the slot idset_prefetch() loaded */
};

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
    struct idset ids;
    char **files; /* names of files seen, for duplicate messages */
    size_t nfiles;
    const char *last_file; /* the caller's pointer for files[nfiles - 1] */
};

enum idset_result { IDSET_NEW, IDSET_SEEN, IDSET_FULL };

static size_t varint_put(unsigned char *p, uint64_t v)
{
    size_t n = 0;

    while (v >= 0x80) {
        p[n++] = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    p[n++] = (unsigned char)v;
    return n;
}

static const unsigned char *varint_get(const unsigned char *p, uint64_t *v)
{
    unsigned shift = 0;

    *v = 0;
    while (*p & 0x80) {
        *v |= (uint64_t)(*p++ & 0x7f) << shift;
        shift += 7;
    }
    *v |= (uint64_t)*p++ << shift;
    return p;
}

/* Encode @id (@n bytes) into @out: the short form needs at most
 * ENC_SHORT_MAX bytes, the long one n + 11.  Returns the length. */
static size_t id_encode(const char *id, size_t n, unsigned char *out)
{
    size_t d = 0;
    size_t pre;
    size_t k;
    size_t o;

    while (d < n && d < ENC_MAX_DIG && id[n - 1 - d] >= '0' &&
           id[n - 1 - d] <= '9')
        d++;
    pre = n - d;
    if (pre > ENC_MAX_PRE) {
        out[0] = ENC_LONG;
        o = 1 + varint_put(out + 1, n);
        memcpy(out + o, id, n);
        return o + n;
    }
    out[0] = (unsigned char)(pre << 4 | d);
    memcpy(out + 1, id, pre);
    o = 1 + pre;
    for (k = 0; k < d; k += 2) {
        unsigned hi = (unsigned)(id[pre + k] - '0');
        unsigned lo = k + 1 < d ? (unsigned)(id[pre + k + 1] - '0') : 0;

        out[o++] = (unsigned char)(hi << 4 | lo);
    }
    return o;
}

/* The length of the encoded id at @p. */
static size_t id_enc_len(const unsigned char *p)
{
    uint64_t n;
    const unsigned char *q;

    if (p[0] == ENC_LONG) {
        q = varint_get(p + 1, &n);
        return (size_t)(q - p) + (size_t)n;
    }
    return 1 + (p[0] >> 4) + ((p[0] & 0x0f) + 1) / 2;
}

/* Append the id encoded at @p to @b. */
static void id_decode(const unsigned char *p, struct sr_buf *b)
{
    char digits[ENC_MAX_DIG];
    size_t pre = p[0] >> 4;
    size_t d = p[0] & 0x0f;
    size_t k;
    uint64_t n;
    const unsigned char *q;

    if (p[0] == ENC_LONG) {
        q = varint_get(p + 1, &n);
        sr_buf_add(b, (const char *)q, (size_t)n);
        return;
    }
    sr_buf_add(b, (const char *)p + 1, pre);
    for (k = 0; k < d; k++) {
        unsigned char c = p[1 + pre + k / 2];

        digits[k] = (char)('0' + (k % 2 ? c & 0x0f : c >> 4));
    }
    sr_buf_add(b, digits, d);
}

static uint64_t hash_bytes(const unsigned char *p, size_t n)
{
    uint64_t h = 14695981039346656037ULL;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    /* murmur3's finaliser: every bit of the id reaches the low bits */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static const unsigned char *entry_at(const struct idset *s, uint32_t slot)
{
    uint32_t v = slot - 1;

    return s->chunks[v >> CHUNK_BITS] + (v & (POOL_CHUNK - 1));
}

static void entry_where(const unsigned char *e, uint32_t *file, uint32_t *line)
{
    uint64_t v;
    const unsigned char *p = e + id_enc_len(e);

    p = varint_get(p, &v);
    *line = (uint32_t)v;
    varint_get(p, &v);
    *file = (uint32_t)v;
}

/* The slot of the encoded id @enc (@n bytes), or the empty one where it
 * would go. */
static size_t idset_find(const struct idset *s, const unsigned char *enc,
                         size_t n, uint64_t h)
{
    size_t mask = s->cap - 1;
    size_t i = (size_t)h & mask;

    while (s->slots[i]) {
        const unsigned char *e = entry_at(s, s->slots[i]);

        if (e[0] == enc[0] && id_enc_len(e) == n && !memcmp(e, enc, n))
            break;
        i = (i + 1) & mask;
    }
    return i;
}

/* The length of the entry at @e: the id, then two varints. */
static size_t entry_len(const unsigned char *e)
{
    const unsigned char *p = e + id_enc_len(e);

    while (*p & 0x80)
        p++;
    p++;
    while (*p & 0x80)
        p++;
    return (size_t)(p + 1 - e);
}

/*
 * @cap empty slots.  A large table is asked for in huge pages: probes
 * land anywhere in it, and with 4 KB pages nearly every probe (and the
 * prefetch before it) also waits for a page-table walk.
 */
static uint32_t *slots_alloc(size_t cap)
{
    const size_t huge = (size_t)2 << 20;
    size_t bytes = cap * sizeof(uint32_t);
    void *p = NULL;

    if (bytes < huge)
        return xcalloc(cap, sizeof(uint32_t));
    if (posix_memalign(&p, huge, bytes) != 0)
        return xcalloc(cap, sizeof(uint32_t));
#ifdef MADV_HUGEPAGE
    (void)madvise(p, bytes, MADV_HUGEPAGE); /* a hint: fine if refused */
#endif
    memset(p, 0, bytes);
    return p;
}

/* A table of @cap slots (a power of two, at least twice the ids) with
 * every entry put back, walking the pool in order (a sequential read,
 * unlike the old table's slots). */
static void idset_rebuild(struct idset *s, size_t cap)
{
    /* entries wait in a ring of REBUILD_AHEAD while their slots come
     * from memory (the table is far larger than the caches) */
    enum { REBUILD_AHEAD = 16 };
    size_t ring_j[REBUILD_AHEAD];
    uint32_t ring_v[REBUILD_AHEAD];
    size_t n = 0;
    size_t mask;
    size_t c;
    size_t k;

    free(s->slots);
    s->cap = cap;
    s->slots = slots_alloc(cap);
    mask = s->cap - 1;
    for (c = 0; c < s->nchunks; c++) {
        size_t fill = c + 1 == s->nchunks ? s->used : s->fill[c];
        size_t off = 0;

        while (off < fill) {
            const unsigned char *e = s->chunks[c] + off;
            size_t j = (size_t)hash_bytes(e, id_enc_len(e)) & mask;

            k = n++ % REBUILD_AHEAD;
            if (n > REBUILD_AHEAD) {
                size_t i = ring_j[k];

                while (s->slots[i]) /* all distinct: the first empty */
                    i = (i + 1) & mask;
                s->slots[i] = ring_v[k];
            }
            __builtin_prefetch(&s->slots[j], 1);
            ring_j[k] = j;
            ring_v[k] = (uint32_t)((c << CHUNK_BITS | off) + 1);
            off += entry_len(e);
        }
    }
    for (k = n > REBUILD_AHEAD ? n - REBUILD_AHEAD : 0; k < n; k++) {
        size_t i = ring_j[k % REBUILD_AHEAD];

        while (s->slots[i])
            i = (i + 1) & mask;
        s->slots[i] = ring_v[k % REBUILD_AHEAD];
    }
}

/* Double the table. */
static void idset_grow(struct idset *s)
{
    idset_rebuild(s, s->cap ? s->cap * 2 : 4096);
}

/*
 * Add the id encoded at @enc (@len bytes), first seen at @file:@line.
 * IDSET_SEEN, with where it was first seen, if it was there; IDSET_FULL if
 * the pool is full (MAX_CHUNKS chunks, about 380 million short ids).
 */
static enum idset_result idset_put_h(struct idset *s,
                                     const unsigned char *enc, size_t len,
                                     uint64_t h, uint32_t file, uint32_t line,
                                     uint32_t *first_file,
                                     uint32_t *first_line)
{
    unsigned char where[20];
    size_t wlen;
    size_t total;
    size_t need;
    size_t i;
    unsigned char *p;

    if ((s->count + 1) * 2 > s->cap)
        idset_grow(s);
    i = idset_find(s, enc, len, h);
    if (s->slots[i]) {
        entry_where(entry_at(s, s->slots[i]), first_file, first_line);
        return IDSET_SEEN;
    }
    wlen = varint_put(where, line);
    wlen += varint_put(where + wlen, file);
    total = len + wlen;
    need = total > POOL_CHUNK ? total : POOL_CHUNK;
    if (!s->nchunks || s->used + total > POOL_CHUNK) {
        if (s->nchunks == MAX_CHUNKS)
            return IDSET_FULL;
        s->chunks =
            xreallocarray(s->chunks, s->nchunks + 1, sizeof(*s->chunks));
        s->fill = xreallocarray(s->fill, s->nchunks + 1, sizeof(*s->fill));
        if (s->nchunks)
            s->fill[s->nchunks - 1] = s->used;
        s->chunks[s->nchunks++] = xmalloc(need);
        s->used = 0;
        s->bytes += need;
    }
    p = s->chunks[s->nchunks - 1] + s->used;
    memcpy(p, enc, len);
    memcpy(p + len, where, wlen);
    s->slots[i] = (uint32_t)(((s->nchunks - 1) << CHUNK_BITS | s->used) + 1);
    s->used += total;
    s->count++;
    return IDSET_NEW;
}

static enum idset_result idset_put(struct idset *s, const unsigned char *enc,
                                   size_t len, uint32_t file, uint32_t line,
                                   uint32_t *first_file, uint32_t *first_line)
{
    return idset_put_h(s, enc, len, hash_bytes(enc, len), file, line,
                       first_file, first_line);
}

/* idset_put() of @id (@n bytes) */
static enum idset_result idset_add(struct idset *s, const char *id, size_t n,
                                   uint32_t file, uint32_t line,
                                   uint32_t *first_file, uint32_t *first_line)
{
    unsigned char short_enc[ENC_SHORT_MAX];
    unsigned char *enc = short_enc;
    enum idset_result res;

    if (n + 11 > ENC_SHORT_MAX)
        enc = xmalloc(n + 11);
    res = idset_put(s, enc, id_encode(id, n, enc), file, line, first_file,
                    first_line);
    if (enc != short_enc)
        free(enc);
    return res;
}

/*
 * Start loading the table slot where @id's search begins, so that the
 * idset_add() that follows a little later finds it in the cache: the
 * table is far larger than the caches, and without this every form waits
 * for one memory read here.
 */
static void idset_prefetch(struct idset *s, const char *id, size_t n)
{
    unsigned char enc[64]; /* the long form of 48 bytes takes 50 */

    if (n > 48)
        return; /* long ids are rare: no prefetch */
    if ((s->count + 1) * 2 > s->cap)
        idset_grow(s);
    s->next = (size_t)hash_bytes(enc, id_encode(id, n, enc)) & (s->cap - 1);
    __builtin_prefetch(&s->slots[s->next]);
}

/* Then, when that slot has arrived, start loading the entry it names. */
static void idset_prefetch_entry(const struct idset *s)
{
    if (s->cap && s->slots[s->next])
        __builtin_prefetch(entry_at(s, s->slots[s->next]));
}

static void idset_release(struct idset *s)
{
    size_t i;

    for (i = 0; i < s->nchunks; i++)
        free(s->chunks[i]);
    free(s->chunks);
    free(s->fill);
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
    ck->lens = xcalloc(t->nslots ? t->nslots : 1, sizeof(*ck->lens));
    ck->plain = xcalloc(t->nslots ? t->nslots : 1, sizeof(*ck->plain));
    ck->miss_first = xcalloc(4 * (t->nscales ? t->nscales : 1),
                             sizeof(*ck->miss_first));
    for (i = 0; i < t->nscales; i++) {
        size_t k;

        for (k = 0; k < t->scales[i].nmissing; k++) {
            unsigned char c = (unsigned char)t->scales[i].missing[k][0];

            ck->miss_first[4 * i + (c >> 6)] |= UINT64_C(1) << (c & 63);
        }
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

    if (!v || !*v)
        return SR_MISSING;
    /* the common case first: one or two digits */
    if (v[0] >= '0' && v[0] <= '9' &&
        (!v[1] || (v[1] >= '0' && v[1] <= '9' && !v[2])) &&
        (!missing_starts(p->ck, sc, (unsigned char)v[0]) ||
         !is_missing_label(p->ck, sc, v))) {
        x = v[1] ? (v[0] - '0') * 10 + (v[1] - '0') : v[0] - '0';
        if (x >= sc->min && x <= sc->max)
            return (int32_t)x;
    }
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

/* Whether the string @s is the text @t[0..n) */
static bool same_text(const char *s, const char *t, size_t n)
{
    return s[0] == t[0] && !strncmp(s, t, n) && !s[n];
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
                       sr_text_is_normal(v, ck->lens[i]);
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
            idset_prefetch(&ck->ids, form_id, form_id_len);
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
    idset_prefetch_entry(&ck->ids);
    for (i = 0; i < t->nitems; i++) {
        const char *v = raw->problem
                            ? NULL
                            : normalize(ck, raw, sr_template_item_slot(t, i));

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
        enum idset_result seen = idset_add(
            &ck->ids, form_id, form_id_len, file_index(ck, raw->file),
            (uint32_t)(raw->line > 0 ? raw->line : 0), &ff, &fl);

        if (seen == IDSET_SEEN)
            problem(&p, t->fields[t->form_id_field].id,
                    "duplicate form_id '%s' (first at %s:%u)", form_id,
                    ck->files[ff], fl);
        else if (seen == IDSET_FULL)
            problem(&p, t->fields[t->form_id_field].id,
                    "too many form ids in one run (more than %zu): split "
                    "the input into shards (docs/scale-out.md)",
                    ck->ids.count);
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

/* An id for sr_check_write_ids(): its first 16 bytes as two big-endian
 * numbers (zero-padded: a shorter id sorts first, as in byte order), and
 * its entry in the pool for the rest. */
struct idrow {
    uint64_t k1;
    uint64_t k2;
    const unsigned char *entry;
};

static uint64_t be_key(const char *s, size_t n)
{
    uint64_t k = 0;
    size_t i;

    for (i = 0; i < 8; i++)
        k = k << 8 | (i < n ? (unsigned char)s[i] : 0);
    return k;
}

/* The byte order of the ids: by the keys, then (ids of more than 16
 * bytes) by the rest, decoded. */
static int cmp_ids(const void *a, const void *b)
{
    const struct idrow *x = a;
    const struct idrow *y = b;
    struct sr_buf u = SR_BUF_INIT;
    struct sr_buf v = SR_BUF_INIT;
    int c;

    if (x->k1 != y->k1)
        return x->k1 < y->k1 ? -1 : 1;
    if (x->k2 != y->k2)
        return x->k2 < y->k2 ? -1 : 1;
    if ((x->k2 & 0xff) == 0 || (y->k2 & 0xff) == 0)
        return 0; /* both end within 16 bytes: equal (not two entries) */
    id_decode(x->entry, &u);
    id_decode(y->entry, &v);
    c = strcmp(u.buf + 16, v.buf + 16);
    sr_buf_release(&u);
    sr_buf_release(&v);
    return c;
}

enum sr_status sr_check_write_ids(const struct sr_checker *ck, const char *path,
                                  struct sr_diag *d)
{
    const struct idset *s = &ck->ids;
    struct sr_buf id = SR_BUF_INIT;
    struct idrow *rows;
    size_t n = 0;
    size_t i;
    FILE *fp;
    enum sr_status st = SR_OK;
    int err;

    rows = xcalloc(s->count ? s->count : 1, sizeof(*rows));
    for (i = 0; i < s->cap; i++) {
        if (!s->slots[i])
            continue;
        rows[n].entry = entry_at(s, s->slots[i]);
        sr_buf_reset(&id);
        id_decode(rows[n].entry, &id);
        rows[n].k1 = be_key(id.buf, id.len);
        rows[n].k2 = id.len > 8 ? be_key(id.buf + 8, id.len - 8) : 0;
        n++;
    }
    qsort(rows, n, sizeof(*rows), cmp_ids);
    fp = fopen(path, "w");
    if (!fp) {
        st = sr_diag_set(d, SR_ERR_WRITE, path, 0, "cannot create: %s",
                         strerror(errno));
        goto out_free;
    }
    for (i = 0; i < n; i++) {
        uint32_t file;
        uint32_t line;
        const char *p;

        sr_buf_reset(&id);
        id_decode(rows[i].entry, &id);
        entry_where(rows[i].entry, &file, &line);
        for (p = id.buf; *p; p++) { /* escape \\, TAB and LF: one id a line */
            if (*p == '\\')
                fputs("\\\\", fp);
            else if (*p == '\t')
                fputs("\\t", fp);
            else if (*p == '\n')
                fputs("\\n", fp);
            else
                putc(*p, fp);
        }
        fprintf(fp, "\t%s:%u\n", ck->files[file], line);
    }
    err = sr_stream_close(fp, 0);
    if (err)
        st = sr_diag_set(d, SR_ERR_WRITE, path, 0, "cannot write: %s",
                         strerror(err));
out_free:
    free(rows);
    sr_buf_release(&id);
    return st;
}

/* --- taking back a file's ids (a file refused whole) -------------------- */

void sr_check_file_start(struct sr_checker *ck)
{
    ck->last_file = NULL;
}

void sr_check_mark(const struct sr_checker *ck, struct sr_check_mark *m)
{
    m->nchunks = ck->ids.nchunks;
    m->used = ck->ids.used;
    m->count = ck->ids.count;
    m->bytes = ck->ids.bytes;
}

#define ADOPT_AHEAD 16

/* The next entry of @s's pool in order (*c and *off start at 0), or NULL
 * after the last. */
static const unsigned char *pool_next(const struct idset *s, size_t *c,
                                      size_t *off)
{
    while (*c < s->nchunks) {
        size_t fill = *c + 1 == s->nchunks ? s->used : s->fill[*c];

        if (*off < fill) {
            const unsigned char *e = s->chunks[*c] + *off;

            *off += entry_len(e);
            return e;
        }
        (*c)++;
        *off = 0;
    }
    return NULL;
}

bool sr_check_adopt(struct sr_checker *ck, struct sr_checker *from)
{
    struct idset *f = &from->ids;
    const char *last = ck->last_file;
    struct sr_check_mark m;
    struct {
        const unsigned char *e;
        size_t len;
        uint64_t h;
    } ring[ADOPT_AHEAD];
    uint32_t *fmap;
    size_t cap;
    size_t mask;
    size_t head = 0; /* entries [tail, head) wait in the ring */
    size_t tail = 0;
    size_t c = 0;
    size_t off = 0;
    size_t i;
    bool ok = true;

    /* @from's table is not needed, only its pool walked in order */
    free(f->slots);
    f->slots = NULL;
    f->cap = 0;
    sr_check_mark(ck, &m);
    /* the table for both at once, so that it does not grow on the way */
    cap = ck->ids.cap ? ck->ids.cap : 4096;
    while ((ck->ids.count + f->count + 1) * 2 > cap)
        cap *= 2;
    if (cap != ck->ids.cap)
        idset_rebuild(&ck->ids, cap);
    mask = cap - 1;
    fmap = xcalloc(from->nfiles ? from->nfiles : 1, sizeof(*fmap));
    for (i = 0; i < from->nfiles; i++)
        fmap[i] = file_index(ck, from->files[i]);
    /* @from's names are its own: keep the pointer file_index() compares
     * with to one that stays valid */
    if (ck->last_file != last)
        ck->last_file = NULL;
    /* each entry waits in the ring while its slot comes from memory (the
     * table is far larger than the caches); they are put in pool order */
    for (;;) {
        const unsigned char *e = pool_next(f, &c, &off);
        uint32_t file;
        uint32_t line;
        uint32_t ff;
        uint32_t fl;

        if (e) {
            i = head++ % ADOPT_AHEAD;
            ring[i].e = e;
            ring[i].len = id_enc_len(e);
            ring[i].h = hash_bytes(e, ring[i].len);
            __builtin_prefetch(&ck->ids.slots[ring[i].h & mask]);
            if (head - tail < ADOPT_AHEAD)
                continue;
        }
        if (tail == head)
            break;
        i = tail++ % ADOPT_AHEAD;
        entry_where(ring[i].e, &file, &line);
        if (idset_put_h(&ck->ids, ring[i].e, ring[i].len, ring[i].h,
                        fmap[file], line, &ff, &fl) != IDSET_NEW) {
            ok = false;
            break;
        }
    }
    free(fmap);
    if (!ok)
        sr_check_rollback(ck, &m);
    return ok;
}

/*
 * Cut the pool back to the mark and rebuild the table from it, at the same
 * size: entries go back in pool order, as idset_grow() puts them.  O(ids),
 * but only a file refused whole needs it.
 */
void sr_check_rollback(struct sr_checker *ck, const struct sr_check_mark *m)
{
    struct idset *s = &ck->ids;
    size_t c;

    if (s->count == m->count)
        return;
    for (c = m->nchunks; c < s->nchunks; c++)
        free(s->chunks[c]);
    s->bytes = m->bytes;
    s->nchunks = m->nchunks;
    s->used = m->used;
    s->count = m->count;
    idset_rebuild(s, s->cap);
}
