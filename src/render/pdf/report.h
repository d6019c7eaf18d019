/* SPDX-License-Identifier: MIT */
/*
 * report.h - report templates: what report.pdf says, and in which order
 *
 * A report template (templates/report/annual.zh-CN.xml, docs/
 * report-template.md) lays the report out: cover, approval sheet, table
 * of contents, sections, paragraphs with figures, tables, charts,
 * conditional and repeated blocks.  The words are in the template; the C
 * knows layout primitives and figure lookups.
 *
 * Load the template before the run reads any form, so that a bad
 * template stops the run (exit 2) before anything is written; render it
 * at the end:
 *
 * @code
 *   struct sr_report_tmpl *rt;
 *   const char *p = cfg->report_template ? cfg->report_template
 *                                        : sr_report_default_path();
 *   if (sr_report_load(p, &rt, &d) != SR_OK)   // SR_ERR_CONFIG / SR_ERR_IO
 *       return 2;                               // d: "file:line: why"
 *   ... read, check, accumulate, model ...
 *   s = sr_render_pdf_with(out_path, rt, model, &ri, &d);
 *   sr_report_free(rt);
 * @endcode
 */
#ifndef SR_REPORT_H
#define SR_REPORT_H

#include "../../core/runinfo.h"
#include "../../core/status.h"
#include "../../stats/model.h"

struct sr_report_tmpl;

/** The shipped template under the install prefix. */
#ifdef SR_DATADIR
#define SR_REPORT_INSTALLED SR_DATADIR "/templates/report/annual.zh-CN.xml"
#else
#define SR_REPORT_INSTALLED \
    "/usr/local/share/satreport/templates/report/annual.zh-CN.xml"
#endif
/** The shipped template in a source tree (relative to the current dir). */
#define SR_REPORT_SOURCE "templates/report/annual.zh-CN.xml"

/**
 * The default report template: SR_REPORT_INSTALLED when that file exists,
 * else SR_REPORT_SOURCE.  Static storage; never NULL.
 */
const char *sr_report_default_path(void);

/**
 * Load and check the report template at @path.  Errors, with *out NULL:
 * SR_ERR_IO when the file cannot be read; SR_ERR_CONFIG with file:line
 * (and column when known) and the reason in @d when it is not
 * well-formed XML, has a DOCTYPE, an unknown element or attribute, an
 * element where it may not be, a placeholder that does not parse
 * ("{fig all,,CSI}" has three parts), a loop variable used outside its
 * <each>, a bad number, format or colour, or rows whose cells cannot
 * match the columns.  On success *out is owned by the caller:
 * sr_report_free().
 */
enum sr_status sr_report_load(const char *path, struct sr_report_tmpl **out,
                              struct sr_diag *d);

/** Free a template; NULL does nothing. */
void sr_report_free(struct sr_report_tmpl *rt);

/**
 * Write report.pdf at @path from the model @m and the run facts @ri, laid
 * out by @rt (borrowed).  Computes no figure.  Errors: SR_ERR_LIBRARY
 * (the font, libharu), SR_ERR_WRITE (the file, with @path), SR_ERR_CONFIG
 * when the template asks for what the model cannot give (a table row
 * whose cells do not match its columns, with the template's file:line).
 * A failed render leaves no file at @path unless libharu had begun
 * writing it (the pipeline writes into a temporary folder).
 */
enum sr_status sr_render_pdf_with(const char *path,
                                  const struct sr_report_tmpl *rt,
                                  const struct sr_model *m,
                                  const struct sr_run_info *ri,
                                  struct sr_diag *d);

#endif /* SR_REPORT_H */
