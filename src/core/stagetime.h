/* SPDX-License-Identifier: MIT */
/*
 * stagetime.h - where a run's time goes, stage by stage (run -v)
 *
 * The stages of a run are interleaved form by form (read, validate,
 * classify, analyse, records) and then follow one another (model,
 * stats.csv, report.pdf, statistics.xlsx).  A struct sr_stagetime adds the
 * monotonic time between two laps to the stage named at the second lap,
 * so the stages' times sum to the run's.  It costs one clock read per lap
 * when on (about 20 ns through the vDSO) and one branch when off: the
 * pipeline turns it on with -v only.  docs/benchmarks.md reads these lines.
 *
 * @code
 *   struct sr_stagetime tm;
 *   sr_stagetime_init(&tm, verbose);
 *   for each form:
 *       sr_reader_next(...);  sr_stagetime_lap(&tm, SR_STAGE_READ);
 *       sr_check_form(...);   sr_stagetime_lap(&tm, SR_STAGE_VALIDATE);
 *   sr_stagetime_log(&tm);    // "stage read: 0.412 s wall", ... to run.log
 * @endcode
 */
#ifndef SR_STAGETIME_H
#define SR_STAGETIME_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

enum sr_stage {
    SR_STAGE_SETUP,     /* pipeline, template, rules, outputs opened */
    SR_STAGE_READ,      /* readers: bytes to raw forms */
    SR_STAGE_VALIDATE,  /* the checker, the customer archive's join */
    SR_STAGE_CLASSIFY,  /* the rule engine */
    SR_STAGE_ANALYSE,   /* accumulating, merging, the model */
    SR_STAGE_RECORDS,   /* workbook rows written while reading */
    SR_STAGE_STATS_CSV, /* stats.csv, rejects.csv closed */
    SR_STAGE_PDF,       /* report.pdf */
    SR_STAGE_XLSX,      /* statistics.xlsx: the other sheets and the zip */
    SR_STAGE_OTHER,     /* manifest, the run folder's swap, ... */
    SR_STAGE_COUNT
};

/**
 * Invariant: when @on, @last is the monotonic time of the last lap (or of
 * init), and ns[s] the nanoseconds given to stage s so far.
 */
struct sr_stagetime {
    bool on;
    uint64_t last;
    uint64_t start;
    uint64_t cpu_start; /* process CPU time at init */
    uint64_t ns[SR_STAGE_COUNT];
    uint64_t thread_ns[SR_STAGE_COUNT]; /* CPU of helper threads */
};

/** The monotonic clock in nanoseconds. */
static inline uint64_t sr_stagetime_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/** Start timing (@on) or make every call a no-op. */
void sr_stagetime_init(struct sr_stagetime *t, bool on);

/** Give the time since the last lap to @stage. */
static inline void sr_stagetime_lap(struct sr_stagetime *t, enum sr_stage stage)
{
    uint64_t now;

    if (!t->on)
        return;
    now = sr_stagetime_now();
    t->ns[stage] += now - t->last;
    t->last = now;
}

/** Add @ns nanoseconds of CPU time that a second thread spent on @stage
 * (beside the main one); they are reported apart. */
void sr_stagetime_add_thread(struct sr_stagetime *t, enum sr_stage stage,
                             uint64_t ns);

/** The name of @stage as run.log writes it ("read", "report.pdf"...). */
const char *sr_stagetime_name(enum sr_stage stage);

/**
 * Write one info line per stage that took time ("stage read: 0.412 s
 * wall", "stage report.pdf: 0.310 s cpu in a second thread"), then the total
 * wall and process CPU time ("stage total: 1.402 s wall, 1.911 s cpu"),
 * to run.log (and stderr with -v).  Nothing when off.
 */
void sr_stagetime_log(const struct sr_stagetime *t);

/** This thread's CPU time in nanoseconds (for a helper thread to report
 * what it did). */
uint64_t sr_stagetime_thread_cpu(void);

#endif /* SR_STAGETIME_H */
