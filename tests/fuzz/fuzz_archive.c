/* SPDX-License-Identifier: MIT */
/*
 * fuzz_archive.c - libFuzzer harness: the customer archive (FORMATS.md §2.4)
 *
 * The first byte picks the pipeline's encoding (auto, utf-8, gbk); the
 * rest is a customer archive CSV, loaded for the shipped form template.
 */
#include "harness.h"

#include "../../src/archive/archive.h"
#include "../../src/core/template.h"

static struct sr_template *tmpl;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct sr_diag d;

    (void)argc;
    (void)argv;
    fuzz_setup();
    sr_diag_clear(&d);
    if (sr_template_load(fuzz_repo("templates/forms/csat.xml"), &tmpl, &d) !=
        SR_OK)
        fuzz_die("csat.xml", &d);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum sr_encoding encs[] = { SR_ENC_AUTO, SR_ENC_UTF8,
                                             SR_ENC_GB18030 };
    struct sr_archive *a = NULL;
    struct sr_diag d;
    const char *path;

    if (size < 1)
        return 0;
    path = fuzz_write("customers.csv", data + 1, size - 1);
    if (!path)
        return 0;
    sr_diag_clear(&d);
    sr_archive_load(&a, path, tmpl, encs[data[0] % 3], &d);
    sr_archive_free(a);
    return 0;
}
