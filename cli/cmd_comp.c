/* mge comp TEXT [--to at|wt] [--json] [--list-designations]: parse a
 * composition in any notation and print it in atomic and mass percent. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "mge/chem.h"
#include "opt.h"
#include "record.h"

static const char head[] =
    "usage: mge comp TEXT [--to at|wt] [--json]\n"
    "       mge comp --list-designations [--json]\n\n"
    "Parse a composition and print its elements in at% and wt%.\n"
    "TEXT is any of\n"
    "  formula       Al2O3  Ca3(PO4)2  CuSO4*5H2O  Fe0.7Cr0.2Ni0.1  "
    "AlCoCrFeNi\n"
    "  alloy (wt%)   Mg-9Al-1Zn  Al-4.4Cu-1.5Mg-0.6Mn   (balance "
    "element first)\n"
    "  designation   AA6061  6061-T6  A356  AZ91D  WE43\n"
    "  recipe        61SiO2-16Al2O3-13Na2O-4MgO-6B2O3 mol%\n"
    "A suffix at%, mol%, wt% or mass% sets the basis of the amounts.\n"
    "Several arguments are joined with spaces (mge comp AA 6061).\n\n"
    "options:\n";
static const char tail[] =
    "\nExit status: 0 success, 2 bad input, 1 internal failure.\n";

static const char *notation_name(mge_notation n) {
  switch (n) {
    case MGE_NOTATION_FORMULA: return "formula";
    case MGE_NOTATION_ALLOY: return "alloy";
    case MGE_NOTATION_RECIPE: return "recipe";
    case MGE_NOTATION_DESIGNATION: return "designation";
  }
  return "?";
}

static const char *sym(int Z) {
  const mge_element *e = mge_element_by_Z(Z);
  return e ? e->symbol : "?";
}

/* The sub-record key of the fractions v keyed by symbol. */
static void fractions(cli_record *rec, const char *key, const mge_comp *c,
                      const double *v) {
  cli_rec_begin(rec, key);
  for (int i = 0; i < c->n; i++) cli_rec_num(rec, sym(c->Z[i]), NULL, v[i]);
  cli_rec_end(rec);
}

/* The percent of the field name ("mass_fractions.Al") of rec. */
static double pct(const cli_record *rec, const char *key, int Z) {
  char name[64];
  snprintf(name, sizeof name, "%s.%s", key, sym(Z));
  return 100.0 * cli_rec_get_num(rec, name);
}

static int no_memory(void) {
  fprintf(stderr, "mge: out of memory\n");
  return CLI_FAIL;
}

/* The designations, as JSON {"designations": [{name, standard, method,
 * mass_fractions}]} or as a table of the nominal compositions. */
static int list_designations(int json) {
  int n = mge_designation_count();
  cli_json j;
  if (json) {
    cli_json_init(&j, stdout, 1);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "designations");
    cli_json_arr_begin(&j);
  } else {
    printf("%-7s %-44s %s\n", "name", "nominal (wt%)", "standard");
  }
  cli_record *rec = cli_rec_new();
  int rc = CLI_OK;
  for (int i = 0; i < n && !rc; i++) {
    mge_comp c;
    mge_error err;
    if (mge_designation_comp(i, &c, &err)) {
      rc = cli_report(&err, NULL);
      break;
    }
    double w[MGE_COMP_MAX];
    mge_comp_mass_fractions(&c, w);
    cli_rec_clear(rec);
    cli_rec_str(rec, "name", mge_designation_name(i));
    cli_rec_str(rec, "standard", mge_designation_standard(i));
    cli_rec_str(rec, "method", mge_designation_method(i));
    fractions(rec, "mass_fractions", &c, w);
    if (cli_rec_failed(rec)) {
      rc = no_memory();
    } else if (json) {
      cli_rec_json(&j, rec);
    } else {
      char buf[256];
      /* Metallurgists' notation: balance first, then wt% and symbol. */
      size_t k = (size_t)snprintf(buf, sizeof buf, "%s", sym(c.Z[0]));
      for (int e = 1; e < c.n && k < sizeof buf; e++)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "-%.4g%s",
                              pct(rec, "mass_fractions", c.Z[e]), sym(c.Z[e]));
      printf("%-7s %-44s %s\n", cli_rec_get_str(rec, "name"), buf,
             cli_rec_get_str(rec, "standard"));
    }
  }
  cli_rec_free(rec);
  if (rc) return rc;
  if (json) {
    cli_json_arr_end(&j);
    cli_json_obj_end(&j);
    cli_json_end(&j);
  } else {
    printf(
        "\nNominal = midpoint of the specified ranges unless noted; "
        "sources: data/alloys/README.md\n");
  }
  return CLI_OK;
}

int cmd_comp(int argc, char **argv) {
  char text[MGE_PARSE_MAX_LEN + 2];
  size_t len = 0;
  int json = 0, list = 0, npos;
  const char *to_arg = NULL;
  cli_opt opt[] = {
      CLI_STR("--to", &to_arg, "at|wt",
              "print only atomic or only mass percent;\n"
              "with --json, the basis of \"fractions\""),
      CLI_FLAG("--json", &json,
               "JSON: fractions (sum 1) keyed by symbol,\n"
               "molar_mass_g_mol (per mole of atoms), ..."),
      CLI_FLAG("--list-designations", &list,
               "the known designations and their standards"),
      CLI_HELP_ROW,
  };
  cli_opts spec = CLI_OPTS("comp", head, opt, 20, tail);
  int rc = cli_opt_parse(&spec, argc, argv, &npos);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  int to = 0; /* 0 both, 1 at, 2 wt */
  if (to_arg) {
    const char *v = to_arg;
    if (strcmp(v, "at") == 0 || strcmp(v, "at%") == 0 || strcmp(v, "mol") == 0)
      to = 1;
    else if (strcmp(v, "wt") == 0 || strcmp(v, "wt%") == 0 ||
             strcmp(v, "mass") == 0)
      to = 2;
    else
      return cli_usage_error("--to takes 'at' or 'wt', not '%s'", v);
  }
  for (int i = 1; i <= npos; i++) {
    const char *a = argv[i];
    size_t l = strlen(a);
    if (len + l + 1 > MGE_PARSE_MAX_LEN + 1) {
      mge_error err;
      mge_error_set_at(&err, MGE_E_LIMIT, "<input>", 1, MGE_PARSE_MAX_LEN + 1,
                       "input longer than %d characters", MGE_PARSE_MAX_LEN);
      return cli_report(&err, NULL);
    }
    if (i > 1) text[len++] = ' ';
    memcpy(text + len, a, l);
    len += l;
  }
  text[len] = '\0';
  if (list && npos)
    return cli_usage_error(
        "comp: --list-designations lists every designation and takes no "
        "composition (got '%s'); mge comp %s shows that one",
        text, text);
  if (list) return list_designations(json);
  if (npos == 0) {
    cli_opt_usage(stderr, &spec);
    return CLI_USAGE;
  }

  mge_comp c;
  mge_comp_info info;
  mge_error err;
  if (mge_comp_parse_info(text, &c, &info, &err)) return cli_report(&err, text);
  mge_recipe r;
  int have_recipe = 0;
  if (info.notation == MGE_NOTATION_RECIPE) {
    if (mge_recipe_parse(text, &r, &err)) return cli_report(&err, text);
    have_recipe = 1;
  }
  double w[MGE_COMP_MAX], rw[MGE_RECIPE_MAX];
  mge_comp_mass_fractions(&c, w);
  if (have_recipe) mge_recipe_mass_fractions(&r, rw);
  double M = mge_comp_molar_mass(&c);
  const char *in_basis = info.basis == MGE_BASIS_MASS           ? "wt%"
                         : info.notation == MGE_NOTATION_RECIPE ? "mol%"
                                                                : "at%";

  cli_record *rec = cli_rec_new();
  cli_rec_str(rec, "input", text);
  cli_rec_str(rec, "notation", notation_name(info.notation));
  cli_rec_str(rec, "input_basis", in_basis);
  cli_rec_str(rec, "basis", to == 2 ? "wt%" : "at%");
  fractions(rec, "fractions", &c, to == 2 ? w : c.x);
  fractions(rec, "mole_fractions", &c, c.x);
  fractions(rec, "mass_fractions", &c, w);
  cli_rec_num(rec, "molar_mass_g_mol", "g/mol", M);
  if (info.notation == MGE_NOTATION_FORMULA) {
    cli_rec_num(rec, "atoms_per_formula_unit", NULL, c.natoms);
    cli_rec_num(rec, "formula_mass_g_mol", "g/mol", mge_comp_formula_mass(&c));
  }
  if (info.designation >= 0) {
    cli_rec_begin(rec, "designation");
    cli_rec_str(rec, "name", mge_designation_name(info.designation));
    cli_rec_str(rec, "standard", mge_designation_standard(info.designation));
    cli_rec_str(rec, "method", mge_designation_method(info.designation));
    cli_rec_end(rec);
  }
  if (have_recipe) {
    cli_rec_arr_begin(rec, "compounds");
    for (int i = 0; i < r.n; i++) {
      cli_rec_begin(rec, NULL);
      cli_rec_str(rec, "formula", r.formula[i]);
      cli_rec_num(rec, "mole_fraction", NULL, r.x[i]);
      cli_rec_num(rec, "mass_fraction", NULL, rw[i]);
      cli_rec_num(rec, "molar_mass_g_mol", "g/mol",
                  mge_comp_formula_mass(&r.unit[i]));
      cli_rec_end(rec);
    }
    cli_rec_arr_end(rec);
  }
  if (cli_rec_failed(rec)) {
    cli_rec_free(rec);
    return no_memory();
  }
  if (json) {
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_rec_json(&j, rec);
    cli_json_end(&j);
    cli_rec_free(rec);
    return CLI_OK;
  }

  printf("input     %s\n", cli_rec_get_str(rec, "input"));
  if (info.notation == MGE_NOTATION_FORMULA && info.basis == MGE_BASIS_MOLE)
    printf("notation  formula (subscripts count atoms)\n");
  else
    printf("notation  %s (amounts in %s)\n", cli_rec_get_str(rec, "notation"),
           cli_rec_get_str(rec, "input_basis"));
  if (info.designation >= 0)
    printf("standard  %s; nominal = %s\n",
           cli_rec_get_str(rec, "designation.standard"),
           cli_rec_get_str(rec, "designation.method"));
  if (have_recipe) {
    printf("\n%-*s %10s %10s %10s\n", MGE_COMPOUND_NAME, "compound", "mol%",
           "wt%", "g/mol");
    cli_record *e = cli_rec_new();
    for (size_t i = 0; cli_rec_elem(rec, "compounds", i, e); i++)
      printf("%-*s %10.4f %10.4f %10.4f\n", MGE_COMPOUND_NAME,
             cli_rec_get_str(e, "formula"),
             100.0 * cli_rec_get_num(e, "mole_fraction"),
             100.0 * cli_rec_get_num(e, "mass_fraction"),
             cli_rec_get_num(e, "molar_mass_g_mol"));
    cli_rec_free(e);
    printf("\n");
  }
  printf("%-7s", "element");
  if (to != 2) printf(" %10s", "at%");
  if (to != 1) printf(" %10s", "wt%");
  printf("\n");
  for (int i = 0; i < c.n; i++) {
    printf("%-7s", sym(c.Z[i]));
    if (to != 2) printf(" %10.4f", pct(rec, "mole_fractions", c.Z[i]));
    if (to != 1) printf(" %10.4f", pct(rec, "mass_fractions", c.Z[i]));
    printf("\n");
  }
  printf("molar mass  %.4f g/mol per mole of atoms\n",
         cli_rec_get_num(rec, "molar_mass_g_mol"));
  if (info.notation == MGE_NOTATION_FORMULA && c.natoms != 1.0)
    printf("            %.4f g/mol per formula unit (%g atoms)\n",
           cli_rec_get_num(rec, "formula_mass_g_mol"),
           cli_rec_get_num(rec, "atoms_per_formula_unit"));
  cli_rec_free(rec);
  if (isnan(M))
    printf("(an element has no standard atomic weight: no mass basis)\n");
  return CLI_OK;
}
