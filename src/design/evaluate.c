/* Evaluation of a batch of decoded candidates by a problem's models, and the
 * constraint test on the property values: what a sampler outside the runner
 * (the Bayesian proposer, suggest.c) needs to keep only feasible
 * candidates. */
#include <math.h>
#include <stdlib.h>

#include "design/internal.h"
#include "mge/design.h"

int mge_problem_evaluate(const mge_problem *p, const void *in, size_t n,
                         double *values, mge_error *err) {
  size_t np = (size_t)p->n_props;
  for (int m = 0; m < p->n_models && n; m++) {
    const mge_model *md = p->models[m];
    size_t no = (size_t)md->n_out;
    double *mo = malloc(n * (no ? no : 1) * sizeof *mo);
    if (!mo) return mge_error_set(err, MGE_E_NOMEM, "out of memory");
    int rc = md->eval(md, in, n, mo, err);
    for (int k = 0; !rc && k < p->n_props; k++) {
      if (p->props[k].model != md) continue;
      size_t out = (size_t)p->props[k].output;
      for (size_t i = 0; i < n; i++)
        values[i * np + (size_t)k] = mo[i * no + out];
    }
    free(mo);
    if (rc) return rc;
  }
  return MGE_OK;
}

int mge_problem_meets_constraints(const mge_problem *p, const double *v) {
  for (int k = 0; k < p->n_constraints; k++) {
    const mge_design_constraint *ct = &p->constraints[k];
    double a = v[ct->prop], b = ct->value;
    if (!isfinite(a)) return 0;
    int ok = 0;
    switch (ct->op) {
      case MGE_OP_LT: ok = a < b; break;
      case MGE_OP_LE: ok = a <= b; break;
      case MGE_OP_GT: ok = a > b; break;
      case MGE_OP_GE: ok = a >= b; break;
      case MGE_OP_EQ: ok = a == b; break;
    }
    if (!ok) return 0;
  }
  return 1;
}
