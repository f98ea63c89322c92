#!/usr/bin/env bash
# Native process management: every process the network starts gets a PID file and a log under
# $NETWORK_STATE_DIR, and `down` stops exactly those PIDs, never anything else on the machine.

PID_DIR="$NETWORK_STATE_DIR/pids"
LOG_DIR="$NETWORK_STATE_DIR/logs"

# start_process NAME COMMAND...: runs COMMAND in the background with its output in LOG_DIR/NAME.log.
start_process() {
  local name=$1; shift
  mkdir -p "$PID_DIR" "$LOG_DIR"
  if is_running "$name"; then
    log "$name already running (pid $(cat "$PID_DIR/$name.pid"))"
    return
  fi
  nohup "$@" >"$LOG_DIR/$name.log" 2>&1 &
  echo $! >"$PID_DIR/$name.pid"
  log "started $name (pid $!, log ${LOG_DIR#"$MEDLEDGER_ROOT"/}/$name.log)"
}

is_running() {
  local pid_file="$PID_DIR/$1.pid"
  [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

# Stops every process with a PID file: TERM first, KILL after a grace period.
stop_all_processes() {
  local pid_file name pid
  [[ -d "$PID_DIR" ]] || return 0
  for pid_file in "$PID_DIR"/*.pid; do
    [[ -e "$pid_file" ]] || continue
    name=$(basename "$pid_file" .pid)
    pid=$(cat "$pid_file")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait_for_exit "$pid" || kill -9 "$pid" 2>/dev/null || true
      log "stopped $name (pid $pid)"
    fi
    rm -f "$pid_file"
  done
}

wait_for_exit() {
  local pid=$1 i
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  return 1
}

# wait_for_port NAME PORT: waits until something listens on 127.0.0.1:PORT, or the process died.
wait_for_port() {
  local name=$1 port=$2 i
  for ((i = 0; i < 150; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    is_running "$name" || die "$name exited during start-up; see ${LOG_DIR}/$name.log"
    sleep 0.2
  done
  die "$name did not listen on port $port within 30s; see ${LOG_DIR}/$name.log"
}

print_status() {
  local pid_file name
  if [[ ! -d "$PID_DIR" ]] || ! compgen -G "$PID_DIR/*.pid" >/dev/null; then
    echo "network: not running (no PID files under ${PID_DIR#"$MEDLEDGER_ROOT"/})"
    return
  fi
  for pid_file in "$PID_DIR"/*.pid; do
    name=$(basename "$pid_file" .pid)
    if is_running "$name"; then
      printf '%-20s running  pid %s\n' "$name" "$(cat "$pid_file")"
    else
      printf '%-20s stopped  (stale PID file)\n' "$name"
    fi
  done
}

stop_process() {
  local name=$1 pid_file="$PID_DIR/$1.pid" pid
  [[ -f $pid_file ]] || return 0
  pid=$(cat "$pid_file")
  kill "$pid" 2>/dev/null || true
  wait_for_exit "$pid" || kill -9 "$pid" 2>/dev/null || true
  rm -f "$pid_file"
}
