/* SPDX-License-Identifier: MIT */
/*
 * runinfo.h - facts about the run that renderers print (not figures)
 */
#ifndef SR_RUNINFO_H
#define SR_RUNINFO_H

#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct sr_derived_field;
struct sr_category;
struct sr_followup;

/** One approval step (编制 / 审核 / 批准), for the approval sheet. */
struct sr_approval_step {
    const char *role;     /* e.g. 编制, 审核, 批准 (or 总经理) */
    const char *name;     /* who; NULL = blank line to fill by hand */
    const char *date;     /* YYYY-MM-DD, or NULL */
    const char *decision; /* 提交 / 批准 / 驳回, or NULL */
    const char *opinion;  /* comment, or NULL */
};

struct sr_run_info {
    const struct sr_config *cfg; /* title, organization, confidentiality.. */
    time_t epoch;                /* SOURCE_DATE_EPOCH or the clock, for dates */
    char date[16];               /* epoch as YYYY-MM-DD (UTC) */
    const char *version;
    const char *font_path; /* the CJK TrueType font (.ttf or .ttc) */
    int font_index;        /* face index inside a .ttc */

    /* classification (src/classify): borrowed; n = 0 when no rules */
    const struct sr_derived_field *derived;
    size_t nderived;
    const struct sr_category *categories;
    size_t ncategories;

    /* approval and distribution (src/govern): NULL/0 for a fresh run */
    const char *status; /* 送审稿 (draft, default) or 已批准 */
    const struct sr_approval_step *approval;
    size_t napproval;
    const char *document_no; /* 文件编号, or NULL */
    int copy_no;             /* 第 N 份 for a distributed copy, or 0 */
    const char *recipient;   /* the copy's recipient, or NULL */

    /* the follow-up list (回访清单, src/archive/followup.h): borrowed; NULL
     * without a customer archive */
    const struct sr_followup *followup;

    /* rendered from the states of partial runs (satreport merge): the
     * forms themselves were not read by this run */
    bool merged;

    /* the SHA-256 (hex) of an input the run read, by its path as the run
     * named it, or NULL (not hashed); NULL when there are none */
    const char *(*sha256_of)(const char *path);
};

#endif /* SR_RUNINFO_H */
