"""A real database outage: gunicorn serving the site through a TCP relay to PostgreSQL, the
relay cut (open connections dropped, new ones closed as they arrive) and then restored.

The site must answer 503 with its own page while the database is away and serve normally as
soon as it is back, without a restart (``CONN_HEALTH_CHECKS`` replaces the dead connection).
"""

import contextlib
import http.client
import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.workflow_helpers import publishable_article

ROOT = Path(__file__).resolve().parent.parent
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"
    ),
    pytest.mark.django_db(transaction=True),  # the server's own connection must see the data
]


class Relay:
    """Forwards a local port to PostgreSQL. While cut, open connections are dropped and new
    ones closed as soon as they arrive; ``restore()`` forwards again, on the same port."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.is_cut = False
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def cut(self):
        with self.lock:
            self.is_cut = True
            for sock in self.sockets:
                with contextlib.suppress(OSError):  # already closed by the other side
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.sockets.clear()

    def restore(self):
        with self.lock:
            self.is_cut = False

    def close(self):
        self.cut()
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        self.listener.close()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed
            with self.lock:
                if self.is_cut:
                    client.close()
                    continue
                upstream = socket.create_connection(self.target)
                self.sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    @staticmethod
    def _pump(a: socket.socket, b: socket.socket):
        selector = selectors.DefaultSelector()
        selector.register(a, selectors.EVENT_READ, b)
        selector.register(b, selectors.EVENT_READ, a)
        try:
            while True:
                for key, _ in selector.select():
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)
        except OSError:
            return
        finally:
            selector.close()
            a.close()
            b.close()


def get(port: int, path: str) -> tuple[int, str]:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        client.request("GET", path)
        response = client.getresponse()
        return response.status, response.read().decode()
    finally:
        client.close()


@pytest.fixture
def site_through_relay(tmp_path):
    """gunicorn with production settings, its database reached through a ``Relay``."""
    database = settings.DATABASES["default"]
    relay = Relay((database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432)))
    user = database["USER"] or "postgres"
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    environment = {
        **os.environ,
        "DATABASE_URL": f"postgres://{user}{password}@127.0.0.1:{relay.port}/{database['NAME']}",
        "CONN_MAX_AGE": "600",  # one long-lived connection: the outage kills it mid-life
        "CACHE_URL": "locmemcache://",
        "PAGE_CACHE_SECONDS": "0",
        "FRAGMENT_CACHE_SECONDS": "0",
        "DEBUG": "false",
        "SECRET_KEY": "outage-test-secret-key-not-for-production-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(tmp_path / "static"),
        "LOG_LEVEL": "ERROR",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_BIND": "127.0.0.1:0",  # a free port, read back from gunicorn's log
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    log = tmp_path / "gunicorn.log"
    command = [sys.executable, "-m", "gunicorn", "newsarchive.wsgi", "-c", "gunicorn.conf.py"]
    with log.open("wb") as output:
        server = subprocess.Popen(
            [*command, "--log-level", "info"],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 30
        while not (listening := LISTENING.search(log.read_text())):
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "gunicorn did not start within 30 s"
            time.sleep(0.2)
        yield relay, int(listening.group(1)), server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        relay.close()


def test_the_site_answers_503_while_the_database_is_away_and_recovers_without_restart(
    site_through_relay,
):
    relay, port, server = site_through_relay
    article = publishable_article(headline="Harbour reopens after storm")
    pages = ["/", article.get_absolute_url()]
    for path in pages:
        status, html = get(port, path)
        assert status == HTTPStatus.OK, path
    assert "Harbour reopens after storm" in html

    relay.cut()
    for path in pages:
        status, html = get(port, path)
        assert status == HTTPStatus.SERVICE_UNAVAILABLE, path
        assert "back in a moment" in html and settings.SITE_NAME in html
        assert "Traceback" not in html and "OperationalError" not in html

    relay.restore()
    for path in pages:
        status, html = get(port, path)
        assert status == HTTPStatus.OK, path
    assert "Harbour reopens after storm" in html
    assert server.poll() is None  # the same server, never restarted
