/* SPDX-License-Identifier: MIT */
/*
 * classify.c - the rule engine: derived fields, levels, comment categories
 *
 * Input: a template, a segments rules file ([field], [level]) and a
 * comments rules file ([category]), both described in docs/rules.md; then
 * one accepted record at a time.  Output: the record's derived values,
 * comment categories and complaint flag, and per-rule hit counts.
 *
 * Owns: the rules (strings in an arena), one matcher per tested field and
 * one for comments (compiled patterns and literal indexes, matcher.h),
 * and the scratch buffers of one record.  Nothing is allocated per record
 * once the buffers have grown to the longest text.
 */
#include "classify.h"
#include "classify_int.h"
#include "../core/buf.h"
#include "../core/log.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "litex.h"
#include "matcher.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNCLASSIFIED_DEFAULT "未分类"
#define NO_HIT               ((size_t)-1)

/* A test of one text: "field ~ pattern", or "unless field ~ pattern". */
struct term {
    size_t subject; /* index into subjects */
    uint32_t pat;   /* pattern id in the subject's matcher */
    bool negate;
};

/* "value = condition" of a [field] section. */
struct frule {
    const char *value;
    size_t term0; /* into terms */
    size_t nterms;
    size_t hit; /* into hits */
};

/* "lo..hi = value" of a [level] section. */
struct range {
    double lo;
    double hi;
    bool hi_incl;    /* lo is always included */
    bool open_lo;    /* written "..hi" */
    bool open_hi;    /* written "lo.." */
    const char *key; /* as written, for messages */
    const char *value;
    long line;
    size_t hit;
};

enum dkind { D_FIELD, D_LEVEL };

struct derived {
    enum dkind kind;
    long line; /* of the section header */
    /* [field] */
    size_t rule0; /* into frules */
    size_t nrules;
    const char *deflt;
    size_t def_hit;
    /* [level] */
    int item; /* item index, or -1 */
    int dim;  /* dimension index, or -1 */
    struct range *ranges;
    size_t nranges;
    const char *missing;
    size_t missing_hit;
    /* [level] by table (level_tables()): the range of the mean of n
     * answered scores summing to S is lut[(n - 1) * lut_span + S -
     * n * lut_min] - 1 (-1: none), for n in 1..lut_n; NULL: no table */
    uint8_t *lut;
    long lut_min;
    long lut_span;
    long lut_n;
};

/* A text that field rules test: a template field or a derived field. */
struct subject {
    int field;   /* template field index, or -1 */
    int derived; /* derived field index, or -1 */
    struct sr_matcher *m;
    struct sr_buf text;
    uint32_t stamp; /* record stamp of the last scan */
};

/* Where a comment is cut into clauses: separator offsets and lengths. */
struct cuts {
    size_t *pos;
    unsigned char *len;
    size_t n;
    size_t alloc;
};

/* What a pattern of the comments matcher belongs to. */
struct cpat {
    uint32_t cat;
    bool unless;
    size_t hit;
    uint32_t seen; /* comment stamp when last counted */
};

struct sr_classifier {
    const struct sr_template *t;
    struct sr_arena arena;

    struct sr_derived_field *fields; /* public view, parallel to der */
    struct derived *der;
    size_t nder;

    struct frule *frules;
    size_t nfrules;
    struct term *terms;
    size_t nterms;
    struct subject *subj;
    size_t nsubj;

    struct sr_category *cats;
    size_t ncats;
    uint64_t complaint_mask;
    int unclassified; /* category index, or -1 */
    size_t unclassified_hit;
    bool clause_scope;
    struct sr_matcher *cm; /* comments; NULL without comment rules */
    struct cpat *cpats;    /* by pattern id of cm */
    size_t ncpats;

    struct sr_rule_hits *hits;
    size_t nhits;

    const char **vals; /* per derived field, for the record */
    struct sr_buf norm;
    struct sr_buf text;
    struct cuts cuts; /* of text, when clause_scope */
    uint32_t rec_stamp;
    uint32_t comment_stamp;
};

/* ---- small helpers ---------------------------------------------------- */

#define GROW(arr, n) \
    ((arr) = xreallocarray((arr), (n) + 1, sizeof(*(arr))), &(arr)[(n)++])

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f' ||
           ch == '\v';
}

static char *trim(char *s)
{
    char *e;

    while (is_space(*s))
        s++;
    e = s + strlen(s);
    while (e > s && is_space(e[-1]))
        e--;
    *e = '\0';
    return s;
}

static bool is_id(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
            return false;
    return true;
}

/* Characters (code points) in s[0..n). */
static long chars_in(const char *s, size_t n)
{
    long k = 0;
    size_t i;

    for (i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            k++;
    return k;
}

static size_t add_hit(struct sr_classifier *c, const char *file, long line,
                      const char *what)
{
    struct sr_rule_hits *h = GROW(c->hits, c->nhits);

    h->file = file;
    h->line = line;
    h->what = sr_arena_strdup(&c->arena, what);
    h->hits = 0;
    return c->nhits - 1;
}

/* Length of the valid UTF-8 sequence at @u (@n bytes left) with its code
 * point in *cp, or 0 when it is not valid (overlong, surrogate, cut). */
static size_t utf8_next(const unsigned char *u, size_t n, uint32_t *cp)
{
    unsigned char c = u[0];
    size_t len;
    size_t i;
    uint32_t v;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
        v = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        v = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        v = c & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (i = 1; i < len; i++) {
        if ((u[i] & 0xc0) != 0x80)
            return 0;
        v = v << 6 | (u[i] & 0x3f);
    }
    if ((len == 3 && (v < 0x800 || (v >= 0xd800 && v <= 0xdfff))) ||
        (len == 4 && (v < 0x10000 || v > 0x10ffff)))
        return 0;
    *cp = v;
    return len;
}

static bool is_cut_ascii(char ch)
{
    return ch == ',' || ch == ';' || ch == '!' || ch == '?' || ch == '\n' ||
           ch == '\r';
}

static void add_cut(struct cuts *k, size_t pos, unsigned char len)
{
    if (k->n == k->alloc) {
        k->alloc = k->alloc ? k->alloc * 2 : 16;
        k->pos = xreallocarray(k->pos, k->alloc, sizeof(*k->pos));
        k->len = xreallocarray(k->len, k->alloc, sizeof(*k->len));
    }
    k->pos[k->n] = pos;
    k->len[k->n++] = len;
}

/* A blank inside a line: space or tab (line breaks cut clauses). */
static bool is_blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/*
 * Spaces in text for matching (in place, @b valid UTF-8): a run of blanks
 * next to a non-ASCII character (信号 差, 网速　很慢 after NFKC) or at
 * either end is taken out, any other run becomes one space (no   signal ->
 * no signal).  Chinese is written without spaces, so a space there is
 * noise a clerk typed, not a word boundary a pattern could mean.
 */
static void squeeze_blanks(struct sr_buf *b)
{
    unsigned char *u = (unsigned char *)b->buf;
    size_t r = 0;
    size_t w = 0;

    while (r < b->len) {
        size_t e;

        if (!is_blank(u[r])) {
            u[w++] = u[r++];
            continue;
        }
        for (e = r; e < b->len && is_blank(u[e]); e++)
            ;
        if (w > 0 && e < b->len && u[w - 1] < 0x80 && u[e] < 0x80)
            u[w++] = ' ';
        r = e;
    }
    b->len = w;
    b->buf[w] = '\0';
}

/* A character with a meaning of its own in a pattern (not NUL). */
static bool is_regex_op(char c)
{
    return c && strchr("?*+{}|()[]\\^$.", c) != NULL;
}

/* Whether squeeze_blanks() would change @s[i], a blank. */
static bool blank_squeezed(const unsigned char *u, size_t i, size_t n)
{
    return i == 0 || i + 1 == n || u[i - 1] >= 0x80 || u[i + 1] >= 0x80 ||
           is_blank(u[i + 1]) || u[i] == '\t';
}

/*
 * Copy @s[0..n) (valid UTF-8) into @out with ASCII letters in lower case;
 * record in @k (when not NULL) the clause separators: , ; ! ? line breaks
 * and 。 (NFKC keeps U+3002 and turns the full-width ，；！？ into ASCII).
 */
static void fold_copy(struct sr_buf *out, const char *s, size_t n,
                      struct cuts *k)
{
    size_t i;

    sr_buf_reset(out);
    sr_buf_grow(out, n);
    for (i = 0; i < n; i++) {
        char ch = s[i];

        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch + ('a' - 'A'));
        else if (k && is_cut_ascii(ch))
            add_cut(k, i, 1);
        else if (k && i + 3 <= n && !memcmp(s + i, "\xe3\x80\x82", 3))
            add_cut(k, i, 3);
        out->buf[i] = ch;
    }
    out->len = n;
    out->buf[n] = '\0';
}

/*
 * Normalise @s for matching: NFKC and trimmed (sr_text_normalize, in
 * @tmp), blanks squeezed (squeeze_blanks()), then ASCII letters in lower
 * case (in @out); clause separators go to @k (NULL: not wanted).  *ps, *pn get
 * the result: @s itself when that changes nothing - text made only of ASCII
 * without capitals and of characters NFKC leaves alone (CJK ideographs and
 * punctuation, kana, Hangul), which is what a normalised record holds - else
 * @out.  False if the text is not valid UTF-8.
 */
static bool prepare(struct sr_buf *out, struct sr_buf *tmp, const char *s,
                    struct cuts *k, const char **ps, size_t *pn)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    size_t i = 0;
    bool upper = false;

    if (k)
        k->n = 0;
    if (n && (is_space(s[0]) || is_space(s[n - 1])))
        goto out_slow;
    while (i < n) {
        unsigned c = u[i];
        uint32_t cp;
        size_t l;

        if (c < 0x80) {
            if (c - 'A' < 26u)
                upper = true;
            else if (is_blank((unsigned char)c) && blank_squeezed(u, i, n))
                goto out_slow;
            else if (k && is_cut_ascii((char)c))
                add_cut(k, i, 1);
            i++;
            continue;
        }
        /* U+4E00..U+9FFF, the common case, in one test */
        if (c - 0xe4u < 6u && i + 3 <= n &&
            (((u[i + 1] ^ 0x80u) | (u[i + 2] ^ 0x80u)) & 0xc0u) == 0 &&
            (c != 0xe4 || u[i + 1] >= 0xb8)) {
            i += 3;
            continue;
        }
        l = utf8_next(u + i, n - i, &cp);
        if (!l)
            return false;
        if (!sr_litex_caseless_cp(cp))
            goto out_slow;
        if (k && cp == 0x3002)
            add_cut(k, i, 3);
        i += l;
    }
    if (!upper) {
        *ps = s;
        *pn = n;
        return true;
    }
    fold_copy(out, s, n, NULL);
    *ps = out->buf;
    *pn = out->len;
    return true;
out_slow:
    if (k)
        k->n = 0;
    if (!sr_utf8_valid(s, n, NULL))
        return false;
    sr_text_normalize(tmp, s);
    if (!sr_utf8_valid(tmp->buf, tmp->len, NULL))
        return false;
    squeeze_blanks(tmp);
    fold_copy(out, tmp->buf, tmp->len, k);
    *ps = out->buf;
    *pn = out->len;
    return true;
}

/* ---- the parser ------------------------------------------------------- */

enum sect { S_NONE, S_RULES, S_FIELD, S_LEVEL, S_CATEGORY };

struct parser {
    struct sr_classifier *c;
    const char *path; /* arena copy */
    bool comments;    /* a comments rules file */
    struct sr_diag *d;
    long line;
    const char *linebuf; /* the current line, for columns */
    bool optional;       /* [rules] optional_fields = yes */
    bool any_section;    /* a section other than [rules] was seen */
    bool rules_seen;
    const char *unclassified;
    long unclassified_line;

    enum sect kind;
    long sect_line;
    const char *sect_name;
    size_t hits_mark;  /* hits before the section */
    size_t rules_mark; /* frules before the section */
    size_t nlines;     /* condition lines read in a [field], skipped too */
    size_t nskipped;   /* of which skipped (optional_fields) */
    long label_line;
    long segment_line;
    long default_line;
    long item_line;
    long dim_line;
    long missing_line;
    long complaint_line;
    long scope_line;
    long optional_line;
    const char *source; /* item or dimension id of a [level] */
    bool nomatch;       /* a [category] without match yet */
};

static enum sr_status perr(struct parser *P, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static enum sr_status perr(struct parser *P, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    sr_diag_setv(P->d, SR_ERR_CONFIG, P->path, P->line, fmt, ap);
    va_end(ap);
    return SR_ERR_CONFIG;
}

static void pwarn(struct parser *P, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void pwarn(struct parser *P, long line, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    sr_log_warn("%s:%ld: %s", P->path, line, msg);
}

static bool parse_bool(const char *v, bool *out)
{
    if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1") ||
        !strcmp(v, "是")) {
        *out = true;
        return true;
    }
    if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0") ||
        !strcmp(v, "否")) {
        *out = false;
        return true;
    }
    return false;
}

/* A key that may be given once per section; *seen holds its line. */
static enum sr_status once(struct parser *P, const char *key, long *seen)
{
    if (*seen)
        return perr(P, "duplicate key '%s' (first at line %ld)", key, *seen);
    *seen = P->line;
    return SR_OK;
}

static int find_field(const struct sr_template *t, const char *id)
{
    size_t i;

    for (i = 0; i < t->nfields; i++)
        if (!strcmp(t->fields[i].id, id))
            return (int)i;
    return -1;
}

static int find_derived(const struct sr_classifier *c, const char *id)
{
    size_t i;

    for (i = 0; i < c->nder; i++)
        if (!strcmp(c->fields[i].id, id))
            return (int)i;
    return -1;
}

static int find_category(const struct sr_classifier *c, const char *name)
{
    size_t i;

    for (i = 0; i < c->ncats; i++)
        if (!strcmp(c->cats[i].name, name))
            return (int)i;
    return -1;
}

/*
 * Check that @pattern is what normalised text can contain, and compile it
 * into @m.  @col0: the pattern's byte offset in the line, for the column.
 */
static enum sr_status add_pattern(struct parser *P, struct sr_matcher *m,
                                  const char *pattern, size_t col0,
                                  uint32_t *id)
{
    struct sr_buf nf = SR_BUF_INIT;
    enum sr_status s = SR_OK;
    size_t erroff = 0;

    sr_text_normalize(&nf, pattern);
    if (strcmp(nf.buf, pattern)) {
        s = perr(P,
                 "pattern '%s' has characters that normalised text never "
                 "holds (full-width or compatibility forms): write '%s'",
                 pattern, nf.buf);
        if (P->d)
            P->d->col = chars_in(P->linebuf, col0) + 1;
        goto out_release;
    }
    squeeze_blanks(&nf);
    if (strcmp(nf.buf, pattern)) {
        /* the squeezed pattern is a fair suggestion only when no blank
         * touches a regex operator (信号 ?差 is not 信号?差) */
        bool literal = true;
        size_t i;

        for (i = 0; pattern[i]; i++)
            if (is_blank((unsigned char)pattern[i]) &&
                ((i > 0 && is_regex_op(pattern[i - 1])) ||
                 is_regex_op(pattern[i + 1])))
                literal = false;
        if (literal)
            s = perr(P,
                     "pattern '%s' has blanks that text for matching never "
                     "holds (none next to a Chinese character, one between "
                     "words): write '%s'",
                     pattern, nf.buf);
        else
            s = perr(P,
                     "pattern '%s' has blanks that text for matching never "
                     "holds (none next to a Chinese character, one between "
                     "words): leave them out",
                     pattern);
        if (P->d)
            P->d->col = chars_in(P->linebuf, col0) + 1;
        goto out_release;
    }
    s = sr_matcher_add(m, pattern, &erroff, id, P->d);
    if (s != SR_OK) {
        char msg[sizeof(P->d->msg)];

        if (P->d) {
            snprintf(msg, sizeof(msg), "%s", P->d->msg);
            sr_diag_set(P->d, SR_ERR_CONFIG, P->path, P->line, "%s", msg);
            P->d->col = chars_in(P->linebuf, col0 + erroff) + 1;
        }
        s = SR_ERR_CONFIG;
    }
out_release:
    sr_buf_release(&nf);
    return s;
}

/* The subject for template field @field or derived field @derived. */
static size_t subject_of(struct sr_classifier *c, int field, int derived)
{
    struct subject *s;
    size_t i;

    for (i = 0; i < c->nsubj; i++)
        if (c->subj[i].field == field && c->subj[i].derived == derived)
            return i;
    s = GROW(c->subj, c->nsubj);
    memset(s, 0, sizeof(*s));
    s->field = field;
    s->derived = derived;
    s->m = sr_matcher_new();
    sr_buf_init(&s->text);
    return c->nsubj - 1;
}

/* Where the connector ("and" / "unless" before "field ~") after p starts. */
static const char *find_connector(const char *p, bool *unless, size_t *len)
{
    const char *q;

    for (q = p; *q; q++) {
        const char *r;
        size_t l;

        if (q > p && !is_space(q[-1]))
            continue;
        if (!strncmp(q, "and", 3) && is_space(q[3]))
            l = 3;
        else if (!strncmp(q, "unless", 6) && is_space(q[6]))
            l = 6;
        else
            continue;
        r = q + l;
        while (is_space(*r))
            r++;
        if (!*r || *r == '~')
            continue;
        while (*r && !is_space(*r) && *r != '~')
            r++;
        while (is_space(*r))
            r++;
        if (*r == '~') {
            *unless = l == 6;
            *len = l;
            return q;
        }
    }
    return NULL;
}

/*
 * "value = cond" in a [field] section: @v is the condition, @voff its byte
 * offset in the line.  Adds a frule, or skips it (optional_fields).
 */
static enum sr_status parse_rule(struct parser *P, const char *value,
                                 const char *v)
{
    struct sr_classifier *c = P->c;
    size_t term0 = c->nterms;
    const char *p = v;
    bool negate = false;
    struct frule *fr;
    char what[1024];

    P->nlines++;
    if (!strncmp(p, "unless", 6) && is_space(p[6])) {
        negate = true;
        p += 6;
    }
    for (;;) {
        const char *id0;
        char *id;
        const char *pat0;
        const char *next;
        bool next_unless = false;
        size_t clen = 0;
        char *pat;
        size_t plen;
        int f;
        int dv;
        uint32_t pid;
        struct term *tm;
        enum sr_status s;

        while (is_space(*p))
            p++;
        id0 = p;
        while (*p && !is_space(*p) && *p != '~')
            p++;
        if (p == id0)
            return perr(P, "expected 'field ~ pattern' in rule for '%s'",
                        value);
        id = sr_arena_strndup(&c->arena, id0, (size_t)(p - id0));
        while (is_space(*p))
            p++;
        if (*p != '~')
            return perr(P, "expected '~' after field '%s'", id);
        p++;
        while (is_space(*p))
            p++;
        pat0 = p;
        next = find_connector(p, &next_unless, &clen);
        plen = next ? (size_t)(next - pat0) : strlen(pat0);
        while (plen && is_space(pat0[plen - 1]))
            plen--;
        if (!plen)
            return perr(P, "empty pattern for field '%s'", id);
        pat = sr_arena_strndup(&c->arena, pat0, plen);

        f = find_field(c->t, id);
        dv = f < 0 ? find_derived(c, id) : -1;
        if (dv >= 0 && (size_t)dv == c->nder - 1)
            return perr(P, "derived field '%s' tests itself", id);
        if (f < 0 && dv < 0) {
            if (sr_template_slot(c->t, id) >= 0)
                return perr(P, "'%s' is not a field (rules test fields)", id);
            if (!P->optional)
                return perr(P, "unknown field '%s'", id);
            pwarn(P, P->line,
                  "rule for '%s' skipped: template '%s' has no field '%s'",
                  value, c->t->id ? c->t->id : "?", id);
            c->nterms = term0;
            P->nskipped++;
            return SR_OK;
        }
        {
            size_t si = subject_of(c, f, dv);

            s = add_pattern(P, c->subj[si].m, pat, (size_t)(pat0 - P->linebuf),
                            &pid);
            if (s != SR_OK)
                return s;
            tm = GROW(c->terms, c->nterms);
            tm->subject = si;
            tm->pat = pid;
            tm->negate = negate;
        }
        if (!next)
            break;
        negate = next_unless;
        p = next + clen;
    }
    fr = GROW(c->frules, c->nfrules);
    fr->value = value;
    fr->term0 = term0;
    fr->nterms = c->nterms - term0;
    snprintf(what, sizeof(what), "%s: %s = %s", P->sect_name, value, v);
    fr->hit = add_hit(c, P->path, P->line, what);
    c->der[c->nder - 1].nrules++;
    return SR_OK;
}

/* Parse a number that is the whole of s[0..n). */
static bool parse_num(const char *s, size_t n, double *out)
{
    char buf[64];
    char *end;

    if (n == 0 || n >= sizeof(buf))
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    errno = 0;
    *out = strtod(buf, &end);
    return !errno && *end == '\0' && end != buf && isfinite(*out);
}

/* "lo..hi = value", "lo.. =", "..hi =", "x =" in a [level] section. */
static enum sr_status parse_range(struct parser *P, const char *key,
                                  const char *value)
{
    struct sr_classifier *c = P->c;
    struct derived *dv = &c->der[c->nder - 1];
    const char *dots = strstr(key, "..");
    struct range r;
    char what[512];

    memset(&r, 0, sizeof(r));
    if (!dots) {
        if (!parse_num(key, strlen(key), &r.lo))
            return perr(P, "unknown key '%s' in [level %s]", key, P->sect_name);
        r.hi = r.lo;
        r.hi_incl = true;
    } else {
        const char *hi = dots + 2;

        r.open_lo = dots == key;
        r.open_hi = !*hi;
        if (r.open_lo && r.open_hi)
            return perr(P, "bad range '%s'", key);
        if (!r.open_lo && !parse_num(key, (size_t)(dots - key), &r.lo))
            return perr(P, "bad range '%s': '%.*s' is not a number", key,
                        (int)(dots - key), key);
        if (!r.open_hi && !parse_num(hi, strlen(hi), &r.hi))
            return perr(P, "bad range '%s': '%s' is not a number", key, hi);
        if (!r.open_lo && !r.open_hi && !(r.lo < r.hi))
            return perr(P, "empty range '%s' (the low end comes first)", key);
    }
    if (!*value)
        return perr(P, "range '%s' has no value", key);
    r.key = sr_arena_strdup(&c->arena, key);
    r.value = sr_arena_strdup(&c->arena, value);
    r.line = P->line;
    snprintf(what, sizeof(what), "%s: %s = %s", P->sect_name, key, value);
    r.hit = add_hit(c, P->path, P->line, what);
    *GROW(dv->ranges, dv->nranges) = r;
    return SR_OK;
}

static bool covers(const struct range *r, double x)
{
    return x >= r->lo && (x < r->hi || (x == r->hi && r->hi_incl));
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* Finish a [level]: resolve its source, check ranges.  *drop: skip it. */
static enum sr_status end_level(struct parser *P, bool *drop)
{
    struct sr_classifier *c = P->c;
    const struct sr_template *t = c->t;
    struct derived *dv = &c->der[c->nder - 1];
    const char *what;
    double min = 0;
    double max = 0;
    double *pts = NULL;
    size_t npts = 0;
    size_t i;
    size_t j;
    enum sr_status s = SR_OK;

    P->line = P->sect_line;
    if (!P->item_line && !P->dim_line)
        return perr(P, "level '%s' needs 'item' or 'dimension'", P->sect_name);
    if (P->item_line) {
        for (i = 0; i < t->nitems; i++)
            if (!strcmp(t->items[i].id, P->source))
                dv->item = (int)i;
        if (dv->item < 0 && !strcmp(P->source, "overall"))
            dv->item = t->overall_item;
        if (dv->item < 0 && !strcmp(P->source, "recommend"))
            dv->item = t->recommend_item;
        what = "item";
    } else {
        for (i = 0; i < t->ndims; i++)
            if (!strcmp(t->dims[i].id, P->source))
                dv->dim = (int)i;
        what = "dimension";
    }
    if (dv->item < 0 && dv->dim < 0) {
        P->line = P->item_line ? P->item_line : P->dim_line;
        if (!P->optional)
            return perr(P, "unknown %s '%s'", what, P->source);
        pwarn(P, P->line, "level '%s' skipped: template '%s' has no %s '%s'",
              P->sect_name, t->id ? t->id : "?", what, P->source);
        *drop = true;
        return SR_OK;
    }
    if (dv->item >= 0) {
        const struct sr_scale *sc = &t->scales[t->items[dv->item].scale];

        min = sc->min;
        max = sc->max;
    } else {
        const struct sr_dimension *dm = &t->dims[dv->dim];

        for (i = 0; i < dm->nitems; i++) {
            const struct sr_scale *sc =
                &t->scales[t->items[dm->items[i]].scale];

            if (i == 0 || sc->min < min)
                min = sc->min;
            if (i == 0 || sc->max > max)
                max = sc->max;
        }
    }
    if (!dv->nranges) {
        const struct sr_scale *sc;

        if (dv->dim >= 0)
            return perr(P, "level '%s' has no range", P->sect_name);
        sc = &t->scales[t->items[dv->item].scale];
        for (i = 0; i < sc->npoints; i++)
            if (!sc->points[i].label)
                break;
        if (i < sc->npoints || sc->npoints != (size_t)(sc->max - sc->min + 1)) {
            if (!P->optional)
                return perr(P,
                            "level '%s' has no range and scale '%s' does "
                            "not label every point",
                            P->sect_name, sc->id);
            pwarn(P, P->line,
                  "level '%s' skipped: no range, and scale '%s' does not "
                  "label every point",
                  P->sect_name, sc->id);
            *drop = true;
            return SR_OK;
        }
        for (i = 0; i < sc->npoints; i++) {
            struct range *r = GROW(dv->ranges, dv->nranges);
            char key[32];
            char w[512];

            memset(r, 0, sizeof(*r));
            r->lo = r->hi = sc->points[i].value;
            r->hi_incl = true;
            snprintf(key, sizeof(key), "%d", sc->points[i].value);
            r->key = sr_arena_strdup(&c->arena, key);
            r->value = sr_arena_strdup(&c->arena, sc->points[i].label);
            r->line = P->item_line;
            snprintf(w, sizeof(w), "%s: %s = %s (scale '%s')", P->sect_name,
                     key, r->value, sc->id);
            r->hit = add_hit(c, P->path, P->item_line, w);
        }
        return SR_OK;
    }
    /* open ends stop at the scale; a range covers its top unless another
     * range starts there */
    for (i = 0; i < dv->nranges; i++) {
        struct range *r = &dv->ranges[i];

        if (r->open_lo)
            r->lo = min;
        if (r->open_hi)
            r->hi = max;
        P->line = r->line;
        if (r->lo < min || r->hi > max || r->lo > r->hi) {
            if (!P->optional)
                return perr(P, "range '%s' is outside %s '%s' (scale %g..%g)",
                            r->key, what, P->source, min, max);
            pwarn(P, r->line,
                  "level '%s' skipped: range '%s' is outside %s '%s' "
                  "(scale %g..%g)",
                  P->sect_name, r->key, what, P->source, min, max);
            *drop = true;
            return SR_OK;
        }
        if (r->lo < r->hi) {
            r->hi_incl = true;
            for (j = 0; j < dv->nranges; j++) {
                double lo = dv->ranges[j].open_lo ? min : dv->ranges[j].lo;

                if (j != i && lo == r->hi)
                    r->hi_incl = false;
            }
        }
    }
    /* overlaps: two intervals meet at an end point or around a midpoint */
    for (i = 0; i < dv->nranges; i++) {
        for (j = i + 1; j < dv->nranges; j++) {
            const struct range *a = &dv->ranges[i];
            const struct range *b = &dv->ranges[j];
            double p[7] = { a->lo, a->hi, b->lo, b->hi };
            size_t k;

            qsort(p, 4, sizeof(p[0]), cmp_double);
            p[4] = (p[0] + p[1]) / 2;
            p[5] = (p[1] + p[2]) / 2;
            p[6] = (p[2] + p[3]) / 2;
            for (k = 0; k < 7; k++) {
                if (covers(a, p[k]) && covers(b, p[k])) {
                    P->line = b->line;
                    return perr(P, "range '%s' overlaps range '%s' (line %ld)",
                                b->key, a->key, a->line);
                }
            }
        }
    }
    /* coverage: every score the source can take gets a value */
    if (dv->item >= 0) {
        for (i = (size_t)0; min + (double)i <= max; i++) {
            double x = min + (double)i;

            for (j = 0; j < dv->nranges && !covers(&dv->ranges[j], x); j++)
                ;
            if (j == dv->nranges) {
                P->line = P->sect_line;
                if (!P->optional)
                    return perr(P,
                                "level '%s' gives no value to score %g of "
                                "item '%s'",
                                P->sect_name, x, P->source);
                pwarn(P, P->sect_line,
                      "level '%s' skipped: no value for score %g of item "
                      "'%s' (scale %g..%g)",
                      P->sect_name, x, P->source, min, max);
                *drop = true;
                return SR_OK;
            }
        }
        return SR_OK;
    }
    pts = xcalloc(4 * dv->nranges + 4, sizeof(*pts));
    pts[npts++] = min;
    pts[npts++] = max;
    for (i = 0; i < dv->nranges; i++) {
        pts[npts++] = dv->ranges[i].lo;
        pts[npts++] = dv->ranges[i].hi;
    }
    qsort(pts, npts, sizeof(*pts), cmp_double);
    for (i = 0; i < npts && s == SR_OK; i++) {
        double x[2] = { pts[i],
                        i + 1 < npts ? (pts[i] + pts[i + 1]) / 2 : pts[i] };
        size_t k;

        for (k = 0; k < 2; k++) {
            if (x[k] < min || x[k] > max)
                continue;
            for (j = 0; j < dv->nranges && !covers(&dv->ranges[j], x[k]); j++)
                ;
            if (j < dv->nranges)
                continue;
            P->line = P->sect_line;
            if (!P->optional) {
                s = perr(P,
                         "level '%s' gives no value to score %g of "
                         "dimension '%s'",
                         P->sect_name, x[k], P->source);
                break;
            }
            pwarn(P, P->sect_line,
                  "level '%s' skipped: no value for score %g of dimension "
                  "'%s' (scale %g..%g)",
                  P->sect_name, x[k], P->source, min, max);
            *drop = true;
            break;
        }
        if (*drop)
            break;
    }
    free(pts);
    return s;
}

/* Close the current section: check it; drop it when optional says so. */
static enum sr_status end_section(struct parser *P)
{
    struct sr_classifier *c = P->c;
    long line = P->line;
    bool drop = false;
    enum sr_status s = SR_OK;

    switch (P->kind) {
    case S_FIELD:
        if (c->der[c->nder - 1].nrules == 0) {
            P->line = P->sect_line;
            if (P->nskipped && P->optional) {
                pwarn(P, P->sect_line,
                      "derived field '%s' skipped: every rule names a field "
                      "the template lacks",
                      P->sect_name);
                drop = true;
            } else {
                s = perr(P, "derived field '%s' has no rule", P->sect_name);
            }
        }
        break;
    case S_LEVEL:
        s = end_level(P, &drop);
        break;
    case S_CATEGORY:
        if (P->nomatch) {
            P->line = P->sect_line;
            s = perr(P, "category '%s' has no 'match'", P->sect_name);
        }
        break;
    default:
        break;
    }
    if (s == SR_OK && drop) {
        c->nder--;
        free(c->der[c->nder].ranges);
        c->nfrules = P->rules_mark;
        c->nhits = P->hits_mark;
    }
    P->line = line;
    P->kind = S_NONE;
    return s;
}

static enum sr_status begin_section(struct parser *P, char *inner)
{
    struct sr_classifier *c = P->c;
    char *name = inner;
    char whole[256];
    enum sr_status s;

    snprintf(whole, sizeof(whole), "%s", inner);
    s = end_section(P);
    if (s != SR_OK)
        return s;
    while (*name && !is_space(*name))
        name++;
    if (*name) {
        *name++ = '\0';
        name = trim(name);
    }
    P->sect_line = P->line;
    P->hits_mark = c->nhits;
    P->rules_mark = c->nfrules;
    P->nlines = P->nskipped = 0;
    P->label_line = P->segment_line = P->default_line = 0;
    P->item_line = P->dim_line = P->missing_line = P->complaint_line = 0;
    P->source = NULL;
    P->nomatch = false;

    if (!strcmp(inner, "rules")) {
        if (*name)
            return perr(P, "[rules] takes no name");
        if (P->rules_seen)
            return perr(P, "duplicate section '[rules]'");
        if (P->any_section)
            return perr(P, "[rules] must come before every other section");
        P->rules_seen = true;
        P->kind = S_RULES;
        return SR_OK;
    }
    P->any_section = true;
    if (!strcmp(inner, "field") || !strcmp(inner, "level")) {
        struct derived *dv;
        struct sr_derived_field *pub;
        int slot;
        int prev;

        if (P->comments)
            return perr(P,
                        "section '[%s]' belongs in a segments rules file, "
                        "not a comments one",
                        inner);
        if (!*name)
            return perr(P, "[%s] needs an id, e.g. '[%s customer_class]'",
                        inner, inner);
        if (!is_id(name))
            return perr(P,
                        "bad derived field id '%s' (use letters, digits, "
                        "'_' and '-')",
                        name);
        prev = find_derived(c, name);
        if (prev >= 0)
            return perr(P,
                        "derived field '%s' defined twice (first at line "
                        "%ld)",
                        name, c->der[prev].line);
        slot = sr_template_slot(c->t, name);
        if (slot >= 0) {
            static const char *const kinds[] = {
                [SR_SLOT_FIELD] = "field",
                [SR_SLOT_ITEM] = "item",
                [SR_SLOT_CHOICE] = "choice",
                [SR_SLOT_COMMENT] = "comment",
            };
            const char *k = kinds[c->t->slots[slot].kind];

            if (!P->optional)
                return perr(P, "derived field '%s' is a template %s", name, k);
            pwarn(P, P->line, "derived field '%s' skipped: it is a template %s",
                  name, k);
            P->kind = S_NONE; /* ignore the keys up to the next section */
            P->sect_name = NULL;
            return SR_OK;
        }
        c->fields = xreallocarray(c->fields, c->nder + 1, sizeof(*c->fields));
        pub = &c->fields[c->nder];
        dv = GROW(c->der, c->nder);
        memset(dv, 0, sizeof(*dv));
        pub->id = sr_arena_strdup(&c->arena, name);
        pub->label = pub->id;
        dv->line = P->line;
        dv->item = dv->dim = -1;
        dv->def_hit = dv->missing_hit = NO_HIT;
        dv->rule0 = c->nfrules;
        pub->segment = true;
        if (inner[0] == 'f') {
            dv->kind = D_FIELD;
            P->kind = S_FIELD;
        } else {
            dv->kind = D_LEVEL;
            P->kind = S_LEVEL;
        }
        P->sect_name = pub->id;
        return SR_OK;
    }
    if (!strcmp(inner, "category")) {
        struct sr_category *cat;
        int prev;

        if (!P->comments)
            return perr(P, "section '[category]' belongs in a comments rules "
                           "file, not a segments one");
        if (!*name)
            return perr(P, "[category] needs a name, e.g. '[category 价格]'");
        prev = find_category(c, name);
        if (prev >= 0)
            return perr(P, "category '%s' defined twice", name);
        if (!strcmp(name, P->unclassified))
            return perr(P,
                        "category '%s' has the name of unclassified "
                        "comments (set [rules] unclassified to another "
                        "name)",
                        name);
        if (c->ncats >= SR_MAX_CATEGORIES - 1)
            return perr(P, "too many categories (at most %d)",
                        SR_MAX_CATEGORIES - 1);
        cat = GROW(c->cats, c->ncats);
        cat->name = sr_arena_strdup(&c->arena, name);
        cat->complaint = false;
        cat->kind = NULL;
        P->kind = S_CATEGORY;
        P->sect_name = cat->name;
        P->nomatch = true;
        return SR_OK;
    }
    return perr(P,
                "unknown section '[%s]' (want rules, field, level or "
                "category)",
                whole);
}

static enum sr_status key_rules(struct parser *P, const char *k, const char *v)
{
    if (!strcmp(k, "optional_fields")) {
        if (once(P, k, &P->optional_line) != SR_OK)
            return SR_ERR_CONFIG;
        if (!parse_bool(v, &P->optional))
            return perr(P,
                        "bad value '%s' for 'optional_fields' (want yes "
                        "or no)",
                        v);
        return SR_OK;
    }
    if (P->comments && !strcmp(k, "scope")) {
        if (once(P, k, &P->scope_line) != SR_OK)
            return SR_ERR_CONFIG;
        if (!strcmp(v, "clause"))
            P->c->clause_scope = true;
        else if (!strcmp(v, "comment"))
            P->c->clause_scope = false;
        else
            return perr(P,
                        "bad value '%s' for 'scope' (want clause or "
                        "comment)",
                        v);
        return SR_OK;
    }
    if (P->comments && !strcmp(k, "unclassified")) {
        if (once(P, k, &P->unclassified_line) != SR_OK)
            return SR_ERR_CONFIG;
        if (!*v)
            return perr(P, "empty value for 'unclassified'");
        P->unclassified = sr_arena_strdup(&P->c->arena, v);
        return SR_OK;
    }
    return perr(P, "unknown key '%s' in [rules]", k);
}

static enum sr_status key_field(struct parser *P, const char *k, const char *v,
                                bool quoted)
{
    struct sr_classifier *c = P->c;
    struct derived *dv = &c->der[c->nder - 1];
    struct sr_derived_field *pub = &c->fields[c->nder - 1];

    if (!quoted && !strcmp(k, "label")) {
        if (once(P, k, &P->label_line) != SR_OK)
            return SR_ERR_CONFIG;
        if (!*v)
            return perr(P, "empty label");
        pub->label = sr_arena_strdup(&c->arena, v);
        return SR_OK;
    }
    if (!quoted && !strcmp(k, "segment")) {
        if (once(P, k, &P->segment_line) != SR_OK)
            return SR_ERR_CONFIG;
        if (!parse_bool(v, &pub->segment))
            return perr(P, "bad value '%s' for 'segment' (want yes or no)", v);
        return SR_OK;
    }
    if (P->kind == S_LEVEL && !quoted) {
        if (!strcmp(k, "item") || !strcmp(k, "dimension")) {
            long *seen = k[0] == 'i' ? &P->item_line : &P->dim_line;

            if (once(P, k, seen) != SR_OK)
                return SR_ERR_CONFIG;
            if (P->item_line && P->dim_line)
                return perr(P, "a level takes 'item' or 'dimension', not "
                               "both");
            if (!*v)
                return perr(P, "empty value for '%s'", k);
            P->source = sr_arena_strdup(&c->arena, v);
            return SR_OK;
        }
        if (!strcmp(k, "missing")) {
            char what[512];

            if (once(P, k, &P->missing_line) != SR_OK)
                return SR_ERR_CONFIG;
            if (!*v)
                return perr(P, "empty value for 'missing'");
            dv->missing = sr_arena_strdup(&c->arena, v);
            snprintf(what, sizeof(what), "%s: missing = %s", P->sect_name, v);
            dv->missing_hit = add_hit(c, P->path, P->line, what);
            return SR_OK;
        }
        return parse_range(P, k, v);
    }
    if (P->kind == S_LEVEL)
        return perr(P, "unknown key '\"%s\"' in [level %s]", k, P->sect_name);
    if (!quoted && !strcmp(k, "default")) {
        char what[512];

        if (once(P, k, &P->default_line) != SR_OK)
            return SR_ERR_CONFIG;
        if (!*v)
            return perr(P, "empty value for 'default'");
        dv->deflt = sr_arena_strdup(&c->arena, v);
        snprintf(what, sizeof(what), "%s: default = %s", P->sect_name, v);
        dv->def_hit = add_hit(c, P->path, P->line, what);
        return SR_OK;
    }
    if (!*k)
        return perr(P, "empty value name before '='");
    if (!*v)
        return perr(P, "rule for '%s' has no condition", k);
    return parse_rule(P, sr_arena_strdup(&c->arena, k), v);
}

static enum sr_status key_category(struct parser *P, const char *k,
                                   const char *v, const char *v0)
{
    struct sr_classifier *c = P->c;
    struct sr_category *cat = &c->cats[c->ncats - 1];

    if (!strcmp(k, "complaint")) {
        bool b;

        if (once(P, k, &P->complaint_line) != SR_OK)
            return SR_ERR_CONFIG;
        if (!*v)
            return perr(P, "empty value for 'complaint'");
        if (parse_bool(v, &b)) {
            cat->complaint = b;
        } else {
            cat->complaint = true;
            cat->kind = sr_arena_strdup(&c->arena, v);
        }
        if (cat->complaint)
            c->complaint_mask |= (uint64_t)1 << (c->ncats - 1);
        else
            c->complaint_mask &= ~((uint64_t)1 << (c->ncats - 1));
        return SR_OK;
    }
    if (!strcmp(k, "match") || !strcmp(k, "unless")) {
        struct cpat *cp;
        uint32_t id;
        char what[1024];
        enum sr_status s;

        if (!*v)
            return perr(P, "empty pattern for '%s'", k);
        s = add_pattern(P, c->cm, v, (size_t)(v0 - P->linebuf), &id);
        if (s != SR_OK)
            return s;
        cp = GROW(c->cpats, c->ncpats);
        cp->cat = (uint32_t)(c->ncats - 1);
        cp->unless = k[0] == 'u';
        cp->seen = 0;
        snprintf(what, sizeof(what), "%s: %s = %s", P->sect_name, k, v);
        cp->hit = add_hit(c, P->path, P->line, what);
        if (!cp->unless)
            P->nomatch = false;
        return SR_OK;
    }
    return perr(P, "unknown key '%s' in [category %s]", k, P->sect_name);
}

/* Strip a comment that starts at white space + ';' or '#'. */
static void strip_comment(char *s)
{
    char *p;

    for (p = s; *p; p++) {
        if ((*p == ';' || *p == '#') && (p == s || is_space(p[-1]))) {
            *p = '\0';
            return;
        }
    }
}

static enum sr_status parse_line(struct parser *P, char *line)
{
    char *s = line;
    char *eq;
    char *k;
    char *v;
    bool quoted = false;

    strip_comment(s);
    s = trim(s);
    if (!*s)
        return SR_OK;
    if (*s == '[') {
        size_t n = strlen(s);

        if (s[n - 1] != ']')
            return perr(P, "section header '%s' lacks its ']'", s);
        s[n - 1] = '\0';
        return begin_section(P, trim(s + 1));
    }
    if (*s == '"') {
        char *q = strchr(s + 1, '"');

        if (!q)
            return perr(P, "unterminated quote in '%s'", s);
        *q = '\0';
        k = s + 1;
        s = q + 1;
        while (is_space(*s))
            s++;
        if (*s != '=')
            return perr(P, "expected '=' after '\"%s\"'", k);
        eq = s;
        quoted = true;
    } else {
        eq = strchr(s, '=');
        if (!eq)
            return perr(P, "expected 'key = value', got '%s'", s);
        k = s;
    }
    *eq = '\0';
    k = quoted ? k : trim(k);
    v = eq + 1;
    while (is_space(*v))
        v++;
    switch (P->kind) {
    case S_RULES:
        return key_rules(P, k, v);
    case S_FIELD:
    case S_LEVEL:
        return key_field(P, k, v, quoted);
    case S_CATEGORY:
        return key_category(P, k, v, v);
    case S_NONE:
        if (P->any_section)
            return SR_OK; /* a section skipped under optional_fields */
        return perr(P, "key '%s' outside a section", k);
    }
    return SR_OK;
}

static enum sr_status parse_file(struct sr_classifier *c, const char *path,
                                 bool comments, struct sr_diag *d)
{
    struct parser P;
    FILE *fp;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    enum sr_status s = SR_OK;

    memset(&P, 0, sizeof(P));
    P.c = c;
    P.path = sr_arena_strdup(&c->arena, path);
    P.comments = comments;
    P.d = d;
    P.unclassified = UNCLASSIFIED_DEFAULT;
    fp = fopen(path, "rb");
    if (!fp)
        return sr_diag_set(d, SR_ERR_IO, path, 0, "cannot open rules file: %s",
                           strerror(errno));
    for (;;) {
        char *l;
        size_t bad;

        errno = 0;
        n = getline(&line, &cap, fp);
        if (n < 0)
            break;
        P.line++;
        l = line;
        if (P.line == 1 && !strncmp(l, "\xef\xbb\xbf", 3))
            l += 3;
        if (strlen(l) != (size_t)n - (size_t)(l - line)) {
            s = perr(&P, "line holds a NUL byte");
            goto out_close;
        }
        if (!sr_utf8_valid(l, strlen(l), &bad)) {
            s = perr(&P, "line is not valid UTF-8 (byte %zu)", bad + 1);
            goto out_close;
        }
        P.linebuf = l;
        s = parse_line(&P, l);
        if (s != SR_OK)
            goto out_close;
    }
    if (ferror(fp)) {
        s = sr_diag_set(d, SR_ERR_IO, path, P.line,
                        "cannot read rules file: %s", strerror(errno));
        goto out_close;
    }
    s = end_section(&P);
    if (s != SR_OK)
        goto out_close;
    if (comments) {
        struct sr_category *cat;
        char what[512];

        cat = GROW(c->cats, c->ncats);
        cat->name = P.unclassified;
        cat->complaint = false;
        cat->kind = NULL;
        c->unclassified = (int)(c->ncats - 1);
        snprintf(what, sizeof(what), "%s: comments that no category matches",
                 P.unclassified);
        c->unclassified_hit = add_hit(c, P.path, 0, what);
    }
out_close:
    free(line);
    fclose(fp);
    return s;
}

/* ---- the API ---------------------------------------------------------- */

/* The range of @dv that holds @x, or -1. */
static long range_of(const struct derived *dv, double x)
{
    size_t i;

    for (i = 0; i < dv->nranges; i++)
        if (covers(&dv->ranges[i], x))
            return (long)i;
    return -1;
}

/*
 * For each level, the range of every mean it can meet, worked out once by
 * the same double division and comparisons (so the answers are the same):
 * a level costs a table look-up a form instead of a division and a search
 * of its ranges (a mispredicted branch a range).  For an item, n is 1 and
 * S the score.  Not when the table would be large (a wide scale, many
 * items) or the ranges many.
 */
static void level_tables(struct sr_classifier *c)
{
    const struct sr_template *t = c->t;
    size_t j;

    for (j = 0; j < c->nder; j++) {
        struct derived *dv = &c->der[j];
        long lo = 0;
        long hi = 0;
        long m = 1;
        long n;
        long sum;
        size_t i;

        if (dv->kind != D_LEVEL || dv->nranges >= 255)
            continue;
        if (dv->item >= 0) {
            lo = t->scales[t->items[dv->item].scale].min;
            hi = t->scales[t->items[dv->item].scale].max;
        } else {
            const struct sr_dimension *dm = &t->dims[dv->dim];

            m = (long)dm->nitems;
            for (i = 0; i < dm->nitems; i++) {
                const struct sr_scale *sc =
                    &t->scales[t->items[dm->items[i]].scale];

                if (!i || sc->min < lo)
                    lo = sc->min;
                if (!i || sc->max > hi)
                    hi = sc->max;
            }
        }
        if (m < 1 || hi < lo || m * (m * (hi - lo) + 1) > 65536)
            continue;
        dv->lut_min = lo;
        dv->lut_span = m * (hi - lo) + 1;
        dv->lut_n = m;
        dv->lut = xcalloc((size_t)(m * dv->lut_span), 1);
        for (n = 1; n <= m; n++)
            for (sum = n * lo; sum <= n * hi; sum++)
                dv->lut[(n - 1) * dv->lut_span + sum - n * lo] =
                    (uint8_t)(range_of(dv, dv->item >= 0
                                               ? (double)sum
                                               : (double)sum / (double)n) +
                              1);
    }
}

enum sr_status sr_classify_open(struct sr_classifier **out,
                                const struct sr_template *t,
                                const char *segments_rules,
                                const char *comments_rules, struct sr_diag *d)
{
    struct sr_classifier *c;
    enum sr_status s = SR_OK;
    size_t i;

    *out = NULL;
    c = xcalloc(1, sizeof(*c));
    c->t = t;
    sr_arena_init(&c->arena);
    c->unclassified = -1;
    c->clause_scope = true;
    sr_buf_init(&c->norm);
    sr_buf_init(&c->text);
    if (segments_rules) {
        s = parse_file(c, segments_rules, false, d);
        if (s != SR_OK)
            goto out_free;
    }
    if (comments_rules) {
        c->cm = sr_matcher_new();
        s = parse_file(c, comments_rules, true, d);
        if (s != SR_OK)
            goto out_free;
        sr_matcher_build(c->cm);
    }
    for (i = 0; i < c->nsubj; i++)
        sr_matcher_build(c->subj[i].m);
    level_tables(c);
    c->vals = xcalloc(c->nder + 1, sizeof(*c->vals));
    *out = c;
    return SR_OK;
out_free:
    sr_classify_free(c);
    return s;
}

const struct sr_derived_field *sr_classify_fields(const struct sr_classifier *c,
                                                  size_t *n)
{
    *n = c ? c->nder : 0;
    return c ? c->fields : NULL;
}

const struct sr_category *sr_classify_categories(const struct sr_classifier *c,
                                                 size_t *n)
{
    *n = c ? c->ncats : 0;
    return c ? c->cats : NULL;
}

void sr_classify_take_hits(struct sr_classifier *dst, struct sr_classifier *src)
{
    size_t i;

    for (i = 0; i < src->nhits; i++) {
        if (dst && i < dst->nhits)
            dst->hits[i].hits += src->hits[i].hits;
        src->hits[i].hits = 0;
    }
}

const struct sr_rule_hits *sr_classify_hits(const struct sr_classifier *c,
                                            size_t *n)
{
    *n = c ? c->nhits : 0;
    return c ? c->hits : NULL;
}

static const char *form_id(const struct sr_classifier *c,
                           const struct sr_record *r)
{
    int f = c->t->form_id_field;

    if (f < 0 || !r->fields || !r->fields[f])
        return "?";
    return r->fields[f];
}

/* PCRE2 gave up on rule @hit: say which rule, on what. */
static enum sr_status limit_error(const struct sr_classifier *c,
                                  const struct sr_record *r, size_t hit,
                                  const char *what, const char *whatid,
                                  struct sr_diag *d)
{
    const struct sr_rule_hits *h = &c->hits[hit];
    const char *why = d ? d->msg : "";
    char msg[sizeof(d->msg)];
    const char *prefix = "pattern match failed: ";

    if (!strncmp(why, prefix, strlen(prefix)))
        why += strlen(prefix);
    snprintf(msg, sizeof(msg), "%s", why);
    sr_diag_set(d, SR_ERR_LIMIT, h->file, h->line,
                "rule '%s' gave up on %s '%s' of form '%s': %s", h->what, what,
                whatid, form_id(c, r), msg);
    if (d)
        snprintf(d->field, sizeof(d->field), "%s", whatid);
    return SR_ERR_LIMIT;
}

/* Does term @tm hold for @r?  1, 0, -1 (PCRE2 gave up: @d says why) or
 * -2 (the field value is not valid UTF-8). */
static int eval_term(struct sr_classifier *c, const struct sr_record *r,
                     const struct term *tm, struct sr_diag *d)
{
    struct subject *s = &c->subj[tm->subject];
    int rc;

    if (s->stamp != c->rec_stamp) {
        const char *v;
        const char *p;
        size_t n;

        if (s->field >= 0)
            v = r->fields ? r->fields[s->field] : NULL;
        else
            v = c->vals[s->derived];
        if (!prepare(&s->text, &c->norm, v ? v : "", NULL, &p, &n))
            return -2;
        sr_matcher_scan(s->m, p, n);
        s->stamp = c->rec_stamp;
    }
    rc = sr_matcher_test(s->m, tm->pat, d);
    if (rc < 0)
        return -1;
    return tm->negate ? !rc : rc;
}

static const char *subject_id(const struct sr_classifier *c, size_t si)
{
    const struct subject *s = &c->subj[si];

    return s->field >= 0 ? c->t->fields[s->field].id : c->fields[s->derived].id;
}

static enum sr_status eval_field(struct sr_classifier *c,
                                 const struct sr_record *r, size_t j,
                                 struct sr_diag *d)
{
    const struct derived *dv = &c->der[j];
    size_t i;
    size_t k;

    for (i = 0; i < dv->nrules; i++) {
        const struct frule *fr = &c->frules[dv->rule0 + i];
        bool ok = true;

        for (k = 0; k < fr->nterms && ok; k++) {
            const struct term *tm = &c->terms[fr->term0 + k];
            int rc = eval_term(c, r, tm, d);

            if (rc == -2)
                return sr_diag_set(d, SR_ERR_PARSE, NULL, 0,
                                   "field '%s' of form '%s' is not valid "
                                   "UTF-8",
                                   subject_id(c, tm->subject), form_id(c, r));
            if (rc < 0)
                return limit_error(c, r, fr->hit, "field",
                                   subject_id(c, tm->subject), d);
            ok = rc == 1;
        }
        if (ok) {
            c->vals[j] = fr->value;
            c->hits[fr->hit].hits++;
            return SR_OK;
        }
    }
    c->vals[j] = dv->deflt;
    if (dv->deflt)
        c->hits[dv->def_hit].hits++;
    return SR_OK;
}

static void eval_level(struct sr_classifier *c, const struct sr_record *r,
                       size_t j)
{
    const struct derived *dv = &c->der[j];
    double x;
    long k;
    size_t i;

    c->vals[j] = NULL;
    if (dv->item >= 0) {
        if (!r->scores || r->scores[dv->item] == SR_MISSING)
            goto out_missing;
        if (dv->lut && r->scores[dv->item] >= dv->lut_min &&
            r->scores[dv->item] - dv->lut_min < dv->lut_span) {
            k = (long)dv->lut[r->scores[dv->item] - dv->lut_min] - 1;
            goto found;
        }
        x = r->scores[dv->item];
    } else {
        const struct sr_dimension *dm = &c->t->dims[dv->dim];
        long sum = 0;
        long n = 0;

        for (i = 0; i < dm->nitems && r->scores; i++) {
            int32_t v = r->scores[dm->items[i]];

            if (v != SR_MISSING) {
                sum += v;
                n++;
            }
        }
        if (!n)
            goto out_missing;
        if (dv->lut && n <= dv->lut_n && sum >= n * dv->lut_min &&
            sum - n * dv->lut_min < dv->lut_span) {
            k = (long)dv->lut[(n - 1) * dv->lut_span + sum - n * dv->lut_min] -
                1;
            goto found;
        }
        x = (double)sum / (double)n;
    }
    k = range_of(dv, x);
found:
    if (k >= 0) {
        c->vals[j] = dv->ranges[k].value;
        c->hits[dv->ranges[k].hit].hits++;
    }
    return;
out_missing:
    if (dv->missing) {
        c->vals[j] = dv->missing;
        c->hits[dv->missing_hit].hits++;
    }
}

/* The categories of one clause (or comment) s[0..n); *cats gets them. */
static enum sr_status eval_clause(struct sr_classifier *c,
                                  const struct sr_record *r, size_t k,
                                  const char *s, size_t n, uint64_t *cats,
                                  struct sr_diag *d)
{
    const uint32_t *cand;
    size_t nc;
    size_t i;
    uint64_t matched = 0;
    uint64_t cancelled = 0;
    const char *cid = c->t->comments[k].id;

    sr_matcher_scan(c->cm, s, n);
    nc = sr_matcher_candidates(c->cm, &cand);
    for (i = 0; i < nc; i++) {
        struct cpat *cp = &c->cpats[cand[i]];
        int rc;

        if (cp->unless)
            continue;
        rc = sr_matcher_test(c->cm, cand[i], d);
        if (rc < 0)
            return limit_error(c, r, cp->hit, "comment", cid, d);
        if (!rc)
            continue;
        matched |= (uint64_t)1 << cp->cat;
        if (cp->seen != c->comment_stamp) {
            cp->seen = c->comment_stamp;
            c->hits[cp->hit].hits++;
        }
    }
    for (i = 0; i < nc && matched; i++) {
        struct cpat *cp = &c->cpats[cand[i]];
        int rc;

        if (!cp->unless || !(matched & ((uint64_t)1 << cp->cat)))
            continue;
        rc = sr_matcher_test(c->cm, cand[i], d);
        if (rc < 0)
            return limit_error(c, r, cp->hit, "comment", cid, d);
        if (!rc)
            continue;
        cancelled |= (uint64_t)1 << cp->cat;
        if (cp->seen != c->comment_stamp) {
            cp->seen = c->comment_stamp;
            c->hits[cp->hit].hits++;
        }
    }
    *cats = matched & ~cancelled;
    return SR_OK;
}

static enum sr_status eval_comments(struct sr_classifier *c,
                                    struct sr_record *r, struct sr_diag *d)
{
    size_t k;
    size_t i;
    enum sr_status s;

    for (k = 0; k < c->t->ncomments && r->comments; k++) {
        const char *v = r->comments[k];
        const char *p;
        uint64_t cats = 0;
        size_t n;
        size_t start = 0;

        if (!v || !*v)
            continue;
        if (!prepare(&c->text, &c->norm, v, c->clause_scope ? &c->cuts : NULL,
                     &p, &n))
            return sr_diag_set(d, SR_ERR_PARSE, NULL, 0,
                               "comment '%s' of form '%s' is not valid "
                               "UTF-8",
                               c->t->comments[k].id, form_id(c, r));
        if (!n)
            continue;
        if (++c->comment_stamp == 0) {
            for (i = 0; i < c->ncpats; i++)
                c->cpats[i].seen = 0;
            c->comment_stamp = 1;
        }
        /* the clauses between the cuts (one clause when scope = comment) */
        for (i = 0; i <= c->cuts.n; i++) {
            size_t end = i < c->cuts.n ? c->cuts.pos[i] : n;
            uint64_t cc = 0;

            if (!c->clause_scope && i < c->cuts.n)
                continue;
            if (end > start) {
                s = eval_clause(c, r, k, p + start, end - start, &cc, d);
                if (s != SR_OK)
                    return s;
                cats |= cc;
            }
            if (i < c->cuts.n)
                start = end + c->cuts.len[i];
        }
        if (!cats && c->unclassified >= 0) {
            cats = (uint64_t)1 << c->unclassified;
            c->hits[c->unclassified_hit].hits++;
        }
        r->categories |= cats;
    }
    return SR_OK;
}

enum sr_status sr_classify_record(struct sr_classifier *c, struct sr_record *r,
                                  struct sr_diag *d)
{
    size_t j;
    enum sr_status s = SR_OK;

    r->derived = c->vals;
    r->nderived = c->nder;
    r->categories = 0;
    r->complaint = false;
    if (++c->rec_stamp == 0) {
        for (j = 0; j < c->nsubj; j++)
            c->subj[j].stamp = 0;
        c->rec_stamp = 1;
    }
    for (j = 0; j < c->nder; j++)
        c->vals[j] = NULL;
    for (j = 0; j < c->nder; j++) {
        if (c->der[j].kind == D_LEVEL) {
            eval_level(c, r, j);
            continue;
        }
        s = eval_field(c, r, j, d);
        if (s != SR_OK)
            return s;
    }
    if (c->cm) {
        s = eval_comments(c, r, d);
        if (s != SR_OK)
            return s;
    }
    r->complaint = (r->categories & c->complaint_mask) != 0;
    return SR_OK;
}

void sr_classify_set_brute(struct sr_classifier *c, bool on)
{
    size_t i;

    if (c->cm)
        sr_matcher_set_brute(c->cm, on);
    for (i = 0; i < c->nsubj; i++)
        sr_matcher_set_brute(c->subj[i].m, on);
}

void sr_classify_prefilter_counts(const struct sr_classifier *c,
                                  size_t counts[3])
{
    size_t i;

    counts[0] = counts[1] = counts[2] = 0;
    if (!c->cm)
        return;
    for (i = 0; i < sr_matcher_count(c->cm); i++)
        counts[sr_matcher_kind(c->cm, (uint32_t)i)]++;
}

void sr_classify_free(struct sr_classifier *c)
{
    size_t i;

    if (!c)
        return;
    for (i = 0; i < c->nsubj; i++) {
        sr_matcher_free(c->subj[i].m);
        sr_buf_release(&c->subj[i].text);
    }
    free(c->subj);
    for (i = 0; i < c->nder; i++) {
        free(c->der[i].ranges);
        free(c->der[i].lut);
    }
    free(c->der);
    free(c->fields);
    free(c->frules);
    free(c->terms);
    free(c->cats);
    free(c->cpats);
    free(c->hits);
    free(c->vals);
    sr_matcher_free(c->cm);
    sr_buf_release(&c->norm);
    sr_buf_release(&c->text);
    free(c->cuts.pos);
    free(c->cuts.len);
    sr_arena_release(&c->arena);
    free(c);
}
