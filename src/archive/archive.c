/* SPDX-License-Identifier: MIT */
/*
 * archive.c - read the customer archive (客户档案) and look customers up
 *
 * Input: the archive CSV ([input] customers) and the form template.
 * Output: struct sr_archive, read-only after the load: per customer its id
 * and the value index of each kept column (segment fields, account
 * manager).  Owns one pool of the ids, the per-customer arrays, one value
 * dictionary per column and the id table.  The row layer (read/csv.h)
 * does the CSV and the encodings; here are the columns, the refusal of
 * rows and the compact storage (archive.h says why and how much).
 */
#include "archive.h"

#include "../core/buf.h"
#include "../core/log.h"
#include "../core/mem.h"
#include "../core/regex.h"
#include "../core/text.h"
#include "../read/csv.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* value indices fit 16 bits up to this many distinct values */
#define SMALL_VALUES 65535u

/* The distinct values of a column: names and an open-addressing table of
 * name index + 1 (0 = empty slot). */
struct dict {
    char **names;
    uint32_t n;
    uint32_t alloc;
    uint32_t *slots;
    size_t cap; /* power of two, or 0 */
};

/*
 * A kept column.  Invariant: exactly one of v16, v32 is set; v16 while the
 * dictionary has fewer than SMALL_VALUES names.  Each holds a value per
 * customer: 0 empty, else name index + 1.
 */
struct acol {
    int field;      /* template field, or SR_ARCHIVE_MANAGER */
    const char *id; /* field id or SR_ARCHIVE_MANAGER_ID (borrowed) */
    char *header;   /* the archive's column name */
    size_t cell;    /* its cell in a row */
    const struct sr_regex *re; /* the field's pattern (in pats), or NULL */
    struct dict dict;
    uint16_t *v16;
    uint32_t *v32;
};

/*
 * Invariants: customers 0..n-1 have their id at pool + id_off[i] (NUL
 * terminated); table has cap slots (a power of two, at most 70% full),
 * each 0 or a customer number + 1; every id is in the table once.
 */
struct sr_archive {
    char *path;
    const struct sr_template *t; /* borrowed */

    char *pool;
    size_t pool_len;
    size_t pool_cap;
    uint32_t *id_off;
    size_t n;
    size_t alloc; /* per-customer arrays' capacity */
    uint32_t *table;
    size_t cap;

    struct acol *cols; /* segments in template order, then the manager */
    size_t ncols;
    size_t id_cell;
    const struct sr_regex *id_re;
    struct sr_regex **pats; /* compiled patterns, owned */
    size_t npats;

    char *unused; /* header names not used, joined by ", " */
    long rows;
    long refused;
    long duplicates;
    struct sr_buf notes; /* "line: reason\n" of the first refused rows */
    long nnotes;
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

/* --- value dictionaries ---------------------------------------------- */

static uint32_t *dict_slot(struct dict *dc, const char *s, uint64_t h)
{
    size_t mask = dc->cap - 1;
    size_t i = (size_t)h & mask;

    while (dc->slots[i] && strcmp(dc->names[dc->slots[i] - 1], s))
        i = (i + 1) & mask;
    return &dc->slots[i];
}

static void dict_grow(struct dict *dc)
{
    size_t cap = dc->cap ? 2 * dc->cap : 64;
    uint32_t *old = dc->slots;
    size_t oldcap = dc->cap;
    size_t i;

    dc->slots = xcalloc(cap, sizeof(*dc->slots));
    dc->cap = cap;
    for (i = 0; i < oldcap; i++)
        if (old[i])
            *dict_slot(dc, dc->names[old[i] - 1],
                       hash_str(dc->names[old[i] - 1])) = old[i];
    free(old);
}

/* The index of @s, added on first sight. */
static uint32_t dict_intern(struct dict *dc, const char *s)
{
    uint32_t *slot;

    if ((size_t)(dc->n + 1) * 10 > dc->cap * 7)
        dict_grow(dc);
    slot = dict_slot(dc, s, hash_str(s));
    if (*slot)
        return *slot - 1;
    if (dc->n == dc->alloc) {
        dc->alloc = dc->alloc ? 2 * dc->alloc : 16;
        dc->names = xreallocarray(dc->names, dc->alloc, sizeof(*dc->names));
    }
    dc->names[dc->n] = xstrdup(s);
    *slot = ++dc->n;
    return dc->n - 1;
}

static void dict_release(struct dict *dc)
{
    uint32_t i;

    for (i = 0; i < dc->n; i++)
        free(dc->names[i]);
    free(dc->names);
    free(dc->slots);
}

/* --- the customer table ----------------------------------------------- */

static uint32_t *table_slot(const struct sr_archive *a, const char *id,
                            uint64_t h)
{
    size_t mask = a->cap - 1;
    size_t i = (size_t)h & mask;

    while (a->table[i] && strcmp(a->pool + a->id_off[a->table[i] - 1], id))
        i = (i + 1) & mask;
    return &a->table[i];
}

static void table_grow(struct sr_archive *a)
{
    size_t cap = a->cap ? 2 * a->cap : 1024;
    uint32_t *old = a->table;
    size_t oldcap = a->cap;
    size_t i;

    a->table = xcalloc(cap, sizeof(*a->table));
    a->cap = cap;
    for (i = 0; i < oldcap; i++)
        if (old[i]) {
            const char *id = a->pool + a->id_off[old[i] - 1];

            *table_slot(a, id, hash_str(id)) = old[i];
        }
    free(old);
}

/* Room for one more customer in the per-customer arrays. */
static void reserve_customer(struct sr_archive *a)
{
    size_t k;

    if (a->n < a->alloc)
        return;
    a->alloc = a->alloc ? 2 * a->alloc : 1024;
    a->id_off = xreallocarray(a->id_off, a->alloc, sizeof(*a->id_off));
    for (k = 0; k < a->ncols; k++) {
        struct acol *c = &a->cols[k];

        if (c->v16)
            c->v16 = xreallocarray(c->v16, a->alloc, sizeof(*c->v16));
        else
            c->v32 = xreallocarray(c->v32, a->alloc, sizeof(*c->v32));
    }
}

/* Past SMALL_VALUES - 1 names a column's indices need 32 bits. */
static void widen(struct sr_archive *a, struct acol *c)
{
    size_t i;

    c->v32 = xcalloc(a->alloc, sizeof(*c->v32));
    for (i = 0; i < a->n; i++)
        c->v32[i] = c->v16[i];
    free(c->v16);
    c->v16 = NULL;
}

static void set_value(struct sr_archive *a, struct acol *c, size_t i,
                      uint32_t v)
{
    if (c->v16 && v >= SMALL_VALUES)
        widen(a, c);
    if (c->v16)
        c->v16[i] = (uint16_t)v;
    else
        c->v32[i] = v;
}

/* --- loading -------------------------------------------------------- */

struct load {
    struct sr_archive *a;
    struct sr_csv_rows *rows;
    struct sr_diag *d;
    char **head; /* trimmed header names */
    size_t nhead;
    bool *used; /* per header cell */
    struct sr_buf norm;
    struct sr_buf why;
    char **vals; /* normalised values of the kept columns, this row */
};

/* A copy of a header cell without surrounding white space and BOMs. */
static char *trim_name(const char *s, size_t n)
{
    bool again = true;

    while (again) {
        again = false;
        while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
            s++;
            n--;
        }
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
                     s[n - 1] == '\n'))
            n--;
        if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
            s += 3;
            n -= 3;
            again = true;
        }
    }
    return xstrndup(s, n);
}

/* The header cell named @name, or -1; two cells of that name are an error
 * (-2, with @d set). */
static long find_head(struct load *L, const char *name, long line)
{
    long at = -1;
    size_t i;

    for (i = 0; i < L->nhead; i++) {
        if (strcmp(L->head[i], name))
            continue;
        if (at >= 0) {
            sr_diag_set(L->d, SR_ERR_PARSE, L->a->path, line,
                        "duplicate column '%s' in the customer archive", name);
            return -2;
        }
        at = (long)i;
    }
    return at;
}

/* The <archive> name of @field, or NULL. */
static const char *mapped_name(const struct sr_template *t, const char *field)
{
    size_t i;

    for (i = 0; i < t->narchive; i++)
        if (!strcmp(t->archive[i].field, field))
            return t->archive[i].name;
    return NULL;
}

/*
 * The header cell of @field (id, label: the names tried in order, @alt may
 * be NULL), or -1 when the archive has none.  A name that <archive> gives
 * must be there: -2 with @d set, as for a duplicate column.
 */
static long column_of(struct load *L, const char *field, const char *alt,
                      long line)
{
    const struct sr_template *t = L->a->t;
    const char *mapped = mapped_name(t, field);
    long at;

    if (mapped) {
        at = find_head(L, mapped, line);
        if (at == -1) {
            sr_diag_set(L->d, SR_ERR_PARSE, L->a->path, line,
                        "no column '%s' in the customer archive (the form "
                        "template's <archive> names it for '%s')",
                        mapped, field);
            return -2;
        }
        return at;
    }
    at = find_head(L, field, line);
    if (at == -1 && alt && strcmp(alt, field))
        at = find_head(L, alt, line);
    return at;
}

static void add_column(struct sr_archive *a, int field, const char *id,
                       const char *header, size_t cell)
{
    struct acol *c;

    a->cols = xreallocarray(a->cols, a->ncols + 1, sizeof(*a->cols));
    c = &a->cols[a->ncols++];
    memset(c, 0, sizeof(*c));
    c->field = field;
    c->id = id;
    c->header = xstrdup(header);
    c->cell = cell;
    c->v16 = xcalloc(1, sizeof(*c->v16)); /* sized by reserve_customer() */
}

static enum sr_status compile_pattern(struct sr_archive *a,
                                      const struct sr_field *f,
                                      const struct sr_regex **out,
                                      struct sr_diag *d)
{
    struct sr_regex *re;

    *out = NULL;
    if (!f->pattern)
        return SR_OK;
    if (sr_regex_compile(&re, f->pattern, d) != SR_OK)
        return sr_diag_set(d, SR_ERR_CONFIG, a->t->path, f->line,
                           "field '%s': %s", f->id, d->msg);
    a->pats = xreallocarray(a->pats, a->npats + 1, sizeof(*a->pats));
    a->pats[a->npats++] = re;
    *out = re;
    return SR_OK;
}

/* Map the header to the id, the segment fields and the manager. */
static enum sr_status read_header(struct load *L, const struct sr_csv_row *row)
{
    struct sr_archive *a = L->a;
    const struct sr_template *t = a->t;
    const struct sr_field *idf = &t->fields[t->customer_id_field];
    struct sr_buf b = SR_BUF_INIT;
    enum sr_status s = SR_OK;
    long at;
    size_t i;

    if (row->problem != SR_CSV_ROW_OK) {
        sr_csv_row_problem(L->rows, row, NULL, &L->why);
        return sr_diag_set(L->d, SR_ERR_PARSE, a->path, row->line,
                           "unusable header of the customer archive: %s",
                           L->why.buf);
    }
    L->nhead = row->ncells;
    L->head = xcalloc(L->nhead ? L->nhead : 1, sizeof(*L->head));
    L->used = xcalloc(L->nhead ? L->nhead : 1, sizeof(*L->used));
    for (i = 0; i < L->nhead; i++)
        L->head[i] = trim_name(row->cells[i], row->lens[i]);

    at = column_of(L, idf->id, idf->label, row->line);
    if (at == -2)
        return L->d->code;
    if (at < 0) {
        const char *m = mapped_name(t, idf->id);

        return sr_diag_set(L->d, SR_ERR_PARSE, a->path, row->line,
                           "no customer id column in the customer archive: "
                           "none of its %zu columns is named '%s'%s%s%s",
                           L->nhead, m ? m : idf->id,
                           !m && strcmp(idf->label, idf->id) ? " or '" : "",
                           !m && strcmp(idf->label, idf->id) ? idf->label : "",
                           !m && strcmp(idf->label, idf->id) ? "'" : "");
    }
    a->id_cell = (size_t)at;
    L->used[at] = true;
    s = compile_pattern(a, idf, &a->id_re, L->d);

    for (i = 0; s == SR_OK && i < t->nsegments; i++) {
        const struct sr_field *f = &t->fields[t->segments[i]];

        at = column_of(L, f->id, f->label, row->line);
        if (at == -2)
            return L->d->code;
        if (at < 0)
            continue;
        if (L->used[at])
            return sr_diag_set(L->d, SR_ERR_PARSE, a->path, row->line,
                               "column '%s' of the customer archive is "
                               "taken for two fields",
                               L->head[at]);
        L->used[at] = true;
        add_column(a, (int)t->segments[i], f->id, L->head[at], (size_t)at);
        s = compile_pattern(a, f, &a->cols[a->ncols - 1].re, L->d);
    }
    if (s != SR_OK)
        return s;
    at = column_of(L, SR_ARCHIVE_MANAGER_ID, "客户经理", row->line);
    if (at == -2)
        return L->d->code;
    if (at >= 0 && L->used[at])
        return sr_diag_set(L->d, SR_ERR_PARSE, a->path, row->line,
                           "column '%s' of the customer archive is taken "
                           "for two fields",
                           L->head[at]);
    if (at >= 0) {
        L->used[at] = true;
        add_column(a, SR_ARCHIVE_MANAGER, SR_ARCHIVE_MANAGER_ID, L->head[at],
                   (size_t)at);
    }
    for (i = 0; i < L->nhead; i++) {
        if (L->used[i])
            continue;
        if (b.len)
            sr_buf_addstr(&b, ", ");
        if (L->head[i][0])
            sr_buf_addf(&b, "'%s'", L->head[i]);
        else
            sr_buf_addf(&b, "unnamed column %zu", i + 1);
    }
    a->unused = sr_buf_detach(&b);
    L->vals = xcalloc(a->ncols ? a->ncols : 1, sizeof(*L->vals));
    return SR_OK;
}

static void refuse(struct load *L, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void refuse(struct load *L, long line, const char *fmt, ...)
{
    struct sr_archive *a = L->a;
    va_list ap;

    a->refused++;
    if (a->nnotes >= SR_ARCHIVE_MAX_NOTES)
        return;
    a->nnotes++;
    sr_buf_addf(&a->notes, "%s:%ld: ", a->path, line);
    va_start(ap, fmt);
    sr_buf_vaddf(&a->notes, fmt, ap);
    va_end(ap);
    sr_buf_addch(&a->notes, '\n');
}

/* The normalised cell @i of @row, in a new string. */
static char *cell(struct load *L, const struct sr_csv_row *row, size_t i)
{
    if (i >= row->ncells)
        return xstrdup("");
    sr_text_normalize(&L->norm, row->cells[i]);
    return xstrdup(L->norm.buf);
}

static bool matches(const struct sr_regex *re, const char *v)
{
    return !re || sr_regex_match(re, v, strlen(v), NULL) == 1;
}

static enum sr_status add_row(struct load *L, const struct sr_csv_row *row)
{
    struct sr_archive *a = L->a;
    const struct sr_template *t = a->t;
    char *id = NULL;
    uint32_t *slot;
    size_t len;
    size_t k;
    enum sr_status s = SR_OK;

    a->rows++;
    if (row->problem != SR_CSV_ROW_OK) {
        sr_buf_reset(&L->why);
        sr_csv_row_problem(
            L->rows, row,
            row->problem_cell < L->nhead ? L->head[row->problem_cell] : NULL,
            &L->why);
        refuse(L, row->line, "%s", L->why.buf);
        return SR_OK;
    }
    if (row->ntotal != L->nhead) {
        refuse(L, row->line, "row has %zu cells, header has %zu", row->ntotal,
               L->nhead);
        return SR_OK;
    }
    id = cell(L, row, a->id_cell);
    for (k = 0; k < a->ncols; k++)
        L->vals[k] = cell(L, row, a->cols[k].cell);
    if (!*id) {
        refuse(L, row->line, "empty customer id");
        goto out;
    }
    if (!matches(a->id_re, id)) {
        refuse(L, row->line, "customer id '%s' does not match pattern '%s'", id,
               t->fields[t->customer_id_field].pattern);
        goto out;
    }
    for (k = 0; k < a->ncols; k++) {
        if (*L->vals[k] && !matches(a->cols[k].re, L->vals[k])) {
            refuse(L, row->line,
                   "value '%s' of '%s' does not match pattern "
                   "'%s'",
                   L->vals[k], a->cols[k].header,
                   t->fields[a->cols[k].field].pattern);
            goto out;
        }
    }
    if ((size_t)(a->n + 1) * 10 > a->cap * 7)
        table_grow(a);
    slot = table_slot(a, id, hash_str(id));
    if (*slot) {
        a->duplicates++;
        refuse(L, row->line,
               "duplicate customer id '%s' (an earlier row has it and is "
               "kept)",
               id);
        goto out;
    }
    if (a->n >= SR_ARCHIVE_MAX_CUSTOMERS) {
        s = sr_diag_set(L->d, SR_ERR_LIMIT, a->path, row->line,
                        "more than %u customers in the customer archive",
                        SR_ARCHIVE_MAX_CUSTOMERS);
        goto out;
    }
    len = strlen(id) + 1;
    if (a->pool_len + len > UINT32_MAX) {
        s = sr_diag_set(L->d, SR_ERR_LIMIT, a->path, row->line,
                        "more than 4 GiB of customer ids in the customer "
                        "archive");
        goto out;
    }
    if (a->pool_len + len > a->pool_cap) {
        while (a->pool_len + len > a->pool_cap)
            a->pool_cap = a->pool_cap ? 2 * a->pool_cap : 65536;
        a->pool = xrealloc(a->pool, a->pool_cap);
    }
    reserve_customer(a);
    memcpy(a->pool + a->pool_len, id, len);
    a->id_off[a->n] = (uint32_t)a->pool_len;
    a->pool_len += len;
    for (k = 0; k < a->ncols; k++)
        set_value(a, &a->cols[k], a->n,
                  *L->vals[k] ? dict_intern(&a->cols[k].dict, L->vals[k]) + 1
                              : 0);
    *slot = (uint32_t)++a->n;
out:
    free(id);
    for (k = 0; k < a->ncols; k++) {
        free(L->vals[k]);
        L->vals[k] = NULL;
    }
    return s;
}

/* Give back what the doubling left unused. */
static void shrink(struct sr_archive *a)
{
    size_t n = a->n ? a->n : 1;
    size_t k;

    a->pool = xrealloc(a->pool, a->pool_len ? a->pool_len : 1);
    a->pool_cap = a->pool_len;
    a->id_off = xreallocarray(a->id_off, n, sizeof(*a->id_off));
    for (k = 0; k < a->ncols; k++) {
        struct acol *c = &a->cols[k];

        if (c->v16)
            c->v16 = xreallocarray(c->v16, n, sizeof(*c->v16));
        else
            c->v32 = xreallocarray(c->v32, n, sizeof(*c->v32));
    }
    a->alloc = n;
}

enum sr_status sr_archive_load(struct sr_archive **out, const char *path,
                               const struct sr_template *t,
                               enum sr_encoding enc, struct sr_diag *d)
{
    struct sr_csv_opts co;
    struct sr_archive *a;
    struct sr_csv_row row;
    struct load L;
    enum sr_status s;
    size_t i;

    *out = NULL;
    a = xcalloc(1, sizeof(*a));
    a->path = xstrdup(path);
    a->t = t;
    sr_buf_init(&a->notes);
    memset(&L, 0, sizeof(L));
    L.a = a;
    L.d = d;
    sr_buf_init(&L.norm);
    sr_buf_init(&L.why);
    if (t->customer_id_field < 0) {
        s = sr_diag_set(d, SR_ERR_CONFIG, t->path, 0,
                        "form template '%s' has no field with role "
                        "'customer-id' to join the customer archive on",
                        t->id ? t->id : "");
        goto out_free;
    }
    memset(&co, 0, sizeof(co));
    co.encoding = enc;
    s = sr_csv_rows_open(&L.rows, path, &co, d);
    if (s != SR_OK)
        goto out_free;
    s = sr_csv_rows_next(L.rows, &row, d);
    if (s == SR_DONE) {
        s = sr_diag_set(d, SR_ERR_PARSE, path, 0,
                        "the customer archive is empty (no header row)");
        goto out_free;
    }
    if (s == SR_ERR_PARSE && sr_csv_rows_utf16(L.rows))
        sr_diag_set(d, s, path, 0,
                    "UTF-16 is not supported for the customer archive; save "
                    "it as UTF-8 or GBK CSV");
    if (s == SR_OK)
        s = read_header(&L, &row);
    if (s != SR_OK)
        goto out_free;
    reserve_customer(a);
    while ((s = sr_csv_rows_next(L.rows, &row, d)) == SR_OK) {
        s = add_row(&L, &row);
        if (s != SR_OK)
            goto out_free;
    }
    if (s != SR_DONE) {
        if (s == SR_ERR_LIBRARY || s == SR_ERR_IO)
            d->code = s;
        else
            s = d->code = SR_ERR_PARSE;
        goto out_free;
    }
    if (!a->n) {
        /* say why the first row was refused */
        const char *nl = strchr(a->notes.buf, '\n');

        s = sr_diag_set(d, SR_ERR_PARSE, path, 0,
                        "the customer archive holds no usable customer row "
                        "(%ld rows, %ld refused%s%.*s)",
                        a->rows, a->refused, nl ? "; first: " : "",
                        (int)(nl ? nl - a->notes.buf : 0), a->notes.buf);
        goto out_free;
    }
    shrink(a);
    *out = a;
    a = NULL;
    s = SR_OK;

out_free:
    sr_csv_rows_free(L.rows);
    for (i = 0; i < L.nhead; i++)
        free(L.head[i]);
    free(L.head);
    free(L.used);
    free(L.vals);
    sr_buf_release(&L.norm);
    sr_buf_release(&L.why);
    sr_archive_free(a);
    return s;
}

void sr_archive_free(struct sr_archive *a)
{
    size_t k;

    if (!a)
        return;
    for (k = 0; k < a->ncols; k++) {
        free(a->cols[k].header);
        dict_release(&a->cols[k].dict);
        free(a->cols[k].v16);
        free(a->cols[k].v32);
    }
    free(a->cols);
    for (k = 0; k < a->npats; k++)
        sr_regex_free(a->pats[k]);
    free(a->pats);
    free(a->pool);
    free(a->id_off);
    free(a->table);
    free(a->unused);
    sr_buf_release(&a->notes);
    free(a->path);
    free(a);
}

/* --- lookups ---------------------------------------------------------- */

const char *sr_archive_path(const struct sr_archive *a)
{
    return a->path;
}

size_t sr_archive_count(const struct sr_archive *a)
{
    return a->n;
}

bool sr_archive_find(const struct sr_archive *a, const char *id, size_t *index)
{
    uint32_t v;

    if (!id || !*id || !a->cap)
        return false;
    v = *table_slot(a, id, hash_str(id));
    if (!v)
        return false;
    *index = v - 1;
    return true;
}

const char *sr_archive_id(const struct sr_archive *a, size_t i)
{
    assert(i < a->n);
    return a->pool + a->id_off[i];
}

size_t sr_archive_ncolumns(const struct sr_archive *a)
{
    return a->ncols;
}

int sr_archive_column_field(const struct sr_archive *a, size_t k)
{
    return a->cols[k].field;
}

const char *sr_archive_column_id(const struct sr_archive *a, size_t k)
{
    return a->cols[k].id;
}

const char *sr_archive_column_header(const struct sr_archive *a, size_t k)
{
    return a->cols[k].header;
}

int sr_archive_field_column(const struct sr_archive *a, size_t field)
{
    size_t k;

    for (k = 0; k < a->ncols; k++)
        if (a->cols[k].field == (int)field)
            return (int)k;
    return -1;
}

int sr_archive_manager_column(const struct sr_archive *a)
{
    size_t k;

    for (k = 0; k < a->ncols; k++)
        if (a->cols[k].field == SR_ARCHIVE_MANAGER)
            return (int)k;
    return -1;
}

size_t sr_archive_nvalues(const struct sr_archive *a, size_t k)
{
    return a->cols[k].dict.n;
}

const char *sr_archive_value_name(const struct sr_archive *a, size_t k,
                                  size_t v)
{
    assert(v < a->cols[k].dict.n);
    return a->cols[k].dict.names[v];
}

uint32_t sr_archive_value(const struct sr_archive *a, size_t k, size_t i)
{
    const struct acol *c = &a->cols[k];

    assert(i < a->n);
    return c->v16 ? c->v16[i] : c->v32[i];
}

const char *sr_archive_value_text(const struct sr_archive *a, size_t k,
                                  size_t i)
{
    uint32_t v = sr_archive_value(a, k, i);

    return v ? a->cols[k].dict.names[v - 1] : NULL;
}

void sr_archive_counts(const struct sr_archive *a,
                       struct sr_archive_counts *out)
{
    out->rows = a->rows;
    out->refused = a->refused;
    out->duplicates = a->duplicates;
}

static uint64_t fnv_add(uint64_t h, const char *s)
{
    do {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    } while (*s++);
    return h;
}

void sr_archive_fingerprint(const struct sr_archive *a, char hex[17])
{
    uint64_t h = 14695981039346656037ULL;
    size_t i;
    size_t k;

    for (k = 0; k < a->ncols; k++)
        h = fnv_add(h, a->cols[k].id);
    for (i = 0; i < a->n; i++) {
        h = fnv_add(h, a->pool + a->id_off[i]);
        for (k = 0; k < a->ncols; k++) {
            const char *v = sr_archive_value_text(a, k, i);

            h = fnv_add(h, v ? v : "");
        }
    }
    snprintf(hex, 17, "%016llx", (unsigned long long)h);
}

size_t sr_archive_memory(const struct sr_archive *a)
{
    size_t bytes = sizeof(*a) + a->pool_cap + a->alloc * sizeof(*a->id_off) +
                   a->cap * sizeof(*a->table);
    size_t k;
    uint32_t v;

    for (k = 0; k < a->ncols; k++) {
        const struct acol *c = &a->cols[k];

        bytes += a->alloc * (c->v16 ? sizeof(*c->v16) : sizeof(*c->v32));
        bytes += c->dict.cap * sizeof(*c->dict.slots) +
                 c->dict.alloc * sizeof(*c->dict.names);
        for (v = 0; v < c->dict.n; v++)
            bytes += strlen(c->dict.names[v]) + 1;
    }
    return bytes;
}

void sr_archive_log(const struct sr_archive *a)
{
    const char *p;
    size_t k;

    sr_log_info("customer archive %s: %zu customers (%ld rows, %ld refused, "
                "of them %ld duplicate customer ids); %.1f MB in memory",
                a->path, a->n, a->rows, a->refused, a->duplicates,
                (double)sr_archive_memory(a) / 1048576.0);
    for (k = 0; k < a->ncols; k++)
        sr_log_info("customer archive: column '%s' gives %s (%zu values)",
                    a->cols[k].header, a->cols[k].id,
                    (size_t)a->cols[k].dict.n);
    if (sr_archive_manager_column(a) < 0)
        sr_log_warn("customer archive %s: no account manager column "
                    "('account_manager' or '客户经理'): no response rates "
                    "or follow-up list per account manager",
                    a->path);
    if (a->unused && *a->unused)
        sr_log_info("customer archive: columns not used: %s", a->unused);
    for (p = a->notes.buf; *p;) {
        const char *nl = strchr(p, '\n');

        sr_log_warn("customer archive row refused: %.*s", (int)(nl - p), p);
        p = nl + 1;
    }
    if (a->refused > a->nnotes)
        sr_log_warn("customer archive %s: %ld more rows refused (not listed)",
                    a->path, a->refused - a->nnotes);
}
