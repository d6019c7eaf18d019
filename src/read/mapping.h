/* SPDX-License-Identifier: MIT */
/*
 * mapping.h - read other survey tools' exports through a mapping file
 *
 * A mapping (templates/mappings/, docs/mappings.md) says where each
 * field, item, choice and comment of a form template is in an export of
 * 问卷星, SurveyMonkey, Qualtrics, LimeSurvey, ODK/Kobo/Ona, FHIR or a
 * clerk's spreadsheet: a CSV column (by header text, header code or
 * position) or an XML path, and how its texts become template values
 * (value maps, missing codes, reverse keying, rescaling, multiple-choice
 * splitting, "other" texts, dates, constants).  The mapped readers turn
 * each row or XML record into the same struct sr_rawform as the native
 * readers, so the checker, statistics and renderers see no difference.
 *
 * Lifecycle: sr_mapping_load() once per run (it checks every id against
 * the template), sr_mapping_scan() once over all input files (ODK edits:
 * an instance replaced by a later edit is refused), then one
 * sr_mapped_open()/next()/free() per file, usually through
 * sr_reader_open() with sr_read_opts.mapping set.
 *
 * @code
 *   struct sr_mapping *m;
 *   struct sr_read_opts o = { .encoding = SR_ENC_AUTO };
 *   if (sr_mapping_load("wjx.xml", tmpl, &m, &d) != SR_OK) ...;  // file:line
 *   if (sr_mapping_scan(m, paths, npaths, &d) != SR_OK) ...;
 *   o.mapping = m;
 *   s = sr_reader_open(&r, path, tmpl, &o, &d);  // then sr_reader_next()
 *   ...
 *   sr_mapping_free(m);                          // after every reader
 * @endcode
 */
#ifndef SR_MAPPING_H
#define SR_MAPPING_H

#include "../core/buf.h"
#include "../core/form.h"
#include "../core/status.h"
#include "../core/template.h"
#include "reader.h"

#include <stdbool.h>
#include <stddef.h>

struct sr_mapping;

/**
 * Load the mapping at @path for the form template @t (borrowed: it must
 * outlive the mapping).  Every id the mapping names must be a field, item,
 * choice or comment of @t, of the kind its element says; every option a
 * value map gives a choice must be an option of it; every required field
 * of @t must be mapped.  Errors: SR_ERR_IO (cannot open), SR_ERR_CONFIG
 * with the mapping's file:line and the reason (not well-formed, unknown
 * element or attribute, unknown id, bad value).  On success *out is owned
 * by the caller: sr_mapping_free().
 */
enum sr_status sr_mapping_load(const char *path, const struct sr_template *t,
                               struct sr_mapping **out, struct sr_diag *d);

/**
 * The form template named by the mapping's form="..." attribute, resolved
 * against the mapping's directory, without loading the rest: for commands
 * given only a mapping.  *form is NULL when the mapping names none; else
 * the caller frees it.  Errors as sr_mapping_load().
 */
enum sr_status sr_mapping_form_path(const char *path, char **form,
                                    struct sr_diag *d);

/** Free @m; NULL does nothing. */
void sr_mapping_free(struct sr_mapping *m);

/** The mapping file's path (borrowed, as given to sr_mapping_load()). */
const char *sr_mapping_path(const struct sr_mapping *m);

/** True if the mapping reads XML records, false for CSV. */
bool sr_mapping_is_xml(const struct sr_mapping *m);

/**
 * Look through all @paths (the run's input files) for edits: with an
 * <edits id="..." replaces="..."/> element, a record whose id another
 * record replaces (ODK deprecatedID) is refused when read, as "replaced by
 * the edit 'NEW' in FILE".  Files that cannot be parsed are skipped here
 * (reading them says why).  Does nothing for mappings without <edits>.
 * Call before the first sr_mapped_open(); again to start over.  Returns
 * SR_OK; SR_ERR_LIMIT if there are more than SR_MAPPING_MAX_EDITS edits.
 */
enum sr_status sr_mapping_scan(struct sr_mapping *m, const char *const *paths,
                               size_t n, struct sr_diag *d);

/** The most edits sr_mapping_scan() keeps. */
#define SR_MAPPING_MAX_EDITS 1000000

/* --- the mapped readers -------------------------------------------------- */

struct sr_mapped;

/**
 * Open @path for reading through @m (borrowed; it must outlive the
 * reader).  @o may be NULL; its encoding applies unless the mapping names
 * one.  For CSV the header rows are read and every column the mapping
 * names is looked up now.  Errors: SR_ERR_IO (cannot open), SR_ERR_PARSE
 * when the file cannot be used at all (no header, a column the mapping
 * requires is missing or ambiguous, UTF-16 not allowed ...), with file,
 * line and reason in @d.  *out is owned by the caller: sr_mapped_free().
 */
enum sr_status sr_mapped_open(struct sr_mapped **out, const char *path,
                              const struct sr_mapping *m,
                              const struct sr_read_opts *o, struct sr_diag *d);

/**
 * Like sr_mapped_open(), for `satreport mapping-check`: a column the
 * mapping names that is missing or matches several columns is not an
 * error but said in sr_mapped_report() (and the value is absent).
 */
enum sr_status sr_mapped_open_lenient(struct sr_mapped **out, const char *path,
                                      const struct sr_mapping *m,
                                      const struct sr_read_opts *o,
                                      struct sr_diag *d);

/**
 * The next form, like sr_reader_next(): SR_OK with *f filled (borrowed
 * until the next call), SR_DONE, or an error with its place in @d (the
 * rest of the file is unreadable).  A row or record the mapping cannot
 * read (invalid bytes, wrong cell count, a value it cannot transform, an
 * unknown option, replaced by an edit) is still handed out, with
 * f->problem saying why, so that it is refused with its line.
 */
enum sr_status sr_mapped_next(struct sr_mapped *r, struct sr_rawform *f,
                              struct sr_diag *d);

/** Free @r; NULL does nothing. */
void sr_mapped_free(struct sr_mapped *r);

/** CSV rows so far with bytes the encoding cannot decode (reader.h); all
 * zero for XML, which stops at the first. */
void sr_mapped_badtext(const struct sr_mapped *r,
                       struct sr_reader_badtext *out);

/**
 * What the reader has seen so far, for `satreport mapping-check`: the
 * columns (or element paths) of the input and the targets they feed, the
 * mapping's sources that matched nothing, the values that no value map
 * knew and the template does not accept, and the counts of forms read and
 * refused by the mapping.  Appends text to @out.
 */
void sr_mapped_report(const struct sr_mapped *r, struct sr_buf *out);

/**
 * Add the counts of @from (a reader of another file through the same XML
 * mapping) to @into, so that one report covers a set of instance files.
 * Does nothing for CSV mappings (each file has its own columns).
 */
void sr_mapped_merge(struct sr_mapped *into, const struct sr_mapped *from);

/** True if, so far, every source of the mapping matched and every value
 * read was mapped or accepted by the template. */
bool sr_mapped_clean(const struct sr_mapped *r);

#endif /* SR_MAPPING_H */
