/* SPDX-License-Identifier: MIT */
/*
 * fuzz_state.c - libFuzzer harness: the files a run reads back
 *
 * The first byte picks the parser: 0 a mergeable state (merge, --partial;
 * docs/statistics.md), 1 a previous period's stats.csv ([analysis]
 * previous), 2 a partial run's rejects.csv (merge appends it).  These come
 * from earlier runs, but a damaged or hand-edited one must be refused, not
 * crash the run.
 */
#include "harness.h"

#include "../../src/check/rejects.h"
#include "../../src/core/template.h"
#include "../../src/stats/prev.h"
#include "../../src/stats/stats.h"

static struct sr_template *tmpl;
static struct sr_stats *base;
static char rjpath[1024];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct sr_stats_opts so;
    struct sr_diag d;

    (void)argc;
    (void)argv;
    fuzz_setup();
    sr_diag_clear(&d);
    if (sr_template_load(fuzz_repo("templates/forms/csat.xml"), &tmpl, &d) !=
        SR_OK)
        fuzz_die("csat.xml", &d);
    memset(&so, 0, sizeof(so));
    so.min_report = 5;
    so.min_base = 30;
    base = sr_stats_new(tmpl, &so);
    snprintf(rjpath, sizeof(rjpath), "%s", fuzz_path("merged-rejects.csv"));
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sr_diag d;
    const char *path;
    char copy[1024];

    if (size < 1)
        return 0;
    path = fuzz_write("input.state", data + 1, size - 1);
    if (!path)
        return 0;
    snprintf(copy, sizeof(copy), "%s", path);
    sr_diag_clear(&d);
    switch (data[0] % 3) {
    case 0: {
        struct sr_stats_opts so;
        struct sr_stats *st;
        struct sr_model *m = NULL;

        memset(&so, 0, sizeof(so));
        so.min_report = 5;
        so.min_base = 30;
        st = sr_stats_new(tmpl, &so);
        if (sr_stats_load(st, copy, &d) == SR_OK &&
            sr_stats_model(st, &m, &d) == SR_OK)
            sr_model_free(m);
        sr_stats_free(st);
        break;
    }
    case 1: {
        struct sr_prev *p = NULL;

        sr_prev_load(&p, copy, &d);
        sr_prev_free(p);
        break;
    }
    default: {
        struct sr_rejects *rj = NULL;

        if (sr_rejects_open(&rj, rjpath, &d) != SR_OK)
            fuzz_die("rejects", &d);
        sr_rejects_append_file(rj, copy, &d);
        sr_rejects_close(rj, &d);
        sr_rejects_free(rj);
        break;
    }
    }
    return 0;
}
