#!/usr/bin/env bash
# The tour: installs what is missing, builds the `tour` example and runs it. The tour creates an
# outcome, fetches it, updates it, lists every page; logs a call on a lead, puts the outcome on
# it, fetches it back, lists the calls that carry the outcome, clears it, deletes the call; then
# deletes the outcome. It prints each step as a table.
#   scripts/run-tour.sh                         against a local closeio-fake-server (offline),
#                                               seeded with the sample outcomes and calls
#   CLOSE_API_KEY=api_... scripts/run-tour.sh   against your Close organisation (or set
#                                               CLOSE_ACCESS_TOKEN; CLOSE_API_BASE_URL optional)
# The call goes on the lead CLOSE_TOUR_LEAD_ID names, else on the lead of the first call Close
# lists; the tour says which, and deletes the call and the outcome it made even when a step fails.
# CLOSEIO_BUILD_DIR builds somewhere else than the dev preset's build/dev.
# Exits non-zero if any step fails; the emulator is always stopped.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc 2>/dev/null || echo 2)
build_dir=${CLOSEIO_BUILD_DIR:-build/dev}

step() { printf '\n== %s\n' "$*"; }

scripts/install-deps.sh

step "configure and build the tour (preset dev, in $build_dir)"
if [[ -z ${CLOSEIO_BUILD_DIR:-} ]]; then
  cmake --preset dev >/dev/null
  cmake --build --preset dev -j "$jobs" --target tour closeio-fake-server
else
  cmake --preset dev -B "$build_dir" >/dev/null
  cmake --build "$build_dir" -j "$jobs" --target tour closeio-fake-server
fi
tour=$build_dir/examples/tour
fake_server=$build_dir/tools/fake-server/closeio-fake-server

if [[ -n ${CLOSE_API_KEY:-} || -n ${CLOSE_ACCESS_TOKEN:-} ]]; then
  # ClientOptions::from_env() prefers the API key when both are set.
  credential=CLOSE_API_KEY
  [[ -n ${CLOSE_API_KEY:-} ]] || credential="CLOSE_ACCESS_TOKEN (OAuth)"
  step "the tour, against Close at ${CLOSE_API_BASE_URL:-https://api.close.com/api/v1/} with $credential"
  "$tour"
  exit
fi

step "the tour, against a local closeio-fake-server (set CLOSE_API_KEY to use Close)"
workdir=$(mktemp -d)
server_pid=""
stop_server() {
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
  rm -rf "$workdir"
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The server prints one line, "closeio-fake-server listening on <base_url>", once it serves.
mkfifo "$workdir/stdout"
# The sample calls give the tour a lead to log its call on.
"$fake_server" --port 0 --seed-file tools/fake-server/sample-outcomes.json \
  --activities-file tools/fake-server/sample-activities.json >"$workdir/stdout" &
server_pid=$!
exec 3<"$workdir/stdout"
line=""
if ! read -r -t 30 line <&3 || [[ ! $line =~ ^closeio-fake-server\ listening\ on\ (.+)$ ]]; then
  echo "run-tour: closeio-fake-server did not start (got: '${line}')" >&2
  exit 1
fi
base_url=${BASH_REMATCH[1]}

unset CLOSE_ACCESS_TOKEN
export CLOSE_API_KEY=test-api-key CLOSE_API_BASE_URL=$base_url
# The emulator is on loopback: keep any configured proxy out of the way.
export no_proxy="127.0.0.1,localhost${no_proxy:+,$no_proxy}"
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
"$tour"

# A clean stop is part of the check: SIGTERM, then exit status 0.
kill "$server_pid"
status=0
wait "$server_pid" || status=$?
server_pid=""
exec 3<&-
if ((status != 0)); then
  echo "run-tour: closeio-fake-server exited with status $status" >&2
  exit 1
fi
