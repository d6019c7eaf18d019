/* SPDX-License-Identifier: MIT */
/*
 * test_template.c - the form template loader (src/core/template.c)
 *
 * The bundled csat.xml loads with the expected shape; a small fixture
 * checks defaults, slot order and the SHA-256; one negative fixture per
 * refusal checks the exact message and line.  Run from the repository root.
 */
#include "../../src/core/template.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#define TDIR "tests/data/templates/"

static struct sr_template *load_ok(const char *path)
{
    struct sr_template *t = NULL;
    struct sr_diag d;
    char msg[2048];
    enum sr_status s;

    sr_diag_clear(&d);
    s = sr_template_load(path, &t, &d);
    if (s != SR_OK)
        print_message("%s\n", sr_diag_format(&d, msg, sizeof(msg)));
    assert_int_equal(s, SR_OK);
    assert_non_null(t);
    return t;
}

static void test_csat_shape(void **state)
{
    static const char *const fields[] = { "form_id",       "customer_id",
                                          "customer_name", "customer_type",
                                          "region",        "industry",
                                          "phone",         "survey_date" };
    struct sr_template *t = load_ok("templates/forms/csat.xml");
    size_t i;
    size_t nd = 0;

    (void)state;
    assert_string_equal(t->id, "csat");
    assert_string_equal(t->version, "2026");
    assert_string_equal(t->title, "顾客满意度调查表");
    assert_string_equal(t->lang, "zh-CN");
    assert_int_equal(t->ndims, 5);
    assert_int_equal(t->nitems, 23);
    assert_int_equal(t->nfields, 8);
    assert_int_equal(t->nchoices, 2);
    assert_int_equal(t->ncomments, 2);
    assert_int_equal(t->nscales, 2);
    assert_int_equal(t->nslots, 8 + 23 + 2 + 2);

    /* slots: fields, dimension items, free items, choices, comments */
    for (i = 0; i < 8; i++) {
        assert_string_equal(t->slots[i].id, fields[i]);
        assert_int_equal(t->slots[i].kind, SR_SLOT_FIELD);
        assert_int_equal(t->slots[i].index, i);
    }
    for (i = 0; i < 21; i++) {
        char id[8];

        snprintf(id, sizeof(id), "Q%zu", i + 1);
        assert_string_equal(t->slots[8 + i].id, id);
        assert_int_equal(t->slots[8 + i].kind, SR_SLOT_ITEM);
        assert_int_equal(t->items[i].scale, 0);
        assert_true(t->items[i].dim >= 0);
    }
    assert_string_equal(t->slots[29].id, "overall");
    assert_string_equal(t->slots[30].id, "recommend");
    assert_string_equal(t->slots[31].id, "plan");
    assert_int_equal(t->slots[31].kind, SR_SLOT_CHOICE);
    assert_string_equal(t->slots[32].id, "improve");
    assert_string_equal(t->slots[33].id, "C1");
    assert_int_equal(t->slots[33].kind, SR_SLOT_COMMENT);
    assert_string_equal(t->slots[34].id, "C2");
    assert_int_equal(t->slots[34].index, 1);

    /* roles */
    assert_int_equal(t->form_id_field, 0);
    assert_int_equal(t->customer_id_field, 1);
    assert_int_equal(t->date_field, 7);
    assert_int_equal(t->overall_item, 21);
    assert_int_equal(t->recommend_item, 22);
    assert_int_equal(t->items[21].role, SR_ROLE_OVERALL);
    assert_int_equal(t->items[21].dim, -1);
    assert_int_equal(t->items[22].scale, 1);
    assert_int_equal(t->nsegments, 3);
    assert_string_equal(t->fields[t->segments[0]].id, "customer_type");
    assert_string_equal(t->fields[t->segments[1]].id, "region");
    assert_string_equal(t->fields[t->segments[2]].id, "industry");
    assert_int_equal(t->fields[2].role, SR_ROLE_CUSTOMER_NAME);

    /* fields */
    assert_true(t->fields[0].required);
    assert_string_equal(t->fields[1].pattern, "^KH\\d{6}$");
    assert_true(t->fields[6].pii);
    assert_false(t->fields[3].pii);
    assert_null(t->fields[3].pattern);
    assert_string_equal(t->fields[4].label, "区域");
    assert_int_equal(t->fields[7].line, 23);

    /* scales */
    assert_string_equal(t->scales[0].id, "sat5");
    assert_int_equal(t->scales[0].min, 1);
    assert_int_equal(t->scales[0].max, 5);
    assert_int_equal(t->scales[0].npoints, 5);
    assert_int_equal(t->scales[0].points[3].value, 4);
    assert_string_equal(t->scales[0].points[3].label, "满意");
    assert_int_equal(t->scales[0].nmissing, 1);
    assert_string_equal(t->scales[0].missing[0], "不适用");
    assert_string_equal(t->scales[1].id, "nps11");
    assert_int_equal(t->scales[1].min, 0);
    assert_int_equal(t->scales[1].max, 10);
    assert_int_equal(t->scales[1].npoints, 0);

    /* dimensions */
    assert_string_equal(t->dims[0].id, "service");
    assert_string_equal(t->dims[0].name, "服务质量");
    assert_true(t->dims[0].weight == 0.30);
    assert_true(t->dims[0].has_target);
    assert_true(t->dims[0].target == 85);
    for (i = 0; i < t->ndims; i++) {
        size_t k;

        for (k = 0; k < t->dims[i].nitems; k++)
            assert_int_equal(t->items[t->dims[i].items[k]].dim, (int)i);
        nd += t->dims[i].nitems;
    }
    assert_int_equal(nd, 21);
    assert_int_equal(t->dims[1].items[0], 5);

    /* choices */
    assert_false(t->choices[0].multiple);
    assert_int_equal(t->choices[0].noptions, 3);
    assert_string_equal(t->choices[0].options[1].value, "2");
    assert_string_equal(t->choices[0].options[1].label, "家庭套餐");
    assert_true(t->choices[1].multiple);
    assert_int_equal(t->choices[1].noptions, 4);
    assert_string_equal(t->comments[1].text, "您遇到过的问题或投诉");

    sr_template_free(t);
}

static void test_slot_lookup(void **state)
{
    struct sr_template *t = load_ok("templates/forms/csat.xml");

    (void)state;
    assert_int_equal(sr_template_slot(t, "form_id"), 0);
    assert_int_equal(sr_template_slot(t, "Q1"), 8);
    assert_int_equal(sr_template_slot(t, "improve"), 32);
    assert_int_equal(sr_template_slot(t, "C2"), 34);
    assert_int_equal(sr_template_slot(t, "q1"), -1);
    assert_int_equal(sr_template_slot(t, "service"), -1);
    assert_int_equal(sr_template_slot(t, ""), -1);
    assert_int_equal(sr_template_field_slot(t, 7), 7);
    assert_int_equal(sr_template_item_slot(t, 0), 8);
    assert_int_equal(sr_template_item_slot(t, 22), 30);
    assert_int_equal(sr_template_choice_slot(t, 1), 32);
    assert_int_equal(sr_template_comment_slot(t, 0), 33);
    sr_template_free(t);
}

/* Forward scale references, defaults, order of items, sorted points. */
static void test_minimal_defaults(void **state)
{
    struct sr_template *t = load_ok(TDIR "minimal.xml");

    (void)state;
    assert_string_equal(t->id, "mini");
    assert_string_equal(t->lang, "zh-CN");
    assert_string_equal(t->path, TDIR "minimal.xml");
    /* the dimension items come before the free item defined above them */
    assert_int_equal(t->nitems, 3);
    assert_string_equal(t->items[0].id, "Q1");
    assert_string_equal(t->items[1].id, "Q2");
    assert_string_equal(t->items[2].id, "overall");
    assert_int_equal(t->overall_item, 2);
    assert_int_equal(t->recommend_item, -1);
    assert_int_equal(t->customer_id_field, -1);
    assert_int_equal(t->date_field, -1);
    assert_int_equal(t->nsegments, 1);
    assert_int_equal(t->segments[0], 1);
    /* defaults: label = id, text = id, option label = value */
    assert_string_equal(t->fields[1].label, "city");
    assert_false(t->fields[1].required);
    assert_string_equal(t->items[0].text, "Q1");
    assert_string_equal(t->items[1].text, "问题二");
    assert_string_equal(t->comments[0].text, "C1");
    assert_string_equal(t->choices[0].options[0].label, "a");
    assert_string_equal(t->choices[0].options[1].label, "乙");
    assert_false(t->choices[0].multiple);
    assert_true(t->dims[0].weight == 2.5);
    assert_false(t->dims[0].has_target);
    /* points sorted by value */
    assert_int_equal(t->scales[0].npoints, 2);
    assert_int_equal(t->scales[0].points[0].value, 1);
    assert_string_equal(t->scales[0].points[0].label, "差");
    assert_int_equal(t->scales[0].nmissing, 2);
    /* slots: fields, items, choices, comments (not document order) */
    assert_int_equal(t->nslots, 2 + 3 + 1 + 1);
    assert_string_equal(t->slots[5].id, "pick");
    assert_string_equal(t->slots[6].id, "C1");
    sr_template_free(t);
}

static void test_sha256(void **state)
{
    struct sr_template *t = load_ok(TDIR "minimal.xml");
    char want[65] = "";
    char got[65];
    FILE *p;
    size_t i;

    (void)state;
    p = popen("sha256sum " TDIR "minimal.xml", "r");
    assert_non_null(p);
    assert_non_null(fgets(want, sizeof(want), p));
    pclose(p);
    for (i = 0; i < 32; i++)
        snprintf(got + 2 * i, 3, "%02x", t->sha256[i]);
    assert_string_equal(got, want);
    sr_template_free(t);
}

static void test_missing_file(void **state)
{
    struct sr_template *t = (struct sr_template *)&t;
    struct sr_diag d;

    (void)state;
    sr_diag_clear(&d);
    assert_int_equal(sr_template_load(TDIR "no-such.xml", &t, &d), SR_ERR_IO);
    assert_null(t);
    assert_string_equal(d.file, TDIR "no-such.xml");
    assert_string_equal(d.msg, "cannot open file: No such file or directory");
}

static const struct refusal {
    const char *file;
    long line;
    long col; /* 0 = none */
    const char *msg;
} refusals[] = {
    { "bad-not-well-formed.xml", 12, 5, "mismatched tag" },
    { "bad-empty-file.xml", 1, 1, "no element found" },
    { "bad-doctype.xml", 2, 18, "DOCTYPE is not allowed" },
    { "bad-root.xml", 2, 0, "root element is 'template', expected 'survey'" },
    { "bad-unknown-scale.xml", 13, 0, "item 'Q3' names unknown scale 'sat7'" },
    { "bad-dup-item.xml", 14, 0, "repeated id 'Q1' (first at line 11)" },
    { "bad-dup-comment.xml", 13, 0, "repeated id 'form_id' (first at line 8)" },
    { "bad-dup-choice.xml", 13, 0, "repeated id 'Q1' (first at line 11)" },
    { "bad-dup-scale.xml", 10, 0, "repeated scale id 's5' (first at line 3)" },
    { "bad-weight-missing.xml", 10, 0, "dimension 'd1' has no weight" },
    { "bad-weight-zero.xml", 10, 0,
      "dimension 'd1': weight '0' is not a positive number" },
    { "bad-weight-negative.xml", 10, 0,
      "dimension 'd1': weight '-1' is not a positive number" },
    { "bad-weight-text.xml", 10, 0,
      "dimension 'd1': weight '0.3x' is not a positive number" },
    { "bad-target.xml", 10, 0,
      "dimension 'd1': target '120' is not a number in 0..100" },
    { "bad-target-text.xml", 10, 0,
      "dimension 'd1': target 'high' is not a number in 0..100" },
    { "bad-scale-minmax.xml", 10, 0, "scale 'r': min 5 is not below max 1" },
    { "bad-scale-int.xml", 10, 0,
      "scale 'r': min '1.5' is not a whole number" },
    { "bad-scale-span.xml", 10, 0,
      "scale 'wide': range 0..100000 is wider than 1000 steps" },
    { "bad-dup-dimension.xml", 13, 0, "repeated id 'd1' (first at line 10)" },
    { "bad-point-range.xml", 11, 0, "scale 'r': point value 7 outside 1..5" },
    { "bad-point-dupvalue.xml", 12, 0, "scale 'r': repeated point value 3" },
    { "bad-point-duplabel.xml", 12, 0,
      "scale 'r': repeated point label '一般'" },
    { "bad-bool-required.xml", 5, 0,
      "field 'form_id': required 'yes' is not true or false" },
    { "bad-bool-multiple.xml", 13, 0,
      "choice 'pick': multiple 'yes' is not true or false" },
    { "bad-field-role.xml", 6, 0, "field 'boss': unknown role 'manager'" },
    { "bad-field-role-twice.xml", 6, 0,
      "field 'form_no' repeats role 'form-id' of field 'form_id'" },
    { "bad-item-role.xml", 13, 0, "item 'best': unknown role 'best'" },
    { "bad-item-role-dim.xml", 11, 0,
      "item 'Q1': a dimension item cannot have a role" },
    { "bad-two-overall.xml", 14, 0,
      "item 'overall2': a second overall item (the first is at line 13)" },
    { "bad-two-recommend.xml", 14, 0,
      "item 'nps2': a second recommend item (the first is at line 13)" },
    { "bad-no-form-id.xml", 2, 0,
      "survey 't' has no field with role 'form-id'" },
    { "bad-no-item.xml", 2, 0, "survey 't' has no item" },
    { "bad-pattern.xml", 6, 0,
      "field 'customer_id': bad pattern '^(KH\\d{6}$': missing closing "
      "parenthesis at offset 10" },
    { "bad-options-too-many.xml", 78, 0,
      "choice 'many' has more than 64 options" },
    { "bad-option-dup.xml", 16, 0, "choice 'plan': repeated option value '1'" },
    { "bad-choice-no-option.xml", 13, 0, "choice 'plan' has no option" },
    { "bad-unknown-element.xml", 12, 0,
      "unknown element 'itme' in 'dimension'" },
    { "bad-unknown-attr.xml", 12, 0, "unknown attribute 'scael' on 'item'" },
    { "bad-missing-attr.xml", 12, 0, "missing attribute 'scale' on 'item'" },
    { "bad-text.xml", 12, 0, "unexpected text in 'item'" },
    { "bad-empty-dimension.xml", 10, 0, "dimension 'd1' has no item" },
};

static void test_refusals(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++) {
        const struct refusal *r = &refusals[i];
        struct sr_template *t = (struct sr_template *)&t;
        struct sr_diag d;
        char path[256];
        char msg[2048];
        enum sr_status s;

        snprintf(path, sizeof(path), TDIR "%s", r->file);
        sr_diag_clear(&d);
        s = sr_template_load(path, &t, &d);
        print_message("%s -> %s\n", r->file,
                      sr_diag_format(&d, msg, sizeof(msg)));
        assert_int_equal(s, SR_ERR_CONFIG);
        assert_int_equal(d.code, SR_ERR_CONFIG);
        assert_null(t);
        assert_string_equal(d.file, path);
        assert_string_equal(d.msg, r->msg);
        assert_int_equal(d.line, r->line);
        assert_int_equal(d.col, r->col);
    }
}

/* The formatted diagnostic reads like a compiler's. */
static void test_message_format(void **state)
{
    struct sr_template *t;
    struct sr_diag d;
    char msg[2048];

    (void)state;
    sr_diag_clear(&d);
    assert_int_equal(sr_template_load(TDIR "bad-unknown-scale.xml", &t, &d),
                     SR_ERR_CONFIG);
    assert_string_equal(sr_diag_format(&d, msg, sizeof(msg)),
                        TDIR "bad-unknown-scale.xml:13: item 'Q3' names "
                             "unknown scale 'sat7'");
}

static void test_free_null(void **state)
{
    (void)state;
    sr_template_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csat_shape),
        cmocka_unit_test(test_slot_lookup),
        cmocka_unit_test(test_minimal_defaults),
        cmocka_unit_test(test_sha256),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_message_format),
        cmocka_unit_test(test_free_null),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
