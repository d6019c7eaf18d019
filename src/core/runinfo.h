/* SPDX-License-Identifier: MIT */
/*
 * runinfo.h - facts about the run that renderers print (not figures)
 */
#ifndef SR_RUNINFO_H
#define SR_RUNINFO_H

#include "config.h"

#include <time.h>

struct sr_run_info {
    const struct sr_config *cfg; /* title, organization, confidentiality.. */
    time_t epoch;                /* SOURCE_DATE_EPOCH or the clock, for dates */
    char date[16];               /* epoch as YYYY-MM-DD (UTC) */
    const char *version;
    const char *font_path; /* the CJK TrueType font (.ttf or .ttc) */
    int font_index;        /* face index inside a .ttc */
};

#endif /* SR_RUNINFO_H */
