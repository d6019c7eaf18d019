/* SPDX-License-Identifier: MIT */
/*
 * test_mapping_csv.c - unit tests of the mapped CSV reader (src/read/
 * mapped.c) and what it needs from the row layer and the decoder: value
 * maps, missing codes, reverse keying, rescaling, dates, constants, option
 * columns, "other" texts, header rows, codes, separators, BOMs, UTF-16,
 * GBK and stray bytes refused per row.
 *
 * Inputs are written into a temporary directory: a small form template, a
 * mapping, an export.  Forms come out as one line each, "line|problem|
 * slot=value|...", so that a test reads like the export it checks.
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
#include "../../src/read/csv.h"
#include "../../src/read/encoding.h"
#include "../../src/read/mapping.h"
#include "../../src/read/reader.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* --- scaffolding ---------------------------------------------------------- */

static char tmpdir[64];
static char *made[128];
static size_t nmade;

static const char *put_file(const char *name, const void *data, size_t len)
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
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
    assert_true(nmade < sizeof(made) / sizeof(made[0]));
    made[nmade] = sr_buf_detach(&path);
    return made[nmade++];
}

static const char *put_str(const char *name, const char *s)
{
    return put_file(name, s, strlen(s));
}

static int setup_dir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/sr-test-mapcsv-XXXXXX");
    sr_log_set_quiet(true);
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < nmade; i++) {
        unlink(made[i]);
        free(made[i]);
    }
    nmade = 0;
    return rmdir(tmpdir);
}

/* UTF-8 -> @to with iconv.  Caller frees. */
static char *recode(const char *utf8, const char *to, size_t *len)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    size_t inleft = strlen(utf8);
    size_t cap = inleft * 4 + 4;
    char *out = xmalloc(cap);
    char *in = xstrdup(utf8);
    char *inp = in;
    char *outp = out;
    size_t outleft = cap;

    assert_true(cd != (iconv_t)-1);
    assert_true(iconv(cd, &inp, &inleft, &outp, &outleft) != (size_t)-1);
    iconv_close(cd);
    free(in);
    *len = cap - outleft;
    return out;
}

static const char template_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<survey id=\"t\" version=\"1\" title=\"测试\">\n"
    "  <scale id=\"s5\" min=\"1\" max=\"5\">\n"
    "    <point value=\"1\" label=\"很不满意\"/><point value=\"2\" "
    "label=\"不满意\"/>\n"
    "    <point value=\"3\" label=\"一般\"/><point value=\"4\" "
    "label=\"满意\"/>\n"
    "    <point value=\"5\" label=\"很满意\"/>\n"
    "  </scale>\n"
    "  <scale id=\"p100\" min=\"0\" max=\"100\"/>\n"
    "  <fields>\n"
    "    <field id=\"form_id\" role=\"form-id\" required=\"true\"/>\n"
    "    <field id=\"survey_date\" role=\"date\" required=\"true\"/>\n"
    "    <field id=\"region\" role=\"segment\"/>\n"
    "  </fields>\n"
    "  <dimension id=\"d\" name=\"维度\" weight=\"1\">\n"
    "    <item id=\"Q1\" scale=\"s5\"/><item id=\"Q2\" scale=\"s5\"/>\n"
    "  </dimension>\n"
    "  <item id=\"pct\" scale=\"p100\"/>\n"
    "  <choice id=\"plan\"><option value=\"1\" label=\"个人\"/>"
    "<option value=\"2\" label=\"家庭\"/></choice>\n"
    "  <choice id=\"imp\" multiple=\"true\"><option value=\"net\" "
    "label=\"网络\"/><option value=\"fee\" label=\"资费\"/><option "
    "value=\"svc\" label=\"服务\"/><option value=\"oth\" label=\"其他\"/>"
    "</choice>\n"
    "  <comment id=\"C1\"/><comment id=\"imp_other\"/>\n"
    "</survey>\n";

static struct sr_template *tmpl;

static int setup(void **state)
{
    struct sr_diag d;

    if (setup_dir(state))
        return -1;
    return sr_template_load(put_str("t.xml", template_xml), &tmpl, &d) == SR_OK
               ? 0
               : -1;
}

static int teardown(void **state)
{
    sr_template_free(tmpl);
    return teardown_dir(state);
}

/* The slots given in a form, "line|problem|id=value|..." (NULL values
 * left out), appended to @out with a newline. */
static void show_form(const struct sr_rawform *f, struct sr_buf *out)
{
    size_t i;

    sr_buf_addf(out, "%ld|%s", f->line, f->problem ? f->problem : "");
    for (i = 0; i < f->nslots; i++)
        if (f->values[i])
            sr_buf_addf(out, "|%s=%s", tmpl->slots[i].id, f->values[i]);
    sr_buf_addch(out, '\n');
}

/* Read @data through @mapping (XML text); the forms into @out.  Returns
 * the status of open (or of the first failing next). */
static enum sr_status read_with(const char *mapping, const void *data,
                                size_t len, struct sr_buf *out,
                                struct sr_diag *d)
{
    struct sr_mapping *m;
    struct sr_reader *r;
    struct sr_read_opts o;
    struct sr_rawform f;
    const char *mp = put_str("m.xml", mapping);
    const char *in = put_file("in.csv", data, len);
    enum sr_status s;

    sr_buf_reset(out);
    s = sr_mapping_load(mp, tmpl, &m, d);
    if (s != SR_OK)
        return s;
    memset(&o, 0, sizeof(o));
    o.mapping = m;
    s = sr_reader_open(&r, in, tmpl, &o, d);
    if (s == SR_OK) {
        while ((s = sr_reader_next(r, &f, d)) == SR_OK)
            show_form(&f, out);
        if (s == SR_DONE)
            s = SR_OK;
        sr_reader_free(r);
    }
    sr_mapping_free(m);
    return s;
}

static enum sr_status read_str(const char *mapping, const char *data,
                               struct sr_buf *out, struct sr_diag *d)
{
    return read_with(mapping, data, strlen(data), out, d);
}

#define MAP_HEAD "<?xml version=\"1.0\"?>\n<mapping template=\"t\">\n"

/* --- tests ---------------------------------------------------------------- */

static void test_values_and_missing(void **state)
{
    static const char map[] =
        MAP_HEAD "  <csv header-rows=\"1\"/>\n"
                 "  <missing value=\"-3\"/>\n"
                 "  <values id=\"sat\">\n"
                 "    <value from=\"Very satisfied\" to=\"5\"/>\n"
                 "    <value from=\"Dissatisfied\" to=\"2\"/>\n"
                 "    <missing value=\"N/A\"/>\n"
                 "  </values>\n"
                 "  <field id=\"form_id\" column=\"id\"/>\n"
                 "  <field id=\"survey_date\" column=\"date\" date=\"ymd\" "
                 "default=\"2026-01-01\"/>\n"
                 "  <field id=\"region\" column=\"city\">\n"
                 "    <value from=\"SH\" to=\"上海\"/>\n"
                 "  </field>\n"
                 "  <item id=\"Q1\" column=\"q1\" values=\"sat\"/>\n"
                 "  <item id=\"Q2\" column=\"q2\">\n"
                 "    <missing value=\"其他\" match=\"prefix\"/>\n"
                 "  </item>\n"
                 "</mapping>\n";
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;

    (void)state;
    assert_int_equal(read_str(map,
                              "id,date,city,q1,q2\n"
                              "A1,2026/3/5 10:20:30,SH,Very satisfied,很满意\n"
                              "A2,,BJ,N/A,-3\n"
                              "A3,2026-12-31,SH,-3,其他〖x〗\n"
                              "A4,2026年3月5日,, Dissatisfied ,４\n"
                              "A5,x,SH,meh,9\n",
                              &out, &d),
                     SR_OK);
    assert_string_equal(
        out.buf,
        "2||form_id=A1|survey_date=2026-03-05|region=上海|Q1=5|Q2=很满意\n"
        "3||form_id=A2|survey_date=2026-01-01|region=BJ|Q1=|Q2=\n"
        "4||form_id=A3|survey_date=2026-12-31|region=上海|Q1=|Q2=\n"
        "5||form_id=A4|survey_date=2026-03-05|region=|Q1=2|Q2=4\n"
        "6|'x' is not a date written year-month-day|form_id=A5|"
        "survey_date=x|region=上海|Q1=meh|Q2=9\n");
    sr_buf_release(&out);
}

static void test_reverse_rescale(void **state)
{
    static const char map[] =
        MAP_HEAD "  <field id=\"form_id\" value=\"{stem}-{row}\"/>\n"
                 "  <field id=\"survey_date\" value=\"2026-02-01\"/>\n"
                 "  <field id=\"region\" value=\"line {line}\"/>\n"
                 "  <item id=\"Q1\" column=\"a\" reverse=\"true\"/>\n"
                 "  <item id=\"Q2\" column=\"b\" rescale=\"1..7\" "
                 "round=\"nearest\" reverse=\"true\"/>\n"
                 "  <item id=\"pct\" column=\"c\" rescale=\"0..10\"/>\n"
                 "</mapping>\n";
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;

    (void)state;
    assert_int_equal(read_str(map,
                              "a,b,c\n"
                              "1,1,0\n"
                              "满意,7,7\n"
                              ",4,10\n"
                              "6,2,11\n"
                              "2,x,3\n",
                              &out, &d),
                     SR_OK);
    assert_string_equal(
        out.buf,
        "2||form_id=in-1|survey_date=2026-02-01|region=line 2|Q1=5|Q2=5|"
        "pct=0\n"
        "3||form_id=in-2|survey_date=2026-02-01|region=line 3|Q1=2|Q2=1|"
        "pct=70\n"
        "4||form_id=in-3|survey_date=2026-02-01|region=line 4|Q1=|Q2=3|"
        "pct=100\n"
        "5|value '6' of 'Q1' is not a point of 1..5 to reverse (and 1 more "
        "problems)|form_id=in-4|survey_date=2026-02-01|region=line 5|Q1=6|"
        "Q2=4|pct=11\n"
        "6|value 'x' of 'Q2' is not a number to rescale|form_id=in-5|"
        "survey_date=2026-02-01|region=line 6|Q1=4|Q2=x|pct=30\n");
    sr_buf_release(&out);
}

static void test_rescale_not_whole(void **state)
{
    static const char map[] =
        MAP_HEAD "  <field id=\"form_id\" column=\"id\"/>\n"
                 "  <field id=\"survey_date\" value=\"2026-02-01\"/>\n"
                 "  <item id=\"Q1\" column=\"v\" rescale=\"0..10\"/>\n"
                 "</mapping>\n";
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;

    (void)state;
    assert_int_equal(read_str(map, "id,v\nA,5\nB,7\n", &out, &d), SR_OK);
    assert_string_equal(out.buf,
                        "2||form_id=A|survey_date=2026-02-01|Q1=3\n"
                        "3|value '7' of 'Q1' rescaled from 0..10 to 1..5 is "
                        "3.8, not a point of the scale (the mapping may say "
                        "round=\"nearest\")|form_id=B|survey_date=2026-02-01|"
                        "Q1=7\n");
    sr_buf_release(&out);
}

static void test_choices(void **state)
{
    static const char map[] =
        MAP_HEAD "  <field id=\"form_id\" column=\"序号\"/>\n"
                 "  <field id=\"survey_date\" value=\"2026-02-01\"/>\n"
                 "  <choice id=\"plan\" column=\"1、套餐\">\n"
                 "    <value from=\"个人套餐\" to=\"个人\"/>\n"
                 "  </choice>\n"
                 "  <choice id=\"imp\" column=\"2、改进\" split=\"┋\">\n"
                 "    <value from=\"资费说明\" to=\"fee\"/>\n"
                 "    <other prefix=\"其他【请注明】\" option=\"其他\" "
                 "open=\"〖\" close=\"〗\" comment=\"imp_other\"/>\n"
                 "  </choice>\n"
                 "  <comment id=\"imp_other\" column=\"3、说明\"/>\n"
                 "</mapping>\n";
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;

    (void)state;
    assert_int_equal(read_str(map,
                              "序号,1、套餐,2、改进,3、说明\n"
                              "1,个人套餐,网络┋资费说明┋网络,\n"
                              "2,2,svc┋其他【请注明】〖更快、更好〗,已说明\n"
                              "3,家庭,其他【请注明】,\n"
                              "4,,,\n"
                              "5,个人┋家庭,外星,\n",
                              &out, &d),
                     SR_OK);
    assert_string_equal(
        out.buf,
        "2||form_id=1|survey_date=2026-02-01|plan=1|imp=net;fee|imp_other=\n"
        "3||form_id=2|survey_date=2026-02-01|plan=2|imp=svc;oth|"
        "imp_other=已说明; 更快、更好\n"
        "4||form_id=3|survey_date=2026-02-01|plan=2|imp=oth|imp_other=\n"
        "5||form_id=4|survey_date=2026-02-01|plan=|imp=|imp_other=\n"
        "6|unknown option '个人┋家庭' of choice 'plan' (not in the mapping, "
        "not in the form template) (and 1 more problems)|form_id=5|"
        "survey_date=2026-02-01|plan=|imp=|imp_other=\n");
    sr_buf_release(&out);
}

/* a shared value set on a choice: its labels become option values */
static void test_choice_values_set(void **state)
{
    static const char map[] =
        MAP_HEAD "  <values id=\"who\">\n"
                 "    <value from=\"Me\" to=\"个人\"/>\n"
                 "    <value from=\"Us\" to=\"2\"/>\n"
                 "    <missing value=\"n/a\"/>\n"
                 "  </values>\n"
                 "  <field id=\"form_id\" column=\"id\"/>\n"
                 "  <field id=\"survey_date\" value=\"2026-02-01\"/>\n"
                 "  <choice id=\"plan\" column=\"p\" values=\"who\"/>\n"
                 "</mapping>\n";
    static const char bad[] =
        MAP_HEAD "  <values id=\"who\"><value from=\"Me\" to=\"3\"/>"
                 "</values>\n"
                 "  <field id=\"form_id\" column=\"id\"/>\n"
                 "  <field id=\"survey_date\" value=\"2026-02-01\"/>\n"
                 "  <choice id=\"plan\" column=\"p\" values=\"who\"/>\n"
                 "</mapping>\n";
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;

    (void)state;
    assert_int_equal(
        read_str(map, "id,p\n1,Me\n2,Us\n3,n/a\n4,家庭\n", &out, &d), SR_OK);
    assert_string_equal(out.buf,
                        "2||form_id=1|survey_date=2026-02-01|plan=1\n"
                        "3||form_id=2|survey_date=2026-02-01|plan=2\n"
                        "4||form_id=3|survey_date=2026-02-01|plan=\n"
                        "5||form_id=4|survey_date=2026-02-01|plan=2\n");
    assert_int_equal(read_str(bad, "id,p\n", &out, &d), SR_ERR_CONFIG);
    assert_non_null(strstr(d.msg, "gives '3', which is not an option of it"));
    assert_int_equal(d.line, 6);
    sr_buf_release(&out);
}

/* 问卷星 "按序号" export: multiple choice as 0/1 columns, -3 = skipped */
static void test_option_columns(void **state)
{
    static const char map[] =
        MAP_HEAD "  <csv encoding=\"gbk\"/>\n"
                 "  <missing value=\"-3\"/>\n"
                 "  <missing value=\"-2\"/>\n"
                 "  <field id=\"form_id\" column=\"序号\"/>\n"
                 "  <field id=\"survey_date\" column=\"提交答卷时间\" "
                 "date=\"ymd\"/>\n"
                 "  <item id=\"Q1\" column=\"服务\" match=\"suffix\"/>\n"
                 "  <choice id=\"imp\" selected=\"1\">\n"
                 "    <option value=\"网络\" column=\"(网络)\" "
                 "match=\"suffix\"/>\n"
                 "    <option value=\"资费\" column=\"(资费)\" "
                 "match=\"suffix\"/>\n"
                 "    <option value=\"svc\" column=\"(服务)\" "
                 "match=\"suffix\"/>\n"
                 "  </choice>\n"
                 "</mapping>\n";
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;
    size_t len;
    char *gbk = recode("序号,提交答卷时间,1、服务,2(网络),2(资费),2(服务)\r\n"
                       "1,2026/4/1 9:00:00,5,1,0,1\r\n"
                       "2,2026/4/2 9:00:00,-3,0,0,0\r\n"
                       "3,2026/4/3 9:00:00,-2,-3,-3,-3\r\n",
                       "GB18030", &len);

    (void)state;
    assert_int_equal(read_with(map, gbk, len, &out, &d), SR_OK);
    assert_string_equal(out.buf,
                        "2||form_id=1|survey_date=2026-04-01|Q1=5|imp=net;svc\n"
                        "3||form_id=2|survey_date=2026-04-02|Q1=|imp=\n"
                        "4||form_id=3|survey_date=2026-04-03|Q1=|imp=\n");
    free(gbk);
    sr_buf_release(&out);
}

/* a stray byte that is not GB18030 refuses its row only, with its line */
static void test_gbk_bad_byte(void **state)
{
    static const char map[] =
        MAP_HEAD "  <csv encoding=\"gbk\"/>\n"
                 "  <field id=\"form_id\" column=\"序号\"/>\n"
                 "  <field id=\"survey_date\" value=\"2026-02-01\"/>\n"
                 "  <field id=\"region\" column=\"地区\"/>\n"
                 "</mapping>\n";
    struct sr_buf out = SR_BUF_INIT;
    struct sr_buf data = SR_BUF_INIT;
    struct sr_diag d;
    size_t len;
    char *gbk = recode("序号,地区\r\n1,华东\r\n", "GB18030", &len);

    (void)state;
    sr_buf_add(&data, gbk, len);
    sr_buf_add(&data, "2,\x81\r\n3,ok\r\n", 11);
    assert_int_equal(read_with(map, data.buf, data.len, &out, &d), SR_OK);
    assert_string_equal(
        out.buf, "2||form_id=1|survey_date=2026-02-01|region=华东\n"
                 "3|bytes not valid in GB18030 at byte 3 of the "
                 "row|form_id=2|survey_date=2026-02-01|region=\xef\xbf\xbd\n"
                 "4||form_id=3|survey_date=2026-02-01|region=ok\n");
    free(gbk);
    sr_buf_release(&data);
    sr_buf_release(&out);
}

static void test_invalid_utf8_row(void **state)
{
    static const char map[] =
        MAP_HEAD "  <csv encoding=\"utf-8\"/>\n"
                 "  <field id=\"form_id\" column=\"id\"/>\n"
                 "  <field id=\"survey_date\" value=\"2026-02-01\"/>\n"
                 "</mapping>\n";
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;

    (void)state;
    assert_int_equal(
        read_str(map, "id,x\nA,ok\nB,\x8c\xe6\nC,ok,extra\n", &out, &d), SR_OK);
    assert_string_equal(out.buf,
                        "2||form_id=A|survey_date=2026-02-01\n"
                        "3|invalid UTF-8 at byte 3 of the row (is the file "
                        "GBK? set encoding = gbk)|form_id=B|"
                        "survey_date=2026-02-01\n"
                        "4|row has 3 cells, header has 2|form_id=C|"
                        "survey_date=2026-02-01\n");
    sr_buf_release(&out);
}

/* SurveyMonkey: two header rows, the question written once */
static void test_two_header_rows(void **state)
{
    static const char map[] =
        MAP_HEAD "  <csv header-rows=\"2\"><header row=\"1\" "
                 "fill=\"left\"/></csv>\n"
                 "  <field id=\"form_id\" column=\"RespondentID\"/>\n"
                 "  <field id=\"survey_date\" value=\"2014-06-01\"/>\n"
                 "  <item id=\"Q1\" column=\"Rate us\" sub=\"Staff\"/>\n"
                 "  <item id=\"Q2\" column=\"Rate us\" sub=\"Price\"/>\n"
                 "  <choice id=\"imp\">\n"
                 "    <option value=\"net\" column=\"Improve?\" "
                 "sub=\"Network\"/>\n"
                 "    <option value=\"fee\" column=\"Improve?\" "
                 "sub=\"Fees\"/>\n"
                 "  </choice>\n"
                 "</mapping>\n";
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;

    (void)state;
    assert_int_equal(read_str(map,
                              "RespondentID,Rate us,,Improve?,\n"
                              ",Staff,Price,Network,Fees\n"
                              "11,5,4,Network,\n"
                              "12,,,,\n",
                              &out, &d),
                     SR_OK);
    assert_string_equal(out.buf,
                        "3||form_id=11|survey_date=2014-06-01|Q1=5|Q2=4|"
                        "imp=net\n"
                        "4||form_id=12|survey_date=2014-06-01|Q1=|Q2=|imp=\n");
    sr_buf_release(&out);
}

/* Qualtrics: three header rows, the third JSON ImportIds */
static void test_codes_json(void **state)
{
    static const char map[] =
        MAP_HEAD "  <csv header-rows=\"3\"><codes row=\"3\" "
                 "json=\"ImportId\"/></csv>\n"
                 "  <field id=\"form_id\" code=\"_recordId\"/>\n"
                 "  <field id=\"survey_date\" code=\"startDate\" "
                 "date=\"ymd\"/>\n"
                 "  <choice id=\"plan\" code=\"QID1\"/>\n"
                 "  <comment id=\"C1\" code=\"QID2_TEXT\"/>\n"
                 "</mapping>\n";
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;

    (void)state;
    assert_int_equal(
        read_str(map,
                 "StartDate,ResponseId,Q1,Q2\n"
                 "Start,Id,Frage 1,Frage 2\n"
                 "\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":"
                 "\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\","
                 "\"{\"\"ImportId\"\":\"\"QID2_TEXT\"\"}\"\n"
                 "2017-07-18 08:28:09,R_1,2,Hello World!\n",
                 &out, &d),
        SR_OK);
    assert_string_equal(out.buf, "4||form_id=R_1|survey_date=2017-07-18|"
                                 "plan=2|C1=Hello World!\n");
    sr_buf_release(&out);
}

/* LimeSurvey: ';', a BOM, "CODE. text" headers with tabs, codes before ". " */
static void test_codes_before_semicolon(void **state)
{
    static const char map[] =
        MAP_HEAD "  <csv separator=\";\"><codes row=\"1\" "
                 "before=\". \"/></csv>\n"
                 "  <field id=\"form_id\" code=\"id\"/>\n"
                 "  <field id=\"survey_date\" code=\"submitdate\" "
                 "date=\"ymd\"/>\n"
                 "  <item id=\"Q1\" code=\"sat[SQ1]\"/>\n"
                 "  <comment id=\"C1\" code=\"other\"/>\n"
                 "</mapping>\n";
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;

    (void)state;
    assert_int_equal(read_str(map,
                              "\xEF\xBB\xBF\"id. Response ID\";\"submitdate. "
                              "Date\";\"sat[SQ1]. Rate\tus [Staff]\";"
                              "\"other. Say\"\n"
                              "\"7\";\"2018-07-08 09:00:36\";\"4\";\"a; b\"\n"
                              "\n",
                              &out, &d),
                     SR_OK);
    assert_string_equal(out.buf, "2||form_id=7|survey_date=2018-07-08|Q1=4|"
                                 "C1=a; b\n");
    sr_buf_release(&out);
}

static void test_tab_separator_codes_after(void **state)
{
    static const char map[] =
        MAP_HEAD "  <csv separator=\"tab\"><codes row=\"1\" "
                 "after=\"、\"/></csv>\n"
                 "  <field id=\"form_id\" code=\"编号\"/>\n"
                 "  <field id=\"survey_date\" value=\"2026-02-01\"/>\n"
                 "  <item id=\"Q1\" code=\"服务态度\"/>\n"
                 "  <comment id=\"C1\" code=\"建议\"/>\n"
                 "</mapping>\n";
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;

    (void)state;
    assert_int_equal(read_str(map,
                              "1、编号\t2、服务态度\t3、建议\n"
                              "A\t 5 \t a, b \n"
                              "B\t\t\n",
                              &out, &d),
                     SR_OK);
    assert_string_equal(out.buf,
                        "2||form_id=A|survey_date=2026-02-01|Q1=5|C1=a, b\n"
                        "3||form_id=B|survey_date=2026-02-01|Q1=|C1=\n");
    sr_buf_release(&out);
}

static void test_utf16(void **state)
{
    static const char map[] =
        MAP_HEAD "  <csv encoding=\"utf-16\" header-rows=\"0\"/>\n"
                 "  <field id=\"form_id\" value=\"{file}#{row}\"/>\n"
                 "  <field id=\"survey_date\" value=\"2015-06-01\"/>\n"
                 "  <field id=\"region\" position=\"1\"/>\n"
                 "  <item id=\"Q1\" position=\"2\"/>\n"
                 "</mapping>\n";
    static const char text[] = "上海,3\n北京,4\n广州\n";
    struct sr_buf out = SR_BUF_INIT;
    struct sr_buf data = SR_BUF_INIT;
    struct sr_diag d;
    size_t len;
    char *le = recode(text, "UTF-16LE", &len);
    char *be;

    (void)state;
    sr_buf_add(&data, "\xFF\xFE", 2);
    sr_buf_add(&data, le, len);
    assert_int_equal(read_with(map, data.buf, data.len, &out, &d), SR_OK);
    assert_string_equal(out.buf, "1||form_id=in.csv#1|survey_date=2015-06-01|"
                                 "region=上海|Q1=3\n"
                                 "2||form_id=in.csv#2|survey_date=2015-06-01|"
                                 "region=北京|Q1=4\n"
                                 "3|row has 1 cells, the first row has 2|"
                                 "form_id=in.csv#3|survey_date=2015-06-01|"
                                 "region=广州\n");
    /* the same text in UTF-16BE with its BOM */
    be = recode(text, "UTF-16BE", &len);
    sr_buf_reset(&data);
    sr_buf_add(&data, "\xFE\xFF", 2);
    sr_buf_add(&data, be, len);
    assert_int_equal(read_with(map, data.buf, data.len, &out, &d), SR_OK);
    assert_non_null(strstr(out.buf, "2||form_id=in.csv#2|survey_date="
                                    "2015-06-01|region=北京|Q1=4\n"));
    free(le);
    free(be);
    sr_buf_release(&data);
    sr_buf_release(&out);
}

/* UTF-16 the decoder cannot decode: a lone surrogate refuses its row */
static void test_utf16_bad_unit(void **state)
{
    static const char map[] =
        MAP_HEAD "  <csv encoding=\"utf-16le\" header-rows=\"0\"/>\n"
                 "  <field id=\"form_id\" position=\"1\"/>\n"
                 "  <field id=\"survey_date\" value=\"2015-06-01\"/>\n"
                 "</mapping>\n";
    /* "a\n", "\xD800" "b\n", "c\n" in UTF-16LE, no BOM */
    static const char data[] = "a\0\n\0\x00\xD8"
                               "b\0\n\0c\0\n\0";
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;

    (void)state;
    assert_int_equal(read_with(map, data, sizeof(data) - 1, &out, &d), SR_OK);
    assert_string_equal(out.buf, "1||form_id=a|survey_date=2015-06-01\n"
                                 "2|bytes not valid in UTF-16 at byte 1 of the "
                                 "row|form_id=\xef\xbf\xbd"
                                 "b|survey_date=2015-06-01\n"
                                 "3||form_id=c|survey_date=2015-06-01\n");
    sr_buf_release(&out);
}

static void test_header_errors(void **state)
{
    static const char missing[] =
        MAP_HEAD "  <field id=\"form_id\" column=\"id\"/>\n"
                 "  <field id=\"survey_date\" column=\"when\"/>\n"
                 "</mapping>\n";
    static const char optional[] =
        MAP_HEAD "  <field id=\"form_id\" column=\"id\"/>\n"
                 "  <field id=\"survey_date\" value=\"2026-01-01\"/>\n"
                 "  <field id=\"region\" column=\"when\" optional=\"true\"/>\n"
                 "</mapping>\n";
    static const char twice[] =
        MAP_HEAD "  <field id=\"form_id\" column=\"id\"/>\n"
                 "  <field id=\"survey_date\" column=\"d\" match=\"prefix\"/>\n"
                 "</mapping>\n";
    static const char rows2[] =
        MAP_HEAD "  <csv header-rows=\"2\"/>\n"
                 "  <field id=\"form_id\" column=\"id\"/>\n"
                 "  <field id=\"survey_date\" value=\"2026-01-01\"/>\n"
                 "</mapping>\n";
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;

    (void)state;
    assert_int_equal(read_str(missing, "id,date\n1,2026-01-01\n", &out, &d),
                     SR_ERR_PARSE);
    assert_int_equal(d.line, 1);
    assert_non_null(strstr(d.msg, "column 'when' of mapping "));
    assert_non_null(strstr(d.msg, "m.xml:4 is not in the header"));
    assert_int_equal(read_str(optional, "id,date\n1,x\n", &out, &d), SR_OK);
    assert_string_equal(out.buf, "2||form_id=1|survey_date=2026-01-01\n");
    assert_int_equal(read_str(twice, "id,d1,d2\n1,x,y\n", &out, &d),
                     SR_ERR_PARSE);
    assert_non_null(strstr(d.msg, "matches 2 columns (2, 3)"));
    assert_int_equal(read_str(rows2, "id\n", &out, &d), SR_ERR_PARSE);
    assert_non_null(strstr(d.msg, "the file has 1 header rows"));
    /* an empty file has no forms */
    assert_int_equal(read_str(rows2, "", &out, &d), SR_OK);
    assert_string_equal(out.buf, "");
    sr_buf_release(&out);
}

/* dates written day first or month first, sources by contains, whole
 * header codes, positions with a header, a bad byte in a header */
static void test_misc_sources(void **state)
{
    static const char map[] =
        MAP_HEAD "  <csv encoding=\"utf-8\"><codes row=\"1\"/></csv>\n"
                 "  <field id=\"form_id\" position=\"1\"/>\n"
                 "  <field id=\"survey_date\" column=\"eu\" match=\"contains\" "
                 "date=\"dmy\"/>\n"
                 "  <field id=\"region\" code=\"Region\xef\xbf\xbd\"/>\n"
                 "  <item id=\"Q1\" column=\"q\" match=\"prefix\" "
                 "default=\"3\"/>\n"
                 "</mapping>\n";
    static const char us[] =
        MAP_HEAD "  <csv header-rows=\"0\"/>\n"
                 "  <field id=\"form_id\" position=\"1\"/>\n"
                 "  <field id=\"survey_date\" position=\"2\" date=\"mdy\"/>\n"
                 "</mapping>\n";
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;

    (void)state;
    assert_int_equal(read_str(map,
                              "id,the europe date,Region\x8c,q one\n"
                              "A,31.12.2025,东,\n"
                              "B,1/2/2026 10:00,西,5\n"
                              "C,2026-01-02,,1\n",
                              &out, &d),
                     SR_OK);
    assert_string_equal(out.buf,
                        "2||form_id=A|survey_date=2025-12-31|region=东|Q1=3\n"
                        "3||form_id=B|survey_date=2026-02-01|region=西|Q1=5\n"
                        "4|'2026-01-02' is not a date written day-month-year|"
                        "form_id=C|survey_date=2026-01-02|region=|Q1=1\n");
    assert_int_equal(read_str(us, "X\nY,12/31/2025\n", &out, &d), SR_OK);
    assert_string_equal(out.buf,
                        "1|row has 1 cells, 'survey_date' is in column 2|"
                        "form_id=X\n"
                        "2|row has 2 cells, the first row has 1|form_id=Y|"
                        "survey_date=2025-12-31\n");
    sr_buf_release(&out);
}

/* what mapping-check says */
static void test_report(void **state)
{
    static const char map[] =
        MAP_HEAD "  <csv header-rows=\"2\"><header row=\"1\" "
                 "fill=\"left\"/></csv>\n"
                 "  <field id=\"form_id\" column=\"id\"/>\n"
                 "  <field id=\"survey_date\" value=\"2026-01-01\"/>\n"
                 "  <field id=\"region\" column=\"gone\"/>\n"
                 "  <item id=\"Q1\" column=\"Rate\" sub=\"Staff\"/>\n"
                 "</mapping>\n";
    struct sr_mapping *m;
    struct sr_mapped *r;
    struct sr_rawform f;
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;
    const char *mp = put_str("m.xml", map);
    const char *in = put_str("in.csv", "id,Rate,\n,Staff,Price\n1,great,4\n"
                                       "2,5,5\n3,great,1\n");

    (void)state;
    assert_int_equal(sr_mapping_load(mp, tmpl, &m, &d), SR_OK);
    assert_int_equal(sr_mapped_open(&r, in, m, NULL, &d), SR_ERR_PARSE);
    assert_int_equal(sr_mapped_open_lenient(&r, in, m, NULL, &d), SR_OK);
    while (sr_mapped_next(r, &f, &d) == SR_OK)
        ;
    assert_false(sr_mapped_clean(r));
    sr_mapped_report(r, &out);
    assert_non_null(strstr(out.buf, "column 'gone' of mapping"));
    assert_non_null(strstr(out.buf, "     2  Rate / Staff  -> Q1\n"));
    assert_non_null(strstr(out.buf, "     3  Rate / Price  (not used)\n"));
    assert_non_null(
        strstr(out.buf, "  region               column 'gone': NOT FOUND"));
    assert_non_null(strstr(out.buf, "  Q1 (mapping line 7): 2 values\n"
                                    "    'great' x2 (first at line 3)\n"));
    assert_non_null(strstr(out.buf, "forms: 3 read, 0 refused by the "
                                    "mapping\n"));
    sr_mapped_free(r);
    sr_mapped_free(NULL);
    sr_mapping_free(m);
    sr_buf_release(&out);
}

/* the row layer with other separators, and the decoder's UTF-16 modes */
static void test_rows_and_decoder(void **state)
{
    struct sr_csv_opts o;
    struct sr_csv_rows *r;
    struct sr_csv_row row;
    struct sr_decoder *dec;
    struct sr_buf out = SR_BUF_INIT;
    struct sr_diag d;
    const char *p = put_str("semi.csv", "a;\"b;c\";d\r\n\"e\";;\n");

    (void)state;
    memset(&o, 0, sizeof(o));
    o.separator = ';';
    o.chunk_size = 3;
    assert_int_equal(sr_csv_rows_open(&r, p, &o, &d), SR_OK);
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_OK);
    assert_int_equal(row.ncells, 3);
    assert_string_equal(row.cells[1], "b;c");
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_OK);
    assert_int_equal(row.ncells, 3);
    assert_int_equal(row.line, 2);
    assert_int_equal(sr_csv_rows_next(r, &row, &d), SR_DONE);
    sr_csv_rows_free(r);

    /* a forced byte order drops only its own BOM */
    dec = sr_decoder_new(SR_ENC_AUTO, "x");
    sr_decoder_set_utf16(dec, SR_UTF16_BE);
    assert_int_equal(sr_decoder_feed(dec, "\xFE\xFF\0a\0", 5, &out, &d), SR_OK);
    assert_int_equal(sr_decoder_utf16(dec), SR_UTF16_BE);
    assert_int_equal(sr_decoder_finish(dec, &out, &d), SR_OK);
    assert_int_equal(out.len, 2);
    assert_memory_equal(out.buf, "a\xFF", 2); /* the odd last byte is bad */
    assert_int_equal(sr_decoder_bad_bytes(dec), 1);
    sr_decoder_free(dec);
    /* with UTF-16 allowed, a UTF-8 BOM still means UTF-8 */
    sr_buf_reset(&out);
    dec = sr_decoder_new(SR_ENC_AUTO, "x");
    sr_decoder_set_utf16(dec, SR_UTF16_BOM);
    assert_int_equal(sr_decoder_feed(dec, "\xEF\xBB\xBFok", 5, &out, &d),
                     SR_OK);
    assert_int_equal(sr_decoder_finish(dec, &out, &d), SR_OK);
    assert_string_equal(out.buf, "ok");
    assert_int_equal(sr_decoder_utf16(dec), SR_UTF16_REFUSE);
    sr_decoder_free(dec);
    /* a character cut between feeds waits for its other half */
    sr_buf_reset(&out);
    dec = sr_decoder_new(SR_ENC_AUTO, "x");
    sr_decoder_set_utf16(dec, SR_UTF16_BOM);
    assert_int_equal(sr_decoder_feed(dec, "\xFF\xFE\x0a", 3, &out, &d), SR_OK);
    assert_int_equal(sr_decoder_feed(dec, "\x4e\x3d\xd8\x00", 4, &out, &d),
                     SR_OK); /* 上 then half of a surrogate pair */
    assert_int_equal(sr_decoder_feed(dec, "\xdf", 1, &out, &d), SR_OK);
    assert_int_equal(sr_decoder_finish(dec, &out, &d), SR_OK);
    assert_string_equal(out.buf, "\xe4\xb8\x8a\xf0\x9f\x9c\x80");
    sr_decoder_free(dec);
    sr_buf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_and_missing),
        cmocka_unit_test(test_reverse_rescale),
        cmocka_unit_test(test_rescale_not_whole),
        cmocka_unit_test(test_choices),
        cmocka_unit_test(test_choice_values_set),
        cmocka_unit_test(test_option_columns),
        cmocka_unit_test(test_gbk_bad_byte),
        cmocka_unit_test(test_invalid_utf8_row),
        cmocka_unit_test(test_two_header_rows),
        cmocka_unit_test(test_codes_json),
        cmocka_unit_test(test_codes_before_semicolon),
        cmocka_unit_test(test_tab_separator_codes_after),
        cmocka_unit_test(test_utf16),
        cmocka_unit_test(test_utf16_bad_unit),
        cmocka_unit_test(test_header_errors),
        cmocka_unit_test(test_misc_sources),
        cmocka_unit_test(test_report),
        cmocka_unit_test(test_rows_and_decoder),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
