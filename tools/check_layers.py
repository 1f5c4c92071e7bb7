#!/usr/bin/env python3
"""Check every #include line of src/, include/mge/ and cli/ against the
layer table cmake/layers.txt (the build enforces the same table through its
include paths). Usage: tools/check_layers.py [SOURCE_ROOT]. Prints one line
per violation (file:line: what) and exits 1 when there is any."""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))
layers, folder_layer, header_layer = {}, {}, {}
for n, line in enumerate(open(os.path.join(root, "cmake/layers.txt")), 1):
    if not re.match(r"^[a-z]", line):
        continue
    name, folders, headers, deps = [p.split() for p in (line + "|").split("|")[:4]]
    name = name[0]
    sees = set(headers)
    for d in deps:
        if d not in layers:
            sys.exit("cmake/layers.txt:%d: %s lists %s before it" % (n, name, d))
        sees |= layers[d]
    layers[name] = sees
    for f in folders:
        folder_layer[f] = name
    for h in headers:
        header_layer[h] = name

inc = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
bad = []


def check(path, rel, layer, folder):
    for n, text in enumerate(open(path, encoding="utf-8", errors="replace"), 1):
        m = inc.match(text)
        if not m:
            continue
        target = m.group(1)
        where = "%s:%d: " % (rel, n)
        if target.startswith("mge/"):
            h = target[4:]
            if h not in header_layer:
                bad.append(where + "%s belongs to no layer in cmake/layers.txt" % target)
            elif layer and h not in layers[layer]:
                bad.append(where + "%s (layer %s) is above layer %s"
                           % (target, header_layer[h], layer))
        elif "/" in target:
            f = target.split("/")[0]
            if folder is None:
                bad.append(where + "%s is an internal header of src/%s" % (target, f))
            elif f != folder:
                bad.append(where + "%s is internal to src/%s, not src/%s"
                           % (target, f, folder))
        elif folder is not None and \
                not os.path.exists(os.path.join(os.path.dirname(path), target)):
            bad.append(where + "%s is not a header of this folder" % target)


for f in sorted(os.listdir(os.path.join(root, "src"))):
    d = os.path.join(root, "src", f)
    if not os.path.isdir(d):
        continue
    if f not in folder_layer:
        bad.append("src/%s: folder belongs to no layer in cmake/layers.txt" % f)
        continue
    for name in sorted(os.listdir(d)):
        if name.endswith((".c", ".h")):
            check(os.path.join(d, name), "src/%s/%s" % (f, name), folder_layer[f], f)
for name in sorted(os.listdir(os.path.join(root, "include/mge"))):
    if name.endswith(".h"):
        check(os.path.join(root, "include/mge", name), "include/mge/" + name,
              header_layer.get(name), None)
for name in sorted(os.listdir(os.path.join(root, "cli"))):
    if name.endswith((".c", ".h")):
        check(os.path.join(root, "cli", name), "cli/" + name, None, None)
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
