/* SPDX-License-Identifier: MIT */
/*
 * template.h - the form template (调查表 definition), FORMATS.md §1
 *
 * Loaded once per run by sr_template_load() (expat, in template.c); owned by
 * the run and read-only afterwards.  Every id of a field, item, choice or
 * comment is a "slot": readers map input columns/elements to slot numbers,
 * so a raw form is just one string per slot.
 *
 * Slot order: fields, then items (dimension items in document order, then
 * free items), then choices, then comments.  slot ids are unique.
 */
#ifndef SR_TEMPLATE_H
#define SR_TEMPLATE_H

#include "status.h"

#include <stdbool.h>
#include <stddef.h>

enum sr_role {
    SR_ROLE_NONE = 0,
    SR_ROLE_FORM_ID,
    SR_ROLE_CUSTOMER_ID,
    SR_ROLE_CUSTOMER_NAME,
    SR_ROLE_SEGMENT,
    SR_ROLE_DATE,
    SR_ROLE_OVERALL,
    SR_ROLE_RECOMMEND
};

struct sr_point {
    int value;
    char *label; /* NULL when the point has no label */
};

struct sr_scale {
    char *id;
    int min;
    int max;
    struct sr_point *points; /* npoints, sorted by value */
    size_t npoints;
    char **missing; /* labels that mean "missing" (besides empty) */
    size_t nmissing;
};

struct sr_field {
    char *id;
    char *label; /* display name; defaults to id */
    enum sr_role role;
    bool required;
    bool pii;
    char *pattern; /* PCRE2 source, or NULL */
    long line;     /* where it was defined */
};

struct sr_item {
    char *id;
    char *text;
    size_t scale; /* index into scales */
    int dim;      /* index into dims, or -1 */
    enum sr_role role;
};

struct sr_dimension {
    char *id;
    char *name;
    double weight;
    bool has_target;
    double target; /* an index 0..100 */
    size_t *items; /* item indices */
    size_t nitems;
};

struct sr_option {
    char *value;
    char *label;
};

struct sr_choice {
    char *id;
    char *text;
    bool multiple;
    struct sr_option *options;
    size_t noptions; /* at most SR_MAX_OPTIONS */
};

#define SR_MAX_OPTIONS 64

struct sr_comment {
    char *id;
    char *text;
};

enum sr_slot_kind {
    SR_SLOT_FIELD,
    SR_SLOT_ITEM,
    SR_SLOT_CHOICE,
    SR_SLOT_COMMENT
};

/**
 * A column of the customer archive (FORMATS.md §2.4, docs/archive.md), as
 * the template's <archive><column field="customer_type" name="客户类别"/>
 * renames it: the archive's column @name gives @field, the id of a field
 * with role customer-id or segment, or "account_manager".
 */
struct sr_archive_column {
    char *field;
    char *name;
    long line; /* of the <column> element */
};

struct sr_slot {
    enum sr_slot_kind kind;
    size_t index; /* into fields / items / choices / comments */
    const char *id;
};

struct sr_template {
    char *path;
    char *id;
    char *version;
    char *title;
    char *lang;

    struct sr_scale *scales;
    size_t nscales;
    struct sr_field *fields;
    size_t nfields;
    struct sr_item *items;
    size_t nitems;
    struct sr_dimension *dims;
    size_t ndims;
    struct sr_choice *choices;
    size_t nchoices;
    struct sr_comment *comments;
    size_t ncomments;

    struct sr_slot *slots;
    size_t nslots;

    int form_id_field;     /* field index, or -1 */
    int customer_id_field; /* -1 if none */
    int date_field;        /* -1 if none */
    int overall_item;      /* item index, or -1 */
    int recommend_item;    /* -1 if none */
    size_t *segments;      /* field indices with role segment, in order */
    size_t nsegments;

    /* <archive>: the customer archive's column names, when they are not
     * the field ids (docs/archive.md); NULL/0 without <archive> */
    struct sr_archive_column *archive;
    size_t narchive;

    unsigned char sha256[32]; /* of the file bytes, for states/manifest */
};

/**
 * Load and check the template at @path.  On error returns SR_ERR_CONFIG (or
 * SR_ERR_IO) with file:line and the reason in @d, and *out is NULL.
 * On success *out is owned by the caller: free with sr_template_free().
 */
enum sr_status sr_template_load(const char *path, struct sr_template **out,
                                struct sr_diag *d);

/** Free a template; NULL does nothing. */
void sr_template_free(struct sr_template *t);

/** The slot number of @id, or -1. */
int sr_template_slot(const struct sr_template *t, const char *id);

/** The slot number of field @f / item @i / choice @c / comment @c. */
size_t sr_template_field_slot(const struct sr_template *t, size_t f);
size_t sr_template_item_slot(const struct sr_template *t, size_t i);
size_t sr_template_choice_slot(const struct sr_template *t, size_t c);
size_t sr_template_comment_slot(const struct sr_template *t, size_t c);

#endif /* SR_TEMPLATE_H */
