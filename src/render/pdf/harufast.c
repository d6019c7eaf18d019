/* SPDX-License-Identifier: MIT */
/*
 * harufast.c - faster stand-ins for a few libharu 2.3 internals
 *
 * Why each is here (perf of the report's thread, docs/benchmarks.md):
 *  - HPDF_MemCpy, HPDF_MemSet: the library's copy and clear a byte at a
 *    time.
 *  - HPDF_List_Add: a list grows by a fixed block (20 entries for an
 *    array), copying all of it each time.  Making the CJK font builds a
 *    widths array of some 20,000 entries: a thousand growths, each a fresh
 *    allocation of up to 160 KB (pages cleared by the kernel) and a copy,
 *    about a fifth of the report's drawing.  Here a list at least doubles.
 *  - HPDF_TTFontDef_GetGlyphid: the library scans the font's cmap segments
 *    one by one for every code point, and making the UTF-8 font asks for
 *    all 65,536 of them (WenQuanYi Zen Hei has thousands of segments).
 *    Here a font we were told about (sr_haru_glyphs_add()) answers from a
 *    table made in one sweep of its segments.
 * Each keeps the library's contract and result; where a build of the
 * library binds its own calls locally, its own code runs and the output
 * is the same.
 */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "harufast.h"

#include <hpdf_fontdef.h>
#include <hpdf_list.h>
#include <hpdf_mmgr.h>
#include <hpdf_utils.h>

#include <dlfcn.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
    if (n) /* regions may overlap as in the byte loop, where out <= in */
        memmove(out, in, n);
    return out + n;
}

void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
    if (n)
        memset(s, c, n);
    return (HPDF_BYTE *)s + n;
}

/* The library's contract: the item is appended; on a failed allocation
 * the list is unchanged and the memory manager's error code returned. */
HPDF_STATUS HPDF_List_Add(HPDF_List list, void *item)
{
    if (list->count >= list->block_siz) {
        size_t want = (size_t)list->block_siz + list->items_per_block;
        void **obj;

        if (want < (size_t)list->block_siz * 2)
            want = (size_t)list->block_siz * 2;
        if (want * sizeof(void *) > UINT_MAX)
            return HPDF_SetError(list->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
        obj = HPDF_GetMem(list->mmgr, (HPDF_UINT)(want * sizeof(void *)));
        if (!obj)
            return HPDF_Error_GetCode(list->error);
        if (list->obj) {
            memcpy(obj, list->obj, list->count * sizeof(void *));
            HPDF_FreeMem(list->mmgr, list->obj);
        }
        list->obj = obj;
        list->block_siz = (HPDF_UINT)want;
    }
    list->obj[list->count++] = item;
    return HPDF_OK;
}

/* --- glyph ids ----------------------------------------------------------- */

#define SLOTS 4

struct glyphs {
    const void *fd;
    uint16_t *gid; /* 0x10000 entries */
};

static _Thread_local struct glyphs tables[SLOTS];

typedef HPDF_UINT16 (*glyphid_fn)(HPDF_FontDef, HPDF_UINT16);

/* The glyph of @c in segment @i of the format-4 cmap @m, as the library
 * finds it once its scan stopped at @i (the first segment whose end is at
 * or after @c). */
static uint16_t glyph_in(const HPDF_TTF_CmapRange *m, unsigned i, unsigned c)
{
    unsigned nseg = m->seg_count_x2 / 2u;
    unsigned idx;

    if (i >= nseg || m->start_count[i] > c) /* the library reads past */
        return 0;                           /* the arrays for i == nseg */
    if (m->id_range_offset[i] == 0)
        return (uint16_t)(c + (unsigned)m->id_delta[i]);
    idx = m->id_range_offset[i] / 2u + (c - m->start_count[i]) - (nseg - i);
    /* unsigned as in the library: a negative index is a large one.  At
     * idx == count the library reads one past its array; 0 here */
    if (idx >= m->glyph_id_array_count)
        return 0;
    return (uint16_t)(m->glyph_id_array[idx] + (unsigned)m->id_delta[i]);
}

bool sr_haru_glyphs_add(HPDF_FontDef fd)
{
    const HPDF_TTF_CmapRange *m;
    struct glyphs *g = NULL;
    unsigned nseg;
    unsigned c;
    unsigned i = 0;
    size_t k;

    if (!fd || fd->type != HPDF_FONTDEF_TYPE_TRUETYPE || !fd->attr)
        return false;
    m = &((HPDF_TTFontDefAttr)fd->attr)->cmap;
    if (m->format != 4 || m->seg_count_x2 == 0 || !m->end_count)
        return false;
    for (k = 0; k < SLOTS && !g; k++)
        if (!tables[k].fd || tables[k].fd == fd)
            g = &tables[k];
    if (!g)
        return false;
    if (!g->gid)
        g->gid = malloc(0x10000 * sizeof(*g->gid));
    if (!g->gid)
        return false;
    /* The library's answer for c is the first segment whose end is >= c.
     * As c grows that segment can only move on (a segment passed over
     * for c ends before c, so before every later code point too): one
     * sweep finds it for all, in any order of segment ends. */
    nseg = m->seg_count_x2 / 2u;
    for (c = 0; c < 0x10000; c++) {
        while (i < nseg && c > m->end_count[i])
            i++;
        g->gid[c] = glyph_in(m, i, c);
    }
    g->fd = fd;
    return true;
}

void sr_haru_glyphs_drop(HPDF_FontDef fd)
{
    size_t k;

    for (k = 0; k < SLOTS; k++) {
        if (tables[k].fd == fd && fd) {
            free(tables[k].gid);
            tables[k].gid = NULL;
            tables[k].fd = NULL;
        }
    }
}

/* The library's look-up, where this program cannot find the library's
 * own (linked statically): the same scan. */
static HPDF_UINT16 scan(HPDF_FontDef fontdef, HPDF_UINT16 unicode)
{
    const HPDF_TTF_CmapRange *m = &((HPDF_TTFontDefAttr)fontdef->attr)->cmap;
    unsigned nseg = m->seg_count_x2 / 2u;
    unsigned i = 0;

    if (m->format == 0)
        return m->glyph_id_array[unicode & 0xFF];
    if (nseg == 0) {
        HPDF_SetError(fontdef->error, HPDF_TTF_INVALID_CMAP, 0);
        return 0;
    }
    while (i < nseg && unicode > m->end_count[i])
        i++;
    return glyph_in(m, i, unicode);
}

HPDF_UINT16 HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode)
{
    static _Thread_local glyphid_fn library;
    static _Thread_local bool looked;
    size_t k;

    for (k = 0; k < SLOTS; k++)
        if (tables[k].fd == fontdef && fontdef)
            return tables[k].gid[unicode];
    /* a font not tabled: the library's own look-up */
    if (!looked) {
        void *f = dlsym(RTLD_NEXT, "HPDF_TTFontDef_GetGlyphid");

        memcpy(&library, &f, sizeof(library)); /* POSIX: a function */
        looked = true;
    }
    return library ? library(fontdef, unicode) : scan(fontdef, unicode);
}

/* --- compression --------------------------------------------------------- */

#define SR_PDF_DEFLATE_LEVEL Z_BEST_SPEED

/* Whether the code at @at is in the object that holds libharu. */
static bool from_libharu(const void *at)
{
    Dl_info caller;
    Dl_info haru;

    return dladdr(at, &caller) &&
           dladdr((const void *)(uintptr_t)HPDF_New, &haru) &&
           caller.dli_fbase == haru.dli_fbase;
}

/*
 * libharu compresses every stream at zlib's default level (6), whose lazy
 * matching costs twice level 1 for the embedded font (0.95 MB of tables
 * each report): 0.112 -> 0.082 s of the report's CPU for a PDF 5% larger
 * (708 -> 743 KB).  Level 1 is asked for where the caller is libharu and
 * wants the default; any other caller gets what it asks for.  zlib
 * documents deflateInit() as deflateInit2() with these arguments.
 */
int deflateInit_(z_streamp strm, int level, const char *version,
                 int stream_size)
{
    if (level == Z_DEFAULT_COMPRESSION &&
        from_libharu(__builtin_return_address(0)))
        level = SR_PDF_DEFLATE_LEVEL;
    return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8,
                         Z_DEFAULT_STRATEGY, version, stream_size);
}
