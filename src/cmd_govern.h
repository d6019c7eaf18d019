/* SPDX-License-Identifier: MIT */
/*
 * cmd_govern.h - the command line of verify, submit, approve, reject,
 * distribute and keygen
 *
 * Each takes the arguments after its command name (like main.c's cmd_run:
 * `sr_cmd_verify(argc - 2, argv + 2)`) and returns the exit code
 * (enum sr_gov_exit, docs/governance.md).
 */
#ifndef SR_CMD_GOVERN_H
#define SR_CMD_GOVERN_H

int sr_cmd_verify(int argc, char **argv);
int sr_cmd_submit(int argc, char **argv);
int sr_cmd_approve(int argc, char **argv);
int sr_cmd_reject(int argc, char **argv);
int sr_cmd_distribute(int argc, char **argv);
int sr_cmd_keygen(int argc, char **argv);

#endif /* SR_CMD_GOVERN_H */
