/* SPDX-License-Identifier: MIT */
/*
 * fuzz_mapping.c - libFuzzer harness: mapping files (docs/mappings.md)
 *
 * The input is a mapping for the shipped form template; one that loads
 * reads a small 问卷星 export (the first rows of the bundled sample)
 * through it, so that its column codes, value maps and transforms run.
 */
#include "forms.h"

#include "../../src/read/mapping.h"

static struct sr_template *tmpl;
static char sample[1024];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct sr_diag d;
    char line[16384];
    FILE *in;
    FILE *out;
    int n = 0;

    (void)argc;
    (void)argv;
    fuzz_setup();
    sr_diag_clear(&d);
    if (sr_template_load(fuzz_repo("templates/forms/csat.xml"), &tmpl, &d) !=
        SR_OK)
        fuzz_die("csat.xml", &d);
    in = fopen(fuzz_repo("tests/data/exports/wjx-csat/wjx_csat_text_gbk.csv"),
               "rb");
    snprintf(sample, sizeof(sample), "%s", fuzz_path("sample.csv"));
    out = fopen(sample, "wb");
    if (!in || !out)
        fuzz_die("sample", NULL);
    while (n++ < 21 && fgets(line, sizeof(line), in))
        fputs(line, out);
    fclose(in);
    fclose(out);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sr_mapping *m = NULL;
    struct sr_read_opts ro;
    struct sr_diag d;
    const char *path = fuzz_write("mapping.xml", data, size);

    if (!path)
        return 0;
    sr_diag_clear(&d);
    if (sr_mapping_load(path, tmpl, &m, &d) != SR_OK)
        return 0;
    memset(&ro, 0, sizeof(ro));
    ro.mapping = m;
    fuzz_forms(sample, tmpl, NULL, &ro);
    sr_mapping_free(m);
    return 0;
}
