#!/usr/bin/env bash
# `make bench`: prints the console's figures beside the engine's own tools, on the private engine.
#   - launch to first full frame with 50 and 200 instances, beside `docker ps -a` launched the same way
#   - the console's CPU and the engine's (dockerd + containerd) over 60 s with 50 running instances,
#     beside idle and beside `docker stats` over the same 60 s
#   - bytes written to the terminal per minute while idle
#   - the console's CPU with ten live test bots talking MQTT beside the fifty
#   - peak RSS with 200 instances and full log buffers
#   - a log flood at 2,000 and 25,000 lines/s: lines per second the log pane follows, key latency during
#     the flood, peak RSS
#   - create to first heartbeat, one bot and ten at once, beside `docker run` by hand
#   - a fleet-wide stop of 50 live bots with open orders, beside stopping them one by one
#   - launch to first frame with 1,000 instances, and RSS
# The fifty are `sleep` in the test bot image (no MQTT). Everything is labelled hbdeck.bench=1 and removed
# at the end. BENCH_SECONDS and BENCH_RUNS shorten it.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
eval "$("$here/scripts/testenv.sh" env)"
SECONDS_PER_RUN=${BENCH_SECONDS:-60}
cd "$here"
make -s -C "$here" artifact >/dev/null
bin="$here/.build-install/release/hbdeck"
out=$(mktemp -d)
trap 'tmux kill-session -t hbbench 2>/dev/null || true; docker ps -aq --filter label=hbdeck.bench=1 | xargs -r docker rm -f >/dev/null; docker ps -aq --filter name=bench_dep_ | xargs -r docker rm -f >/dev/null; rm -rf "$out"' EXIT

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
engine_ticks() { # [socket] [exec root]: the first private engine's dockerd and containerd, or another's
  local t=0 p
  for p in $(pgrep -f "dockerd --host ${1:-$DOCKER_HOST}") $(pgrep -f "containerd --config ${2:-/run/hbdeck-test/exec}/"); do t=$((t + $(ticks "$p"))); done
  echo $t
}
hz=$(getconf CLK_TCK)
cpu_s() { awk -v t="$1" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }'; }

make_fleet() { # count running(0/1)
  local have; have=$(docker ps -aq --filter label=hbdeck.bench=1 | wc -l)
  for i in $(seq $((have + 1)) "$1"); do
    if [ "$2" = 1 ]; then
      docker run -d --name "bench_$i" --network none --label hbdeck.bench=1 hbdeck-test/hummingbot:latest \
        bash -c 'for i in $(seq 1 300); do echo "2026-01-01 00:00:00,000 - 1 - bench - INFO - line $i of a full log buffer"; done; exec sleep 1d' >/dev/null
    else
      docker create --name "bench_$i" --network none --label hbdeck.bench=1 hbdeck-test/hummingbot:latest sleep 1d >/dev/null
    fi
  done
}

# tmux sessions take the tmux server's environment, not ours: everything a launched program needs is
# passed on its command line, and a launch that shows no instances stops the bench.
launch() { tmux new-session -d -s "$1" -x 160 -y 50 "exec env DOCKER_HOST=$DOCKER_HOST $2"; }
fail() { echo "bench: $*" >&2; exit 1; }

# Opens the console ($2) and waits until it shows at least $1 instances; sets `pid` to its process.
console_showing() {
  local start; start=$(date +%s)
  launch hbbench "$2"
  until [ "$(shown_count)" -ge "$1" ] 2>/dev/null; do
    sleep 0.1
    if [ $(( $(date +%s) - start )) -gt 60 ]; then fail "the console shows $(shown_count) instances, not $1"; fi
  done
  pid=$(tmux display -p -t hbbench "#{pane_pid}")  # exec: the pane's process is the console itself
}

shown_count() { tmux capture-pane -p -t hbbench 2>/dev/null | sed -n 's/.*Instances \([0-9]*\) .*/\1/p' | head -1; }

ms_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", (b - a) * 1000 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
RUNS=${BENCH_RUNS:-5}

first_frame_once() { # count: the frame that lists at least this many instances (other bots may be there too)
  tmux kill-session -t hbbench 2>/dev/null || true
  local start n
  start=$(date +%s.%N)
  tmux new-session -d -s hbbench -x 160 -y 50 "env DOCKER_HOST=$DOCKER_HOST $bin --no-mqtt; sleep 5"
  while n=$(shown_count); [ "${n:-0}" -lt "$1" ]; do
    sleep 0.005
    if [ "$(ms_since "$start")" -gt 60000 ]; then
      tmux capture-pane -p -t hbbench >&2 || true
      fail "the console did not show $1 instances within 60 s (screen above)"
    fi
  done
  ms_since "$start"; echo
  tmux kill-session -t hbbench
}

ps_in_tmux_once() { # docker ps -a launched like the console: a new tmux window, until its table shows
  local start
  tmux kill-session -t hbps 2>/dev/null || true
  start=$(date +%s.%N)
  tmux new-session -d -s hbps -x 160 -y "$(( $(docker ps -aq | wc -l) + 5 ))" "env DOCKER_HOST=$DOCKER_HOST docker ps -a; sleep 5"
  until tmux capture-pane -p -t hbps 2>/dev/null | grep -q "CONTAINER ID"; do
    sleep 0.005
    if [ "$(ms_since "$start")" -gt 60000 ]; then fail "docker ps -a showed nothing within 60 s"; fi
  done
  ms_since "$start"; echo
  tmux kill-session -t hbps
}

ps_once() { local start; start=$(date +%s.%N); docker ps -a >/dev/null; ms_since "$start"; echo; }

first_frames() { # medians of RUNS launches each
  local console ps direct
  console=$(for _ in $(seq "$RUNS"); do first_frame_once "$1"; done | median)
  ps=$(for _ in $(seq "$RUNS"); do ps_in_tmux_once; done | median)
  direct=$(for _ in $(seq "$RUNS"); do ps_once; done | median)
  echo "hbdeck ${console} ms · docker ps -a launched the same way ${ps} ms (alone ${direct} ms)"
}

echo "hbdeck bench on $DOCKER_HOST ($(nproc) cores), release build"
if pgrep -x hbdeck >/dev/null; then echo "warning: other hbdeck processes are running; they load the engine too"; fi
make_fleet 50 1
sleep 10  # let the engine settle after starting 50 containers
echo "launch to first frame, 50 instances (median of $RUNS):  $(first_frames 50)"

# Idle engine, then the console, then docker stats, each over the same length of time.
e0=$(engine_ticks); sleep "$SECONDS_PER_RUN"; e1=$(engine_ticks)
echo "engine CPU over ${SECONDS_PER_RUN} s, idle:                  $(cpu_s $((e1 - e0))) CPU-s"

console_showing 50 "$bin --no-mqtt"
sleep 5
tmux pipe-pane -t hbbench -o "cat > $out/tty"
c0=$(ticks "$pid"); e0=$(engine_ticks)
sleep "$SECONDS_PER_RUN"
c1=$(ticks "$pid"); e1=$(engine_ticks)
bytes=$(stat -c %s "$out/tty")
echo "hbdeck with 50 running, over ${SECONDS_PER_RUN} s:   hbdeck $(cpu_s $((c1 - c0))) CPU-s · engine $(cpu_s $((e1 - e0))) CPU-s · terminal $(awk -v b="$bytes" -v s="$SECONDS_PER_RUN" 'BEGIN { printf "%.0f B/s", b / s }')"
echo "hbdeck RSS with 50 running:          $(awk '/VmRSS/ {printf "%.1f MB", $2/1024}' "/proc/$pid/status")"
tmux kill-session -t hbbench

e0=$(engine_ticks)
timeout "$SECONDS_PER_RUN" docker stats > "$out/stats" 2>&1 || true
e1=$(engine_ticks)
echo "docker stats over ${SECONDS_PER_RUN} s:              engine $(cpu_s $((e1 - e0))) CPU-s · terminal $(awk -v b="$(stat -c %s "$out/stats")" -v s="$SECONDS_PER_RUN" 'BEGIN { printf "%.0f B/s", b / s }')"

# Ten live test bots beside the fifty: each reports performance every second, order events and log lines
# over MQTT through a broker of the bench's own, as Hummingbot does.
live_bots() {
  local port=$1 bots="$out/bots" inst
  mkdir -p "$bots/broker"
  printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$port" > "$bots/broker/mosquitto.conf"
  docker run -d --name bench_broker --network host --label hbdeck.bench=1 \
    -v "$bots/broker:/mosquitto/config:ro" hbdeck-test/mosquitto:2 >/dev/null
  for i in $(seq 1 10); do
    inst="$bots/instances/bench_live_$i"
    mkdir -p "$inst/conf/scripts" "$inst/data" "$inst/logs"
    printf 'instance_id: bench_live_%s\nmqtt_bridge:\n  mqtt_host: localhost\n  mqtt_port: %s\n  mqtt_namespace: hbot\n  mqtt_autostart: true\n' \
      "$i" "$port" > "$inst/conf/conf_client.yml"
    echo "script_file_name: v2_with_controllers.py" > "$inst/conf/scripts/bench.yml"
    docker run -d --name "bench_live_$i" --network host --label hbdeck.bench=1 \
      -e CONFIG_PASSWORD=bench -e SCRIPT_CONFIG=bench.yml -e HEADLESS_MODE=true \
      -v "$inst/conf:/home/hummingbot/conf" -v "$inst/data:/home/hummingbot/data" -v "$inst/logs:/home/hummingbot/logs" \
      hbdeck-test/hummingbot:latest >/dev/null
  done
}
port=$((20000 + RANDOM % 20000))
live_bots "$port"
sleep 10
console_showing 60 "$bin --mqtt-port $port"
sleep 5
c0=$(ticks "$pid"); sleep "$SECONDS_PER_RUN"; c1=$(ticks "$pid")
online=$(tmux capture-pane -p -t hbbench | grep -o '[0-9]*/[0-9]* bots online' | head -1)
echo "hbdeck with 50 running + 10 live bots over MQTT ($online), over ${SECONDS_PER_RUN} s: hbdeck $(cpu_s $((c1 - c0))) CPU-s"
tmux kill-session -t hbbench
docker rm -f bench_broker $(seq -f "bench_live_%g" 1 10) >/dev/null

# Three engines in one console, 50 instances each: the first engine's socket, engine B over TLS behind a relay
# that adds 100 ms to every round trip, engine C over ssh. The first frame's local rows must not wait for B.
hosts_bench() {
  local cfg="$out/hosts" tls=/var/lib/hbdeck-test/tls/client b=unix:///run/hbdeck-test/b/docker.sock c=unix:///run/hbdeck-test/c/docker.sock
  local ssh_cfg=/var/lib/hbdeck-test/ssh/config relay_port=$((40000 + RANDOM % 10000)) relay_pid
  mkdir -p "$cfg"
  for socket in "$b" "$c"; do
    for i in $(seq 1 50); do
      DOCKER_HOST=$socket docker run -d --name "bench_host_$i" --network none --label hbdeck.bench=1 hbdeck-test/hummingbot:latest sleep 1d >/dev/null
    done
  done
  python3 "$here/scripts/latency_proxy.py" "$relay_port" 127.0.0.1 23760 0.05 & relay_pid=$!
  DOCKER_CONFIG=$cfg docker context create bencha --docker "host=$DOCKER_HOST" >/dev/null 2>&1
  DOCKER_CONFIG=$cfg docker context create benchb --docker "host=tcp://127.0.0.1:$relay_port,ca=$tls/ca.pem,cert=$tls/cert.pem,key=$tls/key.pem" >/dev/null 2>&1
  DOCKER_CONFIG=$cfg docker context create benchc --docker host=ssh://hbdeck-c >/dev/null 2>&1
  local run="env DOCKER_CONFIG=$cfg HBDECK_SSH_OPTS='-F $ssh_cfg' $bin --no-mqtt --context bencha,benchb,benchc"
  local local_ms all_ms runs=() start n_a n_all
  for _ in $(seq "$RUNS"); do
    tmux kill-session -t hbbench 2>/dev/null || true
    start=$(date +%s.%N); local_ms=""; all_ms=""
    tmux new-session -d -s hbbench -x 160 -y 200 "$run; sleep 5"
    while [ -z "$all_ms" ]; do
      sleep 0.005
      screen=$(tmux capture-pane -p -t hbbench 2>/dev/null || true)
      n_a=$(grep -c " bencha  *● " <<<"$screen" || true)
      n_all=$(sed -n 's/.*Instances \([0-9]*\) .*/\1/p' <<<"$screen" | head -1)
      if [ -z "$local_ms" ] && [ "${n_a:-0}" -ge 50 ]; then local_ms=$(ms_since "$start"); fi
      if [ "${n_all:-0}" -ge 150 ] && [ -n "$local_ms" ]; then all_ms=$(ms_since "$start"); fi
      [ "$(ms_since "$start")" -lt 60000 ] || { tmux capture-pane -p -t hbbench >&2; fail "three hosts: not all shown within 60 s"; }
    done
    runs+=("$local_ms $all_ms")
    tmux kill-session -t hbbench
  done
  echo "three engines × 50 (B +100 ms, C over ssh), first frame (median of $RUNS): this machine's 50 rows $(printf '%s\n' "${runs[@]}" | cut -d' ' -f1 | median) ms · all 150 $(printf '%s\n' "${runs[@]}" | cut -d' ' -f2 | median) ms"
  local ps_a ps_b ps_c t
  t=$(date +%s.%N); docker ps -a >/dev/null; ps_a=$(ms_since "$t")
  t=$(date +%s.%N); DOCKER_CONFIG=$cfg docker --context benchb ps -a >/dev/null; ps_b=$(ms_since "$t")
  t=$(date +%s.%N); ssh -F "$ssh_cfg" hbdeck-c docker ps -a >/dev/null; ps_c=$(ms_since "$t")
  echo "docker ps -a beside it: this machine ${ps_a} ms · B through the relay ${ps_b} ms · C (ssh, the remote docker CLI) ${ps_c} ms"
  console_showing 150 "$run"
  sleep 5
  local c0 c1 a0 a1 b0 b1 k0 k1
  c0=$(ticks "$pid"); a0=$(engine_ticks); b0=$(engine_ticks "$b" /run/hbdeck-test/b/exec); k0=$(engine_ticks "$c" /run/hbdeck-test/c/exec)
  sleep "$SECONDS_PER_RUN"
  c1=$(ticks "$pid"); a1=$(engine_ticks); b1=$(engine_ticks "$b" /run/hbdeck-test/b/exec); k1=$(engine_ticks "$c" /run/hbdeck-test/c/exec)
  echo "three engines × 50 over ${SECONDS_PER_RUN} s: hbdeck $(cpu_s $((c1 - c0))) CPU-s · engines: this machine's $(cpu_s $((a1 - a0))), B $(cpu_s $((b1 - b0))), C $(cpu_s $((k1 - k0))) CPU-s · RSS $(awk '/VmRSS/ {printf "%.1f MB", $2/1024}' "/proc/$pid/status")"
  tmux kill-session -t hbbench
  kill "$relay_pid" 2>/dev/null || true
  for socket in "$b" "$c"; do DOCKER_HOST=$socket docker ps -aq --filter label=hbdeck.bench=1 | DOCKER_HOST=$socket xargs -r docker rm -f >/dev/null; done
}
hosts_bench

make_fleet 200 0
echo "launch to first frame, 200 instances (median of $RUNS): $(first_frames 200)"
console_showing 200 "$bin --no-mqtt --log-lines 5000"
# Walk the running instances so the log pane fills, then read the peak.
for _ in $(seq 1 20); do tmux send-keys -t hbbench j; sleep 0.2; done
sleep 2
echo "hbdeck peak RSS with 200 instances:  $(awk '/VmHWM/ {printf "%.1f MB", $2/1024}' "/proc/$pid/status")"
tmux kill-session -t hbbench

# A log flood: a container writing numbered lines at a fixed rate, in the client's stdout format. The
# console follows it in the log pane; the figure is how fast the newest line shown advances.
flood() { # rate
  docker rm -f bench_flood >/dev/null 2>&1 || true
  docker run -d --name bench_flood --network none --label hbdeck.bench=1 hbdeck-test/hummingbot:latest python3 -c '
import sys, time
rate = int(sys.argv[1]); n = 0; start = time.time(); out = sys.stdout
while True:
    due = int((time.time() - start) * rate)
    chunk = []
    while n < due:
        n += 1
        chunk.append(time.strftime("%H:%M:%S") + " - flood - line %d\n" % n)
    out.write("".join(chunk)); out.flush()
    time.sleep(0.002)
' "$1" >/dev/null
  launch hbbench "$bin --no-mqtt --log-lines 5000"
  sleep 3
  tmux send-keys -t hbbench / && tmux send-keys -t hbbench -l bench_flood && tmux send-keys -t hbbench Enter
  sleep 3
  local pid s0 s1 t0 t1 keys=() start
  pid=$(tmux display -p -t hbbench "#{pane_pid}")
  newest() { tmux capture-pane -p -t hbbench | grep -o 'line [0-9]*' | awk '{print $2}' | sort -n | tail -1; }
  s0=$(newest); t0=$(date +%s.%N)
  sleep 10
  s1=$(newest); t1=$(date +%s.%N)
  # Key latency: the help overlay opened and closed, five times, timed until it is on (and off) the screen.
  for _ in 1 2 3 4 5; do
    start=$(date +%s.%N); tmux send-keys -t hbbench "?"
    until tmux capture-pane -p -t hbbench | grep -q "─ Help"; do sleep 0.002; done
    keys+=("$(ms_since "$start")")
    tmux send-keys -t hbbench Escape; sleep 0.3
  done
  local title; title=$(tmux capture-pane -p -t hbbench | grep -o 'Logs · bench_flood · [^─]*' | head -1)
  echo "log flood at $1 lines/s: pane followed $(awk -v a="${s0:-0}" -v b="${s1:-0}" -v t0="$t0" -v t1="$t1" 'BEGIN { printf "%.0f", (b - a) / (t1 - t0) }') lines/s · key latency median $(printf '%s\n' "${keys[@]}" | median) ms · peak RSS $(awk '/VmHWM/ {printf "%.1f MB", $2/1024}' "/proc/$pid/status") · title: ${title% }"
  tmux kill-session -t hbbench
  docker rm -f bench_flood >/dev/null
}
flood 2000
flood 25000

# Create to first heartbeat: `hbdeck create --start` (every check, the password checked in a throwaway
# container, the folder prepared) for one bot and for ten at once, beside the same containers started by
# hand with `docker run` on folders prepared beforehand. The test bot connects 4 s after it starts in both.
deploy_bench() {
  local port=$((20000 + RANDOM % 20000)) bots="$out/deploy" cfg="$out/deploy.yml" start i
  mkdir -p "$bots/broker" "$bots/conf/scripts"
  printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$port" > "$bots/broker/mosquitto.conf"
  docker run -d --name bench_deploy_broker --network host --label hbdeck.bench=1 \
    -v "$bots/broker:/mosquitto/config:ro" hbdeck-test/mosquitto:2 >/dev/null
  echo "script_file_name: v2_with_controllers.py" > "$bots/conf/scripts/bench.yml"
  printf 'bots_folder: %s\nmqtt_port: %s\n' "$bots" "$port" > "$cfg"
  echo bench | "$bin" profile create master_account --image hbdeck-test/hummingbot:latest --config "$cfg" >/dev/null
  heartbeats() { # names…: listens for the first heartbeat of each; `subs` holds the listeners
    local name
    subs=()
    for name in "$@"; do mosquitto_sub -p "$port" -t "hbot/$name/hb" -C 1 -W 120 >/dev/null & subs+=($!); done
  }
  # Host networking as the bots made by hand: isolated bots need a broker container on the engine.
  by_hbdeck() { echo bench | "$bin" create "$1" --image hbdeck-test/hummingbot:latest --script-config bench.yml --network host --start --config "$cfg" >/dev/null 2>&1; }
  by_hand() {
    cp -r "$bots/instances/bench_dep_1" "$bots/instances/$1"
    sed -i "s/^instance_id: .*/instance_id: $1/" "$bots/instances/$1/conf/conf_client.yml"
    docker run -d --name "$1" --network host --label hbdeck.bench=1 -e CONFIG_PASSWORD=bench -e SCRIPT_CONFIG=bench.yml -e HEADLESS_MODE=true \
      -v "$bots/instances/$1/conf:/home/hummingbot/conf" -v "$bots/instances/$1/data:/home/hummingbot/data" \
      -v "$bots/instances/$1/logs:/home/hummingbot/logs" hbdeck-test/hummingbot:latest >/dev/null
  }
  local subs=() one ten hand_one hand_ten
  heartbeats bench_dep_1; start=$(date +%s.%N); by_hbdeck bench_dep_1
  wait "${subs[@]}"; one=$(ms_since "$start")
  heartbeats $(seq -f "bench_dep_%g" 2 11); start=$(date +%s.%N)
  for i in $(seq 2 11); do by_hbdeck "bench_dep_$i" & done
  wait "${subs[@]}"; ten=$(ms_since "$start")
  heartbeats bench_hand_1; start=$(date +%s.%N); by_hand bench_hand_1
  wait "${subs[@]}"; hand_one=$(ms_since "$start")
  heartbeats $(seq -f "bench_hand_%g" 2 11); start=$(date +%s.%N)
  for i in $(seq 2 11); do by_hand "bench_hand_$i" & done
  wait "${subs[@]}"; hand_ten=$(ms_since "$start")
  echo "create to first heartbeat: one bot hbdeck ${one} ms · docker run by hand ${hand_one} ms; ten at once hbdeck ${ten} ms · by hand ${hand_ten} ms"
  docker ps -aq --filter name=bench_dep_ --filter name=bench_hand_ | xargs -r docker rm -f >/dev/null
  docker rm -f bench_deploy_broker >/dev/null
}
deploy_bench

history_bench() { # 24 h of samples for 50 bots, every 10 s, in hbdeck's history store
  local root=/var/lib/hbdeck-test/bench-history db start size export_ms chart_ms
  rm -rf "$root"; mkdir -p "$root/.hbdeck"; db="$root/.hbdeck/history.sqlite"
  # The store's own schema (made by hbdeck), then 432 000 rows made by SQLite itself.
  "$bin" export --bots-folder "$root" >/dev/null 2>&1 || true
  sqlite3 "$db" "CREATE TABLE IF NOT EXISTS samples (time REAL NOT NULL, bot TEXT NOT NULL, pnl REAL, volume REAL, trades INTEGER, open_orders INTEGER, cpu_percent REAL, memory_bytes INTEGER);
    CREATE INDEX IF NOT EXISTS samples_by_bot ON samples (bot, time);
    CREATE TABLE IF NOT EXISTS runs (bot TEXT NOT NULL, started_at REAL NOT NULL, stopped_at REAL, image TEXT NOT NULL, config TEXT, pnl REAL, volume REAL, trades INTEGER, PRIMARY KEY (bot, started_at));
    PRAGMA journal_mode=WAL;
    WITH RECURSIVE t(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM t WHERE i < 8639), b(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM b WHERE n < 50)
    INSERT INTO samples SELECT strftime('%s','now') - 86400 + i * 10, printf('bot_%02d', n), (i % 97) * 0.37 - 5, i * 12.5, i / 7, i % 5, (i % 13) * 0.2, 200000000 + i * 100 FROM t, b;
    WITH RECURSIVE b(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM b WHERE n < 50)
    INSERT INTO runs SELECT printf('bot_%02d', n), strftime('%s','now') - 86400, NULL, 'hummingbot/hummingbot:latest', 'pmm.yml', 1, 2, 3 FROM b;" >/dev/null
  size=$(du -m "$db" | cut -f1)
  start=$(date +%s.%N); "$bin" export --what samples --from 24h --bots-folder "$root" >/dev/null; export_ms=$(ms_since "$start")
  # The details chart's first draw of 24 h: the store read, 60 buckets and the four charts drawn, in-process.
  chart_ms=$("$bin" chart bot_07 --range 24h --timing --bots-folder "$root" 2>&1 >/dev/null)
  echo "history, 24 h × 50 bots (432 000 samples): database ${size} MB · fleet export (CSV) ${export_ms} ms · one bot's 24 h chart: ${chart_ms}"
  rm -rf "$root"
}
history_bench

# A fleet-wide stop: 50 live test bots with open orders (they keep them until cancelled), all running one
# config, stopped with `stop --strategy` (the bench's other containers run other things), beside the same 50
# stopped one by one with `stop NAME`. Each bot answers the MQTT stop and winds down in about a second.
fleet_stop_bench() {
  local port=$((20000 + RANDOM % 20000)) bots="$out/fleetstop" cfg="$out/fleetstop.yml" i inst all_ms one_ms slowest
  mkdir -p "$bots/broker"
  printf 'listener %s 127.0.0.1\nallow_anonymous true\nmax_connections -1\n' "$port" > "$bots/broker/mosquitto.conf"
  # One left by a run that was cut short would keep the name, and the bots would wait for a broker forever.
  docker ps -aq --filter name=bench_fs | xargs -r docker rm -f >/dev/null
  docker run -d --name bench_fs_broker --network host --label hbdeck.bench=1 \
    -v "$bots/broker:/mosquitto/config:ro" hbdeck-test/mosquitto:2 >/dev/null || fail "fleet stop: the broker did not start"
  printf 'bots_folder: %s\nmqtt_port: %s\n' "$bots" "$port" > "$cfg"
  fifty() { # prefix: starts 50 bots and waits until each has an order open
    for i in $(seq 1 50); do
      inst="$bots/instances/$1_$i"
      mkdir -p "$inst/conf/scripts" "$inst/data" "$inst/logs"
      printf 'instance_id: %s_%s\nmqtt_bridge:\n  mqtt_host: localhost\n  mqtt_port: %s\n  mqtt_namespace: hbot\n  mqtt_autostart: true\n' \
        "$1" "$i" "$port" > "$inst/conf/conf_client.yml"
      echo "script_file_name: v2_with_controllers.py" > "$inst/conf/scripts/fsbench.yml"
      docker run -d --name "$1_$i" --network host --label hbdeck.bench=1 -e CONFIG_PASSWORD=bench \
        -e SCRIPT_CONFIG=fsbench.yml -e HEADLESS_MODE=true -e HBDECK_BOT_ORDERS_STAY_OPEN=1 \
        -v "$inst/conf:/home/hummingbot/conf" -v "$inst/data:/home/hummingbot/data" -v "$inst/logs:/home/hummingbot/logs" \
        hbdeck-test/hummingbot:latest >/dev/null
    done
    local start; start=$(date +%s)
    until [ "$(grep -l "Created LIMIT" "$bots"/instances/"$1"_*/logs/logs_fsbench.log 2>/dev/null | wc -l)" -ge 50 ]; do
      sleep 1
      if [ $(( $(date +%s) - start )) -gt 300 ]; then fail "fleet stop: the 50 bots did not all trade within 300 s"; fi
    done
  }
  fifty bench_fsa
  start=$(date +%s.%N)
  "$bin" stop --strategy fsbench.yml --yes --config "$cfg" > "$out/fleetstop.txt" 2>/dev/null || fail "stop --strategy failed: $(cat "$out/fleetstop.txt")"
  all_ms=$(ms_since "$start")
  slowest=$(sed -n 's/.* · \([0-9.]*\) s$/\1/p' "$out/fleetstop.txt" | sort -n | tail -1)
  [ "$(grep "accepted" "$out/fleetstop.txt" | grep -c "wound down")" -eq 50 ] || fail "not every bot wound down: $(cat "$out/fleetstop.txt")"
  docker ps -aq --filter name=bench_fsa_ | xargs -r docker rm -f >/dev/null
  fifty bench_fsb
  start=$(date +%s.%N)
  for i in $(seq 1 50); do "$bin" stop --config "$cfg" "bench_fsb_$i" >/dev/null 2>&1; done
  one_ms=$(ms_since "$start")
  echo "fleet-wide stop of 50 live bots with open orders: stop --strategy ${all_ms} ms (slowest bot ${slowest} s, 8 at a time) · one by one ${one_ms} ms"
  docker ps -aq --filter name=bench_fs | xargs -r docker rm -f >/dev/null
}
fleet_stop_bench

make_fleet 1000 0
echo "launch to first frame, 1000 instances (median of $RUNS): $(first_frames 1000)"
console_showing 1000 "$bin --no-mqtt"
echo "hbdeck RSS with 1000 instances:      $(awk '/VmHWM/ {printf "%.1f MB peak", $2/1024}' "/proc/$pid/status")"
