/* SPDX-License-Identifier: MIT */
/*
 * mapping_impl.h - the insides of a mapping, shared by mapping.c (the
 * loader, element trees, paths) and mapped.c (the readers)
 *
 * Not a public header: only src/read/mapping*.c and mapped.c include it.
 * Everything here is owned by the struct sr_mapping (or by the tree's
 * arena) and read-only once sr_mapping_load() has returned, except the
 * edits list that sr_mapping_scan() fills.
 */
#ifndef SR_MAPPING_IMPL_H
#define SR_MAPPING_IMPL_H

#include "../core/buf.h"
#include "../core/config.h"
#include "../core/mem.h"
#include "../core/template.h"
#include "../core/xml.h"
#include "encoding.h"
#include "mapping.h"

#include <stdbool.h>
#include <stddef.h>

/** The most header rows a CSV mapping may declare. */
#define SR_MAPPING_MAX_HEADER 16
/** The most <option> columns of one choice. */
#define SR_MAPPING_MAX_OPTCOLS (SR_MAX_OPTIONS * 4)

/* --- element trees (the mapping file, and one XML record at a time) ----- */

/**
 * One element.  Strings live in the tree's arena.  Invariants: attr holds
 * local name, value pairs and ends with NULL; text is the element's own
 * character data (not its children's), NUL-terminated, textlen bytes.
 */
struct sr_mnode {
    const char *name; /* local name: a prefix "ns:" is dropped */
    const char *const *attr;
    const char *text;
    size_t textlen;
    long line;
    struct sr_mnode *parent;
    struct sr_mnode *child; /* first child */
    struct sr_mnode *last;  /* last child */
    struct sr_mnode *next;  /* next sibling */
    bool used;              /* a path of the mapping read it */
};

/** A tree being built from sr_xml callbacks.  Zero it, then
 * sr_mdom_init(). */
struct sr_mdom {
    struct sr_arena arena;
    struct sr_mnode *root;
    struct sr_mnode *cur; /* the open element, or NULL */
    int depth;
    struct sr_buf text[SR_XML_MAX_DEPTH + 1]; /* per open element */
    size_t bytes;                             /* stored so far */
};

void sr_mdom_init(struct sr_mdom *dom);
/** Forget the tree (memory is kept for the next one). */
void sr_mdom_reset(struct sr_mdom *dom);
void sr_mdom_release(struct sr_mdom *dom);
void sr_mdom_start(struct sr_mdom *dom, const char *name,
                   const char *const *attr, long line);
void sr_mdom_text(struct sr_mdom *dom, const char *s, size_t n);
void sr_mdom_end(struct sr_mdom *dom);

/** The value of attribute @name (local name) of @n, or NULL. */
const char *sr_mnode_attr(const struct sr_mnode *n, const char *name);

/** @qname without its namespace prefix. */
const char *sr_local_name(const char *qname);

/* --- paths (a small XPath subset, docs/mappings.md) -------------------- */

struct sr_mpred;

struct sr_mstep {
    char *name; /* local name, or NULL for '*' */
    bool deep;  /* '//' before it: any descendant, not only a child */
    struct sr_mpred *preds;
    size_t npreds;
};

/** A compiled path.  With nsteps 0 and attr set it reads an attribute of
 * the context element itself; with both empty, the context's text. */
struct sr_mpath {
    char *src;     /* as written, for messages */
    bool absolute; /* starts at the document root */
    struct sr_mstep *steps;
    size_t nsteps;
    char *attr; /* a final '@name', or NULL: the element's text */
};

/** A predicate [path = 'value'] or [path] (exists, not empty). */
struct sr_mpred {
    struct sr_mpath path;
    char *value; /* NULL: the path has a non-empty value */
};

/**
 * Compile @src.  Grammar: ['/' | '//'] step (('/' | '//') step)* ['/@'
 * name], or '@' name; step = (name | '*') ('[' pred ']')*; pred = relpath
 * ['=' ('...' | "...")].  Names match local names.  Returns false with the
 * reason in @err.
 */
bool sr_mpath_compile(const char *src, struct sr_mpath *p, char *err,
                      size_t errlen);
void sr_mpath_release(struct sr_mpath *p);

/** Called for each node a path reaches, with its value (attribute or
 * text; "" when absent). */
typedef void sr_mpath_fn(void *ctx, struct sr_mnode *n, const char *value);

/** Evaluate @p from @ctx (for an absolute path, from the root above
 * @ctx); calls @fn for each match, in document order, and marks the
 * nodes read as used.  Returns the number of matches. */
size_t sr_mpath_eval(const struct sr_mpath *p, struct sr_mnode *ctx,
                     sr_mpath_fn *fn, void *arg);

/** True if the element stack @names[0..depth) (root first) is a record of
 * the record path @p (names and '*' only). */
bool sr_mpath_is_record(const struct sr_mpath *p, const char *const *names,
                        size_t depth);

/* --- the mapping --------------------------------------------------------- */

enum sr_msrc_kind {
    SR_MSRC_NONE = 0, /* no source: a choice given by <option> columns */
    SR_MSRC_COLUMN,   /* header text (in row `row`, and sub-header `sub`) */
    SR_MSRC_CODE,     /* the code derived from a header row (<codes>) */
    SR_MSRC_POSITION, /* the column number, 1-based */
    SR_MSRC_PATH,     /* an XML path from the record */
    SR_MSRC_VALUE     /* a constant, with {file} {stem} {row} {line} */
};

/** How a header is compared with the column text of a mapping. */
enum sr_mmatch {
    SR_MMATCH_EXACT = 0, /* equal (after normalisation) */
    SR_MMATCH_PREFIX,    /* the header starts with it */
    SR_MMATCH_SUFFIX,    /* the header ends with it */
    SR_MMATCH_CONTAINS   /* the header contains it */
};

/** Where a value comes from. */
struct sr_msrc {
    enum sr_msrc_kind kind;
    long line;  /* of its element in the mapping file */
    char *text; /* column text or code (normalised), or the constant */
    int row;    /* the header row the column text is in, 1-based */
    char *sub;  /* normalised text of the sub-header row, or NULL */
    enum sr_mmatch match; /* how the column text is compared */
    long position;
    struct sr_mpath path;
    bool optional; /* a column that is not there is no error */
};

/** One value map entry; from is normalised (NFKC, trimmed). */
struct sr_mvalue {
    char *from;
    char *to;
};

/** A value map with its missing codes: <values id="..."> or a target's
 * own <value>/<missing> children. */
struct sr_mset {
    char *id; /* NULL for a target's own */
    long line;
    struct sr_mvalue *values;
    size_t nvalues;
    char **missing; /* normalised */
    size_t nmissing;
    char **missing_prefix; /* values starting so are missing too */
    size_t nmissing_prefix;
};

/** A choice option given by a column of its own (ticked or not). */
struct sr_mopt {
    long line;
    struct sr_msrc src;
    char *value;     /* the template option's value */
    char **selected; /* cell values meaning "ticked", normalised */
    size_t nselected;
};

enum sr_mdate { SR_MDATE_NONE = 0, SR_MDATE_YMD, SR_MDATE_DMY, SR_MDATE_MDY };

/** One field, item, choice or comment of the template and its source. */
struct sr_mtarget {
    long line;
    enum sr_slot_kind kind;
    size_t index; /* into the template's fields/items/choices/comments */
    size_t slot;
    const char *id; /* borrowed from the template */
    struct sr_msrc src;
    struct sr_mset own;
    const struct sr_mset *set; /* values="id", or NULL */
    char *def;                 /* default when the source is empty */
    enum sr_mdate date;
    bool reverse;
    bool rescale;
    double lo; /* rescale="lo..hi" */
    double hi;
    bool round;
    char *split; /* separator of several options in one cell; "" = white
                  * space; NULL = one option per cell */
    struct sr_mopt *opts;
    size_t nopts;
    char **selected; /* default of the options' selected */
    size_t nselected;
    char *other_prefix; /* a token so starting is the other option */
    char *other_option; /* its value in the template */
    char *other_open;   /* the typed text is between these */
    char *other_close;
    int other_comment; /* slot of the comment that gets it, or -1 */
};

enum sr_mcode {
    SR_MCODE_WHOLE = 0, /* the header text */
    SR_MCODE_BEFORE,    /* the text before the first code_arg */
    SR_MCODE_AFTER,     /* the text after the first code_arg */
    SR_MCODE_JSON       /* the JSON string value of key code_arg */
};

/** An edit found by sr_mapping_scan(): old_id is replaced by new_id. */
struct sr_medit {
    char *old_id;
    char *new_id;
    char *file; /* where the edit is */
};

struct sr_mapping {
    char *path;
    char *dir;         /* for form="..." */
    char *form;        /* resolved template path, or NULL */
    char *template_id; /* template="..." or NULL */
    const struct sr_template *t;
    bool xml;

    /* CSV */
    bool enc_set;
    enum sr_encoding enc;
    enum sr_utf16 utf16;
    char sep;
    int header_rows;
    bool fill[SR_MAPPING_MAX_HEADER + 1]; /* fill="left", per row */
    int sub_row;
    int code_row; /* 0: no codes */
    enum sr_mcode code_kind;
    char *code_arg; /* the text codes end before / start after, or the
                     * JSON key */

    /* XML */
    bool has_record;
    struct sr_mpath record;
    bool edits;
    struct sr_mpath edit_id;
    struct sr_mpath edit_replaces;
    struct sr_medit *edit; /* sorted by old_id */
    size_t nedit;

    struct sr_mset global; /* mapping-wide missing codes */
    struct sr_mset *sets;
    size_t nsets;
    struct sr_mtarget *targets;
    size_t ntargets;
};

/** The edit that replaces @id, or NULL. */
const struct sr_medit *sr_mapping_edit_of(const struct sr_mapping *m,
                                          const char *id);

#endif /* SR_MAPPING_IMPL_H */
