/* SPDX-License-Identifier: MIT */
/*
 * hash.h - SHA-256 of files and bytes (OpenSSL libcrypto EVP), in hex
 *
 * Every hash satreport writes (manifest, approval log, distribution
 * register) is the lower-case hex SHA-256 of the bytes: what
 * `sha256sum FILE` prints.
 */
#ifndef SR_GOVERN_HASH_H
#define SR_GOVERN_HASH_H

#include "../core/status.h"

#include <stdbool.h>
#include <stddef.h>

/** Length of a hex SHA-256, without the NUL. */
#define SR_SHA256_HEX 64

/**
 * Hash the file at @path into @hex (NUL-terminated).  The file is read in
 * 64 KiB chunks.  Errors: SR_ERR_IO ("cannot read '...': reason") or
 * SR_ERR_LIBRARY; @hex is then "".
 */
enum sr_status sr_sha256_file(const char *path, char hex[SR_SHA256_HEX + 1],
                              struct sr_diag *d);

/*
 * A run hashes each of its inputs once, for the workbook's 说明 sheet and
 * for manifest.txt: sr_sha256_file_once() remembers what it hashed, by the
 * path as given, until sr_sha256_forget().  For the run's own thread only
 * (no lock); `satreport verify` always hashes afresh (sr_sha256_file()).
 */
enum sr_status sr_sha256_file_once(const char *path,
                                   char hex[SR_SHA256_HEX + 1],
                                   struct sr_diag *d);

/** The hash sr_sha256_file_once() made of @path, or NULL. */
const char *sr_sha256_known(const char *path);

/** Forget every hash sr_sha256_file_once() made. */
void sr_sha256_forget(void);

/** Hash @n bytes at @data into @hex.  Returns false if libcrypto fails. */
bool sr_sha256_mem(const void *data, size_t n, char hex[SR_SHA256_HEX + 1]);

/** True if @s is 64 lower-case hex digits. */
bool sr_sha256_is_hex(const char *s);

#endif /* SR_GOVERN_HASH_H */
