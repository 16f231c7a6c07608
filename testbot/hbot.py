"""The client's own CLI, `hbot`, as the test image needs it, behaving as shared/notes/hummingbot-wire.md
says the real one (`hbot dev-2.18.0`) does:

  hbot --version                      prints `hbot dev-2.18.0`
  hbot start CONFIG --foreground      the bot as the container's PID 1, keystore password in HBOT_PASSWORD:
                                      `data/bot/meta.json` at start and `data/bot/status.json` every ~5 s
                                      (mode 0600); SIGTERM winds it down gracefully (its orders cancelled,
                                      `Hummingbot stopped.`) and it exits 0; MQTT only when conf_client.yml
                                      says `mqtt_autostart: true`. A config in conf/controllers runs that
                                      one controller (type `controller`), one in conf/scripts a V2 script.
  hbot config [KEY [VALUE]] [--json]  the client's `config`: global settings (conf_client.yml, dotted keys)
                                      and the loaded strategy's fields with the live-updatable ones; a set
                                      is coerced to the field's type and validated, and says whether it
                                      applies `live (~10s)` (a running controller's updatable field) or
                                      `on next start`
  hbot create STRATEGY [--with-defaults] [--name F] [--set k=v]...
                                      a config from the strategy's own fields (below), loaded; required
                                      fields left blank are listed
  hbot status [--json]                the run state, with errors from the last 600 lines of the bot's log
  hbot doctor [--json]                the health rows (install, extensions, keystore, clock, disk, bot,
                                      loaded config); the clock row never reaches the network here
                                      (tests send no traffic off this machine), so it warns as offline
Errors go to stderr as `Error: <message> (code N)` with the client's stable exit codes.

The strategies this image knows stand in for the client's pydantic config classes: the fields, their
defaults, which are required and which a running controller takes up live (`is_updatable`) follow the
client's pmm_simple controller and v2_with_controllers script.

The trading simulation, logs and trade database are the quickstart test bot's (hummingbot_quickstart.py).
Knobs (env): HBDECK_BOT_WIND_DOWN=S (default 1), HBDECK_BOT_STATUS_EVERY=S (default 5).
"""
import json
import os
import re
import shutil
import signal
import sys
import threading
import time
import uuid
from decimal import Decimal, InvalidOperation

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hummingbot_quickstart as quick  # noqa: E402

VERSION = "hbot dev-2.18.0"
STATE = f"{quick.HOME}/data/bot"
CONF = f"{quick.HOME}/conf"
TYPE_DIRS = {"v1-strategy": f"{CONF}/strategies", "v2-script": f"{CONF}/scripts", "controller": f"{CONF}/controllers"}
SUCCESS, ERROR, NOT_FOUND, NOT_RUNNING, CONFIG_ERROR, TIMEOUT = 0, 1, 2, 3, 4, 5

# (field, default, required, live-updatable), in the order the client's config classes declare them.
CONTROLLERS = {
    "pmm_simple": ("market_making", [
        ("id", None, False, False), ("controller_name", "pmm_simple", False, False),
        ("controller_type", "market_making", False, False), ("total_amount_quote", Decimal("100"), False, True),
        ("manual_kill_switch", False, False, True), ("connector_name", None, True, False), ("trading_pair", None, True, False),
        ("buy_spreads", [0.01, 0.02], False, True), ("sell_spreads", [0.01, 0.02], False, True),
        ("executor_refresh_time", 300, False, True), ("cooldown_time", 15, False, True), ("leverage", 20, False, False),
    ]),
}
SCRIPTS = {
    "v2_with_controllers.py": [
        ("script_file_name", "v2_with_controllers.py", False, False), ("markets", {}, False, False),
        ("candles_config", [], False, False), ("controllers_config", [], False, False),
        ("max_global_drawdown_quote", None, False, False), ("max_controller_drawdown_quote", None, False, False),
    ],
}


class Failure(Exception):
    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


def cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v).replace("|", "\\|").replace("\n", " ")


def render_kv(record, title=None):
    head = f"## {title}\n\n" if title else ""
    if not record:
        return head + "_(empty)_"
    return head + "\n".join(f"- {k}: {cell(v)}" for k, v in record.items())


def render_table(rows, columns, title=None):
    head = f"## {title}\n\n" if title else ""
    if not rows:
        return head + "_(none)_"
    cells = [[cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]

    def line(values):
        padded = [v.ljust(w) for v, w in zip(values, widths)]
        padded[-1] = values[-1]
        return "| " + " | ".join(padded) + " |"
    return head + "\n".join([line(columns), "| " + " | ".join("-" * w for w in widths) + " |"] + [line(r) for r in cells])


def emit(payload, markdown, as_json):
    print(json.dumps(payload, indent=2, default=str) if as_json else markdown)


def read_json(name):
    try:
        with open(f"{STATE}/{name}") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def running():
    meta = read_json("meta.json") or {}
    try:
        os.kill(int(meta.get("pid", -1)), 0)
    except (OSError, ValueError, TypeError):
        return False
    status = read_json("status.json") or {}
    return status.get("running", True)


def config_type(filename):
    found = [t for t, folder in TYPE_DIRS.items() if os.path.exists(f"{folder}/{filename}")]
    if not found:
        raise Failure(f"config not found: {filename}", NOT_FOUND)
    return found[0]


def read_yaml(path):
    with open(path) as f:
        return yaml.safe_load(f) or {}


def schema(stype, data):
    """The fields of a config's class: (default, required, updatable) by name, or None when unknown."""
    if stype == "controller":
        entry = CONTROLLERS.get(str(data.get("controller_name")))
        return {f: (d, r, u) for f, d, r, u in entry[1]} if entry else None
    if stype == "v2-script":
        fields = SCRIPTS.get(str(data.get("script_file_name")))
        return {f: (d, r, u) for f, d, r, u in fields} if fields else None
    return None


def coerce(existing, value, default):
    """The client's _coerce, then the field's own type as its class would validate it."""
    probe = default if default is not None else existing
    if isinstance(probe, bool):
        if value.lower() in ("true", "yes", "1"):
            return True
        if value.lower() in ("false", "no", "0"):
            return False
        raise ValueError(f"expected a boolean, got '{value}'")
    if isinstance(probe, int):
        return int(value)
    if isinstance(probe, float):
        return float(value)
    if isinstance(probe, Decimal):
        try:
            Decimal(value)
        except InvalidOperation:
            raise ValueError(f"1 validation error\n  Input should be a valid decimal [input_value='{value}']")
        return value  # Decimals stay strings in the file
    if isinstance(probe, (list, dict)):
        raise ValueError("lists and blocks are edited in the file")
    return value


def write_value(path, key, value):
    """Sets a top-level key and keeps every other line (the client round-trips with ruamel)."""
    with open(path) as f:
        text = f.read()
    dumped = yaml.safe_dump({key: value}, default_flow_style=True, width=1000).strip()[1:-1].split(": ", 1)[1]
    pattern = re.compile(rf"^{re.escape(key)}:.*$", re.M)
    text = pattern.sub(lambda _: f"{key}: {dumped}", text, count=1) if pattern.search(text) else text + f"{key}: {dumped}\n"
    with open(path, "w") as f:
        f.write(text)


def flatten(data, prefix=""):
    out = {}
    for k, v in (data or {}).items():
        if isinstance(v, dict):
            out.update(flatten(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out


def active_strategy():
    if running():
        meta = read_json("meta.json") or {}
        if meta.get("file") and meta.get("type"):
            return meta["file"], meta["type"], True
    loaded = read_json("loaded.json") or {}
    if loaded.get("file") and loaded.get("type"):
        return loaded["file"], loaded["type"], False
    return None


def config(args):
    as_json = "--json" in args
    args = [a for a in args if a != "--json"]
    key, value = (args + [None, None])[:2]
    client = flatten(read_yaml(f"{CONF}/conf_client.yml")) if os.path.exists(f"{CONF}/conf_client.yml") else {}
    active = active_strategy()
    if key is None:
        rows = [{"key": k, "value": cell(v)} for k, v in client.items()]
        out = render_table(rows, ["key", "value"], title="global settings")
        payload = {"global": {r["key"]: r["value"] for r in rows}, "strategy": None}
        if active:
            file, stype, is_running = active
            path = f"{TYPE_DIRS[stype]}/{file}"
            data = read_yaml(path)
            fields = schema(stype, data) or {}
            live = sorted(k for k, (_, _, u) in fields.items() if u) if stype == "controller" else []
            state = "running" if is_running else "loaded"
            out += "\n\n" + render_table(
                [{"field": k, "value": cell(v), "live": k in live} for k, v in data.items()], ["field", "value", "live"],
                title=f"strategy config — {file} ({stype}, {state})")
            payload["strategy"] = {"file": file, "type": stype, "state": state, "fields": data, "live_fields": live}
        emit(payload, out, as_json)
        return SUCCESS
    if key in client:
        if value is not None:
            raise Failure(f"'{key}' is a global setting: this test image does not change those", CONFIG_ERROR)
        record = {"key": key, "value": cell(client[key]), "scope": "global"}
        emit(record, render_kv(record, title="config"), as_json)
        return SUCCESS
    if active is None:
        raise Failure(f"unknown config key '{key}' — not a global setting, and no strategy is loaded "
                      f"(run `hbot import <file>` to load one, or `hbot config` to list settings)", CONFIG_ERROR)
    file, stype, is_running = active
    path = f"{TYPE_DIRS[stype]}/{file}"
    data = read_yaml(path)
    if key not in data:
        raise Failure(f"unknown config key '{key}' — not a global setting nor a field of {file} (run `hbot config` to list)", CONFIG_ERROR)
    if value is None:
        record = {"key": key, "value": data[key] if as_json else cell(data[key]), "scope": f"{stype}:{file}"}
        emit(record, render_kv(record, title="config"), as_json)
        return SUCCESS
    fields = schema(stype, data) or {}
    try:
        new_value = coerce(data[key], value, fields.get(key, (None,))[0])
    except (ValueError, TypeError) as e:
        raise Failure(f"value rejected: {e}", CONFIG_ERROR)
    write_value(path, key, new_value)
    record = {"key": key, "value": new_value, "scope": f"{stype}:{file}"}
    if is_running:
        live = stype == "controller" and fields.get(key, (None, False, False))[2]
        record["applies"] = "live (~10s)" if live else "on next start"
    emit(record, render_kv(record, title=f"set {file}"), as_json)
    return SUCCESS


def create(args):
    with_defaults = "--with-defaults" in args
    name, sets, rest = None, {}, []
    i = 0
    while i < len(args):
        if args[i] == "--name" and i + 1 < len(args):
            name = args[i + 1]
            i += 2
            continue
        if args[i] == "--set" and i + 1 < len(args):
            k, _, v = args[i + 1].partition("=")
            sets[k] = v
            i += 2
            continue
        if not args[i].startswith("--"):
            rest.append(args[i])
        i += 1
    if not rest:
        raise Failure("Missing argument 'STRATEGY'.", 2)
    strategy = rest[0]
    if strategy in CONTROLLERS:
        stype, fields = "controller", CONTROLLERS[strategy][1]
    elif strategy in SCRIPTS or f"{strategy}.py" in SCRIPTS:
        stype, fields = "v2-script", SCRIPTS.get(strategy) or SCRIPTS[f"{strategy}.py"]
    else:
        raise Failure(f"strategy '{strategy}' not found. Available — controller: {', '.join(CONTROLLERS)}; "
                      f"v2-script: {', '.join(SCRIPTS)}", NOT_FOUND)
    data = {f: (str(d) if isinstance(d, Decimal) else d) for f, d, _, _ in fields}
    if stype == "controller":
        data["id"] = uuid.uuid4().hex[:22]
        sets.pop("id", None)
    for k, v in sets.items():
        if k not in data:
            raise Failure(f"invalid field value: unknown field '{k}'", CONFIG_ERROR)
        data[k] = v
    remaining = [f for f, d, r, _ in fields if r and data.get(f) in (None, "")]
    if remaining and not with_defaults:
        raise Failure(f"missing required fields: {', '.join(remaining)}. Supply them with --set key=value "
                      f"(or --values-stdin), or pass --with-defaults to scaffold and fill later with `hbot config`", CONFIG_ERROR)
    out = name or f"conf_{os.path.splitext(strategy)[0]}.yml"
    out = out if out.endswith(".yml") else f"{out}.yml"
    if any(os.path.exists(f"{d}/{out}") for d in TYPE_DIRS.values()):
        if name:
            raise Failure(f"'{out}' already exists as a config — config names must be unique across types", CONFIG_ERROR)
        n = 1
        while any(os.path.exists(f"{d}/{out[:-4]}_{n}.yml") for d in TYPE_DIRS.values()):
            n += 1
        out = f"{out[:-4]}_{n}.yml"
    os.makedirs(TYPE_DIRS[stype], exist_ok=True)
    with open(f"{TYPE_DIRS[stype]}/{out}", "w") as f:
        yaml.safe_dump(data, f, sort_keys=False)
    write_state("loaded.json", {"file": out, "type": stype})
    record = {"file": out, "type": stype, "applied": ", ".join(sorted(sets)) or "-", "ready": not remaining}
    if remaining:
        record["required_remaining"] = ", ".join(remaining)
        record["next"] = f"hbot config {remaining[0]} <value>"
    else:
        record["next"] = "hbot start"
    print(render_kv(record, title=f"created {stype}/{out}"))
    return SUCCESS


def recent_log_errors():
    meta = read_json("meta.json") or {}
    try:
        with open(f"{quick.HOME}/logs/logs_{meta.get('name')}.log", errors="replace") as f:
            lines = f.read().splitlines()[-600:]
    except OSError:
        lines = []
    errs = [ln for ln in lines if " - ERROR - " in ln or " - CRITICAL - " in ln]
    return {"count": len(errs), "messages": [ln.split(" - ", 4)[-1][:200] for ln in errs[-3:]], "window": 600}


def status(args):
    as_json = "--json" in args
    meta = read_json("meta.json")
    if meta is None:
        record = {"running": False, "note": "no strategy config loaded", "next": "hbot create <strategy>  or  hbot import <file>"}
        emit(record, render_kv(record, title="status"), as_json)
        return SUCCESS
    is_running = running()
    snapshot = (read_json("status.json") or {}) if is_running else {}
    age = time.time() - snapshot["updated_at"] if snapshot.get("updated_at") else None
    uptime = time.time() - meta["started_at"] if is_running and meta.get("started_at") else None
    errors = recent_log_errors()
    if as_json:
        emit({"running": is_running, "name": meta.get("name"), "pid": meta.get("pid") if is_running else None,
              "config": meta.get("file"), "type": meta.get("type"), "strategy": None,
              "uptime_s": round(uptime, 1) if uptime else None, "snapshot_age_s": round(age, 1) if age is not None else None,
              "errors": errors, "format_status": snapshot.get("format_status"), "balances": snapshot.get("balances")}, "", True)
        return SUCCESS
    fields = {"name": meta.get("name"), "state": "running" if is_running else "stopped", "pid": meta.get("pid") if is_running else "-",
              "config": meta.get("file") or "-", "type": meta.get("type") or "-", "strategy": "-"}
    if uptime:
        fields["uptime"] = f"{uptime:.0f}s"
    if age is not None:
        fields["snapshot"] = f"{age:.0f}s ago"
    if errors["count"]:
        fields["errors"] = f"{errors['count']} in last {errors['window']} log lines — last: {errors['messages'][-1][:120]} (run `hbot logs` for detail)"
    print(render_kv(fields, title="status"))
    if snapshot.get("format_status"):
        print("\n" + snapshot["format_status"])
    return SUCCESS


def doctor(args):
    as_json = "--json" in args
    rows = [{"check": "install", "status": "ok", "detail": f"docker, hummingbot {VERSION.split()[-1]}, python {sys.version.split()[0]}"},
            {"check": "extensions", "status": "ok", "detail": "compiled Cython extensions import"}]
    password = os.environ.get("HBOT_PASSWORD") or os.environ.get("CONFIG_PASSWORD")
    from hummingbot.client.config.config_crypt import ETHKeyFileSecretManger, PASSWORD_VERIFICATION_PATH, validate_password
    if not PASSWORD_VERIFICATION_PATH.exists():
        rows.append({"check": "keystore", "status": "ok", "detail": "none yet — the first password you use creates it"})
    elif not password:
        rows.append({"check": "keystore", "status": "skip", "detail": "exists; set HBOT_PASSWORD to verify it unlocks"})
    elif validate_password(ETHKeyFileSecretManger(password)):
        rows.append({"check": "keystore", "status": "ok", "detail": "password unlocks the keystore"})
    else:
        rows.append({"check": "keystore", "status": "fail", "detail": "the provided password does NOT unlock the keystore"})
    rows.append({"check": "clock", "status": "warn", "detail": "could not reach a time source — offline? (trading needs network access)"})
    free = shutil.disk_usage(f"{quick.HOME}/data").free
    rows.append({"check": "disk", "status": "ok" if free >= 1 << 30 else "warn" if free >= 100 << 20 else "fail",
                 "detail": f"{free / (1 << 30):.1f} GiB free for data/ and logs/"})
    meta = read_json("meta.json")
    if meta is None:
        rows.append({"check": "bot", "status": "ok", "detail": "no bot has been started"})
    elif running():
        rows.append({"check": "bot", "status": "ok", "detail": f"bot running (pid {meta.get('pid')})"})
    else:
        rows.append({"check": "bot", "status": "ok", "detail": "no bot running"})
    loaded = read_json("loaded.json") or {}
    if not loaded.get("file"):
        rows.append({"check": "loaded config", "status": "ok", "detail": "none (create/import loads one)"})
    elif os.path.exists(f"{TYPE_DIRS.get(loaded.get('type'), CONF)}/{loaded['file']}"):
        rows.append({"check": "loaded config", "status": "ok", "detail": f"{loaded['file']} ({loaded.get('type')})"})
    else:
        rows.append({"check": "loaded config", "status": "warn",
                     "detail": f"{loaded['file']} ({loaded.get('type')}) is missing on disk — `hbot import <file>` to load another"})
    healthy = all(r["status"] != "fail" for r in rows)
    emit({"healthy": healthy, "checks": rows}, render_table(rows, ["check", "status", "detail"], title="doctor"), as_json)
    if not healthy:
        raise Failure("doctor found problems (see failed checks above)", ERROR)
    return SUCCESS


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
    try:
        stype = config_type(config)
    except Failure as e:
        sys.stderr.write(f"Error: {e} (code {e.code})\n")
        return e.code
    os.environ["CONFIG_PASSWORD"] = os.environ.get("HBOT_PASSWORD", "")
    os.environ["SCRIPT_CONFIG"] = config
    bot = quick.Bot()
    if stype == "controller":
        bot.controller_files = [config]
    if not bot.password or bot.password_invalid():
        sys.stderr.write("Invalid password.\n")
        return 1
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    started = time.time()
    meta = {"name": bot.config_stem, "type": stype, "file": config, "started_at": int(started), "pid": os.getpid(),
            "db_path": f"data/{bot.config_stem}.sqlite"}
    write_state("meta.json", meta)
    write_state("loaded.json", {"file": config, "type": stype})
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
            # The quickstart bot's second, test knobs included (HBDECK_BOT_ERROR_EVERY and the rest).
            bot.second(now - started, quick.env_int("HBDECK_BOT_CRASH_AFTER", 0), quick.env_int("HBDECK_BOT_GROW_MB", 0),
                       quick.env_int("HBDECK_BOT_LOG_RATE", 0))
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
    commands = {"config": config, "create": create, "status": status, "doctor": doctor}
    if argv[:1] and argv[0] in commands:
        try:
            return commands[argv[0]](argv[1:])
        except Failure as e:
            sys.stderr.write(f"Error: {e} (code {e.code})\n")
            return e.code
    sys.stderr.write(f"hbot: this command is not part of the test image: {' '.join(argv)}\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
