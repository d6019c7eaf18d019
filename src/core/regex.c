/* SPDX-License-Identifier: MIT */
/*
 * regex.c - PCRE2 behind one small interface
 *
 * Owns the compiled code and one match-data block per pattern (so a match
 * allocates nothing).  Not thread-safe per pattern: one thread per regex.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"
#include "mem.h"
#include "text.h"

#include <pcre2.h>
#include <stdlib.h>

#define MATCH_LIMIT 1000000
#define DEPTH_LIMIT 10000

struct sr_regex {
    pcre2_code *code;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    bool jit;
};

enum sr_status sr_regex_compile(struct sr_regex **out, const char *pattern,
                                struct sr_diag *d)
{
    return sr_regex_compile_flags(out, pattern, 0, NULL, d);
}

enum sr_status sr_regex_compile_flags(struct sr_regex **out,
                                      const char *pattern, unsigned flags,
                                      size_t *erroff, struct sr_diag *d)
{
    struct sr_regex *re;
    int err;
    PCRE2_SIZE off;
    PCRE2_UCHAR msg[256];
    uint32_t opts = PCRE2_UTF | PCRE2_UCP;

    *out = NULL;
    if (flags & SR_REGEX_CASELESS)
        opts |= PCRE2_CASELESS;
    re = xcalloc(1, sizeof(*re));
    re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts,
                             &err, &off, NULL);
    if (!re->code) {
        pcre2_get_error_message(err, msg, sizeof(msg));
        free(re);
        if (erroff)
            *erroff = (size_t)off;
        return sr_diag_set(d, SR_ERR_CONFIG, NULL, 0,
                           "bad pattern '%s': %s at offset %zu", pattern,
                           (const char *)msg, (size_t)off);
    }
    re->jit = pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0;
    re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
    re->mctx = pcre2_match_context_create(NULL);
    if (!re->md || !re->mctx) {
        sr_regex_free(re);
        return sr_diag_set(d, SR_ERR_NOMEM, NULL, 0, "out of memory");
    }
    pcre2_set_match_limit(re->mctx, MATCH_LIMIT);
    pcre2_set_depth_limit(re->mctx, DEPTH_LIMIT);
    *out = re;
    return SR_OK;
}

int sr_regex_match(const struct sr_regex *re, const char *s, size_t n,
                   struct sr_diag *d)
{
    PCRE2_UCHAR msg[256];
    int rc;

    /* JIT matching skips PCRE2's UTF check: do it here */
    if (!sr_utf8_valid(s, n, NULL)) {
        sr_diag_set(d, SR_ERR_PARSE, NULL, 0, "text is not valid UTF-8");
        return -1;
    }
    if (re->jit)
        rc =
            pcre2_jit_match(re->code, (PCRE2_SPTR)s, n, 0, 0, re->md, re->mctx);
    else
        rc = pcre2_match(re->code, (PCRE2_SPTR)s, n, 0, 0, re->md, re->mctx);
    if (rc >= 0)
        return 1;
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    pcre2_get_error_message(rc, msg, sizeof(msg));
    sr_diag_set(d, SR_ERR_LIMIT, NULL, 0, "pattern match failed: %s",
                (const char *)msg);
    return -1;
}

void sr_regex_free(struct sr_regex *re)
{
    if (!re)
        return;
    pcre2_match_context_free(re->mctx);
    pcre2_match_data_free(re->md);
    pcre2_code_free(re->code);
    free(re);
}
