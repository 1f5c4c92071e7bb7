/* The SVG canvas every plot of the library draws through (see
 * mge/report.h). Plain text out, no dependencies. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mge/report.h"
#include "mge/str.h"

typedef struct legend_item {
  int kind;
  mge_style st;
  char *fill, *stroke, *dash, *label; /* owned copies */
} legend_item;

struct mge_canvas {
  mge_str *b;
  double w, h, font;
  double pl, pt, pw, ph; /* plot area */
  mge_axis ax[3];
  int has[3];
  double (*pts)[2]; /* data drawn, px: where a legend would cover it */
  size_t npts, cap_pts;
  double (*box)[4]; /* labels placed: x0 y0 x1 y1 */
  size_t nbox, cap_box;
  legend_item *leg;
  size_t nleg, cap_leg;
  int err;
  char msg[128];
};

static void stop(mge_canvas *c, int code, const char *msg) {
  if (c->err) return;
  c->err = code;
  snprintf(c->msg, sizeof c->msg, "%s", msg);
}

static int bad(mge_canvas *c) {
  if (!c) return 1;
  if (!c->err && mge_str_errcode(c->b)) stop(c, MGE_E_NOMEM, "out of memory");
  return c->err != 0;
}

/* XML text or attribute value: markup characters escaped, control
 * characters (not allowed in XML 1.0) dropped. */
static void xml(mge_str *b, const char *t) {
  for (const char *p = t ? t : ""; *p; p++) {
    switch (*p) {
      case '<': mge_str_append(b, "&lt;", 4); break;
      case '>': mge_str_append(b, "&gt;", 4); break;
      case '&': mge_str_append(b, "&amp;", 5); break;
      case '"': mge_str_append(b, "&quot;", 6); break;
      case '\'': mge_str_append(b, "&apos;", 6); break;
      default:
        if ((unsigned char)*p >= 0x20 || *p == '\t') mge_str_append(b, p, 1);
    }
  }
}

/* name="value" with the value escaped */
static void attr(mge_str *b, const char *name, const char *value) {
  mge_str_printf(b, " %s=\"", name);
  xml(b, value);
  mge_str_append(b, "\"", 1);
}

static size_t utf8_len(const char *s) {
  size_t n = 0;
  for (; s && *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80) n++;
  return n;
}

static double text_width(const char *s, double size) {
  return 0.6 * size * (double)utf8_len(s);
}

static void grow_pts(mge_canvas *c, double x, double y) {
  if (c->err) return;
  if (c->npts == c->cap_pts) {
    size_t nc = c->cap_pts ? 2 * c->cap_pts : 256;
    double(*np)[2] = realloc(c->pts, nc * sizeof *np);
    if (!np) {
      stop(c, MGE_E_NOMEM, "out of memory");
      return;
    }
    c->pts = np;
    c->cap_pts = nc;
  }
  c->pts[c->npts][0] = x;
  c->pts[c->npts][1] = y;
  c->npts++;
}

double mge_canvas_nice_step(double span, int ticks) {
  if (!(span > 0) || !isfinite(span)) return 1.0;
  double raw = span / (ticks > 0 ? ticks : 5);
  double p = pow(10.0, floor(log10(raw)));
  double m = raw / p;
  return (m < 1.5 ? 1.0 : m < 3.5 ? 2.0 : m < 7.5 ? 5.0 : 10.0) * p;
}

mge_canvas *mge_canvas_new(double w_px, double h_px, double font_px) {
  mge_canvas *c = calloc(1, sizeof *c);
  if (!c) return NULL;
  c->b = mge_str_new();
  if (!c->b) return free(c), NULL;
  c->w = w_px;
  c->h = h_px;
  c->font = font_px > 0 ? font_px : 12;
  c->pw = w_px;
  c->ph = h_px;
  mge_str_printf(c->b,
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%g\" "
                 "height=\"%g\" viewBox=\"0 0 %g %g\" "
                 "font-family=\"sans-serif\" font-size=\"%g\">\n"
                 "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
                 w_px, h_px, w_px, h_px, c->font);
  return c;
}

void mge_canvas_free(mge_canvas *c) {
  if (!c) return;
  mge_str_free(c->b);
  free(c->pts);
  free(c->box);
  for (size_t i = 0; i < c->nleg; i++) {
    free(c->leg[i].fill);
    free(c->leg[i].stroke);
    free(c->leg[i].dash);
    free(c->leg[i].label);
  }
  free(c->leg);
  free(c);
}

void mge_canvas_plot_area(mge_canvas *c, double left, double top, double width,
                          double height) {
  if (bad(c)) return;
  c->pl = left;
  c->pt = top;
  c->pw = width;
  c->ph = height;
}

static double frac(const mge_axis *a, double v) {
  if (a->log) return (log10(v) - log10(a->lo)) / (log10(a->hi) - log10(a->lo));
  return (v - a->lo) / (a->hi - a->lo);
}

int mge_canvas_to_px(const mge_canvas *c, int space, double x, double y,
                     double *px, double *py) {
  if (space == MGE_SPACE_PX) {
    *px = x;
    *py = y;
    return 0;
  }
  int ya = space == MGE_SPACE_DATA_Y2 ? MGE_AXIS_Y2 : MGE_AXIS_Y;
  if (!c || !c->has[MGE_AXIS_X] || !c->has[ya]) return -1;
  *px = c->pl + frac(&c->ax[MGE_AXIS_X], x) * c->pw;
  *py = c->pt + c->ph - frac(&c->ax[ya], y) * c->ph;
  return 0;
}

/* a point of a shape: px, or NaN when it cannot be drawn */
static int pt_px(mge_canvas *c, int space, double x, double y, double *px,
                 double *py) {
  if (!isfinite(x) || !isfinite(y)) return -1;
  if (mge_canvas_to_px(c, space, x, y, px, py)) {
    stop(c, MGE_E_INPUT, "a plot drawn in data space before its axes");
    return -1;
  }
  return isfinite(*px) && isfinite(*py) ? 0 : -1;
}

static void tick_label(char *buf, size_t cap, double v, int decimals) {
  if (decimals >= 0)
    snprintf(buf, cap, "%.*f", decimals, v);
  else
    snprintf(buf, cap, "%g", v);
}

/* the tick values of a, at most cap of them */
static int ticks_of(const mge_axis *a, double *t, int cap) {
  int n = 0;
  if (a->step < 0) return 0;
  if (a->log) {
    for (double k = ceil(log10(a->lo) - 1e-9);
         k <= floor(log10(a->hi) + 1e-9) && n < cap; k++)
      t[n++] = pow(10.0, k);
    return n;
  }
  double step =
      a->step > 0 ? a->step : mge_canvas_nice_step(a->hi - a->lo, a->ticks);
  double first = ceil(a->lo / step - 1e-9);
  for (int i = 0; n < cap; i++) {
    double v = (first + i) * step;
    if (v > a->hi + step * 1e-9) break;
    t[n++] = fabs(v) < 1e-9 * step ? 0 : v;
  }
  return n;
}

void mge_canvas_axis(mge_canvas *c, int which, const mge_axis *a) {
  if (bad(c) || !a) return;
  if (which < 0 || which > 2 || !(a->hi > a->lo) || !isfinite(a->lo) ||
      !isfinite(a->hi) || (a->log && !(a->lo > 0))) {
    stop(c, MGE_E_INPUT, "bad plot axis range");
    return;
  }
  c->ax[which] = *a;
  c->has[which] = 1;
  mge_str *b = c->b;
  double t[200];
  int n = ticks_of(a, t, 200);
  double fs = c->font, wmax = 0;
  double bottom = c->pt + c->ph, right = c->pl + c->pw;
  const char *col = a->color ? a->color : "black";
  for (int i = 0; i < n; i++) {
    double f = frac(a, t[i]);
    char lab[64];
    tick_label(lab, sizeof lab, t[i], a->decimals);
    wmax = fmax(wmax, text_width(lab, fs));
    if (which == MGE_AXIS_X) {
      double x = c->pl + f * c->pw;
      if (a->grid)
        mge_str_printf(b,
                       "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" "
                       "stroke=\"#ddd\"/>\n",
                       x, c->pt, x, bottom);
      if (a->marks)
        mge_str_printf(b,
                       "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" "
                       "stroke=\"black\"/>\n",
                       x, bottom, x, bottom + 4);
      mge_str_printf(b, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\"", x,
                     bottom + fs + 5);
    } else {
      double y = c->pt + c->ph - f * c->ph;
      double edge = which == MGE_AXIS_Y ? c->pl : right;
      double out = which == MGE_AXIS_Y ? -1 : 1;
      if (a->grid)
        mge_str_printf(b,
                       "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" "
                       "stroke=\"#ddd\"/>\n",
                       c->pl, y, right, y);
      if (a->marks)
        mge_str_printf(b,
                       "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" "
                       "stroke=\"black\"/>\n",
                       edge, y, edge + 4 * out, y);
      mge_str_printf(b, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"%s\"",
                     edge + 6 * out, y + 4, out < 0 ? "end" : "start");
    }
    if (a->color) attr(b, "fill", col);
    mge_str_printf(b, ">%s</text>\n", lab);
  }
  if (!a->label) return;
  double lf = fs + 1;
  if (which == MGE_AXIS_X) {
    mge_str_printf(b, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\"",
                   c->pl + c->pw / 2, bottom + fs + 5 + lf + 10);
  } else {
    /* rotated text: its glyphs lie 0.75 em on the "up" side of the
     * baseline, 0.25 em on the other; clear of the tick labels */
    double ym = c->pt + c->ph / 2, x;
    if (which == MGE_AXIS_Y)
      x = fmax(0.8 * lf, c->pl - 10 - wmax - 0.25 * lf);
    else
      x = fmin(c->w - 0.8 * lf, right + 10 + wmax + 0.25 * lf);
    mge_str_printf(b,
                   "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\" "
                   "transform=\"rotate(%d %.2f %.2f)\"",
                   x, ym, which == MGE_AXIS_Y ? -90 : 90, x, ym);
  }
  mge_str_printf(b, " font-size=\"%g\"", lf);
  if (a->color) attr(b, "fill", col);
  mge_str_append(b, ">", 1);
  xml(b, a->label);
  mge_str_appendall(b, "</text>\n");
}

void mge_canvas_frame(mge_canvas *c, const char *stroke) {
  if (bad(c)) return;
  mge_str_printf(c->b,
                 "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                 "fill=\"none\"",
                 c->pl, c->pt, c->pw, c->ph);
  attr(c->b, "stroke", stroke ? stroke : "black");
  mge_str_appendall(c->b, "/>\n");
}

static void style_attrs(mge_str *b, const mge_style *st, int filled) {
  static const mge_style none = {0};
  if (!st) st = &none;
  if (filled) {
    attr(b, "fill", st->fill ? st->fill : "none");
    if (st->fill && st->opacity > 0 && st->opacity < 1)
      mge_str_printf(b, " fill-opacity=\"%g\"", st->opacity);
  } else {
    mge_str_appendall(b, " fill=\"none\"");
  }
  if (st->stroke) {
    attr(b, "stroke", st->stroke);
    if (st->stroke_width > 0 && st->stroke_width != 1)
      mge_str_printf(b, " stroke-width=\"%g\"", st->stroke_width);
    if (st->dash) attr(b, "stroke-dasharray", st->dash);
  }
}

void mge_canvas_title(mge_canvas *c, const char *text) {
  if (!text) return;
  mge_text_style ts = {c ? c->font + 3 : 0, MGE_ANCHOR_MIDDLE, NULL, 0};
  if (bad(c)) return;
  mge_canvas_text(c, MGE_SPACE_PX, c->pl + c->pw / 2, c->pt - 22, text, &ts);
}

void mge_canvas_line(mge_canvas *c, int space, double x0, double y0, double x1,
                     double y1, const mge_style *st) {
  double a, b, d, e;
  if (bad(c) || pt_px(c, space, x0, y0, &a, &b) ||
      pt_px(c, space, x1, y1, &d, &e))
    return;
  mge_str_printf(c->b, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"",
                 a, b, d, e);
  mge_style s = st ? *st : (mge_style){0};
  if (!s.stroke) s.stroke = "black";
  style_attrs(c->b, &s, 0);
  mge_str_appendall(c->b, "/>\n");
  if (space != MGE_SPACE_PX) {
    grow_pts(c, a, b);
    grow_pts(c, d, e);
  }
}

/* points="..." of the finite points; records them (and the segments
 * between them) as data a legend should not cover */
static void points(mge_canvas *c, int space, size_t n, const double *x,
                   const double *y, int closed) {
  mge_str_appendall(c->b, " points=\"");
  int first = 1;
  double fx = 0, fy = 0, lx = 0, ly = 0;
  for (size_t i = 0; i < n; i++) {
    double px, py;
    if (pt_px(c, space, x[i], y[i], &px, &py)) continue;
    mge_str_printf(c->b, "%s%.2f,%.2f", first ? "" : " ", px, py);
    if (space != MGE_SPACE_PX) {
      if (!first) {
        double d = hypot(px - lx, py - ly);
        for (int k = 1; k < d / 8; k++)
          grow_pts(c, lx + (px - lx) * 8 * k / d, ly + (py - ly) * 8 * k / d);
      }
      grow_pts(c, px, py);
    }
    if (first) fx = px, fy = py;
    first = 0;
    lx = px, ly = py;
  }
  if (closed && !first) mge_str_printf(c->b, " %.2f,%.2f", fx, fy);
  mge_str_appendall(c->b, "\"");
}

void mge_canvas_polyline(mge_canvas *c, int space, size_t n, const double *x,
                         const double *y, int closed, const mge_style *st) {
  if (bad(c)) return;
  mge_str_appendall(c->b, "<polyline");
  mge_style s = st ? *st : (mge_style){0};
  if (!s.stroke) s.stroke = "black";
  style_attrs(c->b, &s, 0);
  points(c, space, n, x, y, closed);
  mge_str_appendall(c->b, "/>\n");
}

void mge_canvas_polygon(mge_canvas *c, int space, size_t n, const double *x,
                        const double *y, const mge_style *st) {
  if (bad(c)) return;
  mge_str_appendall(c->b, "<polygon");
  style_attrs(c->b, st, 1);
  points(c, space, n, x, y, 0);
  mge_str_appendall(c->b, "/>\n");
}

void mge_canvas_markers(mge_canvas *c, int space, size_t n, const double *x,
                        const double *y, const mge_style *st) {
  if (bad(c)) return;
  mge_style s = st ? *st : (mge_style){0};
  if (!s.fill) s.fill = "black";
  double r = s.radius > 0 ? s.radius : 3;
  mge_str_appendall(c->b, "<g");
  style_attrs(c->b, &s, 1);
  mge_str_appendall(c->b, ">\n");
  for (size_t i = 0; i < n; i++) {
    double px, py;
    if (pt_px(c, space, x[i], y[i], &px, &py)) continue;
    mge_str_printf(c->b, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%g\"/>\n", px, py,
                   r);
    if (space != MGE_SPACE_PX) grow_pts(c, px, py);
  }
  mge_str_appendall(c->b, "</g>\n");
}

void mge_canvas_text(mge_canvas *c, int space, double x, double y,
                     const char *text, const mge_text_style *ts) {
  double px, py;
  if (bad(c) || pt_px(c, space, x, y, &px, &py)) return;
  static const char *const anchor[] = {"start", "middle", "end"};
  mge_str_printf(c->b, "<text x=\"%.2f\" y=\"%.2f\"", px, py);
  if (ts && ts->anchor > 0 && ts->anchor <= 2)
    mge_str_printf(c->b, " text-anchor=\"%s\"", anchor[ts->anchor]);
  if (ts && ts->size > 0 && ts->size != c->font)
    mge_str_printf(c->b, " font-size=\"%g\"", ts->size);
  if (ts && ts->fill) attr(c->b, "fill", ts->fill);
  if (ts && ts->rotate_deg != 0)
    mge_str_printf(c->b, " transform=\"rotate(%g %.2f %.2f)\"", ts->rotate_deg,
                   px, py);
  mge_str_append(c->b, ">", 1);
  xml(c->b, text);
  mge_str_appendall(c->b, "</text>\n");
}

static int add_box(mge_canvas *c, double x0, double y0, double x1, double y1) {
  if (c->nbox == c->cap_box) {
    size_t nc = c->cap_box ? 2 * c->cap_box : 64;
    double(*nb)[4] = realloc(c->box, nc * sizeof *nb);
    if (!nb) return stop(c, MGE_E_NOMEM, "out of memory"), -1;
    c->box = nb;
    c->cap_box = nc;
  }
  double *bx = c->box[c->nbox++];
  bx[0] = x0, bx[1] = y0, bx[2] = x1, bx[3] = y1;
  return 0;
}

int mge_canvas_label(mge_canvas *c, int space, double x, double y,
                     const char *text, double size, double min_size) {
  double px, py;
  if (bad(c) || !text || pt_px(c, space, x, y, &px, &py)) return 0;
  double x_lo = c->pl, x_hi = c->pl + c->pw, y_lo = c->pt, y_hi = c->pt + c->ph;
  for (double f = size; f >= min_size - 1e-9; f -= 3) {
    double hw = 0.5 * text_width(text, f);
    /* slid sideways to stay inside the area */
    double x1 = fmin(x_hi - 1, fmax(x_lo + 1, px - hw) + 2 * hw);
    double x0 = x1 - 2 * hw, y0 = py - f, y1 = py + 2;
    int clash = x0 < x_lo || y0 < y_lo || y1 > y_hi;
    for (size_t q = 0; q < c->nbox && !clash; q++)
      clash = x0 < c->box[q][2] && c->box[q][0] < x1 && y0 < c->box[q][3] &&
              c->box[q][1] < y1;
    if (clash) continue;
    if (add_box(c, x0, y0, x1, y1)) return 0;
    mge_text_style ts = {f, MGE_ANCHOR_MIDDLE, NULL, 0};
    mge_canvas_text(c, MGE_SPACE_PX, 0.5 * (x0 + x1), py, text, &ts);
    return 1;
  }
  return 0;
}

static char *dup_or_null(mge_canvas *c, const char *s) {
  if (!s) return NULL;
  char *d = strdup(s);
  if (!d) stop(c, MGE_E_NOMEM, "out of memory");
  return d;
}

void mge_canvas_legend_add(mge_canvas *c, int kind, const mge_style *st,
                           const char *label) {
  if (bad(c)) return;
  if (c->nleg == c->cap_leg) {
    size_t nc = c->cap_leg ? 2 * c->cap_leg : 8;
    legend_item *nl = realloc(c->leg, nc * sizeof *nl);
    if (!nl) {
      stop(c, MGE_E_NOMEM, "out of memory");
      return;
    }
    c->leg = nl;
    c->cap_leg = nc;
  }
  legend_item *it = &c->leg[c->nleg++];
  memset(it, 0, sizeof *it);
  it->kind = kind;
  if (st) it->st = *st;
  it->fill = dup_or_null(c, it->st.fill);
  it->stroke = dup_or_null(c, it->st.stroke);
  it->dash = dup_or_null(c, it->st.dash);
  it->label = dup_or_null(c, label ? label : "");
  it->st.fill = it->fill;
  it->st.stroke = it->stroke;
  it->st.dash = it->dash;
}

/* how much of the drawing a legend box at (x, y, w, h) would cover */
static double covered(const mge_canvas *c, double x, double y, double w,
                      double h) {
  double n = 0;
  for (size_t i = 0; i < c->npts; i++)
    if (c->pts[i][0] >= x && c->pts[i][0] <= x + w && c->pts[i][1] >= y &&
        c->pts[i][1] <= y + h)
      n++;
  for (size_t q = 0; q < c->nbox; q++)
    if (x < c->box[q][2] && c->box[q][0] < x + w && y < c->box[q][3] &&
        c->box[q][1] < y + h)
      n += 100;
  return n;
}

static void draw_legend(mge_canvas *c) {
  if (!c->nleg || c->err) return;
  double fs = c->font, row = fs + 6, tw = 0;
  for (size_t i = 0; i < c->nleg; i++)
    tw = fmax(tw, text_width(c->leg[i].label, fs));
  double lw = 8 + 20 + 6 + tw + 8, lh = 4 + row * (double)c->nleg + 4;
  double x, y;
  int boxed = 0;
  if (c->w - (c->pl + c->pw) >= lw + 4) {
    x = c->pl + c->pw + 4; /* room right of the plot */
    y = c->pt;
  } else {
    /* the corner of the plot area that covers the least */
    double m = 6, best = INFINITY;
    double cx[4] = {c->pl + c->pw - m - lw, c->pl + m, c->pl + c->pw - m - lw,
                    c->pl + m};
    double cy[4] = {c->pt + m, c->pt + m, c->pt + c->ph - m - lh,
                    c->pt + c->ph - m - lh};
    x = cx[0], y = cy[0];
    for (int k = 0; k < 4; k++) {
      double v = covered(c, cx[k], cy[k], lw, lh);
      if (v < best) best = v, x = cx[k], y = cy[k];
    }
    boxed = 1;
  }
  mge_str *b = c->b;
  if (boxed)
    mge_str_printf(b,
                   "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                   "fill=\"white\" fill-opacity=\"0.85\" stroke=\"#ccc\"/>\n",
                   x, y, lw, lh);
  for (size_t i = 0; i < c->nleg; i++) {
    const legend_item *it = &c->leg[i];
    double ym = y + 4 + row * ((double)i + 0.5), x0 = x + 8, x1 = x + 28;
    if (it->kind == MGE_LEGEND_MARKER) {
      mge_style s = it->st;
      if (!s.fill) s.fill = "black";
      mge_str_printf(b, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%g\"",
                     0.5 * (x0 + x1), ym, s.radius > 0 ? fmax(s.radius, 3) : 3);
      style_attrs(b, &s, 1);
      mge_str_appendall(b, "/>\n");
    } else if (it->kind == MGE_LEGEND_AREA) {
      mge_str_printf(b,
                     "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                     "height=\"%.2f\"",
                     x0, ym - 5, x1 - x0, 10.0);
      style_attrs(b, &it->st, 1);
      mge_str_appendall(b, "/>\n");
    } else {
      mge_style s = it->st;
      if (!s.stroke) s.stroke = "black";
      if (!(s.stroke_width > 0)) s.stroke_width = 1;
      s.stroke_width = fmax(s.stroke_width, 2);
      mge_str_printf(b, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"",
                     x0, ym, x1, ym);
      style_attrs(b, &s, 0);
      mge_str_appendall(b, "/>\n");
    }
    mge_str_printf(b, "<text x=\"%.2f\" y=\"%.2f\">", x1 + 6, ym + 0.35 * fs);
    xml(b, it->label);
    mge_str_appendall(b, "</text>\n");
  }
}

int mge_canvas_finish(mge_canvas *c, char **svg, size_t *len, mge_error *err) {
  *svg = NULL;
  if (len) *len = 0;
  if (!c) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
  draw_legend(c);
  mge_str_appendall(c->b, "</svg>\n");
  int rc = bad(c) ? mge_error_set(err, c->err, "plot: %s", c->msg) : MGE_OK;
  if (!rc) {
    *svg = mge_str_finish(c->b, len);
    c->b = NULL;
    if (!*svg) rc = mge_error_set(err, MGE_E_NOMEM, "out of memory");
  }
  mge_canvas_free(c);
  return rc;
}
