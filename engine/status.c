/* status.c: result codes and error records (see status.h). */
#include "status.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

qs_rc qs_fail(qs_err *err, qs_rc rc, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->rc = rc;
        err->sys_errno = (rc == QS_EIO) ? errno : 0;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return rc;
}

const char *qs_rc_str(qs_rc rc)
{
    switch (rc) {
    case QS_OK: return "OK";
    case QS_ENOMEM: return "ENOMEM";
    case QS_EINVAL: return "EINVAL";
    case QS_EIO: return "EIO";
    case QS_ECONFIG: return "ECONFIG";
    case QS_EDATA: return "EDATA";
    case QS_EICU: return "EICU";
    case QS_ESTAT: return "ESTAT";
    case QS_ESTORE: return "ESTORE";
    }
    return "E?";
}

int qs_rc_exit(qs_rc rc)
{
    switch (rc) {
    case QS_OK: return 0;
    case QS_EINVAL:
    case QS_ECONFIG: return 1;
    default: return 2;
    }
}
