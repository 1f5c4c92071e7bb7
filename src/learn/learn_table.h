/* File helpers internal to learn (CSV tables are in mge/csv.h). */
#ifndef MGE_LEARN_TABLE_H
#define MGE_LEARN_TABLE_H

#include <stddef.h>

#include "mge/core.h"

/* FNV-1a 64 of a file's bytes as 16 hex digits. */
int learn_file_hash(const char *path, char hex[17], mge_error *err);

#endif
