/* SPDX-License-Identifier: MIT */
/*
 * manifest.h - manifest.txt: the SHA-256 of every file a run read and wrote
 *
 * Every run folder holds manifest.txt (docs/governance.md):
 *
 *   # satreport manifest: ROLE<TAB>SHA-256<TAB>PATH, see docs/governance.md
 *   tool	satreport 0.1.0
 *   created	2026-01-01T00:00:00Z
 *   pipeline	4f1c...	../../pipelines/example.ini
 *   form	9a0b...	../../templates/forms/csat.xml
 *   input	77e2...	../../input/example/forms-1.csv
 *   output	c3d4...	report.pdf
 *
 * Roles, in this order: pipeline, form (the form template), input,
 * customers, rules, previous, report-template, output.  Lines are sorted by
 * role, then by path (bytes).  Output paths are relative to the run folder
 * and name every file in it (subfolders too, e.g. distribution/01-销售部.pdf)
 * except manifest.txt itself and approval.log (which is append-only and
 * guarded by its own hash chain; each of its entries records the SHA-256 of
 * manifest.txt).  Other paths are relative to the run folder too (so the
 * project tree can move as a whole), or absolute when they share no folder
 * with it.
 */
#ifndef SR_GOVERN_MANIFEST_H
#define SR_GOVERN_MANIFEST_H

#include "../core/buf.h"
#include "../core/status.h"
#include "hash.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define SR_MANIFEST_FILE "manifest.txt"

/** What a run wrote its manifest from (all borrowed). */
struct sr_manifest_inputs {
    const char *version;       /* tool version, e.g. SR_VERSION */
    time_t epoch;              /* the run's date (SOURCE_DATE_EPOCH) */
    const char *pipeline;      /* the pipeline file */
    const char *form;          /* the form template */
    const char *mapping;       /* the mapping of a tool's export, or NULL */
    const char *const *inputs; /* input files as read */
    size_t ninputs;
    const char *customers;    /* or NULL */
    const char *const *rules; /* rules files used (NULL-free) */
    size_t nrules;
    const char *previous;        /* or NULL */
    const char *report_template; /* or NULL */
};

/** One line of the manifest.  Strings owned by the manifest. */
struct sr_manifest_entry {
    char *role;
    char *sha; /* 64 hex digits */
    char *path;
};

/** A manifest in memory; entries kept sorted (role order, then path). */
struct sr_manifest {
    char *tool;    /* "satreport 0.1.0" */
    char *created; /* ISO 8601, UTC */
    struct sr_manifest_entry *entries;
    size_t n;
};

/** What differs between a run folder and its manifest. */
enum sr_change_kind {
    SR_CHANGE_CHANGED = 0, /* the file's SHA-256 is not the manifest's */
    SR_CHANGE_MISSING,     /* the manifest names it; it is not there */
    SR_CHANGE_ADDED,       /* in the run folder, not in the manifest */
    SR_CHANGE_UNREADABLE   /* there, but could not be read */
};

struct sr_change {
    enum sr_change_kind kind;
    char *role; /* "output" for added files */
    char *path; /* as in the manifest (relative to the run folder) */
};

struct sr_manifest_diff {
    struct sr_change *items;
    size_t n;
};

/** Flags of sr_manifest_check(). */
enum sr_manifest_check_flags {
    SR_CHECK_OUTPUTS = 1 << 0, /* the run folder's files */
    SR_CHECK_SOURCES = 1 << 1, /* pipeline, template, inputs, rules... */
    SR_CHECK_ALL = SR_CHECK_OUTPUTS | SR_CHECK_SOURCES
};

/**
 * Write @run_dir/manifest.txt: hash every file named by @in and every file
 * in @run_dir (recursively; but manifest.txt, approval.log).  @run_dir is
 * the temporary run folder, a sibling of the final one: paths of sources
 * are made relative to it, and so are valid from the final folder.
 * Errors: SR_ERR_IO when a source cannot be read (it was read moments
 * ago: something is wrong), SR_ERR_WRITE when the manifest cannot be
 * written; the message names the file.
 *
 * @code
 *   struct sr_manifest_inputs mi = {
 *       .version = SR_VERSION, .epoch = ri.epoch, .pipeline = cfg->path,
 *       .form = cfg->form, .inputs = (const char *const *)inputs,
 *       .ninputs = ninputs, ... };
 *   if (sr_manifest_write(tmpdir, &mi, &d) != SR_OK) fail(&d);
 * @endcode
 */
enum sr_status sr_manifest_write(const char *run_dir,
                                 const struct sr_manifest_inputs *in,
                                 struct sr_diag *d);

/**
 * Read @run_dir/manifest.txt.  Errors: SR_ERR_IO (no manifest: not a run
 * folder of this version), SR_ERR_PARSE with manifest.txt:line and the
 * reason.  *out is owned by the caller: sr_manifest_free().
 */
enum sr_status sr_manifest_load(const char *run_dir, struct sr_manifest **out,
                                struct sr_diag *d);

/** Write @m to @run_dir/manifest.txt atomically (sr_file_replace()). */
enum sr_status sr_manifest_save(const char *run_dir,
                                const struct sr_manifest *m, struct sr_diag *d);

/** Format @m as the file's text into @b (appended). */
void sr_manifest_format(const struct sr_manifest *m, struct sr_buf *b);

/** The entry of @role and @path, or NULL; @path NULL = the first of @role.
 * Borrowed from @m. */
const struct sr_manifest_entry *sr_manifest_find(const struct sr_manifest *m,
                                                 const char *role,
                                                 const char *path);

/** Add the entry (@role, @path) or replace its hash; keeps the order. */
void sr_manifest_set(struct sr_manifest *m, const char *role, const char *path,
                     const char *sha);

/**
 * Hash again what @m names and list the differences in *diff (cleared
 * first; free with sr_manifest_diff_release()).  With SR_CHECK_OUTPUTS,
 * files in @run_dir that @m does not name are SR_CHANGE_ADDED.  Source paths
 * are resolved against @run_dir.  Returns SR_OK whether or not something
 * differs (diff->n says); errors only for what stops the check (the run
 * folder cannot be listed: SR_ERR_IO).
 */
enum sr_status sr_manifest_check(const char *run_dir,
                                 const struct sr_manifest *m, unsigned flags,
                                 struct sr_manifest_diff *diff,
                                 struct sr_diag *d);

/** A path of @m resolved for use: @run_dir/@path, or @path if absolute.
 * Caller frees. */
char *sr_manifest_path(const char *run_dir, const char *path);

/** The word for a change kind: "changed", "missing", "added",
 * "unreadable". */
const char *sr_change_name(enum sr_change_kind k);

void sr_manifest_diff_release(struct sr_manifest_diff *diff);

/** Free; NULL does nothing. */
void sr_manifest_free(struct sr_manifest *m);

#endif /* SR_GOVERN_MANIFEST_H */
