"""Serve built HTML decks on loopback and tell open pages to reload (Server-Sent Events)."""

from __future__ import annotations

import html
import json
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from generator.build import BuildResult
from generator.errors import DeckError, SourceError, UsageError

HOST = "127.0.0.1"
DEFAULT_PORT = 8000
EVENTS_PATH = "/__events"
KEEPALIVE_SECONDS = 10.0
OVERLAY_ID = "deck-live-error"


def error_lines(err: DeckError) -> list[str]:
    """The lines a user reads for ``err`` (one per problem, each with ``file:line:col``)."""
    if isinstance(err, SourceError):
        return [str(p) for p in err.problems]
    return [str(err)]


@dataclass
class _DeckState:
    html_file: Path
    errors: tuple[str, ...] = ()


class LiveDecks:
    """What the server shows: each deck's last good HTML, its current errors, a change counter."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.decks: dict[str, _DeckState] = {}
        self.version = 0
        self.changed = threading.Condition()
        self.closing = False

    def publish(self, result: BuildResult) -> None:
        """Record a build result; open pages reload when it changed what they show."""
        name = result.source.stem
        state = self.decks.setdefault(name, _DeckState(self.out_dir / f"{name}.html"))
        state.html_file = next((p for p in result.outputs if p.suffix == ".html"),
                               state.html_file)  # a course's lecture: in an edition's folder
        errors = tuple(error_lines(result.error)) if result.error is not None else ()
        if result.skipped and errors == state.errors:
            return
        state.errors = errors
        with self.changed:
            self.version += 1
            self.changed.notify_all()

    def wait_for_change(self, since: int, timeout: float) -> int:
        """The version once it is newer than ``since`` (or the same after ``timeout`` s)."""
        with self.changed:
            self.changed.wait_for(lambda: self.version > since or self.closing, timeout)
            return self.version

    def close(self) -> None:
        with self.changed:
            self.closing = True
            self.changed.notify_all()

    def page(self, name: str) -> bytes | None:
        """The HTML for deck ``name`` with the live-reload script (and the error overlay)."""
        state = self.decks.get(name)
        if state is None:
            return None
        try:
            text = state.html_file.read_text(encoding="utf-8")
        except OSError:
            text = ("<!doctype html><html><head><meta charset='utf-8'><title>"
                    f"{html.escape(name)}</title></head><body></body></html>")
        return inject(text, self.version, state.errors).encode("utf-8")

    def index(self) -> bytes:
        items = "".join(f'<li><a href="/{html.escape(n)}.html">{html.escape(n)}</a>'
                        f'{" — has errors" if s.errors else ""}</li>'
                        for n, s in sorted(self.decks.items()))
        text = ("<!doctype html><html><head><meta charset='utf-8'><title>Decks</title></head>"
                f"<body><h1>Decks</h1><ul>{items}</ul></body></html>")
        return inject(text, self.version, ()).encode("utf-8")


# For pages whose own script does not handle live reload (index, error page, older decks):
# reloads the page, keeping its #slide hash, on the server's "reload" event.
_RELOAD_SNIPPET = (
    "<script>(function () {\n"
    "  if (!window.EventSource) return;\n"
    "  var source = new EventSource(window.DECK_LIVE_RELOAD_URL);\n"
    "  source.addEventListener('reload', function () { source.close(); location.reload(); });\n"
    "})();</script>\n"
)


def overlay(errors: tuple[str, ...]) -> str:
    """A full-page panel listing the errors of the last build, over the last good deck."""
    items = "\n".join(html.escape(e) for e in errors)
    return (f'<div id="{OVERLAY_ID}" role="alert" style="position:fixed;inset:0;z-index:2147483647;'
            "background:rgba(24,4,4,.92);color:#fff;font:16px/1.5 ui-monospace,Menlo,Consolas,"
            'monospace;padding:2em 3em;overflow:auto;white-space:pre-wrap">'
            '<strong style="color:#ff8a80;font-size:20px">The last edit does not build; showing '
            "the last good version underneath. Fix it and save: this page reloads.</strong>\n\n"
            f"{items}</div>\n")


def inject(text: str, version: int, errors: tuple[str, ...]) -> str:
    """``text`` with ``window.DECK_LIVE_RELOAD_URL`` set before its own scripts, and at the end
    of the body the error overlay (if any) and, unless the page's script connects to that URL
    itself, a snippet that does."""
    url = json.dumps(f"{EVENTS_PATH}?since={version}")
    head = f"<script>window.DECK_LIVE_RELOAD_URL = {url};</script>\n"
    tail = overlay(errors) if errors else ""
    if "DECK_LIVE_RELOAD_URL" not in text:
        tail += _RELOAD_SNIPPET
    lower = text.lower()
    found = [i for i in (lower.find("<script"), lower.find("</head>")) if i >= 0]
    cut = min(found) if found else 0
    text = text[:cut] + head + text[cut:]
    end = text.lower().rfind("</body>")
    text = text + tail if end < 0 else text[:end] + tail + text[end:]
    return _policed(text)


def _policed(text: str) -> str:
    """``text``'s Content-Security-Policy (a deck's; other pages have none) widened for what the
    server added: its scripts (by their hashes) and the live-reload connection back to it."""
    if 'http-equiv="Content-Security-Policy"' not in text:
        return text
    from generator.html.render import with_content_security_policy

    return with_content_security_policy(text, connect="'self'")


LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")


def is_local_host(header: str | None) -> bool:
    """Whether a request's ``Host`` header names this machine's loopback (with any port): a
    page on another site whose name was pointed at 127.0.0.1 (DNS rebinding) names its own."""
    host = (header or "").strip().lower()
    name = host[:host.find("]") + 1] if host.startswith("[") else host.split(":", 1)[0]
    rest = host[len(name):]
    return name in LOCAL_HOSTS and (rest == "" or (rest[0] == ":" and rest[1:].isdigit()))


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass  # the CLI reports builds; request logs would drown them

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        if not is_local_host(self.headers.get("Host")):
            self.reply(b"forbidden: this server answers only http://localhost and "
                       b"http://127.0.0.1\n", HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8")
            return
        url = urlsplit(self.path)
        path = unquote(url.path)
        decks = self.server.decks
        if path == EVENTS_PATH:
            self.events(parse_qs(url.query))
            return
        if path in ("/", "/index.html"):
            if len(decks.decks) == 1:
                name = next(iter(decks.decks))
                self.send_response(HTTPStatus.FOUND)
                self.send_header("Location", f"/{name}.html{'?' + url.query if url.query else ''}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.reply(decks.index())
            return
        body = decks.page(path.strip("/").removesuffix(".html")) if path.endswith(".html") else None
        if body is None:
            self.reply(b"not found\n", HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8")
            return
        self.reply(body)

    def reply(self, body: bytes, status: HTTPStatus = HTTPStatus.OK,
              kind: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def events(self, query: dict[str, list[str]]) -> None:
        decks = self.server.decks
        try:
            since = int(query.get("since", [decks.version])[0])
        except ValueError:
            since = decks.version
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            self.wfile.write(b"retry: 500\n\n")
            self.wfile.flush()
            while not decks.closing:
                version = decks.wait_for_change(since, KEEPALIVE_SECONDS)
                if decks.closing:
                    return
                if version > since:
                    self.wfile.write(f"event: reload\ndata: {version}\n\n".encode())
                    self.wfile.flush()
                    since = version
                else:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], decks: LiveDecks) -> None:
        self.decks = decks
        super().__init__(address, _Handler)


class DeckServer:
    """An HTTP server on loopback, in a background thread, showing ``decks``."""

    def __init__(self, decks: LiveDecks, port: int = DEFAULT_PORT, host: str = HOST) -> None:
        try:
            self.httpd = _Server((host, port), decks)
        except OSError as err:
            raise UsageError(f"cannot listen on {host}:{port}: {err.strerror} (choose another "
                             "port with --port, or --port 0 for any free one)") from err
        self.decks = decks
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="deck-serve",
                                       daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.decks.close()
        self.httpd.shutdown()
        self.httpd.server_close()
