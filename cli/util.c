#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mge/str.h"

int cli_report(const mge_error *err, const char *input) {
  char buf[MGE_ERROR_MSG_MAX + MGE_ERROR_SOURCE_MAX + 64];
  mge_error_format(err, buf, sizeof buf);
  fprintf(stderr, "mge: error: %s\n", buf);
  if (input && err && err->column > 0 && !err->source[0]) {
    fprintf(stderr, "  %s\n  %*s^\n", input, err->column - 1, "");
  } else if (input && err && err->column > 0 &&
             strcmp(err->source, "<input>") == 0) {
    fprintf(stderr, "  %s\n  %*s^\n", input, err->column - 1, "");
  }
  if (!err) return CLI_FAIL;
  return (err->code == MGE_E_INPUT || err->code == MGE_E_LIMIT) ? CLI_USAGE
                                                                : CLI_FAIL;
}

int cli_usage_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("mge: error: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  return CLI_USAGE;
}

FILE *cli_out_open(const char *path, mge_file **out) {
  mge_error err;
  if (mge_file_open(path, out, &err)) {
    cli_report(&err, NULL);
    return NULL;
  }
  return mge_file_stream(*out);
}

int cli_out_close(mge_file *out, int rc) {
  if (!out) return rc;
  if (rc) {
    mge_file_abort(out);
    return rc;
  }
  mge_error err;
  if (mge_file_commit(out, &err)) {
    cli_report(&err, NULL);
    return CLI_FAIL;
  }
  return CLI_OK;
}

int cli_write_file(const char *path, const char *buf, size_t len) {
  mge_file *out;
  FILE *f = cli_out_open(path, &out);
  if (!f) return CLI_USAGE;
  fwrite(buf, 1, len, f); /* a short write fails the commit (ferror) */
  return cli_out_close(out, CLI_OK);
}

int cli_write_rendered(const char *path, int render_rc, char *text,
                       const mge_error *err) {
  int rc = render_rc ? cli_report(err, NULL)
                     : cli_write_file(path, text, strlen(text));
  free(text);
  return rc;
}

int cli_is_help(const char *arg) {
  return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

const char *cli_nearest(const char *s, const char *const *names, size_t n) {
  return mge_nearest(s, names, n, MGE_NEAREST_SCALED);
}

void cli_csv_field(FILE *f, const char *s) {
  if (!strpbrk(s, ",\"\r\n")) {
    fputs(s, f);
    return;
  }
  fputc('"', f);
  for (; *s; s++) {
    if (*s == '"') fputc('"', f);
    fputc(*s, f);
  }
  fputc('"', f);
}

/* ---------------------------------------------------------------- JSON */

void cli_json_escape(FILE *f, const char *s) {
  fputc('"', f);
  for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
    switch (*p) {
      case '"': fputs("\\\"", f); break;
      case '\\': fputs("\\\\", f); break;
      case '\n': fputs("\\n", f); break;
      case '\r': fputs("\\r", f); break;
      case '\t': fputs("\\t", f); break;
      default:
        if (*p < 0x20)
          fprintf(f, "\\u%04x", *p);
        else
          fputc(*p, f);
    }
  }
  fputc('"', f);
}

void cli_json_init(cli_json *j, FILE *f, int pretty) {
  memset(j, 0, sizeof *j);
  j->f = f;
  j->pretty = pretty;
}

static void indent(cli_json *j) {
  if (!j->pretty) return;
  fputc('\n', j->f);
  for (int i = 0; i < j->depth; i++) fputs("  ", j->f);
}

/* Before a value: a comma if needed, unless it follows a key. */
static int after_key(cli_json *j) {
  return j->depth > 0 && j->count[j->depth] < 0;
}

static void pre_value(cli_json *j) {
  if (after_key(j)) {
    j->count[j->depth] = -j->count[j->depth];
    return;
  }
  if (j->depth > 0) {
    if (j->count[j->depth] > 0) fputc(',', j->f);
    j->count[j->depth]++;
    indent(j);
  }
}

static void open(cli_json *j, char c) {
  pre_value(j);
  fputc(c, j->f);
  if (j->depth < CLI_JSON_DEPTH - 1) j->depth++;
  j->count[j->depth] = 0;
}

static void close(cli_json *j, char c) {
  int had = j->count[j->depth] != 0;
  if (j->depth > 0) j->depth--;
  if (had) indent(j);
  fputc(c, j->f);
}

void cli_json_obj_begin(cli_json *j) {
  open(j, '{');
}
void cli_json_obj_end(cli_json *j) {
  close(j, '}');
}
void cli_json_arr_begin(cli_json *j) {
  open(j, '[');
}
void cli_json_arr_end(cli_json *j) {
  close(j, ']');
}

void cli_json_key(cli_json *j, const char *key) {
  if (j->count[j->depth] > 0) fputc(',', j->f);
  j->count[j->depth]++;
  indent(j);
  cli_json_escape(j->f, key);
  fputs(j->pretty ? ": " : ":", j->f);
  j->count[j->depth] = -j->count[j->depth]; /* a value follows */
}

void cli_json_str(cli_json *j, const char *s) {
  pre_value(j);
  cli_json_escape(j->f, s);
}

void cli_json_num(cli_json *j, double v) {
  pre_value(j);
  if (isfinite(v)) {
    /* shortest of 15 or 17 significant digits that reads back exactly */
    char b[40];
    snprintf(b, sizeof b, "%.15g", v);
    if (strtod(b, NULL) != v) snprintf(b, sizeof b, "%.17g", v);
    fputs(b, j->f);
  } else
    fputs("null", j->f);
}

void cli_json_int(cli_json *j, long long v) {
  pre_value(j);
  fprintf(j->f, "%lld", v);
}

void cli_json_bool(cli_json *j, int v) {
  pre_value(j);
  fputs(v ? "true" : "false", j->f);
}

void cli_json_null(cli_json *j) {
  pre_value(j);
  fputs("null", j->f);
}

void cli_json_end(cli_json *j) {
  fputc('\n', j->f);
}
