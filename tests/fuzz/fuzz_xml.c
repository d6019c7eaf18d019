/* SPDX-License-Identifier: MIT */
/*
 * fuzz_xml.c - libFuzzer harness: native XML forms (FORMATS.md §2.1)
 *
 * The input is an .xml file of forms, read through the whole run path:
 * the XML layer (DOCTYPE and entities refused, depth limit), the form
 * reader, the checker and the classifier (forms.h).
 */
#include "forms.h"

static struct sr_template *tmpl;
static struct sr_classifier *cls;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_setup();
    fuzz_load_csat(&tmpl, &cls);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sr_read_opts ro;
    const char *path = fuzz_write("input.xml", data, size);

    if (!path)
        return 0;
    memset(&ro, 0, sizeof(ro));
    fuzz_forms(path, tmpl, cls, &ro);
    return 0;
}
