/* mge glass props|visc|ionex: oxide glass properties, viscosity curves and
 * chemical strengthening. The help and the dispatcher; each subcommand has
 * its file (cli/cmd_glass_*.c). No science here: parse, call libmge, print. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "glass_common.h"

const char glass_help[] =
    "usage: mge glass props RECIPE [--json]\n"
    "       mge glass visc fit FILE.csv [--model vft|myega|am] "
    "[--at T_C,...] [--json]\n"
    "       mge glass visc predict RECIPE [--liquidus T_C] [--at T_C,...] "
    "[--json]\n"
    "       mge glass visc train [--data DIR] [--folds K] [--seed S] "
    "[--json]\n"
    "       mge glass ionex FILE.yaml [--json] [--csv OUT.csv] "
    "[--svg OUT.svg]\n\n"
    "props   density (Fluegel 2007), E, G, K, nu (Makishima-Mackenzie),\n"
    "        molar volume, oxygen packing density, R2O/Al2O3, NBO/T; each\n"
    "        with its unit, reference and validity warnings.\n"
    "        RECIPE e.g. \"75SiO2-15Na2O-10CaO mol%\" (or wt%).\n"
    "visc    fit: VFT/MYEGA/AM to points in a CSV with a header of\n"
    "        T_K or T_C, then log10_eta_Pa_s, log10_eta_dPa_s or\n"
    "        log10_eta_poise, and an optional sigma column (log10 units);\n"
    "        prints parameters with standard errors and the fixed points\n"
    "        (strain 10^13.5, annealing 10^12, Tg 10^12, softening 10^6.6,\n"
    "        working 10^3, fibre forming 10^2 Pa s = 10^3 poise).\n"
    "        predict: the SciGlass-trained MYEGA model; --liquidus gives\n"
    "        the fibre forming window T(10^3 poise) - T_liquidus.\n"
    "        --at evaluates the curve at the given temperatures (C).\n"
    "        train: refit that model on data/glass (used by\n"
    "        tools/gen_glass_visc.py) with grouped cross-validation.\n"
    "ionex   K+/Na+ or Na+/Li+ exchange of a plate (see docs/glass.md and\n"
    "        examples/glass/*.yaml); prints CS, CT (Pa), DOL, DOC (m),\n"
    "        stored tensile energy, frangibility; calibrates D0, Q, B when\n"
    "        the file has a `measured:` list.\n\n"
    "Exit status: 0 success, 2 bad input, 1 internal failure.\n";

int cmd_glass(int argc, char **argv) {
  static const char *const subs[] = {"props", "visc", "ionex"};
  static int (*const fns[])(int, char **) = {glass_props, glass_visc,
                                             glass_ionex};
  if (argc < 2) return fputs(glass_help, stderr), CLI_USAGE;
  return glass_dispatch("glass", subs, fns, 3, argc, argv);
}
