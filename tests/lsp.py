"""A minimal Language Server Protocol client over stdio, enough to open YAML files in
yaml-language-server and collect the diagnostics it publishes (the test of the editor
schemas drives the real server with it)."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]


def find_server() -> list[str] | None:
    """The command that starts yaml-language-server, if it is installed: the
    ``YAML_LANGUAGE_SERVER`` variable, ``.ci/node`` (where ``.ci/run`` installs it), or
    the PATH."""
    named = os.environ.get("YAML_LANGUAGE_SERVER")
    candidates = [Path(named)] if named else []
    candidates.append(REPO_ROOT / ".ci" / "node" / "node_modules" / ".bin" /
                      "yaml-language-server")
    found = shutil.which("yaml-language-server")
    if found:
        candidates.append(Path(found))
    for path in candidates:
        if path.is_file() and shutil.which("node"):
            return [str(path), "--stdio"]
    return None


class LanguageClient:
    """One server process; requests are answered in order, notifications collected."""

    def __init__(self, command: list[str], root: Path) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {
            "processId": os.getpid(), "rootUri": root.as_uri(),
            "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            "capabilities": {"textDocument": {"publishDiagnostics": {}},
                             "workspace": {"configuration": True}}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration",
                    {"settings": {"yaml": {"validate": True, "schemaStore": {"enable": False}}}})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
            self.messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any], timeout: float = 60) -> Any:
        self.next_id += 1
        wanted = self.next_id
        self._send({"id": wanted, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while True:
            message = self._next(deadline)
            if message.get("id") == wanted and "method" not in message:
                return message.get("result")

    def _next(self, deadline: float) -> dict[str, Any]:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("yaml-language-server svarade inte i tid")
        message = self.messages.get(timeout=left)
        self._handle(message)
        return message

    def _handle(self, message: dict[str, Any]) -> None:
        method = message.get("method")
        if method == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif method is not None and "id" in message:
            # a request from the server: configuration gets our settings, others null
            result: Any = None
            if method == "workspace/configuration":
                result = [{"validate": True, "schemaStore": {"enable": False}}
                          for _ in message["params"].get("items", [])]
            self._send({"id": message["id"], "result": result})

    def diagnose(self, path: Path, timeout: float = 60) -> list[dict[str, Any]]:
        """Open ``path`` and wait for the diagnostics the server publishes for it."""
        uri = path.as_uri()
        self.diagnostics.pop(uri, None)
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1,
            "text": path.read_text("utf-8")}})
        deadline = time.monotonic() + timeout
        while uri not in self.diagnostics:
            try:
                self._next(deadline)
            except queue.Empty:
                raise TimeoutError(f"inga diagnoser för {path}") from None
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        return self.diagnostics[uri]

    def close(self) -> None:
        try:
            self.request("shutdown", {}, timeout=10)
            self.notify("exit", {})
            self.process.wait(timeout=10)
        except (TimeoutError, OSError, subprocess.TimeoutExpired, queue.Empty):
            self.process.kill()
            self.process.wait()
