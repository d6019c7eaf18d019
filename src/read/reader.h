/* SPDX-License-Identifier: MIT */
/*
 * reader.h - pull forms from one input file, whatever its format
 *
 * sr_reader_open() picks the reader by extension (.csv/.txt -> CSV,
 * .xml -> native XML), or the mapped reader when the options carry a
 * mapping (mapping.h), and streams: memory does not grow with the file.
 *
 * @code
 *   struct sr_reader *r;
 *   struct sr_rawform f;
 *   if (sr_reader_open(&r, path, tmpl, &opts, &d) != SR_OK) ...;
 *   while ((s = sr_reader_next(r, &f, &d)) == SR_OK)
 *       use(&f);                 // f valid until the next sr_reader_next()
 *   if (s != SR_DONE) ...;       // the file broke part-way: d says where
 *   sr_reader_free(r);
 * @endcode
 */
#ifndef SR_READER_H
#define SR_READER_H

#include "../core/config.h"
#include "../core/form.h"
#include "../core/status.h"
#include "../core/template.h"

#include <stdint.h>

struct sr_mapping;

struct sr_read_opts {
    enum sr_encoding encoding;
    /** When set, every file is read through this mapping (mapping.h), not
     * as native CSV/XML.  Borrowed. */
    const struct sr_mapping *mapping;
    /** XML: no thread reading ahead (yet): see sr_reader_read_ahead(). */
    bool no_ahead;
};

struct sr_reader;

/** Open @path.  SR_ERR_IO if it can't be opened; SR_ERR_PARSE if its header
 * is unusable (e.g. no known column).  *out owned by caller. */
enum sr_status sr_reader_open(struct sr_reader **out, const char *path,
                              const struct sr_template *t,
                              const struct sr_read_opts *o, struct sr_diag *d);

/** Next form: SR_OK (and *f filled, borrowed until the next call), SR_DONE
 * at the end, or an error with its place in @d (the rest of the file is
 * unreadable). */
enum sr_status sr_reader_next(struct sr_reader *r, struct sr_rawform *f,
                              struct sr_diag *d);

/** Forms whose text could not be decoded (invalid UTF-8 or GB18030, a NUL
 * byte), so far, and where the first of them was. */
struct sr_reader_badtext {
    long forms;
    long line; /* of the first such form, 0 when none */
    long col;  /* its byte in the row */
    char msg[256];
};

/** Fill @out; all zero for readers that stop at the first undecodable
 * byte (XML). */
void sr_reader_badtext(const struct sr_reader *r,
                       struct sr_reader_badtext *out);

/** Its forms so far (native CSV read directly; else 0). */
long sr_reader_badforms(const struct sr_reader *r);

/** CPU time in nanoseconds of the thread that read ahead (read/ahead.h),
 * once sr_reader_next() has returned the end; 0 without one. */
uint64_t sr_reader_thread_ns(const struct sr_reader *r);

void sr_reader_free(struct sr_reader *r);

/*
 * One file read in two parts at once (docs/benchmarks.md, "One file in
 * two parts"): the caller reads the first part with the reader it opened,
 * and the rest, from a split point, with a second reader in another
 * thread.  Only native CSV and XML read directly (XML opened with
 * no_ahead), not mapped exports.
 */

/** Where @r's file may be split: CSV, the byte after the first line end
 * past its middle (not before a byte order mark's first byte); XML, the
 * start of the first line past the middle that begins with blanks and
 * <form (the prolog and root start tag are kept for the part); -1 when @r
 * is not such a reader read directly, the file is smaller than @min bytes
 * or no such place is found near the middle. */
long long sr_reader_split_point(struct sr_reader *r, long long min);

/** For a native CSV reader read directly: the byte after the first line
 * end at or past byte @from (as sr_reader_split_point() chooses), -1 if
 * none is near or @r is another reader. */
long long sr_reader_split_at(const struct sr_reader *r, long long from);

/** Start the thread that reads ahead of an XML reader opened with
 * no_ahead, before its first form is read (nothing for other readers). */
void sr_reader_read_ahead(struct sr_reader *r);

/**
 * A reader of @whole's file from byte @off (sr_reader_split_point()) to
 * its end, with @whole's columns.  @enc: the encoding to read it in
 * (SR_ENC_AUTO decides from the same bytes the whole file's reader would
 * decide from if it had seen only ASCII before @off).  Lines are the whole
 * file's: *first_line gets the one at @off (its line ends before @off are
 * counted here, at about 5 GB/s).  *first_line must be 0 on entry, or,
 * for CSV, the line at @off when the caller knows it (sr_read_line_from():
 * then nothing is counted here).  The forms are those @whole would give
 * from there if @off lies between two forms, which the caller checks: the
 * first form of each at or after @off must be the same (CSV: begin on the
 * same line; XML: at the same byte, struct sr_rawform's at).
 * May be called from another thread than @whole's, which it only reads.
 */
enum sr_status sr_reader_open_part(struct sr_reader **out,
                                   const struct sr_reader *whole, long long off,
                                   enum sr_encoding enc, long *first_line,
                                   struct sr_diag *d);

/** The encoding decided so far: SR_ENC_AUTO while an automatic reader has
 * seen only ASCII (XML and mapped readers: SR_ENC_AUTO). */
enum sr_encoding sr_reader_encoding(const struct sr_reader *r);

/** Bytes of the file a native CSV reader has read so far, counted from
 * where it began (0 for other readers). */
long long sr_reader_bytes(const struct sr_reader *r);

/* The format readers behind it (same contracts). */
struct sr_csvr;
enum sr_status sr_csvr_open(struct sr_csvr **out, const char *path,
                            const struct sr_template *t,
                            const struct sr_read_opts *o, struct sr_diag *d);
enum sr_status sr_csvr_next(struct sr_csvr *r, struct sr_rawform *f,
                            struct sr_diag *d);
void sr_csvr_free(struct sr_csvr *r);
void sr_csvr_badtext(const struct sr_csvr *r, struct sr_reader_badtext *out);
long long sr_csvr_split_point(const struct sr_csvr *r, long long min);
/* The physical line at byte @off of @path (after a LF): 1 + the LFs and
 * lone CRs before it, as the CSV reader and expat count them. */
enum sr_status sr_read_line_at(const char *path, long long off, long *line,
                               struct sr_diag *d);
/* The same counted from byte @from (after a LF, or 0), whose line is
 * @from_line. */
enum sr_status sr_read_line_from(const char *path, long long from,
                                 long from_line, long long off, long *line,
                                 struct sr_diag *d);
long long sr_csvr_split_at(const struct sr_csvr *r, long long from);
enum sr_status sr_csvr_open_part(struct sr_csvr **out,
                                 const struct sr_csvr *whole, long long off,
                                 enum sr_encoding enc, long *first_line,
                                 struct sr_diag *d);
enum sr_encoding sr_csvr_encoding(const struct sr_csvr *r);
long sr_csvr_badforms(const struct sr_csvr *r);
long long sr_csvr_bytes(const struct sr_csvr *r);

struct sr_xmlr;
enum sr_status sr_xmlr_open(struct sr_xmlr **out, const char *path,
                            const struct sr_template *t,
                            const struct sr_read_opts *o, struct sr_diag *d);
enum sr_status sr_xmlr_next(struct sr_xmlr *r, struct sr_rawform *f,
                            struct sr_diag *d);
void sr_xmlr_free(struct sr_xmlr *r);
long long sr_xmlr_split_point(struct sr_xmlr *r, long long min);
enum sr_status sr_xmlr_open_part(struct sr_xmlr **out,
                                 const struct sr_xmlr *whole, long long off,
                                 long *first_line, struct sr_diag *d);

#endif /* SR_READER_H */
