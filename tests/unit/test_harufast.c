/* SPDX-License-Identifier: MIT */
/*
 * test_harufast.c - the stand-ins for libharu internals
 * (src/render/pdf/harufast.c) against the library's own code, which
 * dlsym(RTLD_NEXT) finds behind them: glyph ids of every BMP code point
 * of the shipped font and of made-up cmaps (segments out of order, glyph
 * arrays), lists that grow and take inserts, the memory helpers, and the
 * compression level of libharu's streams (level 1) and of everyone
 * else's (what they ask for).
 *
 * Needs the WenQuanYi Zen Hei font (fonts-wqy-zenhei).
 */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "../../src/render/pdf/harufast.h"
#include "../../src/render/pdf/layout.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_list.h>
#include <hpdf_utils.h>

#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <cmocka.h>

typedef HPDF_UINT16 (*glyphid_fn)(HPDF_FontDef, HPDF_UINT16);

/* libharu's own HPDF_TTFontDef_GetGlyphid, behind harufast.c's */
static glyphid_fn library_glyphid(void)
{
    void *f = dlsym(RTLD_NEXT, "HPDF_TTFontDef_GetGlyphid");
    glyphid_fn g;

    assert_non_null(f);
    memcpy(&g, &f, sizeof(g));
    return g;
}

static void on_error(HPDF_STATUS e, HPDF_STATUS detail, void *data)
{
    (void)e;
    (void)detail;
    (void)data;
}

/* Every BMP code point of the shipped font: the table gives the
 * library's glyph, and the stand-in answers from the library while the
 * font is not tabled. */
static void test_glyphs_of_the_font(void **state)
{
    glyphid_fn lib = library_glyphid();
    HPDF_Doc pdf = HPDF_New(on_error, NULL);
    HPDF_FontDef fd;
    const char *name;
    unsigned c;
    size_t known = 0;

    (void)state;
    assert_non_null(pdf);
    name = HPDF_LoadTTFontFromFile2(pdf, SR_LAYOUT_DEFAULT_FONT, 0, HPDF_TRUE);
    assert_non_null(name);
    fd = HPDF_GetFontDef(pdf, name);
    assert_non_null(fd);
    /* not tabled yet: the library's answer */
    for (c = 0; c < 0x10000; c += 97)
        assert_int_equal(HPDF_TTFontDef_GetGlyphid(fd, (HPDF_UINT16)c),
                         lib(fd, (HPDF_UINT16)c));
    assert_true(sr_haru_glyphs_add(fd));
    for (c = 0; c < 0x10000; c++) {
        HPDF_UINT16 want = lib(fd, (HPDF_UINT16)c);

        assert_int_equal(HPDF_TTFontDef_GetGlyphid(fd, (HPDF_UINT16)c), want);
        known += want != 0;
    }
    assert_true(known > 20000); /* the font covers the CJK block */
    assert_int_not_equal(HPDF_TTFontDef_GetGlyphid(fd, 0x6EE1), 0); /* 满 */
    sr_haru_glyphs_drop(fd);
    sr_haru_glyphs_drop(fd); /* twice is harmless */
    assert_int_equal(HPDF_TTFontDef_GetGlyphid(fd, 0x6EE1), lib(fd, 0x6EE1));
    HPDF_Free(pdf);
}

/* a made-up format-4 cmap in a font definition of its own */
struct fake_font {
    HPDF_FontDef_Rec fd;
    HPDF_TTFontDefAttr_Rec attr;
    HPDF_UINT16 end[64];
    HPDF_UINT16 start[64];
    HPDF_INT16 delta[64];
    HPDF_UINT16 range[64];
    HPDF_UINT16 glyphs[512];
};

static uint32_t rnd_state = 12345;

static uint32_t rnd(uint32_t n)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 8) % n;
}

static void fake_init(struct fake_font *f, unsigned nseg, bool sorted)
{
    HPDF_TTF_CmapRange *m = &f->attr.cmap;
    unsigned i;

    memset(f, 0, sizeof(*f));
    f->fd.type = HPDF_FONTDEF_TYPE_TRUETYPE;
    f->fd.attr = &f->attr;
    m->format = 4;
    m->seg_count_x2 = (HPDF_UINT16)(2 * nseg);
    m->end_count = f->end;
    m->start_count = f->start;
    m->id_delta = f->delta;
    m->id_range_offset = f->range;
    m->glyph_id_array = f->glyphs;
    m->glyph_id_array_count = 256; /* 512 allocated: reads past stay in */
    for (i = 0; i < 512; i++)
        f->glyphs[i] = (HPDF_UINT16)rnd(3000);
    for (i = 0; i < nseg; i++) {
        unsigned end = sorted ? (i + 1) * 0xFFFFu / nseg : rnd(0x10000);

        f->end[i] = (HPDF_UINT16)end;
        f->start[i] = (HPDF_UINT16)(end - rnd(end < 40 ? end + 1 : 40));
        f->delta[i] = (HPDF_INT16)((int)rnd(2000) - 1000);
        /* a glyph array entry for some: offsets of either sign */
        f->range[i] = rnd(3) ? 0 : (HPDF_UINT16)(2 * rnd(300));
    }
    f->end[nseg - 1] = 0xFFFF; /* as in every font: the scan stops */
}

/* where the library would read glyph_id_array[count], one past its end,
 * harufast answers 0: skip those code points */
static bool reads_one_past(const HPDF_TTF_CmapRange *m, unsigned c)
{
    unsigned nseg = m->seg_count_x2 / 2u;
    unsigned i = 0;

    while (i < nseg && c > m->end_count[i])
        i++;
    if (m->start_count[i] > c || !m->id_range_offset[i])
        return false;
    return m->id_range_offset[i] / 2u + (c - m->start_count[i]) - (nseg - i) ==
           m->glyph_id_array_count;
}

static void test_glyphs_of_made_up_cmaps(void **state)
{
    glyphid_fn lib = library_glyphid();
    struct fake_font *f = malloc(sizeof(*f));
    int round;
    unsigned c;

    (void)state;
    assert_non_null(f);
    for (round = 0; round < 40; round++) {
        fake_init(f, 1 + rnd(64), round % 2 == 0);
        assert_true(sr_haru_glyphs_add(&f->fd));
        for (c = 0; c < 0x10000; c++) {
            if (reads_one_past(&f->attr.cmap, c))
                continue;
            assert_int_equal(HPDF_TTFontDef_GetGlyphid(&f->fd, (HPDF_UINT16)c),
                             lib(&f->fd, (HPDF_UINT16)c));
        }
        sr_haru_glyphs_drop(&f->fd);
    }
    /* what is not tabled: format 0, no segments, not TrueType */
    fake_init(f, 4, true);
    f->attr.cmap.format = 0;
    assert_false(sr_haru_glyphs_add(&f->fd));
    assert_int_equal(HPDF_TTFontDef_GetGlyphid(&f->fd, 0x141), f->glyphs[0x41]);
    fake_init(f, 4, true);
    f->fd.type = HPDF_FONTDEF_TYPE_CID;
    assert_false(sr_haru_glyphs_add(&f->fd));
    assert_false(sr_haru_glyphs_add(NULL));
    free(f);
}

/* four fonts at once, a fifth is looked up by the library */
static void test_glyph_slots(void **state)
{
    glyphid_fn lib = library_glyphid();
    struct fake_font *f = calloc(5, sizeof(*f));
    int i;

    (void)state;
    assert_non_null(f);
    for (i = 0; i < 5; i++) {
        fake_init(&f[i], 8, true);
        assert_int_equal(sr_haru_glyphs_add(&f[i].fd), i < 4);
    }
    for (i = 0; i < 5; i++)
        assert_int_equal(HPDF_TTFontDef_GetGlyphid(&f[i].fd, 0x4E00),
                         lib(&f[i].fd, 0x4E00));
    sr_haru_glyphs_drop(&f[1].fd);
    assert_true(sr_haru_glyphs_add(&f[4].fd)); /* the freed slot */
    for (i = 0; i < 5; i++)
        sr_haru_glyphs_drop(&f[i].fd);
    free(f);
}

/* lists: every item in order after growths and inserts */
static void test_list_grows(void **state)
{
    HPDF_Doc pdf = HPDF_New(on_error, NULL);
    HPDF_List l;
    uintptr_t i;
    int grown = 0;
    HPDF_UINT last = 0;

    (void)state;
    assert_non_null(pdf);
    l = HPDF_List_New(pdf->mmgr, 20);
    assert_non_null(l);
    for (i = 1; i <= 100000; i++) {
        assert_int_equal(HPDF_List_Add(l, (void *)i), HPDF_OK);
        if (l->block_siz != last) {
            grown++;
            last = l->block_siz;
        }
    }
    assert_int_equal(l->count, 100000);
    assert_true(l->block_siz >= l->count);
    assert_true(grown < 20); /* doubles: not 5,000 growths of 20 */
    for (i = 1; i <= 100000; i++)
        assert_ptr_equal(HPDF_List_ItemAt(l, (HPDF_UINT)(i - 1)), (void *)i);
    /* an insert moves the rest up by one and appends the last */
    assert_int_equal(HPDF_List_Insert(l, (void *)(uintptr_t)3, (void *)7777),
                     HPDF_OK);
    assert_int_equal(l->count, 100001);
    assert_ptr_equal(HPDF_List_ItemAt(l, 2), (void *)7777);
    assert_ptr_equal(HPDF_List_ItemAt(l, 3), (void *)(uintptr_t)3);
    assert_ptr_equal(HPDF_List_ItemAt(l, 100000), (void *)(uintptr_t)100000);
    HPDF_List_Clear(l);
    assert_int_equal(l->count, 0);
    assert_int_equal(HPDF_List_Add(l, (void *)5), HPDF_OK);
    assert_ptr_equal(HPDF_List_ItemAt(l, 0), (void *)5);
    HPDF_List_Free(l);
    HPDF_Free(pdf);
}

/* the stand-ins for libharu's byte loops: same bytes, same return value
 * (the end of what was written) */
static void test_mem_contract(void **state)
{
    HPDF_BYTE buf[16] = "abcdefghijklmno";
    HPDF_BYTE out[16] = { 0 };

    (void)state;
    assert_ptr_equal(HPDF_MemCpy(out, buf, 5), out + 5);
    assert_memory_equal(out, "abcde", 5);
    assert_int_equal(out[5], 0);
    assert_ptr_equal(HPDF_MemCpy(out, buf, 0), out);
    /* overlapping, out before in: as the forward byte loop */
    assert_ptr_equal(HPDF_MemCpy(buf, buf + 2, 6), buf + 6);
    assert_memory_equal(buf, "cdefghghijklmno", 15);
    assert_ptr_equal(HPDF_MemSet(out, 'x', 3), out + 3);
    assert_memory_equal(out, "xxxde", 5);
    assert_ptr_equal(HPDF_MemSet(out, 'y', 0), out);
}

/* the compression level in a zlib header: FLEVEL, bits 6-7 of byte 2 */
static int flevel(const unsigned char *z)
{
    return z[1] >> 6;
}

static size_t deflate_default(const unsigned char *in, size_t n,
                              unsigned char *out, size_t cap, bool init2)
{
    z_stream s;

    memset(&s, 0, sizeof(s));
    if (init2)
        assert_int_equal(
            deflateInit2(&s, 6, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
            Z_OK);
    else
        assert_int_equal(deflateInit(&s, Z_DEFAULT_COMPRESSION), Z_OK);
    s.next_in = (unsigned char *)(uintptr_t)in;
    s.avail_in = (uInt)n;
    s.next_out = out;
    s.avail_out = (uInt)cap;
    assert_int_equal(deflate(&s, Z_FINISH), Z_STREAM_END);
    deflateEnd(&s);
    return cap - s.avail_out;
}

/* Other callers of deflateInit() get the default; libharu's streams are
 * compressed at level 1 (FLEVEL 0) and read back whole. */
static void test_compression_level(void **state)
{
    unsigned char *in = malloc(200000);
    unsigned char *a = malloc(300000);
    unsigned char *b = malloc(300000);
    size_t na;
    size_t nb;
    size_t i;
    HPDF_Doc pdf = HPDF_New(on_error, NULL);
    HPDF_Page page;
    HPDF_UINT32 size;
    unsigned char *doc;
    const unsigned char *p;
    int streams = 0;

    (void)state;
    assert_non_null(in);
    assert_non_null(a);
    assert_non_null(b);
    for (i = 0; i < 200000; i++)
        in[i] = (unsigned char)("满意度调查 survey "[i % 19] ^ (i / 977));
    na = deflate_default(in, 200000, a, 300000, false);
    nb = deflate_default(in, 200000, b, 300000, true);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na);
    assert_int_equal(flevel(a), 2); /* the default level */

    assert_non_null(pdf);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    page = HPDF_AddPage(pdf);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, HPDF_GetFont(pdf, "Helvetica", NULL), 12);
    for (i = 0; i < 200; i++)
        HPDF_Page_ShowText(page, "satisfaction analysis report ");
    HPDF_Page_EndText(page);
    assert_int_equal(HPDF_SaveToStream(pdf), HPDF_OK);
    size = HPDF_GetStreamSize(pdf);
    doc = malloc(size);
    assert_non_null(doc);
    assert_int_equal(HPDF_ReadFromStream(pdf, doc, &size), HPDF_OK);
    for (p = doc;
         (p = memmem(p, size - (size_t)(p - doc), "stream\015\012", 8)) != NULL;
         p += 8) {
        if (p + 10 > doc + size || p[8] != 0x78)
            continue; /* "endstream" or not deflated */
        assert_int_equal(flevel(p + 8), 0);
        streams++;
    }
    assert_true(streams >= 1);
    free(doc);
    HPDF_Free(pdf);
    free(in);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glyphs_of_the_font),
        cmocka_unit_test(test_glyphs_of_made_up_cmaps),
        cmocka_unit_test(test_glyph_slots),
        cmocka_unit_test(test_list_grows),
        cmocka_unit_test(test_mem_contract),
        cmocka_unit_test(test_compression_level),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
