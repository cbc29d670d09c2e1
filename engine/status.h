/* status.h: the one result-code type of the engine and the error record that
 * carries a printable message beside it (SQLite's rc + errmsg idea). Reporting
 * an error never allocates: the message lives in a fixed buffer. */
#ifndef QS_STATUS_H
#define QS_STATUS_H

typedef enum qs_rc {
    QS_OK = 0,
    QS_ENOMEM,  /* allocation failed; the object is unchanged */
    QS_EINVAL,  /* bad argument or usage */
    QS_EIO,     /* read/write failed; errno kept in qs_err.sys_errno */
    QS_ECONFIG, /* configuration invalid */
    QS_EDATA,   /* dictionary, model or state file bad */
    QS_EICU,    /* ICU failure */
    QS_ESTAT,   /* GSL failure */
    QS_ESTORE   /* SQLite failure */
} qs_rc;

typedef struct qs_err {
    qs_rc rc;
    int sys_errno;
    char msg[256];
} qs_err;

/* Fill err (may be NULL) with rc and a printf-style message; returns rc so an
 * error site is one line: `return qs_fail(err, QS_EIO, "open %s", path);`. */
qs_rc qs_fail(qs_err *err, qs_rc rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Static name of a result code ("ENOMEM", ...). */
const char *qs_rc_str(qs_rc rc);

/* Process exit status for a result code, as the contract wants:
 * 0 ok, 1 usage error, 2 I/O or state error. */
int qs_rc_exit(qs_rc rc);

#endif
