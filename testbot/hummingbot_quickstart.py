#!/usr/bin/env python
"""A test bot that behaves like hummingbot/hummingbot from the outside.

Same mounts (/home/hummingbot/{conf,data,logs,scripts,controllers}), same env vars (CONFIG_PASSWORD,
SCRIPT_CONFIG, CONFIG_FILE_NAME, HEADLESS_MODE), same MQTT remote-control wire format (see
shared/notes/hummingbot-wire.md): heartbeats, availability, log lines, order events and performance
from a deterministic, seeded market-making simulation, and the eight RPC commands.

What it writes, as the real client does (shared/notes/hummingbot-wire.md):
  stdout       `HH:MM:SS - <last part of the logger name> - <message>`, no level; a message with newlines
               goes on over several lines; tracebacks only in the log file
  logs/logs_<config>.log and logs/logs_hummingbot.log
               `YYYY-MM-DD HH:MM:SS,mmm - <pid> - <logger> - <LEVEL> - <message>`
  stderr       only into logs/errors.log (the image's command appends it there)
It connects to the broker a few seconds after it starts (the client loads first), answers an MQTT
`stop` with async_backend at once and winds down afterwards (`stop command initiated.`, `Winding down...`,
cancels, `Hummingbot stopped.`, then `/performance` `{}`), and its PID 1 is bash, which ignores SIGTERM.
`status` and `start` answer as this client release does (an upstream bug: 400 `'HummingbotApplication'
object has no attribute 'strategy'`).

Knobs for tests (env):
  HBDECK_BOT_CONNECT_DELAY=S seconds from start to the broker connection (default 4)
  HBDECK_BOT_WIND_DOWN=S     seconds a stop takes to wind down before `Hummingbot stopped.` (default 1)
  HBDECK_BOT_CRASH_AFTER=N   exit after N seconds with HBDECK_BOT_EXIT_CODE (default 1)
  HBDECK_BOT_GROW_MB=N       allocate N MiB more every second (until the memory limit kills it)
  HBDECK_BOT_LOG_RATE=N      publish N extra log lines a second
  HBDECK_BOT_MALFORMED=1     also publish malformed payloads on every topic
  HBDECK_BOT_NO_HEARTBEAT=1  never send heartbeats
  HBDECK_BOT_IGNORE=a,b      never answer these commands
  HBDECK_BOT_ORDERS_STAY_OPEN=1  orders are created but never filled or cancelled by the simulation
  HBDECK_BOT_SEED=N          the simulation's seed (default: derived from instance_id)
  HBDECK_BOT_ERROR_EVERY=S   log an ERROR with a Python traceback every S seconds (as the client's logger does
                             with exc_info: the traceback follows the message, in the log file and in MQTT `msg`)

Controllers, as v2_with_controllers runs them: the script config's `controllers_config` lists files in
conf/controllers/; the first one's `id` names the simulated controller (`main_controller` when none is
listed) in `/performance`. Every 10 s (the client's `config_update_interval`) the files are read again and
the updatable `manual_kill_switch` applied: true cancels the controller's orders and stops it (`Manual cash
out for controller ID.`), false again restarts it (`Restarting controller ID.`), with the container running on.
"""
import hashlib
import json
import os
import random
import sqlite3
import sys
import threading
import time

import paho.mqtt.client as mqtt
import yaml

HOME = "/home/hummingbot"
APP_LOGGER = "hummingbot.client.hummingbot_application"
STRATEGY_BUG = "'HummingbotApplication' object has no attribute 'strategy'"
COMMANDS = ["start", "stop", "config", "import", "status", "history", "balance/limit", "balance/paper"]


def dumps(obj):
    """Compact JSON as ujson writes it: no spaces, `/` escaped, non-ASCII as \\uXXXX."""
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=True).replace("/", "\\/")


def env_int(name, default=0):
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def env_float(name, default=0.0):
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


class Bot:
    def __init__(self):
        self.lock = threading.RLock()
        self.password = os.environ.get("CONFIG_PASSWORD")
        self.script_config = os.environ.get("SCRIPT_CONFIG") or os.environ.get("CONFIG_FILE_NAME") or ""
        self.config_stem = os.path.splitext(os.path.basename(self.script_config))[0] or "hummingbot"
        self.conf = self.read_conf()
        self.instance_id = str(self.conf.get("instance_id") or os.uname().nodename)
        bridge = self.conf.get("mqtt_bridge") or {}
        self.mqtt_host = bridge.get("mqtt_host", "localhost")
        self.mqtt_port = int(bridge.get("mqtt_port", 1883))
        self.namespace = bridge.get("mqtt_namespace", "hbot")
        self.autostart = bool(bridge.get("mqtt_autostart", False))
        self.prefix = f"{self.namespace}/{self.instance_id}"
        seed = env_int("HBDECK_BOT_SEED", int(hashlib.sha256(self.instance_id.encode()).hexdigest()[:8], 16))
        self.rng = random.Random(seed)
        self.running_strategy = False
        self.strategy_loaded = bool(self.script_config)
        self.open_orders = {}
        self.order_seq = 0
        self.run_id = format(int(time.time() * 1000), "x")  # order ids stay unique across restarts
        self.trades = []
        self.realized = 0.0
        self.volume = 0.0
        self.close_types = {}
        self.mid = 100.0
        self.controller_id, self.kill_switch = "main_controller", False
        self.controller_stopped, self.controllers_loaded = False, False
        self.controller_files = None  # set when the bot runs one controller config itself (hbot start)
        self.next_config_read = 0.0
        self.ignore = set(filter(None, os.environ.get("HBDECK_BOT_IGNORE", "").split(",")))
        self.orders_stay_open = bool(os.environ.get("HBDECK_BOT_ORDERS_STAY_OPEN"))
        self.ballast = []
        self.stopping = False
        self.pending_logs = []
        self.autostart_pending = False
        self.next_heartbeat = float("inf")
        os.makedirs(f"{HOME}/logs", exist_ok=True)
        os.makedirs(f"{HOME}/data", exist_ok=True)
        self.log_files = [open(f"{HOME}/logs/logs_hummingbot.log", "a")]
        if self.config_stem != "hummingbot":
            self.log_files.append(open(f"{HOME}/logs/logs_{self.config_stem}.log", "a"))
        self.db_lock = threading.Lock()
        self.db = self.open_db()
        self.client = mqtt.Client(client_id=f"hbot.{self.instance_id}", clean_session=True, protocol=mqtt.MQTTv311)
        if bridge.get("mqtt_username"):
            self.client.username_pw_set(bridge.get("mqtt_username"), bridge.get("mqtt_password") or None)
        self.client.on_connect = self.on_connect
        self.client.on_message = self.on_message
        self.client.reconnect_delay_set(5, 5)

    # --- files ---------------------------------------------------------------------------------
    def read_conf(self):
        path = f"{HOME}/conf/conf_client.yml"
        try:
            with open(path) as f:
                return yaml.safe_load(f) or {}
        except FileNotFoundError:
            return {}

    def market(self):
        """The connector the bot trades on, as its configs name it: the first controller's `connector_name`, else
        the script config's `connector_name` or `exchange`, else the paper-trade connector the tests have always used."""
        if getattr(self, "market_name", None) is None:
            self.market_name = "binance_paper_trade"
            named = [c.get("connector_name") for c in self.controller_configs()]
            try:
                with open(f"{HOME}/conf/scripts/{self.script_config}") as f:
                    script = yaml.safe_load(f) or {}
                named += [script.get("connector_name"), script.get("exchange")] if isinstance(script, dict) else []
            except (OSError, yaml.YAMLError):
                pass
            for name in named:
                if isinstance(name, str) and name:
                    self.market_name = name
                    break
        return self.market_name

    def controller_configs(self):
        """The controller configs the script config lists, as the client loads them (unreadable ones left out)."""
        listed = self.controller_files
        if listed is None:
            try:
                with open(f"{HOME}/conf/scripts/{self.script_config}") as f:
                    listed = (yaml.safe_load(f) or {}).get("controllers_config") or []
            except (OSError, yaml.YAMLError, AttributeError):
                return []
        configs = []
        for name in listed if isinstance(listed, list) else []:
            try:
                with open(f"{HOME}/conf/controllers/{name}") as f:
                    config = yaml.safe_load(f)
            except (OSError, yaml.YAMLError):
                continue
            if isinstance(config, dict) and config.get("id"):
                configs.append(config)
        return configs

    def update_controllers_configs(self, now):
        """StrategyV2Base.update_controllers_configs: every config_update_interval, updatable fields only."""
        if now < self.next_config_read:
            return
        self.next_config_read = now + 10
        configs = self.controller_configs()
        if not configs:
            return
        first = configs[0]
        if not self.controllers_loaded:  # the controllers the strategy starts with
            self.controllers_loaded = True
            self.controller_id = str(first["id"])
        if str(first["id"]) == self.controller_id:
            self.kill_switch = bool(first.get("manual_kill_switch", False))

    def check_manual_kill_switch(self):
        logger = "hummingbot.strategy.strategy_v2_base"
        if self.kill_switch and not self.controller_stopped:
            self.log(f"Manual cash out for controller {self.controller_id}.", logger=logger)
            self.controller_stopped = True
            for order_id in list(self.open_orders):
                self.cancel(order_id)
        elif not self.kill_switch and self.controller_stopped:
            self.log(f"Restarting controller {self.controller_id}.", logger=logger)
            self.controller_stopped = False

    def open_db(self):
        db = sqlite3.connect(f"{HOME}/data/{self.config_stem}.sqlite", check_same_thread=False)
        db.execute(
            'CREATE TABLE IF NOT EXISTS "TradeFill" (config_file_path TEXT NOT NULL, strategy TEXT NOT NULL, '
            "market TEXT NOT NULL, symbol TEXT NOT NULL, base_asset TEXT NOT NULL, quote_asset TEXT NOT NULL, "
            "timestamp BIGINT NOT NULL, order_id TEXT NOT NULL, trade_type TEXT NOT NULL, order_type TEXT NOT NULL, "
            "price BIGINT NOT NULL, amount BIGINT NOT NULL, leverage INTEGER NOT NULL, trade_fee JSON NOT NULL, "
            "trade_fee_in_quote BIGINT, exchange_trade_id TEXT NOT NULL, position TEXT, "
            "PRIMARY KEY (market, order_id, exchange_trade_id))"
        )
        # The client's MarketsRecorder: one "Order" row per order, its last_status updated on every event, and
        # one "OrderStatus" row per event (hummingbot/model/order.py, order_status.py).
        db.execute(
            'CREATE TABLE IF NOT EXISTS "Order" (id TEXT NOT NULL, config_file_path TEXT NOT NULL, strategy TEXT NOT NULL, '
            "market TEXT NOT NULL, symbol TEXT NOT NULL, base_asset TEXT NOT NULL, quote_asset TEXT NOT NULL, "
            "creation_timestamp BIGINT NOT NULL, order_type TEXT NOT NULL, amount BIGINT NOT NULL, leverage INTEGER NOT NULL, "
            "price BIGINT NOT NULL, last_status TEXT NOT NULL, last_update_timestamp BIGINT NOT NULL, exchange_order_id TEXT, "
            "position TEXT, PRIMARY KEY (id))"
        )
        db.execute('CREATE INDEX IF NOT EXISTS o_config_timestamp_index ON "Order" (config_file_path, creation_timestamp)')
        db.execute(
            'CREATE TABLE IF NOT EXISTS "OrderStatus" (id INTEGER NOT NULL, order_id TEXT NOT NULL, timestamp BIGINT NOT NULL, '
            'status TEXT NOT NULL, PRIMARY KEY (id), FOREIGN KEY(order_id) REFERENCES "Order" (id))'
        )
        db.execute('CREATE INDEX IF NOT EXISTS os_order_id_timestamp_index ON "OrderStatus" (order_id, timestamp)')
        db.commit()
        return db

    def record_order(self, order_id, status, created=None, fill=None):
        """What MarketsRecorder writes for one order event: the order's row (made on its creation), the event's
        OrderStatus row and, for a fill, the TradeFill row, in one transaction."""
        ts = int(time.time() * 1000)
        with self.db_lock:
            if created is not None:
                self.db.execute(
                    'INSERT INTO "Order" (id, config_file_path, strategy, market, symbol, base_asset, quote_asset, '
                    "creation_timestamp, order_type, amount, leverage, price, last_status, last_update_timestamp, "
                    "exchange_order_id, position) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (order_id, self.script_config, "v2_with_controllers", self.market(), "TEST-USDT", "TEST", "USDT",
                     int(created["creation_timestamp"] * 1000), "LIMIT", int(created["amount"] * 1e6), 1,
                     int(created["price"] * 1e6), status, ts, created["exchange_order_id"], "NIL"),
                )
            else:
                self.db.execute('UPDATE "Order" SET last_status = ?, last_update_timestamp = ? WHERE id = ?', (status, ts, order_id))
            self.db.execute('INSERT INTO "OrderStatus" (order_id, timestamp, status) VALUES (?,?,?)', (order_id, ts, status))
            if fill is not None:
                self.db.execute('INSERT INTO "TradeFill" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)', fill)
            self.db.commit()

    # --- logging -------------------------------------------------------------------------------
    def log(self, msg, level="INFO", logger="hummingbot.strategy.script_strategy_base", exc_text=None):
        """`exc_text`: a traceback, as logging's exc_info adds it: in the log file and MQTT, not on stdout."""
        now = time.time()
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(now)) + f",{int(now * 1000) % 1000:03d}"
        line = f"{stamp} - {os.getpid()} - {logger} - {level} - {msg}" + (f"\n{exc_text}" if exc_text else "")
        console = f"{time.strftime('%H:%M:%S', time.localtime(now))} - {logger.split('.')[-1]} - {msg}"
        with self.lock:
            if level != "DEBUG":
                print(console, flush=True)
            for f in self.log_files:
                f.write(line + "\n")
                f.flush()
        level_no = {"DEBUG": 10, "INFO": 20, "WARNING": 30, "ERROR": 40, "CRITICAL": 50}.get(level, 20)
        full = msg + (f"\n{exc_text}" if exc_text else "")
        self.publish("log", {"timestamp": now, "msg": full, "level_no": level_no, "level_name": level, "logger_name": logger})

    def publish(self, topic, payload, qos=0):
        with self.lock:
            if not self.client.is_connected():
                # Like the real client: log lines wait for the broker and keep their timestamps.
                if topic == "log" and len(self.pending_logs) < 10000:
                    self.pending_logs.append(dumps(payload))
                return
        self.client.publish(f"{self.prefix}/{topic}", dumps(payload), qos=qos)

    # --- MQTT ----------------------------------------------------------------------------------
    def on_connect(self, client, userdata, flags, rc):
        if rc != 0:
            return
        for command in COMMANDS:
            client.subscribe(f"{self.prefix}/{command}", qos=1)
        client.subscribe(f"{self.prefix}/external/event/#", qos=0)
        self.publish("status_updates", {"timestamp": int(time.time() * 1000), "type": "availability", "msg": "online"})
        self.next_heartbeat = time.time()  # heartbeats count from each connect
        with self.lock:
            if self.autostart_pending:  # headless: the strategy starts once the bridge is up
                self.autostart_pending = False
                self.running_strategy = True
        with self.lock:
            queued, self.pending_logs = self.pending_logs, []
        for payload in queued:
            client.publish(f"{self.prefix}/log", payload)

    def on_message(self, client, userdata, message):
        command = message.topic[len(self.prefix) + 1:]
        if command not in COMMANDS or command in self.ignore:
            return
        try:
            request = json.loads(message.payload.decode("utf-8"))
            reply_to = request["header"]["reply_to"]
            data = request.get("data") or {}
            if not reply_to or not isinstance(data, dict):
                return
        except Exception:
            return  # the real client answers nothing to a request it cannot read
        try:
            result = getattr(self, "cmd_" + command.replace("/", "_"))(data)
        except ValueError:
            return  # failed validation: no reply, as the real client
        reply = {
            "header": {"reply_to": "", "timestamp": int(time.time() * 1000), "content_type": "json", "encoding": "utf8", "agent": "commlib"},
            "data": result,
        }
        client.publish(reply_to, dumps(reply), qos=1)

    # --- commands ------------------------------------------------------------------------------
    def cmd_start(self, data):
        if not isinstance(data.get("log_level", None) or "", str):
            raise ValueError
        with self.lock:
            if not self.strategy_loaded and not data.get("script"):
                return {"status": 400, "msg": "Strategy check: Please import or create a strategy."}
        # This client release reads an attribute it no longer has (an upstream bug): every other start fails.
        return {"status": 400, "msg": STRATEGY_BUG}

    def cmd_stop(self, data):
        skip = bool(data.get("skip_order_cancellation", False))
        if data.get("async_backend", True):
            threading.Thread(target=self.wind_down, args=(skip,), daemon=True).start()
            return {"status": 200, "msg": ""}
        # The synchronous path waits for the wind-down and, like the client, cancels orders whatever was asked.
        self.wind_down(False)
        return {"status": 200, "msg": ""}

    def wind_down(self, skip_order_cancellation):
        """What the client's stop_loop does, in its order, with its log lines."""
        self.log("stop command initiated.", logger=APP_LOGGER)
        self.log("\nWinding down...", logger=APP_LOGGER)
        with self.lock:
            self.running_strategy = False
        time.sleep(env_float("HBDECK_BOT_WIND_DOWN", 1.0))
        with self.lock:
            if not skip_order_cancellation:
                for order_id in list(self.open_orders):
                    self.cancel(order_id)
            self.strategy_loaded = False
        self.log("Hummingbot stopped.", logger=APP_LOGGER)

    def cmd_status(self, data):
        # This client release fails here before it looks at anything (the upstream bug `start` has too).
        return {"status": 400, "msg": STRATEGY_BUG}

    def cmd_history(self, data):
        days = data.get("days", 0)
        if not isinstance(days, (int, float)):
            raise ValueError
        with self.lock:
            trades = list(self.trades)
        if data.get("async_backend", True):
            self.log(f"{len(trades)} trades", logger="hummingbot.client.command.history_command")
            return {"status": 200, "msg": "", "trades": []}
        return {"status": 200, "msg": "", "trades": trades}

    def cmd_config(self, data):
        params = data.get("params", [])
        if not isinstance(params, list):
            raise ValueError
        known = {"kill_switch_mode", "autofill_import", "instance_id", "mqtt_bridge", "log_level"}
        bad = [p[0] for p in params if not (isinstance(p, list) and len(p) == 2 and p[0] in known)]
        if bad:
            return {"status": 400, "msg": f"Invalid param key(s): {bad}", "changes": [], "config": {}}
        return {"status": 200, "msg": "", "changes": params, "config": {}}

    def cmd_import(self, data):
        strategy = data.get("strategy")
        if not isinstance(strategy, str):
            raise ValueError
        if not os.path.exists(f"{HOME}/conf/strategies/{strategy}"):
            return {"status": 400, "msg": f"Strategy config file {strategy} not found"}
        return {"status": 200, "msg": ""}

    def cmd_balance_limit(self, data):
        if not all(k in data for k in ("exchange", "asset", "amount")):
            raise ValueError
        return {"status": 200, "msg": "", "data": ""}  # as this client release: 200 and nothing said

    def cmd_balance_paper(self, data):
        if not all(k in data for k in ("asset", "amount")):
            raise ValueError
        return {"status": 200, "msg": "", "data": ""}

    # --- the simulated market maker ------------------------------------------------------------
    def event(self, kind, data):
        self.publish("events", {"timestamp": int(time.time()), "type": kind, "data": data})

    def create_order(self):
        self.order_seq += 1
        side = "BUY" if self.rng.random() < 0.5 else "SELL"
        price = round(self.mid * (0.999 if side == "BUY" else 1.001), 4)
        amount = round(self.rng.uniform(0.1, 1.0), 3)
        order_id = f"{'buy' if side == 'BUY' else 'sell'}-TEST-{self.run_id}{self.order_seq:06d}"
        order = {
            "order_id": order_id, "trading_pair": "TEST-USDT", "trade_type": f"TradeType.{side}",
            "order_type": "OrderType.LIMIT", "price": price, "amount": amount,
            "creation_timestamp": time.time(), "exchange_order_id": f"EX{self.order_seq}",
        }
        self.open_orders[order_id] = order
        self.event(f"{side.capitalize()}OrderCreated", order)
        self.record_order(order_id, f"{side.capitalize()}OrderCreated", created=order)
        self.log(f"Created LIMIT {side} order {order_id} for {amount} TEST at {price}.")

    def fill(self, order_id):
        order = self.open_orders.pop(order_id)
        side = order["trade_type"].split(".")[1]
        fee = round(order["price"] * order["amount"] * 0.001, 6)
        fill = dict(order, trade_fee={"percent": 0.001, "flat_fees": []}, exchange_trade_id=f"T{order_id}")
        ts = int(time.time() * 1000)
        self.event("OrderFilled", fill)
        self.record_order(order_id, "OrderFilled", fill=(
            self.script_config, "v2_with_controllers", self.market(), "TEST-USDT", "TEST", "USDT", ts, order_id,
            side, "LIMIT", int(order["price"] * 1e6), int(order["amount"] * 1e6), 1, json.dumps({"percent": 0.001}),
            int(fee * 1e6), f"T{order_id}", "NIL"))
        self.event(f"{side.capitalize()}OrderCompleted", {
            "order_id": order_id, "base_asset": "TEST", "quote_asset": "USDT",
            "base_asset_amount": order["amount"], "quote_asset_amount": round(order["amount"] * order["price"], 6),
            "order_type": order["order_type"], "exchange_order_id": order["exchange_order_id"],
        })
        self.record_order(order_id, f"{side.capitalize()}OrderCompleted")
        edge = abs(order["price"] - self.mid) * order["amount"]
        self.realized += edge - fee
        self.volume += order["price"] * order["amount"]
        key = "CloseType.TAKE_PROFIT" if edge > fee else "CloseType.STOP_LOSS"
        self.close_types[key] = self.close_types.get(key, 0) + 1
        trade = {
            "market": self.market(), "trade_id": f"T{order_id}", "price": str(order["price"]),
            "quantity": str(order["amount"]), "symbol": "TEST-USDT", "trade_timestamp": ts,
            "trade_type": side, "base_asset": "TEST", "quote_asset": "USDT", "raw_json": {"trade_fee": fee},
        }
        self.trades.append(trade)
        self.log(f"The {side} order {order_id} amounting to {order['amount']} TEST has been filled at {order['price']} USDT.")

    def cancel(self, order_id):
        order = self.open_orders.pop(order_id)
        self.event("OrderCancelled", {"order_id": order_id, "exchange_order_id": order["exchange_order_id"]})
        self.record_order(order_id, "OrderCancelled")
        self.log(f"Cancelled order {order_id}")

    def performance(self):
        unrealized = sum((self.mid - o["price"]) * o["amount"] * (1 if o["trade_type"].endswith("BUY") else -1) for o in self.open_orders.values())
        return {self.controller_id: {"performance": {
            "realized_pnl_quote": round(self.realized, 6), "unrealized_pnl_quote": round(unrealized, 6),
            "unrealized_pnl_pct": 0.0, "realized_pnl_pct": 0.0,
            "global_pnl_quote": round(self.realized + unrealized, 6), "global_pnl_pct": 0.0,
            "volume_traded": round(self.volume, 6), "positions_summary": [], "close_type_counts": dict(self.close_types),
        }, "custom_info": {}}}

    def tick(self):
        with self.lock:
            if not self.running_strategy:
                self.publish("performance", {})
                return
            self.update_controllers_configs(time.time())
            self.check_manual_kill_switch()
            self.mid *= 1 + self.rng.uniform(-0.001, 0.001)
            if self.controller_stopped:
                self.publish("performance", self.performance())
                return
            if len(self.open_orders) < 4 and self.rng.random() < 0.7:
                self.create_order()
            for order_id in list(self.open_orders) if not self.orders_stay_open else []:
                roll = self.rng.random()
                if roll < 0.15:
                    self.fill(order_id)
                elif roll < 0.2:
                    self.cancel(order_id)
            self.publish("performance", self.performance())

    # --- main loop -----------------------------------------------------------------------------
    def run(self):
        if not self.password or self.password_invalid():
            sys.stderr.write("Invalid password.\n")
            sys.stderr.flush()
            sys.exit(0)
        if os.environ.get("HEADLESS_MODE", "").lower() == "true" and not self.autostart:
            sys.stderr.write("Headless mode requires mqtt_autostart: true in conf_client.yml\n")
            sys.exit(1)
        self.log(f"Starting Hummingbot instance {self.instance_id}", logger=APP_LOGGER)
        # The client loads its connectors and strategy before the MQTT bridge connects.
        time.sleep(env_float("HBDECK_BOT_CONNECT_DELAY", 4.0))
        # Set before connecting: on_connect runs on paho's thread and may come first, and then it would find
        # nothing to start and the bot would never trade (seen once in fifty bots started together).
        self.autostart_pending = bool(self.script_config)
        self.client.connect_async(self.mqtt_host, self.mqtt_port, keepalive=60)
        self.client.loop_start()
        crash_after = env_int("HBDECK_BOT_CRASH_AFTER", 0)
        grow = env_int("HBDECK_BOT_GROW_MB", 0)
        log_rate = env_int("HBDECK_BOT_LOG_RATE", 0)
        started = time.time()
        next_tick = started
        while not self.stopping:
            self.heartbeat()
            now = time.time()
            if now >= next_tick:
                next_tick += 1
                self.second(now - started, crash_after, grow, log_rate)
            time.sleep(max(0.02, min(next_tick, self.next_heartbeat) - time.time()))
        self.client.disconnect()  # no `offline`: the real client sends none
        self.client.loop_stop()

    def second(self, elapsed, crash_after, grow, log_rate):
        """What the bot does once a second: trade, and whatever the test knobs ask for."""
        self.tick()
        for i in range(log_rate):
            self.log(f"noise line {i}")
        if os.environ.get("HBDECK_BOT_MALFORMED"):
            for topic in ("hb", "status_updates", "log", "events", "performance", "notify"):
                self.client.publish(f"{self.prefix}/{topic}", self.rng.choice([b"{", b"\xff\xfe", b"[]", b'{"ts":"x"}', b""]))
        if grow:
            self.ballast.append(bytearray(b"x" * (grow << 20)))
        error_every = env_float("HBDECK_BOT_ERROR_EVERY", 0)
        if error_every and int(elapsed) > 0 and int(elapsed) % max(1, int(error_every)) == 0:
            try:
                {}["BTC-USDT"]
            except KeyError:
                import traceback
                self.log("Unexpected error running clock tick.", level="ERROR", logger="hummingbot.core.clock",
                         exc_text=traceback.format_exc().rstrip())
        if crash_after and elapsed >= crash_after:
            self.log("Simulated crash", level="ERROR")
            # An uncaught exception: Python prints its traceback on stderr, which the image sends to errors.log.
            try:
                self.fail_hard()
            except RuntimeError:
                import traceback
                sys.stderr.write(traceback.format_exc())
            sys.stderr.flush()
            os._exit(env_int("HBDECK_BOT_EXIT_CODE", 1))

    def fail_hard(self):
        raise RuntimeError("simulated crash")

    def heartbeat(self):
        now = time.time()
        if now >= self.next_heartbeat and self.client.is_connected() and not os.environ.get("HBDECK_BOT_NO_HEARTBEAT"):
            self.publish("hb", {"ts": int((now + 0.5) * 1_000_000)})
            self.next_heartbeat = now + 10

    def password_invalid(self):
        # The client's own check (hummingbot.client.config.config_crypt, on the image's PYTHONPATH).
        from hummingbot.client.config.config_crypt import ETHKeyFileSecretManger, PASSWORD_VERIFICATION_PATH, validate_password
        if not PASSWORD_VERIFICATION_PATH.exists():
            return False
        return not validate_password(ETHKeyFileSecretManger(self.password))

if __name__ == "__main__":
    Bot().run()
