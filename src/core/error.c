#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mge/core.h"

void mge_error_clear(mge_error *err) {
  if (!err) return;
  err->code = MGE_OK;
  err->line = 0;
  err->column = 0;
  err->source[0] = '\0';
  err->message[0] = '\0';
}

static void set_va(mge_error *err, int code, const char *source, int line,
                   int column, const char *fmt, va_list ap) {
  err->code = code;
  err->line = line;
  err->column = column;
  snprintf(err->source, sizeof err->source, "%s", source ? source : "");
  vsnprintf(err->message, sizeof err->message, fmt, ap);
}

int mge_error_set(mge_error *err, int code, const char *fmt, ...) {
  if (!err) return code;
  va_list ap;
  va_start(ap, fmt);
  set_va(err, code, NULL, 0, 0, fmt, ap);
  va_end(ap);
  return code;
}

int mge_error_set_at(mge_error *err, int code, const char *source, int line,
                     int column, const char *fmt, ...) {
  if (!err) return code;
  va_list ap;
  va_start(ap, fmt);
  set_va(err, code, source, line, column, fmt, ap);
  va_end(ap);
  return code;
}

char *mge_error_format(const mge_error *err, char *buf, size_t cap) {
  if (!buf || cap == 0) return buf;
  buf[0] = '\0';
  if (!err) return buf;
  size_t k = 0;
  int w;
  if (err->source[0]) {
    w = snprintf(buf, cap, "%s:", err->source);
    k = w > 0 ? (size_t)w : 0;
    if (k < cap && err->line > 0) {
      w = snprintf(buf + k, cap - k, "%d:", err->line);
      k += w > 0 ? (size_t)w : 0;
    }
    if (k < cap && err->column > 0) {
      w = snprintf(buf + k, cap - k, "%d:", err->column);
      k += w > 0 ? (size_t)w : 0;
    }
    if (k < cap) {
      w = snprintf(buf + k, cap - k, " ");
      k += w > 0 ? (size_t)w : 0;
    }
  } else if (err->column > 0) {
    w = snprintf(buf, cap, "column %d: ", err->column);
    k = w > 0 ? (size_t)w : 0;
  }
  if (k < cap) snprintf(buf + k, cap - k, "%s", err->message);
  return buf;
}

const char *mge_status_name(int code) {
  switch (code) {
    case MGE_OK: return "ok";
    case MGE_E_INPUT: return "bad input";
    case MGE_E_NOMEM: return "out of memory";
    case MGE_E_IO: return "I/O error";
    case MGE_E_RANGE: return "out of range";
    case MGE_E_CONVERGE: return "did not converge";
    case MGE_E_INTERNAL: return "internal error";
    case MGE_E_LIMIT: return "limit exceeded";
    case MGE_E_INTERRUPT: return "interrupted";
    default: return "unknown error";
  }
}

const char *mge_version(void) {
  return MGE_VERSION_STRING;
}

unsigned long long mge_fnv1a64_step(unsigned long long h, const void *data,
                                    size_t n) {
  const unsigned char *p = data;
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= 1099511628211ULL;
  }
  return h;
}

unsigned long long mge_fnv1a64(const void *data, size_t n) {
  return mge_fnv1a64_step(MGE_FNV1A64_INIT, data, n);
}

unsigned long long mge_mix64(unsigned long long x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
