/* SPDX-License-Identifier: MIT */
/*
 * datadir.h - where satreport finds the files it ships
 *
 * The shipped files (templates/forms, templates/rules, templates/report,
 * templates/mappings, templates/examples) live in a data folder.  A path
 * named in a pipeline is looked for beside the pipeline first; a file the
 * pipeline does not name (a default rules file, the report layout) or names
 * but does not have beside it is looked up in the data folders, in this
 * order, the first folder that has the file winning (docs/install.md):
 *
 *   1. every folder in $SATREPORT_DATA (a colon-separated list)
 *   2. $XDG_DATA_HOME/satreport, or ~/.local/share/satreport when
 *      XDG_DATA_HOME is unset or not absolute
 *   3. PREFIX/share/satreport beside the program, when the program is
 *      PREFIX/bin/satreport (so an installed tree can be moved)
 *   4. SR_DATADIR, the install prefix compiled in (PREFIX/share/satreport)
 *   5. the source tree, when the program runs from its build folder
 *      (build/release/satreport, build/asan/...)
 *
 * A folder that does not exist is skipped.  Nothing is cached: the
 * environment is read at every call.
 */
#ifndef SR_DATADIR_H
#define SR_DATADIR_H

#include <stddef.h>
#include <stdio.h>

/** Why a data folder is in the search list. */
enum sr_datadir_origin {
    SR_DATADIR_ENV,    /* $SATREPORT_DATA */
    SR_DATADIR_XDG,    /* $XDG_DATA_HOME/satreport or ~/.local/share/... */
    SR_DATADIR_BESIDE, /* PREFIX/share/satreport beside PREFIX/bin */
    SR_DATADIR_PREFIX, /* SR_DATADIR, compiled in */
    SR_DATADIR_SOURCE  /* the source tree of a build folder */
};

/** One data folder of the search list. */
struct sr_datadir {
    char *path; /* owned; no trailing slash (except "/") */
    enum sr_datadir_origin origin;
};

/**
 * The data folders in search order, whether they exist or not, without
 * duplicates (the first of two equal paths is kept).
 *
 * @param out  gets a malloc'd array; free it with sr_datadir_list_free()
 * @return the number of entries in *out (at least 1: SR_DATADIR)
 */
size_t sr_datadir_list(struct sr_datadir **out);

/** Free a list from sr_datadir_list().  NULL does nothing. */
void sr_datadir_list_free(struct sr_datadir *list, size_t n);

/**
 * Find a shipped file or folder.
 *
 * @param relpath  a path relative to a data folder, such as
 *                 "templates/rules/segments.rules"
 * @return the path of the first readable match (data folder + "/" +
 *         relpath), malloc'd: the caller frees it; NULL when no data folder
 *         has it or @relpath is NULL, empty or absolute
 *
 * @code
 *     char *rules = sr_datadir_find("templates/rules/segments.rules");
 *     if (!rules)
 *         ... no shipped default: say so, or go on without ...
 *     free(rules);
 * @endcode
 */
char *sr_datadir_find(const char *relpath);

/**
 * Find a file a pipeline names: @path as given when absolute, else
 * @base_dir/@path (the pipeline's own folder), else @path looked up in the
 * data folders as by sr_datadir_find().
 *
 * @param base_dir  the pipeline's folder, or NULL for the current one
 * @return a malloc'd path of the first readable match, or NULL when none is
 *         readable (the caller reports @base_dir/@path, what the user wrote)
 */
char *sr_datadir_resolve(const char *base_dir, const char *path);

/**
 * Print where shipped files are looked for, one folder a line, marking the
 * ones that do not exist, for `satreport --version`.  Never fails (write
 * errors on @out are the caller's to check with ferror()).
 */
void sr_datadir_describe(FILE *out);

#endif /* SR_DATADIR_H */
