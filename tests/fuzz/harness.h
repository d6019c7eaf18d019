/* SPDX-License-Identifier: MIT */
/*
 * harness.h - what every libFuzzer harness in tests/fuzz/ shares
 *
 * The parsers of satreport read files by path, so each harness writes the
 * fuzzer's input to a scratch file (in /dev/shm when it exists, so that no
 * disk is touched) and hands the path to the parser under test.  The
 * scratch folder is per process and removed at exit.  Logging goes to
 * /dev/null: warnings about unknown columns must not flood the terminal.
 *
 * SR_FUZZ_ROOT (set by the Makefile) is the repository, where the shipped
 * templates, rules and sample inputs that harnesses load once are found.
 */
#ifndef SR_FUZZ_HARNESS_H
#define SR_FUZZ_HARNESS_H

#include "../../src/core/log.h"
#include "../../src/core/status.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SR_FUZZ_ROOT
#define SR_FUZZ_ROOT "."
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_dir[256];
static char fuzz_buf[512];

static void fuzz_cleanup(void)
{
    char cmd[600];

    if (!fuzz_dir[0])
        return;
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fuzz_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz: cannot remove %s\n", fuzz_dir);
}

/* Make the scratch folder and quiet the log; call from
 * LLVMFuzzerInitialize(). */
static inline void fuzz_setup(void)
{
    struct stat sb;
    const char *base = stat("/dev/shm", &sb) == 0 ? "/dev/shm" : "/tmp";

    snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/satreport-fuzz-%ld", base,
             (long)getpid());
    mkdir(fuzz_dir, 0700);
    atexit(fuzz_cleanup);
    sr_log_set_quiet(true);
    sr_log_open("/dev/null");
}

/* The path of scratch file @name (borrowed until the next call). */
static inline const char *fuzz_path(const char *name)
{
    snprintf(fuzz_buf, sizeof(fuzz_buf), "%s/%s", fuzz_dir, name);
    return fuzz_buf;
}

/* Write @data[0..n) to scratch file @name; returns its path (borrowed
 * until the next fuzz_path()/fuzz_write()), or NULL when it can't. */
static inline const char *fuzz_write(const char *name, const void *data,
                                     size_t n)
{
    const char *path = fuzz_path(name);
    FILE *fp = fopen(path, "wb");
    size_t w;

    if (!fp)
        return NULL;
    w = n ? fwrite(data, 1, n, fp) : 0;
    if (fclose(fp) != 0 || w != n)
        return NULL;
    return path;
}

/* A file of the repository (borrowed until the next call). */
static inline const char *fuzz_repo(const char *rel)
{
    static char buf[1024];

    snprintf(buf, sizeof(buf), "%s/%s", SR_FUZZ_ROOT, rel);
    return buf;
}

/* Die loudly: a harness that cannot set itself up must not look clean. */
static inline void fuzz_die(const char *what, const struct sr_diag *d)
{
    char msg[2048];

    fprintf(stderr, "fuzz setup: %s: %s\n", what,
            d ? sr_diag_format(d, msg, sizeof(msg)) : "failed");
    abort();
}

#endif /* SR_FUZZ_HARNESS_H */
