/* SPDX-License-Identifier: MIT */
/*
 * buf.h - a growable byte string (after git's strbuf)
 *
 * Invariant: buf[len] == '\0' always, and buf is never NULL after
 * sr_buf_init() (it points at a shared empty string until the first growth).
 */
#ifndef SR_BUF_H
#define SR_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct sr_buf {
    char *buf;
    size_t len;
    size_t alloc;
};

#define SR_BUF_INIT        \
    {                      \
        sr_buf_empty, 0, 0 \
    }
extern char sr_buf_empty[];

void sr_buf_init(struct sr_buf *b);
/** Free the memory; @b is left initialised and empty. */
void sr_buf_release(struct sr_buf *b);
/** Empty @b, keeping its memory. */
void sr_buf_reset(struct sr_buf *b);
void sr_buf_grow(struct sr_buf *b, size_t extra);
void sr_buf_add(struct sr_buf *b, const void *data, size_t n);
void sr_buf_addstr(struct sr_buf *b, const char *s);
void sr_buf_addch(struct sr_buf *b, int c);
void sr_buf_addf(struct sr_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sr_buf_vaddf(struct sr_buf *b, const char *fmt, va_list ap);
/** Take the string; @b is left empty.  Caller frees with free(). */
char *sr_buf_detach(struct sr_buf *b);

#endif /* SR_BUF_H */
