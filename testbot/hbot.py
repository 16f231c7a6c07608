"""The client's own CLI, `hbot`, as the test image needs it, behaving as shared/notes/hummingbot-wire.md
says the real one (`hbot dev-2.18.0`) does:

  hbot --version                      prints `hbot dev-2.18.0`
  hbot start CONFIG --foreground      the bot as the container's PID 1, keystore password in HBOT_PASSWORD:
                                      `data/bot/meta.json` at start and `data/bot/status.json` every ~5 s
                                      (mode 0600); SIGTERM winds it down gracefully (its orders cancelled,
                                      `Hummingbot stopped.`) and it exits 0; MQTT only when conf_client.yml
                                      says `mqtt_autostart: true`.

The trading simulation, logs and trade database are the quickstart test bot's (hummingbot_quickstart.py).
Knobs (env): HBDECK_BOT_WIND_DOWN=S (default 1), HBDECK_BOT_STATUS_EVERY=S (default 5).
"""
import json
import os
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hummingbot_quickstart as quick  # noqa: E402

VERSION = "hbot dev-2.18.0"
STATE = f"{quick.HOME}/data/bot"


def write_state(name, payload):
    os.makedirs(STATE, exist_ok=True)
    path = f"{STATE}/{name}"
    tmp = f"{path}.tmp"
    with open(tmp, "w") as f:
        json.dump(payload, f)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def start(args):
    if not args or args[0].startswith("-"):
        sys.stderr.write("Usage: hbot start CONFIG [--foreground]\n")
        return 2
    if "--foreground" not in args:
        sys.stderr.write("hbot start without --foreground is not part of the test image\n")
        return 2
    config = args[0]
    os.environ["CONFIG_PASSWORD"] = os.environ.get("HBOT_PASSWORD", "")
    os.environ["SCRIPT_CONFIG"] = config
    bot = quick.Bot()
    if not bot.password or bot.password_invalid():
        sys.stderr.write("Invalid password.\n")
        return 1
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    started = time.time()
    meta = {"name": bot.config_stem, "type": "v2-script", "file": config, "started_at": int(started), "pid": os.getpid(),
            "db_path": f"data/{bot.config_stem}.sqlite"}
    write_state("meta.json", meta)
    write_state("loaded.json", {"file": config, "loaded_at": int(started)})
    bot.log(f"Starting Hummingbot instance {bot.instance_id}", logger=quick.APP_LOGGER)
    if bot.autostart:
        bot.client.connect_async(bot.mqtt_host, bot.mqtt_port, keepalive=60)
        bot.client.loop_start()
    with bot.lock:
        bot.running_strategy = True
        bot.strategy_loaded = True
    every = quick.env_float("HBDECK_BOT_STATUS_EVERY", 5.0)

    def status(running):
        with bot.lock:
            strategy_running = bot.running_strategy
            orders = len(bot.open_orders)
        now = time.time()
        write_state("status.json", {
            "running": running, "updated_at": now,
            "engine": {"clock_running": running, "strategy_running": strategy_running, "start_time": int(started * 1000),
                       "uptime": int((now - started) * 1000), "connectors": ["binance_paper_trade"], "kill_switch_enabled": False},
            "format_status": f"Strategy {bot.config_stem}: {orders} open orders, realized P&L {bot.realized:.4f}",
        })

    next_status = 0.0
    next_tick = started
    while not stopping.is_set():
        now = time.time()
        if bot.autostart:
            bot.heartbeat()
        if now >= next_tick:
            next_tick += 1
            bot.tick()
        if now >= next_status:
            next_status = now + every
            status(True)
        stopping.wait(max(0.02, min(next_tick, next_status) - time.time()))
    bot.wind_down(False)
    status(False)
    if bot.autostart:
        bot.client.disconnect()
        bot.client.loop_stop()
    return 0


def main(argv):
    if argv[:1] == ["--version"]:
        print(VERSION)
        return 0
    if argv[:1] == ["start"]:
        return start(argv[1:])
    sys.stderr.write(f"hbot: this command is not part of the test image: {' '.join(argv)}\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
