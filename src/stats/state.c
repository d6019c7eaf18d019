/* SPDX-License-Identifier: MIT */
/*
 * state.c - mergeable states: an accumulator written to and read from a file
 *
 * Input/output: the accumulators of struct sr_stats (stats_impl.h): the
 * cell of all, the cells of the comment categories, every segment value
 * with its cell, and the per-file counts.  Options (min_report, min_base)
 * and the previous period are not part of a state: they belong to the run
 * that merges.  A state is refused unless it was made for the same form
 * template (its SHA-256) and the same rules (derived fields and comment
 * categories: sr_stats_rules_id()).
 *
 * Format, version 2 (every integer little-endian, whatever the machine):
 *
 *   magic     8 bytes  "SRSTATE\0"
 *   version   u32      2
 *   template  32 bytes SHA-256 of the template file
 *   rules     32 bytes sr_stats_rules_id()
 *   size      u64      counters per cell
 *   nseg      u64      segment groups (template, then derived)
 *   ncat      u64      comment categories
 *   nfiles    u64      then per file: str name, i64 read, accepted,
 *                      refused, out_of_period (first-seen order)
 *   all       size x i64
 *   cat       ncat x size x i64
 *   per segment group: u64 count, then per value (byte order): str value,
 *                      size x i64
 *   per category: u32 examples (at most SR_STATS_EXAMPLES), then each str
 *   check     u64      FNV-1a 64 of every byte before it
 *
 * where str = u32 length + that many bytes (UTF-8, no NUL).  A load reads
 * the whole state into a scratch accumulator first, so a refused or
 * damaged state leaves the target unchanged.
 */
#include "stats_impl.h"
#include "../core/buf.h"
#include "../core/mem.h"
#include "../core/text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#define STATE_VERSION 2u
#define MAX_STR       (1u << 24) /* longer strings mean a damaged state */

static const unsigned char magic[8] = { 'S', 'R', 'S', 'T', 'A', 'T', 'E', 0 };

#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME  1099511628211ULL

void sr_stats_rules_id(const struct sr_stats_opts *o, unsigned char out[32])
{
    struct sr_buf b;
    unsigned int len = 0;
    size_t i;

    sr_buf_init(&b);
    sr_buf_addstr(&b, "satreport rules 1\n");
    for (i = 0; o->derived && i < o->nderived; i++)
        sr_buf_addf(&b, "derived\t%s\t%d\n", o->derived[i].id,
                    o->derived[i].segment ? 1 : 0);
    for (i = 0; o->categories && i < o->ncategories; i++)
        sr_buf_addf(&b, "category\t%s\t%d\n", o->categories[i].name,
                    o->categories[i].complaint ? 1 : 0);
    if (!EVP_Digest(b.buf, b.len, out, &len, EVP_sha256(), NULL) || len != 32) {
        /* no digest: fall back on FNV-1a, spread over the 32 bytes */
        uint64_t h = FNV_OFFSET;

        for (i = 0; i < b.len; i++) {
            h ^= (unsigned char)b.buf[i];
            h *= FNV_PRIME;
        }
        for (i = 0; i < 32; i++)
            out[i] = (unsigned char)(h >> (8 * (i % 8))) ^ (unsigned char)i;
    }
    sr_buf_release(&b);
}

/* ---- writing ----------------------------------------------------------- */

struct writer {
    FILE *fp;
    uint64_t check;
    int err; /* errno of the first failed write */
};

static void w_bytes(struct writer *w, const void *p, size_t n)
{
    const unsigned char *s = p;
    size_t i;

    for (i = 0; i < n; i++) {
        w->check ^= s[i];
        w->check *= FNV_PRIME;
    }
    if (fwrite(p, 1, n, w->fp) != n && w->err == 0)
        w->err = errno ? errno : EIO;
}

static void w_u64(struct writer *w, uint64_t v)
{
    unsigned char b[8];
    size_t i;

    for (i = 0; i < 8; i++)
        b[i] = (unsigned char)(v >> (8 * i));
    w_bytes(w, b, 8);
}

static void w_u32(struct writer *w, uint32_t v)
{
    unsigned char b[4];
    size_t i;

    for (i = 0; i < 4; i++)
        b[i] = (unsigned char)(v >> (8 * i));
    w_bytes(w, b, 4);
}

static void w_str(struct writer *w, const char *s)
{
    size_t n = strlen(s);

    w_u32(w, (uint32_t)n);
    w_bytes(w, s, n);
}

static void w_cell(struct writer *w, const int64_t *cell, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        w_u64(w, (uint64_t)cell[i]);
}

static int cmp_value(const void *pa, const void *pb)
{
    const struct sr_segval *const *a = pa;
    const struct sr_segval *const *b = pb;

    return strcmp((*a)->value, (*b)->value);
}

static void write_state(struct writer *w, const struct sr_stats *st)
{
    const struct sr_segval **vals;
    size_t s;
    size_t i;
    size_t k;
    size_t n;
    int c;

    w_bytes(w, magic, sizeof(magic));
    w_u32(w, STATE_VERSION);
    w_bytes(w, st->t->sha256, 32);
    w_bytes(w, st->rules_id, 32);
    w_u64(w, st->size);
    w_u64(w, st->nseg);
    w_u64(w, st->o.ncategories);
    w_u64(w, st->nfiles);
    for (i = 0; i < st->nfiles; i++) {
        w_str(w, st->files[i].file);
        for (c = 0; c < SR_NKINDS; c++)
            w_u64(w, (uint64_t)(int64_t)st->files[i].c[c]);
    }
    w_cell(w, st->all, st->size);
    w_cell(w, st->cat, st->o.ncategories * st->size);
    for (s = 0; s < st->nseg; s++) {
        const struct sr_segmap *sm = &st->seg[s];

        vals = xcalloc(sm->count ? sm->count : 1, sizeof(*vals));
        n = 0;
        for (k = 0; k < sm->cap; k++)
            if (sm->slots[k].value)
                vals[n++] = &sm->slots[k];
        qsort(vals, n, sizeof(*vals), cmp_value);
        w_u64(w, n);
        for (k = 0; k < n; k++) {
            w_str(w, vals[k]->value);
            w_cell(w, vals[k]->cell, st->size);
        }
        free(vals);
    }
    for (k = 0; k < st->o.ncategories; k++) {
        const char *const *ex = sr_stats_examples(st, k, &n);

        w_u32(w, (uint32_t)n);
        for (i = 0; i < n; i++)
            w_str(w, ex[i]);
    }
    w_u64(w, w->check);
}

enum sr_status sr_stats_save(const struct sr_stats *st, const char *path,
                             struct sr_diag *d)
{
    struct writer w = { NULL, FNV_OFFSET, 0 };
    struct sr_buf tmp;
    enum sr_status s = SR_OK;
    int err;

    sr_stats_fold(st);
    sr_buf_init(&tmp);
    sr_buf_addf(&tmp, "%s.tmp-%ld", path, (long)getpid());
    w.fp = fopen(tmp.buf, "wb");
    if (!w.fp) {
        s = sr_diag_set(d, SR_ERR_WRITE, path, 0,
                        "cannot create state '%s': %s", path, strerror(errno));
        goto out_release;
    }
    write_state(&w, st);
    err = sr_stream_close(w.fp, w.err);
    if (!err && rename(tmp.buf, path) != 0)
        err = errno;
    if (err) {
        remove(tmp.buf);
        s = sr_diag_set(d, SR_ERR_WRITE, path, 0, "cannot write state '%s': %s",
                        path, strerror(err));
    }
out_release:
    sr_buf_release(&tmp);
    return s;
}

/* ---- reading ----------------------------------------------------------- */

struct reader {
    FILE *fp;
    const char *path;
    struct sr_diag *d;
    uint64_t check;
    enum sr_status s; /* SR_OK until the first problem (set in d) */
    uint32_t version; /* of the state being read */
};

/* false, with the reason in r, when the file ends early */
static bool r_bytes(struct reader *r, void *p, size_t n)
{
    unsigned char *b = p;
    size_t i;

    if (r->s != SR_OK)
        return false;
    if (fread(p, 1, n, r->fp) != n) {
        if (ferror(r->fp))
            r->s = sr_diag_set(r->d, SR_ERR_IO, r->path, 0,
                               "cannot read state '%s': %s", r->path,
                               strerror(errno ? errno : EIO));
        else
            r->s = sr_diag_set(r->d, SR_ERR_PARSE, r->path, 0,
                               "state '%s' is truncated", r->path);
        return false;
    }
    for (i = 0; i < n; i++) {
        r->check ^= b[i];
        r->check *= FNV_PRIME;
    }
    return true;
}

static uint64_t r_u64(struct reader *r)
{
    unsigned char b[8];
    uint64_t v = 0;
    size_t i;

    if (!r_bytes(r, b, 8))
        return 0;
    for (i = 0; i < 8; i++)
        v |= (uint64_t)b[i] << (8 * i);
    return v;
}

static uint32_t r_u32(struct reader *r)
{
    unsigned char b[4];
    uint32_t v = 0;
    size_t i;

    if (!r_bytes(r, b, 4))
        return 0;
    for (i = 0; i < 4; i++)
        v |= (uint32_t)b[i] << (8 * i);
    return v;
}

static void damaged(struct reader *r, const char *what)
{
    if (r->s == SR_OK)
        r->s = sr_diag_set(r->d, SR_ERR_PARSE, r->path, 0,
                           "state '%s' is damaged: %s", r->path, what);
}

/* a string into @b; false on a problem */
static bool r_str(struct reader *r, struct sr_buf *b)
{
    uint32_t n = r_u32(r);

    sr_buf_reset(b);
    if (r->s != SR_OK)
        return false;
    if (n > MAX_STR) {
        damaged(r, "a string is too long");
        return false;
    }
    sr_buf_grow(b, n);
    if (!r_bytes(r, b->buf, n))
        return false;
    b->len = n;
    b->buf[n] = '\0';
    if (strlen(b->buf) != n) {
        damaged(r, "a string holds a NUL byte");
        return false;
    }
    return true;
}

static bool r_cell(struct reader *r, int64_t *cell, size_t n)
{
    size_t i;

    for (i = 0; i < n && r->s == SR_OK; i++)
        cell[i] = (int64_t)r_u64(r);
    return r->s == SR_OK;
}

static void hex8(char out[17], const unsigned char *h)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;

    for (i = 0; i < 8; i++) {
        out[2 * i] = digits[h[i] >> 4];
        out[2 * i + 1] = digits[h[i] & 15];
    }
    out[16] = '\0';
}

/* magic, version, template, rules and layout */
static void read_head(struct reader *r, const struct sr_stats *st)
{
    unsigned char m[8];
    unsigned char h[32];
    char a[17];
    char b[17];
    uint32_t version;
    uint64_t size;
    uint64_t nseg;
    uint64_t ncat;

    if (!r_bytes(r, m, sizeof(m)) || memcmp(m, magic, sizeof(m))) {
        if (r->s == SR_OK || r->s == SR_ERR_PARSE)
            r->s = sr_diag_set(r->d, SR_ERR_PARSE, r->path, 0,
                               "'%s' is not a satreport state", r->path);
        return;
    }
    version = r_u32(r);
    /* version 1 is version 2 without example comments */
    if (r->s == SR_OK && (version < 1 || version > STATE_VERSION)) {
        r->s = sr_diag_set(r->d, SR_ERR_PARSE, r->path, 0,
                           "state '%s' has format version %u; this "
                           "satreport reads versions 1 to %u",
                           r->path, (unsigned)version, STATE_VERSION);
        return;
    }
    r->version = version;
    if (!r_bytes(r, h, 32))
        return;
    if (memcmp(h, st->t->sha256, 32)) {
        hex8(a, h);
        hex8(b, st->t->sha256);
        r->s = sr_diag_set(r->d, SR_ERR_CONFIG, r->path, 0,
                           "state '%s' was made with another form template "
                           "(sha256 %s..., this template's %s...)",
                           r->path, a, b);
        return;
    }
    if (!r_bytes(r, h, 32))
        return;
    if (memcmp(h, st->rules_id, 32)) {
        r->s = sr_diag_set(r->d, SR_ERR_CONFIG, r->path, 0,
                           "state '%s' was made with other classification "
                           "rules (derived fields or comment categories "
                           "differ)",
                           r->path);
        return;
    }
    size = r_u64(r);
    nseg = r_u64(r);
    ncat = r_u64(r);
    if (r->s == SR_OK &&
        (size != st->size || nseg != st->nseg || ncat != st->o.ncategories))
        r->s = sr_diag_set(r->d, SR_ERR_CONFIG, r->path, 0,
                           "state '%s' does not fit this template and rules: "
                           "%llu counters, %llu segment groups, %llu "
                           "categories; expected %zu, %zu, %zu",
                           r->path, (unsigned long long)size,
                           (unsigned long long)nseg, (unsigned long long)ncat,
                           st->size, st->nseg, st->o.ncategories);
}

static void read_files(struct reader *r, struct sr_stats *tmp, struct sr_buf *b)
{
    struct sr_filecount *f;
    uint64_t n = r_u64(r);
    uint64_t i;
    int c;
    int64_t v;

    for (i = 0; i < n && r->s == SR_OK; i++) {
        if (!r_str(r, b))
            return;
        f = sr_stats_file(tmp, b->buf);
        for (c = 0; c < SR_NKINDS; c++) {
            v = (int64_t)r_u64(r);
            if (v < 0) {
                damaged(r, "a negative form count");
                return;
            }
            f->c[c] += (long)v;
        }
    }
}

static void read_segments(struct reader *r, struct sr_stats *tmp,
                          struct sr_buf *b)
{
    int64_t *cell;
    uint64_t n;
    uint64_t i;
    size_t s;

    for (s = 0; s < tmp->nseg && r->s == SR_OK; s++) {
        n = r_u64(r);
        for (i = 0; i < n && r->s == SR_OK; i++) {
            if (!r_str(r, b))
                return;
            if (!*b->buf) {
                damaged(r, "an empty segment value");
                return;
            }
            cell = sr_stats_seg_cell(tmp, s, b->buf);
            if (!cell) {
                damaged(r, "more segment values than a run keeps");
                return;
            }
            if (cell[tmp->off_forms] != 0) {
                damaged(r, "a segment value is repeated");
                return;
            }
            r_cell(r, cell, tmp->size);
        }
    }
}

static void read_examples(struct reader *r, struct sr_stats *tmp,
                          struct sr_buf *b)
{
    uint32_t n;
    uint32_t i;
    size_t k;

    for (k = 0; k < tmp->o.ncategories && r->s == SR_OK; k++) {
        n = r_u32(r);
        if (r->s == SR_OK && n > SR_STATS_EXAMPLES) {
            damaged(r, "too many example comments");
            return;
        }
        for (i = 0; i < n && r->s == SR_OK; i++) {
            if (!r_str(r, b))
                return;
            /* what a run keeps: cut at SR_STATS_EXAMPLE_MAX, then "…" */
            if (b->len > SR_STATS_EXAMPLE_MAX + 3 ||
                !sr_utf8_valid(b->buf, b->len, NULL)) {
                damaged(r, "an example comment is not one a run keeps");
                return;
            }
            sr_stats_add_example(tmp, k, b->buf);
        }
    }
}

enum sr_status sr_stats_load(struct sr_stats *st, const char *path,
                             struct sr_diag *d)
{
    struct reader r = { NULL, path, d, FNV_OFFSET, SR_OK, 0 };
    struct sr_stats *tmp = NULL;
    struct sr_buf b;
    uint64_t want;
    uint64_t got;
    unsigned char extra;

    sr_buf_init(&b);
    r.fp = fopen(path, "rb");
    if (!r.fp) {
        r.s = sr_diag_set(d, SR_ERR_IO, path, 0, "cannot open state '%s': %s",
                          path, strerror(errno));
        goto out;
    }
    read_head(&r, st);
    if (r.s != SR_OK)
        goto out_close;
    tmp = sr_stats_new(st->t, &st->o);
    read_files(&r, tmp, &b);
    r_cell(&r, tmp->all, tmp->size);
    r_cell(&r, tmp->cat, tmp->o.ncategories * tmp->size);
    read_segments(&r, tmp, &b);
    if (r.version >= 2)
        read_examples(&r, tmp, &b);
    want = r.check;
    got = r_u64(&r);
    if (r.s != SR_OK)
        goto out_close;
    if (got != want || fread(&extra, 1, 1, r.fp) != 0) {
        damaged(&r, "checksum mismatch");
        goto out_close;
    }
    sr_stats_merge(st, tmp);
out_close:
    fclose(r.fp);
out:
    sr_stats_free(tmp);
    sr_buf_release(&b);
    return r.s;
}
