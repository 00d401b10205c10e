#ifndef TRACESPREP_CSQLITE_SHIM_H
#define TRACESPREP_CSQLITE_SHIM_H

#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro that Swift cannot import: it tells SQLite to copy bound text.
static inline sqlite3_destructor_type tracesprep_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

#endif
