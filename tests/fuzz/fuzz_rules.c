/* SPDX-License-Identifier: MIT */
/*
 * fuzz_rules.c - libFuzzer harness: classification rules (docs/rules.md)
 *
 * The first byte says which rules file the rest is: bit 0 clear, a
 * segments file ([field], [level]); set, a comments file ([category]).
 * Rules that load classify the forms of a small sample of the example
 * input, so patterns run against real text (and the match limit on
 * catastrophic patterns is exercised).
 */
#include "forms.h"

static struct sr_template *tmpl;
static char sample[1024];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct sr_diag d;
    char line[8192];
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
    /* the header and 30 forms of the example */
    in = fopen(fuzz_repo("input/example/survey_utf8.csv"), "r");
    snprintf(sample, sizeof(sample), "%s", fuzz_path("sample.csv"));
    out = fopen(sample, "w");
    if (!in || !out)
        fuzz_die("sample", NULL);
    while (n++ < 31 && fgets(line, sizeof(line), in))
        fputs(line, out);
    fclose(in);
    fclose(out);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sr_classifier *cls = NULL;
    struct sr_read_opts ro;
    struct sr_diag d;
    const char *path;
    bool comments;

    if (size < 1)
        return 0;
    comments = data[0] & 1;
    path = fuzz_write("fuzz.rules", data + 1, size - 1);
    if (!path)
        return 0;
    sr_diag_clear(&d);
    if (sr_classify_open(&cls, tmpl, comments ? NULL : path,
                         comments ? path : NULL, &d) != SR_OK)
        return 0;
    memset(&ro, 0, sizeof(ro));
    fuzz_forms(sample, tmpl, cls, &ro);
    sr_classify_free(cls);
    return 0;
}
