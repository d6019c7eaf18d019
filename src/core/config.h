/* SPDX-License-Identifier: MIT */
/*
 * config.h - a pipeline (pipelines/NAME.ini), FORMATS.md §3
 *
 * Loaded by sr_config_load() (inih, in config.c).  All paths are resolved
 * against the pipeline file's directory when loaded; strings are owned by
 * the config and freed by sr_config_free().
 */
#ifndef SR_CONFIG_H
#define SR_CONFIG_H

#include "status.h"

#include <stdbool.h>
#include <stddef.h>

enum sr_encoding {
    SR_ENC_AUTO = 0,
    SR_ENC_UTF8,
    SR_ENC_GB18030 /* also for gbk, gb2312: GB18030 is their superset */
};

struct sr_config {
    char *path; /* the pipeline file */
    char *dir;  /* its directory */

    /* [pipeline] */
    char *name;
    char *period;    /* as written, or NULL */
    int period_from; /* yyyymmdd, 0 = open */
    int period_to;   /* yyyymmdd, 0 = open */

    /* [input] */
    char *form;     /* template path */
    long form_line; /* where [input] form and files are, for messages */
    long files_line;
    char **files; /* path patterns (globs), resolved */
    size_t nfiles;
    enum sr_encoding encoding;
    char *customers;     /* or NULL */
    char *mapping;       /* [input] mapping, for other tools' exports */
    bool refuse_unknown; /* unknown_customers = refuse */

    /* [classify] */
    char *segments_rules; /* or NULL = shipped default */
    char *comments_rules; /* or NULL = shipped default */
    bool comments_off;    /* comments = none */

    /* [analysis] */
    char *previous;  /* or NULL */
    long min_base;   /* default 30 */
    long min_report; /* default 5 */

    /* [report] */
    char *report_template; /* or NULL = shipped */
    char *title;
    char *organization;
    char *confidentiality; /* 公开 | 内部 | 机密 | 绝密 */
    char *prepared_by;

    /* [workbook] */
    bool records;

    /* [output] */
    char *out_dir;
    char *log;         /* [output] log: the scheduler log, or NULL */
    long long log_max; /* [output] log_max (bytes), 0 = default */
    long log_keep;     /* [output] log_keep, 0 = default */
};

/**
 * Load the pipeline at @path.  Unknown sections or keys, bad values and
 * missing required keys are SR_ERR_CONFIG with file:line in @d.  On success
 * *out is owned by the caller (sr_config_free()).
 */
enum sr_status sr_config_load(const char *path, struct sr_config **out,
                              struct sr_diag *d);
void sr_config_free(struct sr_config *c);

/**
 * Parse a period "YYYY-MM-DD..YYYY-MM-DD" (either end may be empty), "YYYY",
 * "YYYY-Qn" or "YYYY-MM" into yyyymmdd bounds.  Returns false if malformed.
 */
bool sr_period_parse(const char *s, int *from, int *to);

/** Check a yyyy-mm-dd date; *ymd gets yyyymmdd.  False if not a real date. */
bool sr_date_parse(const char *s, int *ymd);

#endif /* SR_CONFIG_H */
