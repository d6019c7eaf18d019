/* SPDX-License-Identifier: MIT */
/*
 * recspill.c - checked records held back in memory, then in a scratch file
 *
 * Input: struct sr_record, borrowed views the checker and classifier hand
 * out.  Output: the same records, replayed in order through a callback.
 * Owns a memory buffer of at most mem_max bytes of encoded records and,
 * once that is full, a scratch file (unlinked at once, so only the open
 * descriptor keeps it).
 *
 * A record is encoded as its length (u32), then line (i64), date (i32),
 * complaint (u8), categories (u64), a byte saying which arrays are there,
 * nderived (u32), the fields, scores, choices, comments and derived
 * values, and the customer archive's match when there is one.  A string is u32
 * 0 for NULL, else its length + 1 and its bytes with the NUL, so decoded
 * strings point into the read buffer.  Numbers are copied with memcpy: nothing
 * in the buffer is aligned.  The encoding never leaves the process, so it is in
 * host byte order.
 */
#include "recspill.h"

#include "buf.h"
#include "mem.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
    HAS_FIELDS = 1,
    HAS_SCORES = 2,
    HAS_CHOICES = 4,
    HAS_COMMENTS = 8,
    HAS_CUSTOMER = 16,
    HAS_OWN = 32
};

struct sr_recspill {
    const struct sr_template *t;
    char *dir;
    size_t mem_max;
    struct sr_buf mem; /* encoded records not yet in the file */
    size_t count;
    size_t in_file_bytes; /* encoded bytes in the file */
    FILE *fp;             /* the scratch file, or NULL */
    bool in_file;         /* fp holds records */

    /* the record being replayed */
    struct sr_buf rd;
    const char **fields;
    int32_t *scores;
    uint64_t *choices;
    const char **comments;
    const char **derived;
    size_t derived_cap;
    struct sr_customer_match customer;
    const char **own;
};

struct sr_recspill *sr_recspill_new(const struct sr_template *t,
                                    const char *dir, size_t mem_max)
{
    struct sr_recspill *sp = xcalloc(1, sizeof(*sp));
    const char *tmp = getenv("TMPDIR");

    sp->t = t;
    sp->dir = xstrdup(dir ? dir : tmp && *tmp ? tmp : "/tmp");
    sp->mem_max = mem_max ? mem_max : SR_RECSPILL_MEM;
    sr_buf_init(&sp->mem);
    sr_buf_init(&sp->rd);
    sp->fields = xcalloc(t->nfields + 1, sizeof(*sp->fields));
    sp->scores = xcalloc(t->nitems + 1, sizeof(*sp->scores));
    sp->choices = xcalloc(t->nchoices + 1, sizeof(*sp->choices));
    sp->comments = xcalloc(t->ncomments + 1, sizeof(*sp->comments));
    sp->own = xcalloc(t->nfields + 1, sizeof(*sp->own));
    return sp;
}

static void put(struct sr_buf *b, const void *p, size_t n)
{
    sr_buf_add(b, p, n);
}

static void put_u32(struct sr_buf *b, uint32_t v)
{
    put(b, &v, sizeof(v));
}

static void put_str(struct sr_buf *b, const char *s)
{
    size_t n;

    if (!s) {
        put_u32(b, 0);
        return;
    }
    n = strlen(s);
    put_u32(b, (uint32_t)(n + 1));
    put(b, s, n + 1);
}

/* Move the memory buffer to the scratch file. */
static enum sr_status flush_mem(struct sr_recspill *sp, struct sr_diag *d)
{
    if (!sp->fp) {
        struct sr_buf path = SR_BUF_INIT;
        int fd;

        sr_buf_addf(&path, "%s/.satreport-spill-XXXXXX", sp->dir);
        fd = mkstemp(path.buf);
        if (fd >= 0) {
            unlink(path.buf);
            sp->fp = fdopen(fd, "w+b");
            if (!sp->fp)
                close(fd);
        }
        sr_buf_release(&path);
        if (!sp->fp)
            return sr_diag_set(d, SR_ERR_WRITE, sp->dir, 0,
                               "cannot create a scratch file: %s",
                               strerror(errno));
    }
    if (fwrite(sp->mem.buf, 1, sp->mem.len, sp->fp) != sp->mem.len ||
        fflush(sp->fp) != 0)
        return sr_diag_set(d, SR_ERR_WRITE, sp->dir, 0,
                           "cannot write a scratch file: %s", strerror(errno));
    sp->in_file = true;
    sp->in_file_bytes += sp->mem.len;
    sr_buf_reset(&sp->mem);
    return SR_OK;
}

enum sr_status sr_recspill_add(struct sr_recspill *sp,
                               const struct sr_record *r, struct sr_diag *d)
{
    const struct sr_template *t = sp->t;
    struct sr_buf *b = &sp->mem;
    size_t start = b->len;
    int64_t line = r->raw ? (int64_t)r->raw->line : 0;
    int32_t date = r->date;
    uint8_t flags = 0;
    uint8_t complaint = r->complaint;
    uint64_t cats = r->categories;
    uint32_t nd = r->derived ? (uint32_t)r->nderived : 0;
    uint32_t len;
    size_t i;

    flags |= r->fields ? HAS_FIELDS : 0;
    flags |= r->scores ? HAS_SCORES : 0;
    flags |= r->choices ? HAS_CHOICES : 0;
    flags |= r->comments ? HAS_COMMENTS : 0;
    flags |= r->customer ? HAS_CUSTOMER : 0;
    flags |= r->customer && r->customer->own ? HAS_OWN : 0;
    put_u32(b, 0); /* the length, filled in below */
    put(b, &line, sizeof(line));
    put(b, &date, sizeof(date));
    put(b, &complaint, sizeof(complaint));
    put(b, &cats, sizeof(cats));
    put(b, &flags, sizeof(flags));
    put_u32(b, nd);
    for (i = 0; r->fields && i < t->nfields; i++)
        put_str(b, r->fields[i]);
    if (r->scores)
        put(b, r->scores, t->nitems * sizeof(*r->scores));
    if (r->choices)
        put(b, r->choices, t->nchoices * sizeof(*r->choices));
    for (i = 0; r->comments && i < t->ncomments; i++)
        put_str(b, r->comments[i]);
    for (i = 0; i < nd; i++)
        put_str(b, r->derived[i]);
    if (r->customer) {
        uint8_t known = r->customer->known;

        put(b, &known, sizeof(known));
        put_str(b, r->customer->manager);
        for (i = 0; r->customer->own && i < t->nfields; i++)
            put_str(b, r->customer->own[i]);
    }
    len = (uint32_t)(b->len - start - sizeof(len));
    memcpy(b->buf + start, &len, sizeof(len));
    sp->count++;
    if (b->len >= sp->mem_max)
        return flush_mem(sp, d);
    return SR_OK;
}

size_t sr_recspill_count(const struct sr_recspill *sp)
{
    return sp->count;
}

size_t sr_recspill_bytes(const struct sr_recspill *sp)
{
    return sp->in_file_bytes + sp->mem.len;
}

/* Reading an encoded record: p advances, end bounds it. */
struct cursor {
    const char *p;
    const char *end;
};

static void get(struct cursor *c, void *out, size_t n)
{
    memcpy(out, c->p, n);
    c->p += n;
}

static const char *get_str(struct cursor *c)
{
    uint32_t n;
    const char *s;

    get(c, &n, sizeof(n));
    if (!n)
        return NULL;
    s = c->p;
    c->p += n;
    return s;
}

/* Decode the record in p[0..n) and hand it to fn. */
static enum sr_status play(struct sr_recspill *sp, const char *p, size_t n,
                           const char *file, sr_recspill_fn *fn, void *ctx,
                           struct sr_diag *d)
{
    const struct sr_template *t = sp->t;
    struct cursor c = { p, p + n };
    struct sr_rawform raw = { .at = -1 };
    struct sr_record r;
    int64_t line;
    uint8_t flags;
    uint8_t complaint;
    uint32_t nd;
    size_t i;

    memset(&raw, 0, sizeof(raw));
    memset(&r, 0, sizeof(r));
    get(&c, &line, sizeof(line));
    get(&c, &r.date, sizeof(r.date));
    get(&c, &complaint, sizeof(complaint));
    get(&c, &r.categories, sizeof(r.categories));
    get(&c, &flags, sizeof(flags));
    get(&c, &nd, sizeof(nd));
    r.complaint = complaint != 0;
    if (flags & HAS_FIELDS) {
        for (i = 0; i < t->nfields; i++)
            sp->fields[i] = get_str(&c);
        r.fields = sp->fields;
    }
    if (flags & HAS_SCORES) {
        get(&c, sp->scores, t->nitems * sizeof(*sp->scores));
        r.scores = sp->scores;
    }
    if (flags & HAS_CHOICES) {
        get(&c, sp->choices, t->nchoices * sizeof(*sp->choices));
        r.choices = sp->choices;
    }
    if (flags & HAS_COMMENTS) {
        for (i = 0; i < t->ncomments; i++)
            sp->comments[i] = get_str(&c);
        r.comments = sp->comments;
    }
    if (nd) {
        if (nd > sp->derived_cap) {
            sp->derived = xreallocarray(sp->derived, nd, sizeof(*sp->derived));
            sp->derived_cap = nd;
        }
        for (i = 0; i < nd; i++)
            sp->derived[i] = get_str(&c);
        r.derived = sp->derived;
        r.nderived = nd;
    }
    if (flags & HAS_CUSTOMER) {
        uint8_t known;

        get(&c, &known, sizeof(known));
        sp->customer.known = known != 0;
        sp->customer.manager = get_str(&c);
        sp->customer.own = NULL;
        if (flags & HAS_OWN) {
            for (i = 0; i < t->nfields; i++)
                sp->own[i] = get_str(&c);
            sp->customer.own = sp->own;
        }
        r.customer = &sp->customer;
    }
    raw.file = file;
    raw.line = (long)line;
    r.raw = &raw;
    return fn(ctx, &r, d);
}

/* Replay the records in buffer b[0..len). */
static enum sr_status play_buf(struct sr_recspill *sp, const char *b,
                               size_t len, const char *file, sr_recspill_fn *fn,
                               void *ctx, struct sr_diag *d)
{
    size_t off = 0;
    enum sr_status s = SR_OK;

    while (s == SR_OK && off + sizeof(uint32_t) <= len) {
        uint32_t n;

        memcpy(&n, b + off, sizeof(n));
        off += sizeof(n);
        s = play(sp, b + off, n, file, fn, ctx, d);
        off += n;
    }
    return s;
}

/* Replay the records of the scratch file. */
static enum sr_status play_file(struct sr_recspill *sp, const char *file,
                                sr_recspill_fn *fn, void *ctx,
                                struct sr_diag *d)
{
    enum sr_status s = SR_OK;
    uint32_t n;

    if (fflush(sp->fp) != 0 || fseek(sp->fp, 0, SEEK_SET) != 0)
        return sr_diag_set(d, SR_ERR_IO, sp->dir, 0,
                           "cannot read back a scratch file: %s",
                           strerror(errno));
    while (s == SR_OK && fread(&n, sizeof(n), 1, sp->fp) == 1) {
        sr_buf_reset(&sp->rd);
        sr_buf_grow(&sp->rd, n);
        if (fread(sp->rd.buf, 1, n, sp->fp) != n)
            return sr_diag_set(d, SR_ERR_IO, sp->dir, 0,
                               "scratch file cut short");
        sp->rd.len = n;
        s = play(sp, sp->rd.buf, n, file, fn, ctx, d);
    }
    if (s == SR_OK && ferror(sp->fp))
        s = sr_diag_set(d, SR_ERR_IO, sp->dir, 0,
                        "cannot read back a scratch file: %s", strerror(errno));
    return s;
}

enum sr_status sr_recspill_each(struct sr_recspill *sp, const char *file,
                                sr_recspill_fn *fn, void *ctx,
                                struct sr_diag *d)
{
    enum sr_status s = SR_OK;

    if (sp->in_file) {
        s = play_file(sp, file, fn, ctx, d);
        /* further records are appended */
        if (fseek(sp->fp, 0, SEEK_END) != 0 && s == SR_OK)
            s = sr_diag_set(d, SR_ERR_IO, sp->dir, 0,
                            "cannot seek a scratch file: %s", strerror(errno));
    }
    if (s == SR_OK)
        s = play_buf(sp, sp->mem.buf, sp->mem.len, file, fn, ctx, d);
    return s;
}

enum sr_status sr_recspill_replay(struct sr_recspill *sp, const char *file,
                                  sr_recspill_fn *fn, void *ctx,
                                  struct sr_diag *d)
{
    enum sr_status s = sr_recspill_each(sp, file, fn, ctx, d);

    sr_recspill_reset(sp);
    return s;
}

void sr_recspill_reset(struct sr_recspill *sp)
{
    sr_buf_reset(&sp->mem);
    sp->count = 0;
    sp->in_file_bytes = 0;
    if (sp->in_file &&
        (fseek(sp->fp, 0, SEEK_SET) != 0 || ftruncate(fileno(sp->fp), 0))) {
        /* it cannot be emptied: the next spill makes a new one */
        fclose(sp->fp);
        sp->fp = NULL;
    }
    sp->in_file = false;
    /* keep a huge buffer from staying allocated after a big file */
    if (sp->rd.alloc > (1u << 20))
        sr_buf_release(&sp->rd);
}

void sr_recspill_free(struct sr_recspill *sp)
{
    if (!sp)
        return;
    if (sp->fp)
        fclose(sp->fp);
    sr_buf_release(&sp->mem);
    sr_buf_release(&sp->rd);
    free(sp->fields);
    free(sp->scores);
    free(sp->choices);
    free(sp->comments);
    free(sp->derived);
    free(sp->own);
    free(sp->dir);
    free(sp);
}
