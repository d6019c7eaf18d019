/* SPDX-License-Identifier: MIT */
/*
 * csv.h - RFC 4180 rows of a CSV file, streamed, any supported encoding
 *
 * The generic row layer under the native CSV form reader (sr_csvr_*, in
 * reader.h) and the mapping readers: it knows nothing of templates.  It
 * reads the file in chunks, decodes it to UTF-8 (encoding.h), splits it
 * into rows with libcsv and hands out one row at a time, with the physical
 * line where the row starts.  Memory does not grow with the file: one
 * chunk, one row and libcsv's field buffer, each bounded by the limits
 * below.
 *
 * - Quoted fields, doubled quotes, line breaks inside quotes; rows end with
 *   LF, CRLF or a lone CR.  Spaces and tabs around unquoted fields are
 *   dropped (libcsv's default; with a tab separator only spaces); inside
 *   quotes they are kept.
 * - Cells are separated by a comma, or by the separator of the options
 *   (mapped exports use ';' and tabs too).
 * - Lines are counted from 1 (the header is line 1); a CRLF is one line
 *   break, and so is a lone CR.
 * - Blank rows are skipped: a row all of whose cells are empty and that
 *   lies on one line (an empty line, spaces only, or ",,,,").
 * - A quote that is still open at the end of the file is a fatal
 *   SR_ERR_PARSE ("unterminated quoted field: the quote opened on
 *   this line runs to the end of the file (line N)", at the quote's line).
 * - What is wrong inside one row does not stop the file: the row is
 *   returned with a problem (struct sr_csv_row), and the caller refuses it.
 *
 * @code
 *   struct sr_csv_opts o = {.encoding = SR_ENC_AUTO};
 *   struct sr_csv_rows *r;
 *   struct sr_csv_row row;
 *   if (sr_csv_rows_open(&r, path, &o, d) != SR_OK) return d->code;
 *   while ((s = sr_csv_rows_next(r, &row, d)) == SR_OK)
 *       use(row.cells, row.ncells, row.line);  // valid until the next call
 *   sr_csv_rows_free(r);
 *   if (s != SR_DONE) ...;                      // d says where and why
 * @endcode
 */
#ifndef SR_CSV_H
#define SR_CSV_H

#include "../core/buf.h"
#include "../core/config.h"
#include "../core/status.h"
#include "encoding.h"

#include <stdbool.h>
#include <stddef.h>

/** Bytes read from the file at a time. */
#define SR_CSV_CHUNK 65536
/** The longest field kept, in bytes of UTF-8; the rest is dropped and the
 * row gets SR_CSV_LONG_FIELD. */
#define SR_CSV_MAX_FIELD (1024 * 1024)
/** The most cells kept in a row; more make SR_CSV_MANY_CELLS. */
#define SR_CSV_MAX_CELLS 4096
/** The most bytes kept in a row (all cells); cells past it are kept empty
 * and the row gets SR_CSV_LONG_ROW. */
#define SR_CSV_MAX_ROW (16 * 1024 * 1024)

/** What is wrong with a row (the first thing found). */
enum sr_csv_problem {
    SR_CSV_ROW_OK = 0,
    SR_CSV_BAD_TEXT,   /* invalid UTF-8 or undecodable bytes, at offset */
    SR_CSV_NUL_BYTE,   /* a NUL byte, at offset */
    SR_CSV_LONG_FIELD, /* cell longer than SR_CSV_MAX_FIELD, cut */
    SR_CSV_MANY_CELLS, /* more than SR_CSV_MAX_CELLS cells */
    SR_CSV_LONG_ROW    /* more than SR_CSV_MAX_ROW bytes */
};

/**
 * One row, borrowed from the reader: valid until the next
 * sr_csv_rows_next() or sr_csv_rows_free().
 *
 * Invariants: cells[i] is NUL-terminated with lens[i] bytes (a cell may
 * hold a NUL only when the problem is SR_CSV_NUL_BYTE); ncells <=
 * SR_CSV_MAX_CELLS and ncells <= ntotal.
 */
struct sr_csv_row {
    const char *const *cells;
    const size_t *lens;
    size_t ncells; /* cells kept */
    size_t ntotal; /* cells in the input row */
    long line;     /* physical line where the row starts */
    long end_line; /* physical line where it ends */
    enum sr_csv_problem problem;
    size_t problem_cell;   /* the cell at fault (0 when none) */
    size_t problem_offset; /* SR_CSV_BAD_TEXT / NUL: 1-based byte of the
                            * row (cells joined by one separator) */
};

struct sr_csv_opts {
    enum sr_encoding encoding;
    /** The cell separator: ',' (also when 0), ';', '\t' or any other
     * ASCII byte but '"', CR and LF. */
    char separator;
    /** UTF-16 input: refused (the default), or accepted (encoding.h). */
    enum sr_utf16 utf16;
    /** Bytes per read; 0 means SR_CSV_CHUNK.  Tests use tiny chunks to put
     * chunk boundaries everywhere. */
    size_t chunk_size;
};

struct sr_csv_rows;

/**
 * Open @path (copied) for reading rows.  @o may be NULL (auto encoding).
 * Errors: SR_ERR_IO if the file cannot be opened.  Nothing is read yet, so
 * encoding errors come from sr_csv_rows_next().  *out is owned by the
 * caller: free with sr_csv_rows_free().
 */
enum sr_status sr_csv_rows_open(struct sr_csv_rows **out, const char *path,
                                const struct sr_csv_opts *o, struct sr_diag *d);

/**
 * The next row: SR_OK and *row filled (borrowed until the next call),
 * SR_DONE at the end of the file, or an error with file:line in @d, after
 * which the rest of the file cannot be read (every later call fails):
 * SR_ERR_IO (read error), SR_ERR_PARSE (unterminated quote at the end of
 * the file, UTF-16 input not allowed), SR_ERR_LIBRARY (iconv or libcsv failed).
 */
enum sr_status sr_csv_rows_next(struct sr_csv_rows *r, struct sr_csv_row *row,
                                struct sr_diag *d);

/**
 * Before the first sr_csv_rows_next(): read from byte @off of the file,
 * where physical line @line begins, instead of from its start.  For a
 * file read in two parts at once (reader.h, sr_reader_open_part()): @off
 * must follow a line end, and the rows are those of the whole file only
 * when it lies between two rows, which the caller checks.  SR_ERR_IO when
 * the file cannot seek.
 */
enum sr_status sr_csv_rows_seek(struct sr_csv_rows *r, long long off, long line,
                                struct sr_diag *d);

/** Bytes of the file read so far, counted from where reading began (the
 * reader reads up to a chunk ahead of the row it hands out). */
long long sr_csv_rows_bytes(const struct sr_csv_rows *r);

/** The encoding in use: SR_ENC_UTF8 or SR_ENC_GB18030, or SR_ENC_AUTO while
 * an auto reader has seen only ASCII. */
enum sr_encoding sr_csv_rows_encoding(const struct sr_csv_rows *r);

/** True if the input began with a UTF-16 byte order mark (the error of
 * sr_csv_rows_next() is then SR_ERR_PARSE). */
bool sr_csv_rows_utf16(const struct sr_csv_rows *r);

/**
 * Say what is wrong with @row in words, for rejects.csv, appending to @out:
 * "invalid UTF-8 at byte 7 of the row (is the file GBK? set encoding =
 * gbk)", "field 'C1' longer than 1048576 bytes (limit: field
 * length)"...  @cell_name names the
 * cell at fault (a column id; NULL: "cell N").  Appends nothing for a row
 * without problem.
 */
void sr_csv_row_problem(const struct sr_csv_rows *r,
                        const struct sr_csv_row *row, const char *cell_name,
                        struct sr_buf *out);

#ifdef SR_TESTING
/** Test hook: turn the fast path for whole lines off (false) or on again
 * (the default), to compare it with libcsv's parse of the same text. */
void sr_csv_set_fast(bool on);
#endif

/** Close the file and free @r; NULL does nothing. */
void sr_csv_rows_free(struct sr_csv_rows *r);

#endif /* SR_CSV_H */
