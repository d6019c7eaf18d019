/* SPDX-License-Identifier: MIT */
/*
 * datadir.c - where satreport finds the files it ships
 *
 * Input: the environment ($SATREPORT_DATA, $XDG_DATA_HOME, $HOME), the
 * program's own path (/proc/self/exe) and SR_DATADIR, compiled in by the
 * Makefile as PREFIX/share/satreport.  Output: the list of data folders in
 * search order (datadir.h) and lookups in it.  Owns nothing between calls.
 */
#include "datadir.h"
#include "core/buf.h"
#include "core/mem.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SR_DATADIR
#define SR_DATADIR "/usr/local/share/satreport"
#endif

/* how many folders up from the program a build folder may be: build/asan/
 * tests/unit/test_x is four levels below the source tree */
#define MAX_BUILD_DEPTH 4

struct list {
    struct sr_datadir *v;
    size_t n;
};

/* the last path component of @path, which has no trailing slash */
static const char *base_of(const char *path)
{
    const char *s = strrchr(path, '/');

    return s ? s + 1 : path;
}

/* cut the last component off @path in place; false when none is left */
static bool cut_last(char *path)
{
    char *s = strrchr(path, '/');

    if (!s)
        return false;
    if (s == path)
        s[1] = '\0'; /* "/bin" -> "/" */
    else
        *s = '\0';
    return true;
}

static bool is_dir(const char *path)
{
    struct stat sb;

    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static bool is_file(const char *path)
{
    struct stat sb;

    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

static bool readable(const char *path)
{
    return access(path, R_OK) == 0;
}

/* append @path (copied, trailing slashes dropped) unless already there */
static void add(struct list *l, const char *path, size_t len,
                enum sr_datadir_origin origin)
{
    char *p;
    size_t i;

    while (len > 1 && path[len - 1] == '/')
        len--;
    if (!len)
        return;
    p = xstrndup(path, len);
    for (i = 0; i < l->n; i++) {
        if (!strcmp(l->v[i].path, p)) {
            free(p);
            return;
        }
    }
    l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
    l->v[l->n].path = p;
    l->v[l->n].origin = origin;
    l->n++;
}

static void add_env_list(struct list *l, const char *value)
{
    const char *s = value;

    while (*s) {
        size_t len = strcspn(s, ":");

        if (len)
            add(l, s, len, SR_DATADIR_ENV);
        s += len;
        if (*s == ':')
            s++;
    }
}

static void add_xdg(struct list *l)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    struct sr_buf b = SR_BUF_INIT;

    /* the XDG spec: a relative XDG_DATA_HOME is invalid and ignored */
    if (xdg && xdg[0] == '/')
        sr_buf_addf(&b, "%s/satreport", xdg);
    else if (home && home[0])
        sr_buf_addf(&b, "%s/.local/share/satreport", home);
    if (b.len)
        add(l, b.buf, b.len, SR_DATADIR_XDG);
    sr_buf_release(&b);
}

/* the folders found from the program's own path: PREFIX/share/satreport
 * beside PREFIX/bin, and the source tree above a build folder */
static void add_from_exe(struct list *l, enum sr_datadir_origin which)
{
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    struct sr_buf b = SR_BUF_INIT;
    int depth;

    if (len <= 0)
        return;
    exe[len] = '\0';
    if (!cut_last(exe)) /* exe is now the program's folder */
        return;
    if (which == SR_DATADIR_BESIDE) {
        if (!strcmp(base_of(exe), "bin") && cut_last(exe)) {
            sr_buf_addf(&b, "%s%sshare/satreport", exe,
                        strcmp(exe, "/") ? "/" : "");
            /* where it was installed to: listed as the install prefix */
            if (strcmp(b.buf, SR_DATADIR))
                add(l, b.buf, b.len, SR_DATADIR_BESIDE);
        }
        goto out;
    }
    for (depth = 0; depth < MAX_BUILD_DEPTH; depth++) {
        bool is_build = !strcmp(base_of(exe), "build");

        if (!cut_last(exe))
            break;
        if (!is_build)
            continue;
        /* a source tree has its Makefile and templates/ beside build/ */
        sr_buf_addf(&b, "%s/Makefile", exe);
        if (is_file(b.buf)) {
            sr_buf_reset(&b);
            sr_buf_addf(&b, "%s/templates", exe);
            if (is_dir(b.buf))
                add(l, exe, strlen(exe), SR_DATADIR_SOURCE);
        }
        break;
    }
out:
    sr_buf_release(&b);
}

size_t sr_datadir_list(struct sr_datadir **out)
{
    struct list l = { NULL, 0 };
    const char *env = getenv("SATREPORT_DATA");

    if (env)
        add_env_list(&l, env);
    add_xdg(&l);
    add_from_exe(&l, SR_DATADIR_BESIDE);
    add(&l, SR_DATADIR, strlen(SR_DATADIR), SR_DATADIR_PREFIX);
    add_from_exe(&l, SR_DATADIR_SOURCE);
    *out = l.v;
    return l.n;
}

void sr_datadir_list_free(struct sr_datadir *list, size_t n)
{
    size_t i;

    if (!list)
        return;
    for (i = 0; i < n; i++)
        free(list[i].path);
    free(list);
}

char *sr_datadir_find(const char *relpath)
{
    struct sr_datadir *dirs;
    size_t n;
    size_t i;
    char *found = NULL;

    if (!relpath || !relpath[0] || relpath[0] == '/')
        return NULL;
    n = sr_datadir_list(&dirs);
    for (i = 0; i < n && !found; i++) {
        struct sr_buf b = SR_BUF_INIT;

        sr_buf_addf(&b, "%s%s%s", dirs[i].path,
                    strcmp(dirs[i].path, "/") ? "/" : "", relpath);
        if (readable(b.buf))
            found = sr_buf_detach(&b);
        sr_buf_release(&b);
    }
    sr_datadir_list_free(dirs, n);
    return found;
}

char *sr_datadir_resolve(const char *base_dir, const char *path)
{
    struct sr_buf b = SR_BUF_INIT;

    if (!path || !path[0])
        return NULL;
    if (path[0] == '/')
        return readable(path) ? xstrdup(path) : NULL;
    if (base_dir && base_dir[0] && strcmp(base_dir, "."))
        sr_buf_addf(&b, "%s/%s", base_dir, path);
    else
        sr_buf_addstr(&b, path);
    if (readable(b.buf))
        return sr_buf_detach(&b);
    sr_buf_release(&b);
    return sr_datadir_find(path);
}

static const char *origin_text(enum sr_datadir_origin o)
{
    switch (o) {
    case SR_DATADIR_ENV:
        return "SATREPORT_DATA";
    case SR_DATADIR_XDG:
        return "XDG_DATA_HOME";
    case SR_DATADIR_BESIDE:
        return "beside the program";
    case SR_DATADIR_PREFIX:
        return "install prefix";
    case SR_DATADIR_SOURCE:
        return "source tree";
    }
    return "?";
}

void sr_datadir_describe(FILE *out)
{
    struct sr_datadir *dirs;
    size_t n = sr_datadir_list(&dirs);
    const char *env = getenv("SATREPORT_DATA");
    size_t i;

    fputs("shipped files (templates, rules, mappings, examples) are looked "
          "for\nbeside the pipeline that names them, then in these data "
          "folders:\n",
          out);
    for (i = 0; i < n; i++)
        fprintf(out, "  %zu. %s  (%s%s)\n", i + 1, dirs[i].path,
                origin_text(dirs[i].origin),
                is_dir(dirs[i].path) ? "" : "; does not exist");
    if (!env || !env[0])
        fputs("SATREPORT_DATA is not set (a colon-separated list of folders "
              "searched first)\n",
              out);
    sr_datadir_list_free(dirs, n);
}
