/* SPDX-License-Identifier: MIT */
/*
 * par.c - whether a run may use a second thread (see par.h)
 */
#include "par.h"

#include <stdlib.h>
#include <string.h>

bool sr_par_threads(void)
{
    const char *v = getenv("SATREPORT_THREADS");

    return !(v && !strcmp(v, "1"));
}
