/* SPDX-License-Identifier: MIT */
/*
 * fuzz_mapped.c - libFuzzer harness: other tools' exports read through
 * their mappings (FORMATS.md §2.3)
 *
 * The first byte picks one of the bundled (template, mapping) pairs of
 * tests/data/exports - CSV with one or several header rows, GBK, UTF-16,
 * XML instances with edits - and the rest is the export file, read
 * through the whole run path (forms.h).
 */
#include "forms.h"

#include "../../src/read/mapping.h"

struct pair {
    const char *tmpl;
    const char *mapping;
    const char *ext;
    struct sr_template *t;
    struct sr_mapping *m;
};

static struct pair pairs[] = {
    { "templates/forms/csat.xml", "templates/mappings/wjx-csat.xml", "csv",
      NULL, NULL },
    { "templates/forms/csat.xml", "templates/mappings/wjx-csat-codes.xml",
      "csv", NULL, NULL },
    { "tests/data/exports/limesurvey-csv/template.xml",
      "tests/data/exports/limesurvey-csv/mapping.xml", "csv", NULL, NULL },
    { "tests/data/exports/qualtrics/template.xml",
      "tests/data/exports/qualtrics/mapping-new.xml", "csv", NULL, NULL },
    { "tests/data/exports/somerville/template.xml",
      "tests/data/exports/somerville/mapping-utf16.xml", "txt", NULL, NULL },
    { "tests/data/exports/odk-transportation/template.xml",
      "tests/data/exports/odk-transportation/mapping.xml", "xml", NULL, NULL },
    { "tests/data/exports/fhir-gcs/template.xml",
      "tests/data/exports/fhir-gcs/mapping.xml", "xml", NULL, NULL },
    { "tests/data/exports/limesurvey-lsr/template.xml",
      "tests/data/exports/limesurvey-lsr/mapping.xml", "lsr", NULL, NULL },
};
#define NPAIRS (sizeof(pairs) / sizeof(pairs[0]))

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct sr_diag d;
    size_t i;

    (void)argc;
    (void)argv;
    fuzz_setup();
    sr_diag_clear(&d);
    for (i = 0; i < NPAIRS; i++) {
        char m[1024];

        if (sr_template_load(fuzz_repo(pairs[i].tmpl), &pairs[i].t, &d) !=
            SR_OK)
            fuzz_die(pairs[i].tmpl, &d);
        snprintf(m, sizeof(m), "%s", fuzz_repo(pairs[i].mapping));
        if (sr_mapping_load(m, pairs[i].t, &pairs[i].m, &d) != SR_OK)
            fuzz_die(pairs[i].mapping, &d);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pair *p;
    struct sr_read_opts ro;
    struct sr_diag d;
    const char *path;
    char name[32];
    char copy[1024];

    if (size < 1)
        return 0;
    p = &pairs[data[0] % NPAIRS];
    snprintf(name, sizeof(name), "export.%s", p->ext);
    path = fuzz_write(name, data + 1, size - 1);
    if (!path)
        return 0;
    snprintf(copy, sizeof(copy), "%s", path);
    sr_diag_clear(&d);
    {
        const char *paths[1] = { copy };

        sr_mapping_scan(p->m, paths, 1, &d);
    }
    memset(&ro, 0, sizeof(ro));
    ro.mapping = p->m;
    fuzz_forms(copy, p->t, NULL, &ro);
    return 0;
}
