/* SPDX-License-Identifier: MIT */
/*
 * buf.c - a growable byte string
 */
#include "buf.h"
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char sr_buf_empty[1];

void sr_buf_init(struct sr_buf *b)
{
    b->buf = sr_buf_empty;
    b->len = 0;
    b->alloc = 0;
}

void sr_buf_release(struct sr_buf *b)
{
    if (b->alloc)
        free(b->buf);
    sr_buf_init(b);
}

void sr_buf_reset(struct sr_buf *b)
{
    b->len = 0;
    if (b->alloc)
        b->buf[0] = '\0';
}

void sr_buf_grow(struct sr_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    size_t n;

    if (need <= b->alloc)
        return;
    n = b->alloc ? b->alloc : 64;
    while (n < need)
        n = n * 2;
    if (b->alloc) {
        b->buf = xrealloc(b->buf, n);
    } else {
        b->buf = xmalloc(n);
        b->buf[0] = '\0';
    }
    b->alloc = n;
}

void sr_buf_add(struct sr_buf *b, const void *data, size_t n)
{
    sr_buf_grow(b, n);
    memcpy(b->buf + b->len, data, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

void sr_buf_addstr(struct sr_buf *b, const char *s)
{
    sr_buf_add(b, s, strlen(s));
}

void sr_buf_addch(struct sr_buf *b, int c)
{
    sr_buf_grow(b, 1);
    b->buf[b->len++] = (char)c;
    b->buf[b->len] = '\0';
}

void sr_buf_vaddf(struct sr_buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    int n;

    va_copy(cp, ap);
    n = vsnprintf(b->buf + b->len, b->alloc ? b->alloc - b->len : 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        return;
    if (!b->alloc || (size_t)n >= b->alloc - b->len) {
        sr_buf_grow(b, (size_t)n);
        vsnprintf(b->buf + b->len, b->alloc - b->len, fmt, ap);
    }
    b->len += (size_t)n;
}

void sr_buf_addf(struct sr_buf *b, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    sr_buf_vaddf(b, fmt, ap);
    va_end(ap);
}

char *sr_buf_detach(struct sr_buf *b)
{
    char *s;

    if (!b->alloc)
        return xstrdup("");
    s = b->buf;
    sr_buf_init(b);
    return s;
}
