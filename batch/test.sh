#!/usr/bin/env bash
# `npm run test:batch`: the Dask job's test on a local two-worker cluster (batch/test_dask_job.py).
# Python: $KHABAR_PYTHON, else Debian's /usr/bin/python3 (python3-dask, python3-distributed), else python3.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY="${KHABAR_PYTHON:-}"
if [ -z "$PY" ]; then if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=python3; fi; fi
if ! "$PY" -c 'import dask.bag, distributed' 2>/dev/null; then
  echo "test:batch: $PY has no dask/distributed: install python3-dask and python3-distributed (Debian), or set KHABAR_PYTHON to a Python that has them" >&2
  exit 1
fi
[ -f dist/bench.js ] && [ -f dist/cli.js ] || node esbuild.mjs --quiet --only=cli,bench
# The killed worker makes the others log tracebacks of the connections it closed: expected, and loud.
export DASK_LOGGING__DISTRIBUTED="${DASK_LOGGING__DISTRIBUTED:-critical}"
exec "$PY" batch/test_dask_job.py
