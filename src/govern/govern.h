/* SPDX-License-Identifier: MIT */
/*
 * govern.h - verify, submit, approve, reject, distribute a run folder
 *
 * The commands behind `satreport verify|submit|approve|reject|distribute|
 * keygen` (docs/governance.md).  Each takes the run folder's lock (the
 * pipeline's "<RUN_DIR>.lock": exclusive to change the folder, shared to
 * verify it), so a command and a run never interleave.  Each returns an
 * exit code (enum sr_gov_exit) and prints its messages itself: results on
 * @o->out, errors on @o->err, git-style ("satreport: error: ...").
 */
#ifndef SR_GOVERN_GOVERN_H
#define SR_GOVERN_GOVERN_H

#include <stdbool.h>
#include <stdio.h>

/** Exit codes of the governance commands (docs/governance.md). */
enum sr_gov_exit {
    SR_GOV_OK = 0,      /* done; verify: the run folder is intact */
    SR_GOV_DIFFERS = 1, /* something differs from the manifest or the log
                         * chain is broken (verify; approve etc. refuse) */
    SR_GOV_USAGE = 2,   /* bad command line, not a run folder, bad
                         * [approval] settings or key */
    SR_GOV_WRITE = 4,   /* the run folder could not be written */
    SR_GOV_LOCKED = 5,  /* another run or command holds the lock */
    SR_GOV_STATE = 6    /* refused by the approval state (not submitted,
                         * already approved, not approved for distribute) */
};

/** Options of the commands (all borrowed; NULL = not given). */
struct sr_govern_opts {
    const char *by;          /* --by NAME */
    const char *role;        /* --role ROLE */
    const char *comment;     /* --comment TEXT */
    const char *key;         /* --key PATH (overrides [approval] key) */
    const char *document_no; /* --document-no (overrides [approval]) */
    const char *to;          /* --to A,B,C (overrides [approval]) */
    bool draft;              /* distribute before approval */
    bool again;              /* distribute to a recipient again */
    bool no_sources;         /* verify: the run folder only */
    bool quiet;              /* print nothing on success */
    FILE *out;               /* stdout if NULL */
    FILE *err;               /* stderr if NULL */
};

/** Check the run folder against its manifest, the approval log (chain,
 * signatures, order) and the distribution register. */
int sr_govern_verify(const char *run_dir, const struct sr_govern_opts *o);

/** Submit the report for approval (--by; --role defaults to [approval]
 * submit_role or 客户服务部经理). */
int sr_govern_submit(const char *run_dir, const struct sr_govern_opts *o);

/** Approve the submitted report (--by; --role defaults to 总经理) and
 * render it again as 已批准 with the approval sheet filled in. */
int sr_govern_approve(const char *run_dir, const struct sr_govern_opts *o);

/** Reject the submitted report (--by, --comment required). */
int sr_govern_reject(const char *run_dir, const struct sr_govern_opts *o);

/** Render one numbered copy per recipient and register them. */
int sr_govern_distribute(const char *run_dir, const struct sr_govern_opts *o);

/** Make an Ed25519 key pair at @path and @path.pub for @o->by. */
int sr_govern_keygen(const char *path, const struct sr_govern_opts *o);

#endif /* SR_GOVERN_GOVERN_H */
