/* SPDX-License-Identifier: MIT */
/*
 * distribute.h - numbered copies and the distribution register
 *
 * `satreport distribute` renders one copy of the report per recipient into
 * RUN_DIR/distribution/ (01-销售部.pdf, 02-客户服务部.pdf, ...) with 第 N 份
 * and the recipient (the renderer prints them in the watermark and footer
 * of 机密 and 绝密 reports), and keeps the register RUN_DIR/distribution.csv
 * (UTF-8 with BOM, like every CSV satreport writes):
 *
 *   copy_no,recipient,time,sha256,file,status
 *   1,销售部,2026-01-07T09:00:00+08:00,5e1f...,distribution/01-销售部.pdf,已批准
 *
 * Copy numbers are unique in a run folder and keep counting across calls.
 */
#ifndef SR_GOVERN_DISTRIBUTE_H
#define SR_GOVERN_DISTRIBUTE_H

#include "../core/status.h"

#include <stddef.h>

#define SR_REGISTER_FILE "distribution.csv"
#define SR_REGISTER_XLSX "distribution.xlsx" /* the same, as a sheet */
#define SR_COPIES_DIR    "distribution"

/** One row of the register; strings owned by the register. */
struct sr_dist_copy {
    long copy_no;
    char *recipient;
    char *time;
    char *sha;    /* of the copy */
    char *file;   /* relative to the run folder */
    char *status; /* 已批准 or 送审稿 */
};

struct sr_register {
    struct sr_dist_copy *c;
    size_t n;
};

/**
 * Read @run_dir/distribution.csv into @reg (initialised here).  A missing
 * register is empty.  Errors: SR_ERR_IO, SR_ERR_PARSE with file:line.
 */
enum sr_status sr_register_load(const char *run_dir, struct sr_register *reg,
                                struct sr_diag *d);

/** Write @reg to @path (a new file; the caller renames it into place).
 * Errors: SR_ERR_WRITE. */
enum sr_status sr_register_write(const char *path,
                                 const struct sr_register *reg,
                                 struct sr_diag *d);

/**
 * The same register as a workbook (distribution.xlsx, one sheet 分发登记):
 * a title with @marking (机密..., may be NULL), a header, one row per copy,
 * the copy number as a number; frozen header, autofilter.  Errors:
 * SR_ERR_WRITE.
 */
enum sr_status sr_register_write_xlsx(const char *path,
                                      const struct sr_register *reg,
                                      const char *marking, struct sr_diag *d);

/** The next free copy number (1 for an empty register). */
long sr_register_next(const struct sr_register *reg);

/** The first copy for @recipient, or NULL. */
const struct sr_dist_copy *sr_register_find(const struct sr_register *reg,
                                            const char *recipient);

/** Append a row; strings copied. */
void sr_register_add(struct sr_register *reg, long copy_no,
                     const char *recipient, const char *time, const char *sha,
                     const char *file, const char *status);

void sr_register_release(struct sr_register *reg);

/**
 * The file of copy @copy_no for @recipient, relative to the run folder:
 * "distribution/01-销售部.pdf" ('/', control characters and a leading '.'
 * of the name become '_').  Caller frees.
 */
char *sr_copy_file(long copy_no, const char *recipient);

#endif /* SR_GOVERN_DISTRIBUTE_H */
