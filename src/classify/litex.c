/* SPDX-License-Identifier: MIT */
/*
 * litex.c - the literals a pattern needs (private to src/classify)
 *
 * Input: a pattern string.  Output: struct sr_litex (see litex.h).  A small
 * recursive-descent reader computes, for every fragment of the pattern,
 * either its exact language (a finite set of literal strings, when the
 * fragment is built only from literals, groups, alternation, small classes
 * and '?') or a conjunction of literal sets that every match must contain.
 * The reader owns nothing after sr_litex_analyse() returns but the result.
 *
 * Soundness rules: an exact language only passes through concatenation,
 * alternation, plain groups and '?'; every other construct (anchors,
 * lookarounds, '.', escapes like \d, possessive and atomic forms, repeats)
 * makes the fragment inexact, keeping only what a match must contain.
 * What the reader does not know makes the whole pattern SR_LITEX_ALWAYS.
 */
#include "litex.h"
#include "../core/mem.h"

#include <stdlib.h>
#include <string.h>

#define SET_CAP    2048 /* literals in one set */
#define LIT_CAP    192  /* bytes in one literal */
#define CLASS_CAP  16   /* members of a class taken as literals */
#define DEPTH_CAP  64   /* nested groups */
#define CLAUSE_CAP 8    /* clauses kept for one pattern */
#define CHECK_CAP  32   /* literals of a clause kept besides the first */

/* A finite set of non-empty strings, plus whether "" belongs to it.  A
 * hash index (open addressing, of v's positions + 1) keeps adds O(1). */
struct sset {
    char **v;
    size_t *len;
    size_t n;
    size_t alloc;
    uint32_t *hix;
    size_t hcap; /* power of two, or 0 */
    bool empty;
};

/* What a fragment is: its exact language, or clauses every match holds. */
struct frag {
    bool exact;
    struct sset lang; /* when exact */
    struct sset *cls; /* conjunction of sets (each without "") */
    size_t ncls;
    bool zero_width; /* an assertion: no quantifier makes sense of it */
};

struct reader {
    const unsigned char *p;
    bool bail; /* something we do not understand: give up */
    int depth;
    const unsigned char *base; /* the pattern */
    size_t *bars;              /* offsets of the top-level '|' */
    size_t nbars;
};

bool sr_litex_caseless_cp(uint32_t cp)
{
    if (cp < 0x80)
        return true;
    return cp == 0xb7 || cp == 0x2010 || (cp >= 0x2013 && cp <= 0x2016) ||
           (cp >= 0x2018 && cp <= 0x2023) || cp == 0x2027 ||
           (cp >= 0x3001 && cp <= 0x301f) || (cp >= 0x3041 && cp <= 0x3096) ||
           (cp >= 0x30a1 && cp <= 0x30fe) || (cp >= 0x3400 && cp <= 0x4dbf) ||
           (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7a3) ||
           (cp >= 0x20000 && cp <= 0x2ebef);
}

size_t sr_litex_decode(const unsigned char *s, uint32_t *cp)
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

/* ---- sets ------------------------------------------------------------- */

static void sset_release(struct sset *s)
{
    size_t i;

    for (i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    free(s->len);
    free(s->hix);
    memset(s, 0, sizeof(*s));
}

static size_t str_hash(const char *str, size_t n)
{
    size_t h = 2166136261u;
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)str[i]) * 16777619u;
    return h;
}

/* Rebuild the hash index of @s with room for twice its size. */
static void sset_rehash(struct sset *s)
{
    size_t i;

    free(s->hix);
    s->hcap = 16;
    while (s->hcap < 2 * (s->n + 1))
        s->hcap *= 2;
    s->hix = xcalloc(s->hcap, sizeof(*s->hix));
    for (i = 0; i < s->n; i++) {
        size_t h = str_hash(s->v[i], s->len[i]) & (s->hcap - 1);

        while (s->hix[h])
            h = (h + 1) & (s->hcap - 1);
        s->hix[h] = (uint32_t)(i + 1);
    }
}

/* Add @str[0..n) to @s (n == 0 adds ""); false when the set is full. */
static bool sset_add(struct sset *s, const char *str, size_t n)
{
    size_t h;

    if (n == 0) {
        s->empty = true;
        return true;
    }
    if (n > LIT_CAP)
        return false;
    if (2 * (s->n + 1) > s->hcap)
        sset_rehash(s);
    h = str_hash(str, n) & (s->hcap - 1);
    while (s->hix[h]) {
        size_t i = s->hix[h] - 1;

        if (s->len[i] == n && !memcmp(s->v[i], str, n))
            return true;
        h = (h + 1) & (s->hcap - 1);
    }
    if (s->n == SET_CAP)
        return false;
    if (s->n == s->alloc) {
        s->alloc = s->alloc ? s->alloc * 2 : 8;
        s->v = xreallocarray(s->v, s->alloc, sizeof(*s->v));
        s->len = xreallocarray(s->len, s->alloc, sizeof(*s->len));
    }
    s->v[s->n] = xstrndup(str, n);
    s->len[s->n] = n;
    s->hix[h] = (uint32_t)(++s->n);
    return true;
}

/* Copy @src into empty @dst. */
static void sset_copy(struct sset *dst, const struct sset *src)
{
    size_t i;

    memset(dst, 0, sizeof(*dst));
    dst->empty = src->empty;
    for (i = 0; i < src->n; i++)
        sset_add(dst, src->v[i], src->len[i]);
}

/* @a x @b into empty @out; false (out released) when it would overflow. */
static bool sset_product(struct sset *out, const struct sset *a,
                         const struct sset *b)
{
    size_t na = a->n + (a->empty ? 1 : 0);
    size_t nb = b->n + (b->empty ? 1 : 0);
    size_t i;
    size_t j;
    char tmp[2 * LIT_CAP + 1];

    memset(out, 0, sizeof(*out));
    if (na * nb > SET_CAP)
        return false;
    for (i = 0; i < na; i++) {
        const char *x = i < a->n ? a->v[i] : "";
        size_t lx = i < a->n ? a->len[i] : 0;

        for (j = 0; j < nb; j++) {
            const char *y = j < b->n ? b->v[j] : "";
            size_t ly = j < b->n ? b->len[j] : 0;

            memcpy(tmp, x, lx);
            memcpy(tmp + lx, y, ly);
            if (!sset_add(out, tmp, lx + ly)) {
                sset_release(out);
                return false;
            }
        }
    }
    return true;
}

/* Union @b into @a; false when it overflows (a is then unusable). */
static bool sset_union(struct sset *a, const struct sset *b)
{
    size_t i;

    if (b->empty)
        a->empty = true;
    for (i = 0; i < b->n; i++)
        if (!sset_add(a, b->v[i], b->len[i]))
            return false;
    return true;
}

/*
 * How likely a clause is to be found in a text, roughly: each literal of k
 * characters counts 40^-k (as if characters were drawn from 40 equally
 * likely ones).  Lower is more selective.
 */
static double clause_cost(const struct sset *s)
{
    double cost = 0;
    size_t i;

    for (i = 0; i < s->n; i++) {
        const unsigned char *u = (const unsigned char *)s->v[i];
        double p = 1;

        for (; *u; u++)
            if ((*u & 0xc0) != 0x80)
                p /= 40;
        cost += p;
    }
    return cost;
}

/* Is clause @a more selective than @b? */
static bool better_clause(const struct sset *a, const struct sset *b)
{
    return clause_cost(a) < clause_cost(b);
}

/* ---- fragments -------------------------------------------------------- */

static void frag_release(struct frag *f)
{
    size_t i;

    sset_release(&f->lang);
    for (i = 0; i < f->ncls; i++)
        sset_release(&f->cls[i]);
    free(f->cls);
    memset(f, 0, sizeof(*f));
}

/* An inexact fragment that requires nothing. */
static void frag_any(struct frag *f)
{
    memset(f, 0, sizeof(*f));
}

/* Take @s as a clause of @f (when it requires something); @s is consumed. */
static void frag_add_clause(struct frag *f, struct sset *s)
{
    if (s->empty || s->n == 0) {
        sset_release(s);
        return;
    }
    f->cls = xreallocarray(f->cls, f->ncls + 1, sizeof(*f->cls));
    f->cls[f->ncls++] = *s;
    memset(s, 0, sizeof(*s));
}

/* Make @f inexact, turning its exact language into a clause. */
static void frag_inexact(struct frag *f)
{
    if (!f->exact)
        return;
    f->exact = false;
    frag_add_clause(f, &f->lang);
}

/* The best clause of @f (borrowed), or NULL when it requires nothing. */
static const struct sset *frag_best(const struct frag *f)
{
    const struct sset *best = NULL;
    size_t i;

    if (f->exact)
        return f->lang.empty || !f->lang.n ? NULL : &f->lang;
    for (i = 0; i < f->ncls; i++)
        if (!best || better_clause(&f->cls[i], best))
            best = &f->cls[i];
    return best;
}

/* A fragment of exactly one literal string. */
static void frag_lit(struct frag *f, const char *s, size_t n)
{
    memset(f, 0, sizeof(*f));
    f->exact = true;
    sset_add(&f->lang, s, n);
}

/* Concatenate @n fragments (consumed) into @out. */
static void frag_concat(struct frag *out, struct frag *v, size_t n)
{
    struct sset run;
    bool all_exact = true;
    size_t i;
    size_t k;

    memset(out, 0, sizeof(*out));
    memset(&run, 0, sizeof(run));
    run.empty = true;
    for (i = 0; i < n; i++) {
        if (v[i].exact) {
            struct sset prod;

            if (sset_product(&prod, &run, &v[i].lang)) {
                sset_release(&run);
                run = prod;
            } else {
                all_exact = false;
                frag_add_clause(out, &run);
                sset_copy(&run, &v[i].lang);
            }
            continue;
        }
        all_exact = false;
        frag_add_clause(out, &run);
        memset(&run, 0, sizeof(run));
        run.empty = true;
        for (k = 0; k < v[i].ncls; k++)
            frag_add_clause(out, &v[i].cls[k]);
    }
    if (all_exact) {
        out->exact = true;
        out->lang = run;
    } else {
        frag_add_clause(out, &run);
    }
    for (i = 0; i < n; i++)
        frag_release(&v[i]);
}

/* Alternation of @n fragments (consumed) into @out. */
static void frag_alt(struct frag *out, struct frag *v, size_t n)
{
    bool all_exact = true;
    struct sset u;
    size_t i;

    memset(out, 0, sizeof(*out));
    memset(&u, 0, sizeof(u));
    for (i = 0; i < n; i++)
        if (!v[i].exact)
            all_exact = false;
    if (all_exact) {
        bool ok = true;

        for (i = 0; i < n && ok; i++)
            ok = sset_union(&u, &v[i].lang);
        if (ok) {
            out->exact = true;
            out->lang = u;
            goto out_release;
        }
        sset_release(&u); /* too many: fall through to one clause */
    }
    /* one clause: a literal of the best clause of some branch */
    for (i = 0; i < n; i++) {
        const struct sset *b = frag_best(&v[i]);

        if (!b || !sset_union(&u, b)) {
            sset_release(&u);
            goto out_release;
        }
    }
    frag_add_clause(out, &u);
out_release:
    for (i = 0; i < n; i++)
        frag_release(&v[i]);
}

/* ---- the reader ------------------------------------------------------- */

static void parse_alt(struct reader *r, struct frag *out);

/* Encode @cp as UTF-8 into @b; returns the length. */
static size_t put_utf8(char *b, uint32_t cp)
{
    if (cp < 0x80) {
        b[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        b[0] = (char)(0xc0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        b[0] = (char)(0xe0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        b[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    b[0] = (char)(0xf0 | (cp >> 18));
    b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    b[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* One literal character: exact when caseless-safe, else any character. */
static void frag_char(struct frag *f, uint32_t cp)
{
    char b[4];

    if (!sr_litex_caseless_cp(cp)) {
        frag_any(f);
        return;
    }
    if (cp >= 'A' && cp <= 'Z')
        cp += 'a' - 'A';
    frag_lit(f, b, put_utf8(b, cp));
}

static bool is_alnum(unsigned c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z');
}

/* After "[": a class.  Exact when it lists a few plain characters. */
static void parse_class(struct reader *r, struct frag *out)
{
    uint32_t members[CLASS_CAP];
    size_t nm = 0;
    bool simple = true;
    bool first = true;
    size_t i;

    frag_any(out);
    if (*r->p == '^') {
        simple = false;
        r->p++;
    }
    for (;;) {
        uint32_t cp;

        if (!*r->p) {
            r->bail = true;
            return;
        }
        if (*r->p == ']' && !first)
            break;
        first = false;
        if (r->p[0] == '[' &&
            (r->p[1] == ':' || r->p[1] == '.' || r->p[1] == '=')) {
            const char *end = strstr((const char *)r->p + 2, ":]");

            if (!end || r->p[1] != ':') {
                r->bail = true;
                return;
            }
            r->p = (const unsigned char *)end + 2;
            simple = false;
            continue;
        }
        if (*r->p == '\\') {
            r->p++;
            if (!*r->p || *r->p == 'Q' || *r->p == 'E') {
                r->bail = true;
                return;
            }
            if (is_alnum(*r->p))
                simple = false;
        }
        r->p += sr_litex_decode(r->p, &cp);
        if (!sr_litex_caseless_cp(cp))
            simple = false;
        if (simple) {
            if (nm == CLASS_CAP)
                simple = false;
            else
                members[nm++] = cp;
        }
        if (r->p[0] == '-' && r->p[1] && r->p[1] != ']') {
            simple = false; /* a range: skip its upper end */
            r->p++;
            if (*r->p == '\\') {
                r->p++;
                if (!*r->p || *r->p == 'Q' || *r->p == 'E') {
                    r->bail = true;
                    return;
                }
            }
            r->p += sr_litex_decode(r->p, &cp);
        }
    }
    r->p++; /* ']' */
    if (!simple || nm == 0)
        return;
    out->exact = true;
    for (i = 0; i < nm; i++) {
        char b[4];
        uint32_t cp = members[i];

        if (cp >= 'A' && cp <= 'Z')
            cp += 'a' - 'A';
        sset_add(&out->lang, b, put_utf8(b, cp));
    }
}

/* After "\": an escape outside a class. */
static void parse_escape(struct reader *r, struct frag *out)
{
    unsigned c = *r->p;
    uint32_t cp;
    char lit;

    frag_any(out);
    if (!c) {
        r->bail = true;
        return;
    }
    if (!is_alnum(c)) {
        r->p += sr_litex_decode(r->p, &cp);
        frag_char(out, cp);
        return;
    }
    r->p++;
    switch (c) {
    case 'd':
    case 'D':
    case 'w':
    case 'W':
    case 's':
    case 'S':
    case 'h':
    case 'H':
    case 'v':
    case 'V':
    case 'R':
    case 'X':
    case 'C':
        return; /* some character(s) */
    case 'N':
        if (*r->p == '{')
            r->bail = true;
        return;
    case 'b':
    case 'B':
    case 'A':
    case 'z':
    case 'Z':
    case 'G':
    case 'K':
        out->zero_width = true;
        return;
    case 't':
        lit = '\t';
        break;
    case 'n':
        lit = '\n';
        break;
    case 'r':
        lit = '\r';
        break;
    case 'f':
        lit = '\f';
        break;
    case 'e':
        lit = 0x1b;
        break;
    case 'a':
        lit = 0x07;
        break;
    default:
        r->bail = true; /* \p \x \o \g \k \Q digits...: not ours */
        return;
    }
    frag_lit(out, &lit, 1);
}

/* After "(": a group of some kind. */
static void parse_group(struct reader *r, struct frag *out)
{
    bool lookaround = false;
    bool atomic = false;

    frag_any(out);
    if (++r->depth > DEPTH_CAP) {
        r->bail = true;
        return;
    }
    if (*r->p == '*') {
        r->bail = true; /* (*VERB) */
        return;
    }
    if (*r->p == '?') {
        const unsigned char *q = r->p + 1;

        if (*q == ':') {
            r->p = q + 1;
        } else if (*q == '=' || *q == '!') {
            lookaround = true;
            r->p = q + 1;
        } else if (q[0] == '<' && (q[1] == '=' || q[1] == '!')) {
            lookaround = true;
            r->p = q + 2;
        } else if (*q == '>') {
            atomic = true;
            r->p = q + 1;
        } else if (*q == '<' || *q == '\'' || (q[0] == 'P' && q[1] == '<')) {
            unsigned char close = *q == '\'' ? '\'' : '>';

            q += *q == 'P' ? 2 : 1;
            while (*q && *q != close && (is_alnum(*q) || *q == '_'))
                q++;
            if (*q != close) {
                r->bail = true;
                return;
            }
            r->p = q + 1;
        } else {
            r->bail = true; /* options, comments, conditions, recursion */
            return;
        }
    }
    parse_alt(r, out);
    if (r->bail)
        return;
    if (*r->p != ')') {
        r->bail = true;
        return;
    }
    r->p++;
    r->depth--;
    if (lookaround) {
        frag_release(out);
        out->zero_width = true;
    } else if (atomic) {
        frag_inexact(out);
    }
}

/* Read "{m}", "{m,}" or "{m,n}" at r->p; false (nothing read) if not one. */
static bool read_braces(struct reader *r, long *min, long *max)
{
    const unsigned char *q = r->p + 1;
    long a = 0;
    long b;

    if (!(*q >= '0' && *q <= '9'))
        return false;
    while (*q >= '0' && *q <= '9') {
        a = a * 10 + (*q - '0');
        if (a > 65535)
            return false;
        q++;
    }
    b = a;
    if (*q == ',') {
        q++;
        if (*q == '}') {
            b = -1;
        } else {
            if (!(*q >= '0' && *q <= '9'))
                return false;
            b = 0;
            while (*q >= '0' && *q <= '9') {
                b = b * 10 + (*q - '0');
                if (b > 65535)
                    return false;
                q++;
            }
        }
    }
    if (*q != '}')
        return false;
    r->p = q + 1;
    *min = a;
    *max = b;
    return true;
}

/* Apply a quantifier at r->p (if any) to @f. */
static void parse_quant(struct reader *r, struct frag *f)
{
    long min;
    long max;

    if (*r->p == '?') {
        min = 0;
        max = 1;
        r->p++;
    } else if (*r->p == '*') {
        min = 0;
        max = -1;
        r->p++;
    } else if (*r->p == '+') {
        min = 1;
        max = -1;
        r->p++;
    } else if (*r->p == '{' && read_braces(r, &min, &max)) {
        /* read */
    } else {
        return;
    }
    if (*r->p == '+') {
        r->p++;
        frag_inexact(f); /* possessive: may match less */
    } else if (*r->p == '?') {
        r->p++; /* lazy: the same texts match */
    }
    if (*r->p == '?' || *r->p == '*' || *r->p == '+' ||
        (*r->p == '{' && r->p[1] >= '0' && r->p[1] <= '9')) {
        r->bail = true; /* a repeated repeat: not ours */
        return;
    }
    if (min == 1 && max == 1)
        return;
    if (min == 0) {
        if (max == 1 && f->exact) {
            f->lang.empty = true;
            return;
        }
        frag_release(f);
        return;
    }
    frag_inexact(f); /* at least once: what one needs, all need */
}

/* A sequence up to "|", ")" or the end. */
static void parse_seq(struct reader *r, struct frag *out)
{
    struct frag *v = NULL;
    size_t n = 0;
    size_t alloc = 0;

    while (*r->p && *r->p != '|' && *r->p != ')' && !r->bail) {
        struct frag f;
        unsigned c = *r->p;
        uint32_t cp;

        if (c == '*' || c == '+' || c == '?') {
            r->bail = true; /* a quantifier with nothing before it */
            break;
        }
        if (c == '{') {
            /* a quantifier with nothing before it, or a brace that this
             * PCRE2 may or may not read as one ({,n} since 10.43) */
            r->bail = true;
            break;
        }
        r->p++;
        if (c == '(') {
            parse_group(r, &f);
        } else if (c == '[') {
            parse_class(r, &f);
        } else if (c == '\\') {
            parse_escape(r, &f);
        } else if (c == '.') {
            frag_any(&f);
        } else if (c == '^' || c == '$') {
            frag_any(&f);
            f.zero_width = true;
        } else {
            r->p--;
            r->p += sr_litex_decode(r->p, &cp);
            frag_char(&f, cp);
        }
        if (r->bail) {
            frag_release(&f);
            break;
        }
        if (f.zero_width) {
            /* an assertion: inexact, and no quantifier of ours on it */
            if (*r->p == '?' || *r->p == '*' || *r->p == '+' || *r->p == '{') {
                r->bail = true;
                frag_release(&f);
                break;
            }
            f.exact = false;
        } else {
            parse_quant(r, &f);
        }
        if (n == alloc) {
            alloc = alloc ? alloc * 2 : 8;
            v = xreallocarray(v, alloc, sizeof(*v));
        }
        v[n++] = f;
    }
    if (r->bail) {
        size_t i;

        for (i = 0; i < n; i++)
            frag_release(&v[i]);
        free(v);
        frag_any(out);
        return;
    }
    frag_concat(out, v, n);
    free(v);
}

static void parse_alt(struct reader *r, struct frag *out)
{
    struct frag *v = NULL;
    size_t n = 0;
    size_t alloc = 0;

    for (;;) {
        if (n == alloc) {
            alloc = alloc ? alloc * 2 : 4;
            v = xreallocarray(v, alloc, sizeof(*v));
        }
        parse_seq(r, &v[n++]);
        if (r->bail || *r->p != '|')
            break;
        if (r->depth == 0) {
            r->bars = xreallocarray(r->bars, r->nbars + 1, sizeof(*r->bars));
            r->bars[r->nbars++] = (size_t)(r->p - r->base);
        }
        r->p++;
    }
    if (r->bail) {
        size_t i;

        for (i = 0; i < n; i++)
            frag_release(&v[i]);
        free(v);
        frag_any(out);
        return;
    }
    if (n == 1)
        *out = v[0];
    else
        frag_alt(out, v, n);
    free(v);
}

/* Move set @s into clause @c. */
static void to_clause(struct sr_litex_clause *c, struct sset *s)
{
    size_t i;

    c->lits = s->v;
    c->nlits = s->n;
    c->lens = xcalloc(s->n + 1, sizeof(*c->lens));
    for (i = 0; i < s->n; i++)
        c->lens[i] = s->len[i];
    free(s->len);
    free(s->hix);
    memset(s, 0, sizeof(*s));
}

size_t sr_litex_branches(const char *pattern, size_t **start, size_t **len)
{
    struct reader r;
    struct frag f;
    size_t n = 0;
    size_t i;
    size_t from = 0;

    memset(&r, 0, sizeof(r));
    r.p = r.base = (const unsigned char *)pattern;
    parse_alt(&r, &f);
    frag_release(&f);
    *start = xcalloc(r.nbars + 1, sizeof(**start));
    *len = xcalloc(r.nbars + 1, sizeof(**len));
    if (!r.bail && !*r.p && r.nbars) {
        for (i = 0; i <= r.nbars; i++) {
            size_t to = i < r.nbars ? r.bars[i] : strlen(pattern);

            (*start)[i] = from;
            (*len)[i] = to - from;
            from = to + 1;
        }
        n = r.nbars + 1;
    }
    free(r.bars);
    return n;
}

void sr_litex_analyse(const char *pattern, struct sr_litex *out)
{
    struct reader r;
    struct frag f;
    size_t i;

    memset(out, 0, sizeof(*out));
    memset(&r, 0, sizeof(r));
    r.p = r.base = (const unsigned char *)pattern;
    parse_alt(&r, &f);
    free(r.bars);
    if (r.bail || *r.p) {
        frag_release(&f);
        return; /* ALWAYS */
    }
    if (f.exact) {
        if (!f.lang.empty && f.lang.n) {
            out->kind = SR_LITEX_EXACT;
            out->clauses = xcalloc(1, sizeof(*out->clauses));
            out->nclauses = 1;
            to_clause(&out->clauses[0], &f.lang);
        }
        frag_release(&f);
        return;
    }
    if (f.ncls) {
        size_t keep = f.ncls < CLAUSE_CAP ? f.ncls : CLAUSE_CAP;

        /* keep the most selective clauses */
        for (i = 0; i < keep; i++) {
            size_t j;
            size_t best = i;

            for (j = i + 1; j < f.ncls; j++)
                if (better_clause(&f.cls[j], &f.cls[best]))
                    best = j;
            if (best != i) {
                struct sset t = f.cls[i];

                f.cls[i] = f.cls[best];
                f.cls[best] = t;
            }
        }
        /* a big clause besides the first costs more to check than the
         * PCRE2 run it would save */
        out->kind = SR_LITEX_NEED;
        out->clauses = xcalloc(keep, sizeof(*out->clauses));
        for (i = 0; i < keep; i++)
            if (i == 0 || f.cls[i].n <= CHECK_CAP)
                to_clause(&out->clauses[out->nclauses++], &f.cls[i]);
    }
    frag_release(&f);
}

void sr_litex_release(struct sr_litex *x)
{
    size_t i;
    size_t j;

    for (i = 0; i < x->nclauses; i++) {
        for (j = 0; j < x->clauses[i].nlits; j++)
            free(x->clauses[i].lits[j]);
        free(x->clauses[i].lits);
        free(x->clauses[i].lens);
    }
    free(x->clauses);
    memset(x, 0, sizeof(*x));
}
