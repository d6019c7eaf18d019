/* SPDX-License-Identifier: MIT */
/*
 * hash.c - SHA-256 of files and bytes through OpenSSL's EVP interface
 *
 * The one place of src/govern that calls libcrypto.  Owns nothing between
 * calls.
 */
#include "hash.h"
#include "../core/mem.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 65536

static void to_hex(const unsigned char *md, unsigned n, char *hex)
{
    static const char digits[] = "0123456789abcdef";
    unsigned i;

    for (i = 0; i < n; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[2 * n] = '\0';
}

bool sr_sha256_mem(const void *data, size_t n, char hex[SR_SHA256_HEX + 1])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;

    hex[0] = '\0';
    if (!EVP_Digest(data, n, md, &len, EVP_sha256(), NULL) || len != 32)
        return false;
    to_hex(md, len, hex);
    return true;
}

enum sr_status sr_sha256_file(const char *path, char hex[SR_SHA256_HEX + 1],
                              struct sr_diag *d)
{
    unsigned char *buf;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_MD_CTX *ctx;
    FILE *fp;
    size_t n;
    enum sr_status s = SR_OK;

    hex[0] = '\0';
    fp = fopen(path, "rb");
    if (!fp)
        return sr_diag_set(d, SR_ERR_IO, NULL, 0, "cannot read '%s': %s", path,
                           strerror(errno));
    buf = xmalloc(CHUNK);
    ctx = EVP_MD_CTX_new();
    if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
        s = sr_diag_set(d, SR_ERR_LIBRARY, NULL, 0,
                        "cannot start a SHA-256 of '%s'", path);
        goto out_close;
    }
    while ((n = fread(buf, 1, CHUNK, fp)) > 0) {
        if (!EVP_DigestUpdate(ctx, buf, n)) {
            s = sr_diag_set(d, SR_ERR_LIBRARY, NULL, 0,
                            "cannot compute the SHA-256 of '%s'", path);
            goto out_close;
        }
    }
    if (ferror(fp)) {
        s = sr_diag_set(d, SR_ERR_IO, NULL, 0, "cannot read '%s': %s", path,
                        strerror(errno));
        goto out_close;
    }
    if (!EVP_DigestFinal_ex(ctx, md, &len) || len != 32) {
        s = sr_diag_set(d, SR_ERR_LIBRARY, NULL, 0,
                        "cannot compute the SHA-256 of '%s'", path);
        goto out_close;
    }
    to_hex(md, len, hex);
out_close:
    EVP_MD_CTX_free(ctx);
    free(buf);
    fclose(fp);
    return s;
}

bool sr_sha256_is_hex(const char *s)
{
    size_t i;

    for (i = 0; i < SR_SHA256_HEX; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return s[SR_SHA256_HEX] == '\0';
}

/* the hashes of sr_sha256_file_once(): a short list (a run's inputs) */
struct known {
    char *path;
    char hex[SR_SHA256_HEX + 1];
};

static struct known *known;
static size_t nknown;

const char *sr_sha256_known(const char *path)
{
    size_t i;

    for (i = 0; path && i < nknown; i++)
        if (!strcmp(known[i].path, path))
            return known[i].hex;
    return NULL;
}

enum sr_status sr_sha256_file_once(const char *path,
                                   char hex[SR_SHA256_HEX + 1],
                                   struct sr_diag *d)
{
    const char *k = sr_sha256_known(path);
    enum sr_status s;

    if (k) {
        memcpy(hex, k, SR_SHA256_HEX + 1);
        return SR_OK;
    }
    s = sr_sha256_file(path, hex, d);
    if (s != SR_OK)
        return s;
    known = xreallocarray(known, nknown + 1, sizeof(*known));
    known[nknown].path = xstrdup(path);
    memcpy(known[nknown].hex, hex, SR_SHA256_HEX + 1);
    nknown++;
    return SR_OK;
}

void sr_sha256_forget(void)
{
    size_t i;

    for (i = 0; i < nknown; i++)
        free(known[i].path);
    free(known);
    known = NULL;
    nknown = 0;
}
