/* config.c: loading the JSON config file and reading typed, range-checked
 * keys with defaults (see config.h). */
#include "config.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const sections[] = {"stream", "dedup", "professional", "detect", "state", NULL};

#define CONF_MAX_BYTES (1L << 20)

static qs_rc read_file(const char *path, char **buf, qs_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        qs_rc rc = qs_fail(err, QS_EIO, "cannot open config %s: %s", path, strerror(errno));
        if (err)
            err->sys_errno = errno;
        return rc;
    }
    char *b = malloc(CONF_MAX_BYTES + 1);
    if (!b) {
        fclose(f);
        return qs_fail(err, QS_ENOMEM, "out of memory reading config");
    }
    size_t n = fread(b, 1, CONF_MAX_BYTES + 1, f);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(b);
        return qs_fail(err, QS_EIO, "read error on config %s", path);
    }
    if (n > CONF_MAX_BYTES) {
        free(b);
        return qs_fail(err, QS_ECONFIG, "config %s is larger than 1 MiB", path);
    }
    b[n] = 0;
    *buf = b;
    return QS_OK;
}

qs_rc conf_load(const char *path, struct cJSON **out, qs_err *err)
{
    *out = NULL;
    if (!path) {
        *out = cJSON_CreateObject();
        return *out ? QS_OK : qs_fail(err, QS_ENOMEM, "out of memory");
    }
    char *buf = NULL;
    qs_rc rc = read_file(path, &buf, err);
    if (rc != QS_OK)
        return rc;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithOpts(buf, &end, 1);
    if (!root) {
        /* Point at the line where parsing stopped. */
        long line = 1;
        const char *stop = end ? end : buf;
        for (const char *p = buf; p < stop && *p; p++)
            line += *p == '\n';
        free(buf);
        return qs_fail(err, QS_ECONFIG, "config %s: not valid JSON near line %ld", path, line);
    }
    free(buf);
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return qs_fail(err, QS_ECONFIG, "config %s: the top level must be an object", path);
    }
    for (const cJSON *it = root->child; it; it = it->next) {
        if (it->string[0] == '_')
            continue; /* "_comment" and the like document the file */
        int known = 0;
        for (int i = 0; sections[i]; i++)
            known |= strcmp(it->string, sections[i]) == 0;
        if (!known) {
            rc = qs_fail(err, QS_ECONFIG,
                         "config %s: unknown section \"%s\" (known: stream, dedup, "
                         "professional, detect, state)",
                         path, it->string);
            cJSON_Delete(root);
            return rc;
        }
        if (!cJSON_IsObject(it)) {
            rc = qs_fail(err, QS_ECONFIG, "config %s: section \"%s\" must be an object", path,
                         it->string);
            cJSON_Delete(root);
            return rc;
        }
        for (const cJSON *dup = it->next; dup; dup = dup->next)
            if (strcmp(dup->string, it->string) == 0) {
                rc = qs_fail(err, QS_ECONFIG, "config %s: section \"%s\" appears twice", path,
                             it->string);
                cJSON_Delete(root);
                return rc;
            }
    }
    *out = root;
    return QS_OK;
}

const struct cJSON *conf_section(const struct cJSON *root, const char *name)
{
    return root ? cJSON_GetObjectItemCaseSensitive(root, name) : NULL;
}

static const cJSON *get(const conf_reader *r, const char *key)
{
    return r->sec ? cJSON_GetObjectItemCaseSensitive(r->sec, key) : NULL;
}

static qs_rc note(const conf_reader *r, const char *key, cJSON *v, qs_err *err)
{
    if (!r->effective) {
        cJSON_Delete(v);
        return QS_OK;
    }
    if (!v || !cJSON_AddItemToObject(r->effective, key, v)) {
        cJSON_Delete(v);
        return qs_fail(err, QS_ENOMEM, "out of memory");
    }
    return QS_OK;
}

qs_rc conf_num(const conf_reader *r, const char *key, double def, double lo, double hi,
               double *out, qs_err *err)
{
    const cJSON *v = get(r, key);
    double x = def;
    if (v) {
        if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
            return qs_fail(err, QS_ECONFIG, "%s.%s: must be a number", r->name, key);
        x = v->valuedouble;
        if (x < lo || x > hi)
            return qs_fail(err, QS_ECONFIG, "%s.%s: %g is out of range [%g, %g]", r->name, key,
                           x, lo, hi);
    }
    *out = x;
    return note(r, key, cJSON_CreateNumber(x), err);
}

qs_rc conf_int(const conf_reader *r, const char *key, long def, long lo, long hi, long *out,
               qs_err *err)
{
    const cJSON *v = get(r, key);
    long x = def;
    if (v) {
        if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) ||
            fabs(v->valuedouble) > 1e15)
            return qs_fail(err, QS_ECONFIG, "%s.%s: must be an integer", r->name, key);
        x = (long)v->valuedouble;
        if (x < lo || x > hi)
            return qs_fail(err, QS_ECONFIG, "%s.%s: %ld is out of range [%ld, %ld]", r->name,
                           key, x, lo, hi);
    }
    *out = x;
    return note(r, key, cJSON_CreateNumber((double)x), err);
}

qs_rc conf_bool(const conf_reader *r, const char *key, int def, int *out, qs_err *err)
{
    const cJSON *v = get(r, key);
    int x = def;
    if (v) {
        if (!cJSON_IsBool(v))
            return qs_fail(err, QS_ECONFIG, "%s.%s: must be true or false", r->name, key);
        x = cJSON_IsTrue(v);
    }
    *out = x;
    return note(r, key, cJSON_CreateBool(x), err);
}

qs_rc conf_check_keys(const conf_reader *r, const char *const *known, qs_err *err)
{
    if (!r->sec)
        return QS_OK;
    for (const cJSON *it = r->sec->child; it; it = it->next) {
        int ok = it->string[0] == '_';
        for (int i = 0; known[i]; i++)
            ok |= strcmp(it->string, known[i]) == 0;
        if (!ok)
            return qs_fail(err, QS_ECONFIG, "%s: unknown key \"%s\"", r->name, it->string);
    }
    return QS_OK;
}

cJSON *conf_without_comments(const cJSON *section, qs_err *err)
{
    if (!section)
        return NULL;
    cJSON *copy = cJSON_Duplicate(section, 1);
    if (!copy) {
        qs_fail(err, QS_ENOMEM, "out of memory");
        return NULL;
    }
    for (cJSON *it = copy->child, *next; it; it = next) {
        next = it->next;
        if (it->string && it->string[0] == '_')
            cJSON_Delete(cJSON_DetachItemViaPointer(copy, it));
    }
    return copy;
}
