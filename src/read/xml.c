/* SPDX-License-Identifier: MIT */
/*
 * xml.c - the native XML form reader (FORMATS.md §2.1)
 *
 * Input: a <forms survey="..."> file of <form> elements, or one <form> as
 * the root.  Output: one struct sr_rawform per <form>, pulled with
 * sr_xmlr_next().  Streams: the XML layer feeds expat 64 KiB at a time and
 * this reader pauses it at every </form>, so memory is one form's values
 * (each capped at MAX_VALUE bytes) whatever the size of the file.
 *
 * Inside <form>: <field id="...">, <answer item="...">, <comment item="...">
 * whose text is the value of that template slot.  A form that names an
 * unknown slot, gives a slot twice or holds an unknown element is handed out
 * with its problem set (refused, not fatal).  A multiple choice may also be
 * answered by several <answer> elements: their texts are joined with ';'.
 */
#include "reader.h"
#include "../core/buf.h"
#include "../core/mem.h"
#include "../core/xml.h"

#include <assert.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The longest value kept for one slot; longer refuses the form. */
#define MAX_VALUE (1u << 20)

struct slot_ref {
    const char *id; /* borrowed from the template */
    int slot;
};

struct sr_xmlr {
    struct sr_xml *x;
    const struct sr_template *t;
    char *path;

    struct slot_ref *index; /* sorted by id, t->nslots */

    /* the current form */
    struct sr_buf *vals; /* per slot */
    bool *present;       /* per slot */
    const char **values; /* per slot: handed out */
    struct sr_buf problem;
    struct sr_buf problem_field;
    bool has_problem;
    long line;
    long long at; /* the byte where the form begins */
    /* a split point's prolog (sr_xmlr_split_point()), or NULL */
    char *pre;
    size_t prelen;

    int form_depth; /* depth of the open <form>, 0 outside */
    int cur_slot;   /* slot collecting text, or -1 */
    int last_slot;  /* the slot of the last value element, or -1 */
    int skip_depth; /* > 0: inside an element whose content is ignored */
    bool ready;     /* a complete form waits to be handed out */
};

static int cmp_ref(const void *a, const void *b)
{
    const struct slot_ref *ra = a;
    const struct slot_ref *rb = b;

    return strcmp(ra->id, rb->id);
}

static int find_slot(const struct sr_xmlr *r, const char *id)
{
    struct slot_ref key;
    const struct slot_ref *hit;
    int next = r->last_slot + 1;

    /* forms mostly give their values in the template's order */
    if (next >= 0 && (size_t)next < r->t->nslots &&
        strcmp(r->t->slots[next].id, id) == 0)
        return next;
    key.id = id;
    key.slot = -1;
    hit = bsearch(&key, r->index, r->t->nslots, sizeof(*r->index), cmp_ref);
    return hit ? hit->slot : -1;
}

static const char *attr(const char *const *attr, const char *name)
{
    size_t i;

    for (i = 0; attr[i]; i += 2)
        if (strcmp(attr[i], name) == 0)
            return attr[i + 1];
    return NULL;
}

static void set_problem(struct sr_xmlr *r, const char *field, const char *fmt,
                        ...) __attribute__((format(printf, 3, 4)));

/* Record why the current form is refused; the first reason wins. */
static void set_problem(struct sr_xmlr *r, const char *field, const char *fmt,
                        ...)
{
    va_list ap;

    if (r->has_problem)
        return;
    r->has_problem = true;
    sr_buf_reset(&r->problem);
    va_start(ap, fmt);
    sr_buf_vaddf(&r->problem, fmt, ap);
    va_end(ap);
    sr_buf_reset(&r->problem_field);
    sr_buf_addstr(&r->problem_field, field);
}

static void begin_form(struct sr_xmlr *r, struct sr_xml *x)
{
    size_t i;

    for (i = 0; i < r->t->nslots; i++) {
        r->present[i] = false;
        sr_buf_reset(&r->vals[i]);
    }
    r->has_problem = false;
    r->line = sr_xml_line(x);
    r->at = sr_xml_byte(x);
    r->cur_slot = -1;
    r->last_slot = -1;
}

/* The form is complete: stop the parse so that sr_xmlr_next() hands it out. */
static void end_form(struct sr_xmlr *r, struct sr_xml *x)
{
    r->ready = true;
    r->cur_slot = -1;
    sr_xml_pause(x);
}

static enum sr_status check_survey(struct sr_xmlr *r, struct sr_xml *x,
                                   const char *const *at)
{
    const char *survey = attr(at, "survey");

    if (survey && strcmp(survey, r->t->id) != 0)
        return sr_xml_error_at(x, SR_ERR_PARSE, sr_xml_line(x),
                               "forms are for survey '%s', the template is "
                               "'%s'",
                               survey, r->t->id);
    return SR_OK;
}

static bool is_multiple(const struct sr_xmlr *r, int slot)
{
    const struct sr_slot *s = &r->t->slots[slot];

    return s->kind == SR_SLOT_CHOICE && r->t->choices[s->index].multiple;
}

/* A child of <form>: <field id>, <answer item> or <comment item>. */
static void start_value(struct sr_xmlr *r, int depth, const char *name,
                        const char *const *at)
{
    const char *key;
    const char *id;
    int slot;

    if (strcmp(name, "field") == 0) {
        key = "id";
        id = attr(at, "id");
        if (!id)
            id = attr(at, "item");
    } else if (strcmp(name, "answer") == 0 || strcmp(name, "comment") == 0) {
        key = "item";
        id = attr(at, "item");
        if (!id)
            id = attr(at, "id");
    } else {
        set_problem(r, "", "unknown element '%s' in 'form'", name);
        r->skip_depth = depth;
        return;
    }
    if (!id) {
        set_problem(r, "", "missing attribute '%s' on '%s'", key, name);
        r->skip_depth = depth;
        return;
    }
    slot = find_slot(r, id);
    if (slot < 0) {
        set_problem(r, id, "unknown field '%s'", id);
        r->skip_depth = depth;
        return;
    }
    if (r->present[slot]) {
        if (!is_multiple(r, slot)) {
            set_problem(r, id, "field '%s' given twice", id);
            r->skip_depth = depth;
            return;
        }
        if (r->vals[slot].len + 1 > MAX_VALUE) {
            set_problem(r, id,
                        "value of '%s' longer than %u bytes (limit: field "
                        "length)",
                        id, MAX_VALUE);
            r->skip_depth = depth;
            return;
        }
        sr_buf_addch(&r->vals[slot], ';');
    }
    r->present[slot] = true;
    r->cur_slot = slot;
    r->last_slot = slot;
}

static enum sr_status on_start(void *ctx, struct sr_xml *x, const char *name,
                               const char *const *at)
{
    struct sr_xmlr *r = ctx;
    int depth = sr_xml_depth(x);
    enum sr_status s;

    if (r->skip_depth)
        return SR_OK;
    if (depth == 1) {
        if (strcmp(name, "forms") == 0)
            return check_survey(r, x, at);
        if (strcmp(name, "form") != 0)
            return sr_xml_error(x, SR_ERR_PARSE,
                                "root element is '%s', expected 'forms' or "
                                "'form'",
                                name);
        s = check_survey(r, x, at);
        if (s != SR_OK)
            return s;
        begin_form(r, x);
        r->form_depth = depth;
        return SR_OK;
    }
    if (!r->form_depth) {
        /* a child of <forms> */
        begin_form(r, x);
        if (strcmp(name, "form") == 0) {
            r->form_depth = depth;
            return SR_OK;
        }
        /* not a form: hand it out refused, so nothing goes unseen */
        set_problem(r, "", "unknown element '%s' in 'forms'", name);
        r->skip_depth = depth;
        end_form(r, x);
        return SR_OK;
    }
    if (depth == r->form_depth + 1) {
        start_value(r, depth, name, at);
        return SR_OK;
    }
    /* an element inside a value */
    set_problem(r, r->cur_slot >= 0 ? r->t->slots[r->cur_slot].id : "",
                "unexpected element '%s' in a value", name);
    r->skip_depth = depth;
    return SR_OK;
}

static enum sr_status on_end(void *ctx, struct sr_xml *x, const char *name)
{
    struct sr_xmlr *r = ctx;
    int depth = sr_xml_depth(x);

    (void)name;
    if (r->skip_depth) {
        if (depth == r->skip_depth)
            r->skip_depth = 0;
        return SR_OK;
    }
    if (r->form_depth && depth == r->form_depth + 1)
        r->cur_slot = -1;
    else if (r->form_depth && depth == r->form_depth) {
        r->form_depth = 0;
        end_form(r, x);
    }
    return SR_OK;
}

static bool blank(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            return false;
    return true;
}

static enum sr_status on_text(void *ctx, struct sr_xml *x, const char *s,
                              size_t n)
{
    struct sr_xmlr *r = ctx;
    int depth = sr_xml_depth(x);
    struct sr_buf *b;

    if (r->skip_depth || !r->form_depth)
        return SR_OK;
    if (depth == r->form_depth) {
        if (!blank(s, n))
            set_problem(r, "", "unexpected text in 'form'");
        return SR_OK;
    }
    if (r->cur_slot < 0 || depth != r->form_depth + 1)
        return SR_OK;
    b = &r->vals[r->cur_slot];
    if (b->len + n > MAX_VALUE) {
        set_problem(r, r->t->slots[r->cur_slot].id,
                    "value of '%s' longer than %u bytes (limit: field "
                    "length)",
                    r->t->slots[r->cur_slot].id, MAX_VALUE);
        return SR_OK;
    }
    sr_buf_add(b, s, n);
    return SR_OK;
}

/* A reader of @path with nothing read yet; *h gets its XML handlers. */
static struct sr_xmlr *xmlr_new(const char *path, const struct sr_template *t,
                                struct sr_xml_handlers *h)
{
    struct sr_xmlr *r;
    size_t i;

    r = xcalloc(1, sizeof(*r));
    r->t = t;
    r->path = xstrdup(path);
    r->cur_slot = -1;
    r->last_slot = -1;
    sr_buf_init(&r->problem);
    sr_buf_init(&r->problem_field);
    r->index = xcalloc(t->nslots, sizeof(*r->index));
    r->vals = xcalloc(t->nslots, sizeof(*r->vals));
    r->present = xcalloc(t->nslots, sizeof(*r->present));
    r->values = xcalloc(t->nslots, sizeof(*r->values));
    for (i = 0; i < t->nslots; i++) {
        r->index[i].id = t->slots[i].id;
        r->index[i].slot = (int)i;
        sr_buf_init(&r->vals[i]);
    }
    qsort(r->index, t->nslots, sizeof(*r->index), cmp_ref);
    memset(h, 0, sizeof(*h));
    h->start = on_start;
    h->end = on_end;
    h->text = on_text;
    h->ctx = r;
    r->at = -1;
    return r;
}

enum sr_status sr_xmlr_open(struct sr_xmlr **out, const char *path,
                            const struct sr_template *t,
                            const struct sr_read_opts *o, struct sr_diag *d)
{
    struct sr_xmlr *r;
    struct sr_xml_handlers h;
    enum sr_status s;

    (void)o; /* expat reads the encoding from the XML declaration */
    *out = NULL;
    r = xmlr_new(path, t, &h);
    s = sr_xml_open(&r->x, path, &h, d);
    if (s != SR_OK)
        goto out_free;
    *out = r;
    return SR_OK;

out_free:
    sr_xmlr_free(r);
    return s;
}

enum sr_status sr_xmlr_next(struct sr_xmlr *r, struct sr_rawform *f,
                            struct sr_diag *d)
{
    enum sr_status s;
    size_t i;

    r->ready = false;
    s = sr_xml_step(r->x, d);
    if (s != SR_OK)
        return s;
    assert(r->ready);
    for (i = 0; i < r->t->nslots; i++)
        r->values[i] = r->present[i] ? r->vals[i].buf : NULL;
    f->file = r->path;
    f->line = r->line;
    f->values = r->values;
    f->nslots = r->t->nslots;
    f->problem = r->has_problem ? r->problem.buf : NULL;
    f->problem_field = r->has_problem ? r->problem_field.buf : NULL;
    f->lens = NULL;
    f->utf8_ok = false;
    f->at = r->at;
    return SR_OK;
}

/* --- one file read in two parts at once (reader.h) ----------------------- */

/* How much of the file's start may hold the prolog and root start tag, and
 * how far past the middle a <form> at a line start is looked for. */
#define SPLIT_HEAD   65536
#define SPLIT_WINDOW 262144

static bool xml_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The end of the root start tag in p[0..n) (the byte after its '>'), past
 * a UTF-8 BOM, the XML declaration, comments and processing instructions;
 * 0 when it is not there, the root is a single <form> or empty, or a
 * DOCTYPE, UTF-16 text or a NUL comes first. */
static size_t root_end(const unsigned char *p, size_t n)
{
    size_t i = 0;
    char q = 0;

    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        i = 3;
    for (;;) {
        while (i < n && xml_space(p[i]))
            i++;
        if (i + 4 > n || p[i] != '<')
            return 0;
        if (p[i + 1] == '?' ||
            (p[i + 1] == '!' && p[i + 2] == '-' && p[i + 3] == '-')) {
            const char *end = p[i + 1] == '?' ? "?>" : "-->";
            size_t len = strlen(end);
            size_t k = i + 2;

            while (k + len <= n && memcmp(p + k, end, len))
                k++;
            if (k + len > n)
                return 0;
            i = k + len;
            continue;
        }
        break;
    }
    if (p[i + 1] == '!' ||
        (n - i > 5 && !memcmp(p + i + 1, "form", 4) &&
         (xml_space(p[i + 5]) || p[i + 5] == '>' || p[i + 5] == '/')))
        return 0; /* a DOCTYPE, or one form as the root: no split */
    for (; i < n; i++) {
        if (!p[i])
            return 0;
        if (q) {
            if (p[i] == q)
                q = 0;
        } else if (p[i] == '"' || p[i] == '\'') {
            q = (char)p[i];
        } else if (p[i] == '>') {
            return p[i - 1] == '/' ? 0 : i + 1; /* <forms/>: nothing */
        }
    }
    return 0;
}

long long sr_xmlr_split_point(struct sr_xmlr *r, long long min)
{
    unsigned char *buf;
    struct sr_buf pre = SR_BUF_INIT;
    struct stat sb;
    long long mid;
    size_t end;
    ssize_t n;
    ssize_t i;
    long long at = -1;
    int fd = open(r->path, O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return -1;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size < min ||
        sb.st_size < 2 * SPLIT_HEAD) {
        close(fd);
        return -1;
    }
    buf = xmalloc(SPLIT_WINDOW);
    n = pread(fd, buf, SPLIT_HEAD, 0);
    end = n > 0 ? root_end(buf, (size_t)n) : 0;
    if (end) {
        /* the prolog and root start tag, then a line end: the part's
         * first byte begins a line of its own */
        sr_buf_add(&pre, (const char *)buf, end);
        sr_buf_addch(&pre, '\n');
        mid = (long long)sb.st_size / 2;
        n = pread(fd, buf, SPLIT_WINDOW, (off_t)mid);
        /* "<form" after a LF and blanks, then a blank, '>' or '/' */
        for (i = 0; n > 0 && i + 7 < n && at < 0; i++) {
            ssize_t k = i + 1;

            if (buf[i] != '\n')
                continue;
            while (k < n && (buf[k] == ' ' || buf[k] == '\t'))
                k++;
            if (k + 6 <= n && !memcmp(buf + k, "<form", 5) &&
                (xml_space(buf[k + 5]) || buf[k + 5] == '>' ||
                 buf[k + 5] == '/'))
                at = mid + i + 1;
        }
    }
    close(fd);
    free(buf);
    free(r->pre);
    r->pre = NULL;
    if (at < 0) {
        sr_buf_release(&pre);
        return -1;
    }
    r->prelen = pre.len;
    r->pre = sr_buf_detach(&pre);
    return at;
}

enum sr_status sr_xmlr_open_part(struct sr_xmlr **out,
                                 const struct sr_xmlr *whole, long long off,
                                 long *first_line, struct sr_diag *d)
{
    struct sr_xml_handlers h;
    struct sr_xmlr *r;
    enum sr_status s;
    long pre_lines = 0;
    size_t i;

    *out = NULL;
    if (!whole->pre)
        return sr_diag_set(d, SR_ERR_USAGE, whole->path, 0,
                           "no split point was found");
    s = sr_read_line_at(whole->path, off, first_line, d);
    if (s != SR_OK)
        return s;
    /* the line breaks of the prolog as expat counts them (CRLF is one;
     * the prolog ends with the LF put after the root start tag) */
    for (i = 0; i < whole->prelen; i++)
        if (whole->pre[i] == '\n' ||
            (whole->pre[i] == '\r' && whole->pre[i + 1] != '\n'))
            pre_lines++;
    r = xmlr_new(whole->path, whole->t, &h);
    /* expat's line of the byte at @off is 1 + pre_lines */
    s = sr_xml_open_part(&r->x, whole->path, whole->pre, whole->prelen, off,
                         *first_line - 1 - pre_lines, &h, d);
    if (s != SR_OK) {
        sr_xmlr_free(r);
        return s;
    }
    *out = r;
    return SR_OK;
}

void sr_xmlr_free(struct sr_xmlr *r)
{
    size_t i;

    if (!r)
        return;
    sr_xml_free(r->x);
    if (r->vals)
        for (i = 0; i < r->t->nslots; i++)
            sr_buf_release(&r->vals[i]);
    free(r->vals);
    free(r->present);
    free(r->values);
    free(r->index);
    free(r->pre);
    sr_buf_release(&r->problem);
    sr_buf_release(&r->problem_field);
    free(r->path);
    free(r);
}
