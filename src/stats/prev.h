/* SPDX-License-Identifier: MIT */
/*
 * prev.h - the previous period's figures, read from an earlier stats.csv
 *
 * Private to the statistics module.  Input: the stats.csv of an earlier run
 * ([analysis] previous, FORMATS.md §3), read as a stream with libcsv; only
 * the index, mean and sd rows are kept, so memory follows the number of
 * figures in that file (groups x subjects), never the number of forms.
 * Output: a lookup from (group, group_value, subject) to those figures.
 */
#ifndef SR_STATS_PREV_H
#define SR_STATS_PREV_H

#include "../core/status.h"

#include <stdbool.h>

/** The previous figures of one (group, group_value, subject). */
struct sr_prev_fig {
    bool has_index;
    bool has_mean;
    bool has_sd;
    double index;
    double mean;
    double sd;
    long n_index; /* -1 when the file's n cell was empty */
    long n_mean;
};

struct sr_prev;

/**
 * Read the stats.csv at @path.  A file that cannot be opened or read, or
 * that is not a stats.csv (another header, a row without 6 cells, a value
 * that is not a number, an n that is not a count), is SR_ERR_CONFIG with
 * @path and the line in @d, and *out is NULL.  On success *out is owned by
 * the caller (sr_prev_free()).  Text cells written with a leading ' (the
 * formula guard of FORMATS.md §4) are read back without it.
 */
enum sr_status sr_prev_load(struct sr_prev **out, const char *path,
                            struct sr_diag *d);

/** The figures of (@group, @value, @subject), or NULL; borrowed from @p. */
const struct sr_prev_fig *sr_prev_find(const struct sr_prev *p,
                                       const char *group, const char *value,
                                       const char *subject);

/** Free @p; NULL does nothing. */
void sr_prev_free(struct sr_prev *p);

#endif /* SR_STATS_PREV_H */
