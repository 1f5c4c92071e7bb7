#!/usr/bin/python3
"""The Python peer of bench_learn's featurize-and-fit run on
matbench_expt_gap: pymatgen parses the compositions, numpy computes the same
132 Magpie statistics from the same Magpie tables (data/elements/magpie), and
XGBoost (Debian python3-xgboost) and scikit-learn's Ridge (python3-sklearn)
fit with the settings mge uses. Prints one line per model in bench_learn's
format. usage: learn_peer.py SRC_DIR THREADS"""
import csv
import sys
import time

import numpy as np
from pymatgen.core import Composition

src, threads = sys.argv[1], int(sys.argv[2])
PROPS = ["Number", "MendeleevNumber", "AtomicWeight", "MeltingT", "Column",
         "Row", "CovalentRadius", "Electronegativity", "NsValence",
         "NpValence", "NdValence", "NfValence", "NValence", "NsUnfilled",
         "NpUnfilled", "NdUnfilled", "NfUnfilled", "NUnfilled", "GSvolume_pa",
         "GSbandgap", "GSmagmom", "SpaceGroupNumber"]


def table(name):
    vals = []
    for line in open(f"{src}/data/elements/magpie/{name}.table"):
        t = line.strip()
        try:
            vals.append(float(t))
        except ValueError:
            vals.append(float("nan"))
    return vals


tables = [table(p) for p in PROPS]
rows = list(csv.DictReader(open(f"{src}/data/ml/matbench_expt_gap.csv")))
y = np.array([float(r["gap expt"]) for r in rows])

t0 = time.perf_counter()
X = np.empty((len(rows), 6 * len(PROPS)))
for i, r in enumerate(rows):
    comp = Composition(r["composition"]).fractional_composition
    zs = [el.Z for el in comp]
    w = np.array([comp[el] for el in comp])
    for k, tab in enumerate(tables):
        v = np.array([tab[z - 1] for z in zs])
        mean = float(np.dot(w, v))
        mode = v[np.isclose(w, w.max())].min()
        X[i, 6 * k:6 * k + 6] = [v.min(), v.max(), v.max() - v.min(), mean,
                                 float(np.dot(w, np.abs(v - mean))), mode]
t_feat = time.perf_counter() - t0

import xgboost  # noqa: E402
from sklearn.linear_model import Ridge  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

t0 = time.perf_counter()
m = xgboost.XGBRegressor(n_estimators=600, max_depth=6, learning_rate=0.04,
                         subsample=0.8, colsample_bytree=0.6, tree_method="hist",
                         n_jobs=threads, random_state=18012019)
m.fit(X, y)
t_fit = time.perf_counter() - t0
print(f"fit expt_gap python xgb rows {len(rows)} features {X.shape[1]} "
      f"featurize_s {t_feat:.3f} fit_s {t_fit:.3f} total_s {t_feat + t_fit:.3f} "
      f"threads {threads}")
t0 = time.perf_counter()
Xs = StandardScaler().fit_transform(np.nan_to_num(X))
Ridge(alpha=1.0).fit(Xs, y)
t_fit = time.perf_counter() - t0
print(f"fit expt_gap python ridge rows {len(rows)} features {X.shape[1]} "
      f"featurize_s {t_feat:.3f} fit_s {t_fit:.3f} total_s {t_feat + t_fit:.3f} "
      f"threads {threads}")
