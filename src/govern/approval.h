/* SPDX-License-Identifier: MIT */
/*
 * approval.h - approval.log: who submitted, approved, rejected, distributed
 *
 * The log lives in the run folder, one entry a line, appended and never
 * rewritten.  An entry is TAB-separated key=value fields (values escaped
 * as in record.h), in this order:
 *
 *   seq=2  time=2026-01-06T10:00:00+08:00  action=approve  by=王五
 *   role=总经理  comment=同意  report=<SHA-256 of the submitted report.pdf>
 *   approved=<SHA-256 of the re-rendered report.pdf>  document_no=...
 *   manifest=<SHA-256 of manifest.txt after the action>
 *   prev=<hash of entry 1, or 64 zeros>  hash=<SHA-256 of the text before
 *   "\thash=">  [key=<Ed25519 public key>  sig=<signature of the text up
 *   to and including the hash field>]
 *
 * Actions: submit (提交), approve (批准), reject (驳回), distribute (分发;
 * with to= and copies=).  The state is what the entries say, in order:
 *
 *   draft --submit--> submitted --approve--> approved (final)
 *                        |  \--reject--> rejected --submit--> submitted
 *
 * distribute does not change the state.  Each entry's hash covers the
 * previous entry's hash, so editing, inserting, removing or reordering an
 * entry breaks the chain; its manifest field ties the log to the run
 * folder as it was after the action.
 */
#ifndef SR_GOVERN_APPROVAL_H
#define SR_GOVERN_APPROVAL_H

#include "../core/buf.h"
#include "../core/status.h"
#include "sign.h"

#include <stdbool.h>
#include <stddef.h>

#define SR_APPROVAL_FILE "approval.log"

enum sr_action {
    SR_ACT_SUBMIT = 0,
    SR_ACT_APPROVE,
    SR_ACT_REJECT,
    SR_ACT_DISTRIBUTE,
    SR_ACT_UNKNOWN
};

enum sr_approval_state {
    SR_STATE_DRAFT = 0, /* nothing submitted */
    SR_STATE_SUBMITTED,
    SR_STATE_APPROVED,
    SR_STATE_REJECTED
};

/**
 * One entry.  Every string is owned by the log and never NULL ("" when
 * the field is absent).
 */
struct sr_approval_entry {
    long line; /* in approval.log (1-based); 0 for a new entry */
    long seq;
    enum sr_action action;
    char *time;
    char *by;
    char *role;
    char *comment;
    char *report;      /* SHA-256 of the report.pdf this entry is about */
    char *approved;    /* approve: SHA-256 of the approved report.pdf */
    char *document_no; /* approve: 文件编号, if any */
    char *to;          /* distribute: recipients, comma-separated */
    char *copies;      /* distribute: copy numbers, e.g. "1-3" */
    char *manifest;    /* SHA-256 of manifest.txt after the action */
    char *prev;
    char *hash;
    char *key; /* public key hex, "" when unsigned */
    char *sig;
    char *raw;         /* the line as read or written */
    size_t hashed_len; /* bytes of raw the hash covers */
    size_t signed_len; /* bytes of raw the signature covers */
    bool malformed;    /* the line could not be read as an entry */
};

/** The log as read.  Entries in file order. */
struct sr_approval_log {
    char *path;
    struct sr_approval_entry *e;
    size_t n;
};

/** What an entry to append says (borrowed; NULL = absent). */
struct sr_approval_new {
    enum sr_action action;
    const char *time; /* ISO 8601 */
    const char *by;
    const char *role;
    const char *comment;
    const char *report;
    const char *approved;
    const char *document_no;
    const char *to;
    const char *copies;
    const char *manifest;
};

/** One problem found by sr_approval_check(), e.g. line 3 "entry 3 was
 * edited (its hash does not match its text)". */
struct sr_approval_problem {
    long line; /* 0 when about the log as a whole */
    char *msg;
};

struct sr_approval_problems {
    struct sr_approval_problem *p;
    size_t n;
    size_t nsigned; /* entries with a valid signature */
};

/** What sr_approval_check() needs besides the log. */
struct sr_approval_trust {
    const struct sr_keyring *keyring; /* or NULL: any key signs */
    bool require_signature;           /* unsigned entries are problems */
    const char *manifest_sha;         /* of manifest.txt now, or NULL */
};

/**
 * Read @run_dir/approval.log.  A missing log is an empty one (SR_OK).
 * Lines that are not entries are kept with malformed set (sr_approval_check
 * reports them).  Errors: SR_ERR_IO.  *out owned: sr_approval_free().
 */
enum sr_status sr_approval_load(const char *run_dir,
                                struct sr_approval_log **out,
                                struct sr_diag *d);

/**
 * Check the chain (hashes, prev links, sequence), the signatures, the
 * order of actions and, when @t->manifest_sha is set, that the last entry
 * recorded the manifest as it is now.  Problems go to @out (cleared
 * first; sr_approval_problems_release()).
 */
void sr_approval_check(const struct sr_approval_log *log,
                       const struct sr_approval_trust *t,
                       struct sr_approval_problems *out);

/** The state after the entries of @log (malformed lines are skipped). */
enum sr_approval_state sr_approval_state(const struct sr_approval_log *log);

/** The last entry of @action, or NULL. */
const struct sr_approval_entry *
sr_approval_last(const struct sr_approval_log *log, enum sr_action action);

/**
 * Make the entry @e (next seq, prev = the last entry's hash), sign it with
 * @key (NULL: unsigned), append it to @run_dir/approval.log (O_APPEND,
 * fsync) and to @log.  Errors: SR_ERR_WRITE, SR_ERR_LIBRARY (signing).
 */
enum sr_status sr_approval_append(const char *run_dir,
                                  struct sr_approval_log *log,
                                  const struct sr_approval_new *e,
                                  const struct sr_sign_key *key,
                                  struct sr_diag *d);

/** "submit", "approve", ... */
const char *sr_action_name(enum sr_action a);
/** 提交, 批准, 驳回, 分发. */
const char *sr_action_label(enum sr_action a);
/** The report's status: 送审稿 (draft, submitted), 已驳回 or 已批准. */
const char *sr_state_status(enum sr_approval_state s);
/** "draft", "submitted", "approved", "rejected". */
const char *sr_state_name(enum sr_approval_state s);

void sr_approval_problems_release(struct sr_approval_problems *p);

/** Free; NULL does nothing. */
void sr_approval_free(struct sr_approval_log *log);

#endif /* SR_GOVERN_APPROVAL_H */
