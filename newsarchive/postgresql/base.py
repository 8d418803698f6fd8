"""Django's PostgreSQL backend, with a health check that costs no round trip when idle.

``CONN_HEALTH_CHECKS`` makes Django send ``SELECT 1`` before the first query of each request
on a kept connection: a round trip to the server on every page, the personal endpoint's
included. A connection the server has ended (a restart, ``pg_terminate_backend``, an idle
timeout) or whose network path closed has something waiting on its socket while idle: the
server's last message or the end of the stream. A healthy idle connection has nothing there.
So the socket is polled first, without waiting; only when something is waiting does the check
fall back to Django's own ``SELECT 1``, which reads it and decides.
"""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        if self.connection is None or self.connection.closed:
            return False
        if self.connection.info.transaction_status != base.Database.pq.TransactionStatus.IDLE:
            return super().is_usable()  # only an idle connection is quiet when healthy
        try:
            poller = select.poll()  # not select(): it refuses descriptors past 1023
            poller.register(self.connection.fileno(), select.POLLIN)
            waiting = poller.poll(0)
        except (OSError, ValueError):
            waiting = True  # cannot tell: ask the server
        return not waiting or super().is_usable()
