/* mge file: every output file of the library and the command is written
 * atomically. The text goes to a new temporary file beside the target
 * (same folder, so the rename cannot cross file systems); on success it is
 * flushed, synced to disk and renamed over the target, so a reader sees the
 * old file or the whole new one, never a part. On any failure the temporary
 * is removed and the old file stays as it was.
 *
 * Two forms:
 * - mge_file_write: one whole buffer;
 * - mge_file_open -> mge_file_stream (a FILE *) -> mge_file_commit or
 *   mge_file_abort: for output written as it is made.
 *
 * The new file gets the permissions of the file it replaces, or, for a new
 * file, 0666 less the umask (as fopen would give). A target that exists and
 * is not a regular file (a terminal, a pipe, /dev/null, /dev/full) cannot be
 * replaced: it is opened and written in place, and its errors are reported
 * the same way. A symbolic link as target is replaced by the new file.
 *
 * Errors: MGE_E_IO with the target path as the error's source and the
 * system's reason in the message; MGE_E_NOMEM; MGE_E_INPUT for a NULL or
 * empty path.
 *
 * Thread safety: reentrant; different handles are independent (two writers
 * of one target race, the last rename wins, neither file is torn).
 *
 * Input files are read whole by mge_file_read_all (the one reader of the
 * library's documents: problems, laminates, TDB databases, ...).
 */
#ifndef MGE_FILE_H
#define MGE_FILE_H

#include <stddef.h>
#include <stdio.h>

#include "mge/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Write len bytes of buf to path atomically (see above). */
MGE_API int mge_file_write(const char *path, const void *buf, size_t len,
                           mge_error *err);

/* A pending atomic write of one file. */
typedef struct mge_file mge_file;

/* Create a uniquely named temporary beside path (path.tmp-XXXXXX) and
 * return a handle on it in *out (NULL on error). Nothing is written to path
 * until mge_file_commit. */
MGE_API int mge_file_open(const char *path, mge_file **out, mge_error *err);

/* The stream to write to (owned by the handle: do not fclose it). */
MGE_API FILE *mge_file_stream(mge_file *f);

/* The target path the handle was opened for (owned by the handle). */
MGE_API const char *mge_file_path(const mge_file *f);

/* Finish: fflush, fsync, fclose and rename over the target. A write error
 * seen on the stream at any time (ferror) fails the commit. The handle is
 * freed whatever the outcome; on failure the temporary is removed and the
 * target is untouched. NULL gives MGE_E_INPUT. */
MGE_API int mge_file_commit(mge_file *f, mge_error *err);

/* Give up: close and remove the temporary, free the handle; the target is
 * untouched. NULL does nothing. */
MGE_API void mge_file_abort(mge_file *f);

/* Read the whole file at path into *buf (malloc'd, NUL-terminated, owned by
 * the caller; NULL on error) and its length in bytes, without the NUL, into
 * *len (may be NULL). Errors, each with path as the error's source:
 * MGE_E_INPUT "cannot open: REASON" (a missing or unreadable file, a NULL or
 * empty path), MGE_E_IO "read error", MGE_E_LIMIT "file larger than
 * max_bytes bytes" (nothing past max_bytes + 1 bytes is read), MGE_E_NOMEM.
 * Memory grows with the file, not with max_bytes. Reentrant. */
MGE_API int mge_file_read_all(const char *path, size_t max_bytes, char **buf,
                              size_t *len, mge_error *err);

#ifdef __cplusplus
}
#endif
#endif
