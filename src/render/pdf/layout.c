/* SPDX-License-Identifier: MIT */
/*
 * layout.c - a small page layout layer over libharu for the PDF report
 *
 * In: UTF-8 texts, table rows and chart bars from the report code.
 * Out: one PDF document (HPDF_Doc), saved by sr_layout_save().
 * Owns the libharu document (freed with HPDF_Free), the list of its pages
 * and the embedded CJK font.  This file and pdf.c are the only users of
 * libharu; only this one and harufast.c (faster stand-ins for some of
 * its internals) include hpdf.h.
 *
 * libharu 2.3 traps this file works around (see docs/pdf.md):
 *  - HPDF_Page_MeasureText() counts bytes and can cut a UTF-8 character in
 *    half, and its word wrap never breaks Chinese: sr_wrap_text() breaks
 *    lines itself, measuring one whole character at a time.
 *  - Document info and outline titles are only stored as UTF-8 when the
 *    UTF-8 encoder is the current one: it is set before anything else.
 *  - The error handler must not longjmp: it records the first error and
 *    every drawing call becomes a no-op after it.
 *  - Code points above U+FFFF have no CID in the UTF-8/Identity-H set up
 *    of libharu 2.3; they and control characters are drawn as '?'.
 *  - libharu 2.3 gives the UTF-8 font a /ToUnicode CMap written with
 *    cidrange operators, which readers must reject (poppler warns on every
 *    page and then guesses, losing spaces between CJK and digits): it is
 *    replaced by a correct identity bfrange CMap (fix_to_unicode()).
 */
#include "layout.h"
#include "harufast.h"
#include "../../core/buf.h"
#include "../../core/mem.h"

#include <hpdf.h>
#include <hpdf_encrypt.h>
#include <hpdf_encryptdict.h>
#include <hpdf_pages.h>
#include <hpdf_utils.h>

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A4 portrait and its margins (30 mm top, 25 mm elsewhere) */
#define PAGE_W        595.276
#define PAGE_H        841.89
#define MARGIN_LEFT   70.87
#define MARGIN_RIGHT  70.87
#define MARGIN_TOP    85.04
#define MARGIN_BOTTOM 70.87
#define HEAD_BASE     (PAGE_H - 50.0) /* running head baseline */
#define HEAD_RULE     (PAGE_H - 58.0)
#define FOOT_BASE     40.0
#define HEAD_SIZE     9.0

/* where the centre of a CJK glyph sits above the baseline, in em */
#define GLYPH_MIDDLE 0.36

static const struct sr_rgb black = { 0, 0, 0 };
static const struct sr_rgb grey = { 0.45, 0.45, 0.45 };
static const struct sr_rgb rule_grey = { 0.55, 0.55, 0.55 };
static const struct sr_rgb grid_grey = { 0.6, 0.6, 0.6 };
static const struct sr_rgb light_grid = { 0.85, 0.85, 0.85 };
static const struct sr_rgb head_fill = { 0.86, 0.90, 0.95 };
static const struct sr_rgb zebra_fill = { 0.965, 0.965, 0.965 };
static const struct sr_rgb alert_red = { 0.70, 0.08, 0.08 };
static const struct sr_rgb good_green = { 0.05, 0.45, 0.15 };
static const struct sr_rgb bar_blue = { 0.27, 0.47, 0.72 };
static const struct sr_rgb target_red = { 0.85, 0.15, 0.10 };
static const struct sr_rgb kpi_blue = { 0.10, 0.25, 0.50 };
static const struct sr_rgb kpi_fill = { 0.95, 0.97, 1.0 };

struct page {
    HPDF_Page page;
    bool running;
};

/* a link area on page @page (0-based) to page @target (0-based) */
struct link {
    size_t page;
    double x0;
    double y0;
    double x1;
    double y1;
    size_t target;
};

struct sr_layout {
    HPDF_Doc pdf;
    HPDF_Font font;
    HPDF_FontDef glyphs; /* the font's glyph ids are tabled (harufast.h) */
    HPDF_Encoder utf8;
    /* the font's width of each BMP character + 1 (0: not asked yet):
     * libharu looks a glyph up by a scan of the font's cmap segments,
     * and line breaking measures every character */
    uint16_t *widths;

    /* the first libharu error (0 = none), from the error handler */
    HPDF_STATUS err;
    HPDF_STATUS err_detail;

    struct page *pages;
    size_t npages;
    size_t pages_alloc;
    HPDF_Page page; /* current page, or NULL before the first */
    double y;       /* cursor: top of the next block */

    HPDF_Outline chapter; /* last level-1 outline entry, or NULL */
    HPDF_Outline section; /* last level-2 outline entry, or NULL */

    /* a heading waits for the block after it, to go on its page */
    char *pending;
    int pending_level;
    unsigned pending_flags;

    /* headings as placed (for a table of contents) */
    struct sr_layout_mark *marks;
    size_t nmarks;
    size_t marks_alloc;

    /* table of contents links, made when saving */
    struct link *links;
    size_t nlinks;
    size_t links_alloc;

    char *font_path;
    char *header_left;
    char *header_right;
    struct sr_rgb header_right_color;
    char *foot;
    char *watermark;
    struct sr_rgb watermark_color;
    bool protect;
    char *id_seed;
    time_t epoch;

    struct sr_buf scratch; /* sanitised text for one libharu call */
};

/* --- UTF-8 --- */

/*
 * Decode one character of s[0..n), n > 0.  Returns its length in bytes
 * (at least 1).  An invalid or truncated sequence is one byte long and
 * decodes as U+FFFD.
 */
static size_t utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t c = s[0];
    size_t len;
    uint32_t min;
    size_t i;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
        c &= 0x1f;
        min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        c &= 0x0f;
        min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        c &= 0x07;
        min = 0x10000;
    } else {
        goto invalid;
    }
    if (len > n)
        goto invalid;
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            goto invalid;
        c = (c << 6) | (s[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        goto invalid;
    *cp = c;
    return len;
invalid:
    *cp = 0xfffd;
    return 1;
}

static size_t utf8_encode(uint32_t c, char *out)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xc0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xe0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        out[2] = (char)(0x80 | (c & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
    out[3] = (char)(0x80 | (c & 0x3f));
    return 4;
}

/* the character libharu is given for @c: one it can draw */
static uint32_t drawable(uint32_t c)
{
    if (c == '\t')
        return ' ';
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        return '?';
    if (c == 0xfffd || c > 0xffff)
        return '?';
    return c;
}

/* --- line breaking --- */

/* characters no line may start with (Chinese 禁则, plus ASCII closers):
 * "，。、；：？！）》」』】〕〉〗”’…‥·・々．］｝％‰℃,.;:?!)]}%" */
static const uint32_t no_start_chars[] = {
    0xff0c /* ， */, 0x3002 /* 。 */, 0x3001 /* 、 */, 0xff1b /* ； */,
    0xff1a /* ： */, 0xff1f /* ？ */, 0xff01 /* ！ */, 0xff09 /* ） */,
    0x300b /* 》 */, 0x300d /* 」 */, 0x300f /* 』 */, 0x3011 /* 】 */,
    0x3015 /* 〕 */, 0x3009 /* 〉 */, 0x3017 /* 〗 */, 0x201d /* ” */,
    0x2019 /* ’ */,  0x2026 /* … */,  0x2025 /* ‥ */,  0x00b7 /* · */,
    0x30fb /* ・ */, 0x3005 /* 々 */, 0xff0e /* ． */, 0xff3d /* ］ */,
    0xff5d /* ｝ */, 0xff05 /* ％ */, 0x2030 /* ‰ */,  0x2103 /* ℃ */,
    0x002c /* , */,  0x002e /* . */,  0x003b /* ; */,  0x003a /* : */,
    0x003f /* ? */,  0x0021 /* ! */,  0x0029 /* ) */,  0x005d /* ] */,
    0x007d /* } */,  0x0025 /* % */
};

/* characters no line may end with: "（《「『【〔〈〖“‘［｛([{" */
static const uint32_t no_end_chars[] = {
    0xff08 /* （ */, 0x300a /* 《 */, 0x300c /* 「 */, 0x300e /* 『 */,
    0x3010 /* 【 */, 0x3014 /* 〔 */, 0x3008 /* 〈 */, 0x3016 /* 〖 */,
    0x201c /* “ */,  0x2018 /* ‘ */,  0xff3b /* ［ */, 0xff5b /* ｛ */,
    0x0028 /* ( */,  0x005b /* [ */,  0x007b /* { */
};

/* is @c one of the @n characters of @set? (a few dozen: a scan) */
static bool in_set(const uint32_t *set, size_t n, uint32_t c)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (set[i] == c)
            return true;
    return false;
}

static bool no_start(uint32_t c)
{
    return in_set(no_start_chars,
                  sizeof(no_start_chars) / sizeof(no_start_chars[0]), c);
}

static bool no_end(uint32_t c)
{
    return in_set(no_end_chars, sizeof(no_end_chars) / sizeof(no_end_chars[0]),
                  c);
}

/* a character after or before which a line may break (ideographic) */
static bool is_cjk(uint32_t c)
{
    return (c >= 0x2e80 && c <= 0x9fff) || /* radicals .. unified */
           (c >= 0x2014 && c <= 0x201f) || /* dashes, quotes */
           c == 0x2026 ||                  /* … */
           (c >= 0xa960 && c <= 0xa97f) || (c >= 0xac00 && c <= 0xd7af) ||
           (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) ||
           (c >= 0xff00 && c <= 0xffef) || (c >= 0x20000 && c <= 0x3134f);
}

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == 0x3000;
}

/* may a line break between @a and @b (neither a space)? */
static bool can_break(uint32_t a, uint32_t b)
{
    if (no_end(a) || no_start(b))
        return false;
    if (is_cjk(a) || is_cjk(b))
        return true;
    return a == '/' || a == '_'; /* paths, identifiers */
}

static void wrap_emit(struct sr_wrap *w, size_t off, size_t end, double width)
{
    struct sr_wrap_line *l;

    if (w->n == w->alloc) {
        w->alloc = w->alloc ? w->alloc * 2 : 8;
        w->lines = xreallocarray(w->lines, w->alloc, sizeof(*w->lines));
    }
    l = &w->lines[w->n++];
    l->off = off;
    l->len = end - off;
    l->width = width;
}

/* a possible break: the line ends at @end (width end_w), the next starts at
 * @next, where the running width is next_w */
struct brk {
    bool ok;
    size_t end;
    double end_w;
    size_t next;
    double next_w;
};

void sr_wrap_text(struct sr_wrap *w, const char *text, double width,
                  sr_measure_fn *measure, void *ctx)
{
    const char *s = text ? text : "";
    size_t len = strlen(s);
    size_t pos = 0;
    size_t start = 0;       /* first byte of the line */
    double lw = 0;          /* width of [start, pos) */
    size_t content_end = 0; /* end of the last non-space char of the line */
    double content_w = 0;   /* width of [start, content_end) */
    uint32_t prev = 0;      /* last char of the line; 0 = none */
    size_t prev_off = 0;
    double prev_w = 0; /* width of [start, prev_off) */
    struct brk b = { 0 };

    w->n = 0;
    while (pos < len) {
        uint32_t c;
        size_t cl = utf8_decode(s + pos, len - pos, &c);
        double cw;

        if (c == '\n') {
            wrap_emit(w, start, content_end > start ? content_end : start,
                      content_end > start ? content_w : 0);
            pos += cl;
            start = content_end = pos;
            lw = content_w = 0;
            prev = 0;
            b.ok = false;
            continue;
        }
        cw = measure(ctx, s + pos, cl);
        if (is_space(c)) {
            /* a break after the run of spaces; spaces never overflow */
            if (content_end > start) {
                if (!(b.ok && b.next == pos && b.end == content_end)) {
                    b.ok = true;
                    b.end = content_end;
                    b.end_w = content_w;
                }
                b.next = pos + cl;
                b.next_w = lw + cw;
            }
            prev_w = lw;
            prev_off = pos;
            prev = c;
            lw += cw;
            pos += cl;
            continue;
        }
        if (prev && !is_space(prev) && can_break(prev, c)) {
            b.ok = true;
            b.end = b.next = pos;
            b.end_w = b.next_w = lw;
        }
        if (lw + cw > width && content_end > start) {
            size_t cut;
            double cut_w;
            double next_w;

            if (b.ok && b.end > start) {
                wrap_emit(w, start, b.end, b.end_w);
                cut = b.next;
                next_w = b.next_w;
            } else {
                /* no break point: cut the word, keeping a closing mark
                 * with the character before it */
                cut = pos;
                cut_w = lw;
                if (no_start(c) && prev && prev_off > start) {
                    cut = prev_off;
                    cut_w = prev_w;
                }
                wrap_emit(w, start, cut, cut_w);
                next_w = cut_w;
            }
            start = cut;
            lw -= next_w;
            if (content_end > start) {
                content_w -= next_w;
            } else {
                content_end = start;
                content_w = 0;
            }
            if (start == pos)
                prev = 0;
            prev_w -= next_w;
            b.ok = false;
            continue; /* look at this character again */
        }
        prev_w = lw;
        prev_off = pos;
        prev = c;
        lw += cw;
        pos += cl;
        content_end = pos;
        content_w = lw;
    }
    if (content_end > start)
        wrap_emit(w, start, content_end, content_w);
}

void sr_wrap_release(struct sr_wrap *w)
{
    free(w->lines);
    w->lines = NULL;
    w->n = w->alloc = 0;
}

/* --- errors --- */

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no,
                     void *user_data)
{
    struct sr_layout *L = user_data;

    if (!L->err) {
        L->err = error_no;
        L->err_detail = detail_no;
    }
}

static const char *hpdf_what(HPDF_STATUS e)
{
    switch (e) {
    case HPDF_FAILD_TO_ALLOC_MEM:
        return "out of memory";
    case HPDF_FILE_IO_ERROR:
        return "file i/o error";
    case HPDF_FILE_OPEN_ERROR:
        return "cannot open file";
    case HPDF_INVALID_TTC_FILE:
        return "invalid TrueType collection";
    case HPDF_INVALID_TTC_INDEX:
        return "no such face in the TrueType collection";
    case HPDF_TTF_CANNOT_EMBEDDING_FONT:
        return "the font does not allow embedding";
    case HPDF_TTF_INVALID_CMAP:
    case HPDF_TTF_INVALID_FOMAT:
    case HPDF_INVALID_FONTDEF_DATA:
        return "invalid TrueType font";
    default:
        return "see libharu's error list";
    }
}

enum sr_status sr_layout_check(const struct sr_layout *L, struct sr_diag *d)
{
    enum sr_status code;

    if (!L->err)
        return SR_OK;
    code = L->err == HPDF_FAILD_TO_ALLOC_MEM ? SR_ERR_NOMEM : SR_ERR_LIBRARY;
    return sr_diag_set(d, code, NULL, 0,
                       "cannot draw pdf: libharu error 0x%04X (detail %u): %s",
                       (unsigned)L->err, (unsigned)L->err_detail,
                       hpdf_what(L->err));
}

/* --- the document --- */

/*
 * With the UTF-8 encoder the codes in content streams are UTF-16 code
 * units (Identity-H, CID = code point), so the right /ToUnicode maps every
 * BMP code to itself.  A bfrange may only vary the last byte: one range
 * per high byte, surrogates left out, at most 100 per block.  This uses
 * libharu's object API (hpdf_objects.h), installed with its headers.
 */
static void fix_to_unicode(struct sr_layout *L)
{
    HPDF_Dict font = (HPDF_Dict)L->font;
    HPDF_Dict cmap;
    unsigned char rows[256];
    size_t nrows = 0;
    size_t i;
    char line[64];

    if (!HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT))
        return;
    for (i = 0; i < 256; i++) {
        if (i < 0xd8 || i > 0xdf)
            rows[nrows++] = (unsigned char)i;
    }
    cmap = HPDF_DictStream_New(L->pdf->mmgr, L->pdf->xref);
    if (!cmap)
        return;
    cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Stream_WriteStr(cmap->stream,
                         "/CIDInit /ProcSet findresource begin\n"
                         "12 dict begin\n"
                         "begincmap\n"
                         "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
                         "/Supplement 0 >> def\n"
                         "/CMapName /Adobe-Identity-UCS def\n"
                         "/CMapType 2 def\n"
                         "1 begincodespacerange\n"
                         "<0000> <FFFF>\n"
                         "endcodespacerange\n");
    for (i = 0; i < nrows; i++) {
        if (i % 100 == 0) {
            snprintf(line, sizeof(line), "%zu beginbfrange\n",
                     nrows - i < 100 ? nrows - i : (size_t)100);
            HPDF_Stream_WriteStr(cmap->stream, line);
        }
        snprintf(line, sizeof(line), "<%02X00> <%02XFF> <%02X00>\n", rows[i],
                 rows[i], rows[i]);
        HPDF_Stream_WriteStr(cmap->stream, line);
        if (i % 100 == 99 || i == nrows - 1)
            HPDF_Stream_WriteStr(cmap->stream, "endbfrange\n");
    }
    HPDF_Stream_WriteStr(cmap->stream,
                         "endcmap\n"
                         "CMapName currentdict /CMap defineresource pop\n"
                         "end\n"
                         "end\n");
    HPDF_Dict_Add(font, "ToUnicode", cmap);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

/* @s made safe for libharu: valid UTF-8 of BMP characters only */
static const char *sanitize(struct sr_layout *L, const char *s, size_t n)
{
    size_t pos = 0;

    sr_buf_reset(&L->scratch);
    while (pos < n) {
        char enc[4];
        uint32_t c;
        size_t cl = utf8_decode(s + pos, n - pos, &c);

        sr_buf_add(&L->scratch, enc, utf8_encode(drawable(c), enc));
        pos += cl;
    }
    return L->scratch.buf;
}

static void set_info(struct sr_layout *L, HPDF_InfoType type, const char *s)
{
    if (s && *s)
        HPDF_SetInfoAttr(L->pdf, type, sanitize(L, s, strlen(s)));
}

static void set_dates(struct sr_layout *L, time_t epoch)
{
    struct tm tm;
    HPDF_Date dt;

    if (!gmtime_r(&epoch, &tm))
        return;
    memset(&dt, 0, sizeof(dt));
    dt.year = tm.tm_year + 1900;
    dt.month = tm.tm_mon + 1;
    dt.day = tm.tm_mday;
    dt.hour = tm.tm_hour;
    dt.minutes = tm.tm_min;
    dt.seconds = tm.tm_sec > 59 ? 59 : tm.tm_sec;
    dt.ind = 'Z';
    HPDF_SetInfoDateAttr(L->pdf, HPDF_INFO_CREATION_DATE, dt);
    HPDF_SetInfoDateAttr(L->pdf, HPDF_INFO_MOD_DATE, dt);
}

enum sr_status sr_layout_new(struct sr_layout **out,
                             const struct sr_layout_info *info,
                             struct sr_diag *d)
{
    struct sr_layout *L = xcalloc(1, sizeof(*L));
    const char *name;
    enum sr_status rc;

    *out = NULL;
    sr_buf_init(&L->scratch);
    L->widths = xcalloc(0x10000, sizeof(*L->widths));
    L->font_path =
        xstrdup(info->font_path ? info->font_path : SR_LAYOUT_DEFAULT_FONT);
    L->header_left = dup_or_null(info->header_left);
    L->header_right = dup_or_null(info->header_right);
    L->header_right_color = info->header_right_color;
    L->foot = dup_or_null(info->foot);
    L->watermark =
        info->watermark && *info->watermark ? xstrdup(info->watermark) : NULL;
    L->watermark_color = info->watermark_color;
    L->protect = info->protect;
    L->id_seed = xstrdup(info->id_seed ? info->id_seed : "");
    L->epoch = info->epoch;

    L->pdf = HPDF_New(on_error, L);
    if (!L->pdf) {
        rc = sr_diag_set(d, SR_ERR_LIBRARY, NULL, 0,
                         "cannot start a pdf document: libharu out of memory");
        goto out_free;
    }
    /* the encoder first: info and outline texts depend on it */
    HPDF_SetCompressionMode(L->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(L->pdf);
    HPDF_SetCurrentEncoder(L->pdf, "UTF-8");
    L->utf8 = HPDF_GetEncoder(L->pdf, "UTF-8");
    rc = sr_layout_check(L, d);
    if (rc != SR_OK)
        goto out_free;

    name = HPDF_LoadTTFontFromFile2(
        L->pdf, L->font_path,
        (HPDF_UINT)(info->font_index < 0 ? 0 : info->font_index), HPDF_TRUE);
    if (name) {
        /* before the UTF-8 font asks for the glyph of every code point */
        L->glyphs = HPDF_GetFontDef(L->pdf, name);
        if (!sr_haru_glyphs_add(L->glyphs))
            L->glyphs = NULL;
        L->font = HPDF_GetFont(L->pdf, name, "UTF-8");
    }
    if (!name || !L->font || L->err) {
        rc = sr_diag_set(d, SR_ERR_LIBRARY, L->font_path, 0,
                         "cannot load font face %d: libharu error "
                         "0x%04X (detail %u): %s",
                         info->font_index, (unsigned)L->err,
                         (unsigned)L->err_detail, hpdf_what(L->err));
        goto out_free;
    }
    fix_to_unicode(L);
    HPDF_SetPageMode(L->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    set_info(L, HPDF_INFO_TITLE, info->title);
    set_info(L, HPDF_INFO_AUTHOR, info->author);
    set_info(L, HPDF_INFO_SUBJECT, info->subject);
    set_info(L, HPDF_INFO_CREATOR, info->creator);
    set_info(L, HPDF_INFO_KEYWORDS, info->keywords);
    set_dates(L, info->epoch);
    rc = sr_layout_check(L, d);
    if (rc != SR_OK)
        goto out_free;
    *out = L;
    return SR_OK;

out_free:
    sr_layout_free(L);
    return rc;
}

void sr_layout_free(struct sr_layout *L)
{
    size_t i;

    if (!L)
        return;
    sr_haru_glyphs_drop(L->glyphs);
    if (L->pdf)
        HPDF_Free(L->pdf);
    free(L->pages);
    free(L->pending);
    free(L->widths);
    for (i = 0; i < L->nmarks; i++)
        free(L->marks[i].text);
    free(L->marks);
    free(L->links);
    free(L->font_path);
    free(L->header_left);
    free(L->header_right);
    free(L->foot);
    free(L->watermark);
    free(L->id_seed);
    sr_buf_release(&L->scratch);
    free(L);
}

/* --- drawing primitives --- */

static double char_width(const struct sr_layout *L, const char *s, size_t n,
                         double size)
{
    char enc[4];
    uint32_t c;
    size_t en;
    HPDF_TextWidth tw;

    utf8_decode(s, n, &c);
    if (c <= 0xffff && L->widths && L->widths[c])
        return (L->widths[c] - 1) * size / 1000.0;
    en = utf8_encode(drawable(c), enc);
    tw = HPDF_Font_TextWidth(L->font, (const HPDF_BYTE *)enc, (HPDF_UINT)en);
    if (c <= 0xffff && L->widths && tw.width < UINT16_MAX)
        L->widths[c] = (uint16_t)(tw.width + 1);
    return tw.width * size / 1000.0;
}

struct measure_ctx {
    const struct sr_layout *L;
    double size;
};

static double measure_cb(void *ctx, const char *s, size_t n)
{
    const struct measure_ctx *mc = ctx;

    return char_width(mc->L, s, n, mc->size);
}

double sr_layout_measure(const struct sr_layout *L, const char *text,
                         double size)
{
    size_t len = strlen(text);
    size_t pos = 0;
    double w = 0;

    while (pos < len) {
        uint32_t c;
        size_t cl = utf8_decode(text + pos, len - pos, &c);

        w += char_width(L, text + pos, cl, size);
        pos += cl;
    }
    return w;
}

void sr_layout_wrap(const struct sr_layout *L, struct sr_wrap *w,
                    const char *text, double size, double width)
{
    struct measure_ctx mc = { L, size };

    sr_wrap_text(w, text, width, measure_cb, &mc);
}

static void set_fill(HPDF_Page p, struct sr_rgb c)
{
    HPDF_Page_SetRGBFill(p, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
}

static void set_stroke(HPDF_Page p, struct sr_rgb c)
{
    HPDF_Page_SetRGBStroke(p, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
}

/* draw s[0..n) with its left end at x on @baseline */
static void draw_run(struct sr_layout *L, HPDF_Page p, double x,
                     double baseline, double size, bool bold,
                     struct sr_rgb color, const char *s, size_t n)
{
    const char *t;

    if (L->err || !p || !n)
        return;
    t = sanitize(L, s, n);
    HPDF_Page_GSave(p);
    set_fill(p, color);
    if (bold) {
        set_stroke(p, color);
        HPDF_Page_SetLineWidth(p, (HPDF_REAL)(size * 0.04));
    }
    HPDF_Page_BeginText(p);
    HPDF_Page_SetFontAndSize(p, L->font, (HPDF_REAL)size);
    if (bold)
        HPDF_Page_SetTextRenderingMode(p, HPDF_FILL_THEN_STROKE);
    HPDF_Page_TextOut(p, (HPDF_REAL)x, (HPDF_REAL)baseline, t);
    HPDF_Page_EndText(p);
    HPDF_Page_GRestore(p);
}

/* draw s[0..n) of width @w aligned in [x0, x1] */
static void draw_aligned(struct sr_layout *L, HPDF_Page p, double x0, double x1,
                         double baseline, double size, bool bold,
                         struct sr_rgb color, enum sr_layout_align align,
                         const char *s, size_t n, double w)
{
    double x = x0;

    if (align == SR_ALIGN_CENTER)
        x = (x0 + x1 - w) / 2;
    else if (align == SR_ALIGN_RIGHT)
        x = x1 - w;
    draw_run(L, p, x, baseline, size, bold, color, s, n);
}

static void draw_line(struct sr_layout *L, double x0, double y0, double x1,
                      double y1, double width, struct sr_rgb color)
{
    HPDF_Page p = L->page;

    if (L->err || !p)
        return;
    HPDF_Page_GSave(p);
    set_stroke(p, color);
    HPDF_Page_SetLineWidth(p, (HPDF_REAL)width);
    HPDF_Page_MoveTo(p, (HPDF_REAL)x0, (HPDF_REAL)y0);
    HPDF_Page_LineTo(p, (HPDF_REAL)x1, (HPDF_REAL)y1);
    HPDF_Page_Stroke(p);
    HPDF_Page_GRestore(p);
}

/* a rectangle: filled with @fill when @filled, outlined when @line > 0 */
static void draw_rect(struct sr_layout *L, HPDF_Page p, double x, double y,
                      double w, double h, bool filled, struct sr_rgb fill,
                      double line, struct sr_rgb stroke)
{
    if (L->err || !p || (!filled && line <= 0))
        return;
    HPDF_Page_GSave(p);
    if (filled)
        set_fill(p, fill);
    if (line > 0) {
        set_stroke(p, stroke);
        HPDF_Page_SetLineWidth(p, (HPDF_REAL)line);
    }
    HPDF_Page_Rectangle(p, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w,
                        (HPDF_REAL)h);
    if (filled && line > 0)
        HPDF_Page_FillStroke(p);
    else if (filled)
        HPDF_Page_Fill(p);
    else
        HPDF_Page_Stroke(p);
    HPDF_Page_GRestore(p);
}

/* the baseline of a line of text at @size centred in a box from @top
 * down @h */
static double baseline_in(double top, double h, double size)
{
    return top - h / 2 - size * GLYPH_MIDDLE;
}

/* --- pages and the cursor --- */

static double top_y(void)
{
    return PAGE_H - MARGIN_TOP;
}

static bool at_top(const struct sr_layout *L)
{
    return L->page && L->y >= top_y() - 0.01;
}

static void flush_heading(struct sr_layout *L, double next_h);

static void add_page(struct sr_layout *L, bool running)
{
    HPDF_Page p;

    if (L->err)
        return;
    p = HPDF_AddPage(L->pdf);
    if (!p || L->err)
        return;
    HPDF_Page_SetWidth(p, (HPDF_REAL)PAGE_W);
    HPDF_Page_SetHeight(p, (HPDF_REAL)PAGE_H);
    if (L->npages == L->pages_alloc) {
        L->pages_alloc = L->pages_alloc ? L->pages_alloc * 2 : 16;
        L->pages = xreallocarray(L->pages, L->pages_alloc, sizeof(*L->pages));
    }
    L->pages[L->npages].page = p;
    L->pages[L->npages].running = running;
    L->npages++;
    L->page = p;
    L->y = top_y();
}

void sr_layout_page(struct sr_layout *L, bool running)
{
    flush_heading(L, 0);
    add_page(L, running);
}

size_t sr_layout_page_count(const struct sr_layout *L)
{
    return L->npages;
}

double sr_layout_text_width(const struct sr_layout *L)
{
    (void)L;
    return PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;
}

double sr_layout_body_height(const struct sr_layout *L)
{
    (void)L;
    return PAGE_H - MARGIN_TOP - MARGIN_BOTTOM;
}

double sr_layout_room(const struct sr_layout *L)
{
    if (!L->page)
        return 0;
    return L->y - MARGIN_BOTTOM;
}

/* a new running page unless @h fits below the cursor */
static void page_need(struct sr_layout *L, double h)
{
    if (!L->page || sr_layout_room(L) < h - 0.01)
        add_page(L, true);
}

/* move the cursor down, at most to the bottom margin */
static void down(struct sr_layout *L, double h)
{
    L->y -= h;
    if (L->y < MARGIN_BOTTOM)
        L->y = MARGIN_BOTTOM;
}

void sr_layout_need(struct sr_layout *L, double h)
{
    flush_heading(L, h);
    page_need(L, h);
}

void sr_layout_skip(struct sr_layout *L, double h)
{
    flush_heading(L, h);
    down(L, h);
}

/* space before a block, except at the top of a page */
static void space_before(struct sr_layout *L, double h)
{
    if (L->page && !at_top(L))
        down(L, h);
}

void sr_layout_goto(struct sr_layout *L, double frac)
{
    double y = top_y() - frac * sr_layout_body_height(L);

    flush_heading(L, 0);
    if (!L->page)
        add_page(L, true);
    if (y < L->y)
        L->y = y;
}

/* --- text --- */

struct sr_layout_style sr_layout_body_style(void)
{
    struct sr_layout_style st;

    memset(&st, 0, sizeof(st));
    st.size = 10.5;
    st.leading = 1.6;
    st.align = SR_ALIGN_LEFT;
    st.first_indent = 2;
    st.space_after = 4;
    return st;
}

static double leading_of(const struct sr_layout_style *st)
{
    return st->size * (st->leading > 0 ? st->leading : 1.5);
}

/*
 * Set one paragraph (no '\n' handling needed: sr_wrap_text() does it).
 * The first line is indented by first_indent em; continuation lines use
 * the full width.
 */
static void set_text(struct sr_layout *L, const struct sr_layout_style *st,
                     const char *text)
{
    struct sr_wrap w = { 0 };
    double width = sr_layout_text_width(L);
    double indent = st->first_indent * st->size;
    double lh = leading_of(st);
    struct sr_wrap rest = { 0 };
    size_t i;

    if (L->err)
        return;
    space_before(L, st->space_before);
    /* wrap the first line narrower, the rest at full width */
    sr_layout_wrap(L, &w, text, st->size, width - indent);
    if (w.n > 1 && indent > 0) {
        size_t off = w.lines[1].off;

        sr_layout_wrap(L, &rest, text + off, st->size, width);
        w.n = 1;
        for (i = 0; i < rest.n; i++)
            wrap_emit(&w, rest.lines[i].off + off,
                      rest.lines[i].off + off + rest.lines[i].len,
                      rest.lines[i].width);
    }
    for (i = 0; i < w.n; i++) {
        double x0 = MARGIN_LEFT + (i == 0 ? indent : 0);

        page_need(L, lh);
        draw_aligned(L, L->page, x0, MARGIN_LEFT + width,
                     baseline_in(L->y, lh, st->size), st->size, st->bold,
                     st->color, st->align, text + w.lines[i].off,
                     w.lines[i].len, w.lines[i].width);
        L->y -= lh;
    }
    down(L, st->space_after);
    sr_wrap_release(&rest);
    sr_wrap_release(&w);
}

void sr_layout_text(struct sr_layout *L, const struct sr_layout_style *st,
                    const char *text)
{
    /* a heading before keeps two lines of this with it */
    flush_heading(L, st->space_before + 2 * leading_of(st));
    set_text(L, st, text);
}

static struct sr_layout_style heading_style(int level, unsigned flags)
{
    struct sr_layout_style st = sr_layout_body_style();

    st.size = level <= 1 ? 15 : level == 2 ? 12 : 10.5;
    st.leading = 1.5;
    st.bold = true;
    st.first_indent = 0;
    st.space_before = level <= 1 ? 16 : level == 2 ? 10 : 6;
    st.space_after = level <= 1 ? 8 : 4;
    if (flags & SR_HEADING_CENTER) {
        st.size = 18;
        st.align = SR_ALIGN_CENTER;
        st.space_before = 10;
        st.space_after = 14;
    }
    return st;
}

static double heading_height(const struct sr_layout *L, int level,
                             unsigned flags, const char *text)
{
    struct sr_layout_style st = heading_style(level, flags);
    struct sr_wrap w = { 0 };
    double h;

    sr_layout_wrap(L, &w, text, st.size, sr_layout_text_width(L));
    h = st.space_before + (double)(w.n ? w.n : 1) * leading_of(&st) +
        st.space_after;
    sr_wrap_release(&w);
    return h;
}

static void add_mark(struct sr_layout *L, int level, const char *text, bool toc)
{
    struct sr_layout_mark *mk;

    if (L->nmarks == L->marks_alloc) {
        L->marks_alloc = L->marks_alloc ? L->marks_alloc * 2 : 16;
        L->marks = xreallocarray(L->marks, L->marks_alloc, sizeof(*L->marks));
    }
    mk = &L->marks[L->nmarks++];
    mk->level = level;
    mk->text = xstrdup(text);
    mk->page = L->npages;
    mk->toc = toc;
}

/* draw the pending heading, on a new page unless it and @next_h points of
 * what follows fit on this one */
static void flush_heading(struct sr_layout *L, double next_h)
{
    char *text = L->pending;
    int level = L->pending_level;
    unsigned flags = L->pending_flags;
    struct sr_layout_style st = heading_style(level, flags);
    double keep;
    HPDF_Outline parent;
    HPDF_Outline o;
    HPDF_Destination dst;

    if (!text)
        return;
    L->pending = NULL;
    if (L->err)
        goto out;
    keep = heading_height(L, level, flags, text) + next_h;
    if (keep > sr_layout_body_height(L))
        keep = heading_height(L, level, flags, text) + 4 * 10.5 * 1.6;
    page_need(L, keep);
    if (L->err)
        goto out;
    add_mark(L, level, text, !(flags & SR_HEADING_NO_TOC));
    if (!(flags & SR_HEADING_NO_BOOKMARK)) {
        parent = level <= 1 || !L->chapter ? NULL : L->chapter;
        if (level >= 3 && L->section)
            parent = L->section;
        o = HPDF_CreateOutline(L->pdf, parent, sanitize(L, text, strlen(text)),
                               L->utf8);
        if (o) {
            dst = HPDF_Page_CreateDestination(L->page);
            if (dst)
                HPDF_Outline_SetDestination(o, dst);
            if (level <= 1) {
                L->chapter = o;
                L->section = NULL;
                HPDF_Outline_SetOpened(o, HPDF_TRUE);
            } else if (level == 2) {
                L->section = o;
            }
        }
    }
    set_text(L, &st, text);
out:
    free(text);
}

void sr_layout_heading_ex(struct sr_layout *L, int level, const char *text,
                          unsigned flags)
{
    /* two headings in a row: the first keeps the second with it */
    flush_heading(L, heading_height(L, level, flags, text) + 2 * 10.5 * 1.6);
    L->pending = xstrdup(text);
    L->pending_level = level < 1 ? 1 : level > 3 ? 3 : level;
    L->pending_flags = flags;
}

void sr_layout_heading(struct sr_layout *L, int level, const char *text)
{
    sr_layout_heading_ex(L, level, text, 0);
}

const struct sr_layout_mark *sr_layout_marks(const struct sr_layout *L,
                                             size_t *n)
{
    *n = L->nmarks;
    return L->marks;
}

void sr_layout_toc_line(struct sr_layout *L, int level, const char *text,
                        const char *page_text, size_t target)
{
    struct sr_wrap w = { 0 };
    double size = level <= 1 ? 11 : 10.5;
    double lh = size * 1.75;
    double width = sr_layout_text_width(L);
    double indent = (double)(level > 1 ? level - 1 : 0) * 2 * size;
    double pw = sr_layout_measure(L, page_text, size);
    double room = width - indent - 3 * size - pw;
    double x1 = MARGIN_LEFT + width;
    double top;
    double tx;
    double base = 0;
    double dot = sr_layout_measure(L, ".", size);
    bool bold = level <= 1;
    struct sr_buf dots = SR_BUF_INIT;
    size_t i;

    if (L->err)
        return;
    flush_heading(L, lh);
    sr_layout_wrap(L, &w, text, size, room);
    if (!w.n)
        goto out;
    page_need(L, lh * (double)w.n);
    top = L->y;
    for (i = 0; i < w.n; i++) {
        base = baseline_in(L->y, lh, size);
        draw_run(L, L->page, MARGIN_LEFT + indent, base, size, bold, black,
                 text + w.lines[i].off, w.lines[i].len);
        if (i + 1 < w.n)
            L->y -= lh;
    }
    /* dot leaders from the end of the last line to the page number */
    tx = MARGIN_LEFT + indent + w.lines[w.n - 1].width + size * 0.5;
    while (dot > 0 && tx + (double)(dots.len + 1) * dot < x1 - pw - size * 0.5)
        sr_buf_addch(&dots, '.');
    draw_run(L, L->page, tx, base, size, false, grey, dots.buf, dots.len);
    draw_run(L, L->page, x1 - pw, base, size, bold, black, page_text,
             strlen(page_text));
    L->y -= lh;
    if (target && L->npages) {
        struct link *k;

        if (L->nlinks == L->links_alloc) {
            L->links_alloc = L->links_alloc ? L->links_alloc * 2 : 16;
            L->links =
                xreallocarray(L->links, L->links_alloc, sizeof(*L->links));
        }
        k = &L->links[L->nlinks++];
        k->page = L->npages - 1;
        k->x0 = MARGIN_LEFT + indent;
        k->x1 = x1;
        k->y0 = L->y;
        k->y1 = top;
        k->target = target - 1;
    }
out:
    sr_buf_release(&dots);
    sr_wrap_release(&w);
}

void sr_layout_stamp(struct sr_layout *L, const char *text, double size,
                     enum sr_layout_align align, struct sr_rgb color)
{
    double tw;
    double bw;
    double bh = size * 1.7;
    double x;
    double width = sr_layout_text_width(L);

    if (L->err)
        return;
    flush_heading(L, bh + 4);
    page_need(L, bh + 4);
    tw = sr_layout_measure(L, text, size);
    bw = tw + size * 1.2;
    x = MARGIN_LEFT;
    if (align == SR_ALIGN_CENTER)
        x = MARGIN_LEFT + (width - bw) / 2;
    else if (align == SR_ALIGN_RIGHT)
        x = MARGIN_LEFT + width - bw;
    draw_rect(L, L->page, x, L->y - bh, bw, bh, false, color, 1.5, color);
    draw_rect(L, L->page, x + 2.5, L->y - bh + 2.5, bw - 5, bh - 5, false,
              color, 0.5, color);
    draw_run(L, L->page, x + (bw - tw) / 2, baseline_in(L->y, bh, size), size,
             true, color, text, strlen(text));
    L->y -= bh + 4;
}

void sr_layout_rule(struct sr_layout *L, double width, struct sr_rgb color)
{
    flush_heading(L, width + 2);
    page_need(L, width + 2);
    draw_line(L, MARGIN_LEFT, L->y - width / 2,
              MARGIN_LEFT + sr_layout_text_width(L), L->y - width / 2, width,
              color);
    L->y -= width + 2;
}

void sr_layout_kpis(struct sr_layout *L, const struct sr_layout_kpi *k,
                    size_t n)
{
    const double gap = 14;
    const double h = 66;
    double width = sr_layout_text_width(L);
    double bw;
    size_t i;

    if (L->err || !n)
        return;
    flush_heading(L, h + 14);
    space_before(L, 6);
    page_need(L, h + 8);
    bw = (width - gap * (double)(n - 1)) / (double)n;
    for (i = 0; i < n; i++) {
        double x = MARGIN_LEFT + (double)i * (bw + gap);
        double top = L->y;
        const char *v = k[i].value ? k[i].value : "";

        draw_rect(L, L->page, x, top - h, bw, h, true, kpi_fill, 0.8, kpi_blue);
        draw_aligned(L, L->page, x, x + bw, baseline_in(top - 4, 14, 9), 9,
                     false, grey, SR_ALIGN_CENTER, k[i].label,
                     strlen(k[i].label), sr_layout_measure(L, k[i].label, 9));
        draw_aligned(L, L->page, x, x + bw, baseline_in(top - 18, 30, 22), 22,
                     true, kpi_blue, SR_ALIGN_CENTER, v, strlen(v),
                     sr_layout_measure(L, v, 22));
        if (k[i].note)
            draw_aligned(L, L->page, x, x + bw, baseline_in(top - 49, 13, 8), 8,
                         false, grey, SR_ALIGN_CENTER, k[i].note,
                         strlen(k[i].note), sr_layout_measure(L, k[i].note, 8));
    }
    L->y -= h + 8;
}

/* --- running heads and feet --- */

/* @text on one line at most @width wide, cut with "…" if longer */
static void draw_clipped(struct sr_layout *L, HPDF_Page p, double x,
                         double baseline, double size, struct sr_rgb color,
                         const char *text, double width)
{
    struct sr_wrap w = { 0 };
    struct sr_buf b = SR_BUF_INIT;
    double ell = sr_layout_measure(L, "…", size);

    if (sr_layout_measure(L, text, size) <= width) {
        draw_run(L, p, x, baseline, size, false, color, text, strlen(text));
        return;
    }
    sr_layout_wrap(L, &w, text, size, width - ell);
    if (w.n)
        sr_buf_add(&b, text + w.lines[0].off, w.lines[0].len);
    sr_buf_addstr(&b, "…");
    draw_run(L, p, x, baseline, size, false, color, b.buf, b.len);
    sr_buf_release(&b);
    sr_wrap_release(&w);
}

/* @fmt with "{page}" and "{pages}" replaced */
static void foot_text(struct sr_buf *b, const char *fmt, size_t page,
                      size_t pages)
{
    const char *p = fmt;

    while (*p) {
        if (!strncmp(p, "{page}", 6)) {
            sr_buf_addf(b, "%zu", page);
            p += 6;
        } else if (!strncmp(p, "{pages}", 7)) {
            sr_buf_addf(b, "%zu", pages);
            p += 7;
        } else {
            sr_buf_addch(b, *p++);
        }
    }
}

static void running_marks(struct sr_layout *L, size_t i)
{
    HPDF_Page p = L->pages[i].page;
    double x1 = PAGE_W - MARGIN_RIGHT;
    double right_w = 0;

    if (L->header_right) {
        double tw = sr_layout_measure(L, L->header_right, HEAD_SIZE);
        double bx = x1 - tw - 6;

        right_w = tw + 6;
        draw_rect(L, p, bx, HEAD_BASE - 3.5, tw + 6, HEAD_SIZE + 4.5, false,
                  L->header_right_color, 0.7, L->header_right_color);
        draw_run(L, p, bx + 3, HEAD_BASE, HEAD_SIZE, true,
                 L->header_right_color, L->header_right,
                 strlen(L->header_right));
    }
    if (L->header_left)
        draw_clipped(L, p, MARGIN_LEFT, HEAD_BASE, HEAD_SIZE, grey,
                     L->header_left, sr_layout_text_width(L) - right_w - 18);
    if (!L->err) {
        HPDF_Page_GSave(p);
        set_stroke(p, rule_grey);
        HPDF_Page_SetLineWidth(p, 0.6f);
        HPDF_Page_MoveTo(p, (HPDF_REAL)MARGIN_LEFT, (HPDF_REAL)HEAD_RULE);
        HPDF_Page_LineTo(p, (HPDF_REAL)x1, (HPDF_REAL)HEAD_RULE);
        HPDF_Page_Stroke(p);
        HPDF_Page_GRestore(p);
    }
    if (L->foot) {
        struct sr_buf b = SR_BUF_INIT;

        foot_text(&b, L->foot, i + 1, L->npages);
        draw_aligned(L, p, MARGIN_LEFT, x1, FOOT_BASE, HEAD_SIZE, false, grey,
                     SR_ALIGN_CENTER, b.buf, b.len,
                     sr_layout_measure(L, b.buf, HEAD_SIZE));
        sr_buf_release(&b);
    }
}

/* the diagonal watermark of page @i: light, above the content, in the
 * middle of the page, as large as fits the diagonal (at most 54 pt) */
static void watermark(struct sr_layout *L, size_t i, HPDF_ExtGState gs)
{
    HPDF_Page p = L->pages[i].page;
    const char *t = L->watermark;
    double angle = atan2(PAGE_H, PAGE_W) * 0.8;
    double c = cos(angle);
    double sn = sin(angle);
    double w1 = sr_layout_measure(L, t, 1);
    double size = w1 > 0 ? 0.62 * hypot(PAGE_W, PAGE_H) / w1 : 40;
    double w;
    double x;
    double y;

    if (L->err || !p)
        return;
    if (size > 54)
        size = 54;
    w = w1 * size;
    /* marked as a watermark artifact whose text is nothing: readers
     * (poppler's pdftotext, screen readers) leave it out of the page's
     * text, which it would otherwise cut into at random places */
    HPDF_Stream_WriteStr(((HPDF_PageAttr)p->attr)->stream,
                         "/Artifact <</Type /Pagination /Subtype /Watermark>> "
                         "BDC\n/Span <</ActualText ()>> BDC\n");
    /* the text's centre at the page's centre */
    x = PAGE_W / 2 - c * w / 2 + sn * size * GLYPH_MIDDLE;
    y = PAGE_H / 2 - sn * w / 2 - c * size * GLYPH_MIDDLE;
    HPDF_Page_GSave(p);
    if (gs)
        HPDF_Page_SetExtGState(p, gs);
    set_fill(p, L->watermark_color);
    HPDF_Page_BeginText(p);
    HPDF_Page_SetFontAndSize(p, L->font, (HPDF_REAL)size);
    HPDF_Page_SetTextMatrix(p, (HPDF_REAL)c, (HPDF_REAL)sn, (HPDF_REAL)-sn,
                            (HPDF_REAL)c, (HPDF_REAL)x, (HPDF_REAL)y);
    HPDF_Page_ShowText(p, sanitize(L, t, strlen(t)));
    HPDF_Page_EndText(p);
    HPDF_Page_GRestore(p);
    HPDF_Stream_WriteStr(((HPDF_PageAttr)p->attr)->stream, "EMC\nEMC\n");
}

/* the table of contents links: a destination at the top of the target */
static void make_links(struct sr_layout *L)
{
    size_t i;

    for (i = 0; i < L->nlinks && !L->err; i++) {
        const struct link *k = &L->links[i];
        HPDF_Rect r;
        HPDF_Destination dst;
        HPDF_Annotation a;

        if (k->page >= L->npages || k->target >= L->npages)
            continue;
        dst = HPDF_Page_CreateDestination(L->pages[k->target].page);
        if (!dst)
            continue;
        r.left = (HPDF_REAL)k->x0;
        r.bottom = (HPDF_REAL)k->y0;
        r.right = (HPDF_REAL)k->x1;
        r.top = (HPDF_REAL)k->y1;
        a = HPDF_Page_CreateLinkAnnot(L->pages[k->page].page, r, dst);
        if (a) {
            HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
            HPDF_LinkAnnot_SetHighlightMode(a, HPDF_ANNOT_NO_HIGHTLIGHT);
        }
    }
}

/*
 * libharu's HPDF_SaveToFile() with encryption hashes time() into the file
 * ID, from which the RC4 key is derived: the bytes would differ on every
 * run.  This does what its InternalSaveToStream() does (header, trailer,
 * encryption dictionary, objects) with an ID and an owner password that
 * are MD5 hashes of the epoch and the seed, through libharu's installed
 * object API (hpdf_encrypt.h, hpdf_encryptdict.h).
 *
 * Permissions (PDF 32000-1 table 22): print (bit 3) and print at high
 * resolution (bit 12, 2048), extract for accessibility (bit 10); not
 * copy, modify, annotate, fill forms or assemble; bits 7-8 and 13-32 are
 * 1 as the standard requires.
 */
#define PERMISSIONS 0xFFFFFAC4u

static void md5_of(const struct sr_layout *L, const char *what,
                   HPDF_BYTE out[16])
{
    HPDF_MD5_CTX ctx;
    char epoch[32];

    snprintf(epoch, sizeof(epoch), "%lld", (long long)L->epoch);
    HPDF_MD5Init(&ctx);
    HPDF_MD5Update(&ctx, (const HPDF_BYTE *)what, (HPDF_UINT32)strlen(what));
    HPDF_MD5Update(&ctx, (const HPDF_BYTE *)epoch, (HPDF_UINT32)strlen(epoch));
    HPDF_MD5Update(&ctx, (const HPDF_BYTE *)L->id_seed,
                   (HPDF_UINT32)strlen(L->id_seed));
    HPDF_MD5Final(out, &ctx);
}

static void save_protected(struct sr_layout *L, const char *path)
{
    HPDF_Doc pdf = L->pdf;
    HPDF_BYTE owner[16];
    char owner_hex[33];
    HPDF_Encrypt e;
    HPDF_Dict dict;
    HPDF_Array id;
    HPDF_Stream s;
    size_t i;

    md5_of(L, "owner", owner);
    for (i = 0; i < 16; i++)
        snprintf(owner_hex + 2 * i, 3, "%02x", owner[i]);
    HPDF_SetPassword(pdf, owner_hex, "");
    HPDF_SetPermission(pdf, PERMISSIONS);
    HPDF_SetEncryptionMode(pdf, HPDF_ENCRYPT_R3, 16);
    if (L->err)
        return;
    e = HPDF_EncryptDict_GetAttr(pdf->encrypt_dict);
    dict = pdf->encrypt_dict;
    s = HPDF_FileWriter_New(pdf->mmgr, path);
    if (!e || !s || L->err)
        goto out;
    HPDF_Stream_WriteStr(s, "%PDF-1.4\012%\267\276\255\252\012");
    HPDF_Dict_Add(pdf->trailer, "Root", pdf->catalog);
    HPDF_Dict_Add(pdf->trailer, "Info", pdf->info);
    md5_of(L, "id", e->encrypt_id);
    HPDF_Encrypt_CreateOwnerKey(e);
    HPDF_Encrypt_CreateEncryptionKey(e);
    HPDF_Encrypt_CreateUserKey(e);
    HPDF_Dict_Add(dict, "O",
                  HPDF_Binary_New(pdf->mmgr, e->owner_key, HPDF_PASSWD_LEN));
    HPDF_Dict_Add(dict, "U",
                  HPDF_Binary_New(pdf->mmgr, e->user_key, HPDF_PASSWD_LEN));
    HPDF_Dict_AddName(dict, "Filter", "Standard");
    HPDF_Dict_AddNumber(dict, "V", 2);
    HPDF_Dict_AddNumber(dict, "R", 3);
    HPDF_Dict_AddNumber(dict, "Length", (HPDF_INT32)(e->key_len * 8));
    HPDF_Dict_AddNumber(dict, "P", (HPDF_INT32)e->permission);
    id = HPDF_Array_New(pdf->mmgr);
    if (!id || L->err)
        goto out;
    HPDF_Dict_Add(pdf->trailer, "ID", id);
    HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, e->encrypt_id, HPDF_ID_LEN));
    HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, e->encrypt_id, HPDF_ID_LEN));
    if (!L->err)
        HPDF_Xref_WriteToStream(pdf->xref, s, e);
out:
    if (s)
        HPDF_Stream_Free(s);
    /* the internal calls record errors without calling the handler (as
     * HPDF_SaveToFile() does at its end, by HPDF_CheckError()) */
    if (!L->err && HPDF_GetError(pdf) != HPDF_OK) {
        L->err = HPDF_GetError(pdf);
        L->err_detail = HPDF_GetErrorDetail(pdf);
    }
}

enum sr_status sr_layout_save(struct sr_layout *L, const char *path,
                              struct sr_diag *d)
{
    enum sr_status rc;
    size_t i;

    flush_heading(L, 0);
    rc = sr_layout_check(L, d);
    if (rc != SR_OK)
        return rc;
    for (i = 0; i < L->npages; i++) {
        if (L->pages[i].running)
            running_marks(L, i);
    }
    if (L->watermark) {
        HPDF_ExtGState gs = HPDF_CreateExtGState(L->pdf);

        if (gs)
            HPDF_ExtGState_SetAlphaFill(gs, 0.16f);
        for (i = 0; i < L->npages; i++)
            watermark(L, i, gs);
    }
    make_links(L);
    rc = sr_layout_check(L, d);
    if (rc != SR_OK)
        return rc;
    errno = 0;
    if (L->protect)
        save_protected(L, path);
    else
        HPDF_SaveToFile(L->pdf, path);
    if (L->err) {
        enum sr_status code =
            L->err == HPDF_FAILD_TO_ALLOC_MEM ? SR_ERR_NOMEM : SR_ERR_WRITE;
        int err = errno; /* the failed write's: a full disk, say */
        bool io =
            L->err == HPDF_FILE_IO_ERROR || L->err_detail == HPDF_FILE_IO_ERROR;

        if (io && err)
            return sr_diag_set(d, code, path, 0, "cannot write pdf: %s",
                               strerror(err));
        return sr_diag_set(d, code, path, 0,
                           "cannot write pdf: libharu error 0x%04X "
                           "(detail %u): %s",
                           (unsigned)L->err, (unsigned)L->err_detail,
                           hpdf_what(L->err));
    }
    return SR_OK;
}

/* --- tables --- */

#define TABLE_SIZE 9.0
#define TABLE_PAD  3.5
#define TABLE_LEAD 1.4

struct sr_layout_table {
    struct sr_layout *L;
    size_t ncols;
    double *x; /* ncols + 1 column edges */
    enum sr_layout_align *align;
    char **titles;
    char *caption;      /* NULL once drawn */
    size_t header_page; /* page count when the header was drawn; 0 never */
    size_t nrows;
    size_t keep;        /* rows kept with the header at the start */
    double min_row;     /* least height of a body row */
    struct sr_wrap *cw; /* per column scratch */
};

struct sr_layout_table *sr_layout_table_begin(struct sr_layout *L,
                                              const char *caption,
                                              const struct sr_layout_column *c,
                                              size_t ncols)
{
    struct sr_layout_table *t = xcalloc(1, sizeof(*t));
    double total = 0;
    double width = sr_layout_text_width(L);
    size_t i;

    t->L = L;
    t->ncols = ncols;
    t->x = xcalloc(ncols + 1, sizeof(*t->x));
    t->align = xcalloc(ncols ? ncols : 1, sizeof(*t->align));
    t->titles = xcalloc(ncols ? ncols : 1, sizeof(*t->titles));
    t->cw = xcalloc(ncols ? ncols : 1, sizeof(*t->cw));
    t->caption = dup_or_null(caption);
    t->keep = 2;
    for (i = 0; i < ncols; i++)
        total += c[i].width > 0 ? c[i].width : 1;
    t->x[0] = MARGIN_LEFT;
    for (i = 0; i < ncols; i++) {
        double cwid = c[i].width > 0 ? c[i].width : 1;

        t->x[i + 1] = t->x[i] + width * cwid / total;
        t->align[i] = c[i].align;
        t->titles[i] = xstrdup(c[i].title ? c[i].title : "");
    }
    return t;
}

void sr_layout_table_keep(struct sr_layout_table *t, size_t rows)
{
    t->keep = rows;
}

void sr_layout_table_min_row(struct sr_layout_table *t, double h)
{
    t->min_row = h > 0 ? h : 0;
}

double sr_layout_table_fit(const struct sr_layout *L, const char *text)
{
    return sr_layout_measure(L, text, TABLE_SIZE) + 2 * TABLE_PAD + 1;
}

/* wrap every cell of a row; returns the row height (lines capped so the
 * row fits on an empty page under the header) */
static double table_wrap(struct sr_layout_table *t,
                         const struct sr_layout_cell *cells, size_t max_lines)
{
    struct sr_layout *L = t->L;
    size_t lines = 1;
    size_t i;

    for (i = 0; i < t->ncols; i++) {
        double w = t->x[i + 1] - t->x[i] - 2 * TABLE_PAD;

        sr_layout_wrap(L, &t->cw[i], cells[i].text ? cells[i].text : "",
                       TABLE_SIZE, w);
        if (max_lines && t->cw[i].n > max_lines)
            t->cw[i].n = max_lines;
        if (t->cw[i].n > lines)
            lines = t->cw[i].n;
    }
    return (double)lines * TABLE_SIZE * TABLE_LEAD + 2 * TABLE_PAD;
}

static struct sr_rgb cell_color(unsigned flags)
{
    if (flags & SR_CELL_ALERT)
        return alert_red;
    if (flags & SR_CELL_GOOD)
        return good_green;
    if (flags & SR_CELL_MUTED)
        return grey;
    return black;
}

/* draw the wrapped row (t->cw) at the cursor, @h high */
static void table_draw(struct sr_layout_table *t,
                       const struct sr_layout_cell *cells, double h,
                       bool header)
{
    struct sr_layout *L = t->L;
    double lh = TABLE_SIZE * TABLE_LEAD;
    double top = L->y;
    size_t i;
    size_t j;

    if (header)
        draw_rect(L, L->page, t->x[0], top - h, t->x[t->ncols] - t->x[0], h,
                  true, head_fill, 0, black);
    else if (t->nrows % 2 == 1)
        draw_rect(L, L->page, t->x[0], top - h, t->x[t->ncols] - t->x[0], h,
                  true, zebra_fill, 0, black);
    for (i = 0; i < t->ncols; i++) {
        const struct sr_wrap *w = &t->cw[i];
        double block = (double)w->n * lh;
        double y = top - (h - block) / 2;
        const char *text = cells[i].text ? cells[i].text : "";
        bool bold = header || (cells[i].flags & SR_CELL_STRONG);
        enum sr_layout_align al = header ? SR_ALIGN_CENTER : t->align[i];

        for (j = 0; j < w->n; j++) {
            draw_aligned(L, L->page, t->x[i] + TABLE_PAD,
                         t->x[i + 1] - TABLE_PAD,
                         baseline_in(y, lh, TABLE_SIZE), TABLE_SIZE, bold,
                         cell_color(cells[i].flags), al, text + w->lines[j].off,
                         w->lines[j].len, w->lines[j].width);
            y -= lh;
        }
    }
    /* the grid: top (again: the fill may cover half the line above),
     * bottom, verticals */
    draw_line(L, t->x[0], top, t->x[t->ncols], top, header ? 0.9 : 0.4,
              grid_grey);
    draw_line(L, t->x[0], top - h, t->x[t->ncols], top - h, header ? 0.7 : 0.4,
              grid_grey);
    for (i = 0; i <= t->ncols; i++)
        draw_line(L, t->x[i], top, t->x[i], top - h, 0.4, grid_grey);
    L->y = top - h;
}

static double table_header_height(struct sr_layout_table *t,
                                  struct sr_layout_cell *hc)
{
    size_t i;

    for (i = 0; i < t->ncols; i++) {
        hc[i].text = t->titles[i];
        hc[i].flags = SR_CELL_STRONG;
    }
    return table_wrap(t, hc, 0);
}

void sr_layout_table_row(struct sr_layout_table *t,
                         const struct sr_layout_cell *cells)
{
    struct sr_layout *L = t->L;
    struct sr_layout_cell *hc;
    struct sr_layout_style cap = sr_layout_body_style();
    double hh;
    double rh;
    double cap_h = 0;
    double lh = TABLE_SIZE * TABLE_LEAD;
    size_t max_lines;

    if (L->err || !t->ncols)
        return;
    hc = xcalloc(t->ncols, sizeof(*hc));
    hh = table_header_height(t, hc);
    max_lines = (size_t)((sr_layout_body_height(L) - hh - 2 * TABLE_PAD -
                          (t->caption ? 40 : 0)) /
                         lh);
    if (max_lines < 1)
        max_lines = 1;
    rh = table_wrap(t, cells, max_lines);
    if (rh < t->min_row)
        rh = t->min_row;

    cap.size = 10;
    cap.bold = true;
    cap.first_indent = 0;
    cap.align = SR_ALIGN_CENTER;
    cap.space_before = 6;
    cap.space_after = 3;
    if (t->caption)
        cap_h = cap.space_before + leading_of(&cap) + cap.space_after;
    if (!t->nrows) {
        /* the start: caption, header and the first rows together */
        double keep = cap_h + hh + rh * (double)(t->keep ? t->keep : 1);

        if (keep > sr_layout_body_height(L))
            keep = cap_h + hh + rh;
        flush_heading(L, keep);
        page_need(L, keep);
    } else if (t->header_page != L->npages) {
        page_need(L, hh + rh);
    } else {
        page_need(L, rh);
    }
    if (t->caption) {
        set_text(L, &cap, t->caption);
        free(t->caption);
        t->caption = NULL;
    }
    if (t->header_page != L->npages) {
        table_header_height(t, hc);
        table_draw(t, hc, hh, true);
        t->header_page = L->npages;
        table_wrap(t, cells, max_lines);
    }
    table_draw(t, cells, rh, false);
    t->nrows++;
    free(hc);
}

void sr_layout_table_row_text(struct sr_layout_table *t,
                              const char *const *texts)
{
    struct sr_layout_cell *cells =
        xcalloc(t->ncols ? t->ncols : 1, sizeof(*cells));
    size_t i;

    for (i = 0; i < t->ncols; i++)
        cells[i].text = texts[i];
    sr_layout_table_row(t, cells);
    free(cells);
}

void sr_layout_table_end(struct sr_layout_table *t)
{
    size_t i;

    if (!t)
        return;
    down(t->L, 10);
    for (i = 0; i < t->ncols; i++) {
        free(t->titles[i]);
        sr_wrap_release(&t->cw[i]);
    }
    free(t->titles);
    free(t->cw);
    free(t->align);
    free(t->x);
    free(t->caption);
    free(t);
}

/* --- charts --- */

#define CHART_LABEL   9.0 /* category labels */
#define CHART_SMALL   8.0 /* ticks, values, legend */
#define CHART_BAR     13.0
#define CHART_SLOT    24.0
#define CHART_VALUES  34.0 /* room right of the axis for value labels */
#define CHART_FRAME   58.0 /* gap, tick labels, axis label, legend */
#define CHART_HEADING 60.0 /* kept free for a heading before a long chart */

static double clamp(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static void chart_legend(struct sr_layout *L,
                         const struct sr_layout_bar_chart *c, double y)
{
    double width = sr_layout_text_width(L);
    const char *vl = c->value_legend ? c->value_legend : "";
    const char *tl = c->target_legend;
    double w1 = 12 + 4 + sr_layout_measure(L, vl, CHART_SMALL);
    double w2 = tl ? 18 + 8 + 4 + sr_layout_measure(L, tl, CHART_SMALL) : 0;
    double x = MARGIN_LEFT + (width - w1 - w2) / 2;
    double base = y - CHART_SMALL;

    draw_rect(L, L->page, x, base - 1, 12, 8, true, bar_blue, 0, black);
    draw_run(L, L->page, x + 16, base, CHART_SMALL, false, black, vl,
             strlen(vl));
    if (tl) {
        x += w1 + 18;
        draw_line(L, x + 4, base - 3, x + 4, base + 8, 1.6, target_red);
        draw_run(L, L->page, x + 12, base, CHART_SMALL, false, black, tl,
                 strlen(tl));
    }
}

void sr_layout_bar_chart(struct sr_layout *L,
                         const struct sr_layout_bar_chart *c)
{
    struct sr_wrap w = { 0 };
    double width = sr_layout_text_width(L);
    double label_w = 0;
    double max_label = width * 0.28;
    double title_h = c->title ? 22 : 0;
    double slot;
    double plot_h;
    double total;
    double x0;
    double x1;
    double top;
    double bottom;
    double span = c->max - c->min;
    double tick = c->tick > 0 ? c->tick : span / 5;
    double lh = CHART_LABEL * 1.3;
    size_t max_lines = 1;
    size_t per_page;
    size_t i;
    size_t j;

    if (L->err || !c->nbars || !(span > 0))
        return;
    for (i = 0; i < c->nbars; i++) {
        double lw = sr_layout_measure(L, c->bars[i].label, CHART_LABEL);

        if (lw > label_w)
            label_w = lw;
        sr_layout_wrap(L, &w, c->bars[i].label, CHART_LABEL, max_label);
        if (w.n > max_lines)
            max_lines = w.n;
    }
    if (label_w > max_label)
        label_w = max_label;
    slot = CHART_SLOT;
    if ((double)max_lines * lh + 6 > slot)
        slot = (double)max_lines * lh + 6;
    /* more bars than a page holds: one chart per page, "（续）" */
    /* (room for a heading above the first part) */
    per_page = (size_t)((sr_layout_body_height(L) - CHART_FRAME - title_h - 16 -
                         CHART_HEADING) /
                        slot);
    if (per_page < 1)
        per_page = 1;
    if (c->nbars > per_page) {
        struct sr_layout_bar_chart part = *c;
        struct sr_buf title = SR_BUF_INIT;
        size_t parts = (c->nbars + per_page - 1) / per_page;

        /* as many bars on each page */
        per_page = (c->nbars + parts - 1) / parts;
        for (i = 0; i < c->nbars; i += per_page) {
            part.bars = c->bars + i;
            part.nbars = c->nbars - i < per_page ? c->nbars - i : per_page;
            if (i && c->title) {
                sr_buf_reset(&title);
                sr_buf_addf(&title, "%s%s", c->title,
                            c->cont ? c->cont : "（续）");
                part.title = title.buf;
            }
            sr_layout_bar_chart(L, &part);
        }
        sr_buf_release(&title);
        goto out;
    }
    plot_h = slot * (double)c->nbars;
    /* title, plot, tick labels, axis label, legend */
    total = title_h + plot_h + CHART_FRAME;
    flush_heading(L, total + 16);
    space_before(L, 8);
    page_need(L, total + 8);

    if (c->title) {
        draw_aligned(L, L->page, MARGIN_LEFT, MARGIN_LEFT + width,
                     baseline_in(L->y, title_h, 10), 10, true, black,
                     SR_ALIGN_CENTER, c->title, strlen(c->title),
                     sr_layout_measure(L, c->title, 10));
        L->y -= title_h;
    }
    L->y -= 6;
    x0 = MARGIN_LEFT + label_w + 10;
    x1 = MARGIN_LEFT + width - CHART_VALUES;
    top = L->y;
    bottom = top - plot_h;

    /* grid lines and tick labels */
    for (j = 0;; j++) {
        double v = c->min + tick * (double)j;
        double x;
        char lab[32];

        if (v > c->max + tick * 1e-9)
            break;
        x = x0 + (x1 - x0) * (v - c->min) / span;
        draw_line(L, x, top, x, bottom, 0.4, light_grid);
        draw_line(L, x, bottom, x, bottom - 3, 0.6, black);
        snprintf(lab, sizeof(lab), "%g", v);
        draw_aligned(L, L->page, x - 20, x + 20, bottom - 4 - CHART_SMALL,
                     CHART_SMALL, false, black, SR_ALIGN_CENTER, lab,
                     strlen(lab), sr_layout_measure(L, lab, CHART_SMALL));
    }
    draw_line(L, x0, bottom, x1, bottom, 0.8, black);
    draw_line(L, x0, top, x0, bottom, 0.8, black);

    for (i = 0; i < c->nbars; i++) {
        const struct sr_layout_bar *b = &c->bars[i];
        double st = top - slot * (double)i;
        double by = st - (slot + CHART_BAR) / 2; /* bar bottom */
        double bx1 = x0;
        double ly;
        const char *vt = b->value_text ? b->value_text : "";
        double vw = sr_layout_measure(L, vt, CHART_SMALL);
        double vx;

        /* category label, right aligned, centred on the bar */
        sr_layout_wrap(L, &w, b->label, CHART_LABEL, label_w + 0.5);
        ly = st - (slot - (double)w.n * lh) / 2;
        for (j = 0; j < w.n; j++) {
            draw_aligned(L, L->page, MARGIN_LEFT, x0 - 6,
                         baseline_in(ly, lh, CHART_LABEL), CHART_LABEL, false,
                         black, SR_ALIGN_RIGHT, b->label + w.lines[j].off,
                         w.lines[j].len, w.lines[j].width);
            ly -= lh;
        }
        if (b->has_value) {
            bx1 = x0 +
                  (x1 - x0) * (clamp(b->value, c->min, c->max) - c->min) / span;
            if (bx1 > x0)
                draw_rect(L, L->page, x0, by, bx1 - x0, CHART_BAR, true,
                          bar_blue, 0, black);
        }
        /* the value label after the bar, moved past the target marker
         * if it would cross it */
        vx = bx1 + 3;
        if (b->has_target) {
            double tx = x0 + (x1 - x0) *
                                 (clamp(b->target, c->min, c->max) - c->min) /
                                 span;

            draw_line(L, tx, by - 3.5, tx, by + CHART_BAR + 3.5, 1.8,
                      target_red);
            if (tx >= vx - 2 && tx <= vx + vw + 2)
                vx = tx + 3;
        }
        draw_run(L, L->page, vx, by + CHART_BAR / 2 - CHART_SMALL * 0.36,
                 CHART_SMALL, false, black, vt, strlen(vt));
    }
    /* axis label, legend */
    L->y = bottom - 4 - CHART_SMALL - 4;
    if (c->axis_label)
        draw_aligned(L, L->page, x0, x1, baseline_in(L->y, 14, CHART_SMALL),
                     CHART_SMALL, false, grey, SR_ALIGN_CENTER, c->axis_label,
                     strlen(c->axis_label),
                     sr_layout_measure(L, c->axis_label, CHART_SMALL));
    L->y -= 18;
    chart_legend(L, c, L->y);
    L->y -= 20;
    down(L, 8);
out:
    sr_wrap_release(&w);
}

/* --- legends shared by the series and scatter charts --- */

static void draw_dot(struct sr_layout *L, double x, double y, double r,
                     struct sr_rgb color);

enum legend_kind { LEG_BOX = 0, LEG_LINE, LEG_DOT };

struct legend_entry {
    enum legend_kind kind;
    struct sr_rgb color;
    const char *text;
};

static double legend_entry_width(const struct sr_layout *L,
                                 const struct legend_entry *e)
{
    return 12 + 4 + sr_layout_measure(L, e->text ? e->text : "", CHART_SMALL);
}

/* the legend under a chart, centred, wrapped over lines; moves the cursor */
static void draw_legend(struct sr_layout *L, const struct legend_entry *e,
                        size_t n)
{
    double width = sr_layout_text_width(L);
    const double gap = 14;
    size_t i = 0;

    while (i < n) {
        size_t j = i;
        double w = 0;
        double x;
        double base;

        /* as many entries as fit on this line (at least one) */
        while (j < n) {
            double ew = legend_entry_width(L, &e[j]) + (j > i ? gap : 0);

            if (j > i && w + ew > width)
                break;
            w += ew;
            j++;
        }
        x = MARGIN_LEFT + (width - w) / 2;
        base = L->y - CHART_SMALL - 2;
        for (; i < j; i++) {
            const char *t = e[i].text ? e[i].text : "";

            if (e[i].kind == LEG_LINE)
                draw_line(L, x + 6, base - 3, x + 6, base + 8, 1.6, e[i].color);
            else if (e[i].kind == LEG_DOT)
                draw_dot(L, x + 6, base + 2.5, 3.5, e[i].color);
            else
                draw_rect(L, L->page, x, base - 1, 12, 8, true, e[i].color, 0,
                          black);
            draw_run(L, L->page, x + 16, base, CHART_SMALL, false, black, t,
                     strlen(t));
            x += legend_entry_width(L, &e[i]) + gap;
        }
        L->y -= CHART_SMALL + 8;
    }
}

/* --- series charts: grouped and stacked horizontal bars --- */

/* the colours of series (grouped bars) */
static const struct sr_rgb series_colors[] = {
    { 0.27, 0.47, 0.72 }, { 0.93, 0.55, 0.20 }, { 0.35, 0.63, 0.36 },
    { 0.55, 0.40, 0.70 }, { 0.20, 0.65, 0.70 }, { 0.60, 0.45, 0.32 },
    { 0.85, 0.45, 0.65 }, { 0.50, 0.50, 0.50 },
};

#define NSERIES_COLORS (sizeof(series_colors) / sizeof(series_colors[0]))

/* a diverging ramp for stacked distributions: low points red, the middle
 * grey, high points blue */
static const struct sr_rgb ramp[] = {
    { 0.70, 0.13, 0.17 }, { 0.94, 0.55, 0.47 }, { 0.80, 0.80, 0.80 },
    { 0.57, 0.76, 0.87 }, { 0.13, 0.40, 0.67 },
};

static struct sr_rgb mix(struct sr_rgb a, struct sr_rgb b, double t)
{
    struct sr_rgb c = { a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t,
                        a.b + (b.b - a.b) * t };

    return c;
}

static struct sr_rgb series_color(const struct sr_layout_series_chart *c,
                                  size_t k)
{
    double pos;
    size_t lo;

    if (!c->stacked) {
        if (c->nseries == 2)
            return k == 0 ? (struct sr_rgb){ 0.66, 0.74, 0.85 } : bar_blue;
        return series_colors[k % NSERIES_COLORS];
    }
    if (c->nseries <= 1)
        return ramp[4];
    pos = (double)k * 4.0 / (double)(c->nseries - 1);
    lo = (size_t)pos;
    if (lo >= 4)
        return ramp[4];
    return mix(ramp[lo], ramp[lo + 1], pos - (double)lo);
}

static struct sr_rgb pale(struct sr_rgb c)
{
    struct sr_rgb white = { 1, 1, 1 };

    return mix(c, white, 0.62);
}

static bool is_dark(struct sr_rgb c)
{
    return 0.30 * c.r + 0.59 * c.g + 0.11 * c.b < 0.55;
}

#define STACK_BAR 15.0

/* the height of one bar of a group: thinner when there are many */
static double series_bar(const struct sr_layout_series_chart *c)
{
    return c->nseries <= 2 ? 11.0 : c->nseries <= 4 ? 9.0 : 7.5;
}

/* the height of one category row */
static double series_slot(const struct sr_layout *L,
                          const struct sr_layout_series_chart *c,
                          double label_w)
{
    struct sr_wrap w = { 0 };
    double lh = CHART_LABEL * 1.3;
    double bars = c->stacked
                      ? STACK_BAR
                      : series_bar(c) * (double)(c->nseries ? c->nseries : 1);
    double slot = bars + (c->stacked ? 9 : 10);
    size_t i;

    for (i = 0; i < c->ncats; i++) {
        sr_layout_wrap(L, &w, c->cats[i].label ? c->cats[i].label : "",
                       CHART_LABEL, label_w);
        if ((double)w.n * lh + 6 > slot)
            slot = (double)w.n * lh + 6;
    }
    sr_wrap_release(&w);
    return slot;
}

static double chart_label_width(const struct sr_layout *L,
                                const struct sr_layout_series_chart *c)
{
    double width = sr_layout_text_width(L);
    double max_label = width * 0.30;
    double label_w = 0;
    size_t i;

    for (i = 0; i < c->ncats; i++) {
        double lw = sr_layout_measure(
            L, c->cats[i].label ? c->cats[i].label : "", CHART_LABEL);

        if (lw > label_w)
            label_w = lw;
    }
    return label_w > max_label ? max_label : label_w;
}

/* the legend entries of a series chart; returns how many */
static size_t series_legend(const struct sr_layout_series_chart *c,
                            struct legend_entry *e)
{
    size_t n = 0;
    size_t k;

    for (k = 0; k < c->nseries; k++) {
        e[n].kind = LEG_BOX;
        e[n].color = series_color(c, k);
        e[n].text = c->series[k];
        n++;
    }
    if (c->target_legend) {
        e[n].kind = LEG_LINE;
        e[n].color = target_red;
        e[n].text = c->target_legend;
        n++;
    }
    if (c->muted_legend) {
        e[n].kind = LEG_BOX;
        e[n].color = pale(grey);
        e[n].text = c->muted_legend;
        n++;
    }
    return n;
}

static double legend_height(const struct sr_layout *L,
                            const struct legend_entry *e, size_t n)
{
    double width = sr_layout_text_width(L);
    double w = 0;
    size_t lines = n ? 1 : 0;
    size_t i;

    for (i = 0; i < n; i++) {
        double ew = legend_entry_width(L, &e[i]) + (w > 0 ? 14 : 0);

        if (w > 0 && w + ew > width) {
            lines++;
            w = legend_entry_width(L, &e[i]);
        } else {
            w += ew;
        }
    }
    return (double)lines * (CHART_SMALL + 8);
}

/* one row of a series chart: its label and bars, from @st down @slot */
static void series_row(struct sr_layout *L,
                       const struct sr_layout_series_chart *c,
                       const struct sr_layout_category *cat, double st,
                       double slot, double x0, double x1, double label_w,
                       double lo, double hi)
{
    struct sr_wrap w = { 0 };
    double lh = CHART_LABEL * 1.3;
    double span = hi - lo;
    double ly;
    const char *label = cat->label ? cat->label : "";
    size_t j;
    size_t k;

    sr_layout_wrap(L, &w, label, CHART_LABEL, label_w + 0.5);
    ly = st - (slot - (double)w.n * lh) / 2;
    for (j = 0; j < w.n; j++) {
        draw_aligned(L, L->page, MARGIN_LEFT, x0 - 6,
                     baseline_in(ly, lh, CHART_LABEL), CHART_LABEL, false,
                     black, SR_ALIGN_RIGHT, label + w.lines[j].off,
                     w.lines[j].len, w.lines[j].width);
        ly -= lh;
    }
    sr_wrap_release(&w);

    if (c->stacked) {
        double by = st - (slot + STACK_BAR) / 2;
        double x = x0;

        for (k = 0; k < c->nseries; k++) {
            const struct sr_layout_value *v = &cat->values[k];
            struct sr_rgb col = series_color(c, k);
            double share;
            double bw;
            const char *t = v->text ? v->text : "";
            double tw;

            if (!v->has_value || !(v->value > 0))
                continue;
            share = clamp(v->value, 0, 1);
            bw = (x1 - x0) * share;
            if (x + bw > x1)
                bw = x1 - x;
            if (v->flags & SR_VALUE_MUTED)
                col = pale(col);
            draw_rect(L, L->page, x, by, bw, STACK_BAR, true, col, 0, black);
            /* a white hairline between parts */
            draw_line(L, x + bw, by, x + bw, by + STACK_BAR, 0.6,
                      (struct sr_rgb){ 1, 1, 1 });
            tw = sr_layout_measure(L, t, 7);
            if (*t && tw + 3 <= bw)
                draw_run(L, L->page, x + (bw - tw) / 2,
                         by + STACK_BAR / 2 - 7 * GLYPH_MIDDLE, 7, false,
                         is_dark(col) ? (struct sr_rgb){ 1, 1, 1 } : black, t,
                         strlen(t));
            x += bw;
        }
        return;
    }

    /* grouped: the bars one under the other, centred in the slot */
    {
        double sb = series_bar(c);
        double block = sb * (double)c->nseries;
        double top = st - (slot - block) / 2;
        double fs = sb < 8 ? 6.5 : 7;

        for (k = 0; k < c->nseries; k++) {
            const struct sr_layout_value *v = &cat->values[k];
            struct sr_rgb col = series_color(c, k);
            double by = top - sb * (double)(k + 1) + 1;
            double bh = sb - (sb < 8 ? 1.5 : 2);
            double bx1 = x0;
            const char *t = v->text ? v->text : "";

            if (v->flags & SR_VALUE_MUTED)
                col = pale(col);
            if (v->has_value) {
                bx1 = x0 + (x1 - x0) * (clamp(v->value, lo, hi) - lo) / span;
                if (bx1 > x0)
                    draw_rect(L, L->page, x0, by, bx1 - x0, bh, true, col, 0,
                              black);
            }
            if (*t)
                draw_run(L, L->page, bx1 + 3, by + bh / 2 - fs * GLYPH_MIDDLE,
                         fs, false, (v->flags & SR_VALUE_MUTED) ? grey : black,
                         t, strlen(t));
        }
        if (cat->has_target) {
            double tx =
                x0 + (x1 - x0) * (clamp(cat->target, lo, hi) - lo) / span;

            draw_line(L, tx, top - block - 1, tx, top + 1, 1.6, target_red);
        }
    }
}

void sr_layout_series_chart(struct sr_layout *L,
                            const struct sr_layout_series_chart *c)
{
    struct legend_entry *leg;
    size_t nleg;
    double width = sr_layout_text_width(L);
    double title_h = c->title ? 22 : 0;
    double lo = c->stacked ? 0 : c->min;
    double hi = c->stacked ? 1 : c->max;
    double span = hi - lo;
    double tick = c->stacked ? 0.2 : c->tick > 0 ? c->tick : span / 5;
    double label_w;
    double slot;
    double plot_h;
    double leg_h;
    double frame;
    double x0;
    double x1;
    double top;
    double bottom;
    size_t per_page;
    size_t i;
    size_t j;

    if (L->err || !c->ncats || !c->nseries || !(span > 0))
        return;
    leg = xcalloc(c->nseries + 2, sizeof(*leg));
    nleg = series_legend(c, leg);
    label_w = chart_label_width(L, c);
    slot = series_slot(L, c, label_w);
    leg_h = legend_height(L, leg, nleg);
    frame = 6 + 4 + CHART_SMALL + 4 + 18 + leg_h + 8;
    per_page = (size_t)((sr_layout_body_height(L) - frame - title_h - 16 -
                         CHART_HEADING) /
                        slot);
    if (per_page < 1)
        per_page = 1;
    if (c->ncats > per_page) {
        struct sr_layout_series_chart part = *c;
        struct sr_buf title = SR_BUF_INIT;
        size_t parts = (c->ncats + per_page - 1) / per_page;

        /* as many rows on each page */
        per_page = (c->ncats + parts - 1) / parts;
        for (i = 0; i < c->ncats; i += per_page) {
            part.cats = c->cats + i;
            part.ncats = c->ncats - i < per_page ? c->ncats - i : per_page;
            if (i && c->title) {
                sr_buf_reset(&title);
                sr_buf_addf(&title, "%s%s", c->title,
                            c->cont ? c->cont : "（续）");
                part.title = title.buf;
            }
            sr_layout_series_chart(L, &part);
        }
        sr_buf_release(&title);
        goto out;
    }
    plot_h = slot * (double)c->ncats;
    flush_heading(L, title_h + plot_h + frame + 16);
    space_before(L, 8);
    page_need(L, title_h + plot_h + frame + 8);
    if (c->title) {
        draw_aligned(L, L->page, MARGIN_LEFT, MARGIN_LEFT + width,
                     baseline_in(L->y, title_h, 10), 10, true, black,
                     SR_ALIGN_CENTER, c->title, strlen(c->title),
                     sr_layout_measure(L, c->title, 10));
        L->y -= title_h;
    }
    L->y -= 6;
    x0 = MARGIN_LEFT + label_w + 10;
    x1 = MARGIN_LEFT + width - (c->stacked ? 4 : CHART_VALUES);
    top = L->y;
    bottom = top - plot_h;
    for (j = 0;; j++) {
        double v = lo + tick * (double)j;
        double x;
        char lab[32];

        if (v > hi + tick * 1e-9)
            break;
        x = x0 + (x1 - x0) * (v - lo) / span;
        draw_line(L, x, top, x, bottom, 0.4, light_grid);
        draw_line(L, x, bottom, x, bottom - 3, 0.6, black);
        if (c->stacked)
            snprintf(lab, sizeof(lab), "%.0f%%", v * 100);
        else
            snprintf(lab, sizeof(lab), "%g", v);
        draw_aligned(L, L->page, x - 20, x + 20, bottom - 4 - CHART_SMALL,
                     CHART_SMALL, false, black, SR_ALIGN_CENTER, lab,
                     strlen(lab), sr_layout_measure(L, lab, CHART_SMALL));
    }
    for (i = 0; i < c->ncats; i++)
        series_row(L, c, &c->cats[i], top - slot * (double)i, slot, x0, x1,
                   label_w, lo, hi);
    draw_line(L, x0, bottom, x1, bottom, 0.8, black);
    draw_line(L, x0, top, x0, bottom, 0.8, black);
    L->y = bottom - 4 - CHART_SMALL - 4;
    if (c->axis_label)
        draw_aligned(L, L->page, x0, x1, baseline_in(L->y, 14, CHART_SMALL),
                     CHART_SMALL, false, grey, SR_ALIGN_CENTER, c->axis_label,
                     strlen(c->axis_label),
                     sr_layout_measure(L, c->axis_label, CHART_SMALL));
    L->y -= 18;
    draw_legend(L, leg, nleg);
    down(L, 8);
out:
    free(leg);
}

/* --- scatter (importance-performance) --- */

static const struct sr_rgb quadrant_colors[4] = {
    { 0.13, 0.50, 0.25 }, /* 1 优势区: keep */
    { 0.78, 0.15, 0.12 }, /* 2 修补区: fix first */
    { 0.45, 0.45, 0.45 }, /* 3 机会区 */
    { 0.15, 0.38, 0.68 }, /* 4 维持区 */
};

/* a step of 1, 2, 2.5 or 5 times a power of ten, about span/5 */
static double nice_step(double span)
{
    double raw = span / 5;
    double p = pow(10, floor(log10(raw)));
    double f = raw / p;

    if (f <= 1)
        return p;
    if (f <= 2)
        return 2 * p;
    if (f <= 2.5)
        return 2.5 * p;
    if (f <= 5)
        return 5 * p;
    return 10 * p;
}

/* the axis [*lo, *hi] around [a, b] with a margin, on multiples of *step */
static void nice_range(double a, double b, double *lo, double *hi, double *step)
{
    double span = b - a;

    if (!(span > 0))
        span = fabs(a) > 0 ? fabs(a) * 0.2 : 1;
    a -= span * 0.12;
    b += span * 0.12;
    *step = nice_step(b - a);
    *lo = floor(a / *step) * *step;
    *hi = ceil(b / *step) * *step;
}

struct box {
    double x0;
    double y0;
    double x1;
    double y1;
};

static bool boxes_meet(const struct box *a, const struct box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static void draw_dot(struct sr_layout *L, double x, double y, double r,
                     struct sr_rgb color)
{
    HPDF_Page p = L->page;

    if (L->err || !p)
        return;
    HPDF_Page_GSave(p);
    set_fill(p, color);
    set_stroke(p, (struct sr_rgb){ 1, 1, 1 });
    HPDF_Page_SetLineWidth(p, 0.8f);
    HPDF_Page_Circle(p, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)r);
    HPDF_Page_FillStroke(p);
    HPDF_Page_GRestore(p);
}

static void dashed(struct sr_layout *L, double x0, double y0, double x1,
                   double y1, struct sr_rgb color)
{
    HPDF_Page p = L->page;
    HPDF_UINT16 pat[2] = { 4, 3 };

    if (L->err || !p)
        return;
    HPDF_Page_GSave(p);
    set_stroke(p, color);
    HPDF_Page_SetLineWidth(p, 0.9f);
    HPDF_Page_SetDash(p, pat, 2, 0);
    HPDF_Page_MoveTo(p, (HPDF_REAL)x0, (HPDF_REAL)y0);
    HPDF_Page_LineTo(p, (HPDF_REAL)x1, (HPDF_REAL)y1);
    HPDF_Page_Stroke(p);
    HPDF_Page_GRestore(p);
}

#define SCATTER_H    290.0
#define POINT_R      4.0
#define POINT_LABEL  8.5
#define POINT_VALUES 7.0

static void tick_text(char *out, size_t n, double v, double step)
{
    int dec = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;

    if (step < 1 && fmod(step * pow(10, dec), 1) > 1e-9)
        dec++;
    snprintf(out, n, "%.*f", dec, fabs(v) < step * 1e-6 ? 0.0 : v);
}

void sr_layout_scatter(struct sr_layout *L, const struct sr_layout_scatter *c)
{
    struct legend_entry leg[4];
    size_t nleg = 0;
    struct box *used = NULL;
    size_t nused = 0;
    double width = sr_layout_text_width(L);
    double title_h = c->title ? 22 : 0;
    double xmin = INFINITY;
    double xmax = -INFINITY;
    double ymin = INFINITY;
    double ymax = -INFINITY;
    double xlo;
    double xhi;
    double xstep;
    double ylo;
    double yhi;
    double ystep;
    double px0;
    double px1;
    double py0;
    double py1;
    double total;
    double leg_h;
    double v;
    size_t i;
    size_t k;

    if (L->err || !c->npoints)
        return;
    for (i = 0; i < c->npoints; i++) {
        xmin = fmin(xmin, c->points[i].x);
        xmax = fmax(xmax, c->points[i].x);
        ymin = fmin(ymin, c->points[i].y);
        ymax = fmax(ymax, c->points[i].y);
    }
    if (c->has_split) {
        xmin = fmin(xmin, c->x_split);
        xmax = fmax(xmax, c->x_split);
        ymin = fmin(ymin, c->y_split);
        ymax = fmax(ymax, c->y_split);
    }
    nice_range(xmin, xmax, &xlo, &xhi, &xstep);
    nice_range(ymin, ymax, &ylo, &yhi, &ystep);
    for (k = 0; k < 4; k++) {
        if (!c->quadrant[k])
            continue;
        leg[nleg].kind = LEG_DOT;
        leg[nleg].color = quadrant_colors[k];
        leg[nleg].text = c->quadrant[k];
        nleg++;
    }
    leg_h = legend_height(L, leg, nleg);
    total = title_h + 16 + SCATTER_H + 4 + CHART_SMALL + 4 + 18 + leg_h + 8;
    flush_heading(L, total + 16);
    space_before(L, 8);
    page_need(L, total + 8);
    if (c->title) {
        draw_aligned(L, L->page, MARGIN_LEFT, MARGIN_LEFT + width,
                     baseline_in(L->y, title_h, 10), 10, true, black,
                     SR_ALIGN_CENTER, c->title, strlen(c->title),
                     sr_layout_measure(L, c->title, 10));
        L->y -= title_h;
    }
    /* the y axis label above the axis, the plot under it */
    if (c->y_label)
        draw_run(L, L->page, MARGIN_LEFT, L->y - CHART_SMALL, CHART_SMALL,
                 false, grey, c->y_label, strlen(c->y_label));
    L->y -= 16;
    px0 = MARGIN_LEFT + 34;
    px1 = MARGIN_LEFT + width - 8;
    py1 = L->y;
    py0 = py1 - SCATTER_H;
    used = xcalloc(c->npoints * 2 + 6, sizeof(*used));

#define SX(vx) (px0 + (px1 - px0) * ((vx)-xlo) / (xhi - xlo))
#define SY(vy) (py0 + (py1 - py0) * ((vy)-ylo) / (yhi - ylo))

    /* grid and ticks */
    for (v = xlo; v <= xhi + xstep * 1e-6; v += xstep) {
        char lab[32];
        double x = SX(v);

        tick_text(lab, sizeof(lab), v, xstep);
        draw_line(L, x, py0, x, py1, 0.4, light_grid);
        draw_line(L, x, py0, x, py0 - 3, 0.6, black);
        draw_aligned(L, L->page, x - 20, x + 20, py0 - 4 - CHART_SMALL,
                     CHART_SMALL, false, black, SR_ALIGN_CENTER, lab,
                     strlen(lab), sr_layout_measure(L, lab, CHART_SMALL));
    }
    for (v = ylo; v <= yhi + ystep * 1e-6; v += ystep) {
        char lab[32];
        double y = SY(v);

        tick_text(lab, sizeof(lab), v, ystep);
        draw_line(L, px0, y, px1, y, 0.4, light_grid);
        draw_line(L, px0, y, px0 - 3, y, 0.6, black);
        draw_aligned(L, L->page, MARGIN_LEFT, px0 - 5,
                     y - CHART_SMALL * GLYPH_MIDDLE, CHART_SMALL, false, black,
                     SR_ALIGN_RIGHT, lab, strlen(lab),
                     sr_layout_measure(L, lab, CHART_SMALL));
    }
    draw_rect(L, L->page, px0, py0, px1 - px0, py1 - py0, false, black, 0.8,
              black);
    if (c->has_split) {
        double sx = SX(c->x_split);
        double sy = SY(c->y_split);
        /* the corners of quadrants 1..4: right/left, top/bottom */
        static const bool right[4] = { true, true, false, false };
        static const bool upper[4] = { true, false, false, true };

        dashed(L, sx, py0, sx, py1, grid_grey);
        dashed(L, px0, sy, px1, sy, grid_grey);
        /* labels keep off the split lines where they can */
        used[nused++] = (struct box){ sx - 1.5, py0, sx + 1.5, py1 };
        used[nused++] = (struct box){ px0, sy - 1.5, px1, sy + 1.5 };
        for (k = 0; k < 4; k++) {
            const char *q = c->quadrant[k];
            double qw;
            double qx;
            double qy;

            if (!q)
                continue;
            qw = sr_layout_measure(L, q, 9);
            qx = right[k] ? px1 - 5 - qw : px0 + 5;
            qy = upper[k] ? py1 - 5 - 9 : py0 + 5;
            draw_run(L, L->page, qx, qy + 9 * 0.12, 9, true, quadrant_colors[k],
                     q, strlen(q));
            used[nused++] =
                (struct box){ qx - 2, qy - 2, qx + qw + 2, qy + 11 };
        }
    }
    /* the points first (labels must not hide them) */
    for (i = 0; i < c->npoints; i++) {
        const struct sr_layout_point *pt = &c->points[i];
        double x = SX(pt->x);
        double y = SY(pt->y);

        used[nused++] = (struct box){ x - POINT_R - 1, y - POINT_R - 1,
                                      x + POINT_R + 1, y + POINT_R + 1 };
    }
    for (i = 0; i < c->npoints; i++) {
        const struct sr_layout_point *pt = &c->points[i];
        struct sr_rgb col = pt->cls >= 1 && pt->cls <= 4
                                ? quadrant_colors[pt->cls - 1]
                                : bar_blue;
        double x = SX(pt->x);
        double y = SY(pt->y);

        draw_dot(L, x, y, POINT_R, col);
    }
    /* labels: the first of eight places around the point that stays
     * inside the plot and meets no other label, point or corner name */
    for (i = 0; i < c->npoints; i++) {
        const struct sr_layout_point *pt = &c->points[i];
        const char *lab = pt->label ? pt->label : "";
        const char *vt = pt->value_text;
        double x = SX(pt->x);
        double y = SY(pt->y);
        double lw = sr_layout_measure(L, lab, POINT_LABEL);
        double vw = vt ? sr_layout_measure(L, vt, POINT_VALUES) : 0;
        double bw = lw > vw ? lw : vw;
        double bh = POINT_LABEL * 1.2 + (vt ? POINT_VALUES * 1.25 : 0);
        double gap = POINT_R + 3;
        struct box cand[8];
        struct box best;
        size_t ci;
        size_t u;
        int ring;
        bool found = false;

        /* the eight places at the point, then farther out with a
         * leader line, until one is free */
        for (ring = 0; ring < 8 && !found; ring++) {
            double g = gap + (double)ring * 14;

            cand[0] = (struct box){ x + g, y - bh / 2, x + g + bw, y + bh / 2 };
            cand[1] = (struct box){ x - g - bw, y - bh / 2, x - g, y + bh / 2 };
            cand[2] = (struct box){ x - bw / 2, y + g, x + bw / 2, y + g + bh };
            cand[3] = (struct box){ x - bw / 2, y - g - bh, x + bw / 2, y - g };
            cand[4] = (struct box){ x + g, y + 2 + g - gap, x + g + bw,
                                    y + 2 + g - gap + bh };
            cand[5] = (struct box){ x + g, y - 2 - (g - gap) - bh, x + g + bw,
                                    y - 2 - (g - gap) };
            cand[6] = (struct box){ x - g - bw, y + 2 + g - gap, x - g,
                                    y + 2 + g - gap + bh };
            cand[7] = (struct box){ x - g - bw, y - 2 - (g - gap) - bh, x - g,
                                    y - 2 - (g - gap) };
            if (ring == 0)
                best = cand[0];
            for (ci = 0; ci < 8 && !found; ci++) {
                bool ok = cand[ci].x0 >= px0 + 1 && cand[ci].x1 <= px1 - 1 &&
                          cand[ci].y0 >= py0 + 1 && cand[ci].y1 <= py1 - 1;

                for (u = 0; ok && u < nused; u++) {
                    if (boxes_meet(&cand[ci], &used[u]))
                        ok = false;
                }
                if (ok) {
                    best = cand[ci];
                    found = true;
                }
            }
        }
        if (!found) {
            /* keep it inside the plot at least */
            double dx = 0;

            if (best.x1 > px1 - 1)
                dx = px1 - 1 - best.x1;
            best.x0 += dx;
            best.x1 += dx;
        } else if (ring > 1) {
            /* a leader line from the point to the near side of the label */
            double lx = best.x0 > x   ? best.x0 - 1
                        : best.x1 < x ? best.x1 + 1
                                      : x;
            double ly = best.y0 > y ? best.y0 : best.y1 < y ? best.y1 : y;

            draw_line(L, x, y, lx, ly, 0.4, grid_grey);
        }
        used[nused++] = best;
        draw_run(L, L->page, best.x0, best.y1 - POINT_LABEL * 0.95, POINT_LABEL,
                 false, black, lab, strlen(lab));
        if (vt)
            draw_run(L, L->page, best.x0,
                     best.y1 - POINT_LABEL * 1.2 - POINT_VALUES * 0.95,
                     POINT_VALUES, false, grey, vt, strlen(vt));
    }
#undef SX
#undef SY
    L->y = py0 - 4 - CHART_SMALL - 4;
    if (c->x_label)
        draw_aligned(L, L->page, px0, px1, baseline_in(L->y, 14, CHART_SMALL),
                     CHART_SMALL, false, grey, SR_ALIGN_CENTER, c->x_label,
                     strlen(c->x_label),
                     sr_layout_measure(L, c->x_label, CHART_SMALL));
    L->y -= 18;
    draw_legend(L, leg, nleg);
    down(L, 8);
    free(used);
}
