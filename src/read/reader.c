/* SPDX-License-Identifier: MIT */
/*
 * reader.c - pick the form reader for an input file and pass calls to it
 *
 * Input: a path.  By extension (case-insensitive): .csv and .txt are native
 * CSV, .xml native XML.  Any other extension (or none): the first byte that
 * is not white space (after a UTF-8 BOM) decides, '<' for XML, anything
 * else (or an empty file) for CSV.  With a mapping in the options, every
 * file goes to the mapped reader (mapping.h), which knows its format from
 * the mapping.  Owns the format reader it opens, and for XML and mapped
 * files the thread that reads ahead of the caller (ahead.h) unless
 * SATREPORT_THREADS=1.
 */
#include "reader.h"

#include "ahead.h"
#include "mapping.h"

#include "../core/mem.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum format { FMT_CSV, FMT_XML };

/* Invariant: exactly one of csv, xml and mapped is set. */
struct sr_reader {
    struct sr_csvr *csv;
    struct sr_xmlr *xml;
    struct sr_mapped *mapped;
    struct sr_ahead *ahead; /* reads ahead from the one set, or NULL */
    size_t nslots;          /* of the template */
};

/* the format reader's next(), for the thread of ahead.c */
static enum sr_status direct_next(void *src, struct sr_rawform *f,
                                  struct sr_diag *d)
{
    struct sr_reader *r = src;

    if (r->mapped)
        return sr_mapped_next(r->mapped, f, d);
    if (r->xml)
        return sr_xmlr_next(r->xml, f, d);
    return sr_csvr_next(r->csv, f, d);
}

/* The extension of the last component of @path, without the dot, or "". */
static const char *extension(const char *path)
{
    const char *base = strrchr(path, '/');
    const char *dot;

    base = base ? base + 1 : path;
    dot = strrchr(base, '.');
    return dot && dot != base ? dot + 1 : "";
}

/* Look at the first bytes of @path that are not white space. */
static enum sr_status sniff(const char *path, enum format *fmt,
                            struct sr_diag *d)
{
    unsigned char buf[4096];
    FILE *fp = fopen(path, "rb");
    bool start = true;
    enum sr_status s = SR_OK;

    *fmt = FMT_CSV;
    if (!fp)
        return sr_diag_set(d, SR_ERR_IO, path, 0, "cannot open file: %s",
                           strerror(errno));
    for (;;) {
        size_t n = fread(buf, 1, sizeof(buf), fp);
        size_t i = 0;

        if (n < sizeof(buf) && ferror(fp)) {
            s = sr_diag_set(d, SR_ERR_IO, path, 0, "read error: %s",
                            strerror(errno));
            break;
        }
        if (start && n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB &&
            buf[2] == 0xBF)
            i = 3;
        start = false;
        while (i < n && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
                         buf[i] == '\n'))
            i++;
        if (i < n) {
            *fmt = buf[i] == '<' ? FMT_XML : FMT_CSV;
            break;
        }
        if (n < sizeof(buf))
            break; /* white space only: CSV, which has no forms */
    }
    fclose(fp);
    return s;
}

static enum sr_status choose(const char *path, enum format *fmt,
                             struct sr_diag *d)
{
    const char *ext = extension(path);

    if (!strcasecmp(ext, "csv") || !strcasecmp(ext, "txt")) {
        *fmt = FMT_CSV;
        return SR_OK;
    }
    if (!strcasecmp(ext, "xml")) {
        *fmt = FMT_XML;
        return SR_OK;
    }
    return sniff(path, fmt, d);
}

enum sr_status sr_reader_open(struct sr_reader **out, const char *path,
                              const struct sr_template *t,
                              const struct sr_read_opts *o, struct sr_diag *d)
{
    struct sr_reader *r;
    enum format fmt;
    enum sr_status s;

    *out = NULL;
    if (o && o->mapping) {
        r = xcalloc(1, sizeof(*r));
        s = sr_mapped_open(&r->mapped, path, o->mapping, o, d);
        if (s != SR_OK) {
            sr_reader_free(r);
            return s;
        }
        r->ahead = sr_ahead_start(direct_next, r, t->nslots);
        *out = r;
        return SR_OK;
    }
    s = choose(path, &fmt, d);
    if (s != SR_OK)
        return s;
    r = xcalloc(1, sizeof(*r));
    if (fmt == FMT_XML)
        s = sr_xmlr_open(&r->xml, path, t, o, d);
    else
        s = sr_csvr_open(&r->csv, path, t, o, d);
    if (s != SR_OK) {
        sr_reader_free(r);
        return s;
    }
    /* XML: expat is most of the work, worth a thread of its own.  CSV is
     * cut at about 500 MB/s; copying its forms into the queue would cost
     * the reader thread about as much (docs/benchmarks.md) */
    if (r->xml && !(o && o->no_ahead))
        r->ahead = sr_ahead_start(direct_next, r, t->nslots);
    r->nslots = t->nslots;
    *out = r;
    return SR_OK;
}

void sr_reader_read_ahead(struct sr_reader *r)
{
    if (r->xml && !r->ahead)
        r->ahead = sr_ahead_start(direct_next, r, r->nslots);
}

enum sr_status sr_reader_next(struct sr_reader *r, struct sr_rawform *f,
                              struct sr_diag *d)
{
    if (r->ahead)
        return sr_ahead_next(r->ahead, f, d);
    return direct_next(r, f, d);
}

uint64_t sr_reader_thread_ns(const struct sr_reader *r)
{
    return sr_ahead_cpu_ns(r->ahead);
}

void sr_reader_badtext(const struct sr_reader *r, struct sr_reader_badtext *out)
{
    memset(out, 0, sizeof(*out));
    if (r->csv)
        sr_csvr_badtext(r->csv, out);
    else if (r->mapped)
        sr_mapped_badtext(r->mapped, out);
}

long long sr_reader_split_point(struct sr_reader *r, long long min)
{
    if (r->ahead)
        return -1;
    if (r->xml)
        return sr_xmlr_split_point(r->xml, min);
    return r->csv ? sr_csvr_split_point(r->csv, min) : -1;
}

long long sr_reader_split_at(const struct sr_reader *r, long long from)
{
    return r->csv && !r->ahead ? sr_csvr_split_at(r->csv, from) : -1;
}

enum sr_status sr_reader_open_part(struct sr_reader **out,
                                   const struct sr_reader *whole, long long off,
                                   enum sr_encoding enc, long *first_line,
                                   struct sr_diag *d)
{
    struct sr_reader *r;
    enum sr_status s;

    *out = NULL;
    if (!whole->csv && !whole->xml)
        return sr_diag_set(d, SR_ERR_USAGE, NULL, 0,
                           "only native CSV and XML files are read in parts");
    r = xcalloc(1, sizeof(*r));
    if (whole->xml)
        s = sr_xmlr_open_part(&r->xml, whole->xml, off, first_line, d);
    else
        s = sr_csvr_open_part(&r->csv, whole->csv, off, enc, first_line, d);
    if (s != SR_OK) {
        free(r);
        return s;
    }
    *out = r;
    return SR_OK;
}

long sr_reader_badforms(const struct sr_reader *r)
{
    return r->csv && !r->ahead ? sr_csvr_badforms(r->csv) : 0;
}

enum sr_encoding sr_reader_encoding(const struct sr_reader *r)
{
    return r->csv ? sr_csvr_encoding(r->csv) : SR_ENC_AUTO;
}

long long sr_reader_bytes(const struct sr_reader *r)
{
    return r->csv ? sr_csvr_bytes(r->csv) : 0;
}

void sr_reader_free(struct sr_reader *r)
{
    if (!r)
        return;
    sr_ahead_stop(r->ahead); /* the thread first: it uses the others */
    sr_csvr_free(r->csv);
    sr_xmlr_free(r->xml);
    sr_mapped_free(r->mapped);
    free(r);
}
