/* Composition-property models of oxide glasses: Fluegel 2007 density,
 * Makishima-Mackenzie elastic moduli, molar volume, oxygen packing density,
 * R2O/Al2O3 and NBO/T. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "glass/glass_internal.h"

/* Formula text packed into 8 bytes (NUL padded); 0 if longer than 7. */
static uint64_t pack8(const char *f) {
  uint64_t k = 0;
  for (int i = 0; i < 8; i++) {
    if (!f[i]) return k;
    k |= (uint64_t)(unsigned char)f[i] << (8 * i);
  }
  return 0;
}

int glass_oxide_index(const char *f) {
  uint64_t k = pack8(f);
  if (!k) return -1;
  for (int i = 0; i < GLASS_NOX; i++)
    if (pack8(glass_oxides[i].formula) == k) return i;
  return -1;
}

int glass_recipe_vector(const mge_recipe *r, double *x, double *x_unknown,
                        mge_error *err) {
  if (!r || r->n < 1 || r->n > MGE_RECIPE_MAX)
    return mge_error_set(err, MGE_E_INPUT, "empty or oversized recipe");
  for (int i = 0; i < GLASS_NOX; i++) x[i] = 0;
  double s = 0, unk = 0;
  for (int k = 0; k < r->n; k++) {
    double v = r->x[k];
    if (!isfinite(v) || v < 0)
      return mge_error_set(err, MGE_E_INPUT,
                           "recipe: mole fraction of '%.*s' is %g", 23,
                           r->formula[k], v);
    s += v;
    char name[MGE_COMPOUND_NAME];
    memcpy(name, r->formula[k], sizeof name);
    name[MGE_COMPOUND_NAME - 1] = '\0';
    int j = glass_oxide_index(name);
    if (j < 0)
      unk += v;
    else
      x[j] += v;
  }
  if (fabs(s - 1) > 1e-6)
    return mge_error_set(err, MGE_E_INPUT,
                         "recipe: mole fractions sum to %.9g, not 1", s);
  *x_unknown = unk;
  return MGE_OK;
}

/* ------------------------------------------------------------- density */

/* Fluegel, J. Am. Ceram. Soc. 90 (2007) 2622: rho = b0 + sum b_i C_i +
 * b_ii C_i^2 + b_iii C_i^3 + sum b_ij C_i C_j + sum b_ijk C_i C_j C_k with C
 * in mol%, SiO2 the balance. Validity (mge's statement of the paper's data
 * basis, silicate glasses of SciGlass): SiO2 >= 35 mol%, B2O3 <= 40 mol%,
 * other oxides without own term (Remainder) <= 5 mol%. */
double glass_fluegel_density(const double *x, double x_unknown,
                             unsigned *warn) {
  double C[FG_N];
  for (int i = 0; i < FG_N; i++) C[i] = 0;
  double rem = 100 * x_unknown;
  for (int i = 0; i < GLASS_NOX; i++) {
    if (x[i] == 0) continue;
    int g = glass_oxides[i].fg;
    if (g >= 0)
      C[g] += 100 * x[i];
    else if (g == FG_REMAINDER)
      rem += 100 * x[i];
  }
  double rho = fluegel_b0 + fluegel_remainder * rem;
  for (int i = 0; i < FG_N; i++) {
    double c = C[i];
    if (c == 0) continue;
    rho += c * (fluegel_lin[i] + c * (fluegel_quad[i] + c * fluegel_cub[i]));
  }
  for (int k = 0; k < FG_NPAIR; k++) {
    const fg_pair *t = &fluegel_pairs[k];
    rho += t->c * C[t->a] * C[t->b];
  }
  for (int k = 0; k < FG_NTRIPLE; k++) {
    const fg_triple *t = &fluegel_triples[k];
    rho += t->c * C[t->a] * C[t->b] * C[t->d];
  }
  unsigned w = 0;
  if (x_unknown > 0) w |= MGE_GLASS_W_UNKNOWN_OXIDE;
  if (rem > 5) w |= MGE_GLASS_W_RANGE;
  if (x[OX_SiO2] < 0.35) w |= MGE_GLASS_W_NO_SILICA;
  if (C[FG_B2O3] > 40) w |= MGE_GLASS_W_RANGE;
  if (warn) *warn = w;
  return rho;
}

int mge_glass_density(const mge_recipe *r, double *rho_kg_m3, unsigned *warn,
                      mge_error *err) {
  double x[GLASS_NOX], unk;
  int rc = glass_recipe_vector(r, x, &unk, err);
  if (rc) return rc;
  *rho_kg_m3 = 1000 * glass_fluegel_density(x, unk, warn);
  return MGE_OK;
}

/* ---------------------------------------------------------------- info */

static const mge_glass_prop_info infos[MGE_GP_N] = {
    {"density", "kg/m3", "density at 20 C",
     "A. Fluegel, J. Am. Ceram. Soc. 90 (2007) 2622-2625 (global model, std "
     "error 0.019 g/cm3)",
     "silicate glasses: SiO2 >= 35 mol%, B2O3 <= 40 mol%, oxides without a "
     "term <= 5 mol%"},
    {"molar_mass", "kg/mol", "mean molar mass per mole of oxide units",
     "IUPAC 2021 standard atomic weights", "any recipe of known oxides"},
    {"molar_volume", "m3/mol", "molar volume M/rho per mole of oxide units",
     "definition, with the Fluegel 2007 density", "as density"},
    {"oxygen_packing_density", "mol/m3", "moles of oxygen per unit volume",
     "definition, with the Fluegel 2007 density", "as density"},
    {"young_modulus", "Pa", "Young's modulus E = 2 Vt sum(G_i x_i)",
     "A. Makishima, J.D. Mackenzie, J. Non-Cryst. Solids 12 (1973) 35; "
     "parameters: pigeonneau2024 set of data/glass/"
     "makishima_mackenzie_oxide_params.csv; density from Fluegel 2007",
     "oxides of the parameter table (20); Vt 0.45-0.80"},
    {"shear_modulus", "Pa", "shear modulus G = 3EK/(9K-E)",
     "A. Makishima, J.D. Mackenzie, J. Non-Cryst. Solids 17 (1975) 147",
     "as young_modulus"},
    {"bulk_modulus", "Pa", "bulk modulus K = 1.2 Vt E",
     "A. Makishima, J.D. Mackenzie, J. Non-Cryst. Solids 17 (1975) 147",
     "as young_modulus"},
    {"poisson_ratio", "1", "Poisson ratio nu = 0.5 - 1/(7.2 Vt)",
     "A. Makishima, J.D. Mackenzie, J. Non-Cryst. Solids 17 (1975) 147",
     "as young_modulus"},
    {"packing_density", "1", "MM packing density Vt = (rho/M) sum(V_i x_i)",
     "A. Makishima, J.D. Mackenzie, J. Non-Cryst. Solids 12 (1973) 35",
     "as young_modulus"},
    {"R2O_Al2O3", "1", "molar (Li2O+Na2O+K2O+Rb2O+Cs2O)/Al2O3", "definition",
     "Al2O3 > 0 (else undefined)"},
    {"NBO_T", "1",
     "non-bridging O per tetrahedron: 2(R2O+RO-Al2O3-Fe2O3-Ga2O3)/T, T = "
     "Si+Ge+Al+Fe3+ +Ga; B trigonal",
     "B.O. Mysen, P. Richet, Silicate Glasses and Melts (Elsevier 2005), "
     "ch. 2 (NBO/T)",
     "alkali/alkaline-earth (alumino)silicates; B2O3, TiO2, ZrO2, P2O5, ... "
     "not treated (warning)"},
};

const mge_glass_prop_info *mge_glass_prop_info_get(int p) {
  return (p >= 0 && p < MGE_GP_N) ? &infos[p] : NULL;
}

const char *mge_glass_warning_text(unsigned bit) {
  switch (bit) {
    case MGE_GLASS_W_UNKNOWN_OXIDE:
      return "a compound has no parameter in this model";
    case MGE_GLASS_W_RANGE:
      return "composition outside the model's validity range";
    case MGE_GLASS_W_NO_SILICA: return "SiO2 below the model's minimum";
    case MGE_GLASS_W_EXTRAPOLATED:
      return "result outside its usual physical range";
    case MGE_GLASS_W_UNDEFINED: return "undefined for this composition";
  }
  return "unknown warning";
}

char *mge_glass_warning_format(unsigned warn, char *buf, size_t cap) {
  if (!buf || cap == 0) return buf;
  buf[0] = '\0';
  size_t k = 0;
  for (unsigned b = 1; b && b <= MGE_GLASS_W_UNDEFINED; b <<= 1) {
    if (!(warn & b)) continue;
    int w = snprintf(buf + k, cap - k, "%s%s", k ? "; " : "",
                     mge_glass_warning_text(b));
    if (w < 0 || (size_t)w >= cap - k) break;
    k += (size_t)w;
  }
  return buf;
}

/* ---------------------------------------------------------------- all */

int mge_glass_props_eval(const mge_recipe *r, mge_glass_props *out,
                         mge_error *err) {
  double x[GLASS_NOX], unk;
  int rc = glass_recipe_vector(r, x, &unk, err);
  if (rc) return rc;
  for (int p = 0; p < MGE_GP_N; p++) out->value[p] = NAN, out->warn[p] = 0;

  unsigned wd = 0;
  double rho = glass_fluegel_density(x, unk, &wd); /* g/cm3 */
  out->value[MGE_GP_DENSITY] = 1000 * rho;
  out->warn[MGE_GP_DENSITY] = wd;

  double M = 0, nO = 0, sumG = 0, sumV = 0;
  int mm_missing = unk > 0;
  for (int i = 0; i < GLASS_NOX; i++) {
    if (x[i] == 0) continue;
    const glass_oxide *o = &glass_oxides[i];
    M += x[i] * o->M_g_mol;
    nO += x[i] * o->n_O;
    if (isnan(o->mm_G_GPa))
      mm_missing = 1;
    else
      sumG += x[i] * o->mm_G_GPa, sumV += x[i] * o->mm_V_cm3;
  }
  if (unk > 0) {
    out->warn[MGE_GP_MOLAR_MASS] |=
        MGE_GLASS_W_UNKNOWN_OXIDE | MGE_GLASS_W_UNDEFINED;
  } else {
    out->value[MGE_GP_MOLAR_MASS] = M / 1000;
    out->value[MGE_GP_MOLAR_VOLUME] = M / rho * 1e-6;
    out->value[MGE_GP_OXYGEN_PACKING] = nO / (M / rho * 1e-6);
  }
  out->warn[MGE_GP_MOLAR_VOLUME] = wd | out->warn[MGE_GP_MOLAR_MASS];
  out->warn[MGE_GP_OXYGEN_PACKING] = out->warn[MGE_GP_MOLAR_VOLUME];

  unsigned wm = wd;
  if (mm_missing) {
    wm |= MGE_GLASS_W_UNKNOWN_OXIDE | MGE_GLASS_W_UNDEFINED;
  } else {
    double Vt = rho / M * sumV;
    double E = 2 * Vt * sumG * 1e9;
    double K = 1.2 * Vt * E;
    double G = 3 * E * K / (9 * K - E);
    if (Vt < 0.45 || Vt > 0.80) wm |= MGE_GLASS_W_EXTRAPOLATED;
    out->value[MGE_GP_PACKING] = Vt;
    out->value[MGE_GP_YOUNG] = E;
    out->value[MGE_GP_BULK] = K;
    out->value[MGE_GP_SHEAR] = G;
    out->value[MGE_GP_POISSON] = 0.5 - 1 / (7.2 * Vt);
  }
  for (int p = MGE_GP_YOUNG; p <= MGE_GP_PACKING; p++) out->warn[p] = wm;

  double r2o = 0, ro = 0, tri = 0, T = 0, other = 0;
  for (int i = 0; i < GLASS_NOX; i++) {
    if (x[i] == 0) continue;
    const glass_oxide *o = &glass_oxides[i];
    switch (o->cls) {
      case 'R': r2o += x[i]; break;
      case 'M': ro += x[i]; break;
      case 'A': tri += x[i], T += 2 * x[i]; break;
      case 'F': T += x[i]; break;
      default: other += x[i]; break;
    }
  }
  double alk = x[OX_Li2O] + x[OX_Na2O] + x[OX_K2O] + x[OX_Rb2O] + x[OX_Cs2O];
  if (x[OX_Al2O3] > 0) {
    out->value[MGE_GP_R2O_AL2O3] = alk / x[OX_Al2O3];
  } else {
    out->value[MGE_GP_R2O_AL2O3] = INFINITY;
    out->warn[MGE_GP_R2O_AL2O3] = MGE_GLASS_W_UNDEFINED;
  }
  unsigned wn = 0;
  if (unk > 0) wn |= MGE_GLASS_W_UNKNOWN_OXIDE;
  if (other > 0) wn |= MGE_GLASS_W_RANGE;
  if (T > 0) {
    double nbo = 2 * (r2o + ro - tri);
    out->value[MGE_GP_NBO_T] = nbo > 0 ? nbo / T : 0;
  } else {
    wn |= MGE_GLASS_W_UNDEFINED;
  }
  out->warn[MGE_GP_NBO_T] = wn;
  return MGE_OK;
}
