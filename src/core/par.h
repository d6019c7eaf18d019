/* SPDX-License-Identifier: MIT */
/*
 * par.h - whether a run may use a second thread
 *
 * A run reads ahead in one thread while it checks in another
 * (read/ahead.h), classifies and accumulates checked forms in a second
 * thread (core/handoff.h), and renders report.pdf beside statistics.xlsx
 * (pipeline.c): results are the same either way, only the time differs.
 * SATREPORT_THREADS=1 in the environment keeps a run to one thread, to
 * measure what the second one brings (docs/benchmarks.md) or to debug.
 */
#ifndef SR_PAR_H
#define SR_PAR_H

#include <stdbool.h>

/** True unless SATREPORT_THREADS=1. */
bool sr_par_threads(void);

#endif /* SR_PAR_H */
