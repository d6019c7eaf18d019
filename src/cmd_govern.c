/* SPDX-License-Identifier: MIT */
/*
 * cmd_govern.c - argv to struct sr_govern_opts for the governance commands
 *
 * Options and nothing else: the work is src/govern/govern.c's.
 */
#include "cmd_govern.h"
#include "govern/govern.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* options a command takes */
enum {
    O_BY = 1 << 0,
    O_ROLE = 1 << 1,
    O_COMMENT = 1 << 2,
    O_KEY = 1 << 3,
    O_DOCNO = 1 << 4,
    O_TO = 1 << 5,
    O_DRAFT = 1 << 6,
    O_AGAIN = 1 << 7,
    O_NOSRC = 1 << 8
};

static const char usage_verify[] =
    "usage: satreport verify RUN_DIR [--no-inputs] [-q|--quiet]\n"
    "\n"
    "Check that nothing in the run folder differs from its manifest.txt\n"
    "(changed, missing or added files; the pipeline, template, rules and\n"
    "input files too, unless --no-inputs), that approval.log is an unbroken\n"
    "chain (and its signatures hold) and that the distributed copies are\n"
    "the registered ones.\n"
    "\n"
    "exit codes: 0 intact; 1 something differs (listed on stdout); 2 not a\n"
    "run folder or bad usage; 5 another run or command holds the lock.\n";

static const char usage_submit[] =
    "usage: satreport submit RUN_DIR --by NAME [--role ROLE] [--comment TEXT]\n"
    "                        [--key KEY] [-q]\n"
    "\n"
    "Submit the report for approval: append a 提交 entry to approval.log\n"
    "with the SHA-256 of report.pdf.  --role defaults to [approval]\n"
    "submit_role (客户服务部经理).  The run folder must match its manifest.\n"
    "\n"
    "exit codes: 0 submitted; 1 the run folder differs from its manifest;\n"
    "2 bad usage or settings; 4 cannot write; 5 locked; 6 already\n"
    "submitted or approved.\n";

static const char usage_approve[] =
    "usage: satreport approve RUN_DIR --by NAME [--role ROLE] [--comment "
    "TEXT]\n"
    "                         [--document-no NO] [--key KEY] [-q]\n"
    "\n"
    "Approve the submitted report: it is rendered again from the same\n"
    "figures as 已批准, with the approval sheet filled in and no draft\n"
    "watermark; approval.log records the submitted and the approved\n"
    "report's SHA-256.  Refused if anything changed since submission.\n"
    "--role defaults to [approval] approve_role (总经理); --document-no to\n"
    "[approval] document_no ({period} is filled in).\n"
    "\n"
    "exit codes: 0 approved; 1 the run changed since submission (the\n"
    "reasons are listed); 2 bad usage or settings; 4 cannot write; 5\n"
    "locked; 6 not submitted, rejected or already approved.\n";

static const char usage_reject[] =
    "usage: satreport reject RUN_DIR --by NAME --comment TEXT [--role ROLE]\n"
    "                        [--key KEY] [-q]\n"
    "\n"
    "Reject the submitted report, giving the reason.  It may be submitted\n"
    "again (after a new run, usually).\n"
    "\n"
    "exit codes: 0 rejected; 1 approval.log is broken; 2 bad usage; 4\n"
    "cannot write; 5 locked; 6 nothing awaits a decision.\n";

static const char usage_distribute[] =
    "usage: satreport distribute RUN_DIR [--to NAME,NAME,...] [--draft]\n"
    "                            [--again] [--by NAME] [--comment TEXT]\n"
    "                            [--key KEY] [-q]\n"
    "\n"
    "Render one numbered copy (第 N 份) of the approved report per recipient\n"
    "into RUN_DIR/distribution/ and register it in distribution.csv (copy\n"
    "number, recipient, time, SHA-256).  Recipients come from --to or\n"
    "[approval] distribute.  --draft distributes a report that is not yet\n"
    "approved; --again gives a recipient one more copy.\n"
    "\n"
    "exit codes: 0 done; 1 the run folder differs from its manifest; 2 bad\n"
    "usage or no recipients; 4 cannot write; 5 locked; 6 not approved\n"
    "(without --draft) or a recipient already has a copy.\n";

static const char usage_keygen[] =
    "usage: satreport keygen KEYFILE --by NAME\n"
    "\n"
    "Make an Ed25519 key pair for signing approval entries: KEYFILE (the\n"
    "secret key, mode 600) and KEYFILE.pub (the public key, for\n"
    "[approval] public_keys).  Existing files are never overwritten.\n";

struct spec {
    const char *name;
    const char *usage;
    unsigned allowed;
};

/* "--by=X" or "--by X": the value, or NULL (and a message) when missing */
static const char *value_of(int argc, char **argv, int *i, const char *opt)
{
    const char *a = argv[*i];
    size_t l = strlen(opt);

    if (a[l] == '=')
        return a + l + 1;
    if (*i + 1 >= argc) {
        fprintf(stderr, "satreport: option '%s' needs a value\n", opt);
        return NULL;
    }
    return argv[++*i];
}

/* the option @a names @opt, as "--opt" or "--opt=..." */
static bool is_opt(const char *a, const char *opt)
{
    size_t l = strlen(opt);

    return !strncmp(a, opt, l) && (a[l] == '\0' || a[l] == '=');
}

/* Parse; returns -1 to go on, or an exit code (help, usage error). */
static int parse(const struct spec *sp, int argc, char **argv,
                 const char **target, struct sr_govern_opts *o)
{
    static const struct {
        const char *opt;
        unsigned bit;
    } valued[] = {
        { "--by", O_BY },
        { "--role", O_ROLE },
        { "--comment", O_COMMENT },
        { "--key", O_KEY },
        { "--document-no", O_DOCNO },
        { "--to", O_TO },
    };
    int i;

    memset(o, 0, sizeof(*o));
    *target = NULL;
    for (i = 0; i < argc; i++) {
        const char *a = argv[i];
        size_t k;
        bool done = false;

        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(sp->usage, stdout);
            return SR_GOV_OK;
        }
        if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            o->quiet = true;
            continue;
        }
        for (k = 0; k < sizeof(valued) / sizeof(valued[0]); k++) {
            const char *v;

            if (!is_opt(a, valued[k].opt) || !(sp->allowed & valued[k].bit))
                continue;
            v = value_of(argc, argv, &i, valued[k].opt);
            if (!v)
                return SR_GOV_USAGE;
            switch (valued[k].bit) {
            case O_BY:
                o->by = v;
                break;
            case O_ROLE:
                o->role = v;
                break;
            case O_COMMENT:
                o->comment = v;
                break;
            case O_KEY:
                o->key = v;
                break;
            case O_DOCNO:
                o->document_no = v;
                break;
            case O_TO:
                o->to = v;
                break;
            }
            done = true;
            break;
        }
        if (done)
            continue;
        if (!strcmp(a, "--draft") && (sp->allowed & O_DRAFT)) {
            o->draft = true;
        } else if (!strcmp(a, "--again") && (sp->allowed & O_AGAIN)) {
            o->again = true;
        } else if (!strcmp(a, "--no-inputs") && (sp->allowed & O_NOSRC)) {
            o->no_sources = true;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "satreport: unknown option '%s' of %s\n\n%s", a,
                    sp->name, sp->usage);
            return SR_GOV_USAGE;
        } else if (!*target) {
            *target = a;
        } else {
            fprintf(stderr, "satreport: unexpected argument '%s'\n\n%s", a,
                    sp->usage);
            return SR_GOV_USAGE;
        }
    }
    if (!*target) {
        fprintf(stderr, "satreport: %s needs a %s\n\n%s", sp->name,
                strcmp(sp->name, "keygen") ? "RUN_DIR" : "KEYFILE", sp->usage);
        return SR_GOV_USAGE;
    }
    return -1;
}

int sr_cmd_verify(int argc, char **argv)
{
    static const struct spec sp = { "verify", usage_verify, O_NOSRC };
    struct sr_govern_opts o;
    const char *dir;
    int rc = parse(&sp, argc, argv, &dir, &o);

    return rc >= 0 ? rc : sr_govern_verify(dir, &o);
}

int sr_cmd_submit(int argc, char **argv)
{
    static const struct spec sp = { "submit", usage_submit,
                                    O_BY | O_ROLE | O_COMMENT | O_KEY };
    struct sr_govern_opts o;
    const char *dir;
    int rc = parse(&sp, argc, argv, &dir, &o);

    return rc >= 0 ? rc : sr_govern_submit(dir, &o);
}

int sr_cmd_approve(int argc, char **argv)
{
    static const struct spec sp = {
        "approve", usage_approve, O_BY | O_ROLE | O_COMMENT | O_KEY | O_DOCNO
    };
    struct sr_govern_opts o;
    const char *dir;
    int rc = parse(&sp, argc, argv, &dir, &o);

    return rc >= 0 ? rc : sr_govern_approve(dir, &o);
}

int sr_cmd_reject(int argc, char **argv)
{
    static const struct spec sp = { "reject", usage_reject,
                                    O_BY | O_ROLE | O_COMMENT | O_KEY };
    struct sr_govern_opts o;
    const char *dir;
    int rc = parse(&sp, argc, argv, &dir, &o);

    return rc >= 0 ? rc : sr_govern_reject(dir, &o);
}

int sr_cmd_distribute(int argc, char **argv)
{
    static const struct spec sp = { "distribute", usage_distribute,
                                    O_BY | O_ROLE | O_COMMENT | O_KEY | O_TO |
                                        O_DRAFT | O_AGAIN };
    struct sr_govern_opts o;
    const char *dir;
    int rc = parse(&sp, argc, argv, &dir, &o);

    return rc >= 0 ? rc : sr_govern_distribute(dir, &o);
}

int sr_cmd_keygen(int argc, char **argv)
{
    static const struct spec sp = { "keygen", usage_keygen, O_BY };
    struct sr_govern_opts o;
    const char *path;
    int rc = parse(&sp, argc, argv, &path, &o);

    return rc >= 0 ? rc : sr_govern_keygen(path, &o);
}
