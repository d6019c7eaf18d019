/* SPDX-License-Identifier: MIT */
/*
 * pii.c - personal data in free text, masked (see pii.h)
 *
 * Input: a text and the record it comes from; output: the text with each
 * piece of personal data replaced by sr_text_mask()'s form of it.
 * Owns nothing.
 */
#include "pii.h"

#include "text.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

/* bytes of the UTF-8 sequence led by @c, or 0 for a byte that cannot lead */
static size_t lead_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        return 2;
    if (c >= 0xe0 && c <= 0xef)
        return 3;
    if (c >= 0xf0 && c <= 0xf4)
        return 4;
    return 0;
}

static bool email_char(unsigned char c)
{
    return isalnum(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
           c == '-';
}

static void add_masked(struct sr_buf *out, const char *s, size_t n,
                       struct sr_buf *tmp)
{
    sr_buf_reset(tmp);
    sr_buf_add(tmp, s, n);
    {
        struct sr_buf m = SR_BUF_INIT;

        sr_text_mask(&m, tmp->buf);
        sr_buf_addstr(out, m.buf);
        sr_buf_release(&m);
    }
}

/*
 * The run of digits at @p, groups of digits joined by single '-' or ' '
 * ("138 1234 5678", "0571-88888888"); *digits gets the digits in it.
 * Returns its length in bytes, 0 when it is a date (2026-01-05), which is
 * no personal data.
 */
static size_t digit_run(const char *p, size_t *digits)
{
    size_t groups[4] = { 0 };
    size_t ngroups = 0;
    size_t n = 0;
    bool dashes = true;

    *digits = 0;
    for (;;) {
        size_t g = 0;

        while (isdigit((unsigned char)p[n])) {
            n++;
            g++;
        }
        *digits += g;
        if (ngroups < 4)
            groups[ngroups] = g;
        ngroups++;
        if ((p[n] == '-' || p[n] == ' ') && isdigit((unsigned char)p[n + 1])) {
            dashes = dashes && p[n] == '-';
            n++;
            continue;
        }
        break;
    }
    if (*digits == 17 && (p[n] == 'X' || p[n] == 'x')) {
        n++; /* an ID number's check character */
        (*digits)++;
    }
    if (ngroups == 3 && dashes && groups[0] == 4 && groups[1] <= 2 &&
        groups[2] <= 2)
        return 0;
    return n;
}

/*
 * Free text (a comment) with the personal data it may hold masked: the
 * record's own personal-data values (a customer's name written into the
 * comment), numbers of SR_PII_DIGITS_MIN or more digits (phone and ID numbers,
 * also written in groups) and the user part of e-mail addresses, each with
 * sr_text_mask().  Result in x->aux2; @r may be NULL.
 */
void sr_pii_mask_text(struct sr_buf *out, const struct sr_template *t,
                      const struct sr_record *r, const char *s)
{
    struct sr_buf tmp = SR_BUF_INIT;
    const char *p = s;

    while (*p) {
        unsigned char c = (unsigned char)*p;
        size_t n = 0;
        size_t i;
        bool done = false;

        for (i = 0; r && r->fields && i < t->nfields && !done; i++) {
            const char *v = r->fields[i];
            size_t vl;

            if (!t->fields[i].pii || !v || *v != *p)
                continue;
            vl = strlen(v);
            if (!strncmp(p, v, vl) && sr_utf8_len(v) >= 2) {
                add_masked(out, p, vl, &tmp);
                p += vl;
                done = true;
            }
        }
        if (done)
            continue;
        if (isdigit(c) && (p == s || !isdigit((unsigned char)p[-1]))) {
            size_t digits;

            n = digit_run(p, &digits);
            if (n && digits >= SR_PII_DIGITS_MIN) {
                add_masked(out, p, n, &tmp);
                p += n;
                continue;
            }
        }
        if (email_char(c) && (p == s || !email_char((unsigned char)p[-1]))) {
            const char *at;
            size_t dn = 0;

            n = 0;
            while (email_char((unsigned char)p[n]))
                n++;
            at = p + n;
            if (*at == '@') {
                while (email_char((unsigned char)at[1 + dn]))
                    dn++;
                if (n && dn && memchr(at + 1, '.', dn)) {
                    /* the user part: its first character only (an
                     * address's user part is often the name itself) */
                    sr_buf_add(out, p, 1);
                    for (i = 1; i < n; i++)
                        sr_buf_addch(out, '*');
                    sr_buf_add(out, at, dn + 1);
                    p = at + 1 + dn;
                    continue;
                }
            }
            /* not an address: go on one character at a time, so that a
             * number inside the word is still found */
        }
        n = lead_len(c);
        if (!n)
            n = 1;
        for (i = 0; i < n && p[i]; i++)
            sr_buf_addch(out, p[i]);
        p += i;
    }
    sr_buf_release(&tmp);
}
