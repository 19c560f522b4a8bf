"""A small Language Server Protocol client for tests: drives a real server over stdio.

JSON-RPC messages framed by a Content-Length header (LSP's base protocol). One thread reads the
server's stdout into a queue, one drains stderr (a full pipe would stall the server); the test's
own thread sends, answers the server's requests, and waits. Only what an editor needs to open a
document and ask for diagnostics and completions is here.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

Message = dict[str, Any]


def encode(message: Message) -> bytes:
    """One framed message: the header, a blank line, the UTF-8 JSON body."""
    body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_message(stream: IO[bytes]) -> Message | None:
    """The next framed message from `stream`, or None at the end of the stream."""
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    if length is None:
        raise ValueError("LSP message without a Content-Length header")
    body = stream.read(length)
    if len(body) < length:
        return None
    decoded: Message = json.loads(body.decode("utf-8"))
    return decoded


class ServerError(AssertionError):
    """The server answered a request with an error, died, or stayed silent too long."""


class LanguageServer:
    """A language server subprocess, always killed on exit (use it as a context manager).

    `settings` answers the server's workspace/configuration requests by section, as an editor
    answers from its user settings.
    """

    def __init__(
        self, command: Sequence[str], cwd: Path, settings: dict[str, Any], timeout: float = 60
    ) -> None:
        self.settings = settings
        self.timeout = timeout
        self.notifications: list[Message] = []
        self.requests_from_server: list[Message] = []
        self._responses: dict[int, Message] = {}
        self._inbox: queue.Queue[Message | None] = queue.Queue()
        self._stderr: list[bytes] = []
        self._next_id = 0
        self._proc = subprocess.Popen(
            list(command),
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert self._proc.stdout is not None and self._proc.stderr is not None
        self._threads = [
            threading.Thread(target=self._read_stdout, args=(self._proc.stdout,), daemon=True),
            threading.Thread(target=self._read_stderr, args=(self._proc.stderr,), daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    # --- the two reader threads ------------------------------------------------------------

    def _read_stdout(self, stream: IO[bytes]) -> None:
        try:
            while (message := read_message(stream)) is not None:
                self._inbox.put(message)
        except (ValueError, OSError) as exc:  # garbage on stdout: the test says what it was
            self._stderr.append(f"[lsp client] unreadable server output: {exc}\n".encode())
        finally:
            self._inbox.put(None)

    def _read_stderr(self, stream: IO[bytes]) -> None:
        for line in stream:
            self._stderr.append(line)

    # --- sending ---------------------------------------------------------------------------

    def _send(self, message: Message) -> None:
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.write(encode({"jsonrpc": "2.0", **message}))
            self._proc.stdin.flush()
        except OSError as exc:
            raise ServerError(f"cannot write to the server ({exc}){self.log()}") from None

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float | None = None) -> Any:
        """Send a request and wait for its answer; the result, or ServerError."""
        self._next_id += 1
        request_id = self._next_id
        self._send({"id": request_id, "method": method, "params": params})
        self._pump_until(lambda: request_id in self._responses, f"an answer to {method}", timeout)
        answer = self._responses.pop(request_id)
        if "error" in answer:
            raise ServerError(f"{method} failed: {answer['error']}{self.log()}")
        return answer.get("result")

    # --- receiving -------------------------------------------------------------------------

    def _handle(self, message: Message) -> None:
        if "method" in message and "id" in message:  # a request from the server
            self.requests_from_server.append(message)
            self._send({"id": message["id"], "result": self._answer(message)})
        elif "method" in message:
            self.notifications.append(message)
        else:
            self._responses[message["id"]] = message

    def _answer(self, request: Message) -> Any:
        if request["method"] == "workspace/configuration":
            items = request.get("params", {}).get("items", [])
            return [self.settings.get(item.get("section", "")) for item in items]
        return None  # registerCapability, workDoneProgress/create: accepted, nothing to say

    def _pump_until(self, done: Callable[[], bool], what: str, timeout: float | None) -> None:
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while not done():
            left = deadline - time.monotonic()
            if left <= 0:
                raise ServerError(f"no {what} within {timeout or self.timeout:g}s{self.log()}")
            try:
                message = self._inbox.get(timeout=min(left, 0.5))
            except queue.Empty:
                continue
            if message is None:
                self._inbox.put(None)  # stays ended for the next wait
                raise ServerError(f"the server ended while waiting for {what}{self.log()}")
            self._handle(message)

    def wait_for(
        self, method: str, match: Callable[[Any], bool], what: str, timeout: float | None = None
    ) -> Any:
        """The params of the first notification `method` (received before or after this call)
        that `match` accepts."""
        found: list[Any] = []

        def seen() -> bool:
            found[:] = [
                n.get("params")
                for n in self.notifications
                if n["method"] == method and match(n.get("params"))
            ]
            return bool(found)

        self._pump_until(seen, what, timeout)
        return found[0]

    def settle(self, quiet: float = 2.0) -> None:
        """Handle whatever the server sends until it has been quiet for `quiet` seconds."""
        while True:
            try:
                message = self._inbox.get(timeout=quiet)
            except queue.Empty:
                return
            if message is None:
                self._inbox.put(None)
                return
            self._handle(message)

    def diagnostics(self, uri: str) -> list[Any] | None:
        """The diagnostics of the last publishDiagnostics for `uri`, None if none came yet."""
        published = [
            n["params"]["diagnostics"]
            for n in self.notifications
            if n["method"] == "textDocument/publishDiagnostics" and n["params"]["uri"] == uri
        ]
        return published[-1] if published else None

    def log(self) -> str:
        """What the server said on the side (stderr, window/logMessage), for failure messages."""
        lines = [line.decode("utf-8", "replace").rstrip() for line in self._stderr]
        lines += [
            str(n.get("params", {}).get("message", ""))
            for n in self.notifications
            if n["method"] in ("window/logMessage", "window/showMessage")
        ]
        return "\nserver log:\n" + "\n".join(lines[-40:]) if lines else ""

    # --- the end: always killed ------------------------------------------------------------

    def close(self) -> None:
        """Ask politely (shutdown, exit), then kill: the server never outlives the test."""
        try:
            if self._proc.poll() is None:
                self.request("shutdown", None, timeout=10)
                self.notify("exit", None)
                self._proc.wait(timeout=5)
        except (ServerError, subprocess.TimeoutExpired):
            pass
        finally:
            if self._proc.poll() is None:
                self._proc.kill()
            self._proc.wait()
            for pipe in (self._proc.stdin, self._proc.stdout, self._proc.stderr):
                if pipe is not None:
                    pipe.close()
            for thread in self._threads:
                thread.join(timeout=5)

    def __enter__(self) -> LanguageServer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
