/* SPDX-License-Identifier: MIT */
/*
 * encoding.h - input encodings: names, detection, streaming decode to UTF-8
 *
 * Input files are UTF-8 (with or without a BOM) or GB18030/GBK, as Excel
 * saves CSV on Chinese Windows; the mapping readers (mapping.h) may also
 * accept UTF-16 (sr_decoder_set_utf16()).  Everything inside satreport is
 * UTF-8, so readers push the raw bytes of a file through a struct
 * sr_decoder, chunk by chunk, and parse its UTF-8 output.  iconv (glibc) stays
 * inside encoding.c; no iconv type shows here.
 *
 * The decoder never stops on a bad byte: it passes it on as invalid UTF-8
 * (see sr_decoder_feed()), so the reader can refuse the one record that
 * holds it, with its line, and go on with the rest of the file.
 *
 * @code
 *   struct sr_decoder *dec = sr_decoder_new(SR_ENC_AUTO, path);
 *   struct sr_buf text = SR_BUF_INIT;
 *   while ((n = fread(raw, 1, sizeof(raw), fp)) > 0) {
 *       if (sr_decoder_feed(dec, raw, n, &text, d) != SR_OK) goto out;
 *       parse(text.buf, text.len);   // whole characters only
 *       sr_buf_reset(&text);
 *   }
 *   if (sr_decoder_finish(dec, &text, d) != SR_OK) goto out;
 *   parse(text.buf, text.len);
 * out:
 *   sr_decoder_free(dec);
 *   sr_buf_release(&text);
 * @endcode
 */
#ifndef SR_ENCODING_H
#define SR_ENCODING_H

#include "../core/buf.h"
#include "../core/config.h"
#include "../core/status.h"

#include <stdbool.h>
#include <stddef.h>

/** How many bytes SR_ENC_AUTO looks at, from the first non-ASCII byte on,
 * before it decides between UTF-8 and GB18030. */
#define SR_ENCODING_SNIFF 65536

/** The byte a decoder writes for each input byte it cannot decode.  It is
 * never valid in UTF-8, so sr_encoding_utf8_span() finds it. */
#define SR_DECODER_BAD 0xFF

/** A byte order mark at the start of a file. */
enum sr_bom {
    SR_BOM_NONE = 0,
    SR_BOM_UTF8,    /* EF BB BF */
    SR_BOM_UTF16LE, /* FF FE (also the start of a UTF-32LE BOM) */
    SR_BOM_UTF16BE  /* FE FF */
};

/** What a decoder does with UTF-16. */
enum sr_utf16 {
    SR_UTF16_REFUSE = 0, /* a UTF-16 BOM is an error (native inputs) */
    SR_UTF16_BOM,        /* a UTF-16 BOM means UTF-16 in its byte order */
    SR_UTF16_LE,         /* the input is UTF-16LE, BOM or not */
    SR_UTF16_BE          /* the input is UTF-16BE, BOM or not */
};

/**
 * Parse an encoding name as written in a pipeline: auto, utf-8, utf8 ->
 * SR_ENC_UTF8, gbk, gb2312, gb18030 -> SR_ENC_GB18030 (case-insensitive,
 * surrounding spaces allowed).  Returns false (and leaves *out alone) for
 * any other name.
 */
bool sr_encoding_parse(const char *name, enum sr_encoding *out);

/** The name of @e for messages: "auto", "UTF-8" or "GB18030"; never NULL. */
const char *sr_encoding_name(enum sr_encoding e);

/**
 * The BOM at the start of @buf[0..n).  *len (if not NULL) gets its length
 * in bytes (0 for none).  With fewer than 3 bytes, a UTF-8 BOM cannot be
 * seen yet: callers wait for more input (see sr_encoding_bom_pending()).
 */
enum sr_bom sr_encoding_bom(const char *buf, size_t n, size_t *len);

/** True if @buf[0..n) is a proper prefix of some BOM, so that more bytes
 * are needed to tell. */
bool sr_encoding_bom_pending(const char *buf, size_t n);

/**
 * Guess the encoding of text without a BOM: SR_ENC_UTF8 if @buf[0..n) is
 * valid UTF-8 (a sequence cut by the end of the buffer is allowed: the
 * buffer is usually the first part of a file), else SR_ENC_GB18030.
 * Pure ASCII is UTF-8.  Never returns SR_ENC_AUTO.
 */
enum sr_encoding sr_encoding_detect(const char *buf, size_t n);

/**
 * The length of the longest valid UTF-8 prefix of @s[0..n): n if all of it
 * is valid, else the offset of the first bad byte.  When @cut_ok, a
 * sequence that is valid so far but cut by the end of the buffer counts as
 * valid.  Overlong forms, surrogates and code points above U+10FFFF are
 * invalid; NUL bytes are valid.
 */
size_t sr_encoding_utf8_span(const char *s, size_t n, bool cut_ok);

/**
 * A streaming decoder from one encoding to UTF-8.
 *
 * - A BOM decides first, whatever was asked: a UTF-8 BOM means UTF-8 (and
 *   is dropped); a UTF-16 BOM is refused (SR_ERR_PARSE) unless UTF-16 was
 *   allowed with sr_decoder_set_utf16().
 * - UTF-16 (allowed, and announced by its BOM or forced): converted with
 *   iconv; a character cut by the end of a chunk waits for the next one;
 *   each 2-byte unit that cannot be decoded (a lone surrogate, an odd byte
 *   at the end) becomes one SR_DECODER_BAD and decoding goes on.
 * - SR_ENC_UTF8: bytes pass through unchanged (invalid ones included: the
 *   consumer validates records with sr_encoding_utf8_span()).
 * - SR_ENC_GB18030 (GBK, GB2312): converted with iconv; a multibyte
 *   character cut by the end of a chunk is carried to the next one; each
 *   byte that cannot be decoded becomes SR_DECODER_BAD and decoding goes on
 *   with the next byte.
 * - SR_ENC_AUTO: ASCII passes through while undecided; at the first
 *   non-ASCII byte the decoder holds up to SR_ENCODING_SNIFF bytes (or what
 *   is left of the file), decides with sr_encoding_detect(), and goes on as
 *   one of the two above.  Memory stays bounded by that.
 */
struct sr_decoder;

/** A new decoder for @enc; @name (borrowed, may be NULL) names the input in
 * messages.  Free with sr_decoder_free().  Never NULL (OOM ends the run). */
struct sr_decoder *sr_decoder_new(enum sr_encoding enc, const char *name);

/**
 * Allow UTF-16 (see enum sr_utf16).  Call before the first feed; later
 * calls are ignored.  SR_UTF16_LE/BE override the encoding asked for.
 */
void sr_decoder_set_utf16(struct sr_decoder *dec, enum sr_utf16 mode);

/** SR_UTF16_LE or SR_UTF16_BE while the decoder converts UTF-16, else
 * SR_UTF16_REFUSE. */
enum sr_utf16 sr_decoder_utf16(const struct sr_decoder *dec);

/**
 * Whether bytes fed now would come out as they are (UTF-8 decided, its
 * BOM behind): a reader may then read a chunk straight into its text
 * instead of feeding it (sr_decoder_finish() has nothing to add then).
 */
bool sr_decoder_passthrough(const struct sr_decoder *dec);

/**
 * Decode @in[0..n) and append the UTF-8 text to @out (which is not reset).
 * Only whole characters are written; a cut one waits for the next call.
 * Errors: SR_ERR_PARSE for a UTF-16 BOM, SR_ERR_LIBRARY if iconv cannot
 * convert GB18030 on this system; @d says why.  After an error every call
 * fails the same way.
 */
enum sr_status sr_decoder_feed(struct sr_decoder *dec, const char *in, size_t n,
                               struct sr_buf *out, struct sr_diag *d);

/** End of input: append what is held back to @out (bytes of a cut
 * character become SR_DECODER_BAD).  Errors as sr_decoder_feed(). */
enum sr_status sr_decoder_finish(struct sr_decoder *dec, struct sr_buf *out,
                                 struct sr_diag *d);

/** The encoding in use: SR_ENC_UTF8 or SR_ENC_GB18030 once decided,
 * SR_ENC_AUTO while an auto decoder has seen only ASCII; SR_ENC_UTF8 also
 * while it converts UTF-16 (see sr_decoder_utf16()). */
enum sr_encoding sr_decoder_encoding(const struct sr_decoder *dec);

/** The BOM found at the start of the input (SR_BOM_NONE until seen). */
enum sr_bom sr_decoder_bom(const struct sr_decoder *dec);

/** Input bytes that could not be decoded so far. */
unsigned long sr_decoder_bad_bytes(const struct sr_decoder *dec);

/** Free @dec; NULL does nothing. */
void sr_decoder_free(struct sr_decoder *dec);

#endif /* SR_ENCODING_H */
