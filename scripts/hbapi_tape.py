#!/usr/bin/env python3
"""Records a session with a real hummingbot-api, and plays it back, for hbdeck's API tests.

  hbapi_tape.py record PORT UPSTREAM TAPE   a proxy on 127.0.0.1:PORT to UPSTREAM (http://127.0.0.1:8000) that
                                            writes every exchange to TAPE (JSON), Authorization never kept
  hbapi_tape.py replay PORT TAPE [PASSWORD] serves TAPE on 127.0.0.1:PORT (0: any free port, printed on stdout)

A tape is the session in order: each request (method, path, query, JSON body) with the response the real API gave
(status, JSON body). Playing it back follows the session: a POST moves the tape to where that POST was recorded; a
GET gets the responses recorded for it since then, one per request, staying on the last (so a bot winding down
winds down again, at the pace of the client's polls). A wrong user or password gets the recorded 401. A request the
tape does not hold gets 404 with `X-Tape-Miss: 1`, and is named on stderr.
"""
import base64
import json
import sys
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


def key(method, path, query, body):
    return json.dumps([method, path, sorted(query), body], sort_keys=True)


def parse_body(raw):
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return {"__text__": raw.decode("utf-8", "replace")}


class Tape:
    def __init__(self, exchanges):
        self.exchanges = exchanges
        self.keys = [key(e["method"], e["path"], e["query"], e["body"]) for e in exchanges]
        self.at = -1  # the last POST served
        self.cursors = {}
        self.lock = threading.Lock()

    def unauthorized(self):
        return next((e for e in self.exchanges if e["status"] == 401), None)

    def answer(self, method, path, query, body):
        wanted = key(method, path, query, body)
        with self.lock:
            if method != "GET":
                later = [i for i in range(self.at + 1, len(self.keys)) if self.keys[i] == wanted]
                found = later or [i for i in range(len(self.keys)) if self.keys[i] == wanted]
                if not found:
                    return None
                self.at = found[0]
                self.cursors = {}
                return self.exchanges[found[0]]
            end = next((i for i in range(self.at + 1, len(self.keys)) if self.exchanges[i]["method"] != "GET"),
                       len(self.keys))
            here = [i for i in range(self.at + 1, end) if self.keys[i] == wanted]
            if here:
                step = self.cursors.get(wanted, 0)
                self.cursors[wanted] = step + 1
                return self.exchanges[here[min(step, len(here) - 1)]]
            before = [i for i in range(0, self.at + 1) if self.keys[i] == wanted]
            if before:
                return self.exchanges[before[-1]]
            after = [i for i in range(len(self.keys)) if self.keys[i] == wanted]
            return self.exchanges[after[0]] if after else None


def handler(mode, tape=None, upstream=None, path=None, password=None, recorded=None):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def reply(self, status, body, extra=None):
            text = isinstance(body, dict) and list(body) == ["__text__"]
            data = body["__text__"].encode() if text else json.dumps(body, separators=(",", ":")).encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8" if text else "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            url = urlsplit(self.path)
            query = parse_qsl(url.query, keep_blank_values=True)
            body = parse_body(raw)
            if mode == "record":
                return self.forward(url, query, body, raw)
            if password is not None and not self.authorized():
                answer = tape.unauthorized()
                return self.reply(401, answer["response"] if answer else {"detail": "Incorrect username or password"},
                                  {"WWW-Authenticate": "Basic"})
            answer = tape.answer(self.command, url.path, query, body)
            if answer is None:
                sys.stderr.write(f"tape miss: {self.command} {self.path} {json.dumps(body)}\n")
                return self.reply(404, {"detail": "Not Found"}, {"X-Tape-Miss": "1"})
            self.reply(answer["status"], answer["response"])

        def authorized(self):
            header = self.headers.get("Authorization", "")
            if not header.startswith("Basic "):
                return False
            try:
                user, _, given = base64.b64decode(header[6:]).decode().partition(":")
            except ValueError:
                return False
            return given == password

        def forward(self, url, query, body, raw):
            request = urllib.request.Request(upstream + self.path, data=raw or None, method=self.command)
            for name in ("Authorization", "Content-Type", "Accept"):
                if self.headers.get(name):
                    request.add_header(name, self.headers[name])
            try:
                with urllib.request.urlopen(request, timeout=120) as response:
                    status, data = response.status, response.read()
            except urllib.error.HTTPError as error:
                status, data = error.code, error.read()
            answer = parse_body(data)
            with recorded["lock"]:
                recorded["exchanges"].append({"method": self.command, "path": url.path, "query": query,
                                              "body": body, "status": status, "response": answer})
                with open(path, "w") as out:
                    json.dump(recorded["exchanges"], out, indent=1, sort_keys=True)
                    out.write("\n")
            self.reply(status, answer, {"WWW-Authenticate": "Basic"} if status == 401 else None)

        do_GET = do_POST = do_PUT = do_DELETE = handle_any

    return Handler


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "record" and len(sys.argv) == 5:
        port, upstream, path = int(sys.argv[2]), sys.argv[3].rstrip("/"), sys.argv[4]
        recorded = {"exchanges": [], "lock": threading.Lock()}
        server = ThreadingHTTPServer(("127.0.0.1", port), handler("record", upstream=upstream, path=path,
                                                                 recorded=recorded))
    elif mode == "replay" and len(sys.argv) in (4, 5):
        with open(sys.argv[3]) as tape_file:
            tape = Tape(json.load(tape_file))
        password = sys.argv[4] if len(sys.argv) == 5 else None
        server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), handler("replay", tape=tape,
                                                                             password=password))
    else:
        sys.exit(__doc__)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
