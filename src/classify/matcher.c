/* SPDX-License-Identifier: MIT */
/*
 * matcher.c - a set of patterns over one kind of text (private)
 *
 * Input: patterns at load time, then one text at a time.  Output: which
 * patterns match.  Owns the compiled patterns (struct sr_regex), the
 * literal index and the per-scan state; nothing is allocated per scan.
 *
 * A pattern a|b|c is split at its top-level bars into branches ("subs"),
 * each analysed on its own (litex.h), so that one vague branch does not
 * make the whole pattern vague.  The index holds the literals of each
 * sub's first (most selective) clause, keyed by their first three code
 * points (or fewer, for shorter literals) in an open-addressing hash
 * table, with the literals of its other clauses; bitmaps of first code
 * points and of first pairs let most text positions skip the table.  A
 * literal found is stamped; a sub is a candidate when a literal of its
 * first clause is found (or when nothing is known of it).  A candidate
 * matches when it is exact, or when every other clause has a stamped
 * literal too and its PCRE2 pattern matches.  The whole pattern is compiled
 * too: it is what a brute-force run (the reference in tests) uses.
 */
#include "matcher.h"
#include "../core/mem.h"
#include "../core/regex.h"

#include <stdlib.h>
#include <string.h>

enum { ST_UNKNOWN = 0, ST_NO, ST_YES };

/* A top-level branch of a pattern (or the whole pattern). */
struct sub {
    struct sr_regex *re; /* NULL when exact: literals decide */
    struct sr_litex lx;
    uint32_t pat;
    uint32_t clause0; /* its clauses' ids: clause0 .. + lx.nclauses */
};

struct pat {
    struct sr_regex *re; /* the whole pattern */
    uint32_t sub0;       /* into subs */
    uint32_t nsubs;
};

/* A literal of the index; literals with the same key are consecutive. */
struct lit {
    uint32_t off;   /* its bytes: pool[off .. off + n) */
    uint32_t stamp; /* the scan that last found it */
    uint16_t n;
    uint16_t pre;  /* bytes of the code points its key holds */
    uint32_t ref0; /* into refs[]: the subs it is a first-clause literal of */
    uint32_t nref;
};

struct slot {
    uint64_t key;
    uint32_t first; /* into lits[] */
    uint32_t count; /* 0 = empty slot */
};

struct sr_matcher {
    struct pat *pats;
    size_t npats;
    struct sub *subs;
    size_t nsubs;
    bool built;
    bool brute;

    uint32_t *clause_off; /* clause id -> its literals in clause_lits */
    uint32_t *clause_lits;
    size_t nclauses;
    struct lit *lits; /* in key order */
    size_t nlits;
    char *pool;
    uint32_t *refs;
    uint32_t *sub_pat;  /* sub -> its pattern, packed for the scan */
    struct slot *table; /* keys of 1, 2 and 3 code points */
    size_t mask;        /* table size - 1 */
    /* by first code point (mod 64K): starts a one-code-point literal */
    uint64_t first1[65536 / 64];
    /* by a hash of the first two code points: starts a literal of two,
     * of three or more code points */
    uint64_t pair2[65536 / 64];
    uint64_t pair3[65536 / 64];
    uint32_t *always; /* subs with nothing known */
    size_t nalways;

    /* the current scan */
    const char *text;
    size_t textlen;
    uint32_t stamp;
    uint32_t *pat_stamp;
    uint32_t *sub_stamp;
    unsigned char *state;
    uint32_t *cand;
    size_t ncand;
    uint32_t *all; /* 0..npats-1, the candidates when brute */
};

struct sr_matcher *sr_matcher_new(void)
{
    return xcalloc(1, sizeof(struct sr_matcher));
}

/* Add sub @pattern[0..n) of pattern @pat; false if it does not compile
 * alone (then the caller keeps the pattern whole). */
static bool add_sub(struct sr_matcher *m, const char *pattern, size_t n,
                    uint32_t pat)
{
    char *text = xstrndup(pattern, n);
    struct sub *sb;
    struct sr_regex *re = NULL;
    struct sr_litex lx;

    sr_litex_analyse(text, &lx);
    if (lx.kind != SR_LITEX_EXACT &&
        sr_regex_compile_flags(&re, text, SR_REGEX_CASELESS, NULL, NULL) !=
            SR_OK) {
        sr_litex_release(&lx);
        free(text);
        return false;
    }
    free(text);
    m->subs = xreallocarray(m->subs, m->nsubs + 1, sizeof(*m->subs));
    sb = &m->subs[m->nsubs++];
    sb->re = re;
    sb->lx = lx;
    sb->pat = pat;
    return true;
}

enum sr_status sr_matcher_add(struct sr_matcher *m, const char *pattern,
                              size_t *erroff, uint32_t *id, struct sr_diag *d)
{
    struct sr_regex *re;
    struct pat *p;
    enum sr_status s;
    size_t *start;
    size_t *len;
    size_t nb;
    size_t i;
    uint32_t pid = (uint32_t)m->npats;

    s = sr_regex_compile_flags(&re, pattern, SR_REGEX_CASELESS, erroff, d);
    if (s != SR_OK)
        return s;
    m->pats = xreallocarray(m->pats, m->npats + 1, sizeof(*m->pats));
    p = &m->pats[m->npats++];
    p->re = re;
    p->sub0 = (uint32_t)m->nsubs;
    nb = sr_litex_branches(pattern, &start, &len);
    for (i = 0; i < nb; i++) {
        if (!add_sub(m, pattern + start[i], len[i], pid)) {
            while (m->nsubs > p->sub0) {
                m->nsubs--;
                sr_regex_free(m->subs[m->nsubs].re);
                sr_litex_release(&m->subs[m->nsubs].lx);
            }
            break;
        }
    }
    if (m->nsubs == p->sub0)
        add_sub(m, pattern, strlen(pattern), pid); /* compiled above */
    p->nsubs = (uint32_t)(m->nsubs - p->sub0);
    free(start);
    free(len);
    *id = pid;
    return SR_OK;
}

size_t sr_matcher_count(const struct sr_matcher *m)
{
    return m->npats;
}

enum sr_litex_kind sr_matcher_kind(const struct sr_matcher *m, uint32_t id)
{
    const struct pat *p = &m->pats[id];
    enum sr_litex_kind k = SR_LITEX_EXACT;
    uint32_t i;

    for (i = 0; i < p->nsubs; i++) {
        enum sr_litex_kind ks = m->subs[p->sub0 + i].lx.kind;

        if (ks == SR_LITEX_ALWAYS)
            return SR_LITEX_ALWAYS;
        if (ks == SR_LITEX_NEED)
            k = SR_LITEX_NEED;
    }
    return k;
}

/* The key of a text position or literal: its first @k code points (k of
 * 1..3; the others 0, which no text holds), 21 bits each. */
static uint64_t key3(uint32_t c1, uint32_t c2, uint32_t c3, unsigned k)
{
    (void)k;
    return (uint64_t)c1 << 42 | (uint64_t)c2 << 21 | c3;
}

static inline uint32_t pair_hash(uint32_t c1, uint32_t c2)
{
    return ((c1 * 0x9e3779b1u) ^ (c2 * 0x85ebca6bu)) >> 16;
}

static inline bool bit(const uint64_t *map, uint32_t b)
{
    return (map[b / 64] >> (b % 64)) & 1;
}

static void set_bit(uint64_t *map, uint32_t b)
{
    map[b / 64] |= (uint64_t)1 << (b % 64);
}

/* Key of literal @s (n bytes); *k gets how many code points it keys. */
static uint64_t key_of(const char *s, size_t n, unsigned *k, size_t *pre)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c[3] = { 0, 0, 0 };
    size_t off = 0;
    unsigned i;

    for (i = 0; i < 3 && off < n; i++)
        off += sr_litex_decode(u + off, &c[i]);
    *k = i;
    *pre = off;
    return key3(c[0], i > 1 ? c[1] : 0, i > 2 ? c[2] : 0, i);
}

static size_t hash_of(uint64_t key, size_t mask)
{
    return (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 32) & mask;
}

struct pair {
    const char *s;
    uint32_t clause;
};

static int cmp_pair(const void *a, const void *b)
{
    const struct pair *x = a;
    const struct pair *y = b;
    int c = strcmp(x->s, y->s);

    if (c)
        return c;
    return x->clause < y->clause ? -1 : x->clause > y->clause;
}

struct keyed {
    uint64_t key;
    uint32_t lit;
};

static int cmp_keyed(const void *a, const void *b)
{
    const struct keyed *x = a;
    const struct keyed *y = b;

    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->lit < y->lit ? -1 : x->lit > y->lit;
}

void sr_matcher_build(struct sr_matcher *m)
{
    struct pair *pairs = NULL;
    size_t npairs = 0;
    struct keyed *keyed;
    size_t nkeys = 0;
    size_t size;
    size_t i;
    size_t j;
    size_t k;
    size_t len1;
    uint32_t *csub;
    uint32_t *cursor;
    const char **strs;
    struct lit *lits;
    size_t nlits = 0;
    size_t pool_size = 0;
    uint32_t *newid;

    m->built = true;
    /* number the clauses; collect (literal, clause) pairs */
    for (i = 0; i < m->nsubs; i++) {
        struct sub *p = &m->subs[i];

        p->clause0 = (uint32_t)m->nclauses;
        m->nclauses += p->lx.nclauses;
        for (j = 0; j < p->lx.nclauses; j++)
            npairs += p->lx.clauses[j].nlits;
        if (p->lx.kind == SR_LITEX_ALWAYS)
            m->nalways++;
    }
    m->clause_off = xcalloc(m->nclauses + 1, sizeof(*m->clause_off));
    m->clause_lits = xcalloc(npairs + 1, sizeof(*m->clause_lits));
    m->always = xcalloc(m->nalways + 1, sizeof(*m->always));
    pairs = xcalloc(npairs + 1, sizeof(*pairs));
    npairs = 0;
    m->nalways = 0;
    csub = xcalloc(m->nclauses + 1, sizeof(*csub));
    cursor = xcalloc(m->nclauses + 1, sizeof(*cursor));
    for (i = 0; i < m->nsubs; i++) {
        struct sub *p = &m->subs[i];

        if (p->lx.kind == SR_LITEX_ALWAYS)
            m->always[m->nalways++] = (uint32_t)i;
        for (j = 0; j < p->lx.nclauses; j++) {
            uint32_t c = p->clause0 + (uint32_t)j;

            csub[c] = (uint32_t)i;
            m->clause_off[c + 1] =
                m->clause_off[c] + (uint32_t)p->lx.clauses[j].nlits;
            cursor[c] = m->clause_off[c];
            for (k = 0; k < p->lx.clauses[j].nlits; k++) {
                pairs[npairs].s = p->lx.clauses[j].lits[k];
                pairs[npairs].clause = c;
                npairs++;
            }
        }
    }
    qsort(pairs, npairs, sizeof(*pairs), cmp_pair);

    /* unique literals, each with the subs it is a first-clause literal
     * of; each clause gets its literals' ids */
    strs = xcalloc(npairs + 1, sizeof(*strs));
    lits = xcalloc(npairs + 1, sizeof(*lits));
    m->refs = xcalloc(npairs + 1, sizeof(*m->refs));
    for (i = 0; i < npairs; i++) {
        uint32_t c = pairs[i].clause;
        struct lit *l;

        if (i == 0 || strcmp(pairs[i].s, pairs[i - 1].s)) {
            strs[nlits] = pairs[i].s;
            l = &lits[nlits++];
            l->n = (uint16_t)strlen(pairs[i].s);
            l->ref0 = (uint32_t)i;
            pool_size += l->n;
        }
        l = &lits[nlits - 1];
        m->clause_lits[cursor[c]++] = (uint32_t)(nlits - 1);
        if (c == m->subs[csub[c]].clause0)
            m->refs[l->ref0 + l->nref++] = csub[c];
    }
    free(pairs);
    free(csub);
    free(cursor);

    /* order the literals by key; the hash table points at runs of them */
    keyed = xcalloc(nlits + 1, sizeof(*keyed));
    for (i = 0; i < nlits; i++) {
        const unsigned char *u = (const unsigned char *)strs[i];
        unsigned kk;
        size_t pre;
        uint32_t c1;
        uint32_t c2;

        keyed[i].key = key_of(strs[i], lits[i].n, &kk, &pre);
        keyed[i].lit = (uint32_t)i;
        lits[i].pre = (uint16_t)pre;
        len1 = sr_litex_decode(u, &c1);
        if (kk == 1) {
            set_bit(m->first1, c1 & 0xffff);
        } else {
            sr_litex_decode(u + len1, &c2);
            set_bit(kk == 2 ? m->pair2 : m->pair3, pair_hash(c1, c2));
        }
    }
    qsort(keyed, nlits, sizeof(*keyed), cmp_keyed);
    newid = xcalloc(nlits + 1, sizeof(*newid));
    m->lits = xcalloc(nlits + 1, sizeof(*m->lits));
    m->pool = xmalloc(pool_size + 1);
    m->nlits = nlits;
    pool_size = 0;
    for (i = 0; i < nlits; i++) {
        struct lit *l = &m->lits[i];

        *l = lits[keyed[i].lit];
        l->off = (uint32_t)pool_size;
        memcpy(m->pool + pool_size, strs[keyed[i].lit], l->n);
        pool_size += l->n;
        newid[keyed[i].lit] = (uint32_t)i;
        if (i == 0 || keyed[i].key != keyed[i - 1].key)
            nkeys++;
    }
    for (i = 0; i < m->clause_off[m->nclauses]; i++)
        m->clause_lits[i] = newid[m->clause_lits[i]];
    free(newid);
    free(lits);
    free(strs);
    size = 16;
    while (size < 2 * nkeys)
        size *= 2;
    m->mask = size - 1;
    m->table = xcalloc(size, sizeof(*m->table));
    for (i = 0; i < nlits; i = j) {
        size_t h = hash_of(keyed[i].key, m->mask);

        for (j = i; j < nlits && keyed[j].key == keyed[i].key; j++)
            ;
        while (m->table[h].count)
            h = (h + 1) & m->mask;
        m->table[h].key = keyed[i].key;
        m->table[h].first = (uint32_t)i;
        m->table[h].count = (uint32_t)(j - i);
    }
    free(keyed);

    m->sub_pat = xcalloc(m->nsubs + 1, sizeof(*m->sub_pat));
    for (i = 0; i < m->nsubs; i++)
        m->sub_pat[i] = m->subs[i].pat;
    m->pat_stamp = xcalloc(m->npats + 1, sizeof(*m->pat_stamp));
    m->sub_stamp = xcalloc(m->nsubs + 1, sizeof(*m->sub_stamp));
    m->state = xcalloc(m->npats + 1, sizeof(*m->state));
    m->cand = xcalloc(m->npats + 1, sizeof(*m->cand));
    m->all = xcalloc(m->npats + 1, sizeof(*m->all));
    for (i = 0; i < m->npats; i++)
        m->all[i] = (uint32_t)i;
}

static const struct slot *lookup(const struct sr_matcher *m, uint64_t key)
{
    size_t h = hash_of(key, m->mask);

    while (m->table[h].count) {
        if (m->table[h].key == key)
            return &m->table[h];
        h = (h + 1) & m->mask;
    }
    return NULL;
}

static void mark_pat(struct sr_matcher *m, uint32_t p)
{
    if (m->pat_stamp[p] == m->stamp)
        return;
    m->pat_stamp[p] = m->stamp;
    m->state[p] = ST_UNKNOWN;
    m->cand[m->ncand++] = p;
}

static void mark_sub(struct sr_matcher *m, uint32_t sb)
{
    m->sub_stamp[sb] = m->stamp;
    mark_pat(m, m->sub_pat[sb]);
}

static void hit(struct sr_matcher *m, struct lit *lit)
{
    uint32_t i;

    if (lit->stamp == m->stamp)
        return;
    lit->stamp = m->stamp;
    for (i = 0; i < lit->nref; i++)
        mark_sub(m, m->refs[lit->ref0 + i]);
}

/* Literals of the bucket at @sl that start at @s (n bytes left).  Keys
 * are exact, so the code points a key holds need no comparing. */
static inline void try_bucket(struct sr_matcher *m, const struct slot *sl,
                              const char *s, size_t n)
{
    uint32_t i;

    for (i = 0; i < sl->count; i++) {
        struct lit *lit = &m->lits[sl->first + i];
        const char *a = m->pool + lit->off;
        size_t k;

        if (lit->n > n)
            continue;
        for (k = lit->pre; k < lit->n && a[k] == s[k]; k++)
            ;
        if (k == lit->n)
            hit(m, lit);
    }
}

/* sr_litex_decode(), here where the scan can inline it. */
static inline __attribute__((always_inline)) size_t
decode(const unsigned char *s, uint32_t *cp)
{
    unsigned char c = s[0];

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xe0) {
        *cp = ((uint32_t)(c & 0x1f) << 6) | (s[1] & 0x3f);
        return 2;
    }
    if (c < 0xf0) {
        *cp = ((uint32_t)(c & 0x0f) << 12) | ((uint32_t)(s[1] & 0x3f) << 6) |
              (s[2] & 0x3f);
        return 3;
    }
    *cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3f) << 12) |
          ((uint32_t)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
    return 4;
}

void sr_matcher_scan(struct sr_matcher *m, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    m->text = s;
    m->textlen = n;
    m->ncand = 0;
    if (++m->stamp == 0) {
        /* wrapped: forget every old mark */
        memset(m->pat_stamp, 0, m->npats * sizeof(*m->pat_stamp));
        memset(m->sub_stamp, 0, m->nsubs * sizeof(*m->sub_stamp));
        for (i = 0; i < m->nlits; i++)
            m->lits[i].stamp = 0;
        m->stamp = 1;
    }
    if (m->brute)
        return;
    if (n) {
        uint32_t c1;
        size_t l1 = decode(u, &c1);

        /* at each position: c1 (l1 bytes), then c2 (l2 bytes) after it */
        while (i < n) {
            uint32_t c2 = 0;
            size_t l2 = 0;
            const struct slot *sl;

            if (i + l1 < n)
                l2 = decode(u + i + l1, &c2);
            if (bit(m->first1, c1 & 0xffff)) {
                sl = lookup(m, key3(c1, 0, 0, 1));
                if (sl)
                    try_bucket(m, sl, s + i, n - i);
            }
            if (i + l1 < n) {
                uint32_t h = pair_hash(c1, c2);

                if (bit(m->pair2, h)) {
                    sl = lookup(m, key3(c1, c2, 0, 2));
                    if (sl)
                        try_bucket(m, sl, s + i, n - i);
                }
                if (bit(m->pair3, h) && i + l1 + l2 < n) {
                    uint32_t c3;

                    decode(u + i + l1 + l2, &c3);
                    sl = lookup(m, key3(c1, c2, c3, 3));
                    if (sl)
                        try_bucket(m, sl, s + i, n - i);
                }
            }
            i += l1;
            c1 = c2;
            l1 = l2;
        }
    }
    for (i = 0; i < m->nalways; i++)
        mark_sub(m, m->always[i]);
}

size_t sr_matcher_candidates(const struct sr_matcher *m, const uint32_t **list)
{
    if (m->brute) {
        *list = m->all;
        return m->npats;
    }
    *list = m->cand;
    return m->ncand;
}

/* Does sub @sb (a candidate) match the scanned text?  1, 0 or -1. */
static int test_sub(struct sr_matcher *m, const struct sub *sb,
                    struct sr_diag *d)
{
    size_t i;

    if (sb->lx.kind == SR_LITEX_EXACT)
        return 1;
    for (i = 1; i < sb->lx.nclauses; i++) {
        uint32_t c = sb->clause0 + (uint32_t)i;
        uint32_t k;

        for (k = m->clause_off[c]; k < m->clause_off[c + 1]; k++)
            if (m->lits[m->clause_lits[k]].stamp == m->stamp)
                break;
        if (k == m->clause_off[c + 1])
            return 0;
    }
    return sr_regex_match(sb->re, m->text, m->textlen, d);
}

int sr_matcher_test(struct sr_matcher *m, uint32_t id, struct sr_diag *d)
{
    const struct pat *p = &m->pats[id];
    uint32_t i;
    int rc = 0;

    if (m->brute)
        return sr_regex_match(p->re, m->text, m->textlen, d);
    if (m->pat_stamp[id] != m->stamp)
        return 0;
    if (m->state[id] != ST_UNKNOWN)
        return m->state[id] == ST_YES;
    for (i = 0; i < p->nsubs && rc == 0; i++) {
        uint32_t sb = p->sub0 + i;

        if (m->sub_stamp[sb] == m->stamp)
            rc = test_sub(m, &m->subs[sb], d);
    }
    if (rc < 0)
        return rc;
    m->state[id] = rc ? ST_YES : ST_NO;
    return rc;
}

void sr_matcher_set_brute(struct sr_matcher *m, bool on)
{
    m->brute = on;
}

void sr_matcher_free(struct sr_matcher *m)
{
    size_t i;

    if (!m)
        return;
    for (i = 0; i < m->npats; i++)
        sr_regex_free(m->pats[i].re);
    for (i = 0; i < m->nsubs; i++) {
        sr_regex_free(m->subs[i].re);
        sr_litex_release(&m->subs[i].lx);
    }
    free(m->pats);
    free(m->subs);
    free(m->lits);
    free(m->pool);
    free(m->refs);
    free(m->sub_pat);
    free(m->table);
    free(m->always);
    free(m->pat_stamp);
    free(m->sub_stamp);
    free(m->clause_off);
    free(m->clause_lits);
    free(m->state);
    free(m->cand);
    free(m->all);
    free(m);
}
