/* SPDX-License-Identifier: MIT */
/*
 * test_xml.c - the XML layer (src/core/xml.c) and the native XML form
 * reader (src/read/xml.c)
 *
 * The layer: events, lines, pauses, callback errors, chunk boundaries,
 * nesting depth and the refusal of DOCTYPE and entities.  The reader:
 * multi-form and single-form files, form lines, forms refused by the reader
 * (unknown field, repeated field, unknown element), a file that breaks
 * part-way, entity attacks, and a large generated file read with bounded
 * memory.  Run from the repository root.
 */
#include "../../src/core/xml.h"
#include "../../src/read/reader.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#define XDIR "tests/data/xml/"
#define CSAT "templates/forms/csat.xml"

/* ---- helpers ---------------------------------------------------------- */

static char *temp_path(const char *tag)
{
    static char path[256];

    snprintf(path, sizeof(path), "/tmp/test_xml-%ld-%s.xml", (long)getpid(),
             tag);
    return path;
}

static void write_file(const char *path, const char *data, size_t n)
{
    FILE *fp = fopen(path, "wb");

    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, n, fp), n);
    assert_int_equal(fclose(fp), 0);
}

/* What the layer's callbacks saw. */
struct seen {
    int starts;
    int ends;
    int max_depth;
    long lines[16]; /* line of each start tag */
    long cols[16];
    char text[256];
    size_t textlen; /* all text bytes, even beyond text[] */
    int text_calls;
    const char *pause_at; /* element name whose start pauses, or NULL */
    const char *fail_at;  /* element name whose start fails, or NULL */
};

static enum sr_status seen_start(void *ctx, struct sr_xml *x, const char *name,
                                 const char *const *attr)
{
    struct seen *s = ctx;

    (void)attr;
    if (s->starts < 16) {
        s->lines[s->starts] = sr_xml_line(x);
        s->cols[s->starts] = sr_xml_col(x);
    }
    s->starts++;
    if (sr_xml_depth(x) > s->max_depth)
        s->max_depth = sr_xml_depth(x);
    if (s->fail_at && strcmp(name, s->fail_at) == 0)
        return sr_xml_error(x, SR_ERR_CONFIG, "element '%s' is bad", name);
    if (s->pause_at && strcmp(name, s->pause_at) == 0)
        sr_xml_pause(x);
    return SR_OK;
}

static enum sr_status seen_end(void *ctx, struct sr_xml *x, const char *name)
{
    struct seen *s = ctx;

    (void)x;
    (void)name;
    s->ends++;
    return SR_OK;
}

static enum sr_status seen_text(void *ctx, struct sr_xml *x, const char *t,
                                size_t n)
{
    struct seen *s = ctx;
    size_t room =
        sizeof(s->text) - 1 -
        (s->textlen < sizeof(s->text) - 1 ? s->textlen : sizeof(s->text) - 1);

    (void)x;
    if (s->textlen < sizeof(s->text) - 1)
        memcpy(s->text + s->textlen, t, n < room ? n : room);
    s->textlen += n;
    if (s->textlen < sizeof(s->text))
        s->text[s->textlen] = '\0';
    else
        s->text[sizeof(s->text) - 1] = '\0';
    s->text_calls++;
    return SR_OK;
}

static struct sr_xml_handlers seen_handlers(struct seen *s)
{
    struct sr_xml_handlers h;

    memset(s, 0, sizeof(*s));
    memset(&h, 0, sizeof(h));
    h.start = seen_start;
    h.end = seen_end;
    h.text = seen_text;
    h.ctx = s;
    return h;
}

static enum sr_status parse_str(const char *xml, struct seen *s,
                                struct sr_diag *d)
{
    struct sr_xml_handlers h = seen_handlers(s);

    sr_diag_clear(d);
    return sr_xml_parse_mem("mem.xml", xml, strlen(xml), &h, d);
}

/* ---- the layer -------------------------------------------------------- */

static void test_layer_events(void **state)
{
    static const char xml[] = "<?xml version=\"1.0\"?>\n"
                              "<a x=\"1\">\n"
                              "  <b>t&amp;u</b><c/>\n"
                              "</a>\n";
    struct seen s;
    struct sr_diag d;

    (void)state;
    assert_int_equal(parse_str(xml, &s, &d), SR_OK);
    assert_int_equal(s.starts, 3);
    assert_int_equal(s.ends, 3);
    assert_int_equal(s.max_depth, 2);
    assert_int_equal(s.lines[0], 2);
    assert_int_equal(s.cols[0], 1);
    assert_int_equal(s.lines[1], 3);
    assert_int_equal(s.cols[1], 3);
    assert_int_equal(s.lines[2], 3);
    assert_int_equal(s.cols[2], 17);
    assert_non_null(strstr(s.text, "t&u"));
    /* a UTF-8 byte order mark is fine */
    assert_int_equal(parse_str("\xEF\xBB\xBF<a>\xE7\x94\xB2</a>", &s, &d),
                     SR_OK);
    assert_string_equal(s.text, "甲");
}

static enum sr_status attr_start(void *ctx, struct sr_xml *x, const char *name,
                                 const char *const *attr)
{
    char *out = ctx;
    size_t n;

    (void)x;
    (void)name;
    for (; *attr; attr += 2) {
        n = strlen(out);
        snprintf(out + n, 128 - n, "%s=%s;", attr[0], attr[1]);
    }
    return SR_OK;
}

static void test_layer_attrs(void **state)
{
    static const char xml[] = "<r id='甲' b=\"x&lt;y\"><s c=''/></r>";
    struct sr_xml_handlers h;
    struct sr_diag d;
    char out[128] = "";

    (void)state;
    memset(&h, 0, sizeof(h));
    h.start = attr_start;
    h.ctx = out;
    assert_int_equal(sr_xml_parse_mem(NULL, xml, strlen(xml), &h, &d), SR_OK);
    assert_string_equal(out, "id=甲;b=x<y;c=;");
}

static void test_layer_pause(void **state)
{
    static const char xml[] = "<r><e/><e>1</e>\n<e/></r>";
    struct sr_xml_handlers h;
    struct sr_xml *x;
    struct seen s;
    struct sr_diag d;
    int pauses = 0;
    enum sr_status st;

    (void)state;
    h = seen_handlers(&s);
    s.pause_at = "e";
    sr_diag_clear(&d);
    assert_int_equal(sr_xml_open_mem(&x, "p.xml", xml, strlen(xml), &h, &d),
                     SR_OK);
    assert_string_equal(sr_xml_name(x), "p.xml");
    for (st = sr_xml_step(x, &d); st == SR_OK; st = sr_xml_step(x, &d)) {
        pauses++;
        /* each pause comes right after the start of the next <e> */
        assert_int_equal(s.starts, 1 + pauses);
        assert_int_equal(sr_xml_line(x), pauses == 3 ? 2 : 1);
    }
    assert_int_equal(st, SR_DONE);
    assert_int_equal(pauses, 3);
    assert_int_equal(s.ends, 4);
    assert_int_equal(sr_xml_step(x, &d), SR_DONE);
    sr_xml_free(x);
}

static void test_layer_callback_error(void **state)
{
    static const char xml[] = "<r>\n  <ok/>\n  <bad/>\n  <never/>\n</r>";
    struct sr_xml_handlers h;
    struct sr_xml *x;
    struct seen s;
    struct sr_diag d;
    char msg[1200];

    (void)state;
    h = seen_handlers(&s);
    s.fail_at = "bad";
    assert_int_equal(sr_xml_open_mem(&x, "f.xml", xml, strlen(xml), &h, &d),
                     SR_OK);
    sr_diag_clear(&d);
    assert_int_equal(sr_xml_step(x, &d), SR_ERR_CONFIG);
    assert_int_equal(d.code, SR_ERR_CONFIG);
    assert_string_equal(sr_diag_format(&d, msg, sizeof(msg)),
                        "f.xml:3:3: element 'bad' is bad");
    assert_int_equal(s.starts, 3);
    /* sticky */
    sr_diag_clear(&d);
    assert_int_equal(sr_xml_step(x, &d), SR_ERR_CONFIG);
    assert_string_equal(d.msg, "element 'bad' is bad");
    assert_int_equal(s.starts, 3);
    sr_xml_free(x);
}

static void test_layer_not_well_formed(void **state)
{
    struct seen s;
    struct sr_diag d;

    (void)state;
    assert_int_equal(parse_str("<a>\n<b></a>", &s, &d), SR_ERR_PARSE);
    assert_string_equal(d.file, "mem.xml");
    assert_string_equal(d.msg, "mismatched tag");
    assert_int_equal(d.line, 2);
    assert_int_equal(d.col, 6);
    assert_int_equal(parse_str("", &s, &d), SR_ERR_PARSE);
    assert_string_equal(d.msg, "no element found");
    assert_int_equal(parse_str("<a>", &s, &d), SR_ERR_PARSE);
    assert_string_equal(d.msg, "no element found");
    assert_int_equal(parse_str("<a/><b/>", &s, &d), SR_ERR_PARSE);
    assert_string_equal(d.msg, "junk after document element");
    assert_int_equal(parse_str("<a>&xxe;</a>", &s, &d), SR_ERR_PARSE);
    assert_string_equal(d.msg, "undefined entity");
    assert_int_equal(d.col, 4);
}

static void test_layer_doctype(void **state)
{
    static const char *const attacks[] = {
        "<!DOCTYPE r [<!ENTITY a \"aaaaaaaa\">]><r>&a;</r>",
        "<!DOCTYPE r SYSTEM \"http://127.0.0.1:9/x.dtd\"><r/>",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "
        "\"file:///etc/passwd\">]><r>&x;</r>",
        "<!DOCTYPE r [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><r/>",
        "<!DOCTYPE r><r/>",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(attacks) / sizeof(attacks[0]); i++) {
        struct seen s;
        struct sr_diag d;

        assert_int_equal(parse_str(attacks[i], &s, &d), SR_ERR_PARSE);
        assert_string_equal(d.msg, "DOCTYPE is not allowed");
        assert_int_equal(d.line, i == 2 ? 2 : 1);
        /* refused before any element was seen */
        assert_int_equal(s.starts, 0);
        assert_int_equal(s.textlen, 0);
    }
}

static char *nested(int depth)
{
    char *s = malloc((size_t)depth * 8 + 1);
    size_t n = 0;
    int i;

    assert_non_null(s);
    for (i = 0; i < depth; i++) {
        memcpy(s + n, "<e>", 3);
        n += 3;
    }
    for (i = 0; i < depth; i++) {
        memcpy(s + n, "</e>", 4);
        n += 4;
    }
    s[n] = '\0';
    return s;
}

static void test_layer_depth(void **state)
{
    struct seen s;
    struct sr_diag d;
    char *ok = nested(SR_XML_MAX_DEPTH);
    char *deep = nested(SR_XML_MAX_DEPTH + 1);

    (void)state;
    assert_int_equal(parse_str(ok, &s, &d), SR_OK);
    assert_int_equal(s.max_depth, SR_XML_MAX_DEPTH);
    assert_int_equal(parse_str(deep, &s, &d), SR_ERR_PARSE);
    assert_string_equal(d.msg,
                        "elements nested deeper than 64 (limit: XML depth)");
    assert_int_equal(d.line, 1);
    assert_int_equal(d.col, 3 * SR_XML_MAX_DEPTH + 1);
    assert_int_equal(s.starts, SR_XML_MAX_DEPTH);
    free(ok);
    free(deep);
}

/* Text and tags that straddle the 64 KiB chunks come out whole. */
static void test_layer_chunks(void **state)
{
    const size_t big = 3 * SR_XML_CHUNK + 123;
    char *xml = malloc(big + 64);
    char *path = temp_path("chunks");
    struct sr_xml_handlers h;
    struct seen s;
    struct sr_diag d;
    size_t n;

    (void)state;
    assert_non_null(xml);
    n = (size_t)snprintf(xml, 64, "<r>\n<t>");
    memset(xml + n, 'x', big);
    n += big;
    memcpy(xml + n, "</t>\n<u/></r>\n", 14);
    n += 14;
    write_file(path, xml, n);
    h = seen_handlers(&s);
    assert_int_equal(sr_xml_parse_file(path, &h, &d), SR_OK);
    assert_int_equal(s.textlen, big + 2); /* and two newlines */
    assert_true(s.text_calls > 1);
    assert_int_equal(s.starts, 3);
    assert_int_equal(s.lines[2], 3);
    unlink(path);
    free(xml);
}

static void test_layer_missing_file(void **state)
{
    struct sr_xml *x = (struct sr_xml *)&x;
    struct seen s;
    struct sr_xml_handlers h = seen_handlers(&s);
    struct sr_diag d;

    (void)state;
    assert_int_equal(sr_xml_open(&x, XDIR "no-such.xml", &h, &d), SR_ERR_IO);
    assert_null(x);
    assert_string_equal(d.file, XDIR "no-such.xml");
    assert_string_equal(d.msg, "cannot open file: No such file or directory");
    assert_int_equal(sr_xml_parse_file(XDIR "no-such.xml", &h, &d), SR_ERR_IO);
    sr_xml_free(NULL);
}

/* ---- the reader ------------------------------------------------------- */

static int setup_tmpl(void **state)
{
    struct sr_template *t;
    struct sr_diag d;

    if (sr_template_load(CSAT, &t, &d) != SR_OK)
        return -1;
    *state = t;
    return 0;
}

static int teardown_tmpl(void **state)
{
    sr_template_free(*state);
    return 0;
}

static struct sr_xmlr *open_reader(const struct sr_template *t,
                                   const char *path)
{
    struct sr_read_opts o = { SR_ENC_AUTO };
    struct sr_xmlr *r = NULL;
    struct sr_diag d;

    sr_diag_clear(&d);
    assert_int_equal(sr_xmlr_open(&r, path, t, &o, &d), SR_OK);
    assert_non_null(r);
    return r;
}

static const char *val(const struct sr_template *t, const struct sr_rawform *f,
                       const char *id)
{
    int slot = sr_template_slot(t, id);

    assert_true(slot >= 0);
    return f->values[slot];
}

static void test_reader_multi(void **state)
{
    const struct sr_template *t = *state;
    struct sr_xmlr *r = open_reader(t, XDIR "multi.xml");
    struct sr_rawform f;
    struct sr_diag d;

    sr_diag_clear(&d);
    assert_int_equal(sr_xmlr_next(r, &f, &d), SR_OK);
    assert_string_equal(f.file, XDIR "multi.xml");
    assert_int_equal(f.line, 3);
    assert_int_equal(f.nslots, t->nslots);
    assert_null(f.problem);
    assert_string_equal(val(t, &f, "form_id"), "F2026000001");
    assert_string_equal(val(t, &f, "customer_id"), "KH000123");
    assert_string_equal(val(t, &f, "region"), "华东");
    assert_null(val(t, &f, "industry"));
    assert_string_equal(val(t, &f, "Q1"), "5");
    assert_string_equal(val(t, &f, "Q2"), "满意");
    assert_string_equal(val(t, &f, "Q3"), ""); /* present, empty */
    assert_null(val(t, &f, "Q4"));             /* absent */
    assert_string_equal(val(t, &f, "plan"), "2");
    assert_string_equal(val(t, &f, "improve"), "1;3");
    assert_string_equal(val(t, &f, "C1"), "客服响应很快,但套餐价格偏高");
    assert_null(val(t, &f, "C2"));

    assert_int_equal(sr_xmlr_next(r, &f, &d), SR_OK);
    assert_int_equal(f.line, 14);
    assert_null(f.problem);
    assert_string_equal(val(t, &f, "form_id"), "F2026000002");
    assert_string_equal(val(t, &f, "Q1"), "4"); /* CDATA */
    assert_string_equal(val(t, &f, "C1"), "a & b <c>\n第二行");
    /* a multiple choice answered twice: joined */
    assert_string_equal(val(t, &f, "improve"), "1;4");
    assert_string_equal(val(t, &f, "Q21"), "");
    /* nothing leaks over from the first form */
    assert_null(val(t, &f, "customer_id"));
    assert_null(val(t, &f, "Q2"));
    assert_null(val(t, &f, "plan"));

    assert_int_equal(sr_xmlr_next(r, &f, &d), SR_OK);
    assert_int_equal(f.line, 21);
    assert_string_equal(val(t, &f, "form_id"), "F2026000003");
    assert_null(val(t, &f, "Q1"));
    assert_null(val(t, &f, "C1"));

    assert_int_equal(sr_xmlr_next(r, &f, &d), SR_DONE);
    assert_int_equal(sr_xmlr_next(r, &f, &d), SR_DONE);
    sr_xmlr_free(r);
}

static void test_reader_single(void **state)
{
    const struct sr_template *t = *state;
    struct sr_xmlr *r = open_reader(t, XDIR "single.xml");
    struct sr_rawform f;
    struct sr_diag d;

    assert_int_equal(sr_xmlr_next(r, &f, &d), SR_OK);
    assert_int_equal(f.line, 3);
    assert_null(f.problem);
    assert_string_equal(val(t, &f, "form_id"), "F1");
    assert_string_equal(val(t, &f, "overall"), "4");
    assert_int_equal(sr_xmlr_next(r, &f, &d), SR_DONE);
    sr_xmlr_free(r);
}

static void test_reader_problems(void **state)
{
    static const struct {
        long line;
        const char *problem; /* NULL = accepted */
        const char *field;
    } want[] = {
        { 2, "unknown field 'Q99'", "Q99" },
        { 6, "field 'Q1' given twice", "Q1" },
        { 12, "unknown element 'note' in 'form'", "" },
        { 16, "unknown element 'meta' in 'forms'", "" },
        { 17, "unexpected element 'b' in a value", "Q1" },
        { 20, "missing attribute 'item' on 'answer'", "" },
        { 23, "unexpected text in 'form'", "" },
        { 27, NULL, NULL },
    };
    const struct sr_template *t = *state;
    struct sr_xmlr *r = open_reader(t, XDIR "problems.xml");
    struct sr_rawform f;
    struct sr_diag d;
    size_t i;

    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        assert_int_equal(sr_xmlr_next(r, &f, &d), SR_OK);
        assert_int_equal(f.line, want[i].line);
        if (!want[i].problem) {
            assert_null(f.problem);
            continue;
        }
        assert_non_null(f.problem);
        assert_string_equal(f.problem, want[i].problem);
        assert_string_equal(f.problem_field, want[i].field);
    }
    assert_int_equal(sr_xmlr_next(r, &f, &d), SR_DONE);
    sr_xmlr_free(r);
}

static void test_reader_malformed(void **state)
{
    const struct sr_template *t = *state;
    struct sr_xmlr *r = open_reader(t, XDIR "malformed.xml");
    struct sr_rawform f;
    struct sr_diag d;
    char msg[1200];

    sr_diag_clear(&d);
    assert_int_equal(sr_xmlr_next(r, &f, &d), SR_OK);
    assert_string_equal(val(t, &f, "form_id"), "M1");
    assert_int_equal(sr_xmlr_next(r, &f, &d), SR_OK);
    assert_string_equal(val(t, &f, "form_id"), "M2");
    assert_int_equal(sr_xmlr_next(r, &f, &d), SR_ERR_PARSE);
    assert_string_equal(sr_diag_format(&d, msg, sizeof(msg)),
                        XDIR "malformed.xml:9:29: mismatched tag");
    sr_diag_clear(&d);
    assert_int_equal(sr_xmlr_next(r, &f, &d), SR_ERR_PARSE);
    assert_int_equal(d.line, 9);
    sr_xmlr_free(r);
}

/* A whole-file error, or no form at all: sr_xmlr_next() fails at once. */
static void check_refused(const struct sr_template *t, const char *path,
                          long line, long col, const char *msg)
{
    struct sr_xmlr *r = open_reader(t, path);
    struct sr_rawform f;
    struct sr_diag d;

    memset(&f, 0, sizeof(f));
    sr_diag_clear(&d);
    assert_int_equal(sr_xmlr_next(r, &f, &d), SR_ERR_PARSE);
    assert_int_equal(d.code, SR_ERR_PARSE);
    assert_string_equal(d.file, path);
    assert_string_equal(d.msg, msg);
    assert_int_equal(d.line, line);
    assert_int_equal(d.col, col);
    assert_null(f.values);
    sr_xmlr_free(r);
}

static void test_reader_refusals(void **state)
{
    const struct sr_template *t = *state;

    check_refused(t, XDIR "wrong-survey.xml", 2, 0,
                  "forms are for survey 'nps', the template is 'csat'");
    check_refused(t, XDIR "wrong-root.xml", 2, 1,
                  "root element is 'survey', expected 'forms' or 'form'");
    check_refused(t, XDIR "empty.xml", 1, 1, "no element found");
    check_refused(t, XDIR "doctype-entity.xml", 2, 17,
                  "DOCTYPE is not allowed");
    check_refused(t, XDIR "external-entity.xml", 2, 17,
                  "DOCTYPE is not allowed");
    check_refused(t, XDIR "undefined-entity.xml", 2, 29, "undefined entity");
}

static void test_reader_deep(void **state)
{
    const struct sr_template *t = *state;
    char *path = temp_path("deep");
    char *inner = nested(70);
    char *xml = malloc(strlen(inner) + 128);
    int n;

    assert_non_null(xml);
    n = snprintf(xml, strlen(inner) + 128,
                 "<forms survey=\"csat\">\n<form>%s</form>\n</forms>\n", inner);
    write_file(path, xml, (size_t)n);
    check_refused(t, path, 2, 7 + 3 * (SR_XML_MAX_DEPTH - 2),
                  "elements nested deeper than 64 (limit: XML depth)");
    unlink(path);
    free(inner);
    free(xml);
}

static void test_reader_no_forms(void **state)
{
    const struct sr_template *t = *state;
    char *path = temp_path("none");
    static const char xml[] = "<forms survey=\"csat\">\n  <!-- none -->\n"
                              "</forms>\n";
    struct sr_xmlr *r;
    struct sr_rawform f;
    struct sr_diag d;

    write_file(path, xml, strlen(xml));
    r = open_reader(t, path);
    assert_int_equal(sr_xmlr_next(r, &f, &d), SR_DONE);
    sr_xmlr_free(r);
    unlink(path);
}

static void test_reader_missing_file(void **state)
{
    const struct sr_template *t = *state;
    struct sr_read_opts o = { SR_ENC_AUTO };
    struct sr_xmlr *r = (struct sr_xmlr *)&r;
    struct sr_diag d;

    assert_int_equal(sr_xmlr_open(&r, XDIR "no-such.xml", t, &o, &d),
                     SR_ERR_IO);
    assert_null(r);
    sr_xmlr_free(NULL);
}

static long peak_rss_kb(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* 200,000 forms: every one handed out, in bounded memory. */
static void test_reader_large(void **state)
{
    const struct sr_template *t = *state;
    const long nforms = 200000;
    char *path = temp_path("large");
    FILE *fp = fopen(path, "wb");
    struct sr_xmlr *r;
    struct sr_rawform f;
    struct sr_diag d;
    enum sr_status s;
    long i;
    long n = 0;
    long rss0;
    long grown;
    clock_t c0;
    double secs;

    assert_non_null(fp);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<forms "
          "survey=\"csat\">\n",
          fp);
    for (i = 0; i < nforms; i++)
        fprintf(fp,
                "<form>\n<field id=\"form_id\">F%08ld</field>"
                "<field id=\"region\">华东</field>"
                "<answer item=\"Q1\">%ld</answer>"
                "<answer item=\"Q2\">满意</answer>"
                "<answer item=\"recommend\">%ld</answer>"
                "<comment item=\"C1\">意见 %ld</comment>\n</form>\n",
                i, 1 + i % 5, i % 11, i);
    fputs("</forms>\n", fp);
    assert_int_equal(fclose(fp), 0);

    rss0 = peak_rss_kb();
    c0 = clock();
    r = open_reader(t, path);
    for (s = sr_xmlr_next(r, &f, &d); s == SR_OK; s = sr_xmlr_next(r, &f, &d)) {
        if (n % 50000 == 0 || n == nforms - 1) {
            char want[16];

            snprintf(want, sizeof(want), "F%08ld", n);
            assert_string_equal(val(t, &f, "form_id"), want);
            assert_int_equal(f.line, 3 + 3 * n);
        }
        assert_null(f.problem);
        n++;
    }
    assert_int_equal(s, SR_DONE);
    assert_int_equal(n, nforms);
    sr_xmlr_free(r);
    secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
    grown = peak_rss_kb() - rss0;
    print_message("%ld forms in %.2f s, peak RSS grew %ld KiB\n", n, secs,
                  grown);
    /* the file is ~45 MB; memory must not follow it */
    assert_true(grown < 16 * 1024);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layer_events),
        cmocka_unit_test(test_layer_attrs),
        cmocka_unit_test(test_layer_pause),
        cmocka_unit_test(test_layer_callback_error),
        cmocka_unit_test(test_layer_not_well_formed),
        cmocka_unit_test(test_layer_doctype),
        cmocka_unit_test(test_layer_depth),
        cmocka_unit_test(test_layer_chunks),
        cmocka_unit_test(test_layer_missing_file),
        cmocka_unit_test_setup_teardown(test_reader_multi, setup_tmpl,
                                        teardown_tmpl),
        cmocka_unit_test_setup_teardown(test_reader_single, setup_tmpl,
                                        teardown_tmpl),
        cmocka_unit_test_setup_teardown(test_reader_problems, setup_tmpl,
                                        teardown_tmpl),
        cmocka_unit_test_setup_teardown(test_reader_malformed, setup_tmpl,
                                        teardown_tmpl),
        cmocka_unit_test_setup_teardown(test_reader_refusals, setup_tmpl,
                                        teardown_tmpl),
        cmocka_unit_test_setup_teardown(test_reader_deep, setup_tmpl,
                                        teardown_tmpl),
        cmocka_unit_test_setup_teardown(test_reader_no_forms, setup_tmpl,
                                        teardown_tmpl),
        cmocka_unit_test_setup_teardown(test_reader_missing_file, setup_tmpl,
                                        teardown_tmpl),
        cmocka_unit_test_setup_teardown(test_reader_large, setup_tmpl,
                                        teardown_tmpl),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
