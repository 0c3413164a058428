#!/usr/bin/env bash
# `npm run open`: try Khabar on the sample articles right after cloning.
#  - installs the dependencies if node_modules is missing, builds the extension;
#  - with a desktop VS Code (`code` on PATH): opens samples/ in a window with Khabar loaded from this
#    repository (--extensionDevelopmentPath);
#  - otherwise: starts code-server's VS Code (installed by test/integration/setup.sh into .rig/) with
#    Khabar loaded and prints the local address to open in a browser; stays in the foreground until Ctrl-C.
# Environment: KHABAR_USE_CODE_SERVER=1 (ignore `code`), KHABAR_PORT (default: a free port),
# KHABAR_OPEN_FOLDER (default: samples/), KHABAR_RIG_DIR.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"

if [ ! -d node_modules ]; then
  echo "installing dependencies…"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi
node esbuild.mjs --quiet --only=client,server
FOLDER=$(cd "${KHABAR_OPEN_FOLDER:-$REPO/samples}" && pwd)

if [ -z "${KHABAR_USE_CODE_SERVER:-}" ] && command -v code >/dev/null 2>&1; then
  echo "opening $FOLDER in VS Code with Khabar from $REPO"
  exec code --new-window --extensionDevelopmentPath="$REPO" "$FOLDER"
fi

bash test/integration/setup.sh
# shellcheck source=../test/integration/lib.sh
source "$REPO/test/integration/lib.sh"
ADDR=127.0.0.1:${KHABAR_PORT:-$(free_port)}
# A persistent profile, so that settings and open editors survive between runs.
DIR=$KHABAR_RIG/open
trap 'stop_code_server' EXIT
trap 'echo; echo "stopping"; exit 130' INT TERM
start_code_server "$DIR" "$ADDR"
wait_for_code_server "$ADDR"
URL=$(workbench_url "$ADDR" "$FOLDER" "$REPO")
cat <<MSG

Khabar is running in VS Code (code-server), on $FOLDER.
Open this address in a browser on this machine:

  $URL

(From another machine: ssh -L ${ADDR##*:}:127.0.0.1:${ADDR##*:} <this host>, then the same address.)
Logs: $DIR/code-server.log — press Ctrl-C to stop.
MSG
wait "$CS_PID"
