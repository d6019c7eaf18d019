/* SPDX-License-Identifier: MIT */
/*
 * prev.c - the previous period's figures, read from an earlier stats.csv
 *
 * Input: a stats.csv path; output: a hash table from "group US value US
 * subject" to the index, mean and sd written there (struct sr_prev_fig).
 * The file is fed to libcsv one physical line at a time (getline), so the
 * line of every row is known for messages and memory stays at one line
 * plus the table.  libcsv is wrapped here only.
 */
#include "prev.h"
#include "../core/buf.h"
#include "../core/mem.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCELLS 6
#define SEP    '\x1f' /* between the parts of a key: not in UTF-8 text */

static const char *const header[NCELLS] = { "group",  "group_value", "subject",
                                            "metric", "value",       "n" };

struct entry {
    char *key; /* NULL: empty slot */
    uint64_t hash;
    struct sr_prev_fig fig;
};

struct sr_prev {
    struct entry *slots;
    size_t cap; /* power of two */
    size_t count;
};

/* The state of one read. */
struct reader {
    const char *path;
    struct sr_prev *p;
    struct sr_diag *d;
    struct sr_buf cell[NCELLS];
    size_t ncells; /* cells of the current row, all counted */
    long line;     /* physical line being fed */
    long row_line; /* line where the current row began */
    bool in_row;   /* some of the current row has been fed */
    long rows;     /* rows seen, the header included */
    bool failed;   /* d is set */
    struct sr_buf key;
};

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ULL;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static struct entry *find(const struct sr_prev *p, const char *key, uint64_t h)
{
    size_t mask = p->cap - 1;
    size_t i = (size_t)h & mask;

    while (p->slots[i].key &&
           (p->slots[i].hash != h || strcmp(p->slots[i].key, key)))
        i = (i + 1) & mask;
    return &p->slots[i];
}

static void grow(struct sr_prev *p)
{
    struct entry *old = p->slots;
    size_t oldcap = p->cap;
    size_t i;

    p->cap = oldcap ? oldcap * 2 : 256;
    p->slots = xcalloc(p->cap, sizeof(*p->slots));
    for (i = 0; i < oldcap; i++)
        if (old[i].key)
            *find(p, old[i].key, old[i].hash) = old[i];
    free(old);
}

static struct sr_prev_fig *fig_of(struct sr_prev *p, const char *key)
{
    uint64_t h = hash_bytes(key, strlen(key));
    struct entry *e;

    if ((p->count + 1) * 10 > p->cap * 7)
        grow(p);
    e = find(p, key, h);
    if (!e->key) {
        e->key = xstrdup(key);
        e->hash = h;
        p->count++;
    }
    return &e->fig;
}

static void make_key(struct sr_buf *b, const char *group, const char *value,
                     const char *subject)
{
    sr_buf_reset(b);
    sr_buf_addstr(b, group);
    sr_buf_addch(b, SEP);
    sr_buf_addstr(b, value);
    sr_buf_addch(b, SEP);
    sr_buf_addstr(b, subject);
}

const struct sr_prev_fig *sr_prev_find(const struct sr_prev *p,
                                       const char *group, const char *value,
                                       const char *subject)
{
    struct sr_buf key;
    const struct entry *e;

    if (!p || !p->count)
        return NULL;
    sr_buf_init(&key);
    make_key(&key, group, value ? value : "", subject);
    e = find(p, key.buf, hash_bytes(key.buf, key.len));
    sr_buf_release(&key);
    return e->key ? &e->fig : NULL;
}

void sr_prev_free(struct sr_prev *p)
{
    size_t i;

    if (!p)
        return;
    for (i = 0; i < p->cap; i++)
        free(p->slots[i].key);
    free(p->slots);
    free(p);
}

/* ---- reading ----------------------------------------------------------- */

static void fail(struct reader *r, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail(struct reader *r, long line, const char *fmt, ...)
{
    va_list ap;

    if (r->failed)
        return;
    r->failed = true;
    va_start(ap, fmt);
    sr_diag_setv(r->d, SR_ERR_CONFIG, r->path, line, fmt, ap);
    va_end(ap);
}

static void on_cell(void *s, size_t len, void *data)
{
    struct reader *r = data;

    if (r->ncells < NCELLS) {
        sr_buf_reset(&r->cell[r->ncells]);
        if (s && len)
            sr_buf_add(&r->cell[r->ncells], s, len);
    }
    r->ncells++;
}

/* the text of a cell without the ' that guards = + - @ */
static const char *unguard(const struct sr_buf *b)
{
    if (b->len >= 2 && b->buf[0] == '\'' && strchr("=+-@", b->buf[1]))
        return b->buf + 1;
    return b->buf;
}

static bool parse_double(const char *s, double *v)
{
    char *end;

    if (!*s)
        return false;
    errno = 0;
    *v = strtod(s, &end);
    return !*end && errno != ERANGE && isfinite(*v);
}

static bool parse_n(const char *s, long *n)
{
    char *end;
    long v;

    if (!*s) {
        *n = -1;
        return true;
    }
    if (*s < '0' || *s > '9')
        return false;
    errno = 0;
    v = strtol(s, &end, 10);
    if (*end || errno == ERANGE)
        return false;
    *n = v;
    return true;
}

static void check_header(struct reader *r)
{
    struct sr_buf got;
    size_t i;
    bool ok = r->ncells == NCELLS;

    for (i = 0; ok && i < NCELLS; i++)
        ok = !strcmp(r->cell[i].buf, header[i]);
    if (ok)
        return;
    sr_buf_init(&got);
    for (i = 0; i < r->ncells && i < NCELLS; i++) {
        if (i)
            sr_buf_addch(&got, ',');
        sr_buf_addstr(&got, r->cell[i].buf);
    }
    if (r->ncells > NCELLS)
        sr_buf_addstr(&got, ",...");
    fail(r, r->row_line,
         "not a stats.csv: header '%s', expected "
         "'group,group_value,subject,metric,value,n'",
         got.buf);
    sr_buf_release(&got);
}

static void take_row(struct reader *r)
{
    const char *group = unguard(&r->cell[0]);
    const char *value = unguard(&r->cell[1]);
    const char *subject = unguard(&r->cell[2]);
    const char *metric = unguard(&r->cell[3]);
    struct sr_prev_fig *f;
    double v;
    long n;

    if (r->ncells != NCELLS) {
        fail(r, r->row_line, "previous stats: row has %zu cells, expected 6",
             r->ncells);
        return;
    }
    if (!parse_double(r->cell[4].buf, &v)) {
        fail(r, r->row_line,
             "previous stats: value '%s' of '%s' is not a "
             "number",
             r->cell[4].buf, metric);
        return;
    }
    if (!parse_n(r->cell[5].buf, &n)) {
        fail(r, r->row_line, "previous stats: n '%s' of '%s' is not a count",
             r->cell[5].buf, metric);
        return;
    }
    if (strcmp(metric, "index") && strcmp(metric, "mean") &&
        strcmp(metric, "sd"))
        return;
    make_key(&r->key, group, value, subject);
    f = fig_of(r->p, r->key.buf);
    if (!strcmp(metric, "index")) {
        f->has_index = true;
        f->index = v;
        f->n_index = n;
    } else if (!strcmp(metric, "mean")) {
        f->has_mean = true;
        f->mean = v;
        f->n_mean = n;
    } else {
        f->has_sd = true;
        f->sd = v;
    }
}

static void on_row(int term, void *data)
{
    struct reader *r = data;

    (void)term;
    r->in_row = false;
    if (!r->failed) {
        if (r->rows == 0)
            check_header(r);
        else
            take_row(r);
    }
    r->rows++;
    r->ncells = 0;
}

static bool blank(const char *s, size_t n)
{
    return n == 0 || (n == 1 && s[0] == '\n') ||
           (n == 2 && s[0] == '\r' && s[1] == '\n');
}

static void read_lines(struct reader *r, FILE *fp, struct csv_parser *csv)
{
    char *line = NULL;
    size_t alloc = 0;
    ssize_t got;
    const char *s;
    size_t n;

    while (!r->failed) {
        errno = 0;
        got = getline(&line, &alloc, fp);
        if (got < 0)
            break;
        s = line;
        n = (size_t)got;
        r->line++;
        if (r->line == 1 && n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
            s += 3;
            n -= 3;
        }
        if (!r->in_row && !blank(s, n)) {
            r->in_row = true;
            r->row_line = r->line;
        }
        if (csv_parse(csv, s, n, on_cell, on_row, r) != n)
            fail(r, r->line, "previous stats: cannot parse: %s",
                 csv_strerror(csv_error(csv)));
    }
    if (!r->failed && ferror(fp))
        fail(r, r->line, "cannot read previous stats '%s': %s", r->path,
             strerror(errno ? errno : EIO));
    free(line);
}

enum sr_status sr_prev_load(struct sr_prev **out, const char *path,
                            struct sr_diag *d)
{
    struct reader r;
    struct csv_parser csv;
    FILE *fp;
    size_t i;

    *out = NULL;
    fp = fopen(path, "rb");
    if (!fp)
        return sr_diag_set(d, SR_ERR_CONFIG, path, 0,
                           "cannot open previous stats '%s': %s", path,
                           strerror(errno));
    memset(&r, 0, sizeof(r));
    r.path = path;
    r.d = d;
    r.p = xcalloc(1, sizeof(*r.p));
    grow(r.p);
    for (i = 0; i < NCELLS; i++)
        sr_buf_init(&r.cell[i]);
    sr_buf_init(&r.key);
    if (csv_init(&csv, CSV_APPEND_NULL) != 0) {
        fail(&r, 0, "cannot read previous stats '%s': out of memory", path);
    } else {
        read_lines(&r, fp, &csv);
        if (!r.failed)
            csv_fini(&csv, on_cell, on_row, &r);
        csv_free(&csv);
    }
    if (!r.failed && r.rows == 0)
        fail(&r, 0, "previous stats '%s' is empty, not a stats.csv", path);
    fclose(fp);
    for (i = 0; i < NCELLS; i++)
        sr_buf_release(&r.cell[i]);
    sr_buf_release(&r.key);
    if (r.failed) {
        sr_prev_free(r.p);
        return SR_ERR_CONFIG;
    }
    *out = r.p;
    return SR_OK;
}
