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

/** Hash @n bytes at @data into @hex.  Returns false if libcrypto fails. */
bool sr_sha256_mem(const void *data, size_t n, char hex[SR_SHA256_HEX + 1]);

/** True if @s is 64 lower-case hex digits. */
bool sr_sha256_is_hex(const char *s);

#endif /* SR_GOVERN_HASH_H */
