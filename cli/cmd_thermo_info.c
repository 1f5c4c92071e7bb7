/* mge thermo info: the elements, phases and references of a TDB database. No
 * science here: argument parsing, calls into libmge (include/mge/thermo.h) and
 * formatting. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "mge/thermo.h"
#include "opt.h"
#include "thermo_common.h"

static const char head[] =
    "usage: mge thermo info DB [--json]\n\n"
    "Reads the TDB database DB and lists its elements, phases with\n"
    "their sublattices (site ratios and constituents) and models\n"
    "(magnetic, disordered part), and its references.\n";

int cmd_thermo_info(int argc, char **argv) {
  int json = 0;
  cli_opt opts[] = {CLI_FLAG("--json", &json, NULL)};
  cli_opts spec = CLI_OPTS("thermo info", head, opts, 18, NULL);
  int npos, rc = cli_opt_parse(&spec, argc, argv, &npos);
  if (rc) return rc == CLI_OPT_DONE ? CLI_OK : rc;
  if (npos > 1)
    return cli_usage_error("thermo info: more than one database given");
  if (!npos) return cli_usage_error("thermo info: no database given");
  const char *path = argv[1];
  mge_tdb *db = NULL;
  rc = thermo_load_db(path, &db);
  if (rc) return rc;
  if (json) {
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_json_obj_begin(&j);
    cli_json_key(&j, "database");
    cli_json_str(&j, path);
    cli_json_key(&j, "elements");
    cli_json_arr_begin(&j);
    for (int i = 0; i < mge_tdb_n_elements(db); i++) {
      cli_json_obj_begin(&j);
      cli_json_key(&j, "name");
      cli_json_str(&j, mge_tdb_element(db, i));
      cli_json_key(&j, "mass_g_mol");
      cli_json_num(&j, mge_tdb_element_mass(db, i));
      cli_json_obj_end(&j);
    }
    cli_json_arr_end(&j);
    cli_json_key(&j, "n_species");
    cli_json_int(&j, mge_tdb_n_species(db));
    cli_json_key(&j, "n_functions");
    cli_json_int(&j, mge_tdb_n_functions(db));
    cli_json_key(&j, "n_parameters");
    cli_json_int(&j, mge_tdb_n_parameters(db));
    cli_json_key(&j, "phases");
    cli_json_arr_begin(&j);
    for (int p = 0; p < mge_tdb_n_phases(db); p++) {
      cli_json_obj_begin(&j);
      cli_json_key(&j, "name");
      cli_json_str(&j, mge_tdb_phase(db, p));
      cli_json_key(&j, "sublattices");
      cli_json_arr_begin(&j);
      for (int s = 0; s < mge_tdb_phase_nsub(db, p); s++) {
        cli_json_obj_begin(&j);
        cli_json_key(&j, "sites");
        cli_json_num(&j, mge_tdb_phase_ratio(db, p, s));
        cli_json_key(&j, "constituents");
        cli_json_arr_begin(&j);
        for (int k = 0; k < mge_tdb_phase_ncons(db, p, s); k++)
          cli_json_str(&j, mge_tdb_phase_cons(db, p, s, k));
        cli_json_arr_end(&j);
        cli_json_obj_end(&j);
      }
      cli_json_arr_end(&j);
      double afm, pm;
      if (mge_tdb_phase_magnetic(db, p, &afm, &pm)) {
        cli_json_key(&j, "magnetic");
        cli_json_obj_begin(&j);
        cli_json_key(&j, "afm");
        cli_json_num(&j, afm);
        cli_json_key(&j, "p");
        cli_json_num(&j, pm);
        cli_json_obj_end(&j);
      }
      if (mge_tdb_phase_disordered(db, p)[0]) {
        cli_json_key(&j, "disordered_part");
        cli_json_str(&j, mge_tdb_phase_disordered(db, p));
      }
      cli_json_obj_end(&j);
    }
    cli_json_arr_end(&j);
    cli_json_key(&j, "references");
    cli_json_obj_begin(&j);
    for (int i = 0; i < mge_tdb_n_refs(db); i++) {
      cli_json_key(&j, mge_tdb_ref_key(db, i));
      cli_json_str(&j, mge_tdb_ref_text(db, i));
    }
    cli_json_obj_end(&j);
    cli_json_key(&j, "unresolved");
    cli_json_arr_begin(&j);
    for (int i = 0; i < mge_tdb_n_unresolved(db); i++)
      cli_json_str(&j, mge_tdb_unresolved(db, i));
    cli_json_arr_end(&j);
    cli_json_key(&j, "info");
    cli_json_str(&j, mge_tdb_info(db));
    cli_json_obj_end(&j);
    cli_json_end(&j);
  } else {
    printf("database: %s\n", path);
    printf("elements (%d):", mge_tdb_n_elements(db));
    for (int i = 0; i < mge_tdb_n_elements(db); i++)
      printf(" %s", mge_tdb_element(db, i));
    printf("\nspecies %d, functions %d, parameters %d, references %d\n",
           mge_tdb_n_species(db), mge_tdb_n_functions(db),
           mge_tdb_n_parameters(db), mge_tdb_n_refs(db));
    printf("phases (%d):\n", mge_tdb_n_phases(db));
    for (int p = 0; p < mge_tdb_n_phases(db); p++) {
      printf("  %-16s", mge_tdb_phase(db, p));
      for (int s = 0; s < mge_tdb_phase_nsub(db, p); s++) {
        printf(" (%g)", mge_tdb_phase_ratio(db, p, s));
        for (int k = 0; k < mge_tdb_phase_ncons(db, p, s); k++)
          printf("%s%s", k ? "," : "", mge_tdb_phase_cons(db, p, s, k));
      }
      double afm, pm;
      if (mge_tdb_phase_magnetic(db, p, &afm, &pm))
        printf("  [magnetic afm %g p %g]", afm, pm);
      if (mge_tdb_phase_disordered(db, p)[0])
        printf("  [disordered part %s]", mge_tdb_phase_disordered(db, p));
      printf("\n");
    }
    int nu = mge_tdb_n_unresolved(db);
    if (nu) {
      printf("unresolved parameters (%d; systems needing them fail):\n", nu);
      for (int i = 0; i < nu && i < 20; i++)
        printf("  %s\n", mge_tdb_unresolved(db, i));
      if (nu > 20) printf("  ... %d more\n", nu - 20);
    }
    if (mge_tdb_n_refs(db)) {
      printf("references:\n");
      for (int i = 0; i < mge_tdb_n_refs(db); i++)
        printf("  %-8s %s\n", mge_tdb_ref_key(db, i), mge_tdb_ref_text(db, i));
    }
  }
  mge_tdb_free(db);
  return CLI_OK;
}
