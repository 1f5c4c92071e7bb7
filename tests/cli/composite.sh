#!/usr/bin/env bash
# mge laminate / micro / allowables from the command line: the JSON
# interface (A, B, D in SI; eps0, kappa, per-ply material stresses; reserve
# factors per ply and criterion), readable output, and bad input (exit 2,
# message naming the place). Golden numbers: Kaw 2006 via
# data/composites/kaw_examples.json (kaw_ABD_0_30_m45, 4 s.d.).
set -u
: "${MGE:?}" "${MGE_SRC:?}"
ex="$MGE_SRC/examples/composite"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # check NAME COMMAND...: the command must succeed
  if ! "${@:2}" >"$tmp/out" 2>"$tmp/err"; then
    echo "FAIL $1"; cat "$tmp/err"; fail=1
  fi
}
bad() { # bad NAME PATTERN COMMAND...: exit 2 and stderr matching PATTERN
  "${@:3}" >"$tmp/out" 2>"$tmp/err"; rc=$?
  if [ $rc -ne 2 ] || ! grep -q -- "$2" "$tmp/err"; then
    echo "FAIL $1 (rc $rc)"; cat "$tmp/err"; fail=1
  fi
}

check props-json "$MGE" laminate props "$ex/kaw_0_30_m45.yaml" --json
python3 - "$tmp/out" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
# kaw_ABD_0_30_m45 (A N/m, B N, D N m), 4 significant digits
A11, B11, D11 = 1739200000.0, -3128800.0, 33432.0
for got, want in ((d["A"][0][0], A11), (d["B"][0][0], B11), (d["D"][0][0], D11)):
    assert abs(got - want) <= 5e-4 * abs(want), (got, want)
assert len(d["A"]) == 3 and all(len(r) == 3 for r in d["B"])
assert d["plies"][0]["z_bottom_m"] < d["plies"][2]["z_bottom_m"]
PY
check stress-json "$MGE" laminate stress "$ex/kaw_0_30_m45.yaml" --json
python3 - "$tmp/out" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
# kaw_strains_0_30_m45_Nx_Ny_1000: eps0_y = 3.4917e-6, kappa_xy = 4.1015e-4
assert abs(d["eps0"][1] - 3.4917e-06) < 5e-4 * 3.4917e-06
assert abs(d["kappa"][2] - 0.00041015) < 5e-4 * 0.00041015
p = d["plies"][0]
assert set(p) >= {"bottom", "middle", "top"} and len(p["top"]["sig_12_Pa"]) == 3
PY
check fail-json "$MGE" laminate fail "$ex/quasi_iso_glass.yaml" --json
python3 - "$tmp/out" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["plies"]) == 8 and len(d["criteria"]) == 6
for p in d["plies"]:
    for c in d["criteria"]:
        assert p["reserve_factor"][c] > 0
for c in d["criteria"]:
    f = d["first_ply_failure"][c]["reserve_factor"]
    assert abs(f - min(p["reserve_factor"][c] for p in d["plies"])) < 1e-12 * f
    assert d["last_ply_failure"][c]["reserve_factor"] >= f
PY
check fail-text "$MGE" laminate fail "$ex/hybrid_plies.yaml"
grep -q "puck" "$tmp/out" || { echo "FAIL fail-text"; fail=1; }
check options "$MGE" laminate fail --material E-glass/MY750 --layup "[±55]s" \
  --ply-thickness 0.25mm --N 100kN/m,200kN/m,0 --criteria tsai-wu,puck --json
python3 -c "import json,sys; d=json.load(open('$tmp/out')); assert d['criteria']==['tsai-wu','puck']" || fail=1
check envelope "$MGE" laminate envelope "$ex/wwfe_case2_ud_lY556.yaml" \
  --csv "$tmp/env.csv" --svg "$tmp/env.svg"
python3 - "$tmp/env.csv" "$tmp/env.svg" <<'PY' || fail=1
import csv, sys, xml.dom.minidom
rows = list(csv.DictReader(open(sys.argv[1])))
# WWFE-I case 2: the envelope passes through Xt = 1140, Xc = 570, S = 72 MPa
# (Soden et al. 1998 Table 3) under every criterion in the file
for r in rows:
    a, b, phi = float(r["sigma_x_MPa"]), float(r["tau_xy_MPa"]), float(r["direction_deg"])
    if phi == 0: assert abs(a - 1140) < 1e-6, r
    if phi == 180: assert abs(a + 570) < 1e-6, r
    if phi == 90: assert abs(b - 72) < 1e-6, r
assert len(rows) == 4 * 360
svg = xml.dom.minidom.parse(sys.argv[2])
assert len(svg.getElementsByTagName("polyline")) == 4
PY
check envelope-json "$MGE" laminate envelope "$ex/quasi_iso_glass.yaml" \
  --criteria tsai-wu --directions 36 --json
# the file's dT is a residual stress held fixed: the cooled [0/±45/90]s
# fails earlier under sigma_x (transverse tension of the 90 plies; the same
# as mge_laminate_envelope_hygro, tests/unit/test_composite_laminate.c)
sed 's/dT: -100 K/dT: 0 K/' "$ex/quasi_iso_glass.yaml" > "$tmp/q0.yaml"
"$MGE" laminate envelope "$tmp/q0.yaml" --criteria puck --directions 4 --json >"$tmp/a" &&
  "$MGE" laminate envelope "$ex/quasi_iso_glass.yaml" --criteria puck --directions 4 --json >"$tmp/b" &&
  python3 -c "import json; a=json.load(open('$tmp/a'))['curves']['puck']; b=json.load(open('$tmp/b'))['curves']['puck']; assert b[0][0] < a[0][0], (a, b)" ||
  { echo "FAIL envelope-dT"; fail=1; }
check materials "$MGE" laminate materials --json
python3 -c "import json; d=json.load(open('$tmp/out')); assert any(m['name']=='E-glass/LY556' for m in d)" || fail=1
check micro "$MGE" micro Ef=85GPa nuf=0.2 Em=3.4GPa num=0.3 Vf=0.7 \
  rho_f=2500kg/m3 rho_m=1200kg/m3 --json
# kaw_micromechanics_glass_epoxy: E1 = 60.52 GPa, Wf = 0.8294
python3 -c "import json; d=json.load(open('$tmp/out')); assert abs(d['E1_rom_Pa']-60.52e9)<6e7 and abs(d['Wf']-0.8294)<1e-3" || fail=1
printf 'Ef: 85 GPa\nnuf: 0.2\nEm: 3.4 GPa\nnum: 0.3\nVf: 0.7\n' > "$tmp/m.yaml"
check micro-file "$MGE" micro "$tmp/m.yaml"
printf 'strength_MPa\n100\n102\n98\n105\n97\n101\n99\n103\n100\n96\n' > "$tmp/x.csv"
check allowables "$MGE" allowables "$tmp/x.csv" --json
# normal B-basis = mean - 2.355 s (n = 10, basis_value_k_factors.csv)
python3 -c "
import json, statistics as s
d = json.load(open('$tmp/out'))
x = [100,102,98,105,97,101,99,103,100,96]
assert abs(d['normal']['B_basis'] - (s.mean(x) - 2.355 * s.stdev(x))) < 1e-9
assert d['weibull']['B_basis'] < d['weibull']['n'] * 100" || fail=1
check user-yaml "$MGE" laminate fail --materials "$ex/my_materials.yaml" \
  --material wound-glass-60 --layup "[±55]2s" --N 100kN/m,200kN/m,0 --json
check user-props "$MGE" laminate props --materials "$ex/my_materials.yaml" \
  --material wound-glass-60 --layup "[±55]2s" --json
# 8 plies of 0.5 mm at 1992 kg/m3 (E-glass/MY750 density), 3.2 USD/kg
python3 -c "
import json; d = json.load(open('$tmp/out'))
assert abs(d['areal_mass_kg_m2'] - 8 * 0.5e-3 * 1992) < 1e-9
assert abs(d['areal_cost_USD_m2'] - 3.2 * 8 * 0.5e-3 * 1992) < 1e-9" || fail=1
printf 'name,E1_GPa,E2_GPa,G12_GPa,nu12,Xt_MPa,Xc_MPa,Yt_MPa,Yc_MPa,S12_MPa\nmine,40,10,4,0.3,900,600,35,120,60\n' > "$tmp/u.csv"
check user-csv "$MGE" laminate fail --materials "$tmp/u.csv" --material mine \
  --layup "[0/90]s" --ply-thickness 0.2mm --N 1000,0,0
printf 'materials:\n  - {name: x, E1: 40 GPa, E2: 10 GPa, G12: 4 GPa, nu12: 3}\n' > "$tmp/u.yaml"
bad user-yaml-bad "u.yaml:2" "$MGE" laminate materials --materials "$tmp/u.yaml"
bad lpf-dirs "3600" "$MGE" laminate envelope "$ex/quasi_iso_glass.yaml" --last-ply --directions 100000
for c in laminate micro allowables; do
  check help-$c "$MGE" $c --help
done

# bad input: exit 2 with the place named
bad layup-column "layup column 6" "$MGE" laminate props --material E-glass/LY556 \
  --layup "[0/90" --ply-thickness 0.2mm
printf 'material: E-glass/LY556\nply_thickness: 1 mm\nlayup: "[0/9x]"\n' > "$tmp/b1.yaml"
bad yaml-layup "b1.yaml:3:13" "$MGE" laminate props "$tmp/b1.yaml"
printf 'material: E-glass/LY556\nlayup: "[0]"\nply_thickness: 5 MPa\n' > "$tmp/b2.yaml"
bad yaml-unit "b2.yaml:3" "$MGE" laminate props "$tmp/b2.yaml"
printf 'material: nope\nlayup: "[0]"\n' > "$tmp/b3.yaml"
bad yaml-material "unknown material 'nope'" "$MGE" laminate props "$tmp/b3.yaml"
printf 'material: [oops\n' > "$tmp/b4.yaml"
bad yaml-syntax "b4.yaml" "$MGE" laminate props "$tmp/b4.yaml"
bad no-load "needs loads" "$MGE" laminate fail --material E-glass/LY556 --layup "[0]" --ply-thickness 1mm
bad unknown-sub "unknown subcommand" "$MGE" laminate frobnicate x.yaml
bad missing-file "cannot open" "$MGE" laminate props "$tmp/none.yaml"
bad micro-key "unknown micromechanics input" "$MGE" micro Eff=1GPa
bad micro-unit "Ef" "$MGE" micro Ef=85mm
bad allow-few "at least 3" "$MGE" allowables --values 1,2
bad allow-nan "bad number" "$MGE" allowables --values 1,nan,2
bad criteria "unknown criterion" "$MGE" laminate fail "$ex/quasi_iso_glass.yaml" --criteria foo
# a long --layup is built in full or refused with a clear message, never cut
long=$(printf '0/%.0s' $(seq 2000))0
bad layup-2000-plies "too many plies for the laminate (at most 256)" "$MGE" \
  laminate props --material E-glass/LY556 --ply-thickness 0.1mm --layup "$long"
bad layup-2000-count "at most 256" "$MGE" laminate props \
  --material E-glass/LY556 --ply-thickness 0.1mm --layup "[0/90]1000"
long="[$(printf '0/90/%.0s' $(seq 60))0]" # 121 plies, 303 characters
check layup-long "$MGE" laminate props --material E-glass/LY556 \
  --ply-thickness 0.1mm --layup "$long" --json
python3 - "$tmp/out" "$long" <<'PY2' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
assert d["layup"] == sys.argv[2] and len(d["plies"]) == 121, d["layup"]
PY2
bad layup-text-limit "longer than 4095 characters" "$MGE" laminate props \
  --material E-glass/LY556 --ply-thickness 0.1mm --layup "[0/90]s$(printf ' %.0s' $(seq 5000))"
bad option-N "--N: expected three values" "$MGE" laminate stress \
  --material E-glass/LY556 --ply-thickness 0.1mm --layup "[0]" --N 1,2
# CSV inputs: comment lines, quoted fields, errors at file:line:column
printf 'name,E1_GPa,E2_GPa,G12_GPa,nu12,source\n# "a" comment, quoted\n\nq, 40 ,10,4,0.3,"Doe, 2024"\n' > "$tmp/q.csv"
check csv-quoted "$MGE" laminate materials --materials "$tmp/q.csv" --json
python3 -c "import json; d=json.load(open('$tmp/out')); assert d[0]['name']=='q' and d[0]['E1_Pa']==40e9" || fail=1
printf 'name,E1_GPa,E2_GPa,G12_GPa,nu12\n"q,40,10,4,0.3\n' > "$tmp/q.csv"
bad csv-open-quote "q.csv:2:1: malformed CSV" "$MGE" laminate materials --materials "$tmp/q.csv"
printf '# test values\nstrength\n100\n102\n\n98\n  abc\n' > "$tmp/v.csv"
bad allow-column "v.csv:7:3: not a number" "$MGE" allowables "$tmp/v.csv"
printf '100\n102\n98\n105\n' | "$MGE" allowables - --dist normal >"$tmp/out" 2>&1 ||
  { echo "FAIL allow-stdin"; cat "$tmp/out"; fail=1; }
# the option tables: an option anywhere on the line (before the subcommand,
# after the file, NAME=VALUE) gives the same answer; bad values are refused
# with exit 2 naming the option
"$MGE" laminate fail "$ex/quasi_iso_glass.yaml" --criteria tsai-wu --json >"$tmp/a" 2>&1 &&
  "$MGE" laminate --json --criteria=tsai-wu fail "$ex/quasi_iso_glass.yaml" >"$tmp/b" 2>&1 &&
  cmp -s "$tmp/a" "$tmp/b" || { echo "FAIL options-anywhere"; fail=1; }
check options-eq "$MGE" laminate --directions=8 envelope --json --material AS4/3501-6 \
  --layup '[0/90]s' --ply-thickness=0.2mm
python3 -c "import json; d=json.load(open('$tmp/out')); assert all(len(c)==8 for c in d['curves'].values())" ||
  fail=1
bad dirs-low "laminate: --directions wants an integer in 4..100000, not '3'" \
  "$MGE" laminate envelope "$ex/quasi_iso_glass.yaml" --directions 3
bad dirs-text "--directions wants an integer" "$MGE" laminate envelope --directions=36x "$ex/quasi_iso_glass.yaml"
bad json-value "laminate: --json takes no value" "$MGE" laminate props --json=1 "$ex/kaw_0_30_m45.yaml"
bad near-option "did you mean '--json'" "$MGE" laminate props "$ex/kaw_0_30_m45.yaml" --jsn
bad near-sub "did you mean 'props'" "$MGE" laminate prop "$ex/kaw_0_30_m45.yaml"
bad ply-thickness "--ply-thickness" "$MGE" laminate props --material AS4/3501-6 --layup '[0]' --ply-thickness 5MPa
check ply-inch "$MGE" laminate props --material AS4/3501-6 --layup '[0]' --ply-thickness 0.005in --json
python3 -c "import json; d=json.load(open('$tmp/out')); assert abs(d['thickness_m']-0.005*0.0254)<1e-15" || fail=1
bad allow-value "allowables: --values needs a value" "$MGE" allowables --values
bad allow-near "did you mean '--values'" "$MGE" allowables --vals 1,2,3
check allow-eq "$MGE" allowables --json --values=100,102,98,105,97,101,99,103,100,96 --dist=weibull
python3 -c "import json; d=json.load(open('$tmp/out')); assert list(d)==['method','weibull'] and d['weibull']['n']==10" ||
  fail=1
bad micro-json "micro: --json takes no value" "$MGE" micro Ef=85GPa --json=yes
"$MGE" micro --json Ef=85GPa nuf=0.2 Em=3.4GPa num=0.3 Vf=0.7 >"$tmp/a" 2>&1 &&
  "$MGE" micro Ef=85GPa nuf=0.2 --json Em=3.4GPa num=0.3 Vf=0.7 >"$tmp/b" 2>&1 &&
  cmp -s "$tmp/a" "$tmp/b" || { echo "FAIL micro-anywhere"; fail=1; }
# With a file, the load and ply-thickness options override the file's
# values (issue 21): --N 1e5,0,0 --dT 0 changes quasi_iso_glass.yaml's
# answer; a file without loads: takes them from the options; --layup and
# --material with a file are refused.
"$MGE" laminate fail "$ex/quasi_iso_glass.yaml" --json >"$tmp/f0" 2>&1
"$MGE" laminate fail "$ex/quasi_iso_glass.yaml" --N 1e5,0,0 --dT 0 --json >"$tmp/f1" 2>&1
"$MGE" laminate fail --material E-glass/LY556 --layup "[0/±45/90]s" --ply-thickness 0.25mm \
  --N 1e5,0,0 --json >"$tmp/f2" 2>&1
python3 - "$tmp/f0" "$tmp/f1" "$tmp/f2" <<'PY' || { echo "FAIL file-load-override"; fail=1; }
import json, sys
a, b, c = (json.load(open(f)) for f in sys.argv[1:])
assert a["first_ply_failure"] != b["first_ply_failure"]
assert b["first_ply_failure"] == c["first_ply_failure"], (b["first_ply_failure"], c["first_ply_failure"])
PY
check file-no-loads-N "$MGE" laminate fail "$ex/wwfe_case2_ud_lY556.yaml" --N 1e5,0,0
"$MGE" laminate props "$ex/quasi_iso_glass.yaml" --ply-thickness 0.5mm --json >"$tmp/p1" 2>&1
python3 -c "import json; d=json.load(open('$tmp/p1')); assert abs(d['thickness_m']-8*0.5e-3)<1e-12, d['thickness_m']" ||
  { echo "FAIL file-ply-thickness"; fail=1; }
bad file-layup "cannot be combined with a file" "$MGE" laminate props "$ex/hybrid_plies.yaml" --layup "[0/90]"
bad file-material "cannot be combined with a file" "$MGE" laminate props "$ex/hybrid_plies.yaml" --material AS4/3501-6
# The last-ply-failure sequence is in load order; a ply that the damaged
# laminate would fail below the load already reached is marked a cascade
# (issue 21 §3). Zero load: no failure, ply null, "-" in the table. The
# envelope writes --csv also with --json.
"$MGE" laminate fail --material AS4/3501-6 --layup "[0/45/-45/90]s" --ply-thickness 0.1375mm \
  --N 1.1e5,0,0 --json >"$tmp/lpf" 2>&1
python3 - "$tmp/lpf" <<'PY' || { echo "FAIL lpf-order"; fail=1; }
import json, sys
d = json.load(open(sys.argv[1]))
for c, v in d["last_ply_failure"].items():
    f = [s["load_factor"] for s in v["sequence"]]
    assert f == sorted(f), (c, f)
    assert abs(max(f) - v["reserve_factor"]) < 1e-12, c
    for s in v["sequence"]:
        if s.get("cascade"):
            assert s["own_factor"] < s["load_factor"], (c, s)
PY
"$MGE" laminate fail --material AS4/3501-6 --layup "[0/90]s" --ply-thickness 0.125mm --N 0,0,0 --json >"$tmp/z" 2>&1
python3 -c "import json; d=json.load(open('$tmp/z')); assert all(v['ply'] is None for v in d['first_ply_failure'].values())" ||
  { echo "FAIL zero-load-json"; fail=1; }
"$MGE" laminate fail --material AS4/3501-6 --layup "[0/90]s" --ply-thickness 0.125mm --N 0,0,0 >"$tmp/z" 2>&1
grep -q "^puck  *-  *- no failure" "$tmp/z" && ! grep -q " nan" "$tmp/z" ||
  { echo "FAIL zero-load-text"; cat "$tmp/z"; fail=1; }
rm -f "$tmp/E.csv"
check envelope-json-csv "$MGE" laminate envelope "$ex/quasi_iso_glass.yaml" --json --csv "$tmp/E.csv" --directions 36
[ -s "$tmp/E.csv" ] || { echo "FAIL envelope --json --csv wrote no CSV"; fail=1; }
printf '100\n101\n' >"$tmp/v.txt"
bad allow-both "not both" "$MGE" allowables "$tmp/v.txt" --values 1,2,3
# A library lamina without thermal expansion (data/composites/laminae.csv:
# empty = not given) refuses dT, naming the material, instead of printing
# zero stresses; --materials supplying alpha1/alpha2 (Daniel & Ishai 2006
# Table A.4 S-glass/epoxy: 6.1 and 26 1e-6/K) makes it run. dT = 0 runs.
# Unknown density is '-' in `laminate materials` and null in its JSON
# (issue 21 §2).
sg="S-glass/epoxy (Daniel-Ishai)"
for c in stress fail envelope props; do
  bad "unknown-alpha-$c" "dT needs alpha1 and alpha2 of $sg; give them with --materials" \
    "$MGE" laminate $c --material "$sg" --layup "[0/90]s" --ply-thickness 0.125mm --dT -100
done
bad unknown-alpha-im7 "dT needs alpha1 and alpha2 of IM7/8552" \
  "$MGE" laminate stress --material IM7/8552 --layup "[0/90]s" --dT -100
printf 'materials:\n  - {name: "%s", base: "%s", alpha1: 6.1e-6 1/K, alpha2: 26e-6 1/K}\n' \
  "$sg" "$sg" >"$tmp/sg.yaml"
check alpha-given "$MGE" laminate stress --material "$sg" --layup "[0/90]s" --ply-thickness 0.125mm \
  --dT -100 --materials "$tmp/sg.yaml" --json
python3 -c "
import json, sys; d = json.load(open('$tmp/out')); s = json.dumps(d)
assert 'null' not in s and 'NaN' not in s, s[:200]
assert any(abs(v) > 1e6 for p in d['plies'] for w in ('bottom', 'top') for v in p[w]['sig_12_Pa'])
" || { echo "FAIL alpha-given stresses"; head -c 600 "$tmp/out"; fail=1; }
check alpha-unknown-dT0 "$MGE" laminate stress --material "$sg" --layup "[0/90]s" --ply-thickness 0.125mm --N 1e5,0,0
! grep -qi "nan" "$tmp/out" || { echo "FAIL alpha-unknown-dT0 nan"; fail=1; }
check materials-unknown "$MGE" laminate materials
grep -q "^IM7/8552 .* -$" "$tmp/out" || { echo "FAIL materials '-' density"; fail=1; }
check materials-unknown-json "$MGE" laminate materials --json
python3 -c "
import json; d = {m['name']: m for m in json.load(open('$tmp/out'))}
assert d['IM7/8552']['density_kg_m3'] is None and d['IM7/8552']['alpha1_per_K'] is None
assert d['$sg']['alpha2_per_K'] is None and d['$sg']['t_ply_m'] is None
assert d['AS4/3501-6']['density_kg_m3'] > 0
" || { echo "FAIL materials-unknown-json"; fail=1; }
check props-unknown-mass "$MGE" laminate props --material IM7/8552 --layup "[0/90]s" --json
python3 -c "import json; d = json.load(open('$tmp/out')); assert d['areal_mass_kg_m2'] is None" ||
  { echo "FAIL props-unknown-mass"; fail=1; }
bad materials-plane "means nothing here" "$MGE" laminate materials --plane sx-sy
bad props-N "means nothing here" "$MGE" laminate props "$ex/quasi_iso_glass.yaml" --N 1,2,3
exit $fail
