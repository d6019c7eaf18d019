/* SPDX-License-Identifier: MIT */
/*
 * sign.h - Ed25519 signatures of approval log entries (libsodium)
 *
 * Key files are text, so they can be mailed, diffed and checked by eye:
 *
 *   secret key (mode 0600, refused if others may read it):
 *     # satreport Ed25519 secret key of 王五 - keep it private
 *     ed25519-secret <128 hex digits: libsodium's 64-byte secret key>	王五
 *   public key (PATH.pub; a keyring is several of these lines):
 *     ed25519 <64 hex digits>	王五
 *
 * The name after the TAB is whom the key belongs to; in a keyring it binds
 * the key to the `--by` name of the entries it signs.
 *
 * Built with libsodium when SR_HAVE_SODIUM is defined (the Makefile's
 * default); without it sr_sign_available() is false and every call but
 * the keyring reader fails with "signing is not built in".
 */
#ifndef SR_GOVERN_SIGN_H
#define SR_GOVERN_SIGN_H

#include "../core/status.h"

#include <stdbool.h>
#include <stddef.h>

#define SR_SIGN_PK_HEX  64  /* hex digits of a public key */
#define SR_SIGN_SIG_HEX 128 /* hex digits of a signature */

/** A secret key and its public half.  Wipe with sr_sign_key_clear(). */
struct sr_sign_key {
    unsigned char sk[64];
    char pk_hex[SR_SIGN_PK_HEX + 1];
    char name[128];
};

/** A trusted public key and whose it is. */
struct sr_trusted_key {
    char pk_hex[SR_SIGN_PK_HEX + 1];
    char *name; /* "" when the line names nobody */
};

/** The public keys that may sign (a keyring file). */
struct sr_keyring {
    struct sr_trusted_key *keys;
    size_t n;
};

/** True if this satreport was built with libsodium. */
bool sr_sign_available(void);

/**
 * Make a key pair for @name: @path (secret, created 0600, never
 * overwritten: SR_ERR_WRITE if it exists) and "@path.pub".
 */
enum sr_status sr_sign_keygen(const char *path, const char *name,
                              struct sr_diag *d);

/**
 * Read the secret key at @path into @k.  Errors: SR_ERR_IO (cannot read),
 * SR_ERR_CONFIG (not a key file; readable by group or others: "chmod 600
 * it"; signing not built in).
 */
enum sr_status sr_sign_key_load(const char *path, struct sr_sign_key *k,
                                struct sr_diag *d);

/** Wipe the secret key. */
void sr_sign_key_clear(struct sr_sign_key *k);

/** Sign @n bytes at @msg: @sig_hex gets 128 hex digits.  False if signing
 * is not built in. */
bool sr_sign(const struct sr_sign_key *k, const void *msg, size_t n,
             char sig_hex[SR_SIGN_SIG_HEX + 1]);

/** True if @sig_hex is a valid signature of @msg by @pk_hex. */
bool sr_sign_verify(const char *pk_hex, const char *sig_hex, const void *msg,
                    size_t n);

/**
 * Read a keyring (lines "ed25519 HEX<TAB>NAME", '#' comments, blank lines)
 * into @kr (cleared first; release with sr_keyring_release()).  Errors:
 * SR_ERR_IO, SR_ERR_CONFIG with file:line.
 */
enum sr_status sr_keyring_load(const char *path, struct sr_keyring *kr,
                               struct sr_diag *d);

/** The key @pk_hex in @kr, or NULL. */
const struct sr_trusted_key *sr_keyring_find(const struct sr_keyring *kr,
                                             const char *pk_hex);

void sr_keyring_release(struct sr_keyring *kr);

#endif /* SR_GOVERN_SIGN_H */
