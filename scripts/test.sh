#!/usr/bin/env bash
# Install what the tests need (into .venv) and run the whole suite:
# lint, types, import contracts, migrations, then pytest on SQLite (with the browser
# tests, tests/e2e) and on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

# Browser tests drive Debian's chromium (Playwright cannot download a browser here);
# DejaVu gives it Vietnamese glyphs for screenshots.
if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-dejavu-core >/dev/null 2>&1; then
  echo "== installing chromium and fonts-dejavu-core (browser tests)"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
. .venv/bin/activate
# This machine's pip config lists local indexes that may be absent: hide that noise.
python -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
python -m pip install -q -e ".[test]" 2>&1 | grep -v "^WARNING: Location" || true
python -c "import api, postal_service, routing, flask_smorest, ortools" # installed?

PG_URL=${TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}

echo "== ruff"; ruff check .
echo "== mypy"; mypy
echo "== import contracts"; lint-imports
echo "== migrations (SQLite): upgrade, check for drift, downgrade"
tmpdb=$(mktemp -d)/migrations.db
DATABASE_URL="sqlite:///$tmpdb" alembic upgrade head
DATABASE_URL="sqlite:///$tmpdb" alembic check
DATABASE_URL="sqlite:///$tmpdb" alembic downgrade base

echo "== pytest on SQLite (everything, browser tests included)"
python -m pytest "$@"

if [ "${SKIP_POSTGRES:-0}" != "1" ]; then
  echo "== pytest on PostgreSQL (everything that touches the database)"
  TEST_DATABASE_URL="$PG_URL" python -m pytest tests/services tests/api tests/integration "$@"
fi
