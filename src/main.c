/* SPDX-License-Identifier: MIT */
/*
 * main.c - the command line: subcommands and options, nothing else
 */
#include "cmd_convert.h"
#include "cmd_init.h"
#include "datadir.h"
#include "cmd_govern.h"
#include "pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SR_VERSION
#define SR_VERSION "dev"
#endif

static const char usage_main[] =
    "usage: satreport <command> [options]\n"
    "\n"
    "Turn customer-satisfaction survey forms into the satisfaction analysis\n"
    "report (report.pdf), the customer statistics workbook (statistics.xlsx)\n"
    "and every figure as data (stats.csv).\n"
    "\n"
    "commands:\n"
    "  run PIPELINE    read, check, analyse and render one pipeline\n"
    "  merge PIPELINE STATE...  render one run folder from partial states\n"
    "  convert --mapping M FILE... -o OUT.csv\n"
    "                  read other tools' exports, write native CSV\n"
    "  mapping-check M FILE  which columns and values a mapping matches\n"
    "  init DIR        write a starter project that runs as is\n"
    "  verify RUN_DIR  check a run folder against its manifest and logs\n"
    "  submit|approve|reject RUN_DIR --by NAME [--role R] [--comment T]\n"
    "                  the approval of the report (docs/governance.md)\n"
    "  distribute RUN_DIR --to A,B  numbered copies and their register\n"
    "  keygen KEYFILE --by NAME  a key pair to sign approvals\n"
    "\n"
    "options:\n"
    "  -h, --help      show this help (satreport run --help for run's)\n"
    "  --version       show the version and where shipped files are found\n"
    "\n"
    "exit codes: 0 done, every form accepted; 1 done, some forms refused;\n"
    "2 usage, pipeline, template or rules error (nothing written); 3 an\n"
    "input could not be read at all; 4 outputs could not be written (the\n"
    "previous run folder is untouched); 5 another run holds the lock.\n";

static const char usage_run[] =
    "usage: satreport run PIPELINE [--out DIR] [--files PATH...] [--period P]\n"
    "                     [--no-records] [--partial STATE] [-q|--quiet]\n"
    "                     [-v|--verbose] [--log FILE]\n"
    "\n"
    "Run the pipeline file PIPELINE (pipelines/*.ini) and write its run\n"
    "folder: report.pdf, statistics.xlsx, stats.csv, rejects.csv, run.log.\n"
    "\n"
    "  --out DIR         write the run folder to DIR instead of [output] dir\n"
    "  --files PATH...   read these files (paths or globs, relative to the\n"
    "                    current directory) instead of [input] files\n"
    "  --period P        analyse only forms dated in P: YYYY, YYYY-Qn,\n"
    "                    YYYY-MM, FROM..TO (YYYY-MM-DD), last-year,\n"
    "                    last-quarter or last-month; {period} in the\n"
    "                    pipeline's names and paths follows it\n"
    "  --log FILE        append the start, warnings, errors and exit of\n"
    "                    the run to FILE (rotated; see [output] log)\n"
    "  --no-records      list no form in the workbook (no 明细, no comment "
    "rows)\n"
    "  --partial STATE   accumulate only: write the mergeable state STATE\n"
    "                    (and STATE.rejects.csv), no run folder; see merge\n"
    "  -q, --quiet       print nothing on success (the default when stderr\n"
    "                    is not a terminal)\n"
    "  -v, --verbose     print progress (also written to run.log)\n"
    "\n"
    "SOURCE_DATE_EPOCH fixes the date printed in outputs (reproducible runs)\n"
    "and the date relative periods count from;\n"
    "SATREPORT_FONT names another CJK TrueType font.\n";

static const char usage_merge[] =
    "usage: satreport merge PIPELINE STATE... [--out DIR] [-q] [-v]\n"
    "\n"
    "Render the run folder from mergeable states written by\n"
    "'satreport run PIPELINE --files SHARD --partial STATE', as if one run\n"
    "had read every shard.  States of another form template or other\n"
    "rules are refused, and so are states that share a form id (each is\n"
    "named): keep the forms of one id in one shard.  No form is listed in\n"
    "the workbook (明细, 意见分类's rows) (docs/scale-out.md).\n";

static int cmd_merge(int argc, char **argv)
{
    struct sr_run_opts o;
    const char **states;
    size_t n = 0;
    int i;
    int rc;

    memset(&o, 0, sizeof(o));
    states = calloc((size_t)argc + 1, sizeof(*states));
    if (!states)
        return SR_EXIT_WRITE;
    for (i = 0; i < argc; i++) {
        const char *a = argv[i];

        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_merge, stdout);
            free(states);
            return 0;
        } else if (!strcmp(a, "--out") && i + 1 < argc) {
            o.out = argv[++i];
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            o.quiet = true;
        } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            o.verbose = true;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "satreport: unknown option '%s'\n\n%s", a,
                    usage_merge);
            free(states);
            return SR_EXIT_CONFIG;
        } else if (!o.pipeline) {
            o.pipeline = a;
        } else {
            states[n++] = a;
        }
    }
    if (!o.pipeline || !n) {
        fprintf(stderr,
                "satreport: merge needs a PIPELINE and at least one "
                "STATE\n\n%s",
                usage_merge);
        free(states);
        return SR_EXIT_CONFIG;
    }
    o.states = states;
    o.nstates = n;
    /* quiet by default when nobody watches (cron, systemd) */
    if (!o.verbose && !isatty(STDERR_FILENO))
        o.quiet = true;
    o.progress = !o.quiet && isatty(STDERR_FILENO);
    rc = sr_pipeline_run(&o);
    free(states);
    return rc;
}

static int cmd_run(int argc, char **argv)
{
    struct sr_run_opts o;
    int i;
    int rc;

    memset(&o, 0, sizeof(o));
    for (i = 0; i < argc; i++) {
        const char *a = argv[i];

        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_run, stdout);
            return 0;
        } else if (!strcmp(a, "--partial")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "satreport: option '%s' needs a value\n", a);
                return SR_EXIT_CONFIG;
            }
            o.partial = argv[++i];
        } else if (!strcmp(a, "--out") || !strcmp(a, "--period") ||
                   !strcmp(a, "--log")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "satreport: option '%s' needs a value\n", a);
                return SR_EXIT_CONFIG;
            }
            if (!strcmp(a, "--out"))
                o.out = argv[++i];
            else if (!strcmp(a, "--log"))
                o.log = argv[++i];
            else
                o.period = argv[++i];
        } else if (!strcmp(a, "--files")) {
            int first = i + 1;

            while (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0)
                i++;
            if (i + 1 == first) {
                fprintf(stderr, "satreport: option '--files' needs at least "
                                "one path\n");
                return SR_EXIT_CONFIG;
            }
            o.files = (const char *const *)&argv[first];
            o.nfiles = (size_t)(i + 1 - first);
        } else if (!strcmp(a, "--no-records")) {
            o.no_records = true;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            o.quiet = true;
        } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            o.verbose = true;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "satreport: unknown option '%s'\n\n%s", a,
                    usage_run);
            return SR_EXIT_CONFIG;
        } else if (!o.pipeline) {
            o.pipeline = a;
        } else {
            fprintf(stderr, "satreport: unexpected argument '%s'\n\n%s", a,
                    usage_run);
            return SR_EXIT_CONFIG;
        }
    }
    if (!o.pipeline) {
        fprintf(stderr, "satreport: run needs a PIPELINE file\n\n%s",
                usage_run);
        return SR_EXIT_CONFIG;
    }
    /* quiet by default when nobody watches (cron, systemd) */
    if (!o.verbose && !isatty(STDERR_FILENO))
        o.quiet = true;
    o.progress = !o.quiet && isatty(STDERR_FILENO);
    rc = sr_pipeline_run(&o);
    return rc;
}

int main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : NULL;

    if (!cmd) {
        fputs(usage_main, stderr);
        return SR_EXIT_CONFIG;
    }
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(usage_main, stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
        printf("satreport %s\n", SR_VERSION);
        sr_datadir_describe(stdout);
        return 0;
    }
    if (!strcmp(cmd, "run"))
        return cmd_run(argc - 2, argv + 2);
    if (!strcmp(cmd, "verify"))
        return sr_cmd_verify(argc - 2, argv + 2);
    if (!strcmp(cmd, "submit"))
        return sr_cmd_submit(argc - 2, argv + 2);
    if (!strcmp(cmd, "approve"))
        return sr_cmd_approve(argc - 2, argv + 2);
    if (!strcmp(cmd, "reject"))
        return sr_cmd_reject(argc - 2, argv + 2);
    if (!strcmp(cmd, "distribute"))
        return sr_cmd_distribute(argc - 2, argv + 2);
    if (!strcmp(cmd, "keygen"))
        return sr_cmd_keygen(argc - 2, argv + 2);
    if (!strcmp(cmd, "merge"))
        return cmd_merge(argc - 2, argv + 2);
    if (!strcmp(cmd, "convert"))
        return sr_cmd_convert(argc - 2, argv + 2);
    if (!strcmp(cmd, "mapping-check"))
        return sr_cmd_mapping_check(argc - 2, argv + 2);
    if (!strcmp(cmd, "init"))
        return sr_cmd_init(argc - 2, argv + 2);
    fprintf(stderr, "satreport: unknown command '%s'\n\n%s", cmd, usage_main);
    return SR_EXIT_CONFIG;
}
