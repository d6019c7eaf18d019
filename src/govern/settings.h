/* SPDX-License-Identifier: MIT */
/*
 * settings.h - the [approval] section of a pipeline
 *
 *   [approval]
 *   key               = ../keys/wangwu.key    ; sign entries (Ed25519)
 *   public_keys       = ../keys/approvers.pub ; who may sign (keyring)
 *   require_signature = yes                    ; unsigned entries fail
 *   distribute        = 销售部, 客户服务部, 市场部  ; default recipients
 *   document_no       = KF-{period}-01         ; 文件编号 of the approved
 *   submit_role       = 客户服务部经理            ; default --role of submit
 *   approve_role      = 总经理                   ; default --role of approve
 *
 * The run itself ignores [approval] (config.c accepts the section); the
 * governance commands read it from the pipeline named in the manifest.
 * Paths resolve against the pipeline's folder.
 */
#ifndef SR_GOVERN_SETTINGS_H
#define SR_GOVERN_SETTINGS_H

#include "../core/status.h"

#include <stdbool.h>
#include <stddef.h>

struct sr_approval_settings {
    char *key;         /* secret key path, or NULL */
    char *public_keys; /* keyring path, or NULL */
    bool require_signature;
    char **distribute; /* recipients */
    size_t ndistribute;
    char *document_no;  /* or NULL */
    char *submit_role;  /* never NULL after load */
    char *approve_role; /* never NULL after load */
};

/** True if @key is a key of [approval] (config.c may refuse others). */
bool sr_approval_settings_known(const char *key);

/**
 * Read [approval] of the pipeline @path into @s (initialised here; release
 * with sr_approval_settings_release() also on error).  Errors:
 * SR_ERR_CONFIG with file:line (unknown key, bad value), SR_ERR_IO
 * (cannot read the pipeline).
 */
enum sr_status sr_approval_settings_load(const char *path,
                                         struct sr_approval_settings *s,
                                         struct sr_diag *d);

/** Defaults only (no pipeline at hand). */
void sr_approval_settings_init(struct sr_approval_settings *s);

void sr_approval_settings_release(struct sr_approval_settings *s);

/**
 * Split a list of names at ',' '，' '、' and ';', trimming spaces; empty
 * names are dropped.  Appends copies to *v / *n (caller frees each and
 * the array).
 */
void sr_split_names(const char *list, char ***v, size_t *n);

#endif /* SR_GOVERN_SETTINGS_H */
