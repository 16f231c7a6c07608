#!/usr/bin/env bash
# A small demo fleet on the private engine: a broker named hummingbot-broker and three test bots
# laid out like Hummingbot's own deploy tooling (bots/instances/<name>/{conf,data,logs}).
# All on host networking, the broker listening on 127.0.0.1 only.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
eval "$("$here/scripts/testenv.sh" env)"
bots=${HBDECK_DEMO_BOTS:-/var/lib/hbdeck-test/demo/bots}
port=${HBDECK_DEMO_MQTT_PORT:-1883}

mkdir -p "$bots/broker" "$bots/scripts" "$bots/controllers" "$bots/conf/scripts" "$bots/conf/controllers"
printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$port" > "$bots/broker/mosquitto.conf"
if ! docker inspect hummingbot-broker >/dev/null 2>&1; then
  docker run -d --name hummingbot-broker --network host --restart unless-stopped \
    --label hbdeck.role=broker -v "$bots/broker:/mosquitto/config:ro" hbdeck-test/mosquitto:2 >/dev/null
fi

for name in demo_mm_01 demo_mm_02 demo_grid_03; do
  inst="$bots/instances/$name"
  mkdir -p "$inst/conf/connectors" "$inst/conf/scripts" "$inst/conf/controllers" "$inst/data" "$inst/logs"
  cat > "$inst/conf/conf_client.yml" <<YML
instance_id: $name
mqtt_bridge:
  mqtt_host: localhost
  mqtt_port: $port
  mqtt_namespace: hbot
  mqtt_autostart: true
YML
  echo "script_file_name: v2_with_controllers.py" > "$inst/conf/scripts/$name.yml"
  # A bot made from an older build of the test image is made again from the current one.
  if [ "$(docker inspect -f '{{.Image}}' "$name" 2>/dev/null)" != "$(docker image inspect -f '{{.Id}}' hbdeck-test/hummingbot:latest)" ]; then
    docker rm -f "$name" >/dev/null 2>&1 || true
  fi
  if ! docker inspect "$name" >/dev/null 2>&1; then
    docker run -d --name "$name" --network host -t -i \
      --log-opt max-size=10m --log-opt max-file=5 \
      -e CONFIG_PASSWORD=demo -e SCRIPT_CONFIG="$name.yml" -e HEADLESS_MODE=true \
      -v "$inst/conf:/home/hummingbot/conf" -v "$inst/conf/connectors:/home/hummingbot/conf/connectors" \
      -v "$inst/conf/scripts:/home/hummingbot/conf/scripts" -v "$inst/conf/controllers:/home/hummingbot/conf/controllers" \
      -v "$inst/data:/home/hummingbot/data" -v "$inst/logs:/home/hummingbot/logs" \
      -v "$bots/scripts:/home/hummingbot/scripts" -v "$bots/controllers:/home/hummingbot/controllers" \
      hbdeck-test/hummingbot:latest >/dev/null
  fi
done
echo "demo fleet up on $DOCKER_HOST: hummingbot-broker (127.0.0.1:$port) and 3 bots; bots folder $bots" >&2
