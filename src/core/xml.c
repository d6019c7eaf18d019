/* SPDX-License-Identifier: MIT */
/*
 * xml.c - the one XML layer: expat behind callbacks, pauses and diagnostics
 *
 * Input: a file (read in SR_XML_CHUNK pieces into expat's own buffer) or a
 * borrowed memory buffer.  Output: calls to the caller's handlers, and one
 * struct sr_diag for whatever went wrong.  Owns the expat parser and the
 * FILE; the only file that includes expat.h.
 *
 * The parse runs in steps: sr_xml_step() feeds chunks until a handler asks
 * for a pause (XML_StopParser(p, XML_TRUE)), the document ends, or an error
 * stops it (XML_StopParser(p, XML_FALSE)).  Errors are sticky.
 */
#include "xml.h"
#include "mem.h"

#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sr_xml {
    XML_Parser p;
    struct sr_xml_handlers h;
    char *name; /* for diagnostics; never NULL */

    FILE *fp;                 /* the file, or NULL for memory */
    const unsigned char *mem; /* borrowed memory input */
    size_t memlen;
    size_t memoff;
    /* a part of a file (sr_xml_open_part()): these bytes first, then the
     * file from an offset; line and byte numbers are the file's */
    char *pre;
    size_t prelen;
    bool pre_fed;
    long line_offset;
    long long byte_offset;
    long long file_pos; /* of the next byte read from fp */

    int depth;
    long long fed;        /* bytes handed to expat so far */
    long long last_event; /* byte index of the last event */
    bool suspended;       /* expat is paused; resume before feeding more */
    bool final_fed;       /* the last chunk was handed to expat */
    bool done;            /* SR_DONE was returned */

    enum sr_status cb_status; /* a handler's (or our) stop, else SR_OK */
    enum sr_status status;    /* sticky result of a failed step */
    struct sr_diag err;       /* its diagnostic */
};

/* Stop the parse for good with @s; the diagnostic is in x->err. */
static void fail(struct sr_xml *x, enum sr_status s)
{
    if (x->cb_status != SR_OK)
        return;
    if (x->err.code != s)
        sr_xml_error(x, s, "%s", sr_strerror(s));
    x->cb_status = s;
    XML_StopParser(x->p, XML_FALSE);
}

static void XMLCALL on_start(void *ud, const XML_Char *name,
                             const XML_Char **attr)
{
    struct sr_xml *x = ud;
    enum sr_status s;

    if (x->cb_status != SR_OK)
        return;
    x->last_event = (long long)XML_GetCurrentByteIndex(x->p);
    x->depth++;
    if (x->depth > SR_XML_MAX_DEPTH) {
        fail(x, sr_xml_error(x, SR_ERR_PARSE,
                             "elements nested deeper than %d "
                             "(limit: XML depth)",
                             SR_XML_MAX_DEPTH));
        return;
    }
    if (!x->h.start)
        return;
    s = x->h.start(x->h.ctx, x, name, (const char *const *)attr);
    if (s != SR_OK)
        fail(x, s);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    struct sr_xml *x = ud;
    enum sr_status s = SR_OK;

    if (x->cb_status != SR_OK)
        return;
    x->last_event = (long long)XML_GetCurrentByteIndex(x->p);
    if (x->h.end)
        s = x->h.end(x->h.ctx, x, name);
    x->depth--;
    if (s != SR_OK)
        fail(x, s);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    struct sr_xml *x = ud;
    enum sr_status st;

    x->last_event = (long long)XML_GetCurrentByteIndex(x->p);
    if (x->cb_status != SR_OK || !x->h.text || len <= 0)
        return;
    st = x->h.text(x->h.ctx, x, s, (size_t)len);
    if (st != SR_OK)
        fail(x, st);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name,
                               const XML_Char *sysid, const XML_Char *pubid,
                               int has_internal_subset)
{
    struct sr_xml *x = ud;

    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal_subset;
    fail(x, sr_xml_error(x, SR_ERR_PARSE, "DOCTYPE is not allowed"));
}

static void XMLCALL on_entity_decl(void *ud, const XML_Char *name,
                                   int is_parameter_entity,
                                   const XML_Char *value, int value_length,
                                   const XML_Char *base,
                                   const XML_Char *system_id,
                                   const XML_Char *public_id,
                                   const XML_Char *notation_name)
{
    struct sr_xml *x = ud;

    (void)is_parameter_entity;
    (void)value;
    (void)value_length;
    (void)base;
    (void)system_id;
    (void)public_id;
    (void)notation_name;
    fail(x, sr_xml_error(x, SR_ERR_PARSE,
                         "entity declaration '%s' is not allowed", name));
}

/* Comments and processing instructions are skipped, but they are events:
 * markup that long is not one token. */
static void XMLCALL on_comment(void *ud, const XML_Char *data)
{
    struct sr_xml *x = ud;

    (void)data;
    x->last_event = (long long)XML_GetCurrentByteIndex(x->p);
}

static void XMLCALL on_pi(void *ud, const XML_Char *target,
                          const XML_Char *data)
{
    struct sr_xml *x = ud;

    (void)target;
    (void)data;
    x->last_event = (long long)XML_GetCurrentByteIndex(x->p);
}

/* External entities are never fetched: refusing makes expat fail with
 * XML_ERROR_EXTERNAL_ENTITY_HANDLING. */
static int XMLCALL on_external_entity(XML_Parser p, const XML_Char *context,
                                      const XML_Char *base,
                                      const XML_Char *system_id,
                                      const XML_Char *public_id)
{
    (void)p;
    (void)context;
    (void)base;
    (void)system_id;
    (void)public_id;
    return XML_STATUS_ERROR;
}

static enum sr_status create(struct sr_xml **out, const char *name,
                             const struct sr_xml_handlers *h, struct sr_diag *d)
{
    struct sr_xml *x;

    x = xcalloc(1, sizeof(*x));
    x->p = XML_ParserCreate(NULL);
    if (!x->p) {
        free(x);
        *out = NULL;
        return sr_diag_set(d, SR_ERR_NOMEM, name, 0,
                           "out of memory creating the XML parser");
    }
    if (h)
        x->h = *h;
    x->name = xstrdup(name ? name : "");
    XML_SetUserData(x->p, x);
    XML_SetElementHandler(x->p, on_start, on_end);
    XML_SetCharacterDataHandler(x->p, on_text);
    XML_SetCommentHandler(x->p, on_comment);
    XML_SetProcessingInstructionHandler(x->p, on_pi);
    XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
    XML_SetEntityDeclHandler(x->p, on_entity_decl);
    XML_SetExternalEntityRefHandler(x->p, on_external_entity);
    XML_SetParamEntityParsing(x->p, XML_PARAM_ENTITY_PARSING_NEVER);
    *out = x;
    return SR_OK;
}

enum sr_status sr_xml_open(struct sr_xml **out, const char *path,
                           const struct sr_xml_handlers *h, struct sr_diag *d)
{
    FILE *fp;
    enum sr_status s;

    *out = NULL;
    fp = fopen(path, "rb");
    if (!fp)
        return sr_diag_set(d, SR_ERR_IO, path, 0, "cannot open file: %s",
                           strerror(errno));
    s = create(out, path, h, d);
    if (s != SR_OK) {
        fclose(fp);
        return s;
    }
    (*out)->fp = fp;
    return SR_OK;
}

enum sr_status sr_xml_open_mem(struct sr_xml **out, const char *name,
                               const void *data, size_t n,
                               const struct sr_xml_handlers *h,
                               struct sr_diag *d)
{
    enum sr_status s;

    s = create(out, name, h, d);
    if (s != SR_OK)
        return s;
    (*out)->mem = data;
    (*out)->memlen = n;
    return SR_OK;
}

/* Hand the next chunk to expat; *st gets expat's verdict. */
static enum sr_status feed(struct sr_xml *x, enum XML_Status *st)
{
    size_t want;
    size_t n;
    int final;

    /* expat keeps a token it has not finished in memory: bound it */
    if (x->fed - x->last_event > SR_XML_MAX_TOKEN) {
        sr_diag_set(&x->err, SR_ERR_LIMIT, x->name, sr_xml_line(x),
                    "markup (a tag, comment or declaration) longer than %d "
                    "bytes (limit: XML markup length)",
                    SR_XML_MAX_TOKEN);
        x->err.col = (long)XML_GetCurrentColumnNumber(x->p) + 1;
        return SR_ERR_LIMIT;
    }

    if (x->pre && !x->pre_fed) {
        x->pre_fed = true;
        x->fed += (long long)x->prelen;
        *st = XML_Parse(x->p, x->pre, (int)x->prelen, 0);
        return SR_OK;
    }
    if (x->fp) {
        void *buf = XML_GetBuffer(x->p, SR_XML_CHUNK);

        if (!buf)
            return sr_diag_set(&x->err, SR_ERR_NOMEM, x->name, 0,
                               "out of memory reading XML");
        /* reads end at multiples of SR_XML_CHUNK of the file, in a part
         * too: the markup limit below is checked at the same places */
        want = SR_XML_CHUNK - (size_t)(x->file_pos % SR_XML_CHUNK);
        n = fread(buf, 1, want, x->fp);
        if (ferror(x->fp))
            return sr_diag_set(&x->err, SR_ERR_IO, x->name, 0,
                               "cannot read file: %s", strerror(errno));
        x->file_pos += (long long)n;
        final = n < want;
        x->final_fed = final;
        x->fed += (long long)n;
        *st = XML_ParseBuffer(x->p, (int)n, final);
        return SR_OK;
    }
    n = x->memlen - x->memoff;
    if (n > SR_XML_CHUNK)
        n = SR_XML_CHUNK;
    final = x->memoff + n == x->memlen;
    x->final_fed = final;
    x->fed += (long long)n;
    *st = XML_Parse(x->p, (const char *)x->mem + x->memoff, (int)n, final);
    x->memoff += n;
    return SR_OK;
}

static void translate(struct sr_xml *x)
{
    enum XML_Error e = XML_GetErrorCode(x->p);
    const char *msg = XML_ErrorString(e);

    sr_diag_set(&x->err, SR_ERR_PARSE, x->name, sr_xml_line(x), "%s",
                msg ? msg : "XML error");
    x->err.col = (long)XML_GetCurrentColumnNumber(x->p) + 1;
}

enum sr_status sr_xml_step(struct sr_xml *x, struct sr_diag *d)
{
    enum XML_Status st;
    enum sr_status s;

    if (x->status != SR_OK)
        goto out_fail;
    if (x->done)
        return SR_DONE;
    for (;;) {
        if (x->suspended) {
            x->suspended = false;
            st = XML_ResumeParser(x->p);
        } else if (x->final_fed) {
            x->done = true;
            return SR_DONE;
        } else {
            s = feed(x, &st);
            if (s != SR_OK) {
                x->status = s;
                goto out_fail;
            }
        }
        if (x->cb_status != SR_OK) {
            x->status = x->cb_status;
            goto out_fail;
        }
        if (st == XML_STATUS_ERROR) {
            translate(x);
            x->status = SR_ERR_PARSE;
            goto out_fail;
        }
        if (st == XML_STATUS_SUSPENDED) {
            x->suspended = true;
            return SR_OK;
        }
    }

out_fail:
    if (d)
        *d = x->err;
    return x->status;
}

void sr_xml_pause(struct sr_xml *x)
{
    if (x->cb_status == SR_OK)
        XML_StopParser(x->p, XML_TRUE);
}

enum sr_status sr_xml_error(struct sr_xml *x, enum sr_status code,
                            const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    sr_diag_setv(&x->err, code, x->name, sr_xml_line(x), fmt, ap);
    va_end(ap);
    x->err.col = sr_xml_col(x);
    return code;
}

enum sr_status sr_xml_error_at(struct sr_xml *x, enum sr_status code, long line,
                               const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    sr_diag_setv(&x->err, code, x->name, line, fmt, ap);
    va_end(ap);
    return code;
}

long sr_xml_line(const struct sr_xml *x)
{
    return (long)XML_GetCurrentLineNumber(x->p) + x->line_offset;
}

long sr_xml_col(const struct sr_xml *x)
{
    return (long)XML_GetCurrentColumnNumber(x->p) + 1;
}

int sr_xml_depth(const struct sr_xml *x)
{
    return x->depth;
}

const char *sr_xml_name(const struct sr_xml *x)
{
    return x->name;
}

long long sr_xml_byte(const struct sr_xml *x)
{
    return (long long)XML_GetCurrentByteIndex(x->p) + x->byte_offset;
}

enum sr_status sr_xml_open_part(struct sr_xml **out, const char *path,
                                const char *pre, size_t prelen, long long off,
                                long line_offset,
                                const struct sr_xml_handlers *h,
                                struct sr_diag *d)
{
    enum sr_status s;

    s = sr_xml_open(out, path, h, d);
    if (s != SR_OK)
        return s;
    if (fseeko((*out)->fp, (off_t)off, SEEK_SET) != 0) {
        s = sr_diag_set(d, SR_ERR_IO, path, 0, "cannot seek: %s",
                        strerror(errno));
        sr_xml_free(*out);
        *out = NULL;
        return s;
    }
    (*out)->pre = xmalloc(prelen ? prelen : 1);
    memcpy((*out)->pre, pre, prelen);
    (*out)->prelen = prelen;
    (*out)->line_offset = line_offset;
    (*out)->byte_offset = off - (long long)prelen;
    (*out)->file_pos = off;
    return SR_OK;
}

void sr_xml_free(struct sr_xml *x)
{
    if (!x)
        return;
    XML_ParserFree(x->p);
    if (x->fp)
        fclose(x->fp);
    free(x->pre);
    free(x->name);
    free(x);
}

static enum sr_status run(struct sr_xml *x, struct sr_diag *d)
{
    enum sr_status s;

    do
        s = sr_xml_step(x, d);
    while (s == SR_OK);
    return s == SR_DONE ? SR_OK : s;
}

enum sr_status sr_xml_parse_file(const char *path,
                                 const struct sr_xml_handlers *h,
                                 struct sr_diag *d)
{
    struct sr_xml *x;
    enum sr_status s;

    s = sr_xml_open(&x, path, h, d);
    if (s != SR_OK)
        return s;
    s = run(x, d);
    sr_xml_free(x);
    return s;
}

enum sr_status sr_xml_parse_mem(const char *name, const void *data, size_t n,
                                const struct sr_xml_handlers *h,
                                struct sr_diag *d)
{
    struct sr_xml *x;
    enum sr_status s;

    s = sr_xml_open_mem(&x, name, data, n, h, d);
    if (s != SR_OK)
        return s;
    s = run(x, d);
    sr_xml_free(x);
    return s;
}
