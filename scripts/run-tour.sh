#!/usr/bin/env bash
# The tour: installs what is missing, builds the `tour` example and runs it. The tour creates an
# outcome, fetches it, updates it, lists every page; logs a call on a lead, puts the outcome on
# it, fetches it back, lists the calls that carry the outcome, clears it, deletes the call; then
# deletes the outcome. It prints each step as a table. Against the emulator, examples/
# webhook_receiver runs beside it, subscribed to the call events: it prints the four deliveries
# the tour's call made, each verified and processed once, then removes its subscription.
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
  cmake --build --preset dev -j "$jobs" --target tour closeio-fake-server webhook_receiver
else
  cmake --preset dev -B "$build_dir" >/dev/null
  cmake --build "$build_dir" -j "$jobs" --target tour closeio-fake-server webhook_receiver
fi
tour=$build_dir/examples/tour
fake_server=$build_dir/tools/fake-server/closeio-fake-server
receiver=$build_dir/examples/webhook_receiver

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
receiver_pid=""
stop_server() {
  local pid
  for pid in "$receiver_pid" "$server_pid"; do
    if [[ -n $pid ]]; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  receiver_pid=""
  server_pid=""
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

# The receiver subscribes itself (the key stays in its memory) and stops after 4 deliveries:
# the tour's call logged, its outcome set, cleared, the call deleted.
mkfifo "$workdir/receiver"
"$receiver" --port 0 --max-deliveries 4 \
  --subscribe activity.call:created,activity.call:updated,activity.call:deleted \
  >"$workdir/receiver" 2>&1 &
receiver_pid=$!
exec 4<"$workdir/receiver"
receiver_out=""
for _ in 1 2; do
  if ! read -r -t 30 line <&4; then
    echo "run-tour: webhook_receiver did not subscribe (got: '${receiver_out}')" >&2
    exit 1
  fi
  receiver_out+="$line"$'\n'
done
[[ $receiver_out == *$'\n'subscribed\ whsub_* ]] || {
  echo "run-tour: webhook_receiver did not subscribe (got: '${receiver_out}')" >&2
  exit 1
}

"$tour"

step "webhooks: what examples/webhook_receiver received while the tour ran"
# Deliveries take milliseconds here; after 30 s the receiver is stopped and says what it got.
(sleep 30 && kill "$receiver_pid" 2>/dev/null) &
watchdog=$!
receiver_status=0
wait "$receiver_pid" || receiver_status=$?
receiver_pid=""
kill "$watchdog" 2>/dev/null || true
wait "$watchdog" 2>/dev/null || true
receiver_out+=$(cat <&4)
exec 4<&-
printf '%s\n' "$receiver_out"
if ((receiver_status != 0)) || [[ $receiver_out != *"4 deliveries: 4 accepted"* ]]; then
  echo "run-tour: webhook_receiver did not get the tour's 4 call events (status $receiver_status)" >&2
  exit 1
fi

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
