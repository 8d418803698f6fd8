"""A real database outage: gunicorn serving the site through a TCP relay to PostgreSQL, the
relay cut (open connections dropped, new ones refused) and then restored on the same port.

The site must answer 503 with its own page while the database is away and serve normally as
soon as it is back, without a restart (``CONN_HEALTH_CHECKS`` replaces the dead connection).
"""

import contextlib
import http.client
import os
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

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"
    ),
    pytest.mark.django_db(transaction=True),  # the server's own connection must see the data
]


class Relay:
    """Forwards a local port to PostgreSQL until ``cut()``; ``restore()`` listens again."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = 0
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.restore()

    def restore(self):
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self):
        with self.lock:
            for sock in [self.listener, *self.sockets]:
                with contextlib.suppress(OSError):  # already closed by the other side
                    sock.shutdown(socket.SHUT_RDWR)  # also wakes the accept() blocked on it
                sock.close()
            self.sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            upstream = socket.create_connection(self.target)
            with self.lock:
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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
    port = free_port()
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
        "GUNICORN_BIND": f"127.0.0.1:{port}",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsarchive.wsgi", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "no gunicorn"
                time.sleep(0.2)
        yield relay, port, server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
        relay.cut()


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
