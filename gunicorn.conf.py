"""gunicorn settings: `gunicorn newsarchive.wsgi` reads this file from the project folder.

Django's own configuration stays in newsarchive/settings.py; these are the server's knobs.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# Load the app once in the master, then fork: workers share the imported code's memory.
preload_app = True
timeout = 30
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that no slow leak can grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
# Trust X-Forwarded-* only from the load balancer in front of us.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
