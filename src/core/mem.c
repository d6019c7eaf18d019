/* SPDX-License-Identifier: MIT */
/*
 * mem.c - checked allocation and arenas
 */
#include "mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 65536

struct sr_arena_block {
    struct sr_arena_block *next;
    size_t size;
    _Alignas(16) unsigned char data[];
};

static void die_nomem(size_t size)
{
    fprintf(stderr, "satreport: fatal: out of memory allocating %zu bytes\n",
            size);
    exit(4);
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);

    if (!p)
        die_nomem(size);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p;

    if (size && n > SIZE_MAX / size)
        die_nomem(SIZE_MAX);
    p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        die_nomem(n * size);
    return p;
}

void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);

    if (!q)
        die_nomem(size);
    return q;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        die_nomem(SIZE_MAX);
    return xrealloc(p, n * size);
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);

    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void sr_arena_init(struct sr_arena *a)
{
    a->head = NULL;
    a->used = 0;
}

void *sr_arena_alloc(struct sr_arena *a, size_t size)
{
    struct sr_arena_block *b;
    size_t need = (size + 15) & ~(size_t)15;
    size_t bsize;

    if (need < size)
        die_nomem(size);
    if (a->head && a->used + need <= a->head->size) {
        void *p = a->head->data + a->used;

        a->used += need;
        return p;
    }
    bsize = need > ARENA_BLOCK ? need : ARENA_BLOCK;
    b = xmalloc(sizeof(*b) + bsize);
    b->size = bsize;
    if (a->head && need > ARENA_BLOCK / 4) {
        /* a big one-off: keep the current block current */
        b->next = a->head->next;
        a->head->next = b;
        return b->data;
    }
    b->next = a->head;
    a->head = b;
    a->used = need;
    return b->data;
}

char *sr_arena_strdup(struct sr_arena *a, const char *s)
{
    return sr_arena_strndup(a, s, strlen(s));
}

char *sr_arena_strndup(struct sr_arena *a, const char *s, size_t n)
{
    char *p = sr_arena_alloc(a, n + 1);

    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void sr_arena_reset(struct sr_arena *a)
{
    struct sr_arena_block *b;
    struct sr_arena_block *last = NULL;

    /* keep the oldest block (the end of the chain) if it is standard size */
    b = a->head;
    while (b) {
        struct sr_arena_block *next = b->next;

        if (!next && b->size == ARENA_BLOCK) {
            last = b;
            break;
        }
        free(b);
        b = next;
    }
    if (last)
        last->next = NULL;
    a->head = last;
    a->used = 0;
}

void sr_arena_release(struct sr_arena *a)
{
    struct sr_arena_block *b = a->head;

    while (b) {
        struct sr_arena_block *next = b->next;

        free(b);
        b = next;
    }
    a->head = NULL;
    a->used = 0;
}
