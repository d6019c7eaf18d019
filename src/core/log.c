/* SPDX-License-Identifier: MIT */
/*
 * log.c - run.log and the console
 */
#include "log.h"
#include "logfile.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static FILE *log_fp;
static bool verbose;
static bool quiet;
static bool held;
static struct sr_logfile *sink;

void sr_log_set_sink(struct sr_logfile *lf)
{
    sink = lf;
}

bool sr_log_open(const char *path)
{
    sr_log_close();
    log_fp = fopen(path, "w");
    return log_fp != NULL;
}

void sr_log_close(void)
{
    if (log_fp)
        fclose(log_fp);
    log_fp = NULL;
}

void sr_log_set_verbose(bool v)
{
    verbose = v;
}

void sr_log_set_quiet(bool q)
{
    quiet = q;
}

void sr_log_hold(bool h)
{
    held = h;
}

static void emit(const char *level, bool console, const char *fmt, va_list ap)
{
    va_list cp;

    if (sink && strcmp(level, "info")) {
        char line[4096];

        va_copy(cp, ap);
        vsnprintf(line, sizeof(line), fmt, cp);
        va_end(cp);
        sr_logfile_write(sink, level, line);
    }
    /* one line at a time: the outputs may be rendered by two threads */
    if (log_fp) {
        va_copy(cp, ap);
        flockfile(log_fp);
        fprintf(log_fp, "%s: ", level);
        vfprintf(log_fp, fmt, cp);
        fputc('\n', log_fp);
        funlockfile(log_fp);
        va_end(cp);
    }
    if (console || !log_fp) {
        flockfile(stderr);
        fprintf(stderr, "satreport: %s: ", level);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
        funlockfile(stderr);
    }
}

void sr_log_info(const char *fmt, ...)
{
    va_list ap;

    if ((!log_fp && !verbose) || held)
        return;
    va_start(ap, fmt);
    emit("info", verbose, fmt, ap);
    va_end(ap);
}

void sr_log_warn(const char *fmt, ...)
{
    va_list ap;

    if (held)
        return;
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
