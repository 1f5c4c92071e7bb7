/* libFuzzer target: the ion-exchange YAML parser, then a small run of
 * whatever it accepts (mesh capped so that each input stays fast). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "mge/glass.h"
#include "mge/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mge_ionex_problem p;
  mge_ionex_measure m[4];
  int nm = 0;
  mge_error err;
  if (mge_ionex_parse_yaml((const char *)data, size, "<fuzz>", &p, m, 4, &nm,
                           &err) != MGE_OK)
    return 0;
  if (p.opts.n_nodes > 64) p.opts.n_nodes = 64;
  if (p.opts.n_time > 32) p.opts.n_time = 32;
  mge_ionex_result r;
  if (mge_ionex_run(&p, &r, &err) == MGE_OK) {
    char *svg = NULL;
    mge_report_ionex_svg(&r, "fuzz", &svg, &err);
    free(svg);
    mge_ionex_result_free(&r);
  }
  return 0;
}
