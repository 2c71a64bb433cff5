# Sourced by scripts and tests that run the local Close emulator (closeio-fake-server) or the
# Prism proxy as background processes. Bash only.
#
#   start_logged_server VAR LOG PATTERN TIMEOUT_S COMMAND...
#       Starts COMMAND in the background with stdout and stderr appended to LOG, then waits
#       (polling LOG, up to TIMEOUT_S seconds) for a line matching the extended regex PATTERN,
#       whose first group is the URL it serves. Sets VAR to that URL and VAR_PID to the pid.
#       Fails (returns 1, prints the log) when the process exits or the time runs out first.
#   stop_server PID     SIGTERM, then waits for it; returns its exit status (0 for a clean stop).
#   stop_all_servers    stops every server started here (for an EXIT trap).

_servers_started=()

start_logged_server() {
  local var=$1 log=$2 pattern=$3 timeout_s=$4
  shift 4
  : >>"$log"  # exists before the first read below
  "$@" >>"$log" 2>&1 &
  local pid=$!
  _servers_started+=("$pid")
  printf -v "${var}_PID" '%s' "$pid"
  local deadline=$((SECONDS + timeout_s)) line
  while ((SECONDS < deadline)); do
    while IFS= read -r line; do
      if [[ $line =~ $pattern ]]; then
        printf -v "$var" '%s' "${BASH_REMATCH[1]}"
        return 0
      fi
    done <"$log"
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "error: $1 exited before it served; its output:" >&2
      cat "$log" >&2
      return 1
    fi
    # Readiness polling of a log file, not synchronisation: the line decides, not the delay.
    sleep 0.2
  done
  echo "error: $1 did not report serving within ${timeout_s}s; its output:" >&2
  cat "$log" >&2
  return 1
}

stop_server() {
  local pid=$1 status=0
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || status=$?
  local kept=()
  local p
  for p in "${_servers_started[@]}"; do
    [[ $p == "$pid" ]] || kept+=("$p")
  done
  _servers_started=("${kept[@]}")
  return "$status"
}

stop_all_servers() {
  local pid
  for pid in "${_servers_started[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  _servers_started=()
}
