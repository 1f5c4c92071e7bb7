/* mge laminate materials: the built-in lamina library and the laminae of
 * --materials. */
#include <math.h>
#include <stdio.h>

#include "laminate_common.h"

int lam_materials(const lam_opts *o, const mge_lamina *user, size_t nu) {
  size_t nb;
  const mge_lamina *b = mge_lamina_builtin(&nb);
  cli_json j;
  if (o->json) {
    cli_json_init(&j, stdout, 1);
    cli_json_arr_begin(&j);
  } else {
    printf("%-30s %7s %7s %6s %6s %7s %7s %6s %6s %6s %6s\n", "name", "E1 GPa",
           "E2 GPa", "G12", "nu12", "Xt MPa", "Xc", "Yt", "Yc", "S12", "rho");
  }
  for (size_t pass = 0; pass < 2; pass++) {
    const mge_lamina *v = pass ? b : user;
    size_t n = pass ? nb : nu;
    for (size_t i = 0; i < n; i++) {
      const mge_lamina *m = &v[i];
      if (o->json) {
        cli_json_obj_begin(&j);
        const char *k[] = {
            "E1_Pa",        "E2_Pa",         "G12_Pa", "nu12",   "Xt_Pa",
            "Xc_Pa",        "Yt_Pa",         "Yc_Pa",  "S12_Pa", "alpha1_per_K",
            "alpha2_per_K", "density_kg_m3", "t_ply_m"};
        const double x[] = {m->E1_Pa,        m->E2_Pa,        m->G12_Pa,
                            m->nu12,         m->Xt_Pa,        m->Xc_Pa,
                            m->Yt_Pa,        m->Yc_Pa,        m->S12_Pa,
                            m->alpha1_per_K, m->alpha2_per_K, m->rho_kg_m3,
                            m->t_ply_m};
        cli_json_key(&j, "name");
        cli_json_str(&j, m->name);
        for (int q = 0; q < 13; q++) {
          cli_json_key(&j, k[q]);
          cli_json_num(&j, x[q]);
        }
        cli_json_key(&j, "source");
        cli_json_str(&j, pass ? m->source : "user");
        cli_json_obj_end(&j);
      } else { /* an unknown density (NaN, or 0 from an old file): '-' */
        char rho[16] = "-";
        if (isfinite(m->rho_kg_m3) && m->rho_kg_m3 > 0)
          snprintf(rho, sizeof rho, "%.4g", m->rho_kg_m3);
        printf(
            "%-30s %7.4g %7.4g %6.3g %6.3g %7.4g %7.4g %6.3g %6.3g %6.3g "
            "%6s\n",
            m->name, m->E1_Pa / 1e9, m->E2_Pa / 1e9, m->G12_Pa / 1e9, m->nu12,
            m->Xt_Pa / 1e6, m->Xc_Pa / 1e6, m->Yt_Pa / 1e6, m->Yc_Pa / 1e6,
            m->S12_Pa / 1e6, rho);
      }
    }
  }
  if (o->json) {
    cli_json_arr_end(&j);
    cli_json_end(&j);
  } else {
    printf(
        "sources: data/composites/laminae.csv (mge laminate materials "
        "--json)\n");
  }
  return CLI_OK;
}
