/* SPDX-License-Identifier: MIT */
/*
 * test_mapping.c - unit tests of the mapping loader, the element trees and
 * paths (src/read/mapping.c) and the mapped XML reader (src/read/mapped.c):
 * every refusal of a bad mapping with its file:line, paths with
 * predicates and namespaces, FHIR-like attribute values, LimeSurvey .lsr
 * rows with SGQA names and CDATA, ODK instances with edits.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../src/core/buf.h"
#include "../../src/core/log.h"
#include "../../src/core/mem.h"
#include "../../src/core/template.h"
#include "../../src/core/xml.h"
#include "../../src/read/mapping.h"
#include "../../src/read/mapping_impl.h"
#include "../../src/read/reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* --- scaffolding ---------------------------------------------------------- */

static char tmpdir[64];
static char *made[128];
static size_t nmade;

static const char *put_str(const char *name, const char *s)
{
    struct sr_buf path = SR_BUF_INIT;
    FILE *fp;
    size_t i;

    sr_buf_addf(&path, "%s/%s", tmpdir, name);
    for (i = 0; i < nmade; i++)
        if (!strcmp(made[i], path.buf)) {
            free(made[i]);
            made[i] = made[--nmade];
            break;
        }
    fp = fopen(path.buf, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(s, 1, strlen(s), fp), strlen(s));
    assert_int_equal(fclose(fp), 0);
    made[nmade] = sr_buf_detach(&path);
    return made[nmade++];
}

static const char template_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<survey id=\"t\" version=\"1\" title=\"测试\">\n"
    "  <scale id=\"s5\" min=\"1\" max=\"5\">\n"
    "    <point value=\"1\" label=\"很不满意\"/><point value=\"5\" "
    "label=\"很满意\"/>\n"
    "    <missing label=\"不适用\"/>\n"
    "  </scale>\n"
    "  <fields>\n"
    "    <field id=\"form_id\" role=\"form-id\" required=\"true\"/>\n"
    "    <field id=\"survey_date\" role=\"date\" required=\"true\"/>\n"
    "    <field id=\"region\" role=\"segment\"/>\n"
    "  </fields>\n"
    "  <item id=\"Q1\" scale=\"s5\"/><item id=\"Q2\" scale=\"s5\"/>\n"
    "  <choice id=\"plan\"><option value=\"1\" label=\"个人\"/>"
    "<option value=\"2\" label=\"家庭\"/></choice>\n"
    "  <choice id=\"modes\" multiple=\"true\"><option value=\"bus\"/>"
    "<option value=\"taxi\"/><option value=\"other\"/></choice>\n"
    "  <comment id=\"C1\"/>\n"
    "</survey>\n";

static struct sr_template *tmpl;

static int setup(void **state)
{
    struct sr_diag d;

    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/sr-test-mapping-XXXXXX");
    sr_log_set_quiet(true);
    if (!mkdtemp(tmpdir))
        return -1;
    return sr_template_load(put_str("t.xml", template_xml), &tmpl, &d) == SR_OK
               ? 0
               : -1;
}

static int teardown(void **state)
{
    size_t i;

    (void)state;
    sr_template_free(tmpl);
    for (i = 0; i < nmade; i++) {
        unlink(made[i]);
        free(made[i]);
    }
    return rmdir(tmpdir);
}

#define MAP_HEAD "<?xml version=\"1.0\"?>\n<mapping template=\"t\">\n"
#define IDS                                     \
    "  <field id=\"form_id\" column=\"id\"/>\n" \
    "  <field id=\"survey_date\" value=\"2026-01-01\"/>\n"

/* Load @text as a mapping: the status, the diagnostic in @d. */
static enum sr_status load(const char *text, struct sr_diag *d)
{
    struct sr_mapping *m = NULL;
    enum sr_status s;

    sr_diag_clear(d);
    s = sr_mapping_load(put_str("m.xml", text), tmpl, &m, d);
    assert_true(s == SR_OK ? m != NULL : m == NULL);
    sr_mapping_free(m);
    return s;
}

/* Expect @text refused at @line with a message containing @msg. */
static void refused(const char *text, long line, const char *msg)
{
    struct sr_diag d;

    assert_int_equal(load(text, &d), SR_ERR_CONFIG);
    if (!strstr(d.msg, msg) || d.line != line)
        fail_msg("line %ld, '%s'; want line %ld, '%s'", d.line, d.msg, line,
                 msg);
    assert_non_null(strstr(d.file, "m.xml"));
}

/* --- the loader ----------------------------------------------------------- */

static void test_load_errors(void **state)
{
    struct sr_mapping *m;
    struct sr_diag d;

    (void)state;
    assert_int_equal(load(MAP_HEAD IDS "</mapping>\n", &d), SR_OK);
    refused(MAP_HEAD IDS "  <item id=\"Q9\" column=\"x\"/>\n</mapping>\n", 5,
            "unknown id 'Q9': not in form template 't'");
    refused(MAP_HEAD IDS "  <item id=\"plan\" column=\"x\"/>\n</mapping>\n", 5,
            "'plan' is a choice of form template 't', not an item");
    refused(MAP_HEAD IDS "  <item id=\"Q1\" colum=\"x\"/>\n</mapping>\n", 5,
            "unknown attribute 'colum' on 'item'");
    refused(MAP_HEAD IDS "  <items/>\n</mapping>\n", 5,
            "unknown element 'items' in 'mapping'");
    refused(MAP_HEAD IDS "  <item id=\"Q1\"/>\n</mapping>\n", 5,
            "'Q1' has no source");
    refused(MAP_HEAD IDS "  <item id=\"Q1\" column=\"a\" position=\"2\"/>\n"
                         "</mapping>\n",
            5, "not 'column' and 'position'");
    refused(MAP_HEAD IDS
            "  <item id=\"Q1\" column=\"a\"><value from=\"x\" to=\"6\"/>"
            "</item>\n</mapping>\n",
            5, "gives '6', not a point of scale 's5' (1..5)");
    refused(MAP_HEAD IDS
            "  <item id=\"Q1\" column=\"a\"><value from=\"x\" to=\"满意\"/>"
            "</item>\n</mapping>\n",
            5, "neither a number nor a label of scale 's5'");
    refused(MAP_HEAD IDS
            "  <choice id=\"plan\" column=\"a\"><value from=\"x\" to=\"3\"/>"
            "</choice>\n</mapping>\n",
            5, "gives '3', which is not an option of it");
    refused(MAP_HEAD IDS "  <item id=\"Q1\" column=\"a\"/>\n"
                         "  <item id=\"Q1\" column=\"b\"/>\n</mapping>\n",
            6, "'Q1' mapped twice (first at line 5)");
    refused(MAP_HEAD IDS "  <item id=\"Q1\" column=\"a\" values=\"v\"/>\n"
                         "</mapping>\n",
            5, "no values 'v' in the mapping");
    refused(MAP_HEAD "  <field id=\"form_id\" column=\"id\"/>\n</mapping>\n", 2,
            "required field 'survey_date' of form template 't' is not "
            "mapped");
    refused("<?xml version=\"1.0\"?>\n<mapping template=\"u\">\n" IDS
            "</mapping>\n",
            2, "mapping is for form template 'u', not 't'");
    refused(MAP_HEAD IDS "  <item id=\"Q1\" path=\"a/b\"/>\n</mapping>\n", 5,
            "'path' is for XML mappings");
    refused(MAP_HEAD "  <xml record=\"/r\"/>\n" IDS "</mapping>\n", 4,
            "'column' is for CSV mappings");
    refused(MAP_HEAD "  <xml record=\"/r\"/>\n"
                     "  <field id=\"form_id\" path=\"a[b='1'/c\"/>\n"
                     "</mapping>\n",
            4, "path 'a[b='1'/c': ']' expected at character 8");
    refused(MAP_HEAD "  <xml record=\"r\"/>\n</mapping>\n", 3,
            "record path 'r' must start with '/'");
    refused(MAP_HEAD IDS "  <item id=\"Q1\" code=\"x\"/>\n</mapping>\n", 5,
            "'code' needs <codes row=\"...\"/>");
    refused(MAP_HEAD "  <csv separator=\"ab\"/>\n" IDS "</mapping>\n", 3,
            "separator 'ab' is not one ASCII character");
    refused(MAP_HEAD "  <csv encoding=\"latin1\"/>\n" IDS "</mapping>\n", 3,
            "unknown encoding 'latin1'");
    refused(MAP_HEAD "  <csv header-rows=\"99\"/>\n" IDS "</mapping>\n", 3,
            "header-rows '99' is not 0..16");
    refused(MAP_HEAD IDS "  <item id=\"Q1\" column=\"a\" rescale=\"0-10\"/>\n"
                         "</mapping>\n",
            5, "rescale '0-10': want FROM..TO");
    refused(MAP_HEAD IDS "  <field id=\"region\" value=\"{who}\"/>\n"
                         "</mapping>\n",
            5, "unknown placeholder in '{who}'");
    refused(MAP_HEAD IDS "  <item id=\"Q1\" column=\"a\" date=\"ymd\"/>\n"
                         "</mapping>\n",
            5, "'date' is for fields, not 'item'");
    refused(MAP_HEAD IDS "  <choice id=\"plan\"><option value=\"9\" "
                         "column=\"a\"/></choice>\n</mapping>\n",
            5, "'9' is not an option of choice 'plan'");
    refused(MAP_HEAD IDS "  <choice id=\"plan\" column=\"a\"><other "
                         "prefix=\"x\" option=\"个人\" comment=\"Q1\"/>"
                         "</choice>\n</mapping>\n",
            5, "'Q1' is not a comment of form template 't'");
    refused(MAP_HEAD IDS "<oops>\n</mapping>\n", 6, "mismatched tag");
    refused("<?xml version=\"1.0\"?>\n<mapper/>\n", 2,
            "root element is 'mapper', not 'mapping'");
    assert_int_equal(sr_mapping_load("/nonexistent/m.xml", tmpl, &m, &d),
                     SR_ERR_IO);
    assert_null(m);
}

static void test_form_path(void **state)
{
    struct sr_diag d;
    char *form;

    (void)state;
    assert_int_equal(
        sr_mapping_form_path(put_str("f.xml", "<mapping form=\"x/t.xml\" "
                                              "template=\"t\"/>"),
                             &form, &d),
        SR_OK);
    assert_non_null(form);
    assert_non_null(strstr(form, "/x/t.xml"));
    assert_int_equal(strncmp(form, tmpdir, strlen(tmpdir)), 0);
    free(form);
    assert_int_equal(
        sr_mapping_form_path(put_str("f.xml", "<mapping/>"), &form, &d), SR_OK);
    assert_null(form);
    assert_int_equal(
        sr_mapping_form_path(put_str("f.xml", "<mapping"), &form, &d),
        SR_ERR_CONFIG);
    assert_null(form);
}

/* --- trees and paths ------------------------------------------------------ */

static enum sr_status t_start(void *ctx, struct sr_xml *x, const char *name,
                              const char *const *attr)
{
    sr_mdom_start(ctx, name, attr, sr_xml_line(x));
    return SR_OK;
}

static enum sr_status t_end(void *ctx, struct sr_xml *x, const char *name)
{
    (void)x;
    (void)name;
    sr_mdom_end(ctx);
    return SR_OK;
}

static enum sr_status t_text(void *ctx, struct sr_xml *x, const char *s,
                             size_t n)
{
    (void)x;
    sr_mdom_text(ctx, s, n);
    return SR_OK;
}

static void join_value(void *ctx, struct sr_mnode *n, const char *value)
{
    struct sr_buf *b = ctx;

    (void)n;
    if (b->len)
        sr_buf_addch(b, '|');
    sr_buf_addstr(b, value);
}

/* The values @path reaches in @dom, joined by '|'. */
static const char *eval(struct sr_mdom *dom, const char *path, struct sr_buf *b)
{
    struct sr_mpath p;
    char err[128];

    sr_buf_reset(b);
    if (!sr_mpath_compile(path, &p, err, sizeof(err)))
        fail_msg("%s: %s", path, err);
    sr_mpath_eval(&p, dom->root, join_value, b);
    sr_mpath_release(&p);
    return b->buf;
}

static void test_paths(void **state)
{
    static const char doc[] =
        "<QR xmlns=\"http://hl7.org/fhir\" xmlns:x=\"urn:x\">"
        "<id value=\"gcs\"/>"
        "<item><linkId value=\"1\"/><answer><valueString value=\"a\"/>"
        "</answer>"
        "<item><linkId value=\"1.1\"/><answer><valueInteger value=\"4\"/>"
        "</answer></item></item>"
        "<item><linkId value=\"2\"/><x:note>t<![CDATA[<&>]]>u</x:note>"
        "<answer><valueString value=\"b\"/></answer></item>"
        "</QR>";
    struct sr_xml_handlers h = { t_start, t_end, t_text, NULL };
    struct sr_mdom dom;
    struct sr_buf b = SR_BUF_INIT;
    struct sr_mpath p;
    struct sr_diag d;
    char err[128];
    const char *const stack[] = { "document", "responses", "rows", "row" };

    (void)state;
    sr_mdom_init(&dom);
    h.ctx = &dom;
    assert_int_equal(sr_xml_parse_mem("doc", doc, strlen(doc), &h, &d), SR_OK);
    assert_string_equal(dom.root->name, "QR");
    assert_string_equal(eval(&dom, "id/@value", &b), "gcs");
    assert_string_equal(eval(&dom, "item/answer/valueString/@value", &b),
                        "a|b");
    assert_string_equal(
        eval(&dom, "item[linkId/@value='2']/answer/valueString/@value", &b),
        "b");
    assert_string_equal(eval(&dom,
                             "//item[linkId/@value=\"1.1\"]/answer/*/"
                             "@value",
                             &b),
                        "4");
    assert_string_equal(eval(&dom, "item/item/linkId/@value", &b), "1.1");
    assert_string_equal(eval(&dom, "item[note]/linkId/@value", &b), "2");
    assert_string_equal(eval(&dom, "item/note", &b), "t<&>u");
    assert_string_equal(eval(&dom, "item[linkId/@value='9']/answer", &b), "");
    assert_string_equal(eval(&dom, "id/@nope", &b), "");
    assert_string_equal(eval(&dom, "@xmlns", &b), "http://hl7.org/fhir");
    assert_true(dom.root->child->used); /* id was read */

    assert_false(sr_mpath_compile("", &p, err, sizeof(err)));
    assert_string_equal(err, "empty path");
    assert_false(sr_mpath_compile("a/@", &p, err, sizeof(err)));
    assert_false(sr_mpath_compile("a[b=c]", &p, err, sizeof(err)));
    assert_string_equal(err, "a quoted value must follow '=' at character 5");
    assert_false(sr_mpath_compile("a]", &p, err, sizeof(err)));

    assert_true(
        sr_mpath_compile("/document/responses/rows/row", &p, err, sizeof(err)));
    assert_true(sr_mpath_is_record(&p, stack, 4));
    assert_false(sr_mpath_is_record(&p, stack, 3));
    sr_mpath_release(&p);
    assert_true(sr_mpath_compile("//row", &p, err, sizeof(err)));
    assert_true(sr_mpath_is_record(&p, stack, 4));
    assert_false(sr_mpath_is_record(&p, stack, 2));
    sr_mpath_release(&p);
    assert_true(sr_mpath_compile("/*", &p, err, sizeof(err)));
    assert_true(sr_mpath_is_record(&p, stack, 1));
    assert_false(sr_mpath_is_record(&p, stack, 2));
    sr_mpath_release(&p);
    sr_mdom_release(&dom);
    sr_buf_release(&b);
}

/* --- the XML reader ------------------------------------------------------- */

static void show_form(const struct sr_rawform *f, struct sr_buf *out)
{
    size_t i;

    sr_buf_addf(out, "%ld|%s", f->line, f->problem ? f->problem : "");
    for (i = 0; i < f->nslots; i++)
        if (f->values[i])
            sr_buf_addf(out, "|%s=%s", tmpl->slots[i].id, f->values[i]);
    sr_buf_addch(out, '\n');
}

/* Read @paths through the mapping at @mp (scanned first); forms into @out.
 * Returns the first status that is not SR_OK/SR_DONE, or SR_OK. */
static enum sr_status read_xml(const char *mp, const char *const *paths,
                               size_t n, struct sr_buf *out, struct sr_diag *d)
{
    struct sr_mapping *m;
    struct sr_read_opts o;
    enum sr_status s;
    size_t i;

    sr_buf_reset(out);
    s = sr_mapping_load(mp, tmpl, &m, d);
    if (s != SR_OK)
        return s;
    assert_true(sr_mapping_is_xml(m));
    assert_string_equal(sr_mapping_path(m), mp);
    assert_int_equal(sr_mapping_scan(m, paths, n, d), SR_OK);
    memset(&o, 0, sizeof(o));
    o.mapping = m;
    for (i = 0; i < n && s == SR_OK; i++) {
        struct sr_reader *r;
        struct sr_rawform f;

        s = sr_reader_open(&r, paths[i], tmpl, &o, d);
        if (s != SR_OK)
            break;
        while ((s = sr_reader_next(r, &f, d)) == SR_OK)
            show_form(&f, out);
        if (s == SR_DONE)
            s = SR_OK;
        sr_reader_free(r);
    }
    sr_mapping_free(m);
    return s;
}

/* LimeSurvey .lsr: rows of a table dump, SGQA names, CDATA everywhere */
static void test_lsr(void **state)
{
    static const char lsr[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<document>\n"
        " <LimeSurveyDocType>Responses</LimeSurveyDocType>\n"
        " <DBVersion>495</DBVersion>\n"
        " <languages><language>en</language></languages>\n"
        " <responses>\n"
        "  <fields><fieldname>id</fieldname></fields>\n"
        "  <rows>\n"
        "   <row>\n"
        "    <id><![CDATA[1]]></id>\n"
        "    <submitdate><![CDATA[2023-05-02 10:11:12]]></submitdate>\n"
        "    <_811344X1370X17130><![CDATA[2]]></_811344X1370X17130>\n"
        "    <_811344X1370X17131subQuestion1><![CDATA[A5]]>"
        "</_811344X1370X17131subQuestion1>\n"
        "    <_811344X1370X17135><![CDATA[a ]] > b & <c>]]>"
        "</_811344X1370X17135>\n"
        "   </row>\n"
        "   <row>\n"
        "    <id><![CDATA[2]]></id>\n"
        "    <submitdate><![CDATA[2023-05-03 08:00:00]]></submitdate>\n"
        "    <_811344X1370X17131subQuestion1/>\n"
        "   </row>\n"
        "  </rows>\n"
        " </responses>\n"
        "</document>\n";
    static const char map[] =
        MAP_HEAD "  <xml record=\"/document/responses/rows/row\"/>\n"
                 "  <field id=\"form_id\" path=\"id\"/>\n"
                 "  <field id=\"survey_date\" path=\"submitdate\" "
                 "date=\"ymd\"/>\n"
                 "  <item id=\"Q1\" path=\"_811344X1370X17131subQuestion1\">\n"
                 "    <value from=\"A1\" to=\"1\"/><value from=\"A5\" "
                 "to=\"5\"/>\n"
                 "  </item>\n"
                 "  <choice id=\"plan\" path=\"_811344X1370X17130\"/>\n"
                 "  <comment id=\"C1\" path=\"_811344X1370X17135\"/>\n"
                 "</mapping>\n";
    const char *paths[1];
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;

    (void)state;
    paths[0] = put_str("r.lsr", lsr);
    assert_int_equal(read_xml(put_str("m.xml", map), paths, 1, &out, &d),
                     SR_OK);
    assert_string_equal(out.buf,
                        "9||form_id=1|survey_date=2023-05-02|Q1=5|plan=2|"
                        "C1=a ]] > b & <c>\n"
                        "16||form_id=2|survey_date=2023-05-03|Q1=\n");
    sr_buf_release(&out);
}

/* ODK: one instance per file, a default namespace, space-separated
 * multi-select, an edit that replaces an earlier instance */
static void test_odk_edits(void **state)
{
    static const char map[] =
        MAP_HEAD "  <xml record=\"/*\">\n"
                 "    <edits id=\"meta/instanceID\" "
                 "replaces=\"meta/deprecatedID\"/>\n"
                 "  </xml>\n"
                 "  <field id=\"form_id\" path=\"meta/instanceID\"/>\n"
                 "  <field id=\"survey_date\" value=\"2011-07-25\"/>\n"
                 "  <field id=\"region\" path=\"@version\" "
                 "default=\"(none)\"/>\n"
                 "  <item id=\"Q1\" path=\"grp/rate\"/>\n"
                 "  <choice id=\"modes\" path=\"grp/modes\" split=\"space\"/>\n"
                 "  <comment id=\"C1\" path=\"grp/note\"/>\n"
                 "</mapping>\n";
    const char *paths[3];
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;

    (void)state;
    paths[0] = put_str(
        "a.xml", "<?xml version='1.0' ?><f xmlns=\"http://openrosa.org/x\" "
                 "version=\"7\"><grp><rate>4</rate><modes>bus  taxi\n"
                 "</modes><note>n1</note><note>n2</note></grp>"
                 "<meta><instanceID>uuid:1</instanceID></meta></f>");
    paths[1] = put_str("b.xml", "<f><grp><rate/><modes/></grp><meta>"
                                "<instanceID>uuid:2</instanceID></meta></f>");
    paths[2] =
        put_str("c.xml", "<?xml version='1.0' ?>\n<f>\n<grp><rate>5</rate>"
                         "<modes>other</modes></grp><meta><instanceID>uuid:3"
                         "</instanceID><deprecatedID>uuid:1</deprecatedID>"
                         "</meta></f>");
    assert_int_equal(read_xml(put_str("m.xml", map), paths, 3, &out, &d),
                     SR_OK);
    assert_string_equal(out.buf,
                        "1|replaced by the edit 'uuid:3' in c.xml|"
                        "form_id=uuid:1|survey_date=2011-07-25|region=7|Q1=4|"
                        "modes=bus;taxi|C1=n1; n2\n"
                        "1||form_id=uuid:2|survey_date=2011-07-25|"
                        "region=(none)|Q1=|modes=\n"
                        "2||form_id=uuid:3|survey_date=2011-07-25|"
                        "region=(none)|Q1=5|modes=other\n");
    sr_buf_release(&out);
}

/* a document that breaks after its first record: that record is read,
 * then the error says where */
static void test_xml_broken(void **state)
{
    static const char map[] =
        MAP_HEAD "  <xml record=\"//r\"/>\n"
                 "  <field id=\"form_id\" path=\"@id\"/>\n"
                 "  <field id=\"survey_date\" value=\"2026-01-01\"/>\n"
                 "  <choice id=\"plan\" path=\"p\"/>\n"
                 "</mapping>\n";
    const char *paths[1];
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;

    (void)state;
    paths[0] = put_str("x.xml", "<all>\n<g><r id=\"a\"><p>个人</p></r></g>\n"
                                "<r id=\"b\"><p>9</p></r>\n<r id=\"c\"></x>\n");
    assert_int_equal(read_xml(put_str("m.xml", map), paths, 1, &out, &d),
                     SR_ERR_PARSE);
    assert_int_equal(d.line, 4);
    assert_non_null(strstr(d.msg, "mismatched tag"));
    assert_string_equal(out.buf,
                        "2||form_id=a|survey_date=2026-01-01|plan=1\n"
                        "3|unknown option '9' of choice 'plan' (not in the "
                        "mapping, not in the form template)|form_id=b|"
                        "survey_date=2026-01-01|plan=\n");
    sr_buf_release(&out);
}

/* mapping-check over several instance files: one report for all */
static void test_xml_report_merge(void **state)
{
    static const char map[] =
        MAP_HEAD "  <xml record=\"/f\"/>\n"
                 "  <field id=\"form_id\" path=\"id\"/>\n"
                 "  <field id=\"survey_date\" value=\"2026-01-01\"/>\n"
                 "  <item id=\"Q1\" path=\"q1\"/>\n"
                 "  <item id=\"Q2\" path=\"q2\" optional=\"true\"/>\n"
                 "  <comment id=\"C1\" path=\"gone\"/>\n"
                 "</mapping>\n";
    struct sr_mapping *m;
    struct sr_mapped *a;
    struct sr_mapped *b;
    struct sr_rawform f;
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;
    const char *pa = put_str("a.xml", "<f><id>1</id><q1>好</q1><x>y</x></f>");
    const char *pb = put_str("b.xml", "<f><id>2</id><q1>5</q1><x>z</x></f>");

    (void)state;
    assert_int_equal(sr_mapping_load(put_str("m.xml", map), tmpl, &m, &d),
                     SR_OK);
    assert_int_equal(sr_mapped_open(&a, pa, m, NULL, &d), SR_OK);
    assert_int_equal(sr_mapped_open(&b, pb, m, NULL, &d), SR_OK);
    while (sr_mapped_next(a, &f, &d) == SR_OK)
        ;
    while (sr_mapped_next(b, &f, &d) == SR_OK)
        ;
    sr_mapped_merge(a, b);
    sr_mapped_free(b);
    assert_false(sr_mapped_clean(a));
    sr_mapped_report(a, &out);
    assert_non_null(strstr(out.buf, "records (/f): 2 in 2 files\n"));
    assert_non_null(strstr(out.buf, "  Q1                   path 'q1': in 2 "
                                    "of 2 records\n"));
    assert_non_null(strstr(out.buf, "path 'q2': in no record (optional)\n"));
    assert_non_null(strstr(out.buf, "path 'gone': NOT FOUND in any record"));
    assert_non_null(strstr(out.buf, "elements with values that no path "
                                    "reads:\n  x (2 times)\n"));
    assert_non_null(strstr(out.buf, "    '好' x1 (first at line 1)\n"));
    assert_non_null(strstr(out.buf, "forms: 2 read, 0 refused"));
    sr_mapped_free(a);
    sr_mapping_free(m);
    sr_buf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_form_path),
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_lsr),
        cmocka_unit_test(test_odk_edits),
        cmocka_unit_test(test_xml_broken),
        cmocka_unit_test(test_xml_report_merge),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
