#!/usr/bin/python3
"""The peer of `mge featurize` in bench/run.sh: pymatgen on the same file.

usage: /usr/bin/python3 bench/pymatgen_peer.py IN.csv [MAX_ROWS] [COLUMN]

For each of the first MAX_ROWS rows (default 20000) it does what a Python
user does to featurize a composition column: parse the formula
(pymatgen.core.Composition), compute the mass fractions of its elements
(Composition.get_wt_fraction) and the mean Pauling electronegativity
(Composition.average_electroneg), and writes them as CSV (to /dev/null), so
that reading and writing are timed as they are for mge. It prints one line:
    pymatgen ROWS SECONDS ROWS_PER_SECOND CPU_SECONDS ROWS_PER_CPU_SECOND
Needs Debian's python3-pymatgen (installed for /usr/bin/python3).
"""
import csv
import sys
import time
import warnings

from pymatgen.core import Composition


def main():
    path = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    column = sys.argv[3] if len(sys.argv) > 3 else "formula"
    warnings.simplefilter("ignore")
    t0 = time.perf_counter()
    c0 = time.process_time()
    n = 0
    with open(path, newline="") as f, open("/dev/null", "w", newline="") as out:
        reader = csv.reader(f)
        header = next(reader)
        col = header.index(column)
        writer = csv.writer(out)
        writer.writerow(header + ["mass_fractions", "mean_chi_pauling"])
        for row in reader:
            if n >= limit:
                break
            comp = Composition(row[col])
            w = ";".join("%s:%.10g" % (el, comp.get_wt_fraction(el))
                         for el in comp.elements)
            writer.writerow(row + [w, "%.10g" % comp.average_electroneg])
            n += 1
    dt = time.perf_counter() - t0
    dc = time.process_time() - c0
    print("pymatgen %d %.3f %.0f %.3f %.0f" % (n, dt, n / dt, dc, n / dc))


if __name__ == "__main__":
    main()
