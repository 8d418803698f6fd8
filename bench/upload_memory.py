"""Peak memory of a gunicorn worker handling the largest uploads allowed, stored on S3.

    .venv/bin/python bench/upload_memory.py

Starts moto's S3 server and one gunicorn worker (production settings, SQLite in a temporary
folder, media in a bucket), signs in to the admin and uploads, each to a fresh worker:

- a JPEG at the upload size limit (MAX_IMAGE_UPLOAD_BYTES);
- a JPEG, a square PNG and a tall PNG at the pixel limit (MAX_IMAGE_PIXELS), and a WebP at
  its quarter of it, in RGBA where the format allows it, the costliest pixels to decode;
- the 7,745 x 7,745 PNG of the hardening report (refused when over the pixel limit).

The upload is streamed from disk as a browser would send it. For each it prints the
outcome, the worker's resident memory before the upload and its peak (VmHWM) after.
"""

import http.cookiejar
import io
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.serve import ROOT, Server, free_port, production_environment

USER, PASSWORD = "bench-editor", "bench-password-8451"
MAX_UPLOAD_BYTES = int(os.environ.get("MAX_IMAGE_UPLOAD_BYTES", 15 * 1024 * 1024))


def max_image_pixels() -> int:
    code = "from django.conf import settings; print(settings.MAX_IMAGE_PIXELS)"
    return int(manage(["shell", "-c", code], production_environment()).split()[-1])


def manage(arguments: list[str], environment: dict[str, str]) -> str:
    command = [sys.executable, str(ROOT / "manage.py"), *arguments]
    return subprocess.run(
        command, env=environment, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def s3_server(folder: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=(folder / "moto.log").open("w"),
    )
    endpoint = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(endpoint, timeout=1)
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            time.sleep(0.1)
    return process, endpoint


def jpeg_at_size_limit(path: Path) -> str:
    """Noise compresses badly: a JPEG just under the byte limit with modest pixel counts."""
    from PIL import Image

    def noise_jpeg(width: int, height: int) -> bytes:
        noise = Image.frombytes("RGB", (width, height), random.randbytes(width * height * 3))
        buffer = io.BytesIO()
        noise.save(buffer, "JPEG", quality=95)
        return buffer.getvalue()

    width = 3000
    bytes_per_row = len(noise_jpeg(width, 200)) / 200
    height = int(MAX_UPLOAD_BYTES * 0.98 / bytes_per_row)
    data = noise_jpeg(width, height)
    while len(data) > MAX_UPLOAD_BYTES:
        height -= 50
        data = noise_jpeg(width, height)
    path.write_bytes(data)
    limit = MAX_UPLOAD_BYTES / 2**20
    return f"JPEG {width} x {height}, {len(data) / 2**20:.1f} MB (limit {limit:.0f} MB)"


def picture_at(path: Path, size: tuple[int, int], image_format: str, mode: str) -> str:
    from PIL import Image

    small = Image.effect_mandelbrot((320, 240), (-2, -1.2, 1, 1.2), 80).convert(mode)
    small.resize(size, Image.Resampling.BILINEAR).save(path, image_format)
    return f"{image_format} {mode} {size[0]} x {size[1]}, {path.stat().st_size / 2**20:.1f} MB"


def multipart(path: Path, fields: dict[str, str], upload: Path) -> tuple[Path, str]:
    boundary = uuid.uuid4().hex
    with path.open("wb") as body:
        for name, value in fields.items():
            body.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{upload.name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
        )
        with upload.open("rb") as picture:
            while chunk := picture.read(1024 * 1024):
                body.write(chunk)
        body.write(f"\r\n--{boundary}--\r\n".encode())
    return path, f"multipart/form-data; boundary={boundary}"


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def worker_memory_mb(server: Server) -> dict[str, float]:
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    (pid,) = children.read_text().split()
    status = Path(f"/proc/{pid}/status").read_text()
    return {
        key: int(re.search(rf"{key}:\s+(\d+)", status).group(1)) / 1024
        for key in ("VmRSS", "VmHWM")
    }


def measure(environment: dict[str, str], picture: Path, folder: Path) -> str:
    with Server("newsarchive.wsgi", environment, workers=1) as server:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        login = f"{server.base}/admin/login/?next=/admin/"
        token = csrf_token(opener.open(login).read().decode())
        fields = {"csrfmiddlewaretoken": token, "username": USER, "password": PASSWORD}
        opener.open(login, urllib.parse.urlencode(fields).encode()).read()
        add = f"{server.base}/admin/articles/image/add/"
        token = csrf_token(opener.open(add).read().decode())
        before = worker_memory_mb(server)["VmRSS"]
        fields = {"csrfmiddlewaretoken": token, "alt_text": "Bench", "credit": "Bench"}
        body, content_type = multipart(folder / "body", fields, picture)
        with body.open("rb") as stream:
            request = urllib.request.Request(
                add,
                data=stream,
                headers={"Content-Type": content_type, "Content-Length": str(body.stat().st_size)},
            )
            started = time.monotonic()
            response = opener.open(request, timeout=300)
            html = response.read().decode()
            seconds = time.monotonic() - started
        if response.url.endswith("/admin/articles/image/"):
            outcome = "stored"
        else:
            errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*><li>(.*?)</li>', html)
            outcome = f"refused: {errors[0] if errors else 'no error shown'}"
        memory = worker_memory_mb(server)
    return (
        f"  {outcome} in {seconds:.1f} s; worker {before:.0f} MB before, "
        f"peak {memory['VmHWM']:.0f} MB"
    )


def main():
    pixel_limit = max_image_pixels()
    with tempfile.TemporaryDirectory(prefix="upload-memory-") as name:
        folder = Path(name)
        moto, endpoint = s3_server(folder)
        try:
            import boto3

            bucket = "bench-media"
            boto3.client(
                "s3",
                endpoint_url=endpoint,
                region_name="us-east-1",
                aws_access_key_id="bench",
                aws_secret_access_key="bench",
            ).create_bucket(Bucket=bucket)
            environment = production_environment(
                DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
                CACHE_URL="locmemcache://",
                AWS_STORAGE_BUCKET_NAME=bucket,
                AWS_S3_ENDPOINT_URL=endpoint,
                AWS_S3_REGION_NAME="us-east-1",
                AWS_ACCESS_KEY_ID="bench",
                AWS_SECRET_ACCESS_KEY="bench",
                AWS_S3_CUSTOM_DOMAIN="media.bench.example",
                SECURE_SSL_REDIRECT="false",
                SESSION_COOKIE_SECURE="false",
                CSRF_COOKIE_SECURE="false",
                STATIC_ROOT=str(folder / "static"),
            )
            manage(["collectstatic", "--noinput", "-v0"], environment)
            manage(["migrate", "--noinput"], environment)
            create = (
                "from articles.models import User; "
                f"User.objects.create_superuser({USER!r}, 'bench@example.com', {PASSWORD!r})"
            )
            manage(["shell", "-c", create], environment)
            side = int(pixel_limit**0.5)
            cases = [
                (lambda path: jpeg_at_size_limit(path), "limit.jpg"),
                (lambda path: picture_at(path, (side, side), "JPEG", "RGB"), "square.jpg"),
                (lambda path: picture_at(path, (side, side), "PNG", "RGBA"), "square.png"),
                (
                    lambda path: picture_at(path, (1600, pixel_limit // 1600), "PNG", "RGBA"),
                    "tall.png",
                ),
                (lambda path: picture_at(path, (side // 2, side // 2), "WEBP", "RGBA"), "a.webp"),
                (lambda path: picture_at(path, (7745, 7745), "PNG", "RGB"), "report.png"),
            ]
            print(f"MAX_IMAGE_PIXELS {pixel_limit:,}; one sync gunicorn worker; media on S3 (moto)")
            for make, filename in cases:
                picture = folder / filename
                print(make(picture))
                print(measure(environment, picture, folder))
                picture.unlink()
        finally:
            moto.terminate()
            moto.wait(timeout=10)


if __name__ == "__main__":
    main()
