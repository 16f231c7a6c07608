#!/usr/bin/env bash
# The last step of `make test`: the binary `make install` puts in place answers one real call of every
# command against the private engine (a broker it makes, two bots it deploys, their files), as an
# operator's first session would. A command that crashes or fails is named with what it printed.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
eval "$("$here/scripts/testenv.sh" env)"
image=hbdeck-test/hummingbot:latest
prefix=$(mktemp -d /tmp/hbdeck-install.XXXXXX)
root=$(mktemp -d /tmp/hbdeck-install-check.XXXXXX)
bots=$root/bots
cfg=$root/hbdeck.yml
name=hbt-install-$RANDOM
hbot_name=hbt-install-hbot-$RANDOM
broker=hbt-install-broker-$RANDOM
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password=install-check-pass
cleanup() {
  docker rm -f "$name" "$hbot_name" "$broker" >/dev/null 2>&1
  tmux kill-session -t "${broker}" >/dev/null 2>&1
  rm -rf "$root" "$prefix"
}
trap cleanup EXIT

make -s -C "$here" install PREFIX="$prefix" >/dev/null || { echo "install-check: make install failed" >&2; exit 1; }
hb=$prefix/bin/hbdeck
# A home of its own: no operator config or Docker context of this machine is read.
export HOME=$root XDG_STATE_HOME=$root/state
mkdir -p "$bots" "$root/state"
cat > "$cfg" <<YML
bots_folder: $bots
broker_container: $broker
broker_image: hbdeck-test/mosquitto:2
broker_network: host
mqtt_port: $port
YML

ran=0 failed=0
out=""
input=""
# run WANT ARGS...: runs the installed hbdeck; WANT is the exit status or statuses (a|b) allowed.
run() {
  local want=$1 status
  shift
  ran=$((ran + 1))
  out=$(printf '%s' "$input" | "$hb" "$@" 2>&1)
  status=$?
  if [[ "|$want|" != *"|$status|"* ]]; then
    failed=$((failed + 1))
    printf 'install-check: FAILED hbdeck %s: exit %s (wanted %s)\n%s\n' "$*" "$status" "$want" "$(printf '%s' "$out" | tail -n 15)" >&2
  fi
  input=""
}
# feed TEXT WANT ARGS...: as run, with TEXT on standard input (a password).
feed() { input=$1; shift; run "$@"; }
# until_ok SECONDS ARGS...: asks again until hbdeck answers 0 (a bot coming online), then counts it once.
until_ok() {
  local deadline=$((SECONDS + $1))
  shift
  while [ $SECONDS -lt $deadline ]; do
    "$hb" "$@" >/dev/null 2>&1 && break
    sleep 1
  done
  run 0 "$@"
}
with_config=(--bots-folder "$bots" --config "$cfg")

run 0 --version
feed "$password"$'\n' 0 profile create master_account --image "$image" "${with_config[@]}"
feed "$password"$'\nbinance_api_key=AK\nbinance_api_secret=S\n' 0 profile keys master_account binance --image "$image" "${with_config[@]}"
run 0 profile ls "${with_config[@]}"
run 0 broker create --config "$cfg"
run 0 broker status --config "$cfg"
run 0 broker logs --tail 5 --config "$cfg"
run 0 broker restart --config "$cfg"

printf 'script_file_name: v2_with_controllers.py\nnote: first\n' > "$root/mm.yml"
run 0 upload "$root/mm.yml" "${with_config[@]}"
run 0 set conf/scripts/mm.yml note=second "${with_config[@]}"
run 0 versions conf/scripts/mm.yml "${with_config[@]}"
first=$(printf '%s\n' "$out" | awk 'NF && $1 ~ /^[0-9a-f]+$/ { id = $1 } END { print id }')
run 0 diff conf/scripts/mm.yml "$first" "${with_config[@]}"
run 0 rollback conf/scripts/mm.yml "$first" "${with_config[@]}"
EDITOR=true VISUAL=true run 0 edit conf/scripts/mm.yml "${with_config[@]}"
run 0 new-config pmm_simple --image "$image" --name ctl.yml "${with_config[@]}"
run 0 set conf/controllers/ctl.yml connector_name=binance_paper_trade trading_pair=TEST-USDT "${with_config[@]}"

# The broker runs on host networking here (broker_network: host), so the bots do too.
feed "$password"$'\n' 0 create "$name" --image "$image" --script-config mm.yml --start --network host "${with_config[@]}"
feed "$password"$'\n' 0 create "$hbot_name" --image "$image" --engine hbot --controller-config ctl.yml --start --network host "${with_config[@]}"
until_ok 90 bot history "$name" --mqtt-port "$port"
# status and start answer 400 as the client release the test bot follows does (an upstream bug): said, not crashed.
run "0|1" bot status "$name" --mqtt-port "$port"
run 0 ls
run 0 ls --json
run 0 inspect "$name"
run 0 logs --tail 3 "$name"
run 0 stats --no-stream
run "0|1" bot config "$name" note=third --mqtt-port "$port"
run "0|1" bot import "$name" mm.yml --mqtt-port "$port"
run "0|1" bot balance "$name" --asset USDT --amount 1000 --mqtt-port "$port"
run 0 bot stop "$name" --mqtt-port "$port"
run "0|1" bot start "$name" --mqtt-port "$port"
ran=$((ran + 1))
heard=$(timeout 60 "$hb" watch --json --mqtt-port "$port" "$name" 2>&1 | head -n 1)
[ -n "$heard" ] || { failed=$((failed + 1)); echo "install-check: FAILED hbdeck watch: printed nothing" >&2; }
"$hb" events --json >"$root/events.out" 2>&1 & events=$!
until_ok 60 config "$hbot_name" "${with_config[@]}"
run 0 doctor "$hbot_name"
run 0 template save small --from "$name" "${with_config[@]}"
run 0 template ls "${with_config[@]}"
run 0 update "$name" --memory 600m
run 0 reload "$name" --mqtt-port "$port" "${with_config[@]}"
run 0 restart "$name"
run 0 restart --older-than 1s "$name" --mqtt-port "$port"
run 0 stop "$name" --mqtt-port "$port"
run 0 start "$name"
run 0 clean-logs --dry-run "$name" "${with_config[@]}"
"$hb" record --config "$cfg" --mqtt-port "$port" --interval 1 >"$root/record.out" 2>&1 & recorder=$!
until_ok 60 chart "$name" "${with_config[@]}"
# ended as systemd ends them: the recorder says so and exits 0, events ends on the signal.
ran=$((ran + 2))
kill -TERM "$recorder" 2>/dev/null; wait "$recorder"; status=$?
[ $status -eq 0 ] && grep -q "recording ended" "$root/record.out" || { failed=$((failed + 1)); printf 'install-check: FAILED hbdeck record: exit %s\n%s\n' "$status" "$(tail -n 5 "$root/record.out")" >&2; }
kill -TERM "$events" 2>/dev/null; wait "$events"; status=$?
[ $status -eq 0 ] || [ $status -eq 143 ] || { failed=$((failed + 1)); printf 'install-check: FAILED hbdeck events: exit %s\n%s\n' "$status" "$(tail -n 5 "$root/events.out")" >&2; }
run 0 export --what runs "${with_config[@]}"
run 0 export --what trades --bot "$name" "${with_config[@]}"
run 0 audit "${with_config[@]}"
# alerts test against a webhook of the check's own (a few lines of Python answering 200), its address from the
# environment.
hook=$((port + 1))
python3 -c '
import http.server, sys
class Ok(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args): pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Ok).serve_forever()
' "$hook" & sink=$!
{ cat "$cfg"; printf 'alert_targets: check=plain\n'; } > "$root/alerts.yml"
for _ in $(seq 1 50); do socat -u OPEN:/dev/null TCP:127.0.0.1:$hook 2>/dev/null && break; sleep 0.1; done
export HBDECK_ALERT_URL_CHECK=http://127.0.0.1:$hook/hook
run 0 alerts test --bots-folder "$bots" --config "$root/alerts.yml"
unset HBDECK_ALERT_URL_CHECK
kill "$sink" 2>/dev/null; wait "$sink" 2>/dev/null

# The console, in a terminal of its own: it draws the fleet and q ends it.
ran=$((ran + 1))
tmux new-session -d -s "$broker" -x 120 -y 36 "DOCKER_HOST=$DOCKER_HOST $hb --config $cfg --filter $name; echo HBDECK-EXIT=\$?; sleep 30"
seen=""
for _ in $(seq 1 300); do
  seen=$(tmux capture-pane -p -t "$broker" 2>/dev/null || true)
  [[ "$seen" == *"$name"* ]] && break
  sleep 0.1
done
tmux send-keys -t "$broker" q
for _ in $(seq 1 100); do
  seen=$(tmux capture-pane -p -t "$broker" 2>/dev/null || true)
  [[ "$seen" == *HBDECK-EXIT=* ]] && break
  sleep 0.1
done
[[ "$seen" == *HBDECK-EXIT=0* ]] || { failed=$((failed + 1)); printf 'install-check: FAILED the console:\n%s\n' "$seen" >&2; }

docker rm -f "$name" >/dev/null
feed "$password"$'\n' 0 deploy "$name" --image "$image" --script-config mm.yml "${with_config[@]}"
run 0 rm "$name" --skip-bot-stop "${with_config[@]}"
run 0 rm "$hbot_name" "${with_config[@]}"
run 0 broker stop --config "$cfg"
run 0 broker start --config "$cfg"

echo "install-check: $((ran - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
