/* SPDX-License-Identifier: MIT */
/*
 * fuzz_pipeline.c - libFuzzer harness: the pipeline INI (FORMATS.md §3)
 *
 * The input is a pipeline file; one that loads also gets its relative
 * period resolved and {period} filled in (sr_period_apply()), as a run
 * does.  Paths it names are only resolved, never opened.
 */
#include "harness.h"

#include "../../src/core/config.h"
#include "../../src/core/period.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_setup();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sr_config *c = NULL;
    struct sr_diag d;
    const char *path = fuzz_write("pipeline.ini", data, size);

    if (!path)
        return 0;
    sr_diag_clear(&d);
    if (sr_config_load(path, &c, &d) == SR_OK)
        sr_period_apply(c, (time_t)1767225600, &d); /* 2026-01-01 */
    sr_config_free(c);
    return 0;
}
