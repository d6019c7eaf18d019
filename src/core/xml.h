/* SPDX-License-Identifier: MIT */
/*
 * xml.h - the one XML layer (expat) that every XML loader shares
 *
 * The form template loader, the native XML form reader and the mapping
 * loaders all parse through this.  It streams a file (or a borrowed memory
 * buffer) into expat in 64 KiB chunks and calls back on element start, end
 * and character data; a callback may pause the parse (the pull readers hand
 * out one form per pause) or stop it with an error.
 *
 * Safety, always on: a DOCTYPE is refused ("DOCTYPE is not allowed"), so no
 * entity can be declared (no billion laughs); external entities are never
 * loaded; elements may nest at most SR_XML_MAX_DEPTH deep; markup may be
 * at most SR_XML_MAX_TOKEN bytes long.  Text is UTF-8
 * as expat hands it out.  No expat type shows in this header.
 *
 * @code
 *   static enum sr_status on_start(void *ctx, struct sr_xml *x,
 *                                  const char *name, const char *const *attr)
 *   {
 *       if (strcmp(name, "bad") == 0)
 *           return sr_xml_error(x, SR_ERR_PARSE, "element 'bad' found");
 *       return SR_OK;
 *   }
 *   struct sr_xml_handlers h = { .start = on_start, .ctx = &my };
 *   s = sr_xml_parse_file(path, &h, &d);   // SR_OK, or an error in d
 * @endcode
 */
#ifndef SR_XML_H
#define SR_XML_H

#include "status.h"

#include <stdbool.h>
#include <stddef.h>

/** Elements nested deeper than this are an error. */
#define SR_XML_MAX_DEPTH 64
/** Markup (a tag with its attributes, a comment, a declaration) longer
 * than this is an error (SR_ERR_LIMIT): expat holds an unfinished token in
 * memory, so this bounds the memory a file can take.  Text between tags
 * is not markup: it is handed out in pieces. */
#define SR_XML_MAX_TOKEN (8 * 1024 * 1024)
/** Bytes handed to expat at a time. */
#define SR_XML_CHUNK 65536

struct sr_xml;

/**
 * Called at a start tag.  @attr holds name, value, name, value, ..., NULL
 * (borrowed for the call).  Return SR_OK to go on; any other status stops
 * the parse and is what sr_xml_step() returns: fill the diagnostic with
 * sr_xml_error() (which also returns the status, for `return sr_xml_error()`).
 */
typedef enum sr_status sr_xml_start_fn(void *ctx, struct sr_xml *x,
                                       const char *name,
                                       const char *const *attr);
/** Called at an end tag (also right after the start of an empty element). */
typedef enum sr_status sr_xml_end_fn(void *ctx, struct sr_xml *x,
                                     const char *name);
/** Character data, @n bytes (not NUL-terminated); one run of text may come
 * in several calls. */
typedef enum sr_status sr_xml_text_fn(void *ctx, struct sr_xml *x,
                                      const char *s, size_t n);

/** The callbacks; any of them may be NULL.  @ctx is handed to each. */
struct sr_xml_handlers {
    sr_xml_start_fn *start;
    sr_xml_end_fn *end;
    sr_xml_text_fn *text;
    void *ctx;
};

/**
 * Open @path for parsing with @h (copied).  Nothing is parsed yet.
 * Returns SR_ERR_IO if the file can't be opened, with the reason in @d.
 * *out is owned by the caller: sr_xml_free().
 */
enum sr_status sr_xml_open(struct sr_xml **out, const char *path,
                           const struct sr_xml_handlers *h, struct sr_diag *d);

/**
 * Like sr_xml_open() but parse @data[0..n), which is borrowed and must stay
 * valid until sr_xml_free().  @name is used in diagnostics (may be NULL).
 */
enum sr_status sr_xml_open_mem(struct sr_xml **out, const char *name,
                               const void *data, size_t n,
                               const struct sr_xml_handlers *h,
                               struct sr_diag *d);

/**
 * Parse on until a callback pauses (SR_OK), the document ends (SR_DONE) or
 * something fails: SR_ERR_PARSE when the XML is not well-formed or unsafe
 * (expat's message, e.g. "mismatched tag", with file, line and column in
 * @d), SR_ERR_LIMIT for markup longer than SR_XML_MAX_TOKEN, SR_ERR_IO on
 * a read error, or the status a callback returned (with
 * the diagnostic it set).  After an error every later call returns the same
 * error and diagnostic again; after SR_DONE, SR_DONE.
 */
enum sr_status sr_xml_step(struct sr_xml *x, struct sr_diag *d);

/**
 * From inside a callback: stop after this callback, so that sr_xml_step()
 * returns SR_OK; the next sr_xml_step() resumes where it stopped.  Expat may
 * still deliver the end of an empty element whose start callback paused.
 */
void sr_xml_pause(struct sr_xml *x);

/**
 * From inside a callback: fill the parse's diagnostic with @code, the file,
 * the current line and column and the printf-formatted message, and return
 * @code.  Returning that status from the callback stops the parse.
 */
enum sr_status sr_xml_error(struct sr_xml *x, enum sr_status code,
                            const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** Like sr_xml_error(), at @line (column unknown). */
enum sr_status sr_xml_error_at(struct sr_xml *x, enum sr_status code, long line,
                               const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** The line (1-based) of the current event: for a start callback, the line
 * of its start tag.  0 outside a parse. */
long sr_xml_line(const struct sr_xml *x);

/** The byte of the file where the current event begins (in a part, the
 * whole file's: sr_xml_open_part()). */
long long sr_xml_byte(const struct sr_xml *x);

/**
 * Like sr_xml_open(), for the part of the file @path from byte @off: expat
 * is handed @pre[0..prelen) first (the file's prolog and root start tag,
 * and a line end), then the file from @off, which must begin a line.
 * Lines are the file's (@line_offset is added to expat's), bytes too.
 */
enum sr_status sr_xml_open_part(struct sr_xml **out, const char *path,
                                const char *pre, size_t prelen, long long off,
                                long line_offset,
                                const struct sr_xml_handlers *h,
                                struct sr_diag *d);

/** The column (1-based, in bytes) of the current event. */
long sr_xml_col(const struct sr_xml *x);

/** The element depth: 1 inside the start callback of the root element. */
int sr_xml_depth(const struct sr_xml *x);

/** The file name given at open (borrowed; "" when none). */
const char *sr_xml_name(const struct sr_xml *x);

/** Close the file and free the parser; NULL does nothing. */
void sr_xml_free(struct sr_xml *x);

/**
 * Parse the whole of @path with @h, ignoring pauses.  Returns SR_OK when the
 * document is complete and no callback failed; otherwise the error of
 * sr_xml_open() or sr_xml_step().
 */
enum sr_status sr_xml_parse_file(const char *path,
                                 const struct sr_xml_handlers *h,
                                 struct sr_diag *d);

/** Like sr_xml_parse_file() on @data[0..n), named @name in diagnostics. */
enum sr_status sr_xml_parse_mem(const char *name, const void *data, size_t n,
                                const struct sr_xml_handlers *h,
                                struct sr_diag *d);

#endif /* SR_XML_H */
