/* SPDX-License-Identifier: MIT */
/*
 * pii.h - personal data in free text, masked before it leaves the run
 *
 * A comment may hold what must not leak: the customer's own name or phone
 * written into it, other phone and ID numbers, e-mail addresses.  The
 * workbook's comment cells and the report's example comments go through
 * sr_pii_mask_text() (docs/workbook.md, "Personal data is masked").
 */
#ifndef SR_PII_H
#define SR_PII_H

#include "buf.h"
#include "form.h"
#include "template.h"

/* digit runs this long (phone and ID numbers) are masked */
#define SR_PII_DIGITS_MIN 7

/**
 * Append to @out the text @s with its personal data masked, each part with
 * sr_text_mask(): the record's own values of pii fields (@r may be NULL;
 * values of 2 characters or more), numbers of SR_PII_DIGITS_MIN or more
 * digits (also in groups: "138 1234 5678", "0571-88888888"; an ID number's
 * final X; a date such as 2026-01-05 is kept) and the user part of e-mail
 * addresses.
 */
void sr_pii_mask_text(struct sr_buf *out, const struct sr_template *t,
                      const struct sr_record *r, const char *s);

#endif /* SR_PII_H */
