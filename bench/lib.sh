# Shared by the bench/*/run scripts: building, starting certhub, free ports, cleanup, machine
# facts. Source it; it sets REPO, BUILD and CERTHUB.
# Environment: CERTHUB_BENCH_BUILD (build dir, default build-bench), CERTHUB_BENCH_NO_BUILD=1
# (use the binaries as they are), CERTHUB_BENCH_KEEP=1 (keep the temporary directories).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH_DIR")
BUILD=${CERTHUB_BENCH_BUILD:-$REPO/build-bench}
CERTHUB=$BUILD/certhub

# Processes this script started; killed by PID on exit, never by name.
BENCH_PIDS=()
BENCH_TMP=()
bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${BENCH_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  local dir
  for dir in "${BENCH_TMP[@]}"; do
    [[ -n "$dir" && -d "$dir" ]] && rm -rf "$dir"
  done
  return 0
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# bench_tempdir VAR: a new temporary directory in VAR, removed on exit (kept when
# CERTHUB_BENCH_KEEP=1, to read the logs and wrk outputs).
bench_tempdir() {
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/certhub-bench-XXXXXX")
  if [[ "${CERTHUB_BENCH_KEEP:-}" == 1 ]]; then
    echo "bench: keeping $dir" >&2
  else
    BENCH_TMP+=("$dir")
  fi
  printf -v "$1" '%s' "$dir"
}

# The Release build with the benchmarks: cmake -DCERTHUB_BENCH=ON in build-bench.
bench_build() {
  [[ "${CERTHUB_BENCH_NO_BUILD:-}" == 1 ]] && return 0
  "$BENCH_DIR/setup" >/dev/null
  local log="$BUILD/bench-build.log"
  mkdir -p "$BUILD"
  if ! { cmake -S "$REPO" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCERTHUB_BENCH=ON \
           -DCERTHUB_TESTS=OFF && ninja -C "$BUILD"; } >"$log" 2>&1; then
    tail -30 "$log" >&2
    echo "bench: build failed (full log: $log)" >&2
    exit 1
  fi
}

free_port() {  # a port nothing listens on at this moment, on 127.0.0.1
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# start_certhub LOG ARGS...: starts `certhub serve --port 0 --no-rate-limits ARGS...` (every
# benchmark client is 127.0.0.1; BENCH_RATE_LIMITS=on keeps the limits) with its log in LOG, waits
# for the first log line ("listening on http://..."), and sets CERTHUB_PID and CERTHUB_URL.
start_certhub() {
  local log=$1
  shift
  local limits=(--no-rate-limits)
  [[ "${BENCH_RATE_LIMITS:-off}" == on ]] && limits=()
  "$CERTHUB" serve --bind 127.0.0.1 --port 0 "${limits[@]}" "$@" >"$log" 2>&1 &
  CERTHUB_PID=$!
  BENCH_PIDS+=("$CERTHUB_PID")
  local i
  for ((i = 0; i < 300; i++)); do  # 30 s at most
    CERTHUB_URL=$(grep -o -m1 'listening on http://[^ ]*' "$log" 2>/dev/null | sed 's/listening on //' || true)
    [[ -n "$CERTHUB_URL" ]] && return 0
    if ! kill -0 "$CERTHUB_PID" 2>/dev/null; then
      cat "$log" >&2
      echo "bench: certhub exited before listening" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "bench: certhub did not start within 30 s" >&2
  exit 1
}

stop_pid() {  # stop_pid PID: SIGTERM, then wait for it
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# Date, machine and how busy it is, for the README's figures.
machine_info() {
  echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(free -m | awk '/Mem:/{print $2}') MiB RAM"
  echo "load:    $(uptime | sed 's/.*load average/load average/')"
  echo "busiest processes (top, over 1 s):"
  top -bn2 -d1 -w 200 | awk '/^top -/ { n++ } n == 2' | sed -n '8,13p' | awk '{ printf "  %5s%% cpu  %s\n", $9, $12 }'
}
