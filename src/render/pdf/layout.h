/* SPDX-License-Identifier: MIT */
/*
 * layout.h - a small page layout layer over libharu for the PDF report
 *
 * In:  text (UTF-8), table rows, chart bars, already formatted by the
 *      caller.  Out: pages of one PDF document, saved with
 *      sr_layout_save().  Owns the libharu document, its pages and the one
 *      embedded CJK TrueType font.  No libharu type appears here: the
 *      report code (pdf.c) and a later template-driven report only see
 *      struct sr_layout.
 *
 * The model is a cursor flowing down the text area of the current page:
 * headings, paragraphs, tables and charts are placed at the cursor and move
 * it down; whatever does not fit starts a new page (tables repeat their
 * header row).  Running heads (two texts and a rule) and feet ("第 N 页 共
 * M 页") are drawn on every page opened with running = true when the
 * document is saved, because only then is M known.
 *
 * Errors are sticky, like ferror(): libharu's error handler only records
 * the first error number, every later drawing call does nothing, and
 * sr_layout_check() / sr_layout_save() report it.  Drawing calls therefore
 * return void.
 *
 * Lengths are PDF points (1/72 inch); y grows upwards as in PDF.
 */
#ifndef SR_LAYOUT_H
#define SR_LAYOUT_H

#include "../../core/status.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/** The font used when none is given: WenQuanYi Zen Hei, face 0. */
#define SR_LAYOUT_DEFAULT_FONT "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

/** An RGB colour, each part 0..1. */
struct sr_rgb {
    double r;
    double g;
    double b;
};

enum sr_layout_align { SR_ALIGN_LEFT = 0, SR_ALIGN_CENTER, SR_ALIGN_RIGHT };

/** What the document is and how its pages look.  Strings are copied. */
struct sr_layout_info {
    const char *title;        /* document info Title, or NULL */
    const char *author;       /* Author, or NULL */
    const char *subject;      /* Subject, or NULL */
    const char *creator;      /* Creator, e.g. "satreport 0.1.0", or NULL */
    time_t epoch;             /* CreationDate and ModDate (UTC) */
    const char *font_path;    /* TrueType .ttf/.ttc; NULL = the default */
    int font_index;           /* face inside a .ttc */
    const char *header_left;  /* running head, left; NULL = none */
    const char *header_right; /* running head, right; NULL = none */
    struct sr_rgb header_right_color;
    const char *keywords; /* document info Keywords, or NULL */
    /* running foot: "{page}" and "{pages}" are replaced by the page number
     * and the page count; NULL = no foot */
    const char *foot;
    /* drawn diagonally, light, across every page (the cover too), above
     * the content; NULL or "" = none */
    const char *watermark;
    struct sr_rgb watermark_color;
    /* encrypt (RC4 128, empty user password) with permissions that allow
     * printing (also at high resolution) but not copying or changing; the
     * file ID and the owner password are derived from @epoch and
     * @id_seed, so the same inputs give the same bytes */
    bool protect;
    const char *id_seed;
};

struct sr_layout;

/**
 * Start a document: A4 portrait, 25 mm side margins, UTF-8 text in the
 * embedded font @info->font_path.  No page is open yet.
 *
 * Errors: SR_ERR_LIBRARY when libharu cannot start or cannot load the font
 * (the message names the font and the libharu error number).  On success
 * *out is owned by the caller: free with sr_layout_free().
 */
enum sr_status sr_layout_new(struct sr_layout **out,
                             const struct sr_layout_info *info,
                             struct sr_diag *d);

/** Free the document (HPDF_Free) and everything of @L; NULL does nothing. */
void sr_layout_free(struct sr_layout *L);

/**
 * Report the first libharu error so far: SR_OK, or SR_ERR_LIBRARY (or
 * SR_ERR_NOMEM) with "cannot draw pdf: libharu error 0x.... (detail n):
 * what" in @d.
 */
enum sr_status sr_layout_check(const struct sr_layout *L, struct sr_diag *d);

/**
 * Draw the running heads and feet, then write the document to @path.
 * Errors: a recorded earlier error as sr_layout_check(); SR_ERR_WRITE when
 * the file cannot be written (message has the path and libharu's error
 * number).  The same inputs and epoch give a byte-identical file.
 */
enum sr_status sr_layout_save(struct sr_layout *L, const char *path,
                              struct sr_diag *d);

/* --- pages and the cursor --- */

/** Open a new page; @running: give it a running head and foot. */
void sr_layout_page(struct sr_layout *L, bool running);

/** Number of pages so far. */
size_t sr_layout_page_count(const struct sr_layout *L);

/** Width of the text area (between the side margins). */
double sr_layout_text_width(const struct sr_layout *L);

/** Height left between the cursor and the bottom margin (0 if no page). */
double sr_layout_room(const struct sr_layout *L);

/** Height of the text area of a page. */
double sr_layout_body_height(const struct sr_layout *L);

/** Start a new running page unless @h points fit below the cursor (a
 * pending heading is kept with those @h points). */
void sr_layout_need(struct sr_layout *L, double h);

/** Move the cursor down by @h (at most to the bottom margin). */
void sr_layout_skip(struct sr_layout *L, double h);

/** Move the cursor to @frac (0 = top, 1 = bottom) of the text area, if
 * that is further down; for cover pages. */
void sr_layout_goto(struct sr_layout *L, double frac);

/* --- text --- */

/** How a block of text is set. */
struct sr_layout_style {
    double size;    /* font size in points */
    double leading; /* line height as a multiple of size (0 = 1.5) */
    enum sr_layout_align align;
    bool bold;           /* simulated: fill and stroke */
    double first_indent; /* first line indent, in multiples of size */
    double space_before; /* points */
    double space_after;  /* points */
    struct sr_rgb color; /* black when all zero */
};

/** Body text: 10.5 pt (五号), leading 1.6, first line indented 2 em. */
struct sr_layout_style sr_layout_body_style(void);

/**
 * Set @text as a paragraph at the cursor, wrapped to the text width with
 * Chinese line breaking (see sr_layout_wrap()); '\n' breaks a line.  Lines
 * that do not fit continue on a new running page.
 */
void sr_layout_text(struct sr_layout *L, const struct sr_layout_style *st,
                    const char *text);

/**
 * A section heading (@level 1 to 3) with a bookmark (outline entry).  It is
 * drawn when the next block comes (text, table, chart, ...), on the page
 * where that block starts, so a heading never ends a page alone.
 */
void sr_layout_heading(struct sr_layout *L, int level, const char *text);

enum sr_heading_flags {
    SR_HEADING_NO_TOC = 1 << 0,      /* not listed in the table of contents */
    SR_HEADING_NO_BOOKMARK = 1 << 1, /* no outline entry */
    SR_HEADING_CENTER = 1 << 2,      /* centred, larger (a page title) */
};

/** sr_layout_heading() with enum sr_heading_flags. */
void sr_layout_heading_ex(struct sr_layout *L, int level, const char *text,
                          unsigned flags);

/** A heading as placed: where it went, for a table of contents. */
struct sr_layout_mark {
    int level;
    char *text;  /* owned by the layout */
    size_t page; /* 1-based physical page */
    bool toc;    /* listed in a table of contents */
};

/**
 * The headings placed so far, in document order (borrowed; valid until
 * the next heading or sr_layout_free()).  A table of contents is made by
 * laying the document out twice: the first layout tells the pages, the
 * second prints them (the entries, and so the pages, are the same).
 */
const struct sr_layout_mark *sr_layout_marks(const struct sr_layout *L,
                                             size_t *n);

/**
 * One line of a table of contents at the cursor: @text indented by
 * @level, dot leaders, @page_text at the right; a link to physical page
 * @target (1-based; 0 = no link), made when the document is saved.
 */
void sr_layout_toc_line(struct sr_layout *L, int level, const char *text,
                        const char *page_text, size_t target);

/** @text centred in a box drawn in @color (e.g. a 机密 marking), at the
 * cursor; @align places the box. */
void sr_layout_stamp(struct sr_layout *L, const char *text, double size,
                     enum sr_layout_align align, struct sr_rgb color);

/** A horizontal rule across the text area at the cursor. */
void sr_layout_rule(struct sr_layout *L, double width, struct sr_rgb color);

/** One key figure: a caption, the figure (formatted) and a small note. */
struct sr_layout_kpi {
    const char *label;
    const char *value;
    const char *note; /* or NULL */
};

/** Key figures in boxes side by side, at the cursor. */
void sr_layout_kpis(struct sr_layout *L, const struct sr_layout_kpi *k,
                    size_t n);

/** Width of @text set at @size, in points. */
double sr_layout_measure(const struct sr_layout *L, const char *text,
                         double size);

/* --- line breaking (usable without a document) --- */

/** One line of wrapped text: bytes [off, off+len) of the text. */
struct sr_wrap_line {
    size_t off;
    size_t len;
    double width;
};

/** The lines of a wrapped text.  Zero-initialise; release with
 * sr_wrap_release(). */
struct sr_wrap {
    struct sr_wrap_line *lines;
    size_t n;
    size_t alloc;
};

/** The advance width of the one UTF-8 character @s[0..len). */
typedef double sr_measure_fn(void *ctx, const char *s, size_t len);

/**
 * Break @text into lines of at most @width (as measured by @measure),
 * appending them to @w (reset first).  Breaks fall at '\n', after spaces,
 * after '/' and '_' (paths, identifiers), and between two characters
 * either of which is CJK; but no line starts with closing punctuation
 * (，。、；：？！）》」 ...) and no line ends with opening punctuation
 * (（《「 ...): the Chinese 禁则.  A word wider than @width is cut at a
 * character boundary, never inside a UTF-8 sequence.  Spaces at a break
 * are dropped.  An empty text has no lines.
 * Invalid UTF-8 bytes count as one character each.
 */
void sr_wrap_text(struct sr_wrap *w, const char *text, double width,
                  sr_measure_fn *measure, void *ctx);

/** Wrap with the document's font at @size. */
void sr_layout_wrap(const struct sr_layout *L, struct sr_wrap *w,
                    const char *text, double size, double width);

void sr_wrap_release(struct sr_wrap *w);

/* --- tables --- */

struct sr_layout_column {
    const char *title; /* header text; may wrap */
    double width;      /* relative weight; the columns fill the text width
                          (weights in points that sum to the text width are
                          widths in points) */
    enum sr_layout_align align;
};

enum sr_cell_flags {
    SR_CELL_STRONG = 1 << 0, /* bold */
    SR_CELL_ALERT = 1 << 1,  /* dark red */
    SR_CELL_MUTED = 1 << 2,  /* grey */
    SR_CELL_GOOD = 1 << 3    /* dark green */
};

struct sr_layout_cell {
    const char *text; /* NULL prints nothing */
    unsigned flags;   /* enum sr_cell_flags */
};

struct sr_layout_table;

/**
 * Begin a table at the cursor with a caption above it (or NULL).  The
 * caption, the header row and the first row are kept together.  Columns
 * are copied.  Rows are drawn as they come, so a table may be any length;
 * a row that does not fit starts a new page, where the header row is
 * drawn again.  End with sr_layout_table_end() (which frees the table).
 */
struct sr_layout_table *sr_layout_table_begin(struct sr_layout *L,
                                              const char *caption,
                                              const struct sr_layout_column *c,
                                              size_t ncols);

/**
 * Keep the caption, the header and the first @rows rows on one page when
 * they fit on an empty one (for short tables; estimated from the first
 * row's height).  Without it, at least two rows follow the header.
 */
void sr_layout_table_keep(struct sr_layout_table *t, size_t rows);

/** The column width that shows @text on one line in a table cell. */
double sr_layout_table_fit(const struct sr_layout *L, const char *text);

/** Append a row of exactly ncols cells (copied as drawn). */
void sr_layout_table_row(struct sr_layout_table *t,
                         const struct sr_layout_cell *cells);

/** Append a row of plain texts (ncols of them). */
void sr_layout_table_row_text(struct sr_layout_table *t,
                              const char *const *texts);

/** Rows are at least @h points high (for lines to sign or fill in). */
void sr_layout_table_min_row(struct sr_layout_table *t, double h);

/** Finish the table, leave space below it and free @t; NULL is ignored. */
void sr_layout_table_end(struct sr_layout_table *t);

/* --- charts --- */

/** One bar.  Texts are printed as given: the caller formats numbers. */
struct sr_layout_bar {
    const char *label;
    bool has_value;
    double value;
    const char *value_text; /* printed at the end of the bar */
    bool has_target;
    double target; /* drawn as a marker line across the bar */
};

struct sr_layout_bar_chart {
    const char *title;         /* above the chart, e.g. 图1 ... */
    const char *axis_label;    /* under the value axis */
    const char *value_legend;  /* legend text of the bars */
    const char *target_legend; /* legend text of the marker; NULL = none */
    double min;                /* value axis range */
    double max;
    double tick; /* distance between labelled ticks */
    const struct sr_layout_bar *bars;
    size_t nbars;
    const char *cont; /* appended to the title on later pages; NULL =
                         "（续）" */
};

/**
 * A horizontal bar chart at the cursor: labels on the left, a value axis
 * with ticks and grid lines, a value label at each bar, each target drawn
 * as a marker line, and a legend.  Values outside [min, max] are clamped
 * in the drawing (their labels stay true).  Kept on one page.
 */
void sr_layout_bar_chart(struct sr_layout *L,
                         const struct sr_layout_bar_chart *c);

/** Flags of a value in a series chart. */
enum sr_value_flags {
    SR_VALUE_MUTED = 1 << 0 /* drawn pale (e.g. a small base) */
};

/** One value of a series chart: a bar, or a part of a stacked bar. */
struct sr_layout_value {
    bool has_value;
    double value;     /* stacked: a share 0..1 */
    const char *text; /* printed at (or inside) the bar; NULL = none */
    unsigned flags;   /* enum sr_value_flags */
};

/** One category (row) of a series chart: a value per series. */
struct sr_layout_category {
    const char *label;
    const struct sr_layout_value *values; /* nseries of them */
    bool has_target;
    double target; /* a marker across the row (grouped charts) */
};

/**
 * Horizontal bars by category and series: side by side (grouped: segments,
 * periods) or stacked to 100% (distributions, values are shares 0..1 and
 * min/max/tick are ignored).  A legend names every series (and the target
 * marker and pale values when used).  Kept on one page; a chart with more
 * rows than a page holds continues on the next, titled "（续）".
 */
struct sr_layout_series_chart {
    const char *title;
    const char *axis_label;
    const char *const *series; /* legend texts, nseries */
    size_t nseries;
    const char *target_legend; /* NULL = none */
    const char *muted_legend;  /* legend text of pale values; NULL = none */
    const char *cont;          /* appended to the title on later pages */
    bool stacked;
    double min;
    double max;
    double tick;
    const struct sr_layout_category *cats;
    size_t ncats;
};

void sr_layout_series_chart(struct sr_layout *L,
                            const struct sr_layout_series_chart *c);

/** A point of a scatter chart. */
struct sr_layout_point {
    const char *label;      /* e.g. a dimension name */
    const char *value_text; /* printed under the label, smaller; or NULL */
    double x;
    double y;
    int cls; /* 1..4: the quadrant (colour); 0 = none */
};

/**
 * A scatter chart (importance-performance analysis): points with labels,
 * dashed split lines at (@x_split, @y_split) when @has_split, the four
 * quadrant names in their corners (1 top right, 2 bottom right, 3 bottom
 * left, 4 top left, as GB/T 19038 numbers them with importance on x and
 * performance on y) and a legend of the classes.  The axes span the
 * points with a margin, on round ticks.  Kept on one page.
 */
struct sr_layout_scatter {
    const char *title;
    const char *x_label;
    const char *y_label;
    const char *quadrant[4]; /* names of classes 1..4; NULL = none */
    bool has_split;
    double x_split;
    double y_split;
    const struct sr_layout_point *points;
    size_t npoints;
};

void sr_layout_scatter(struct sr_layout *L, const struct sr_layout_scatter *c);

#endif /* SR_LAYOUT_H */
