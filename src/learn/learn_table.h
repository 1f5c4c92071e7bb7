/* A CSV file held in memory as strings (internal to learn). */
#ifndef MGE_LEARN_TABLE_H
#define MGE_LEARN_TABLE_H

#include <stddef.h>

#include "mge/core.h"

typedef struct learn_table {
  size_t ncols, nrows;
  char **header; /* ncols */
  char **cell;   /* nrows x ncols, row-major */
  long *line;    /* nrows: line of each record in the file */
} learn_table;

int learn_table_read(const char *path, learn_table *t, mge_error *err);
void learn_table_free(learn_table *t);
/* Index of the column named name, or -1. */
int learn_table_col(const learn_table *t, const char *name);
static inline const char *learn_table_cell(const learn_table *t, size_t row,
                                           size_t col) {
  return t->cell[row * t->ncols + col];
}

/* FNV-1a 64 of a file's bytes as 16 hex digits. */
int learn_file_hash(const char *path, char hex[17], mge_error *err);

#endif
