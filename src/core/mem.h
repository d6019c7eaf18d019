/* SPDX-License-Identifier: MIT */
/*
 * mem.h - the one allocation seam: checked allocation and arenas
 *
 * x*alloc() check n*size for overflow and end the process on OOM with a
 * message and exit code 4.  That is safe: outputs are written aside and only
 * renamed into place on success, so a dying run leaves the old outputs.
 *
 * An arena (struct sr_arena) hands out memory that is freed all at once;
 * sr_arena_reset() keeps the first block, so a per-form arena stops growing.
 */
#ifndef SR_MEM_H
#define SR_MEM_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/** Grow an array: returns p resized to n*size, checking overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

struct sr_arena_block;

/** An arena.  Zero-initialise or call sr_arena_init(). */
struct sr_arena {
    struct sr_arena_block *head;
    size_t used; /* bytes used in head */
};

void sr_arena_init(struct sr_arena *a);
/** Aligned (to 16) memory from @a, valid until reset/release. */
void *sr_arena_alloc(struct sr_arena *a, size_t size);
char *sr_arena_strdup(struct sr_arena *a, const char *s);
char *sr_arena_strndup(struct sr_arena *a, const char *s, size_t n);
/** Free everything but the first block; everything handed out is invalid. */
void sr_arena_reset(struct sr_arena *a);
/** Free everything. */
void sr_arena_release(struct sr_arena *a);

#endif /* SR_MEM_H */
