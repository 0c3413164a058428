#!/usr/bin/env bash
# Screenshot of the workbench with a sample article open, its figures decorated and one hovered.
#   bash test/integration/screenshot.sh [file in samples/ (default danghara-cyclists.en.txt)] [out.png (default docs/screenshot.png)]
# By default the Events view is open on the conflicted event and the hovered figure is one whose
# sources disagree (its warning shows in the hover); SHOW_VIEW, EXPAND and HOVER_TEXT (drive.js)
# change that, NO_HOVER=1 hovers nothing.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$KHABAR_REPO"
FILE=${1:-danghara-cyclists.en.txt}
if [ "$FILE" = danghara-cyclists.en.txt ]; then
  export SHOW_VIEW=${SHOW_VIEW-Khabar: Focus on Events View} EXPAND=${EXPAND-Danghara,civilians} HOVER_TEXT=${HOVER_TEXT-Four foreign cyclists}
fi
OUT=$(realpath -m "${2:-docs/screenshot.png}")
mkdir -p "$(dirname "$OUT")"
bash test/integration/setup.sh
node esbuild.mjs --quiet --only=client,server
RUN=$(mktemp -d "${TMPDIR:-/tmp}/khabar-shot-XXXXXX")
cp -r samples "$RUN/samples"
ADDR=127.0.0.1:${KHABAR_PORT:-$(free_port)}
trap 'stop_code_server; rm -rf "$RUN"' EXIT
trap 'exit 130' INT TERM
start_code_server "$RUN/cs" "$ADDR"
wait_for_code_server "$ADDR"
URL=$(workbench_url "$ADDR" "$RUN/samples" "$KHABAR_REPO")
TMPDIR=$RUN/cs/tmp NODE_PATH=$KHABAR_RIG/tools/node_modules MODE=screenshot \
  rig_node test/integration/drive.js "$URL" "$RUN/artifacts" "$OUT" "$FILE"
