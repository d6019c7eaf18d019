/* SPDX-License-Identifier: MIT */
/*
 * fuzz_report.c - libFuzzer harness: the report template
 * (docs/report-template.md)
 *
 * The input is a report template; loading parses its XML, placeholders,
 * numbers, formats and colours.  (Rendering a PDF per input would be too
 * slow to fuzz; the PDF renderer is tested on the shipped templates.)
 */
#include "harness.h"

#include "../../src/render/pdf/report.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_setup();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sr_report_tmpl *rt = NULL;
    struct sr_diag d;
    const char *path = fuzz_write("report.xml", data, size);

    if (!path)
        return 0;
    sr_diag_clear(&d);
    sr_report_load(path, &rt, &d);
    sr_report_free(rt);
    return 0;
}
