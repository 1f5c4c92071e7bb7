/* mge alloy TEXT [--json]: alloy descriptors and phase-formation rules.
 * No science here: parse, call mge_alloy_describe, format. The JSON schema
 * is documented in docs/models/alloy.md (other tools read it). */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "mge/alloy.h"
#include "mge/chem.h"
#include "opt.h"
#include "record.h"

/* One output row: the nested name, the flat key (name_unit), the unit, a
 * label for the table, and where the value lives in mge_alloy_desc. */
typedef struct desc_row {
  const char *name;
  const char *flat;
  const char *unit;
  const char *label;
  size_t off;
} desc_row;

#define ROW(n, f, u, l, m) \
  { n, f, u, l, offsetof(mge_alloy_desc, m) }
static const desc_row rows[] = {
    ROW("molar_mass", "molar_mass_g_mol", "g/mol", "mean molar mass",
        molar_mass_g_mol),
    ROW("density", "density_kg_m3", "kg/m^3", "density (rule of mixtures)",
        density_kg_m3),
    ROW("delta", "delta_pct", "%", "atomic size mismatch delta", delta_pct),
    ROW("dSmix", "dSmix_J_molK", "J/(mol K)", "ideal mixing entropy",
        dSmix_J_molK),
    ROW("dHmix", "dHmix_kJ_mol", "kJ/mol", "mixing enthalpy", dHmix_kJ_mol),
    ROW("Omega", "Omega", "1", "Omega = Tm dSmix / |dHmix|", omega),
    ROW("VEC", "VEC", "1", "valence electron concentration", vec),
    ROW("dchi", "dchi_pauling", "1", "Pauling electronegativity difference",
        dchi_pauling),
    ROW("Tm", "Tm_K", "K", "mean melting point", tm_K),
    ROW("cost", "cost_usd_kg", "USD/kg", "raw-material cost", cost_usd_kg),
};
#define NROWS (sizeof rows / sizeof rows[0])

static double value_of(const mge_alloy_desc *d, const desc_row *r) {
  double v;
  memcpy(&v, (const char *)d + r->off, sizeof v);
  return v;
}

static const char head[] =
    "usage: mge alloy TEXT [--json]\n\n"
    "Empirical descriptors of the alloy TEXT (any notation mge comp reads:\n"
    "AlCoCrFeNi, Al0.5CoCrCuFeNi, Mg-9Al-1Zn, AA6061, ...): mean molar\n"
    "mass, density, atomic size mismatch delta, ideal mixing entropy,\n"
    "mixing enthalpy (Takeuchi-Inoue pairs, Miedema where missing), Omega,\n"
    "VEC, Pauling electronegativity difference, mean melting point, cost,\n"
    "and the phase-formation rules of Yang & Zhang (2012) and Guo et al.\n"
    "(2011). Equations and sources: docs/models/alloy.md.\n\n"
    "options:\n";
static const char tail[] =
    "\nExit status: 0 success, 2 bad input, 1 internal failure.\n";

/* The descriptors as a record: name, unit, value. */
static cli_record *descriptors(const mge_alloy_desc *d) {
  cli_record *r = cli_rec_new();
  for (size_t i = 0; i < NROWS; i++)
    cli_rec_num(r, rows[i].name, rows[i].unit, value_of(d, &rows[i]));
  return r;
}

static void print_table(const char *text, const mge_comp *c,
                        const mge_alloy_desc *d, const cli_record *rec) {
  char f[256];
  mge_comp_format(c, 4, f, sizeof f);
  printf("%s  (%s, mole fractions)\n", text, f);
  const char *labels[NROWS];
  for (size_t i = 0; i < NROWS; i++) labels[i] = rows[i].label;
  cli_rec_list(stdout, rec, labels, 38, 10, "%.4g", "n/a");
  printf("rules:\n");
  for (int i = 0; i < MGE_ALLOY_RULE_N; i++) {
    const mge_alloy_rule *r = mge_alloy_rule_info(i);
    printf("  %-16s %-8s %s\n", r->name,
           mge_alloy_phase_name(mge_alloy_rule_prediction(d, i)),
           r->thresholds);
  }
  if (d->flags) {
    printf("flags:");
    for (unsigned b = 1; b; b <<= 1)
      if ((d->flags & b) && mge_alloy_flag_name(b))
        printf(" %s", mge_alloy_flag_name(b));
    printf("\n");
  }
}

static void print_json(const char *text, const mge_comp *c,
                       const mge_alloy_desc *d, const cli_record *rec) {
  cli_json j;
  cli_json_init(&j, stdout, 1);
  cli_json_obj_begin(&j);
  cli_json_key(&j, "input");
  cli_json_str(&j, text);
  cli_json_key(&j, "composition");
  cli_json_obj_begin(&j);
  for (int i = 0; i < c->n; i++) {
    cli_json_key(&j, mge_element_by_Z(c->Z[i])->symbol);
    cli_json_num(&j, c->x[i]);
  }
  cli_json_obj_end(&j);
  cli_json_key(&j, "descriptors");
  cli_rec_json_units(&j, rec);
  for (size_t i = 0; i < NROWS; i++) {
    cli_json_key(&j, rows[i].flat);
    cli_json_num(&j, value_of(d, &rows[i]));
  }
  cli_json_key(&j, "rules");
  cli_json_arr_begin(&j);
  for (int i = 0; i < MGE_ALLOY_RULE_N; i++) {
    const mge_alloy_rule *r = mge_alloy_rule_info(i);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "name");
    cli_json_str(&j, r->name);
    cli_json_key(&j, "prediction");
    cli_json_str(&j, mge_alloy_phase_name(mge_alloy_rule_prediction(d, i)));
    cli_json_key(&j, "thresholds");
    cli_json_str(&j, r->thresholds);
    cli_json_key(&j, "source");
    cli_json_str(&j, r->source);
    cli_json_obj_end(&j);
  }
  cli_json_arr_end(&j);
  cli_json_key(&j, "flags");
  cli_json_arr_begin(&j);
  for (unsigned b = 1; b; b <<= 1)
    if ((d->flags & b) && mge_alloy_flag_name(b))
      cli_json_str(&j, mge_alloy_flag_name(b));
  cli_json_arr_end(&j);
  cli_json_obj_end(&j);
  cli_json_end(&j);
}

int cmd_alloy(int argc, char **argv) {
  int json = 0, npos;
  cli_opt opt[] = {
      CLI_FLAG("--json", &json,
               "machine-readable output (schema in docs/models/alloy.md)"),
      CLI_HELP_ROW,
  };
  cli_opts spec = CLI_OPTS("alloy", head, opt, 11, tail);
  int rc = cli_opt_parse(&spec, argc, argv, &npos);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  if (npos > 1)
    return cli_usage_error("alloy: one composition at a time ('%s' and '%s')",
                           argv[1], argv[2]);
  if (npos == 0) {
    cli_opt_usage(stderr, &spec);
    return CLI_USAGE;
  }
  const char *text = argv[1];
  mge_comp c;
  mge_error err;
  mge_error_clear(&err);
  if (mge_comp_parse(text, &c, &err)) return cli_report(&err, text);
  mge_alloy_desc d;
  if (mge_alloy_describe(&c, &d, &err)) return cli_report(&err, text);
  cli_record *rec = descriptors(&d);
  if (cli_rec_failed(rec)) {
    cli_rec_free(rec);
    fprintf(stderr, "mge: error: out of memory\n");
    return CLI_FAIL;
  }
  if (json)
    print_json(text, &c, &d, rec);
  else
    print_table(text, &c, &d, rec);
  cli_rec_free(rec);
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "mge: error: alloy: cannot write the output\n");
    return CLI_FAIL;
  }
  return CLI_OK;
}
