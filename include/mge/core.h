/* mge core: errors, status codes, visibility and version.
 *
 * Every fallible function in libmge returns an int status (MGE_OK = 0 on
 * success) and fills an optional, caller-owned mge_error with a code, a
 * message and, for parsers, the source name, line and column (1-based; 0 when
 * unknown). There is no global or thread-local error state and the library
 * never prints or exits.
 *
 * Thread safety: the functions here are reentrant; an mge_error must not be
 * shared between threads that write to it at the same time.
 */
#ifndef MGE_CORE_H
#define MGE_CORE_H

#include <stddef.h>

#if defined(MGE_BUILDING) && defined(__GNUC__)
#define MGE_API __attribute__((visibility("default")))
#else
#define MGE_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define MGE_VERSION_MAJOR 0
#define MGE_VERSION_MINOR 1
#define MGE_VERSION_PATCH 0
#define MGE_VERSION_STRING "0.1.0"

/* Status codes. MGE_E_INPUT covers every kind of bad user input (syntax,
 * unknown names, out-of-range values); the CLI maps it to exit status 2 and
 * every other non-zero code to exit status 1. */
typedef enum mge_status {
  MGE_OK = 0,
  MGE_E_INPUT = 1,    /* malformed or impossible input */
  MGE_E_NOMEM = 2,    /* allocation failed */
  MGE_E_IO = 3,       /* file or database I/O failed */
  MGE_E_RANGE = 4,    /* argument outside the domain of a model */
  MGE_E_CONVERGE = 5, /* an iterative method did not converge */
  MGE_E_INTERNAL = 6, /* a bug: an invariant did not hold */
  MGE_E_LIMIT = 7,    /* input larger than a stated limit */
  MGE_E_INTERRUPT = 8 /* interrupted on request (signal) */
} mge_status;

#define MGE_ERROR_MSG_MAX 512
#define MGE_ERROR_SOURCE_MAX 256

typedef struct mge_error {
  int code;                          /* an mge_status */
  int line;                          /* 1-based line in source, 0 if none */
  int column;                        /* 1-based column, 0 if none */
  char source[MGE_ERROR_SOURCE_MAX]; /* file name or "<arg>", "" if none */
  char message[MGE_ERROR_MSG_MAX];   /* human-readable, no trailing newline */
} mge_error;

/* Reset err to "no error". err may be NULL. */
MGE_API void mge_error_clear(mge_error *err);

/* Set err (may be NULL) to code with a printf-style message; returns code so
 * that `return mge_error_set(err, MGE_E_INPUT, "...")` reads naturally. */
MGE_API int mge_error_set(mge_error *err, int code, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* As mge_error_set, and records where in the input the error is. source may
 * be NULL (stored as ""). */
MGE_API int mge_error_set_at(mge_error *err, int code, const char *source,
                             int line, int column, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Format err as "source:line:column: message" (parts that are unknown are
 * left out) into buf of capacity cap; always NUL-terminates when cap > 0.
 * Returns buf. */
MGE_API char *mge_error_format(const mge_error *err, char *buf, size_t cap);

/* A short name of a status code ("bad input", "out of memory", ...). */
MGE_API const char *mge_status_name(int code);

/* Find a shipped data file by its path relative to the data folder
 * ("ml/matbench_steels.csv", "thermo/cost507R.tdb"). Looks, in order, in
 * $MGE_DATA (if set), the installed data folder (PREFIX/share/mge) and the
 * source tree's data/ folder the library was built from. Writes the first
 * path that exists into out (capacity cap). MGE_E_IO naming the places
 * searched if none exists; MGE_E_LIMIT if cap is too small. */
MGE_API int mge_data_find(const char *relpath, char *out, size_t cap,
                          mge_error *err);

/* 64-bit FNV-1a hash of n bytes (Fowler, Noll, Vo; the offset basis
 * 14695981039346656037 and prime 1099511628211 of the FNV reference): a
 * change detector for provenance, not a cryptographic hash. */
MGE_API unsigned long long mge_fnv1a64(const void *data, size_t n);

/* Incremental form: h = MGE_FNV1A64_INIT, then h = mge_fnv1a64_step(h, ...)
 * over the pieces gives mge_fnv1a64 of their concatenation. */
#define MGE_FNV1A64_INIT 14695981039346656037ULL
MGE_API unsigned long long mge_fnv1a64_step(unsigned long long h,
                                            const void *data, size_t n);

/* One splitmix64 step from state x: the golden-ratio increment, then the
 * finalizer (Steele, Lea, Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014). Used for counter-based sampling and seeds. */
MGE_API unsigned long long mge_mix64(unsigned long long x);

/* The library version string, e.g. "0.1.0". */
MGE_API const char *mge_version(void);

#ifdef __cplusplus
}
#endif
#endif
