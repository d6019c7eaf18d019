/* SPDX-License-Identifier: MIT */
/*
 * cmd_init.h - `satreport init DIR`: write a starter project
 *
 * The starter project runs as is (`cd DIR && satreport run pipeline.ini`):
 *
 *   DIR/pipeline.ini         a pipeline with relative paths
 *   DIR/forms/csat.xml       the shipped form template
 *   DIR/rules/NAME.rules     the shipped rules, when there are any
 *   DIR/report/NAME.xml      the shipped report layouts, when any
 *   DIR/input/starter.csv    example forms (templates/examples/starter.csv)
 *
 * The shipped files are found through the data folders (datadir.h).
 */
#ifndef SR_CMD_INIT_H
#define SR_CMD_INIT_H

/**
 * Run `satreport init`.
 *
 * @param argc  the number of arguments after "init"
 * @param argv  those arguments: [-q|--quiet] [-h|--help] DIR
 * @return an enum sr_exit (pipeline.h): SR_EXIT_OK; SR_EXIT_CONFIG for a
 *         usage error, a DIR that exists and is not an empty folder, or a
 *         shipped file that cannot be found; SR_EXIT_WRITE when a file
 *         cannot be written (what was written is removed again, so DIR is
 *         as it was).  Messages go to stderr, the list of files written to
 *         stdout unless quiet.
 */
int sr_cmd_init(int argc, char **argv);

#endif /* SR_CMD_INIT_H */
