/* SPDX-License-Identifier: MIT */
/*
 * pipeline.h - run a pipeline: read -> check -> accumulate -> render
 *
 * Owns the run folder: everything is written into a temporary folder beside
 * the output folder and swapped into place only when every output is
 * complete, so a failed run leaves the previous outputs untouched.
 */
#ifndef SR_PIPELINE_H
#define SR_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>

/** Exit codes, FORMATS.md §5 (docs/cli.md). */
enum sr_exit {
    SR_EXIT_OK = 0,      /* done, every form accepted */
    SR_EXIT_REFUSED = 1, /* done, some forms refused (see rejects.csv) */
    SR_EXIT_CONFIG = 2,  /* usage, pipeline, template or rules error */
    SR_EXIT_INPUT = 3,   /* an input could not be read at all */
    SR_EXIT_WRITE = 4,   /* outputs could not be written */
    SR_EXIT_LOCKED = 5   /* another run holds the lock */
};

struct sr_run_opts {
    const char *pipeline;
    const char *out;          /* overrides [output] dir, or NULL */
    const char *const *files; /* override [input] files, or NULL */
    size_t nfiles;
    const char *period; /* overrides [pipeline] period, or NULL */
    bool no_records;
    /* --partial STATE: accumulate and write only the mergeable state
     * (STATE, and its refusals in STATE.rejects.csv); no run folder */
    const char *partial;
    /* merge: render the run folder from these states instead of reading
     * input files */
    const char *const *states;
    size_t nstates;
    bool verbose;
    bool quiet;
    bool progress;   /* a progress line on stderr (a terminal) */
    const char *log; /* the scheduler log (overrides [output] log) */
};

/** Run it.  Returns an enum sr_exit; messages go to stderr and run.log. */
int sr_pipeline_run(const struct sr_run_opts *o);

#endif /* SR_PIPELINE_H */
