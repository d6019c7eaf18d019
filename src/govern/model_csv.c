/* SPDX-License-Identifier: MIT */
/*
 * model_csv.c - rebuild a struct sr_model from stats.csv and runinfo.txt
 *
 * Input: stats.csv (through the CSV row layer, read/csv.h: BOM, quoting)
 * and the run facts; output: a model equal to the one the run rendered.
 * Undoes the one change csvout makes to text (a ' before = + - @).
 */
#include "model_csv.h"
#include "../core/mem.h"
#include "../read/csv.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const header[] = { "group",  "group_value", "subject",
                                      "metric", "value",       "n" };

/* a text cell as written: drop the ' that guards formula-like text */
static const char *text_of(const char *s)
{
    if (s[0] == '\'' &&
        (s[1] == '=' || s[1] == '+' || s[1] == '-' || s[1] == '@'))
        return s + 1;
    return s;
}

static bool number_of(const char *s, double *v)
{
    char *end;

    errno = 0;
    *v = strtod(s, &end);
    /* ERANGE on underflow: a subnormal p value (2e-313) is still the
     * number stats.csv wrote (the shortest form that reads back to it) */
    return end != s && !*end && isfinite(*v) &&
           (errno != ERANGE || fabs(*v) < 1.0);
}

static bool count_of(const char *s, long *v)
{
    char *end;

    if (!*s) {
        *v = -1;
        return true;
    }
    errno = 0;
    *v = strtol(s, &end, 10);
    return end != s && !*end && !errno && *v >= 0;
}

/* Without run facts: the template's segments with forms,count rows. */
static void guess_groups(struct sr_model *m, const struct sr_template *t)
{
    size_t s;
    size_t i;

    for (s = 0; s < t->nsegments; s++) {
        const struct sr_field *fl = &t->fields[t->segments[s]];
        struct sr_model_group *g = NULL;

        for (i = 0; i < m->nrows; i++) {
            const struct sr_figure *r = &m->rows[i];

            if (strcmp(r->group, fl->id) || strcmp(r->subject, "forms") ||
                strcmp(r->metric, "count"))
                continue;
            if (!g)
                g = sr_model_add_group(m, fl->id,
                                       fl->label ? fl->label : fl->id);
            sr_model_group_value(m, g, r->group_value, (long)r->value);
        }
    }
}

static void set_counts(struct sr_model *m)
{
    double v;

    if (sr_model_get(m, "all", "", "forms", "read", &v, NULL))
        m->read = (long)v;
    if (sr_model_get(m, "all", "", "forms", "accepted", &v, NULL))
        m->accepted = (long)v;
    if (sr_model_get(m, "all", "", "forms", "refused", &v, NULL))
        m->refused = (long)v;
    if (sr_model_get(m, "all", "", "forms", "out_of_period", &v, NULL))
        m->out_of_period = (long)v;
}

enum sr_status sr_model_read_csv(const char *path, const struct sr_template *t,
                                 const struct sr_facts *f,
                                 struct sr_model **out, struct sr_diag *d)
{
    struct sr_csv_opts o = { .encoding = SR_ENC_UTF8, .chunk_size = 0 };
    struct sr_csv_rows *r;
    struct sr_csv_row row;
    struct sr_model *m;
    enum sr_status s;
    bool first = true;
    size_t i;

    *out = NULL;
    s = sr_csv_rows_open(&r, path, &o, d);
    if (s != SR_OK)
        return s;
    m = sr_model_new(t);
    while ((s = sr_csv_rows_next(r, &row, d)) == SR_OK) {
        double v;
        long n;

        if (row.problem != SR_CSV_ROW_OK || row.ncells != 6) {
            s = sr_diag_set(d, SR_ERR_PARSE, path, row.line,
                            "want 6 cells (group,group_value,subject,metric,"
                            "value,n), found %zu",
                            row.ntotal);
            break;
        }
        if (first) {
            first = false;
            for (i = 0; i < 6; i++)
                if (strcmp(row.cells[i], header[i]))
                    break;
            if (i < 6) {
                s = sr_diag_set(d, SR_ERR_PARSE, path, row.line,
                                "not a stats.csv header (cell %zu is '%s', "
                                "want '%s')",
                                i + 1, row.cells[i], header[i]);
                break;
            }
            continue;
        }
        if (!number_of(row.cells[4], &v)) {
            s = sr_diag_set(d, SR_ERR_PARSE, path, row.line,
                            "value '%s' is not a number", row.cells[4]);
            break;
        }
        if (!count_of(row.cells[5], &n)) {
            s = sr_diag_set(d, SR_ERR_PARSE, path, row.line,
                            "n '%s' is not a count", row.cells[5]);
            break;
        }
        sr_model_add(m, text_of(row.cells[0]), text_of(row.cells[1]),
                     text_of(row.cells[2]), text_of(row.cells[3]), v, n);
    }
    sr_csv_rows_free(r);
    if (s == SR_DONE && first)
        s = sr_diag_set(d, SR_ERR_PARSE, path, 0, "stats.csv is empty");
    else if (s == SR_DONE)
        s = SR_OK;
    if (s != SR_OK) {
        sr_model_free(m);
        return s;
    }
    set_counts(m);
    if (f) {
        sr_facts_apply(f, m);
    } else {
        guess_groups(m, t);
        m->has_previous = false;
        for (i = 0; i < m->nrows; i++)
            if (!strcmp(m->rows[i].metric, "prev_index"))
                m->has_previous = true;
    }
    *out = m;
    return SR_OK;
}
