/* mge thermo info: the elements, phases and references of a TDB database. No
 * science here: argument parsing, calls into libmge (include/mge/thermo.h) and
 * formatting. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "mge/thermo.h"
#include "opt.h"
#include "record.h"
#include "thermo_common.h"

static const char head[] =
    "usage: mge thermo info DB [--json]\n\n"
    "Reads the TDB database DB and lists its elements, phases with\n"
    "their sublattices (site ratios and constituents) and models\n"
    "(magnetic, disordered part), and its references.\n";

/* The database as a record: database, elements [{name, mass_g_mol}],
 * n_species, n_functions, n_parameters, phases [{name, sublattices
 * [{sites, constituents [..]}], magnetic {afm, p}, disordered_part}],
 * references {key: text}, unresolved [..], info. */
static void info_record(cli_record *r, const char *path, const mge_tdb *db) {
  cli_rec_str(r, "database", path);
  cli_rec_arr_begin(r, "elements");
  for (int i = 0; i < mge_tdb_n_elements(db); i++) {
    cli_rec_begin(r, NULL);
    cli_rec_str(r, "name", mge_tdb_element(db, i));
    cli_rec_num(r, "mass_g_mol", "g/mol", mge_tdb_element_mass(db, i));
    cli_rec_end(r);
  }
  cli_rec_arr_end(r);
  cli_rec_int(r, "n_species", mge_tdb_n_species(db));
  cli_rec_int(r, "n_functions", mge_tdb_n_functions(db));
  cli_rec_int(r, "n_parameters", mge_tdb_n_parameters(db));
  cli_rec_arr_begin(r, "phases");
  for (int p = 0; p < mge_tdb_n_phases(db); p++) {
    cli_rec_begin(r, NULL);
    cli_rec_str(r, "name", mge_tdb_phase(db, p));
    cli_rec_arr_begin(r, "sublattices");
    for (int s = 0; s < mge_tdb_phase_nsub(db, p); s++) {
      cli_rec_begin(r, NULL);
      cli_rec_num(r, "sites", NULL, mge_tdb_phase_ratio(db, p, s));
      cli_rec_arr_begin(r, "constituents");
      for (int k = 0; k < mge_tdb_phase_ncons(db, p, s); k++)
        cli_rec_str(r, NULL, mge_tdb_phase_cons(db, p, s, k));
      cli_rec_arr_end(r);
      cli_rec_end(r);
    }
    cli_rec_arr_end(r);
    double afm, pm;
    if (mge_tdb_phase_magnetic(db, p, &afm, &pm)) {
      cli_rec_begin(r, "magnetic");
      cli_rec_num(r, "afm", NULL, afm);
      cli_rec_num(r, "p", NULL, pm);
      cli_rec_end(r);
    }
    if (mge_tdb_phase_disordered(db, p)[0])
      cli_rec_str(r, "disordered_part", mge_tdb_phase_disordered(db, p));
    cli_rec_end(r);
  }
  cli_rec_arr_end(r);
  cli_rec_begin(r, "references");
  for (int i = 0; i < mge_tdb_n_refs(db); i++)
    cli_rec_str(r, mge_tdb_ref_key(db, i), mge_tdb_ref_text(db, i));
  cli_rec_end(r);
  cli_rec_arr_begin(r, "unresolved");
  for (int i = 0; i < mge_tdb_n_unresolved(db); i++)
    cli_rec_str(r, NULL, mge_tdb_unresolved(db, i));
  cli_rec_arr_end(r);
  cli_rec_str(r, "info", mge_tdb_info(db));
}

/* The record of info_record as text (db: the keys of the references). */
static void print_info(const cli_record *r, const mge_tdb *db) {
  cli_record *e = cli_rec_new(), *sub = cli_rec_new(), *c = cli_rec_new();
  size_t ne = cli_rec_len(r, "elements"), nphase = cli_rec_len(r, "phases");
  printf("database: %s\n", cli_rec_get_str(r, "database"));
  printf("elements (%zu):", ne);
  for (size_t i = 0; cli_rec_elem(r, "elements", i, e); i++)
    printf(" %s", cli_rec_get_str(e, "name"));
  printf("\nspecies %d, functions %d, parameters %d, references %d\n",
         (int)cli_rec_get_num(r, "n_species"),
         (int)cli_rec_get_num(r, "n_functions"),
         (int)cli_rec_get_num(r, "n_parameters"), mge_tdb_n_refs(db));
  printf("phases (%zu):\n", nphase);
  for (size_t p = 0; cli_rec_elem(r, "phases", p, e); p++) {
    printf("  %-16s", cli_rec_get_str(e, "name"));
    for (size_t s = 0; cli_rec_elem(e, "sublattices", s, sub); s++) {
      printf(" (%g)", cli_rec_get_num(sub, "sites"));
      for (size_t k = 0; cli_rec_elem(sub, "constituents", k, c); k++)
        printf("%s%s", k ? "," : "", cli_rec_get_str(c, "constituents"));
    }
    if (!isnan(cli_rec_get_num(e, "magnetic.afm")))
      printf("  [magnetic afm %g p %g]", cli_rec_get_num(e, "magnetic.afm"),
             cli_rec_get_num(e, "magnetic.p"));
    if (cli_rec_get_str(e, "disordered_part"))
      printf("  [disordered part %s]", cli_rec_get_str(e, "disordered_part"));
    printf("\n");
  }
  size_t nu = cli_rec_len(r, "unresolved");
  if (nu) {
    printf("unresolved parameters (%zu; systems needing them fail):\n", nu);
    for (size_t i = 0; i < 20 && cli_rec_elem(r, "unresolved", i, c); i++)
      printf("  %s\n", cli_rec_get_str(c, "unresolved"));
    if (nu > 20) printf("  ... %zu more\n", nu - 20);
  }
  if (mge_tdb_n_refs(db)) {
    printf("references:\n");
    for (int i = 0; i < mge_tdb_n_refs(db); i++) {
      char key[160];
      snprintf(key, sizeof key, "references.%s", mge_tdb_ref_key(db, i));
      printf("  %-8s %s\n", mge_tdb_ref_key(db, i), cli_rec_get_str(r, key));
    }
  }
  cli_rec_free(c);
  cli_rec_free(sub);
  cli_rec_free(e);
}

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
  cli_record *rec = cli_rec_new();
  info_record(rec, path, db);
  if (cli_rec_failed(rec)) {
    fprintf(stderr, "mge: out of memory\n");
    rc = CLI_FAIL;
  } else if (json) {
    cli_json j;
    cli_json_init(&j, stdout, 1);
    cli_rec_json(&j, rec);
    cli_json_end(&j);
  } else {
    print_info(rec, db);
  }
  cli_rec_free(rec);
  mge_tdb_free(db);
  return rc;
}
