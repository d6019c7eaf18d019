/* SPDX-License-Identifier: MIT */
/*
 * harufast.h - faster stand-ins for a few libharu 2.3 internals
 *
 * libharu spends most of a report's drawing time in loops that do more
 * work than their result needs (harufast.c says which and why).  The
 * library calls them through its PLT, so definitions in this program take
 * their place; each gives the same result as the library's own, so the
 * PDF is byte for byte the same (tests/unit/test_harufast.c compares them
 * with the library's, found with dlsym(RTLD_NEXT)).
 *
 * The glyph look-up needs to be told about a font first: call
 * sr_haru_glyphs_add() after HPDF_LoadTTFontFromFile*() and before
 * HPDF_GetFont(), and sr_haru_glyphs_drop() before the document is freed.
 * A font it was not told about is looked up by the library's own code.
 * Both are per thread: a document is drawn in the thread that made it.
 */
#ifndef SR_HARUFAST_H
#define SR_HARUFAST_H

#include <hpdf.h>
#include <stdbool.h>

/* Table the glyph ids of the TrueType font @fd (from HPDF_GetFontDef()):
 * 64K code points, 128 KB.  False (nothing kept) when @fd is not a
 * format-4 TrueType font or no slot is free; look-ups are then the
 * library's. */
bool sr_haru_glyphs_add(HPDF_FontDef fd);

/* Forget @fd's table (before the document that owns @fd is freed). */
void sr_haru_glyphs_drop(HPDF_FontDef fd);

#endif
