#!/usr/bin/env bash
# Khabar's integration tests in a real VS Code: code-server's workbench (from the rig that setup.sh
# installs) with the extension under development and the test suite loaded through the workbench
# URL, driven by headless chromium. Exit code: 0 when every test passed.
#
#   npm run test:integration          (or: bash test/integration/run.sh)
#
# Environment: KHABAR_RIG_DIR (rig folder, default <repo>/.rig), KHABAR_SKIP_BUILD=1,
# TEST_TIMEOUT_MS (default 300000), KEEP_RUN=1 (keep the run folder: logs, final.png, workspace).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$KHABAR_REPO"
started=$SECONDS

bash test/integration/setup.sh
if [ -z "${KHABAR_SKIP_BUILD:-}" ]; then
  # Only what the harness loads: the extension client, the server and the suite.
  node esbuild.mjs --quiet --only=client,server,integration
fi
for f in dist/client.js dist/server.js dist/test/integration/index.js; do
  [ -f "$f" ] || { echo "missing $f (build failed?)" >&2; exit 1; }
done

RUN=$(mktemp -d "${TMPDIR:-/tmp}/khabar-it-XXXXXX")
cp -r test/integration/workspace "$RUN/workspace"
ADDR=127.0.0.1:${KHABAR_PORT:-$(free_port)}
RC=1
cleanup() {
  stop_code_server
  if [ "$RC" = 0 ] && [ -z "${KEEP_RUN:-}" ]; then
    rm -rf "$RUN"
  else
    echo "run folder kept: $RUN (artifacts/driver.log, artifacts/final.png, cs/code-server.log)"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The suite asks drive.js for the rendered editor (KHABAR_DOM_PROBE lines); the extension host inherits this.
export KHABAR_DOM_PROBE=1
start_code_server "$RUN/cs" "$ADDR"
wait_for_code_server "$ADDR"
URL=$(workbench_url "$ADDR" "$RUN/workspace" "$KHABAR_REPO" "$KHABAR_REPO/dist/test/integration/index.js")
echo "integration tests: code-server on http://$ADDR (rig ready after $((SECONDS - started)) s)"

set +e
TMPDIR=$RUN/cs/tmp NODE_PATH=$KHABAR_RIG/tools/node_modules MODE=tests \
  rig_node test/integration/drive.js "$URL" "$RUN/artifacts"
RC=$?
set -e
# Errors the extension host logged (the test lines themselves were printed as they came).
grep -E '^\[ext-host\] error ' "$RUN/artifacts/driver.log" 2>/dev/null | grep -vE 'open-vsx|github|authentication' | head -40 || true
echo "integration tests: exit $RC after $((SECONDS - started)) s"
exit $RC
