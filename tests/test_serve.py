"""``deck serve`` as a user runs it: serves on loopback, reloads pages, shows errors in the page."""

from __future__ import annotations

import http.client
import os
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import stop_process

from generator.live.serve import EVENTS_PATH, inject, is_local_host

ROOT = Path(__file__).resolve().parent.parent
DECK = "title: Served deck\nslides:\n  - title: {title}\n    bullets: [A point]\n"
TIMEOUT = 30.0


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


class Server:
    """``python -m generator serve`` on a free port, with its URL read from its output."""

    def __init__(self, cwd: Path, *args: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", *args,
                                      "--port", "0"], cwd=cwd, env=env, text=True,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     stdin=subprocess.DEVNULL)
        self.lines: queue.Queue[str] = queue.Queue()
        for stream in (self.proc.stdout, self.proc.stderr):
            threading.Thread(target=self._read, args=(stream,), daemon=True).start()
        line = self.wait_for("serving on")
        self.url = re.search(r"serving on (http://127\.0\.0\.1:\d+/)", line)[1]

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = TIMEOUT) -> str:
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                continue
            if text in line:
                return line
            seen.append(line)
        raise AssertionError(f"no line with {text!r} within {timeout} s; got {seen}")

    def stop(self) -> int:
        return stop_process(self.proc)


class Events:
    """The server's event stream, read in a thread: each ``event:`` name lands in ``names``."""

    def __init__(self, url: str, since: int) -> None:
        parts = urlsplit(url)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
        self.conn.request("GET", f"{EVENTS_PATH}?since={since}")
        self.response = self.conn.getresponse()
        self.names: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            for raw in self.response:
                line = raw.decode().strip()
                if line.startswith("event:"):
                    self.names.put(line.split(":", 1)[1].strip())
        except (OSError, ValueError):
            pass

    def next(self, timeout: float = TIMEOUT) -> str:
        return self.names.get(timeout=timeout)


@pytest.fixture
def served(tmp_path):
    deck = tmp_path / "talk.yaml"
    deck.write_text(DECK.format(title="First title"), encoding="utf-8")
    server = Server(tmp_path, "talk.yaml")
    yield deck, server
    assert server.stop() == 0


def page_version(html: str) -> int:
    return int(re.search(r"\?since=(\d+)", html)[1])


@pytest.mark.slow  # each test starts a server process
class DescribeDeckServe:
    def it_serves_the_deck_on_loopback_with_the_reload_script(self, served):
        _, server = served
        html = fetch(server.url)
        assert server.url.startswith("http://127.0.0.1:")
        assert "First title" in html
        assert re.search(r'<script>window.DECK_LIVE_RELOAD_URL = "/__events\?since=\d+";'
                         "</script>", html)
        assert html.index("DECK_LIVE_RELOAD_URL") < html.index("EventSource")

    def it_tells_open_pages_to_reload_after_a_rebuild(self, served):
        deck, server = served
        events = Events(server.url, page_version(fetch(server.url)))
        deck.write_text(DECK.format(title="Second title"), encoding="utf-8")
        assert events.next() == "reload"
        assert "Second title" in fetch(server.url)

    def it_shows_a_broken_edit_as_an_overlay_over_the_last_good_deck(self, served):
        deck, server = served
        events = Events(server.url, page_version(fetch(server.url)))
        deck.write_text("title: Served deck\nslides:\n  - titel: x\n", encoding="utf-8")
        assert events.next() == "reload"
        html = fetch(server.url)
        assert 'id="deck-live-error"' in html
        assert "talk.yaml:3:5: slide 1: unknown key &#x27;titel&#x27; in a slide" in html
        assert "First title" in html
        deck.write_text(DECK.format(title="Fixed title"), encoding="utf-8")
        assert events.next() == "reload"
        html = fetch(server.url)
        assert "Fixed title" in html and 'id="deck-live-error"' not in html

    def it_answers_404_for_an_unknown_page(self, served):
        _, server = served
        with pytest.raises(urllib.error.HTTPError) as caught:
            fetch(server.url + "nothing.html")
        assert caught.value.code == 404


class DescribeTheHostCheck:
    @pytest.mark.parametrize("host, local", [
        ("127.0.0.1:8000", True), ("localhost:8000", True), ("LOCALHOST", True),
        ("[::1]:9000", True), ("127.0.0.1", True), ("evil.example:8000", False),
        ("localhost.evil.example", False), ("127.0.0.1.nip.io:8000", False),
        ("localhost:80x", False), ("", False), (None, False)])
    def it_takes_only_loopback_names_with_any_port(self, host, local):
        assert is_local_host(host) is local

    @pytest.mark.slow
    def it_refuses_a_foreign_host_header_with_403(self, served):
        _, server = served
        parts = urlsplit(server.url)
        for host, status in (("attacker.example", 403), (parts.netloc, 200),
                             (f"localhost:{parts.port}", 200)):
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            connection.request("GET", "/talk.html", headers={"Host": host})
            response = connection.getresponse()
            body = response.read()
            connection.close()
            assert response.status == status, host
            assert (b"First title" in body) == (status == 200)


class DescribeInjection:
    def it_widens_a_deck_s_policy_for_the_scripts_it_adds_and_the_reload_connection(self):
        from generator.html.render import with_content_security_policy

        page = with_content_security_policy(
            '<head><meta charset="utf-8"></head><body><script>go()</script></body>')
        served = inject(page, 3, ())
        policy = re.search(r'Content-Security-Policy" content="([^"]*)"', served)[1]
        scripts = re.findall(r"<script>(.*?)</script>", served, re.S)
        assert len(scripts) == 3 and served.count("Content-Security-Policy") == 1
        import base64
        import hashlib

        hashes = [base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()
                  for s in scripts]
        assert all(f"'sha256-{h}'" in policy for h in hashes)
        assert policy.endswith("; connect-src 'self'")

    def it_sets_the_reload_url_before_the_decks_own_script(self):
        html = inject("<html><head></head><body><script>go()</script></body></html>", 4, ())
        assert html.startswith('<html><head><script>window.DECK_LIVE_RELOAD_URL = '
                               '"/__events?since=4";</script>\n</head><body><script>go()</script>'
                               "<script>(function () {")
        assert html.endswith("</script>\n</body></html>")

    def it_leaves_reloading_to_a_deck_script_that_reads_the_url(self):
        page = "<body><script>new EventSource(window.DECK_LIVE_RELOAD_URL)</script></body>"
        assert inject(page, 2, ()).count("EventSource") == 1

    def it_escapes_error_messages_in_the_overlay(self):
        html = inject("<body></body>", 1, ("deck.yaml:1:2: <b>bad</b>",))
        assert "deck.yaml:1:2: &lt;b&gt;bad&lt;/b&gt;</div>" in html
