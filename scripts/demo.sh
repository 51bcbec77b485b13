#!/usr/bin/env bash
# Install the service (into .venv) and serve it with demo data on SQLite (postal.db).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
[ -x .venv/bin/python ] || "$PY" -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
python -m pip install -q -e . 2>&1 | grep -v "^WARNING: Location" || true
exec postal-service serve --demo --host "${HOST:-127.0.0.1}" --port "${PORT:-5000}"
