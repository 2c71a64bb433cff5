#!/usr/bin/env bash
# Wire conformance: every request the SDK sends and every response the local Close emulator
# returns is validated by Stoplight Prism (proxy mode, --errors) against Close's OpenAPI file.
#
#   tests/conformance/run-conformance.sh [--build-dir DIR]     default build/dev
#
# The build directory must hold the examples, closeio-outcomes and closeio-fake-server. The
# OpenAPI files (outcomes-openapi.yaml, activities-openapi.yaml, events-openapi.yaml) are read from
# $CLOSEIO_API_SPEC_DIR when it is set, else from tests/conformance/spec/ (the vendor's files as the
# project vendored them; each says where it came from). Prism comes from
# scripts/install-conformance.sh (pinned, project-local).
#
# Runs through the proxy: each example (as their CTest tests run them), then an end-to-end pass
# of every operation with closeio-outcomes (list over several pages, _fields, get, create,
# update, delete, a 404, a 400 and a 401 as Close documents them, export and apply), and of the
# webhook subscription and Event Log operations with examples/event_log. Fails on
# any failed command and on any violation Prism reports in its log (errors and warnings, of
# requests and of responses), and prints them. Prism runs without --errors so that a violation
# is logged, not turned into a 500 that would hide the next ones. One exemption, explained below:
# fields missing from an answer because the request's _fields left them out. (Close's file for
# /webhook/ and /event/ declares placeholder answers, `type: object` without properties: their
# bodies are checked to be JSON objects and no further; docs/guides/event-log.md gives the real
# shapes, which the SDK's own tests check.)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"

usage() {
  sed -n '2,23s/^# \{0,1\}//p' "$0"
}
build_dir=build/dev
while (($#)); do
  case $1 in
    --build-dir)
      [[ $# -ge 2 ]] || { usage >&2; exit 2; }
      build_dir=$2
      shift 2
      ;;
    -h | --help) usage; exit 0 ;;
    *) echo "run-conformance: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

# --- the OpenAPI file ---------------------------------------------------------------------------
spec_dir=${CLOSEIO_API_SPEC_DIR:-$repo/tests/conformance/spec}
if [[ ! -f $spec_dir/outcomes-openapi.yaml || ! -f $spec_dir/activities-openapi.yaml ||
  ! -f $spec_dir/events-openapi.yaml ]]; then
  echo "run-conformance: FAIL: Close's OpenAPI files outcomes-openapi.yaml," \
    "activities-openapi.yaml and events-openapi.yaml were not found together in $spec_dir" >&2
  echo "Unset CLOSEIO_API_SPEC_DIR to use the vendored tests/conformance/spec/." >&2
  exit 1
fi
spec_dir=$(cd "$spec_dir" && pwd)

# --- programs -----------------------------------------------------------------------------------
fake_server=$build_dir/tools/fake-server/closeio-fake-server
cli=$build_dir/tools/closeio-outcomes
examples=$build_dir/examples
for program in "$fake_server" "$cli" "$examples/tour" "$examples/event_log"; do
  if [[ ! -x $program ]]; then
    echo "run-conformance: FAIL: $program is missing; build $build_dir first" >&2
    exit 1
  fi
done
prism=$(scripts/install-conformance.sh)
node_modules=$(cd "$(dirname "$prism")/.." && pwd)

# shellcheck source=scripts/lib/servers.bash
source scripts/lib/servers.bash
work=$(mktemp -d)
cleanup() {
  stop_all_servers
  [[ -n ${KEEP_CONFORMANCE_LOGS:-} ]] || rm -rf "$work"
}
trap cleanup EXIT

# --- one document for every resource ------------------------------------------------------------
spec=$work/close-api.json
NODE_PATH=$node_modules node tests/conformance/merge-specs.js "$spec" \
  "$spec_dir/outcomes-openapi.yaml" "$spec_dir/activities-openapi.yaml" \
  "$spec_dir/events-openapi.yaml"

# --- emulator and proxy -------------------------------------------------------------------------
upstream="" upstream_PID="" proxy="" proxy_PID=""  # set by start_logged_server
# 205 outcomes: listing them takes three pages of 100.
start_logged_server upstream "$work/fake-server.log" 'listening on (http://[^ ]+)' 30 \
  "$fake_server" --port 0 --seed 205 --seed-file tools/fake-server/sample-outcomes.json \
  --activities-file tools/fake-server/sample-activities.json
# Prism adds the path of each request to the upstream URL; the SDK's base URL is Prism's root.
start_logged_server proxy "$work/prism.log" 'Prism is listening on (http://[^ ]+)' 120 \
  "$prism" proxy --port 0 --host 127.0.0.1 "$spec" "${upstream%/}"
echo "conformance: $spec_dir/{outcomes,activities,events}-openapi.yaml"
echo "conformance: Prism ($("$prism" --version)) on $proxy, in front of closeio-fake-server on $upstream"

export CLOSE_API_KEY=test-api-key CLOSE_API_BASE_URL="$proxy/"
unset CLOSE_ACCESS_TOKEN http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export no_proxy="127.0.0.1,localhost" NO_PROXY="127.0.0.1,localhost"

failures=0
# check NAME EXPECTED_EXIT COMMAND...: runs COMMAND (output in $work/NAME.out), checks its exit.
check() {
  local name=$1 expected=$2 status=0
  shift 2
  "$@" >"$work/$name.out" 2>&1 </dev/null || status=$?
  if ((status != expected)); then
    echo "conformance: FAIL: $name exited $status, expected $expected:" >&2
    sed 's/^/    /' "$work/$name.out" >&2
    failures=$((failures + 1))
  else
    echo "conformance: ok: $name"
  fi
}
# The id on the first line of a JSON-lines output.
first_id() { grep -o '"id":"outcome_[^"]*"' "$work/$1.out" | head -n 1 | cut -d'"' -f4; }

# --- the examples -------------------------------------------------------------------------------
check example.list_outcomes 0 "$examples/list_outcomes"
check example.create_outcome 0 "$examples/create_outcome" "Conformance Demo" "Booked a demo." --vm-dropped
check example.tour 0 "$examples/tour"
check example.error_handling 0 "$examples/error_handling"

# --- every operation with closeio-outcomes ------------------------------------------------------
check cli.list 0 "$cli" list --format json
check cli.list_fields 0 "$cli" list --fields id,name --format csv
check cli.create 0 "$cli" create --name "Conformance" --description "through Prism" --format json
id=$(first_id cli.create)
if [[ -z $id ]]; then
  echo "conformance: FAIL: no id in the create output" >&2
  failures=$((failures + 1))
  id=outcome_missing
fi
check example.update_outcome 0 "$examples/update_outcome" "$id" "Renamed" "Now described"
check cli.get 0 "$cli" get "$id" --format json
check cli.get_fields 0 "$cli" get "$id" --fields id,name --format json
check cli.update 0 "$cli" update "$id" --name "Conformance 2" --type vm-dropped --format json
check cli.update_clear 0 "$cli" update "$id" --clear-description --format json
check cli.delete 0 "$cli" delete "$id" --yes
check example.delete_outcome.not_found 1 "$examples/delete_outcome" "$id"
check cli.get_deleted 3 "$cli" get "$id"
check cli.export 0 "$cli" export --output "$work/export.json"
printf '[{"name": "Applied by conformance", "description": null, "type": "custom"}]\n' \
  >"$work/apply.json"
check cli.apply 0 "$cli" apply "$work/apply.json"
CLOSE_API_KEY=wrong-key check cli.unauthorized 4 "$cli" list --format json

# --- calls and meetings -------------------------------------------------------------------------
# Ids of the sample activities, read from the emulator directly (not through the proxy).
activity_id() {
  curl -fsS -u test-api-key: "${upstream%/}/activity/$1/?_limit=1&_fields=id" |
    grep -o '"id": *"acti_[^"]*"' | head -n 1 | cut -d'"' -f4
}
call_id=$(activity_id call)
meeting_id=$(activity_id meeting)
if [[ -z $call_id || -z $meeting_id ]]; then
  echo "conformance: FAIL: the emulator has no sample call or meeting" >&2
  failures=$((failures + 1))
fi
check example.call_outcome 0 "$examples/call_outcome" "$call_id" "Demo Booked" "$call_id" \
  "Demo Booked"
check cli.assign_call 0 "$cli" assign call "$call_id" "Qualified" --format json
check cli.unassign_call 0 "$cli" unassign call "$call_id" --format json
check cli.assign_meeting 0 "$cli" assign meeting "$meeting_id" "Demo Booked" --format json
check cli.assign_meeting_voicemail 5 "$cli" assign meeting "$meeting_id" "Voicemail Dropped"
check cli.unassign_meeting 0 "$cli" unassign meeting "$meeting_id" --format json
check cli.get_call_missing 3 "$cli" unassign call acti_doesnotexist
check cli.usage 0 "$cli" usage --format json
check cli.usage_window 0 "$cli" usage --since 2020-01-01 --until 2100-01-01 --format csv
check cli.usage_lead 0 "$cli" usage --lead lead_doesnotexist --user user_doesnotexist

# --- webhook subscriptions and the Event Log -----------------------------------------------------
# create (201), list, update, pause, resume, a walk of /event/ with a date bound and a cursor,
# fetch of an event and of a missing one (404), delete.
check example.event_log 0 "$examples/event_log" https://hooks.example.com/close
CLOSE_API_KEY=wrong-key check example.event_log.unauthorized 1 "$examples/event_log" \
  https://hooks.example.com/close

# --- a canary: the check must be able to fail -----------------------------------------------------
# A request without the Authorization header Close requires, sent by hand through the proxy
# (the SDK and the tool always send one): Prism must flag it, and the log analysis must see it.
canary='Request header must have required property .authorization.'
proxy_port=${proxy##*:}
exec 3<>"/dev/tcp/127.0.0.1/$proxy_port"
printf 'GET /outcome/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
cat <&3 >/dev/null
exec 3<&-

# --- the verdict --------------------------------------------------------------------------------
# Stopped first, so that every line Prism had to write is in its log.
stop_server "$proxy_PID" || true
stop_server "$upstream_PID" || true
requests=$(($(grep -c 'Request received' "$work/prism.log" || true) - 1))
if ((requests == 0)); then
  echo "conformance: FAIL: no request went through Prism" >&2
  failures=$((failures + 1))
fi
# Close's OpenAPI file marks every Outcome field required and does not model `_fields`, which
# asks Close for only some fields. So a "must have required property 'X'" in the response to a
# request whose _fields leaves X out is the spec's gap, not a violation; the lines are counted and
# reported. Everything else Prism flags (errors and warnings, requests and responses) fails.
# Prism logs a response's violations after the "Forwarding" line of its request.
awk -v exempt_out="$work/exempt" -f tests/conformance/prism-violations.awk \
  "$work/prism.log" >"$work/flagged"
grep -v -E "$canary" "$work/flagged" >"$work/violations" || true
if ! grep -q -E "$canary" "$work/flagged"; then
  echo "conformance: FAIL: Prism did not flag the canary request without Authorization;" \
    "the check cannot be trusted" >&2
  failures=$((failures + 1))
fi
exempt=$(cat "$work/exempt")
if [[ -s $work/violations ]]; then
  echo "conformance: FAIL: Prism reported $(wc -l <"$work/violations") violation(s) of Close's OpenAPI files:" >&2
  sed 's/^/    /' "$work/violations" | head -n 40 >&2
  failures=$((failures + 1))
fi
if ((failures > 0)); then
  echo "conformance: $failures failure(s); Prism's log: (kept below)" >&2
  tail -n 60 "$work/prism.log" >&2
  exit 1
fi
echo "conformance: $requests requests and their responses conform to Close's OpenAPI files" \
  "($exempt required-field notes on _fields answers set aside: the file does not model _fields)"
