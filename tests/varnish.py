"""Varnish for real, with the shipped VCL, in front of a server the tests start."""

import json
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

VCL = Path(__file__).resolve().parent.parent / "deploy" / "varnish" / "default.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def varnish_installed() -> bool:
    return Path(VARNISHD).exists()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def vcl_for(backend_port: int, purgers: tuple[str, ...] = ('"127.0.0.1"', '"::1"')) -> str:
    """The shipped VCL with the backend and the purge list a deployment would edit."""
    vcl = VCL.read_text()
    vcl = re.sub(r'\.port = "\d+";', f'.port = "{backend_port}";', vcl, count=1)
    entries = "".join(f"    {address};\n" for address in purgers)
    return re.sub(r"acl purgers \{[^}]*\}", lambda _: f"acl purgers {{\n{entries}}}", vcl)


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    text: str


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirects)


class Varnish:
    """varnishd in the foreground on a free port, stopped by ``stop()``."""

    def __init__(self, workdir: Path, backend_port: int, *, port: int = 0, **vcl_options):
        """Start it once the backend is up: a backend that fails its first probes is "sick"
        and answered with 503s until enough probes pass."""
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.name = str(workdir / "n")
        workdir.mkdir(parents=True, exist_ok=True)
        vcl = workdir / "site.vcl"
        vcl.write_text(vcl_for(backend_port, **vcl_options))
        self.process = subprocess.Popen(
            [
                VARNISHD,
                "-F",
                "-j",
                "none",
                "-n",
                self.name,
                "-T",
                "none",
                "-a",
                f"127.0.0.1:{self.port}",
                "-f",
                str(vcl),
                "-s",
                "malloc,32m",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("varnishd did not start")

    def request(self, path: str, *, method: str = "GET", headers=None) -> Response:
        request = urllib.request.Request(self.url + path, method=method, headers=headers or {})
        try:
            with OPENER.open(request, timeout=30) as response:
                body = response.read()
                return Response(response.status, dict(response.headers), body.decode())
        except urllib.error.HTTPError as error:
            return Response(error.code, dict(error.headers), error.read().decode())

    def counters(self) -> dict[str, int]:
        """Varnish's own counters (``varnishstat``), by name without the ``MAIN.`` prefix."""
        output = subprocess.run(
            [shutil.which("varnishstat") or "/usr/bin/varnishstat", "-n", self.name, "-1", "-j"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
        data = json.loads(output)
        data = data.get("counters", data)  # the JSON layout of Varnish 6.5 and later
        return {
            name.removeprefix("MAIN."): entry["value"]
            for name, entry in data.items()
            if isinstance(entry, dict) and "value" in entry
        }

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
