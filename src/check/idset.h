/* SPDX-License-Identifier: MIT */
/*
 * idset.h - the set of form ids seen, exactly, with where each was first
 * seen (FORMATS.md §4.2: the first form with an id keeps it, so every id
 * must be remembered)
 *
 * Two tiers, one set (an id is in one of them, never both):
 *  - runs: numbered ids (a prefix, then a trailing run of 1..15 digits,
 *    e.g. F2026000001) that come in order, one after another in the same
 *    file, each at a later line than the one before (by at most 255), are
 *    kept as a run: first and last number, file, first line, then one
 *    byte a number for the lines between.  Ids numbered in order (our own
 *    format, most survey tools' response numbers) cost about a byte a
 *    form, whatever the length of the forms; a break in the order (a
 *    number skipped, another file) costs a run's 72 bytes.  Numbers going
 *    down (newest first) make no runs.
 *  - one by one: every other id, in about 20 bytes each (an encoded pool
 *    and an open-addressing table).
 * Both are exact: two ids are the same id exactly when their bytes are
 * ("F007" and "F07" are different ids), and the place reported for a
 * duplicate is where the id was first seen.
 *
 * Not thread-safe; a set belongs to one checker (check.h).
 */
#ifndef SR_IDSET_H
#define SR_IDSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sr_idfam;
struct sr_idrun;

/** Zero-initialised is empty. */
struct sr_idset {
    /* one by one: the pool and its table (idset.c) */
    unsigned char **chunks;
    size_t *fill; /* bytes used in each chunk */
    size_t nchunks;
    size_t used;     /* bytes used in the last chunk */
    uint32_t *slots; /* (chunk << CHUNK_BITS | offset) + 1, 0 = empty */
    size_t cap;      /* power of two, or 0 */
    size_t count;    /* ids one by one */
    size_t bytes;    /* of the pool */
    size_t next;     /* the slot sr_idset_prefetch() loaded */
    /* runs, sorted by (family, first number) */
    struct sr_idfam *fams;
    size_t nfams;
    struct sr_idrun *runs;
    size_t nruns;
    size_t runcap;
    size_t open;      /* index + 1 of the run the next id may extend, or 0 */
    uint32_t born;    /* runs made so far (a run's birth number) */
    uint64_t shifted; /* runs moved to make room for one before them */
    size_t lastfam;   /* the family found last */
    /* the id put one by one last, while it may begin a run with the next */
    bool cand;
    uint32_t cand_fam;
    uint32_t cand_file;
    uint32_t cand_line;
    uint64_t cand_v;
    size_t cand_len; /* its pool entry's length */
    size_t total;    /* ids in the set */
};

enum sr_idset_result { SR_IDSET_NEW, SR_IDSET_SEEN, SR_IDSET_FULL };

/**
 * Add @id (@n bytes), seen at @file (an index the caller keeps) line
 * @line.  SR_IDSET_SEEN, with where it was first seen in
 * @first_file and @first_line, if it was there already; SR_IDSET_FULL when
 * the one-by-one pool is full (about 380 million ids that are not in
 * order).
 */
enum sr_idset_result sr_idset_add(struct sr_idset *s, const char *id, size_t n,
                                  uint32_t file, uint32_t line,
                                  uint32_t *first_file, uint32_t *first_line);

/** Start loading what sr_idset_add() of @id will look at first (when the
 * table is larger than the caches), then, later, what that names. */
void sr_idset_prefetch(struct sr_idset *s, const char *id, size_t n);
void sr_idset_prefetch_entry(const struct sr_idset *s);

/** Number of ids in the set. */
size_t sr_idset_count(const struct sr_idset *s);

/** Bytes of memory the set holds (pool, table and runs). */
size_t sr_idset_bytes(const struct sr_idset *s);

/** Where the set stands: see sr_idset_rollback(). */
struct sr_idset_mark {
    size_t nchunks;
    size_t used;
    size_t count;
    size_t bytes;
    size_t total;
    uint32_t born;      /* runs made before it */
    uint32_t open_born; /* birth number + 1 of the run then open, or 0 */
    uint64_t open_hi;   /* and its last number then */
};

/** Remember where the set stands now. */
void sr_idset_mark(struct sr_idset *s, struct sr_idset_mark *m);

/** Forget every id added since @m (from sr_idset_mark() on @s). */
void sr_idset_rollback(struct sr_idset *s, const struct sr_idset_mark *m);

/**
 * Take every id of @from into @s, where @from saw it (file @fmap[f] for
 * @from's file f).  All or none: false, and @s as it was, when one of
 * them is already in @s.  @from is taken apart: only free it after.
 */
bool sr_idset_adopt(struct sr_idset *s, struct sr_idset *from,
                    const uint32_t *fmap);

typedef bool (*sr_idset_fn)(void *ctx, const char *id, size_t n, uint32_t file,
                            uint32_t line);

/** Call @fn for every id, in byte order, with where it was first seen;
 * stops (and returns false) when @fn returns false. */
bool sr_idset_foreach_sorted(const struct sr_idset *s, sr_idset_fn fn,
                             void *ctx);

void sr_idset_release(struct sr_idset *s);

#endif /* SR_IDSET_H */
