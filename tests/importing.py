"""Helpers for the importer's tests: a local picture server, corpus pages, web archives."""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import socket
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bench.corpora import CORPUS
from tests.factories import jpeg_bytes


@dataclass
class PictureServer:
    """An HTTP server on 127.0.0.1 answering from ``routes``: path -> (status, headers, body)."""

    routes: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    connected_to: list[tuple[str, int]] = field(default_factory=list)
    port: int = 0

    def connector(self, address, timeout):
        """Connect to this server whatever address was asked for (as if it were there)."""
        self.connected_to.append(address)
        return socket.create_connection(("127.0.0.1", self.port), timeout=timeout)


@pytest.fixture
def picture_server():
    state = PictureServer()
    state.routes["/quay.jpg"] = (200, {"Content-Type": "image/jpeg"}, jpeg_bytes((50, 30)))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            state.requests.append(self.path)
            status, headers, body = state.routes.get(self.path, (404, {}, b"not found"))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_port
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def public_picture_server(picture_server, monkeypatch):
    """The picture server, reached as if every host name resolved to a public address."""
    from articles.importer import reading

    monkeypatch.setattr(reading, "system_resolver", lambda host, port: ["93.184.216.34"])
    monkeypatch.setattr(reading, "system_connector", picture_server.connector)
    return picture_server


def corpus_pages(count: int) -> list[tuple[str, bytes]]:
    """``count`` real pages from the shared corpus (directory name, bytes)."""
    found = sorted(path for path in CORPUS.iterdir() if (path / "source.html").is_file())
    return [(path.name, (path / "source.html").read_bytes()) for path in found[:count]]


def write_warc(
    stream,
    records: list[tuple[str, str, bytes, str]],
    *,
    gzip: bool = True,
    revisits: list[tuple[str, str, str, str]] = (),
) -> None:
    """Response records (url, content type, body, WARC date), then revisit records
    (url, date, refers-to url, refers-to date) of earlier responses."""
    writer = WARCWriter(stream, gzip=gzip)
    digests = {}
    for url, content_type, body, date in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": date},
        )
        digests[(url, date)] = record.rec_headers.get_header("WARC-Payload-Digest")
        writer.write_record(record)
    for url, date, refers_to, refers_date in revisits:
        record = writer.create_revisit_record(
            url,
            digests[(refers_to, refers_date)],
            refers_to,
            refers_date,
            http_headers=StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
            ),
        )
        record.rec_headers.replace_header("WARC-Date", date)
        writer.write_record(record)


def write_wacz(path: Path, warc: bytes) -> Path:
    """A WACZ package holding one WARC, with the minimal datapackage.json."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as package:
        package.writestr("archive/data.warc.gz", warc)
        package.writestr(
            "datapackage.json",
            json.dumps(
                {
                    "profile": "data-package",
                    "wacz_version": "1.1.1",
                    "resources": [
                        {
                            "name": "data.warc.gz",
                            "path": "archive/data.warc.gz",
                            "hash": "sha256:" + hashlib.sha256(warc).hexdigest(),
                            "bytes": len(warc),
                        }
                    ],
                }
            ),
        )
    return path
