"""Import throughput: N pages with their pictures, from one web archive, into the database.

python bench/import_throughput.py [--pages 10000] [--workers 2] [--keep DIR] [--corpus DIR]

The pages are the shared corpus's, each copied under its own address (and so its own canonical
URL) with its dates moved by a few years; every picture a page names is in the archive as a
small JPEG of its own. The archive is built first (not timed), then ``import_article --workers``
runs against DATABASE_URL (use PostgreSQL: postgres://postgres@127.0.0.1:5432/na_import_bench;
the database is migrated, and emptied of articles and pictures first). Prints pages per second
and the peak RSS of the command and of each worker process, and the CPU time per page of the
command, its workers and (on PostgreSQL on this machine) the database server processes serving it.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsarchive.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from django.conf import settings  # noqa: E402
from PIL import Image as PILImage  # noqa: E402
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from articles.importer.reading import ImportRefused, parse_page  # noqa: E402
from bench.corpora import CORPUS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CANONICAL = re.compile(rb"""<link[^>]+rel=["']?canonical[^>]*>|<meta[^>]+og:url[^>]*>""", re.I)
ISO_DATE = re.compile(rb"\b((?:19|20)\d\d)-(\d\d)-(\d\d)")
HEAD = re.compile(rb"<head[^>]*>", re.I)


def corpus(root: Path = CORPUS) -> list[tuple[str, bytes, list[str]]]:
    """Corpus pages that import, with their pictures' addresses as written relative to a base."""
    pages = []
    for folder in sorted(root.iterdir()):
        source = folder / "source.html"
        if not source.is_file():
            continue
        html = CANONICAL.sub(b"", source.read_bytes())
        base = f"https://archive.example.org/0/{folder.name}/"
        try:
            parsed = parse_page(html, base_url=base)
        except ImportRefused:
            continue
        pages.append((folder.name, html, [image.src for image in parsed.images]))
    return pages


def picture(number: int) -> bytes:
    buffer = io.BytesIO()
    colour = (number * 37 % 256, number * 91 % 256, number * 53 % 256)
    PILImage.new("RGB", (320, 200), colour).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def build_archive(path: Path, count: int, *, root: Path = CORPUS) -> tuple[int, int]:
    """Write ``count`` page captures and their pictures; returns (pages, pictures)."""
    pages = corpus(root)
    written_pictures: set[str] = set()
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for number in range(count):
            name, html, sources = pages[number % len(pages)]
            url = f"https://archive.example.org/{number}/{name}/"
            html = moved(html, years=4 * (number // len(pages) % 5), canonical=url)
            day = 1 + number % 28
            record(writer, url, "text/html; charset=utf-8", html, f"2024-02-{day:02}T12:00:00Z")
            for src in sources:
                src = urljoin(url, src.replace(f"https://archive.example.org/0/{name}/", ""))
                if src in written_pictures:
                    continue
                written_pictures.add(src)
                data = picture(len(written_pictures))
                record(writer, src, "image/jpeg", data, "2024-02-01T12:00:00Z")
    return count, len(written_pictures)


def moved(html: bytes, *, years: int, canonical: str) -> bytes:
    """The page under a new canonical address, its ISO dates ``years`` earlier."""
    html = ISO_DATE.sub(lambda m: b"%d-%s-%s" % (int(m[1]) - years, m[2], m[3]), html)
    link = f'<link rel="canonical" href="{canonical}">'.encode()
    return HEAD.sub(lambda m: m[0] + link, html, count=1)


def record(writer: WARCWriter, url: str, content_type: str, body: bytes, date: str) -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": date},
        )
    )


def peak_rss_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) if match else 0


def private_kb(pid: int) -> int:
    """The memory only this process holds (its unique set, USS): a worker forked from a large
    saving process counts the pages it still shares with it in its RSS (VmHWM), not here."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return sum(int(kb) for kb in re.findall(r"^Private_(?:Clean|Dirty):\s+(\d+) kB", rollup, re.M))


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def database_backends(database: str) -> list[int]:
    """The PostgreSQL server processes serving ``database`` (on this machine), by their titles."""
    title = f" {database} ".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if command.startswith(b"postgres: ") and title in command:
            found.append(int(entry.name))
    return found


def children(pid: int) -> list[int]:
    """The child processes of every thread of ``pid``: the pool's thread forks the workers that
    replace those it retires, and /proc lists a child under the thread that forked it."""
    found = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return []
    for task in tasks:
        try:
            found.extend(int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="Build the archive in this folder and keep it.")
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help=f"The pages to vary (default {CORPUS})."
    )
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="import-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / f"bench-{args.pages}.warc.gz"
    if not archive.exists():
        started = time.monotonic()
        pages, pictures = build_archive(archive, args.pages, root=args.corpus)
        print(
            f"archive: {pages} pages, {pictures} pictures, "
            f"{archive.stat().st_size / 1e6:.0f} MB, built in {time.monotonic() - started:.0f} s"
        )
    environment = {
        **os.environ,
        "MEDIA_ROOT": str(folder / "media"),
        "DEBUG": "false",  # as in production: no query log kept in memory
        "SECRET_KEY": os.environ.get("SECRET_KEY", "import-bench-only"),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=environment, check=True)
    # Every run starts from nothing: no stories, no library pictures (rows and files).
    empty = (
        "from articles.models import Article, Image\n"
        "for model in (Article, Image): model.objects.all().delete()"
    )
    subprocess.run([*manage, "shell", "-c", empty], env=environment, check=True)
    shutil.rmtree(folder / "media", ignore_errors=True)

    command = [*manage, "import_article", "-v0", "--workers", str(args.workers), str(archive)]
    database = settings.DATABASES["default"]
    on_postgresql = database["ENGINE"].endswith("postgresql")
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    process = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, text=True)
    peaks: dict[int, int] = {}
    private: dict[int, int] = {}
    cpu: dict[int, float] = {}
    server_cpu: dict[int, float] = {}
    while process.poll() is None:
        for pid in [process.pid, *children(process.pid)]:
            peaks[pid] = max(peaks.get(pid, 0), peak_rss_kb(pid))
            private[pid] = max(private.get(pid, 0), private_kb(pid))
            cpu[pid] = max(cpu.get(pid, 0.0), cpu_seconds(pid))
        for pid in database_backends(database["NAME"]) if on_postgresql else []:
            server_cpu[pid] = max(server_cpu.get(pid, 0.0), cpu_seconds(pid))
        time.sleep(0.2)
    elapsed = time.monotonic() - started
    summary = process.stdout.read().strip()
    workers = {pid: kb for pid, kb in peaks.items() if pid != process.pid}
    print(summary)
    print(f"load average: {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
    print(f"pages/s: {args.pages / elapsed:.1f} ({args.pages} pages in {elapsed:.0f} s)")
    print(f"peak RSS, command: {peaks.get(process.pid, 0) / 1024:.0f} MB")
    if workers:
        print(
            f"peak RSS, workers ({len(workers)} processes): "
            f"max {max(workers.values()) / 1024:.0f} MB; of it their own (USS): "
            f"max {max(private[pid] for pid in workers) / 1024:.0f} MB"
        )
    # CPU per page does not depend on how busy the machine was, unlike pages per second.
    saving = cpu.get(process.pid, 0.0)
    parsing = sum(seconds for pid, seconds in cpu.items() if pid != process.pid)
    print(
        f"CPU per page: {1000 * saving / args.pages:.0f} ms saving (command), "
        f"{1000 * parsing / args.pages:.0f} ms reading and parsing (workers)"
        + (
            f", {1000 * sum(server_cpu.values()) / args.pages:.0f} ms PostgreSQL's server"
            if server_cpu
            else ""
        )
    )
    if process.returncode:
        sys.exit(process.returncode)


if __name__ == "__main__":
    main()
