/* SPDX-License-Identifier: MIT */
/*
 * forms.h - the run's read -> check -> classify loop, for the form harnesses
 *
 * The CSV, XML and mapped harnesses push every form of the fuzzed file
 * through what a run does with it: the reader, the checker (NFKC, patterns,
 * dates, scores, choices, duplicate ids, rejects.csv) and the shipped
 * classification rules.  A reader error ends the file, as in a run.
 */
#ifndef SR_FUZZ_FORMS_H
#define SR_FUZZ_FORMS_H

#include "harness.h"

#include "../../src/check/check.h"
#include "../../src/check/rejects.h"
#include "../../src/classify/classify.h"
#include "../../src/core/template.h"
#include "../../src/read/reader.h"

/* Read every form of @path; @t and @cls belong to the caller.  The
 * checker and the rejects file are made per call, so that the set of form
 * ids seen does not grow over the fuzzing run. */
static inline void fuzz_forms(const char *path, const struct sr_template *t,
                              struct sr_classifier *cls,
                              const struct sr_read_opts *ro)
{
    struct sr_checker *ck = NULL;
    struct sr_rejects *rj = NULL;
    struct sr_reader *rd = NULL;
    struct sr_rawform raw;
    struct sr_record rec;
    struct sr_diag d;
    enum sr_status s;
    char rjpath[600];
    char in[600];

    sr_diag_clear(&d);
    snprintf(in, sizeof(in), "%s", path); /* fuzz_path() reuses its buffer */
    snprintf(rjpath, sizeof(rjpath), "%s", fuzz_path("rejects.csv"));
    if (sr_check_open(&ck, t, 20260101, 20261231, &d) != SR_OK)
        fuzz_die("sr_check_open", &d);
    if (sr_rejects_open(&rj, rjpath, &d) != SR_OK)
        fuzz_die("sr_rejects_open", &d);
    if (sr_reader_open(&rd, in, t, ro, &d) != SR_OK)
        goto out;
    while ((s = sr_reader_next(rd, &raw, &d)) == SR_OK) {
        enum sr_verdict v = sr_check_form(ck, &raw, &rec, rj, &d);

        if (v == SR_ACCEPTED && cls)
            sr_classify_record(cls, &rec, &d);
    }
out:
    sr_reader_free(rd);
    sr_rejects_close(rj, &d);
    sr_rejects_free(rj);
    sr_check_free(ck);
}

/* The shipped template and rules, loaded once. */
static inline void fuzz_load_csat(struct sr_template **t,
                                  struct sr_classifier **cls)
{
    struct sr_diag d;
    char seg[1024];
    char com[1024];

    sr_diag_clear(&d);
    if (sr_template_load(fuzz_repo("templates/forms/csat.xml"), t, &d) != SR_OK)
        fuzz_die("csat.xml", &d);
    snprintf(seg, sizeof(seg), "%s",
             fuzz_repo("templates/rules/segments.rules"));
    snprintf(com, sizeof(com), "%s",
             fuzz_repo("templates/rules/comments.rules"));
    if (sr_classify_open(cls, *t, seg, com, &d) != SR_OK)
        fuzz_die("shipped rules", &d);
}

#endif /* SR_FUZZ_FORMS_H */
