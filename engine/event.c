/* event.c: building and writing output events (see event.h). */
#include "event.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct cJSON *event_reject(const ingest_reject *rej)
{
    cJSON *ev = cJSON_CreateObject();
    if (!ev)
        return NULL;
    if (!cJSON_AddStringToObject(ev, "event", "reject") ||
        !cJSON_AddNumberToObject(ev, "line", (double)rej->line) ||
        (rej->has_id && !cJSON_AddStringToObject(ev, "id", rej->id)) ||
        !cJSON_AddStringToObject(ev, "error", rej->error) ||
        !cJSON_AddStringToObject(ev, "reason", ingest_reason_name(rej->reason))) {
        cJSON_Delete(ev);
        return NULL;
    }
    return ev;
}

qs_rc event_write(FILE *out, const struct cJSON *ev, qs_err *err)
{
    char *s = cJSON_PrintUnformatted(ev);
    if (!s)
        return qs_fail(err, QS_ENOMEM, "out of memory printing an event");
    size_t n = strlen(s);
    int bad = fwrite(s, 1, n, out) != n || fputc('\n', out) == EOF;
    free(s);
    if (bad)
        return qs_fail(err, QS_EIO, "write error on output: %s", strerror(errno));
    return QS_OK;
}
