#!/usr/bin/env bash
# Proves the lock: a fresh venv with an empty pip cache installs base + dev from
# requirements/*.txt alone (hash-checked, no build tools fetched), and the result is consistent.
# A newer upstream release of any dependency must not change what is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$PYTHON" -m venv "$dir/venv"
pip=("$dir/venv/bin/python" -m pip --disable-pip-version-check --no-input --no-cache-dir)
"${pip[@]}" install --quiet --require-hashes --no-deps -r requirements/bootstrap.txt
"${pip[@]}" install --quiet --require-hashes --no-build-isolation \
  -r requirements/base.txt -r requirements/dev.txt
"${pip[@]}" check
# Every installed distribution must be exactly the version the lock names.
"$dir/venv/bin/python" - requirements/bootstrap.txt requirements/base.txt requirements/dev.txt <<'PY'
import re, sys
from importlib.metadata import distributions
pins = {}
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==([^ \\]+)", line)
        if m:
            pins[re.sub(r"[-_.]+", "-", m[1]).lower()] = m[2]
bad = []
for dist in distributions():
    name = re.sub(r"[-_.]+", "-", dist.metadata["Name"]).lower()
    if pins.get(name) != dist.version:
        bad.append(f"{name}=={dist.version} (lock: {pins.get(name, 'absent')})")
if bad:
    sys.exit("installed but not as locked: " + ", ".join(sorted(bad)))
print(f"lock holds: {len(pins)} pinned distributions installed exactly")
PY
