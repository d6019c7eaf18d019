/* SPDX-License-Identifier: MIT */
/*
 * fuzz_template.c - libFuzzer harness: the form template (FORMATS.md §1)
 *
 * The input is a form template; one that loads is also compiled by the
 * checker (its PCRE2 patterns), as a run does before reading forms.
 */
#include "harness.h"

#include "../../src/check/check.h"
#include "../../src/core/template.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_setup();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sr_template *t = NULL;
    struct sr_checker *ck = NULL;
    struct sr_diag d;
    const char *path = fuzz_write("form.xml", data, size);

    if (!path)
        return 0;
    sr_diag_clear(&d);
    if (sr_template_load(path, &t, &d) == SR_OK) {
        sr_check_open(&ck, t, 0, 0, &d);
        sr_check_free(ck);
    }
    sr_template_free(t);
    return 0;
}
