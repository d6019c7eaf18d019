/* SPDX-License-Identifier: MIT */
/*
 * csv.c - CSV input: the generic row layer and the native CSV form reader
 *
 * Input: a CSV file (FORMATS.md §2.2) in UTF-8 or GB18030.  Output: rows
 * (sr_csv_rows_*, csv.h) and, on top of them, raw forms whose header row
 * names template slots (sr_csvr_*, reader.h).  Owns the file handle, one
 * libcsv parser and one row of storage per reader; nothing grows with the
 * number of rows.
 *
 * libcsv does the RFC 4180 work.  It is fed one physical line at a time
 * (at most SLICE bytes), so that the line where each row starts and where
 * an open quote began are known without a second parser: a row can only
 * end at the end of a line, so one csv_parse() call ends at most one row.
 * A whole line that starts a row and holds no quote is split at its commas
 * here instead (split_line(), same result, several times faster): that is
 * most lines of survey data, and reading is on the hot path of a run.
 *
 * <csv.h> is libcsv's header; "csv.h" is ours (this directory).
 */
#include "csv.h"

#include "encoding.h"
#include "reader.h"
#include "../core/log.h"
#include "../core/mem.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* bytes kept readable after the text's NUL (stops_load()) */
#define TEXT_PAD 64

/* The most bytes given to csv_parse() at once: bounds how far libcsv's
 * field buffer can run past SR_CSV_MAX_FIELD before it is cut. */
#define SLICE 65536
/* libcsv grows its field buffer by this much at a time. */
#define CSV_BLOCK 16384

/*
 * Invariants: text.buf[tpos..text.len) is decoded text not yet parsed;
 * line is the physical line of text.buf[tpos]; in_row is true between the
 * first byte of a row that libcsv sees as content and the end of that row,
 * and row_line is then the row's first line; cells/offs/lens have cap
 * entries and describe the ncells cells of the row in data.
 */
struct sr_csv_rows {
    char *path;
    FILE *fp;
    char *raw;    /* one chunk of file bytes */
    size_t chunk; /* its size */
    struct sr_decoder *dec;
    struct sr_buf text;
    size_t tpos;
    bool eof;      /* the file is read and the decoder finished */
    bool finished; /* csv_fini() ran */
    enum sr_status failed;
    struct sr_diag fail_diag; /* the failure, repeated by later calls */
    struct csv_parser csv;
    long long bytes; /* of the file read so far (from where reading began) */

    long line;
    long last_line;  /* line of the last byte fed that is not a line end */
    bool pending_cr; /* the text fed so far ends with CR */
    bool in_row;
    long row_line;
    long quote_line;       /* where the open quoted field began */
    unsigned long nfields; /* fields libcsv handed out so far */
    bool long_pending;     /* the field being parsed was cut */
    /* Text checks (see check_text()): fields are checked only when bytes
     * of a chunk that is not clean UTF-8 may be in them. */
    bool chunk_dirty; /* text holds a bad byte or a NUL */
    bool piece_dirty; /* the piece being parsed comes from such text */
    bool open_dirty;  /* the open field may hold bytes of such text */
    bool cut_tail;    /* the last chunk ended inside a character */
    bool head_dirty;  /* text begins with the rest of such a character */
    char sep;         /* the cell separator */
    /* fast_row(): the bytes that end a plain field (separator, quote, CR,
     * LF, NUL), and those trimmed around a field */
    bool stop[256];
    bool blank[256];

    /* the row being built */
    struct sr_buf data; /* cells, each followed by a NUL */
    size_t *offs;
    size_t *lens;
    const char **cells;
    size_t cap;
    size_t ncells;
    size_t ntotal;
    size_t rowpos; /* bytes of the row so far, for problem offsets */
    bool all_empty;
    bool row_ready;
    bool inplace; /* cells point into text (fast_row()), not into data */
    long end_line;
    enum sr_csv_problem problem;
    size_t problem_cell;
    size_t problem_offset;
};

static void set_problem(struct sr_csv_rows *r, enum sr_csv_problem p,
                        size_t cell, size_t offset)
{
    if (r->problem != SR_CSV_ROW_OK)
        return; /* the first one says most */
    r->problem = p;
    r->problem_cell = cell;
    r->problem_offset = offset;
}

/* The longest prefix of s[0..len) of at most n bytes that does not cut a
 * UTF-8 character. */
static size_t utf8_cut(const char *s, size_t len, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;

    if (n >= len)
        return len;
    while (n > 0 && (p[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* Look for bad bytes in a cell: invalid UTF-8 or NUL. */
static void check_cell(struct sr_csv_rows *r, const char *p, size_t n,
                       size_t idx)
{
    size_t good = sr_encoding_utf8_span(p, n, false);
    const char *nul = memchr(p, '\0', good);

    if (nul)
        set_problem(r, SR_CSV_NUL_BYTE, idx, r->rowpos + (size_t)(nul - p) + 1);
    else if (good < n)
        set_problem(r, SR_CSV_BAD_TEXT, idx, r->rowpos + good + 1);
}

/* Append a cell to the row. */
static void add_cell(struct sr_csv_rows *r, const char *p, size_t len)
{
    size_t idx = r->ntotal++;
    size_t keep = len;
    bool cut = r->long_pending;

    r->long_pending = false;
    r->nfields++;
    if (len)
        r->all_empty = false;
    if (idx >= SR_CSV_MAX_CELLS) {
        set_problem(r, SR_CSV_MANY_CELLS, idx, 0);
        r->rowpos += len + 1;
        return;
    }
    if (cut || len > SR_CSV_MAX_FIELD) {
        keep = utf8_cut(p, len, SR_CSV_MAX_FIELD);
        set_problem(r, SR_CSV_LONG_FIELD, idx, 0);
    }
    if (r->data.len + keep + 1 > SR_CSV_MAX_ROW) {
        set_problem(r, SR_CSV_LONG_ROW, idx, 0);
        keep = 0;
    } else if (r->piece_dirty || r->open_dirty) {
        check_cell(r, p, keep, idx);
    }
    r->open_dirty = false;
    if (idx >= r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 32;

        r->offs = xreallocarray(r->offs, cap, sizeof(*r->offs));
        r->lens = xreallocarray(r->lens, cap, sizeof(*r->lens));
        r->cells = xreallocarray(r->cells, cap, sizeof(*r->cells));
        r->cap = cap;
    }
    r->offs[idx] = r->data.len;
    r->lens[idx] = keep;
    sr_buf_grow(&r->data, keep + 1);
    memcpy(r->data.buf + r->data.len, p, keep);
    r->data.len += keep + 1;
    r->data.buf[r->data.len - 1] = '\0';
    r->data.buf[r->data.len] = '\0';
    r->ncells = idx + 1;
    r->rowpos += len + 1;
}

/* Only a space is white space around a field when tab separates cells. */
static int space_only(unsigned char c)
{
    return c == ' ';
}

/* libcsv's field callback. */
static void on_field(void *s, size_t len, void *data)
{
    add_cell(data, s ? s : "", len);
}

/* The row is complete: it ends on the current line. */
static void end_row(struct sr_csv_rows *r)
{
    r->row_ready = true;
    r->in_row = false;
    r->end_line = r->line;
}

/* libcsv's row callback. */
static void on_row(int c, void *data)
{
    (void)c;
    end_row(data);
}

static void reset_row(struct sr_csv_rows *r)
{
    sr_buf_reset(&r->data);
    r->ncells = 0;
    r->ntotal = 0;
    r->rowpos = 0;
    r->all_empty = true;
    r->row_ready = false;
    r->inplace = false;
    r->problem = SR_CSV_ROW_OK;
    r->problem_cell = 0;
    r->problem_offset = 0;
}

enum sr_status sr_csv_rows_open(struct sr_csv_rows **out, const char *path,
                                const struct sr_csv_opts *o, struct sr_diag *d)
{
    struct sr_csv_rows *r;
    enum sr_encoding enc = o ? o->encoding : SR_ENC_AUTO;
    size_t chunk = o && o->chunk_size ? o->chunk_size : SR_CSV_CHUNK;
    enum sr_status s = SR_OK;

    *out = NULL;
    r = xcalloc(1, sizeof(*r));
    r->path = xstrdup(path);
    sr_buf_init(&r->text);
    sr_buf_init(&r->data);
    r->fp = fopen(path, "rb");
    if (!r->fp) {
        s = sr_diag_set(d, SR_ERR_IO, path, 0, "cannot open file: %s",
                        strerror(errno));
        goto out_free;
    }
    if (csv_init(&r->csv, 0) != 0) {
        s = sr_diag_set(d, SR_ERR_LIBRARY, path, 0,
                        "cannot start the CSV parser");
        goto out_close;
    }
    csv_set_realloc_func(&r->csv, xrealloc);
    csv_set_free_func(&r->csv, free);
    csv_set_blk_size(&r->csv, CSV_BLOCK);
    r->sep = o && o->separator ? o->separator : ',';
    csv_set_delim(&r->csv, (unsigned char)r->sep);
    if (r->sep == '\t')
        csv_set_space_func(&r->csv, space_only);
    r->stop[(unsigned char)r->sep] = true;
    r->stop['"'] = r->stop['\r'] = r->stop['\n'] = r->stop[0] = true;
    r->blank[' '] = true;
    r->blank['\t'] = true;
    r->blank[(unsigned char)r->sep] = false; /* libcsv: the separator wins */
    r->chunk = chunk;
    r->raw = xmalloc(chunk);
    r->dec = sr_decoder_new(enc, r->path);
    if (o)
        sr_decoder_set_utf16(r->dec, o->utf16);
    r->line = 1;
    r->failed = SR_OK;
    reset_row(r);
    *out = r;
    return SR_OK;

out_close:
    fclose(r->fp);
out_free:
    sr_buf_release(&r->text);
    sr_buf_release(&r->data);
    free(r->path);
    free(r);
    return s;
}

void sr_csv_rows_free(struct sr_csv_rows *r)
{
    if (!r)
        return;
    csv_free(&r->csv);
    if (r->fp)
        fclose(r->fp);
    sr_decoder_free(r->dec);
    sr_buf_release(&r->text);
    sr_buf_release(&r->data);
    free(r->offs);
    free(r->lens);
    free(r->cells);
    free(r->raw);
    free(r->path);
    free(r);
}

enum sr_status sr_csv_rows_seek(struct sr_csv_rows *r, long long off, long line,
                                struct sr_diag *d)
{
    if (fseeko(r->fp, (off_t)off, SEEK_SET) != 0)
        return sr_diag_set(d, SR_ERR_IO, r->path, line, "cannot seek: %s",
                           strerror(errno));
    r->bytes = off;
    r->line = line;
    r->last_line = line;
    return SR_OK;
}

long long sr_csv_rows_bytes(const struct sr_csv_rows *r)
{
    return r->bytes;
}

enum sr_encoding sr_csv_rows_encoding(const struct sr_csv_rows *r)
{
    return sr_decoder_encoding(r->dec);
}

bool sr_csv_rows_utf16(const struct sr_csv_rows *r)
{
    enum sr_bom bom = sr_decoder_bom(r->dec);

    return bom == SR_BOM_UTF16LE || bom == SR_BOM_UTF16BE;
}

/*
 * Decide whether the fields parsed from the new text need checking.  A
 * field is cut out of the text at ASCII bytes only, so if the text is
 * valid UTF-8 without NUL, so are its fields: most chunks are checked
 * here, fast, in one pass.  A character cut by the end of the previous
 * chunk makes the first piece of this one dirty (head_dirty), to be safe:
 * the field it ends is checked whole; the rest of the text is checked
 * here without the bytes of that character.
 */
static void check_text(struct sr_csv_rows *r)
{
    const unsigned char *p = (const unsigned char *)r->text.buf;
    size_t n = r->text.len;
    size_t head = 0;
    size_t good;
    size_t k = n;

    if (!n)
        return; /* nothing new: a cut character is still pending */
    if (r->cut_tail)
        while (head < n && head < 3 && (p[head] & 0xC0) == 0x80)
            head++;
    good = sr_encoding_utf8_span(r->text.buf + head, n - head, true);
    r->head_dirty = r->cut_tail;
    r->chunk_dirty = good < n - head || memchr(r->text.buf, '\0', n) != NULL;
    /* does the last character lack bytes? */
    while (k > 0 && n - k < 3 && (p[k - 1] & 0xC0) == 0x80)
        k--;
    r->cut_tail = k > 0 && p[k - 1] >= 0xC0 &&
                  sr_encoding_utf8_span(r->text.buf + k - 1, n - k + 1, false) <
                      n - k + 1;
}

/* Read and decode the next chunk into text. */
static enum sr_status refill(struct sr_csv_rows *r, struct sr_diag *d)
{
    bool direct = sr_decoder_passthrough(r->dec);
    enum sr_status s = SR_OK;
    size_t n;

    sr_buf_reset(&r->text);
    r->tpos = 0;
    if (direct) {
        /* UTF-8: read into the text itself, not through raw (a copy) */
        sr_buf_grow(&r->text, r->chunk + TEXT_PAD);
        n = fread(r->text.buf, 1, r->chunk, r->fp);
        r->text.len = n;
        r->text.buf[n] = '\0';
    } else {
        n = fread(r->raw, 1, r->chunk, r->fp);
    }
    r->bytes += (long long)n;
    if (n < r->chunk && ferror(r->fp))
        return sr_diag_set(d, SR_ERR_IO, r->path, r->line, "read error: %s",
                           strerror(errno));
    if (n && !direct)
        s = sr_decoder_feed(r->dec, r->raw, n, &r->text, d);
    if (s == SR_OK && n < r->chunk) {
        s = sr_decoder_finish(r->dec, &r->text, d);
        r->eof = true;
    }
    if (s == SR_OK) {
        check_text(r);
        sr_buf_grow(&r->text, TEXT_PAD); /* for stops_load() */
    }
    return s;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The offset of the first CR or LF in p[0..n), or n. */
static size_t line_end(const char *p, size_t n)
{
    const char *lf = memchr(p, '\n', n);
    size_t i = lf ? (size_t)(lf - p) : n;
    const char *cr = memchr(p, '\r', i);

    return cr ? (size_t)(cr - p) : i;
}

/*
 * The length of the next piece of p[0..avail): up to and with the first
 * line end, at most SLICE bytes.  *tlen gets the bytes of its line end (0
 * when it has none).
 */
static size_t next_piece(const char *p, size_t avail, size_t *tlen)
{
    size_t lim = avail < SLICE ? avail : SLICE;
    size_t i = line_end(p, lim);

    *tlen = 0;
    if (i == lim)
        return lim;
    *tlen = p[i] == '\r' && i + 1 < avail && p[i + 1] == '\n' ? 2 : 1;
    return i + *tlen;
}

/* True if p[0..n) holds a byte that starts a row for libcsv (a tab does
 * when it separates cells). */
static bool has_content(const char *p, size_t n, char sep)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (!is_blank(p[i]) || p[i] == sep)
            return true;
    }
    return false;
}

/*
 * A whole line without quotes, at the start of a row: split it at the
 * separator the way libcsv would (spaces and tabs around each field
 * dropped, only spaces when tab separates), only faster.  Most lines of
 * survey data are like that.
 */
static void split_line(struct sr_csv_rows *r, const char *p, size_t n)
{
    const char *end = p + n;
    bool tab = r->sep != '\t';

    for (;;) {
        const char *comma = memchr(p, r->sep, (size_t)(end - p));
        const char *a = p;
        const char *b = comma ? comma : end;

        while (a < b && (*a == ' ' || (tab && *a == '\t')))
            a++;
        while (b > a && (b[-1] == ' ' || (tab && b[-1] == '\t')))
            b--;
        add_cell(r, a, (size_t)(b - a));
        if (!comma)
            break;
        p = comma + 1;
    }
    end_row(r);
}

/* fast_row() on, unless a test turns it off to compare with libcsv */
static bool fast_setting = true;

#ifdef SR_TESTING
void sr_csv_set_fast(bool on)
{
    fast_setting = on;
}
#endif

/* Make room for @n cells in the row's arrays. */
static void cells_reserve(struct sr_csv_rows *r, size_t n)
{
    size_t cap = r->cap ? r->cap : 32;

    if (n <= r->cap)
        return;
    while (cap < n)
        cap *= 2;
    r->offs = xreallocarray(r->offs, cap, sizeof(*r->offs));
    r->lens = xreallocarray(r->lens, cap, sizeof(*r->lens));
    r->cells = xreallocarray(r->cells, cap, sizeof(*r->cells));
    r->cap = cap;
}

/*
 * Where the fields of a line end: a window of 64 bytes of text at base,
 * with a bit for each byte that is the separator, '"', CR, LF or NUL (m:
 * only those at or after the place being parsed), and one for each that
 * is the separator (s).  A field's end is then the lowest bit of m, found
 * without a loop over its bytes (with SSE2 16 bytes a compare), and the
 * next field does not wait for it.  A window reads up to 63 bytes past
 * the NUL that ends the text: refill() keeps TEXT_PAD bytes allocated
 * after it.
 */
struct stops {
    char *base;
    uint64_t m;
    uint64_t s;
};

static inline void stops_load(struct stops *w, char *base, char sep,
                              const bool *stop)
{
    uint64_t m = 0;
    uint64_t s = 0;
    unsigned k;
#ifdef __SSE2__
    const __m128i vsep = _mm_set1_epi8(sep);
    const __m128i vq = _mm_set1_epi8('"');
    const __m128i vcr = _mm_set1_epi8('\r');
    const __m128i vlf = _mm_set1_epi8('\n');
    const __m128i vnul = _mm_setzero_si128();

    (void)stop;
    for (k = 0; k < 64; k += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(base + k));
        __m128i es = _mm_cmpeq_epi8(x, vsep);
        __m128i t =
            _mm_or_si128(_mm_or_si128(es, _mm_cmpeq_epi8(x, vq)),
                         _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, vcr),
                                                   _mm_cmpeq_epi8(x, vlf)),
                                      _mm_cmpeq_epi8(x, vnul)));

        m |= (uint64_t)(uint32_t)_mm_movemask_epi8(t) << k;
        s |= (uint64_t)(uint32_t)_mm_movemask_epi8(es) << k;
    }
#else
    for (k = 0; k < 64; k++) {
        m |= (uint64_t)stop[(unsigned char)base[k]] << k;
        s |= (uint64_t)(base[k] == sep) << k;
    }
#endif
    w->base = base;
    w->m = m;
    w->s = s;
}

/* The next stop at or after the place being parsed, taken; *is_sep if it
 * is the separator.  The NUL at the end of the text is one. */
static inline char *stops_next(struct stops *w, char sep, const bool *stop,
                               bool *is_sep)
{
    unsigned k;

    while (!w->m)
        stops_load(w, w->base + 64, sep, stop);
    k = (unsigned)__builtin_ctzll(w->m);
    *is_sep = (w->s >> k) & 1;
    w->m &= w->m - 1;
    return w->base + k;
}

/*
 * The fast path, for most lines of survey data: at the start of a row, in
 * text that is clean UTF-8, a whole line (its line end in the text) whose
 * fields are plain or quoted on this line.  Such a line is one row, cut
 * the way libcsv cuts it: at each separator; spaces (and tabs, unless tab
 * is the separator) around a field dropped; a quoted field is what is
 * between its quotes, a doubled quote standing for one.  Here it is done
 * in place: pass 1 finds the fields and changes nothing, so that any other
 * line (a quote inside a plain field, text after a closing quote, a line
 * break inside quotes, a line cut by the chunk's end) can still go to
 * libcsv; pass 2 undoubles quotes and ends each field with a NUL written
 * over what follows it.  Cells then point into the text (valid until the
 * next refill, so until the next call).  A line whose cells are all empty
 * is consumed without a row, as the slow path does with it.
 */
static bool fast_row(struct sr_csv_rows *r)
{
    char *start = r->text.buf + r->tpos;
    char *end = r->text.buf + r->text.len; /* *end is a NUL (sr_buf) */
    char *p = start;
    char *a;
    char *b;
    char sep = r->sep;
    const bool *stop = r->stop;
    const bool *blank = r->blank;
    struct stops win;
    size_t filled = 0; /* 0: every field is empty */
    size_t n = 0;
    size_t tlen;
    size_t i;

    /* pass 1: field bounds (offs, lens), quoted fields (cells = NULL);
     * clean text has no NUL but the one at its end */
    stops_load(&win, p, sep, stop);
    for (;;) {
        bool is_sep;

        while (blank[(unsigned char)*p])
            p++;
        if (p == end || n + 1 >= SR_CSV_MAX_CELLS)
            return false;
        cells_reserve(r, n + 1);
        if (*p == '"') {
            a = ++p;
            for (;; p++) {
                if (p == end || *p == '\n' || *p == '\r')
                    return false; /* goes on past this line */
                if (*p != '"')
                    continue;
                if (p[1] == '"')
                    p++; /* a doubled quote */
                else
                    break;
            }
            b = p++;
            while (blank[(unsigned char)*p])
                p++;
            if (*p != sep && *p != '\n' && *p != '\r')
                return false; /* something after the quote, or the end */
            r->cells[n] = NULL;
            is_sep = *p == sep;
            stops_load(&win, p + 1, sep, stop); /* past the quotes */
        } else {
            a = p;
            p = stops_next(&win, sep, stop, &is_sep);
            if (!is_sep && (p == end || *p == '"'))
                return false;
            b = p;
            while (b > a && blank[(unsigned char)b[-1]])
                b--;
            r->cells[n] = a;
        }
        r->offs[n] = (size_t)(a - start);
        r->lens[n] = (size_t)(b - a);
        filled |= r->lens[n]; /* (a quoted field keeps a byte undoubled) */
        n++;
        if (!is_sep)
            break;
        p++;
    }
    if ((*p == '\r' && p + 1 == end) || (size_t)(p - start) > SR_CSV_MAX_FIELD)
        return false; /* a CRLF perhaps cut, or a very long line */
    tlen = *p == '\r' && p[1] == '\n' ? 2 : 1;
    /* pass 2: undouble quotes, end each cell with a NUL */
    for (i = 0; i < n; i++) {
        a = start + r->offs[i];
        b = a + r->lens[i];
        if (!r->cells[i]) { /* quoted: move the text over doubled quotes */
            char *w = a;
            char *q;

            for (q = a; q < b; q++) {
                *w++ = *q;
                if (*q == '"')
                    q++;
            }
            b = w;
            r->lens[i] = (size_t)(b - a);
        }
        r->cells[i] = a;
        *b = '\0';
    }
    if (p > start)
        r->last_line = r->line;
    r->tpos += (size_t)(p - start) + tlen;
    if (!filled) { /* a blank line, as the slow path sees it */
        r->line++;
        return true;
    }
    r->row_line = r->line;
    r->end_line = r->line;
    r->line++;
    r->ncells = n;
    r->ntotal = n;
    r->all_empty = false;
    r->row_ready = true;
    r->inplace = true;
    return true;
}

/* Parse the next line of text (or the next SLICE bytes of it). */
static enum sr_status feed_piece(struct sr_csv_rows *r, struct sr_diag *d)
{
    const char *p = r->text.buf + r->tpos;
    size_t avail = r->text.len - r->tpos;
    long piece_line = r->line;
    unsigned long nfields = r->nfields;
    int was_quoted = r->csv.quoted;
    bool starts_row = false;
    size_t tlen = 0;
    size_t got;
    size_t n;

    if (r->pending_cr && p[0] == '\n') {
        n = 1; /* the LF of a CRLF cut by a chunk end: its line is counted */
        r->pending_cr = false;
    } else {
        n = next_piece(p, avail, &tlen);
        r->pending_cr = tlen == 1 && p[n - 1] == '\r' && n == avail;
        if (n > tlen)
            r->last_line = piece_line;
        if (!r->in_row && has_content(p, n, r->sep)) {
            r->in_row = true;
            r->row_line = piece_line;
            starts_row = true;
        }
    }
    /* end_row() reads line as the row's last line */
    r->piece_dirty = r->chunk_dirty || (r->head_dirty && r->tpos == 0);
    if (starts_row && tlen && !memchr(p, '"', n - tlen)) {
        split_line(r, p, n - tlen);
        got = n;
    } else {
        got = csv_parse(&r->csv, p, n, on_field, on_row, r);
    }
    if (r->piece_dirty)
        r->open_dirty = true;
    r->piece_dirty = false;
    r->tpos += n;
    if (tlen)
        r->line++;
    if (got < n)
        return sr_diag_set(d, SR_ERR_LIBRARY, r->path, piece_line,
                           "CSV parser failed: %s",
                           csv_strerror(csv_error(&r->csv)));
    if (r->csv.quoted && (!was_quoted || r->nfields != nfields))
        r->quote_line = piece_line;
    if (r->csv.entry_pos > SR_CSV_MAX_FIELD) {
        /* libcsv keeps the whole field in its buffer: cut it here so that
         * memory stays bounded (entry_pos and spaces are public members of
         * struct csv_parser; cutting keeps its state consistent) */
        r->csv.entry_pos = SR_CSV_MAX_FIELD;
        r->csv.spaces = 0;
        r->long_pending = true;
    }
    return SR_OK;
}

/* End of text: let libcsv hand out a last row without a line end. */
static enum sr_status finish(struct sr_csv_rows *r, struct sr_diag *d)
{
    long next_line = r->line;
    int rc;

    r->finished = true;
    /* strict only now: a quoted field still open is an error */
    csv_set_opts(&r->csv, CSV_STRICT | CSV_STRICT_FINI);
    r->line = r->last_line;
    rc = csv_fini(&r->csv, on_field, on_row, r);
    r->line = next_line;
    if (rc != 0)
        return sr_diag_set(d, SR_ERR_PARSE, r->path, r->quote_line,
                           "unterminated quoted field: the quote opened on "
                           "this line runs to the end of the file (line %ld)",
                           r->last_line);
    return SR_OK;
}

enum sr_status sr_csv_rows_next(struct sr_csv_rows *r, struct sr_csv_row *row,
                                struct sr_diag *d)
{
    enum sr_status s;
    size_t i;

    if (r->failed != SR_OK) {
        if (d)
            *d = r->fail_diag;
        return r->failed;
    }
    reset_row(r);
    for (;;) {
        if (r->row_ready) {
            if (r->all_empty && r->end_line == r->row_line) {
                reset_row(r); /* a blank line */
                continue;
            }
            break;
        }
        if (r->tpos < r->text.len && !r->in_row && !r->chunk_dirty &&
            !(r->head_dirty && r->tpos == 0) && !r->pending_cr &&
            fast_setting && fast_row(r))
            continue;
        if (r->tpos < r->text.len)
            s = feed_piece(r, &r->fail_diag);
        else if (!r->eof)
            s = refill(r, &r->fail_diag);
        else if (!r->finished)
            s = finish(r, &r->fail_diag);
        else
            return SR_DONE;
        if (s != SR_OK) {
            r->failed = s;
            if (d)
                *d = r->fail_diag;
            return s;
        }
    }
    if (!r->inplace)
        for (i = 0; i < r->ncells; i++)
            r->cells[i] = r->data.buf + r->offs[i];
    row->cells = r->cells;
    row->lens = r->lens;
    row->ncells = r->ncells;
    row->ntotal = r->ntotal;
    row->line = r->row_line;
    row->end_line = r->end_line;
    row->problem = r->problem;
    row->problem_cell = r->problem_cell;
    row->problem_offset = r->problem_offset;
    return SR_OK;
}

void sr_csv_row_problem(const struct sr_csv_rows *r,
                        const struct sr_csv_row *row, const char *cell_name,
                        struct sr_buf *out)
{
    switch (row->problem) {
    case SR_CSV_ROW_OK:
        break;
    case SR_CSV_BAD_TEXT:
        if (sr_decoder_utf16(r->dec) != SR_UTF16_REFUSE)
            sr_buf_addf(out, "bytes not valid in UTF-16 at byte %zu of the row",
                        row->problem_offset);
        else if (sr_csv_rows_encoding(r) == SR_ENC_GB18030)
            sr_buf_addf(out,
                        "bytes not valid in GB18030 at byte %zu of the row",
                        row->problem_offset);
        else
            sr_buf_addf(out,
                        "invalid UTF-8 at byte %zu of the row (is the file "
                        "GBK? set encoding = gbk)",
                        row->problem_offset);
        break;
    case SR_CSV_NUL_BYTE:
        sr_buf_addf(out,
                    "NUL byte at byte %zu of the row (is the file UTF-16?)",
                    row->problem_offset);
        break;
    case SR_CSV_LONG_FIELD:
        if (cell_name)
            sr_buf_addf(out,
                        "field '%s' longer than %d bytes (limit: field length)",
                        cell_name, SR_CSV_MAX_FIELD);
        else
            sr_buf_addf(out,
                        "cell %zu longer than %d bytes (limit: field length)",
                        row->problem_cell + 1, SR_CSV_MAX_FIELD);
        break;
    case SR_CSV_MANY_CELLS:
        sr_buf_addf(out, "row has more than %d cells (limit: columns per row)",
                    SR_CSV_MAX_CELLS);
        break;
    case SR_CSV_LONG_ROW:
        sr_buf_addf(out, "row longer than %d bytes (limit: row length)",
                    SR_CSV_MAX_ROW);
        break;
    }
}

/* --- the native CSV form reader ------------------------------------------ */

/*
 * Invariants: col_slot and col_name have ncols entries (the header's
 * cells); a slot appears at most once in col_slot; values has t->nslots
 * entries, NULL for every slot that no column gives.
 */
struct sr_csvr {
    struct sr_csv_rows *rows;
    const struct sr_template *t;
    char *path;
    bool empty; /* no header: the file has no forms */
    size_t ncols;
    int *col_slot;   /* slot of each column, or -1 (ignored) */
    char **col_name; /* trimmed header names */
    const char **values;
    size_t *lens; /* of values, per slot */
    struct sr_buf problem;
    struct sr_reader_badtext bad; /* rows with undecodable bytes */
};

void sr_csvr_free(struct sr_csvr *r)
{
    size_t i;

    if (!r)
        return;
    sr_csv_rows_free(r->rows);
    for (i = 0; i < r->ncols; i++)
        free(r->col_name[i]);
    free(r->col_name);
    free(r->col_slot);
    free(r->values);
    free(r->lens);
    sr_buf_release(&r->problem);
    free(r->path);
    free(r);
}

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
        if (n >= 3 && !memcmp(s + n - 3, "\xEF\xBB\xBF", 3)) {
            n -= 3;
            again = true;
        }
    }
    return xstrndup(s, n);
}

/* Say once per name which columns are ignored. */
static void warn_unknown(const struct sr_csvr *r)
{
    size_t i;
    size_t j;

    for (i = 0; i < r->ncols; i++) {
        if (r->col_slot[i] >= 0)
            continue;
        for (j = 0; j < i; j++) {
            if (r->col_slot[j] < 0 && !strcmp(r->col_name[j], r->col_name[i]))
                break;
        }
        if (j < i)
            continue;
        if (r->col_name[i][0])
            sr_log_warn("%s: ignoring unknown column '%s'", r->path,
                        r->col_name[i]);
        else
            sr_log_warn("%s: ignoring unnamed column %zu", r->path, i + 1);
    }
}

/* Map the header's columns to template slots. */
static enum sr_status
read_header(struct sr_csvr *r, const struct sr_csv_row *row, struct sr_diag *d)
{
    const struct sr_template *t = r->t;
    enum sr_status s = SR_OK;
    bool *seen = NULL;
    size_t known = 0;
    size_t i;

    if (row->problem != SR_CSV_ROW_OK) {
        sr_csv_row_problem(r->rows, row, NULL, &r->problem);
        return sr_diag_set(d, SR_ERR_PARSE, r->path, row->line,
                           "unusable header: %s", r->problem.buf);
    }
    r->ncols = row->ncells;
    r->col_slot = xcalloc(r->ncols, sizeof(*r->col_slot));
    r->col_name = xcalloc(r->ncols, sizeof(*r->col_name));
    for (i = 0; i < r->ncols; i++)
        r->col_name[i] = trim_name(row->cells[i], row->lens[i]);
    seen = xcalloc(t->nslots ? t->nslots : 1, sizeof(*seen));
    for (i = 0; i < r->ncols; i++) {
        int slot = r->col_name[i][0] ? sr_template_slot(t, r->col_name[i]) : -1;

        r->col_slot[i] = slot < 0 || (size_t)slot >= t->nslots ? -1 : slot;
        if (r->col_slot[i] < 0)
            continue;
        if (seen[slot]) {
            s = sr_diag_set(d, SR_ERR_PARSE, r->path, row->line,
                            "duplicate column '%s'", r->col_name[i]);
            goto out_free_seen;
        }
        seen[slot] = true;
        known++;
    }
    if (!known) {
        s = sr_diag_set(d, SR_ERR_PARSE, r->path, row->line,
                        "no known column in header: none of its %zu names "
                        "is an id of form template '%s'",
                        r->ncols, t->id ? t->id : "");
        goto out_free_seen;
    }
    warn_unknown(r);

out_free_seen:
    free(seen);
    return s;
}

enum sr_status sr_csvr_open(struct sr_csvr **out, const char *path,
                            const struct sr_template *t,
                            const struct sr_read_opts *o, struct sr_diag *d)
{
    struct sr_csv_opts co = { .encoding = o ? o->encoding : SR_ENC_AUTO };
    struct sr_csvr *r;
    struct sr_csv_row row;
    enum sr_status s;

    *out = NULL;
    r = xcalloc(1, sizeof(*r));
    r->t = t;
    r->path = xstrdup(path);
    sr_buf_init(&r->problem);
    r->values = xcalloc(t->nslots ? t->nslots : 1, sizeof(*r->values));
    r->lens = xcalloc(t->nslots ? t->nslots : 1, sizeof(*r->lens));
    s = sr_csv_rows_open(&r->rows, path, &co, d);
    if (s != SR_OK)
        goto out_free;
    s = sr_csv_rows_next(r->rows, &row, d);
    if (s == SR_DONE) {
        r->empty = true; /* 0 bytes, a BOM or blank lines: no forms */
        s = SR_OK;
    } else if (s == SR_OK) {
        s = read_header(r, &row, d);
    } else if (s == SR_ERR_PARSE && sr_csv_rows_utf16(r->rows)) {
        sr_diag_set(d, s, path, 0,
                    "UTF-16 is not supported for native CSV; convert it or "
                    "use a mapping");
    }
    if (s != SR_OK)
        goto out_free;
    *out = r;
    return SR_OK;

out_free:
    sr_csvr_free(r);
    return s;
}

void sr_csvr_badtext(const struct sr_csvr *r, struct sr_reader_badtext *out)
{
    *out = r->bad;
}

/* --- one file read in two parts at once ----------------------------------- */

/* How far past the middle a split point is looked for. */
#define SPLIT_WINDOW 65536

/* The byte after the first LF at or past @from in @fd's first @size
 * bytes that does not look like a byte order mark (a part's reader would
 * take it for one) nor end the file, within SPLIT_WINDOW; -1 if none. */
static long long row_start_after(int fd, long long from)
{
    unsigned char buf[SPLIT_WINDOW];
    ssize_t n = pread(fd, buf, sizeof(buf), (off_t)from);
    ssize_t i;

    for (i = 0; i + 1 < n; i++) {
        unsigned char c = buf[i + 1];

        if (buf[i] == '\n' && c != 0xEF && c != 0xFE && c != 0xFF)
            return from + i + 1;
    }
    return -1;
}

/* @r's file open for a split, or -1: a regular file of @min bytes or
 * more (*size), read directly as UTF-8 or a single-byte encoding */
static int split_open(const struct sr_csvr *r, long long min, long long *size)
{
    struct stat sb;
    int fd;

    if (r->empty || sr_csv_rows_utf16(r->rows))
        return -1;
    fd = open(r->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size < min ||
        sb.st_size < 2) {
        close(fd);
        return -1;
    }
    *size = (long long)sb.st_size;
    return fd;
}

long long sr_csvr_split_point(const struct sr_csvr *r, long long min)
{
    long long size;
    long long at;
    int fd = split_open(r, min, &size);

    if (fd < 0)
        return -1;
    at = row_start_after(fd, size / 2);
    close(fd);
    return at;
}

long long sr_csvr_split_at(const struct sr_csvr *r, long long from)
{
    long long size;
    long long at;
    int fd = split_open(r, 2, &size);

    if (fd < 0)
        return -1;
    at = from >= 0 && from < size ? row_start_after(fd, from) : -1;
    close(fd);
    return at;
}

/* The physical line at byte @off of @path (reader.h). */
enum sr_status sr_read_line_at(const char *path, long long off, long *line,
                               struct sr_diag *d)
{
    return sr_read_line_from(path, 0, 1, off, line, d);
}

enum sr_status sr_read_line_from(const char *path, long long from,
                                 long from_line, long long off, long *line,
                                 struct sr_diag *d)
{
    enum { BLOCK = 1 << 20 };
    char *buf = xmalloc(BLOCK);
    long long left = off - from;
    long n_lf = 0;
    long n_cr = 0;
    long n_crlf = 0;
    bool cr_end = false; /* the block before ended with CR */
    enum sr_status s = SR_OK;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        free(buf);
        return sr_diag_set(d, SR_ERR_IO, path, 0, "cannot open file: %s",
                           strerror(errno));
    }
    if (from > 0 && lseek(fd, (off_t)from, SEEK_SET) < 0) {
        s = sr_diag_set(d, SR_ERR_IO, path, 0, "cannot seek: %s",
                        strerror(errno));
        left = 0;
    }
    while (left > 0) {
        ssize_t n = read(fd, buf, left < BLOCK ? (size_t)left : BLOCK);
        const char *p;
        const char *end;

        if (n <= 0) {
            s = sr_diag_set(d, SR_ERR_IO, path, 0, "read error: %s",
                            n < 0 ? strerror(errno) : "the file shrank");
            break;
        }
        end = buf + n;
        if (cr_end && buf[0] == '\n')
            n_crlf++;
        for (p = buf; (p = memchr(p, '\n', (size_t)(end - p))); p++)
            n_lf++;
        for (p = buf; (p = memchr(p, '\r', (size_t)(end - p))); p++) {
            n_cr++;
            if (p + 1 < end && p[1] == '\n')
                n_crlf++;
        }
        cr_end = buf[n - 1] == '\r';
        left -= n;
    }
    close(fd);
    free(buf);
    *line = from_line + n_lf + (n_cr - n_crlf);
    return s;
}

enum sr_status sr_csvr_open_part(struct sr_csvr **out,
                                 const struct sr_csvr *whole, long long off,
                                 enum sr_encoding enc, long *first_line,
                                 struct sr_diag *d)
{
    struct sr_csv_opts co = { .encoding = enc };
    struct sr_csvr *r;
    enum sr_status s;
    size_t i;

    *out = NULL;
    if (*first_line <= 0) { /* else known (reader.h) */
        s = sr_read_line_at(whole->path, off, first_line, d);
        if (s != SR_OK)
            return s;
    }
    r = xcalloc(1, sizeof(*r));
    r->t = whole->t;
    r->path = xstrdup(whole->path);
    sr_buf_init(&r->problem);
    r->values = xcalloc(r->t->nslots ? r->t->nslots : 1, sizeof(*r->values));
    r->lens = xcalloc(r->t->nslots ? r->t->nslots : 1, sizeof(*r->lens));
    r->ncols = whole->ncols;
    r->col_slot = xcalloc(r->ncols ? r->ncols : 1, sizeof(*r->col_slot));
    r->col_name = xcalloc(r->ncols ? r->ncols : 1, sizeof(*r->col_name));
    for (i = 0; i < r->ncols; i++) {
        r->col_slot[i] = whole->col_slot[i];
        r->col_name[i] = xstrdup(whole->col_name[i]);
    }
    s = sr_csv_rows_open(&r->rows, r->path, &co, d);
    if (s == SR_OK)
        s = sr_csv_rows_seek(r->rows, off, *first_line, d);
    if (s != SR_OK) {
        sr_csvr_free(r);
        return s;
    }
    *out = r;
    return SR_OK;
}

long sr_csvr_badforms(const struct sr_csvr *r)
{
    return r->bad.forms;
}

enum sr_encoding sr_csvr_encoding(const struct sr_csvr *r)
{
    return r->rows ? sr_csv_rows_encoding(r->rows) : SR_ENC_AUTO;
}

long long sr_csvr_bytes(const struct sr_csvr *r)
{
    return r->rows ? sr_csv_rows_bytes(r->rows) : 0;
}

enum sr_status sr_csvr_next(struct sr_csvr *r, struct sr_rawform *f,
                            struct sr_diag *d)
{
    struct sr_csv_row row;
    enum sr_status s;
    size_t i;

    if (r->empty)
        return SR_DONE;
    s = sr_csv_rows_next(r->rows, &row, d);
    if (s != SR_OK)
        return s;
    for (i = 0; i < r->ncols; i++) {
        int slot = r->col_slot[i];

        if (slot >= 0) {
            r->values[slot] = i < row.ncells ? row.cells[i] : NULL;
            r->lens[slot] = i < row.ncells ? row.lens[i] : 0;
        }
    }
    sr_buf_reset(&r->problem);
    f->problem_field = "";
    if (row.problem != SR_CSV_ROW_OK) {
        const char *name = NULL;

        if (row.problem_cell < r->ncols) {
            name = r->col_name[row.problem_cell];
            if (r->col_slot[row.problem_cell] >= 0)
                f->problem_field = name;
        }
        sr_csv_row_problem(r->rows, &row, name, &r->problem);
        if ((row.problem == SR_CSV_BAD_TEXT ||
             row.problem == SR_CSV_NUL_BYTE) &&
            r->bad.forms++ == 0) {
            r->bad.line = row.line;
            r->bad.col = (long)row.problem_offset;
            snprintf(r->bad.msg, sizeof(r->bad.msg), "%s", r->problem.buf);
        }
    } else if (row.ntotal != r->ncols) {
        sr_buf_addf(&r->problem, "row has %zu cells, header has %zu",
                    row.ntotal, r->ncols);
    }
    f->file = r->path;
    f->line = row.line;
    f->values = r->values;
    f->nslots = r->t->nslots;
    f->problem = r->problem.len ? r->problem.buf : NULL;
    /* a row without problem is valid UTF-8 without NUL (csv.h) */
    f->lens = row.problem == SR_CSV_ROW_OK ? r->lens : NULL;
    f->utf8_ok = row.problem == SR_CSV_ROW_OK;
    f->at = -1;
    return SR_OK;
}
