#!/usr/bin/env python3
"""Generate src/chem/elements_table.c from data/elements/.

Usage: python3 tools/gen_elements.py [--check] [ROOT]

ROOT is the source root (default: the parent of this script's folder). The
output is written to ROOT/src/chem/elements_table.c. With --check nothing is
written; the script exits 1 if the committed file differs from what it would
generate (used by the test suite to keep the table in sync with the data).

Python 3 standard library only. All unit strings of pymatgen's JSON
("933.47 K", "2700 kg m<sup>-3</sup>", "10.00 cm<sup>3</sup>", "no data") are
parsed here, never at run time. Anything unknown becomes NaN, never 0.
"""
import csv
import json
import math
import os
import re
import sys

Z_MAX = 103

# Order and spelling of matminer's ElementProperty.from_preset("magpie")
# features (matminer/featurizers/composition/composite.py); the enum in
# include/mge/chem.h follows this order.
MAGPIE = [
    "Number", "MendeleevNumber", "AtomicWeight", "MeltingT", "Column", "Row",
    "CovalentRadius", "Electronegativity", "NsValence", "NpValence",
    "NdValence", "NfValence", "NValence", "NsUnfilled", "NpUnfilled",
    "NdUnfilled", "NfUnfilled", "NUnfilled", "GSvolume_pa", "GSbandgap",
    "GSmagmom", "SpaceGroupNumber",
]

NAN = float("nan")


def fail(msg):
    sys.stderr.write("gen_elements.py: error: %s\n" % msg)
    sys.exit(2)


def read_csv_commented(path):
    with open(path, newline="", encoding="utf-8") as f:
        lines = [l for l in f if l.strip() and not l.startswith("#")]
    return list(csv.DictReader(lines))


_NUM = re.compile(r"[-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?")


def parse_quantity(value, unit, where):
    """Parse a pymatgen value such as '933.47 K' whose unit must be `unit`.

    Returns NaN for 'no data' and for guesses ('maybe about 300 K'). Values
    marked 'about' are kept (pymatgen/CRC give them as estimates). A leading
    parenthesized qualifier such as '(white P) 317.3 K' is dropped.
    """
    if value is None:
        return NAN
    if isinstance(value, (int, float)):
        return float(value)
    s = value.strip()
    if s.startswith("no data") or "maybe" in s:
        return NAN
    s = re.sub(r"^\([^)]*\)\s*", "", s)
    s = re.sub(r"^about\s+", "", s)
    m = _NUM.match(s)
    if not m:
        fail("%s: cannot parse %r" % (where, value))
    rest = s[m.end():].strip()
    if rest != unit:
        fail("%s: unit %r, expected %r in %r" % (where, rest, unit, value))
    return float(m.group(0))


def parse_plain(value, where):
    """A bare number or 'no data' (pymatgen's 'X', 'Metallic radius')."""
    if value is None:
        return NAN
    if isinstance(value, (int, float)):
        return float(value)
    if value.strip().startswith("no data"):
        return NAN
    try:
        return float(value)
    except ValueError:
        fail("%s: cannot parse %r" % (where, value))


def group_period_block(z):
    """IUPAC group (3 for La..Lu and Ac..Lr), period and block from Z.

    La..Lu and Ac..Lr are all given block 'f' and group 3 (as Magpie's Column
    and pymatgen's Element.block do)."""
    starts = [(1, 1), (3, 2), (11, 3), (19, 4), (37, 5), (55, 6), (87, 7)]
    period = max(p for s, p in starts if z >= s)
    first = dict((p, s) for s, p in starts)[period]
    k = z - first  # 0-based position in the period
    if period == 1:
        return (1, 1, "s") if z == 1 else (18, 1, "s")
    if period in (2, 3):
        if k < 2:
            return (k + 1, period, "s")
        return (k + 11, period, "p")
    if period in (4, 5):
        if k < 2:
            return (k + 1, period, "s")
        if k < 12:
            return (k + 1, period, "d")
        return (k + 1, period, "p")
    # periods 6 and 7: s (2), f (15 incl. La/Ac), d (9), p (6)
    if k < 2:
        return (k + 1, period, "s")
    if k < 17:
        return (3, period, "f")
    g = k - 14 + 1  # Hf (k=17) -> group 4
    return (g, period, "d" if g <= 12 else "p")


def vec_for(group, block, z):
    """Valence electron concentration of an element for alloy rules.

    Guo et al., J. Appl. Phys. 109, 103505 (2011): VEC is the number of
    valence electrons including d electrons: the group number for groups
    1-12 (Cu 11, Zn 12) and s+p electrons (group - 10) for groups 13-18
    (Al 3, Si 4). He: 2 (1s2). Lanthanides and actinides (La..Lu, Ac..Lr):
    3, the trivalent metallic valence (our choice; HEA papers that include
    rare earths use 3)."""
    if z == 2:
        return 2.0
    if block == "f":
        return 3.0
    if group <= 12:
        return float(group)
    return float(group - 10)


def miedema_transition(group, block):
    """Miedema's convention: transition metals are groups 3-11 (noble metals
    included) and the rare earths/actinides; Zn, Cd, Hg and the s/p elements
    are non-transition (de Boer et al., Cohesion in Metals, 1988)."""
    return 1 if block == "f" or 3 <= group <= 11 else 0


def cnum(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "NAN"
    return "%.15g" % float(x)


def cstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def load(root):
    d = os.path.join(root, "data", "elements")
    with open(os.path.join(d, "periodic_table.json"), encoding="utf-8") as f:
        pt = json.load(f)
    byz = {}
    for sym, e in pt.items():
        z = int(e["Atomic no"])
        if 1 <= z <= Z_MAX:
            byz[z] = (sym, e)
    if sorted(byz) != list(range(1, Z_MAX + 1)):
        fail("periodic_table.json lacks some of Z = 1..%d" % Z_MAX)

    weights = {}
    for r in read_csv_commented(os.path.join(d, "iupac2021_atomic_weights.csv")):
        z = int(r["Z"])
        if byz[z][0] != r["symbol"]:
            fail("iupac2021_atomic_weights.csv: Z %d is %s, not %s" %
                 (z, byz[z][0], r["symbol"]))
        if r["basis"] not in ("standard", "conventional", "mass_number"):
            fail("iupac2021_atomic_weights.csv: bad basis %r" % r["basis"])
        weights[z] = float(r["atomic_weight"])
    if sorted(weights) != list(range(1, Z_MAX + 1)):
        fail("iupac2021_atomic_weights.csv must cover Z = 1..%d" % Z_MAX)

    magpie = {}
    for name in MAGPIE:
        with open(os.path.join(d, "magpie", name + ".table")) as f:
            vals = [l.strip() for l in f]
        if len(vals) < Z_MAX:
            fail("magpie/%s.table has %d lines" % (name, len(vals)))
        col = []
        for i in range(Z_MAX):
            v = vals[i]
            if v == "Missing":
                col.append(NAN)
            else:
                try:
                    col.append(float(v))
                except ValueError:
                    fail("magpie/%s.table:%d: %r" % (name, i + 1, v))
        magpie[name] = col

    miedema = {}
    for r in read_csv_commented(os.path.join(d, "Miedema.csv")):
        z = int(r["element_id"])
        if byz[z][0] != r["element"]:
            fail("Miedema.csv: Z %d is %s" % (z, r["element"]))
        miedema[z] = r

    prices = {}
    src_lines = []
    path = os.path.join(d, "prices.csv")
    with open(path, encoding="utf-8") as f:
        for l in f:
            if l.startswith("# source:"):
                src_lines.append(l[len("# source:"):].strip())
    for r in read_csv_commented(path):
        sym = r["symbol"]
        z = next((k for k, (s, _) in byz.items() if s == sym), None)
        if z is None:
            fail("prices.csv: unknown symbol %r" % sym)
        p = float(r["usd_per_kg"])
        y = int(r["year"])
        if not (p > 0 and math.isfinite(p)) or not (1990 <= y <= 2100):
            fail("prices.csv: bad row for %s" % sym)
        prices[z] = (p, y)
    if not src_lines:
        fail("prices.csv: needs '# source:' lines")
    return byz, weights, magpie, miedema, prices, " ".join(src_lines)


def generate(root):
    byz, weights, magpie, miedema, prices, price_source = load(root)
    out = []
    w = out.append
    w("/* generated by tools/gen_elements.py from data/elements/ "
      "(periodic_table.json,\n"
      " * iupac2021_atomic_weights.csv, magpie/NAME.table, Miedema.csv,\n * "
      "prices.csv); do not edit.\n"
      " * Sources and licenses: data/elements/README.md. */\n")
    w("#include \"chem/elements_table.h\"\n\n#include <math.h>\n\n")
    w("/* clang-format off */\n")
    w("const char mge_elt_price_source[] =\n    %s;\n\n" % cstr(price_source))
    w("const mge_element mge_elt_table[MGE_Z_MAX] = {\n")
    for z in range(1, Z_MAX + 1):
        sym, e = byz[z]
        where = "periodic_table.json:%s" % sym
        group, period, block = group_period_block(z)
        chi = parse_plain(e.get("X"), where + ":X")
        r_met = parse_plain(e.get("Metallic radius"), where + ":Metallic radius")
        tm = parse_quantity(e.get("Melting point"), "K", where + ":Melting point")
        rho = parse_quantity(e.get("Density of solid"), "kg m<sup>-3</sup>",
                             where + ":Density of solid")
        vm = parse_quantity(e.get("Molar volume"), "cm<sup>3</sup>",
                            where + ":Molar volume")
        vm = vm * 1e-6 if not math.isnan(vm) else NAN
        m = miedema.get(z)
        if m:
            mv = float(m["molar_volume"])
            mied = (float(m["electronegativity"]), float(m["electron_density"]),
                    mv ** (2.0 / 3.0), float(m["valence_electrons"]),
                    float(m["R_const"]), float(m["H_trans"]))
        else:
            mied = (NAN,) * 6
        price, year = prices.get(z, (NAN, 0))
        w("    {.Z = %d,\n" % z)
        w("     .symbol = %s,\n" % cstr(sym))
        w("     .name = %s,\n" % cstr(e["Name"]))
        w("     .atomic_weight = %s,\n" % cnum(weights[z]))
        w("     .chi_pauling = %s,\n" % cnum(chi))
        w("     .r_metal_A = %s,\n" % cnum(r_met))
        w("     .t_melt_K = %s,\n" % cnum(tm))
        w("     .rho_kg_m3 = %s,\n" % cnum(rho))
        w("     .vm_m3_mol = %s,\n" % cnum(vm))
        w("     .group = %d,\n" % group)
        w("     .period = %d,\n" % period)
        w("     .block = '%s',\n" % block)
        w("     .vec = %s,\n" % cnum(vec_for(group, block, z)))
        w("     .miedema_phi_V = %s,\n" % cnum(mied[0]))
        w("     .miedema_nws13 = %s,\n" % cnum(mied[1]))
        w("     .miedema_vm23_cm2 = %s,\n" % cnum(mied[2]))
        w("     .miedema_valence = %s,\n" % cnum(mied[3]))
        w("     .miedema_R = %s,\n" % cnum(mied[4]))
        w("     .miedema_H_trans = %s,\n" % cnum(mied[5]))
        w("     .miedema_transition = %d,\n" % miedema_transition(group, block))
        w("     .magpie = {%s},\n" %
          ", ".join(cnum(magpie[n][z - 1]) for n in MAGPIE))
        w("     .price_usd_kg = %s,\n" % cnum(price))
        w("     .price_year = %d},\n" % year)
    w("};\n\n")
    # Symbol index: (first letter - 'A') * 27 + (second letter - 'a' + 1, or
    # 0 for one-letter symbols) -> Z, 0 if no element.
    idx = [0] * (26 * 27)
    for z in range(1, Z_MAX + 1):
        sym = byz[z][0]
        k = (ord(sym[0]) - 65) * 27 + (ord(sym[1]) - 96 if len(sym) > 1 else 0)
        idx[k] = z
    w("const unsigned char mge_elt_symbol_index[26 * 27] = {\n")
    for i in range(0, len(idx), 27):
        w("    " + ", ".join(str(v) for v in idx[i:i + 27]) + ",\n")
    w("};\n/* clang-format on */\n")
    return "".join(out)


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    root = args[0] if args else os.path.dirname(
        os.path.dirname(os.path.abspath(__file__)))
    text = generate(root)
    path = os.path.join(root, "src", "chem", "elements_table.c")
    if check:
        with open(path, encoding="utf-8") as f:
            if f.read() != text:
                sys.stderr.write("gen_elements.py: %s is out of date; run "
                                 "python3 tools/gen_elements.py\n" % path)
                return 1
        return 0
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
