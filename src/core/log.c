/* SPDX-License-Identifier: MIT */
/*
 * log.c - run.log and the console
 */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>

static FILE *logf;
static bool verbose;
static bool quiet;

bool sr_log_open(const char *path)
{
    sr_log_close();
    logf = fopen(path, "w");
    return logf != NULL;
}

void sr_log_close(void)
{
    if (logf)
        fclose(logf);
    logf = NULL;
}

void sr_log_set_verbose(bool v)
{
    verbose = v;
}

void sr_log_set_quiet(bool q)
{
    quiet = q;
}

static void emit(const char *level, bool console, const char *fmt, va_list ap)
{
    va_list cp;

    if (logf) {
        va_copy(cp, ap);
        fprintf(logf, "%s: ", level);
        vfprintf(logf, fmt, cp);
        fputc('\n', logf);
        va_end(cp);
    }
    if (console || !logf) {
        fprintf(stderr, "satreport: %s: ", level);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
    }
}

void sr_log_info(const char *fmt, ...)
{
    va_list ap;

    if (!logf && !verbose)
        return;
    va_start(ap, fmt);
    emit("info", verbose, fmt, ap);
    va_end(ap);
}

void sr_log_warn(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    emit("warning", !quiet, fmt, ap);
    va_end(ap);
}

void sr_log_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    emit("error", true, fmt, ap);
    va_end(ap);
}
