/* SPDX-License-Identifier: MIT */
/*
 * sign.c - Ed25519 key files, signing and checking (libsodium)
 *
 * The one file that calls libsodium.  Secret keys live in caller storage
 * (struct sr_sign_key) and are wiped with sodium_memzero().  Without
 * SR_HAVE_SODIUM the signing calls fail cleanly and keyrings can still be
 * read (so `verify` can say that an entry is signed but cannot be checked).
 */
#include "sign.h"
#include "../core/buf.h"
#include "../core/mem.h"
#include "record.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef SR_HAVE_SODIUM
#include <sodium.h>
#endif

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool is_hex(const char *s, size_t digits)
{
    size_t i;

    for (i = 0; i < digits; i++)
        if (hexval(s[i]) < 0)
            return false;
    return s[digits] == '\0';
}

#ifdef SR_HAVE_SODIUM
static void to_hex(const unsigned char *p, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;

    for (i = 0; i < n; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * n] = '\0';
}

/* exactly 2*n hex digits at @s into @out */
static bool from_hex(const char *s, unsigned char *out, size_t n)
{
    size_t i;

    if (strlen(s) != 2 * n)
        return false;
    for (i = 0; i < n; i++) {
        int hi = hexval(s[2 * i]);
        int lo = hexval(s[2 * i + 1]);

        if (hi < 0 || lo < 0)
            return false;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return true;
}

bool sr_sign_available(void)
{
    return sodium_init() >= 0;
}
#else
bool sr_sign_available(void)
{
    return false;
}
#endif

#ifdef SR_HAVE_SODIUM
/* write all of @b to a new file @path (mode @mode); fails if it exists */
static enum sr_status write_new(const char *path, const struct sr_buf *b,
                                mode_t mode, struct sr_diag *d)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    enum sr_status s = SR_OK;
    ssize_t w;

    if (fd < 0)
        return sr_diag_set(d, SR_ERR_WRITE, NULL, 0, "cannot create '%s': %s",
                           path, strerror(errno));
    w = write(fd, b->buf, b->len);
    if (w < 0 || (size_t)w != b->len || fsync(fd) != 0)
        s = sr_diag_set(d, SR_ERR_WRITE, NULL, 0, "cannot write '%s': %s", path,
                        w < 0 ? strerror(errno) : "short write");
    if (close(fd) != 0 && s == SR_OK)
        s = sr_diag_set(d, SR_ERR_WRITE, NULL, 0, "cannot write '%s': %s", path,
                        strerror(errno));
    if (s != SR_OK)
        unlink(path);
    return s;
}
#else
static enum sr_status not_built(const char *path, struct sr_diag *d)
{
    return sr_diag_set(d, SR_ERR_CONFIG, path, 0,
                       "signing is not built in (satreport was built "
                       "without libsodium)");
}
#endif

enum sr_status sr_sign_keygen(const char *path, const char *name,
                              struct sr_diag *d)
{
#ifdef SR_HAVE_SODIUM
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    char hex[2 * crypto_sign_SECRETKEYBYTES + 1];
    struct sr_buf b = SR_BUF_INIT;
    struct sr_buf pub = SR_BUF_INIT;
    enum sr_status s;

    if (sodium_init() < 0)
        return sr_diag_set(d, SR_ERR_LIBRARY, path, 0,
                           "cannot start libsodium");
    if (strchr(name, '\t') || strchr(name, '\n'))
        return sr_diag_set(d, SR_ERR_USAGE, NULL, 0,
                           "key name '%s' holds a tab or line break", name);
    sr_buf_addf(&pub, "%s.pub", path);
    if (sr_file_exists(pub.buf)) {
        s = sr_diag_set(d, SR_ERR_WRITE, NULL, 0,
                        "'%s' exists: not overwritten", pub.buf);
        goto out;
    }
    crypto_sign_keypair(pk, sk);
    to_hex(sk, sizeof(sk), hex);
    sr_buf_addf(&b,
                "# satreport Ed25519 secret key of %s - keep it private\n"
                "ed25519-secret %s\t%s\n",
                name, hex, name);
    sodium_memzero(sk, sizeof(sk));
    sodium_memzero(hex, sizeof(hex));
    s = write_new(path, &b, 0600, d);
    sodium_memzero(b.buf, b.len);
    if (s != SR_OK)
        goto out;
    to_hex(pk, sizeof(pk), hex);
    {
        struct sr_buf line = SR_BUF_INIT;

        sr_buf_addf(&line, "ed25519 %s\t%s\n", hex, name);
        s = write_new(pub.buf, &line, 0644, d);
        sr_buf_release(&line);
    }
    if (s != SR_OK)
        unlink(path);
out:
    sr_buf_release(&b);
    sr_buf_release(&pub);
    return s;
#else
    (void)name;
    return not_built(path, d);
#endif
}

enum sr_status sr_sign_key_load(const char *path, struct sr_sign_key *k,
                                struct sr_diag *d)
{
#ifdef SR_HAVE_SODIUM
    struct sr_buf b = SR_BUF_INIT;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    enum sr_status s;
    struct stat sb;
    char *line;
    bool found = false;

    memset(k, 0, sizeof(*k));
    if (sodium_init() < 0)
        return sr_diag_set(d, SR_ERR_LIBRARY, path, 0,
                           "cannot start libsodium");
    if (stat(path, &sb) != 0)
        return sr_diag_set(d, SR_ERR_IO, NULL, 0, "cannot read key '%s': %s",
                           path, strerror(errno));
    if (sb.st_mode & 077)
        return sr_diag_set(d, SR_ERR_CONFIG, NULL, 0,
                           "key '%s' may be read by others (chmod 600 it)",
                           path);
    s = sr_file_read(path, &b, d);
    if (s != SR_OK)
        return s;
    for (line = b.buf; *line && !found;) {
        char *nl = strchr(line, '\n');
        char *f[3];
        size_t n;

        if (nl)
            *nl = '\0';
        if (!strncmp(line, "ed25519-secret ", 15) &&
            sr_record_split(line + 15, f, 3, &n) && n >= 1 &&
            from_hex(f[0], k->sk, sizeof(k->sk))) {
            snprintf(k->name, sizeof(k->name), "%s", n >= 2 ? f[1] : "");
            found = true;
        }
        if (!nl)
            break;
        line = nl + 1;
    }
    sodium_memzero(b.buf, b.len);
    sr_buf_release(&b);
    if (!found)
        return sr_diag_set(d, SR_ERR_CONFIG, NULL, 0,
                           "'%s' is not a satreport secret key (make one "
                           "with 'satreport keygen')",
                           path);
    crypto_sign_ed25519_sk_to_pk(pk, k->sk);
    to_hex(pk, sizeof(pk), k->pk_hex);
    return SR_OK;
#else
    memset(k, 0, sizeof(*k));
    return not_built(path, d);
#endif
}

void sr_sign_key_clear(struct sr_sign_key *k)
{
#ifdef SR_HAVE_SODIUM
    sodium_memzero(k, sizeof(*k));
#else
    volatile unsigned char *p = (volatile unsigned char *)k;
    size_t i;

    for (i = 0; i < sizeof(*k); i++)
        p[i] = 0;
#endif
}

bool sr_sign(const struct sr_sign_key *k, const void *msg, size_t n,
             char sig_hex[SR_SIGN_SIG_HEX + 1])
{
#ifdef SR_HAVE_SODIUM
    unsigned char sig[crypto_sign_BYTES];

    sig_hex[0] = '\0';
    if (sodium_init() < 0 ||
        crypto_sign_detached(sig, NULL, msg, n, k->sk) != 0)
        return false;
    to_hex(sig, sizeof(sig), sig_hex);
    return true;
#else
    (void)k;
    (void)msg;
    (void)n;
    sig_hex[0] = '\0';
    return false;
#endif
}

bool sr_sign_verify(const char *pk_hex, const char *sig_hex, const void *msg,
                    size_t n)
{
#ifdef SR_HAVE_SODIUM
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sig[crypto_sign_BYTES];

    if (sodium_init() < 0 || !from_hex(pk_hex, pk, sizeof(pk)) ||
        !from_hex(sig_hex, sig, sizeof(sig)))
        return false;
    return crypto_sign_verify_detached(sig, msg, n, pk) == 0;
#else
    (void)pk_hex;
    (void)sig_hex;
    (void)msg;
    (void)n;
    return false;
#endif
}

void sr_keyring_release(struct sr_keyring *kr)
{
    size_t i;

    for (i = 0; i < kr->n; i++)
        free(kr->keys[i].name);
    free(kr->keys);
    kr->keys = NULL;
    kr->n = 0;
}

enum sr_status sr_keyring_load(const char *path, struct sr_keyring *kr,
                               struct sr_diag *d)
{
    struct sr_buf b = SR_BUF_INIT;
    enum sr_status s;
    char *line;
    long lineno = 0;

    kr->keys = NULL;
    kr->n = 0;
    s = sr_file_read(path, &b, d);
    for (line = b.buf; s == SR_OK && *line;) {
        char *nl = strchr(line, '\n');
        char *f[3];
        size_t n;

        lineno++;
        if (nl)
            *nl = '\0';
        if (*line && *line != '#') {
            if (strncmp(line, "ed25519 ", 8) ||
                !sr_record_split(line + 8, f, 3, &n) || n > 2 ||
                !is_hex(f[0], SR_SIGN_PK_HEX)) {
                s = sr_diag_set(d, SR_ERR_CONFIG, path, lineno,
                                "malformed public key line (want 'ed25519 "
                                "HEX<TAB>NAME')");
            } else {
                struct sr_trusted_key *t;

                kr->keys =
                    xreallocarray(kr->keys, kr->n + 1, sizeof(*kr->keys));
                t = &kr->keys[kr->n++];
                snprintf(t->pk_hex, sizeof(t->pk_hex), "%s", f[0]);
                t->name = xstrdup(n == 2 ? f[1] : "");
            }
        }
        if (!nl)
            break;
        line = nl + 1;
    }
    sr_buf_release(&b);
    if (s != SR_OK)
        sr_keyring_release(kr);
    return s;
}

const struct sr_trusted_key *sr_keyring_find(const struct sr_keyring *kr,
                                             const char *pk_hex)
{
    size_t i;

    for (i = 0; i < kr->n; i++)
        if (!strcasecmp(kr->keys[i].pk_hex, pk_hex))
            return &kr->keys[i];
    return NULL;
}
