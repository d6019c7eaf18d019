/* SPDX-License-Identifier: MIT */
/*
 * idset.c - the set of form ids seen (see idset.h)
 *
 * One by one.  Pool: entries packed one after another in chunks of
 * POOL_CHUNK bytes (an entry longer than that gets a chunk of its own):
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
 *
 * Runs.  A numbered id (len(D) >= 1, len(P) <= 14) belongs to the family
 * of its first byte and P (so "F007" and "F07" are in different families)
 * and has the number D.  A run holds the numbers lo..hi of one family,
 * seen in one file, each at a later line than the one before, by at most
 * 255 lines: the first line, then one byte a number for the lines between
 * (the forms of an XML file differ in length: their unanswered items are
 * left out), and the line of every 256th number, so that finding one
 * adds at most 255 bytes.  Runs are disjoint and sorted by (family, lo).
 * An id goes one by one unless it extends the open run (the run made or
 * extended last); when the next id is the one after it, at a later line
 * of the same file, the two become a new run (the first is taken back out
 * of the pool: it is always the pool's last entry then).
 */
#include "idset.h"
#include "../core/buf.h"
#include "../core/mem.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define CHUNK_BITS  20
#define POOL_CHUNK  ((size_t)1 << CHUNK_BITS)
#define MAX_CHUNKS  4095 /* slot values stay below 2^32 */
#define ENC_LONG    0xF0
#define ENC_MAX_PRE 14
#define ENC_MAX_DIG 15
/* an encoded id, the longest that takes the short form, and more */
#define ENC_SHORT_MAX (1 + ENC_MAX_PRE + (ENC_MAX_DIG + 1) / 2)
/* families of numbered ids that may have runs (more go one by one) */
#define MAX_FAMS 64
/* runs moved, in all, to put a run before others (a memmove each time):
 * past that, ids out of order go one by one, which costs no moves */
#define MAX_SHIFTED ((uint64_t)1 << 24)

/* a family: the encoded id's first byte and its prefix, zero-padded */
struct sr_idfam {
    unsigned char key[16];
};

/* lines a number of a run may come after the one before */
#define MAX_GAP 255
/* numbers between two of a run's remembered lines */
#define LINE_EVERY 256

struct sr_idrun {
    uint64_t lo;
    uint64_t hi;
    uint32_t fam;
    uint32_t file;
    uint32_t line0;     /* of lo */
    uint32_t last_line; /* of hi */
    uint32_t born;
    uint8_t *gaps;   /* gaps[k - 1]: line of lo + k minus line of lo + k - 1 */
    uint32_t *lines; /* lines[j - 1]: line of lo + j * LINE_EVERY */
    size_t gapcap;
    size_t linecap;
};

/* ---- encoding ----------------------------------------------------------- */

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

/* The length of the trailing run of digits of @id (@n bytes), at most
 * ENC_MAX_DIG: the digits an encoding keeps as a number. */
static size_t digit_run(const char *id, size_t n)
{
    size_t d = 0;

    while (d < n && d < ENC_MAX_DIG && id[n - 1 - d] >= '0' &&
           id[n - 1 - d] <= '9')
        d++;
    return d;
}

/* Encode @id (@n bytes) into @out: the short form needs at most
 * ENC_SHORT_MAX bytes, the long one n + 11.  Returns the length. */
static size_t id_encode(const char *id, size_t n, unsigned char *out)
{
    size_t d = digit_run(id, n);
    size_t pre = n - d;
    size_t k;
    size_t o;

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

/* Whether @id (@n bytes) is numbered: then its family key and number. */
static bool numbered(const char *id, size_t n, unsigned char key[16],
                     uint64_t *v)
{
    size_t d = digit_run(id, n);
    size_t pre = n - d;
    size_t k;
    uint64_t x = 0;

    if (!d || pre > ENC_MAX_PRE)
        return false;
    memset(key, 0, 16);
    key[0] = (unsigned char)(pre << 4 | d);
    memcpy(key + 1, id, pre);
    for (k = pre; k < n; k++)
        x = x * 10 + (uint64_t)(id[k] - '0');
    *v = x;
    return true;
}

/* numbered() of the encoded id at @e */
static bool enc_numbered(const unsigned char *e, unsigned char key[16],
                         uint64_t *v)
{
    size_t pre = e[0] >> 4;
    size_t d = e[0] & 0x0f;
    size_t k;
    uint64_t x = 0;

    if (e[0] == ENC_LONG || !d)
        return false;
    memset(key, 0, 16);
    memcpy(key, e, 1 + pre);
    for (k = 0; k < d; k++) {
        unsigned char c = e[1 + pre + k / 2];

        x = x * 10 + (k % 2 ? c & 0x0f : c >> 4);
    }
    *v = x;
    return true;
}

/* Encode number @v of family @key (the inverse of enc_numbered()). */
static size_t enc_of(const unsigned char key[16], uint64_t v,
                     unsigned char *out)
{
    size_t pre = key[0] >> 4;
    size_t d = key[0] & 0x0f;
    unsigned char digits[ENC_MAX_DIG + 1];
    size_t k;
    size_t o = 1 + pre;

    for (k = d; k-- > 0;) {
        digits[k] = (unsigned char)(v % 10);
        v /= 10;
    }
    digits[d] = 0;
    memcpy(out, key, 1 + pre);
    for (k = 0; k < d; k += 2)
        out[o++] = (unsigned char)(digits[k] << 4 | digits[k + 1]);
    return o;
}

/* The id of number @v of family @key, as text, in @b (reset). */
static void text_of(const unsigned char key[16], uint64_t v, struct sr_buf *b)
{
    char digits[ENC_MAX_DIG];
    size_t d = key[0] & 0x0f;
    size_t k;

    for (k = d; k-- > 0;) {
        digits[k] = (char)('0' + v % 10);
        v /= 10;
    }
    sr_buf_reset(b);
    sr_buf_add(b, (const char *)key + 1, key[0] >> 4);
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

/* ---- one by one ---------------------------------------------------------- */

static const unsigned char *entry_at(const struct sr_idset *s, uint32_t slot)
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

/* The slot of the encoded id @enc (@n bytes), or the empty one where it
 * would go. */
static size_t table_find(const struct sr_idset *s, const unsigned char *enc,
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
static void table_rebuild(struct sr_idset *s, size_t cap)
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

/* Room in the table for one more. */
static void table_room(struct sr_idset *s)
{
    if ((s->count + 1) * 2 > s->cap)
        table_rebuild(s, s->cap ? s->cap * 2 : 4096);
}

/* Put the encoded id @enc (@len bytes), not in the table, at empty slot
 * @i, with where it was seen; its entry's length in *elen.  False when
 * the pool is full. */
static bool table_put(struct sr_idset *s, size_t i, const unsigned char *enc,
                      size_t len, uint32_t file, uint32_t line, size_t *elen)
{
    unsigned char where[20];
    size_t wlen;
    size_t total;
    size_t need;
    unsigned char *p;

    wlen = varint_put(where, line);
    wlen += varint_put(where + wlen, file);
    total = len + wlen;
    need = total > POOL_CHUNK ? total : POOL_CHUNK;
    if (!s->nchunks || s->used + total > POOL_CHUNK) {
        if (s->nchunks == MAX_CHUNKS)
            return false;
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
    *elen = total;
    return true;
}

/*
 * Take the pool's last entry (@elen bytes) back out, and its slot.  It was
 * the last put in the table (also in a table rebuilt since, which puts
 * entries in pool order), so no other entry's probe passes its slot:
 * emptying the slot leaves the table as it was before.
 */
static void table_pop(struct sr_idset *s, size_t elen)
{
    uint32_t v =
        (uint32_t)(((s->nchunks - 1) << CHUNK_BITS | (s->used - elen)) + 1);
    const unsigned char *e = entry_at(s, v);
    size_t mask = s->cap - 1;
    size_t i = (size_t)hash_bytes(e, id_enc_len(e)) & mask;

    while (s->slots[i] != v)
        i = (i + 1) & mask;
    s->slots[i] = 0;
    s->used -= elen;
    s->count--;
}

/* The next entry of @s's pool in order (*c and *off start at 0), or NULL
 * after the last. */
static const unsigned char *pool_next(const struct sr_idset *s, size_t *c,
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

/* ---- runs -----------------------------------------------------------------
 */

/* The index of family @key, or -1. */
static int find_family(const struct sr_idset *s, const unsigned char key[16])
{
    size_t i;

    if (s->lastfam < s->nfams && !memcmp(s->fams[s->lastfam].key, key, 16))
        return (int)s->lastfam;
    for (i = 0; i < s->nfams; i++)
        if (!memcmp(s->fams[i].key, key, 16))
            return (int)i;
    return -1;
}

/* The index of family @key, made if there is room; false if not. */
static bool family(struct sr_idset *s, const unsigned char key[16], uint32_t *f)
{
    int i = find_family(s, key);

    if (i >= 0) {
        s->lastfam = (size_t)i;
        *f = (uint32_t)i;
        return true;
    }
    if (s->nfams == MAX_FAMS)
        return false;
    if (!s->fams)
        s->fams = xcalloc(MAX_FAMS, sizeof(*s->fams));
    memcpy(s->fams[s->nfams].key, key, 16);
    s->lastfam = s->nfams;
    *f = (uint32_t)s->nfams++;
    return true;
}

static bool run_before(uint32_t fa, uint64_t a, uint32_t fb, uint64_t b)
{
    return fa < fb || (fa == fb && a < b);
}

/* The index of the first run after (@f, @v) in sort order: the run that
 * may hold @v is the one before it. */
static size_t runs_pos(const struct sr_idrun *r, size_t n, uint32_t f,
                       uint64_t v)
{
    size_t lo = 0;
    size_t hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (run_before(f, v, r[mid].fam, r[mid].lo))
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static size_t run_pos(const struct sr_idset *s, uint32_t f, uint64_t v)
{
    return runs_pos(s->runs, s->nruns, f, v);
}

/* The run of @r holding number @v of family @f, given its runs_pos()
 * @pos, or NULL. */
static const struct sr_idrun *runs_holding(const struct sr_idrun *r, size_t pos,
                                           uint32_t f, uint64_t v)
{
    const struct sr_idrun *x = pos ? &r[pos - 1] : NULL;

    return x && x->fam == f && x->hi >= v ? x : NULL;
}

static uint32_t run_line(const struct sr_idrun *r, uint64_t v)
{
    size_t k = (size_t)(v - r->lo);
    size_t j = k / LINE_EVERY;
    uint32_t line = j ? r->lines[j - 1] : r->line0;
    size_t i;

    for (i = j * LINE_EVERY; i < k; i++)
        line += r->gaps[i];
    return line;
}

/* A run of @lo at @line0 and @lo + 1 at @line. */
static void run_make(struct sr_idrun *r, uint32_t fam, uint32_t file,
                     uint64_t lo, uint32_t line0, uint32_t line, uint32_t born)
{
    memset(r, 0, sizeof(*r));
    r->lo = lo;
    r->hi = lo + 1;
    r->fam = fam;
    r->file = file;
    r->line0 = line0;
    r->last_line = line;
    r->born = born;
    r->gapcap = 64;
    r->gaps = xmalloc(r->gapcap);
    r->gaps[0] = (uint8_t)(line - line0);
}

/* Number hi + 1 at @line (after hi's, by at most MAX_GAP). */
static void run_push(struct sr_idrun *r, uint32_t line)
{
    size_t k = (size_t)(r->hi - r->lo); /* gaps held */

    if (k == r->gapcap) {
        r->gapcap *= 2;
        r->gaps = xrealloc(r->gaps, r->gapcap);
    }
    r->gaps[k] = (uint8_t)(line - r->last_line);
    r->hi++;
    r->last_line = line;
    if ((k + 1) % LINE_EVERY == 0) {
        size_t j = (k + 1) / LINE_EVERY;

        if (j > r->linecap) {
            r->linecap = r->linecap ? r->linecap * 2 : 16;
            r->lines = xreallocarray(r->lines, r->linecap, sizeof(*r->lines));
        }
        r->lines[j - 1] = line;
    }
}

/* Whether number hi + 1 at @file:@line extends @r. */
static bool run_takes(const struct sr_idrun *r, uint32_t file, uint32_t line)
{
    return file == r->file && line > r->last_line &&
           line - r->last_line <= MAX_GAP;
}

/* A copy of @r with arrays of its own, sized to it. */
static void run_copy(struct sr_idrun *to, const struct sr_idrun *r)
{
    size_t k = (size_t)(r->hi - r->lo);
    size_t j = k / LINE_EVERY;

    *to = *r;
    to->gapcap = k ? k : 1;
    to->gaps = xmalloc(to->gapcap);
    memcpy(to->gaps, r->gaps, k);
    to->linecap = j;
    to->lines = j ? xcalloc(j, sizeof(*to->lines)) : NULL;
    if (j)
        memcpy(to->lines, r->lines, j * sizeof(*to->lines));
}

static void run_free(struct sr_idrun *r)
{
    free(r->gaps);
    free(r->lines);
    r->gaps = NULL;
    r->lines = NULL;
}

/* Whether a run may be put at @pos (it costs moving the ones after). */
static bool run_room(const struct sr_idset *s, size_t pos)
{
    return s->shifted + (s->nruns - pos) <= MAX_SHIFTED;
}

static void run_insert(struct sr_idset *s, size_t pos, const struct sr_idrun *r)
{
    if (s->nruns == s->runcap) {
        s->runcap = s->runcap ? s->runcap * 2 : 64;
        s->runs = xreallocarray(s->runs, s->runcap, sizeof(*s->runs));
    }
    memmove(&s->runs[pos + 1], &s->runs[pos],
            (s->nruns - pos) * sizeof(*s->runs));
    s->shifted += s->nruns - pos;
    s->runs[pos] = *r;
    s->nruns++;
}

/* ---- the set ------------------------------------------------------------- */

enum sr_idset_result sr_idset_add(struct sr_idset *s, const char *id, size_t n,
                                  uint32_t file, uint32_t line,
                                  uint32_t *first_file, uint32_t *first_line)
{
    unsigned char short_enc[ENC_SHORT_MAX];
    unsigned char *enc = short_enc;
    unsigned char key[16];
    struct sr_idrun *o = NULL;
    const struct sr_idrun *r = NULL;
    enum sr_idset_result res = SR_IDSET_NEW;
    uint64_t v = 0;
    uint32_t f = 0;
    size_t pos = 0;
    size_t len;
    size_t i;
    size_t elen;
    bool num = numbered(id, n, key, &v) && family(s, key, &f);

    if (num) {
        o = s->open ? &s->runs[s->open - 1] : NULL;
        if (o && (o->fam != f || v != o->hi + 1))
            o = NULL;
        /* next to the open run, only the run after it may hold v */
        pos = o ? s->open : run_pos(s, f, v);
        r = o ? (pos < s->nruns && s->runs[pos].fam == f && s->runs[pos].lo == v
                     ? &s->runs[pos]
                     : NULL)
              : runs_holding(s->runs, pos, f, v);
        if (r) {
            *first_file = r->file;
            *first_line = run_line(r, v);
            return SR_IDSET_SEEN;
        }
    }
    if (n + 11 > ENC_SHORT_MAX)
        enc = xmalloc(n + 11);
    len = id_encode(id, n, enc);
    table_room(s);
    i = table_find(s, enc, len, hash_bytes(enc, len));
    if (s->slots[i]) {
        entry_where(entry_at(s, s->slots[i]), first_file, first_line);
        res = SR_IDSET_SEEN;
    } else if (o && run_takes(o, file, line)) {
        run_push(o, line); /* the open run goes on */
        s->total++;
        s->cand = false;
    } else if (num && s->cand && s->cand_fam == f && v == s->cand_v + 1 &&
               file == s->cand_file && line > s->cand_line &&
               line - s->cand_line <= MAX_GAP && run_room(s, pos)) {
        /* with the one before it, a new run (neither is in one, and no
         * run begins at v: pos is the place of both) */
        struct sr_idrun nr;

        run_make(&nr, f, file, s->cand_v, s->cand_line, line, s->born++);
        table_pop(s, s->cand_len);
        run_insert(s, pos, &nr);
        s->open = pos + 1;
        s->total++;
        s->cand = false;
    } else if (table_put(s, i, enc, len, file, line, &elen)) {
        s->total++;
        s->cand = num;
        s->cand_fam = f;
        s->cand_v = v;
        s->cand_file = file;
        s->cand_line = line;
        s->cand_len = elen;
    } else {
        res = SR_IDSET_FULL;
    }
    if (enc != short_enc)
        free(enc);
    return res;
}

void sr_idset_prefetch(struct sr_idset *s, const char *id, size_t n)
{
    unsigned char enc[64]; /* the long form of 48 bytes takes 50 */

    s->next = SIZE_MAX;
    /* a table that fits the caches needs none; long ids are rare */
    if (s->cap < ((size_t)1 << 16) || n > 48)
        return;
    table_room(s);
    s->next = (size_t)hash_bytes(enc, id_encode(id, n, enc)) & (s->cap - 1);
    __builtin_prefetch(&s->slots[s->next]);
}

void sr_idset_prefetch_entry(const struct sr_idset *s)
{
    if (s->next < s->cap && s->slots[s->next])
        __builtin_prefetch(entry_at(s, s->slots[s->next]));
}

size_t sr_idset_count(const struct sr_idset *s)
{
    return s->total;
}

size_t sr_idset_bytes(const struct sr_idset *s)
{
    size_t n = s->bytes + s->cap * sizeof(*s->slots) +
               s->runcap * sizeof(*s->runs) +
               (s->fams ? MAX_FAMS * sizeof(*s->fams) : 0);
    size_t i;

    for (i = 0; i < s->nruns; i++)
        n += s->runs[i].gapcap + s->runs[i].linecap * sizeof(uint32_t);
    return n;
}

void sr_idset_mark(struct sr_idset *s, struct sr_idset_mark *m)
{
    const struct sr_idrun *o = s->open ? &s->runs[s->open - 1] : NULL;

    s->cand = false; /* no run begins before a mark and ends after it */
    m->nchunks = s->nchunks;
    m->used = s->used;
    m->count = s->count;
    m->bytes = s->bytes;
    m->total = s->total;
    m->born = s->born;
    m->open_born = o ? o->born + 1 : 0;
    m->open_hi = o ? o->hi : 0;
}

/*
 * Runs made since the mark go; the run open at the mark is the only one
 * that may have grown since (a run only grows while open, and a new one
 * is open from then on), and goes back to its length then.  The pool is
 * cut back and the table rebuilt from it at the same size: O(ids), but
 * only a file refused whole needs it.
 */
void sr_idset_rollback(struct sr_idset *s, const struct sr_idset_mark *m)
{
    size_t i;
    size_t k = 0;
    size_t c;

    s->cand = false;
    s->open = 0;
    for (i = 0; i < s->nruns; i++) {
        if (s->runs[i].born >= m->born) {
            run_free(&s->runs[i]);
            continue;
        }
        s->runs[k] = s->runs[i];
        if (s->runs[k].born + 1 == m->open_born) {
            s->runs[k].hi = m->open_hi; /* its gaps past it are left */
            s->runs[k].last_line = run_line(&s->runs[k], m->open_hi);
            s->open = k + 1;
        }
        k++;
    }
    s->nruns = k;
    s->born = m->born;
    s->total = m->total;
    if (s->count == m->count && s->nchunks == m->nchunks && s->used == m->used)
        return;
    for (c = m->nchunks; c < s->nchunks; c++)
        free(s->chunks[c]);
    s->bytes = m->bytes;
    s->nchunks = m->nchunks;
    s->used = m->used;
    s->count = m->count;
    table_rebuild(s, s->cap ? s->cap : 4096);
}

static int cmp_run(const void *a, const void *b)
{
    const struct sr_idrun *x = a;
    const struct sr_idrun *y = b;

    if (x->fam != y->fam)
        return x->fam < y->fam ? -1 : 1;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* Whether one of @s's ids one by one is in runs @r[0..@n) (sorted). */
static bool pool_meets_runs(const struct sr_idset *s, const struct sr_idrun *r,
                            size_t n)
{
    const unsigned char *e;
    unsigned char key[16];
    size_t c = 0;
    size_t off = 0;
    uint64_t v;

    while ((e = pool_next(s, &c, &off))) {
        int f;

        if (!enc_numbered(e, key, &v))
            continue;
        f = find_family(s, key);
        if (f < 0)
            continue; /* no run of @s's families has it */
        if (runs_holding(r, runs_pos(r, n, (uint32_t)f, v), (uint32_t)f, v))
            return true;
    }
    return false;
}

/* Whether a number of runs @r[0..@n) is in @s's table. */
static bool runs_meet_table(const struct sr_idset *s, const struct sr_idrun *r,
                            size_t n)
{
    unsigned char enc[ENC_SHORT_MAX];
    size_t i;

    if (!s->count)
        return false;
    for (i = 0; i < n; i++) {
        uint64_t v;

        for (v = r[i].lo; v <= r[i].hi; v++) {
            size_t len = enc_of(s->fams[r[i].fam].key, v, enc);

            if (s->slots[table_find(s, enc, len, hash_bytes(enc, len))])
                return true;
        }
    }
    return false;
}

/* Put @from's runs (mapped to @s's families and files) among @s's runs;
 * false, with @s's runs as they were, when two meet. */
static bool adopt_runs(struct sr_idset *s, const struct sr_idset *from,
                       const uint32_t *fmap)
{
    struct sr_idrun *r;
    struct sr_idrun *merged;
    bool *part;
    uint32_t famap[MAX_FAMS];
    size_t n = from->nruns;
    uint64_t ids = 0;
    size_t i;
    size_t a = 0;
    size_t b = 0;
    size_t k = 0;

    if (!n)
        return true;
    for (i = 0; i < from->nfams; i++)
        if (!family(s, from->fams[i].key, &famap[i]))
            return false; /* too many families: the caller reads again */
    r = xcalloc(n, sizeof(*r));
    for (i = 0; i < n; i++) {
        r[i] = from->runs[i];
        r[i].fam = famap[r[i].fam];
        r[i].file = fmap[r[i].file];
        ids += r[i].hi - r[i].lo + 1;
    }
    qsort(r, n, sizeof(*r), cmp_run);
    /* against @s's ids one by one: walk the fewer */
    if (s->count < ids ? pool_meets_runs(s, r, n) : runs_meet_table(s, r, n)) {
        free(r);
        return false;
    }
    merged = xcalloc(s->nruns + n, sizeof(*merged));
    part = xcalloc(s->nruns + n, sizeof(*part));
    while (a < s->nruns || b < n) {
        struct sr_idrun x;

        part[k] =
            !(b == n || (a < s->nruns && cmp_run(&s->runs[a], &r[b]) < 0));
        x = part[k] ? r[b++] : s->runs[a++];
        /* sorted by (family, lo): only the run before may meet it */
        if (k && merged[k - 1].fam == x.fam && merged[k - 1].hi >= x.lo) {
            free(part);
            free(merged);
            free(r);
            return false;
        }
        merged[k++] = x;
    }
    /* no clash: the part's runs get arrays of their own (@from keeps its
     * own; a later rollback frees these) and birth numbers from here */
    for (i = 0, b = 0; i < k; i++) {
        struct sr_idrun x = merged[i];

        if (!part[i])
            continue;
        run_copy(&merged[i], &x);
        merged[i].born = s->born + (uint32_t)b++;
    }
    free(part);
    free(r);
    free(s->runs);
    s->runs = merged;
    s->nruns = k;
    s->runcap = k;
    s->born += (uint32_t)n;
    return true;
}

bool sr_idset_adopt(struct sr_idset *s, struct sr_idset *from,
                    const uint32_t *fmap)
{
    struct sr_idset_mark m;
    const unsigned char *e;
    uint32_t open_born;
    size_t c = 0;
    size_t off = 0;
    size_t i;
    bool ok;

    /* @from's table is not needed, only its pool walked in order */
    free(from->slots);
    from->slots = NULL;
    from->cap = 0;
    sr_idset_mark(s, &m);
    open_born = m.open_born;
    ok = adopt_runs(s, from, fmap);
    if (ok) {
        /* the open run is where the merge put it; none is after it */
        s->open = 0;
        for (i = 0; open_born && i < s->nruns; i++)
            if (s->runs[i].born + 1 == open_born)
                s->open = i + 1;
        /* the table for all at once, so that it does not grow on the
         * way */
        if (from->count) {
            size_t cap = s->cap ? s->cap : 4096;

            while ((s->count + from->count + 1) * 2 > cap)
                cap *= 2;
            if (cap != s->cap)
                table_rebuild(s, cap);
        }
    }
    while (ok && (e = pool_next(from, &c, &off))) {
        struct sr_buf id = SR_BUF_INIT;
        uint32_t file;
        uint32_t line;
        uint32_t ff;
        uint32_t fl;

        id_decode(e, &id);
        entry_where(e, &file, &line);
        ok = sr_idset_add(s, id.buf, id.len, fmap[file], line, &ff, &fl) ==
             SR_IDSET_NEW;
        sr_buf_release(&id);
    }
    if (!ok) {
        sr_idset_rollback(s, &m);
        return false;
    }
    s->total = m.total + from->total;
    s->cand = false;
    return true;
}

/* ---- in byte order ------------------------------------------------------- */

/* An id of the table for sorting: its first 16 bytes as two big-endian
 * numbers (zero-padded: a shorter id sorts first, as in byte order), and
 * its entry in the pool for the rest. */
struct idrow {
    uint64_t k1;
    uint64_t k2;
    const unsigned char *entry;
};

static uint64_t be_key(const char *p, size_t n)
{
    uint64_t k = 0;
    size_t i;

    for (i = 0; i < 8; i++)
        k = k << 8 | (i < n ? (unsigned char)p[i] : 0);
    return k;
}

/* The byte order of the ids: by the keys, then (ids of more than 16
 * bytes) by the rest, decoded. */
static int cmp_rows(const void *a, const void *b)
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

/* one sorted stream of ids: the table's rows, or one family's runs */
struct stream {
    struct sr_buf id; /* the current id */
    uint32_t file;
    uint32_t line;
    bool live;
    /* runs [run, end) of one family, at number v of runs[run] */
    size_t run;
    size_t end;
    uint64_t v;
};

static int cmp_text(const struct sr_buf *a, const struct sr_buf *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->buf, b->buf, n);

    if (c)
        return c;
    return a->len < b->len ? -1 : a->len > b->len;
}

static void run_stream_load(const struct sr_idset *s, struct stream *st)
{
    const struct sr_idrun *r;

    st->live = st->run < st->end;
    if (!st->live)
        return;
    r = &s->runs[st->run];
    text_of(s->fams[r->fam].key, st->v, &st->id);
    st->file = r->file;
}

bool sr_idset_foreach_sorted(const struct sr_idset *s, sr_idset_fn fn,
                             void *ctx)
{
    struct idrow *rows = xcalloc(s->count ? s->count : 1, sizeof(*rows));
    struct stream *st = xcalloc(1 + s->nfams, sizeof(*st));
    size_t nst = 1;
    size_t n = 0;
    size_t next = 0;
    size_t i;
    bool ok = true;

    for (i = 0; i < s->cap; i++) {
        struct sr_buf id = SR_BUF_INIT;

        if (!s->slots[i])
            continue;
        rows[n].entry = entry_at(s, s->slots[i]);
        id_decode(rows[n].entry, &id);
        rows[n].k1 = be_key(id.buf, id.len);
        rows[n].k2 = id.len > 8 ? be_key(id.buf + 8, id.len - 8) : 0;
        sr_buf_release(&id);
        n++;
    }
    qsort(rows, n, sizeof(*rows), cmp_rows);
    /* stream 0: the table's rows; then one a family, its runs in order */
    for (i = 0; i < s->nruns; i = st[nst++].end) {
        st[nst].run = i;
        st[nst].end = i;
        while (st[nst].end < s->nruns &&
               s->runs[st[nst].end].fam == s->runs[i].fam)
            st[nst].end++;
        st[nst].v = s->runs[i].lo;
        st[nst].line = s->runs[i].line0;
        run_stream_load(s, &st[nst]);
    }
    for (;;) {
        struct stream *min = NULL;

        if (next < n && !st[0].live) {
            sr_buf_reset(&st[0].id);
            id_decode(rows[next].entry, &st[0].id);
            entry_where(rows[next].entry, &st[0].file, &st[0].line);
            st[0].live = true;
            next++;
        }
        for (i = 0; i < nst; i++)
            if (st[i].live && (!min || cmp_text(&st[i].id, &min->id) < 0))
                min = &st[i];
        if (!min)
            break;
        if (!fn(ctx, min->id.buf, min->id.len, min->file, min->line)) {
            ok = false;
            break;
        }
        if (min == &st[0]) {
            st[0].live = false;
            continue;
        }
        if (min->v < s->runs[min->run].hi) {
            const struct sr_idrun *r = &s->runs[min->run];

            min->line += r->gaps[min->v - r->lo];
            min->v++;
        } else if (++min->run < min->end) {
            min->v = s->runs[min->run].lo;
            min->line = s->runs[min->run].line0;
        }
        run_stream_load(s, min);
    }
    for (i = 0; i <= s->nfams; i++)
        sr_buf_release(&st[i].id);
    free(st);
    free(rows);
    return ok;
}

void sr_idset_release(struct sr_idset *s)
{
    size_t i;

    for (i = 0; i < s->nchunks; i++)
        free(s->chunks[i]);
    for (i = 0; i < s->nruns; i++)
        run_free(&s->runs[i]);
    free(s->chunks);
    free(s->fill);
    free(s->slots);
    free(s->fams);
    free(s->runs);
    memset(s, 0, sizeof(*s));
}
