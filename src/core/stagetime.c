/* SPDX-License-Identifier: MIT */
/*
 * stagetime.c - where a run's time goes, stage by stage (see stagetime.h)
 */
#include "stagetime.h"
#include "log.h"

#include <string.h>

static const char *const names[SR_STAGE_COUNT] = {
    [SR_STAGE_SETUP] = "setup",          [SR_STAGE_READ] = "read",
    [SR_STAGE_VALIDATE] = "validate",    [SR_STAGE_CLASSIFY] = "classify",
    [SR_STAGE_ANALYSE] = "analyse",      [SR_STAGE_RECORDS] = "workbook rows",
    [SR_STAGE_STATS_CSV] = "stats.csv",  [SR_STAGE_PDF] = "report.pdf",
    [SR_STAGE_XLSX] = "statistics.xlsx", [SR_STAGE_OTHER] = "other",
};

_Static_assert(sizeof(names) / sizeof(names[0]) == SR_STAGE_COUNT,
               "a name per stage");

static uint64_t cpu_of(clockid_t id)
{
    struct timespec ts;

    if (clock_gettime(id, &ts) != 0)
        return 0;
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void sr_stagetime_init(struct sr_stagetime *t, bool on)
{
    memset(t, 0, sizeof(*t));
    t->on = on;
    if (!on)
        return;
    t->start = t->last = sr_stagetime_now();
    t->cpu_start = cpu_of(CLOCK_PROCESS_CPUTIME_ID);
}

void sr_stagetime_add_thread(struct sr_stagetime *t, enum sr_stage stage,
                             uint64_t ns)
{
    if (t->on)
        t->thread_ns[stage] += ns;
}

const char *sr_stagetime_name(enum sr_stage stage)
{
    return stage < SR_STAGE_COUNT ? names[stage] : "?";
}

uint64_t sr_stagetime_thread_cpu(void)
{
    return cpu_of(CLOCK_THREAD_CPUTIME_ID);
}

void sr_stagetime_log(const struct sr_stagetime *t)
{
    uint64_t wall;
    uint64_t cpu;
    int s;

    if (!t->on)
        return;
    wall = sr_stagetime_now() - t->start;
    cpu = cpu_of(CLOCK_PROCESS_CPUTIME_ID) - t->cpu_start;
    for (s = 0; s < SR_STAGE_COUNT; s++) {
        if (!t->ns[s] && !t->thread_ns[s])
            continue;
        if (t->thread_ns[s] && t->ns[s] >= 1000000)
            sr_log_info("stage %s: %.3f s wall, and %.3f s cpu in a second "
                        "thread",
                        names[s], (double)t->ns[s] / 1e9,
                        (double)t->thread_ns[s] / 1e9);
        else if (t->thread_ns[s])
            sr_log_info("stage %s: %.3f s cpu in a second thread", names[s],
                        (double)t->thread_ns[s] / 1e9);
        else
            sr_log_info("stage %s: %.3f s wall", names[s],
                        (double)t->ns[s] / 1e9);
    }
    sr_log_info("stage total: %.3f s wall, %.3f s cpu", (double)wall / 1e9,
                (double)cpu / 1e9);
}
