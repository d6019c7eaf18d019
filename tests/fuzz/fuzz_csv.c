/* SPDX-License-Identifier: MIT */
/*
 * fuzz_csv.c - libFuzzer harness: native CSV forms, every encoding
 *
 * The first byte picks the reading: bits 0-1 the pipeline's encoding
 * (auto, utf-8, gbk), bit 2 the row layer alone (csv.h) with a tiny chunk
 * size (bits 3-5 + 1 bytes, so chunk ends fall inside characters, quotes
 * and CRLFs), bit 6 tab instead of comma and bit 7 UTF-16 accepted.
 * Without bit 2 the rest is a .csv input read through the whole run path:
 * reader, checker, classifier (forms.h).
 */
#include "forms.h"

#include "../../src/read/csv.h"

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

static const enum sr_encoding encs[] = { SR_ENC_AUTO, SR_ENC_UTF8,
                                         SR_ENC_GB18030, SR_ENC_AUTO };

static void rows_only(const char *path, unsigned char sel)
{
    struct sr_csv_opts o;
    struct sr_csv_rows *r = NULL;
    struct sr_csv_row row;
    struct sr_buf why = SR_BUF_INIT;
    struct sr_diag d;

    memset(&o, 0, sizeof(o));
    o.encoding = encs[sel & 3];
    o.chunk_size = (size_t)((sel >> 3) & 7) + 1;
    o.separator = sel & 0x40 ? '\t' : ',';
    o.utf16 = sel & 0x80 ? SR_UTF16_BOM : SR_UTF16_REFUSE;
    sr_diag_clear(&d);
    if (sr_csv_rows_open(&r, path, &o, &d) != SR_OK)
        return;
    while (sr_csv_rows_next(r, &row, &d) == SR_OK) {
        sr_buf_reset(&why);
        sr_csv_row_problem(r, &row, NULL, &why);
    }
    sr_buf_release(&why);
    sr_csv_rows_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sr_read_opts ro;
    const char *path;
    unsigned char sel;

    if (size < 1)
        return 0;
    sel = data[0];
    path = fuzz_write("input.csv", data + 1, size - 1);
    if (!path)
        return 0;
    if (sel & 4) {
        rows_only(path, sel);
        return 0;
    }
    memset(&ro, 0, sizeof(ro));
    ro.encoding = encs[sel & 3];
    fuzz_forms(path, tmpl, cls, &ro);
    return 0;
}
