#!/usr/bin/env python3
"""What a fake container runs. With a port (web): listens at once like docker's userland proxy,
closing connections until the app has "booted" (FAKE_APP_BOOT_SECONDS), then answers every request
with 200 and JSON of its environment and mounted secret files. Without a port (worker): idles.
On SIGTERM it finishes its current task (FAKE_TASK_SECONDS) and exits; the container record
notes whether it drained. FAKE_APP_EXIT_AFTER_SECONDS: it crashes (exit 1) that long after
starting; a comma-separated list gives each start of the container its own (the n-th start
crashes after the n-th value, 0 or a start past the list: it keeps running).
FAKE_APP_RESPONSE_SECONDS: each answer takes that long (a hanging dependency)."""
import json
import os
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] else None
record = os.environ["FAKE_CONTAINER_RECORD"]
mounts = json.loads(os.environ.get("FAKE_MOUNTS", "{}"))
boot_seconds = float(os.environ.get("FAKE_APP_BOOT_SECONDS", "0"))
task_seconds = float(os.environ.get("FAKE_TASK_SECONDS", "0"))
exit_after_setting = os.environ.get("FAKE_APP_EXIT_AFTER_SECONDS", "0")
response_seconds = float(os.environ.get("FAKE_APP_RESPONSE_SECONDS", "0"))
hidden = {"FAKE_CONTAINER_RECORD", "FAKE_MOUNTS", "FAKE_APP_BOOT_SECONDS", "FAKE_TASK_SECONDS", "FAKE_APP_EXIT_AFTER_SECONDS",
          "FAKE_APP_RESPONSE_SECONDS", "PATH"}


def note(**fields):
    with open(record + ".events", "a") as f:
        f.write(json.dumps({"time": time.time(), **fields}) + "\n")


def secret_files():
    files = {}
    for target, source in mounts.items():
        # The secrets by name (/run/secrets/<NAME>); the hidden .current link and .v-* versions behind them aside.
        for name in sorted(n for n in os.listdir(source) if not n.startswith(".")) if os.path.isdir(source) else []:
            with open(os.path.join(source, name)) as f:
                files[f"{target}/{name}"] = f.read()
    return files


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        time.sleep(response_seconds)
        body = json.dumps({"env": {k: v for k, v in os.environ.items() if k not in hidden}, "files": secret_files(),
                           "path": self.path, "host": self.headers.get("Host")}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args):
        pass


stopping = threading.Event()


def on_term(*_):
    note(event="sigterm")
    stopping.set()


signal.signal(signal.SIGTERM, on_term)
def earlier_starts():
    try:
        with open(record + ".events") as f:
            return sum(1 for line in f if json.loads(line).get("event") == "started")
    except FileNotFoundError:
        return 0


if "," in exit_after_setting:
    each_start = [float(value) for value in exit_after_setting.split(",")]
    start = earlier_starts()
    exit_after = each_start[start] if start < len(each_start) else 0
else:
    exit_after = float(exit_after_setting)
note(event="started")
if exit_after:
    def crash():
        note(event="crashed")
        os._exit(1)
    threading.Timer(exit_after, crash).start()
server = None
if port:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(64)
    listener.settimeout(0.05)
    ready_at = time.time() + boot_seconds
    while time.time() < ready_at and not stopping.is_set():
        try:
            conn, _ = listener.accept()
            conn.close()  # the proxy accepts, the app is not there yet
        except socket.timeout:
            pass
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler, bind_and_activate=False)
    server.socket.close()
    listener.settimeout(None)
    server.socket = listener
    threading.Thread(target=server.serve_forever, daemon=True).start()
    note(event="ready")
while not stopping.is_set():
    stopping.wait(0.1)
if server:
    server.shutdown()
time.sleep(task_seconds)
note(event="drained")
